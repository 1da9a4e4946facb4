// What the first screen needs, asked for the moment the script runs rather
// than after the first paint, all at once: the settings (the UI language,
// without which nothing is shown), the first page of the cases list as it
// opens (no filter, newest first) and this office's code (which cases are
// another office's, and whether to ask for it). Each is used once.

import { api, CASES_PAGE } from "./api";
import type { CaseFilterInput } from "./bindings/CaseFilterInput";
import type { CasePage } from "./bindings/CasePage";
import type { OfficeInfo } from "./bindings/OfficeInfo";
import type { Settings } from "./bindings/Settings";

/** The cases list's filter when nothing is chosen. */
export const NO_FILTER: CaseFilterInput = { stage: null, party: null, clause: null, sort: null, descending: false };

let settings: Promise<Settings> | null = null;
let firstCases: Promise<CasePage> | null = null;
let office: Promise<OfficeInfo> | null = null;

/** Starts the requests; main.tsx calls it before rendering. */
export function askEarly(): void {
  settings = api.getSettings();
  firstCases = api.listCases(NO_FILTER, 0, CASES_PAGE);
  office = api.getOffice();
  // Whoever takes them handles a failure; until then it is not unhandled.
  settings.catch(() => undefined);
  firstCases.catch(() => undefined);
  office.catch(() => undefined);
}

/** The settings asked for at start (once), or asked for now. */
export function takeSettings(): Promise<Settings> {
  const early = settings;
  settings = null;
  return early ?? api.getSettings();
}

/** This office's code asked for at start (once), or asked for now. */
export function takeOffice(): Promise<OfficeInfo> {
  const early = office;
  office = null;
  return early ?? api.getOffice();
}

/** The first page of the unfiltered list asked for at start (once, and only for that filter), or asked for now. */
export function takeFirstCases(filter: CaseFilterInput): Promise<CasePage> {
  const early = firstCases;
  firstCases = null;
  const unfiltered = (Object.keys(NO_FILTER) as (keyof CaseFilterInput)[]).every((k) => filter[k] === NO_FILTER[k]);
  return early && unfiltered ? early : api.listCases(filter, 0, CASES_PAGE);
}
