// A dossier's verification, as export and verify both show it: a clear OK
// with its head hash, or every problem, where it is and what is wrong;
// whom a copy is for and how many entries it withholds (none said for the
// office's complete copy); and its signatures: who exported and signed it,
// how many of the entries it carries are signed by their authors, and who
// co-signed which entry.

import type { DossierProblem } from "../../bindings/DossierProblem";
import type { DossierReport } from "../../bindings/DossierReport";
import { Hash } from "../../components/Hash";
import { useI18n } from "../../i18n";
import { copyName } from "../../lib/audience";
import { list, problemText } from "../../lib/errors";
import { formatNumber } from "../../lib/format";

/** A dossier's verification: a clear OK with its head hash, or every problem. `reference`: the case as this window names it, when known (a dossier names it bare). */
export function ReportView({ report, reference, testid }: { report: DossierReport; reference?: string; testid: string }) {
  const { t, lang, locale } = useI18n();
  /** Where a problem is: the archive, a file in it, or an entry or line of the journal. */
  const where = (p: DossierProblem) => {
    if (p.file === null) return t("dossier.report.archive");
    if (p.entry !== null) return t("dossier.report.entry", { file: p.file, seq: p.entry });
    if (p.line !== null) return t("dossier.report.line", { file: p.file, line: p.line });
    return p.file;
  };
  /** Entries signed by their authors' keys; and those co-signed (agreements, by the parties' delegates). */
  const authorSigned = report.signed.filter((e) => e.author_signed).length;
  const cosigned = report.signed.filter((e) => e.cosigners.length > 0);
  /** The entries a copy carries in full (those withheld keep only their places, unsigned). */
  const carried = report.entries - report.withheld;
  return (
    <div class={`report ${report.ok ? "report--ok" : "report--bad"}`} data-testid={testid} data-ok={report.ok ? "true" : "false"} role="status">
      <p class="report-verdict">
        <span aria-hidden="true">{report.ok ? "✓ " : "✗ "}</span>
        {report.ok ? t("dossier.report.ok") : t("dossier.report.bad", { count: report.problems.length })}
      </p>
      {report.audience && (
        <p class="report-copy" data-testid="dossier-withheld" data-audience={report.audience} data-count={report.withheld}>
          {t(report.withheld === 1 ? "dossier.report.withheldOne" : "dossier.report.withheld", {
            audience: copyName(report.audience, t),
            count: formatNumber(report.withheld, locale),
          })}
        </p>
      )}
      <dl class="facts">
        {report.case_reference && (
          <>
            <dt>{t("dossier.case")}</dt>
            <dd>
              {reference ?? report.case_reference}
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
        <dt>{t("dossier.report.signedBy")}</dt>
        {report.signed_by ? (
          <dd data-testid="dossier-signed-by" data-signed="true" data-name={report.signed_by.name}>
            {report.signed_by.name}
            <div class="muted small path" title={report.signed_by.public_key}>
              {t("key.fingerprint", { fingerprint: report.signed_by.fingerprint })}
            </div>
          </dd>
        ) : (
          <dd data-testid="dossier-signed-by" data-signed="false">
            {t("dossier.report.unsignedExport")}
          </dd>
        )}
        <dt>{t("dossier.report.entriesSigned")}</dt>
        <dd data-testid="dossier-entries-signed" data-count={authorSigned}>
          {t("dossier.report.entriesSignedCount", { signed: authorSigned, entries: carried })}
        </dd>
        {cosigned.length > 0 && (
          <>
            <dt>{t("dossier.report.cosigned")}</dt>
            <dd>
              <ul class="plain-list">
                {cosigned.map((e) => (
                  <li key={e.seq} data-testid="dossier-cosigned" data-seq={e.seq}>
                    {t("dossier.report.cosignedEntry", { seq: e.seq, author: e.author, names: list(lang, "conjunction", e.cosigners) })}
                  </li>
                ))}
              </ul>
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
                <td>{problemText(p, p.problem, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
