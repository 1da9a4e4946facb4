import { describe, expect, it } from "vitest";
import { JOURNAL_PAGE } from "../api";
import { pageOf, seedPages, type PageState } from "./pages";

type View = { entry: { seq: number } };

const views = (from: number, to: number): View[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ entry: { seq: to - i } }));

describe("seedPages", () => {
  it("marks the pages the newest entries fill, and only those", () => {
    // 250 entries: the newest 100 (151..250) fill page 2 (201..250, the last, short
    // page) but only half of page 1 (101..200), which must still be fetched.
    const entries = new Map<number, View>();
    const pages = new Map<number, PageState>();
    seedPages(views(151, 250), 250, entries, pages);
    expect(entries.size).toBe(100);
    expect(pageOf(250)).toBe(2);
    expect(pages.get(2)).toBe("loaded");
    expect(pages.has(1)).toBe(false);
  });

  it("ignores entries newer than the count it was given", () => {
    // The case was read before a new entry arrived; the page is read after.
    const entries = new Map<number, View>();
    const pages = new Map<number, PageState>();
    seedPages(views(2, JOURNAL_PAGE + 1), JOURNAL_PAGE, entries, pages);
    expect(entries.has(JOURNAL_PAGE + 1)).toBe(false);
    expect(pages.has(1)).toBe(false);
    expect(pages.has(0)).toBe(false); // entry 1 is missing
  });
});
