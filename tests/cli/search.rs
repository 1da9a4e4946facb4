//! Full-text search over all cases, best matches first, with a snippet.

use super::support::Pacta;

#[test]
fn search_finds_entries_and_cases_ranked_with_snippets() {
    let p = Pacta::new();
    let a = p.new_case("Submarine cable incident");
    let b = p.new_case("Satellite interference");
    p.log(
        &a,
        "meeting",
        "The delegations discussed the repair of the cable near the landing station.",
    );
    p.log(
        &b,
        "note",
        "Jamming of the satellite uplink was reported; no cable involved.",
    );
    p.log(&b, "note", "Unrelated administrative note.");

    let v = p.json(&["search", "cable"]);
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 3, "{hits:?}");
    assert_eq!(
        hits[0]["entry_seq"],
        serde_json::Value::Null,
        "a case whose title matches comes first"
    );
    assert!(
        hits.iter()
            .any(|h| h["case_reference"] == a.as_str() && h["entry_seq"].is_null()),
        "the case title matches"
    );
    let entry_hit = hits
        .iter()
        .find(|h| h["entry_seq"] == 2 && h["case_reference"] == a.as_str())
        .unwrap();
    assert!(
        entry_hit["snippet"].as_str().unwrap().contains("**cable**"),
        "{entry_hit}"
    );

    // Words are stemmed, every word must occur, and --case narrows.
    let v = p.json(&["search", "delegation repairs"]);
    assert_eq!(v["hits"].as_array().unwrap().len(), 1);
    let v = p.json(&["search", "cable", "--case", &b]);
    assert_eq!(v["hits"].as_array().unwrap().len(), 1);
    assert_eq!(v["hits"][0]["entry_seq"], 2);
}

#[test]
fn search_syntax_typed_by_a_user_is_taken_literally() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    p.log(&r, "note", "Art. 33 \"means\" - enquiry OR conciliation");
    for q in ["\"means", "enquiry OR", "NEAR(", "33*"] {
        p.json(&["search", q]);
    }
    for q in ["   ", "-", "\" \""] {
        let err = p.fails(&["search", q]);
        assert!(err.contains("search is empty"), "{err}");
    }
}

#[test]
fn chinese_and_russian_text_is_found_by_a_word_inside_it() {
    let p = Pacta::new();
    let r = p.new_case("海底电缆事件");
    p.log(&r, "meeting", "双方代表团同意在日内瓦进行磋商。");
    p.log(
        &r,
        "note",
        "Делегации согласились продолжить консультации в Женеве.",
    );

    let v = p.json(&["search", "磋商"]);
    assert_eq!(v["hits"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(
        v["hits"][0]["snippet"],
        "双方代表团同意在日内瓦进行**磋商**。"
    );
    let v = p.json(&["search", "电缆"]);
    assert_eq!(
        v["hits"][0]["entry_seq"],
        serde_json::Value::Null,
        "the case title matches: {v}"
    );
    let v = p.json(&["search", "консультации"]);
    assert_eq!(v["hits"][0]["entry_seq"], 3, "{v}");
    assert!(v["hits"][0]["snippet"]
        .as_str()
        .unwrap()
        .contains("**консультации**"));
    let v = p.json(&["search", "женеве"]);
    assert_eq!(
        v["hits"].as_array().unwrap().len(),
        1,
        "case-insensitive in Cyrillic: {v}"
    );
}

/// A one-page PDF whose text layer says `text` (Helvetica, ASCII), with a
/// correct cross-reference table.
fn pdf_saying(text: &str) -> Vec<u8> {
    let content = format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_owned(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    pdf
}

/// A Word document whose one paragraph is `text`.
fn docx_saying(text: &str) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    write!(
        zip,
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"#
    )
    .unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn the_word_forms_of_the_issue_are_found_in_russian_and_chinese() {
    let p = Pacta::new();
    let r = p.new_case("Cable");
    p.log(
        &r,
        "meeting",
        "Стороны провели консультации по вопросу о повреждении подводного кабеля.",
    );
    p.log(&r, "note", "委员会同意。");
    p.log(&r, "note", "会前委托。");
    for q in [
        "консультаций",
        "консультация",
        "кабель",
        "повреждение",
        "Консультации кабель",
    ] {
        let v = p.json(&["search", q]);
        assert_eq!(v["hits"].as_array().unwrap().len(), 1, "{q}: {v}");
        assert_eq!(v["hits"][0]["entry_seq"], 2, "{q}: {v}");
    }
    // 委员会 is a word: not every 委 and 会.
    let v = p.json(&["search", "委员会"]);
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{v}");
    assert_eq!(hits[0]["snippet"], "**委员会**同意。");
}

#[test]
fn documents_and_filings_are_searched_and_each_hit_names_where_it_was_found() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let files = [
        p.file(
            "note.eml",
            "From: Protocol <protocol@mfa.example>\r\nSubject: Note verbale 7/2026\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe Ministry of Foreign Affairs presents its compliments.\r\n",
        ),
        p.file("page.html", "<p>The <b>Embassy</b> of Belmont requests a hotline.</p>"),
        p.file("annex.pdf", pdf_saying("Forensic report on the landing station")),
        p.file("brief.docx", docx_saying("Draft settlement with compensation schedule")),
        p.file("scan.png", b"\x89PNG\r\n\x1a\nnot text"),
    ];
    for f in &files {
        p.json(&["doc", "add", &r, f]);
    }
    let expect = [
        ("\"Ministry of Foreign Affairs\"", "note.eml", 2),
        ("embassy hotline", "page.html", 3),
        ("forensic landing station", "annex.pdf", 4),
        ("compensation schedule", "brief.docx", 5),
        ("scan", "scan.png", 6),
    ];
    for (q, name, seq) in expect {
        let v = p.json(&["search", q]);
        let hit = v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| !h["document"].is_null())
            .unwrap_or_else(|| panic!("{q}: no document hit in {v}"));
        assert_eq!(hit["document"]["name"], name, "{q}: {v}");
        assert_eq!(hit["entry_seq"], seq, "{q}: the entry it came with: {v}");
        assert!(hit["snippet"].as_str().unwrap().contains("**"), "{q}: {v}");
    }

    // A filed filing's text is searched too.
    p.json(&[
        "filing",
        "file",
        &r,
        "--template",
        "request-for-consultations",
        "--set",
        "requesting_party=Republic of Aldoria",
        "--set",
        "responding_party=Kingdom of Belmont",
        "--set",
        "matters=The severed quillwort trunk line.",
        "--date",
        "2026-11-26",
    ]);
    let v = p.json(&["search", "quillwort"]);
    let hit = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["entry_kind"] == "filing" && !h["document"].is_null())
        .unwrap_or_else(|| panic!("the filing's text: {v}"));
    assert!(
        hit["document"]["name"].as_str().unwrap().ends_with(".md"),
        "{v}"
    );
}

#[test]
fn filters_narrow_the_hits_and_newest_first_sorts_by_date() {
    let p = Pacta::new();
    let open = |title: &str, party: &str| {
        p.json(&[
            "case",
            "new",
            "--title",
            title,
            "--party",
            party,
            "--party",
            "Kingdom of Belmont",
            "--opened-at",
            "2026-09-01",
        ])["case"]["reference"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let a = open("Cable incident", "Republic of Aldoria");
    let b = open("Satellite matter", "State of Estoria");
    let log = |case: &str, kind: &str, at: &str, body: &str, author: &str| {
        p.cmd()
            .args([
                "log", "add", case, "--kind", kind, "--at", at, "--body", body, "--json",
            ])
            .env("PACTA_AUTHOR", author)
            .assert()
            .success();
    };
    log(
        &a,
        "meeting",
        "2026-10-01 10:00",
        "Repair talks on the outage.",
        "Test Mediator",
    );
    log(
        &a,
        "note",
        "2026-10-05 10:00",
        "Outage outage outage, again.",
        "Test Mediator",
    );
    log(
        &b,
        "meeting",
        "2026-10-03 10:00",
        "The outage of the uplink.",
        "Test Mediator",
    );
    let seqs = |args: &[&str]| -> Vec<(String, i64)> {
        let mut all = vec!["search", "outage"];
        all.extend(args);
        p.json(&all)["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["case_reference"].as_str().unwrap().to_owned(),
                    h["entry_seq"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(seqs(&["--kind", "meeting"]).len(), 2);
    assert_eq!(seqs(&["--party", "state of estoria"]), [(b.clone(), 2)]);
    assert_eq!(
        seqs(&["--from", "2026-10-02", "--to", "2026-10-04"]),
        [(b.clone(), 2)]
    );
    assert_eq!(seqs(&["--author", "Nobody Else"]), []);
    assert_eq!(seqs(&["--author", "test mediator"]).len(), 3);
    assert_eq!(
        seqs(&["--newest"]),
        [(a.clone(), 3), (a.clone(), 2), (b.clone(), 2)],
        "newest first: by when it happened, a few per case"
    );
    let bad = p.fails(&["search", "outage", "--from", "yesterday"]);
    assert!(bad.contains("YYYY-MM-DD"), "{bad}");
}

#[test]
fn a_few_hits_per_case_and_how_many_more_it_holds() {
    let p = Pacta::new();
    let a = p.new_case("Cable incident");
    let b = p.new_case("Satellite matter");
    for i in 0..5 {
        p.log(&a, "note", &format!("Hotline test {i}."));
    }
    p.log(&b, "note", "Hotline set up.");
    let v = p.json(&["search", "hotline"]);
    let hits = v["hits"].as_array().unwrap();
    let in_a: Vec<&serde_json::Value> = hits
        .iter()
        .filter(|h| h["case_reference"] == a.as_str())
        .collect();
    assert_eq!(in_a.len(), 3, "{v}");
    assert!(in_a.iter().all(|h| h["more_in_case"] == 2), "{v}");
    assert!(
        hits.iter().any(|h| h["case_reference"] == b.as_str()),
        "{v}"
    );
    // Within one case, every hit.
    let v = p.json(&["search", "hotline", "--case", &a]);
    assert_eq!(v["hits"].as_array().unwrap().len(), 5, "{v}");
    // The text output says so.
    let out = p.cmd().args(["search", "hotline"]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains(&format!("2 more in {a}")), "{said}");
}

#[test]
fn the_index_is_a_cache_rebuilt_when_lost_or_damaged_and_kept_current_by_every_write() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    p.log(&r, "note", "Tidewater talks.");
    assert_eq!(
        p.json(&["search", "tidewater"])["hits"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let index = p.data_dir().join("search-index");
    assert!(index.is_dir(), "a plain data dir keeps its index on disk");

    // Written after the index was: found at the next search.
    p.log(&r, "note", "More tidewater talks.");
    assert_eq!(
        p.json(&["search", "tidewater"])["hits"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // Lost: rebuilt from the journal.
    std::fs::remove_dir_all(&index).unwrap();
    assert_eq!(
        p.json(&["search", "tidewater"])["hits"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // Damaged: every file of it overwritten with garbage.
    for f in std::fs::read_dir(&index).unwrap() {
        let f = f.unwrap().path();
        if f.is_file() {
            std::fs::write(&f, b"garbage").unwrap();
        }
    }
    assert_eq!(
        p.json(&["search", "tidewater"])["hits"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // Imported from another office: found too.
    let out = p.home.path().join("case.pacta");
    p.json(&["export", &r, "--out", out.to_str().unwrap()]);
    let other = Pacta::new();
    other.json(&["import", out.to_str().unwrap()]);
    let v = other.json(&["search", "tidewater"]);
    assert_eq!(v["hits"].as_array().unwrap().len(), 2, "{v}");
}

#[test]
fn a_search_killed_while_it_builds_the_index_loses_nothing() {
    use pacta_core::{EntryKind, NewEntry, SearchQuery, Store};
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    // Many entries written at once, each with a word of its own.
    let n = 40_000;
    {
        let mut store = Store::open(&p.data_dir()).unwrap();
        let case = store.case(&r).unwrap().id;
        let entries = (0..n).map(|i| {
            let body = format!("Session note zq{i}x on the repair schedule and the hotline.");
            (case, NewEntry::new(EntryKind::Note, "Test Mediator", &body))
        });
        store.append_batch(entries).unwrap();
    }
    // Killed at several points of building the index from the journal.
    for after_ms in [50, 300, 1_000] {
        let mut child = p.process().args(["search", "hotline"]).spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(after_ms));
        let _ = child.kill();
        let _ = child.wait();
    }
    // Whatever the index held when killed, the next search finds everything.
    let store = Store::open(&p.data_dir()).unwrap();
    for i in [0, n / 2, n - 1] {
        let hits = store.search(&SearchQuery::new(&format!("zq{i}x"))).unwrap();
        assert_eq!(hits.len(), 1, "entry {i}");
        assert_eq!(hits[0].entry_seq, Some(i as i64 + 2), "entry {i}");
    }
}
