// The preview pane: the filing as the core renders it, in a sandboxed frame
// (no script, no same-origin access), greyed while it is stale.

import { ErrorNote } from "../../components/Notes";
import { useI18n } from "../../i18n";
import type { useFilingPreview } from "./useFilingPreview";

type Props = {
  preview: ReturnType<typeof useFilingPreview>;
  /** Required fields are still empty: the page shown (if any) is not what would be filed. */
  incomplete: boolean;
};

export function FilingPreview({ preview, incomplete }: Props) {
  const { t } = useI18n();
  return (
    <div class="composer-preview">
      <div class="preview-head">
        <span>{t("filing.preview")}</span>
        {preview.rendering && <span class="muted">{t("filing.rendering")}</span>}
      </div>
      <ErrorNote message={preview.error} testid="filing-preview-error" />
      {preview.html ? (
        <iframe
          sandbox=""
          class={`preview-frame${preview.error || incomplete ? " preview-frame--stale" : ""}`}
          title={t("filing.preview")}
          srcdoc={preview.html}
          data-testid="filing-preview"
        />
      ) : (
        <div class="preview-empty muted" data-testid="filing-preview-empty">
          {incomplete ? t("filing.previewNeedsFields") : t("filing.rendering")}
        </div>
      )}
    </div>
  );
}
