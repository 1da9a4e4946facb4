// A modal dialog on the native <dialog> element: the page behind it is
// inert, focus starts on the first field (or the one marked autoFocus), and
// Esc closes it.

import type { ComponentChildren } from "preact";
import { useLayoutEffect, useRef } from "preact/hooks";

import { useI18n } from "../i18n";
import { withShortcut } from "../lib/shortcuts";

let nextId = 0;

type Props = {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  testid?: string;
  size?: "small" | "medium" | "large";
};

export function Dialog({ title, onClose, children, testid, size = "medium" }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useRef(`dialog-title-${++nextId}`).current;

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      class={`dialog dialog--${size}`}
      aria-labelledby={titleId}
      data-testid={testid}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header class="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          class="icon-button"
          onClick={onClose}
          title={withShortcut(t("common.close"), "close")}
          aria-label={t("common.close")}
          data-testid="dialog-close"
        >
          ×
        </button>
      </header>
      <div class="dialog-body">{children}</div>
    </dialog>
  );
}
