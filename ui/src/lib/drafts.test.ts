import { describe, expect, it } from "vitest";
import type { FieldSpec } from "../bindings/FieldSpec";
import { filingDraftOf, isEmptyLogDraft, logDraftOf, logFormOf, type LogForm } from "./drafts";
import { localInputToRfc3339, toTimeField } from "./time";

const LOGGABLE = ["meeting", "communication", "proposal", "note", "agreement"] as const;

const form = (change: Partial<LogForm> = {}): LogForm => ({
  kind: "note",
  time: "2026-11-20 10:00",
  timeEdited: false,
  place: "",
  body: "",
  attachments: [],
  ...change,
});

describe("the quick log's draft", () => {
  it("is empty for an untouched form, whatever the clock says", () => {
    expect(isEmptyLogDraft(logDraftOf(form()))).toBe(true);
    expect(isEmptyLogDraft(logDraftOf(form({ body: "  \n" })))).toBe(true);
    expect(isEmptyLogDraft(logDraftOf(form({ place: " " })))).toBe(true);
  });

  it("keeps the kind, a changed time, the place and the files with the text", () => {
    const kept = logDraftOf(
      form({ kind: "meeting", time: "2026-11-20 09:30", timeEdited: true, place: "Palais des Nations", body: "Opening", attachments: ["/home/m/minutes.pdf"] }),
    );
    expect(kept).toEqual({
      body: "Opening",
      kind: "meeting",
      occurred_at: localInputToRfc3339("2026-11-20 09:30"),
      place: "Palais des Nations",
      attachments: ["/home/m/minutes.pdf"],
    });
    expect(isEmptyLogDraft(kept)).toBe(false);
  });

  it("keeps a kind or a time alone, but not the time that follows the clock", () => {
    expect(isEmptyLogDraft(logDraftOf(form({ kind: "proposal" })))).toBe(false);
    expect(isEmptyLogDraft(logDraftOf(form({ timeEdited: true })))).toBe(false);
    expect(isEmptyLogDraft(logDraftOf(form({ place: "Geneva" })))).toBe(false);
    expect(logDraftOf(form({ time: "2026-11-21 08:00" })).occurred_at).toBeNull();
  });

  it("fills the form in again as it was", () => {
    const before = form({ kind: "agreement", time: "2026-11-19 16:45", timeEdited: true, place: "Vienna", body: "Signed", attachments: ["/a.pdf", "/b.pdf"] });
    expect(logFormOf(logDraftOf(before), LOGGABLE)).toEqual(before);
  });

  it("follows the clock again when no time was kept, and falls back to a note for a kind it does not offer", () => {
    const now = new Date(2026, 10, 22, 14, 5);
    const restored = logFormOf({ body: "x", kind: "stage_change", occurred_at: null, place: "", attachments: [] }, LOGGABLE, now);
    expect(restored.kind).toBe("note");
    expect(restored.timeEdited).toBe(false);
    expect(restored.time).toBe(toTimeField(now));
    expect(logFormOf({ body: "", kind: null, occurred_at: "not a time", place: "", attachments: [] }, LOGGABLE, now).timeEdited).toBe(false);
  });
});

describe("a filing form's draft", () => {
  const field = (name: string): FieldSpec => ({ name, label: name, type: "text", required: false });

  it("keeps the template's fields that hold text, and nothing else", () => {
    const fields = [field("place"), field("matters"), field("date")];
    expect(filingDraftOf(fields, { place: "Geneva", matters: "  ", other: "from another template" })).toEqual({ place: "Geneva" });
    expect(filingDraftOf(fields, {})).toEqual({});
  });
});
