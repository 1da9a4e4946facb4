//! What users type on the command line and in forms: times, dates, case
//! references, clauses, kinds, stages, roles. Each parses or refuses with a
//! message; a parsed reference prints back as what parses to it again.
#![no_main]

use std::str::FromStr;

use pacta_core::{CaseRef, Clause, EntryKind, Role, Stage};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = pacta_core::time::parse_user_time(text);
    let _ = pacta_core::time::parse_date(text);
    let _ = pacta_core::time::parse_stored(text);
    let _ = Clause::from_str(text);
    let _ = pacta_core::clause::parse_list(text);
    let _ = EntryKind::from_str(text);
    let _ = Stage::from_str(text);
    let _ = Role::from_str(text);
    if let Ok(r) = CaseRef::from_str(text) {
        assert_eq!(CaseRef::from_str(&r.to_string()).ok(), Some(r));
    }
    if let Ok(e) = pacta_core::time::parse_user_time(text) {
        let again = pacta_core::time::format_utc(e);
        assert_eq!(pacta_core::time::parse_stored(&again).ok(), Some(e));
    }
});
