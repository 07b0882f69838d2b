//! Compliance (dues, organization life) and post reports as Arrow tables. Each method converts
//! its arguments, calls the core, and hands the core's `table::Table` to the one generic
//! conversion (`table::from_core`).

use std::collections::HashMap;
use std::sync::Arc;

use dangjian::compliance::Compliance as CoreCompliance;
use dangjian::io::Dataset as CoreDataset;
use dangjian::post::PostBook as CorePostBook;
use dangjian::Registry as CoreRegistry;
use pyo3::prelude::*;

use crate::api::{to_date, ScoreTable};
use crate::convert::{to_month, Edge};
use crate::errors::{py_err, CoreError};
use crate::registry::{options_of, rollup, to_py, Privacy};
use crate::table::{from_core, from_core_in, from_owned, Table};

/// A community's compliance records (dues, meetings, elections), from `Dataset.compliance()`.
/// Months are `"2026-10"`, `datetime.date`, `pandas.Period` … (a quarter or a year as `first`
/// starts at its first month, as `last` ends at its last); every report takes its period and
/// report date explicitly.
/// `scope="B1"` cuts a report to the rows that organization's subtree may see.
///
/// >>> import dangjian
/// >>> c = dangjian.Dataset.sample().compliance()
/// >>> arrears = c.arrears("2025-01", "2026-09", as_of="2026-10-31").to_pandas()
/// >>> bool(arrears["flagged"].any())
/// True
#[pyclass(module = "dangjian._dangjian", frozen)]
pub struct Compliance {
    reg: CoreRegistry,
    c: CoreCompliance,
}

impl Compliance {
    pub(crate) fn build(ds: Arc<CoreDataset>) -> PyResult<Compliance> {
        let reg = ds.to_registry().map_err(py_err)?;
        let c = CoreCompliance::from_dataset(&ds, &reg).map_err(py_err)?;
        Ok(Compliance { reg, c })
    }

    /// Hands a report to the generic conversion, cut to `scope`'s subtree when given.
    fn export(
        &self,
        t: &dyn dangjian::table::Table,
        privacy: Option<&Privacy>,
        scope: Option<&str>,
    ) -> PyResult<Table> {
        let sc = scope
            .map(|o| self.reg.scope(o))
            .transpose()
            .map_err(py_err)?;
        from_core_in(t, sc.as_ref(), &options_of(privacy)?)
    }
}

#[pymethods]
impl Compliance {
    /// Members in dues arrears (党费欠缴) in `first..=last` as of `as_of`, with the months
    /// owed and the six-consecutive-months flag of 党章 art. 9.
    #[pyo3(signature = (first, last, *, as_of, privacy = None, scope = None))]
    fn arrears(
        &self,
        first: &Bound<'_, PyAny>,
        last: &Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
        privacy: Option<&Privacy>,
        scope: Option<&str>,
    ) -> PyResult<Table> {
        let t = self
            .c
            .arrears(
                &self.reg,
                to_month(first, "first", Edge::First)?,
                to_month(last, "last", Edge::Last)?,
                to_date(as_of, "as_of")?,
            )
            .map_err(py_err)?;
        self.export(&t, privacy, scope)
    }

    /// Dues collection per organization (党费收缴) in `first..=last` as of `as_of`: due,
    /// paid, outstanding (money as exact `decimal128(18, 2)` yuan).
    #[pyo3(signature = (first, last, *, as_of, rolled_up = true, privacy = None, scope = None))]
    fn collection(
        &self,
        first: &Bound<'_, PyAny>,
        last: &Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
        rolled_up: bool,
        privacy: Option<&Privacy>,
        scope: Option<&str>,
    ) -> PyResult<Table> {
        let t = self
            .c
            .collection(
                &self.reg,
                to_month(first, "first", Edge::First)?,
                to_month(last, "last", Edge::Last)?,
                to_date(as_of, "as_of")?,
                rollup(rolled_up),
            )
            .map_err(py_err)?;
        self.export(&t, privacy, scope)
    }

    /// The month-by-month dues ledger (one row per member and month).
    #[pyo3(signature = (first, last, *, as_of, privacy = None, scope = None))]
    fn ledger(
        &self,
        first: &Bound<'_, PyAny>,
        last: &Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
        privacy: Option<&Privacy>,
        scope: Option<&str>,
    ) -> PyResult<Table> {
        let t = self
            .c
            .ledger(
                &self.reg,
                to_month(first, "first", Edge::First)?,
                to_month(last, "last", Edge::Last)?,
                to_date(as_of, "as_of")?,
            )
            .map_err(py_err)?;
        self.export(&t, privacy, scope)
    }

    /// Special dues (特殊党费) paid from `start` to `end` (days, inclusive) per organization.
    #[pyo3(signature = (start, end, *, rolled_up = true, privacy = None, scope = None))]
    fn special_dues(
        &self,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        rolled_up: bool,
        privacy: Option<&Privacy>,
        scope: Option<&str>,
    ) -> PyResult<Table> {
        let t = self.c.special_dues(
            &self.reg,
            to_date(start, "start")?,
            to_date(end, "end")?,
            rollup(rolled_up),
        );
        self.export(&t, privacy, scope)
    }

    /// Meeting compliance (三会一课, 主题党日) per organization and requirement in
    /// `first..=last` as of `as_of`: periods required, held, missed, compliant.
    #[pyo3(signature = (first, last, *, as_of, privacy = None, scope = None))]
    fn meetings(
        &self,
        first: &Bound<'_, PyAny>,
        last: &Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
        privacy: Option<&Privacy>,
        scope: Option<&str>,
    ) -> PyResult<Table> {
        let t = self
            .c
            .meetings
            .compliance(
                &self.reg,
                to_month(first, "first", Edge::First)?,
                to_month(last, "last", Edge::Last)?,
                to_date(as_of, "as_of")?,
            )
            .map_err(py_err)?;
        self.export(&t, privacy, scope)
    }

    /// Attendance per member in `first..=last` as of `as_of`, with the organization-life
    /// condition of 党章 art. 9 at `flag_months` (six): months since the last meeting attended,
    /// excused months pausing, months without a meeting counting (see docs/compliance.md).
    #[pyo3(signature = (first, last, *, as_of, flag_months = 6, privacy = None, scope = None))]
    fn attendance(
        &self,
        first: &Bound<'_, PyAny>,
        last: &Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
        flag_months: u32,
        privacy: Option<&Privacy>,
        scope: Option<&str>,
    ) -> PyResult<Table> {
        let t = self
            .c
            .meetings
            .attendance(
                &self.reg,
                to_month(first, "first", Edge::First)?,
                to_month(last, "last", Edge::Last)?,
                to_date(as_of, "as_of")?,
                flag_months,
            )
            .map_err(py_err)?;
        self.export(&t, privacy, scope)
    }

    /// Attendance aggregated per organization (member-meetings expected, attended, excused,
    /// absent).
    #[pyo3(signature = (first, last, *, as_of, rolled_up = true, privacy = None, scope = None))]
    fn org_attendance(
        &self,
        first: &Bound<'_, PyAny>,
        last: &Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
        rolled_up: bool,
        privacy: Option<&Privacy>,
        scope: Option<&str>,
    ) -> PyResult<Table> {
        let t = self
            .c
            .meetings
            .org_attendance(
                &self.reg,
                to_month(first, "first", Edge::First)?,
                to_month(last, "last", Edge::Last)?,
                to_date(as_of, "as_of")?,
                rollup(rolled_up),
            )
            .map_err(py_err)?;
        self.export(&t, privacy, scope)
    }

    /// Every recorded election (换届选举) counted by the rules of 选举条例 (quorum above four
    /// fifths of those expected, at least 20% more candidates than seats, elected with votes
    /// from more than half of the voting attendees), in record order: one dict per election
    /// with its `org` and `date`, the counts (`eligible`, `expected`, `present`,
    /// `participation_bp`, `ballots`, `valid_ballots`, …), `elected`, `tied`, `unfilled`,
    /// `valid` and `findings` (`no_quorum`, `not_competitive`, `void`, `tie`, `unfilled`).
    /// Voters not listed in a record are the full members of its organization's subtree on
    /// the day. The votes per person are `election_tally(id)`. `scope="B1"` keeps the
    /// elections of that subtree's organizations.
    ///
    /// >>> e = dangjian.Dataset.sample().compliance().elections()[0]
    /// >>> (e["org"], e["valid"], len(e["elected"]) == e["seats"] - e["unfilled"])
    /// ('Z', True, True)
    #[pyo3(signature = (*, scope = None))]
    fn elections<'py>(
        &self,
        py: Python<'py>,
        scope: Option<&str>,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let rules = dangjian::compliance::ElectionRules::default();
        let mut counted = self
            .c
            .elections_counted(&self.reg, &rules)
            .map_err(py_err)?;
        if let Some(org) = scope {
            counted = self.reg.scope(org).map_err(py_err)?.elections(&counted);
        }
        counted
            .iter()
            .map(|e| {
                let d = to_py(py, e)?;
                // The votes per person are a table of their own (`election_tally`).
                d.del_item("tally")?;
                Ok(d)
            })
            .collect()
    }

    /// The votes per person of election `id` (most first; on the slate or written in,
    /// elected, tied), as a table. `ValidationError` (`not_found`) for an unknown id.
    #[pyo3(signature = (id, *, privacy = None))]
    fn election_tally(&self, id: &str, privacy: Option<&Privacy>) -> PyResult<Table> {
        let Some(rec) = self.c.elections.iter().find(|e| e.id == id) else {
            return Err(CoreError::invalid(
                "not_found",
                "id",
                format!(
                    "election `{}` not found",
                    dangjian::privacy::echo_cut(id, 11, 100)
                ),
            )
            .into());
        };
        let rules = dangjian::compliance::ElectionRules::default();
        let input = rec.to_input(&self.reg).map_err(py_err)?;
        let res = dangjian::compliance::count_election(&input, &rules).map_err(py_err)?;
        from_core(&res.tally, &options_of(privacy)?)
    }

    fn __repr__(&self) -> String {
        format!(
            "<dangjian.Compliance: {} meetings, {} elections>",
            self.c.meetings.len(),
            self.c.elections.len()
        )
    }
}

/// Posts, claims and service records (设岗定责, 承诺践诺), from `Dataset.posts()`.
///
/// >>> import dangjian
/// >>> posts = dangjian.Dataset.sample().posts()
/// >>> fb = posts.feedback("2025-11-01", "2026-10-31")
/// >>> fb.column_names[:2]
/// ['unit', 'member']
#[pyclass(module = "dangjian._dangjian", frozen)]
pub struct PostBook {
    reg: CoreRegistry,
    book: CorePostBook,
}

impl PostBook {
    pub(crate) fn build(ds: &CoreDataset) -> PyResult<PostBook> {
        let reg = ds.to_registry().map_err(py_err)?;
        let book = CorePostBook::from_dataset(ds, &reg).map_err(py_err)?;
        Ok(PostBook { reg, book })
    }
}

#[pymethods]
impl PostBook {
    /// Posts open on `date`: capacity, claims held, vacancies.
    fn coverage_on(&self, date: &Bound<'_, PyAny>) -> PyResult<Table> {
        from_owned(&self.book.coverage_on(to_date(date, "date")?).to_table())
    }

    /// Each claim's commitment month by month in `start..=end` (承诺践诺): due months and
    /// whether each was kept.
    #[pyo3(signature = (start, end, *, privacy = None))]
    fn commitments(
        &self,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        privacy: Option<&Privacy>,
    ) -> PyResult<Table> {
        let t = self
            .book
            .commitments(to_date(start, "start")?, to_date(end, "end")?)
            .to_table();
        from_core(&t, &options_of(privacy)?)
    }

    /// The two-way feedback report to home units (双向反馈) for `start..=end`: one row per
    /// member listed under a unit (claims, hours, verified hours, commitments kept/due, and
    /// the member's total from `scores` when given). `units=True` gives the totals per unit.
    #[pyo3(signature = (start, end, *, scores = None, units = false, privacy = None))]
    fn feedback(
        &self,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        scores: Option<&ScoreTable>,
        units: bool,
        privacy: Option<&Privacy>,
    ) -> PyResult<Table> {
        let totals: HashMap<_, _> = scores
            .map(|s| {
                let t = s.core();
                t.subject
                    .iter()
                    .zip(&t.total)
                    .map(|(m, v)| (m.as_str().into(), *v))
                    .collect()
            })
            .unwrap_or_default();
        let r = self.book.feedback(
            &self.reg,
            to_date(start, "start")?,
            to_date(end, "end")?,
            &totals,
        );
        let t = if units {
            r.units_table()
        } else {
            r.table.to_table()
        };
        from_core(&t, &options_of(privacy)?)
    }

    fn __repr__(&self) -> String {
        format!(
            "<dangjian.PostBook: {} posts, {} claims>",
            self.book.posts().len(),
            self.book.claims().len()
        )
    }
}
