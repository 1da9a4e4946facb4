// Settings: the UI language and the name entries are recorded under (kept
// with set_settings), the signing key that signs what the window writes (or
// the dialog that makes or unlocks it), whether the data folder is
// encrypted at rest (the dialogs that encrypt it or change its passphrase),
// this office's code (set_office: the core checks it), the office server
// this data folder syncs with (set_server: the core refuses an address with
// a password), and where the data lives, whether it can be written, and
// which version this is (from app_info).

import { useEffect, useState } from "preact/hooks";

import { api, errorMessage } from "../../api";
import type { AppInfo } from "../../bindings/AppInfo";
import type { Language } from "../../i18n/language";
import { useAction, useMounted } from "../../components/hooks";
import { ChangePassphraseDialog, EncryptDialog } from "../../components/Encryption";
import { ErrorNote, OkNote } from "../../components/Notes";
import { useDataDir } from "../../dataDir";
import { OFFICE_EXAMPLE } from "../../components/OfficeDialog";
import { LANGUAGES, NATIVE_NAMES, useI18n } from "../../i18n";
import { useOffice } from "../../office";
import { useSigning } from "../../signing";
import { useSync } from "../../sync";

/** What an office server's address looks like (the field's placeholder, the same in every language). */
const SERVER_EXAMPLE = "postgres://name@server/office";

export function SettingsView() {
  const { t, lang, setLang } = useI18n();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const { attempt, error, setError } = useAction();
  const [author, setAuthor] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  const office = useOffice();
  const signing = useSigning();
  const [code, setCode] = useState(office.code ?? "");
  const [suggested, setSuggested] = useState("");
  const [codeSaved, setCodeSaved] = useState<string | null>(null);
  const { run: runOffice, busy: officeBusy, error: officeError, setError: setOfficeError } = useAction();
  const [server, setServer] = useState<string | null>(null);
  const mounted = useMounted();

  useEffect(() => {
    api
      .appInfo()
      .then((i) => mounted.current && setInfo(i))
      .catch((e: unknown) => mounted.current && setError(errorMessage(e)));
    api
      .getSettings()
      .then((s) => {
        if (!mounted.current) return;
        setAuthor(s.author);
        setServer(s.server);
      })
      .catch((e: unknown) => mounted.current && setError(errorMessage(e)));
    api
      .getOffice()
      .then((info) => {
        if (!mounted.current) return;
        setSuggested(info.suggested);
        if (info.code !== null) setCode(info.code);
      })
      .catch((e: unknown) => mounted.current && setOfficeError(errorMessage(e)));
  }, [mounted, setError, setOfficeError]);

  const saveAuthor = async (e: Event) => {
    e.preventDefault();
    const name = author.trim();
    if (!(await attempt(() => api.updateSettings({ author: name })))) return;
    setAuthor(name);
    setSaved(name);
  };

  const saveCode = async (e: Event) => {
    e.preventDefault();
    const done = await runOffice(() => api.setOffice(code.trim()));
    if (!done) return;
    office.changed(done.value);
    setCode(done.value);
    setCodeSaved(done.value);
  };

  return (
    <section class="view" aria-labelledby="settings-title">
      <header class="view-head">
        <h1 id="settings-title">{t("settings.title")}</h1>
      </header>
      <div class="view-scroll">
        <form class="form settings" onSubmit={(e) => e.preventDefault()}>
          <label class="field">
            <span class="field-label">{t("settings.language")}</span>
            <select value={lang} onChange={(e) => setLang(e.currentTarget.value as Language)} data-testid="language-switcher">
              {LANGUAGES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {NATIVE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
        </form>
        <form class="form settings" onSubmit={(e) => void saveAuthor(e)}>
          <label class="field">
            <span class="field-label">{t("settings.author")}</span>
            <input
              type="text"
              value={author}
              onInput={(e) => (setAuthor(e.currentTarget.value), setSaved(null))}
              autoComplete="name"
              data-testid="settings-author"
            />
            <span class="hint">{t("settings.authorHint")}</span>
          </label>
          <div>
            <button type="submit" data-testid="settings-author-save">
              {t("settings.authorSave")}
            </button>{" "}
            {saved !== null && saved !== "" && (
              <span class="muted" role="status" data-testid="settings-author-saved">
                {/* The key's name signs while there is one: said, so that the saved name is not taken for the author. */}
                {signing.key && signing.key.name !== saved
                  ? t("settings.authorSavedKey", { key: signing.key.name })
                  : t("settings.authorSaved", { name: saved })}
              </span>
            )}
          </div>
        </form>
        {info && <SigningKey />}
        <EncryptionAtRest />
        <form class="form settings" onSubmit={(e) => void saveCode(e)}>
          <label class="field">
            <span class="field-label">{t("office.title")}</span>
            <input
              type="text"
              value={code}
              placeholder={suggested}
              spellcheck={false}
              autocomplete="off"
              class="office-code"
              onInput={(e) => (setCode(e.currentTarget.value), setCodeSaved(null))}
              data-testid="settings-office"
            />
            <span class="hint">{t("office.hint", { example: OFFICE_EXAMPLE })}</span>
          </label>
          <ErrorNote message={officeError} testid="settings-office-error" />
          <div>
            <button type="submit" disabled={officeBusy} data-testid="settings-office-save">
              {t("settings.officeSave")}
            </button>{" "}
            {codeSaved !== null && (
              <span class="muted" role="status" data-testid="settings-office-saved">
                {t("settings.officeSaved", { code: codeSaved })}
              </span>
            )}
          </div>
        </form>
        {server !== null && <OfficeServer stored={server} />}
        <form class="form settings" onSubmit={(e) => e.preventDefault()}>
          <div class="field">
            <span class="field-label">{t("settings.dataDir")}</span>
            <input type="text" readOnly value={info?.data_dir ?? ""} class="path" data-testid="settings-data-dir" />
            {info?.read_only && (
              <span class="note note--info" data-testid="settings-read-only">
                {t("settings.readOnly")}
              </span>
            )}
            <span class="hint">{t("settings.dataDirHint")}</span>
          </div>
          <div class="field">
            <span class="field-label">{t("settings.version")}</span>
            <output data-testid="settings-version">{info?.version ?? ""}</output>
          </div>
          <ErrorNote message={error} />
          <p class="hint">{t("settings.offline")}</p>
        </form>
      </div>
    </section>
  );
}

/**
 * The office server this data folder syncs with: its address (a postgres://
 * URL without a password, or a PostgreSQL service name), saved or cleared
 * with set_server, whose refusal is shown here. Saved, the sync starts in
 * the background; the sidebar says how it goes.
 */
function OfficeServer({ stored }: { stored: string }) {
  const { t } = useI18n();
  const sync = useSync();
  const [address, setAddress] = useState(stored);
  /** Typed only to be handed to the system keyring with the address; never shown again. */
  const [password, setPassword] = useState("");
  /** Where the data folder syncs now, as the shell says it ("": nowhere), once saved or cleared here. */
  const [saved, setSaved] = useState<string | null>(null);
  const { run, busy, error } = useAction();

  const save = async (value: string, withPassword: string | null) => {
    setSaved(null);
    const done = await run(() => api.setServer(value, withPassword));
    if (!done) return;
    sync.changed(done.value);
    setAddress(value);
    setPassword("");
    setSaved(done.value.server);
  };

  return (
    <form
      class="form settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save(address.trim(), password === "" ? null : password);
      }}
    >
      <label class="field">
        <span class="field-label">{t("settings.server")}</span>
        <input
          type="text"
          id="settings-server"
          value={address}
          placeholder={SERVER_EXAMPLE}
          spellcheck={false}
          autocomplete="off"
          class="path"
          onInput={(e) => (setAddress(e.currentTarget.value), setSaved(null))}
          data-testid="settings-server"
        />
        <span class="hint">{t("settings.serverHint")}</span>
      </label>
      <label class="field">
        <span class="field-label">{t("settings.serverPassword")}</span>
        <input
          type="password"
          value={password}
          autocomplete="off"
          onInput={(e) => (setPassword(e.currentTarget.value), setSaved(null))}
          data-testid="settings-server-password"
        />
        <span class="hint">{t("settings.serverPasswordHint")}</span>
      </label>
      <ErrorNote message={error} testid="settings-server-error" />
      <div>
        <button type="submit" disabled={busy} data-testid="settings-server-save">
          {t("settings.serverSave")}
        </button>{" "}
        <button type="button" disabled={busy} onClick={() => void save("", null)} data-testid="settings-server-clear">
          {t("settings.serverClear")}
        </button>{" "}
        {saved !== null && (
          <span class="muted" role="status" data-testid="settings-server-saved">
            {saved === "" ? t("settings.serverCleared") : t("settings.serverSaved", { server: saved })}
          </span>
        )}
      </div>
    </form>
  );
}

/**
 * The key that signs what the window writes (its name is the author of
 * every entry then); or, while it is locked, that entries are written
 * unsigned until its passphrase is given; or, without one, that entries are
 * written unsigned, and the button that makes one (the same dialog as at
 * first use).
 */
function SigningKey() {
  const { t } = useI18n();
  const { key, locked, ask } = useSigning();
  const state = key ? "signed" : locked ? "locked" : "none";
  return (
    <section
      class="form settings"
      aria-labelledby="settings-signing-key"
      data-testid="settings-signing-key"
      data-signed={key ? "true" : "false"}
      data-state={state}
    >
      <div class="field">
        <span class="field-label" id="settings-signing-key">
          {t("settings.signingKey")}
        </span>
        {key ? (
          <>
            <dl class="facts">
              <dt>{t("settings.signingKeyName")}</dt>
              <dd data-testid="settings-signing-key-name">{key.name}</dd>
              <dt>{t("settings.signingKeyFingerprint")}</dt>
              <dd class="path" title={key.public_key} data-testid="settings-signing-key-fingerprint">
                {key.fingerprint}
              </dd>
            </dl>
            <span class="hint">{t("settings.signingKeyHint")}</span>
          </>
        ) : locked ? (
          <>
            <span data-testid="settings-signing-key-locked">{t("settings.signingKeyLockedNow", { name: locked.name })}</span>
            <span class="hint path" title={locked.public_key}>
              {t("key.fingerprint", { fingerprint: locked.fingerprint })}
            </span>
            <div>
              <button type="button" onClick={ask} data-testid="settings-signing-key-unlock">
                {t("settings.signingKeyUnlock")}
              </button>
            </div>
          </>
        ) : (
          <>
            <span data-testid="settings-signing-key-none">{t("settings.signingKeyNone")}</span>
            <div>
              <button type="button" onClick={ask} data-testid="settings-signing-key-make">
                {t("settings.signingKeyMake")}
              </button>
            </div>
          </>
        )}
      </div>
    </section>
  );
}

/**
 * Whether the data folder is encrypted at rest. Plain: the button that
 * encrypts it (the same dialog as the first-run offer). Encrypted: said so,
 * and the button that changes its passphrase.
 */
function EncryptionAtRest() {
  const { t } = useI18n();
  const { status, writable } = useDataDir();
  const [dialog, setDialog] = useState<"encrypt" | "change" | null>(null);
  const [changed, setChanged] = useState(false);
  if (!status) return null;
  return (
    <section
      class="form settings"
      aria-labelledby="settings-encryption"
      data-testid="settings-encryption"
      data-encrypted={status.encrypted ? "true" : "false"}
    >
      <div class="field">
        <span class="field-label" id="settings-encryption">
          {t("settings.encryption")}
        </span>
        {status.encrypted ? (
          <>
            <span data-testid="settings-encrypted">{t("settings.encryptionOn")}</span>
            {writable && (
              <div>
                <button
                  type="button"
                  onClick={() => {
                    setChanged(false);
                    setDialog("change");
                  }}
                  data-testid="settings-change-passphrase"
                >
                  {t("settings.changePassphrase")}
                </button>
              </div>
            )}
            {changed && <OkNote testid="settings-passphrase-changed">{t("settings.passphraseChanged")}</OkNote>}
          </>
        ) : (
          <>
            <span data-testid="settings-not-encrypted">{t("settings.encryptionOff")}</span>
            {writable && (
              <div>
                <button type="button" onClick={() => setDialog("encrypt")} data-testid="settings-encrypt">
                  {t("settings.encrypt")}
                </button>
              </div>
            )}
          </>
        )}
      </div>
      {dialog === "encrypt" && <EncryptDialog onClose={() => setDialog(null)} />}
      {dialog === "change" && (
        <ChangePassphraseDialog
          onClose={() => setDialog(null)}
          onChanged={() => {
            setDialog(null);
            setChanged(true);
          }}
        />
      )}
    </section>
  );
}
