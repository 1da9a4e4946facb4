// A conflict, as the case header's banner and the import card both show it:
// what two offices decided at once, each side with who, where and its entry
// number ("Dr. Ines Moreau (GVA, #3) moved the case to Mediation").

import type { Conflict } from "../bindings/Conflict";
import type { ConflictSide } from "../bindings/ConflictSide";
import { useI18n, type I18n } from "../i18n";
import { isStage } from "../lib/stages";
import { formatDateTime } from "../lib/time";
import { useOffice } from "../office";

/** A stage id by its name in the UI; an id it does not know, as sent. */
function stageName(t: I18n["t"], id: string): string {
  return isStage(id) ? t(`stage.${id}`) : id;
}

/** Where an entry was recorded: "here" for this office, else its code. */
export function officeWord(t: I18n["t"], office: string | null, mine: string | null): string {
  if (office === null) return "?";
  return office === mine ? t("office.here") : office;
}

const DETAILS = ["title", "summary", "parties", "clauses", "language", "confidentiality", "names"] as const;

/** A detail of the case by its name in the UI ("title" → "the title"); a detail it does not know, as sent. */
export function detailName(t: I18n["t"], field: string): string {
  return (DETAILS as readonly string[]).includes(field) ? t(`conflict.field.${field as (typeof DETAILS)[number]}`) : field;
}

/** What one side decided: the stage it moved the case to, that it met or cancelled the deadline, or a detail's new value. */
function decisionText(t: I18n["t"], kind: string, side: ConflictSide): string {
  if (kind === "detail") return t("conflict.changedTo", { value: side.decision });
  if (side.decision === "met") return t("conflict.met");
  if (side.decision === "cancelled") return t("conflict.cancelled");
  return t("conflict.movedTo", { stage: stageName(t, side.decision) });
}

/** What the conflict is about, then each side. `onJump`: each side's entry is a link to it in the journal. */
export function ConflictText({ conflict, onJump }: { conflict: Conflict; onJump?: (seq: number) => void }) {
  const { t, lang } = useI18n();
  const { code: mine } = useOffice();
  const about =
    conflict.kind === "stage"
      ? t("conflict.stage", { stage: stageName(t, conflict.subject) })
      : conflict.kind === "detail"
        ? t("conflict.detail", { field: detailName(t, conflict.subject) })
        : t("conflict.deadline", { what: conflict.what ?? "" });
  return (
    <>
      <p class="conflict-about">{about}</p>
      <ul class="conflict-sides">
        {conflict.sides.map((side) => {
          const text = t("conflict.side", { author: side.author, office: officeWord(t, side.office, mine), seq: side.entry, decision: decisionText(t, conflict.kind, side) });
          const recorded = t("timeline.recordedAt", { time: formatDateTime(side.recorded_at, lang) });
          return (
            <li key={side.id} data-testid="conflict-side" data-entry={side.entry} data-office={side.office ?? ""} data-decision={side.decision}>
              {onJump ? (
                <button type="button" class="link" onClick={() => onJump(side.entry)} title={`${recorded} · ${t("common.showEntry")}`}>
                  {text}
                </button>
              ) : (
                <span title={recorded}>{text}</span>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
