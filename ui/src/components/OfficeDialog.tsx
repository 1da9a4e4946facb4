// At first use (no office code set yet), the window asks once for this
// office's code, prefilled with the one the core suggests (from the
// machine's name). It never holds the app up: closed, or refused (a
// read-only data folder), the app goes on, and the core sets the suggested
// code at the first case opened. Settings changes it later.

import { useState } from "preact/hooks";

import { api } from "../api";
import { useI18n } from "../i18n";
import { Dialog } from "./Dialog";
import { useAction } from "./hooks";
import { ErrorNote } from "./Notes";

/** The example the hint gives (an office's code looks like this). */
export const OFFICE_EXAMPLE = "GVA";

type Props = { suggested: string; onClose: () => void; onSet: (code: string) => void };

export function OfficeDialog({ suggested, onClose, onSet }: Props) {
  const { t } = useI18n();
  const [code, setCode] = useState(suggested);
  const { run, busy, error } = useAction();

  const set = async (value: string) => {
    if (busy) return;
    const done = await run(() => api.setOffice(value.trim()));
    if (done) onSet(done.value);
  };

  return (
    <Dialog title={t("office.title")} onClose={onClose} testid="office-dialog" size="small">
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void set(code);
        }}
      >
        <p>{t("office.hint", { example: OFFICE_EXAMPLE })}</p>
        <label class="field">
          <input
            type="text"
            value={code}
            aria-label={t("office.title")}
            autoFocus
            spellcheck={false}
            autocomplete="off"
            class="office-code"
            onInput={(e) => setCode(e.currentTarget.value)}
            data-testid="office-code"
          />
          <span class="hint">{t("office.later")}</span>
        </label>
        <ErrorNote message={error} />
        <div class="form-actions">
          <button type="button" disabled={busy} onClick={() => void set(suggested)} data-testid="office-suggested">
            {t("office.useSuggested", { code: suggested })}
          </button>
          <button type="submit" class="primary" disabled={busy} data-testid="office-confirm">
            {t("office.ok")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
