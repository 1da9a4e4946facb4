//! Offices that send each other a case, both (or all three) writing in
//! between: whatever they do, once each has imported the others' latest
//! dossiers they hold the same record — the same entries in the same
//! order, the same stage, deadlines and open conflicts — and it verifies.
//! And importing is idempotent and commutative, checked on the whole store.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use pacta_core::{CaseChanges, EntryKind, NewCase, NewEntry, Stage, Store};
use tempfile::TempDir;

/// A deterministic random source (xorshift), so a failure repeats.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

struct Office {
    _home: TempDir,
    dir: PathBuf,
    store: Store,
    code: &'static str,
}

fn office(code: &'static str) -> Office {
    let home = TempDir::new().expect("temp dir");
    let dir = home.path().join("data");
    let mut store = Store::open(&dir).expect("open");
    store.set_office(code).expect("office code");
    Office {
        _home: home,
        dir,
        store,
        code,
    }
}

/// `from` exports the case and `to` imports it.
fn send(from: &Office, to: &mut Office, case: &str, scratch: &Path) {
    let file = scratch.join(format!("{}-{}.pacta", from.code, to.code));
    let _ = std::fs::remove_file(&file);
    from.store
        .export_dossier(case, &file, &mut |_| {})
        .expect("export");
    to.store.import_dossier(&file).expect("import");
}

/// One office's next step on the case, at random: a note, a stage move
/// the rules allow from where it is, a deadline set, met or cancelled, a
/// new title.
fn step(o: &mut Office, case: &str, rng: &mut Rng, round: usize) {
    let who = format!("Clerk of {}", o.code);
    let view = o.store.case_view(case).expect("case");
    match rng.below(7) {
        6 => {
            let changes = CaseChanges {
                title: Some(format!(
                    "Fishing rights ({} {round}.{})",
                    o.code, view.case.entries
                )),
                ..Default::default()
            };
            o.store
                .change_case(case, changes, "", &who)
                .expect("new title");
        }
        0 | 1 => {
            let body = format!("Round {round}: note from {}", o.code);
            o.store
                .log(case, NewEntry::new(EntryKind::Note, &who, &body), &[])
                .expect("note");
        }
        2 if !view.allowed_moves.is_empty() => {
            // Moves that end the case come only late, so that talks go on.
            let open: Vec<Stage> = view
                .allowed_moves
                .iter()
                .copied()
                .filter(|s| s.is_open() || (round > 40 && rng.below(4) == 0))
                .collect();
            if let Some(to) = open.get(rng.below(open.len().max(1) as u64) as usize) {
                o.store
                    .move_stage(case, *to, &format!("Round {round}"), None, &who)
                    .expect("move");
            }
        }
        3 if !view.allowed_moves.is_empty() => {
            let due = NaiveDate::from_ymd_opt(2027, 1, 1 + (round % 28) as u32).expect("date");
            o.store
                .add_deadline(
                    case,
                    due,
                    &format!("Reply {round} to {}", o.code),
                    None,
                    None,
                    &who,
                )
                .expect("deadline");
        }
        _ => {
            let open: Vec<_> = view
                .deadlines
                .iter()
                .filter(|d| d.done_at.is_none() && d.cancelled_at.is_none())
                .collect();
            if let Some(d) = open.first() {
                let seq = d.entry_seq.to_string();
                if rng.below(2) == 0 {
                    o.store
                        .complete_deadline(case, &seq, "Done", None, &who)
                        .expect("met");
                } else {
                    o.store
                        .cancel_deadline(case, &seq, "Overtaken", &who)
                        .expect("cancel");
                }
            }
        }
    }
}

/// Opens the case the drills exchange; returns its id.
fn fishing_case(o: &mut Office) -> String {
    o.store
        .create_case(NewCase {
            title: "Fishing rights".into(),
            parties: vec!["Aldoria".into(), "Belmont".into()],
            author: "Ines".into(),
            ..Default::default()
        })
        .expect("case")
        .id
        .to_string()
}

/// What two offices must agree on.
fn record(o: &Office, case: &str) -> String {
    let file = o.store.case_file(case).expect("case file");
    let view = o.store.case_view(case).expect("case view");
    let mut out = format!(
        "stage {} closed {:?} title {}\n",
        file.case.stage, file.case.closed_at, file.case.title
    );
    for e in &file.entries {
        out.push_str(&format!("#{} {} {:?}\n", e.seq, e.hash, e.parents));
    }
    for d in &view.deadlines {
        out.push_str(&format!("deadline {} {:?}\n", d.what, d.status));
    }
    out.push_str(&format!("conflicts {:?}\n", view.conflicts));
    out
}

fn converge(offices: &mut [Office], case: &str, scratch: &Path) {
    // Twice round the ring carries every entry to every office.
    for _ in 0..2 {
        for i in 0..offices.len() {
            let j = (i + 1) % offices.len();
            let (a, b) = if i < j {
                let (left, right) = offices.split_at_mut(j);
                (&left[i], &mut right[0])
            } else {
                let (left, right) = offices.split_at_mut(i);
                (&right[0], &mut left[j])
            };
            send(a, b, case, scratch);
        }
    }
}

/// Returns how many times an import left a conflict open.
fn exchange_at_random(count: usize, seed: u64) -> usize {
    let scratch = TempDir::new().expect("temp dir");
    let codes = ["GVA", "VIE", "NYC"];
    let mut offices: Vec<Office> = codes[..count].iter().map(|c| office(c)).collect();
    let case = offices[0]
        .store
        .create_case(NewCase {
            title: "Cable incident".into(),
            parties: vec!["Aldoria".into(), "Belmont".into()],
            author: "Clerk of GVA".into(),
            ..Default::default()
        })
        .expect("case")
        .id
        .to_string();
    converge(&mut offices, &case, scratch.path());
    let mut rng = Rng(seed);
    let mut conflicts = 0;
    for round in 0..50 {
        for o in offices.iter_mut() {
            for _ in 0..rng.below(3) {
                step(o, &case, &mut rng, round);
            }
        }
        // Some offices send their dossier to some others.
        for _ in 0..rng.below(count as u64 + 1) {
            let from = rng.below(count as u64) as usize;
            let to = (from + 1 + rng.below(count as u64 - 1) as usize) % count;
            let (a, b) = if from < to {
                let (left, right) = offices.split_at_mut(to);
                (&left[from], &mut right[0])
            } else {
                let (left, right) = offices.split_at_mut(from);
                (&right[0], &mut left[to])
            };
            send(a, b, &case, scratch.path());
            conflicts += b.store.case_view(&case).expect("view").conflicts.len();
        }
    }
    converge(&mut offices, &case, scratch.path());
    let first = record(&offices[0], &case);
    for o in &offices {
        assert_eq!(
            record(o, &case),
            first,
            "{} differs from {}",
            o.code,
            offices[0].code
        );
        let report = o.store.verify().expect("verify");
        assert!(report.ok, "{}: {:?}", o.code, report.problems);
    }
    assert!(first.lines().count() > 60, "too little happened:\n{first}");
    conflicts
}

#[test]
fn two_offices_exchanging_at_random_end_with_the_same_verified_record() {
    let conflicts: usize = [0x5eed, 0xcafe, 0xf00d]
        .into_iter()
        .map(|seed| exchange_at_random(2, seed))
        .sum();
    assert!(
        conflicts > 0,
        "no exchange met a conflict: the test tried too little"
    );
}

#[test]
fn three_offices_exchanging_at_random_end_with_the_same_verified_record() {
    let conflicts: usize = [0xbeef, 0xd00d]
        .into_iter()
        .map(|seed| exchange_at_random(3, seed))
        .sum();
    assert!(
        conflicts > 0,
        "no exchange met a conflict: the test tried too little"
    );
}

/// Every row of every table a merge writes (no row ids, no search index),
/// sorted: the whole store as a user's record.
fn dump(dir: &Path) -> String {
    let conn = rusqlite::Connection::open(dir.join("pacta.db")).expect("db");
    let mut out = String::new();
    for (table, columns) in [
        ("cases", "id, office, reference, title, summary, clauses, stage, language, confidentiality, opened_at, closed_at"),
        ("parties", "*"),
        ("participants", "*"),
        ("journal", "id, case_id, seq, kind, occurred_at, recorded_at, author, body, corrects, documents, data, prev_hash, hash, parents, office"),
        ("journal_heads", "*"),
        ("deadlines", "*"),
        ("documents", "*"),
        ("case_documents", "*"),
        ("case_conflicts", "*"),
        ("journal_alongside", "*"),
        ("store_meta", "*"),
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT {columns} FROM {table}"))
            .expect("select");
        let width = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                Ok((0..width)
                    .map(|i| format!("{:?}", r.get_ref(i).map(|v| format!("{v:?}"))))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .expect("rows")
            .map(|r| r.expect("row"))
            .collect();
        rows.sort();
        out.push_str(&format!("{table}\n{}\n", rows.join("\n")));
    }
    out
}

#[test]
fn importing_is_idempotent_and_commutative_on_the_whole_store() {
    let scratch = TempDir::new().expect("temp dir");
    let mut gva = office("GVA");
    let case = fishing_case(&mut gva);
    let mut vie = office("VIE");
    let mut nyc = office("NYC");
    send(&gva, &mut vie, &case, scratch.path());
    send(&gva, &mut nyc, &case, scratch.path());
    // Each writes without the other: a stage move on each side contradicts.
    vie.store
        .move_stage(
            &case,
            Stage::Mediation,
            "Both accepted a mediator",
            None,
            "Li",
        )
        .expect("move");
    nyc.store
        .move_stage(&case, Stage::Withdrawn, "Aldoria withdrew", None, "Sam")
        .expect("move");
    vie.store
        .log(
            &case,
            NewEntry::new(EntryKind::Note, "Li", "Vienna note"),
            &[],
        )
        .expect("note");
    let from_vie = scratch.path().join("vie.pacta");
    let from_nyc = scratch.path().join("nyc.pacta");
    vie.store
        .export_dossier(&case, &from_vie, &mut |_| {})
        .expect("export");
    nyc.store
        .export_dossier(&case, &from_nyc, &mut |_| {})
        .expect("export");

    let mut one = office("BRU");
    let mut two = office("BRU");
    for o in [&mut one, &mut two] {
        send(&gva, o, &case, scratch.path());
    }
    one.store.import_dossier(&from_vie).expect("import");
    one.store.import_dossier(&from_nyc).expect("import");
    two.store.import_dossier(&from_nyc).expect("import");
    two.store.import_dossier(&from_vie).expect("import");
    assert_eq!(
        dump(&one.dir),
        dump(&two.dir),
        "A then B differs from B then A"
    );
    let before = dump(&one.dir);
    let again = one.store.import_dossier(&from_vie).expect("import");
    assert_eq!(again.new_entries, 0);
    assert_eq!(dump(&one.dir), before, "importing twice changed the store");

    // Vienna's entries were written alongside New York's, and are marked so.
    let view = one.store.case_view(&case).expect("view");
    let marks = one
        .store
        .alongside(view.case.id, 1, view.case.entries)
        .expect("alongside");
    let file = one.store.case_file(&case).expect("file");
    for e in &file.entries {
        let other = marks.get(&e.seq).and_then(|m| m.office.as_deref());
        match e.office.as_deref() {
            Some("VIE") => assert_eq!(other, Some("NYC"), "#{}", e.seq),
            Some("NYC") => assert_eq!(other, Some("VIE"), "#{}", e.seq),
            _ => assert_eq!(other, None, "#{} of {:?}", e.seq, e.office),
        }
    }

    // The contradiction is open, names both sides, and a move decides it.
    assert_eq!(view.case.stage, Stage::Consultation);
    assert_eq!(view.conflicts.len(), 1, "{:?}", view.conflicts);
    let sides: Vec<(&str, Option<&str>)> = view.conflicts[0]
        .sides
        .iter()
        .map(|s| (s.decision.as_str(), s.office.as_deref()))
        .collect();
    assert!(sides.contains(&("mediation", Some("VIE"))), "{sides:?}");
    assert!(sides.contains(&("withdrawn", Some("NYC"))), "{sides:?}");
    one.store
        .move_stage(
            &case,
            Stage::Mediation,
            "Decided with both delegations",
            None,
            "Ines",
        )
        .expect("decide");
    let view = one.store.case_view(&case).expect("view");
    assert!(view.conflicts.is_empty());
    assert_eq!(view.case.stage, Stage::Mediation);
    assert!(one.store.verify().expect("verify").ok);
}

/// Two offices retitle the case at once: neither title wins by the order
/// of the import; the case keeps the title it had, both sides are shown,
/// and giving a title decides.
#[test]
fn details_changed_on_both_sides_are_a_conflict_until_decided() {
    let scratch = TempDir::new().expect("temp dir");
    let mut gva = office("GVA");
    let case = fishing_case(&mut gva);
    let mut vie = office("VIE");
    send(&gva, &mut vie, &case, scratch.path());
    let retitle = |o: &mut Office, title: &str| {
        let changes = CaseChanges {
            title: Some(title.into()),
            summary: Some(format!("Summary from {}", o.code)),
            ..Default::default()
        };
        o.store
            .change_case(&case, changes, "", "Clerk")
            .expect("change");
    };
    retitle(&mut gva, "Fishing rights in the Northern Bay");
    retitle(&mut vie, "Northern Bay fisheries");
    send(&vie, &mut gva, &case, scratch.path());
    send(&gva, &mut vie, &case, scratch.path());
    for o in [&gva, &vie] {
        let view = o.store.case_view(&case).expect("view");
        assert_eq!(view.case.title, "Fishing rights", "{}", o.code);
        let mut subjects: Vec<&str> = view.conflicts.iter().map(|c| c.subject.as_str()).collect();
        subjects.sort();
        assert_eq!(subjects, ["summary", "title"], "{}", o.code);
        let title = view
            .conflicts
            .iter()
            .find(|c| c.subject == "title")
            .expect("title");
        let mut sides: Vec<&str> = title.sides.iter().map(|s| s.decision.as_str()).collect();
        sides.sort();
        assert_eq!(
            sides,
            [
                "Fishing rights in the Northern Bay",
                "Northern Bay fisheries"
            ]
        );
        assert!(o.store.verify().expect("verify").ok, "{}", o.code);
    }
    assert_eq!(record(&gva, &case), record(&vie, &case));
    // Giving the title decides it; the summary stays open.
    retitle_only(&mut gva, &case, "Northern Bay fisheries");
    let view = gva.store.case_view(&case).expect("view");
    assert_eq!(view.case.title, "Northern Bay fisheries");
    let open: Vec<&str> = view.conflicts.iter().map(|c| c.subject.as_str()).collect();
    assert_eq!(open, ["summary"]);
    send(&gva, &mut vie, &case, scratch.path());
    assert_eq!(record(&gva, &case), record(&vie, &case));
    assert!(vie.store.verify().expect("verify").ok);
}

fn retitle_only(o: &mut Office, case: &str, title: &str) {
    let changes = CaseChanges {
        title: Some(title.into()),
        ..Default::default()
    };
    o.store
        .change_case(case, changes, "", "Clerk")
        .expect("change");
}
