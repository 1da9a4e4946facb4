// The journal is fetched in pages of JOURNAL_PAGE entries: page b holds
// entries b*JOURNAL_PAGE+1 .. (b+1)*JOURNAL_PAGE, so which page an entry is in
// never changes as the case grows.

import { JOURNAL_PAGE } from "../api";

export type PageState = "loading" | "loaded";

export const pageOf = (seq: number) => Math.floor((seq - 1) / JOURNAL_PAGE);

/**
 * Takes in entries fetched some other way (the newest, with the case);
 * a page they fill is marked loaded, so it is not asked for again.
 */
export function seedPages<T extends { entry: { seq: number } }>(
  views: T[],
  total: number,
  entries: Map<number, T>,
  pages: Map<number, PageState>,
) {
  const kept = views.filter((v) => v.entry.seq <= total);
  for (const view of kept) entries.set(view.entry.seq, view);
  for (const b of new Set(kept.map((v) => pageOf(v.entry.seq)))) {
    let full = true;
    for (let s = b * JOURNAL_PAGE + 1; s <= Math.min(total, (b + 1) * JOURNAL_PAGE) && full; s++) full = entries.has(s);
    if (full) pages.set(b, "loaded");
  }
}
