//! The sample community's year of the year's processes: the 2025 democratic appraisal of every
//! branch with ballots (one duplicate ballot, one empty ballot of the masses), one member
//! decided 不合格 with a 限期改正 under way, and introduction letters for the transfers since
//! 2025 (incoming letters received on the day of the `transferred_in`), a floating member's
//! temporary letter outstanding and another never acknowledged (expired).
//!
//! ```
//! use dangjian::synth::{sample_community, SAMPLE_APPRAISAL_YEAR};
//! use dangjian::year::ActionKind;
//! let ds = sample_community();
//! assert!(ds.appraisals.iter().all(|a| a.year == SAMPLE_APPRAISAL_YEAR));
//! let action = &ds.appraisal_actions[0];
//! assert_eq!((action.kind, action.outcome), (ActionKind::Rectify, None)); // under way
//! let outstanding = ds.letters.iter().filter(|l| l.received_on.is_none()).count();
//! assert_eq!((ds.letters.len(), outstanding), (10, 2));
//! ```

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use super::{day, Rng};
use crate::io::Dataset;
use crate::member::{EventType, MemberId};
use crate::year::{
    appraised_on, ActionKind, AppraisalAction, AppraisalRecord, Grade, LetterKind, MemberGrade,
    PeerBallot, TransferLetter,
};

/// The year of the sample's appraisal.
///
/// # Examples
///
/// ```
/// use dangjian::synth::{sample_community, SAMPLE_APPRAISAL_YEAR};
/// let ds = sample_community();
/// assert_eq!(SAMPLE_APPRAISAL_YEAR, 2025);
/// assert!(ds.appraisals.iter().all(|a| a.year == SAMPLE_APPRAISAL_YEAR));
/// ```
pub const SAMPLE_APPRAISAL_YEAR: i32 = 2025;

/// Adds appraisals, actions and letters to the sample community `ds` (called at the end of
/// `sample_community`). Leaves `ds` unchanged if its registry cannot be built.
pub(crate) fn add_sample_year(ds: &mut Dataset) {
    let Ok(reg) = ds.to_registry() else {
        return;
    };
    let mut rng = Rng::new(0x0DA6_2025_7EA5);
    let branches = [
        ("B1", day(2025, 12, 20)),
        ("B2", day(2025, 12, 21)),
        ("B3", day(2025, 12, 27)),
        ("B4", day(2026, 1, 10)),
    ];
    for (org, date) in branches.iter() {
        let appraised = appraised_on(&reg, org, *date);
        if appraised.is_empty() {
            continue;
        }
        // B2's last member in id order is the one the branch finds 不合格.
        let weak: Option<MemberId> = (*org == "B2").then(|| appraised.last().cloned()).flatten();
        let popular: Vec<&MemberId> = appraised.iter().step_by(9).collect();
        let mut ballots = Vec::new();
        for voter in &appraised {
            let mut votes = BTreeMap::new();
            for m in &appraised {
                let g = if Some(m) == weak.as_ref() {
                    if rng.chance(80) {
                        Grade::Unqualified
                    } else {
                        Grade::BasicallyQualified
                    }
                } else if popular.contains(&m) && rng.chance(85) {
                    Grade::Excellent
                } else {
                    match rng.below(100) {
                        0..=14 => Grade::Excellent,
                        15..=95 => Grade::Qualified,
                        _ => Grade::BasicallyQualified,
                    }
                };
                votes.insert(m.clone(), g);
            }
            ballots.push(PeerBallot {
                voter: voter.clone(),
                votes,
            });
        }
        let mut masses = Vec::new();
        if *org == "B1" {
            // a second ballot of the first voter: not counted
            if let Some(first) = ballots.first().cloned() {
                ballots.push(first);
            }
            for _ in 0..12 {
                let mut votes = BTreeMap::new();
                for m in &appraised {
                    let g = if rng.chance(20) {
                        Grade::Excellent
                    } else {
                        Grade::Qualified
                    };
                    votes.insert(m.clone(), g);
                }
                masses.push(votes);
            }
            masses.push(BTreeMap::new()); // an empty ballot of the masses
        }
        let self_grades = appraised
            .iter()
            .map(|m| MemberGrade {
                member: m.clone(),
                grade: if Some(m) == weak.as_ref() {
                    Grade::BasicallyQualified
                } else {
                    Grade::Qualified
                },
            })
            .collect();
        let mut rec = AppraisalRecord {
            id: format!("PY{}-{}", SAMPLE_APPRAISAL_YEAR, org),
            org: (*org).to_string(),
            year: SAMPLE_APPRAISAL_YEAR,
            date: *date,
            voters: None,
            self_grades,
            ballots,
            masses,
            decisions: Vec::new(),
            points_grades: Vec::new(),
        };
        // The branch decides as counted.
        let book = crate::year::YearBook {
            rules: ds.appraisal_rules,
            ..Default::default()
        };
        let count = book.count(&reg, &rec);
        rec.decisions = count
            .members
            .iter()
            .map(|m| MemberGrade {
                member: m.member.as_str().into(),
                grade: m.counted,
            })
            .collect();
        if let Some(w) = weak.filter(|w| {
            count
                .members
                .iter()
                .any(|m| m.member == w.as_str() && m.counted == Grade::Unqualified)
        }) {
            ds.appraisal_actions.push(AppraisalAction {
                member: w,
                appraisal: rec.id.clone(),
                kind: ActionKind::Rectify,
                date: day(2026, 1, 15),
                deadline: Some(day(2026, 11, 15)),
                outcome: None,
                outcome_date: None,
            });
        }
        ds.appraisals.push(rec);
    }
    // Letters: every transfer in since 2025 came with a letter received that day.
    let mut serial = BTreeMap::<i32, u32>::new();
    let mut next = |year: i32| {
        let n = serial.entry(year).or_insert(0);
        *n += 1;
        *n
    };
    let since = day(2025, 1, 1);
    let transfers: Vec<(MemberId, NaiveDate, String)> = ds
        .events
        .iter()
        .filter(|e| e.kind == EventType::TransferredIn && e.date >= since)
        .filter_map(|e| Some((e.member.clone(), e.date, e.branch.as_ref()?.to_string())))
        .collect();
    for (member, received, branch) in transfers {
        let issued = received
            .checked_sub_days(Days::new(rng.range(3, 20) as u64))
            .unwrap_or(received);
        let mut l = TransferLetter::new(
            chrono::Datelike::year(&issued),
            0,
            LetterKind::WithinSystem,
            &member,
            "外地党组织",
            &branch,
            issued,
            30,
        );
        l.serial = next(l.year);
        l.received_on = Some(received);
        ds.letters.push(l);
    }
    // Floating members' temporary letters: one outstanding on the sample date, one never
    // acknowledged and expired.
    let floating: Vec<(MemberId, String)> = reg
        .states_on(day(2026, 7, 1))
        .filter(|(_, s)| s.is_member() && s.floating)
        .filter_map(|(i, s)| {
            let branch = reg.tree().get(s.branch?)?.id.to_string();
            Some((reg.member(i)?.id.clone(), branch))
        })
        .take(2)
        .collect();
    let plan = [(day(2026, 7, 1), 60u32), (day(2026, 10, 20), 30u32)];
    for ((member, branch), (issued, days)) in floating.iter().zip(plan) {
        let mut l = TransferLetter::new(
            2026,
            0,
            LetterKind::Temporary,
            member,
            branch,
            "流入地党组织",
            issued,
            days,
        );
        l.serial = next(2026);
        ds.letters.push(l);
    }
}
