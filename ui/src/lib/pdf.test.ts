import { describe, expect, it } from "vitest";

import { filingPdfName, safeFileName } from "./pdf";

describe("the name a filing's PDF is offered under", () => {
  const request = { template: "opening-statement", language: "en", parallel: null, filing_date: "2026-11-26" };

  it("is reference, date, template and language, as the core names a filing's documents", () => {
    expect(filingPdfName("K-2026-0001", request)).toBe("K-2026-0001-2026-11-26-opening-statement-en.pdf");
  });

  it("names the parallel text's language too", () => {
    expect(filingPdfName("K-2026-0001", { ...request, parallel: "zh" })).toBe("K-2026-0001-2026-11-26-opening-statement-en-zh.pdf");
  });

  it("has no colon for another office's case", () => {
    expect(filingPdfName("GVA:K-2026-0001", request)).toBe("GVA-K-2026-0001-2026-11-26-opening-statement-en.pdf");
    expect(safeFileName('A/B: "C"')).toBe("A-B- -C-");
  });
});
