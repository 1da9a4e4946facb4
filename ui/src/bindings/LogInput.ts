import type { EntryKind } from "./EntryKind";

// The `input` argument of `log_entry` (src-tauri `LogInput`).
export type LogInput = {
  /** meeting, communication, proposal, note or agreement */
  kind: EntryKind;
  /** Markdown. */
  body: string;
  /** RFC 3339 with offset; null means now. */
  occurred_at: string | null;
  /** Paths from the file dialog or a drag and drop. */
  attachments: Array<string>;
};
