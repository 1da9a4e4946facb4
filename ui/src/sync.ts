// Syncing with the office server, for the whole window: where it stands
// (the shell's `sync-status` events, and `sync_status` asked now and then
// for the count of entries waiting to be sent), and a counter bumped each
// time a sync brought something here, after which the cases list and the
// open case read again what they show (`useAfterPull`). The sync runs in
// the shell's background: nothing in the window waits for it.

import { createContext } from "preact";
import { useContext, useEffect, useRef } from "preact/hooks";

import type { SyncView } from "./bindings/SyncView";

export type Sync = {
  /** Where syncing stands; null until the shell has said. */
  view: SyncView | null;
  /** Bumped each time a sync ended having brought cases, entries or signatures here. */
  pulled: number;
  /** Called with what a command answered (`set_server`). */
  changed: (view: SyncView) => void;
};

export const SyncContext = createContext<Sync>({ view: null, pulled: 0, changed: () => undefined });

export function useSync(): Sync {
  return useContext(SyncContext);
}

/** Calls `refresh` each time a sync has brought something here (not when first mounted). */
export function useAfterPull(refresh: () => void): void {
  const { pulled } = useSync();
  const latest = useRef(refresh);
  latest.current = refresh;
  const seen = useRef(pulled);
  useEffect(() => {
    if (pulled === seen.current) return;
    seen.current = pulled;
    latest.current();
  }, [pulled]);
}
