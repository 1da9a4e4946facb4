import { describe, expect, it } from "vitest";

import { caseChanges, changesSomething, checkEditCase, editCaseDirty, editCaseForm, type CaseDetails } from "./editCase";

const cable: CaseDetails = {
  title: "Damage to the Mirel Strait submarine cable",
  summary: "The MSC-2 cable was cut on 3 February.",
  parties: ["Republic of Aldoria", "Kingdom of Belmont"],
  clauses: ["e", "k"],
  language: "en",
  confidentiality: "confidential",
  names: { zh: { title: "米雷尔海峡海底电缆损坏", parties: { "Republic of Aldoria": "阿尔多利亚共和国" } } },
};

describe("the Edit details form", () => {
  it("opens with the case's details and no reason", () => {
    const form = editCaseForm(cable);
    expect(form).toEqual({ ...cable, reason: "" });
    // A copy: typing into the form does not change the case shown.
    form.parties.push("Federation of Carra");
    form.clauses.push("a");
    expect(cable.parties).toHaveLength(2);
    expect(cable.clauses).toEqual(["e", "k"]);
  });

  it("sends the names in other languages, all of them, when one changed; a blank name is none", () => {
    const form = editCaseForm(cable);
    form.names.ru = { title: "Повреждение подводного кабеля", parties: { "Kingdom of Belmont": "Королевство Бельмонт" } };
    form.names.zh = { title: "", parties: { "Republic of Aldoria": "阿尔多利亚共和国" } };
    expect(caseChanges(cable, form)).toEqual({
      names: {
        ru: { title: "Повреждение подводного кабеля", parties: { "Kingdom of Belmont": "Королевство Бельмонт" } },
        zh: { parties: { "Republic of Aldoria": "阿尔多利亚共和国" } },
      },
      reason: "",
    });
    // Names of a party no longer in the case go with it.
    const removed = editCaseForm(cable);
    removed.parties = ["Kingdom of Belmont", "Federation of Carra"];
    expect(caseChanges(cable, removed).names).toEqual({ zh: { title: "米雷尔海峡海底电缆损坏" } });
  });

  it("sends a detail in conflict as it stands, which decides the conflict", () => {
    const input = caseChanges(cable, editCaseForm(cable), ["title"]);
    expect(input).toEqual({ title: cable.title, reason: "" });
    expect(changesSomething(input)).toBe(true);
  });

  it("sends nothing but the reason when nothing changed", () => {
    const input = caseChanges(cable, editCaseForm(cable));
    expect(input).toEqual({ reason: "" });
    expect(changesSomething(input)).toBe(false);
    expect(editCaseDirty(cable, editCaseForm(cable))).toBe(false);
  });

  it("sends only what changed, trimmed", () => {
    const form = { ...editCaseForm(cable), title: "  Damage to the MSC-2 cable ", reason: " Renamed at the parties' request " };
    const input = caseChanges(cable, form);
    expect(input).toEqual({ title: "Damage to the MSC-2 cable", reason: "Renamed at the parties' request" });
    expect(changesSomething(input)).toBe(true);
  });

  it("takes blanks and spaces typed around a detail as no change", () => {
    const form = {
      ...editCaseForm(cable),
      title: ` ${cable.title} `,
      summary: `${cable.summary}\n`,
      parties: [" Republic of Aldoria", "", "Kingdom of Belmont ", " "],
      clauses: ["k", "e"] as CaseDetails["clauses"],
    };
    expect(caseChanges(cable, form)).toEqual({ reason: "" });
  });

  it("sends all the parties when one is added, renamed or removed, without blank rows", () => {
    const added = { ...editCaseForm(cable), parties: ["Republic of Aldoria", "Kingdom of Belmont", " Federation of Carra ", ""] };
    expect(caseChanges(cable, added)).toEqual({ parties: ["Republic of Aldoria", "Kingdom of Belmont", "Federation of Carra"], reason: "" });
    const reordered = { ...editCaseForm(cable), parties: ["Kingdom of Belmont", "Republic of Aldoria"] };
    expect(caseChanges(cable, reordered).parties).toEqual(["Kingdom of Belmont", "Republic of Aldoria"]);
  });

  it("sends the clauses in order; none ticked is clause (k) alone, as the core keeps it", () => {
    expect(caseChanges(cable, { ...editCaseForm(cable), clauses: ["k", "a", "e"] })).toEqual({ clauses: ["a", "e", "k"], reason: "" });
    const onlyK: CaseDetails = { ...cable, clauses: ["k"] };
    expect(caseChanges(onlyK, { ...editCaseForm(onlyK), clauses: [] })).toEqual({ reason: "" });
    expect(caseChanges(cable, { ...editCaseForm(cable), clauses: [] })).toEqual({ clauses: ["k"], reason: "" });
  });

  it("sends a summary emptied, a language and a confidentiality changed", () => {
    const form = { ...editCaseForm(cable), summary: " ", language: "zh", confidentiality: "restricted" };
    expect(caseChanges(cable, form)).toEqual({ summary: "", language: "zh", confidentiality: "restricted", reason: "" });
  });

  it("checks as a new case is checked", () => {
    expect(checkEditCase(editCaseForm(cable))).toEqual([]);
    expect(checkEditCase({ ...editCaseForm(cable), title: " ", parties: ["Republic of Aldoria", " "] })).toEqual(["title_missing", "parties_too_few"]);
    expect(checkEditCase({ ...editCaseForm(cable), parties: [...cable.parties, "kingdom of belmont"] })).toEqual(["party_twice"]);
  });

  it("is dirty once a detail is changed or a reason typed", () => {
    expect(editCaseDirty(cable, { ...editCaseForm(cable), reason: "Because" })).toBe(true);
    expect(editCaseDirty(cable, { ...editCaseForm(cable), confidentiality: "public" })).toBe(true);
    expect(editCaseDirty(cable, { ...editCaseForm(cable), parties: [...cable.parties, " "] })).toBe(false);
  });
});
