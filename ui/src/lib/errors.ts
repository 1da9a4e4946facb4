// A command's error in the UI language. The core words every error in
// English (`message`, shown as it is in English); for Chinese and Russian the
// sentence is built from the stable `kind` and its `params`. Free text from
// the core (`detail`, `reason`) stays English, after the translated sentence,
// except for invalid input with a code (`input.*`), worded whole.
// An unknown kind, or one whose params are missing, falls back to `message`.

import { LOCALES, MESSAGES, translate, type MessageKey, type Params } from "../i18n";
import type { Language } from "../i18n/language";
import { formatNumber } from "./format";
import { STAGES } from "./stages";
import { formatDateTime } from "./time";

/** What a command rejects with (`CommandError`); `params` may be absent from an older shell. */
export type ErrorLike = { kind: string; message: string; params?: Record<string, string> | null };

const KEYS = new Map<string, MessageKey>([
  ["case_not_found", "error.case_not_found"],
  ["entry_not_found", "error.entry_not_found"],
  ["illegal_transition", "error.illegal_transition"],
  ["invalid_input", "error.invalid_input"],
  ["template", "error.template"],
  ["unreadable_file", "error.unreadable_file"],
  ["not_chosen", "error.not_chosen"],
  ["data_dir", "error.data_dir"],
  ["not_a_pacta_database", "error.not_a_pacta_database"],
  ["database_too_new", "error.database_too_new"],
  ["database_busy", "error.database_busy"],
  ["dossier_does_not_verify", "error.dossier_does_not_verify"],
  ["document_not_found", "error.document_not_found"],
  ["io", "error.io"],
  ["read_only", "error.read_only"],
  ["disk_full", "error.disk_full"],
  ["database", "error.database"],
  ["corrupt", "error.corrupt"],
]);

export function localizeError(error: ErrorLike, lang: Language): string {
  const input = inputProblem(error, lang);
  if (input !== null) return input;
  if (lang === "en") return error.message;
  let key = KEYS.get(error.kind);
  if (!key) return error.message;
  const params: Params = { ...(error.params ?? {}) };

  if (error.kind === "illegal_transition") {
    const allowed = (error.params?.allowed ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    if (allowed.length === 0) key = "error.illegal_transition_finished";
    if (params.from !== undefined) params.from = stageName(lang, String(params.from));
    if (params.to !== undefined) params.to = stageName(lang, String(params.to));
    params.allowed = new Intl.ListFormat(LOCALES[lang], { type: "disjunction" }).format(allowed.map((s) => stageName(lang, s)));
  }
  if (params.waited_ms !== undefined && /^\d+$/.test(String(params.waited_ms))) {
    params.waited_ms = formatNumber(Number(params.waited_ms), LOCALES[lang]);
  }

  return filledIn(lang, key, params) ?? error.message;
}

/**
 * Invalid input the core gave a code for (`params.code`), in the UI's own
 * words in every language, English included: the core's message speaks to
 * the command line ("give --title"). Null when there is no such sentence.
 */
function inputProblem(error: ErrorLike, lang: Language): string | null {
  const code = error.params?.code;
  if (error.kind !== "invalid_input" || code === undefined) return null;
  const key = `input.${code}`;
  if (!(key in MESSAGES[lang])) return null;
  const params: Params = { ...error.params };
  if (params.role !== undefined) params.role = translate(lang, `role.${String(params.role)}` as MessageKey);
  // A time the core names (when the case entered its stage), in local time.
  if (params.since !== undefined) params.since = formatDateTime(String(params.since), LOCALES[lang]);
  return filledIn(lang, key as MessageKey, params);
}

/** A problem that verification found (`verify` of the store, or of a dossier), as the core describes it. */
export type FoundProblem = { code: string; params: Record<string, string>; problem: string };

/**
 * A verification problem in the UI's words, from its code (`verify.problem.*`
 * or `dossier.problem.*`); the core's English sentence when there is none.
 * Technical detail from the core (`detail`) stays as it is.
 */
export function problemText(found: FoundProblem, scope: "verify" | "dossier", lang: Language): string {
  const key = `${scope}.problem.${found.code}`;
  if (!(key in MESSAGES[lang])) return found.problem;
  const params: Params = { ...found.params };
  for (const name of ["stage", "journal_stage"]) {
    const stage = params[name];
    if (stage === undefined) continue;
    params[name] = stage === "nothing" ? translate(lang, "problem.noStage") : stageName(lang, String(stage));
  }
  const field = params.field;
  if (field !== undefined && `problem.field.${field}` in MESSAGES[lang]) {
    params.field = translate(lang, `problem.field.${field}` as MessageKey);
  }
  return filledIn(lang, key as MessageKey, params) ?? found.problem;
}

/** The sentence with every placeholder given its value; null if one is missing (the core's message then says more). */
function filledIn(lang: Language, key: MessageKey, params: Params): string | null {
  for (const [, name] of MESSAGES[lang][key].matchAll(/\{(\w+)\}/g)) {
    if (name === undefined || params[name] === undefined) return null;
  }
  return translate(lang, key, params);
}

/** A stage id ("consultation") by its name in the UI language, as the stage badges show it. */
function stageName(lang: Language, id: string): string {
  const known = (STAGES as readonly string[]).includes(id);
  return translate(lang, "error.stageName", { stage: known ? translate(lang, `stage.${id}` as MessageKey) : id });
}
