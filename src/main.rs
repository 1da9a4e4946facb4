//! `pacta`: the command line over Pacta's core. It parses arguments, calls
//! the core, and prints a table, or exactly one JSON document with `--json`.
//! Errors go to stderr; exit codes: 0 ok, 1 error, 2 usage, 3 `verify`
//! found problems, or `sync` left a case or a row out (its report names them).

mod advice;
mod help;
mod keys;
mod lang;
mod output;

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use pacta_core::dossier::sealed::SealTo;
use pacta_core::{
    Audience, CaseFilter, CaseOrder, Clause, DeadlineFilter, EntryKind, EntryQuery, NewCase,
    NewEntry, Participant, SearchQuery, Stage, Store,
};

use crate::lang::t;
use crate::output::Output;

#[derive(Parser)]
#[command(
    name = "pacta",
    version,
    about = "Offline case manager for the peaceful settlement of disputes between states (clause (k) of A/66/359)"
)]
struct Cli {
    /// Data directory [default: the platform's data dir, e.g. ~/.local/share/pacta]
    #[arg(long, global = true, env = "PACTA_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Print exactly one JSON document on stdout
    #[arg(long, global = true)]
    json: bool,
    /// Who is recording [default: $PACTA_AUTHOR, else $USER]
    #[arg(long, global = true, value_name = "NAME")]
    author: Option<String>,
    /// An encrypted data dir's passphrase, read from this file's first line [default: $PACTA_PASSPHRASE, else asked]
    #[arg(long, global = true, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Open, list and show cases
    #[command(subcommand)]
    Case(CaseCommand),
    /// Log steps of a case and read its journal
    #[command(subcommand)]
    Log(LogCommand),
    /// Move a case to another stage, with the reason
    Stage {
        case: String,
        /// consultation, mediation, settlement, closed, withdrawn or referred
        to: String,
        #[arg(long)]
        reason: String,
        /// When the move happened, if not now: "2026-11-20 10:00", RFC 3339, ...
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// Deadlines of a case, and overdue and upcoming ones across cases
    #[command(subcommand)]
    Deadline(DeadlineCommand),
    /// Documents attached to a case
    #[command(subcommand)]
    Doc(DocCommand),
    /// Search everything cases hold: titles, summaries, entries, documents
    /// and filings, in any word form; "a phrase" in quotes
    Search {
        query: String,
        /// Only within this case (all its hits, not a few per case)
        #[arg(long, value_name = "REF")]
        case: Option<String>,
        /// Only entries of this kind (meeting, note, filing, document, ...)
        #[arg(long)]
        kind: Option<String>,
        /// Only cases this state is a party to
        #[arg(long)]
        party: Option<String>,
        /// Only entries written by this person
        #[arg(long)]
        author: Option<String>,
        /// Only what happened on or after this day (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Only what happened on or before this day (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// The newest first instead of the best first
        #[arg(long)]
        newest: bool,
        #[arg(long, default_value_t = 20, value_parser = help::whole_number)]
        limit: u32,
    },
    /// Filing templates: list, show, check
    #[command(subcommand)]
    Template(TemplateCommand),
    /// Render a filing from a template (preview), or file it in the case
    #[command(subcommand)]
    Filing(FilingCommand),
    /// Export a case as one verifiable dossier file
    Export {
        case: String,
        /// The dossier file to write
        #[arg(long, value_name = "FILE", required_unless_present = "pdf")]
        out: Option<PathBuf>,
        /// Also (or only) write the dossier as one archival PDF (PDF/A-3b, the dossier attached)
        #[arg(long, value_name = "FILE", conflicts_with_all = ["encrypt_to", "passphrase"])]
        pdf: Option<PathBuf>,
        /// Whom the copy is for: office (everything), parties, or party:NAME; what they may not read is withheld, its place kept
        #[arg(long = "for", value_name = "WHO", default_value = "office")]
        audience: String,
        /// Encrypt the dossier to this recipient (repeatable): an age public key (age1…) or an ssh-ed25519 public key, such as a Pacta key's (`pacta key show`)
        #[arg(long = "encrypt-to", value_name = "RECIPIENT")]
        encrypt_to: Vec<String>,
        /// Encrypt the dossier with a passphrase: asked for (or read from PACTA_DOSSIER_PASSPHRASE)
        #[arg(long, conflicts_with = "encrypt_to")]
        passphrase: bool,
    },
    /// Import a dossier: verified first, then added all or nothing
    Import {
        file: PathBuf,
        /// Only show what would be added
        #[arg(long)]
        dry_run: bool,
        /// For an encrypted dossier: an identity file that opens it (age-keygen's, or an OpenSSH ed25519 private key); your own signing key is tried too
        #[arg(long = "identity", value_name = "FILE")]
        identities: Vec<PathBuf>,
        /// For an encrypted dossier sealed with a passphrase: ask for it (or read PACTA_DOSSIER_PASSPHRASE)
        #[arg(long)]
        passphrase: bool,
    },
    /// Check the store (database, every journal chain, every document), or a dossier file alone
    Verify {
        /// A dossier to verify on its own, without any database
        file: Option<PathBuf>,
        /// For an encrypted dossier: an identity file that opens it (age-keygen's, or an OpenSSH ed25519 private key); your own signing key is tried too
        #[arg(long = "identity", value_name = "FILE")]
        identities: Vec<PathBuf>,
        /// For an encrypted dossier sealed with a passphrase: ask for it (or read PACTA_DOSSIER_PASSPHRASE)
        #[arg(long)]
        passphrase: bool,
    },
    /// Copy the whole data dir to one file (safe while Pacta is running)
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Make a new data dir, encrypted at rest with a passphrase if asked
    Init {
        /// Encrypt everything under the data dir (database, documents, drafts) with a passphrase
        #[arg(long)]
        encrypt: bool,
        /// Also keep what opens it in the OS keyring, so that this machine need not ask the passphrase
        #[arg(long)]
        remember: bool,
    },
    /// Encrypt an existing data dir at rest: an encrypted copy is made and verified, then replaces it
    Encrypt {
        /// Also keep what opens it in the OS keyring, so that this machine need not ask the passphrase
        #[arg(long)]
        remember: bool,
    },
    /// Change an encrypted data dir's passphrase (nothing is re-encrypted)
    Passphrase {
        /// Also keep what opens it in the OS keyring, so that this machine need not ask the passphrase
        #[arg(long)]
        remember: bool,
    },
    /// Restore a backup into the data dir (verified first)
    Restore {
        file: PathBuf,
        /// Replace a data dir that already holds cases (it is kept beside)
        #[arg(long)]
        force: bool,
    },
    /// Your signing key: every entry you record is signed with it
    #[command(subcommand)]
    Key(KeyCommand),
    /// Agreements: which parties have signed them, and co-signing
    #[command(subcommand)]
    Agreement(AgreementCommand),
    /// Sync with the office server: send what it lacks, receive what this data dir lacks, every entry verified
    Sync {
        #[command(flatten)]
        server: ServerArg,
    },
    /// The office server (PostgreSQL): set it up, and who may read which case
    #[command(subcommand)]
    Server(ServerCommand),
    /// Show this installation's office code, or set it (e.g. GVA): it tells
    /// this office's cases apart from another office's with the same reference
    Office {
        /// The code to set: 2 to 8 letters or digits
        code: Option<String>,
    },
}

#[derive(Subcommand)]
enum ServerCommand {
    /// Set up (or upgrade) Pacta's schema in a PostgreSQL database, as the database's owner
    Init {
        /// The database: a postgres:// URL or a PostgreSQL service name
        #[arg(long, value_name = "URL")]
        url: String,
    },
    /// Let a PostgreSQL role read and write a case on the server
    AddMember {
        #[arg(long, value_name = "REF")]
        case: String,
        #[arg(long, value_name = "NAME")]
        role: String,
        #[command(flatten)]
        server: ServerArg,
    },
    /// Take a case away from a PostgreSQL role on the server
    RemoveMember {
        #[arg(long, value_name = "REF")]
        case: String,
        #[arg(long, value_name = "NAME")]
        role: String,
        #[command(flatten)]
        server: ServerArg,
    },
    /// Who may read and write a case on the server
    Members {
        #[arg(long, value_name = "REF")]
        case: String,
        #[command(flatten)]
        server: ServerArg,
    },
    /// Keep the server password of this role in the OS keyring (read from the terminal or PGPASSWORD)
    Password {
        #[command(flatten)]
        server: ServerArg,
    },
}

#[derive(Args)]
struct ServerArg {
    /// The office server: a postgres:// URL or a PostgreSQL service name [default: $PACTA_SERVER, else the one this data dir last synced with]
    #[arg(long, value_name = "URL")]
    server: Option<String>,
}

#[derive(Subcommand)]
enum KeyCommand {
    /// Make your signing key (Ed25519), sealed with a passphrase
    New {
        /// Your name as the record shows it
        #[arg(long)]
        name: String,
        /// Keep the key without a passphrase (anyone who can read the data dir can sign as you)
        #[arg(long)]
        no_passphrase: bool,
    },
    /// Your key's name, fingerprint and public key
    Show,
    /// Write your public key (for colleagues: `pacta case participant … --key FILE`),
    /// or with --secret your sealed key file (to bring it to another machine)
    Export {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The sealed key file itself, still locked by its passphrase
        #[arg(long)]
        secret: bool,
    },
    /// Bring your key file from another machine (`pacta key export --secret`)
    Import { file: PathBuf },
}

#[derive(Subcommand)]
enum AgreementCommand {
    /// A case's agreements, and which parties have signed each
    List { case: String },
    /// Sign an agreement for a party: with your own key, or with a
    /// delegate's key file (the delegate types their passphrase)
    Sign {
        case: String,
        /// The agreement entry's number (#) or id
        entry: String,
        /// A delegate's key file (`pacta key export --secret`) [default: your own key]
        #[arg(long, value_name = "FILE")]
        key: Option<PathBuf>,
        /// The party the signer signs for, if they are not its delegate in the case yet
        #[arg(long)]
        party: Option<String>,
    },
}

#[derive(Subcommand)]
enum TemplateCommand {
    /// Templates available here (built-in and in <data dir>/templates/)
    List,
    /// A template's fields and text
    Show {
        id: String,
        #[arg(long = "lang", default_value = "en")]
        language: String,
    },
    /// Check a template file: every problem with its line and column
    Check { file: PathBuf },
}

#[derive(Subcommand)]
enum FilingCommand {
    /// Render a filing and show it; changes nothing
    Render(FilingArgs),
    /// Render a filing and store it in the case (markdown and HTML, with their hashes)
    File(FilingArgs),
}

#[derive(Args)]
struct FilingArgs {
    case: String,
    #[arg(long)]
    template: String,
    /// en, zh or ru [default: the case's language]
    #[arg(long = "lang")]
    language: Option<String>,
    /// A second language, side by side (parallel text)
    #[arg(long, value_name = "LANG")]
    parallel: Option<String>,
    /// A field value (repeatable)
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    set: Vec<String>,
    /// A field value read from a UTF-8 file (repeatable)
    #[arg(long = "set-file", value_name = "FIELD=PATH")]
    set_file: Vec<String>,
    /// The date the filing bears [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// What to print or write: md, html, or pdf (written to --out)
    #[arg(long, default_value = "md")]
    format: String,
    /// Write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Subcommand)]
enum CaseCommand {
    /// Open a new case (in consultation)
    New(NewCaseArgs),
    /// List cases, newest opened first unless --sort says otherwise
    List {
        /// A stage, or `open` (consultation, mediation, settlement) or
        /// `ended` (closed, withdrawn, referred)
        #[arg(long)]
        stage: Option<String>,
        #[arg(long)]
        party: Option<String>,
        #[arg(long)]
        clause: Option<String>,
        /// Sort by reference, title, stage (in the order of a case's life)
        /// or opened, A to Z / oldest first [default: newest opened first]
        #[arg(long, value_name = "COLUMN")]
        sort: Option<String>,
        /// With --sort: the other way round
        #[arg(long, requires = "sort")]
        desc: bool,
    },
    /// Show one case: parties, participants, stage, deadlines, documents
    Show { case: String },
    /// Change a case's details (each a journal entry): title, summary,
    /// parties, clauses, language, confidentiality
    Edit {
        case: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        summary: Option<String>,
        /// The parties, all of them (repeat --party for each)
        #[arg(long = "party", value_name = "NAME")]
        parties: Vec<String>,
        /// The clauses invoked, all of them (repeat --clause for each)
        #[arg(long = "clause", value_name = "LETTER")]
        clauses: Vec<String>,
        /// en, zh or ru
        #[arg(long)]
        language: Option<String>,
        /// public, restricted or confidential
        #[arg(long)]
        confidentiality: Option<String>,
        /// Why, for the record
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Give the case's title and its parties' names in another language,
    /// for its filings in that language (a journal entry, like every detail)
    Name {
        case: String,
        /// en, zh or ru
        #[arg(long = "lang")]
        language: String,
        /// The title in that language
        #[arg(long)]
        title: Option<String>,
        /// A party's name in that language: "NAME=NAME IN THAT LANGUAGE" (repeatable)
        #[arg(long = "party", value_name = "NAME=NAME")]
        parties: Vec<String>,
    },
    /// Add a mediator, legal officer or delegate to a case (or with --remove, record that they left)
    Participant {
        case: String,
        #[arg(long)]
        name: String,
        /// mediator, legal_officer or delegate
        #[arg(long)]
        role: String,
        /// The party a delegate represents
        #[arg(long)]
        party: Option<String>,
        /// Their public key (the file `pacta key export` writes), so their signatures count as theirs
        #[arg(long, value_name = "FILE", conflicts_with = "remove")]
        key: Option<PathBuf>,
        /// They leave the case (the journal keeps that they took part)
        #[arg(long)]
        remove: bool,
    },
}

#[derive(Args)]
struct NewCaseArgs {
    #[arg(long)]
    title: String,
    /// A state or organisation in dispute (at least two)
    #[arg(long = "party", value_name = "NAME")]
    parties: Vec<String>,
    /// A clause of the code invoked, a to k [default: k]
    #[arg(long = "clause", value_name = "LETTER")]
    clauses: Vec<String>,
    #[arg(long, default_value = "")]
    summary: String,
    /// en, zh or ru [default: en]
    #[arg(long)]
    language: Option<String>,
    /// public, restricted or confidential [default: restricted]
    #[arg(long)]
    confidentiality: Option<String>,
    /// When the case was opened, if before it is entered here: a date or time
    #[arg(long, value_name = "TIME")]
    opened_at: Option<String>,
    /// The time zone of --opened-at (IANA name) [default: this machine's]
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
}

#[derive(Subcommand)]
enum LogCommand {
    /// Log a meeting, communication, proposal, note or agreement
    Add {
        case: String,
        #[arg(long)]
        kind: String,
        /// Markdown text; `-` reads it from standard input
        #[arg(long)]
        body: String,
        /// When it happened [default: now]: RFC 3339, or local `2026-11-26 14:30`
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// The time zone the time is read in, by its IANA name (Europe/Zurich) [default: this machine's]
        #[arg(long, value_name = "ZONE")]
        tz: Option<String>,
        /// Where it happened (a meeting's city and venue)
        #[arg(long)]
        place: Option<String>,
        /// Who may read it: office (the office's own), parties, or party:NAME (one party; a caucus) [default: by kind: a note is the office's, the rest the parties']
        #[arg(long = "for", value_name = "WHO")]
        audience: Option<String>,
        /// A file to attach (repeatable)
        #[arg(long = "attach", value_name = "FILE")]
        attachments: Vec<PathBuf>,
    },
    /// List a case's journal, oldest first
    List {
        case: String,
        /// Only the last N entries (of those the other options keep)
        #[arg(long, value_name = "N", value_parser = help::whole_number)]
        last: Option<u32>,
        /// Only entries of this kind, as corrected (repeatable)
        #[arg(long = "kind", value_name = "KIND")]
        kinds: Vec<String>,
        /// Only what happened on or after this day (YYYY-MM-DD, as listed)
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only what happened on or before this day (YYYY-MM-DD, as listed)
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
    },
    /// Correct an entry: adds a correction that points at it (its text,
    /// time, place or kind, or that it was entered in error)
    Correct {
        case: String,
        /// The entry's number (#) or id
        entry: String,
        /// The corrected text (markdown); `-` reads it from standard input
        #[arg(long, required_unless_present_any = ["at", "place", "kind", "void"])]
        body: Option<String>,
        /// When it really happened
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// The time zone of --at (IANA name) [default: this machine's]
        #[arg(long, value_name = "ZONE", requires = "at")]
        tz: Option<String>,
        /// Where it really happened
        #[arg(long)]
        place: Option<String>,
        /// What kind of step it really was
        #[arg(long)]
        kind: Option<String>,
        /// It was entered in error: it no longer counts (it stays, listed as void)
        #[arg(long)]
        void: bool,
    },
}

#[derive(Subcommand)]
enum DeadlineCommand {
    /// Set a deadline in a case: what a party must do, or without --party a task of the office
    Add {
        case: String,
        /// YYYY-MM-DD
        #[arg(long)]
        due: String,
        #[arg(long)]
        what: String,
        /// The party that must do it (one of the case's parties); left out: a task of the office
        #[arg(long)]
        party: Option<String>,
        /// Who may read it: office, parties, or party:NAME [default: the parties' when a party must do it, else the office's]
        #[arg(long = "for", value_name = "WHO")]
        audience: Option<String>,
    },
    /// Open deadlines across cases, soonest first
    List {
        /// Only those past their date
        #[arg(long)]
        overdue: bool,
        #[arg(long, value_name = "REF")]
        case: Option<String>,
        /// Include deadlines already met or cancelled
        #[arg(long)]
        all: bool,
    },
    /// Mark a deadline as met
    Done {
        case: String,
        /// The number (#) of the entry that set the deadline
        deadline: String,
        #[arg(long, default_value = "")]
        note: String,
        /// When it was met, if not now (a reply recorded later): "2026-11-20 10:00", RFC 3339, ...
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// Cancel a deadline on the record, with the reason
    Cancel {
        case: String,
        /// The number (#) of the entry that set the deadline
        deadline: String,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Subcommand)]
enum DocCommand {
    /// Attach a file to a case
    Add {
        case: String,
        file: PathBuf,
        /// Who may read it: office, parties, or party:NAME [default: parties]
        #[arg(long = "for", value_name = "WHO")]
        audience: Option<String>,
    },
    /// List a case's documents with their hashes
    List { case: String },
    /// Copy a document out of the store, checking its hash
    Get {
        case: String,
        /// Its sha256, or the first 8 or more hex digits
        sha256: String,
        /// A file, or a folder to put it in under the name it was attached with
        #[arg(long)]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli: Cli = help::parse();
    let out = Output { json: cli.json };
    match run(cli, &out) {
        Ok(code) => code,
        Err(e) => {
            out.error(&e);
            ExitCode::from(1)
        }
    }
}

/// `-` means standard input, which must be UTF-8.
fn body_text(body: String) -> anyhow::Result<String> {
    if body != "-" {
        return Ok(body);
    }
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes)?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(t!(
            "input.stdinNotUtf8",
            offset = e.utf8_error().valid_up_to()
        ))
    })
}

fn read_utf8(path: &std::path::Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path)
        .map_err(|e| anyhow::anyhow!(t!("input.unreadable", path = path.display(), reason = e)))?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(t!(
            "input.fileNotUtf8",
            path = path.display(),
            offset = e.utf8_error().valid_up_to()
        ))
    })
}

fn filing_request(a: &FilingArgs) -> anyhow::Result<pacta_core::FilingRequest> {
    if !matches!(a.format.as_str(), "md" | "html" | "pdf") {
        anyhow::bail!(t!("filing.unknownFormat", format = a.format));
    }
    if a.format == "pdf" && a.out.is_none() {
        anyhow::bail!(t!("filing.pdfNeedsOut"));
    }
    let mut fields = std::collections::BTreeMap::new();
    let split = |pair: &str, flag: &str| -> anyhow::Result<(String, String)> {
        pair.split_once('=')
            .map(|(k, v)| (k.trim().to_owned(), v.to_owned()))
            .ok_or_else(|| anyhow::anyhow!(t!("input.fieldValue", flag = flag, pair = pair)))
    };
    for pair in &a.set {
        let (k, v) = split(pair, "--set")?;
        fields.insert(k, v);
    }
    for pair in &a.set_file {
        let (k, path) = split(pair, "--set-file")?;
        fields.insert(k, read_utf8(std::path::Path::new(&path))?);
    }
    let filing_date = match &a.date {
        Some(d) => pacta_core::time::parse_date(d)?,
        None => pacta_core::time::today(),
    };
    use chrono::Offset;
    Ok(pacta_core::FilingRequest {
        template: a.template.clone(),
        language: a.language.clone(),
        parallel: a.parallel.clone(),
        fields,
        filing_date,
        utc_offset: chrono::Local::now().offset().fix(),
    })
}

/// A dossier as given, or, encrypted, opened with what was given (and this
/// person's own key) into a private temporary file.
enum Dossier<'a> {
    Plain(&'a std::path::Path),
    Opened(pacta_core::dossier::sealed::Opened),
}

impl Dossier<'_> {
    fn path(&self) -> &std::path::Path {
        match self {
            Dossier::Plain(p) => p,
            Dossier::Opened(o) => o.path(),
        }
    }
}

fn open_dossier<'a>(
    file: &'a std::path::Path,
    identities: &[PathBuf],
    passphrase: bool,
    own: Option<&pacta_core::SigningKey>,
) -> anyhow::Result<Dossier<'a>> {
    use pacta_core::dossier::sealed::{self, Opener};
    if !sealed::is_sealed(file)? {
        return Ok(Dossier::Plain(file));
    }
    let mut openers: Vec<Opener> = identities
        .iter()
        .map(|p| Opener::IdentityFile(p.clone()))
        .collect();
    if passphrase {
        openers.push(Opener::Passphrase(keys::dossier_passphrase(&t!(
            "prompt.dossier"
        ))?));
    }
    openers.extend(own.map(Opener::Key));
    Ok(Dossier::Opened(sealed::open(file, &openers)?))
}

fn run(cli: Cli, out: &Output) -> anyhow::Result<ExitCode> {
    let data_dir = match cli.data_dir {
        Some(dir) => dir,
        None => pacta_core::data_dir::default_data_dir()?,
    };
    // These two work without opening (or creating) a store.
    match &cli.command {
        Command::Verify {
            file: Some(file),
            identities,
            passphrase,
        } => {
            let own = keys::own_key_for_opening(&data_dir);
            let opened = open_dossier(file, identities, *passphrase, own.as_ref())?;
            let report = pacta_core::dossier::verify_dossier(opened.path())?;
            out.dossier_report(&report);
            return Ok(if report.ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(3)
            });
        }
        Command::Restore { file, force } => {
            let passphrase = keys::backup_passphrase(file, cli.passphrase_file.as_deref())?;
            out.restored(&pacta_core::backup::restore(
                &data_dir,
                file,
                *force,
                passphrase.as_deref(),
            )?);
            return Ok(ExitCode::SUCCESS);
        }
        Command::Init { encrypt, remember } => {
            let store = match encrypt {
                true => {
                    let passphrase = keys::new_data_dir_passphrase(cli.passphrase_file.as_deref())?;
                    drop(Store::create_encrypted(&data_dir, &passphrase)?);
                    Store::unlock_remembering(&data_dir, &passphrase, *remember)?
                }
                false => Store::open(&data_dir)?,
            };
            out.initialized(store.data_dir().root(), store.is_encrypted());
            return Ok(ExitCode::SUCCESS);
        }
        // The server's administrator may have no data dir at all.
        Command::Server(ServerCommand::Init { url }) => {
            server_init(url, out)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Encrypt { remember } => {
            let passphrase = keys::new_data_dir_passphrase(cli.passphrase_file.as_deref())?;
            let done = Store::encrypt_data_dir(&data_dir, &passphrase)?;
            if *remember {
                drop(Store::unlock_remembering(&data_dir, &passphrase, true)?);
            }
            out.encrypted(&done);
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let mut store = keys::open_store(&data_dir, cli.passphrase_file.as_deref())?;
    if let Command::Passphrase { remember } = cli.command {
        let new = keys::new_data_dir_passphrase(None)?;
        store.change_passphrase(&new)?;
        if remember {
            drop(Store::unlock_remembering(&data_dir, &new, true)?);
        }
        out.passphrase_changed(store.data_dir().root());
        return Ok(ExitCode::SUCCESS);
    }
    if records(&cli.command) {
        let key = keys::require_own(&store)?;
        store.set_signer(key);
    } else if matches!(cli.command, Command::Export { .. }) {
        // A dossier is signed by whoever exports it, when they have a key.
        if let Some(key) = keys::unlock_own(&store)? {
            store.set_signer(key);
        }
    }
    let signer = store.signer().map(|k| k.name().to_owned());
    let author = || {
        store
            .data_dir()
            .who_signs(cli.author.as_deref(), signer.as_deref())
    };
    match cli.command {
        Command::Case(CaseCommand::New(a)) => {
            let clauses = a
                .clauses
                .iter()
                .map(|c| c.parse())
                .collect::<Result<Vec<Clause>, _>>()?;
            let case = store.create_case(NewCase {
                title: a.title,
                summary: a.summary,
                parties: a.parties,
                clauses,
                language: a.language,
                confidentiality: a.confidentiality,
                opened_at: a
                    .opened_at
                    .map(|t| pacta_core::time::parse_user_time_in(&t, a.tz.as_deref()))
                    .transpose()?,
                zone: a.tz,
                author: author()?,
            })?;
            out.case(&store.case_view(&case.id.to_string())?);
        }
        Command::Case(CaseCommand::List {
            stage,
            party,
            clause,
            sort,
            desc,
        }) => {
            let filter = CaseFilter {
                stage: stage.map(|s| s.parse()).transpose()?,
                party,
                clause: clause.map(|c| c.parse()).transpose()?,
                order: sort
                    .map(|by| -> pacta_core::Result<CaseOrder> {
                        Ok(CaseOrder {
                            by: by.parse()?,
                            descending: desc,
                        })
                    })
                    .transpose()?,
            };
            out.cases(&store.cases(&filter)?, store.office()?.as_deref());
        }
        Command::Case(CaseCommand::Show { case }) => {
            out.case(&store.case_view(&case)?);
        }
        Command::Case(CaseCommand::Participant {
            case,
            name,
            role,
            remove: true,
            ..
        }) => {
            out.entry(&store.remove_participant(&case, &name, role.parse()?, &author()?)?);
        }
        Command::Case(CaseCommand::Name {
            case,
            language,
            title,
            parties,
        }) => {
            let mut names = store.case(&case)?.names;
            let entry = names.entry(language).or_default();
            if let Some(title) = title {
                entry.title = Some(title.trim().to_owned()).filter(|t| !t.is_empty());
            }
            for pair in &parties {
                let (party, name) = pair
                    .split_once('=')
                    .ok_or_else(|| anyhow::anyhow!(t!("input.partyName", pair = pair)))?;
                entry
                    .parties
                    .insert(party.trim().to_owned(), name.trim().to_owned());
            }
            let changes = pacta_core::CaseChanges {
                names: Some(names),
                ..Default::default()
            };
            out.entry(&store.change_case(&case, changes, "", &author()?)?);
        }
        Command::Case(CaseCommand::Edit {
            case,
            title,
            summary,
            parties,
            clauses,
            language,
            confidentiality,
            reason,
        }) => {
            let changes = pacta_core::CaseChanges {
                title,
                summary,
                parties: (!parties.is_empty()).then_some(parties),
                clauses: match clauses.is_empty() {
                    true => None,
                    false => Some(
                        clauses
                            .iter()
                            .map(|c| c.parse())
                            .collect::<Result<Vec<Clause>, _>>()?,
                    ),
                },
                language,
                confidentiality,
                names: None,
            };
            out.entry(&store.change_case(&case, changes, &reason, &author()?)?);
        }
        Command::Case(CaseCommand::Participant {
            case,
            name,
            role,
            party,
            key,
            ..
        }) => {
            let p = Participant {
                name,
                role: role.parse()?,
                party,
            };
            let key = key
                .map(|file| -> anyhow::Result<pacta_core::Identity> {
                    let id = pacta_core::Identity::parse(&read_utf8(&file)?)?;
                    if id.name != p.name.trim() {
                        anyhow::bail!(t!(
                            "key.someoneElse",
                            path = file.display(),
                            owner = id.name,
                            name = p.name.trim()
                        ));
                    }
                    Ok(id)
                })
                .transpose()?;
            out.entry(&store.add_participant(&case, p, key.as_ref(), &author()?)?);
        }
        Command::Log(LogCommand::Add {
            case,
            kind,
            body,
            at,
            tz,
            place,
            audience,
            attachments,
        }) => {
            let kind: EntryKind = kind.parse()?;
            let mut new = NewEntry::new(kind, &author()?, &body_text(body)?);
            new.occurred_at = at
                .map(|t| pacta_core::time::parse_user_time_in(&t, tz.as_deref()))
                .transpose()?;
            if let Some(tz) = tz {
                new.data["tz"] = tz.into();
            }
            if let Some(place) = place.filter(|p| !p.trim().is_empty()) {
                new.data["place"] = place.trim().into();
            }
            if let Some(audience) = audience {
                new.data["for"] = audience.into();
            }
            out.entry(&store.log(&case, new, &attachments)?);
        }
        Command::Log(LogCommand::List {
            case,
            last,
            kinds,
            since,
            until,
        }) => {
            let case = store.case(&case)?;
            let kinds = kinds
                .iter()
                .map(|k| k.parse())
                .collect::<pacta_core::Result<Vec<EntryKind>>>()?;
            let date =
                |d: Option<String>| d.as_deref().map(pacta_core::time::parse_date).transpose();
            let (since, until) = (date(since)?, date(until)?);
            let filtered = !kinds.is_empty() || since.is_some() || until.is_some();
            // Filtered, the whole journal is read: an entry's kind and time
            // are as its corrections have them.
            let mut entries = store.entries(
                case.id,
                &EntryQuery {
                    limit: if filtered { None } else { last },
                    ..Default::default()
                },
            )?;
            entries.reverse();
            let keep = |c: &pacta_core::record::Current| {
                let day = c.occurred_at.with_timezone(&chrono::Local).date_naive();
                (kinds.is_empty() || kinds.contains(&c.kind))
                    && since.is_none_or(|s| day >= s)
                    && until.is_none_or(|u| day <= u)
            };
            let signers = store.case_view(&case.id.to_string())?.signers;
            let limit = if filtered { last } else { None };
            out.entries(&case, &entries, &signers, &keep, limit);
        }
        Command::Log(LogCommand::Correct {
            case,
            entry,
            body,
            at,
            tz,
            place,
            kind,
            void,
        }) => {
            let changes = pacta_core::record::Changes {
                occurred_at: at
                    .map(|t| pacta_core::time::parse_user_time_in(&t, tz.as_deref()))
                    .transpose()?,
                place,
                kind: kind.map(|k| k.parse()).transpose()?,
                zone: tz,
                void,
            };
            let body = body.map(body_text).transpose()?;
            out.entry(&store.correct(&case, &entry, &author()?, body.as_deref(), &changes)?);
        }
        Command::Stage {
            case,
            to,
            reason,
            at,
        } => {
            let to: Stage = to.parse()?;
            let at = at
                .map(|t| pacta_core::time::parse_user_time(&t))
                .transpose()?;
            out.entry(&store.move_stage(&case, to, &reason, at, &author()?)?);
        }
        Command::Deadline(DeadlineCommand::Add {
            case,
            due,
            what,
            party,
            audience,
        }) => {
            let due = pacta_core::time::parse_date(&due)?;
            let audience: Option<Audience> = audience.map(|a| a.parse()).transpose()?;
            out.deadlines(&[store.add_deadline(
                &case,
                due,
                &what,
                party.as_deref(),
                audience.as_ref(),
                &author()?,
            )?]);
        }
        Command::Deadline(DeadlineCommand::List { overdue, case, all }) => {
            let filter = DeadlineFilter {
                case,
                overdue_only: overdue,
                include_done: all,
            };
            out.deadlines(&store.deadlines(&filter)?);
        }
        Command::Deadline(DeadlineCommand::Done {
            case,
            deadline,
            note,
            at,
        }) => {
            let at = at
                .map(|t| pacta_core::time::parse_user_time(&t))
                .transpose()?;
            out.entry(&store.complete_deadline(&case, &deadline, &note, at, &author()?)?);
        }
        Command::Deadline(DeadlineCommand::Cancel {
            case,
            deadline,
            reason,
        }) => {
            out.entry(&store.cancel_deadline(&case, &deadline, &reason, &author()?)?);
        }
        Command::Doc(DocCommand::Add {
            case,
            file,
            audience,
        }) => {
            let audience: Option<Audience> = audience.map(|a| a.parse()).transpose()?;
            out.entry(&store.add_document(&case, &file, audience.as_ref(), &author()?)?);
        }
        Command::Doc(DocCommand::List { case }) => {
            let case = store.case(&case)?;
            out.documents(&store.case_documents(&case)?);
        }
        Command::Doc(DocCommand::Get {
            case,
            sha256,
            out: file,
        }) => {
            let (doc, written) = store.export_document(&case, &sha256, &file, false)?;
            out.document_written(&doc, &written);
        }
        Command::Search {
            query,
            case,
            kind,
            party,
            author,
            from,
            to,
            newest,
            limit,
        } => {
            let date =
                |d: Option<String>| d.as_deref().map(pacta_core::time::parse_date).transpose();
            out.search(&store.search(&SearchQuery {
                text: query,
                case,
                kind: kind.map(|k| k.parse()).transpose()?,
                party,
                author,
                from: date(from)?,
                to: date(to)?,
                newest_first: newest,
                limit,
            })?);
        }
        Command::Template(TemplateCommand::List) => out.templates(&store.library()?),
        Command::Template(TemplateCommand::Show { id, language }) => {
            out.template(store.library()?.get(&id, &language)?);
        }
        Command::Template(TemplateCommand::Check { file }) => {
            let text = read_utf8(&file)?;
            let problems =
                pacta_core::filing::check(&text, &file.display().to_string(), &store.library()?);
            out.template_check(&file, &problems);
            if !problems.is_empty() {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Filing(FilingCommand::Render(a)) => {
            let req = filing_request(&a)?;
            if a.format == "pdf" {
                let (rendered, pdf) = store.render_filing_pdf(&a.case, &req)?;
                out.filing(&rendered, Some(&pdf), None, &a.format, a.out.as_deref())?;
            } else {
                let rendered = store.render_filing(&a.case, &req)?;
                out.filing(&rendered, None, None, &a.format, a.out.as_deref())?;
            }
        }
        Command::Filing(FilingCommand::File(a)) => {
            let req = filing_request(&a)?;
            let (rendered, pdf, entry) = store.file_filing(&a.case, &req, &author()?)?;
            out.filing(
                &rendered,
                Some(&pdf),
                Some(&entry),
                &a.format,
                a.out.as_deref(),
            )?;
        }
        Command::Verify { .. } => {
            let report = store.verify()?;
            out.verify(&report);
            if !report.ok {
                return Ok(ExitCode::from(3));
            }
        }
        Command::Export {
            case,
            out: file,
            pdf,
            audience,
            encrypt_to,
            passphrase,
        } => {
            let audience: Audience = audience.parse()?;
            let seal = match (passphrase, encrypt_to.is_empty()) {
                (true, _) => Some(SealTo::Passphrase(keys::dossier_passphrase(&t!(
                    "prompt.seal"
                ))?)),
                (false, false) => Some(SealTo::Recipients(encrypt_to)),
                (false, true) => None,
            };
            let mut bar = output::Progress::new(out);
            let mut show = |p: pacta_core::dossier::ExportProgress| {
                if p.phase == "export" {
                    bar.show(p.done, p.total)
                }
            };
            if pdf.is_some() && pdf == file {
                anyhow::bail!(t!("export.sameFile"));
            }
            let (exported, pdf) = match (&seal, &pdf, &file) {
                (_, Some(pdf), file) => {
                    store.export_pdf(&case, pdf, file.as_deref(), &audience, &mut show)?
                }
                (Some(to), None, Some(file)) => (
                    store.export_sealed(&case, file, &audience, to, &mut show)?,
                    None,
                ),
                (None, None, Some(file)) => (
                    store.export_verified(&case, file, &audience, &mut show)?,
                    None,
                ),
                (_, None, None) => anyhow::bail!(t!("export.noFile")),
            };
            bar.finish();
            out.exported(
                &exported.export,
                &exported.report,
                file.is_some(),
                pdf.as_ref(),
            );
            if !exported.report.ok {
                return Ok(ExitCode::from(3));
            }
        }
        Command::Import {
            file,
            dry_run,
            identities,
            passphrase,
        } => {
            let own = keys::own_key_for_opening(store.data_dir().root());
            let opened = open_dossier(&file, &identities, passphrase, own.as_ref())?;
            let plan = if dry_run {
                store.preview_import(opened.path())?
            } else {
                store.import_dossier(opened.path())?
            };
            out.import_plan(&plan, dry_run);
        }
        Command::Backup { out: file } => out.backup(&store.backup(&file)?),
        Command::Sync { server: given } => {
            let target = pacta_core::server::choose(store.data_dir(), given.server.as_deref())?;
            let mut server = pacta_core::server::Server::open(&target)?;
            // A server given here that answered is the one to sync with from
            // now on (unless its address carries a password).
            if let Some(spec) = given.server.as_deref().filter(|_| !target.has_password()) {
                pacta_core::server::remember(store.data_dir(), spec)?;
            }
            let report = store.sync(&mut server)?;
            out.synced(&report);
            if !report.refused.is_empty() || !report.rejected.is_empty() {
                return Ok(ExitCode::from(3));
            }
        }
        Command::Server(command) => server_command(&store, command, out)?,
        Command::Office { code } => {
            let office = match code {
                Some(code) => Some(store.set_office(&code)?),
                None => store.office()?,
            };
            out.office(office.as_deref());
        }
        Command::Key(KeyCommand::New {
            name,
            no_passphrase,
        }) => {
            let key = keys::create(&store, &name, no_passphrase)?;
            out.key(key.identity(), !no_passphrase);
        }
        Command::Key(KeyCommand::Show) => {
            let path = store.data_dir().signing_key();
            if !path.exists() {
                anyhow::bail!(t!("key.noneYet"));
            }
            let file = pacta_core::KeyFile::read(&path)?;
            out.key(&file.identity()?, file.has_passphrase());
        }
        Command::Key(KeyCommand::Export { out: file, secret }) => {
            let path = store.data_dir().signing_key();
            let key = pacta_core::KeyFile::read(&path)?;
            let text = if secret {
                std::fs::read_to_string(&path)?
            } else {
                format!("{}\n", key.identity()?.to_line())
            };
            match file {
                Some(file) => {
                    pacta_core::data_dir::write_atomically(&file, text.as_bytes())?;
                    out.key(&key.identity()?, key.has_passphrase());
                }
                None => output::say_raw(&text),
            }
        }
        Command::Key(KeyCommand::Import { file }) => {
            let key = keys::import(&store, &file)?;
            out.key(&key.identity()?, key.has_passphrase());
        }
        Command::Agreement(AgreementCommand::List { case }) => {
            out.agreements(&store.case_agreements(&case)?);
        }
        Command::Agreement(AgreementCommand::Sign {
            case,
            entry,
            key,
            party,
        }) => {
            let author = author()?;
            let signed = match key {
                Some(file) => {
                    let delegate = keys::unlock_file(&file)?;
                    store.cosign(&case, &entry, &delegate, party.as_deref(), &author)?
                }
                None => {
                    let own = keys::require_own(&store)?;
                    store.cosign(&case, &entry, &own, party.as_deref(), &author)?
                }
            };
            out.entry(&signed);
        }
        Command::Restore { .. }
        | Command::Init { .. }
        | Command::Encrypt { .. }
        | Command::Passphrase { .. } => {
            unreachable!("handled before the store is opened")
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn server_init(url: &str, out: &Output) -> anyhow::Result<()> {
    let target = pacta_core::server::Target::parse(url)?;
    out.server_init(&pacta_core::server::Server::init(&target)?);
    Ok(())
}

/// `pacta server …` on a case this data dir holds.
fn server_command(store: &Store, command: ServerCommand, out: &Output) -> anyhow::Result<()> {
    use pacta_core::server::{choose, Server};
    let open = |given: &ServerArg| -> anyhow::Result<Server> {
        Ok(Server::open(&choose(
            store.data_dir(),
            given.server.as_deref(),
        )?)?)
    };
    match command {
        ServerCommand::Init { url } => server_init(&url, out)?,
        ServerCommand::AddMember { case, role, server } => {
            let case = store.case(&case)?;
            let members = open(&server)?.add_member(case.id, &case.qualified_reference(), &role)?;
            out.members(&case.qualified_reference(), &members);
        }
        ServerCommand::RemoveMember { case, role, server } => {
            let case = store.case(&case)?;
            let members =
                open(&server)?.remove_member(case.id, &case.qualified_reference(), &role)?;
            out.members(&case.qualified_reference(), &members);
        }
        ServerCommand::Members { case, server } => {
            let case = store.case(&case)?;
            let members = open(&server)?.members(case.id, &case.qualified_reference())?;
            out.members(&case.qualified_reference(), &members);
        }
        ServerCommand::Password { server } => {
            let target = choose(store.data_dir(), server.server.as_deref())?;
            let password = match std::env::var("PGPASSWORD") {
                Ok(p) if !p.is_empty() => p,
                _ => rpassword::prompt_password(t!(
                    "prompt.serverPassword",
                    server = target.display()
                ))?,
            };
            target.remember_password(&password)?;
            out.note(&t!("server.passwordKept", server = target.display()));
        }
    }
    Ok(())
}

/// Whether a command records something (and so needs the signing key).
fn records(command: &Command) -> bool {
    matches!(
        command,
        Command::Case(
            CaseCommand::New(_)
                | CaseCommand::Participant { .. }
                | CaseCommand::Edit { .. }
                | CaseCommand::Name { .. }
        ) | Command::Log(LogCommand::Add { .. } | LogCommand::Correct { .. })
            | Command::Stage { .. }
            | Command::Deadline(
                DeadlineCommand::Add { .. }
                    | DeadlineCommand::Done { .. }
                    | DeadlineCommand::Cancel { .. }
            )
            | Command::Doc(DocCommand::Add { .. })
            | Command::Filing(FilingCommand::File(_))
            | Command::Agreement(AgreementCommand::Sign { .. })
    )
}
