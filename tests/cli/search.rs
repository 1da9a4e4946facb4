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
    // The title, the opening entry (which records the title), and two entries.
    assert_eq!(hits.len(), 4, "{hits:?}");
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
