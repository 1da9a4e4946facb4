import { describe, expect, it } from "vitest";
import { formatDate, localInputToRfc3339, parseDate, todayLocal, toLocalInput, toRfc3339Local } from "./time";

describe("times", () => {
  it("turns a datetime-local value into RFC 3339 with the local offset, same instant", () => {
    const value = "2026-11-26T14:30";
    const rfc = localInputToRfc3339(value);
    expect(rfc).toMatch(/^2026-11-26T14:30:00[+-]\d{2}:\d{2}$/);
    expect(Date.parse(rfc!)).toBe(new Date(2026, 10, 26, 14, 30).getTime());
  });

  it("refuses what is not a time", () => {
    expect(localInputToRfc3339("")).toBeNull();
    expect(localInputToRfc3339("next tuesday")).toBeNull();
    expect(localInputToRfc3339("2026-02-30T10:00")).toBeNull();
  });

  it("round-trips a Date through the input format", () => {
    const d = new Date(2026, 0, 5, 9, 7, 0);
    expect(toLocalInput(d)).toBe("2026-01-05T09:07");
    expect(Date.parse(toRfc3339Local(d))).toBe(d.getTime());
  });

  it("gives today's local date and reads calendar dates without shifting them", () => {
    expect(todayLocal(new Date(2026, 11, 31, 23, 59))).toBe("2026-12-31");
    expect(parseDate("2026-12-31")?.getDate()).toBe(31);
    expect(parseDate("2026-02-30")).toBeNull();
    expect(formatDate("2026-12-31", "en-GB")).toContain("31");
  });
});
