// The filing composer: choose a template and its language (and a second
// language for a parallel text), fill in the template's fields, watch the
// preview (rendered by the backend, shown in a sandboxed frame), file it,
// or save it as PDF, typeset as previewed, without filing it.
// The values typed into a template's form are kept as a draft of the case
// and that template (save_draft, ~500 ms after a change and when the
// composer is left), filled in again when the template is chosen again,
// and removed once it is filed.
//
// This file holds what the filing is made of and files it; the parts are
// TemplateChoice (which filing), FieldInput (each field), useFilingValues
// (the values typed, and their draft), FilingChecks (why it cannot be filed
// yet), FilingResult (what it became), FilingPdf (saving it as PDF),
// FilingPreview with useFilingPreview (the live page) and useTemplates (the
// templates, asked for once).

import { useEffect, useMemo, useState } from "preact/hooks";

import { api } from "../../api";
import type { CaseView } from "../../bindings/CaseView";
import type { Entry } from "../../bindings/Entry";
import type { FieldSpec } from "../../bindings/FieldSpec";
import type { FilingInput } from "../../bindings/FilingInput";
import { useAction, useDebouncedValue } from "../../components/hooks";
import { ErrorNote, Muted } from "../../components/Notes";
import { useI18n } from "../../i18n";
import { canFile, fieldLabel, fieldValues, fileableIn, languagesOf, missingRequired, unreadableDates } from "../../lib/templates";
import { readDateField, todayLocal } from "../../lib/time";
import { FieldInput } from "./FieldInput";
import { FilingChecks } from "./FilingChecks";
import { FilingPdfResult, useFilingPdf } from "./FilingPdf";
import { FilingPreview } from "./FilingPreview";
import { FilingResult } from "./FilingResult";
import { TemplateChoice } from "./TemplateChoice";
import { useFilingPreview } from "./useFilingPreview";
import { useFilingValues } from "./useFilingValues";
import { useTemplates } from "./useTemplates";

type Props = {
  detail: CaseView;
  /** The case as the commands take it (`GVA:K-2026-0001` for another office's case). */
  reference: string;
  onFiled: (e: Entry) => void;
  onShowEntry: (seq: number) => void;
};

export function FilingComposer({ detail, reference, onFiled, onShowEntry }: Props) {
  const { t, lang } = useI18n();
  const c = detail.case;
  const templates = useTemplates(c.stage);
  const { groups } = templates;
  const [chosenId, setTemplateId] = useState("");
  /** The template chosen, else the one to start with. */
  const templateId = chosenId || templates.first;
  const [language, setLanguage] = useState("");
  const [parallel, setParallel] = useState("");
  const [filingDate, setFilingDate] = useState(todayLocal());
  const { run, busy: filing, error: fileError } = useAction();
  /** The entry the filing became, and the characters its PDF shows as their codes. */
  const [filed, setFiled] = useState<{ entry: Entry; missing: string[] } | null>(null);

  const group = groups?.find((g) => g.id === templateId) ?? null;
  const languages = group ? languagesOf(group) : [];

  // Keep the language valid for the chosen template: the case's, else the first.
  useEffect(() => {
    if (!group) return;
    const ls = languagesOf(group);
    if (!ls.includes(language)) setLanguage(ls.includes(c.language) ? c.language : (ls[0] ?? ""));
    if (parallel && (!ls.includes(parallel) || parallel === language)) setParallel("");
  }, [group, language, parallel, c.language]);

  const template = group && language ? (group.versions.get(language) ?? null) : null;
  const fields: FieldSpec[] = template?.fields ?? [];

  const draft = useFilingValues(reference, templateId, fields);
  const { values } = draft;
  const missing = missingRequired(fields, values);
  const stageOk = group ? fileableIn(group, c.stage) : false;
  // Dates that are not YYYY-MM-DD are neither previewed nor filed; their fields say why.
  const datesOk = "value" in readDateField(filingDate) && unreadableDates(fields, values).length === 0;

  const request: FilingInput | null = useMemo(
    () =>
      template && datesOk
        ? { template: template.id, language, parallel: parallel || null, fields: fieldValues(template.fields, values), filing_date: filingDate.trim() }
        : null,
    [template, language, parallel, values, filingDate, datesOk],
  );
  const fileable = canFile({ ready: request !== null, filing, filed: filed !== null, missing: missing.length, stageOk });
  const settled = useDebouncedValue(request, 350);
  const preview = useFilingPreview(reference, c.entries, settled, fields);
  const pdf = useFilingPdf(reference);
  /** What can be previewed can be typeset: the PDF is the page the preview shows (once settled), as the form has it now. */
  const typesettable = request !== null && missing.length === 0;

  const saveAsPdf = () => {
    if (request && typesettable) void pdf.saveAs(request);
  };

  const file = async () => {
    if (!request || !fileable) return;
    // file_filing removes the draft: not kept again after it, unless filing fails.
    draft.cancel();
    const result = await run(async () => {
      try {
        return await api.fileFiling(reference, request);
      } catch (e) {
        draft.keepAgain();
        throw e;
      }
    });
    if (!result) return;
    setFiled({ entry: result.value.entry, missing: result.value.missing });
    preview.show(result.value.rendered.html);
    onFiled(result.value.entry);
  };

  const setValue = (name: string, value: string) => {
    draft.set(name, value);
    setFiled(null);
  };
  // Another template, language, parallel text or date is another filing: "File it" is enabled again.
  function another<T>(set: (v: T) => void) {
    return (v: T) => {
      set(v);
      setFiled(null);
    };
  }
  const chooseTemplate = (id: string) => {
    draft.flush();
    setTemplateId(id);
    setFiled(null);
    preview.clear();
    pdf.clear();
  };

  if (templates.error) return <ErrorNote message={templates.error} />;
  if (!groups) return <Muted>{t("common.loading")}</Muted>;
  if (groups.length === 0) return <Muted>{t("filing.noTemplates")}</Muted>;

  return (
    <div class="composer" data-testid="filing-composer">
      <form
        class="composer-form form"
        onSubmit={(e) => {
          e.preventDefault();
          void file();
        }}
      >
        <h2 class="panel-title">{t("filing.title")}</h2>
        <TemplateChoice
          groups={groups}
          broken={templates.broken}
          stage={c.stage}
          templateId={templateId}
          onTemplate={chooseTemplate}
          languages={languages}
          language={language}
          onLanguage={another(setLanguage)}
          parallel={parallel}
          onParallel={another(setParallel)}
          date={filingDate}
          onDate={another(setFilingDate)}
        />

        {fields.length > 0 && <h3 class="subhead">{t("filing.fields")}</h3>}
        {group &&
          fields.map((f) => (
            <FieldInput
              key={`${templateId}:${f.name}`}
              field={f}
              label={fieldLabel(group, f, lang)}
              value={values[f.name] ?? ""}
              parties={c.parties}
              onChange={(v) => setValue(f.name, v)}
            />
          ))}

        {group && <FilingChecks group={group} stage={c.stage} stageOk={stageOk} missing={missing} dateMissing={!filingDate.trim()} />}
        <ErrorNote message={fileError} testid="filing-error" />
        {filed && <FilingResult filed={filed.entry} missing={filed.missing} onShowEntry={onShowEntry} />}
        <ErrorNote message={pdf.error} testid="filing-pdf-error" />
        {pdf.saved && <FilingPdfResult pdf={pdf.saved} />}
        <div class="form-actions">
          <button type="button" disabled={!typesettable || pdf.busy} onClick={saveAsPdf} aria-busy={pdf.busy} data-testid="filing-save-pdf">
            {pdf.busy ? t("pdf.typesetting") : t("pdf.saveAs")}
          </button>
          <button type="submit" class="primary" disabled={!fileable} data-testid="filing-file">
            {filing ? t("filing.filing") : t("filing.fileIt")}
          </button>
        </div>
      </form>
      <FilingPreview preview={preview} incomplete={missing.length > 0 || !datesOk} />
    </div>
  );
}
