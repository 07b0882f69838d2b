//! The outputs of the session that the bindings and the CLI show: the agenda, the year's
//! tables (appraisals, letters, the change register), the community practices, the branch
//! assessment, member counts and elections. Each is one call on a [`Community`]; what is
//! costly to rebuild (the compliance records, the year's book, the check of the practices) is
//! made by the first call and kept until a change makes it stale.
//!
//! ```
//! use dangjian::community::Community;
//! use dangjian::synth::{sample_community, SAMPLE_AS_OF};
//! let c = Community::new(sample_community())?;
//! let agenda = c.agenda(SAMPLE_AS_OF, 30)?; // builds the compliance records and keeps them
//! assert!(!agenda.is_empty());
//! assert_eq!(c.elections()?.len(), 1); // counted from the kept records
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::Community;
use crate::agenda::{Agenda, AgendaError};
use crate::assessment::{Assessment, AssessmentError};
use crate::compliance::{Compliance, ComplianceError, CountedElection, ElectionRules};
use crate::practice::PracticeError;
use crate::registry::OrgCountsTable;
use crate::table::OwnedTable;
use crate::year::{AppraisalStats, ChangeRegister, LetterTable, YearBook, YearError};

/// What the session keeps besides the scorer's checks: built on first need, dropped by the
/// changes that make them stale ([`Caches::changed`]).
#[derive(Debug, Clone, Default)]
pub(super) struct Caches {
    /// The compliance records validated against the registry.
    compliance: OnceLock<Result<Compliance, ComplianceError>>,
    /// The year's records (appraisals, actions, letters) validated against the registry.
    year: OnceLock<Result<YearBook, YearError>>,
    /// The check of the practices against the registry and the posts.
    practices: OnceLock<Result<(), PracticeError>>,
}

impl Caches {
    /// Drops what a change of the records of the month makes stale (meetings, payments and
    /// service change the compliance records; the roster changes everything, see
    /// [`Community::change_registry`]).
    pub(super) fn records_changed(&mut self) {
        self.compliance = OnceLock::new();
    }
}

/// A table of the community practices (社区实践, issue 23) or of the points declarations, by
/// its code (the `kind` of the bindings' `practices`).
///
/// ```
/// use dangjian::community::PracticeTable;
/// assert_eq!(PracticeTable::from_code("idle_pairings"), Some(PracticeTable::IdlePairings { months: 3 }));
/// assert_eq!(PracticeTable::from_code("grids").unwrap().code(), "grids");
/// assert_eq!(PracticeTable::from_code("nope"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PracticeTable {
    /// The pairings (一帮一结对帮扶, 党员联系户) in force with what was done in the period.
    Pairings,
    /// The pairings in force on the last day that have gone `months` whole months without
    /// help or a visit (rule `practice_idle_pairing`).
    IdlePairings {
        /// Whole months without help (3 by the seeds' practice).
        months: u32,
    },
    /// Statistics per grid (网格化管理).
    Grids,
    /// The coverage of the regular service days (固定服务日).
    ServiceDays,
    /// What each co-building unit (区域党建联建) did against its commitments.
    Cobuild,
    /// The points declarations (积分申报) of the period with their review.
    Declarations,
    /// The declarations of the period still waiting for review.
    PendingDeclarations,
}

impl PracticeTable {
    /// Every code, in the order the bindings list them.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::PracticeTable;
    /// for code in PracticeTable::CODES {
    ///     assert_eq!(PracticeTable::from_code(code).map(PracticeTable::code), Some(code));
    /// }
    /// ```
    pub const CODES: [&'static str; 7] = [
        "pairings",
        "idle_pairings",
        "grids",
        "service_days",
        "cobuild",
        "declarations",
        "pending_declarations",
    ];

    /// The table of a code (`idle_pairings`: three whole months).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::PracticeTable;
    /// assert_eq!(PracticeTable::from_code("grids"), Some(PracticeTable::Grids));
    /// assert_eq!(PracticeTable::from_code("idle_pairings"), Some(PracticeTable::IdlePairings { months: 3 }));
    /// assert_eq!(PracticeTable::from_code("网格"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<PracticeTable> {
        Some(match code {
            "pairings" => PracticeTable::Pairings,
            "idle_pairings" => PracticeTable::IdlePairings { months: 3 },
            "grids" => PracticeTable::Grids,
            "service_days" => PracticeTable::ServiceDays,
            "cobuild" => PracticeTable::Cobuild,
            "declarations" => PracticeTable::Declarations,
            "pending_declarations" => PracticeTable::PendingDeclarations,
            _ => return None,
        })
    }

    /// The code.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::PracticeTable;
    /// assert_eq!(PracticeTable::IdlePairings { months: 6 }.code(), "idle_pairings");
    /// assert_eq!(PracticeTable::ServiceDays.code(), "service_days");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            PracticeTable::Pairings => "pairings",
            PracticeTable::IdlePairings { .. } => "idle_pairings",
            PracticeTable::Grids => "grids",
            PracticeTable::ServiceDays => "service_days",
            PracticeTable::Cobuild => "cobuild",
            PracticeTable::Declarations => "declarations",
            PracticeTable::PendingDeclarations => "pending_declarations",
        }
    }
}

impl Community {
    /// The compliance records (dues, meetings, elections) validated against the registry,
    /// made by the first call and kept until the roster or the records of the month change.
    ///
    /// ```
    /// let c = dangjian::community::Community::new(dangjian::synth::sample_community()).unwrap();
    /// let a = c.compliance().unwrap() as *const _;
    /// assert_eq!(a, c.compliance().unwrap() as *const _); // made once
    /// ```
    pub fn compliance(&self) -> Result<&Compliance, ComplianceError> {
        self.caches
            .compliance
            .get_or_init(|| Compliance::from_dataset(&self.ds, &self.reg))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The year's records (民主评议, 处置, 介绍信) validated against the registry, made by the
    /// first call and kept until the roster changes.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::Community;
    /// let c = Community::new(dangjian::synth::sample_community())?;
    /// let book = c.year_book()?;
    /// assert_eq!(book.counts(c.registry(), 2025).len(), 4); // the four branches' appraisals
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn year_book(&self) -> Result<&YearBook, YearError> {
        self.caches
            .year
            .get_or_init(|| YearBook::from_dataset(&self.ds, &self.reg))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The agenda (待办与提醒) as of `as_of`: what is overdue and what falls due within `days`
    /// days ([`Agenda::build`], with the year's book and the compliance books this session keeps).
    ///
    /// ```
    /// let c = dangjian::community::Community::new(dangjian::synth::sample_community()).unwrap();
    /// assert!(c.agenda("2026-10-31".parse().unwrap(), 30).is_ok());
    /// ```
    pub fn agenda(&self, as_of: NaiveDate, days: u32) -> Result<Agenda, AgendaError> {
        Agenda::build_with(
            &self.ds,
            &self.reg,
            as_of,
            days,
            || self.year_book().map(Cow::Borrowed),
            || self.compliance().map(Cow::Borrowed),
        )
    }

    /// 民主评议党员情况 of `year` per branch (members appraised, grades, 限期改正, 劝退, 除名).
    ///
    /// ```
    /// let c = dangjian::community::Community::new(dangjian::synth::sample_community()).unwrap();
    /// let t = c.appraisal_stats(2025).unwrap();
    /// assert!(dangjian::table::Table::len(&t) > 0);
    /// ```
    pub fn appraisal_stats(&self, year: i32) -> Result<AppraisalStats, YearError> {
        Ok(self.year_book()?.appraisal_stats(&self.reg, year))
    }

    /// The introduction letters (组织关系介绍信) with their status on `as_of`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::Community;
    /// use dangjian::synth::{sample_community, SAMPLE_AS_OF};
    /// use dangjian::table::Table;
    /// let c = Community::new(sample_community())?;
    /// let letters = c.letters(SAMPLE_AS_OF)?;
    /// assert_eq!(letters.len(), 10);
    /// assert_eq!(letters.columns()[0].name, "serial");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn letters(&self, as_of: NaiveDate) -> Result<LetterTable, YearError> {
        Ok(self.year_book()?.letter_table(&self.reg, as_of))
    }

    /// The register of additions and removals (党员增减名册) from `first` to `last`.
    ///
    /// ```
    /// let c = dangjian::community::Community::new(dangjian::synth::sample_community()).unwrap();
    /// let r = c.change_register("2026-01-01".parse().unwrap(), "2026-10-31".parse().unwrap());
    /// assert!(r.added() > 0);
    /// ```
    pub fn change_register(&self, first: NaiveDate, last: NaiveDate) -> ChangeRegister {
        ChangeRegister::build(&self.ds, &self.reg, first, last)
    }

    /// A table of the community practices or of the points declarations over `first`..=`last`
    /// (for [`PracticeTable::IdlePairings`], as of `last`). The practices are checked against
    /// the registry and the posts first (once, kept until the roster changes); the
    /// declarations need no check.
    ///
    /// ```
    /// use dangjian::community::{Community, PracticeTable};
    /// let c = Community::new(dangjian::synth::sample_community()).unwrap();
    /// let d = |s: &str| s.parse().unwrap();
    /// let t = c.practice_table(PracticeTable::Grids, d("2026-10-01"), d("2026-10-31")).unwrap();
    /// assert_eq!(t.rows, 9); // seed 004's grids
    /// ```
    pub fn practice_table(
        &self,
        table: PracticeTable,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<OwnedTable, PracticeError> {
        use crate::declaration as decl;
        use crate::practice::report as pr;
        let ds = &self.ds;
        let p = &ds.practices;
        let check = || {
            self.caches
                .practices
                .get_or_init(|| p.validate(&self.reg, &ds.posts))
                .clone()
        };
        Ok(match table {
            PracticeTable::Declarations => decl::review_lines(&ds.declarations, first, last),
            PracticeTable::PendingDeclarations => decl::pending(&ds.declarations, first, last),
            PracticeTable::Pairings => {
                check()?;
                pr::pairing_activity(p, &self.reg, first, last)
            }
            PracticeTable::IdlePairings { months } => {
                check()?;
                pr::idle_pairings(p, last, months)
            }
            PracticeTable::Grids => {
                check()?;
                pr::grid_report(p, &self.reg, first, last)
            }
            PracticeTable::ServiceDays => {
                check()?;
                pr::schedule_coverage(p, &ds.posts, &ds.service, first, last)
            }
            PracticeTable::Cobuild => {
                check()?;
                pr::cobuild_report(p, first, last)
            }
        })
    }

    /// The branch assessment (支部考核) of `year` as of `as_of` under the built-in
    /// organization rule set `org-default` ([`crate::assessment::assess`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::Community;
    /// use dangjian::synth::{sample_community, SAMPLE_AS_OF};
    /// use dangjian::table::Table;
    /// let c = Community::new(sample_community())?;
    /// let a = c.assessment(2026, SAMPLE_AS_OF)?;
    /// assert_eq!(a.scores.len(), 4); // the four branches
    /// assert!(a.derived.iter().any(|d| d.reason_zh.contains("未按要求召开党课")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn assessment(&self, year: i32, as_of: NaiveDate) -> Result<Assessment, AssessmentError> {
        crate::assessment::assess(
            &self.ds,
            &self.reg,
            &crate::scoring::RuleSet::org_default(),
            year,
            as_of,
        )
    }

    /// Members per organization on `date` (`counts`: org, name, kind, parent, members, full,
    /// probationary), summed over each subtree when `rolled_up`.
    ///
    /// ```
    /// let c = dangjian::community::Community::new(dangjian::synth::sample_community()).unwrap();
    /// let t = c.member_counts(dangjian::synth::SAMPLE_AS_OF, true);
    /// assert_eq!(dangjian::table::Table::len(&t), c.registry().tree().len());
    /// ```
    pub fn member_counts(&self, date: NaiveDate, rolled_up: bool) -> OrgCountsTable<'_> {
        self.reg.scope_all().counts_table(date, rolled_up)
    }

    /// Every recorded election (换届选举) counted by the rules of 选举条例 in force
    /// ([`ElectionRules::default`]), in record order.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::Community;
    /// let c = Community::new(dangjian::synth::sample_community())?;
    /// let counted = c.elections()?;
    /// assert_eq!(counted.len(), 1); // the general branch's founding election
    /// assert_eq!(counted[0].org, "Z");
    /// assert!(counted[0].valid && counted[0].findings.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn elections(&self) -> Result<Vec<CountedElection>, ComplianceError> {
        self.compliance()?
            .elections_counted(&self.reg, &ElectionRules::default())
    }
}
