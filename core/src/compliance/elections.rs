//! Elections at term end (换届选举): quorum, competitive slate, ballot validity, majority,
//! ties at the last seat and unfilled seats, by 选举条例 (中国共产党基层组织选举工作条例, 2020).
//!
//! A branch election counted from its record:
//!
//! ```
//! use dangjian::compliance::{count_election, ElectionRecord, ElectionRules};
//! let reg = dangjian::Registry::sample_small();
//! let rec: ElectionRecord = serde_json::from_str(r#"{"id": "E1", "org": "B1", "date": "2024-06-01",
//!     "seats": 1, "attendees": ["M1", "M3"], "candidates": ["M1", "M3"],
//!     "ballots": [["M1"], ["M1"]]}"#)?;
//! let r = count_election(&rec.to_input(&reg)?, &ElectionRules::default())?;
//! assert!(r.quorum_met && r.competitive && r.is_valid());
//! assert_eq!(r.elected, ["M1"]); // 2 of 2 votes: more than half
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::ComplianceError;
use crate::member::{MemberId, Stage};
use crate::org::{ElectionFacts, OrgId};
use crate::registry::Registry;
use crate::table::{Column, ColumnData, Role, Table};

/// The numbers of the election rules; the defaults are those of 选举条例.
///
/// # Examples
///
/// ```
/// use dangjian::compliance::{count_election, Ballot, ElectionInput, ElectionRules};
/// let ids = |v: &[&str]| v.iter().map(|s| (*s).into()).collect::<Vec<_>>();
/// let input = ElectionInput {
///     id: "E1".into(), seats: 1,
///     voters: ids(&["M1", "M2", "M3", "M4", "M5"]), excused: vec![],
///     attendees: ids(&["M1", "M2", "M3", "M4"]), // 4 of 5: not more than four fifths
///     candidates: ids(&["M1", "M2"]), ballots: vec![Ballot::of(&["M1"]); 4],
/// };
/// assert!(!count_election(&input, &ElectionRules::default())?.quorum_met);
/// let two_thirds = ElectionRules { quorum_num: 2, quorum_den: 3, ..ElectionRules::default() };
/// assert!(count_election(&input, &two_thirds)?.quorum_met);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ElectionRules {
    /// The meeting is valid when voting attendees exceed `quorum_num / quorum_den` of those
    /// expected (选举条例: more than four fifths).
    pub quorum_num: u32,
    /// See `quorum_num`.
    pub quorum_den: u32,
    /// A competitive slate has at least this many percent more candidates than seats
    /// (选举条例: 20%).
    pub slate_extra_percent: u32,
}

impl Default for ElectionRules {
    fn default() -> Self {
        ElectionRules {
            quorum_num: 4,
            quorum_den: 5,
            slate_extra_percent: 20,
        }
    }
}

/// One ballot: the people marked in favour (候选人 or another eligible member written in,
/// 另选他人). An empty ballot abstains on everyone.
///
/// # Examples
///
/// ```
/// use dangjian::compliance::Ballot;
/// let ballot: Ballot = serde_json::from_str(r#"["M1", "M3"]"#)?; // a list of marks
/// assert_eq!(ballot, Ballot::of(&["M1", "M3"]));
/// assert!(Ballot::default().marks.is_empty()); // an empty ballot abstains
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Ballot {
    /// People marked in favour.
    #[schemars(with = "Vec<String>")]
    pub marks: Vec<MemberId>,
}

impl Ballot {
    /// A ballot marking `ids`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::Ballot;
    /// let ballot = Ballot::of(&["M1", "M2"]);
    /// assert_eq!(ballot.marks, ["M1", "M2"]);
    /// ```
    pub fn of(ids: &[&str]) -> Ballot {
        Ballot {
            marks: ids.iter().map(|s| CompactString::from(*s)).collect(),
        }
    }
}

/// Everything an election round needs, as a pure input.
///
/// ```
/// use dangjian::compliance::{count_election, Ballot, ElectionInput, ElectionRules};
/// // Seed 004: 152 members, 11 unable to attend, 141 expected, 141 present.
/// let voters: Vec<String> = (1..=152).map(|i| format!("M{i:03}")).collect();
/// let input = ElectionInput {
///     id: "seed004".into(),
///     seats: 5,
///     voters: voters.iter().map(|s| s.as_str().into()).collect(),
///     excused: voters[141..].iter().map(|s| s.as_str().into()).collect(),
///     attendees: voters[..141].iter().map(|s| s.as_str().into()).collect(),
///     candidates: voters[..6].iter().map(|s| s.as_str().into()).collect(),
///     ballots: vec![Ballot::of(&["M001", "M002", "M003", "M004", "M005"]); 141],
/// };
/// let r = count_election(&input, &ElectionRules::default()).unwrap();
/// assert_eq!((r.expected, r.present), (141, 141));
/// assert!(r.quorum_met && r.competitive && r.is_valid());
/// assert_eq!(r.elected.len(), 5);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ElectionInput {
    /// Id of the election (for errors and reports).
    #[schemars(with = "String")]
    pub id: CompactString,
    /// Seats to fill (应选人数).
    pub seats: u32,
    /// Members with voting rights: full members, not under probation-in-party discipline
    /// (留党察看) (党章 art. 7; 选举条例).
    #[schemars(with = "Vec<String>")]
    pub voters: Vec<MemberId>,
    /// Voters excused with approval (illness, abroad, working away …); not expected.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub excused: Vec<MemberId>,
    /// Voters present and voting (实到会).
    #[schemars(with = "Vec<String>")]
    pub attendees: Vec<MemberId>,
    /// The slate (候选人).
    #[schemars(with = "Vec<String>")]
    pub candidates: Vec<MemberId>,
    /// Ballots returned.
    pub ballots: Vec<Ballot>,
}

/// Why a ballot is invalid.
///
/// # Examples
///
/// ```
/// use dangjian::compliance::InvalidBallot;
/// assert_eq!(serde_json::to_string(&InvalidBallot::TooManyMarks)?, "\"too_many_marks\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InvalidBallot {
    /// More people marked than seats (选举条例).
    TooManyMarks,
    /// The same person marked twice.
    DuplicateMark,
    /// A marked person is neither a candidate nor a voter (not eligible to be elected).
    Ineligible,
}

/// The count of one round.
///
/// # Examples
///
/// ```
/// use dangjian::compliance::{count_election, Ballot, ElectionInput, ElectionRules};
/// let ids = |v: &[&str]| v.iter().map(|s| (*s).into()).collect::<Vec<_>>();
/// let six = ids(&["M1", "M2", "M3", "M4", "M5", "M6"]);
/// let mut ballots = vec![Ballot::of(&["M1", "M2"]); 4];
/// ballots.push(Ballot::of(&["M1", "M3"]));
/// ballots.push(Ballot::of(&["M1", "M2", "M3"])); // marks more people than seats
/// let input = ElectionInput { id: "E1".into(), seats: 2, voters: six.clone(), excused: vec![],
///     attendees: six, candidates: ids(&["M1", "M2", "M3"]), ballots };
/// let r = count_election(&input, &ElectionRules::default())?;
/// assert_eq!((r.valid_ballots, r.invalid_too_many, r.votes_needed), (5, 1, 4));
/// assert_eq!(r.elected, ["M1", "M2"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ElectionResult {
    /// The election id.
    #[schemars(with = "String")]
    pub id: CompactString,
    /// Seats to fill.
    pub seats: u64,
    /// Members with voting rights.
    pub eligible: u64,
    /// Excused with approval.
    pub excused: u64,
    /// Expected: eligible less excused (应到会).
    pub expected: u64,
    /// Voting attendees (实到会).
    pub present: u64,
    /// `present / eligible` in basis points, rounded down (participation).
    pub participation_bp: u64,
    /// Voting attendees exceed four fifths of those expected (选举条例).
    pub quorum_met: bool,
    /// Candidates on the slate.
    pub candidates: u64,
    /// At least 20% more candidates than seats (选举条例 差额选举).
    pub competitive: bool,
    /// Ballots returned.
    pub ballots: u64,
    /// More ballots returned than voting attendees: the round is void and must be repeated (选举条例).
    pub void: bool,
    /// Valid ballots.
    pub valid_ballots: u64,
    /// Invalid ballots, by reason.
    pub invalid_ballots: u64,
    /// Invalid for marking more people than seats.
    pub invalid_too_many: u64,
    /// Invalid for a duplicate mark.
    pub invalid_duplicate: u64,
    /// Invalid for marking an ineligible person.
    pub invalid_ineligible: u64,
    /// Votes received, one entry per person who received a vote or is a candidate, most first.
    pub tally: Tally,
    /// Votes needed: more than half of the voting attendees (选举条例): `present / 2 + 1`.
    pub votes_needed: u64,
    /// Elected, most votes first (empty when the round is not valid).
    #[schemars(with = "Vec<String>")]
    pub elected: Vec<MemberId>,
    /// Tied for the last seat(s): a further round among them is needed.
    #[schemars(with = "Vec<String>")]
    pub tied: Vec<MemberId>,
    /// Seats not filled (including those left by a tie): a further round is needed.
    pub unfilled: u64,
}

impl ElectionResult {
    /// Quorum met, slate competitive and not void.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::{count_election, Ballot, ElectionInput, ElectionRules};
    /// let ids = |v: &[&str]| v.iter().map(|s| (*s).into()).collect::<Vec<_>>();
    /// let input = ElectionInput { id: "E1".into(), seats: 2, voters: ids(&["M1", "M2", "M3"]),
    ///     excused: vec![], attendees: ids(&["M1", "M2", "M3"]),
    ///     candidates: ids(&["M1", "M2"]), // as many candidates as seats: not 差额
    ///     ballots: vec![Ballot::of(&["M1", "M2"]); 3] };
    /// let r = count_election(&input, &ElectionRules::default())?;
    /// assert!(r.quorum_met && !r.competitive && !r.is_valid());
    /// assert!(r.elected.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_valid(&self) -> bool {
        self.quorum_met && self.competitive && !self.void
    }

    /// Stable codes of the problems found (`no_quorum`, `not_competitive`, `void`, `tie`,
    /// `unfilled`).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::{count_election, Ballot, ElectionInput, ElectionRules};
    /// let ids = |v: &[&str]| v.iter().map(|s| (*s).into()).collect::<Vec<_>>();
    /// let five = ids(&["M1", "M2", "M3", "M4", "M5"]);
    /// let ballots = [["M1", "M2"], ["M1", "M3"], ["M1", "M2"], ["M1", "M3"], ["M2", "M3"]];
    /// let input = ElectionInput { id: "E1".into(), seats: 2, voters: five.clone(), excused: vec![],
    ///     attendees: five, candidates: ids(&["M1", "M2", "M3"]),
    ///     ballots: ballots.iter().map(|b| Ballot::of(b)).collect() };
    /// let r = count_election(&input, &ElectionRules::default())?;
    /// assert_eq!(r.elected, ["M1"]);
    /// assert_eq!(r.findings(), ["tie", "unfilled"]); // M2 and M3 tied at 3 votes for the last seat
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn findings(&self) -> Vec<&'static str> {
        let mut f = Vec::new();
        if !self.quorum_met {
            f.push("no_quorum");
        }
        if !self.competitive {
            f.push("not_competitive");
        }
        if self.void {
            f.push("void");
        }
        if !self.tied.is_empty() {
            f.push("tie");
        }
        if self.unfilled > 0 {
            f.push("unfilled");
        }
        f
    }
}

/// Votes per person (columnar), most votes first, then candidates before write-ins, then id.
///
/// # Examples
///
/// ```
/// use dangjian::compliance::{count_election, Ballot, ElectionInput, ElectionRules};
/// use dangjian::table::Table;
/// let ids = |v: &[&str]| v.iter().map(|s| (*s).into()).collect::<Vec<_>>();
/// let input = ElectionInput { id: "E1".into(), seats: 1, voters: ids(&["M1", "M2", "M3"]),
///     excused: vec![], attendees: ids(&["M1", "M2", "M3"]), candidates: ids(&["M1", "M2"]),
///     ballots: vec![Ballot::of(&["M2"]), Ballot::of(&["M2"]), Ballot::of(&["M3"])] };
/// let tally = count_election(&input, &ElectionRules::default())?.tally;
/// assert_eq!(tally.person, ["M2", "M3", "M1"]); // most votes first; M3 written in
/// assert_eq!(tally.votes, [2, 1, 0]);
/// assert_eq!(tally.on_slate, [true, false, true]);
/// assert_eq!(tally.title_zh(), "选举计票结果");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Tally {
    /// Person.
    #[schemars(with = "Vec<String>")]
    pub person: Vec<MemberId>,
    /// On the slate (otherwise written in).
    pub on_slate: Vec<bool>,
    /// Votes in favour on valid ballots.
    pub votes: Vec<u64>,
    /// Elected.
    pub elected: Vec<bool>,
    /// Tied for the last seat.
    pub tied: Vec<bool>,
}

impl Table for Tally {
    fn name(&self) -> &str {
        "election_tally"
    }
    fn title_zh(&self) -> String {
        "选举计票结果".into()
    }
    fn len(&self) -> usize {
        self.person.len()
    }
    fn columns(&self) -> Vec<Column<'_>> {
        vec![
            Column::new(
                "person",
                "被选举人编号",
                Role::MemberId,
                ColumnData::Str(self.person.iter().map(|s| s.as_str()).collect()),
            ),
            Column::new(
                "on_slate",
                "是否候选人",
                Role::Value,
                ColumnData::Bool(&self.on_slate),
            ),
            Column::new("votes", "得票数", Role::Value, ColumnData::U64(&self.votes)),
            Column::new(
                "elected",
                "当选",
                Role::Value,
                ColumnData::Bool(&self.elected),
            ),
            Column::new(
                "tied",
                "票数相等待再选",
                Role::Value,
                ColumnData::Bool(&self.tied),
            ),
        ]
    }
}

fn dup(list: &[MemberId]) -> Option<&MemberId> {
    let mut seen = HashSet::with_capacity(list.len());
    list.iter().find(|x| !seen.insert(x.as_str()))
}

/// Counts one election round (a pure function of its input).
///
/// Rules (选举条例): expected = voters − excused; the meeting is valid when present > 4/5 ×
/// expected; the slate is competitive when candidates ≥ 1.2 × seats; a ballot marking more people
/// than seats is invalid; more ballots than voting attendees voids the round; a person is elected
/// with votes in favour from more than half of the voting attendees, most votes first up to the
/// seats; equal votes at the last seat leave those seats to a further round, as do seats no one
/// won. When the round is not valid nobody is elected.
///
/// Errors: no seats; a voter listed twice; an excused person, attendee or candidate who is not a
/// voter; a person both excused and present; a candidate listed twice.
///
/// # Examples
///
/// ```
/// use dangjian::compliance::{count_election, ElectionInput, ElectionRules};
/// let input = ElectionInput { id: "E1".into(), seats: 0, ..ElectionInput::default() };
/// let err = count_election(&input, &ElectionRules::default()).unwrap_err();
/// assert_eq!(err.code(), "bad_election");
/// assert_eq!(err.to_string(), "election `E1`, field `seats`: there must be at least one seat");
/// ```
pub fn count_election(
    input: &ElectionInput,
    rules: &ElectionRules,
) -> Result<ElectionResult, ComplianceError> {
    let bad = |field: &'static str, reason: String| ComplianceError::BadElection {
        election: input.id.clone(),
        field,
        reason,
    };
    if input.seats == 0 {
        return Err(bad("seats", "there must be at least one seat".into()));
    }
    if rules.quorum_den == 0 || rules.quorum_num > rules.quorum_den {
        return Err(bad(
            "rules",
            "quorum must be a fraction of at most 1".into(),
        ));
    }
    if let Some(d) = dup(&input.voters) {
        return Err(bad("voters", format!("`{d}` is listed twice")));
    }
    let voters: HashSet<&str> = input.voters.iter().map(|s| s.as_str()).collect();
    for (field, list) in [
        ("excused", &input.excused),
        ("attendees", &input.attendees),
        ("candidates", &input.candidates),
    ] {
        if let Some(d) = dup(list) {
            return Err(bad(field, format!("`{d}` is listed twice")));
        }
        if let Some(x) = list.iter().find(|x| !voters.contains(x.as_str())) {
            return Err(bad(
                field,
                format!("`{x}` has no voting rights here (only full members vote and stand, 党章 art. 7)"),
            ));
        }
    }
    let excused: HashSet<&str> = input.excused.iter().map(|s| s.as_str()).collect();
    if let Some(x) = input
        .attendees
        .iter()
        .find(|x| excused.contains(x.as_str()))
    {
        return Err(bad(
            "attendees",
            format!("`{x}` is both excused and present"),
        ));
    }
    let eligible = voters.len() as u64;
    let n_excused = excused.len() as u64;
    let expected = eligible - n_excused;
    let present = input.attendees.len() as u64;
    let seats = u64::from(input.seats);
    let candidates = input.candidates.len() as u64;
    // present > num/den × expected  ⇔  present × den > num × expected
    let quorum_met = u128::from(present) * u128::from(rules.quorum_den)
        > u128::from(rules.quorum_num) * u128::from(expected);
    // candidates ≥ (1 + p/100) × seats  ⇔  100 × candidates ≥ (100 + p) × seats
    let competitive = u128::from(candidates) * 100
        >= u128::from(100 + rules.slate_extra_percent) * u128::from(seats);
    let ballots = input.ballots.len() as u64;
    let void = ballots > present;
    let slate: HashSet<&str> = input.candidates.iter().map(|s| s.as_str()).collect();
    let mut votes: HashMap<&str, u64> = input.candidates.iter().map(|c| (c.as_str(), 0)).collect();
    let (mut too_many, mut duplicate, mut ineligible) = (0u64, 0u64, 0u64);
    for b in &input.ballots {
        if b.marks.len() as u64 > seats {
            too_many += 1;
            continue;
        }
        if dup(&b.marks).is_some() {
            duplicate += 1;
            continue;
        }
        if b.marks.iter().any(|m| !voters.contains(m.as_str())) {
            ineligible += 1;
            continue;
        }
        for m in &b.marks {
            *votes.entry(m.as_str()).or_insert(0) += 1;
        }
    }
    let invalid = too_many + duplicate + ineligible;
    let mut order: Vec<(&str, u64)> = votes.into_iter().collect();
    crate::sort::sort_by(&mut order, |a, b| {
        b.1.cmp(&a.1)
            .then_with(|| slate.contains(b.0).cmp(&slate.contains(a.0)))
            .then_with(|| a.0.cmp(b.0))
    });
    let votes_needed = present / 2 + 1;
    let valid_round = quorum_met && competitive && !void;
    let mut elected: Vec<MemberId> = Vec::new();
    let mut tied: Vec<MemberId> = Vec::new();
    if valid_round {
        let qualified: Vec<&(&str, u64)> =
            order.iter().filter(|(_, v)| *v >= votes_needed).collect();
        if qualified.len() as u64 <= seats {
            elected = qualified
                .iter()
                .map(|(p, _)| CompactString::from(*p))
                .collect();
        } else {
            // The votes of the last seat; everyone qualified with exactly those votes is tied
            // unless all of them fit.
            let cut = qualified
                .get(seats as usize - 1)
                .map(|(_, v)| *v)
                .unwrap_or(0);
            let above: Vec<&str> = qualified
                .iter()
                .filter(|(_, v)| *v > cut)
                .map(|(p, _)| *p)
                .collect();
            let at: Vec<&str> = qualified
                .iter()
                .filter(|(_, v)| *v == cut)
                .map(|(p, _)| *p)
                .collect();
            elected = above.iter().map(|p| CompactString::from(*p)).collect();
            if (above.len() + at.len()) as u64 <= seats {
                elected.extend(at.iter().map(|p| CompactString::from(*p)));
            } else {
                tied = at.iter().map(|p| CompactString::from(*p)).collect();
            }
        }
    }
    let el: HashSet<&str> = elected.iter().map(|s| s.as_str()).collect();
    let ti: HashSet<&str> = tied.iter().map(|s| s.as_str()).collect();
    let tally = Tally {
        person: order.iter().map(|(p, _)| CompactString::from(*p)).collect(),
        on_slate: order.iter().map(|(p, _)| slate.contains(p)).collect(),
        votes: order.iter().map(|(_, v)| *v).collect(),
        elected: order.iter().map(|(p, _)| el.contains(p)).collect(),
        tied: order.iter().map(|(p, _)| ti.contains(p)).collect(),
    };
    Ok(ElectionResult {
        id: input.id.clone(),
        seats,
        eligible,
        excused: n_excused,
        expected,
        present,
        participation_bp: crate::stats::basis_points(present, eligible).unwrap_or(0),
        quorum_met,
        candidates,
        competitive,
        ballots,
        void,
        valid_ballots: ballots - invalid,
        invalid_ballots: invalid,
        invalid_too_many: too_many,
        invalid_duplicate: duplicate,
        invalid_ineligible: ineligible,
        tally,
        votes_needed,
        unfilled: seats - elected.len() as u64,
        elected,
        tied,
    })
}

/// One recorded election as counted: which organization elected on which day, the count of
/// [`count_election`], and its verdict. What the bindings show for `elections()`.
///
/// # Examples
///
/// ```
/// use dangjian::compliance::{Compliance, ElectionRules};
/// let ds = dangjian::synth::sample_community();
/// let reg = ds.to_registry()?;
/// let counted = Compliance::from_dataset(&ds, &reg)?.elections_counted(&reg, &ElectionRules::default())?;
/// let founding = &counted[0];
/// assert_eq!((founding.org.as_str(), founding.date.to_string()), ("Z", "2022-11-01".to_string()));
/// assert_eq!((founding.result.expected, founding.result.present), (111, 108));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CountedElection {
    /// The organization electing its committee (or secretary).
    #[schemars(with = "String")]
    pub org: OrgId,
    /// Day of the election meeting.
    pub date: NaiveDate,
    /// Quorum met, slate competitive and not void ([`ElectionResult::is_valid`]).
    pub valid: bool,
    /// Stable codes of the problems found ([`ElectionResult::findings`]), and `refused_names`
    /// when names were refused from the lists.
    pub findings: Vec<String>,
    /// Names refused from the lists for want of voting rights (rule [`VOTING_RIGHTS_RULE`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<RefusedName>,
    /// The count.
    #[serde(flatten)]
    pub result: ElectionResult,
}

/// An election as recorded in a dataset. When `voters` is absent, the voters are the full members
/// of the organization's subtree on the day (from the registry).
///
/// # Examples
///
/// ```
/// use dangjian::compliance::ElectionRecord;
/// let reg = dangjian::Registry::sample_small();
/// let rec: ElectionRecord = serde_json::from_str(r#"{"id": "E1", "org": "B1",
///     "date": "2024-06-01", "seats": 1, "attendees": ["M1", "M2", "M3"],
///     "candidates": ["M1", "M3"], "ballots": [["M1"], ["M1"], ["M3"]]}"#)?;
/// let input = rec.to_input(&reg)?; // voters derived from the roster
/// assert_eq!(input.voters, ["M1", "M3"]); // M2's conversion is not recorded: probationary
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ElectionRecord {
    /// Unique id.
    #[schemars(with = "String")]
    pub id: CompactString,
    /// The organization electing its committee (or secretary).
    #[schemars(with = "String")]
    pub org: OrgId,
    /// Day of the election meeting.
    pub date: NaiveDate,
    /// Seats.
    pub seats: u32,
    /// Voters, if not derived from the registry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Vec<String>>")]
    pub voters: Option<Vec<MemberId>>,
    /// Excused with approval.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub excused: Vec<MemberId>,
    /// Voting attendees.
    #[schemars(with = "Vec<String>")]
    pub attendees: Vec<MemberId>,
    /// Candidates.
    #[schemars(with = "Vec<String>")]
    pub candidates: Vec<MemberId>,
    /// Ballots.
    pub ballots: Vec<Ballot>,
}

/// The catalogue code of the rule on who votes and who may be elected (see [`RefusedName`]).
///
/// # Examples
///
/// ```
/// use dangjian::compliance::VOTING_RIGHTS_RULE;
/// let rule = dangjian::catalogue::find(VOTING_RIGHTS_RULE).ok_or("not catalogued")?;
/// assert_eq!(rule.code, "election_voting_rights");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const VOTING_RIGHTS_RULE: &str = "election_voting_rights";

/// Which list of an election record a name was on.
///
/// # Examples
///
/// ```
/// use dangjian::compliance::{ElectionList, ElectionRecord};
/// let reg = dangjian::Registry::sample_small();
/// let rec: ElectionRecord = serde_json::from_str(r#"{"id": "E1", "org": "B1", "date": "2023-06-01",
///     "seats": 1, "attendees": ["M1", "M3"], "candidates": ["M1", "M2"], "ballots": []}"#)?;
/// let refused = rec.checked_input(&reg)?.refused;
/// assert_eq!((refused[0].member.as_str(), refused[0].list), ("M2", ElectionList::Candidates));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ElectionList {
    /// `voters` (有选举权的党员).
    Voters,
    /// `excused` (请假).
    Excused,
    /// `attendees` (实到会).
    Attendees,
    /// `candidates` (候选人).
    Candidates,
}

impl ElectionList {
    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::ElectionList;
    /// assert_eq!(ElectionList::Candidates.label(), "候选人名单");
    /// assert_eq!(ElectionList::Attendees.label(), "到会名单");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            ElectionList::Voters => "选举人名单",
            ElectionList::Excused => "请假名单",
            ElectionList::Attendees => "到会名单",
            ElectionList::Candidates => "候选人名单",
        }
    }
}

/// Why a name on an election's lists has no right to vote or to be elected on the election day.
///
/// # Examples
///
/// ```
/// use dangjian::compliance::{ElectionRecord, RefusalReason};
/// let reg = dangjian::Registry::sample_small();
/// let rec: ElectionRecord = serde_json::from_str(r#"{"id": "E1", "org": "B1", "date": "2023-06-01",
///     "seats": 1, "attendees": ["M1", "M3", "M4"], "candidates": ["M1", "M3"], "ballots": []}"#)?;
/// let refused = rec.checked_input(&reg)?.refused;
/// assert_eq!(refused[0].member, "M4");
/// assert_eq!(refused[0].reason, RefusalReason::OtherOrganization); // M4 is in B2
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RefusalReason {
    /// The id is not on the roster.
    NotOnRoster,
    /// Not a member of the party in this community on the day (applicant, former member …).
    NotAMember,
    /// A member of an organization outside the electing one.
    OtherOrganization,
    /// A probationary member: attends, but has no vote and cannot be elected (党章 art. 7).
    Probationary,
    /// Under 留党察看: no right to vote, elect or be elected (党章 art. 41).
    UnderObservation,
    /// Rights suspended (停止党员权利).
    RightsSuspended,
}

impl RefusalReason {
    /// Stable code.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::RefusalReason;
    /// assert_eq!(RefusalReason::Probationary.code(), "probationary");
    /// assert_eq!(RefusalReason::UnderObservation.code(), "under_observation");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            RefusalReason::NotOnRoster => "not_on_roster",
            RefusalReason::NotAMember => "not_a_member",
            RefusalReason::OtherOrganization => "other_organization",
            RefusalReason::Probationary => "probationary",
            RefusalReason::UnderObservation => "under_observation",
            RefusalReason::RightsSuspended => "rights_suspended",
        }
    }

    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::RefusalReason;
    /// assert_eq!(RefusalReason::NotOnRoster.label(), "不在党员名册");
    /// assert_eq!(RefusalReason::RightsSuspended.label(), "党员权利被停止");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            RefusalReason::NotOnRoster => "不在党员名册",
            RefusalReason::NotAMember => "选举日不是本社区党员",
            RefusalReason::OtherOrganization => "不属于本组织",
            RefusalReason::Probationary => "预备党员没有表决权、选举权和被选举权",
            RefusalReason::UnderObservation => "留党察看期间没有表决权、选举权和被选举权",
            RefusalReason::RightsSuspended => "党员权利被停止",
        }
    }
}

/// A name refused from an election's lists: it is not counted (not a voter, not present, not on
/// the slate), and a ballot marking it is invalid as marking an ineligible person.
///
/// # Examples
///
/// ```
/// use dangjian::compliance::{ElectionList, ElectionRecord, RefusalReason, VOTING_RIGHTS_RULE};
/// let reg = dangjian::Registry::sample_small();
/// let rec: ElectionRecord = serde_json::from_str(r#"{"id": "E1", "org": "B1", "date": "2023-06-01",
///     "seats": 1, "attendees": ["M1", "M3", "X13800138000"], "candidates": ["M1", "M3"], "ballots": []}"#)?;
/// let name = &rec.checked_input(&reg)?.refused[0];
/// assert_eq!(name.member, "X138****8000"); // a phone-like id is masked
/// assert_eq!((name.list, name.reason), (ElectionList::Attendees, RefusalReason::NotOnRoster));
/// assert_eq!(name.rule, VOTING_RIGHTS_RULE);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RefusedName {
    /// The id as written (digit runs that could be ID numbers or phones masked).
    #[schemars(with = "String")]
    pub member: MemberId,
    /// The list it was on.
    pub list: ElectionList,
    /// Why.
    pub reason: RefusalReason,
    /// The catalogue rule ([`VOTING_RIGHTS_RULE`]).
    pub rule: String,
}

/// A recorded election checked against the roster: the pure input to count, and the names
/// refused from its lists.
///
/// # Examples
///
/// ```
/// use dangjian::compliance::ElectionRecord;
/// let reg = dangjian::Registry::sample_small();
/// let rec: ElectionRecord = serde_json::from_str(r#"{"id": "E1", "org": "B1", "date": "2023-06-01",
///     "seats": 1, "attendees": ["M1", "M2", "M3"], "candidates": ["M1", "M3"], "ballots": []}"#)?;
/// let checked = rec.checked_input(&reg)?;
/// assert_eq!(checked.input.attendees, ["M1", "M3"]); // M2, probationary, is not counted
/// assert_eq!(checked.refused.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedElection {
    /// The input, refused names taken out.
    pub input: ElectionInput,
    /// The names refused, list by list in the record's order.
    pub refused: Vec<RefusedName>,
}

/// Judges who may vote and be elected in `org`'s election on a day: full members of the
/// organization (its subtree) on that day, not under 留党察看, rights not suspended (党章 art. 7
/// and art. 41; 中国共产党基层组织选举工作条例, 2020).
struct RightsJudge<'a> {
    reg: &'a Registry,
    timelines: crate::stats::Timelines,
    org: crate::org::OrgIdx,
    date: NaiveDate,
}

impl<'a> RightsJudge<'a> {
    fn new(reg: &'a Registry, org: &str, date: NaiveDate) -> Result<Self, ComplianceError> {
        let o = reg
            .tree()
            .index(org)
            .ok_or_else(|| ComplianceError::UnknownOrg {
                section: "elections",
                position: 0,
                org: org.into(),
            })?;
        Ok(RightsJudge {
            reg,
            timelines: crate::stats::Timelines::build(reg),
            org: o,
            date,
        })
    }

    /// Why member `i` has no voting rights here, or `None` when they have.
    fn refusal_of(&self, i: u32) -> Option<RefusalReason> {
        let Some(s) = self.timelines.on(i, self.date).filter(|s| s.is_member()) else {
            return Some(RefusalReason::NotAMember);
        };
        if !s
            .unit()
            .is_some_and(|u| self.reg.tree().contains(self.org, u))
        {
            return Some(RefusalReason::OtherOrganization);
        }
        if s.stage != Stage::Full {
            return Some(RefusalReason::Probationary);
        }
        if s.under_observation(self.date) {
            return Some(RefusalReason::UnderObservation);
        }
        if s.rights_suspended {
            return Some(RefusalReason::RightsSuspended);
        }
        None
    }

    fn refusal(&self, id: &str) -> Option<RefusalReason> {
        match self.reg.member_index(id) {
            None => Some(RefusalReason::NotOnRoster),
            Some(i) => self.refusal_of(i),
        }
    }

    fn eligible(&self) -> Vec<MemberId> {
        (0..self.reg.len() as u32)
            .filter(|&i| self.refusal_of(i).is_none())
            .filter_map(|i| self.reg.member(i).map(|r| r.id.clone()))
            .collect()
    }
}

/// Members of `org`'s subtree with voting rights on `date`: full members, not under 留党察看,
/// rights not suspended (党章 art. 7 and art. 41; 选举条例).
///
/// # Examples
///
/// ```
/// use dangjian::compliance::eligible_voters;
/// let reg = dangjian::Registry::sample_small();
/// let day = |s: &str| s.parse::<dangjian::chrono::NaiveDate>();
/// // M2 is probationary until 2024-03-01: no vote before.
/// assert_eq!(eligible_voters(&reg, "B1", day("2023-06-01")?)?, ["M1", "M3"]);
/// assert_eq!(eligible_voters(&reg, "Z", day("2023-06-01")?)?, ["M1", "M3", "M4"]);
/// assert_eq!(eligible_voters(&reg, "B9", day("2023-06-01")?).unwrap_err().code(), "unknown_org");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn eligible_voters(
    reg: &Registry,
    org: &str,
    date: NaiveDate,
) -> Result<Vec<MemberId>, ComplianceError> {
    Ok(RightsJudge::new(reg, org, date)?.eligible())
}

impl ElectionRecord {
    /// The pure input of this record, deriving voters from `reg` when not listed, with the
    /// names that have no voting rights taken out (see [`ElectionRecord::checked_input`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::{count_election, ElectionRecord, ElectionRules};
    /// let reg = dangjian::Registry::sample_small();
    /// let rec: ElectionRecord = serde_json::from_str(r#"{"id": "E1", "org": "Z", "date": "2024-06-01",
    ///     "seats": 1, "attendees": ["M1", "M3", "M4"], "candidates": ["M1", "M3"],
    ///     "ballots": [["M1"], ["M1"], ["M3"]]}"#)?;
    /// let result = count_election(&rec.to_input(&reg)?, &ElectionRules::default())?;
    /// assert_eq!((result.eligible, result.present), (3, 3)); // M2 is probationary
    /// assert_eq!(result.elected, ["M1"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_input(&self, reg: &Registry) -> Result<ElectionInput, ComplianceError> {
        Ok(self.checked_input(reg)?.input)
    }

    /// Checks every list of the record against the roster on the election day (rule
    /// [`VOTING_RIGHTS_RULE`]): voters (when listed), excused, attendees and candidates must be
    /// full members of the organization, not under 留党察看 and with their rights not suspended
    /// (党章 art. 7 and art. 41; 中国共产党基层组织选举工作条例, 2020). Each refused name is
    /// reported with its reason and left out of the count; voters, when not listed, are those
    /// with voting rights.
    ///
    /// ```
    /// use dangjian::compliance::{ElectionRecord, RefusalReason};
    /// let reg = dangjian::Registry::sample_small();
    /// let rec: ElectionRecord = serde_json::from_str(r#"{"id": "E1", "org": "B1",
    ///   "date": "2023-06-01", "seats": 1, "attendees": ["M1", "M2", "X9"],
    ///   "candidates": ["M1", "M2"], "ballots": []}"#).unwrap();
    /// let c = rec.checked_input(&reg).unwrap();
    /// // M2 is probationary on the day, X9 is not on the roster.
    /// let why: Vec<_> = c.refused.iter().map(|r| (r.member.as_str(), r.reason)).collect();
    /// assert!(why.contains(&("M2", RefusalReason::Probationary)));
    /// assert!(why.contains(&("X9", RefusalReason::NotOnRoster)));
    /// assert!(!c.input.attendees.iter().any(|a| a == "M2" || a == "X9"));
    /// ```
    pub fn checked_input(&self, reg: &Registry) -> Result<CheckedElection, ComplianceError> {
        let judge = RightsJudge::new(reg, &self.org, self.date)?;
        let mut refused = Vec::new();
        let mut keep = |list: ElectionList, ids: &[MemberId]| -> Vec<MemberId> {
            ids.iter()
                .filter(|id| match judge.refusal(id) {
                    None => true,
                    Some(reason) => {
                        refused.push(RefusedName {
                            member: crate::privacy::redact_runs(id, 11).into(),
                            list,
                            reason,
                            rule: VOTING_RIGHTS_RULE.into(),
                        });
                        false
                    }
                })
                .cloned()
                .collect()
        };
        let voters = match &self.voters {
            Some(v) => keep(ElectionList::Voters, v),
            None => judge.eligible(),
        };
        let excused = keep(ElectionList::Excused, &self.excused);
        let attendees = keep(ElectionList::Attendees, &self.attendees);
        let candidates = keep(ElectionList::Candidates, &self.candidates);
        Ok(CheckedElection {
            input: ElectionInput {
                id: self.id.clone(),
                seats: self.seats,
                voters,
                excused,
                attendees,
                candidates,
                ballots: self.ballots.clone(),
            },
            refused,
        })
    }
}

/// The latest valid election and the latest election's seats of every organization, up to
/// `as_of`: what the dataset's elections (换届选举) say about each organization's current term.
/// A valid election (the meeting valid — more than four fifths of those expected present, a
/// competitive slate, not void — and every seat filled) starts a new term; an invalid one does
/// not (选举条例 2020). The term itself is set by the text in force on the election day (see
/// [`crate::org::term_in_force`]). Read by the monthly report's terms and by the agenda.
pub(crate) fn election_facts(
    elections: &[ElectionRecord],
    reg: &Registry,
    as_of: NaiveDate,
) -> Result<ElectionFacts, ComplianceError> {
    let tree = reg.tree();
    let mut facts = ElectionFacts {
        last_valid: vec![None; tree.len()],
        last_seats: vec![None; tree.len()],
    };
    let mut latest_any: Vec<Option<(NaiveDate, &str)>> = vec![None; tree.len()];
    let rules = ElectionRules::default();
    for e in elections.iter().filter(|e| e.date <= as_of) {
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn ids(range: std::ops::RangeInclusive<u32>) -> Vec<MemberId> {
        range.map(|i| format!("M{i:03}").into()).collect()
    }

    fn seed004(ballots: Vec<Ballot>) -> ElectionInput {
        let voters = ids(1..=152);
        ElectionInput {
            id: "E".into(),
            seats: 5,
            excused: voters[141..].to_vec(),
            attendees: voters[..141].to_vec(),
            candidates: voters[..6].to_vec(),
            voters,
            ballots,
        }
    }

    #[test]
    fn seed_004_quorum_by_hand() {
        // 152 members, 11 unable to attend: 141 expected, 141 present; 141 × 5 = 705 > 4 × 141 = 564.
        let r = count_election(&seed004(vec![]), &ElectionRules::default()).unwrap();
        assert_eq!(
            (r.eligible, r.excused, r.expected, r.present),
            (152, 11, 141, 141)
        );
        assert!(r.quorum_met);
        // 141 / 152 = 0.92763… → 9276 bp.
        assert_eq!(r.participation_bp, 9276);
        // Nobody voted: five seats unfilled. 71 votes are needed (more than half of 141).
        assert_eq!(r.votes_needed, 71);
        assert_eq!(r.unfilled, 5);
    }

    #[test]
    fn quorum_boundary_is_strict() {
        // expected 10: 8 present is exactly 4/5 — not more — so no quorum; 9 is enough.
        let v = ids(1..=10);
        let mut input = ElectionInput {
            id: "Q".into(),
            seats: 1,
            voters: v.clone(),
            excused: vec![],
            attendees: v[..8].to_vec(),
            candidates: v[..2].to_vec(),
            ballots: vec![],
        };
        let r = count_election(&input, &ElectionRules::default()).unwrap();
        assert!(!r.quorum_met);
        assert!(r.findings().contains(&"no_quorum"));
        input.attendees = v[..9].to_vec();
        assert!(
            count_election(&input, &ElectionRules::default())
                .unwrap()
                .quorum_met
        );
    }

    #[test]
    fn slate_boundary() {
        // 5 seats: 6 candidates = 120% → competitive; 5 seats with 5 candidates is not.
        let mut input = seed004(vec![]);
        assert!(
            count_election(&input, &ElectionRules::default())
                .unwrap()
                .competitive
        );
        input.candidates.pop();
        let r = count_election(&input, &ElectionRules::default()).unwrap();
        assert!(!r.competitive && !r.is_valid());
        // 7 seats need ⌈8.4⌉ = 9 candidates: 8 is not enough.
        input.seats = 7;
        input.candidates = ids(1..=8);
        assert!(
            !count_election(&input, &ElectionRules::default())
                .unwrap()
                .competitive
        );
        input.candidates = ids(1..=9);
        assert!(
            count_election(&input, &ElectionRules::default())
                .unwrap()
                .competitive
        );
    }

    #[test]
    fn majority_ties_invalid_and_void() {
        // 141 ballots: 100 mark M001-M005; 30 mark M001-M004 + M006; 5 mark six names (invalid);
        // 6 are blank. M001-M004: 130 votes, M005: 100, M006: 30. Needed: 71.
        let mut b = vec![Ballot::of(&["M001", "M002", "M003", "M004", "M005"]); 100];
        b.extend(vec![
            Ballot::of(&["M001", "M002", "M003", "M004", "M006"]);
            30
        ]);
        b.extend(vec![
            Ballot::of(&[
                "M001", "M002", "M003", "M004", "M005", "M006"
            ]);
            5
        ]);
        b.extend(vec![Ballot::default(); 6]);
        let r = count_election(&seed004(b.clone()), &ElectionRules::default()).unwrap();
        assert_eq!(
            (r.valid_ballots, r.invalid_ballots, r.invalid_too_many),
            (136, 5, 5)
        );
        assert_eq!(r.elected.len(), 5);
        assert!(!r.elected.iter().any(|e| e == "M006"));
        assert_eq!(r.unfilled, 0);
        let m6 = r.tally.person.iter().position(|p| p == "M006").unwrap();
        assert_eq!(r.tally.votes[m6], 30);

        // Four seats, everyone qualified fits: 72 × [M001-M003, M005] and 69 × [M001-M003, M006]
        // give M001-M003 141 votes, M005 72 (≥ 71) and M006 69 (< 71): four elected.
        let mut t = seed004(vec![]);
        t.seats = 4;
        t.ballots = vec![Ballot::of(&["M001", "M002", "M003", "M005"]); 72];
        t.ballots
            .extend(vec![Ballot::of(&["M001", "M002", "M003", "M006"]); 69]);
        let r = count_election(&t, &ElectionRules::default()).unwrap();
        assert_eq!(r.elected.len(), 4);
        assert!(r.tied.is_empty() && r.unfilled == 0);

        // Exact tie for the last seat: 69 × [M001-M003, M004], 69 × [M001-M003, M005] and
        // 3 × [M004, M005] give M001-M003 138 and M004, M005 72 each: three elected, M004 and
        // M005 tied, one seat left to a further round.
        t.ballots = vec![Ballot::of(&["M001", "M002", "M003", "M004"]); 69];
        t.ballots
            .extend(vec![Ballot::of(&["M001", "M002", "M003", "M005"]); 69]);
        t.ballots.extend(vec![Ballot::of(&["M004", "M005"]); 3]);
        let r = count_election(&t, &ElectionRules::default()).unwrap();
        assert_eq!(r.elected.len(), 3);
        assert_eq!(
            r.tied,
            vec![CompactString::from("M004"), CompactString::from("M005")]
        );
        assert_eq!(r.unfilled, 1);
        assert!(r.findings().contains(&"tie"));

        // More ballots than voting attendees: void, nobody elected.
        let mut v = seed004(vec![Ballot::default(); 142]);
        let r = count_election(&v, &ElectionRules::default()).unwrap();
        assert!(r.void && r.elected.is_empty() && r.unfilled == 5);
        v.ballots.pop();
        assert!(!count_election(&v, &ElectionRules::default()).unwrap().void);
    }

    #[test]
    fn write_ins_duplicates_and_ineligible_marks() {
        let mut input = seed004(vec![]);
        input.ballots = vec![Ballot::of(&["M100"]); 80];
        input.ballots.push(Ballot::of(&["M001", "M001"]));
        input.ballots.push(Ballot::of(&["X999"]));
        let r = count_election(&input, &ElectionRules::default()).unwrap();
        assert_eq!((r.invalid_duplicate, r.invalid_ineligible), (1, 1));
        // A written-in voter with a majority is elected (另选他人).
        assert_eq!(r.elected, vec![CompactString::from("M100")]);
        assert_eq!(r.unfilled, 4);
    }

    #[test]
    fn input_errors() {
        let mut input = seed004(vec![]);
        input.attendees.push("M150".into()); // M150 is excused
        assert_eq!(
            count_election(&input, &ElectionRules::default())
                .unwrap_err()
                .code(),
            "bad_election"
        );
        let mut input = seed004(vec![]);
        input.candidates.push("Z1".into());
        assert!(count_election(&input, &ElectionRules::default()).is_err());
        let mut input = seed004(vec![]);
        input.seats = 0;
        assert!(count_election(&input, &ElectionRules::default()).is_err());
        let mut input = seed004(vec![]);
        input.voters.push("M001".into());
        assert!(count_election(&input, &ElectionRules::default()).is_err());
    }
}
