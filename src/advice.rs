//! What to do next, in command-line words. The core says what is wrong in
//! words for any front end ([`pacta_core::Said`]); where a person at the
//! command line needs a flag or a command to put it right, it is added
//! here, by the problem's code.

use std::collections::BTreeMap;

use crate::lang;

/// The advice for a problem, written to follow its sentence (it starts
/// with its own separator), in the reader's language, or nothing. The
/// catalogue holds it as `advice.CODE`.
pub fn advice(code: &str, params: &BTreeMap<String, String>) -> Option<String> {
    let param = |name: &str| params.get(name).cloned().unwrap_or_default();
    // Codes that take the same advice.
    let code = match code {
        "cancel_reason_empty" => "reason_empty",
        "author_unknown" => "author_empty",
        "server_schema_older" => "server_not_set_up",
        code => code,
    };
    let params = match code {
        "entry_not_found" => vec![("case", param("case"))],
        "not_a_member" => vec![("case", param("case")), ("role", param("role"))],
        "kind_not_loggable" => {
            let command = match param("kind").as_str() {
                "stage_change" => "pacta stage",
                "case_change" => "pacta case edit",
                "deadline" => "pacta deadline add",
                "correction" => "pacta log correct",
                "document" => "pacta doc add",
                "participant" => "pacta case participant",
                _ => "pacta filing file",
            };
            vec![("command", command.to_owned())]
        }
        _ => Vec::new(),
    };
    lang::known(&format!("advice.{code}"), &params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advice_names_the_flag_for_its_code_only() {
        let none = BTreeMap::new();
        assert_eq!(
            advice("title_empty", &none).as_deref(),
            Some(": give --title")
        );
        assert_eq!(advice("party_twice", &none), None);
        let kind = BTreeMap::from([("kind".to_owned(), "deadline".to_owned())]);
        assert_eq!(
            advice("kind_not_loggable", &kind).as_deref(),
            Some(" (use `pacta deadline add`)")
        );
    }
}
