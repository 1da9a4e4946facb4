//! Full-text search over all cases, best matches first, with a snippet.

use super::support::Pacta;

#[test]
fn search_finds_entries_and_cases_ranked_with_snippets() {
    let p = Pacta::new();
    let a = p.new_case("Submarine cable incident");
    let b = p.new_case("Satellite interference");
    p.json(&[
        "log",
        "add",
        &a,
        "--kind",
        "meeting",
        "--body",
        "The delegations discussed the repair of the cable near the landing station.",
    ]);
    p.json(&[
        "log",
        "add",
        &b,
        "--kind",
        "note",
        "--body",
        "Jamming of the satellite uplink was reported; no cable involved.",
    ]);
    p.json(&[
        "log",
        "add",
        &b,
        "--kind",
        "note",
        "--body",
        "Unrelated administrative note.",
    ]);

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
    p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "note",
        "--body",
        "Art. 33 \"means\" - enquiry OR conciliation",
    ]);
    for q in ["\"means", "enquiry OR", "-", "NEAR(", "33*"] {
        p.json(&["search", q]);
    }
    let err = p.fails(&["search", "   "]);
    assert!(err.contains("search is empty"), "{err}");
}

#[test]
fn chinese_and_russian_text_is_found_by_a_word_inside_it() {
    let p = Pacta::new();
    let r = p.new_case("海底电缆事件");
    p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "meeting",
        "--body",
        "双方代表团同意在日内瓦进行磋商。",
    ]);
    p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "note",
        "--body",
        "Делегации согласились продолжить консультации в Женеве.",
    ]);

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
