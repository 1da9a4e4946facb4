// The glossary (docs/glossary.md) is the one list of words per concept:
// the window's catalogue and the filing templates keep to it.

import { describe, expect, it } from "vitest";

import { MESSAGES } from "./i18n";

const glossary: string =
  Object.values(import.meta.glob<string>("../../docs/glossary.md", { query: "?raw", import: "default", eager: true }))[0] ?? "";
const templates: Record<string, string> = import.meta.glob<string>("../../crates/core/templates/*.md", {
  query: "?raw",
  import: "default",
  eager: true,
});

type Lang = "en" | "zh" | "ru";
type Row = { concept: string; key: string; words: Record<Lang, string>; not: [Lang, string][] };

function rows(): Row[] {
  return glossary
    .split("\n")
    .filter((l) => l.startsWith("| ") && !l.startsWith("| Concept") && !l.startsWith("|---"))
    .map((l) => l.split("|").slice(1, -1).map((c) => c.trim()))
    .map(([concept = "", key = "", en = "", zh = "", ru = "", not = ""]) => ({
      concept,
      key,
      words: { en, zh, ru },
      not: not
        ? not.split(/;\s*/).flatMap((part) => {
            const [lang, words] = part.split(/:\s*/) as [Lang, string];
            return words.split(/,\s*/).map((w): [Lang, string] => [lang, w]);
          })
        : [],
    }));
}

/** The command line's own sentences (src/i18n; what the core says it shares with the window). */
const commandLine: Record<string, Record<string, string>> = import.meta.glob<Record<string, string>>("../../src/i18n/*.json", {
  import: "default",
  eager: true,
});

/** Every text of a language: the window's catalogue, the command line's and the templates in it. */
function texts(lang: Lang): [string, string][] {
  const catalogue = Object.entries(MESSAGES[lang]).map(([k, v]): [string, string] => [`catalogue ${k}`, v]);
  const cli = Object.entries(commandLine[`../../src/i18n/${lang}.json`] ?? {}).map(([k, v]): [string, string] => [`command line ${k}`, v]);
  const filings = Object.entries(templates)
    .filter(([file]) => file.endsWith(`.${lang}.md`))
    .map(([file, text]): [string, string] => [file.split("/").pop() ?? file, text]);
  return [...catalogue, ...cli, ...filings];
}

describe("the glossary", () => {
  it("is read, and so are the templates and the command line's catalogue it is held against", () => {
    expect(rows().length).toBeGreaterThan(15);
    for (const lang of ["en", "zh", "ru"] as const) expect(texts(lang).filter(([where]) => where.startsWith("command line")).length).toBeGreaterThan(100);
    expect(Object.keys(templates).length).toBeGreaterThanOrEqual(30);
  });

  it("keeps each concept to its word: the words it sets aside appear nowhere", () => {
    const found: string[] = [];
    for (const row of rows()) {
      for (const [lang, avoided] of row.not) {
        for (const [where, text] of texts(lang)) {
          if (text.toLowerCase().includes(avoided.toLowerCase())) found.push(`${lang} ${where}: "${avoided}" (${row.concept}: ${row.words[lang]})`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("is what the window's catalogue says where a key is given", () => {
    for (const row of rows().filter((r) => r.key)) {
      for (const lang of ["en", "zh", "ru"] as const) {
        expect(MESSAGES[lang][row.key as keyof (typeof MESSAGES)["en"]], `${lang} ${row.key}`).toBe(row.words[lang]);
      }
    }
  });
});
