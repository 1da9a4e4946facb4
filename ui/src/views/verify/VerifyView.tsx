// Verify store: the database's integrity, every case's hash chain and every
// stored document's bytes; each problem names its case, entry or document;
// and how many entries are signed by their authors.

import { useState } from "preact/hooks";

import { api } from "../../api";
import type { VerifyReport } from "../../bindings/VerifyReport";
import { Hash } from "../../components/Hash";
import { useAction } from "../../components/hooks";
import { ErrorNote } from "../../components/Notes";
import { useI18n } from "../../i18n";
import { problemText } from "../../lib/errors";
import { caseRoute, type Navigate } from "../../route";

export function VerifyView({ navigate }: { navigate: Navigate }) {
  const { t, lang } = useI18n();
  const [report, setReport] = useState<VerifyReport | null>(null);
  const { run, busy, error } = useAction();

  const verify = async () => {
    const done = await run(() => api.verifyStore());
    if (done) setReport(done.value);
  };

  const counts = report && { cases: report.cases, entries: report.entries, documents: report.documents };
  return (
    <section class="view" aria-labelledby="verify-title">
      <header class="view-head">
        <h1 id="verify-title">{t("verify.title")}</h1>
        <div class="spacer" />
        <button type="button" class="primary" disabled={busy} onClick={() => void verify()} data-testid="verify-run">
          {busy ? t("verify.running") : t("verify.run")}
        </button>
      </header>
      <div class="view-scroll">
        <p class="hint">{t("verify.intro")}</p>
        <ErrorNote message={error} />
        {report && counts && (
          <div
            class={`report ${report.ok ? "report--ok" : "report--bad"}`}
            role="status"
            data-testid="verify-result"
            data-ok={report.ok ? "true" : "false"}
          >
            <p class="report-verdict">
              <span aria-hidden="true">{report.ok ? "✓ " : "✗ "}</span>
              {report.ok ? t("verify.ok", counts) : t("verify.bad", { ...counts, count: report.problems.length })}
            </p>
            <p data-testid="verify-signed" data-count={report.signed}>
              {t("verify.signed", { signed: report.signed, entries: report.entries })}
            </p>
            {report.problems.length > 0 && (
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t("verify.col.case")}</th>
                    <th scope="col">{t("verify.col.entry")}</th>
                    <th scope="col">{t("verify.col.document")}</th>
                    <th scope="col">{t("verify.col.problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.problems.map((p, i) => (
                    <tr key={i} data-testid="verify-problem" data-code={p.code} data-case={p.case ?? undefined} data-entry={p.entry ?? undefined}>
                      <td class="nowrap">
                        {p.case ? (
                          <button type="button" class="link ref" onClick={() => navigate(caseRoute(p.case ?? "", p.entry))}>
                            {p.case}
                          </button>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td class="nowrap">{p.entry !== null ? `#${p.entry}` : "—"}</td>
                      <td>{p.document ? <Hash value={p.document} /> : "—"}</td>
                      <td>{problemText(p, p.problem, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
