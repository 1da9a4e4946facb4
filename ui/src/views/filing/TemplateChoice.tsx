// Which filing to make: the template (those that can be filed in the case's
// stage first), its language, a second language for a parallel text, and
// the date of the filing; above them, any template file of the user's that
// does not load.

import { errorMessage } from "../../api";
import type { BrokenTemplate } from "../../bindings/BrokenTemplate";
import type { Stage } from "../../bindings/Stage";
import { DateInput } from "../../components/DateInput";
import { useI18n } from "../../i18n";
import { fileableIn, versionFor, type TemplateGroup } from "../../lib/templates";

type Props = {
  groups: TemplateGroup[];
  broken: BrokenTemplate[];
  stage: Stage;
  templateId: string;
  onTemplate: (id: string) => void;
  /** The chosen template's languages. */
  languages: string[];
  language: string;
  onLanguage: (language: string) => void;
  parallel: string;
  onParallel: (language: string) => void;
  date: string;
  onDate: (date: string) => void;
};

function isUiLanguage(l: string): l is "en" | "zh" | "ru" {
  return l === "en" || l === "zh" || l === "ru";
}

export function TemplateChoice(p: Props) {
  const { t, lang } = useI18n();
  const forStage = p.groups.filter((g) => fileableIn(g, p.stage));
  const others = p.groups.filter((g) => !fileableIn(g, p.stage));
  const title = (g: TemplateGroup) => versionFor(g, lang).title;
  const languageName = (l: string) => (isUiLanguage(l) ? t(`language.${l}`) : l);
  const options = (list: TemplateGroup[]) =>
    list.map((g) => (
      <option key={g.id} value={g.id}>
        {title(g)}
      </option>
    ));

  return (
    <>
      {p.broken.length > 0 && (
        <div class="note note--warn" role="status" data-testid="filing-broken-templates">
          {t("filing.brokenTemplates")}
          <ul>
            {p.broken.map((b) => (
              <li key={b.file}>
                <code>{b.file}</code>: {errorMessage(b.problem)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <label class="field">
        <span class="field-label">{t("filing.template")}</span>
        <select value={p.templateId} onChange={(e) => p.onTemplate(e.currentTarget.value)} data-testid="filing-template">
          {forStage.length > 0 && <optgroup label={t("filing.forStage", { stage: t(`stage.${p.stage}`) })}>{options(forStage)}</optgroup>}
          {others.length > 0 && <optgroup label={t("filing.otherStages")}>{options(others)}</optgroup>}
        </select>
      </label>
      <div class="field-row">
        <label class="field">
          <span class="field-label">{t("filing.language")}</span>
          <select value={p.language} onChange={(e) => p.onLanguage(e.currentTarget.value)} data-testid="filing-language">
            {p.languages.map((l) => (
              <option key={l} value={l}>
                {languageName(l)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field-label">{t("filing.parallel")}</span>
          <select value={p.parallel} onChange={(e) => p.onParallel(e.currentTarget.value)} data-testid="filing-parallel">
            <option value="">{t("filing.parallelNone")}</option>
            {p.languages
              .filter((l) => l !== p.language)
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
        <DateInput kind="date" value={p.date} onInput={p.onDate} required testid="filing-date" />
      </label>
    </>
  );
}
