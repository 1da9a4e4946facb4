// A correction: a new entry pointing at the one it corrects, which stays
// in the journal as it was.

import { useState } from "preact/hooks";

import { api } from "../../api";
import type { Entry } from "../../bindings/Entry";
import { CancelButton, Dialog } from "../../components/Dialog";
import { useAction } from "../../components/hooks";
import { ErrorNote } from "../../components/Notes";
import { useI18n } from "../../i18n";
import { withShortcut } from "../../lib/shortcuts";

type Props = { reference: string; entry: Entry; onClose: () => void; onDone: (e: Entry) => void };

export function CorrectDialog({ reference, entry, onClose, onDone }: Props) {
  const { t } = useI18n();
  const [body, setBody] = useState(entry.body);
  const { run, busy, error, setError } = useAction();

  const submit = async () => {
    if (busy) return;
    if (!body.trim()) {
      setError(t("correct.bodyMissing"));
      return;
    }
    await run(async () => onDone(await api.correctEntry(reference, entry.seq, body)));
  };

  return (
    <Dialog title={t("correct.title", { seq: entry.seq })} onClose={onClose} testid="correct-dialog" dirty={body !== entry.body}>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p class="hint">{t("correct.hint")}</p>
        <label class="field">
          <span class="field-label">{t("correct.body")}</span>
          <textarea
            rows={8}
            value={body}
            autoFocus
            onInput={(e) => setBody(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void submit();
              }
            }}
            data-testid="correct-body"
          />
        </label>
        <ErrorNote message={error} />
        <div class="form-actions">
          <CancelButton />
          <button type="submit" class="primary" disabled={busy} title={withShortcut(t("correct.confirm"), "save_entry")} data-testid="correct-confirm">
            {t("correct.confirm")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
