import { describe, expect, it } from "vitest";

import { translate, type MessageKey, type Params } from "../i18n";
import {
  audienceLabel,
  audienceOptions,
  chosenAudience,
  copyLabel,
  copyName,
  copyOptions,
  defaultFor,
  fitsCase,
  forParty,
  isFixed,
  partyOf,
  shownAudience,
} from "./audience";

const parties = ["Republic of Aldoria", "Kingdom of Belmont"];
const words = (lang: "en" | "zh" | "ru") => (key: MessageKey, params?: Params) => translate(lang, key, params);
const en = words("en");

describe("whom something is for when nobody chose", () => {
  it("is the office for a note and a deadline no party owes, the parties for the rest", () => {
    expect(defaultFor("note")).toBe("office");
    expect(defaultFor("deadline")).toBe("office");
    expect(defaultFor("deadline", "Kingdom of Belmont")).toBe("parties");
    for (const kind of ["meeting", "communication", "proposal", "agreement", "document", "correction"] as const) {
      expect(defaultFor(kind), kind).toBe("parties");
    }
  });

  it("is always the parties for what shapes the case itself", () => {
    for (const kind of ["stage_change", "case_change", "participant", "agreement", "filing"] as const) expect(isFixed(kind), kind).toBe(true);
    for (const kind of ["meeting", "communication", "proposal", "note", "deadline", "document", "correction"] as const) expect(isFixed(kind), kind).toBe(false);
  });
});

describe("one party alone", () => {
  it("is written as the core takes it, and read back", () => {
    expect(forParty("Republic of Aldoria")).toBe("party:Republic of Aldoria");
    expect(partyOf("party:Republic of Aldoria")).toBe("Republic of Aldoria");
    expect(partyOf("office")).toBeNull();
    expect(partyOf("parties")).toBeNull();
    expect(partyOf("party:")).toBeNull();
    expect(partyOf("party:  ")).toBeNull();
  });

  it("fits a case only when it names one of its parties", () => {
    expect(fitsCase("office", parties)).toBe(true);
    expect(fitsCase("parties", [])).toBe(true);
    expect(fitsCase("party:Kingdom of Belmont", parties)).toBe(true);
    expect(fitsCase("party:Federation of Carra", parties)).toBe(false);
    expect(fitsCase("everyone", parties)).toBe(false);
  });
});

describe("the For choice", () => {
  it("follows the kind until the user chooses, and sends nothing then", () => {
    expect(shownAudience("note", null, parties)).toBe("office");
    expect(shownAudience("meeting", null, parties)).toBe("parties");
    expect(chosenAudience("meeting", null, parties)).toBeNull();
    expect(shownAudience("deadline", null, parties, "Kingdom of Belmont")).toBe("parties");
    expect(shownAudience("deadline", null, parties, null)).toBe("office");
  });

  it("keeps what the user chose, whatever the kind, and sends it", () => {
    const caucus = forParty("Republic of Aldoria");
    expect(shownAudience("meeting", caucus, parties)).toBe(caucus);
    expect(chosenAudience("meeting", caucus, parties)).toBe(caucus);
    expect(shownAudience("note", "parties", parties)).toBe("parties");
    expect(chosenAudience("note", "parties", parties)).toBe("parties");
    expect(chosenAudience("deadline", "office", parties)).toBe("office");
  });

  it("shows an agreement for all parties and sends nothing for it, whatever was chosen", () => {
    expect(shownAudience("agreement", "office", parties)).toBe("parties");
    expect(chosenAudience("agreement", "office", parties)).toBeNull();
    expect(chosenAudience("agreement", forParty("Kingdom of Belmont"), parties)).toBeNull();
  });

  it("drops a party that is no longer one of the case's (the kind decides again)", () => {
    const gone = forParty("Federation of Carra");
    expect(chosenAudience("meeting", gone, parties)).toBeNull();
    expect(shownAudience("note", gone, parties)).toBe("office");
  });

  it("offers the office only, all parties, and each party alone, in the UI language", () => {
    expect(audienceOptions(parties, en)).toEqual([
      { value: "office", label: "Office only" },
      { value: "parties", label: "All parties" },
      { value: "party:Republic of Aldoria", label: "Only Republic of Aldoria" },
      { value: "party:Kingdom of Belmont", label: "Only Kingdom of Belmont" },
    ]);
    expect(audienceOptions(["阿尔多利亚共和国"], words("zh")).map((o) => o.label)).toEqual(["仅限办事处", "各当事方", "仅供阿尔多利亚共和国"]);
    expect(audienceLabel("party:Kingdom of Belmont", words("ru"))).toBe("Только для стороны «Kingdom of Belmont»");
    expect(audienceLabel("everyone", en)).toBe("everyone");
  });
});

describe("whom a copy of a dossier is for", () => {
  it("is offered as the office's complete copy first, then all parties, then each party", () => {
    expect(copyOptions(parties, en)).toEqual([
      { value: "office", label: "The office (complete)" },
      { value: "parties", label: "All parties" },
      { value: "party:Republic of Aldoria", label: "Republic of Aldoria" },
      { value: "party:Kingdom of Belmont", label: "Kingdom of Belmont" },
    ]);
    expect(copyOptions([], words("ru")).map((o) => o.label)).toEqual(["офиса (полная)", "всех сторон"]);
    expect(copyLabel("party:Kingdom of Belmont", words("ru"))).toBe("стороны «Kingdom of Belmont»");
  });

  it("is named within a sentence as it reads there", () => {
    expect(copyName("parties", en)).toBe("all parties");
    expect(copyName("party:Kingdom of Belmont", en)).toBe("Kingdom of Belmont");
    expect(copyName("office", en)).toBe("the office (complete)");
    expect(translate("en", "dossier.report.withheld", { audience: copyName("parties", en), count: 4 })).toBe(
      "Copy for all parties: 4 entries withheld (their places kept, so the journal verifies).",
    );
    expect(translate("zh", "dossier.report.withheld", { audience: copyName("parties", words("zh")), count: 4 })).toBe(
      "本副本供各当事方：4 个条目未予收录（保留其在日志中的位置，日志仍可核验）。",
    );
    expect(translate("ru", "dossier.report.withheld", { audience: copyName("party:Kingdom of Belmont", words("ru")), count: 3 })).toMatch(
      /^Копия для стороны «Kingdom of Belmont»: не включено записей — 3 /,
    );
  });
});
