// Who signs what the window writes: the data folder's signing key once it
// is unlocked (at start without a passphrase, or through the key dialog),
// for every view that shows it or offers to make or unlock it. The dialog
// itself is the app's (App.tsx), over whatever view is shown.

import { createContext } from "preact";
import { useContext } from "preact/hooks";

import type { Identity } from "./bindings/Identity";

export type Signing = {
  /** The key that signs what the window writes; null: entries are written unsigned. */
  key: Identity | null;
  /** The data folder's key while it is locked (its passphrase not given since start). */
  locked: Identity | null;
  /** Opens the dialog that makes a key (there is none) or unlocks it (it is locked). */
  ask: () => void;
};

export const SigningContext = createContext<Signing>({ key: null, locked: null, ask: () => undefined });

export function useSigning(): Signing {
  return useContext(SigningContext);
}
