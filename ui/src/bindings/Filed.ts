import type { Entry } from "./Entry";
import type { Rendered } from "./Rendered";

// What `file_filing` returns (src-tauri `Filed`).
export type Filed = {
  rendered: Rendered;
  entry: Entry;
};
