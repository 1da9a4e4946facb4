// Verifying a dossier file on its own, without importing anything.

import { open } from "@tauri-apps/plugin-dialog";
import { useState } from "preact/hooks";

import { api } from "../../api";
import type { DossierReport } from "../../bindings/DossierReport";
import { useAction } from "../../components/hooks";
import { ErrorNote } from "../../components/Notes";
import { useI18n } from "../../i18n";
import { dossierFilters } from "./files";
import { ReportView } from "./ReportView";

export function VerifyCard() {
  const { t } = useI18n();
  const [path, setPath] = useState<string | null>(null);
  const [report, setReport] = useState<DossierReport | null>(null);
  const { run, attempt, busy, error } = useAction();

  const choose = async () => {
    setReport(null);
    const picked = (await attempt(() => open({ multiple: false, directory: false, title: t("dossier.verify.dialog"), filters: dossierFilters(t) })))?.value;
    if (typeof picked !== "string") return;
    setPath(picked);
    const verified = await run(() => api.verifyDossier(picked));
    if (verified) setReport(verified.value);
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
