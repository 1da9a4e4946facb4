import { describe, expect, it } from "vitest";
import type { TemplateInfo } from "../bindings/TemplateInfo";
import { canFile, fieldLabel, fieldValues, fileableIn, groupTemplates, languagesOf, missingRequired, unreadableDates, versionFor } from "./templates";

const t = (id: string, language: string, label: string): TemplateInfo => ({
  id,
  language,
  title: `${id}.${language}`,
  stages: ["mediation"],
  fields: [
    { name: "period_start", label, type: "date", required: true },
    { name: "prepared_by", label: "by", type: "text", required: false },
  ],
  source: "built-in",
});

describe("templates", () => {
  const groups = groupTemplates([t("minutes", "ru", "С"), t("minutes", "en", "From"), t("minutes", "zh", "自"), t("referral", "en", "x")]);

  it("groups by id with languages in en, zh, ru order", () => {
    expect(groups.map((g) => g.id)).toEqual(["minutes", "referral"]);
    expect(languagesOf(groups[0]!)).toEqual(["en", "zh", "ru"]);
    expect(versionFor(groups[1]!, "zh").language).toBe("en");
  });

  it("labels fields in the UI language", () => {
    const g = groups[0]!;
    const field = versionFor(g, "ru").fields[0]!;
    expect(fieldLabel(g, field, "zh")).toBe("自");
    expect(fieldLabel(groups[1]!, field, "zh")).toBe("С");
  });

  it("knows the stages and the missing required fields", () => {
    expect(fileableIn(groups[0]!, "mediation")).toBe(true);
    expect(fileableIn(groups[0]!, "closed")).toBe(false);
    const fields = versionFor(groups[0]!, "en").fields;
    expect(missingRequired(fields, { period_start: "  " }).map((f) => f.name)).toEqual(["period_start"]);
    expect(fieldValues(fields, { period_start: "2026-01-01", prepared_by: " ", other: "x" })).toEqual({ period_start: "2026-01-01" });
  });

  it("holds back a date field that is not YYYY-MM-DD, and only a date field", () => {
    const fields = versionFor(groups[0]!, "en").fields;
    expect(unreadableDates(fields, { period_start: "2026-11-26", prepared_by: "11/26/2026" })).toEqual([]);
    expect(unreadableDates(fields, { period_start: "" })).toEqual([]);
    expect(unreadableDates(fields, { period_start: "11/26/2026" }).map((f) => f.name)).toEqual(["period_start"]);
    expect(unreadableDates(fields, { period_start: "2026-02-30" }).map((f) => f.name)).toEqual(["period_start"]);
  });

  it("lets a filing be filed once, not twice", () => {
    const ready = { ready: true, filing: false, filed: false, missing: 0, stageOk: true };
    expect(canFile(ready)).toBe(true);
    expect(canFile({ ...ready, filed: true })).toBe(false);
    expect(canFile({ ...ready, filing: true })).toBe(false);
    expect(canFile({ ...ready, missing: 1 })).toBe(false);
    expect(canFile({ ...ready, stageOk: false })).toBe(false);
    expect(canFile({ ...ready, ready: false })).toBe(false);
  });
});
