// One journal entry: kind, number, local time, author (and the office, when
// another office recorded it), whether it is signed, corrections, the
// rendered body and the documents attached to it. An entry written while
// another office wrote one (neither knowing of the other) says so, with a
// link to that entry.

import type { Alongside } from "../../bindings/Alongside";
import type { Entry } from "../../bindings/Entry";
import type { EntryView } from "../../bindings/EntryView";
import type { JsonValue } from "../../bindings/serde_json/JsonValue";
import type { Stage } from "../../bindings/Stage";
import { KindBadge, StageBadge } from "../../components/Badges";
import { Hash } from "../../components/Hash";
import { PaperclipIcon } from "../../components/Icons";
import { useI18n, type I18n } from "../../i18n";
import type { Language } from "../../i18n/language";
import { formatBytes } from "../../lib/format";
import { STAGES } from "../../lib/stages";
import { formatDate, formatDateTime } from "../../lib/time";
import { useOffice } from "../../office";

type Props = {
  view: EntryView;
  total: number;
  highlighted: boolean;
  onCorrect: (e: Entry) => void;
  onJump: (seq: number) => void;
};

function field(data: JsonValue, name: string): JsonValue | undefined {
  return data !== null && typeof data === "object" && !Array.isArray(data) ? data[name] : undefined;
}

function text(v: JsonValue | undefined): string | null {
  return typeof v === "string" ? v : null;
}

/**
 * Entries that Pacta writes itself (opening, participants, deadlines,
 * filings, documents) say what happened in English in their body; the
 * same facts are in `data`, so they are shown in the UI's language.
 * Null: show the body (a person's words).
 */
function systemText(e: Entry, t: I18n["t"], lang: Language): string | null {
  const d = e.data;
  switch (e.kind) {
    case "stage_change":
      return field(d, "from") === null ? t("timeline.caseOpened") : null;
    case "participant": {
      const name = text(field(d, "name"));
      const role = text(field(d, "role"));
      const party = text(field(d, "party"));
      if (!name || !role) return null;
      if (party) return t("timeline.joinedAsDelegate", { name, party });
      return role === "mediator" || role === "legal_officer" || role === "delegate"
        ? t("timeline.joinedAs", { name, role: t(`role.${role}`) })
        : null;
    }
    case "deadline": {
      const due = text(field(d, "due"));
      const what = text(field(d, "what"));
      const party = text(field(d, "party"));
      if (due && what && party) return t("timeline.deadlineSetFor", { due: formatDate(due, lang), party, what });
      if (due && what) return t("timeline.deadlineSet", { due: formatDate(due, lang), what });
      if (field(d, "done") === true) return t("timeline.deadlineMet", { what: e.body.replace(/^Met: /, "") });
      const reason = text(field(d, "reason"));
      if (field(d, "cancelled") === true && what && reason) return t("timeline.deadlineCancelled", { what, reason });
      return null;
    }
    case "filing": {
      const title = text(field(d, "title"));
      return title ? t("timeline.filed", { title }) : null;
    }
    case "document":
      return e.documents.length > 0 ? t("timeline.documentAttached") : null;
    default:
      return null;
  }
}

/** "Recorded in VIE while #31 was recorded in GVA", "here" for this office. */
function alongsideText(t: I18n["t"], e: Entry, alongside: Alongside, mine: string | null): string {
  const office = e.office ?? "?";
  const other = alongside.office ?? "?";
  if (e.office !== null && e.office === mine) return t("timeline.alongsideHere", { seq: alongside.entry, other });
  if (alongside.office !== null && alongside.office === mine) return t("timeline.alongsideThere", { office, seq: alongside.entry });
  return t("timeline.alongside", { office, seq: alongside.entry, other });
}

function asStage(v: JsonValue | undefined): Stage | null {
  return typeof v === "string" && (STAGES as readonly string[]).includes(v) ? (v as Stage) : null;
}

export function EntryRow({ view, total, highlighted, onCorrect, onJump }: Props) {
  const { t, lang, locale } = useI18n();
  const { code: mine } = useOffice();
  const e = view.entry;
  const { alongside } = view;
  /** Recorded in another office: named, discreetly. */
  const otherOffice = e.office !== null && e.office !== "" && e.office !== mine ? e.office : null;
  /** The number the corrected entry has now (a merge may have moved it; older corrections also wrote it in `data`). */
  const correctsSeq = e.corrects_seq ?? field(e.data, "corrects_seq");
  const from = asStage(field(e.data, "from"));
  const to = asStage(field(e.data, "to"));
  const corrected = e.corrected_by.length > 0;
  /** Signed by at least one key (an entry from a shell older than signatures has no list). */
  const signed = (e.signed_with ?? []).length > 0;
  const system = systemText(e, t, lang);

  return (
    <article
      class={`entry entry--${e.kind}${corrected ? " entry--corrected" : ""}${alongside ? " entry--alongside" : ""}${highlighted ? " entry--highlight" : ""}`}
      data-testid="entry"
      data-seq={e.seq}
      data-kind={e.kind}
      data-highlighted={highlighted ? "true" : undefined}
      aria-posinset={total - e.seq + 1}
      aria-setsize={total}
      aria-label={`#${e.seq} ${t(`kind.${e.kind}`)}`}
    >
      <header class="entry-head">
        <KindBadge kind={e.kind} />
        <span class="entry-seq">#{e.seq}</span>
        <time
          dateTime={e.occurred_at}
          title={t("timeline.recordedAt", { time: formatDateTime(e.recorded_at, lang) })}
          data-testid="entry-time"
        >
          {formatDateTime(e.occurred_at, lang)}
        </time>
        <span class="entry-author" data-testid="entry-author">
          {e.author}
        </span>
        {otherOffice && (
          <span class="entry-office" title={t("timeline.office", { office: otherOffice })} data-testid="entry-office">
            {otherOffice}
          </span>
        )}
        <span
          class="entry-signed"
          title={signed ? t("timeline.signedTitle", { keys: e.signed_with.join(", ") }) : t("timeline.unsignedTitle")}
          data-testid="entry-signed"
          data-signed={signed ? "true" : "false"}
        >
          {signed ? t("timeline.signed") : t("timeline.unsigned")}
        </span>
        {typeof correctsSeq === "number" && (
          <button type="button" class="tag tag--link" onClick={() => onJump(correctsSeq)} data-testid="entry-corrects">
            {t("timeline.corrects", { seq: correctsSeq })}
          </button>
        )}
        {e.corrected_by.map((n) => (
          <button key={n} type="button" class="tag tag--warn" onClick={() => onJump(n)} data-testid="entry-corrected-by">
            {t("timeline.correctedBy", { seq: n })}
          </button>
        ))}
        <span class="spacer" />
        <button
          type="button"
          class="entry-action"
          onClick={() => onCorrect(e)}
          title={t("timeline.correctTitle")}
          data-testid="entry-correct"
        >
          {t("timeline.correct")}
        </button>
      </header>
      {alongside && (
        <p class="entry-alongside">
          <button
            type="button"
            class="link"
            onClick={() => onJump(alongside.entry)}
            title={t("timeline.alongsideTitle", { seq: alongside.entry })}
            data-testid="entry-alongside"
            data-seq={alongside.entry}
          >
            {alongsideText(t, e, alongside, mine)}
          </button>
        </p>
      )}
      {e.kind === "stage_change" && to && (
        <p class="entry-stages">
          {from && (
            <>
              <StageBadge stage={from} /> →{" "}
            </>
          )}
          <StageBadge stage={to} />
        </p>
      )}
      {system !== null ? (
        <p class="entry-body" data-system="true">
          {system}
        </p>
      ) : (
        <div class="entry-body md" dangerouslySetInnerHTML={{ __html: view.body_html }} />
      )}
      {e.documents.length > 0 && (
        <ul class="entry-docs" aria-label={t("timeline.documents")}>
          {e.documents.map((d) => (
            <li key={d.sha256} data-testid="entry-document">
              <PaperclipIcon />
              <span class="doc-name">{d.name}</span>
              <span class="muted">{formatBytes(d.size, locale)}</span>
              <Hash value={d.sha256} />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

export function PlaceholderRow({ seq, height }: { seq: number; height: number }) {
  const { t } = useI18n();
  return (
    <div class="entry entry--placeholder" data-placeholder="true" data-seq={seq} style={{ height: `${height}px` }} aria-hidden="true">
      <span class="entry-seq">#{seq}</span> <span class="muted">{t("timeline.loading")}</span>
    </div>
  );
}
