//! Compliance with the rules the core can check exactly: dues (党费), organization life
//! (三会一课, 主题党日) and elections at term end (换届选举).
//!
//! - **Dues** ([`DuesBook`]): rate schedules as data with effective dates
//!   ([`DuesSchedule::published`] encodes 党费规定, 2008), per-member [`DuesProfile`]s, payments
//!   per member and month in integer fen ([`Fen`]), special dues (特殊党费) apart. Reports: the
//!   month-by-month [`DuesLedger`], [`ArrearsTable`] with the six-consecutive-months flag of 党章
//!   art. 9, [`CollectionTable`] per organization, [`SpecialDuesTable`].
//! - **Organization life** ([`MeetingBook`]): meeting records with attendees and excused
//!   absences, required frequencies as data ([`MeetingRequirement::defaults`] encodes 支部条例),
//!   [`ComplianceTable`] per organization and period, [`AttendanceTable`] per member with the
//!   six-months-absent flag, [`OrgAttendanceTable`].
//! - **Elections** ([`count_election`]): a pure function from voters, exclusions, attendees,
//!   candidates, seats and ballots to quorum, slate, ballot validity, elected, ties and unfilled
//!   seats (选举条例).
//!
//! Every report is a columnar [`crate::table::Table`], exportable to CSV and `.xlsx`, and every
//! query takes its period and report date explicitly.
//!
//! ```
//! use dangjian::compliance::{Compliance, Month};
//! let ds = dangjian::synth::sample_community();
//! let reg = ds.to_registry().unwrap();
//! let c = Compliance::from_dataset(&ds, &reg).unwrap();
//! let as_of = dangjian::synth::SAMPLE_AS_OF;
//! let (from, to) = ("2025-01".parse::<Month>().unwrap(), "2026-09".parse::<Month>().unwrap());
//! let arrears = c.arrears(&reg, from, to, as_of).unwrap();
//! assert!(!arrears.flagged_ids().is_empty()); // the sample has members six months unpaid
//! let meetings = c.meetings.compliance(&reg, from, to, as_of).unwrap();
//! assert!(meetings.compliant.iter().any(|ok| !ok)); // and a few missed requirements
//! ```

mod dues;
mod dues_report;
mod elections;
mod error;
mod meetings;
mod summary;

pub use crate::calendar::{Month, MonthError};
pub use dues::{
    Bracket, DuesBasis, DuesBook, DuesLedger, DuesPolicy, DuesProfile, DuesSchedule, Fen,
    MonthStatus, PaymentRecord, Rounding, SpecialDuesRecord, DEFAULT_ACCEPTED_REASONS,
};
pub use dues_report::{ArrearsTable, CollectionTable, SpecialDuesTable};
pub(crate) use elections::election_facts;
pub use elections::{
    count_election, eligible_voters, Ballot, CheckedElection, CountedElection, ElectionInput,
    ElectionList, ElectionRecord, ElectionResult, ElectionRules, InvalidBallot, RefusalReason,
    RefusedName, Tally, VOTING_RIGHTS_RULE,
};
pub use error::ComplianceError;
pub use meetings::{
    AttendanceDetail, AttendanceMonth, AttendanceTable, ComplianceTable, MeetingBook, MeetingKind,
    MeetingRecord, MeetingRequirement, OrgAttendanceTable, PeriodProgress, Presence,
};
pub use summary::ComplianceSummary;

use chrono::NaiveDate;
use compact_str::CompactString;

use crate::registry::Registry;
use crate::stats::Rollup;

/// The compliance data of a dataset, validated against its registry: dues, meetings and
/// election records, with the dues policy in force.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compliance {
    /// Dues.
    pub dues: DuesBook,
    /// Meetings.
    pub meetings: MeetingBook,
    /// Election records.
    pub elections: Vec<ElectionRecord>,
    /// Grace days, the art. 9 threshold, accepted reasons and the catch-up limit of the dues
    /// reports (the dataset's `dues_policy`).
    pub policy: DuesPolicy,
}

impl Compliance {
    /// The dues ledger of `from..=to` as of `as_of`.
    pub fn ledger(
        &self,
        reg: &Registry,
        from: Month,
        to: Month,
        as_of: NaiveDate,
    ) -> Result<DuesLedger, ComplianceError> {
        self.dues.ledger(reg, from, to, as_of, &self.policy)
    }

    /// Members in arrears in `from..=to` as of `as_of`, with the 党章 art. 9 flag.
    pub fn arrears(
        &self,
        reg: &Registry,
        from: Month,
        to: Month,
        as_of: NaiveDate,
    ) -> Result<ArrearsTable, ComplianceError> {
        let ledger = self.ledger(reg, from, to, as_of)?;
        Ok(ArrearsTable::from_ledger(reg, &ledger, &self.policy))
    }

    /// Dues collection per organization in `from..=to` as of `as_of`.
    pub fn collection(
        &self,
        reg: &Registry,
        from: Month,
        to: Month,
        as_of: NaiveDate,
        rollup: Rollup,
    ) -> Result<CollectionTable, ComplianceError> {
        let ledger = self.ledger(reg, from, to, as_of)?;
        Ok(CollectionTable::from_ledger(reg, &ledger, from, to, rollup))
    }

    /// Special dues paid from `from` to `to` (days, inclusive).
    pub fn special_dues(
        &self,
        reg: &Registry,
        from: NaiveDate,
        to: NaiveDate,
        rollup: Rollup,
    ) -> SpecialDuesTable {
        SpecialDuesTable::build(&self.dues, reg, from, to, rollup)
    }

    /// Every recorded election counted, with its organization, day and verdict, in record
    /// order.
    ///
    /// ```
    /// use dangjian::compliance::{Compliance, ElectionRules};
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let c = Compliance::from_dataset(&ds, &reg).unwrap();
    /// let e = &c.elections_counted(&reg, &ElectionRules::default()).unwrap()[0];
    /// assert_eq!((e.org.as_str(), e.valid), ("Z", true));
    /// assert_eq!(e.result.elected.len(), 5);
    /// ```
    pub fn elections_counted(
        &self,
        reg: &Registry,
        rules: &ElectionRules,
    ) -> Result<Vec<CountedElection>, ComplianceError> {
        self.elections
            .iter()
            .map(|rec| {
                let checked = rec.checked_input(reg)?;
                let result = count_election(&checked.input, rules)?;
                let mut findings: Vec<String> =
                    result.findings().iter().map(|f| f.to_string()).collect();
                if !checked.refused.is_empty() {
                    findings.push("refused_names".into());
                }
                Ok(CountedElection {
                    org: rec.org.clone(),
                    date: rec.date,
                    valid: result.is_valid(),
                    findings,
                    refused: checked.refused,
                    result,
                })
            })
            .collect()
    }

    /// Counts every recorded election.
    pub fn election_results(
        &self,
        reg: &Registry,
        rules: &ElectionRules,
    ) -> Result<Vec<ElectionResult>, ComplianceError> {
        self.elections
            .iter()
            .map(|e| count_election(&e.to_input(reg)?, rules))
            .collect()
    }
}

/// The three key columns that open every per-member compliance table (arrears, attendance):
/// `member` (党员编号), `name` (姓名, a personal-data column) and `org` (所在组织).
fn member_key_columns<'a>(
    member_id: &'a [CompactString],
    name: &'a [String],
    org: &'a [crate::org::OrgId],
) -> Vec<crate::table::Column<'a>> {
    use crate::table::{Column, ColumnData, Role};
    vec![
        Column::new(
            "member",
            "党员编号",
            Role::MemberId,
            ColumnData::Str(member_id.iter().map(|s| s.as_str()).collect()),
        ),
        Column::new(
            "name",
            "姓名",
            Role::PersonName,
            ColumnData::Str(name.iter().map(String::as_str).collect()),
        ),
        Column::new(
            "org",
            "所在组织",
            Role::Key,
            ColumnData::Str(org.iter().map(|s| s.as_str()).collect()),
        ),
    ]
}
