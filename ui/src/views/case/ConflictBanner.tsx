// Across the case header while two offices' entries contradict each other:
// each conflict with both sides, and the action that decides it. A stage
// conflict is decided by any stage move (one button for each side's move;
// the header's other moves decide it too); a deadline conflict by marking
// the deadline met or cancelling it; a detail conflict (two titles, say) by
// giving that detail in "Edit details…". Once decided, the case view reloads
// without it.

import type { CaseView } from "../../bindings/CaseView";
import type { Deadline } from "../../bindings/Deadline";
import type { Stage } from "../../bindings/Stage";
import { ConflictText, detailName } from "../../components/Conflicts";
import type { Settle } from "../../components/SettleDeadlineDialog";
import { useI18n } from "../../i18n";
import { canMarkMet } from "../../lib/deadlines";
import { isStage } from "../../lib/stages";

type Props = {
  detail: CaseView;
  onEdit: () => void;
  onMove: (to: Stage) => void;
  onSettle: (action: Settle, deadline: Deadline) => void;
  onJump: (seq: number) => void;
};

export function ConflictBanner({ detail, onEdit, onMove, onSettle, onJump }: Props) {
  const { t } = useI18n();
  if (detail.conflicts.length === 0) return null;
  return (
    <section class="conflict-banner" aria-label={t("conflict.banner")} data-testid="conflict-banner" data-count={detail.conflicts.length}>
      <p class="conflict-banner-title">
        <span aria-hidden="true">⚠ </span>
        {t("conflict.banner")}
      </p>
      {detail.conflicts.map((conflict) => {
        const stage = conflict.kind === "stage";
        const changed = conflict.kind === "detail";
        /** The moves the sides made, as far as the core allows them now (any move decides). */
        const moves = stage
          ? [...new Set(conflict.sides.map((s) => s.decision))].filter((d): d is Stage => isStage(d) && detail.allowed_moves.includes(d))
          : [];
        const deadline = conflict.kind === "deadline" ? detail.deadlines.find((d) => d.id === conflict.subject) : undefined;
        return (
          <div key={`${conflict.kind}:${conflict.subject}`} class="conflict" data-testid="conflict" data-kind={conflict.kind} data-subject={conflict.subject}>
            <ConflictText conflict={conflict} onJump={onJump} />
            <p class="hint">
              {stage
                ? t("conflict.stageOpen", { stage: isStage(conflict.subject) ? t(`stage.${conflict.subject}`) : conflict.subject })
                : changed
                  ? t("conflict.detailOpen", { field: detailName(t, conflict.subject) })
                  : t("conflict.deadlineOpen")}
            </p>
            <div class="conflict-actions">
              {moves.map((to) => (
                <button
                  key={to}
                  type="button"
                  class={`move move--${to}`}
                  onClick={() => onMove(to)}
                  title={t("case.moveTitle", { stage: t(`stage.${to}`) })}
                  data-testid="conflict-decide"
                  data-stage={to}
                >
                  {t("conflict.decideMove", { stage: t(`stage.${to}`) })}
                </button>
              ))}
              {changed && (
                <button type="button" onClick={onEdit} data-testid="conflict-decide" data-action="edit">
                  {t("case.editDetails")}
                </button>
              )}
              {deadline && canMarkMet(deadline) && (
                <>
                  <button type="button" onClick={() => onSettle("met", deadline)} data-testid="conflict-decide" data-action="met">
                    {t("deadlines.markDone")}
                  </button>
                  <button type="button" onClick={() => onSettle("cancel", deadline)} data-testid="conflict-decide" data-action="cancel">
                    {t("deadlines.cancel")}
                  </button>
                </>
              )}
            </div>
          </div>
        );
      })}
    </section>
  );
}
