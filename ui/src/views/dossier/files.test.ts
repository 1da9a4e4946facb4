import { describe, expect, it } from "vitest";

import { dossierFileName } from "./files";

describe("the name a dossier is offered under", () => {
  it("is the case's reference, with no colon", () => {
    expect(dossierFileName("K-2026-0001")).toBe("K-2026-0001.pacta");
    expect(dossierFileName("GVA:K-2026-0001", "office")).toBe("GVA-K-2026-0001.pacta");
  });

  it("says whom a copy is for, so that it is not taken for the office's complete copy", () => {
    expect(dossierFileName("K-2026-0001", "parties")).toBe("K-2026-0001.parties.pacta");
    expect(dossierFileName("GVA:K-2026-0001", "party:Kingdom of Belmont")).toBe("GVA-K-2026-0001.Kingdom of Belmont.pacta");
    expect(dossierFileName("K-2026-0001", "party:A/B: \"C\"")).toBe("K-2026-0001.A-B- -C-.pacta");
  });

  it("is offered for the case typeset as one PDF, with .pdf for .pacta", () => {
    expect(dossierFileName("GVA:K-2026-0001", "office", "pdf")).toBe("GVA-K-2026-0001.pdf");
    expect(dossierFileName("K-2026-0001", "parties", "pdf")).toBe("K-2026-0001.parties.pdf");
  });
});
