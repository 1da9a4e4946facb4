import { describe, expect, it } from "vitest";
import { formatBytes, formatNumber } from "./format";

describe("formatNumber", () => {
  it("groups digits as each UI language does", () => {
    expect(formatNumber(10000, "en-GB")).toBe("10,000");
    expect(formatNumber(10000, "zh-CN")).toBe("10,000");
    expect(formatNumber(10000, "ru-RU")).toBe("10\u00a0000");
  });

  it("keeps the fractional digits asked for, per call", () => {
    expect(formatNumber(1.46, "en-GB", 1)).toBe("1.5");
    expect(formatNumber(1.46, "en-GB")).toBe("1");
    expect(formatNumber(1.46, "ru-RU", 1)).toBe("1,5");
  });
});

describe("formatBytes", () => {
  it("says sizes with one decimal below 100 of a unit", () => {
    expect(formatBytes(1536, "en-GB")).toBe("1.5 KB");
    expect(formatBytes(500, "en-GB")).toBe("500 B");
    expect(formatBytes(150 * 1024 * 1024, "ru-RU")).toBe("150 MB");
  });
});
