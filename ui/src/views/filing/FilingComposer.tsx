// The filing composer: choose a template and its language (and a second
// language for a parallel text), fill in the template's fields, watch the
// preview (rendered by the backend, shown in a sandboxed frame), file it.
// The values typed into a template's form are kept as a draft of the case
// and that template (save_draft, ~500 ms after a change and when the
// composer is left), filled in again when the template is chosen again,
// and removed once it is filed.

import { useEffect, useMemo, useRef, useState } from "preact/hooks";

import { api, errorMessage } from "../../api";
import type { BrokenTemplate } from "../../bindings/BrokenTemplate";
import type { CaseView } from "../../bindings/CaseView";
import type { Entry } from "../../bindings/Entry";
import type { FieldSpec } from "../../bindings/FieldSpec";
import type { FilingInput } from "../../bindings/FilingInput";
import { StageBadge } from "../../components/Badges";
import { Hash } from "../../components/Hash";
import { useDebouncedCallback, useDebouncedValue, useMounted } from "../../components/hooks";
import { ErrorNote, Muted } from "../../components/Notes";
import { useI18n } from "../../i18n";
import { filingDraftOf } from "../../lib/drafts";
import {
  canFile,
  fieldLabel,
  fieldValues,
  fileableIn,
  groupTemplates,
  languagesOf,
  missingRequired,
  versionFor,
  type TemplateGroup,
} from "../../lib/templates";
import { todayLocal } from "../../lib/time";

type Props = {
  detail: CaseView;
  onFiled: (e: Entry) => void;
  onShowEntry: (seq: number) => void;
};

function isUiLanguage(l: string): l is "en" | "zh" | "ru" {
  return l === "en" || l === "zh" || l === "ru";
}

export function FilingComposer({ detail, onFiled, onShowEntry }: Props) {
  const { t, lang } = useI18n();
  const c = detail.case;
  const [groups, setGroups] = useState<TemplateGroup[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [broken, setBroken] = useState<BrokenTemplate[]>([]);
  const [templateId, setTemplateId] = useState("");
  const [language, setLanguage] = useState("");
  const [parallel, setParallel] = useState("");
  const [filingDate, setFilingDate] = useState(todayLocal());
  const [values, setValues] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [rendering, setRendering] = useState(false);
  const [filing, setFiling] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [filed, setFiled] = useState<Entry | null>(null);
  const renderSeq = useRef(0);
  const mounted = useMounted();
  // Fields typed into since the template was chosen: its draft, arriving
  // late, does not overwrite them.
  const typed = useRef(new Set<string>());

  useEffect(() => {
    api
      .listTemplates()
      .then((list) => {
        if (!mounted.current) return;
        setBroken(list.broken);
        const g = groupTemplates(list.templates);
        setGroups(g);
        const first = g.find((x) => fileableIn(x, c.stage)) ?? g[0];
        if (first) setTemplateId(first.id);
      })
      .catch((e: unknown) => mounted.current && setLoadError(errorMessage(e)));
    // Chosen once, when the composer opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

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

  // The template's draft fills in its form.
  useEffect(() => {
    if (!templateId) return;
    typed.current = new Set();
    let current = true;
    api
      .loadFilingDraft(c.reference, templateId)
      .then((kept) => {
        if (!current || !mounted.current) return;
        const restore = Object.entries(kept).filter(([name]) => !typed.current.has(name));
        if (restore.length > 0) setValues((v) => ({ ...v, ...Object.fromEntries(restore) }));
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [c.reference, templateId, mounted]);

  const saveDraft = useDebouncedCallback((template: string, kept: Record<string, string>) => {
    api.saveFilingDraft(c.reference, template, kept).catch(() => undefined);
  }, 500);
  const missing = missingRequired(fields, values);
  const stageOk = group ? fileableIn(group, c.stage) : false;

  const request: FilingInput | null = useMemo(
    () =>
      template
        ? {
            template: template.id,
            language,
            parallel: parallel || null,
            fields: fieldValues(template.fields, values),
            filing_date: filingDate,
          }
        : null,
    [template, language, parallel, values, filingDate],
  );
  const fileable = canFile({ ready: request !== null, filing, filed: filed !== null, missing: missing.length, stageOk });
  const settled = useDebouncedValue(request, 350);

  // Live preview, once the required fields are there.
  useEffect(() => {
    if (!settled || missingRequired(template?.fields ?? [], settled.fields).length > 0 || !settled.filing_date) return;
    const seq = ++renderSeq.current;
    setRendering(true);
    api
      .renderFiling(c.reference, settled)
      .then((r) => {
        if (seq !== renderSeq.current || !mounted.current) return;
        setPreview(r.html);
        setPreviewError(null);
      })
      .catch((e: unknown) => {
        if (seq !== renderSeq.current || !mounted.current) return;
        setPreviewError(errorMessage(e));
      })
      .finally(() => seq === renderSeq.current && mounted.current && setRendering(false));
    // `template` follows `settled`; the case's state is part of what is rendered.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled, c.reference, c.entries]);

  const file = async () => {
    if (!request || !fileable) return;
    setFiling(true);
    setFileError(null);
    // file_filing removes the draft: not kept again after it, unless filing fails.
    saveDraft.cancel();
    try {
      const result = await api.fileFiling(c.reference, request);
      if (!mounted.current) return;
      setFiled(result.entry);
      setPreview(result.rendered.html);
      onFiled(result.entry);
    } catch (e) {
      saveDraft(templateId, filingDraftOf(fields, values));
      if (mounted.current) setFileError(errorMessage(e));
    } finally {
      if (mounted.current) setFiling(false);
    }
  };

  const setValue = (name: string, value: string) => {
    typed.current.add(name);
    const next = { ...values, [name]: value };
    setValues(next);
    setFiled(null);
    saveDraft(templateId, filingDraftOf(fields, next));
  };
  // Another language, parallel text or date is another filing: "File it" is enabled again.
  const changeLanguage = (l: string) => {
    setLanguage(l);
    setFiled(null);
  };
  const changeParallel = (l: string) => {
    setParallel(l);
    setFiled(null);
  };
  const changeDate = (d: string) => {
    setFilingDate(d);
    setFiled(null);
  };

  if (loadError) return <ErrorNote message={loadError} />;
  if (!groups) return <Muted>{t("common.loading")}</Muted>;
  if (groups.length === 0) return <Muted>{t("filing.noTemplates")}</Muted>;

  const forStage = groups.filter((g) => fileableIn(g, c.stage));
  const others = groups.filter((g) => !fileableIn(g, c.stage));
  const title = (g: TemplateGroup) => versionFor(g, lang).title;
  const languageName = (l: string) => (isUiLanguage(l) ? t(`language.${l}`) : l);

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
        {broken.length > 0 && (
          <div class="note note--warn" role="status" data-testid="filing-broken-templates">
            {t("filing.brokenTemplates")}
            <ul>
              {broken.map((b) => (
                <li key={b.file}>
                  <code>{b.file}</code>: {errorMessage(b.problem)}
                </li>
              ))}
            </ul>
          </div>
        )}
        <label class="field">
          <span class="field-label">{t("filing.template")}</span>
          <select
            value={templateId}
            onChange={(e) => {
              saveDraft.flush();
              setTemplateId(e.currentTarget.value);
              setFiled(null);
              setPreview(null);
              setPreviewError(null);
            }}
            data-testid="filing-template"
          >
            {forStage.length > 0 && (
              <optgroup label={t("filing.forStage", { stage: t(`stage.${c.stage}`) })}>
                {forStage.map((g) => (
                  <option key={g.id} value={g.id}>
                    {title(g)}
                  </option>
                ))}
              </optgroup>
            )}
            {others.length > 0 && (
              <optgroup label={t("filing.otherStages")}>
                {others.map((g) => (
                  <option key={g.id} value={g.id}>
                    {title(g)}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <div class="field-row">
          <label class="field">
            <span class="field-label">{t("filing.language")}</span>
            <select value={language} onChange={(e) => changeLanguage(e.currentTarget.value)} data-testid="filing-language">
              {languages.map((l) => (
                <option key={l} value={l}>
                  {languageName(l)}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span class="field-label">{t("filing.parallel")}</span>
            <select value={parallel} onChange={(e) => changeParallel(e.currentTarget.value)} data-testid="filing-parallel">
              <option value="">{t("filing.parallelNone")}</option>
              {languages
                .filter((l) => l !== language)
                .map((l) => (
                  <option key={l} value={l}>
                    {languageName(l)}
                  </option>
                ))}
            </select>
          </label>
        </div>
        <label class="field">
          <span class="field-label">{t("filing.date")}</span>
          <input type="date" value={filingDate} onInput={(e) => changeDate(e.currentTarget.value)} data-testid="filing-date" />
        </label>

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

        {!stageOk && group && (
          <p class="note note--warn" data-testid="filing-stage-note">
            {t("filing.notThisStage", {
              stages: [...new Set([...group.versions.values()].flatMap((v) => v.stages))].map((s) => t(`stage.${s}`)).join(", "),
            })}{" "}
            <StageBadge stage={c.stage} />
          </p>
        )}
        {missing.length > 0 && group && (
          <p class="note note--info" data-testid="filing-missing">
            {t("filing.missing", { fields: missing.map((f) => fieldLabel(group, f, lang)).join(", ") })}
          </p>
        )}
        <ErrorNote message={fileError} testid="filing-error" />
        {filed && (
          <div class="note note--ok" role="status" data-testid="filing-result" data-seq={filed.seq}>
            <p>{t("filing.filed", { seq: filed.seq })}</p>
            <ul class="plain">
              {filed.documents.map((d) => (
                <li key={d.sha256}>
                  {d.name} <Hash value={d.sha256} />
                </li>
              ))}
            </ul>
            <button type="button" class="link" onClick={() => onShowEntry(filed.seq)} data-testid="filing-show-entry">
              {t("filing.showEntry")}
            </button>
          </div>
        )}
        <div class="form-actions">
          <button type="submit" class="primary" disabled={!fileable} data-testid="filing-file">
            {filing ? t("filing.filing") : t("filing.fileIt")}
          </button>
        </div>
      </form>
      <div class="composer-preview">
        <div class="preview-head">
          <span>{t("filing.preview")}</span>
          {rendering && <span class="muted">{t("filing.rendering")}</span>}
        </div>
        <ErrorNote message={previewError} testid="filing-preview-error" />
        {preview ? (
          <iframe
            sandbox=""
            class={`preview-frame${previewError || missing.length > 0 ? " preview-frame--stale" : ""}`}
            title={t("filing.preview")}
            srcdoc={preview}
            data-testid="filing-preview"
          />
        ) : (
          <div class="preview-empty muted" data-testid="filing-preview-empty">
            {missing.length > 0 ? t("filing.previewNeedsFields") : t("filing.rendering")}
          </div>
        )}
      </div>
    </div>
  );
}

function FieldInput({
  field,
  label,
  value,
  parties,
  onChange,
}: {
  field: FieldSpec;
  label: string;
  value: string;
  parties: string[];
  onChange: (v: string) => void;
}) {
  const { t } = useI18n();
  const testid = `field-${field.name}`;
  const common = { "data-testid": testid, "aria-required": field.required, name: field.name };
  let input;
  switch (field.type) {
    case "multiline":
      input = <textarea rows={4} value={value} onInput={(e) => onChange(e.currentTarget.value)} {...common} />;
      break;
    case "date":
      input = <input type="date" value={value} onInput={(e) => onChange(e.currentTarget.value)} {...common} />;
      break;
    case "number":
      input = <input type="number" step={1} value={value} onInput={(e) => onChange(e.currentTarget.value)} {...common} />;
      break;
    case "party":
      input = (
        <select value={value} onChange={(e) => onChange(e.currentTarget.value)} {...common}>
          <option value="">{t("filing.chooseParty")}</option>
          {parties.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      );
      break;
    default:
      input = <input type="text" value={value} onInput={(e) => onChange(e.currentTarget.value)} {...common} />;
  }
  return (
    <label class="field">
      <span class="field-label">
        {label}
        {field.required ? <span class="required"> *</span> : <span class="muted"> ({t("common.optional")})</span>}
      </span>
      {input}
    </label>
  );
}
