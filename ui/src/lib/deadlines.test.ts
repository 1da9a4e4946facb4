import { describe, expect, it } from "vitest";
import type { Deadline } from "../bindings/Deadline";
import { sortDeadlines } from "./deadlines";

const d = (status: Deadline["status"], due: string, ref = "K-2026-0001"): Deadline => ({
  id: `${status}-${due}-${ref}`,
  case_reference: ref,
  case_title: "t",
  entry_seq: 1,
  due,
  what: "w",
  done_at: status === "done" ? "2026-01-01T00:00:00Z" : null,
  status,
});

describe("sortDeadlines", () => {
  it("puts overdue first, then today, upcoming and done, soonest first", () => {
    const sorted = sortDeadlines([
      d("upcoming", "2026-12-01"),
      d("done", "2026-01-01"),
      d("overdue", "2026-03-02"),
      d("due_today", "2026-06-01"),
      d("overdue", "2026-03-01"),
    ]);
    expect(sorted.map((x) => `${x.status} ${x.due}`)).toEqual([
      "overdue 2026-03-01",
      "overdue 2026-03-02",
      "due_today 2026-06-01",
      "upcoming 2026-12-01",
      "done 2026-01-01",
    ]);
  });
});
