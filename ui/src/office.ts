// This installation's office code, for every view that shows a case's
// reference (another office's case is shown, and reached, as
// `GVA:K-2026-0001`: lib/references.ts). Null while none is set.

import { createContext } from "preact";
import { useContext } from "preact/hooks";

export type Office = {
  /** This installation's office code; null while none is set. */
  code: string | null;
  /** Called with the code the core set (Settings, the first-use dialog). */
  changed: (code: string) => void;
};

export const OfficeContext = createContext<Office>({ code: null, changed: () => undefined });

export function useOffice(): Office {
  return useContext(OfficeContext);
}
