import { describe, expect, it } from "vitest";
import type { Deadline } from "../bindings/Deadline";
import type { Stage } from "../bindings/Stage";
import { canMarkMet, casesOf, partyOfChoice, sortDeadlines } from "./deadlines";

const d = (status: Deadline["status"], due: string, ref = "K-2026-0001", stage: Stage = "mediation"): Deadline => ({
  id: `${status}-${due}-${ref}`,
  case_reference: ref,
  case_office: "GVA",
  case_title: `title of ${ref}`,
  case_stage: stage,
  entry_seq: 1,
  due,
  what: "w",
  party: null,
  audience: "office",
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

  it("tells apart two offices' cases numbered alike, by the reference it is given", () => {
    const theirs = { ...d("upcoming", "2026-04-01", "K-2026-0001"), id: "theirs", case_title: "Their case" };
    const list = [d("overdue", "2026-03-01", "K-2026-0001"), theirs];
    expect(casesOf(list, (x) => (x.id === "theirs" ? `GVA:${x.case_reference}` : x.case_reference))).toEqual([
      { reference: "GVA:K-2026-0001", title: "Their case" },
      { reference: "K-2026-0001", title: "title of K-2026-0001" },
    ]);
  });
});

describe("Mark as met", () => {
  it("is offered for a deadline still due only", () => {
    expect(canMarkMet(d("overdue", "2026-03-01"))).toBe(true);
    expect(canMarkMet(d("done", "2026-03-01"))).toBe(false);
    expect(canMarkMet(d("cancelled", "2026-03-01"))).toBe(false);
    expect(canMarkMet(d("not_met", "2026-03-01", "K-2026-0001", "withdrawn"))).toBe(false);
  });
});

describe("a deadline left open when its case ended", () => {
  it("is not offered to be marked as met, and sorts after the met ones", () => {
    const lapsed = d("not_met", "2026-01-01", "K-2026-0002", "closed");
    expect(canMarkMet(lapsed)).toBe(false);
    expect(sortDeadlines([lapsed, d("done", "2026-06-01")]).map((x) => x.status)).toEqual(["done", "not_met"]);
  });
});

describe("a deadline not yet due when its case ended", () => {
  it("is open at closing: not offered to be marked as met, and sorts after those not met", () => {
    const open = d("open_at_closing", "2026-09-01", "K-2026-0002", "closed");
    const lapsed = d("not_met", "2026-01-01", "K-2026-0002", "closed");
    expect(canMarkMet(open)).toBe(false);
    expect(sortDeadlines([open, d("cancelled", "2026-01-01"), lapsed]).map((x) => x.status)).toEqual(["not_met", "open_at_closing", "cancelled"]);
  });
});

describe("whose a new deadline is", () => {
  const parties = ["Republic of Aldoria", "Kingdom of Belmont"];
  it("is the party chosen, or by default none: a task of the office", () => {
    expect(partyOfChoice("Kingdom of Belmont", parties)).toBe("Kingdom of Belmont");
    expect(partyOfChoice("", parties)).toBeNull();
    expect(partyOfChoice("Republic of Carpathia", parties)).toBeNull();
  });
});
