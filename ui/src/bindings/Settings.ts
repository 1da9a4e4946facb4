// The user's settings (`get_settings` / `set_settings`; src-tauri `Settings`).
export type Settings = {
  /** "en" | "zh" | "ru" */
  ui_language: string;
};
