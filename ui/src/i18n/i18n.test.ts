import { describe, expect, it } from "vitest";
import { en } from "./en";
import { LANGUAGES, MESSAGES, translate } from "./index";
import { ru } from "./ru";
import { zh } from "./zh";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("translations", () => {
  it("have exactly the same keys in en, zh and ru", () => {
    const keys = Object.keys(en).sort();
    expect(Object.keys(zh).sort()).toEqual(keys);
    expect(Object.keys(ru).sort()).toEqual(keys);
  });

  it("have no empty strings", () => {
    for (const lang of LANGUAGES) {
      for (const [key, text] of Object.entries(MESSAGES[lang])) {
        expect(text.trim(), `${lang} ${key}`).not.toBe("");
      }
    }
  });

  it("use the same placeholders in every language", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zh[key]), `zh ${key}`).toEqual(placeholders(en[key]));
      expect(placeholders(ru[key]), `ru ${key}`).toEqual(placeholders(en[key]));
    }
  });

  it("name the stages as the filings do", () => {
    expect(["consultation", "mediation", "settlement", "closed", "withdrawn", "referred"].map((s) => zh[`stage.${s}` as keyof typeof zh])).toEqual([
      "磋商",
      "调解",
      "和解",
      "结案",
      "撤回",
      "移交",
    ]);
    expect(["consultation", "mediation", "settlement", "closed", "withdrawn", "referred"].map((s) => ru[`stage.${s}` as keyof typeof ru])).toEqual([
      "консультации",
      "посредничество",
      "урегулирование",
      "закрыто",
      "отозвано",
      "передано",
    ]);
  });

  it("keeps each language in its own script", () => {
    // Words allowed in every language: the products, formats and shortcuts,
    // and what is typed as it is (an office server's address, its password file).
    const allowed = /Pacta|PostgreSQL|TLS|sslmode=verify-full|postgres:\/\/|~\/\.pgpass|Markdown|PDF|SHA-256|zip|JSON|YYYY-MM-DDTHH:MM:SS\.ffffffZ|Enter|Esc|\{\w+\}|\*\*|\*/g;
    for (const [key, text] of Object.entries(zh)) {
      expect(text.replace(allowed, ""), `zh ${key}`).not.toMatch(/[A-Za-z]{2,}/);
    }
    for (const [key, text] of Object.entries(ru)) {
      expect(text.replace(allowed, ""), `ru ${key}`).not.toMatch(/[A-Za-z]{2,}/);
    }
    for (const [key, text] of Object.entries(en)) {
      expect(text, `en ${key}`).not.toMatch(/[\u0400-\u04FF\u4E00-\u9FFF]/);
    }
  });

  it("fills in placeholders", () => {
    expect(translate("en", "move.title", { reference: "K-2026-0001", stage: "Mediation" })).toBe("Move K-2026-0001 to Mediation");
    expect(translate("ru", "timeline.corrects", { seq: 4 })).toBe("исправляет №4");
  });
});
