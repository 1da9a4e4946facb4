// What `app_info` returns (src-tauri `AppInfo`).
export type AppInfo = {
  version: string;
  data_dir: string;
};
