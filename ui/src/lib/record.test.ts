import { describe, expect, it } from "vitest";

import { JOURNAL_PAGE } from "../api";
import type { Entry } from "../bindings/Entry";
import type { EntryKind } from "../bindings/EntryKind";
import type { JsonValue } from "../bindings/serde_json/JsonValue";
import { changesOf, current, Layout, pageOrder } from "./record";

/** A journal: entry n at `at` (stored form), with `corrected_by` filled in as the core does. */
function journal(specs: { at: string; kind?: EntryKind; data?: JsonValue; corrects?: number }[]): Map<number, Entry> {
  const entries = new Map<number, Entry>();
  specs.forEach((spec, i) => {
    const seq = i + 1;
    entries.set(seq, {
      id: `e${seq}`,
      case_id: "c",
      seq,
      kind: spec.kind ?? (spec.corrects ? "correction" : "note"),
      occurred_at: spec.at,
      recorded_at: spec.at,
      author: "Dr. Ines Moreau",
      body: `entry ${seq}`,
      corrects: spec.corrects ? `e${spec.corrects}` : null,
      documents: [],
      data: spec.data ?? { tz: "Europe/Zurich" },
      prev_hash: "",
      parents: [],
      office: "VIE",
      hash: `h${seq}`,
      corrected_by: [],
      corrects_seq: spec.corrects ?? null,
      signed_with: [],
      audience: "parties",
    });
  });
  for (const e of entries.values()) if (e.corrects_seq) entries.get(e.corrects_seq)!.corrected_by.push(e.seq);
  return entries;
}

describe("an entry as the record reads now", () => {
  it("is as recorded while nothing corrects it: its kind, time, place and zone", () => {
    const j = journal([{ at: "2026-11-20T08:30:00Z", kind: "meeting", data: { place: "Palais des Nations", tz: "Europe/Zurich" } }]);
    const now = current(j.get(1)!, (s) => j.get(s));
    expect(now).toMatchObject({ kind: "meeting", occurredAt: "2026-11-20T08:30:00Z", place: "Palais des Nations", zone: "Europe/Zurich", void: false });
    expect(now.corrections).toEqual([]);
    expect(now.changedBy).toEqual({ time: null, place: null, kind: null, void: null });
  });

  it("takes a correction's new time (and the zone it was given in), place and kind, the newest last", () => {
    const j = journal([
      { at: "2026-11-20T08:30:00Z", kind: "note", data: { place: "Geneva", tz: "Europe/Zurich" } },
      { at: "2026-11-30T10:00:00Z", corrects: 1, data: { occurred_at: "2026-11-21T14:00:00.000000Z", place: "Vienna", tz: "Europe/Vienna", text_unchanged: true } },
      { at: "2026-11-30T11:00:00Z", corrects: 1, data: { kind: "meeting", tz: "UTC" } },
      { at: "2026-11-30T12:00:00Z", corrects: 1, data: { place: "Bern", tz: "UTC" } },
    ]);
    const now = current(j.get(1)!, (s) => j.get(s));
    expect(now).toMatchObject({ kind: "meeting", occurredAt: "2026-11-21T14:00:00.000000Z", zone: "Europe/Vienna", place: "Bern", void: false });
    expect(now.changedBy).toEqual({ time: 2, place: 4, kind: 3, void: null });
    expect(now.corrections.map((k) => k.seq)).toEqual([2, 3, 4]);
    // The correction itself took place nowhere: the place it names is the entry's.
    expect(current(j.get(2)!, (s) => j.get(s)).place).toBe("");
  });

  it("is void once any correction says it was entered in error, whatever else that correction gives", () => {
    const j = journal([
      { at: "2026-11-20T08:30:00Z", kind: "meeting" },
      { at: "2026-11-30T10:00:00Z", corrects: 1, data: { void: true, place: "Ignored", tz: "UTC" } },
    ]);
    const now = current(j.get(1)!, (s) => j.get(s));
    expect(now.void).toBe(true);
    expect(now.changedBy.void).toBe(2);
    expect(now.place).toBe("");
  });

  it("counts a correction of a correction as a correction of the entry, and names those not loaded yet", () => {
    const j = journal([
      { at: "2026-11-20T08:30:00Z" },
      { at: "2026-11-30T10:00:00Z", corrects: 1, data: { place: "Vienna" } },
      { at: "2026-11-30T11:00:00Z", corrects: 2, data: { place: "Graz" } },
    ]);
    expect(current(j.get(1)!, (s) => j.get(s)).place).toBe("Graz");
    const without3 = current(j.get(1)!, (s) => (s === 3 ? undefined : j.get(s)));
    expect(without3.place).toBe("Vienna");
    expect(without3.missing).toEqual([3]);
    // Without #2, #3 is not known of yet: #2 is named, and #3 once #2 is there.
    expect(current(j.get(1)!, (s) => (s === 2 ? undefined : j.get(s))).missing).toEqual([2]);
  });

  it("reads what a correction changes, and whether it says anything in words", () => {
    const j = journal([
      { at: "2026-11-20T08:30:00Z" },
      { at: "2026-11-30T10:00:00Z", corrects: 1, data: { place: "", kind: "stage_change", text_unchanged: true } },
    ]);
    expect(changesOf(j.get(2)!)).toEqual({ void: false, occurredAt: null, place: "", kind: null, textUnchanged: true });
  });
});

describe("the order of a page", () => {
  it("is by when things happened, as corrected, then by number, the latest first", () => {
    const j = journal([
      { at: "2026-11-01T00:00:00Z", kind: "stage_change" },
      { at: "2026-11-29T09:00:00Z" },
      { at: "2026-11-20T08:30:00Z", kind: "meeting" },
      { at: "2026-11-29T09:00:00.000000Z" },
      { at: "2026-11-30T10:00:00Z", corrects: 2, data: { occurred_at: "2026-11-10T12:00:00.000000Z" } },
    ]);
    expect(pageOrder(0, 5, (s) => j.get(s))).toEqual([5, 4, 3, 2, 1]);
    expect(pageOrder(0, 5, (s) => (s === 3 ? undefined : j.get(s)))).toBeNull();
  });

  it("places each page's entries in that page's rows, and leaves a page not loaded in order of number", () => {
    const specs = Array.from({ length: JOURNAL_PAGE + 3 }, (_, i) => ({ at: `2026-11-${String(10 + (i % 20)).padStart(2, "0")}T10:00:00Z` }));
    const j = journal(specs);
    const total = specs.length;
    const layout = new Layout(total, (s) => j.get(s));
    for (let slot = 1; slot <= total; slot++) expect(layout.slotOf(layout.seqAt(slot))).toBe(slot);
    // The newest page (three entries: 11, 12 and 13 November) in its own rows.
    expect([total, total - 1, total - 2].map((s) => layout.seqAt(s)).sort()).toEqual([total - 2, total - 1, total].sort());
    const partial = new Layout(total, (s) => (s === 5 ? undefined : j.get(s)));
    expect(partial.seqAt(5)).toBe(5);
    expect(partial.seqAt(50)).toBe(50);
  });
});
