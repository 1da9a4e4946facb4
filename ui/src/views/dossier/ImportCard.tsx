// Importing a dossier: the open dialog, what it would add (nothing already
// here is duplicated) — the offices its entries were recorded in, each
// entry, and any conflict the merge would leave open for someone to decide
// — then, once confirmed, the import, and the same account of what it did.
// An encrypted dossier is opened with this person's key, else its
// passphrase, asked for once and kept for the import.

import { open } from "@tauri-apps/plugin-dialog";
import { useState } from "preact/hooks";

import { api } from "../../api";
import type { ImportPlan } from "../../bindings/ImportPlan";
import { KindBadge } from "../../components/Badges";
import { ConflictText } from "../../components/Conflicts";
import { useAction } from "../../components/hooks";
import { ErrorNote } from "../../components/Notes";
import { useI18n } from "../../i18n";
import { caseKey } from "../../lib/references";
import { formatDateTime } from "../../lib/time";
import { useOffice } from "../../office";
import { caseRoute, type Navigate } from "../../route";
import { openDossierFilters } from "./files";
import { isSealed, SealedPrompt } from "./SealedPrompt";

/** Entries listed before "…and 20 more": a new case may bring thousands. */
const ENTRIES_SHOWN = 100;

export function ImportCard({ navigate }: { navigate: Navigate }) {
  const { t } = useI18n();
  const { code: office, recheck } = useOffice();
  const [path, setPath] = useState<string | null>(null);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [done, setDone] = useState<ImportPlan | null>(null);
  const [sealed, setSealed] = useState(false);
  /** The passphrase that opened an encrypted dossier, for its import. */
  const [passphrase, setPassphrase] = useState<string | null>(null);
  const { run, attempt, busy, error } = useAction();

  const preview = async (picked: string, given: string | null) => {
    const previewed = await run(async () => {
      try {
        return await api.previewImport(picked, given);
      } catch (e) {
        setSealed(isSealed(e));
        throw e;
      }
    });
    if (previewed) {
      setSealed(false);
      setPassphrase(given);
      setPlan(previewed.value);
    }
  };

  const choose = async () => {
    setPlan(null);
    setDone(null);
    setSealed(false);
    const picked = (await attempt(() => open({ multiple: false, directory: false, title: t("dossier.import.dialog"), filters: openDossierFilters(t) })))?.value;
    if (typeof picked !== "string") return;
    setPath(picked);
    await preview(picked, null);
  };

  const confirm = async () => {
    if (!path || busy) return;
    const imported = await run(() => api.importDossier(path, passphrase));
    if (!imported) return;
    recheck();
    setDone(imported.value);
    setPlan(null);
  };

  /** The case as this window names it and the commands take it (`GVA:K-2026-0001` for another office's). */
  const referenceOf = (p: ImportPlan) => caseKey(p.office, p.case_reference, office);
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
      {sealed && path && <SealedPrompt busy={busy} onOpen={(given) => void preview(path, given)} />}
      {plan && (
        <div class="result" data-testid="import-plan" data-new-case={plan.new_case ? "true" : "false"} data-reference={referenceOf(plan)}>
          <p>
            <b>{referenceOf(plan)}</b> — {plan.title}
          </p>
          <p>{plan.new_case ? t("dossier.plan.newCase") : t("dossier.plan.existingCase")}</p>
          <PlanCounts plan={plan} />
          <PlanDetails plan={plan} done={false} />
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
        <div class="result" data-testid="import-result" data-reference={referenceOf(done)}>
          <p class="note note--ok" role="status">
            {t("dossier.import.done", { reference: referenceOf(done), entries: done.new_entries, documents: done.new_documents })}{" "}
            <button type="button" class="link" onClick={() => navigate(caseRoute(referenceOf(done)))} data-testid="import-open-case">
              {t("dossier.openCase")}
            </button>
          </p>
          <PlanDetails plan={done} done />
        </div>
      )}
    </section>
  );
}

function PlanCounts({ plan }: { plan: ImportPlan }) {
  const { t } = useI18n();
  return (
    <ul class="plain">
      <li data-testid="import-new-entries">{t("dossier.plan.entries", { count: plan.new_entries })}</li>
      <li data-testid="import-new-documents">{t("dossier.plan.documents", { count: plan.new_documents })}</li>
      {plan.already_present > 0 && <li class="muted">{t("dossier.plan.already", { count: plan.already_present })}</li>}
    </ul>
  );
}

/** The offices the entries come from, each entry, and the conflicts left open: before the import (`done` false) and after it. */
function PlanDetails({ plan, done }: { plan: ImportPlan; done: boolean }) {
  const { t, lang, locale } = useI18n();
  const offices = [...new Set(plan.entries.map((e) => e.office).filter((o): o is string => !!o))];
  const more = plan.entries.length - ENTRIES_SHOWN;
  return (
    <>
      {offices.length > 0 && (
        <p data-testid="import-office" data-office={offices.join(",")}>
          {t("dossier.plan.from", { offices: new Intl.ListFormat(locale, { type: "conjunction" }).format(offices) })}
        </p>
      )}
      {plan.entries.length > 0 && (
        <>
          <h3 class="subhead">{t(done ? "dossier.plan.added" : "dossier.plan.willAdd")}</h3>
          <table class="table plan-entries" data-testid="import-entries">
            <thead>
              <tr>
                <th scope="col">{t("dossier.plan.col.when")}</th>
                <th scope="col">{t("dossier.plan.col.kind")}</th>
                <th scope="col">{t("dossier.plan.col.author")}</th>
                <th scope="col">{t("dossier.plan.col.office")}</th>
                <th scope="col">{t("dossier.plan.col.summary")}</th>
              </tr>
            </thead>
            <tbody>
              {plan.entries.slice(0, ENTRIES_SHOWN).map((e, i) => (
                <tr key={i} data-testid="import-entry" data-kind={e.kind} data-office={e.office ?? ""}>
                  <td class="nowrap">{formatDateTime(e.occurred_at, lang)}</td>
                  <td>
                    <KindBadge kind={e.kind} />
                  </td>
                  <td>{e.author}</td>
                  <td class="nowrap">{e.office ?? "—"}</td>
                  <td class="plan-summary">{e.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {more > 0 && <p class="muted">{t("dossier.plan.more", { count: more })}</p>}
        </>
      )}
      {plan.conflicts.length > 0 && (
        <div class="note note--warn plan-conflicts" role="status" data-testid="import-conflicts" data-count={plan.conflicts.length}>
          <p class="conflict-banner-title">{t(done ? "dossier.plan.conflictsLeft" : "dossier.plan.conflicts")}</p>
          {plan.conflicts.map((c) => (
            <div key={`${c.kind}:${c.subject}`} class="conflict" data-testid="import-conflict" data-kind={c.kind} data-subject={c.subject}>
              <ConflictText conflict={c} />
            </div>
          ))}
        </div>
      )}
    </>
  );
}
