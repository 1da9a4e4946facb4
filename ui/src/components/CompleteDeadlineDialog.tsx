// Marking a deadline as met, with an optional note: asked first, in a
// dialog, because it cannot be undone. Used in a case's side panel and in
// the Deadlines view.

import { useState } from "preact/hooks";

import { api, errorMessage } from "../api";
import type { Deadline } from "../bindings/Deadline";
import { useI18n } from "../i18n";
import { formatDate } from "../lib/time";
import { CancelButton, Dialog } from "./Dialog";
import { ErrorNote } from "./Notes";

export function CompleteDeadlineDialog({
  reference,
  deadline,
  onClose,
  onDone,
}: {
  reference: string;
  deadline: Deadline;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await api.completeDeadline(reference, deadline.entry_seq, note.trim());
      onDone();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <Dialog title={t("deadlines.completeTitle")} onClose={onClose} testid="deadline-done-dialog" size="small">
      <form class="form" onSubmit={(e) => void submit(e)}>
        <p>
          <b>{formatDate(deadline.due, locale)}</b> — {deadline.what}
        </p>
        <label class="field">
          <span class="field-label">{t("deadlines.note")}</span>
          <input type="text" value={note} autoFocus onInput={(e) => setNote(e.currentTarget.value)} data-testid="deadline-note" />
        </label>
        <ErrorNote message={error} />
        <div class="form-actions">
          <CancelButton />
          <button type="submit" class="primary" disabled={busy} data-testid="deadline-done-confirm">
            {t("deadlines.confirmDone")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
