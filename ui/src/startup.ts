// What the first screen needs, asked for the moment the script runs rather
// than after the first paint, all at once: the settings (the UI language,
// without which nothing is shown), whether the data folder is encrypted and
// locked (then nothing else is shown until it is unlocked), the first page
// of the cases list as it opens (no filter, newest first) and this office's
// code (which cases are another office's, and whether to ask for it). Each
// is used once. The last two need the store: while the data folder is
// locked they fail (`data_dir_locked`), and are asked for again once it is
// unlocked (`askStore`).

import { api, CASES_PAGE } from "./api";
import type { CaseFilterInput } from "./bindings/CaseFilterInput";
import type { CasePage } from "./bindings/CasePage";
import type { DataDirStatus } from "./bindings/DataDirStatus";
import type { OfficeInfo } from "./bindings/OfficeInfo";
import type { Settings } from "./bindings/Settings";

/** The cases list's filter when nothing is chosen. */
export const NO_FILTER: CaseFilterInput = { stage: null, party: null, clause: null, sort: null, descending: false };

let settings: Promise<Settings> | null = null;
let status: Promise<DataDirStatus> | null = null;
let firstCases: Promise<CasePage> | null = null;
let office: Promise<OfficeInfo> | null = null;

/** Starts the requests; main.tsx calls it before rendering. */
export function askEarly(): void {
  settings = api.getSettings();
  status = api.dataDirStatus();
  // Whoever takes them handles a failure; until then it is not unhandled.
  settings.catch(() => undefined);
  status.catch(() => undefined);
  askStore();
}

/** Asks (again) for what needs the store: at start, and once a locked data folder is unlocked. */
export function askStore(): void {
  firstCases = api.listCases(NO_FILTER, 0, CASES_PAGE);
  office = api.getOffice();
  firstCases.catch(() => undefined);
  office.catch(() => undefined);
}

/** The settings asked for at start (once), or asked for now. */
export function takeSettings(): Promise<Settings> {
  const early = settings;
  settings = null;
  return early ?? api.getSettings();
}

/** Whether the data folder is encrypted, locked and empty, asked for at start (once), or asked for now. */
export function takeDataDirStatus(): Promise<DataDirStatus> {
  const early = status;
  status = null;
  return early ?? api.dataDirStatus();
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
