//! The one vocabulary for saying what is wrong, at the bottom of the core:
//! it imports nothing from the rest of the crate. A [`Said`] is a stable
//! code, the values its sentence is made of, and the sentence in English.
//!
//! Invalid input ([`crate::Error::Invalid`]), the store's verification
//! problems, a dossier's problems and the desktop app's errors are all
//! made of it, so that a front end words any of them in its own language
//! from `code` and `params` alone. The English sentence speaks to no
//! particular front end: advice such as "give --title" belongs to the
//! command line, which adds it by code.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

/// What is wrong, said once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Said {
    /// What is wrong, in English.
    #[serde(rename = "problem")]
    pub message: String,
    /// What is wrong, as a stable code (`problem.<code>` in the UI's translations)…
    pub code: String,
    /// …and the values its sentence is made of.
    pub params: BTreeMap<String, String>,
}

/// A [`Said`] from its code, its values and its English sentence.
pub fn said<const N: usize>(
    code: &str,
    params: [(&str, String); N],
    message: impl Into<String>,
) -> Said {
    Said {
        message: message.into(),
        code: code.to_owned(),
        params: params.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
    }
}

/// A number in an English sentence, its digits grouped by threes:
/// "8,388,608". The values (`params`) stay bare digits; a front end groups
/// them in its reader's language (the names in the UI's
/// `i18n/shared/numbers.json`).
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A problem at a place in a text the user wrote (a template): 1-based
/// line and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextProblem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for TextProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn a_number_in_an_english_sentence_is_grouped_by_threes() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(8_388_608), "8,388,608");
        assert_eq!(grouped(u64::MAX), "18,446,744,073,709,551,615");
    }
}
