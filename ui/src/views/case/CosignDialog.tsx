// Co-signing an agreement for a party: the party's delegate brings their
// signing key as a file (chosen in the open dialog: the window never
// builds a path), types its passphrase, and the core adds their signature
// beside the author's. A delegate the case does not know yet joins it for
// the party chosen here; one who is already a delegate of the case has
// their party chosen for them. A wrong passphrase is said and changes
// nothing.

import { open } from "@tauri-apps/plugin-dialog";
import { useState } from "preact/hooks";

import { api } from "../../api";
import type { AgreementSigning } from "../../bindings/AgreementSigning";
import type { CaseView } from "../../bindings/CaseView";
import type { KeyFileInfo } from "../../bindings/KeyFileInfo";
import { CancelButton, Dialog } from "../../components/Dialog";
import { useAction } from "../../components/hooks";
import { ErrorNote } from "../../components/Notes";
import { useI18n } from "../../i18n";
import { delegateParty } from "../../lib/cosign";

type Props = {
  /** The case as the commands take it. */
  reference: string;
  detail: CaseView;
  agreement: AgreementSigning;
  onClose: () => void;
  onDone: () => void;
};

export function CosignDialog({ reference, detail, agreement, onClose, onDone }: Props) {
  const { t } = useI18n();
  const [path, setPath] = useState<string | null>(null);
  const [key, setKey] = useState<KeyFileInfo | null>(null);
  /** The party the delegate is known to sign for in this case, if any. */
  const [known, setKnown] = useState<string | null>(null);
  const [party, setParty] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const { run, attempt, busy, error, setError } = useAction();

  const choose = async () => {
    const picked = (await attempt(() => open({ multiple: false, directory: false, title: t("cosign.keyDialog") })))?.value;
    if (typeof picked !== "string") return;
    const read = await attempt(() => api.readKeyFile(picked));
    if (!read) return;
    const info = read.value;
    const theirs = delegateParty(detail, info.identity);
    setPath(picked);
    setKey(info);
    setKnown(theirs);
    setParty(theirs ?? "");
    setPassphrase("");
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!path || !key) return setError(t("cosign.keyMissing"));
    if (key.has_passphrase && passphrase === "") return setError(t("cosign.passphraseMissing", { name: key.identity.name }));
    const signed = await run(async () => {
      await api.cosignAgreement(reference, agreement.seq, path, passphrase, party || null);
      onDone();
    });
    // A wrong passphrase changed nothing: typed again from scratch.
    if (!signed) setPassphrase("");
  };

  return (
    <Dialog title={t("cosign.title", { seq: agreement.seq })} onClose={onClose} testid="cosign-dialog" size="small" dirty={passphrase !== ""}>
      <form class="form" onSubmit={(e) => void submit(e)}>
        <p class="hint">{t("cosign.intro")}</p>
        <p>
          <b>#{agreement.seq}</b> {agreement.summary}
        </p>
        <div class="field">
          <span class="field-label">{t("cosign.key")}</span>
          {key && (
            <div data-testid="cosign-key" data-name={key.identity.name} data-fingerprint={key.identity.fingerprint}>
              <b>{key.identity.name}</b>
              <div class="muted small path" title={key.identity.public_key}>
                {t("key.fingerprint", { fingerprint: key.identity.fingerprint })}
              </div>
            </div>
          )}
          <div>
            <button type="button" disabled={busy} onClick={() => void choose()} data-testid="cosign-choose-key">
              {t("cosign.chooseKey")}
            </button>
          </div>
        </div>
        {key && (
          <label class="field">
            <span class="field-label">{t("cosign.party")}</span>
            <select value={party} onChange={(e) => setParty(e.currentTarget.value)} data-testid="cosign-party">
              <option value="">{t("cosign.chooseParty")}</option>
              {detail.case.parties.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
            {known && (
              <span class="hint" data-testid="cosign-party-known">
                {t("cosign.partyKnown", { name: key.identity.name, party: known })}
              </span>
            )}
          </label>
        )}
        {key &&
          (key.has_passphrase ? (
            <label class="field">
              <span class="field-label">{t("cosign.passphrase", { name: key.identity.name })}</span>
              <input
                type="password"
                value={passphrase}
                autoComplete="off"
                onInput={(e) => setPassphrase(e.currentTarget.value)}
                data-testid="cosign-passphrase"
              />
            </label>
          ) : (
            <p class="hint">{t("cosign.noPassphrase")}</p>
          ))}
        <ErrorNote message={error} />
        <div class="form-actions">
          <CancelButton />
          <button type="submit" class="primary" disabled={busy || !key} data-testid="cosign-confirm">
            {busy ? t("cosign.signing") : t("cosign.confirm")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
