// Dates follow the UI language, not the system's locale: every date or time
// shown goes through lib/time.ts (formatDate, formatDateTime), and every
// date or time asked for is a DateInput (typed YYYY-MM-DD, HH:MM). A native
// <input type="date"> or "datetime-local" shows the system's order in
// WebKitGTK (11/26/2026 on a US system) in every UI language; the browser's
// toLocale…String and Intl.DateTimeFormat follow the system or the web
// view's ICU data.

import { describe, expect, it } from "vitest";

const sources: Record<string, string> = import.meta.glob<string>(["./**/*.{ts,tsx}", "!./**/*.test.ts", "!./bindings/**"], {
  query: "?raw",
  import: "default",
  eager: true,
});

/** The code without its comments (which may name what is not to be used). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
}

describe("dates in the UI language", () => {
  it("finds the sources to check", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    expect(Object.keys(sources)).toContain("./lib/time.ts");
  });

  it("asks for no date or time with a native picker", () => {
    for (const [file, text] of Object.entries(sources)) {
      expect(code(text), file).not.toMatch(/type\s*=\s*\{?\s*["'](date|datetime-local|time|month|week)["']/);
      expect(code(text), file).not.toMatch(/\.type\s*=\s*["'](date|datetime-local|time|month|week)["']/);
    }
  });

  it("shows no date or time except through lib/time.ts", () => {
    for (const [file, text] of Object.entries(sources)) {
      expect(code(text), file).not.toMatch(/\.toLocale(Date|Time)?String\(/);
      if (file === "./lib/time.ts") continue;
      expect(code(text), file).not.toMatch(/Intl\.DateTimeFormat|Intl\.RelativeTimeFormat/);
    }
  });

  it("has the views type dates into DateInput", () => {
    const using = Object.entries(sources)
      .filter(([, text]) => /<DateInput\b/.test(text))
      .map(([file]) => file)
      .sort();
    expect(using).toEqual([
      "./components/SettleDeadlineDialog.tsx",
      "./views/case/CorrectDialog.tsx",
      "./views/case/MoveStageDialog.tsx",
      "./views/case/QuickLog.tsx",
      "./views/case/SidePanels.tsx",
      "./views/cases/NewCaseDialog.tsx",
      "./views/filing/FieldInput.tsx",
      "./views/filing/TemplateChoice.tsx",
      "./views/search/SearchPalette.tsx",
    ]);
  });
});
