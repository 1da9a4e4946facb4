// Stage, entry-kind and deadline-status badges, and the counts a case shows
// beside its title (overdue deadlines, open conflicts), in the UI's language.

import type { DeadlineStatus } from "../bindings/DeadlineStatus";
import type { EntryKind } from "../bindings/EntryKind";
import type { Stage } from "../bindings/Stage";
import { useI18n } from "../i18n";

export function StageBadge({ stage, testid }: { stage: Stage; testid?: string }) {
  const { t } = useI18n();
  return (
    <span class={`badge stage stage--${stage}`} data-stage={stage} data-testid={testid}>
      {t(`stage.${stage}`)}
    </span>
  );
}

export function KindBadge({ kind }: { kind: EntryKind }) {
  const { t } = useI18n();
  return (
    <span class={`kind kind--${kind}`} data-kind={kind}>
      {t(`kind.${kind}`)}
    </span>
  );
}

export function StatusBadge({ status }: { status: DeadlineStatus }) {
  const { t } = useI18n();
  return (
    <span class={`badge status status--${status}`} data-status={status} data-testid="deadline-status">
      {t(`deadlineStatus.${status}`)}
    </span>
  );
}

export function OverdueBadge({ count }: { count: number }) {
  const { t } = useI18n();
  if (count <= 0) return null;
  return (
    <span class="badge status status--overdue" data-testid="overdue-badge" data-count={count}>
      {t("badge.overdue", { count })}
    </span>
  );
}

/** Open conflicts between entries two offices wrote at once: the case waits for someone to decide. */
export function ConflictBadge({ count }: { count: number }) {
  const { t } = useI18n();
  if (count <= 0) return null;
  return (
    <span class="badge status status--conflict" data-testid="conflict-badge" data-count={count}>
      {t("badge.conflicts", { count })}
    </span>
  );
}
