// Fields a case's details are given in, the same in the New case dialog and
// in a case's Edit details dialog: the title, the parties (a row each, at
// least two, rows added and removed), the clauses of the Code invoked, the
// summary, the language and the confidentiality. Each takes a `testid`, the
// dialog's prefix ("new-case", "edit-case").

import type { Clause } from "../bindings/Clause";
import { clauseTopic, isLanguage, LANGUAGES, useI18n } from "../i18n";
import { CLAUSES, CONFIDENTIALITY, type Confidentiality } from "../lib/newCase";

/** The title, focused first; `invalid`: found missing when the form was sent. Test id: `<testid>-title`. */
export function TitleField({ value, onInput, invalid, testid }: { value: string; onInput: (title: string) => void; invalid: boolean; testid: string }) {
  const { t } = useI18n();
  return (
    <label class="field">
      <span class="field-label">{t("newCase.field.title")}</span>
      <input type="text" value={value} onInput={(e) => onInput(e.currentTarget.value)} autoFocus aria-invalid={invalid} data-testid={`${testid}-title`} />
    </label>
  );
}

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

/** The summary. Test id: `<testid>-summary`. */
export function SummaryField({ value, onInput, testid }: { value: string; onInput: (summary: string) => void; testid: string }) {
  const { t } = useI18n();
  return (
    <label class="field">
      <span class="field-label">{t("newCase.field.summary")}</span>
      <textarea rows={3} value={value} onInput={(e) => onInput(e.currentTarget.value)} data-testid={`${testid}-summary`} />
    </label>
  );
}

/** `known`, then `kept` if it is not one of them: a value the window has no word for (from a newer Pacta) is offered as it is. */
function withKept(known: readonly string[], kept: string | undefined): string[] {
  return kept === undefined || known.includes(kept) ? [...known] : [...known, kept];
}

/**
 * The language. `withDefault`: a first option "" (the default, English);
 * `kept`: the case's language, offered even when the window has no word for
 * it. Test id: `<testid>-language`.
 */
export function LanguageSelect<V extends string>({
  value,
  onChange,
  withDefault = false,
  kept,
  testid,
}: {
  value: V;
  onChange: (language: V) => void;
  withDefault?: boolean;
  kept?: string;
  testid: string;
}) {
  const { t } = useI18n();
  return (
    <label class="field">
      <span class="field-label">{t("newCase.field.language")}</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value as V)} data-testid={`${testid}-language`}>
        {withDefault && <option value="">{t("newCase.languageDefault")}</option>}
        {withKept(LANGUAGES, kept).map((l) => (
          <option key={l} value={l}>
            {isLanguage(l) ? t(`language.${l}`) : l}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The confidentiality; `kept`: the case's, offered even when the window has no word for it. Test id: `<testid>-confidentiality`. */
export function ConfidentialitySelect<V extends string>({
  value,
  onChange,
  kept,
  testid,
}: {
  value: V;
  onChange: (level: V) => void;
  kept?: string;
  testid: string;
}) {
  const { t } = useI18n();
  const known = (l: string): l is Confidentiality => (CONFIDENTIALITY as readonly string[]).includes(l);
  return (
    <label class="field">
      <span class="field-label">{t("newCase.field.confidentiality")}</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value as V)} data-testid={`${testid}-confidentiality`}>
        {withKept(CONFIDENTIALITY, kept).map((l) => (
          <option key={l} value={l}>
            {known(l) ? t(`confidentiality.${l}`) : l}
          </option>
        ))}
      </select>
    </label>
  );
}
