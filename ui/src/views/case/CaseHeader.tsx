// The case's reference, title, parties, clauses and stage, with a button
// for each stage move the core allows now (each asks for its reason),
// "Edit details…" (the title, parties, clauses, summary, language and
// confidentiality, changed on the record: EditCaseDialog), and,
// while two offices' entries contradict each other, the banner that names
// both sides and decides it (ConflictBanner).

import { useLayoutEffect, useRef, useState } from "preact/hooks";

import type { CaseView } from "../../bindings/CaseView";
import type { Deadline } from "../../bindings/Deadline";
import type { Stage } from "../../bindings/Stage";
import { OverdueBadge, StageBadge } from "../../components/Badges";
import { SettleDeadlineDialog, type Settle } from "../../components/SettleDeadlineDialog";
import { clauseTopic, useI18n } from "../../i18n";
import { formatDateTime } from "../../lib/time";
import type { Navigate } from "../../route";
import { ConflictBanner } from "./ConflictBanner";
import { EditCaseDialog } from "./EditCaseDialog";
import { MoveStageDialog } from "./MoveStageDialog";
import { CONFIDENTIALITY, type Confidentiality } from "../../lib/newCase";

type Props = {
  detail: CaseView;
  /** The case as the window shows it and the commands take it (`GVA:K-2026-0001` for another office's case). */
  reference: string;
  tab: "journal" | "filing";
  navigate: Navigate;
  onChanged: () => void;
  onJump: (seq: number) => void;
};

export function CaseHeader({ detail, reference, tab, navigate, onChanged, onJump }: Props) {
  const { t, lang } = useI18n();
  const [moving, setMoving] = useState<Stage | null>(null);
  /** A deadline conflict being decided: the deadline met or cancelled. */
  const [settling, setSettling] = useState<{ action: Settle; deadline: Deadline } | null>(null);
  const [editing, setEditing] = useState(false);
  const c = detail.case;
  /** The moves the core allows now: none once the case has ended. */
  const moves = detail.allowed_moves;

  return (
    <header class="case-head">
      <div class="case-head-row">
        <button type="button" class="link back" onClick={() => navigate({ view: "cases" })} data-testid="back-to-cases">
          ← {t("case.allCases")}
        </button>
        <span class="ref" data-testid="case-reference">
          {reference}
        </span>
        <StageBadge stage={c.stage} testid="case-stage" />
        <OverdueBadge count={c.overdue} />
        <span class="spacer" />
        <div class="tools">
          <button type="button" onClick={() => setEditing(true)} title={t("case.editDetailsTitle")} data-testid="case-edit">
            {t("case.editDetails")}
          </button>
          {tab === "filing" ? (
            <button type="button" onClick={() => navigate({ view: "case", reference, tab: "journal" })} data-testid="open-journal">
              {t("case.backToJournal")}
            </button>
          ) : (
            <button type="button" onClick={() => navigate({ view: "case", reference, tab: "filing" })} data-testid="open-filing">
              {t("case.newFiling")}
            </button>
          )}
          <button type="button" onClick={() => navigate({ view: "dossier", reference })} data-testid="open-dossier">
            {t("case.exportDossier")}
          </button>
        </div>
      </div>
      <h1 class="case-title" data-testid="case-title">
        {c.title}
      </h1>
      {c.summary && <Summary text={c.summary} />}
      <div class="case-head-row case-head-row--wrap">
        <dl class="case-facts">
          <div>
            <dt>{t("case.parties")}</dt>
            <dd data-testid="case-parties">{c.parties.join(" · ")}</dd>
          </div>
          <div>
            <dt>{t("case.clauses")}</dt>
            <dd>
              {c.clauses.map((l) => (
                <abbr key={l} class="clause" title={clauseTopic(t, l)}>
                  ({l})
                </abbr>
              ))}
            </dd>
          </div>
          <div>
            <dt>{t("case.opened")}</dt>
            <dd>{formatDateTime(c.opened_at, lang)}</dd>
          </div>
          {c.closed_at && (
            <div>
              <dt>{t("case.closed")}</dt>
              <dd>{formatDateTime(c.closed_at, lang)}</dd>
            </div>
          )}
          <div>
            <dt>{t("case.confidentiality")}</dt>
            <dd data-testid="case-confidentiality">
              {(CONFIDENTIALITY as readonly string[]).includes(c.confidentiality) ? t(`confidentiality.${c.confidentiality as Confidentiality}`) : c.confidentiality}
            </dd>
          </div>
          <div>
            <dt>{t("case.language")}</dt>
            <dd>{isKnownLanguage(c.language) ? t(`language.${c.language}`) : c.language}</dd>
          </div>
        </dl>
        <span class="spacer" />
        <div class="moves" role="group" aria-label={t("case.moves")} data-testid="stage-moves">
          {moves.length === 0 && <span class="muted small">{t("case.noMoves")}</span>}
          {moves.map((to) => (
            <button
              key={to}
              type="button"
              class={`move move--${to}`}
              onClick={() => setMoving(to)}
              title={t("case.moveTitle", { stage: t(`stage.${to}`) })}
              data-testid={`move-${to}`}
            >
              → {t(`stage.${to}`)}
            </button>
          ))}
        </div>
      </div>
      <ConflictBanner detail={detail} onEdit={() => setEditing(true)} onMove={setMoving} onSettle={(action, deadline) => setSettling({ action, deadline })} onJump={onJump} />
      {moving && (
        <MoveStageDialog
          reference={reference}
          from={c.stage}
          to={moving}
          onClose={() => setMoving(null)}
          onMoved={(entry) => {
            setMoving(null);
            onChanged();
            onJump(entry.seq);
          }}
        />
      )}
      {editing && (
        <EditCaseDialog
          reference={reference}
          case={c}
          conflicted={detail.conflicts.filter((k) => k.kind === "detail").map((k) => k.subject)}
          onClose={() => setEditing(false)}
          onChanged={(entry) => {
            setEditing(false);
            onChanged();
            onJump(entry.seq);
          }}
        />
      )}
      {settling && (
        <SettleDeadlineDialog
          action={settling.action}
          reference={reference}
          deadline={settling.deadline}
          onClose={() => setSettling(null)}
          onDone={() => {
            setSettling(null);
            onChanged();
          }}
        />
      )}
    </header>
  );
}

function isKnownLanguage(l: string): l is "en" | "zh" | "ru" {
  return l === "en" || l === "zh" || l === "ru";
}

/** The summary, its first three lines unless opened: a long one would push the journal off the screen. */
function Summary({ text }: { text: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [long, setLong] = useState(false);
  const ref = useRef<HTMLParagraphElement>(null);
  // Measured whole, before the first paint; cut only when it is longer.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el) setLong(el.scrollHeight > 3.5 * parseFloat(getComputedStyle(el).lineHeight));
  }, [text]);
  return (
    <div class="case-summary-wrap">
      <p ref={ref} class={long && !open ? "case-summary case-summary--cut" : "case-summary"} data-testid="case-summary">
        {text}
      </p>
      {long && (
        <button type="button" class="link small" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="case-summary-toggle">
          {open ? t("case.summaryLess") : t("case.summaryMore")}
        </button>
      )}
    </div>
  );
}
