// Marking a deadline as met (with an optional note) or cancelling it on the
// record (with the reason, required): asked in a dialog, because neither can
// be undone. Used in a case's side panel and in the Deadlines view.

import { useState } from "preact/hooks";

import { api } from "../api";
import type { Deadline } from "../bindings/Deadline";
import { useI18n, type MessageKey } from "../i18n";
import { formatDate } from "../lib/time";
import { CancelButton, Dialog } from "./Dialog";
import { useAction } from "./hooks";
import { ErrorNote } from "./Notes";

export type Settle = "met" | "cancel";

const WORDS: Record<Settle, { title: MessageKey; field: MessageKey; confirm: MessageKey; keep?: MessageKey; missing?: MessageKey }> = {
  met: { title: "deadlines.completeTitle", field: "deadlines.note", confirm: "deadlines.confirmDone" },
  cancel: {
    title: "deadlines.cancelTitle",
    field: "deadlines.cancelReason",
    confirm: "deadlines.confirmCancel",
    // "Cancel" would read like the dialog's own action.
    keep: "deadlines.keepDeadline",
    missing: "deadlines.cancelReasonMissing",
  },
};

/** The end-to-end tests' names for each part. */
const TESTIDS: Record<Settle, { dialog: string; field: string; confirm: string }> = {
  met: { dialog: "deadline-done-dialog", field: "deadline-note", confirm: "deadline-done-confirm" },
  cancel: { dialog: "deadline-cancel-dialog", field: "deadline-cancel-reason", confirm: "deadline-cancel-confirm" },
};

export function SettleDeadlineDialog({
  action,
  reference,
  deadline,
  onClose,
  onDone,
}: {
  action: Settle;
  reference: string;
  deadline: Deadline;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, lang } = useI18n();
  const [text, setText] = useState("");
  const { run, busy, error, setError } = useAction();
  const words = WORDS[action];
  const ids = TESTIDS[action];
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (words.missing && !text.trim()) {
      setError(t(words.missing));
      return;
    }
    const settle = action === "met" ? api.completeDeadline : api.cancelDeadline;
    await run(async () => {
      await settle(reference, deadline.entry_seq, text.trim());
      onDone();
    });
  };
  return (
    <Dialog title={t(words.title)} onClose={onClose} testid={ids.dialog} size="small" dirty={text.trim() !== ""}>
      <form class="form" onSubmit={(e) => void submit(e)}>
        <p>
          <b>{formatDate(deadline.due, lang)}</b> — {deadline.what}
        </p>
        <label class="field">
          <span class="field-label">{t(words.field)}</span>
          <input type="text" value={text} autoFocus onInput={(e) => setText(e.currentTarget.value)} data-testid={ids.field} />
        </label>
        <ErrorNote message={error} />
        <div class="form-actions">
          <CancelButton label={words.keep} />
          <button type="submit" class="primary" disabled={busy} data-testid={ids.confirm}>
            {t(words.confirm)}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
