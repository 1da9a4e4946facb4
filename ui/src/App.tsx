// The window: sidebar navigation, the current view, the search palette,
// and the app-wide keyboard shortcuts (lib/shortcuts.ts). An encrypted data
// folder that is locked at start is unlocked first: until then the window
// is the unlock screen alone, and nothing that needs the store is asked for.

import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";

import { api, errorMessage, setErrorLanguage } from "./api";
import type { AppInfo } from "./bindings/AppInfo";
import type { DataDirStatus } from "./bindings/DataDirStatus";
import type { Identity } from "./bindings/Identity";
import type { SyncView } from "./bindings/SyncView";
import type { Language } from "./i18n/language";
import { UnlockDataDir } from "./components/Encryption";
import { ErrorNote } from "./components/Notes";
import { OfficeDialog } from "./components/OfficeDialog";
import { CreateKeyDialog, UnlockKeyDialog } from "./components/SigningKeyDialog";
import { DataDirContext, type DataDirState } from "./dataDir";
import { HTML_LANG, I18nContext, isLanguage, makeI18n } from "./i18n";
import { caseMounting, caseReads } from "./caseRead";
import { offerDismissed, offersEncryption, rememberOfferDismissed } from "./lib/encryption";
import { actionFor } from "./lib/shortcuts";
import { pulledNew } from "./lib/sync";
import { OfficeContext, type Office } from "./office";
import { QuickLogContext } from "./quickLog";
import { caseRoute, type Navigate, type Route } from "./route";
import { Sidebar } from "./Sidebar";
import { SigningContext, type Signing } from "./signing";
import { askStore, takeDataDirStatus, takeOffice, takeSettings } from "./startup";
import { SyncContext, type Sync } from "./sync";
import { CaseScreen } from "./views/case/CaseScreen";
import { CasesView } from "./views/cases/CasesView";
import { DeadlinesView } from "./views/deadlines/DeadlinesView";
import { DossierView } from "./views/dossier/DossierView";
import { SearchPalette } from "./views/search/SearchPalette";
import { SettingsView } from "./views/settings/SettingsView";
import { VerifyView } from "./views/verify/VerifyView";

/** How often the window asks where syncing stands between the shell's own word (ms). */
const SYNC_STATUS_EVERY_MS = 15_000;

export function App() {
  const [lang, setLangState] = useState<Language | null>(null);
  const [startupError, setStartupError] = useState<string | null>(null);
  const [route, setRoute] = useState<Route>({ view: "cases" });
  const [lastCase, setLastCase] = useState<string | null>(null);
  const [searchOpen, setSearchOpen] = useState(false);
  const [readOnly, setReadOnly] = useState(false);
  /** This office's code (null while none is set), once asked for: references are shown by it. */
  const [officeCode, setOfficeCode] = useState<string | null>(null);
  const [officeAsked, setOfficeAsked] = useState(false);
  /** The code to suggest while the first-use dialog asks for one. */
  const [askOffice, setAskOffice] = useState<string | null>(null);
  /** The signing key (unlocked or locked) and whom the window records under, from app_info. */
  const [keys, setKeys] = useState<Pick<AppInfo, "signing_key" | "locked_key" | "author"> | null>(null);
  /** The key dialog shown: making a key (none yet) or unlocking it (locked); each offered once a start, then from Settings. */
  /** "offer": made at start, unless turned down before (`key_offer_declined`); "create": asked for in Settings. */
  const [keyDialog, setKeyDialog] = useState<"offer" | "create" | "unlock" | null>(null);
  /** Whether "Not now" was said to the offer of a key at start (this data folder's settings); null until known. */
  const [keyOfferDeclined, setKeyOfferDeclined] = useState<boolean | null>(null);
  const quickLog = useRef<(() => void) | null>(null);
  /** Whether the data folder is encrypted, locked (the unlock screen is shown), empty; null until known. */
  const [dataDir, setDataDir] = useState<DataDirStatus | null>(null);
  const [offerTurnedDown, setOfferTurnedDown] = useState(offerDismissed);
  /** Where syncing with the office server stands, and how many syncs have brought something here. */
  const [syncView, setSyncView] = useState<SyncView | null>(null);
  const [pulled, setPulled] = useState(0);
  const lastSync = useRef<SyncView | null>(null);

  /** What the window asks of the store at start: once the data folder is open (at once, or unlocked). */
  const boot = useCallback(() => {
    // None set yet: asked for once. A failure holds nothing up (Settings asks again).
    takeOffice()
      .then((info) => {
        setOfficeCode(info.code);
        if (info.code === null) setAskOffice(info.suggested);
      })
      .catch(() => undefined)
      .finally(() => setOfficeAsked(true));
    // A failure here is shown by Settings, which asks again.
    api
      .appInfo()
      .then((info) => {
        setReadOnly(info.read_only);
        setKeys(info);
        // No key yet (offered, unless turned down before), or one that did not unlock without its passphrase: asked once (after the office's code).
        if (!info.read_only && info.signing_key === null) setKeyDialog(info.locked_key ? "unlock" : "offer");
      })
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    takeSettings()
      .then((s) => {
        setLangState(isLanguage(s.ui_language) ? s.ui_language : "en");
        setKeyOfferDeclined(s.key_offer_declined);
      })
      .catch((e: unknown) => {
        setLangState("en");
        setKeyOfferDeclined(false);
        setStartupError(errorMessage(e));
      });
    takeDataDirStatus()
      .then((status) => {
        setDataDir(status);
        if (!status.locked) boot();
      })
      .catch(() => {
        // Not said (a shell without encryption at rest): the store is open, and its own errors say what is wrong.
        setDataDir({ encrypted: false, locked: false, empty: false });
        boot();
      });
  }, [boot]);

  const unlocked = useCallback(() => {
    // The first page of cases and this office's code, asked for while it was locked, failed: asked for again.
    askStore();
    setDataDir({ encrypted: true, locked: false, empty: false });
    boot();
  }, [boot]);
  const dataDirState: DataDirState = useMemo(
    () => ({
      status: dataDir,
      writable: !readOnly,
      offer: offersEncryption(dataDir, readOnly, offerTurnedDown),
      dismissOffer: () => {
        rememberOfferDismissed();
        setOfferTurnedDown(true);
      },
      encrypted: () => setDataDir({ encrypted: true, locked: false, empty: false }),
    }),
    [dataDir, readOnly, offerTurnedDown],
  );

  const askKey = useCallback(() => {
    api
      .appInfo()
      .then((info) => {
        setKeys(info);
        if (info.signing_key === null) setKeyDialog(info.locked_key ? "unlock" : "create");
      })
      .catch((e: unknown) => setStartupError(errorMessage(e)));
  }, []);
  const closeKeyDialog = useCallback(() => {
    // "Not now" to the offer at start is remembered: not offered at start again.
    if (keyDialog === "offer") {
      setKeyOfferDeclined(true);
      api.updateSettings({ key_offer_declined: true }).catch((e: unknown) => setStartupError(errorMessage(e)));
    }
    setKeyDialog(null);
  }, [keyDialog]);
  const keyReady = useCallback((key: Identity) => {
    setKeys({ signing_key: key, locked_key: null, author: key.name });
    setKeyDialog(null);
  }, []);
  const signing: Signing = useMemo(
    () => ({ key: keys?.signing_key ?? null, locked: keys?.locked_key ?? null, ask: askKey }),
    [keys, askKey],
  );

  const syncChanged = useCallback((next: SyncView) => {
    if (pulledNew(lastSync.current, next)) {
      // A case read ahead may be from before what came: the screen reads anew.
      caseReads.forget();
      setPulled((n) => n + 1);
    }
    lastSync.current = next;
    setSyncView(next);
  }, []);
  const sync: Sync = useMemo(() => ({ view: syncView, pulled, changed: syncChanged }), [syncView, pulled, syncChanged]);

  // The shell says when a sync starts and ends; asked now and then besides,
  // for the entries written here since (a failure: the next answer says more).
  // An answer asked for before the shell last spoke may be older than what
  // it said: dropped.
  useEffect(() => {
    let unlisten: (() => void) | null = null;
    let gone = false;
    let heard = 0;
    api
      .onSyncStatus((view) => {
        heard++;
        syncChanged(view);
      })
      .then((u) => (gone ? u() : (unlisten = u)))
      .catch(() => undefined);
    const ask = () => {
      const before = heard;
      return api
        .syncStatus()
        .then((view) => heard === before && syncChanged(view))
        .catch(() => undefined);
    };
    void ask();
    const timer = setInterval(() => void ask(), SYNC_STATUS_EVERY_MS);
    return () => {
      gone = true;
      unlisten?.();
      clearInterval(timer);
    };
  }, [syncChanged]);

  const setLang = useCallback((next: Language) => {
    setLangState(next);
    api.updateSettings({ ui_language: next }).catch((e: unknown) => setStartupError(errorMessage(e)));
  }, []);

  const i18n = useMemo(() => makeI18n(lang ?? "en", setLang), [lang, setLang]);

  const knownCode = useRef(officeCode);
  knownCode.current = officeCode;
  const officeChanged = useCallback((code: string) => {
    setOfficeCode(code);
  }, []);
  const officeRecheck = useCallback(() => {
    if (knownCode.current !== null) return;
    api
      .getOffice()
      .then((info) => info.code !== null && knownCode.current === null && officeChanged(info.code))
      .catch(() => undefined);
  }, [officeChanged]);
  const office: Office = useMemo(
    () => ({ code: officeCode, changed: officeChanged, recheck: officeRecheck }),
    [officeCode, officeChanged, officeRecheck],
  );

  useEffect(() => {
    setErrorLanguage(i18n.lang);
    document.documentElement.lang = HTML_LANG[i18n.lang];
    document.title = i18n.t("app.name");
  }, [i18n]);

  const routeNow = useRef(route);
  routeNow.current = route;
  const navigate: Navigate = useCallback((next: Route) => {
    performance.mark("pacta:navigate");
    if (next.view === "case") setLastCase(next.reference);
    // A case screen mounts: it will read its case, so start now.
    const mounting = caseMounting(routeNow.current, next);
    if (mounting) caseReads.readAhead(mounting);
    setSearchOpen(false);
    setRoute(next);
  }, []);

  // The case screen took its read as it mounted; any other is stale now.
  useEffect(() => caseReads.forget(), [route]);

  /** The shortcuts wait for the store: nothing to go to on the unlock screen. */
  const storeOpen = useRef(false);
  storeOpen.current = dataDir !== null && !dataDir.locked;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!storeOpen.current) return;
      const action = actionFor(e, document.querySelector("dialog[open]") !== null);
      if (!action) return;
      e.preventDefault();
      switch (action) {
        case "search":
          setSearchOpen(true);
          break;
        case "new_case":
          navigate({ view: "cases", newCase: Date.now() });
          break;
        case "focus_log":
          quickLog.current?.();
          break;
        case "view_cases":
          navigate({ view: "cases" });
          break;
        case "view_deadlines":
          navigate({ view: "deadlines" });
          break;
        case "view_dossier":
          navigate({ view: "dossier" });
          break;
        case "view_verify":
          navigate({ view: "verify" });
          break;
        case "view_settings":
          navigate({ view: "settings" });
          break;
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navigate]);

  if (!lang || !dataDir) return <div class="splash" aria-busy="true" />;
  if (dataDir.locked) {
    return (
      <I18nContext.Provider value={i18n}>
        <UnlockDataDir onUnlocked={unlocked} />
      </I18nContext.Provider>
    );
  }
  if (!officeAsked) return <div class="splash" aria-busy="true" />;

  const currentCase = route.view === "case" ? route.reference : null;

  return (
    <I18nContext.Provider value={i18n}>
      <OfficeContext.Provider value={office}>
        <DataDirContext.Provider value={dataDirState}>
          <SigningContext.Provider value={signing}>
            <SyncContext.Provider value={sync}>
              <QuickLogContext.Provider value={quickLog}>
                <div class={readOnly ? "shell shell--banner" : "shell"}>
                  {readOnly && (
                    <p class="read-only-banner" role="status" data-testid="read-only-banner">
                      {i18n.t("readOnly.banner")}
                    </p>
                  )}
                  <Sidebar route={route} lastCase={lastCase} navigate={navigate} onSearch={() => setSearchOpen(true)} />
                  <main class="main" id="main">
                    {startupError && (
                      <div class="banner">
                        <ErrorNote message={startupError} testid="startup-error" />
                      </div>
                    )}
                    {renderView(route, navigate)}
                  </main>
                </div>
                {searchOpen && (
                  <SearchPalette
                    currentCase={currentCase}
                    onClose={() => setSearchOpen(false)}
                    onOpen={(reference, seq) => navigate(caseRoute(reference, seq))}
                  />
                )}
                {askOffice !== null && !readOnly && (
                  <OfficeDialog
                    suggested={askOffice}
                    onClose={() => setAskOffice(null)}
                    onSet={(code) => {
                      office.changed(code);
                      setAskOffice(null);
                    }}
                  />
                )}
                {/* After the office's code, never over it. */}
                {askOffice === null && (keyDialog === "create" || (keyDialog === "offer" && keyOfferDeclined === false)) && (
                  <CreateKeyDialog suggestedName={keys?.author ?? ""} onClose={closeKeyDialog} onMade={keyReady} />
                )}
                {askOffice === null && keyDialog === "unlock" && keys?.locked_key && (
                  <UnlockKeyDialog identity={keys.locked_key} onClose={() => setKeyDialog(null)} onUnlocked={keyReady} />
                )}
              </QuickLogContext.Provider>
            </SyncContext.Provider>
          </SigningContext.Provider>
        </DataDirContext.Provider>
      </OfficeContext.Provider>
    </I18nContext.Provider>
  );
}

function renderView(route: Route, navigate: Navigate) {
  switch (route.view) {
    case "cases":
      return <CasesView navigate={navigate} newCase={route.newCase} />;
    case "case":
      return <CaseScreen key={route.reference} reference={route.reference} tab={route.tab} focus={route.focus} navigate={navigate} />;
    case "deadlines":
      return <DeadlinesView navigate={navigate} />;
    case "dossier":
      return <DossierView navigate={navigate} reference={route.reference} />;
    case "verify":
      return <VerifyView navigate={navigate} />;
    case "settings":
      return <SettingsView />;
  }
}
