// Payload of the `dossier-progress` event (src-tauri `Progress`).
export type Progress = {
  /** "export", "verify" or "done". */
  phase: string;
  /** Bytes so far, of `total`. */
  done: number;
  total: number;
};
