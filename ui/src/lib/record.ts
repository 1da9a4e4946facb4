// The record as it reads now, for the entries the window has loaded: each
// entry with its corrections applied, as the core's record.rs does for
// listings and filings. A correction says in words what was wrong (its text
// is shown after the entry's, never instead of it), and may give the entry
// a new time, place or kind, or say it was entered in error (void: no
// longer counted, shown as void); a correction of a correction counts too,
// the newest last.
//
// The timeline loads the journal newest first, and a correction is always
// recorded after what it corrects, so an entry's corrections are normally
// loaded before it is; those that are not yet (a jump into the past) are
// named in `missing`, and the timeline loads them.
//
// The timeline shows entries in the order things happened (their time as
// corrected, then their number), within each page of the journal
// (`pageOrder`): the pages themselves go by number, which is what lets a
// page's rows be placed before it is loaded.

import type { Entry } from "../bindings/Entry";
import type { EntryKind } from "../bindings/EntryKind";
import type { JsonValue } from "../bindings/serde_json/JsonValue";
import { JOURNAL_PAGE } from "../api";
import { instant } from "./time";

/** The kinds a person logs, and the only ones a correction may turn an entry into. */
export const LOGGABLE: readonly EntryKind[] = ["meeting", "communication", "proposal", "note", "agreement"];

export function isLoggable(kind: EntryKind): boolean {
  return LOGGABLE.includes(kind);
}

/** A field of an entry's `data`. */
export function dataField(data: JsonValue, name: string): JsonValue | undefined {
  return data !== null && typeof data === "object" && !Array.isArray(data) ? data[name] : undefined;
}

function text(data: JsonValue, name: string): string | null {
  const v = dataField(data, name);
  return typeof v === "string" ? v : null;
}

/** What a correction changes besides its words. */
export type Changes = {
  void: boolean;
  /** RFC 3339. */
  occurredAt: string | null;
  /** "" removes the place. */
  place: string | null;
  kind: EntryKind | null;
  /** It says nothing in words (its body is the core's English account of the changes). */
  textUnchanged: boolean;
};

export function changesOf(correction: Entry): Changes {
  const d = correction.data;
  const at = text(d, "occurred_at");
  const kind = text(d, "kind");
  return {
    void: dataField(d, "void") === true,
    occurredAt: at !== null && !Number.isNaN(Date.parse(at)) ? at : null,
    place: text(d, "place"),
    kind: kind !== null && LOGGABLE.includes(kind as EntryKind) ? (kind as EntryKind) : null,
    textUnchanged: dataField(d, "text_unchanged") === true,
  };
}

export function changesAnything(c: Changes): boolean {
  return c.void || c.occurredAt !== null || c.place !== null || c.kind !== null;
}

/** An entry as the record reads now. */
export type Current = {
  kind: EntryKind;
  /** RFC 3339. */
  occurredAt: string;
  /** "" when none is recorded. */
  place: string;
  /** Where its time was read (IANA), if recorded. */
  zone: string | null;
  void: boolean;
  /** The corrections that apply to it (corrections of its corrections included), oldest first. */
  corrections: Entry[];
  /** The correction that last changed each (its number). */
  changedBy: { time: number | null; place: number | null; kind: number | null; void: number | null };
  /** Corrections that apply to it but are not loaded yet (their numbers). */
  missing: number[];
};

/** The entry as the record reads now, from the corrections `get` has. */
export function current(entry: Entry, get: (seq: number) => Entry | undefined): Current {
  const corrections: Entry[] = [];
  const missing: number[] = [];
  const seen = new Set<number>([entry.seq]);
  const queue = [...entry.corrected_by];
  while (queue.length > 0) {
    const seq = queue.shift()!;
    if (seen.has(seq)) continue;
    seen.add(seq);
    const k = get(seq);
    if (!k) {
      missing.push(seq);
      continue;
    }
    corrections.push(k);
    queue.push(...k.corrected_by);
  }
  corrections.sort((a, b) => a.seq - b.seq);
  const now: Current = {
    kind: entry.kind,
    occurredAt: entry.occurred_at,
    // A correction's own `place` is the place it gives what it corrects.
    place: entry.kind === "correction" ? "" : (text(entry.data, "place") ?? ""),
    zone: text(entry.data, "tz"),
    void: false,
    corrections,
    changedBy: { time: null, place: null, kind: null, void: null },
    missing: missing.sort((a, b) => a - b),
  };
  for (const k of corrections) {
    const c = changesOf(k);
    if (c.void) {
      now.void = true;
      now.changedBy.void = k.seq;
      continue;
    }
    if (c.occurredAt !== null) {
      now.occurredAt = c.occurredAt;
      now.zone = text(k.data, "tz") ?? now.zone;
      now.changedBy.time = k.seq;
    }
    if (c.place !== null) {
      now.place = c.place;
      now.changedBy.place = k.seq;
    }
    if (c.kind !== null) {
      now.kind = c.kind;
      now.changedBy.kind = k.seq;
    }
  }
  return now;
}

/** The first and last entry numbers of page `b` of a journal of `total` entries. */
export function pageBounds(b: number, total: number): { lo: number; hi: number } {
  return { lo: b * JOURNAL_PAGE + 1, hi: Math.min(total, (b + 1) * JOURNAL_PAGE) };
}

/**
 * The entries of page `b`, the latest first: by when they happened (as
 * corrected), then by number; null until every entry of the page is loaded
 * (they are shown by number meanwhile).
 */
export function pageOrder(b: number, total: number, get: (seq: number) => Entry | undefined): number[] | null {
  const { lo, hi } = pageBounds(b, total);
  const keyed: { seq: number; at: number }[] = [];
  for (let seq = hi; seq >= lo; seq--) {
    const e = get(seq);
    if (!e) return null;
    keyed.push({ seq, at: instant(current(e, get).occurredAt) });
  }
  return keyed.sort((a, b) => b.at - a.at || b.seq - a.seq).map((k) => k.seq);
}

/**
 * Where each entry is shown: rows ("slots") are numbered like entries,
 * n at the top, and each page's slots hold that page's entries in the
 * order things happened. Made afresh for each render (each page's order
 * is worked out once, when asked).
 */
export class Layout {
  private orders = new Map<number, number[] | null>();

  constructor(
    readonly total: number,
    private readonly get: (seq: number) => Entry | undefined,
  ) {}

  private order(b: number): number[] | null {
    let order = this.orders.get(b);
    if (order === undefined) {
      order = pageOrder(b, this.total, this.get);
      this.orders.set(b, order);
    }
    return order;
  }

  /** The entry shown in row `slot`. */
  seqAt(slot: number): number {
    const b = Math.floor((slot - 1) / JOURNAL_PAGE);
    const order = this.order(b);
    if (!order) return slot;
    return order[pageBounds(b, this.total).hi - slot] ?? slot;
  }

  /** The row entry `seq` is shown in. */
  slotOf(seq: number): number {
    const b = Math.floor((seq - 1) / JOURNAL_PAGE);
    const order = this.order(b);
    const at = order ? order.indexOf(seq) : -1;
    return at < 0 ? seq : pageBounds(b, this.total).hi - at;
  }
}
