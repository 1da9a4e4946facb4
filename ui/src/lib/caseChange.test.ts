import { describe, expect, it } from "vitest";

import type { Entry } from "../bindings/Entry";
import type { EntryKind } from "../bindings/EntryKind";
import type { JsonValue } from "../bindings/serde_json/JsonValue";
import { makeI18n } from "../i18n";
import type { Language } from "../i18n/language";
import { caseChangeReason, caseChangeText, participantLeftText } from "./caseChange";

function entry(kind: EntryKind, body: string, data: JsonValue): Entry {
  return {
    id: "e9",
    case_id: "c",
    seq: 9,
    kind,
    occurred_at: "2026-11-26T13:30:00.000000Z",
    recorded_at: "2026-11-26T13:30:00.000000Z",
    author: "Dr. Ines Moreau",
    body,
    corrects: null,
    documents: [],
    data,
    prev_hash: "",
    parents: [],
    office: "VIE",
    hash: "h9",
    corrected_by: [],
    corrects_seq: null,
    signed_with: [],
    audience: "parties",
  };
}

const t = (lang: Language) => makeI18n(lang, () => undefined).t;

describe("a change of case details, in the UI language", () => {
  const changed = entry("case_change", "Case details changed (title, parties): Renamed at the parties' request", {
    title: "Damage to the MSC-2 cable",
    parties: ["Republic of Aldoria", "Kingdom of Belmont", "Federation of Carra"],
  });

  it("names each new value and gives the reason as written", () => {
    expect(caseChangeText(changed, t("en"), "en")).toBe(
      "Case details changed: title “Damage to the MSC-2 cable”; parties Republic of Aldoria, Kingdom of Belmont and Federation of Carra. Reason: Renamed at the parties' request",
    );
    expect(caseChangeText(changed, t("zh"), "zh")).toMatch(/^案件信息变更：标题“Damage to the MSC-2 cable”；当事方 .+。理由：Renamed at the parties' request$/);
  });

  it("words languages, confidentiality, clauses and the summary", () => {
    const e = entry("case_change", "Case details changed: summary, clauses, language, confidentiality.", {
      summary: "",
      clauses: ["e", "k"],
      language: "zh",
      confidentiality: "public",
    });
    expect(caseChangeText(e, t("en"), "en")).toBe("Case details changed: summary removed; clauses (e) (k); language Chinese; confidentiality Public.");
    expect(caseChangeText(e, t("ru"), "ru")).toBe(
      "Сведения о деле изменены: описание удалено; пункты (e) (k); язык: китайский; конфиденциальность: Открыто.",
    );
  });

  it("finds the reason only where one was given", () => {
    expect(caseChangeReason("Case details changed: title.")).toBeNull();
    expect(caseChangeReason("Case details changed (title): Because (they asked).")).toBe("Because (they asked).");
  });

  it("is not said of other entries, nor of one that says nothing", () => {
    expect(caseChangeText(entry("note", "x", {}), t("en"), "en")).toBeNull();
    expect(caseChangeText(entry("case_change", "x", {}), t("en"), "en")).toBeNull();
  });
});

describe("a participant leaving the case, in the UI language", () => {
  it("says who left, in which role or for which party", () => {
    const mediator = entry("participant", "Dr. Amara Osei leaves the case (mediator)", { name: "Dr. Amara Osei", role: "mediator", party: null, removed: true });
    expect(participantLeftText(mediator, t("en"))).toBe("Dr. Amara Osei leaves the case (Mediator).");
    expect(participantLeftText(mediator, t("zh"))).toBe("Dr. Amara Osei 以调解员身份退出本案。");
    const delegate = entry("participant", "x", { name: "Ana Aldor", role: "delegate", party: "Republic of Aldoria", removed: true });
    expect(participantLeftText(delegate, t("en"))).toBe("Ana Aldor, delegate of Republic of Aldoria, leaves the case.");
  });

  it("is not said of a participant joining", () => {
    expect(participantLeftText(entry("participant", "x", { name: "Dr. Amara Osei", role: "mediator", party: null }), t("en"))).toBeNull();
  });
});
