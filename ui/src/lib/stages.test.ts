import { describe, expect, it } from "vitest";
import { STAGES } from "./stages";

describe("STAGES", () => {
  it("lists every stage once, the open ones first, in the order of the main path", () => {
    expect(STAGES).toEqual(["consultation", "mediation", "settlement", "closed", "withdrawn", "referred"]);
    expect(new Set(STAGES).size).toBe(STAGES.length);
  });
});
