// The app's keyboard shortcuts, in one table: the key handler and the
// tooltips both read it, so a tooltip never names a shortcut that is not there.

export type Action =
  | "search"
  | "new_case"
  | "focus_log"
  | "view_cases"
  | "view_deadlines"
  | "view_dossier"
  | "view_verify"
  | "view_settings";

/** The shortcut of each action, as shown in tooltips. */
export const SHORTCUTS: Record<Action | "save_entry" | "close", string> = {
  search: "Ctrl+K",
  new_case: "Ctrl+N",
  focus_log: "Ctrl+L",
  view_cases: "Ctrl+1",
  view_deadlines: "Ctrl+2",
  view_dossier: "Ctrl+3",
  view_verify: "Ctrl+4",
  view_settings: "Ctrl+5",
  save_entry: "Ctrl+Enter",
  close: "Esc",
};

type KeyLike = { key: string; code?: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean };

const BY_KEY: Record<string, Action> = {
  k: "search",
  n: "new_case",
  l: "focus_log",
  "1": "view_cases",
  "2": "view_deadlines",
  "3": "view_dossier",
  "4": "view_verify",
  "5": "view_settings",
};

/**
 * The app-wide action a key press asks for, if any (Ctrl, or Cmd on a Mac).
 * None while a modal dialog is open: the page behind it is inert, and a
 * view change, a new case or the search would take the user away from
 * what the dialog holds. (Ctrl+Enter and Esc belong to the dialog itself.)
 */
export function actionFor(e: KeyLike, modalOpen = false): Action | null {
  if (modalOpen) return null;
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return null;
  // By physical key for digits and letters, so a Russian or Chinese keyboard
  // layout still reaches Ctrl+K (the key would be "л" there).
  const fromCode = e.code?.startsWith("Key")
    ? e.code.slice(3).toLowerCase()
    : e.code?.startsWith("Digit")
      ? e.code.slice(5)
      : undefined;
  return BY_KEY[fromCode ?? e.key.toLowerCase()] ?? BY_KEY[e.key.toLowerCase()] ?? null;
}

/** A tooltip: the label and its shortcut, e.g. "Search (Ctrl+K)". */
export function withShortcut(label: string, action: keyof typeof SHORTCUTS): string {
  return `${label} (${SHORTCUTS[action]})`;
}
