// Why the filing cannot be filed yet: it is not made in the case's present
// stage, or required fields are still empty.

import type { FieldSpec } from "../../bindings/FieldSpec";
import type { Stage } from "../../bindings/Stage";
import { StageBadge } from "../../components/Badges";
import { useI18n } from "../../i18n";
import { fieldLabel, type TemplateGroup } from "../../lib/templates";

type Props = { group: TemplateGroup; stage: Stage; stageOk: boolean; missing: FieldSpec[] };

export function FilingChecks({ group, stage, stageOk, missing }: Props) {
  const { t, lang } = useI18n();
  const stages = [...new Set([...group.versions.values()].flatMap((v) => v.stages))];
  return (
    <>
      {!stageOk && (
        <p class="note note--warn" data-testid="filing-stage-note">
          {t("filing.notThisStage", { stages: stages.map((s) => t(`stage.${s}`)).join(", ") })} <StageBadge stage={stage} />
        </p>
      )}
      {missing.length > 0 && (
        <p class="note note--info" data-testid="filing-missing">
          {t("filing.missing", { fields: missing.map((f) => fieldLabel(group, f, lang)).join(", ") })}
        </p>
      )}
    </>
  );
}
