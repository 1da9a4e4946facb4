// Typed wrappers around the desktop shell's Tauri commands. The argument
// objects are exactly what the commands take; every command rejects with a
// `CommandError` ({ kind, code, message, params }): `errorMessage` words it
// in the UI language from its code and params (lib/errors.ts), else gives
// the core's English `message`.
//
// This is the only module that calls `invoke`; views import from here.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

import type { CommandError } from "./bindings/CommandError";
import type { AppInfo } from "./bindings/AppInfo";
import type { Audience } from "./bindings/Audience";
import type { Case } from "./bindings/Case";
import type { CasePage } from "./bindings/CasePage";
import type { CaseDocument } from "./bindings/CaseDocument";
import type { AgreementSigning } from "./bindings/AgreementSigning";
import type { CaseView } from "./bindings/CaseView";
import type { CaseChangesInput } from "./bindings/CaseChangesInput";
import type { CaseFilterInput } from "./bindings/CaseFilterInput";
import type { CorrectionInput } from "./bindings/CorrectionInput";
import type { DataDirStatus } from "./bindings/DataDirStatus";
import type { Deadline } from "./bindings/Deadline";
import type { Draft } from "./bindings/Draft";
import type { DeadlineFilterInput } from "./bindings/DeadlineFilterInput";
import type { Exported } from "./bindings/Exported";
import type { ExportedPdf } from "./bindings/ExportedPdf";
import type { Progress } from "./bindings/Progress";
import type { DossierReport } from "./bindings/DossierReport";
import type { Entry } from "./bindings/Entry";
import type { EntryView } from "./bindings/EntryView";
import type { Filed } from "./bindings/Filed";
import type { FilingInput } from "./bindings/FilingInput";
import type { Identity } from "./bindings/Identity";
import type { ImportPlan } from "./bindings/ImportPlan";
import type { KeyFileInfo } from "./bindings/KeyFileInfo";
import type { NewCaseInput } from "./bindings/NewCaseInput";
import type { OfficeInfo } from "./bindings/OfficeInfo";
import type { LogInput } from "./bindings/LogInput";
import type { ParticipantInput } from "./bindings/ParticipantInput";
import type { PdfReport } from "./bindings/PdfReport";
import type { QuickLogDraft } from "./bindings/QuickLogDraft";
import type { Rendered } from "./bindings/Rendered";
import type { Role } from "./bindings/Role";
import type { SearchHit } from "./bindings/SearchHit";
import type { SearchQuery } from "./bindings/SearchQuery";
import type { Settings } from "./bindings/Settings";
import type { Stage } from "./bindings/Stage";
import type { SyncView } from "./bindings/SyncView";
import type { TemplateList } from "./bindings/TemplateList";
import type { VerifyReport } from "./bindings/VerifyReport";
import type { Language } from "./i18n/language";
import { problemText } from "./lib/errors";

/** Entries per `journal_page` call: about a screenful and a half, so a case opens on one small request. */
export const JOURNAL_PAGE = 100;

/** Cases per `list_cases` call. */
export const CASES_PAGE = 200;

/** The UI language errors are worded in; the app sets it whenever the language changes. */
let errorLanguage: Language = "en";

export function setErrorLanguage(lang: Language): void {
  errorLanguage = lang;
}

export function isApiError(e: unknown): e is CommandError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as { message?: unknown }).message === "string" &&
    typeof (e as { kind?: unknown }).kind === "string"
  );
}

/** The text to show for anything a command (or the shell) rejected with, in the UI language. */
export function errorMessage(e: unknown, lang: Language = errorLanguage): string {
  if (isApiError(e)) return problemText(e, e.message, lang);
  if (e instanceof Error) return e.message;
  if (typeof e === "string") return e;
  return String(e);
}

export const api = {
  appInfo: () => invoke<AppInfo>("app_info"),
  /** Tells the shell the first screen is up (once, after the cases list first rendered). */
  uiReady: () => invoke<null>("ui_ready", { pageMs: performance.now() }),

  /**
   * Makes this person's signing key, sealed with `passphrase` (null: kept
   * without one, as the user chose); from then on it signs what the window
   * writes. Refused when the data folder has a key already.
   */
  createKey: (name: string, passphrase: string | null) => invoke<Identity>("create_key", { name, passphrase }),
  /** Unlocks the data folder's key with its passphrase (wrong: `wrong_passphrase`, nothing changed). */
  unlockKey: (passphrase: string) => invoke<Identity>("unlock_key", { passphrase }),
  /** Whether the data folder is encrypted at rest, locked (every other store command fails with `data_dir_locked` then), and empty (a first run). */
  dataDirStatus: () => invoke<DataDirStatus>("data_dir_status"),
  /** Opens the locked, encrypted data folder (wrong: `passphrase_wrong`, nothing changed). */
  unlockDataDir: (passphrase: string) => invoke<null>("unlock_data_dir", { passphrase }),
  /** Encrypts the open plain data folder (a copy made, verified, put in its place): seconds on a big store. */
  encryptDataDir: (passphrase: string) => invoke<null>("encrypt_data_dir", { passphrase }),
  /** Seals the encrypted data folder's keys under a new passphrase (nothing is encrypted again). */
  changeDataDirPassphrase: (passphrase: string) => invoke<null>("change_data_dir_passphrase", { passphrase }),
  /** Whose a key file chosen in a dialog is, and whether a passphrase unlocks it. */
  readKeyFile: (keyFile: string) => invoke<KeyFileInfo>("read_key_file", { keyFile }),
  /**
   * Co-signs agreement entry #`entry` with a delegate's key file (chosen in a
   * dialog), unlocked with their passphrase; `party`: the party they sign
   * for, when they are not its delegate in the case yet.
   */
  cosignAgreement: (reference: string, entry: number, keyFile: string, passphrase: string, party: string | null) =>
    invoke<Entry>("cosign_agreement", { reference, entry, keyFile, passphrase, party }),

  /** One page of the cases matching `filter`, newest first, and how many match in all. */
  listCases: (filter: CaseFilterInput, offset: number, limit: number = CASES_PAGE) =>
    invoke<CasePage>("list_cases", { filter, offset, limit }),
  createCase: (input: NewCaseInput) => invoke<Case>("create_case", { input }),
  getCase: (reference: string) => invoke<CaseView>("get_case", { reference }),
  /** Every agreement of a case, in the screen's order (the case view carries the first few). */
  caseAgreements: (reference: string) => invoke<AgreementSigning[]>("case_agreements", { reference }),

  journalPage: (reference: string, before: number | null, limit: number = JOURNAL_PAGE) =>
    invoke<EntryView[]>("journal_page", { reference, before, limit }),
  /** `input.audience`: who may read it (`office`, `parties`, `party:NAME`); left out: as its kind says. */
  logEntry: (reference: string, input: LogInput) =>
    invoke<Entry>("log_entry", { reference, input }),
  /** A correction of entry #`entry`: what was wrong, in words, and what else changes. */
  correctEntry: (reference: string, entry: number, input: CorrectionInput) =>
    invoke<Entry>("correct_entry", { reference, entry, input }),
  /** `occurredAt`: RFC 3339, or null for now. */
  moveStage: (reference: string, to: Stage, reason: string, occurredAt: string | null = null) =>
    invoke<Entry>("move_stage", { reference, to, reason, occurredAt }),
  addParticipant: (reference: string, input: ParticipantInput) =>
    invoke<Entry>("add_participant", { reference, input }),
  /** `name`, in the role `role`, leaves the case (the journal keeps that they took part). */
  removeParticipant: (reference: string, name: string, role: Role) =>
    invoke<Entry>("remove_participant", { reference, name, role }),
  /** Changes the case's details: only those given (the rest stay); one `case_change` entry. */
  changeCase: (reference: string, input: CaseChangesInput) => invoke<Entry>("change_case", { reference, input }),

  /**
   * `party`: the party that must do it; null: a task of the office.
   * `audience`: who may read it; null: the parties when a party must do it, else the office.
   */
  addDeadline: (reference: string, due: string, what: string, party: string | null, audience: Audience | null) =>
    invoke<Deadline>("add_deadline", { reference, due, what, party, audience }),
  /** `occurredAt`: when it was met, RFC 3339, or null for now. */
  completeDeadline: (reference: string, entry: number, note: string, occurredAt: string | null = null) =>
    invoke<Entry>("complete_deadline", { reference, entry, note, occurredAt }),
  /** Cancels the deadline set by entry `entry`, on the record, with the reason. */
  cancelDeadline: (reference: string, entry: number, reason: string) =>
    invoke<Entry>("cancel_deadline", { reference, entry, reason }),
  listDeadlines: (filter: DeadlineFilterInput) => invoke<Deadline[]>("list_deadlines", { filter }),

  /** `audience`: who may read them; null: the parties. */
  attachDocuments: (reference: string, paths: string[], audience: Audience | null) =>
    invoke<Entry[]>("attach_documents", { reference, paths, audience }),
  /** Saves a copy of a case's document at a path chosen in a save dialog. */
  saveDocument: (reference: string, sha256: string, path: string) =>
    invoke<CaseDocument>("save_document", { reference, sha256, path }),

  /** Words in every case or one, narrowed by kind, party, author and dates; a few hits per case unless in one (lib/search.ts). */
  search: (query: SearchQuery) => invoke<SearchHit[]>("search", { query }),
  verifyStore: () => invoke<VerifyReport>("verify_store"),

  listTemplates: () => invoke<TemplateList>("list_templates"),
  renderFiling: (reference: string, request: FilingInput) =>
    invoke<Rendered>("render_filing", { reference, request }),
  fileFiling: (reference: string, request: FilingInput) =>
    invoke<Filed>("file_filing", { reference, request }),
  /**
   * Typesets the filing exactly as previewed and saves it as a PDF at a path
   * chosen in a save dialog; nothing is filed. ~1.5 s the first time (the
   * fonts load), ~0.2 s after.
   */
  saveFilingPdf: (reference: string, request: FilingInput, path: string) =>
    invoke<PdfReport>("save_filing_pdf", { reference, request, path }),

  /** Keeps the quick log's draft for the case (an empty one removes it). */
  saveDraft: (reference: string, draft: QuickLogDraft) =>
    invoke<null>("save_draft", { reference, draft: { of: "quick_log", ...draft } satisfies Draft }),
  loadDraft: async (reference: string): Promise<QuickLogDraft | null> => {
    const draft = await invoke<Draft | null>("load_draft", { reference, template: null });
    return draft?.of === "quick_log" ? draft : null;
  },
  /** Keeps the values typed into a filing template's form for the case (none with text: removed). */
  saveFilingDraft: (reference: string, template: string, fields: Record<string, string>) =>
    invoke<null>("save_draft", { reference, draft: { of: "filing", template, fields } satisfies Draft }),
  loadFilingDraft: async (reference: string, template: string): Promise<Record<string, string>> => {
    const draft = await invoke<Draft | null>("load_draft", { reference, template });
    return draft?.of === "filing" ? draft.fields : {};
  },

  getSettings: () => invoke<Settings>("get_settings"),
  setSettings: (settings: Settings) => invoke<null>("set_settings", { settings }),
  /** Changes some settings and keeps the rest as stored. */
  updateSettings: async (change: Partial<Settings>) =>
    invoke<null>("set_settings", { settings: { ...(await invoke<Settings>("get_settings")), ...change } }),

  /** This installation's office code (null until set), and the one to suggest. */
  getOffice: () => invoke<OfficeInfo>("get_office"),
  /** Sets this installation's office code; answers with the code as set (trimmed, in capitals). */
  setOffice: (code: string) => invoke<string>("set_office", { code }),

  /**
   * `audience`: whom the copy is for: `office` (complete), `parties` or
   * `party:NAME`, which withhold what they may not read (their places kept).
   */
  exportDossier: (reference: string, path: string, audience: Audience) =>
    invoke<Exported>("export_dossier", { reference, path, audience }),
  /**
   * Typesets a case as one PDF, its dossier (for `audience`) attached, once
   * the dossier verifies; `pdf` is null when it did not (`exported.report`
   * says why). Reports `dossier-progress`: `verify`, `typeset`, `done`.
   */
  exportDossierPdf: (reference: string, path: string, audience: Audience) =>
    invoke<ExportedPdf>("export_dossier_pdf", { reference, path, audience }),
  /** `passphrase`: for an encrypted dossier that this person's own key does not open. */
  verifyDossier: (path: string, passphrase: string | null = null) => invoke<DossierReport>("verify_dossier", { path, passphrase }),
  previewImport: (path: string, passphrase: string | null = null) => invoke<ImportPlan>("preview_import", { path, passphrase }),
  importDossier: (path: string, passphrase: string | null = null) => invoke<ImportPlan>("import_dossier", { path, passphrase }),

  /**
   * Where syncing with the office server stands: the server (no password;
   * "" when none is set), whether a sync runs, the last sync completed and
   * what was written here since, what the last sync of this session did or
   * why it failed.
   */
  syncStatus: () => invoke<SyncView>("sync_status"),
  /** Wakes the background sync (it also runs every minute while a server is set); `sync-status` says how it went. */
  syncNow: () => invoke<null>("sync_now"),
  /**
   * Remembers the office server (a `postgres://` address without a password,
   * or a PostgreSQL service name; "" clears it) and syncs with it.
   */
  /** Sets (empty: clears) the office server; a password given goes to the system keyring (`keyring_unavailable` where there is none: nothing changed). */
  setServer: (server: string, password: string | null = null) => invoke<SyncView>("set_server", { server, password }),
  /** Calls `handler` for each `sync-status` event (a sync started or ended) until the returned function is called. */
  onSyncStatus: (handler: (view: SyncView) => void): Promise<UnlistenFn> =>
    listen<SyncView>("sync-status", (event) => handler(event.payload)),

  /** Calls `handler` for each `dossier-progress` event until the returned function is called. */
  onDossierProgress: (handler: (p: Progress) => void): Promise<UnlistenFn> =>
    listen<Progress>("dossier-progress", (event) => handler(event.payload)),
};
