// Deadlines across every case (or of one case chosen in the filter):
// overdue first, then due today, upcoming and (if asked for) those already
// met. "Mark as met" asks first, with a note, as in a case: it cannot be
// undone; it is not offered in a case that has ended. Another office's case
// is shown, filtered and reached as `GVA:K-2026-0001`.

import { useCallback, useEffect, useState } from "preact/hooks";

import { api, errorMessage } from "../../api";
import type { Deadline } from "../../bindings/Deadline";
import { AudienceBadge, StatusBadge } from "../../components/Badges";
import { SettleDeadlineDialog } from "../../components/SettleDeadlineDialog";
import { useMounted } from "../../components/hooks";
import { ErrorNote, Muted } from "../../components/Notes";
import { useI18n } from "../../i18n";
import { canMarkMet, casesOf, sortDeadlines } from "../../lib/deadlines";
import { caseKey } from "../../lib/references";
import { formatDate } from "../../lib/time";
import { useOffice } from "../../office";
import { caseRoute, type Navigate } from "../../route";

export function DeadlinesView({ navigate }: { navigate: Navigate }) {
  const { t, lang } = useI18n();
  const { code: office } = useOffice();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [includeDone, setIncludeDone] = useState(false);
  const [caseRef, setCaseRef] = useState("");
  const [list, setList] = useState<Deadline[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [completing, setCompleting] = useState<Deadline | null>(null);
  const [cancelling, setCancelling] = useState<Deadline | null>(null);
  /** Bumped when the offices of the deadlines' cases have been worked out: shown again. */
  const mounted = useMounted();

  const load = useCallback(() => {
    api
      .listDeadlines({ case: null, overdue_only: overdueOnly, include_done: includeDone })
      .then((l) => {
        if (!mounted.current) return;
        setList(sortDeadlines(l));
        setError(null);
      })
      .catch((e: unknown) => mounted.current && setError(errorMessage(e)));
  }, [overdueOnly, includeDone, mounted]);

  useEffect(load, [load]);

  /** A deadline's case as shown and as the commands take it. */
  const referenceOf = (d: Deadline) => caseKey(d.case_office, d.case_reference, office);
  // The choices are the cases in the list (the one chosen stays while it has none).
  const cases = list ? casesOf(list, referenceOf) : [];
  if (caseRef && !cases.some((c) => c.reference === caseRef)) cases.unshift({ reference: caseRef, title: "" });
  const shown = list && caseRef ? list.filter((d) => referenceOf(d) === caseRef) : list;
  const overdue = shown?.filter((d) => d.status === "overdue").length ?? 0;
  return (
    <section class="view" aria-labelledby="deadlines-title">
      <header class="view-head">
        <h1 id="deadlines-title">{t("deadlinesView.title")}</h1>
        {overdue > 0 && (
          <span class="badge status status--overdue" data-testid="deadlines-overdue-count">
            {t("badge.overdue", { count: overdue })}
          </span>
        )}
        <div class="spacer" />
        <label class="inline">
          <span class="muted">{t("deadlinesView.case")}</span>
          <select value={caseRef} onChange={(e) => setCaseRef(e.currentTarget.value)} data-testid="deadlines-case">
            <option value="">{t("deadlinesView.anyCase")}</option>
            {cases.map((c) => (
              <option key={c.reference} value={c.reference}>
                {c.reference} {c.title}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.currentTarget.checked)} data-testid="deadlines-overdue-only" />
          <span>{t("deadlinesView.overdueOnly")}</span>
        </label>
        <label class="check">
          <input type="checkbox" checked={includeDone} onChange={(e) => setIncludeDone(e.currentTarget.checked)} data-testid="deadlines-include-done" />
          <span>{t("deadlinesView.includeDone")}</span>
        </label>
      </header>
      <ErrorNote message={error} />
      <div class="view-scroll">
        {shown && shown.length === 0 && <Muted>{t("deadlinesView.none")}</Muted>}
        {shown && shown.length > 0 && (
          <table class="table" data-testid="deadlines-table">
            <thead>
              <tr>
                <th scope="col">{t("deadlinesView.col.due")}</th>
                <th scope="col">{t("deadlinesView.col.status")}</th>
                <th scope="col">{t("deadlinesView.col.what")}</th>
                <th scope="col">{t("deadlinesView.col.party")}</th>
                <th scope="col">{t("deadlinesView.col.case")}</th>
                <th scope="col">
                  <span class="sr-only">{t("deadlinesView.col.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((d) => {
                const reference = referenceOf(d);
                return (
                  <tr key={d.id} class={`deadline-row deadline--${d.status}`} data-testid="deadline-row" data-status={d.status} data-reference={reference} data-seq={d.entry_seq}>
                    <td class="nowrap">{formatDate(d.due, lang)}</td>
                    <td>
                      <StatusBadge status={d.status} />
                    </td>
                    <td>
                      {d.what} <AudienceBadge audience={d.audience} testid="deadline-audience" />
                      {d.status === "cancelled" && d.cancel_reason && <div class="muted small">{d.cancel_reason}</div>}
                    </td>
                    <td data-testid="deadline-row-party">{d.party ?? <span class="muted">{t("deadlines.officeTask")}</span>}</td>
                    <td>
                      <button type="button" class="link" onClick={() => navigate(caseRoute(reference, d.entry_seq))} title={t("common.showEntry")}>
                        <span class="ref">{reference}</span> {d.case_title}
                      </button>
                    </td>
                    <td class="nowrap">
                      {canMarkMet(d) && (
                        <>
                          <button type="button" class="small-button" onClick={() => setCompleting(d)} data-testid="deadline-row-done">
                            {t("deadlines.markDone")}
                          </button>{" "}
                          <button type="button" class="small-button" onClick={() => setCancelling(d)} data-testid="deadline-row-cancel">
                            {t("deadlines.cancel")}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      {cancelling && (
        <SettleDeadlineDialog
          action="cancel"
          reference={referenceOf(cancelling)}
          deadline={cancelling}
          onClose={() => setCancelling(null)}
          onDone={() => {
            setCancelling(null);
            load();
          }}
        />
      )}
      {completing && (
        <SettleDeadlineDialog
          action="met"
          reference={referenceOf(completing)}
          deadline={completing}
          onClose={() => setCompleting(null)}
          onDone={() => {
            setCompleting(null);
            load();
          }}
        />
      )}
    </section>
  );
}
