//! The stages a dispute goes through, and the one function that says which
//! moves are allowed (DESIGN.md, "Stages").

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Consultation,
    Mediation,
    Settlement,
    Closed,
    Withdrawn,
    /// Referred to another peaceful means (UN Charter Art. 33).
    Referred,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Stage::Consultation,
        Stage::Mediation,
        Stage::Settlement,
        Stage::Closed,
        Stage::Withdrawn,
        Stage::Referred,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Consultation => "consultation",
            Stage::Mediation => "mediation",
            Stage::Settlement => "settlement",
            Stage::Closed => "closed",
            Stage::Withdrawn => "withdrawn",
            Stage::Referred => "referred",
        }
    }

    /// Open stages are those in which the parties are still working.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Stage::Consultation | Stage::Mediation | Stage::Settlement
        )
    }

    /// Every move allowed from this stage, in the order to offer them. The
    /// only place the rules live; DESIGN.md ("Stages") gives the source of
    /// each move.
    pub fn allowed_moves(self) -> Vec<Stage> {
        use Stage::*;
        match self {
            Consultation => vec![Mediation, Settlement, Withdrawn, Referred],
            // Back to direct consultations when the parties resume talking
            // without the mediator; closed when the mediator declares that
            // further efforts are no longer justified (the agreement to
            // mediate, Article 8 (b)).
            Mediation => vec![Settlement, Consultation, Closed, Withdrawn, Referred],
            // A settlement that breaks down goes back to mediation.
            Settlement => vec![Closed, Mediation, Withdrawn, Referred],
            Closed | Withdrawn | Referred => vec![],
        }
    }

    pub fn can_move_to(self, to: Stage) -> bool {
        self.allowed_moves().contains(&to)
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Stage {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let s = s.trim().to_ascii_lowercase();
        Stage::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| {
                Error::input(
                    "unknown_stage",
                    [("stage", s.to_owned())],
                    format!("unknown stage '{s}'; stages are: consultation, mediation, settlement, closed, withdrawn, referred"),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::Stage::*;

    #[test]
    fn the_main_path_and_its_shortcut_are_allowed() {
        assert!(Consultation.can_move_to(Mediation));
        assert!(Mediation.can_move_to(Settlement));
        assert!(Settlement.can_move_to(Closed));
        assert!(Consultation.can_move_to(Settlement));
        assert!(Settlement.can_move_to(Mediation));
    }

    #[test]
    fn ended_cases_do_not_move_and_consultations_do_not_skip_to_closed() {
        for s in [Closed, Withdrawn, Referred] {
            assert!(s.allowed_moves().is_empty());
        }
        assert!(!Consultation.can_move_to(Closed));
    }

    /// Found by running a case through the agreement to mediate: its
    /// Article 8 (b) lets the mediator end the mediation by declaration, and
    /// the parties may return to direct consultations.
    #[test]
    fn a_mediation_can_be_ended_by_the_mediator_or_go_back_to_consultations() {
        assert!(Mediation.can_move_to(Closed));
        assert!(Mediation.can_move_to(Consultation));
        assert!(!Settlement.can_move_to(Consultation));
    }

    #[test]
    fn every_open_stage_can_be_withdrawn_or_referred() {
        for s in [Consultation, Mediation, Settlement] {
            assert!(s.can_move_to(Withdrawn) && s.can_move_to(Referred));
        }
    }
}
