// Marking a deadline as met (with an optional note, and when, if before
// now: a reply that came on time but is recorded later stays on time) or
// cancelling it on the record (with the reason, required): asked in a
// dialog, because neither can be undone. Used in a case's side panel and in
// the Deadlines view.

import { useState } from "preact/hooks";

import { api } from "../api";
import type { Deadline } from "../bindings/Deadline";
import { useI18n, type MessageKey } from "../i18n";
import { formatDate, localInputToRfc3339 } from "../lib/time";
import { DateInput } from "./DateInput";
import { CancelButton, Dialog } from "./Dialog";
import { useAction, useClockTime } from "./hooks";
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
  const { time, edited: timeEdited, set: setWhen, toNow } = useClockTime();
  /** Confirming was refused for the time: the field says why until it reads. */
  const [timeTried, setTimeTried] = useState(false);
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
    const metAt = action === "met" && timeEdited ? localInputToRfc3339(time) : null;
    if (action === "met" && timeEdited && !metAt) {
      // The time field says what is wrong with it.
      setError(null);
      setTimeTried(true);
      return;
    }
    await run(async () => {
      if (action === "met") await api.completeDeadline(reference, deadline.entry_seq, text.trim(), metAt);
      else await api.cancelDeadline(reference, deadline.entry_seq, text.trim());
      onDone();
    });
  };
  return (
    <Dialog title={t(words.title)} onClose={onClose} testid={ids.dialog} size="small" dirty={text.trim() !== "" || timeEdited}>
      <form class="form" onSubmit={(e) => void submit(e)}>
        <p>
          <b>{formatDate(deadline.due, lang)}</b> — {deadline.what}
        </p>
        <label class="field">
          <span class="field-label">{t(words.field)}</span>
          <input type="text" value={text} autoFocus onInput={(e) => setText(e.currentTarget.value)} data-testid={ids.field} />
        </label>
        {action === "met" && (
          <div class="field">
            <label class="inline">
              <span class="field-label">{t("deadlines.metTime")}</span>
              <DateInput
                kind="time"
                value={time}
                onInput={(value) => setWhen(value)}
                checked={timeTried}
                testid="deadline-met-time"
                data={{ "data-edited": timeEdited ? "true" : "false" }}
              />
            </label>
            {timeEdited && (
              <button type="button" class="link" onClick={toNow} title={t("log.timeNowTitle")} data-testid="deadline-met-time-now">
                {t("log.timeNow")}
              </button>
            )}
          </div>
        )}
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
