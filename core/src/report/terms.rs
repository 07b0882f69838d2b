//! Terms of office in the monthly report: what the dataset's elections (换届选举) say about each
//! organization's current term. A valid election (the meeting valid — more than four fifths of
//! those expected present, a competitive slate, not void — and every seat filled) starts a new
//! term; an invalid one does not (选举条例 2020). The term itself is set by the text in force on
//! the election day (see [`crate::org::term_in_force`]).

use chrono::NaiveDate;

use crate::compliance::{count_election, ElectionRules};
use crate::io::Dataset;
use crate::org::ElectionFacts;
use crate::registry::Registry;

use super::ReportError;

/// The latest valid election and the latest election's seats of every organization, up to
/// `as_of`.
pub(crate) fn election_facts(
    ds: &Dataset,
    reg: &Registry,
    as_of: NaiveDate,
) -> Result<ElectionFacts, ReportError> {
    let tree = reg.tree();
    let mut facts = ElectionFacts {
        last_valid: vec![None; tree.len()],
        last_seats: vec![None; tree.len()],
    };
    let mut latest_any: Vec<Option<(NaiveDate, &str)>> = vec![None; tree.len()];
    let rules = ElectionRules::default();
    for e in ds.elections.iter().filter(|e| e.date <= as_of) {
        let Some(i) = tree.index(&e.org).map(|i| i as usize) else {
            continue;
        };
        if let (Some(any), Some(seats)) = (latest_any.get_mut(i), facts.last_seats.get_mut(i)) {
            if any.is_none_or(|(d, id)| (d, id) < (e.date, e.id.as_str())) {
                *any = Some((e.date, e.id.as_str()));
                *seats = Some((e.date, e.seats));
            }
        }
        let result = count_election(&e.to_input(reg)?, &rules)?;
        if !(result.is_valid() && result.unfilled == 0) {
            continue;
        }
        if let Some(slot) = facts.last_valid.get_mut(i) {
            if slot
                .as_ref()
                .is_none_or(|(d, id)| (*d, id.as_str()) < (e.date, e.id.as_str()))
            {
                *slot = Some((e.date, e.id.to_string()));
            }
        }
    }
    Ok(facts)
}
