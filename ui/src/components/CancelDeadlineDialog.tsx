// Cancelling a deadline on the record, with the reason (required): asked in
// a dialog, because it cannot be undone. Used in a case's side panel and in
// the Deadlines view, beside "Mark as met".

import { useState } from "preact/hooks";

import { api, errorMessage } from "../api";
import type { Deadline } from "../bindings/Deadline";
import { useI18n } from "../i18n";
import { formatDate } from "../lib/time";
import { CancelButton, Dialog } from "./Dialog";
import { ErrorNote } from "./Notes";

export function CancelDeadlineDialog({
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
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!reason.trim()) {
      setError(t("deadlines.cancelReasonMissing"));
      return;
    }
    setBusy(true);
    try {
      await api.cancelDeadline(reference, deadline.entry_seq, reason.trim());
      onDone();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <Dialog title={t("deadlines.cancelTitle")} onClose={onClose} testid="deadline-cancel-dialog" size="small" dirty={reason.trim() !== ""}>
      <form class="form" onSubmit={(e) => void submit(e)}>
        <p>
          <b>{formatDate(deadline.due, locale)}</b> — {deadline.what}
        </p>
        <label class="field">
          <span class="field-label">{t("deadlines.cancelReason")}</span>
          <input type="text" value={reason} autoFocus onInput={(e) => setReason(e.currentTarget.value)} data-testid="deadline-cancel-reason" />
        </label>
        <ErrorNote message={error} />
        <div class="form-actions">
          <CancelButton label="deadlines.keepDeadline" />
          <button type="submit" class="primary" disabled={busy} data-testid="deadline-cancel-confirm">
            {t("deadlines.confirmCancel")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
