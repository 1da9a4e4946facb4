// Encryption at rest, as the window offers it: the check of a passphrase
// typed twice (to encrypt the data folder, or to change its passphrase),
// and when the first-run offer to encrypt the data folder is shown ("Not
// now" is remembered in the web view's localStorage, under one key).

import type { DataDirStatus } from "../bindings/DataDirStatus";

/** Why a passphrase typed twice cannot be used: none (or only spaces) typed, or the two differ. */
export type PassphraseProblem = "missing" | "mismatch";

/** What is wrong with a new passphrase and its repetition; null: it can be used. */
export function passphraseProblem(passphrase: string, again: string): PassphraseProblem | null {
  if (passphrase.trim() === "") return "missing";
  if (passphrase !== again) return "mismatch";
  return null;
}

/** Whether the first-run offer to encrypt the data folder is shown: a plain, empty, writable data folder, the offer not turned down. */
export function offersEncryption(status: DataDirStatus | null, readOnly: boolean, dismissed: boolean): boolean {
  return status !== null && status.empty && !status.encrypted && !status.locked && !readOnly && !dismissed;
}

/** Where "Not now" to the offer is remembered. */
export const OFFER_DISMISSED_KEY = "pacta.encryptOffer.dismissed";

type KeyValue = Pick<Storage, "getItem" | "setItem">;

/** The web view's localStorage; null where it cannot be used. */
function local(): KeyValue | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Whether the offer was turned down ("Not now") before. */
export function offerDismissed(storage: KeyValue | null = local()): boolean {
  try {
    return storage?.getItem(OFFER_DISMISSED_KEY) === "1";
  } catch {
    return false;
  }
}

/** Remembers that the offer was turned down (where it cannot be, it is offered again at the next start). */
export function rememberOfferDismissed(storage: KeyValue | null = local()): void {
  try {
    storage?.setItem(OFFER_DISMISSED_KEY, "1");
  } catch {
    // Not kept: nothing worse than being offered again.
  }
}
