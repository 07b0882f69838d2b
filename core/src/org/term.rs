//! Terms of office (任期) of grassroots organizations, chosen by the date of the election.
//!
//! The term in force depends on the day the committee (or secretary) was elected, on the kind of
//! organization and on whether it is a 村/社区 organization:
//!
//! | elected | text | committee | general branch, branch | 村/社区 |
//! |---|---|---|---|---|
//! | before 2017-10-24 | 党章（2012年修改）第三十条 | 3–5 | 2 or 3 | as its kind |
//! | 2017-10-24 … | 党章（2017年修改）第三十条 | 3–5 | 3–5 | as its kind |
//! | 2018-07-01 … | 中办《关于党的基层组织任期的意见》（2018年7月） | 5 | 3 | 5 |
//! | 2022-10-22 … | 党章（2022年修改）第三十条 | 5 | 5 | 5 |
//!
//! Where a text gives a choice, an organization may set `term_years` within it; the default is the
//! value the 2018 意见 later fixed for that kind (committee 5, general branch and branch 3, 村/社区
//! 5), brought into the range of the text in force. The 2018 意见's exact day of issue is not
//! recorded here: it applies to elections from 2018-07-01. An approved extension (延期换届) of at
//! most 12 months (《中国共产党基层组织选举工作条例》, 2020: 一般不超过1年) lengthens the term.
//!
//! ```
//! use dangjian::org::{term_in_force, OrgKind};
//! let d = |s: &str| s.parse().unwrap();
//! let t = term_in_force(d("2019-05-01"), OrgKind::Branch, true, None);
//! assert_eq!((t.years, t.text.document), (5, "中共中央办公厅《关于党的基层组织任期的意见》"));
//! let t = term_in_force(d("2019-05-01"), OrgKind::Branch, false, None);
//! assert_eq!(t.years, 3);
//! let t = term_in_force(d("2017-10-23"), OrgKind::Branch, false, Some(5));
//! assert_eq!((t.years, t.configured_out_of_range), (3, true)); // 党章 2012: 2 or 3 years
//! ```

use chrono::NaiveDate;

use super::OrgKind;

/// The years allowed by a text for one kind of organization (`min..=max`).
///
/// # Examples
///
/// ```
/// use dangjian::org::{term_in_force, OrgKind, TermRange};
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// // 党章 2017: a branch elected in 2018-03 may choose 3 to 5 years.
/// let t = term_in_force(d(2018, 3, 1)?, OrgKind::Branch, false, Some(4));
/// assert_eq!(t.allowed, TermRange { min: 3, max: 5 });
/// assert_eq!(t.years, 4);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermRange {
    /// Shortest term.
    pub min: u32,
    /// Longest term.
    pub max: u32,
}

/// One dated text on terms of office: in force for elections held from `from`.
///
/// # Examples
///
/// ```
/// use dangjian::org::term_text_on;
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// let text = term_text_on(d(2023, 4, 1)?);
/// assert_eq!((text.document, text.article), ("中国共产党章程（2022年修改）", "第三十条"));
/// assert_eq!((text.branch.min, text.branch.max), (5, 5));
/// assert_eq!(text.village_or_community, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermText {
    /// First election day the text governs.
    pub from: NaiveDate,
    /// The document.
    pub document: &'static str,
    /// The article (empty: the document as a whole).
    pub article: &'static str,
    /// Grassroots committees (基层委员会; also working committees).
    pub committee: TermRange,
    /// General branches and branches (总支部委员会、支部委员会).
    pub branch: TermRange,
    /// 村 and 社区 organizations of any kind, when the text sets them apart.
    pub village_or_community: Option<TermRange>,
}

const fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => NaiveDate::MIN,
    }
}

const fn range(min: u32, max: u32) -> TermRange {
    TermRange { min, max }
}

const CHARTER_2012: TermText = TermText {
    from: NaiveDate::MIN,
    document: "中国共产党章程（2012年修改）",
    article: "第三十条",
    committee: range(3, 5),
    branch: range(2, 3),
    village_or_community: None,
};

/// The dated texts on terms of office, oldest first (chosen by the election date).
///
/// # Examples
///
/// ```
/// use dangjian::org::TERM_TEXTS;
/// let starts: Vec<String> = TERM_TEXTS.iter().skip(1).map(|t| t.from.to_string()).collect();
/// assert_eq!(starts, ["2017-10-24", "2018-07-01", "2022-10-22"]);
/// assert!(TERM_TEXTS.windows(2).all(|w| w[0].from < w[1].from));
/// ```
pub const TERM_TEXTS: [TermText; 4] = [
    CHARTER_2012,
    TermText {
        from: day(2017, 10, 24),
        document: "中国共产党章程（2017年修改）",
        article: "第三十条",
        committee: range(3, 5),
        branch: range(3, 5),
        village_or_community: None,
    },
    TermText {
        from: day(2018, 7, 1),
        document: "中共中央办公厅《关于党的基层组织任期的意见》",
        article: "",
        committee: range(5, 5),
        branch: range(3, 3),
        village_or_community: Some(range(5, 5)),
    },
    TermText {
        from: day(2022, 10, 22),
        document: "中国共产党章程（2022年修改）",
        article: "第三十条",
        committee: range(5, 5),
        branch: range(5, 5),
        village_or_community: None,
    },
];

/// Longest approved extension of a term, in months (选举工作条例 2020: 一般不超过1年).
///
/// # Examples
///
/// ```
/// use dangjian::org::{OrgKind, OrgRecord, OrgTree, StructureRule, MAX_TERM_EXTENSION_MONTHS};
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// let mut b = OrgRecord::new("B1", "第一党支部", OrgKind::Branch, None, d(2020, 1, 1)?);
/// b.elected = Some(d(2020, 1, 1)?);
/// b.term_extension_months = MAX_TERM_EXTENSION_MONTHS + 6; // more than a year
/// let tree = OrgTree::build(vec![b])?;
/// let findings = dangjian::org::check_structure(&tree, &[10], &[10], d(2021, 1, 1)?, &Default::default());
/// assert!(findings.iter().any(|f| f.rule == StructureRule::TermExtensionTooLong));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_TERM_EXTENSION_MONTHS: u32 = 12;

/// The term that applies to one election.
///
/// # Examples
///
/// ```
/// use dangjian::org::{term_in_force, OrgKind};
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// let t = term_in_force(d(2019, 5, 1)?, OrgKind::Committee, false, Some(3));
/// // The 2018 意见 fixes a committee's term at 5 years: a configured 3 is brought into range.
/// assert_eq!((t.years, t.configured_out_of_range), (5, true));
/// assert_eq!(t.text.article, "");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermInForce {
    /// The text that sets it.
    pub text: &'static TermText,
    /// The years allowed for this organization by the text.
    pub allowed: TermRange,
    /// The term in years (the configured value when allowed, else the default brought into range).
    pub years: u32,
    /// A configured `term_years` lay outside `allowed` (and was brought into it).
    pub configured_out_of_range: bool,
}

/// The text in force for an election held on `elected`.
///
/// # Examples
///
/// ```
/// use dangjian::org::term_text_on;
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// assert_eq!(term_text_on(d(2017, 10, 23)?).document, "中国共产党章程（2012年修改）");
/// assert_eq!(term_text_on(d(2017, 10, 24)?).document, "中国共产党章程（2017年修改）");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn term_text_on(elected: NaiveDate) -> &'static TermText {
    TERM_TEXTS
        .iter()
        .rev()
        .find(|t| t.from <= elected)
        .unwrap_or(&CHARTER_2012)
}

/// The term of office of an organization of `kind` (村/社区 when `village_or_community`) elected
/// on `elected`, with the organization's configured `term_years` if any.
///
/// # Examples
///
/// ```
/// use dangjian::org::{term_in_force, OrgKind};
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// // A 社区 branch elected after the 2022 党章: five years.
/// let t = term_in_force(d(2022, 11, 1)?, OrgKind::Branch, true, None);
/// assert_eq!((t.years, t.text.document), (5, "中国共产党章程（2022年修改）"));
/// // The day before, the 2018 意见 still applied: three years for an ordinary branch.
/// assert_eq!(term_in_force(d(2022, 10, 21)?, OrgKind::Branch, false, None).years, 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn term_in_force(
    elected: NaiveDate,
    kind: OrgKind,
    village_or_community: bool,
    configured: Option<u32>,
) -> TermInForce {
    let text = term_text_on(elected);
    let by_kind = match kind {
        OrgKind::Committee | OrgKind::WorkingCommittee => text.committee,
        OrgKind::GeneralBranch | OrgKind::Branch | OrgKind::Group => text.branch,
    };
    let allowed = match (village_or_community, text.village_or_community) {
        (true, Some(r)) => r,
        _ => by_kind,
    };
    // The default: the value the 2018 意见 fixed for this kind, brought into range.
    let default = match kind {
        _ if village_or_community => 5,
        OrgKind::Committee | OrgKind::WorkingCommittee => 5,
        _ => 3,
    };
    let clamp = |y: u32| y.clamp(allowed.min, allowed.max);
    let (years, out) = match configured {
        Some(y) => (clamp(y), clamp(y) != y),
        None => (clamp(default), false),
    };
    TermInForce {
        text,
        allowed,
        years,
        configured_out_of_range: out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn texts_by_election_date() {
        let b = |s: &str, v: bool, c: Option<u32>| term_in_force(d(s), OrgKind::Branch, v, c);
        assert_eq!(
            b("2017-10-23", false, None).text.document,
            TERM_TEXTS[0].document
        );
        assert_eq!(
            b("2017-10-24", false, None).text.document,
            TERM_TEXTS[1].document
        );
        assert_eq!(b("2017-10-24", false, Some(5)).years, 5);
        assert_eq!(b("2017-10-23", false, Some(5)).years, 3);
        assert_eq!(
            b("2018-06-30", false, None).text.document,
            TERM_TEXTS[1].document
        );
        assert_eq!(b("2018-07-01", true, None).years, 5);
        assert_eq!(b("2018-07-01", false, Some(5)).years, 3);
        assert_eq!(b("2022-10-21", false, None).years, 3);
        assert_eq!(b("2022-10-22", false, None).years, 5);
        let c = term_in_force(d("2015-01-01"), OrgKind::Committee, false, Some(4));
        assert_eq!((c.years, c.configured_out_of_range), (4, false));
    }
}
