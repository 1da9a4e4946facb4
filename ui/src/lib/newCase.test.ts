import { describe, expect, it } from "vitest";
import { checkNewCase, emptyNewCaseForm, newCaseDirty, toNewCaseInput } from "./newCase";

describe("new case form", () => {
  it("starts with two party rows and clause k", () => {
    const f = emptyNewCaseForm();
    expect(f.parties).toEqual(["", ""]);
    expect(f.clauses).toEqual(["k"]);
  });

  it("names each problem", () => {
    expect(checkNewCase(emptyNewCaseForm())).toEqual(["title_missing", "parties_too_few"]);
    const f = { ...emptyNewCaseForm(), title: "Cable", parties: ["Aldoria", " aldoria "] };
    expect(checkNewCase(f)).toEqual(["party_twice"]);
  });

  it("trims, drops empty rows and orders clauses", () => {
    const f = {
      ...emptyNewCaseForm("zh"),
      title: " Cable ",
      parties: [" Aldoria", "", "Belmont "],
      clauses: ["k", "e"],
      confidentiality: "confidential" as const,
    };
    expect(checkNewCase(f)).toEqual([]);
    expect(toNewCaseInput(f)).toEqual({
      title: "Cable",
      summary: "",
      parties: ["Aldoria", "Belmont"],
      clauses: ["e", "k"],
      language: "zh",
      confidentiality: "confidential",
    });
  });

  it("is dirty once something was typed or chosen", () => {
    const empty = emptyNewCaseForm();
    expect(newCaseDirty(empty)).toBe(false);
    expect(newCaseDirty({ ...empty, parties: ["", "", " "] })).toBe(false);
    expect(newCaseDirty({ ...empty, clauses: ["e"] })).toBe(true);
    expect(newCaseDirty({ ...empty, clauses: ["e", "k"] })).toBe(true);
    expect(newCaseDirty({ ...empty, title: "Cable" })).toBe(true);
    expect(newCaseDirty({ ...empty, confidentiality: "public" })).toBe(true);
    expect(newCaseDirty({ ...empty, summary: "Cut" })).toBe(true);
    expect(newCaseDirty({ ...empty, parties: ["", "Belmont"] })).toBe(true);
    expect(newCaseDirty({ ...empty, language: "ru" })).toBe(true);
  });
});
