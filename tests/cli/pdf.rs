//! A legal officer sends filings to the parties as PDF and files the
//! dossier in the archive as one PDF. Each PDF is checked with the tools an
//! archivist would use: poppler's pdftotext, pdffonts, pdfdetach and
//! pdftoppm, and qpdf.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::support::{args, Pacta, REQUEST};

/// Runs one of the PDF tools; its standard output.
fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} (apt-get install poppler-utils qpdf): {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn text_of(pdf: &Path) -> String {
    tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])
}

/// The text with every space and line break taken out (pdftotext puts
/// spaces between justified CJK characters).
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What an archivist checks first: the file is sound (qpdf) and every font
/// is embedded (pdffonts' `emb` column).
fn assert_sound_with_fonts_embedded(pdf: &Path) {
    let path = pdf.to_str().unwrap();
    tool("qpdf", &["--check", path]);
    let fonts = tool("pdffonts", &[path]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts at all:\n{fonts}");
    for row in rows {
        // name, type (one or two words), encoding, emb, sub, uni, object, id
        let cols: Vec<&str> = row.split_whitespace().collect();
        let emb = cols[cols.len() - 5];
        assert_eq!(emb, "yes", "a font is not embedded:\n{fonts}");
    }
    let bytes = std::fs::read(pdf).unwrap();
    let xmp = String::from_utf8_lossy(&bytes);
    assert!(
        xmp.contains("<pdfaid:part>3</pdfaid:part>")
            && xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "declared PDF/A-3b"
    );
}

fn pages(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo names the pages")
}

fn page_text(pdf: &Path, page: usize) -> String {
    let n = page.to_string();
    tool(
        "pdftotext",
        &[
            "-enc",
            "UTF-8",
            "-f",
            &n,
            "-l",
            &n,
            pdf.to_str().unwrap(),
            "-",
        ],
    )
}

fn render_pdf(p: &Pacta, case: &str, extra: &[&str], name: &str) -> PathBuf {
    let out = p.home.path().join(name);
    let mut a = args(&["filing", "render", case], REQUEST);
    a.extend(extra);
    a.extend(["--format", "pdf", "--out", out.to_str().unwrap()]);
    p.json(&a);
    out
}

#[test]
fn a_filing_in_each_language_reads_back_from_its_pdf() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let before = p.snapshot();

    let en = render_pdf(&p, &r, &[], "en.pdf");
    assert_sound_with_fonts_embedded(&en);
    let text = text_of(&en);
    for phrase in [
        "Request for Consultations",
        "26 November 2026",
        "Republic of Aldoria",
        "clause (k)",
    ] {
        assert!(text.contains(phrase), "{phrase} in:\n{text}");
    }
    // Every page: the reference, the marking, "Page n of m".
    let n = pages(&en);
    for page in 1..=n {
        let t = page_text(&en, page);
        assert!(t.contains(&r), "reference on page {page}");
        assert!(
            t.contains(&format!("Page {page} of {n}")),
            "page {page}:\n{t}"
        );
        assert!(
            t.contains("RESTRICTED") || t.contains("CONFIDENTIAL") || t.contains("PUBLIC"),
            "marking on page {page}:\n{t}"
        );
    }
    // Signatures open a page of their own.
    let last = page_text(&en, n);
    assert!(n >= 2 && last.contains("Signatures"), "{last}");
    assert!(!page_text(&en, n - 1).contains("Signatures"));

    let zh = render_pdf(&p, &r, &["--lang", "zh"], "zh.pdf");
    assert_sound_with_fonts_embedded(&zh);
    let text = squeezed(&text_of(&zh));
    for phrase in ["2026年11月26日", "不得使用武力或以武力相威胁", "第1页，共"]
    {
        assert!(text.contains(phrase), "{phrase} in:\n{text}");
    }

    let ru = render_pdf(&p, &r, &["--lang", "ru"], "ru.pdf");
    assert_sound_with_fonts_embedded(&ru);
    let text = text_of(&ru);
    for phrase in ["26 ноября 2026 г.", "Страница 1 из"] {
        assert!(text.contains(phrase), "{phrase} in:\n{text}");
    }

    // A preview: nothing changed, and the same bytes every time.
    let again = render_pdf(&p, &r, &["--lang", "ru"], "ru-again.pdf");
    assert!(
        std::fs::read(&ru).unwrap() == std::fs::read(&again).unwrap(),
        "two renderings differ"
    );
    assert_eq!(before, p.snapshot());
}

#[test]
fn a_parallel_filing_sets_the_two_languages_side_by_side() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let both = render_pdf(&p, &r, &["--lang", "en", "--parallel", "zh"], "en-zh.pdf");
    assert_sound_with_fonts_embedded(&both);
    // With -layout, pdftotext keeps the columns: the English title and
    // its Chinese translation stand on one line.
    let layout = tool(
        "pdftotext",
        &["-layout", "-enc", "UTF-8", both.to_str().unwrap(), "-"],
    );
    let title_line = layout
        .lines()
        .find(|l| l.contains("Request for Consultations"))
        .expect("the English title");
    assert!(
        title_line.contains("磋商请求"),
        "side by side: {title_line}"
    );
    let n = pages(&both);
    let last = page_text(&both, n);
    assert!(
        last.contains("Signatures") && last.contains("签字"),
        "{last}"
    );
}

#[test]
fn a_filed_filing_keeps_its_pdf_with_its_hash_in_the_journal() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let preview = render_pdf(&p, &r, &[], "preview.pdf");
    let filed = p.json(&args(&["filing", "file", &r], REQUEST));
    let entry = &filed["entry"];
    let docs = entry["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3, "markdown, HTML and PDF: {docs:?}");
    let pdf = &docs[2];
    assert!(pdf["name"]
        .as_str()
        .unwrap()
        .ends_with("-request-for-consultations-en.pdf"));
    assert_eq!(pdf["sha256"], entry["data"]["pdf_sha256"]);
    let out = p.home.path().join("filed.pdf");
    p.json(&[
        "doc",
        "get",
        &r,
        pdf["sha256"].as_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(
        hex::encode(Sha256::digest(&bytes)),
        pdf["sha256"].as_str().unwrap()
    );
    assert!(
        bytes == std::fs::read(&preview).unwrap(),
        "what was filed is what was previewed"
    );
    p.verify_ok();
}

/// A case with a little of everything, in three scripts.
fn busy_case(p: &Pacta) -> String {
    let r = p.new_case("Cable incident");
    p.log(
        &r,
        "note",
        "Delegations met in **Geneva**; the mediator took the minutes.",
    );
    p.log(
        &r,
        "meeting",
        "双方代表团在日内瓦会晤，同意以和平方式解决争端。",
    );
    p.log(
        &r,
        "meeting",
        "Стороны договорились урегулировать спор мирными средствами.",
    );
    let doc = p.file("annex.txt", "Annex 1: the cable's route.");
    p.json(&["doc", "add", &r, &doc]);
    p.json(&[
        "deadline",
        "add",
        &r,
        "--due",
        "2027-01-15",
        "--what",
        "Reply to the request",
    ]);
    p.json(&args(&["filing", "file", &r], REQUEST));
    r
}

#[test]
fn a_dossier_as_one_pdf_carries_the_dossier_that_verifies() {
    let p = Pacta::new();
    let r = busy_case(&p);
    let pdf = p.home.path().join("dossier.pdf");
    let zip = p.home.path().join("dossier.pacta");
    let exported = p.json(&[
        "export",
        &r,
        "--out",
        zip.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(exported["verify"]["ok"], true);
    assert_eq!(exported["pdf"]["missing"], serde_json::json!([]));
    assert_sound_with_fonts_embedded(&pdf);

    let head = exported["export"]["head_hash"].as_str().unwrap();
    let cover = squeezed(&page_text(&pdf, 1));
    for phrase in [
        &r,
        "Cableincident",
        "RepublicofAldoria—KingdomofBelmont",
        head,
    ] {
        assert!(
            cover.contains(&squeezed(phrase)),
            "{phrase} on the cover:\n{cover}"
        );
    }
    let text = squeezed(&text_of(&pdf));
    for phrase in [
        "Contents",
        "DelegationsmetinGeneva",
        "同意以和平方式解决争端",
        "урегулироватьспормирнымисредствами",
        "Replytotherequest",
        "annex.txt",
        "Requestforconsultations",
    ] {
        assert!(text.contains(phrase), "{phrase} in the dossier's PDF");
    }
    // The documents' hashes, as `sha256sum` gives them.
    let annex = hex::encode(Sha256::digest(b"Annex 1: the cable's route."));
    assert!(text.contains(&annex));

    // The dossier inside: pdfdetach lists it, and it is the one written
    // beside the PDF, which verifies.
    let list = tool("pdfdetach", &["-list", pdf.to_str().unwrap()]);
    assert!(
        list.contains("1 embedded files") && list.contains(&format!("{r}.pacta")),
        "{list}"
    );
    let detached = p.home.path().join("detached.pacta");
    tool(
        "pdfdetach",
        &[
            "-save",
            "1",
            "-o",
            detached.to_str().unwrap(),
            pdf.to_str().unwrap(),
        ],
    );
    assert!(std::fs::read(&detached).unwrap() == std::fs::read(&zip).unwrap());
    let verified = p.json(&["verify", detached.to_str().unwrap()]);
    assert_eq!(verified["ok"], true, "{verified}");

    // The bookmarks are the contents.
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(String::from_utf8_lossy(&bytes).contains("/Outlines"));

    // The same case gives the same PDF, byte for byte; without --out the
    // dossier lives only inside the PDF.
    let again = p.home.path().join("again.pdf");
    p.json(&["export", &r, "--pdf", again.to_str().unwrap()]);
    assert!(
        std::fs::read(&again).unwrap() == bytes,
        "two exports differ"
    );
    let left: Vec<_> = std::fs::read_dir(p.home.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".part"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A long case is typeset in parts (so that memory stays bounded) and
/// joined: what a reader sees is one document, numbered as one, whose
/// contents and bookmarks point where each section is.
#[test]
fn a_long_dossier_reads_as_one_document_numbered_throughout() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let paragraph =
        "The delegations reviewed the route of the cable and the schedule of its repair. ";
    for i in 1..=90 {
        p.log(&r, "note", &format!("Round {i}. {}", paragraph.repeat(50)));
    }
    let pdf = p.home.path().join("long.pdf");
    let exported = p.json(&["export", &r, "--pdf", pdf.to_str().unwrap()]);
    assert_eq!(exported["verify"]["ok"], true);
    assert_sound_with_fonts_embedded(&pdf);

    // Every page says which it is, of how many, once.
    let n = pages(&pdf);
    assert!(n > 60, "{n} pages: more than one part's worth");
    let text = text_of(&pdf);
    for page in 1..=n {
        let footer = format!("Page {page} of {n}\n");
        assert_eq!(text.matches(&footer).count(), 1, "{footer:?}");
    }
    let bytes = std::fs::read(&pdf).unwrap();
    let metadata = format!("<xmpTPg:NPages>{n}</xmpTPg:NPages>");
    assert!(
        String::from_utf8_lossy(&bytes).contains(&metadata),
        "{metadata}"
    );
    // Every entry once, in order, none lost where two parts meet.
    let mut from = 0;
    for i in 1..=90 {
        let at = text[from..]
            .find(&format!("Round {i}. "))
            .unwrap_or_else(|| panic!("round {i} after round {}", i - 1));
        from += at;
    }

    // The contents (page 2) give each section's page; the section is there,
    // and the bookmark for it goes there.
    let contents = page_text(&pdf, 2);
    let listed: Vec<(String, usize)> = contents
        .lines()
        .filter(|l| l.contains(".."))
        .filter_map(|l| {
            let (title, page) = l.rsplit_once(' ')?;
            Some((
                title.trim_end_matches(['.', ' ']).to_owned(),
                page.parse().ok()?,
            ))
        })
        .collect();
    let titles: Vec<&str> = listed.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Parties and participants",
            "Clause (k)",
            "Stage history",
            "Timeline",
            "Deadlines",
            "Filings",
            "Documents",
            "Head hash"
        ],
        "{contents}"
    );
    for (title, page) in &listed {
        assert!(
            page_text(&pdf, *page).contains(title.as_str()),
            "{title} on page {page}"
        );
    }
    let outlines: Value = serde_json::from_str(&tool(
        "qpdf",
        &["--json", "--json-key=outlines", pdf.to_str().unwrap()],
    ))
    .unwrap();
    let bookmarks: Vec<(String, usize)> = outlines["outlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["title"].as_str().unwrap().to_owned(),
                o["destpageposfrom1"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    assert_eq!(bookmarks, listed);

    // One case state, one PDF, byte for byte.
    let again = p.home.path().join("again.pdf");
    p.json(&["export", &r, "--pdf", again.to_str().unwrap()]);
    assert!(std::fs::read(&again).unwrap() == bytes);
}

#[test]
fn the_parties_pdf_leaves_out_what_the_parties_may_not_read() {
    let p = Pacta::new();
    let r = busy_case(&p);
    p.log(&r, "note", "Internal: Belmont will not move on the route.");
    let pdf = p.home.path().join("parties.pdf");
    p.json(&[
        "export",
        &r,
        "--for",
        "parties",
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    let text = text_of(&pdf);
    assert!(
        !text.contains("will not move"),
        "an office note left the office"
    );
    assert!(!text.contains("took the minutes"));
    assert!(squeezed(&text).contains("同意以和平方式解决争端"));
}

#[test]
fn a_character_no_font_has_is_shown_by_its_code_and_reported() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    p.log(&r, "note", "Agreed \u{1F91D} at 10:00.");
    let pdf = p.home.path().join("d.pdf");
    let out = p
        .cmd()
        .args(["export", &r, "--pdf", pdf.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("U+1F91D"), "{stderr}");
    let json: Value = p.json(&["export", &r, "--pdf", pdf.to_str().unwrap()]);
    assert_eq!(json["pdf"]["missing"], serde_json::json!(["U+1F91D"]));
    let text = text_of(&pdf);
    assert!(
        text.contains("Agreed") && text.contains("U+1F91D") && text.contains("at 10:00"),
        "{text}"
    );
    assert_sound_with_fonts_embedded(&pdf);
}

#[test]
fn what_cannot_be_made_is_refused_and_nothing_is_written() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let before = p.snapshot();

    let err = p.fails(&args(&["filing", "render", &r, "--format", "pdf"], REQUEST));
    assert!(err.contains("--out"), "{err}");

    let nowhere = p.home.path().join("no/such/folder/d.pdf");
    let err = p.fails(&["export", &r, "--pdf", nowhere.to_str().unwrap()]);
    assert!(err.contains("no/such/folder"), "{err}");

    let same = p.home.path().join("same");
    let err = p.fails(&[
        "export",
        &r,
        "--out",
        same.to_str().unwrap(),
        "--pdf",
        same.to_str().unwrap(),
    ]);
    assert!(err.contains("same file"), "{err}");
    assert!(!same.exists());

    let err = p.fails(&["export", &r, "--pdf", "x.pdf", "--passphrase"]);
    assert!(err.contains("--passphrase"), "{err}");

    // Without the fonts: said, and a filing is not filed without its PDF.
    let empty = tempfile::tempdir().unwrap();
    let out = p
        .cmd()
        .env("PACTA_FONTS", empty.path())
        .args(args(&["filing", "file", &r], REQUEST))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("fonts for PDF") && stderr.contains("PACTA_FONTS"),
        "{stderr}"
    );

    // Too long to typeset: refused before typesetting starts.
    let long = p.file("long.md", "*a* ".repeat(800_000));
    let err = p.fails(&[
        "filing",
        "render",
        &r,
        "--template",
        "request-for-consultations",
        "--set",
        "requesting_party=Republic of Aldoria",
        "--set",
        "responding_party=Kingdom of Belmont",
        "--set-file",
        &format!("matters={long}"),
        "--format",
        "pdf",
        "--out",
        p.home.path().join("long.pdf").to_str().unwrap(),
    ]);
    assert!(err.contains("too long to typeset"), "{err}");
    assert!(!p.home.path().join("long.pdf").exists());

    assert_eq!(before, p.snapshot());
}

/// The first page of a filing in each language, against a picture of how
/// it should look (`tests/fixtures/pdf/*.pgm`, 30 dpi greyscale): fewer
/// than 1 % of the pixels may differ by more than a quarter of the grey
/// range (the case's reference and the like may change; a missing font, a
/// broken layout or a page set in the wrong script changes far more).
/// `PACTA_WRITE_GOLDEN=1` writes the pictures anew.
#[test]
fn first_pages_look_as_they_should() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
    for lang in ["en", "zh", "ru"] {
        let pdf = render_pdf(&p, &r, &["--lang", lang], &format!("{lang}.pdf"));
        let stem = p.home.path().join(lang);
        tool(
            "pdftoppm",
            &[
                "-r",
                "30",
                "-gray",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                pdf.to_str().unwrap(),
                stem.to_str().unwrap(),
            ],
        );
        let got = std::fs::read(stem.with_extension("pgm")).unwrap();
        let golden = fixtures.join(format!("filing-{lang}.pgm"));
        if std::env::var_os("PACTA_WRITE_GOLDEN").is_some() {
            std::fs::create_dir_all(&fixtures).unwrap();
            std::fs::write(&golden, &got).unwrap();
            continue;
        }
        let want = std::fs::read(&golden).unwrap();
        let (gw, gp) = pgm(&got);
        let (ww, wp) = pgm(&want);
        assert_eq!(gw, ww, "{lang}: page size");
        let differ = gp
            .iter()
            .zip(wp)
            .filter(|(a, b)| a.abs_diff(**b) > 64)
            .count();
        assert!(
            differ * 100 < wp.len(),
            "{lang}: {differ} of {} pixels differ from {}",
            wp.len(),
            golden.display()
        );
    }
}

/// A binary PGM's size and pixels.
fn pgm(bytes: &[u8]) -> ((usize, usize), &[u8]) {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let size = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (size, &bytes[at + 1..])
}
