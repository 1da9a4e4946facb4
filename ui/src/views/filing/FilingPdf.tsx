// "Save as PDF…": the filing typeset exactly as previewed (save_filing_pdf;
// nothing is filed), saved where the user chooses, and what was written:
// the file, its size and SHA-256, and the characters no shipped font has.
// Typesetting takes up to ~1.5 s the first time (the fonts load).

import { save } from "@tauri-apps/plugin-dialog";
import { useCallback, useState } from "preact/hooks";

import { api } from "../../api";
import type { FilingInput } from "../../bindings/FilingInput";
import type { PdfReport } from "../../bindings/PdfReport";
import { useAction } from "../../components/hooks";
import { MissingCharacters, PdfFacts } from "../../components/PdfFacts";
import { useI18n } from "../../i18n";
import { filingPdfName, pdfFilters } from "../../lib/pdf";

/** Saves a filing of case `reference` as PDF: `busy` while it is typeset, `saved` once written. */
export function useFilingPdf(reference: string) {
  const { t } = useI18n();
  const { run, attempt, busy, error, clearError } = useAction();
  const [saved, setSaved] = useState<PdfReport | null>(null);

  const saveAs = async (request: FilingInput) => {
    setSaved(null);
    const path = (
      await attempt(() => save({ title: t("pdf.dialog"), defaultPath: filingPdfName(reference, request), filters: pdfFilters(t) }))
    )?.value;
    if (!path) return;
    const written = await run(() => api.saveFilingPdf(reference, request, path));
    if (written) setSaved(written.value);
  };

  /** Another template: what was saved for the last one is no longer shown. */
  const clear = useCallback(() => {
    setSaved(null);
    clearError();
  }, [clearError]);

  return { saveAs, busy, error, saved, clear };
}

/** The PDF just saved: where, how big, its SHA-256, and the characters it shows as their codes. */
export function FilingPdfResult({ pdf }: { pdf: PdfReport }) {
  const { t } = useI18n();
  return (
    <div class="result" role="status" data-testid="filing-pdf-result" data-path={pdf.path}>
      <p>{t("pdf.saved")}</p>
      <PdfFacts pdf={pdf} />
      <MissingCharacters missing={pdf.missing} testid="filing-pdf-missing" />
    </div>
  );
}
