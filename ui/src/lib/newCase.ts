// Checks of the new-case form, so the most common mistakes are explained
// in the user's language before the backend is asked (it checks again).

import type { Clause } from "../bindings/Clause";
import type { Language } from "../i18n/language";
import type { NewCaseInput } from "../bindings/NewCaseInput";
import { readDateField } from "./time";

export const CLAUSES: readonly Clause[] = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"];

/** How widely a case may be shown; printed on its filings and dossier. */
export const CONFIDENTIALITY = ["public", "restricted", "confidential"] as const;
export type Confidentiality = (typeof CONFIDENTIALITY)[number];

export type NewCaseForm = {
  title: string;
  summary: string;
  parties: string[];
  clauses: Clause[];
  language: Language | "";
  confidentiality: Confidentiality;
  /** The day it was opened, if before today: YYYY-MM-DD, or empty. */
  openedOn: string;
};

export type NewCaseProblem = "title_missing" | "parties_too_few" | "party_twice" | "opened_on";

export function emptyNewCaseForm(language: Language | "" = ""): NewCaseForm {
  return { title: "", summary: "", parties: ["", ""], clauses: ["k"], language, confidentiality: "restricted", openedOn: "" };
}

export function checkNewCase(form: NewCaseForm): NewCaseProblem[] {
  const problems: NewCaseProblem[] = [];
  if (!form.title.trim()) problems.push("title_missing");
  const parties = form.parties.map((p) => p.trim()).filter((p) => p);
  if (parties.length < 2) problems.push("parties_too_few");
  const lower = parties.map((p) => p.toLowerCase());
  if (new Set(lower).size !== lower.length) problems.push("party_twice");
  if (form.openedOn.trim() && !("value" in readDateField(form.openedOn))) problems.push("opened_on");
  return problems;
}

export function toNewCaseInput(form: NewCaseForm): NewCaseInput {
  return {
    title: form.title.trim(),
    summary: form.summary.trim(),
    parties: form.parties.map((p) => p.trim()).filter((p) => p),
    clauses: CLAUSES.filter((c) => form.clauses.includes(c)),
    language: form.language || null,
    confidentiality: form.confidentiality,
    opened_on: form.openedOn.trim() || null,
  };
}

/**
 * Whether closing the form would throw something away: text typed (blank
 * party rows do not count), clauses or a language chosen other than at first.
 */
export function newCaseDirty(form: NewCaseForm): boolean {
  const initial = emptyNewCaseForm();
  return (
    form.title.trim() !== "" ||
    form.summary.trim() !== "" ||
    form.parties.some((p) => p.trim() !== "") ||
    [...form.clauses].sort().join() !== initial.clauses.join() ||
    form.language !== initial.language ||
    form.confidentiality !== initial.confidentiality ||
    form.openedOn.trim() !== ""
  );
}
