// Fields a case's details are given in, the same in the New case dialog and
// in a case's Edit details dialog: the parties (a row each, at least two,
// rows added and removed) and the clauses of the Code invoked.

import type { Clause } from "../bindings/Clause";
import { clauseTopic, useI18n } from "../i18n";
import { CLAUSES } from "../lib/newCase";

/**
 * The party rows. `update` is given a function of the rows as they are
 * (typing fast must not lose a keystroke to a render not yet made);
 * `flagBlank`: blank rows are marked invalid (the parties were found
 * wanting when the form was sent). Test ids: `<testid>-party-<i>`,
 * `<testid>-remove-party-<i>`, `<testid>-add-party`.
 */
export function PartyRows({
  parties,
  update,
  flagBlank,
  testid,
}: {
  parties: string[];
  update: (change: (rows: string[]) => string[]) => void;
  flagBlank: boolean;
  testid: string;
}) {
  const { t } = useI18n();
  return (
    <fieldset class="field">
      <legend class="field-label">{t("newCase.field.parties")}</legend>
      <ol class="party-rows">
        {parties.map((p, i) => (
          <li key={i} class="party-row">
            <input
              type="text"
              value={p}
              placeholder={t("newCase.partyPlaceholder")}
              aria-label={t("newCase.partyN", { n: i + 1 })}
              aria-invalid={flagBlank && (!p.trim() || undefined)}
              onInput={(e) => {
                const value = e.currentTarget.value;
                update((rows) => rows.map((q, j) => (j === i ? value : q)));
              }}
              data-testid={`${testid}-party-${i}`}
            />
            <button
              type="button"
              class="icon-button"
              disabled={parties.length <= 2}
              onClick={() => update((rows) => rows.filter((_, j) => j !== i))}
              title={t("newCase.removeParty")}
              aria-label={t("newCase.removeParty")}
              data-testid={`${testid}-remove-party-${i}`}
            >
              −
            </button>
          </li>
        ))}
      </ol>
      <button type="button" class="link" onClick={() => update((rows) => [...rows, ""])} data-testid={`${testid}-add-party`}>
        + {t("newCase.addParty")}
      </button>
    </fieldset>
  );
}

/** The clauses (a) to (k), each with its topic. Test ids: `<testid>-clause-<letter>`. */
export function ClauseChecks({ clauses, toggle, testid }: { clauses: Clause[]; toggle: (c: Clause, on: boolean) => void; testid: string }) {
  const { t } = useI18n();
  return (
    <fieldset class="field">
      <legend class="field-label">{t("newCase.field.clauses")}</legend>
      <div class="clause-grid">
        {CLAUSES.map((c) => (
          <label key={c} class="check" title={clauseTopic(t, c)}>
            <input type="checkbox" checked={clauses.includes(c)} onChange={(e) => toggle(c, e.currentTarget.checked)} data-testid={`${testid}-clause-${c}`} />
            <span>
              <b>({c})</b> {clauseTopic(t, c)}
            </span>
          </label>
        ))}
      </div>
      <p class="hint">{t("newCase.clausesHint")}</p>
    </fieldset>
  );
}
