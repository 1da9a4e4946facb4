// Importing a dossier: the open dialog, what it would add (nothing already
// here is duplicated), then, once confirmed, the import.

import { open } from "@tauri-apps/plugin-dialog";
import { useState } from "preact/hooks";

import { api } from "../../api";
import type { ImportPlan } from "../../bindings/ImportPlan";
import { useAction } from "../../components/hooks";
import { ErrorNote } from "../../components/Notes";
import { useI18n } from "../../i18n";
import { caseRoute, type Navigate } from "../../route";
import { dossierFilters } from "./files";

export function ImportCard({ navigate }: { navigate: Navigate }) {
  const { t } = useI18n();
  const [path, setPath] = useState<string | null>(null);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [done, setDone] = useState<ImportPlan | null>(null);
  const { run, attempt, busy, error } = useAction();

  const choose = async () => {
    setPlan(null);
    setDone(null);
    const picked = (await attempt(() => open({ multiple: false, directory: false, title: t("dossier.import.dialog"), filters: dossierFilters(t) })))?.value;
    if (typeof picked !== "string") return;
    setPath(picked);
    const previewed = await run(() => api.previewImport(picked));
    if (previewed) setPlan(previewed.value);
  };

  const confirm = async () => {
    if (!path || busy) return;
    const imported = await run(() => api.importDossier(path));
    if (!imported) return;
    setDone(imported.value);
    setPlan(null);
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
