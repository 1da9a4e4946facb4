// A modal dialog on the native <dialog> element: the page behind it is
// inert, focus starts on the first field (or the one marked autoFocus), and
// Esc closes it. A dialog holding typed text (`dirty`) asks first, in a line
// of its own, whether to discard it; Cancel buttons inside a dialog are
// <CancelButton>, so they ask too. Closing after a submit (the parent
// unmounting the dialog) does not ask.

import { createContext, type ComponentChildren } from "preact";
import { useContext, useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";

import { useI18n, type MessageKey } from "../i18n";
import { closeStep, type CloseVia } from "../lib/dialog";
import { withShortcut } from "../lib/shortcuts";

let nextId = 0;

const RequestClose = createContext<() => void>(() => {});

type Props = {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  testid?: string;
  size?: "small" | "medium" | "large";
  /** Something was typed that closing would throw away. */
  dirty?: boolean;
};

export function Dialog({ title, onClose, children, testid, size = "medium", dirty = false }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const editing = useRef<HTMLElement | null>(null);
  const titleId = useRef(`dialog-title-${++nextId}`).current;
  const [asking, setAsking] = useState(false);

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  useEffect(() => {
    if (asking) keepRef.current?.focus();
  }, [asking]);

  const keepEditing = () => {
    setAsking(false);
    editing.current?.focus();
  };

  const requestClose = (via: CloseVia) => {
    const step = closeStep(dirty, asking, via);
    if (step === "close") return onClose();
    if (step === "keep") return keepEditing();
    if (!asking) editing.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setAsking(true);
  };

  return (
    <dialog
      ref={ref}
      class={`dialog dialog--${size}`}
      aria-labelledby={titleId}
      data-testid={testid}
      onKeyDown={(e) => {
        // Esc is handled here rather than by the browser, which may close a
        // dialog on a second Esc even when told not to.
        if (e.key !== "Escape" || e.isComposing) return;
        e.preventDefault();
        requestClose("escape");
      }}
      onCancel={(e) => {
        e.preventDefault();
        requestClose("escape");
      }}
    >
      <header class="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          class="icon-button"
          onClick={() => requestClose("button")}
          title={withShortcut(t("common.close"), "close")}
          aria-label={t("common.close")}
          data-testid="dialog-close"
        >
          ×
        </button>
      </header>
      {asking && (
        <div class="dialog-discard" role="alert" data-testid="dialog-discard-question">
          <span>{t("dialog.discardQuestion")}</span>
          <button type="button" onClick={onClose} data-testid="dialog-discard">
            {t("dialog.discard")}
          </button>
          <button type="button" ref={keepRef} class="primary" onClick={keepEditing} data-testid="dialog-keep-editing">
            {t("dialog.keepEditing")}
          </button>
        </div>
      )}
      <div class="dialog-body">
        <RequestClose.Provider value={() => requestClose("button")}>{children}</RequestClose.Provider>
      </div>
    </dialog>
  );
}

/**
 * The Cancel button of a dialog's form: closes the dialog, asking first if it
 * is dirty. `label` where "Cancel" would read like the dialog's own action.
 */
export function CancelButton({ label, testid }: { label?: MessageKey; testid?: string }) {
  const { t } = useI18n();
  const requestClose = useContext(RequestClose);
  return (
    <button type="button" onClick={requestClose} data-testid={testid}>
      {t(label ?? "common.cancel")}
    </button>
  );
}
