// Syncing with the office server, as the window says it: the sidebar's
// indicator (not set, syncing, synced at, failed, and how many entries
// written here wait to be sent), and whether a sync that just ended brought
// something the screen should show again.

import type { SyncView } from "../bindings/SyncView";
import { LOCALES, translate } from "../i18n";
import type { Language } from "../i18n/language";
import { problemText } from "./errors";
import { formatNumber } from "./format";
import { formatRecent } from "./time";

/**
 * No server set; a sync running; the server out of reach (normal away from
 * the office); the last sync failed otherwise; synced (at a time); never
 * synced with it yet.
 */
export type SyncState = "none" | "running" | "offline" | "failed" | "synced" | "never";

export function syncState(view: SyncView | null): SyncState {
  if (!view || view.server === "") return "none";
  if (view.running) return "running";
  if (view.error) return view.error.code === "server_unreachable" ? "offline" : "failed";
  return view.status?.synced_at ? "synced" : "never";
}

/** What the indicator says: its state in words, the entries waiting to be sent (null: none), and why the last sync failed. */
export type SyncText = { state: SyncState; label: string; waiting: string | null; problem: string | null };

export function syncText(view: SyncView | null, lang: Language, now: Date = new Date()): SyncText {
  const state = syncState(view);
  const syncedAt = view?.status?.synced_at ?? null;
  const label =
    state === "none"
      ? translate(lang, "sync.notSet")
      : state === "running"
        ? translate(lang, "sync.running")
        : state === "offline"
          ? translate(lang, "sync.offline")
          : state === "failed"
            ? translate(lang, "sync.failed")
          : state === "synced" && syncedAt
            ? translate(lang, "sync.synced", { time: formatRecent(syncedAt, lang, now) })
            : translate(lang, "sync.never");
  const count = state === "none" ? 0 : (view?.status?.waiting ?? 0);
  const waiting = count > 0 ? translate(lang, "sync.waiting", { count: formatNumber(count, LOCALES[lang]) }) : null;
  const error = view?.error ?? null;
  return { state, label, waiting, problem: error ? problemText(error, error.message, lang) : null };
}

/** How many cases the last sync could not send, rows from the server it did not accept, and whether it went unencrypted. */
export function syncIssues(view: SyncView | null): number {
  const report = view?.report;
  return report ? report.refused.length + report.rejected.length + (report.encrypted ? 0 : 1) : 0;
}

/**
 * Whether `next` is the end of a sync that brought cases, entries or
 * signatures here that `previous` did not already say: the screen then
 * shows the cases list and the open case again. The same report heard
 * twice (asked for again, say) counts once.
 */
export function pulledNew(previous: SyncView | null, next: SyncView): boolean {
  const report = next.report;
  if (next.running || !report) return false;
  if (previous?.report?.synced_at === report.synced_at) return false;
  return report.pulled.cases > 0 || report.pulled.entries > 0 || report.pulled.signatures > 0;
}
