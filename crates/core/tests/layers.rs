//! The rule ARCHITECTURE.md states for the core: its modules depend on
//! each other in one direction only, down. This reads the sources (every
//! `crate::<module>` a module names outside its tests) and fails on any
//! cycle, naming it. A folder module (`dossier/`, `filing/`) counts as one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module of `crates/core/src` and the modules it names.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = Vec::new();
    collect(&src, &mut files);
    for file in files {
        let relative = file.strip_prefix(&src).expect("under src");
        let module = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|name| name.trim_end_matches(".rs").to_owned())
            .expect("a module name");
        if module == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("readable source");
        let named = deps.entry(module.clone()).or_default();
        for other in modules_named(without_tests(&text)) {
            if other != module {
                named.insert(other);
            }
        }
    }
    deps
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The source before its test module (tests may reach any module).
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod ")
        .map_or(text, |at| &text[..at])
}

/// The modules a source names: `crate::a::…` and `use crate::{a, b::…}`,
/// outside comments.
fn modules_named(text: &str) -> BTreeSet<String> {
    let code: String = text
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut named = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            for part in inner.split(',') {
                named.insert(ident(part));
            }
        } else {
            named.insert(ident(rest));
        }
    }
    named.retain(|m| !m.is_empty() && m.chars().next().is_some_and(char::is_lowercase));
    named
}

/// A cycle in the graph, as the modules along it, if there is one.
fn find_cycle(deps: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        module: &str,
        deps: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|m| m == module) {
            let mut cycle = path[start..].to_vec();
            cycle.push(module.to_owned());
            return Some(cycle);
        }
        if done.contains(module) {
            return None;
        }
        path.push(module.to_owned());
        for next in deps.get(module).into_iter().flatten() {
            if let Some(cycle) = visit(next, deps, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(module.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    deps.keys()
        .find_map(|m| visit(m, deps, &mut Vec::new(), &mut done))
}

#[test]
fn the_core_modules_depend_on_each_other_one_way_only() {
    let deps = dependencies();
    assert!(deps.len() > 20, "found only {:?}", deps.keys());
    for bottom in ["problem", "id"] {
        assert!(
            deps[bottom].is_empty(),
            "{bottom} is the bottom of the core and names {:?}",
            deps[bottom]
        );
    }
    if let Some(cycle) = find_cycle(&deps) {
        panic!(
            "the core's modules depend on each other in a cycle: {}",
            cycle.join(" → ")
        );
    }
}

#[test]
fn the_checker_finds_a_cycle_where_there_is_one() {
    let graph = |edges: &[(&str, &str)]| {
        let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in edges {
            deps.entry((*a).into()).or_default().insert((*b).into());
            deps.entry((*b).into()).or_default();
        }
        deps
    };
    assert_eq!(find_cycle(&graph(&[("a", "b"), ("b", "c")])), None);
    assert_eq!(
        find_cycle(&graph(&[("a", "b"), ("b", "c"), ("c", "a")])),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let named = modules_named(
        "use crate::{error::Error, store};\n// crate::journal in a comment\nlet x = crate::time::now();",
    );
    assert_eq!(named, ["error", "store", "time"].map(String::from).into());
}
