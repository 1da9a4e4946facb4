// Everything the core says, in the UI language. The core says each thing
// one way: a stable `code`, the values its sentence is made of (`params`)
// and the sentence in English. A command's error (`CommandError`: its code
// is the invalid input's own code, else its kind), a problem the store's
// verification finds (`Problem`) and one a dossier's finds
// (`DossierProblem`) all come so, and all are worded here, in every
// language, English included, from the one catalogue entry `problem.<code>`.
// Stage ids, roles, times, numbers and case fields in the params are named
// as the UI names them; the core's free text (`detail`, `reason`) stays
// English. A code the UI has no sentence for, or a sentence missing one of
// its values, falls back to the core's English sentence.

import { LOCALES, MESSAGES, translate, type MessageKey, type Params } from "../i18n";
import type { Language } from "../i18n/language";
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
  if (params.allowed !== undefined) {
    const allowed = String(params.allowed)
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    if (allowed.length === 0 && `${key}.finished` in MESSAGES[lang]) key = `${key}.finished`;
    params.allowed = new Intl.ListFormat(LOCALES[lang], { type: "disjunction" }).format(allowed.map((s) => stageName(lang, s)));
  }
  for (const name of ["from", "to", "stage", "journal_stage"]) {
    const stage = params[name];
    if (stage === undefined) continue;
    params[name] = stage === "nothing" ? translate(lang, "words.noStage") : stageName(lang, String(stage));
  }
  const role = params.role;
  if (role !== undefined && `role.${role}` in MESSAGES[lang]) params.role = translate(lang, `role.${role}` as MessageKey);
  const field = params.field;
  if (field !== undefined && `words.field.${field}` in MESSAGES[lang]) params.field = translate(lang, `words.field.${field}` as MessageKey);
  // A time the core names (when the case entered its stage), in local time.
  if (params.since !== undefined) params.since = formatDateTime(String(params.since), LOCALES[lang]);
  if (params.waited_ms !== undefined && /^\d+$/.test(String(params.waited_ms))) {
    params.waited_ms = formatNumber(Number(params.waited_ms), LOCALES[lang]);
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
