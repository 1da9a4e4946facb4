//! What to do next, in command-line words. The core says what is wrong in
//! words for any front end ([`pacta_core::Said`]); where a person at the
//! command line needs a flag or a command to put it right, it is added
//! here, by the problem's code.

use std::collections::BTreeMap;

/// The advice for a problem, written to follow its sentence (it starts
/// with its own separator), or nothing.
pub fn advice(code: &str, params: &BTreeMap<String, String>) -> Option<String> {
    let param = |name: &str| params.get(name).map(String::as_str).unwrap_or("");
    let text = match code {
        "case_not_found" => {
            ": give a reference such as K-2026-0007 or a case id (see `pacta case list`)".into()
        }
        "entry_not_found" => format!(
            ": give its number (#) or id from `pacta log list {}`",
            param("case")
        ),
        "data_dir" => "; choose another with --data-dir or PACTA_DATA_DIR".into(),
        "not_a_pacta_database" => "; point --data-dir at a Pacta data dir or an empty one".into(),
        "read_only" => ", and point --data-dir or PACTA_DATA_DIR at the copy".into(),
        "corrupt" => "; run `pacta verify` for a full report".into(),
        "title_empty" => ": give --title".into(),
        "parties_too_few" => ": repeat --party for each".into(),
        "reason_empty" | "cancel_reason_empty" => ": give --reason TEXT".into(),
        "deadline_what_empty" => ": give --what TEXT".into(),
        "deadline_party_unknown" => {
            ": give --party as one of them, or leave --party out for a task of the office".into()
        }
        "delegate_without_party" => ": give --party".into(),
        "party_for_non_delegate" => ": drop --party".into(),
        "author_empty" | "author_unknown" => ": give --author NAME or set PACTA_AUTHOR".into(),
        "fields_invalid" => "; give fields with --set name=value".into(),
        "filing_wrong_stage" => " (`pacta filing render` previews it in any stage)".into(),
        "not_a_document_hash" => " (see `pacta case show`)".into(),
        "not_a_deadline" => "; see `pacta deadline list`".into(),
        "restore_would_replace" => "; give --force to replace it".into(),
        "import_forked" => {
            " (compare the two with `pacta log list` and the dossier's index.html)".into()
        }
        "no_server" => ": give --server URL (a postgres:// URL or a PostgreSQL service name), or set PACTA_SERVER".into(),
        "server_not_set_up" | "server_schema_older" => {
            " (`pacta server init --url URL`, as the database's owner)".into()
        }
        "not_a_member" => format!(
            " (`pacta server add-member --case {} --role {}`)",
            param("case"),
            param("role")
        ),
        "server_password_in_url" => " (or `pacta server password`)".into(),
        "kind_not_loggable" => {
            let command = match param("kind") {
                "stage_change" => "pacta stage",
                "case_change" => "pacta case edit",
                "deadline" => "pacta deadline add",
                "correction" => "pacta log correct",
                "document" => "pacta doc add",
                "participant" => "pacta case participant",
                _ => "pacta filing file",
            };
            format!(" (use `{command}`)")
        }
        _ => return None,
    };
    Some(text)
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
