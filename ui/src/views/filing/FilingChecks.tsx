// Why the filing cannot be filed yet: it is not made in the case's present
// stage, or required fields (or the date of the filing) are still empty.

import type { FieldSpec } from "../../bindings/FieldSpec";
import type { Stage } from "../../bindings/Stage";
import { StageBadge } from "../../components/Badges";
import { useI18n } from "../../i18n";
import { fieldLabel, type TemplateGroup } from "../../lib/templates";

/** `dateMissing`: the date of the filing was emptied. */
type Props = { group: TemplateGroup; stage: Stage; stageOk: boolean; missing: FieldSpec[]; dateMissing: boolean };

export function FilingChecks({ group, stage, stageOk, missing, dateMissing }: Props) {
  const { t, lang } = useI18n();
  const stages = [...new Set([...group.versions.values()].flatMap((v) => v.stages))];
  const toFill = [...(dateMissing ? [t("filing.date")] : []), ...missing.map((f) => fieldLabel(group, f, lang))];
  return (
    <>
      {!stageOk && (
        <p class="note note--warn" data-testid="filing-stage-note">
          {t("filing.notThisStage", { stages: stages.map((s) => t(`stage.${s}`)).join(", ") })} <StageBadge stage={stage} />
        </p>
      )}
      {toFill.length > 0 && (
        <p class="note note--info" data-testid="filing-missing">
          {t("filing.missing", { fields: toFill.join(", ") })}
        </p>
      )}
    </>
  );
}
