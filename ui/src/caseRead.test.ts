import { describe, expect, it } from "vitest";

import type { CaseRead } from "./caseRead";
import { caseMounting, caseReader } from "./caseRead";
import type { Route } from "./route";

/** A reader that counts its reads and answers with the reference read. */
function counting() {
  const reads: string[] = [];
  const reader = caseReader((reference) => {
    reads.push(reference);
    return Promise.resolve([{ reference }, []] as unknown as CaseRead);
  });
  return { reads, reader };
}

describe("reading a case ahead of its screen", () => {
  it("hands the read started on the way to the screen that mounts, once", async () => {
    const { reads, reader } = counting();
    reader.readAhead("K-2026-0001");
    // Asked twice on the way (a double click): read once.
    reader.readAhead("K-2026-0001");
    const [first] = await reader.take("K-2026-0001");
    expect(first).toEqual({ reference: "K-2026-0001" });
    expect(reads).toEqual(["K-2026-0001"]);
    // The screen mounting again later reads anew.
    await reader.take("K-2026-0001");
    expect(reads).toEqual(["K-2026-0001", "K-2026-0001"]);
  });

  it("never hands one case's read to another case's screen", async () => {
    const { reads, reader } = counting();
    reader.readAhead("K-2026-0001");
    const [shown] = await reader.take("K-2026-0002");
    expect(shown).toEqual({ reference: "K-2026-0002" });
    expect(reads).toEqual(["K-2026-0001", "K-2026-0002"]);
  });

  it("reads anew after a read is forgotten (no screen took it, or a sync came)", async () => {
    const { reads, reader } = counting();
    reader.readAhead("K-2026-0001");
    reader.forget();
    await reader.take("K-2026-0001");
    expect(reads).toEqual(["K-2026-0001", "K-2026-0001"]);
  });

  it("leaves a failed read ahead for the screen to report, without reading again", async () => {
    let reads = 0;
    const reader = caseReader(() => {
      reads += 1;
      return Promise.reject(new Error("no such case"));
    });
    reader.readAhead("K-2026-0009");
    await expect(reader.take("K-2026-0009")).rejects.toThrow("no such case");
    expect(reads).toBe(1);
  });

  it("reads ahead only where a case screen mounts", () => {
    const journal: Route = { view: "case", reference: "K-2026-0001", tab: "journal" };
    expect(caseMounting({ view: "cases" }, journal)).toBe("K-2026-0001");
    expect(caseMounting({ view: "case", reference: "K-2026-0002", tab: "journal" }, journal)).toBe("K-2026-0001");
    // The case shown, another tab or an entry of it: the same screen.
    expect(caseMounting({ ...journal, tab: "filing" }, journal)).toBeNull();
    expect(caseMounting(journal, { ...journal, focus: { seq: 3, nonce: 1 } })).toBeNull();
    expect(caseMounting(journal, { view: "deadlines" })).toBeNull();
  });
});
