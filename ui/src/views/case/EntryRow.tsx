// One journal entry as the record reads now (lib/record.ts): kind, number,
// who may read it when not all parties may (the office only, one party),
// local time (and the time where it was read, when that zone is not this
// machine's), place, author (and the office, when another office recorded
// it), whether it is signed, corrections, the rendered body and the
// documents attached to it. A time, place or kind a correction changed is
// shown as corrected, with a link to that correction; an entry entered in
// error is shown void; what its corrections say in words follows its own
// text. An entry written while another office wrote one (neither knowing of
// the other) says so, with a link to that entry.

import type { Alongside } from "../../bindings/Alongside";
import type { Entry } from "../../bindings/Entry";
import type { EntryView } from "../../bindings/EntryView";
import type { JsonValue } from "../../bindings/serde_json/JsonValue";
import type { Stage } from "../../bindings/Stage";
import { AudienceBadge, KindBadge, StageBadge } from "../../components/Badges";
import { Hash } from "../../components/Hash";
import { Icon, PaperclipIcon } from "../../components/Icons";
import { useI18n, type I18n } from "../../i18n";
import type { Language } from "../../i18n/language";
import { caseChangeText, participantLeftText } from "../../lib/caseChange";
import { formatBytes } from "../../lib/format";
import { changesAnything, changesOf, dataField as field, type Current } from "../../lib/record";
import { STAGES } from "../../lib/stages";
import { formatDate, formatDateTime, formatDateTimeIn, machineZone, sameZone } from "../../lib/time";
import { useOffice } from "../../office";

type Props = {
  view: EntryView;
  /** The entry as the record reads now. */
  now: Current;
  /** The row it is shown in (rows are numbered like entries, n at the top). */
  slot: number;
  total: number;
  highlighted: boolean;
  /** A loaded entry by number (for the words of its corrections). */
  getView: (seq: number) => EntryView | undefined;
  onCorrect: (e: Entry, now: Current) => void;
  onJump: (seq: number) => void;
};

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
    case "case_change":
      return caseChangeText(e, t, lang);
    case "participant": {
      const left = participantLeftText(e, t);
      if (left) return left;
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
    case "correction": {
      // Without words of its own, its body is the core's English account of what it changes.
      const changes = changesOf(e);
      return changes.textUnchanged && changesAnything(changes) ? changesText(e, t, lang) : null;
    }
    default:
      return null;
  }
}

/** What a correction changes besides its words, in the UI language: "Changes: time 21 Nov 2026, 15:00; place Vienna." */
function changesText(e: Entry, t: I18n["t"], lang: Language): string | null {
  const c = changesOf(e);
  const said: string[] = [];
  if (c.void) said.push(t("timeline.changeVoid"));
  if (c.occurredAt !== null) said.push(t("timeline.changeTime", { time: formatDateTime(c.occurredAt, lang) }));
  if (c.place === "") said.push(t("timeline.changePlaceRemoved"));
  else if (c.place !== null) said.push(t("timeline.changePlace", { place: c.place }));
  if (c.kind !== null) said.push(t("timeline.changeKind", { kind: t(`kind.${c.kind}`) }));
  return said.length > 0 ? t("timeline.changes", { changes: said.join(t("timeline.changesSeparator")) }) : null;
}

/** "corrected": a time, place or kind a correction changed, with a link to that correction. */
function ChangedMark({ what, by, was, onJump }: { what: "time" | "place" | "kind"; by: number; was: string; onJump: (seq: number) => void }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      class="tag tag--warn entry-changed"
      onClick={() => onJump(by)}
      title={t("timeline.changedTitle", { seq: by, was })}
      data-testid="entry-changed"
      data-what={what}
      data-by={by}
    >
      {t("timeline.changed")}
    </button>
  );
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

export function EntryRow({ view, now, slot, total, highlighted, getView, onCorrect, onJump }: Props) {
  const { t, lang, locale } = useI18n();
  const { code: mine } = useOffice();
  const e = view.entry;
  const { alongside } = view;
  /**
   * The time where it was given, when that zone is not this machine's and
   * its clocks read otherwise then (the web view and the core may name one
   * zone differently: "UTC", "Etc/UTC").
   */
  const local = formatDateTime(now.occurredAt, lang);
  const there = now.zone !== null && !sameZone(now.zone, machineZone()) ? formatDateTimeIn(now.occurredAt, now.zone, lang) : null;
  const zoned = there !== local ? there : null;
  const recordedPlace = typeof field(e.data, "place") === "string" ? (field(e.data, "place") as string) : "";
  /** What its corrections say in words, after its own text. */
  const said = now.corrections.filter((k) => !changesOf(k).textUnchanged);
  const changes = e.kind === "correction" && !changesOf(e).textUnchanged ? changesText(e, t, lang) : null;
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
      class={`entry entry--${now.kind}${corrected ? " entry--corrected" : ""}${now.void ? " entry--void" : ""}${alongside ? " entry--alongside" : ""}${highlighted ? " entry--highlight" : ""}`}
      data-testid="entry"
      data-seq={e.seq}
      data-slot={slot}
      data-kind={now.kind}
      data-audience={e.audience}
      data-void={now.void ? "true" : undefined}
      data-highlighted={highlighted ? "true" : undefined}
      aria-posinset={total - slot + 1}
      aria-setsize={total}
      aria-label={`#${e.seq} ${t(`kind.${now.kind}`)}${now.void ? ` ${t("timeline.void")}` : ""}`}
    >
      <header class="entry-head">
        <KindBadge kind={now.kind} />
        {now.changedBy.kind !== null && <ChangedMark what="kind" by={now.changedBy.kind} was={t(`kind.${e.kind}`)} onJump={onJump} />}
        <span class="entry-seq">#{e.seq}</span>
        <AudienceBadge audience={e.audience} testid="entry-audience" />
        {now.void && (
          <button
            type="button"
            class="tag tag--void"
            onClick={() => now.changedBy.void !== null && onJump(now.changedBy.void)}
            title={t("timeline.voidTitle", { seq: now.changedBy.void ?? "" })}
            data-testid="entry-void"
            data-by={now.changedBy.void ?? undefined}
          >
            {t("timeline.void")}
          </button>
        )}
        <time
          dateTime={now.occurredAt}
          title={t("timeline.recordedAt", { time: formatDateTime(e.recorded_at, lang) })}
          data-testid="entry-time"
        >
          {local}
        </time>
        {zoned !== null && now.zone !== null && (
          <span class="entry-zone" title={t("timeline.zoneTitle", { zone: now.zone })} data-testid="entry-zone" data-zone={now.zone}>
            {t("timeline.inZone", { time: zoned, zone: now.zone })}
          </span>
        )}
        {now.changedBy.time !== null && (
          <ChangedMark what="time" by={now.changedBy.time} was={formatDateTime(e.occurred_at, lang)} onJump={onJump} />
        )}
        {now.place !== "" && (
          <span class="entry-place" title={t("timeline.place")} data-testid="entry-place">
            <Icon name="place" size={13} />
            {now.place}
          </span>
        )}
        {now.changedBy.place !== null && (
          <ChangedMark what="place" by={now.changedBy.place} was={recordedPlace || t("timeline.noPlace")} onJump={onJump} />
        )}
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
          onClick={() => onCorrect(e, now)}
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
      {changes !== null && (
        <p class="entry-changes" data-testid="entry-changes">
          {changes}
        </p>
      )}
      {said.map((k) => {
        const words = getView(k.seq);
        return (
          words && (
            <div key={k.seq} class="entry-correction" data-testid="entry-correction" data-by={k.seq}>
              <button type="button" class="link" onClick={() => onJump(k.seq)} title={t("timeline.showCorrection", { seq: k.seq })}>
                {t("timeline.correctionSays", { seq: k.seq })}
              </button>
              <div class="md" dangerouslySetInnerHTML={{ __html: words.body_html }} />
            </div>
          )
        );
      })}
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
