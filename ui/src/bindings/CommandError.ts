// The error every command rejects with (src-tauri `CommandError`). `kind` is stable, `message` says what to do.
export type CommandError = {
  kind: string;
  message: string;
};
