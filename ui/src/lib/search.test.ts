import { describe, expect, it } from "vitest";

import type { SearchHit } from "../bindings/SearchHit";
import { buildQuery, CASE_LIMIT, filtersSet, LIMIT, moreAfter, NO_FILTERS, SEARCH_KINDS, startsCase } from "./search";

/** A hit of case `c` (entry `seq`), `more` more of that case found. */
const hit = (c: string, seq: number | null, more = 0): SearchHit => ({
  case_id: c,
  case_reference: `K-2026-000${c}`,
  case_office: "VIE",
  case_title: `Case ${c}`,
  entry_seq: seq,
  entry_kind: seq === null ? null : "note",
  occurred_at: null,
  document: null,
  snippet: "",
  score: 1,
  more_in_case: more,
});

describe("the query the palette sends", () => {
  it("is none without words to look for", () => {
    expect(buildQuery("", null, NO_FILTERS)).toBeNull();
    expect(buildQuery("   ", "K-2026-0001", { ...NO_FILTERS, kind: "note" })).toBeNull();
  });

  it("asks every case for a few hits each, best first, with no filter", () => {
    expect(buildQuery("  repair fund ", null, NO_FILTERS)).toEqual({
      text: "repair fund",
      case: null,
      kind: null,
      party: null,
      author: null,
      from: null,
      to: null,
      newest_first: false,
      limit: LIMIT,
    });
  });

  it("asks one case for all of its hits", () => {
    const q = buildQuery("fund", "GVA:K-2026-0001", NO_FILTERS);
    expect(q?.case).toBe("GVA:K-2026-0001");
    expect(q?.limit).toBe(CASE_LIMIT);
    expect(CASE_LIMIT).toBeLessThanOrEqual(500);
  });

  it("carries every filter, trimmed, dates as YYYY-MM-DD", () => {
    const filters = {
      kind: "meeting" as const,
      party: " Kingdom of Belmont ",
      author: "Dr. Ines Moreau ",
      from: " 2026-11-01",
      to: "2026-11-30",
      newestFirst: true,
    };
    expect(buildQuery("delegation", null, filters)).toEqual({
      text: "delegation",
      case: null,
      kind: "meeting",
      party: "Kingdom of Belmont",
      author: "Dr. Ines Moreau",
      from: "2026-11-01",
      to: "2026-11-30",
      newest_first: true,
      limit: LIMIT,
    });
    expect(filtersSet(filters)).toBe(5);
  });

  it("leaves out a date that does not read (yet), and a blank party or author", () => {
    const q = buildQuery("x", null, { ...NO_FILTERS, party: "  ", author: " ", from: "2026-11", to: "2026-02-30" });
    expect([q?.party, q?.author, q?.from, q?.to]).toEqual([null, null, null, null]);
    expect(filtersSet({ ...NO_FILTERS, from: "2026-11", newestFirst: true })).toBe(0);
    expect(filtersSet(NO_FILTERS)).toBe(0);
  });

  it("offers every kind of entry, once", () => {
    expect(SEARCH_KINDS).toHaveLength(12);
    expect(new Set(SEARCH_KINDS).size).toBe(SEARCH_KINDS.length);
    expect(SEARCH_KINDS).toContain("filing");
    expect(SEARCH_KINDS).toContain("case_change");
  });
});

describe("hits a few per case", () => {
  it("puts 'N more in this case' after the last hit shown of a case that has more", () => {
    const hits = [hit("1", 3, 4), hit("1", 7, 4), hit("1", null, 4), hit("2", 2, 0), hit("3", 5, 1)];
    expect(moreAfter(hits)).toEqual([0, 0, 4, 0, 1]);
  });

  it("puts none when no case has more, or there are no hits", () => {
    expect(moreAfter([hit("1", 1), hit("2", 1), hit("2", 2)])).toEqual([0, 0, 0]);
    expect(moreAfter([])).toEqual([]);
  });

  it("knows the first hit of each case", () => {
    const hits = [hit("1", 3), hit("1", 7), hit("2", 2), hit("1", 9)];
    expect(hits.map((_, i) => startsCase(hits, i))).toEqual([true, false, true, true]);
  });
});
