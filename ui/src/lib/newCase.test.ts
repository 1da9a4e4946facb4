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
      opened_on: null,
    });
    expect(toNewCaseInput({ ...f, openedOn: " 2026-10-01 " }).opened_on).toBe("2026-10-01");
  });

  it("takes an opening date as YYYY-MM-DD only", () => {
    const f = { ...emptyNewCaseForm(), title: "Cable", parties: ["Aldoria", "Belmont"] };
    expect(checkNewCase({ ...f, openedOn: "2026-10-01" })).toEqual([]);
    expect(checkNewCase({ ...f, openedOn: "10/01/2026" })).toEqual(["opened_on"]);
    expect(newCaseDirty({ ...emptyNewCaseForm(), openedOn: "2026-10-01" })).toBe(true);
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
