// The PDFs the window saves (a filing, a case's dossier): the save dialog's
// filter, and the names they are offered under.

import type { FilingInput } from "../bindings/FilingInput";
import type { MessageKey } from "../i18n";

export const PDF_EXTENSION = "pdf";

/** The save dialog's filter: PDF documents. */
export function pdfFilters(t: (k: MessageKey) => string) {
  return [{ name: t("pdf.fileFilter"), extensions: [PDF_EXTENSION] }];
}

/** A part of a file name with no character Windows refuses in one (`GVA:K-2026-0001` → `GVA-K-2026-0001`). */
export function safeFileName(s: string): string {
  return s.replace(/[\\/:*?"<>|]/g, "-");
}

/**
 * The name a filing's PDF is offered under, as the core names the documents
 * a filing becomes: reference, date, template, language(s), so that it can
 * be told apart from the case's other filings
 * (`K-2026-0001-2026-11-26-opening-statement-en-zh.pdf`).
 */
export function filingPdfName(reference: string, request: Pick<FilingInput, "template" | "language" | "parallel" | "filing_date">): string {
  const parts = [reference, request.filing_date.trim(), request.template, request.language, request.parallel].filter(
    (p): p is string => typeof p === "string" && p !== "",
  );
  return `${safeFileName(parts.join("-"))}.${PDF_EXTENSION}`;
}
