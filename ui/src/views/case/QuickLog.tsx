// The quick log: always under the journal, for logging a step while it
// happens. Kind, time (now unless changed; typed in this machine's time
// zone, which the entry records), place (if said), markdown body, files by
// dialog or drag and drop, and whom it is for (the office only, all
// parties, or one party: a caucus; until chosen, as the kind says: a note
// is the office's, the rest the parties'; an agreement always the
// parties'); Ctrl+Enter saves. What is in it (body, kind, a changed time,
// place, files) is kept as a draft (save_draft, ~500 ms after a change, and
// when the case is left) and restored when the case is opened again, so a
// note survives leaving the case, a crash or a restart. Whom it is for is
// not kept in the draft (the core's draft has no place for it): a restored
// draft follows its kind again.

import { open } from "@tauri-apps/plugin-dialog";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { useContext, useEffect, useRef, useState } from "preact/hooks";

import { api } from "../../api";
import type { Audience } from "../../bindings/Audience";
import type { Entry } from "../../bindings/Entry";
import type { EntryKind } from "../../bindings/EntryKind";
import type { QuickLogDraft } from "../../bindings/QuickLogDraft";
import { AudienceChoice } from "../../components/AudienceChoice";
import { DateInput } from "../../components/DateInput";
import { useAction, useClockTime, useDebouncedCallback, useMounted } from "../../components/hooks";
import { PaperclipIcon } from "../../components/Icons";
import { ErrorNote } from "../../components/Notes";
import { useI18n } from "../../i18n";
import { chosenAudience, isFixed, shownAudience } from "../../lib/audience";
import { DEFAULT_KIND, isEmptyLogDraft, logDraftOf, logFormOf } from "../../lib/drafts";
import { LOGGABLE } from "../../lib/record";
import { withShortcut } from "../../lib/shortcuts";
import { QuickLogContext } from "../../quickLog";
import { localInputToRfc3339 } from "../../lib/time";

/** `parties`: the case's, to log something for one of them alone. */
type Props = { reference: string; parties: readonly string[]; onLogged: (e: Entry) => void };

type DraftState = "none" | "restored" | "saving" | "saved" | "failed";

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

export function QuickLog({ reference, parties, onLogged }: Props) {
  const { t } = useI18n();
  const quickLog = useContext(QuickLogContext);
  const [kind, setKind] = useState<EntryKind>(DEFAULT_KIND);
  const { time, edited: timeEdited, set: setWhen, toNow } = useClockTime();
  /** Saving was refused for the time: the field says why until it reads. */
  const [timeTried, setTimeTried] = useState(false);
  const [place, setPlace] = useState("");
  const [body, setBody] = useState("");
  const [attachments, setAttachments] = useState<string[]>([]);
  /** Whom it is for, once the user chose; null: as the kind says. */
  const [audience, setAudience] = useState<Audience | null>(null);
  const [dragging, setDragging] = useState(false);
  const { run, attempt, busy, error, setError } = useAction();
  const [draft, setDraft] = useState<DraftState>("none");
  const [savedSeq, setSavedSeq] = useState<number | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const touched = useRef(false);
  const mounted = useMounted();

  // Ctrl+L focuses the body.
  useEffect(() => {
    quickLog.current = () => textarea.current?.focus();
    return () => {
      quickLog.current = null;
    };
  }, [quickLog]);

  // Another case: its own parties, and its entries for whom their kind says.
  useEffect(() => setAudience(null), [reference]);

  // Restore the draft, unless the user has started changing the form already.
  useEffect(() => {
    api
      .loadDraft(reference)
      .then((kept) => {
        if (!kept || touched.current || !mounted.current) return;
        const form = logFormOf(kept, LOGGABLE);
        setKind(form.kind);
        setWhen(form.time, form.timeEdited);
        setPlace(form.place);
        setBody(form.body);
        setAttachments(form.attachments);
        setDraft("restored");
      })
      .catch(() => undefined);
  }, [reference, mounted, setWhen]);

  const saveDraft = useDebouncedCallback((kept: QuickLogDraft) => {
    setDraft("saving");
    api
      .saveDraft(reference, kept)
      .then(() => mounted.current && setDraft(isEmptyLogDraft(kept) ? "none" : "saved"))
      .catch(() => mounted.current && setDraft("failed"));
  }, 500);

  // Any change the user makes is kept (the time only once it was changed,
  // so the clock ticking is not a change).
  const draftKey = JSON.stringify(logDraftOf({ kind, time, timeEdited, place, body, attachments }));
  useEffect(() => {
    if (touched.current) saveDraft(JSON.parse(draftKey) as QuickLogDraft);
  }, [draftKey, saveDraft]);

  const touch = () => {
    touched.current = true;
    setSavedSeq(null);
  };

  // Files dropped on the window while a case is open go to the quick log.
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let cancelled = false;
    try {
      getCurrentWebview()
        .onDragDropEvent((event) => {
          const p = event.payload;
          if (p.type === "enter" || p.type === "over") setDragging(true);
          else if (p.type === "leave") setDragging(false);
          else if (p.type === "drop") {
            setDragging(false);
            if (p.paths.length > 0) {
              touch();
              setAttachments((a) => [...new Set([...a, ...p.paths])]);
            }
          }
        })
        .then((fn) => (cancelled ? fn() : (unlisten = fn)))
        .catch(() => undefined);
    } catch {
      // Not inside the desktop shell: no drag and drop of files.
    }
    return () => {
      cancelled = true;
      unlisten?.();
    };
  }, []);

  const attach = async () => {
    const picked = await attempt(() => open({ multiple: true, directory: false, title: t("log.attachDialog") }));
    if (!picked?.value) return;
    const paths = Array.isArray(picked.value) ? picked.value : [picked.value];
    touch();
    setAttachments((a) => [...new Set([...a, ...paths])]);
  };

  const save = async () => {
    if (busy) return;
    if (!body.trim()) {
      setError(t("log.bodyMissing"));
      textarea.current?.focus();
      return;
    }
    const occurredAt = timeEdited ? localInputToRfc3339(time) : null;
    if (timeEdited && !occurredAt) {
      // The time field says what is wrong with it.
      setError(null);
      setTimeTried(true);
      return;
    }
    setTimeTried(false);
    // Not kept again once log_entry has removed it; kept again if it fails.
    saveDraft.cancel();
    const logged = await run(async () => {
      try {
        return await api.logEntry(reference, {
          kind,
          body,
          occurred_at: occurredAt,
          place: place.trim() || null,
          attachments,
          // Left out until chosen: the core decides by the kind.
          audience: chosenAudience(kind, audience, parties) ?? undefined,
        });
      } catch (e) {
        saveDraft(JSON.parse(draftKey) as QuickLogDraft);
        throw e;
      }
    });
    if (!logged) return;
    const entry = logged.value;
    touched.current = false;
    setKind(DEFAULT_KIND);
    setAudience(null);
    setPlace("");
    setBody("");
    setAttachments([]);
    toNow();
    setDraft("none");
    setSavedSeq(entry.seq);
    onLogged(entry);
    textarea.current?.focus();
  };

  const draftNote =
    draft === "restored"
      ? t("log.draftRestored")
      : draft === "saved"
        ? t("log.draftSaved")
        : draft === "failed"
          ? t("log.draftFailed")
          : savedSeq
            ? t("log.saved", { seq: savedSeq })
            : "";

  return (
    <form
      class={`quick-log${dragging ? " quick-log--drop" : ""}`}
      aria-label={t("log.title")}
      data-testid="quick-log"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        // Ctrl+Enter saves from anywhere in the quick log.
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void save();
        }
      }}
    >
      <div class="quick-log-row">
        <label class="inline">
          <span class="sr-only">{t("log.kind")}</span>
          <select value={kind} onChange={(e) => {
              touch();
              setKind(e.currentTarget.value as EntryKind);
            }} title={t("log.kind")} data-testid="log-kind">
            {LOGGABLE.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label class="inline">
          <span class="muted">{t("log.time")}</span>
          <DateInput
            kind="time"
            value={time}
            onInput={(text) => {
              touch();
              setWhen(text);
            }}
            checked={timeTried}
            testid="log-time"
            data={{ "data-edited": timeEdited ? "true" : "false" }}
          />
        </label>
        {timeEdited && (
          <button
            type="button"
            class="link"
            onClick={() => {
              touch();
              toNow();
            }}
            title={t("log.timeNowTitle")}
            data-testid="log-time-now"
          >
            {t("log.timeNow")}
          </button>
        )}
        <label class="inline quick-log-place">
          <span class="muted">{t("log.place")}</span>
          <input
            type="text"
            value={place}
            placeholder={t("log.placePlaceholder")}
            onInput={(e) => {
              touch();
              setPlace(e.currentTarget.value);
            }}
            data-testid="log-place"
          />
        </label>
        <span class="spacer" />
        <span class="muted draft-state" role="status" data-testid="log-status">
          {draftNote}
        </span>
      </div>
      <textarea
        ref={textarea}
        class="quick-log-body"
        rows={3}
        value={body}
        placeholder={t("log.bodyPlaceholder")}
        aria-label={t("log.body")}
        title={withShortcut(t("log.focus"), "focus_log")}
        onInput={(e) => {
          touch();
          setBody(e.currentTarget.value);
        }}
        data-testid="log-body"
      />
      {attachments.length > 0 && (
        <ul class="attachments" aria-label={t("log.attachments")} data-testid="log-attachments">
          {attachments.map((path) => (
            <li key={path} title={path}>
              <PaperclipIcon />
              {baseName(path)}
              <button
                type="button"
                class="icon-button"
                onClick={() => {
                  touch();
                  setAttachments((a) => a.filter((p) => p !== path));
                }}
                aria-label={t("log.removeAttachment", { name: baseName(path) })}
                title={t("log.removeAttachment", { name: baseName(path) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {dragging && <p class="drop-hint">{t("log.dropHere")}</p>}
      <ErrorNote message={error} testid="log-error" />
      <div class="quick-log-row">
        <button type="button" onClick={() => void attach()} title={t("log.attachTitle")} data-testid="log-attach">
          {t("log.attach")}
        </button>
        <label class="inline">
          <span class="muted">{t("audience.for")}</span>
          <AudienceChoice
            value={shownAudience(kind, audience, parties)}
            parties={parties}
            onChange={(a) => {
              touch();
              setAudience(a);
            }}
            disabled={isFixed(kind)}
            title={isFixed(kind) ? t("audience.fixed") : undefined}
            testid="log-audience"
          />
        </label>
        <span class="spacer" />
        <span class="hint">{t("log.markdownHint")}</span>
        <button type="submit" class="primary" disabled={busy} title={withShortcut(t("log.save"), "save_entry")} data-testid="log-save">
          {busy ? t("log.saving") : t("log.save")}
        </button>
      </div>
    </form>
  );
}
