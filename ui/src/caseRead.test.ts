import { describe, expect, it } from "vitest";

import type { CaseRead } from "./caseRead";
import { caseReader } from "./caseRead";

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
    const [first] = await reader.take("K-2026-0001");
    expect(first).toEqual({ reference: "K-2026-0001" });
    expect(reads).toEqual(["K-2026-0001"]);
    // A second take (the screen reading again after a change) reads anew.
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

  it("lets a read no screen took go stale: it is forgotten", async () => {
    const { reads, reader } = counting();
    reader.readAhead("K-2026-0001");
    reader.forget();
    await reader.take("K-2026-0001");
    expect(reads).toEqual(["K-2026-0001", "K-2026-0001"]);
  });

  it("leaves a failed read ahead for the screen to report", async () => {
    const reader = caseReader(() => Promise.reject(new Error("no such case")));
    reader.readAhead("K-2026-0009");
    await expect(reader.take("K-2026-0009")).rejects.toThrow("no such case");
  });
});
