// Dossiers: export a case to one file (save dialog, progress, then its
// verification), import one (open dialog, what will be added, then add
// it), and verify a dossier file on its own. The case to export is picked
// from the 200 most recent, or any other by typing its reference.

import { open, save } from "@tauri-apps/plugin-dialog";
import { useEffect, useState } from "preact/hooks";

import { api, CASES_PAGE, errorMessage } from "../../api";
import type { Case } from "../../bindings/Case";
import type { Exported } from "../../bindings/Exported";
import type { Progress } from "../../bindings/Progress";
import type { DossierProblem } from "../../bindings/DossierProblem";
import type { DossierReport } from "../../bindings/DossierReport";
import type { ImportPlan } from "../../bindings/ImportPlan";
import { Hash } from "../../components/Hash";
import { useDebouncedValue, useMounted } from "../../components/hooks";
import { ErrorNote } from "../../components/Notes";
import { useI18n, type MessageKey } from "../../i18n";
import { problemText } from "../../lib/errors";
import { formatBytes, formatNumber } from "../../lib/format";
import { caseRoute, type Navigate } from "../../route";

/** Dossier files are named <reference>.pacta. */
export const DOSSIER_EXTENSION = "pacta";

/** The phases `dossier-progress` reports. */
const PHASES = ["export", "verify", "done"] as const;
type Phase = (typeof PHASES)[number];
const isPhase = (p: string): p is Phase => (PHASES as readonly string[]).includes(p);

type Props = { navigate: Navigate; reference?: string };

/** What a typed reference turned out to be. */
type Lookup = { input: string; reference: string; title: string } | { input: string; error: string };

export function DossierView({ navigate, reference }: Props) {
  const { t } = useI18n();
  return (
    <section class="view" aria-labelledby="dossier-title">
      <header class="view-head">
        <h1 id="dossier-title">{t("dossier.title")}</h1>
      </header>
      <div class="view-scroll cards">
        <ExportCard reference={reference} navigate={navigate} />
        <ImportCard navigate={navigate} />
        <VerifyCard />
      </div>
    </section>
  );
}

function dossierFilters(t: (k: MessageKey) => string) {
  return [{ name: t("dossier.fileFilter"), extensions: [DOSSIER_EXTENSION] }];
}

function ExportCard({ reference, navigate }: { reference?: string; navigate: Navigate }) {
  const { t, locale } = useI18n();
  /** The most recent cases (one page), and how many there are in all. */
  const [cases, setCases] = useState<Case[]>([]);
  const [total, setTotal] = useState(0);
  /** The case picked in the list (or the one the route came with). */
  const [picked, setPicked] = useState(reference ?? "");
  /** A reference typed instead; it wins over the list while it is not empty. */
  const [typed, setTyped] = useState("");
  const typedSettled = useDebouncedValue(typed.trim(), 300);
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<Exported | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mounted = useMounted();

  useEffect(() => {
    api
      .listCases({ stage: null, party: null, clause: null }, 0, CASES_PAGE)
      .then((page) => {
        if (!mounted.current) return;
        setCases(page.cases);
        setTotal(page.total);
      })
      .catch((e: unknown) => mounted.current && setError(errorMessage(e)));
  }, [mounted]);

  // A typed reference is looked up, so the export names the right case (or says there is none).
  useEffect(() => {
    if (!typedSettled) return;
    let current = true;
    api
      .getCase(typedSettled)
      .then((v) => current && setLookup({ input: typedSettled, reference: v.case.reference, title: v.case.title }))
      .catch((e: unknown) => current && setLookup({ input: typedSettled, error: errorMessage(e) }));
    return () => {
      current = false;
    };
  }, [typedSettled]);

  const typedInput = typed.trim();
  const found = typedInput && lookup?.input === typedInput ? lookup : null;
  const chosen = typedInput ? (found && "reference" in found ? found.reference : "") : picked;

  const run = async () => {
    if (!chosen || progress) return;
    setError(null);
    setResult(null);
    let unlisten: (() => void) | undefined;
    try {
      const path = await save({
        title: t("dossier.export.dialog"),
        defaultPath: `${chosen}.${DOSSIER_EXTENSION}`,
        filters: dossierFilters(t),
      });
      if (!path) return;
      setProgress({ phase: "", done: 0, total: 0 });
      unlisten = await api.onDossierProgress((p) => mounted.current && setProgress(p));
      const r = await api.exportDossier(chosen, path);
      if (mounted.current) setResult(r);
    } catch (e) {
      if (mounted.current) setError(errorMessage(e));
    } finally {
      unlisten?.();
      if (mounted.current) setProgress(null);
    }
  };

  const phase = progress && isPhase(progress.phase) ? progress.phase : null;
  return (
    <section class="card" aria-labelledby="export-title">
      <h2 id="export-title">{t("dossier.export.title")}</h2>
      <p class="hint">{t("dossier.export.intro")}</p>
      <div class="card-row">
        <label class="field grow">
          <span class="field-label">{t("dossier.case")}</span>
          <select
            value={typedInput ? "" : picked}
            onChange={(e) => {
              setPicked(e.currentTarget.value);
              setTyped("");
            }}
            data-testid="dossier-case"
          >
            <option value="">{t("dossier.chooseCase")}</option>
            {cases.map((c) => (
              <option key={c.id} value={c.reference}>
                {c.reference} — {c.title}
              </option>
            ))}
            {picked && !cases.some((c) => c.reference === picked) && <option value={picked}>{picked}</option>}
          </select>
        </label>
        <label class="field">
          <span class="field-label">{t("dossier.typeReference")}</span>
          <input
            type="search"
            value={typed}
            placeholder={t("dossier.referencePlaceholder")}
            spellcheck={false}
            autocomplete="off"
            onInput={(e) => setTyped(e.currentTarget.value)}
            data-testid="dossier-case-reference"
          />
        </label>
        <button type="button" class="primary" disabled={!chosen || !!progress} onClick={() => void run()} data-testid="dossier-export">
          {t("dossier.export.button")}
        </button>
      </div>
      {typedInput ? (
        <p class="hint" role="status" data-testid="dossier-case-lookup" data-found={found ? ("reference" in found ? "true" : "false") : undefined}>
          {!found ? t("dossier.lookingUp") : "reference" in found ? `${found.reference} — ${found.title}` : found.error}
        </p>
      ) : (
        total > cases.length && <p class="hint">{t("dossier.recentCases", { count: formatNumber(cases.length, locale) })}</p>
      )}
      {progress && (
        <div class="progress-block" data-testid="dossier-progress">
          <progress
            max={progress.total || undefined}
            value={progress.total ? progress.done : undefined}
            aria-label={t("dossier.export.progress")}
          />
          <span class="muted">
            {phase ? t(`dossier.phase.${phase}`) : t("dossier.export.working")}
            {progress.total > 0 && ` · ${Math.round((progress.done / progress.total) * 100)}%`}
          </span>
        </div>
      )}
      <ErrorNote message={error} testid="dossier-export-error" />
      {result && (
        <div class="result" data-testid="dossier-export-result" data-ok={result.report.ok ? "true" : "false"}>
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
          <ReportView report={result.report} testid="dossier-export-report" />
          {result.report.case_reference && (
            <button type="button" class="link" onClick={() => navigate(caseRoute(result.report.case_reference ?? chosen))}>
              {t("dossier.openCase")}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function ImportCard({ navigate }: { navigate: Navigate }) {
  const { t } = useI18n();
  const [path, setPath] = useState<string | null>(null);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [done, setDone] = useState<ImportPlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mounted = useMounted();

  const choose = async () => {
    setError(null);
    setPlan(null);
    setDone(null);
    try {
      const picked = await open({ multiple: false, directory: false, title: t("dossier.import.dialog"), filters: dossierFilters(t) });
      if (typeof picked !== "string") return;
      setPath(picked);
      setBusy(true);
      const p = await api.previewImport(picked);
      if (mounted.current) setPlan(p);
    } catch (e) {
      if (mounted.current) setError(errorMessage(e));
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  const confirm = async () => {
    if (!path || busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.importDossier(path);
      if (!mounted.current) return;
      setDone(r);
      setPlan(null);
    } catch (e) {
      if (mounted.current) setError(errorMessage(e));
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  const nothingNew = plan && !plan.new_case && plan.new_entries === 0 && plan.new_documents === 0;
  return (
    <section class="card" aria-labelledby="import-title">
      <h2 id="import-title">{t("dossier.import.title")}</h2>
      <p class="hint">{t("dossier.import.intro")}</p>
      <div class="card-row">
        <button type="button" class="primary" disabled={busy} onClick={() => void choose()} data-testid="dossier-import">
          {t("dossier.import.button")}
        </button>
        {path && <span class="path muted">{path}</span>}
      </div>
      <ErrorNote message={error} testid="dossier-import-error" />
      {plan && (
        <div class="result" data-testid="import-plan" data-new-case={plan.new_case ? "true" : "false"}>
          <p>
            <b>{plan.case_reference}</b> — {plan.title}
          </p>
          <p>{plan.new_case ? t("dossier.plan.newCase") : t("dossier.plan.existingCase")}</p>
          <ul class="plain">
            <li data-testid="import-new-entries">{t("dossier.plan.entries", { count: plan.new_entries })}</li>
            <li data-testid="import-new-documents">{t("dossier.plan.documents", { count: plan.new_documents })}</li>
            {plan.already_present > 0 && <li class="muted">{t("dossier.plan.already", { count: plan.already_present })}</li>}
          </ul>
          {nothingNew ? (
            <p class="muted">{t("dossier.plan.nothing")}</p>
          ) : (
            <div class="form-actions">
              <button type="button" onClick={() => setPlan(null)}>
                {t("common.cancel")}
              </button>
              <button type="button" class="primary" disabled={busy} onClick={() => void confirm()} data-testid="import-confirm">
                {t("dossier.import.confirm")}
              </button>
            </div>
          )}
        </div>
      )}
      {done && (
        <div class="note note--ok" role="status" data-testid="import-result">
          {t("dossier.import.done", { reference: done.case_reference, entries: done.new_entries, documents: done.new_documents })}{" "}
          <button type="button" class="link" onClick={() => navigate(caseRoute(done.case_reference))} data-testid="import-open-case">
            {t("dossier.openCase")}
          </button>
        </div>
      )}
    </section>
  );
}

function VerifyCard() {
  const { t } = useI18n();
  const [path, setPath] = useState<string | null>(null);
  const [report, setReport] = useState<DossierReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mounted = useMounted();

  const choose = async () => {
    setError(null);
    setReport(null);
    try {
      const picked = await open({ multiple: false, directory: false, title: t("dossier.verify.dialog"), filters: dossierFilters(t) });
      if (typeof picked !== "string") return;
      setPath(picked);
      setBusy(true);
      const r = await api.verifyDossier(picked);
      if (mounted.current) setReport(r);
    } catch (e) {
      if (mounted.current) setError(errorMessage(e));
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="verify-dossier-title">
      <h2 id="verify-dossier-title">{t("dossier.verify.title")}</h2>
      <p class="hint">{t("dossier.verify.intro")}</p>
      <div class="card-row">
        <button type="button" class="primary" disabled={busy} onClick={() => void choose()} data-testid="dossier-verify">
          {busy ? t("dossier.verify.running") : t("dossier.verify.button")}
        </button>
        {path && <span class="path muted">{path}</span>}
      </div>
      <ErrorNote message={error} testid="dossier-verify-error" />
      {report && <ReportView report={report} testid="dossier-verify-result" />}
    </section>
  );
}

/** A dossier's verification: a clear OK with its head hash, or every problem. */
export function ReportView({ report, testid }: { report: DossierReport; testid: string }) {
  const { t, lang } = useI18n();
  /** Where a problem is: the archive, a file in it, or an entry or line of the journal. */
  const where = (p: DossierProblem) => {
    if (p.file === null) return t("dossier.report.archive");
    if (p.entry !== null) return t("dossier.report.entry", { file: p.file, seq: p.entry });
    if (p.line !== null) return t("dossier.report.line", { file: p.file, line: p.line });
    return p.file;
  };
  return (
    <div class={`report ${report.ok ? "report--ok" : "report--bad"}`} data-testid={testid} data-ok={report.ok ? "true" : "false"} role="status">
      <p class="report-verdict">
        <span aria-hidden="true">{report.ok ? "✓ " : "✗ "}</span>
        {report.ok ? t("dossier.report.ok") : t("dossier.report.bad", { count: report.problems.length })}
      </p>
      <dl class="facts">
        {report.case_reference && (
          <>
            <dt>{t("dossier.case")}</dt>
            <dd>
              {report.case_reference}
              {report.title ? ` — ${report.title}` : ""}
            </dd>
          </>
        )}
        <dt>{t("dossier.report.entries")}</dt>
        <dd>{report.entries}</dd>
        <dt>{t("dossier.report.documents")}</dt>
        <dd>{report.documents}</dd>
        {report.head_hash && (
          <>
            <dt>{t("dossier.report.headHash")}</dt>
            <dd>
              <Hash value={report.head_hash} full testid="dossier-head-hash" />
            </dd>
          </>
        )}
      </dl>
      {report.problems.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t("dossier.report.part")}</th>
              <th scope="col">{t("dossier.report.problem")}</th>
            </tr>
          </thead>
          <tbody>
            {report.problems.map((p, i) => (
              <tr key={i} data-testid="dossier-problem" data-code={p.code}>
                <td class="nowrap">{where(p)}</td>
                <td>{problemText(p, "dossier", lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
