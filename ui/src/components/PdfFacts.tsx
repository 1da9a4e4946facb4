// A PDF the window saved: where, how big, its SHA-256, and the characters
// no font Pacta comes with has (the PDF shows each as its code point in a
// red box), as the filing composer and the dossier export both show it.

import type { PdfReport } from "../bindings/PdfReport";
import { useI18n } from "../i18n";
import { list } from "../lib/errors";
import { formatBytes } from "../lib/format";
import { Hash } from "./Hash";

/** The file written: its path, size and SHA-256. */
export function PdfFacts({ pdf }: { pdf: PdfReport }) {
  const { t, locale } = useI18n();
  return (
    <dl class="facts">
      <dt>{t("dossier.file")}</dt>
      <dd class="path">{pdf.path}</dd>
      <dt>{t("dossier.size")}</dt>
      <dd>{formatBytes(pdf.bytes, locale)}</dd>
      <dt>{t("dossier.sha256")}</dt>
      <dd>
        <Hash value={pdf.sha256} full />
      </dd>
    </dl>
  );
}

/** The characters the PDF shows as their code points (`U+1F600`), if any. */
export function MissingCharacters({ missing, testid }: { missing: readonly string[]; testid: string }) {
  const { t, lang } = useI18n();
  if (missing.length === 0) return null;
  return (
    <p class="note note--warn" role="status" data-testid={testid} data-count={missing.length}>
      {t("pdf.missing", { codes: list(lang, "conjunction", [...missing]) })}
    </p>
  );
}
