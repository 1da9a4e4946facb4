// "Edit details…" of a case: its title, parties (rows added and removed, as
// in the New case dialog, with the same checks), clauses, summary, language
// and confidentiality, the title and parties' names in the other languages
// (what filings in those languages print), prefilled as they are, and a reason. Only what was
// changed is sent (lib/editCase.ts), and what is in conflict; the core records it as one
// `case_change` entry, and the case keeps every earlier value in its journal.

import { useState } from "preact/hooks";

import { api } from "../../api";
import type { Case } from "../../bindings/Case";
import type { Clause } from "../../bindings/Clause";
import type { Entry } from "../../bindings/Entry";
import { ClauseChecks, ConfidentialitySelect, LanguageSelect, PartyRows, SummaryField, TitleField } from "../../components/CaseFields";
import { CancelButton, Dialog } from "../../components/Dialog";
import { useAction } from "../../components/hooks";
import { ErrorNote } from "../../components/Notes";
import { LANGUAGES, useI18n } from "../../i18n";
import { caseChanges, changesSomething, checkEditCase, editCaseDirty, editCaseForm, type EditCaseForm, type NamesForm } from "../../lib/editCase";

type Props = {
  /** The case as the window shows it and the commands take it. */
  reference: string;
  case: Case;
  /** Details two offices changed at once: sent as the dialog has them, which decides each. */
  conflicted: string[];
  onClose: () => void;
  onChanged: (entry: Entry) => void;
};

export function EditCaseDialog({ reference, case: c, conflicted, onClose, onChanged }: Props) {
  const { t } = useI18n();
  const [form, setForm] = useState<EditCaseForm>(() => editCaseForm(c));
  const [tried, setTried] = useState(false);
  // The names in other languages are folded away unless the case has some.
  const [showNames, setShowNames] = useState(() => Object.keys(c.names).length > 0);
  const { run, busy, error, setError, clearError } = useAction();
  const problems = checkEditCase(form);

  /** Every change to the form: what was said of the form as it was no longer holds. */
  const change = (next: (f: EditCaseForm) => EditCaseForm) => {
    setForm(next);
    clearError();
  };
  const update = (patch: Partial<EditCaseForm>) => change((f) => ({ ...f, ...patch }));
  const toggleClause = (l: Clause, on: boolean) =>
    change((f) => ({ ...f, clauses: on ? [...f.clauses, l] : f.clauses.filter((x) => x !== l) }));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setTried(true);
    if (problems.length > 0) {
      clearError();
      // Take the user to the first thing to fix.
      const el = e.currentTarget as HTMLFormElement;
      const first = problems.includes("title_missing")
        ? el.querySelector<HTMLInputElement>('[data-testid="edit-case-title"]')
        : (Array.from(el.querySelectorAll<HTMLInputElement>('[data-testid^="edit-case-party-"]')).find((i) => !i.value.trim()) ??
          el.querySelector<HTMLInputElement>('[data-testid="edit-case-party-0"]'));
      first?.focus();
      return;
    }
    const input = caseChanges(c, form, conflicted);
    if (!changesSomething(input)) return setError(t("editCase.unchanged"));
    await run(async () => onChanged(await api.changeCase(reference, input)));
  };

  return (
    <Dialog title={t("editCase.title", { reference })} onClose={onClose} testid="edit-case-dialog" size="medium" dirty={editCaseDirty(c, form)}>
      <form class="form" onSubmit={(e) => void submit(e)} noValidate>
        <p class="hint">{t("editCase.hint")}</p>
        <TitleField value={form.title} onInput={(title) => update({ title })} invalid={tried && problems.includes("title_missing")} testid="edit-case" />

        <PartyRows
          parties={form.parties}
          update={(rows) => change((f) => ({ ...f, parties: rows(f.parties) }))}
          flagBlank={tried && problems.some((p) => p !== "title_missing")}
          testid="edit-case"
        />

        <ClauseChecks clauses={form.clauses} toggle={toggleClause} testid="edit-case" />

        <SummaryField value={form.summary} onInput={(summary) => update({ summary })} testid="edit-case" />
        <LanguageSelect value={form.language} onChange={(language) => update({ language })} kept={c.language} testid="edit-case" />
        <ConfidentialitySelect value={form.confidentiality} onChange={(confidentiality) => update({ confidentiality })} kept={c.confidentiality} testid="edit-case" />

        <section class="names" data-testid="edit-case-names">
          <button
            type="button"
            class="link names-toggle"
            aria-expanded={showNames}
            onClick={() => setShowNames((v) => !v)}
            data-testid="edit-case-names-toggle"
          >
            {showNames ? "▾" : "▸"} {t("editCase.names")}
          </button>
          {showNames && <p class="hint">{t("editCase.namesHint")}</p>}
          {showNames && LANGUAGES.filter((l) => l !== form.language).map((lang) => {
            const names = form.names[lang] ?? { title: "", parties: {} };
            const set = (patch: Partial<NamesForm>) => change((f) => ({ ...f, names: { ...f.names, [lang]: { ...names, ...patch } } }));
            const language = t(`language.${lang}`);
            return (
              <fieldset key={lang} class="names-language" data-lang={lang}>
                <legend>{language}</legend>
                <label class="field">
                  <span class="field-label">{t("editCase.namesTitle", { language })}</span>
                  <input type="text" lang={lang} value={names.title} onInput={(e) => set({ title: e.currentTarget.value })} data-testid={`edit-case-names-${lang}-title`} />
                </label>
                {form.parties
                  .map((p) => p.trim())
                  .filter((p) => p)
                  .map((party, i) => (
                    <label key={party} class="field">
                      <span class="field-label">{t("editCase.namesParty", { party, language })}</span>
                      <input
                        type="text"
                        lang={lang}
                        value={names.parties[party] ?? ""}
                        onInput={(e) => set({ parties: { ...names.parties, [party]: e.currentTarget.value } })}
                        data-testid={`edit-case-names-${lang}-party-${i}`}
                      />
                    </label>
                  ))}
              </fieldset>
            );
          })}
        </section>

        <label class="field">
          <span class="field-label">{t("editCase.reason")}</span>
          <textarea
            rows={2}
            value={form.reason}
            placeholder={t("editCase.reasonPlaceholder")}
            onInput={(e) => update({ reason: e.currentTarget.value })}
            data-testid="edit-case-reason"
          />
        </label>

        {tried && problems.length > 0 && (
          <ul class="note note--error" role="alert" data-testid="edit-case-problems">
            {problems.map((p) => (
              <li key={p}>{t(`newCase.problem.${p}`)}</li>
            ))}
          </ul>
        )}
        <ErrorNote message={error} />

        <div class="form-actions">
          <CancelButton />
          <button type="submit" class="primary" disabled={busy} data-testid="edit-case-submit">
            {t("editCase.submit")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
