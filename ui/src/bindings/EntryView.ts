import type { Entry } from "./Entry";

// What `journal_page` returns per entry (src-tauri `EntryView`): the entry and its body as sanitized HTML.
export type EntryView = {
  entry: Entry;
  body_html: string;
};
