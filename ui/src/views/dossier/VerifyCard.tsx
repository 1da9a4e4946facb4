// Verifying a dossier file on its own, without importing anything; an
// encrypted one is opened with this person's key, else its passphrase.

import { open } from "@tauri-apps/plugin-dialog";
import { useState } from "preact/hooks";

import { api } from "../../api";
import type { DossierReport } from "../../bindings/DossierReport";
import { useAction } from "../../components/hooks";
import { ErrorNote } from "../../components/Notes";
import { useI18n } from "../../i18n";
import { openDossierFilters } from "./files";
import { ReportView } from "./ReportView";
import { isSealed, SealedPrompt } from "./SealedPrompt";

export function VerifyCard() {
  const { t } = useI18n();
  const [path, setPath] = useState<string | null>(null);
  const [report, setReport] = useState<DossierReport | null>(null);
  const [sealed, setSealed] = useState(false);
  const { run, attempt, busy, error } = useAction();

  const verify = async (picked: string, passphrase: string | null) => {
    const verified = await run(async () => {
      try {
        return await api.verifyDossier(picked, passphrase);
      } catch (e) {
        setSealed(isSealed(e));
        throw e;
      }
    });
    if (verified) {
      setSealed(false);
      setReport(verified.value);
    }
  };

  const choose = async () => {
    setReport(null);
    setSealed(false);
    const picked = (await attempt(() => open({ multiple: false, directory: false, title: t("dossier.verify.dialog"), filters: openDossierFilters(t) })))?.value;
    if (typeof picked !== "string") return;
    setPath(picked);
    await verify(picked, null);
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
      {sealed && path && <SealedPrompt busy={busy} onOpen={(passphrase) => void verify(path, passphrase)} />}
      {report && <ReportView report={report} testid="dossier-verify-result" />}
    </section>
  );
}
