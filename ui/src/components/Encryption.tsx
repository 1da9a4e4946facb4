// Encryption at rest, in the window. An encrypted data folder is locked at
// start: the whole window is the unlock screen until its passphrase opens
// it (a wrong one is said, and changes nothing). A plain one is encrypted
// from Settings, or from the offer the empty cases list makes at a first
// run: the passphrase typed twice, the warning that without it nothing can
// be read, then a busy wait while the encrypted copy is made and verified.
// Settings changes an encrypted data folder's passphrase the same way.

import { NewPassphraseFields } from "./PassphraseFields";
import { useEffect, useRef, useState } from "preact/hooks";

import { api } from "../api";
import { useDataDir } from "../dataDir";
import { useI18n } from "../i18n";
import { passphraseProblem } from "../lib/encryption";
import { CancelButton, Dialog } from "./Dialog";
import { useAction } from "./hooks";
import { ErrorNote } from "./Notes";

/** The whole window while the encrypted data folder is locked: nothing else reads the store until it is open. */
export function UnlockDataDir({ onUnlocked }: { onUnlocked: () => void }) {
  const { t } = useI18n();
  const [passphrase, setPassphrase] = useState("");
  const { run, busy, error, setError } = useAction();
  const field = useRef<HTMLInputElement>(null);
  // In the field from the start, and again after a refusal (it is disabled meanwhile).
  useEffect(() => {
    if (!busy) field.current?.focus();
  }, [busy]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (passphrase === "") return setError(t("dataDir.passphraseMissing"));
    // A wrong one is said (and changed nothing); what was typed stays, to be corrected.
    const unlocked = await run(() => api.unlockDataDir(passphrase));
    if (unlocked) onUnlocked();
  };

  return (
    <main class="unlock-screen" data-testid="data-dir-unlock">
      <form class="unlock-card form" aria-labelledby="data-dir-unlock-title" onSubmit={(e) => void submit(e)}>
        <h1 id="data-dir-unlock-title">{t("dataDir.unlockTitle")}</h1>
        <p>{t("dataDir.unlockIntro")}</p>
        <label class="field">
          <span class="field-label">{t("dataDir.passphrase")}</span>
          <input
            ref={field}
            type="password"
            value={passphrase}
            autoFocus
            autoComplete="current-password"
            disabled={busy}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
            data-testid="data-dir-passphrase"
          />
        </label>
        <ErrorNote message={error} />
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy} aria-busy={busy} data-testid="data-dir-unlock-submit">
            {busy ? t("dataDir.unlocking") : t("dataDir.unlock")}
          </button>
        </div>
      </form>
    </main>
  );
}

/** Encrypts the open, plain data folder with a passphrase typed twice. */
export function EncryptDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const dataDir = useDataDir();
  const [passphrase, setPassphrase] = useState("");
  const [again, setAgain] = useState("");
  const { run, busy, error, setError } = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const problem = passphraseProblem(passphrase, again);
    if (problem === "missing") return setError(t("encrypt.passphraseMissing"));
    if (problem === "mismatch") return setError(t("encrypt.passphraseMismatch"));
    const done = await run(async () => {
      await api.encryptDataDir(passphrase);
      // Said even if the dialog has gone meanwhile: the data folder is encrypted.
      dataDir.encrypted();
    });
    if (done) onClose();
  };

  return (
    <Dialog
      title={t("encrypt.title")}
      // Not closed while the copy is made: the shell goes on with it, and the window must hear how it ended.
      onClose={() => !busy && onClose()}
      testid="encrypt-dialog"
      size="small"
      dirty={!busy && (passphrase !== "" || again !== "")}
    >
      <form class="form" aria-busy={busy} onSubmit={(e) => void submit(e)}>
        <p>{t("encrypt.intro")}</p>
        <p class="note note--warn" data-testid="encrypt-warning">
          {t("encrypt.warning")}
        </p>
        <NewPassphraseFields
          labels={[t("encrypt.passphrase"), t("encrypt.passphraseAgain")]}
          values={[passphrase, again]}
          onInput={[setPassphrase, setAgain]}
          disabled={busy}
          testid="encrypt-passphrase"
        />
        <ErrorNote message={error} />
        {busy && <Working text={t("encrypt.busyHint")} testid="encrypt-busy" />}
        <div class="form-actions">
          {!busy && <CancelButton />}
          <button type="submit" class="primary" disabled={busy} data-testid="encrypt-submit">
            {busy ? t("encrypt.busy") : t("encrypt.submit")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A new passphrase, typed twice, for the encrypted data folder. */
export function ChangePassphraseDialog({ onClose, onChanged }: { onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const [passphrase, setPassphrase] = useState("");
  const [again, setAgain] = useState("");
  const { run, busy, error, setError } = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const problem = passphraseProblem(passphrase, again);
    if (problem === "missing") return setError(t("encrypt.passphraseMissing"));
    if (problem === "mismatch") return setError(t("encrypt.passphraseMismatch"));
    const done = await run(() => api.changeDataDirPassphrase(passphrase));
    if (done) onChanged();
  };

  return (
    <Dialog
      title={t("passphrase.changeTitle")}
      onClose={() => !busy && onClose()}
      testid="change-passphrase-dialog"
      size="small"
      dirty={!busy && (passphrase !== "" || again !== "")}
    >
      <form class="form" aria-busy={busy} onSubmit={(e) => void submit(e)}>
        <p>{t("passphrase.changeIntro")}</p>
        <NewPassphraseFields
          labels={[t("passphrase.new"), t("passphrase.newAgain")]}
          values={[passphrase, again]}
          onInput={[setPassphrase, setAgain]}
          disabled={busy}
          testid="change-passphrase"
        />
        <ErrorNote message={error} />
        <div class="form-actions">
          {!busy && <CancelButton />}
          <button type="submit" class="primary" disabled={busy} data-testid="change-passphrase-submit">
            {busy ? t("passphrase.changing") : t("passphrase.change")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The first-run offer, on the empty cases list: encrypt the data folder now, or "Not now" (remembered). */
export function EncryptOffer() {
  const { t } = useI18n();
  const { dismissOffer } = useDataDir();
  const [open, setOpen] = useState(false);
  return (
    <>
      <div class="note note--info encrypt-offer" data-testid="encrypt-offer">
        <p>{t("encryptOffer.text")}</p>
        <div class="encrypt-offer-actions">
          <button type="button" onClick={dismissOffer} data-testid="encrypt-offer-dismiss">
            {t("encryptOffer.dismiss")}
          </button>
          <button type="button" class="primary" onClick={() => setOpen(true)} data-testid="encrypt-offer-accept">
            {t("encryptOffer.accept")}
          </button>
        </div>
      </div>
      {open && <EncryptDialog onClose={() => setOpen(false)} />}
    </>
  );
}

/** Work under way whose length is not known: an indeterminate bar and what is being done. */
function Working({ text, testid }: { text: string; testid: string }) {
  return (
    <div class="note note--info working" role="status" data-testid={testid}>
      <progress class="working-bar" />
      <span>{text}</span>
    </div>
  );
}
