//! The post reports: coverage on a day, commitments month by month (承诺践诺) and the
//! two-way feedback to the in-service members' home units (双向反馈).
//!
//! # Examples
//!
//! ```
//! # use dangjian::post::*;
//! # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
//! # let reg = dangjian::Registry::sample_small();
//! # let kinds = default_kinds();
//! # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
//! # let mut book = PostBook::new(kinds.clone(), PostRules::default());
//! # let h = dangjian::fixed::Fixed::from_int(4);
//! # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
//! # s1.verified = true;
//! # book.apply(&reg, PostBatch {
//! #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
//! #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
//! #         Commitment::new("每月排查矛盾纠纷", h))],
//! #     service: vec![s1],
//! #     ..Default::default()
//! # })?;
//! // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
//! // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
//! assert_eq!(book.coverage_on(d("2024-06-01")).vacancies, [1]);
//! assert_eq!(book.commitments(d("2024-02-01"), d("2024-02-29")).kept, [true]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Months, NaiveDate};
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::PostBook;
use crate::fixed::Fixed;
use crate::member::MemberId;
use crate::table::TableError;
use crate::Registry;

/// Writes a header and rows of the table `table` as CSV text (RFC 4180 quoting by the `csv`
/// crate; text cells that a spreadsheet would run as a formula get a leading `'`, see
/// [`crate::table::csv_cell`]). A failed write is an error (`TableError::Csv`, as
/// `ScoreTable::to_csv`), never a shortened text.
pub(crate) fn csv_text(
    table: &str,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<String, TableError> {
    let err = |e: &dyn std::fmt::Display| TableError::Csv {
        table: table.into(),
        message: e.to_string(),
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).map_err(|e| err(&e))?;
    for r in rows {
        w.write_record(r.into_iter().map(crate::table::csv_cell))
            .map_err(|e| err(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| err(&e))?;
    String::from_utf8(bytes).map_err(|e| err(&e))
}

/// Coverage of posts on one day (岗位覆盖): one row per post open that day, columnar.
///
/// ```
/// let ds = dangjian::synth::sample_community();
/// let reg = ds.to_registry().unwrap();
/// let book = dangjian::post::PostBook::from_dataset(&ds, &reg).unwrap();
/// let t = book.coverage_on(dangjian::synth::SAMPLE_AS_OF);
/// for i in 0..t.post.len() {
///     assert_eq!(t.filled[i] + t.vacancies[i], t.capacity[i]);
/// }
/// assert!(t.to_csv().unwrap().starts_with("post,name,kind,org,capacity,filled,vacancies"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CoverageTable {
    /// The day.
    pub date: NaiveDate,
    /// Post id.
    #[schemars(with = "Vec<String>")]
    pub post: Vec<CompactString>,
    /// Post name.
    #[schemars(with = "Vec<String>")]
    pub name: Vec<CompactString>,
    /// Post kind code.
    #[schemars(with = "Vec<String>")]
    pub kind: Vec<CompactString>,
    /// Owning organization.
    #[schemars(with = "Vec<String>")]
    pub org: Vec<CompactString>,
    /// Seats.
    pub capacity: Vec<u32>,
    /// Claims held that day.
    pub filled: Vec<u32>,
    /// Seats free that day (`capacity - filled`).
    pub vacancies: Vec<u32>,
}

impl CoverageTable {
    /// Number of rows.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::post::*;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let reg = dangjian::Registry::sample_small();
    /// # let kinds = default_kinds();
    /// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
    /// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
    /// # let h = dangjian::fixed::Fixed::from_int(4);
    /// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
    /// # s1.verified = true;
    /// # book.apply(&reg, PostBatch {
    /// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
    /// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
    /// #         Commitment::new("每月排查矛盾纠纷", h))],
    /// #     service: vec![s1],
    /// #     ..Default::default()
    /// # })?;
    /// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
    /// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
    /// let t = book.coverage_on(d("2024-06-01"));
    /// assert_eq!(t.len(), 1); // P1
    /// assert_eq!(book.coverage_on(d("2023-06-01")).len(), 0); // before P1 opens
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.post.len()
    }

    /// Whether there are no rows.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::post::*;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let reg = dangjian::Registry::sample_small();
    /// # let kinds = default_kinds();
    /// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
    /// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
    /// # let h = dangjian::fixed::Fixed::from_int(4);
    /// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
    /// # s1.verified = true;
    /// # book.apply(&reg, PostBatch {
    /// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
    /// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
    /// #         Commitment::new("每月排查矛盾纠纷", h))],
    /// #     service: vec![s1],
    /// #     ..Default::default()
    /// # })?;
    /// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
    /// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
    /// assert!(book.coverage_on(d("2023-06-01")).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.post.is_empty()
    }

    /// CSV text with a header row.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::post::*;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let reg = dangjian::Registry::sample_small();
    /// # let kinds = default_kinds();
    /// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
    /// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
    /// # let h = dangjian::fixed::Fixed::from_int(4);
    /// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
    /// # s1.verified = true;
    /// # book.apply(&reg, PostBatch {
    /// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
    /// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
    /// #         Commitment::new("每月排查矛盾纠纷", h))],
    /// #     service: vec![s1],
    /// #     ..Default::default()
    /// # })?;
    /// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
    /// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
    /// let csv = book.coverage_on(d("2024-06-01")).to_csv()?;
    /// assert_eq!(csv, "post,name,kind,org,capacity,filled,vacancies\nP1,矛盾纠纷调解员,mediator,Z,2,1,1\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_csv(&self) -> Result<String, TableError> {
        csv_text(
            "post_coverage",
            &[
                "post",
                "name",
                "kind",
                "org",
                "capacity",
                "filled",
                "vacancies",
            ],
            (0..self.len()).map(|i| {
                vec![
                    cell(&self.post, i),
                    cell(&self.name, i),
                    cell(&self.kind, i),
                    cell(&self.org, i),
                    cell(&self.capacity, i),
                    cell(&self.filled, i),
                    cell(&self.vacancies, i),
                ]
            }),
        )
    }
}

fn cell<T: std::fmt::Display>(v: &[T], i: usize) -> String {
    v.get(i).map(|x| x.to_string()).unwrap_or_default()
}

/// Each claim's commitment month by month (承诺践诺), columnar.
///
/// **Definition.** A calendar month is *due* for a claim when the claim is held on every day
/// of the month and the month lies wholly inside the period asked for (months cut by the start
/// or release of the claim, or by the period's ends, are not due). A due month is *kept* when
/// the verified service hours of the claim's member on the claim's post dated in that month
/// reach the commitment's `hours_per_month`.
///
/// # Examples
///
/// ```
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let kinds = default_kinds();
/// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
/// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
/// # let h = dangjian::fixed::Fixed::from_int(4);
/// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
/// # s1.verified = true;
/// # book.apply(&reg, PostBatch {
/// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
/// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
/// #         Commitment::new("每月排查矛盾纠纷", h))],
/// #     service: vec![s1],
/// #     ..Default::default()
/// # })?;
/// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
/// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
/// let t = book.commitments(d("2024-01-01"), d("2024-03-31"));
/// assert_eq!(t.claim, ["C1", "C1", "C1"]);
/// assert_eq!(t.kept, [false, true, false]); // 4 verified hours in February only
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CommitmentTable {
    /// Claim id.
    #[schemars(with = "Vec<String>")]
    pub claim: Vec<CompactString>,
    /// Member id.
    #[schemars(with = "Vec<String>")]
    pub member: Vec<MemberId>,
    /// Post id.
    #[schemars(with = "Vec<String>")]
    pub post: Vec<CompactString>,
    /// First day of the month.
    pub month: Vec<NaiveDate>,
    /// Hours promised.
    pub committed: Vec<Fixed>,
    /// Verified hours served on the post in the month.
    pub verified_hours: Vec<Fixed>,
    /// Whether the month's commitment was kept.
    pub kept: Vec<bool>,
}

impl CommitmentTable {
    /// Number of rows.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::post::*;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let reg = dangjian::Registry::sample_small();
    /// # let kinds = default_kinds();
    /// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
    /// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
    /// # let h = dangjian::fixed::Fixed::from_int(4);
    /// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
    /// # s1.verified = true;
    /// # book.apply(&reg, PostBatch {
    /// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
    /// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
    /// #         Commitment::new("每月排查矛盾纠纷", h))],
    /// #     service: vec![s1],
    /// #     ..Default::default()
    /// # })?;
    /// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
    /// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
    /// assert_eq!(book.commitments(d("2024-01-01"), d("2024-06-30")).len(), 6);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.claim.len()
    }

    /// Whether there are no rows.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::post::*;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let reg = dangjian::Registry::sample_small();
    /// # let kinds = default_kinds();
    /// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
    /// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
    /// # let h = dangjian::fixed::Fixed::from_int(4);
    /// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
    /// # s1.verified = true;
    /// # book.apply(&reg, PostBatch {
    /// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
    /// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
    /// #         Commitment::new("每月排查矛盾纠纷", h))],
    /// #     service: vec![s1],
    /// #     ..Default::default()
    /// # })?;
    /// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
    /// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
    /// // no calendar month lies wholly inside 2024-02-10 ..= 2024-03-30
    /// assert!(book.commitments(d("2024-02-10"), d("2024-03-30")).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.claim.is_empty()
    }

    /// CSV text with a header row (month as `YYYY-MM`).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::post::*;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let reg = dangjian::Registry::sample_small();
    /// # let kinds = default_kinds();
    /// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
    /// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
    /// # let h = dangjian::fixed::Fixed::from_int(4);
    /// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
    /// # s1.verified = true;
    /// # book.apply(&reg, PostBatch {
    /// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
    /// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
    /// #         Commitment::new("每月排查矛盾纠纷", h))],
    /// #     service: vec![s1],
    /// #     ..Default::default()
    /// # })?;
    /// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
    /// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
    /// let csv = book.commitments(d("2024-02-01"), d("2024-02-29")).to_csv()?;
    /// assert_eq!(csv, "claim,member,post,month,committed,verified_hours,kept\nC1,M1,P1,2024-02,4,4,true\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_csv(&self) -> Result<String, TableError> {
        csv_text(
            "post_commitments",
            &[
                "claim",
                "member",
                "post",
                "month",
                "committed",
                "verified_hours",
                "kept",
            ],
            (0..self.len()).map(|i| {
                vec![
                    cell(&self.claim, i),
                    cell(&self.member, i),
                    cell(&self.post, i),
                    self.month
                        .get(i)
                        .map(|m| crate::post::year_month(*m))
                        .unwrap_or_default(),
                    cell(&self.committed, i),
                    cell(&self.verified_hours, i),
                    cell(&self.kept, i),
                ]
            }),
        )
    }
}

/// Calendar months lying wholly inside `lo..=hi`, as (first day, last day).
pub(crate) fn full_months(lo: NaiveDate, hi: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let Some(mut first) = lo.with_day(1) else {
        return out;
    };
    if first < lo {
        match first.checked_add_months(Months::new(1)) {
            Some(f) => first = f,
            None => return out,
        }
    }
    while let Some(next) = first.checked_add_months(Months::new(1)) {
        let Some(last) = next.pred_opt() else { break };
        if last > hi {
            break;
        }
        out.push((first, last));
        first = next;
    }
    out
}

type MonthKey<'a> = (&'a str, &'a str, i32, u32);

impl PostBook {
    /// Verified hours per (member, post, year, month).
    fn verified_by_month(&self) -> HashMap<MonthKey<'_>, Fixed> {
        let mut m: HashMap<MonthKey<'_>, Fixed> = HashMap::new();
        for s in self.service().iter().filter(|s| s.verified) {
            let e = m
                .entry((
                    s.member.as_str(),
                    s.post.as_str(),
                    s.date.year(),
                    s.date.month(),
                ))
                .or_default();
            *e = *e + s.hours;
        }
        m
    }

    /// Commitment months of every claim in `from..=to` (see [`CommitmentTable`] for the exact
    /// definition of *due* and *kept*). Rows in claim order, then month order.
    ///
    /// ```
    /// use dangjian::post::{ClaimRecord, Commitment, PostBatch, PostBook, PostRecord, ServiceRecord, default_kinds};
    /// use dangjian::{fixed::Fixed, Registry};
    /// let reg = Registry::sample_small();
    /// let d = |s: &str| s.parse().unwrap();
    /// let k = default_kinds();
    /// let mut book = PostBook::new(k.clone(), Default::default());
    /// let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), Fixed::from_int(4));
    /// s1.verified = true;
    /// book.apply(&reg, PostBatch {
    ///     posts: vec![PostRecord::from_kind("P1", &k[6], "Z", 5, d("2024-01-01"))],
    ///     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-15"),
    ///                  Commitment::new("志愿服务", Fixed::from_int(4)))],
    ///     service: vec![s1],
    ///     ..Default::default()
    /// }).unwrap();
    /// // January is cut by the claim's start: not due. February kept (4 h ≥ 4 h), March not.
    /// let t = book.commitments(d("2024-01-01"), d("2024-03-31"));
    /// assert_eq!(t.kept, vec![true, false]);
    /// assert_eq!(t.month, vec![d("2024-02-01"), d("2024-03-01")]);
    /// ```
    pub fn commitments(&self, from: NaiveDate, to: NaiveDate) -> CommitmentTable {
        let hours = self.verified_by_month();
        let mut t = CommitmentTable::default();
        for c in self.claims() {
            if !c.overlaps(from, to) {
                continue;
            }
            let lo = from.max(c.start);
            let hi = match c.end.and_then(|e| e.pred_opt()) {
                Some(last) => to.min(last),
                None => to,
            };
            for (first, _) in full_months(lo, hi) {
                let v = hours
                    .get(&(
                        c.member.as_str(),
                        c.post.as_str(),
                        first.year(),
                        first.month(),
                    ))
                    .copied()
                    .unwrap_or_default();
                t.claim.push(c.id.clone());
                t.member.push(c.member.clone());
                t.post.push(c.post.clone());
                t.month.push(first);
                t.committed.push(c.commitment.hours_per_month);
                t.verified_hours.push(v);
                t.kept.push(v >= c.commitment.hours_per_month);
            }
        }
        t
    }

    /// Coverage of the posts open on `date`: seats, claims held, vacancies.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::post::*;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let reg = dangjian::Registry::sample_small();
    /// # let kinds = default_kinds();
    /// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
    /// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
    /// # let h = dangjian::fixed::Fixed::from_int(4);
    /// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
    /// # s1.verified = true;
    /// # book.apply(&reg, PostBatch {
    /// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
    /// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
    /// #         Commitment::new("每月排查矛盾纠纷", h))],
    /// #     service: vec![s1],
    /// #     ..Default::default()
    /// # })?;
    /// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
    /// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
    /// let t = book.coverage_on(d("2024-06-01"));
    /// assert_eq!((t.post[0].as_str(), t.capacity[0], t.filled[0], t.vacancies[0]), ("P1", 2, 1, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn coverage_on(&self, date: NaiveDate) -> CoverageTable {
        let mut filled: HashMap<&str, u32> = HashMap::new();
        for c in self.claims_on(date) {
            *filled.entry(c.post.as_str()).or_default() += 1;
        }
        let mut t = CoverageTable {
            date,
            ..CoverageTable::default()
        };
        for p in self.posts().iter().filter(|p| p.is_open(date)) {
            let f = filled.get(p.id.as_str()).copied().unwrap_or(0);
            t.post.push(p.id.clone());
            t.name.push(p.name.clone());
            t.kind.push(p.kind.clone());
            t.org.push(p.org.clone());
            t.capacity.push(p.capacity);
            t.filled.push(f);
            t.vacancies.push(p.capacity.saturating_sub(f));
        }
        t
    }

    /// The two-way feedback (双向反馈) to home units for `from..=to`: one row per member
    /// reporting from a home unit, with claims, hours, commitments and score.
    ///
    /// **Who is listed under a unit.** A person is listed when they are a party member on at
    /// least one day of the period, under the home unit recorded in their state on the last such
    /// day (an in-service member who retires and loses the home unit before the period ends is
    /// not listed). People without a home unit are not listed.
    ///
    /// **Columns.** `claims`: claims held on some day of the period; `hours` / `verified_hours`:
    /// all / verified service hours dated in the period, on any post; `commitments_kept` /
    /// `commitments_due`: months as defined in [`CommitmentTable`]; `score`: the member's entry
    /// in `scores` (e.g. their points total from the scoring engine), `None` when absent.
    ///
    /// Rows are sorted by unit, then member id; [`FeedbackReport::units`] holds the totals per
    /// unit, which equal the sums of the rows.
    ///
    /// ```
    /// use std::collections::HashMap;
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let book = dangjian::post::PostBook::from_dataset(&ds, &reg).unwrap();
    /// let d = |s: &str| s.parse().unwrap();
    /// let r = book.feedback(&reg, d("2025-11-01"), d("2026-10-31"), &HashMap::new());
    /// assert!(!r.units.is_empty() && r.units.len() <= dangjian::synth::HOME_UNITS.len());
    /// let rows: u32 = r.units.iter().map(|u| u.members).sum();
    /// assert_eq!(rows as usize, r.table.len());
    /// ```
    pub fn feedback(
        &self,
        reg: &Registry,
        from: NaiveDate,
        to: NaiveDate,
        scores: &HashMap<MemberId, Fixed>,
    ) -> FeedbackReport {
        let mut listed: Vec<(CompactString, MemberId)> = Vec::new();
        for (i, m) in reg.members().iter().enumerate() {
            let idx = i as crate::MemberIdx;
            let last = reg
                .spells_of(idx)
                .iter()
                .filter(|s| s.from <= to && s.to > from)
                .map(|s| s.to.pred_opt().unwrap_or(s.to).min(to))
                .max();
            let Some(last) = last else { continue };
            if let Some(unit) = reg.state_of(idx, last).home_unit {
                // A phone or ID number typed into the work unit is not printed (issue 17).
                let unit = CompactString::from(crate::privacy::redact_personal(&unit));
                listed.push((unit, m.id.clone()));
            }
        }
        crate::sort::sort(&mut listed);
        let mut claims: HashMap<&str, u32> = HashMap::new();
        for c in self.claims().iter().filter(|c| c.overlaps(from, to)) {
            *claims.entry(c.member.as_str()).or_default() += 1;
        }
        let mut hours: HashMap<&str, (Fixed, Fixed)> = HashMap::new();
        for s in self
            .service()
            .iter()
            .filter(|s| s.date >= from && s.date <= to)
        {
            let e = hours.entry(s.member.as_str()).or_default();
            e.0 = e.0 + s.hours;
            if s.verified {
                e.1 = e.1 + s.hours;
            }
        }
        let ct = self.commitments(from, to);
        let mut months: HashMap<&str, (u32, u32)> = HashMap::new();
        for (m, k) in ct.member.iter().zip(&ct.kept) {
            let e = months.entry(m.as_str()).or_default();
            e.1 += 1;
            if *k {
                e.0 += 1;
            }
        }
        let mut r = FeedbackReport {
            from,
            to,
            ..FeedbackReport::default()
        };
        let mut units: BTreeMap<CompactString, UnitTotals> = BTreeMap::new();
        for (unit, member) in listed {
            let (h, v) = hours.get(member.as_str()).copied().unwrap_or_default();
            let (kept, due) = months.get(member.as_str()).copied().unwrap_or_default();
            let n = claims.get(member.as_str()).copied().unwrap_or(0);
            let score = scores.get(&member).copied();
            let u = units.entry(unit.clone()).or_insert_with(|| UnitTotals {
                unit: unit.clone(),
                ..UnitTotals::default()
            });
            u.members += 1;
            u.claims += n;
            u.hours = u.hours + h;
            u.verified_hours = u.verified_hours + v;
            u.commitments_kept += kept;
            u.commitments_due += due;
            u.score = u.score + score.unwrap_or_default();
            let t = &mut r.table;
            t.unit.push(unit);
            t.member.push(member);
            t.claims.push(n);
            t.hours.push(h);
            t.verified_hours.push(v);
            t.commitments_kept.push(kept);
            t.commitments_due.push(due);
            t.score.push(score);
        }
        r.units = units.into_values().collect();
        r
    }
}

/// One row per member listed under a home unit, columnar (see [`PostBook::feedback`]).
///
/// # Examples
///
/// ```
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let kinds = default_kinds();
/// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
/// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
/// # let h = dangjian::fixed::Fixed::from_int(4);
/// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
/// # s1.verified = true;
/// # book.apply(&reg, PostBatch {
/// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
/// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
/// #         Commitment::new("每月排查矛盾纠纷", h))],
/// #     service: vec![s1],
/// #     ..Default::default()
/// # })?;
/// # use dangjian::member::{Category, EventRecord, EventType};
/// # let mut reg = reg;
/// # reg.apply(vec![EventRecord::new("M1", d("2024-01-01"), EventType::CategoryChanged)
/// #     .category(Category::InService, Some("县人民医院"))])?;
/// # let report = book.feedback(&reg, d("2024-01-01"), d("2024-03-31"), &Default::default());
/// // `report`: feedback for 2024-01-01 ..= 2024-03-31 on the post book `book`, whose one claim
/// // (C1, 4 hours a month) is held by M1, an in-service member from 县人民医院
/// let t = &report.table;
/// assert_eq!((t.unit[0].as_str(), t.member[0].as_str()), ("县人民医院", "M1"));
/// assert_eq!((t.claims[0], t.commitments_kept[0], t.commitments_due[0]), (1, 1, 3));
/// assert_eq!(t.score[0], None); // no scores given
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FeedbackTable {
    /// Home unit (驻区单位 / 共建单位).
    #[schemars(with = "Vec<String>")]
    pub unit: Vec<CompactString>,
    /// Member id.
    #[schemars(with = "Vec<String>")]
    pub member: Vec<MemberId>,
    /// Claims held in the period.
    pub claims: Vec<u32>,
    /// Service hours in the period.
    pub hours: Vec<Fixed>,
    /// Verified service hours in the period.
    pub verified_hours: Vec<Fixed>,
    /// Commitment months kept.
    pub commitments_kept: Vec<u32>,
    /// Commitment months due.
    pub commitments_due: Vec<u32>,
    /// Score given by the caller, if any.
    pub score: Vec<Option<Fixed>>,
}

impl FeedbackTable {
    /// Number of rows.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::post::*;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let reg = dangjian::Registry::sample_small();
    /// # let kinds = default_kinds();
    /// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
    /// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
    /// # let h = dangjian::fixed::Fixed::from_int(4);
    /// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
    /// # s1.verified = true;
    /// # book.apply(&reg, PostBatch {
    /// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
    /// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
    /// #         Commitment::new("每月排查矛盾纠纷", h))],
    /// #     service: vec![s1],
    /// #     ..Default::default()
    /// # })?;
    /// # use dangjian::member::{Category, EventRecord, EventType};
    /// # let mut reg = reg;
    /// # reg.apply(vec![EventRecord::new("M1", d("2024-01-01"), EventType::CategoryChanged)
    /// #     .category(Category::InService, Some("县人民医院"))])?;
    /// # let report = book.feedback(&reg, d("2024-01-01"), d("2024-03-31"), &Default::default());
    /// // `report`: feedback for 2024-01-01 ..= 2024-03-31 on the post book `book`, whose one claim
    /// // (C1, 4 hours a month) is held by M1, an in-service member from 县人民医院
    /// assert_eq!(report.table.len(), 1); // only M1 has a home unit
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.member.len()
    }

    /// Whether there are no rows.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::post::*;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let reg = dangjian::Registry::sample_small();
    /// # let kinds = default_kinds();
    /// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
    /// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
    /// # let h = dangjian::fixed::Fixed::from_int(4);
    /// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
    /// # s1.verified = true;
    /// # book.apply(&reg, PostBatch {
    /// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
    /// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
    /// #         Commitment::new("每月排查矛盾纠纷", h))],
    /// #     service: vec![s1],
    /// #     ..Default::default()
    /// # })?;
    /// # use dangjian::member::{Category, EventRecord, EventType};
    /// # let mut reg = reg;
    /// # reg.apply(vec![EventRecord::new("M1", d("2024-01-01"), EventType::CategoryChanged)
    /// #     .category(Category::InService, Some("县人民医院"))])?;
    /// # let report = book.feedback(&reg, d("2024-01-01"), d("2024-03-31"), &Default::default());
    /// // `report`: feedback for 2024-01-01 ..= 2024-03-31 on the post book `book`, whose one claim
    /// // (C1, 4 hours a month) is held by M1, an in-service member from 县人民医院
    /// let before = book.feedback(&reg, d("2019-01-01"), d("2019-12-31"), &Default::default());
    /// assert!(before.table.is_empty() && !report.table.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.member.is_empty()
    }

    /// CSV text with a header row (an absent score is an empty cell).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::post::*;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let reg = dangjian::Registry::sample_small();
    /// # let kinds = default_kinds();
    /// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
    /// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
    /// # let h = dangjian::fixed::Fixed::from_int(4);
    /// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
    /// # s1.verified = true;
    /// # book.apply(&reg, PostBatch {
    /// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
    /// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
    /// #         Commitment::new("每月排查矛盾纠纷", h))],
    /// #     service: vec![s1],
    /// #     ..Default::default()
    /// # })?;
    /// # use dangjian::member::{Category, EventRecord, EventType};
    /// # let mut reg = reg;
    /// # reg.apply(vec![EventRecord::new("M1", d("2024-01-01"), EventType::CategoryChanged)
    /// #     .category(Category::InService, Some("县人民医院"))])?;
    /// # let report = book.feedback(&reg, d("2024-01-01"), d("2024-03-31"), &Default::default());
    /// // `report`: feedback for 2024-01-01 ..= 2024-03-31 on the post book `book`, whose one claim
    /// // (C1, 4 hours a month) is held by M1, an in-service member from 县人民医院
    /// let csv = report.table.to_csv()?;
    /// assert!(csv.starts_with("unit,member,claims,hours,verified_hours,commitments_kept,commitments_due,score\n"));
    /// assert!(csv.contains("县人民医院,M1,1,4,4,1,3,"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_csv(&self) -> Result<String, TableError> {
        csv_text(
            "post_feedback",
            &[
                "unit",
                "member",
                "claims",
                "hours",
                "verified_hours",
                "commitments_kept",
                "commitments_due",
                "score",
            ],
            (0..self.len()).map(|i| {
                vec![
                    cell(&self.unit, i),
                    cell(&self.member, i),
                    cell(&self.claims, i),
                    cell(&self.hours, i),
                    cell(&self.verified_hours, i),
                    cell(&self.commitments_kept, i),
                    cell(&self.commitments_due, i),
                    self.score
                        .get(i)
                        .copied()
                        .flatten()
                        .map(|s| s.to_string())
                        .unwrap_or_default(),
                ]
            }),
        )
    }
}

/// Totals of one home unit in a [`FeedbackReport`].
///
/// # Examples
///
/// ```
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let kinds = default_kinds();
/// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
/// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
/// # let h = dangjian::fixed::Fixed::from_int(4);
/// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
/// # s1.verified = true;
/// # book.apply(&reg, PostBatch {
/// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
/// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
/// #         Commitment::new("每月排查矛盾纠纷", h))],
/// #     service: vec![s1],
/// #     ..Default::default()
/// # })?;
/// # use dangjian::member::{Category, EventRecord, EventType};
/// # let mut reg = reg;
/// # reg.apply(vec![EventRecord::new("M1", d("2024-01-01"), EventType::CategoryChanged)
/// #     .category(Category::InService, Some("县人民医院"))])?;
/// # let report = book.feedback(&reg, d("2024-01-01"), d("2024-03-31"), &Default::default());
/// // `report`: feedback for 2024-01-01 ..= 2024-03-31 on the post book `book`, whose one claim
/// // (C1, 4 hours a month) is held by M1, an in-service member from 县人民医院
/// let u = &report.units[0];
/// assert_eq!((u.unit.as_str(), u.members, u.claims), ("县人民医院", 1, 1));
/// assert_eq!((u.verified_hours, u.commitments_kept, u.commitments_due), ("4".parse()?, 1, 3));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct UnitTotals {
    /// The home unit.
    #[schemars(with = "String")]
    pub unit: CompactString,
    /// Members listed.
    pub members: u32,
    /// Claims held in the period.
    pub claims: u32,
    /// Service hours.
    pub hours: Fixed,
    /// Verified service hours.
    pub verified_hours: Fixed,
    /// Commitment months kept.
    pub commitments_kept: u32,
    /// Commitment months due.
    pub commitments_due: u32,
    /// Sum of the scores given (absent scores count 0).
    pub score: Fixed,
}

/// The two-way feedback report to home units for a period (see [`PostBook::feedback`]).
///
/// # Examples
///
/// ```
/// use std::collections::HashMap;
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let kinds = default_kinds();
/// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
/// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
/// # let h = dangjian::fixed::Fixed::from_int(4);
/// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
/// # s1.verified = true;
/// # book.apply(&reg, PostBatch {
/// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
/// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
/// #         Commitment::new("每月排查矛盾纠纷", h))],
/// #     service: vec![s1],
/// #     ..Default::default()
/// # })?;
/// # use dangjian::member::{Category, EventRecord, EventType};
/// # let mut reg = reg;
/// # reg.apply(vec![EventRecord::new("M1", d("2024-01-01"), EventType::CategoryChanged)
/// #     .category(Category::InService, Some("县人民医院"))])?;
/// # let report = book.feedback(&reg, d("2024-01-01"), d("2024-03-31"), &Default::default());
/// // `report`: feedback for 2024-01-01 ..= 2024-03-31 on the post book `book`, whose one claim
/// // (C1, 4 hours a month) is held by M1, an in-service member from 县人民医院
/// let scores = HashMap::from([("M1".into(), "86.5".parse()?)]);
/// let r = book.feedback(&reg, d("2024-01-01"), d("2024-03-31"), &scores);
/// assert_eq!((r.from, r.to), (d("2024-01-01"), d("2024-03-31")));
/// assert_eq!(r.units[0].score, "86.5".parse()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FeedbackReport {
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period (inclusive).
    pub to: NaiveDate,
    /// One row per member.
    pub table: FeedbackTable,
    /// Totals per unit, sorted by unit.
    pub units: Vec<UnitTotals>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn full_months_by_hand() {
        assert_eq!(
            full_months(d("2024-01-15"), d("2024-04-30")),
            vec![
                (d("2024-02-01"), d("2024-02-29")),
                (d("2024-03-01"), d("2024-03-31")),
                (d("2024-04-01"), d("2024-04-30"))
            ]
        );
        assert_eq!(full_months(d("2024-01-01"), d("2024-01-30")), vec![]);
        assert_eq!(full_months(d("2024-12-01"), d("2025-01-31")).len(), 2);
        assert_eq!(full_months(d("2024-02-01"), d("2024-01-31")), vec![]);
    }

    #[test]
    fn csv_quotes_commas() {
        let s = csv_text(
            "t",
            &["a", "b"],
            std::iter::once(vec!["x,y".to_string(), "z".to_string()]),
        );
        assert_eq!(s.unwrap(), "a,b\n\"x,y\",z\n");
    }

    #[test]
    fn a_ragged_row_is_an_error_not_a_shorter_text() {
        let e = csv_text("t", &["a", "b"], std::iter::once(vec!["x".to_string()])).unwrap_err();
        assert_eq!(e.code(), "csv");
    }
}

/// The post tables as generic [`crate::table::Table`]s (for CSV/XLSX export, privacy-aware
/// export with [`crate::stats::prepare`], and Arrow in the language bindings).
mod as_table {
    use super::{CommitmentTable, CoverageTable, FeedbackReport, FeedbackTable};
    use crate::fixed::Fixed;
    use crate::table::{ColumnValues as V, OwnedColumn as C, OwnedTable, Role};

    fn s<T: AsRef<str>>(v: &[T]) -> V {
        V::Str(v.iter().map(|x| x.as_ref().to_string()).collect())
    }
    fn n(v: &[u32]) -> V {
        V::U64(v.iter().map(|x| u64::from(*x)).collect())
    }
    fn table(name: &str, title_zh: String, rows: usize, columns: Vec<C>) -> OwnedTable {
        OwnedTable {
            name: name.into(),
            title_zh,
            rows,
            columns,
        }
    }

    impl CoverageTable {
        /// This table as a generic [`OwnedTable`] (`post_coverage`).
        ///
        /// # Examples
        ///
        /// ```
        /// use dangjian::table::Table;
        /// # use dangjian::post::*;
        /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
        /// # let reg = dangjian::Registry::sample_small();
        /// # let kinds = default_kinds();
        /// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
        /// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
        /// # let h = dangjian::fixed::Fixed::from_int(4);
        /// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
        /// # s1.verified = true;
        /// # book.apply(&reg, PostBatch {
        /// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
        /// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
        /// #         Commitment::new("每月排查矛盾纠纷", h))],
        /// #     service: vec![s1],
        /// #     ..Default::default()
        /// # })?;
        /// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
        /// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
        /// let t = book.coverage_on(d("2024-06-01")).to_table();
        /// assert_eq!((t.name(), t.len()), ("post_coverage", 1));
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        pub fn to_table(&self) -> OwnedTable {
            table(
                "post_coverage",
                format!("岗位覆盖情况（{}）", self.date),
                self.len(),
                vec![
                    C::new("post", "岗位编号", Role::Key, s(&self.post)),
                    C::new("name", "岗位名称", Role::Text, s(&self.name)),
                    C::new("kind", "岗位类别", Role::Text, s(&self.kind)),
                    C::new("org", "所属组织", Role::Key, s(&self.org)),
                    C::new("capacity", "设岗人数", Role::Value, n(&self.capacity)),
                    C::new("filled", "在岗人数", Role::Count, n(&self.filled)),
                    C::new("vacancies", "空缺", Role::Value, n(&self.vacancies)),
                ],
            )
        }
    }

    impl CommitmentTable {
        /// This table as a generic [`OwnedTable`] (`post_commitments`).
        ///
        /// # Examples
        ///
        /// ```
        /// use dangjian::table::Table;
        /// # use dangjian::post::*;
        /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
        /// # let reg = dangjian::Registry::sample_small();
        /// # let kinds = default_kinds();
        /// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
        /// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
        /// # let h = dangjian::fixed::Fixed::from_int(4);
        /// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
        /// # s1.verified = true;
        /// # book.apply(&reg, PostBatch {
        /// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
        /// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
        /// #         Commitment::new("每月排查矛盾纠纷", h))],
        /// #     service: vec![s1],
        /// #     ..Default::default()
        /// # })?;
        /// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
        /// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
        /// let t = book.commitments(d("2024-01-01"), d("2024-03-31")).to_table();
        /// assert_eq!((t.name(), t.title_zh(), t.len()), ("post_commitments", "承诺践诺情况".to_string(), 3));
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        pub fn to_table(&self) -> OwnedTable {
            table(
                "post_commitments",
                "承诺践诺情况".into(),
                self.len(),
                vec![
                    C::new("claim", "认领编号", Role::Key, s(&self.claim)),
                    C::new("member", "党员编号", Role::MemberId, s(&self.member)),
                    C::new("post", "岗位编号", Role::Key, s(&self.post)),
                    C::new("month", "月份", Role::Value, V::Date(self.month.clone())),
                    C::new(
                        "committed",
                        "承诺时长",
                        Role::Value,
                        V::Fixed(self.committed.clone()),
                    ),
                    C::new(
                        "verified_hours",
                        "核实时长",
                        Role::Value,
                        V::Fixed(self.verified_hours.clone()),
                    ),
                    C::new("kept", "是否践诺", Role::Value, V::Bool(self.kept.clone())),
                ],
            )
        }
    }

    impl FeedbackTable {
        /// This table as a generic [`OwnedTable`] (`post_feedback`, one row per member).
        ///
        /// # Examples
        ///
        /// ```
        /// use dangjian::table::Table;
        /// # use dangjian::post::*;
        /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
        /// # let reg = dangjian::Registry::sample_small();
        /// # let kinds = default_kinds();
        /// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
        /// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
        /// # let h = dangjian::fixed::Fixed::from_int(4);
        /// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
        /// # s1.verified = true;
        /// # book.apply(&reg, PostBatch {
        /// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
        /// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
        /// #         Commitment::new("每月排查矛盾纠纷", h))],
        /// #     service: vec![s1],
        /// #     ..Default::default()
        /// # })?;
        /// # use dangjian::member::{Category, EventRecord, EventType};
        /// # let mut reg = reg;
        /// # reg.apply(vec![EventRecord::new("M1", d("2024-01-01"), EventType::CategoryChanged)
        /// #     .category(Category::InService, Some("县人民医院"))])?;
        /// # let report = book.feedback(&reg, d("2024-01-01"), d("2024-03-31"), &Default::default());
        /// // `report`: feedback for 2024-01-01 ..= 2024-03-31 on the post book `book`, whose one claim
        /// // (C1, 4 hours a month) is held by M1, an in-service member from 县人民医院
        /// let t = report.table.to_table();
        /// assert_eq!((t.name(), t.len()), ("post_feedback", 1));
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        pub fn to_table(&self) -> OwnedTable {
            table(
                "post_feedback",
                "党员双向反馈表".into(),
                self.len(),
                vec![
                    C::new("unit", "所在单位", Role::Key, s(&self.unit)),
                    C::new("member", "党员编号", Role::MemberId, s(&self.member)),
                    C::new("claims", "认领岗位数", Role::Value, n(&self.claims)),
                    C::new(
                        "hours",
                        "服务时长",
                        Role::Value,
                        V::Fixed(self.hours.clone()),
                    ),
                    C::new(
                        "verified_hours",
                        "核实时长",
                        Role::Value,
                        V::Fixed(self.verified_hours.clone()),
                    ),
                    C::new(
                        "commitments_kept",
                        "践诺月数",
                        Role::Value,
                        n(&self.commitments_kept),
                    ),
                    C::new(
                        "commitments_due",
                        "应践诺月数",
                        Role::Value,
                        n(&self.commitments_due),
                    ),
                    C::new(
                        "score",
                        "积分",
                        Role::Value,
                        V::OptFixed(self.score.clone()),
                    ),
                ],
            )
        }
    }

    impl FeedbackReport {
        /// The totals per home unit as a generic [`OwnedTable`] (`post_feedback_units`).
        ///
        /// # Examples
        ///
        /// ```
        /// use dangjian::table::Table;
        /// # use dangjian::post::*;
        /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
        /// # let reg = dangjian::Registry::sample_small();
        /// # let kinds = default_kinds();
        /// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
        /// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
        /// # let h = dangjian::fixed::Fixed::from_int(4);
        /// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
        /// # s1.verified = true;
        /// # book.apply(&reg, PostBatch {
        /// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
        /// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
        /// #         Commitment::new("每月排查矛盾纠纷", h))],
        /// #     service: vec![s1],
        /// #     ..Default::default()
        /// # })?;
        /// # use dangjian::member::{Category, EventRecord, EventType};
        /// # let mut reg = reg;
        /// # reg.apply(vec![EventRecord::new("M1", d("2024-01-01"), EventType::CategoryChanged)
        /// #     .category(Category::InService, Some("县人民医院"))])?;
        /// # let report = book.feedback(&reg, d("2024-01-01"), d("2024-03-31"), &Default::default());
        /// // `report`: feedback for 2024-01-01 ..= 2024-03-31 on the post book `book`, whose one claim
        /// // (C1, 4 hours a month) is held by M1, an in-service member from 县人民医院
        /// let t = report.units_table();
        /// assert_eq!((t.name(), t.len()), ("post_feedback_units", report.units.len()));
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        pub fn units_table(&self) -> OwnedTable {
            let u = &self.units;
            let num = |f: fn(&super::UnitTotals) -> u32| {
                V::U64(u.iter().map(|x| u64::from(f(x))).collect())
            };
            let fix = |f: fn(&super::UnitTotals) -> Fixed| V::Fixed(u.iter().map(f).collect());
            table(
                "post_feedback_units",
                format!("驻区单位党员反馈汇总（{}至{}）", self.from, self.to),
                u.len(),
                vec![
                    C::new(
                        "unit",
                        "单位",
                        Role::Key,
                        V::Str(u.iter().map(|x| x.unit.to_string()).collect()),
                    ),
                    C::new("members", "党员数", Role::Count, num(|x| x.members)),
                    C::new("claims", "认领岗位数", Role::Value, num(|x| x.claims)),
                    C::new("hours", "服务时长", Role::Value, fix(|x| x.hours)),
                    C::new(
                        "verified_hours",
                        "核实时长",
                        Role::Value,
                        fix(|x| x.verified_hours),
                    ),
                    C::new(
                        "commitments_kept",
                        "践诺月数",
                        Role::Value,
                        num(|x| x.commitments_kept),
                    ),
                    C::new(
                        "commitments_due",
                        "应践诺月数",
                        Role::Value,
                        num(|x| x.commitments_due),
                    ),
                    C::new("score", "积分合计", Role::Value, fix(|x| x.score)),
                ],
            )
        }
    }
}
