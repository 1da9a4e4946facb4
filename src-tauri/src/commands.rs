//! The commands the window may call. Each one is thin: take the arguments,
//! call the core off the UI thread, return its typed result or an error with
//! a stable `kind` and a message a person can act on. Paths only ever come
//! from the user's own open/save dialogs or drops.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::Offset;
use pacta_core::agreements::AgreementSigning;
use pacta_core::dossier::{sealed, DossierReport, ExportProgress, Exported, ImportPlan};
use pacta_core::drafts::LogDraft;
use pacta_core::filing::template::FieldSpec;
use pacta_core::merge::Alongside;
use pacta_core::pdf::PdfReport;
use pacta_core::{
    Case, CaseDocument, CaseFilter, CaseOrder, CasePage, CaseSort, CaseView, DataDir, Deadline,
    DeadlineFilter, Entry, EntryKind, EntryQuery, FilingRequest, Identity, KeyFile, NewCase,
    NewEntry, Participant, Rendered, Role, SearchHit, SearchQuery, Settings, SigningKey, Stage,
    StageFilter, Store, VerifyReport,
};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_fs::FsExt;

pub struct AppState {
    /// The store; none while an encrypted data dir is locked (until
    /// `unlock_data_dir`).
    pub store: Arc<Mutex<Option<Store>>>,
    pub data_dir: PathBuf,
    pub started: std::time::Instant,
    /// The background sync's state, and what wakes it before its time.
    pub syncing: Mutex<Syncing>,
    pub sync_wake: Mutex<std::sync::mpsc::Sender<()>>,
}

/// An error as the UI receives it: a stable `kind` (what sort of failure),
/// the `code` of the problem (the invalid input's own code, else the kind),
/// the core's English sentence, and the values it is made of, from which
/// the UI says it in its language.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CommandError {
    kind: String,
    code: String,
    message: String,
    params: BTreeMap<String, String>,
}

impl From<pacta_core::Error> for CommandError {
    fn from(e: pacta_core::Error) -> Self {
        let said = e.said();
        CommandError {
            kind: e.kind().into(),
            code: said.code,
            message: said.message,
            params: said.params,
        }
    }
}

/// A failure of the shell itself, said as invalid input with its code.
fn failed(code: &str, message: String) -> CommandError {
    CommandError::from(pacta_core::Error::input(code, [], message))
}

/// Refuses a path the user did not choose. Outside its data dir Pacta reads
/// and writes only files picked in an open/save dialog (the dialog plugin
/// records them in the file-system scope) or dropped on the window (`lib.rs`
/// records those), so a script in the window could not reach anything else.
fn chosen(app: &AppHandle, paths: &[&Path]) -> Result<(), CommandError> {
    let scope = app.fs_scope();
    match paths.iter().find(|p| !scope.is_allowed(p)) {
        None => Ok(()),
        Some(path) => Err(CommandError {
            kind: "not_chosen".into(),
            code: "not_chosen".into(),
            message: format!(
                "{} was not chosen in a dialog or dropped on the window; Pacta opens and writes only files you choose: choose it again",
                path.display()
            ),
            params: BTreeMap::from([("path".to_owned(), path.display().to_string())]),
        }),
    }
}

type Answer<T> = Result<T, CommandError>;

/// Runs core work on a blocking thread with the store locked.
async fn with_store<T: Send + 'static>(
    state: &State<'_, AppState>,
    work: impl FnOnce(&mut Store) -> pacta_core::Result<T> + Send + 'static,
) -> Answer<T> {
    with_slot(state, move |slot| match slot {
        Some(store) => work(store),
        None => Err(pacta_core::Error::input(
            "data_dir_locked",
            [],
            "the data dir is encrypted and locked: unlock it with its passphrase",
        )),
    })
    .await
}

/// Runs core work on a blocking thread with the store's place (empty while
/// an encrypted data dir is locked) held.
async fn with_slot<T: Send + 'static>(
    state: &State<'_, AppState>,
    work: impl FnOnce(&mut Option<Store>) -> pacta_core::Result<T> + Send + 'static,
) -> Answer<T> {
    let store = Arc::clone(&state.store);
    tauri::async_runtime::spawn_blocking(move || {
        let mut store = store.lock().map_err(|_| {
            failed(
                "store_unavailable",
                "the store is unavailable after an earlier failure; restart Pacta".into(),
            )
        })?;
        work(&mut store).map_err(CommandError::from)
    })
    .await
    .map_err(|e| {
        failed(
            "work_stopped",
            format!("the work stopped unexpectedly: {e}"),
        )
    })?
}

/// Runs core work that needs no store on a blocking thread.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> pacta_core::Result<T> + Send + 'static,
) -> Answer<T> {
    tauri::async_runtime::spawn_blocking(move || work().map_err(CommandError::from))
        .await
        .map_err(|e| {
            failed(
                "work_stopped",
                format!("the work stopped unexpectedly: {e}"),
            )
        })?
}

/// Who signs what the window writes: one rule for every front end
/// ([`pacta_core::DataDir::who_signs`]), with no name given for the step:
/// the store's signing key's name when one is unlocked (at start, or
/// since: `create_key`, `unlock_key`), else the name in Settings and on.
fn author(s: &Store) -> pacta_core::Result<String> {
    s.data_dir()
        .who_signs(None, s.signer().map(SigningKey::name))
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AppInfo {
    version: &'static str,
    data_dir: PathBuf,
    /// The data dir cannot be written: everything reads, writes are refused.
    read_only: bool,
    /// The key that signs what the window writes, if one is unlocked.
    signing_key: Option<Identity>,
    /// The data dir's key when it is there but not unlocked (its passphrase
    /// not given since start, and no OS keyring that unlocks it): the
    /// window asks for it (`unlock_key`); until then entries are unsigned.
    locked_key: Option<Identity>,
    /// Whom what the window writes is recorded under now: the key's name,
    /// else the name in Settings, `PACTA_AUTHOR` or the login name; none
    /// when none of them is known.
    author: Option<String>,
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Answer<AppInfo> {
    let data_dir = state.data_dir.clone();
    with_store(&state, move |s| {
        let signing_key = s.signer().map(|k| k.identity().clone());
        let locked_key = match signing_key {
            Some(_) => None,
            None => KeyFile::read(&s.data_dir().signing_key())
                .and_then(|f| f.identity())
                .ok(),
        };
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION"),
            data_dir,
            read_only: s.is_read_only(),
            signing_key,
            locked_key,
            author: author(s).ok(),
        })
    })
    .await
}

/// Makes this person's signing key (the window offers it while the data
/// dir has none): sealed with `passphrase`, or kept without one when the
/// user chose that (`None`; an empty passphrase is refused), written to
/// the data dir, remembered by the OS keyring where one runs (so the next
/// start needs no passphrase), and from now on the key that signs what
/// the window writes.
#[tauri::command]
pub async fn create_key(
    state: State<'_, AppState>,
    name: String,
    passphrase: Option<String>,
) -> Answer<Identity> {
    with_store(&state, move |s| {
        if s.is_read_only() {
            return Err(pacta_core::Error::ReadOnly {
                path: s.data_dir().root().to_path_buf(),
                reason: "it is on a read-only disk or in a write-protected folder; reading works"
                    .into(),
            });
        }
        let key = pacta_core::keys::create_in(s.data_dir(), &name, passphrase.as_deref())?;
        let identity = key.identity().clone();
        s.set_signer(key);
        Ok(identity)
    })
    .await
}

/// Unlocks the data dir's key with its passphrase; from now on it signs
/// what the window writes, and the OS keyring (where one runs) remembers
/// what unlocks it, so the next start needs no passphrase. A wrong
/// passphrase is the core's `wrong_passphrase`, and changes nothing.
#[tauri::command]
pub async fn unlock_key(state: State<'_, AppState>, passphrase: String) -> Answer<Identity> {
    with_store(&state, move |s| {
        let key = pacta_core::keys::unlock_in(s.data_dir(), &passphrase)?;
        let identity = key.identity().clone();
        s.set_signer(key);
        Ok(identity)
    })
    .await
}

/// Whether the data dir is encrypted at rest, and whether it is locked.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DataDirStatus {
    encrypted: bool,
    locked: bool,
    /// Whether it holds no case yet (a first run, when encrypting it is
    /// offered).
    empty: bool,
}

#[tauri::command]
pub async fn data_dir_status(state: State<'_, AppState>) -> Answer<DataDirStatus> {
    with_slot(&state, |slot| {
        Ok(match slot {
            None => DataDirStatus {
                encrypted: true,
                locked: true,
                empty: false,
            },
            Some(s) => DataDirStatus {
                encrypted: s.is_encrypted(),
                locked: false,
                empty: s.cases_page(&Default::default(), 0, 1)?.total == 0,
            },
        })
    })
    .await
}

/// Opens the encrypted data dir with its passphrase; a wrong one is the
/// core's `passphrase_wrong` and changes nothing. The OS keyring (where one
/// runs) keeps what opens it, so the next start need not ask.
#[tauri::command]
pub async fn unlock_data_dir(state: State<'_, AppState>, passphrase: String) -> Answer<()> {
    let dir = state.data_dir.clone();
    with_slot(&state, move |slot| {
        if slot.is_none() {
            *slot = Some(open_unlocked(&dir, &passphrase)?);
        }
        Ok(())
    })
    .await
}

/// The store of an encrypted data dir, with the signing key when it opens
/// without asking.
pub fn open_unlocked(dir: &std::path::Path, passphrase: &str) -> pacta_core::Result<Store> {
    signing(Store::unlock_remembering(dir, passphrase, true)?)
}

/// The store, with the signing key when it opens without asking.
pub fn signing(mut store: Store) -> pacta_core::Result<Store> {
    if let Some(key) = pacta_core::keys::unlock_without_asking(store.data_dir()) {
        store.set_signer(key);
    }
    Ok(store)
}

/// Encrypts the data dir at rest with `passphrase` (an encrypted copy is
/// made, verified, and takes its place); the window goes on with it.
#[tauri::command]
pub async fn encrypt_data_dir(state: State<'_, AppState>, passphrase: String) -> Answer<()> {
    let dir = state.data_dir.clone();
    with_slot(&state, move |slot| {
        let signer = slot.as_mut().and_then(|s| s.take_signer());
        // The store is closed while its files are converted.
        *slot = None;
        let result = Store::encrypt_data_dir(&dir, &passphrase);
        let mut store = match &result {
            Ok(_) => Store::unlock_remembering(&dir, &passphrase, true)?,
            Err(_) => Store::open(&dir)?,
        };
        if let Some(key) = signer {
            store.set_signer(key);
        }
        *slot = Some(store);
        result.map(|_| ())
    })
    .await
}

/// Seals the encrypted data dir's keys under a new passphrase.
#[tauri::command]
pub async fn change_data_dir_passphrase(
    state: State<'_, AppState>,
    passphrase: String,
) -> Answer<()> {
    with_store(&state, move |s| s.change_passphrase(&passphrase)).await
}

/// A signing key file the user chose (a delegate's, brought to co-sign):
/// whose it is, and whether a passphrase unlocks it.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct KeyFileInfo {
    identity: Identity,
    has_passphrase: bool,
}

#[tauri::command]
pub async fn read_key_file(app: AppHandle, key_file: PathBuf) -> Answer<KeyFileInfo> {
    chosen(&app, &[&key_file])?;
    blocking(move || {
        let file = KeyFile::read(&key_file)?;
        Ok(KeyFileInfo {
            identity: file.identity()?,
            has_passphrase: file.has_passphrase(),
        })
    })
    .await
}

/// Co-signs agreement entry `entry` with a party delegate's key file, chosen
/// in a dialog and unlocked with the delegate's passphrase (typed by them;
/// ignored for a key kept without one). A delegate the case does not know
/// yet joins it first for `party` (preselected by the window when the key's
/// name is already a delegate's), recorded under the window's own signer.
/// A wrong passphrase changes nothing.
#[tauri::command]
pub async fn cosign_agreement(
    app: AppHandle,
    state: State<'_, AppState>,
    reference: String,
    entry: i64,
    key_file: PathBuf,
    passphrase: String,
    party: Option<String>,
) -> Answer<Entry> {
    chosen(&app, &[&key_file])?;
    with_store(&state, move |s| {
        // (A key kept without a passphrase ignores the one given.)
        let delegate = KeyFile::read(&key_file)?.unlock(&passphrase)?;
        let author = author(s)?;
        let party = party.filter(|p| !p.trim().is_empty());
        s.cosign(
            &reference,
            &entry.to_string(),
            &delegate,
            party.as_deref(),
            &author,
        )
    })
    .await
}

/// The window calls this once its first screen is shown, with the time its
/// page took (`performance.now()`); with `PACTA_TIMINGS` set, both go to
/// stderr (the desktop benchmark reads them).
#[tauri::command]
pub fn ui_ready(state: State<'_, AppState>, page_ms: f64) {
    if std::env::var_os("PACTA_TIMINGS").is_some() {
        eprintln!(
            "pacta-desktop: usable {} ms after start ({page_ms:.0} ms of them in the page)",
            state.started.elapsed().as_millis()
        );
    }
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CaseFilterInput {
    /// A stage, or `open` / `ended` for every stage of that group.
    stage: Option<StageFilter>,
    party: Option<String>,
    clause: Option<String>,
    /// The column to sort by; none: newest opened first.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    sort: Option<CaseSort>,
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    descending: Option<bool>,
}

#[tauri::command]
pub async fn list_cases(
    state: State<'_, AppState>,
    filter: CaseFilterInput,
    offset: u64,
    limit: u64,
) -> Answer<CasePage> {
    with_store(&state, move |s| {
        let clause = filter
            .clause
            .filter(|c| !c.is_empty())
            .map(|c| c.parse())
            .transpose()?;
        let filter = CaseFilter {
            stage: filter.stage,
            party: filter.party.filter(|p| !p.is_empty()),
            clause,
            order: filter.sort.map(|by| CaseOrder {
                by,
                descending: filter.descending.unwrap_or(false),
            }),
        };
        s.cases_page(&filter, offset, limit.min(1000))
    })
    .await
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct NewCaseInput {
    title: String,
    #[serde(default)]
    summary: String,
    parties: Vec<String>,
    #[serde(default)]
    clauses: Vec<String>,
    language: Option<String>,
    /// public, restricted (the default) or confidential.
    #[serde(default)]
    confidentiality: Option<String>,
    /// The day the case was opened, if before today (YYYY-MM-DD, local).
    #[serde(default)]
    opened_on: Option<String>,
}

#[tauri::command]
pub async fn create_case(state: State<'_, AppState>, input: NewCaseInput) -> Answer<Case> {
    with_store(&state, move |s| {
        let author = author(s)?;
        let clauses = input
            .clauses
            .iter()
            .map(|c| c.parse())
            .collect::<Result<Vec<_>, _>>()?;
        s.create_case(NewCase {
            title: input.title,
            summary: input.summary,
            parties: input.parties,
            clauses,
            language: input.language,
            confidentiality: input.confidentiality,
            opened_at: input
                .opened_on
                .filter(|d| !d.trim().is_empty())
                .map(|d| pacta_core::time::parse_user_time(&d))
                .transpose()?,
            zone: None,
            author,
        })
    })
    .await
}

#[tauri::command]
pub async fn get_case(state: State<'_, AppState>, reference: String) -> Answer<CaseView> {
    with_store(&state, move |s| s.case_view(&reference)).await
}

/// Every agreement of a case, in the screen's order ("Show all": the case
/// view carries the first few).
#[tauri::command]
pub async fn case_agreements(
    state: State<'_, AppState>,
    reference: String,
) -> Answer<Vec<AgreementSigning>> {
    with_store(&state, move |s| s.case_agreements(&reference)).await
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct EntryView {
    entry: Entry,
    /// The body as sanitized HTML, safe to show as is.
    body_html: String,
    /// Another office's entry written concurrently with this one, if any.
    alongside: Option<Alongside>,
}

#[tauri::command]
pub async fn journal_page(
    state: State<'_, AppState>,
    reference: String,
    before: Option<i64>,
    limit: u32,
) -> Answer<Vec<EntryView>> {
    with_store(&state, move |s| {
        let case = s.case(&reference)?;
        let entries = s.entries(
            case.id,
            &EntryQuery {
                oldest_first: false,
                after_seq: before,
                limit: Some(limit.min(1000)),
            },
        )?;
        let (from, to) = match (entries.last(), entries.first()) {
            (Some(oldest), Some(newest)) => (oldest.seq, newest.seq),
            _ => (0, 0),
        };
        let mut alongside = s.alongside(case.id, from, to)?;
        Ok(entries
            .into_iter()
            .map(|entry| EntryView {
                body_html: pacta_core::markdown::to_html(&entry.body),
                alongside: alongside.remove(&entry.seq),
                entry,
            })
            .collect())
    })
    .await
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LogInput {
    kind: EntryKind,
    body: String,
    /// When it happened (RFC 3339 with this machine's offset), none for
    /// now; the entry records this machine's time zone as where its time
    /// was read.
    occurred_at: Option<String>,
    #[serde(default)]
    attachments: Vec<PathBuf>,
    /// Where it happened, if said (free text).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    place: Option<String>,
    /// Who may read it: `office`, `parties` or `party:NAME`; none: as its
    /// kind says.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable, type = "string"))]
    audience: Option<pacta_core::Audience>,
}

#[tauri::command]
pub async fn log_entry(
    app: AppHandle,
    state: State<'_, AppState>,
    reference: String,
    input: LogInput,
) -> Answer<Entry> {
    let attachments: Vec<&Path> = input.attachments.iter().map(PathBuf::as_path).collect();
    chosen(&app, &attachments)?;
    with_store(&state, move |s| {
        let author = author(s)?;
        let mut new = NewEntry::new(input.kind, &author, &input.body);
        new.occurred_at = input
            .occurred_at
            .as_deref()
            .filter(|t| !t.is_empty())
            .map(pacta_core::time::parse_user_time)
            .transpose()?;
        if let Some(place) = input
            .place
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            new.data["place"] = place.into();
        }
        if let Some(audience) = &input.audience {
            new.data["for"] = audience.to_string().into();
        }
        let entry = s.log(&reference, new, &input.attachments)?;
        forget_draft(s.save_draft(&reference, &LogDraft::default()));
        forget_draft(s.save_filing_draft(&reference, PLACE_DRAFT, &BTreeMap::new()));
        Ok(entry)
    })
    .await
}

/// A correction of entry `entry`: what was wrong, in words (may be left
/// empty when something else changes), and what else it changes.
#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CorrectionInput {
    #[serde(default)]
    body: String,
    /// The entry's new time (RFC 3339 with this machine's offset), read in
    /// this machine's time zone, which the correction records.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    occurred_at: Option<String>,
    /// The entry's new place ("" removes it).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    place: Option<String>,
    /// What the entry really was (a meeting, communication, proposal, note
    /// or agreement).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    kind: Option<EntryKind>,
    /// It was entered in error: it no longer counts.
    #[serde(default)]
    void: bool,
}

#[tauri::command]
pub async fn correct_entry(
    state: State<'_, AppState>,
    reference: String,
    entry: i64,
    input: CorrectionInput,
) -> Answer<Entry> {
    with_store(&state, move |s| {
        let author = author(s)?;
        let changes = pacta_core::record::Changes {
            occurred_at: input
                .occurred_at
                .as_deref()
                .filter(|t| !t.trim().is_empty())
                .map(pacta_core::time::parse_user_time)
                .transpose()?,
            place: input.place,
            kind: input.kind,
            zone: None,
            void: input.void,
        };
        let body = Some(input.body.as_str()).filter(|b| !b.trim().is_empty());
        s.correct(&reference, &entry.to_string(), &author, body, &changes)
    })
    .await
}

/// Moves a case to another stage; `occurred_at` (RFC 3339, or none for
/// now) records a move after the fact.
#[tauri::command]
pub async fn move_stage(
    state: State<'_, AppState>,
    reference: String,
    to: Stage,
    reason: String,
    occurred_at: Option<String>,
) -> Answer<Entry> {
    with_store(&state, move |s| {
        let author = author(s)?;
        let at = occurred_at
            .as_deref()
            .filter(|t| !t.is_empty())
            .map(pacta_core::time::parse_user_time)
            .transpose()?;
        s.move_stage(&reference, to, &reason, at, &author)
    })
    .await
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ParticipantInput {
    name: String,
    role: Role,
    party: Option<String>,
}

#[tauri::command]
pub async fn add_participant(
    state: State<'_, AppState>,
    reference: String,
    input: ParticipantInput,
) -> Answer<Entry> {
    with_store(&state, move |s| {
        let author = author(s)?;
        let party = input.party.filter(|p| !p.trim().is_empty());
        s.add_participant(
            &reference,
            Participant {
                name: input.name,
                role: input.role,
                party,
            },
            None,
            &author,
        )
    })
    .await
}

/// A participant leaves the case (`role`: the role they had in it); the
/// journal keeps that they took part, and what they signed.
#[tauri::command]
pub async fn remove_participant(
    state: State<'_, AppState>,
    reference: String,
    name: String,
    role: Role,
) -> Answer<Entry> {
    with_store(&state, move |s| {
        let author = author(s)?;
        s.remove_participant(&reference, &name, role, &author)
    })
    .await
}

/// New values for a case's details; a detail left out (null) stays as it
/// is. The window sends only what the user changed.
#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CaseChangesInput {
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    title: Option<String>,
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    summary: Option<String>,
    /// The parties, all of them.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    parties: Option<Vec<String>>,
    /// The clauses invoked (letters a to k), all of them.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    clauses: Option<Vec<String>>,
    /// en, zh or ru.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    language: Option<String>,
    /// public, restricted or confidential.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    confidentiality: Option<String>,
    /// The title and parties' names in other languages, all of them.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    names: Option<std::collections::BTreeMap<String, pacta_core::Names>>,
    /// Why, for the record (may be empty).
    #[serde(default)]
    reason: String,
}

/// Changes a case's details: one `case_change` entry with the new values
/// (`case_unchanged` when nothing differs), checked as a new case's are.
#[tauri::command]
pub async fn change_case(
    state: State<'_, AppState>,
    reference: String,
    input: CaseChangesInput,
) -> Answer<Entry> {
    with_store(&state, move |s| {
        let author = author(s)?;
        let clauses = input
            .clauses
            .map(|clauses| clauses.iter().map(|c| c.parse()).collect::<Result<_, _>>())
            .transpose()?;
        let changes = pacta_core::CaseChanges {
            title: input.title,
            summary: input.summary,
            parties: input.parties,
            clauses,
            language: input.language,
            confidentiality: input.confidentiality,
            names: input.names,
        };
        s.change_case(&reference, changes, &input.reason, &author)
    })
    .await
}

/// Sets a deadline: what `party` must do, or (`party` null) a task of the
/// office; `audience`: who may read it (null: as its kind says).
#[tauri::command]
pub async fn add_deadline(
    state: State<'_, AppState>,
    reference: String,
    due: String,
    what: String,
    party: Option<String>,
    audience: Option<pacta_core::Audience>,
) -> Answer<Deadline> {
    with_store(&state, move |s| {
        let author = author(s)?;
        s.add_deadline(
            &reference,
            pacta_core::time::parse_date(&due)?,
            &what,
            party.as_deref(),
            audience.as_ref(),
            &author,
        )
    })
    .await
}

/// Marks the deadline set by entry `entry` as met, with an optional note,
/// now or as of `occurred_at` (RFC 3339).
#[tauri::command]
pub async fn complete_deadline(
    state: State<'_, AppState>,
    reference: String,
    entry: i64,
    note: String,
    occurred_at: Option<String>,
) -> Answer<Entry> {
    with_store(&state, move |s| {
        let author = author(s)?;
        let at = occurred_at
            .as_deref()
            .filter(|t| !t.is_empty())
            .map(pacta_core::time::parse_user_time)
            .transpose()?;
        s.complete_deadline(&reference, &entry.to_string(), &note, at, &author)
    })
    .await
}

/// Cancels the deadline set by entry `entry` on the record; the reason is required.
#[tauri::command]
pub async fn cancel_deadline(
    state: State<'_, AppState>,
    reference: String,
    entry: i64,
    reason: String,
) -> Answer<Entry> {
    with_store(&state, move |s| {
        let author = author(s)?;
        s.cancel_deadline(&reference, &entry.to_string(), &reason, &author)
    })
    .await
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DeadlineFilterInput {
    case: Option<String>,
    #[serde(default)]
    overdue_only: bool,
    #[serde(default)]
    include_done: bool,
}

#[tauri::command]
pub async fn list_deadlines(
    state: State<'_, AppState>,
    filter: DeadlineFilterInput,
) -> Answer<Vec<Deadline>> {
    with_store(&state, move |s| {
        s.deadlines(&DeadlineFilter {
            case: filter.case,
            overdue_only: filter.overdue_only,
            include_done: filter.include_done,
        })
    })
    .await
}

#[tauri::command]
pub async fn attach_documents(
    app: AppHandle,
    state: State<'_, AppState>,
    reference: String,
    paths: Vec<PathBuf>,
    audience: Option<pacta_core::Audience>,
) -> Answer<Vec<Entry>> {
    chosen(
        &app,
        &paths.iter().map(PathBuf::as_path).collect::<Vec<_>>(),
    )?;
    with_store(&state, move |s| {
        let author = author(s)?;
        paths
            .iter()
            .map(|p| s.add_document(&reference, p, audience.as_ref(), &author))
            .collect()
    })
    .await
}

#[tauri::command]
pub async fn search(state: State<'_, AppState>, query: SearchQuery) -> Answer<Vec<SearchHit>> {
    with_store(&state, move |s| s.search(&query)).await
}

#[tauri::command]
pub async fn verify_store(state: State<'_, AppState>) -> Answer<VerifyReport> {
    with_store(&state, |s| s.verify()).await
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TemplateInfo {
    id: String,
    language: String,
    title: String,
    stages: Vec<Stage>,
    fields: Vec<FieldSpec>,
    source: String,
}

/// The templates a filing can be made from, and the user's own template
/// files that do not load, each with why (read afresh each time, so a
/// fixed file shows without a restart).
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TemplateList {
    templates: Vec<TemplateInfo>,
    broken: Vec<BrokenTemplate>,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BrokenTemplate {
    /// Its file name in `<data dir>/templates`.
    file: String,
    problem: CommandError,
}

#[tauri::command]
pub async fn list_templates(state: State<'_, AppState>) -> Answer<TemplateList> {
    with_store(&state, |s| {
        let library = s.library()?;
        let templates = library
            .templates()
            .map(|t| TemplateInfo {
                id: t.meta.id.clone(),
                language: t.meta.language.clone(),
                title: t.meta.title.clone(),
                stages: t.meta.stages.clone(),
                fields: t.meta.fields.clone(),
                source: t.source.clone(),
            })
            .collect();
        let broken = library
            .broken
            .into_iter()
            .map(|(file, e)| BrokenTemplate {
                file,
                problem: e.into(),
            })
            .collect();
        Ok(TemplateList { templates, broken })
    })
    .await
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FilingInput {
    template: String,
    language: Option<String>,
    parallel: Option<String>,
    #[serde(default)]
    fields: BTreeMap<String, String>,
    filing_date: String,
}

fn filing_request(input: FilingInput) -> pacta_core::Result<FilingRequest> {
    Ok(FilingRequest {
        template: input.template,
        language: input.language.filter(|l| !l.is_empty()),
        parallel: input.parallel.filter(|l| !l.is_empty()),
        fields: input
            .fields
            .into_iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .collect(),
        filing_date: pacta_core::time::parse_date(&input.filing_date)?,
        utc_offset: chrono::Local::now().offset().fix(),
    })
}

#[tauri::command]
pub async fn render_filing(
    state: State<'_, AppState>,
    reference: String,
    request: FilingInput,
) -> Answer<Rendered> {
    with_store(&state, move |s| {
        s.render_filing(&reference, &filing_request(request)?)
    })
    .await
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Filed {
    rendered: Rendered,
    entry: Entry,
    /// Characters no shipped font has, shown in the filed PDF as their
    /// code points (`U+1F600`).
    missing: Vec<String>,
}

#[tauri::command]
pub async fn file_filing(
    state: State<'_, AppState>,
    reference: String,
    request: FilingInput,
) -> Answer<Filed> {
    with_store(&state, move |s| {
        let author = author(s)?;
        let request = filing_request(request)?;
        let (rendered, pdf, entry) = s.file_filing(&reference, &request, &author)?;
        forget_draft(s.save_filing_draft(&reference, &request.template, &BTreeMap::new()));
        Ok(Filed {
            rendered,
            entry,
            missing: pdf.missing_codes(),
        })
    })
    .await
}

/// Typesets a filing (as previewed, nothing filed) and saves it as PDF.
#[tauri::command]
pub async fn save_filing_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    reference: String,
    request: FilingInput,
    path: PathBuf,
) -> Answer<PdfReport> {
    chosen(&app, &[&path])?;
    with_store(&state, move |s| {
        let (_, pdf) = s.render_filing_pdf(&reference, &filing_request(request)?)?;
        pdf.write(&path)
    })
    .await
}

/// The draft of what was just recorded is removed if it can be. The entry
/// is in the journal by then: failing the command would invite the user to
/// record it twice, and a draft left behind only shows again.
fn forget_draft(removed: pacta_core::Result<()>) {
    if let Err(e) = removed {
        eprintln!("pacta-desktop: recorded; its draft could not be removed: {e}");
    }
}

/// One of a case's drafts as it crosses to the window: what the quick log
/// holds, or the values typed into one filing template's form.
#[derive(Serialize, Deserialize)]
#[serde(tag = "of", rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Draft {
    QuickLog(QuickLogDraft),
    Filing {
        template: String,
        fields: BTreeMap<String, String>,
    },
}

/// The quick log's unsaved entry: the core's draft (text, kind, time,
/// files) and the place typed.
#[derive(Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct QuickLogDraft {
    #[serde(flatten)]
    log: LogDraft,
    #[serde(default)]
    place: String,
}

/// Where the quick log's place is kept: the core's drafts of a case keep
/// the quick log's text, kind, time and files, and the values of forms by
/// name; the place is kept as a form's value under this name, which no
/// template can have (a template's id is lowercase letters, digits and
/// hyphens). `log_entry` removes it with the rest of the draft.
const PLACE_DRAFT: &str = "quick log";

/// Keeps a draft (an empty one removes it). Of the quick log's files it
/// keeps those chosen in a dialog or dropped, so that a draft cannot bring
/// in a file the user never picked; one that was not (a dropped folder)
/// costs the draft nothing else.
#[tauri::command]
pub async fn save_draft(
    app: AppHandle,
    state: State<'_, AppState>,
    reference: String,
    mut draft: Draft,
) -> Answer<()> {
    if let Draft::QuickLog(quick) = &mut draft {
        let scope = app.fs_scope();
        quick.log.attachments.retain(|path| scope.is_allowed(path));
    }
    with_store(&state, move |s| match draft {
        Draft::QuickLog(QuickLogDraft { log, place }) => {
            let place = match place.trim() {
                "" => BTreeMap::new(),
                _ => BTreeMap::from([("place".to_owned(), place)]),
            };
            s.save_filing_draft(&reference, PLACE_DRAFT, &place)?;
            s.save_draft(&reference, &log)
        }
        Draft::Filing { template, fields } => s.save_filing_draft(&reference, &template, &fields),
    })
    .await
}

/// The quick log's draft, or with `template` that template's form. The
/// quick log's files were chosen when it was kept, so they may be attached
/// again after a restart.
#[tauri::command]
pub async fn load_draft(
    app: AppHandle,
    state: State<'_, AppState>,
    reference: String,
    template: Option<String>,
) -> Answer<Option<Draft>> {
    if let Some(template) = template {
        let key = template.clone();
        let fields = with_store(&state, move |s| s.load_filing_draft(&reference, &key)).await?;
        return Ok((!fields.is_empty()).then_some(Draft::Filing { template, fields }));
    }
    let draft = with_store(&state, move |s| {
        let place = s
            .load_filing_draft(&reference, PLACE_DRAFT)?
            .remove("place")
            .unwrap_or_default();
        Ok(match (s.load_draft(&reference)?, place) {
            (None, place) if place.is_empty() => None,
            (log, place) => Some(QuickLogDraft {
                log: log.unwrap_or_default(),
                place,
            }),
        })
    })
    .await?;
    let scope = app.fs_scope();
    for path in draft.iter().flat_map(|d| &d.log.attachments) {
        let _ = scope.allow_file(path);
    }
    Ok(draft.map(Draft::QuickLog))
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Answer<Settings> {
    Ok(DataDir::new(&state.data_dir).settings())
}

#[tauri::command]
pub async fn set_settings(state: State<'_, AppState>, settings: Settings) -> Answer<()> {
    let dir = DataDir::new(&state.data_dir);
    // The server changes through `set_server`, which keeps no password here.
    let server = dir.settings().server;
    Ok(dir.save_settings(&Settings { server, ..settings })?)
}

/// This installation's office code, and the one offered when none is set
/// yet (the window asks for it at first use).
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct OfficeInfo {
    code: Option<String>,
    suggested: String,
}

#[tauri::command]
pub async fn get_office(state: State<'_, AppState>) -> Answer<OfficeInfo> {
    with_store(&state, |s| {
        Ok(OfficeInfo {
            code: s.office()?,
            suggested: pacta_core::office::default_code(),
        })
    })
    .await
}

#[tauri::command]
pub async fn set_office(state: State<'_, AppState>, code: String) -> Answer<String> {
    with_store(&state, move |s| s.set_office(&code)).await
}

/// Saves a copy of one of a case's documents where the user chose in a
/// save dialog (which has asked before replacing a file), checked against
/// its hash on the way.
#[tauri::command]
pub async fn save_document(
    app: AppHandle,
    state: State<'_, AppState>,
    reference: String,
    sha256: String,
    path: PathBuf,
) -> Answer<CaseDocument> {
    chosen(&app, &[&path])?;
    with_store(&state, move |s| {
        s.export_document(&reference, &sha256, &path, true)
            .map(|(doc, _)| doc)
    })
    .await
}

#[tauri::command]
pub async fn export_dossier(
    app: AppHandle,
    state: State<'_, AppState>,
    reference: String,
    path: PathBuf,
    audience: pacta_core::Audience,
) -> Answer<Exported> {
    chosen(&app, &[&path])?;
    with_store(&state, move |s| {
        s.export_verified(&reference, &path, &audience, &mut progress_events(&app))
    })
    .await
}

/// An export's progress as `dossier-progress` events: a few hundred at
/// most, however large the case.
fn progress_events(app: &AppHandle) -> impl FnMut(ExportProgress) + '_ {
    let mut last = 0;
    move |p| {
        if p.phase != "export" || p.done == p.total || p.done - last >= (p.total / 200).max(1 << 20)
        {
            last = p.done;
            let _ = app.emit("dossier-progress", p);
        }
    }
}

/// A dossier typeset as one PDF, the dossier attached.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ExportedPdf {
    exported: Exported,
    /// None when the dossier did not verify (`exported.report` says why).
    pdf: Option<PdfReport>,
}

#[tauri::command]
pub async fn export_dossier_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    reference: String,
    path: PathBuf,
    audience: pacta_core::Audience,
) -> Answer<ExportedPdf> {
    chosen(&app, &[&path])?;
    with_store(&state, move |s| {
        let (exported, pdf) = s.export_pdf(
            &reference,
            &path,
            None,
            &audience,
            &mut progress_events(&app),
        )?;
        Ok(ExportedPdf { exported, pdf })
    })
    .await
}

/// The dossier at `path`, opened first if it is encrypted (sealed): with
/// the passphrase given, and with this person's own signing key. Read it
/// at the path returned while the opened copy is kept.
fn dossier_at(
    s: &Store,
    path: &Path,
    passphrase: Option<String>,
) -> pacta_core::Result<(PathBuf, Option<sealed::Opened>)> {
    if !sealed::is_sealed(path)? {
        return Ok((path.to_owned(), None));
    }
    let mut openers: Vec<sealed::Opener> = passphrase
        .filter(|p| !p.is_empty())
        .map(sealed::Opener::Passphrase)
        .into_iter()
        .collect();
    openers.extend(s.signer().map(sealed::Opener::Key));
    let opened = sealed::open(path, &openers)?;
    Ok((opened.path().to_owned(), Some(opened)))
}

/// Verifies a dossier with no store needed (a locked data dir, a busy
/// store); an encrypted one is opened first (`dossier_at`), with this
/// person's key from the store.
#[tauri::command]
pub async fn verify_dossier(
    app: AppHandle,
    state: State<'_, AppState>,
    path: PathBuf,
    passphrase: Option<String>,
) -> Answer<DossierReport> {
    chosen(&app, &[&path])?;
    let plain = path.clone();
    if !blocking(move || sealed::is_sealed(&plain)).await? {
        return blocking(move || pacta_core::dossier::verify_dossier(&path)).await;
    }
    with_store(&state, move |s| {
        let (at, _opened) = dossier_at(s, &path, passphrase)?;
        pacta_core::dossier::verify_dossier(&at)
    })
    .await
}

#[tauri::command]
pub async fn preview_import(
    app: AppHandle,
    state: State<'_, AppState>,
    path: PathBuf,
    passphrase: Option<String>,
) -> Answer<ImportPlan> {
    chosen(&app, &[&path])?;
    with_store(&state, move |s| {
        let (at, _opened) = dossier_at(s, &path, passphrase)?;
        s.preview_import(&at)
    })
    .await
}

#[tauri::command]
pub async fn import_dossier(
    app: AppHandle,
    state: State<'_, AppState>,
    path: PathBuf,
    passphrase: Option<String>,
) -> Answer<ImportPlan> {
    chosen(&app, &[&path])?;
    with_store(&state, move |s| {
        let (at, _opened) = dossier_at(s, &path, passphrase)?;
        s.import_dossier(&at)
    })
    .await
}

/// The window's view of syncing with the office server.
#[derive(Serialize, Clone)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SyncView {
    /// Where the server is (no password); empty: none is set.
    server: String,
    /// Whether a sync is under way.
    running: bool,
    /// The last sync that completed (UTC), and what was written here since.
    status: Option<pacta_core::server::SyncStatus>,
    /// What the last sync of this session did, or why it failed.
    report: Option<pacta_core::server::SyncReport>,
    error: Option<CommandError>,
}

/// Syncing in the background: one sync at a time, on its own handle on the
/// store, so typing never waits for the network.
#[derive(Default)]
pub struct Syncing {
    running: bool,
    report: Option<pacta_core::server::SyncReport>,
    error: Option<CommandError>,
}

/// How often the window syncs while a server is set.
pub const SYNC_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

fn sync_view(state: &AppState) -> SyncView {
    let dir = DataDir::new(&state.data_dir);
    let server = pacta_core::server::choose(&dir, None)
        .map(|t| t.display())
        .unwrap_or_default();
    let status = state
        .store
        .lock()
        .ok()
        .and_then(|s| s.as_ref().map(|s| s.sync_status(&server)))
        .and_then(Result::ok);
    let syncing = state.syncing.lock();
    let (running, report, error) = match syncing.as_deref() {
        Ok(s) => (s.running, s.report.clone(), s.error.clone()),
        Err(_) => (false, None, None),
    };
    SyncView {
        server,
        running,
        status,
        report,
        error,
    }
}

/// One sync, if a server is set and the store is open; the window hears
/// `sync-status` when it starts and when it ends.
pub fn sync_once(app: &AppHandle) {
    let state = app.state::<AppState>();
    let dir = DataDir::new(&state.data_dir);
    let Ok(target) = pacta_core::server::choose(&dir, None) else {
        return;
    };
    let handle = match state.store.lock() {
        Ok(slot) => slot.as_ref().map(Store::another),
        Err(_) => None,
    };
    let Some(handle) = handle else { return };
    let set = |f: &dyn Fn(&mut Syncing)| {
        if let Ok(mut s) = state.syncing.lock() {
            f(&mut s);
        }
        let _ = app.emit("sync-status", sync_view(&state));
    };
    set(&|s| s.running = true);
    let result = handle.and_then(|mut store| {
        let mut server = pacta_core::server::Server::open(&target)?;
        store.sync(&mut server)
    });
    let (report, error) = match result {
        Ok(r) => (Some(r), None),
        Err(e) => (None, Some(CommandError::from(e))),
    };
    set(&|s| {
        s.running = false;
        s.report.clone_from(&report);
        s.error.clone_from(&error);
    });
}

#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> Answer<SyncView> {
    Ok(sync_view(&state))
}

/// Syncs now (in the background; `sync-status` says when it is done).
#[tauri::command]
pub async fn sync_now(state: State<'_, AppState>) -> Answer<()> {
    let _ = state.sync_wake.lock().map(|w| w.send(()));
    Ok(())
}

/// Sets (or, empty, clears) the office server and syncs with it; a
/// password given with it goes to the OS keyring, never the data dir.
#[tauri::command]
pub async fn set_server(
    state: State<'_, AppState>,
    server: String,
    password: Option<String>,
) -> Answer<SyncView> {
    let dir = DataDir::new(&state.data_dir);
    blocking(move || match password.filter(|p| !p.is_empty()) {
        Some(password) => pacta_core::server::remember_with_password(&dir, &server, &password),
        None => pacta_core::server::remember(&dir, &server),
    })
    .await?;
    let _ = state.sync_wake.lock().map(|w| w.send(()));
    Ok(sync_view(&state))
}
