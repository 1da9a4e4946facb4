// Search (Ctrl+K): what the palette asks the core for, from the words typed
// and the filters chosen, and how the hits it answers with are shown. The
// core answers a few hits per case, the cases in the order of their best
// hit, each hit of a case saying how many more of that case were found
// (`more_in_case`); the last one shown of a case is followed by "N more in
// this case", which searches that case alone.

import type { EntryKind } from "../bindings/EntryKind";
import type { SearchHit } from "../bindings/SearchHit";
import type { SearchQuery } from "../bindings/SearchQuery";
import { readDateField } from "./time";

/** Hits asked for across every case (a few per case)… */
export const LIMIT = 50;
/** …and within one case, where all of its hits come. */
export const CASE_LIMIT = 200;

// Every kind, in the order the kind filter offers them (a Record, so the
// compiler says when a kind is added and not offered here).
const KIND_ORDER: Record<EntryKind, true> = {
  meeting: true,
  communication: true,
  proposal: true,
  note: true,
  agreement: true,
  filing: true,
  document: true,
  deadline: true,
  stage_change: true,
  participant: true,
  case_change: true,
  correction: true,
};

/** The kinds of entry a search can be narrowed to. */
export const SEARCH_KINDS = Object.keys(KIND_ORDER) as EntryKind[];

/** The filters as the palette holds them: as typed (dates as YYYY-MM-DD text). */
export type SearchFilters = {
  kind: EntryKind | null;
  party: string;
  author: string;
  from: string;
  to: string;
  newestFirst: boolean;
};

export const NO_FILTERS: SearchFilters = { kind: null, party: "", author: "", from: "", to: "", newestFirst: false };

/** A date field's text as the core takes a date, or null: empty, or not (yet) a date. */
function day(text: string): string | null {
  const read = readDateField(text);
  return "value" in read ? read.value : null;
}

/** How many filters narrow the search (the order of the hits is not one). */
export function filtersSet(f: SearchFilters): number {
  return [f.kind !== null, f.party.trim() !== "", f.author.trim() !== "", day(f.from) !== null, day(f.to) !== null].filter(Boolean).length;
}

/**
 * The query for the words typed, within `scope` (a case's reference as the
 * commands take it, or null: every case) and the filters; null when there
 * are no words to look for. A date that does not read yet is left out (its
 * field says what is wrong with it).
 */
export function buildQuery(text: string, scope: string | null, f: SearchFilters): SearchQuery | null {
  const words = text.trim();
  if (!words) return null;
  return {
    text: words,
    case: scope,
    kind: f.kind,
    party: f.party.trim() || null,
    author: f.author.trim() || null,
    from: day(f.from),
    to: day(f.to),
    newest_first: f.newestFirst,
    limit: scope ? CASE_LIMIT : LIMIT,
  };
}

/**
 * For each hit, the number to put after it in "N more in this case": how
 * many more its case has, on the last hit shown of that case; 0 on every
 * other hit (and on a case with no more).
 */
export function moreAfter(hits: readonly SearchHit[]): number[] {
  return hits.map((hit, i) => (hits[i + 1]?.case_id === hit.case_id ? 0 : hit.more_in_case));
}

/** Whether a hit is the first shown of its case (the case's title is shown on it). */
export function startsCase(hits: readonly SearchHit[], i: number): boolean {
  return i === 0 || hits[i - 1]?.case_id !== hits[i]?.case_id;
}
