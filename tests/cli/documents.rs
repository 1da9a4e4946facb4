//! Files attached to a case are stored once, by content, and come back intact.

use super::support::Pacta;

fn stored_files(p: &Pacta) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for shard in std::fs::read_dir(p.data_dir().join("documents")).unwrap() {
        let shard = shard.unwrap().path();
        if shard.file_name().unwrap() == "tmp" {
            continue;
        }
        for f in std::fs::read_dir(&shard).unwrap() {
            files.push(f.unwrap().path());
        }
    }
    files
}

#[test]
fn a_document_is_stored_under_its_sha256_once_and_comes_back_byte_for_byte() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let file = p.home.path().join("note verbale.pdf");
    let bytes: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&file, &bytes).unwrap();

    let v = p.json(&["doc", "add", &r, file.to_str().unwrap()]);
    let doc = &v["entry"]["documents"][0];
    let sha = doc["sha256"].as_str().unwrap().to_owned();
    assert_eq!(doc["name"], "note verbale.pdf");
    assert_eq!(doc["size"], 200_000);
    assert_eq!(v["entry"]["kind"], "document");

    // The same bytes attached again, to another entry and another case: still one file.
    let other = p.new_case("Other");
    p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "communication",
        "--body",
        "Note verbale received",
        "--attach",
        file.to_str().unwrap(),
    ]);
    p.json(&["doc", "add", &other, file.to_str().unwrap()]);
    let files = stored_files(&p);
    assert_eq!(files.len(), 1);
    assert!(
        files[0].ends_with(format!("{}/{}", &sha[..2], sha)),
        "{files:?}"
    );

    let listed = p.json(&["doc", "list", &r]);
    assert_eq!(listed["documents"].as_array().unwrap().len(), 1);

    let out = p.home.path().join("copy.pdf");
    p.json(&["doc", "get", &r, &sha[..10], "--out", out.to_str().unwrap()]);
    assert_eq!(std::fs::read(&out).unwrap(), bytes);

    let err = p.fails(&["doc", "get", &r, &sha, "--out", out.to_str().unwrap()]);
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn a_log_entry_carries_several_attachments() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let a = p.home.path().join("a.txt");
    let b = p.home.path().join("b.txt");
    std::fs::write(&a, "first").unwrap();
    std::fs::write(&b, "second").unwrap();
    let v = p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "proposal",
        "--body",
        "Draft proposal and annex",
        "--attach",
        a.to_str().unwrap(),
        "--attach",
        b.to_str().unwrap(),
    ]);
    let names: Vec<&str> = v["entry"]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["a.txt", "b.txt"]);
    assert_eq!(stored_files(&p).len(), 2);
}

#[test]
fn a_document_the_case_does_not_hold_is_not_handed_out() {
    let p = Pacta::new();
    let a = p.new_case("A");
    let b = p.new_case("B");
    let f = p.home.path().join("secret.txt");
    std::fs::write(&f, "for case A only").unwrap();
    let v = p.json(&["doc", "add", &a, f.to_str().unwrap()]);
    let sha = v["entry"]["documents"][0]["sha256"].as_str().unwrap();
    let out = p.home.path().join("leak.txt");
    let err = p.fails(&["doc", "get", &b, sha, "--out", out.to_str().unwrap()]);
    assert!(
        err.contains("not in the store") || err.contains("document"),
        "{err}"
    );
    assert!(!out.exists());
}
