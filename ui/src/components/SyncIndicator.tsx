// The sidebar's foot: where syncing with the office server stands. No server
// set: a discreet link to Settings. Otherwise "Syncing…", "Synced 14:30" (or
// a warning, and why, when the last sync failed), how many entries written
// here wait to be sent, "Sync now", and, when the last sync left cases
// unsent or rows from the server not accepted, a dialog that lists them. The
// sync runs in the shell's background: "Sync now" only wakes it, and
// nothing here waits for it.

import { useState } from "preact/hooks";

import { api } from "../api";
import type { Refused } from "../bindings/Refused";
import type { Rejected } from "../bindings/Rejected";
import type { SyncReport } from "../bindings/SyncReport";
import { LOCALES, useI18n } from "../i18n";
import { problemText } from "../lib/errors";
import { formatNumber, shortHash } from "../lib/format";
import { syncIssues, syncText } from "../lib/sync";
import { formatDateTime } from "../lib/time";
import type { Navigate } from "../route";
import { useSync } from "../sync";
import { Dialog } from "./Dialog";
import { useAction } from "./hooks";
import { ErrorNote } from "./Notes";

export function SyncIndicator({ navigate }: { navigate: Navigate }) {
  const { t, lang } = useI18n();
  const { view } = useSync();
  const { attempt, error } = useAction();
  const [details, setDetails] = useState(false);
  const text = syncText(view, lang);
  const issues = syncIssues(view);

  // Not known yet (the shell has not answered): nothing, rather than "not set" for a moment.
  if (!view) return null;
  if (text.state === "none") {
    return (
      <div class="sync" data-testid="sync-status" data-state="none">
        <button type="button" class="link sync-not-set" onClick={() => navigate({ view: "settings" })} data-testid="sync-not-set">
          {text.label}
        </button>
      </div>
    );
  }
  return (
    <div
      class="sync"
      data-testid="sync-status"
      data-state={text.state}
      data-waiting={view.status?.waiting ?? 0}
      data-synced-at={view.status?.synced_at ?? ""}
    >
      <span class="sync-label" role="status" title={view.server} data-testid="sync-label">
        <span class="sync-dot" aria-hidden="true" />
        {text.label}
      </span>
      {text.waiting && (
        <span class="sync-waiting muted" data-testid="sync-waiting">
          {text.waiting}
        </span>
      )}
      {text.problem && (
        <p class="sync-problem" title={text.problem} data-testid="sync-problem">
          {text.problem}
        </p>
      )}
      <ErrorNote message={error} />
      <div class="sync-actions">
        <button type="button" disabled={view.running} onClick={() => void attempt(() => api.syncNow())} data-testid="sync-now">
          {t("sync.now")}
        </button>
        {(issues > 0 || text.problem || view.report) && (
          <button type="button" class="link" onClick={() => setDetails(true)} data-testid="sync-details" data-issues={issues}>
            {issues > 0 ? t("sync.issues", { count: formatNumber(issues, LOCALES[lang]) }) : t("sync.details")}
          </button>
        )}
      </div>
      {details && (
        <SyncDetails server={view.server} report={view.report} problem={text.problem} onClose={() => setDetails(false)} />
      )}
    </div>
  );
}

type DetailsProps = { server: string; report: SyncReport | null; problem: string | null; onClose: () => void };

/** The last sync of this session: where, when, what went each way, and each case not sent and row not accepted, in words. */
function SyncDetails({ server, report, problem, onClose }: DetailsProps) {
  const { t, lang, locale } = useI18n();
  const said = (r: Refused | Rejected) => problemText(r, r.problem, lang);
  const n = (value: number) => formatNumber(value, locale);
  return (
    <Dialog title={t("sync.detailsTitle")} onClose={onClose} testid="sync-dialog">
      <dl class="facts">
        <dt>{t("settings.server")}</dt>
        <dd class="path">{server}</dd>
        {report && (
          <>
            <dt>{t("sync.at")}</dt>
            <dd>{formatDateTime(report.synced_at, lang)}</dd>
          </>
        )}
      </dl>
      <ErrorNote message={problem} testid="sync-dialog-problem" />
      {report && !report.encrypted && (
        <p class="note note--warn" role="alert" data-testid="sync-unencrypted">
          {t("sync.unencrypted")}
        </p>
      )}
      {report && (
        <table class="table sync-counts" data-testid="sync-counts">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col" class="num">
                {t("sync.col.cases")}
              </th>
              <th scope="col" class="num">
                {t("sync.col.entries")}
              </th>
              <th scope="col" class="num">
                {t("sync.col.signatures")}
              </th>
              <th scope="col" class="num">
                {t("sync.col.documents")}
              </th>
            </tr>
          </thead>
          <tbody>
            {(["pushed", "pulled"] as const).map((way) => (
              <tr key={way} data-testid={`sync-${way}`}>
                <th scope="row">{t(`sync.${way}`)}</th>
                <td class="num">{n(report[way].cases)}</td>
                <td class="num">{n(report[way].entries)}</td>
                <td class="num">{n(report[way].signatures)}</td>
                <td class="num">{n(report[way].documents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report && report.conflicts > 0 && (
        <p class="note note--warn" data-testid="sync-conflicts">
          {t("sync.conflicts", { count: n(report.conflicts) })}
        </p>
      )}
      {report && report.refused.length > 0 && (
        <section aria-labelledby="sync-refused">
          <h3 id="sync-refused">{t("sync.refused")}</h3>
          <ul class="sync-list">
            {report.refused.map((r, i) => (
              <li key={i} data-testid="sync-refused" data-case={r.case} data-code={r.code}>
                <span class="ref">{r.case}</span> {said(r)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {report && report.rejected.length > 0 && (
        <section aria-labelledby="sync-rejected">
          <h3 id="sync-rejected">{t("sync.rejected")}</h3>
          <p class="hint">{t("sync.rejectedHint")}</p>
          <ul class="sync-list">
            {report.rejected.map((r, i) => (
              <li key={i} data-testid="sync-rejected" data-case={r.case} data-code={r.code} data-hash={r.hash}>
                <span class="ref">{r.case}</span> <span class="path" title={r.hash}>{shortHash(r.hash)}</span> {said(r)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Dialog>
  );
}
