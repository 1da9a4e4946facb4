//! Template files: front matter, syntax, and rendering against the example
//! case (`filing::check` renders with every field and with the required
//! ones). Problems are fine; a panic, a hang or runaway memory is not.
#![no_main]

use pacta_core::filing::library::Library;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let library = Library::built_in();
    for problem in pacta_core::filing::check(text, "fuzz.md", &library) {
        assert!(problem.line >= 1 && problem.column >= 1, "{problem:?}");
    }
});
