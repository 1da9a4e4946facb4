// A correction: a new entry pointing at the one it corrects, which stays
// in the journal as it was. It says in words what was wrong, and for a
// person's entry (a meeting, communication, proposal, note or agreement)
// it may give a new time, place or kind, or say the entry was entered in
// error (void: it no longer counts). The words may be left out when
// something else changes. System entries (stage moves, deadlines, …) and
// corrections themselves are corrected in words only: the record's changes
// of time, place and kind apply to people's entries, and a second correction
// of the entry itself changes what a first one got wrong.

import { useState } from "preact/hooks";

import { api } from "../../api";
import type { CorrectionInput } from "../../bindings/CorrectionInput";
import type { Entry } from "../../bindings/Entry";
import type { EntryKind } from "../../bindings/EntryKind";
import { DateInput } from "../../components/DateInput";
import { CancelButton, Dialog } from "../../components/Dialog";
import { useAction } from "../../components/hooks";
import { ErrorNote } from "../../components/Notes";
import { useI18n } from "../../i18n";
import { isLoggable, LOGGABLE, type Current } from "../../lib/record";
import { withShortcut } from "../../lib/shortcuts";
import { machineZone, readTimeField, toTimeField } from "../../lib/time";

type Props = {
  reference: string;
  entry: Entry;
  /** The entry as the record reads now: what the fields start from. */
  now: Current;
  onClose: () => void;
  onDone: (e: Entry) => void;
};

export function CorrectDialog({ reference, entry, now, onClose, onDone }: Props) {
  const { t } = useI18n();
  /** A person's entry: its time, place and kind may change, or it may be void. */
  const full = entry.kind !== "correction" && isLoggable(now.kind);
  const startTime = toTimeField(new Date(now.occurredAt));
  const [body, setBody] = useState("");
  const [time, setTime] = useState(startTime);
  /** Confirming was refused for the time: the field says why until it reads. */
  const [timeTried, setTimeTried] = useState(false);
  const [place, setPlace] = useState(now.place);
  const [kind, setKind] = useState<EntryKind>(now.kind);
  const [voided, setVoided] = useState(false);
  const { run, busy, error, setError } = useAction();

  const timeChanged = full && time.trim() !== startTime;
  const placeChanged = full && place.trim() !== now.place;
  const kindChanged = full && kind !== now.kind;
  const dirty = body.trim() !== "" || voided || timeChanged || placeChanged || kindChanged;

  const submit = async () => {
    if (busy) return;
    // Void, the entry no longer counts: a new time, place or kind would change nothing.
    const changing = full && !voided;
    let occurredAt: string | null = null;
    if (changing && timeChanged) {
      const read = readTimeField(time);
      if ("problem" in read) {
        // The time field says what is wrong with it.
        setError(null);
        setTimeTried(true);
        return;
      }
      occurredAt = read.value;
    }
    const input: CorrectionInput = {
      body: body.trim() ? body : "",
      occurred_at: occurredAt,
      place: changing && placeChanged ? place.trim() : null,
      kind: changing && kindChanged ? kind : null,
      void: full && voided,
    };
    if (!input.body && !input.void && input.occurred_at === null && input.place === null && input.kind === null) {
      setError(full ? t("problem.correction_empty") : t("correct.bodyMissing"));
      return;
    }
    setTimeTried(false);
    await run(async () => onDone(await api.correctEntry(reference, entry.seq, input)));
  };

  return (
    <Dialog title={t("correct.title", { seq: entry.seq })} onClose={onClose} testid="correct-dialog" dirty={dirty}>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          }
        }}
      >
        <p class="hint">{t(full ? "correct.hint" : "correct.hintWords", { seq: entry.seq })}</p>
        <label class="field">
          <span class="field-label">{t("correct.body")}</span>
          <textarea
            rows={5}
            value={body}
            placeholder={t(full ? "correct.bodyPlaceholder" : "correct.bodyPlaceholderWords")}
            autoFocus
            onInput={(e) => setBody(e.currentTarget.value)}
            data-testid="correct-body"
          />
        </label>
        {full && (
          <fieldset class="field correct-changes">
            <legend class="field-label">{t("correct.changes")}</legend>
            <label class="check">
              <input
                type="checkbox"
                checked={voided}
                onChange={(e) => {
                  setVoided(e.currentTarget.checked);
                  setError(null);
                }}
                data-testid="correct-void"
              />
              <span>{t("correct.void")}</span>
            </label>
            <div class="correct-grid" aria-disabled={voided}>
              <label class="field">
                <span class="field-label">{t("correct.time")}</span>
                <DateInput kind="time" value={time} onInput={setTime} checked={timeTried} disabled={voided} testid="correct-time" />
                <span class="hint">{t("correct.timeZone", { zone: machineZone() })}</span>
              </label>
              <label class="field">
                <span class="field-label">{t("correct.place")}</span>
                <input
                  type="text"
                  value={place}
                  disabled={voided}
                  placeholder={t("log.placePlaceholder")}
                  onInput={(e) => setPlace(e.currentTarget.value)}
                  data-testid="correct-place"
                />
              </label>
              <label class="field">
                <span class="field-label">{t("correct.kind")}</span>
                <select value={kind} disabled={voided} onChange={(e) => setKind(e.currentTarget.value as EntryKind)} data-testid="correct-kind">
                  {LOGGABLE.map((k) => (
                    <option key={k} value={k}>
                      {t(`kind.${k}`)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </fieldset>
        )}
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
