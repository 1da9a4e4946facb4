// Exporting a case to one dossier file: whom the copy is for (the office's
// complete copy, the default; all parties; one party: a copy withholds what
// its readers may not read, keeping their places), the save dialog, the
// progress the core reports (`dossier-progress`), then the file and its
// verification, which says how many entries the copy withholds. "Save as
// PDF…" typesets the verified dossier as one PDF, the dossier attached
// (`export_dossier_pdf`): the same progress, a `typeset` phase after the
// verification, then the PDF and the dossier's verification (no PDF when
// it did not verify: the report says why).

import { save } from "@tauri-apps/plugin-dialog";
import { useState } from "preact/hooks";

import { api } from "../../api";
import type { Audience } from "../../bindings/Audience";
import type { Exported } from "../../bindings/Exported";
import type { ExportedPdf } from "../../bindings/ExportedPdf";
import type { Progress } from "../../bindings/Progress";
import { Hash } from "../../components/Hash";
import { useAction, useMounted } from "../../components/hooks";
import { ErrorNote } from "../../components/Notes";
import { MissingCharacters, PdfFacts } from "../../components/PdfFacts";
import { useI18n } from "../../i18n";
import { copyOptions, fitsCase, OFFICE } from "../../lib/audience";
import { formatBytes } from "../../lib/format";
import { PDF_EXTENSION, pdfFilters } from "../../lib/pdf";
import { caseRoute, type Navigate } from "../../route";
import { CaseChoiceFields, CaseChoiceHint, useCaseChoice } from "./CaseChoice";
import { dossierFileName, dossierFilters } from "./files";
import { ReportView } from "./ReportView";

/** The phases `dossier-progress` reports (`typeset` for a PDF only, after the verification). */
const PHASES = ["export", "verify", "typeset", "done"] as const;
type Phase = (typeof PHASES)[number];
const isPhase = (p: string): p is Phase => (PHASES as readonly string[]).includes(p);

export function ExportCard({ reference, navigate }: { reference?: string; navigate: Navigate }) {
  const { t, locale } = useI18n();
  const { run, attempt, error, setError } = useAction();
  const choice = useCaseChoice(reference, setError);
  const { chosen } = choice;
  /** Whom the copy is for, as chosen; the office's complete copy unless it fits the case chosen. */
  const [audience, setAudience] = useState<Audience>(OFFICE);
  const copyFor = fitsCase(audience, choice.parties) ? audience : OFFICE;
  const [progress, setProgress] = useState<Progress | null>(null);
  /** The file written and its verification, with the case it is of (as chosen: `GVA:K-2026-0001` for another office's). */
  const [result, setResult] = useState<(Exported & { reference: string }) | null>(null);
  /** The PDF written (none when the dossier did not verify) and the dossier's verification, with the case it is of. */
  const [pdfResult, setPdfResult] = useState<(ExportedPdf & { reference: string }) | null>(null);
  const mounted = useMounted();

  /** Runs `call` with the progress block following `dossier-progress` until it is over. */
  const tracked = async <T,>(call: () => Promise<T>) => {
    setProgress({ phase: "", done: 0, total: 0 });
    const outcome = await run(async () => {
      const unlisten = await api.onDossierProgress((p) => mounted.current && setProgress(p));
      try {
        return await call();
      } finally {
        unlisten();
      }
    });
    if (mounted.current) setProgress(null);
    return outcome;
  };

  const exportIt = async () => {
    if (!chosen || progress) return;
    setResult(null);
    setPdfResult(null);
    const path = (
      await attempt(() => save({ title: t("dossier.export.dialog"), defaultPath: dossierFileName(chosen, copyFor), filters: dossierFilters(t) }))
    )?.value;
    if (!path) return;
    const exported = await tracked(() => api.exportDossier(chosen, path, copyFor));
    if (exported) setResult({ ...exported.value, reference: chosen });
  };

  const savePdf = async () => {
    if (!chosen || progress) return;
    setResult(null);
    setPdfResult(null);
    const path = (
      await attempt(() => save({ title: t("pdf.dialog"), defaultPath: dossierFileName(chosen, copyFor, PDF_EXTENSION), filters: pdfFilters(t) }))
    )?.value;
    if (!path) return;
    const made = await tracked(() => api.exportDossierPdf(chosen, path, copyFor));
    if (made) setPdfResult({ ...made.value, reference: chosen });
  };

  const phase = progress && isPhase(progress.phase) ? progress.phase : null;
  /** Bytes written or verified, or the parts typeset, of how many. */
  const measured = progress !== null && progress.total > 0;
  return (
    <section class="card" aria-labelledby="export-title">
      <h2 id="export-title">{t("dossier.export.title")}</h2>
      <p class="hint">{t("dossier.export.intro")}</p>
      <div class="card-row">
        <CaseChoiceFields choice={choice} />
        <label class="field">
          <span class="field-label">{t("audience.copyFor")}</span>
          <select
            value={copyFor}
            onChange={(e) => setAudience(e.currentTarget.value)}
            title={t("audience.copyForTitle")}
            data-testid="dossier-audience"
          >
            {copyOptions(choice.parties, t).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="primary" disabled={!chosen || !!progress} onClick={() => void exportIt()} data-testid="dossier-export">
          {t("dossier.export.button")}
        </button>
        <button type="button" disabled={!chosen || !!progress} onClick={() => void savePdf()} data-testid="dossier-export-pdf">
          {t("pdf.saveAs")}
        </button>
      </div>
      <CaseChoiceHint choice={choice} />
      {progress && (
        <div class="progress-block" data-testid="dossier-progress">
          <progress max={measured ? progress.total : undefined} value={measured ? progress.done : undefined} aria-label={t("dossier.export.progress")} />
          <span class="muted">
            {phase ? t(`dossier.phase.${phase}`) : t("dossier.export.working")}
            {measured && ` · ${Math.round((progress.done / progress.total) * 100)}%`}
          </span>
        </div>
      )}
      <ErrorNote message={error} testid="dossier-export-error" />
      {result && (
        <div
          class="result"
          data-testid="dossier-export-result"
          data-ok={result.report.ok ? "true" : "false"}
          data-audience={result.report.audience ?? OFFICE}
        >
          <dl class="facts">
            <dt>{t("dossier.file")}</dt>
            <dd class="path">{result.path}</dd>
            <dt>{t("dossier.size")}</dt>
            <dd>{formatBytes(result.bytes, locale)}</dd>
            <dt>{t("dossier.sha256")}</dt>
            <dd>
              <Hash value={result.sha256} full />
            </dd>
          </dl>
          <ReportView report={result.report} reference={result.reference} testid="dossier-export-report" />
          {result.report.case_reference && (
            <button type="button" class="link" onClick={() => navigate(caseRoute(result.reference))}>
              {t("dossier.openCase")}
            </button>
          )}
        </div>
      )}
      {pdfResult && (
        <div
          class="result"
          data-testid="dossier-pdf-result"
          data-ok={pdfResult.pdf ? "true" : "false"}
          data-path={pdfResult.pdf?.path}
          data-audience={pdfResult.exported.report.audience ?? OFFICE}
        >
          {pdfResult.pdf ? (
            <>
              <p>{t("pdf.saved")}</p>
              <PdfFacts pdf={pdfResult.pdf} />
              <MissingCharacters missing={pdfResult.pdf.missing} testid="dossier-pdf-missing" />
            </>
          ) : (
            <p>{t("dossier.pdf.none")}</p>
          )}
          <ReportView report={pdfResult.exported.report} reference={pdfResult.reference} testid="dossier-pdf-report" />
        </div>
      )}
    </section>
  );
}
