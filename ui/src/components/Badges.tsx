// Stage, entry-kind and deadline-status badges, who may read an entry or a
// deadline when not all parties may, and the counts a case shows beside its
// title (overdue deadlines, open conflicts), in the UI's language.

import type { Audience } from "../bindings/Audience";
import type { DeadlineStatus } from "../bindings/DeadlineStatus";
import type { EntryKind } from "../bindings/EntryKind";
import type { Stage } from "../bindings/Stage";
import { useI18n } from "../i18n";
import { audienceLabel, PARTIES, partyOf } from "../lib/audience";

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

/**
 * "Office only" or "Only Republic of Aldoria": what not all parties may read
 * (nothing for what is for all of them). Copies of the dossier for anyone
 * else withhold it.
 */
export function AudienceBadge({ audience, testid }: { audience: Audience | undefined; testid: string }) {
  const { t } = useI18n();
  if (!audience || audience === PARTIES) return null;
  const label = audienceLabel(audience, t);
  return (
    <span
      class={`badge audience audience--${partyOf(audience) === null ? "office" : "party"}`}
      title={t("audience.badgeTitle", { audience: label })}
      data-testid={testid}
      data-audience={audience}
    >
      {label}
    </span>
  );
}
