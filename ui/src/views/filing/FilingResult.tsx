// What a filing became once filed: its journal entry and the documents
// attached to it (markdown, HTML, PDF), with a way to the entry, and the
// characters the PDF shows as their codes, if any.

import type { Entry } from "../../bindings/Entry";
import { Hash } from "../../components/Hash";
import { MissingCharacters } from "../../components/PdfFacts";
import { useI18n } from "../../i18n";

export function FilingResult({ filed, missing, onShowEntry }: { filed: Entry; missing: string[]; onShowEntry: (seq: number) => void }) {
  const { t } = useI18n();
  return (
    <div class="note note--ok" role="status" data-testid="filing-result" data-seq={filed.seq}>
      <p>{t("filing.filed", { seq: filed.seq })}</p>
      <ul class="plain">
        {filed.documents.map((d) => (
          <li key={d.sha256}>
            {d.name} <Hash value={d.sha256} />
          </li>
        ))}
      </ul>
      <MissingCharacters missing={missing} testid="filing-filed-missing" />
      <button type="button" class="link" onClick={() => onShowEntry(filed.seq)} data-testid="filing-show-entry">
        {t("filing.showEntry")}
      </button>
    </div>
  );
}
