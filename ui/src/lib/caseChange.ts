// The words of two entries Pacta writes itself, in the UI language, from
// their `data` (their body is the core's English account):
//
// - a change of case details (`case_change`): `data` holds each changed
//   detail's new value; the reason, if one was given, is the person's own
//   words at the end of the body ("Case details changed (title): <reason>");
// - a participant leaving the case (`participant` with `removed: true`).
//
// For the timeline (EntryRow's words of such entries): null where the
// entry is not one of these, or says too little to be worded.

import type { Entry } from "../bindings/Entry";
import type { JsonValue } from "../bindings/serde_json/JsonValue";
import { isLanguage, type I18n } from "../i18n";
import type { Language } from "../i18n/language";
import { list } from "./errors";
import { CONFIDENTIALITY, type Confidentiality } from "./newCase";
import { dataField } from "./record";

const text = (v: JsonValue | undefined): string | null => (typeof v === "string" ? v : null);
const texts = (v: JsonValue | undefined): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === "string") ? v : null;

/** The reason in a `case_change` entry's body, if one was given. */
export function caseChangeReason(body: string): string | null {
  const m = /^Case details changed \([^)]*\): ([\s\S]+)$/.exec(body);
  return m?.[1]?.trim() || null;
}

/** "Case details changed: title “…”; parties A, B and C. Reason: …", or null. */
export function caseChangeText(e: Entry, t: I18n["t"], lang: Language): string | null {
  if (e.kind !== "case_change") return null;
  const d = e.data;
  const said: string[] = [];
  const title = text(dataField(d, "title"));
  if (title !== null) said.push(t("timeline.caseChangeTitle", { title }));
  const summary = text(dataField(d, "summary"));
  if (summary !== null) said.push(t(summary.trim() ? "timeline.caseChangeSummary" : "timeline.caseChangeSummaryRemoved"));
  const parties = texts(dataField(d, "parties"));
  if (parties) said.push(t("timeline.caseChangeParties", { parties: list(lang, "conjunction", parties) }));
  const clauses = texts(dataField(d, "clauses"));
  if (clauses) said.push(t("timeline.caseChangeClauses", { clauses: clauses.map((c) => `(${c})`).join(" ") }));
  const language = text(dataField(d, "language"));
  if (language !== null) said.push(t("timeline.caseChangeLanguage", { language: isLanguage(language) ? t(`language.${language}`) : language }));
  const level = text(dataField(d, "confidentiality"));
  if (level !== null) {
    const known = (CONFIDENTIALITY as readonly string[]).includes(level);
    said.push(t("timeline.caseChangeConfidentiality", { confidentiality: known ? t(`confidentiality.${level as Confidentiality}`) : level }));
  }
  if (said.length === 0) return null;
  const changes = said.join(t("timeline.changesSeparator"));
  const reason = caseChangeReason(e.body);
  return reason ? t("timeline.caseChangedBecause", { changes, reason }) : t("timeline.caseChanged", { changes });
}

/** "Dr. Amara Osei leaves the case (Mediator).", or null when the entry is not a participant leaving. */
export function participantLeftText(e: Entry, t: I18n["t"]): string | null {
  if (e.kind !== "participant" || dataField(e.data, "removed") !== true) return null;
  const name = text(dataField(e.data, "name"));
  const role = text(dataField(e.data, "role"));
  const party = text(dataField(e.data, "party"));
  if (!name) return null;
  if (party) return t("timeline.leftDelegate", { name, party });
  return role === "mediator" || role === "legal_officer" || role === "delegate" ? t("timeline.left", { name, role: t(`role.${role}`) }) : null;
}
