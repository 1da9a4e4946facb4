import { describe, expect, it } from "vitest";
import { allowedMoves, canMove, isOpen, STAGES } from "./stages";

describe("allowedMoves", () => {
  it("follows the main path and its shortcut", () => {
    expect(allowedMoves("consultation")).toEqual(["mediation", "settlement", "withdrawn", "referred"]);
    expect(allowedMoves("mediation")).toEqual(["settlement", "withdrawn", "referred"]);
    expect(allowedMoves("settlement")).toEqual(["closed", "mediation", "withdrawn", "referred"]);
  });

  it("offers nothing once a case is closed, withdrawn or referred", () => {
    for (const s of ["closed", "withdrawn", "referred"] as const) {
      expect(allowedMoves(s)).toEqual([]);
      expect(isOpen(s)).toBe(false);
    }
  });

  it("never skips to closed, never goes back to consultation, never stays put", () => {
    expect(canMove("consultation", "closed")).toBe(false);
    expect(canMove("mediation", "closed")).toBe(false);
    for (const from of STAGES) {
      expect(canMove(from, "consultation")).toBe(false);
      expect(canMove(from, from)).toBe(false);
    }
  });

  it("lets every open stage be withdrawn or referred", () => {
    for (const s of ["consultation", "mediation", "settlement"] as const) {
      expect(isOpen(s)).toBe(true);
      expect(canMove(s, "withdrawn") && canMove(s, "referred")).toBe(true);
    }
  });

  it("returns a copy the caller may change", () => {
    allowedMoves("consultation").pop();
    expect(allowedMoves("consultation")).toHaveLength(4);
  });
});
