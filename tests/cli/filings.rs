//! A legal officer drafts filings from templates and files them in the case.

use super::support::{args, Pacta, REQUEST};

#[test]
fn a_preview_changes_nothing_and_is_the_same_every_time() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let before = p.snapshot();
    let render = |format: &str| {
        let out = p
            .cmd()
            .args(args(&["filing", "render", &r], REQUEST))
            .args(["--format", format])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let md = String::from_utf8(render("md")).unwrap();
    assert!(
        md.starts_with("# Request for Consultations")
            && md.contains("26 November 2026")
            && md.contains(&r),
        "{md}"
    );
    let html = render("html");
    assert!(String::from_utf8_lossy(&html).starts_with("<!DOCTYPE html>"));
    assert_eq!(html, render("html"), "byte-identical renderings");
    assert_eq!(before, p.snapshot());
}

#[test]
fn filing_stores_markdown_and_html_with_their_hashes_in_the_journal() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let preview = p.json(&args(
        &["filing", "render", &r, "--format", "html"],
        REQUEST,
    ));
    let filed = p.json(&args(&["filing", "file", &r], REQUEST));
    let entry = &filed["entry"];
    assert_eq!(entry["kind"], "filing");
    assert_eq!(entry["data"]["template"], "request-for-consultations");
    assert_eq!(entry["data"]["language"], "en");
    assert_eq!(
        entry["data"]["fields"]["matters"],
        "The cut of the MSC-2 cable."
    );
    let docs = entry["documents"].as_array().unwrap();
    let date = entry["data"]["filing_date"].as_str().unwrap();
    assert_eq!(
        docs[0]["name"],
        format!("{r}-{date}-request-for-consultations-en.md")
    );
    assert_eq!(docs[1]["sha256"], entry["data"]["html_sha256"]);
    // The same filing again that day: a name of its own.
    let again = p.json(&args(&["filing", "file", &r], REQUEST));
    assert_eq!(
        again["entry"]["documents"][0]["name"],
        format!("{r}-{date}-request-for-consultations-en-2.md")
    );

    // Into a folder: under the name it was filed with.
    let folder = p.home.path().join("out");
    std::fs::create_dir_all(&folder).unwrap();
    p.json(&[
        "doc",
        "get",
        &r,
        docs[1]["sha256"].as_str().unwrap(),
        "--out",
        folder.to_str().unwrap(),
    ]);
    let out = folder.join(docs[1]["name"].as_str().unwrap());
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        preview["rendered"]["html"].as_str().unwrap(),
        "what was filed is what was previewed"
    );
    let (ok, _) = (p.cmd().arg("verify").output().unwrap().status.success(), ());
    assert!(ok);
}

#[test]
fn chinese_russian_and_parallel_text() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let zh = p.json(&args(&["filing", "render", &r, "--lang", "zh"], REQUEST));
    let md = zh["rendered"]["markdown"].as_str().unwrap();
    assert!(
        md.contains("2026年11月26日") && md.contains("不得使用武力或以武力相威胁"),
        "{md}"
    );
    let ru = p.json(&args(&["filing", "render", &r, "--lang", "ru"], REQUEST));
    assert!(ru["rendered"]["markdown"]
        .as_str()
        .unwrap()
        .contains("26 ноября 2026 г."));
    let both = p.json(&args(
        &[
            "filing",
            "render",
            &r,
            "--lang",
            "en",
            "--parallel",
            "zh",
            "--format",
            "html",
        ],
        REQUEST,
    ));
    let html = both["rendered"]["html"].as_str().unwrap();
    assert!(
        html.contains(r#"<section lang="en">"#)
            && html.contains(r#"<section lang="zh">"#)
            && html.contains("class=\"parallel\"")
    );
}

#[test]
fn a_template_may_only_be_filed_in_its_stages() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let before = p.snapshot();
    let err = p.fails(&[
        "filing",
        "file",
        &r,
        "--template",
        "closure-report",
        "--date",
        "2026-11-26",
    ]);
    assert!(
        err.contains("closure-report is filed in settlement, closed, withdrawn, referred")
            && err.contains("consultation"),
        "{err}"
    );
    assert_eq!(before, p.snapshot());
}

#[test]
fn user_templates_and_the_code_text_override_the_built_in_ones() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let dir = p.data_dir().join("templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("note-to-file.en.md"),
        "+++\nid = \"note-to-file\"\ntitle = \"Note to file\"\nlanguage = \"en\"\nstages = [\"consultation\"]\n+++\n# Note to file {{ case.reference }}\n\n> {{ code.clauses.k }}\n",
    )
    .unwrap();
    let mut code = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/crates/core/templates/code-of-conduct.toml"
    ))
    .unwrap();
    let start = code.find("[en.clauses]").unwrap();
    let k = start + code[start..].find("\nk = ").unwrap();
    let end = k + 1 + code[k + 1..].find('\n').unwrap();
    code.replace_range(k + 1..end, "k = \"OFFICIAL TEXT OF CLAUSE K\"");
    std::fs::write(dir.join("code-of-conduct.toml"), code).unwrap();

    let list = p.json(&["template", "list"]);
    assert!(list["templates"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["id"] == "note-to-file"
            && t["source"]
                .as_str()
                .unwrap()
                .ends_with("note-to-file.en.md")));
    let v = p.json(&["filing", "render", &r, "--template", "note-to-file"]);
    assert_eq!(
        v["rendered"]["markdown"],
        format!("# Note to file {r}\n\n> OFFICIAL TEXT OF CLAUSE K\n")
    );
    let v = p.json(&args(&["filing", "render", &r], REQUEST));
    assert!(
        v["rendered"]["markdown"]
            .as_str()
            .unwrap()
            .contains("OFFICIAL TEXT OF CLAUSE K"),
        "built-ins quote the user's text too"
    );
}

/// Writes a user template, runs `template check` on it and a render with it.
fn broken(p: &Pacta, body_and_front: &str) -> (String, String) {
    let dir = p.data_dir().join("templates");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.en.md");
    std::fs::write(&path, body_and_front).unwrap();
    let check = p.fails(&["template", "check", path.to_str().unwrap()]);
    (check, path.display().to_string())
}

const FRONT: &str = "+++\nid = \"bad\"\ntitle = \"Bad\"\nlanguage = \"en\"\nstages = [\"consultation\"]\n\n[[fields]]\nname = \"x\"\nlabel = \"X\"\ntype = \"text\"\nrequired = true\n+++\n";

#[test]
fn template_errors_name_the_template_line_and_column() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let before = p.snapshot();

    let (err, path) = broken(
        &p,
        &format!("{FRONT}# Title\n\n{{% if case.title %}}\nunclosed\n"),
    );
    assert!(
        err.contains(&format!("{path}:")) && err.contains("syntax error") && err.contains("endif"),
        "{err}"
    );

    let (err, path) = broken(
        &p,
        &format!("{FRONT}# Title\n\nDear {{{{ case.nonexistent }}}},\n"),
    );
    assert!(
        err.contains(&format!("{path}:15:")) && err.contains("undefined value `case.nonexistent`"),
        "{err}"
    );

    let (err, _) = broken(&p, &format!("{FRONT}# Title\n\n{{{{ fields.typo }}}}\n"));
    assert!(err.contains("undefined value `fields.typo`"), "{err}");

    let (err, path) = broken(
        &p,
        "+++\nid = \"bad\"\ntitle = \"Bad\nlanguage = \"en\"\n+++\nx",
    );
    assert!(
        err.contains(&format!("{path}:3:")) && err.contains("front matter"),
        "{err}"
    );

    let (err, _) = broken(&p, "---\ntitle: Bad\n---\nx");
    assert!(
        err.contains("YAML") && err.contains("TOML between +++ lines"),
        "{err}"
    );

    // Rendering with a broken user template fails with the same kind of message.
    std::fs::write(
        p.data_dir().join("templates/bad.en.md"),
        format!("{FRONT}{{{{ case.nonexistent }}}}\n"),
    )
    .unwrap();
    let err = p.fails(&["filing", "render", &r, "--template", "bad", "--set", "x=1"]);
    assert!(
        err.contains("bad.en")
            && err.contains("line 13, column 4")
            && err.contains("case.nonexistent"),
        "{err}"
    );
    std::fs::remove_dir_all(p.data_dir().join("templates")).unwrap();
    assert_eq!(before, p.snapshot());
}

#[test]
fn runaway_templates_are_stopped() {
    let p = Pacta::new();
    p.new_case("Cable incident");
    let start = std::time::Instant::now();
    let (err, _) = broken(&p, &format!("{FRONT}{{% for i in range(100000) %}}{{% for j in range(100000) %}}{{% endfor %}}{{% endfor %}}\n"));
    assert!(err.contains("ran too long"), "{err}");
    let (err, _) = broken(
        &p,
        &format!("{FRONT}{{% for i in range(100000) %}}{{{{ \"x\" * 1000000 }}}}{{% endfor %}}\n"),
    );
    assert!(err.contains("more than 8388608 bytes"), "{err}");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "stopped promptly"
    );
}

#[test]
fn bad_requests_are_refused_with_everything_wrong_at_once() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let before = p.snapshot();
    let err = p.fails(&["filing", "render", &r, "--template", "no-such-thing"]);
    assert!(
        err.contains("no template 'no-such-thing'") && err.contains("request-for-consultations"),
        "{err}"
    );
    let err = p.fails(&[
        "filing",
        "render",
        &r,
        "--template",
        "minutes",
        "--lang",
        "fr",
    ]);
    assert!(err.contains("unknown language 'fr'"), "{err}");
    let err = p.fails(&[
        "filing",
        "file",
        &r,
        "--template",
        "request-for-consultations",
        "--set",
        "color=blue",
    ]);
    assert!(
        err.contains("'color' is not a field")
            && err.contains("requesting_party (Requesting party)")
            && err.contains("responding_party")
            && err.contains("matters"),
        "{err}"
    );
    let err = p.fails(&[
        "filing",
        "render",
        &r,
        "--template",
        "mediators-proposal",
        "--set",
        "proposal=x",
        "--set",
        "proposal_number=two",
    ]);
    assert!(
        err.contains("proposal_number must be a whole number"),
        "{err}"
    );
    let err = p.fails(&[
        "filing",
        "render",
        &r,
        "--template",
        "notice-of-withdrawal",
        "--set",
        "withdrawing_party=Atlantis",
    ]);
    assert!(err.contains("must be a party to the case"), "{err}");
    assert_eq!(before, p.snapshot());
}

#[test]
fn names_in_the_filing_s_language_else_the_original_marked() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let render = |lang: &str| {
        let out = p
            .cmd()
            .args([
                "filing",
                "render",
                &r,
                "--template",
                "agreement-to-mediate",
                "--lang",
                lang,
            ])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    // Not given in Russian yet: the English names, marked as the originals.
    let ru = render("ru");
    assert!(
        ru.contains("Cable incident (в оригинале)")
            && ru.contains("Republic of Aldoria (в оригинале)"),
        "{ru}"
    );
    p.json(&[
        "case",
        "name",
        &r,
        "--lang",
        "ru",
        "--title",
        "Инцидент с кабелем",
        "--party",
        "Republic of Aldoria=Республика Алдория",
        "--party",
        "Kingdom of Belmont=Королевство Белмонт",
    ]);
    let ru = render("ru");
    assert!(
        ru.contains("Инцидент с кабелем") && ru.contains("Республика Алдория"),
        "{ru}"
    );
    assert!(!ru.contains("в оригинале"), "{ru}");
    let en = render("en");
    assert!(
        en.contains("Cable incident") && !en.contains("(original)"),
        "the case's own language"
    );
    let err = p.fails(&[
        "case",
        "name",
        &r,
        "--lang",
        "ru",
        "--party",
        "Atlantis=Атлантида",
    ]);
    assert!(err.contains("not a party"), "{err}");

    // The names travel in the dossier, from the journal.
    let dossier = p.home.path().join("case.pacta");
    p.json(&["export", &r, "--out", dossier.to_str().unwrap()]);
    let other = Pacta::new();
    other.json(&["import", dossier.to_str().unwrap()]);
    let names = other.json(&["case", "show", &r])["case"]["names"].clone();
    assert_eq!(names["ru"]["title"], "Инцидент с кабелем");
}
