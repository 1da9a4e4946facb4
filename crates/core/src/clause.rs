//! The clauses (a)–(k) of the International Code of Conduct for Information
//! Security (A/66/359): what a dispute is about. Clause (k), peaceful
//! settlement, applies to every case.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// One clause letter, `a` to `k`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(type = "string"))]
#[serde(try_from = "String", into = "String")]
pub struct Clause(char);

/// Short English topics (unofficial summaries, for lists and filters).
const TOPICS: [&str; 11] = [
    "UN Charter, sovereignty, territorial integrity, human rights",
    "no hostile use of ICT; no proliferation of information weapons",
    "cooperation against ICT crime, terrorism and destabilising content",
    "security of the ICT supply chain",
    "protection of information space and critical information infrastructure",
    "rights and freedoms in the information space",
    "multilateral, transparent and democratic Internet governance",
    "culture of information security; role of the private sector",
    "capacity building for developing countries; the digital divide",
    "bilateral, regional and international cooperation; the role of the UN",
    "peaceful settlement of disputes, without the use or threat of force",
];

impl Clause {
    pub const K: Clause = Clause('k');

    pub fn letter(self) -> char {
        self.0
    }

    pub fn topic(self) -> &'static str {
        TOPICS[(self.0 as u8 - b'a') as usize]
    }

    pub fn all() -> impl Iterator<Item = Clause> {
        ('a'..='k').map(Clause)
    }
}

impl FromStr for Clause {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let t = s.trim().trim_start_matches('(').trim_end_matches(')');
        let mut chars = t.chars();
        match (chars.next().map(|c| c.to_ascii_lowercase()), chars.next()) {
            (Some(c @ 'a'..='k'), None) => Ok(Clause(c)),
            _ => Err(Error::input(
                "unknown_clause",
                [("clause", s.to_owned())],
                format!("unknown clause '{s}': the code of conduct has clauses a to k"),
            )),
        }
    }
}

impl TryFrom<String> for Clause {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        s.parse()
    }
}

impl From<Clause> for String {
    fn from(c: Clause) -> String {
        c.0.to_string()
    }
}

impl fmt::Display for Clause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Parses a stored, comma-separated clause list (`"c,k"`).
pub fn parse_list(s: &str) -> Result<Vec<Clause>, Error> {
    s.split(',')
        .filter(|p| !p.is_empty())
        .map(str::parse)
        .collect()
}

pub(crate) fn format_list(clauses: &[Clause]) -> String {
    clauses
        .iter()
        .map(|c| c.0.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_a_to_k_parse_in_any_usual_spelling() {
        assert_eq!("k".parse::<Clause>().unwrap(), Clause::K);
        assert_eq!("(K)".parse::<Clause>().unwrap(), Clause::K);
        assert!("l".parse::<Clause>().is_err());
        assert!("ab".parse::<Clause>().is_err());
        assert_eq!(Clause::all().count(), 11);
    }
}
