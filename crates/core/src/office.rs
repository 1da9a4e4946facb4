//! The office: each installation has a code (`GVA`, `VIE`) that tells its
//! cases apart from another office's with the same reference, and says
//! where each entry was recorded. It is asked at first use, with a default
//! from the machine's name, and may be changed later: cases keep the
//! office they were opened in.

use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::store::Store;

const KEY: &str = "office";

/// A code of 2 to 8 capital letters or digits, starting with a letter.
pub fn parse_code(code: &str) -> Result<String> {
    let code = code.trim().to_ascii_uppercase();
    let valid = (2..=8).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_uppercase())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if !valid {
        return Err(Error::input(
            "office_code_invalid",
            [("code", code.clone())],
            format!("'{code}' is not an office code: use 2 to 8 letters or digits, starting with a letter, such as GVA"),
        ));
    }
    Ok(code)
}

/// The code offered when none is set: the machine's name, in capitals,
/// cut to 8 letters or digits (`OFFICE` if it has fewer than 2).
pub fn default_code() -> String {
    #[cfg(unix)]
    let host = nix::unistd::gethostname()
        .ok()
        .and_then(|h| h.into_string().ok())
        .unwrap_or_default();
    #[cfg(not(unix))]
    let host = std::env::var("COMPUTERNAME").unwrap_or_default();
    let code: String = host
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .skip_while(|c| !c.is_ascii_alphabetic())
        .take(8)
        .collect::<String>()
        .to_ascii_uppercase();
    parse_code(&code).unwrap_or_else(|_| "OFFICE".into())
}

/// The office code set in this store, if any.
pub(crate) fn get(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM store_meta WHERE key = ?1")?
        .query_row([KEY], |r| r.get(0))
        .optional()?)
}

/// The office code, set to the default at the first write that needs one.
pub(crate) fn get_or_default(conn: &Connection) -> Result<String> {
    if let Some(code) = get(conn)? {
        return Ok(code);
    }
    let code = default_code();
    set(conn, &code)?;
    Ok(code)
}

/// Sets the code; the first time, the cases opened before there was one
/// become its cases.
fn set(conn: &Connection, code: &str) -> Result<()> {
    if get(conn)?.is_none() {
        conn.execute("UPDATE cases SET office = ?1 WHERE office = ''", [code])?;
    }
    conn.execute(
        "INSERT INTO store_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [KEY, code],
    )?;
    Ok(())
}

impl Store {
    /// This installation's office code, if one is set yet.
    pub fn office(&self) -> Result<Option<String>> {
        get(&self.conn)
    }

    /// Sets this installation's office code (see the module doc).
    pub fn set_office(&mut self, code: &str) -> Result<String> {
        let code = parse_code(code)?;
        let tx = self.write()?;
        let clash: Option<String> = tx
            .query_row(
                "SELECT a.reference FROM cases a JOIN cases b
                   ON a.ref_year = b.ref_year AND a.ref_number = b.ref_number
                 WHERE a.office = '' AND b.office = ?1 LIMIT 1",
                [&code],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(reference) = clash {
            return Err(Error::input(
                "office_code_taken",
                [("code", code.clone()), ("case", reference.clone())],
                format!("cases of office {code} are already here, and one of them is numbered {reference} like one of this office's: choose another code"),
            ));
        }
        set(&tx, &code)?;
        tx.commit()?;
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_short_capitals_and_the_default_is_one() {
        assert_eq!(parse_code(" gva ").ok().as_deref(), Some("GVA"));
        for bad in ["", "G", "1AB", "TOOLONGCODE", "GV-A", "ГВА"] {
            assert!(parse_code(bad).is_err(), "{bad}");
        }
        assert!(parse_code(&default_code()).is_ok());
    }
}
