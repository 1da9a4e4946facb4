// Everything the core says, in the UI language. The core says each thing
// one way: a stable `code`, the values its sentence is made of (`params`)
// and the sentence in English. A command's error (`CommandError`: its code
// is the invalid input's own code, else its kind), a problem the store's
// verification finds (`Problem`) and one a dossier's finds
// (`DossierProblem`) all come so, and all are worded here, in every
// language, English included, from the one catalogue entry `problem.<code>`.
// Stage ids, roles, entry kinds, languages, times, numbers, case fields
// and whom a copy is for in the params (and lists of them) are named as
// the UI names them; the core's free text (`detail`, `reason`) stays
// English. A code the UI has no sentence for, or a sentence missing one of
// its values, falls back to the core's English sentence.

import { LOCALES, MESSAGES, translate, type MessageKey, type Params } from "../i18n";
import type { Language } from "../i18n/language";
import NUMBERS from "../i18n/shared/numbers.json";
import { copyName } from "./audience";
import { formatNumber } from "./format";
import { STAGES } from "./stages";
import { formatDateTime } from "./time";

/** What the core says: a stable code and the values its sentence is made of. */
export type Said = { code: string; params?: Record<string, string> | null };

/** `said` in the UI language; `english`, the core's own sentence, when the UI cannot say it. */
export function problemText(said: Said, english: string, lang: Language): string {
  if (typeof said.code !== "string") return english;
  const params: Params = { ...(said.params ?? {}) };
  let key = `problem.${said.code}`;

  // An illegal stage move names the stages it could have moved to; none: the case has ended.
  // (A choice out of a fixed list names the values it could have been.)
  if (params.allowed !== undefined) {
    const allowed = items(params.allowed);
    if (allowed.length === 0 && `${key}.finished` in MESSAGES[lang]) key = `${key}.finished`;
    params.allowed = list(lang, "disjunction", allowed.map((s) => choiceName(lang, s)));
  }
  if (params.stages !== undefined) params.stages = list(lang, "disjunction", items(params.stages).map((s) => stageName(lang, s)));
  for (const name of ["from", "to", "stage", "journal_stage"]) {
    const stage = params[name];
    if (stage === undefined) continue;
    params[name] = stage === "nothing" ? translate(lang, "words.noStage") : stageName(lang, String(stage));
  }
  if (params.languages !== undefined) params.languages = list(lang, "conjunction", items(params.languages).map((s) => named(lang, "language", s)));
  if (params.templates !== undefined) params.templates = list(lang, "conjunction", items(params.templates));
  if (params.role !== undefined) params.role = named(lang, "role", String(params.role));
  if (params.kind !== undefined) params.kind = named(lang, "kind", String(params.kind));
  if (params.language !== undefined) params.language = named(lang, "language", String(params.language));
  // A case field, or which of a case's choices (its language, its confidentiality), as the UI names it.
  for (const name of ["field", "what"]) {
    if (params[name] !== undefined) params[name] = named(lang, "words.field", String(params[name]));
  }
  // Whom a copy of a dossier is for ("parties", "party:NAME"), as the window names it; one typed that is none stays as typed.
  if (params.audience !== undefined && said.code !== "unknown_audience") {
    params.audience = copyName(String(params.audience), (k, p) => translate(lang, k, p));
  }
  // A time the core names (when the case entered its stage), in local time.
  if (params.since !== undefined) params.since = formatDateTime(String(params.since), lang);
  for (const name of NUMBERS) {
    const n = params[name];
    if (n !== undefined && /^\d+$/.test(String(n))) params[name] = formatNumber(Number(n), LOCALES[lang]);
  }

  if (!(key in MESSAGES[lang])) return english;
  return filledIn(lang, key as MessageKey, params) ?? english;
}

/** The sentence with every placeholder given its value; null if one is missing (the core's sentence then says more). */
function filledIn(lang: Language, key: MessageKey, params: Params): string | null {
  for (const [, name] of MESSAGES[lang][key].matchAll(/\{(\w+)\}/g)) {
    if (name === undefined || params[name] === undefined) return null;
  }
  return translate(lang, key, params);
}

/** A stage id ("consultation") by its name in the UI language, as the stage badges show it. */
function stageName(lang: Language, id: string): string {
  const known = (STAGES as readonly string[]).includes(id);
  return translate(lang, "words.stage", { stage: known ? translate(lang, `stage.${id}` as MessageKey) : id });
}

/** An id the UI has a name for under `group` ("role", "kind", "language"…) by that name; else the id as the core sent it. */
function named(lang: Language, group: string, id: string): string {
  const key = `${group}.${id}`;
  return key in MESSAGES[lang] ? translate(lang, key as MessageKey) : id;
}

/** A value out of a fixed list (a stage, a language, a confidentiality) by its name in the UI. */
function choiceName(lang: Language, id: string): string {
  if ((STAGES as readonly string[]).includes(id)) return stageName(lang, id);
  for (const group of ["language", "confidentiality"]) {
    const name = named(lang, group, id);
    if (name !== id) return name;
  }
  return id;
}

/** The items of a comma-separated list the core sends ("mediation,settlement"). */
function items(value: string | number): string[] {
  return String(value)
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Names as one list in the UI language ("A, B and C", "A, B or C"). */
export function list(lang: Language, type: "conjunction" | "disjunction", names: string[]): string {
  return new Intl.ListFormat(LOCALES[lang], { type }).format(names);
}
