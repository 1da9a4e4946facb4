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
  /**
   * While none is known, asks the core again: it sets the suggested code at
   * the first entry written (a case opened, a dossier imported) when the
   * first-use dialog was closed without one. Call after a write.
   */
  recheck: () => void;
};

export const OfficeContext = createContext<Office>({ code: null, changed: () => undefined, recheck: () => undefined });

export function useOffice(): Office {
  return useContext(OfficeContext);
}
