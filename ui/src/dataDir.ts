// The data folder's encryption at rest, as the app learnt it at start
// (`data_dir_status`) and as the window has changed it since (encrypted
// from Settings or from the first-run offer), for Settings' "Encryption at
// rest" and the offer on the empty cases list. The unlock screen itself is
// the app's (App.tsx): nothing else is shown while the data folder is locked.

import { createContext } from "preact";
import { useContext } from "preact/hooks";

import type { DataDirStatus } from "./bindings/DataDirStatus";

export type DataDirState = {
  /** Encrypted, locked, empty; null: not known (the shell did not say). */
  status: DataDirStatus | null;
  /** The data folder is writable: it can be encrypted. */
  writable: boolean;
  /** Whether the first-run offer to encrypt it is shown (a plain, empty data folder; not turned down). */
  offer: boolean;
  /** "Not now" to the offer: remembered, not offered again. */
  dismissOffer: () => void;
  /** The window has just encrypted the data folder. */
  encrypted: () => void;
};

export const DataDirContext = createContext<DataDirState>({
  status: null,
  writable: false,
  offer: false,
  dismissOffer: () => undefined,
  encrypted: () => undefined,
});

export function useDataDir(): DataDirState {
  return useContext(DataDirContext);
}
