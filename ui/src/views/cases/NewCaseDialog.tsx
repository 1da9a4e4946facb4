// The "New case" form: title, parties (at least two, rows added and
// removed), clauses a–k (k ticked by default), summary and language.

import { useState } from "preact/hooks";

import { api } from "../../api";
import type { Case } from "../../bindings/Case";
import type { Clause } from "../../bindings/Clause";
import { ClauseChecks, ConfidentialitySelect, LanguageSelect, PartyRows, SummaryField, TitleField } from "../../components/CaseFields";
import { DateInput } from "../../components/DateInput";
import { CancelButton, Dialog } from "../../components/Dialog";
import { useAction } from "../../components/hooks";
import { ErrorNote } from "../../components/Notes";
import { useI18n } from "../../i18n";
import { checkNewCase, emptyNewCaseForm, newCaseDirty, type NewCaseForm, toNewCaseInput } from "../../lib/newCase";

type Props = { onClose: () => void; onCreated: (c: Case) => void };

export function NewCaseDialog({ onClose, onCreated }: Props) {
  const { t } = useI18n();
  const [form, setForm] = useState<NewCaseForm>(emptyNewCaseForm());
  const [tried, setTried] = useState(false);
  const { run, busy, error } = useAction();
  const problems = checkNewCase(form);

  const update = (patch: Partial<NewCaseForm>) => setForm((f) => ({ ...f, ...patch }));
  const toggleClause = (c: Clause, on: boolean) =>
    setForm((f) => ({ ...f, clauses: on ? [...f.clauses, c] : f.clauses.filter((x) => x !== c) }));

  const submit = async (e: Event) => {
    e.preventDefault();
    setTried(true);
    if (problems.length > 0) {
      // Take the user to the first thing to fix.
      const form = e.currentTarget as HTMLFormElement;
      const first = problems.includes("title_missing")
        ? form.querySelector<HTMLInputElement>('[data-testid="new-case-title"]')
        : (Array.from(form.querySelectorAll<HTMLInputElement>('[data-testid^="new-case-party-"]')).find((i) => !i.value.trim()) ??
          form.querySelector<HTMLInputElement>('[data-testid="new-case-party-0"]'));
      first?.focus();
      return;
    }
    await run(async () => onCreated(await api.createCase(toNewCaseInput(form))));
  };

  return (
    <Dialog title={t("newCase.title")} onClose={onClose} testid="new-case-dialog" size="medium" dirty={newCaseDirty(form)}>
      <form class="form" onSubmit={(e) => void submit(e)} noValidate>
        <TitleField value={form.title} onInput={(title) => update({ title })} invalid={tried && problems.includes("title_missing")} testid="new-case" />

        <PartyRows
          parties={form.parties}
          update={(change) => setForm((f) => ({ ...f, parties: change(f.parties) }))}
          flagBlank={tried && problems.some((p) => p !== "title_missing")}
          testid="new-case"
        />

        <ClauseChecks clauses={form.clauses} toggle={toggleClause} testid="new-case" />

        <SummaryField value={form.summary} onInput={(summary) => update({ summary })} testid="new-case" />

        <label class="field">
          <span class="field-label">{t("newCase.field.openedOn")}</span>
          <DateInput kind="date" value={form.openedOn} onInput={(openedOn) => update({ openedOn })} checked={tried} testid="new-case-opened-on" />
          <p class="hint">{t("newCase.openedOnHint")}</p>
        </label>

        <LanguageSelect value={form.language} onChange={(language) => update({ language })} withDefault testid="new-case" />
        <ConfidentialitySelect value={form.confidentiality} onChange={(confidentiality) => update({ confidentiality })} testid="new-case" />

        {tried && problems.length > 0 && (
          <ul class="note note--error" role="alert" data-testid="new-case-problems">
            {problems.map((p) => (
              <li key={p}>{t(`newCase.problem.${p}`)}</li>
            ))}
          </ul>
        )}
        <ErrorNote message={error} />

        <div class="form-actions">
          <CancelButton />
          <button type="submit" class="primary" disabled={busy} data-testid="new-case-submit">
            {t("newCase.submit")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
