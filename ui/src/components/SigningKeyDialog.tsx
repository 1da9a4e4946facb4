// The signing key's two dialogs. While the data folder has no key, the
// window offers to make one at first use (after this office's code), and
// Settings offers it again: the name comes prefilled (Settings' name, else
// who records now), the passphrase is typed twice, or the user says on
// purpose that the key is kept without one. A key kept with a passphrase
// that the system keyring did not unlock at start is asked for once a
// start. Either way "Not now" goes on with entries recorded unsigned; the
// app never waits for a key.

import { NewPassphraseFields } from "./PassphraseFields";
import { useState } from "preact/hooks";

import { api } from "../api";
import type { Identity } from "../bindings/Identity";
import { useI18n } from "../i18n";
import { CancelButton, Dialog } from "./Dialog";
import { useAction } from "./hooks";
import { ErrorNote } from "./Notes";

type CreateProps = {
  /** The name to offer: Settings' name, else whom the window records under now. */
  suggestedName: string;
  onClose: () => void;
  onMade: (key: Identity) => void;
};

export function CreateKeyDialog({ suggestedName, onClose, onMade }: CreateProps) {
  const { t } = useI18n();
  const [name, setName] = useState(suggestedName);
  const [passphrase, setPassphrase] = useState("");
  const [again, setAgain] = useState("");
  const [without, setWithout] = useState(false);
  const { run, busy, error, setError } = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!name.trim()) return setError(t("key.nameMissing"));
    if (!without && passphrase === "") return setError(t("key.passphraseMissing"));
    if (!without && passphrase !== again) return setError(t("key.passphraseMismatch"));
    const made = await run(() => api.createKey(name.trim(), without ? null : passphrase));
    if (made) onMade(made.value);
  };

  return (
    <Dialog title={t("key.createTitle")} onClose={onClose} testid="key-dialog" size="small" dirty={passphrase !== "" || again !== ""}>
      <form class="form" onSubmit={(e) => void submit(e)}>
        <p>{t("key.createIntro")}</p>
        <label class="field">
          <span class="field-label">{t("key.name")}</span>
          <input
            type="text"
            value={name}
            autoComplete="name"
            spellcheck={false}
            onInput={(e) => setName(e.currentTarget.value)}
            data-testid="key-name"
          />
        </label>
        <NewPassphraseFields
          labels={[t("key.passphrase"), t("key.passphraseAgain")]}
          values={[passphrase, again]}
          onInput={[setPassphrase, setAgain]}
          disabled={without}
          testid="key-passphrase"
          hint={t("key.passphraseHint")}
        />
        <label class="check">
          <input
            type="checkbox"
            checked={without}
            onChange={(e) => {
              setWithout(e.currentTarget.checked);
              setError(null);
            }}
            data-testid="key-no-passphrase"
          />
          <span>{t("key.noPassphrase")}</span>
        </label>
        <ErrorNote message={error} />
        <p class="hint">{t("key.notNowHint")}</p>
        <div class="form-actions">
          <CancelButton label="key.notNow" testid="key-not-now" />
          <button type="submit" class="primary" disabled={busy} data-testid="key-create">
            {busy ? t("key.creating") : t("key.create")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

type UnlockProps = {
  /** The locked key: whose it is. */
  identity: Identity;
  onClose: () => void;
  onUnlocked: (key: Identity) => void;
};

export function UnlockKeyDialog({ identity, onClose, onUnlocked }: UnlockProps) {
  const { t } = useI18n();
  const [passphrase, setPassphrase] = useState("");
  const { run, busy, error, setError } = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (passphrase === "") return setError(t("key.passphraseMissing"));
    const unlocked = await run(() => api.unlockKey(passphrase));
    if (unlocked) onUnlocked(unlocked.value);
    // A wrong one is said (and changed nothing): typed again from scratch.
    else setPassphrase("");
  };

  return (
    <Dialog title={t("key.unlockTitle")} onClose={onClose} testid="key-unlock-dialog" size="small" dirty={passphrase !== ""}>
      <form class="form" onSubmit={(e) => void submit(e)}>
        <p>{t("key.unlockIntro", { name: identity.name })}</p>
        <p class="muted small path" title={identity.public_key} data-testid="key-unlock-fingerprint">
          {t("key.fingerprint", { fingerprint: identity.fingerprint })}
        </p>
        <label class="field">
          <span class="field-label">{t("key.passphrase")}</span>
          <input
            type="password"
            value={passphrase}
            autoFocus
            autoComplete="current-password"
            onInput={(e) => setPassphrase(e.currentTarget.value)}
            data-testid="key-unlock-passphrase"
          />
        </label>
        <ErrorNote message={error} />
        <p class="hint">{t("key.unlockNotNowHint")}</p>
        <div class="form-actions">
          <CancelButton label="key.notNow" testid="key-unlock-not-now" />
          <button type="submit" class="primary" disabled={busy} data-testid="key-unlock">
            {busy ? t("key.unlocking") : t("key.unlock")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
