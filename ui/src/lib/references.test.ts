import { describe, expect, it } from "vitest";

import { caseKey, isOtherOffice, keyOf } from "./references";

describe("a case's reference", () => {
  it("is bare for this office's cases and for a case that names no office", () => {
    expect(caseKey("VIE", "K-2026-0001", "VIE")).toBe("K-2026-0001");
    expect(caseKey("", "K-2026-0001", "VIE")).toBe("K-2026-0001");
    expect(caseKey(null, "K-2026-0001", "VIE")).toBe("K-2026-0001");
  });

  it("names its office for another office's case", () => {
    expect(caseKey("GVA", "K-2026-0001", "VIE")).toBe("GVA:K-2026-0001");
    expect(keyOf({ office: "GVA", reference: "K-2026-0007" }, "VIE")).toBe("GVA:K-2026-0007");
  });

  it("names the office of every case while this one has no code yet", () => {
    expect(caseKey("GVA", "K-2026-0001", null)).toBe("GVA:K-2026-0001");
  });

  it("tells another office's code from this one's", () => {
    expect(isOtherOffice("GVA", "VIE")).toBe(true);
    expect(isOtherOffice("VIE", "VIE")).toBe(false);
    expect(isOtherOffice(null, "VIE")).toBe(false);
    expect(isOtherOffice("", null)).toBe(false);
  });
});
