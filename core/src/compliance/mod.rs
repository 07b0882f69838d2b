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
///
/// # Examples
///
/// ```
/// use dangjian::compliance::{Compliance, DuesPolicy};
/// let ds = dangjian::io::Dataset::sample_small();
/// let reg = ds.to_registry()?;
/// let c = Compliance::from_dataset(&ds, &reg)?;
/// assert!(c.meetings.is_empty() && c.elections.is_empty());
/// assert_eq!(c.policy, DuesPolicy::default());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{Compliance, DuesBasis, DuesProfile, Month, PaymentRecord};
    /// # let mut ds = dangjian::io::Dataset::sample_small();
    /// # ds.dues_profiles.push(DuesProfile { member: "M1".into(), effective_from: "2024-01-01".parse()?,
    /// #     basis: DuesBasis::Pension, amount: Some(400_000) }); // 20 yuan a month
    /// # ds.payments.push(PaymentRecord { member: "M1".into(), month: "2024-01".parse()?, amount: 2_000,
    /// #     paid_on: "2024-01-20".parse()?, reason: None });
    /// # let reg = ds.to_registry()?;
    /// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
    /// let c = Compliance::from_dataset(&ds, &reg)?;
    /// let ledger = c.ledger(&reg, m("2024-01")?, m("2024-02")?, d("2024-03-10")?)?;
    /// assert_eq!(ledger.member_id[0], "M1");
    /// assert_eq!(&ledger.paid[..2], [2_000, 0]); // January paid, February not
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{Compliance, DuesBasis, DuesProfile, Month, PaymentRecord};
    /// # let mut ds = dangjian::io::Dataset::sample_small();
    /// # ds.dues_profiles.push(DuesProfile { member: "M1".into(), effective_from: "2024-01-01".parse()?,
    /// #     basis: DuesBasis::Pension, amount: Some(400_000) }); // 20 yuan a month
    /// # ds.payments.push(PaymentRecord { member: "M1".into(), month: "2024-01".parse()?, amount: 2_000,
    /// #     paid_on: "2024-01-20".parse()?, reason: None });
    /// # let reg = ds.to_registry()?;
    /// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
    /// let c = Compliance::from_dataset(&ds, &reg)?;
    /// // January paid; February to July not: six months by 1 August.
    /// let arrears = c.arrears(&reg, m("2024-01")?, m("2024-07")?, d("2024-08-15")?)?;
    /// assert_eq!(arrears.flagged_ids(), ["M1"]);
    /// assert_eq!(arrears.run_from[0].map(|m| m.to_string()), Some("2024-02".to_string()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{Compliance, DuesBasis, DuesProfile, Month, PaymentRecord};
    /// # let mut ds = dangjian::io::Dataset::sample_small();
    /// # ds.dues_profiles.push(DuesProfile { member: "M1".into(), effective_from: "2024-01-01".parse()?,
    /// #     basis: DuesBasis::Pension, amount: Some(400_000) }); // 20 yuan a month
    /// # ds.payments.push(PaymentRecord { member: "M1".into(), month: "2024-01".parse()?, amount: 2_000,
    /// #     paid_on: "2024-01-20".parse()?, reason: None });
    /// # let reg = ds.to_registry()?;
    /// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
    /// use dangjian::stats::Rollup;
    /// let c = Compliance::from_dataset(&ds, &reg)?;
    /// let t = c.collection(&reg, m("2024-01")?, m("2024-02")?, d("2024-03-10")?, Rollup::Subtree)?;
    /// assert_eq!((t.orgs.id[0].as_str(), t.fen_due[0], t.fen_collected[0]), ("Z", 4_000, 2_000));
    /// assert_eq!(t.rate_bp[0], Some(5_000)); // 50%
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::{Compliance, SpecialDuesRecord};
    /// use dangjian::stats::Rollup;
    /// let mut ds = dangjian::io::Dataset::sample_small();
    /// ds.special_dues.push(SpecialDuesRecord { member: "M4".into(), date: "2024-05-12".parse()?,
    ///     amount: 5_000, campaign: "抗洪救灾".into() });
    /// let reg = ds.to_registry()?;
    /// let c = Compliance::from_dataset(&ds, &reg)?;
    /// let t = c.special_dues(&reg, "2024-01-01".parse()?, "2024-12-31".parse()?, Rollup::Subtree);
    /// assert_eq!(t.total("抗洪救灾"), 5_000);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::{Compliance, ElectionRules};
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry()?;
    /// let c = Compliance::from_dataset(&ds, &reg)?;
    /// let results = c.election_results(&reg, &ElectionRules::default())?;
    /// assert_eq!(results.len(), 1);
    /// assert!(results[0].is_valid());
    /// assert_eq!(results[0].elected.len(), 5);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
