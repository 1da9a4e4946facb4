import { describe, expect, it } from "vitest";
import type { Deadline } from "../bindings/Deadline";
import type { Stage } from "../bindings/Stage";
import { canMarkMet, casesOf, shownStatus, sortDeadlines } from "./deadlines";

const d = (status: Deadline["status"], due: string, ref = "K-2026-0001", stage: Stage = "mediation"): Deadline => ({
  id: `${status}-${due}-${ref}`,
  case_reference: ref,
  case_title: `title of ${ref}`,
  case_stage: stage,
  entry_seq: 1,
  due,
  what: "w",
  done_at: status === "done" ? "2026-01-01T00:00:00Z" : null,
  cancelled_at: status === "cancelled" ? "2026-01-02T00:00:00Z" : null,
  cancel_reason: status === "cancelled" ? "withdrawn" : null,
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

describe("the case filter of the Deadlines view", () => {
  it("offers each case of the list once, by reference", () => {
    const list = [d("overdue", "2026-03-01", "K-2026-0002"), d("upcoming", "2026-04-01", "K-2026-0001"), d("done", "2026-01-01", "K-2026-0002")];
    expect(casesOf(list)).toEqual([
      { reference: "K-2026-0001", title: "title of K-2026-0001" },
      { reference: "K-2026-0002", title: "title of K-2026-0002" },
    ]);
  });
});

describe("Mark as met", () => {
  it("is offered for an open deadline of an open case only", () => {
    expect(canMarkMet(d("overdue", "2026-03-01"))).toBe(true);
    expect(canMarkMet(d("done", "2026-03-01"))).toBe(false);
    expect(canMarkMet(d("cancelled", "2026-03-01"))).toBe(false);
    for (const ended of ["closed", "withdrawn", "referred"] as const) expect(canMarkMet(d("upcoming", "2026-03-01", "K-2026-0001", ended))).toBe(false);
  });
});

describe("shownStatus", () => {
  it("says an open deadline of an ended case was not met, not that it is overdue", () => {
    expect(shownStatus(d("overdue", "2026-03-01", "K-2026-0001", "closed"))).toBe("not_met");
    expect(shownStatus(d("upcoming", "2099-03-01", "K-2026-0001", "withdrawn"))).toBe("not_met");
    expect(shownStatus(d("done", "2026-03-01", "K-2026-0001", "closed"))).toBe("done");
    expect(shownStatus(d("cancelled", "2026-03-01", "K-2026-0001", "referred"))).toBe("cancelled");
    expect(shownStatus(d("overdue", "2026-03-01"))).toBe("overdue");
  });

  it("sorts those after the met ones", () => {
    const lapsed = d("overdue", "2026-01-01", "K-2026-0002", "closed");
    const met = d("done", "2026-06-01");
    expect(sortDeadlines([lapsed, met]).map(shownStatus)).toEqual(["done", "not_met"]);
  });
});
