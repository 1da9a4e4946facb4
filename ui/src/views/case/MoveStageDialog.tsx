// Asks for the reason of a stage move, and when it happened (now, unless
// changed: a move recorded after the fact keeps its time), then makes it.

import { useState } from "preact/hooks";

import { api } from "../../api";
import type { Entry } from "../../bindings/Entry";
import type { Stage } from "../../bindings/Stage";
import { StageBadge } from "../../components/Badges";
import { CancelButton, Dialog } from "../../components/Dialog";
import { DateInput } from "../../components/DateInput";
import { useAction, useClockTime } from "../../components/hooks";
import { ErrorNote } from "../../components/Notes";
import { useI18n } from "../../i18n";
import { withShortcut } from "../../lib/shortcuts";
import { localInputToRfc3339 } from "../../lib/time";

type Props = { reference: string; from: Stage; to: Stage; onClose: () => void; onMoved: (e: Entry) => void };

export function MoveStageDialog({ reference, from, to, onClose, onMoved }: Props) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const { time, edited: timeEdited, set: setWhen, toNow } = useClockTime();
  /** Confirming was refused for the time: the field says why until it reads. */
  const [timeTried, setTimeTried] = useState(false);
  const { run, busy, error, setError } = useAction();

  const submit = async () => {
    if (busy) return;
    if (!reason.trim()) {
      setError(t("move.reasonMissing"));
      return;
    }
    const occurredAt = timeEdited ? localInputToRfc3339(time) : null;
    if (timeEdited && !occurredAt) {
      // The time field says what is wrong with it.
      setError(null);
      setTimeTried(true);
      return;
    }
    await run(async () => onMoved(await api.moveStage(reference, to, reason.trim(), occurredAt)));
  };

  return (
    <Dialog title={t("move.title", { reference, stage: t(`stage.${to}`) })} onClose={onClose} testid="move-dialog" size="small" dirty={reason.trim() !== "" || timeEdited}>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p class="move-path">
          <StageBadge stage={from} /> → <StageBadge stage={to} />
        </p>
        <label class="field">
          <span class="field-label">{t("move.reason")}</span>
          <textarea
            rows={3}
            value={reason}
            placeholder={t("move.reasonPlaceholder")}
            autoFocus
            onInput={(e) => setReason(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void submit();
              }
            }}
            data-testid="move-reason"
          />
        </label>
        <div class="field">
          <label class="inline">
            <span class="field-label">{t("move.time")}</span>
            <DateInput
              kind="time"
              value={time}
              onInput={(text) => setWhen(text)}
              checked={timeTried}
              testid="move-time"
              data={{ "data-edited": timeEdited ? "true" : "false" }}
            />
          </label>
          {timeEdited && (
            <button
              type="button"
              class="link"
              onClick={() => {
                toNow();
              }}
              title={t("log.timeNowTitle")}
              data-testid="move-time-now"
            >
              {t("log.timeNow")}
            </button>
          )}
        </div>
        <ErrorNote message={error} />
        <div class="form-actions">
          <CancelButton />
          <button type="submit" class="primary" disabled={busy} title={withShortcut(t("move.confirm"), "save_entry")} data-testid="move-confirm">
            {t("move.confirm")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
