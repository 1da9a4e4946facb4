// An encrypted (sealed) dossier that neither this person's key nor a
// passphrase opened: the passphrase it was sealed with is asked for here,
// under the error that says so, and the same step is tried again with it.

import { useState } from "preact/hooks";

import { useI18n } from "../../i18n";

/** Whether a command failed because the dossier is encrypted and nothing given opens it. */
export function isSealed(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "dossier_sealed";
}

export function SealedPrompt({ busy, onOpen }: { busy: boolean; onOpen: (passphrase: string) => void }) {
  const { t } = useI18n();
  const [passphrase, setPassphrase] = useState("");
  return (
    <form
      class="card-row"
      onSubmit={(e) => {
        e.preventDefault();
        if (passphrase) onOpen(passphrase);
      }}
      data-testid="dossier-sealed"
    >
      <label class="field">
        <span class="field-label">{t("dossier.sealed.passphrase")}</span>
        <input type="password" value={passphrase} autoFocus autoComplete="off" onInput={(e) => setPassphrase(e.currentTarget.value)} data-testid="dossier-sealed-passphrase" />
      </label>
      <button type="submit" class="primary" disabled={busy || !passphrase} data-testid="dossier-sealed-open">
        {t("dossier.sealed.open")}
      </button>
    </form>
  );
}
