//! Membership statistics on a date (党员队伍统计): headcount, gender, ethnicity, education,
//! age and standing bands, categories, per organization.
//!
//! ```
//! use dangjian::stats::{membership, Rollup};
//! let reg = dangjian::Registry::sample_small();
//! let t = membership(&reg, "2024-06-01".parse()?, Rollup::Subtree);
//! let z = t.row_of("Z").unwrap();
//! assert_eq!(t.counts.row(z).map(|r| (r.headcount, r.male, r.female)), Some((4, 2, 2)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{OrgColumns, Rollup, Timelines};
use crate::fixed::Fixed;
use crate::member::{Category, Education, Gender, Stage};
use crate::org::OrgTree;
use crate::registry::{MemberIdx, Registry};
use crate::table::{Column, ColumnData, Equation, Role, Structure, Table};

count_columns! {
    /// The count columns of [`MembershipTable`], one vector per column.
    MembershipRow / MembershipCounts {
        /// Members (full and probationary).
        headcount: "党员总数",
        /// Full members (正式党员).
        full: "正式党员",
        /// Probationary members (预备党员).
        probationary: "预备党员",
        /// Men.
        male: "男",
        /// Women.
        female: "女",
        /// Han (汉族).
        han: "汉族",
        /// Ethnic minorities (少数民族).
        minority: "少数民族",
        /// Ethnicity not recorded.
        ethnicity_unknown: "民族未填",
        /// Postgraduate.
        edu_postgraduate: "研究生",
        /// Bachelor.
        edu_bachelor: "大学本科",
        /// Junior college (大专).
        edu_junior_college: "大专",
        /// Senior middle school or technical secondary.
        edu_senior_middle: "高中/中专",
        /// Junior middle school.
        edu_junior_middle: "初中",
        /// Primary school or less.
        edu_primary: "小学及以下",
        /// Education not recorded.
        edu_unknown: "学历未填",
        /// Junior college or above (大专及以上).
        college_or_above: "大专及以上",
        /// Aged 35 or under.
        age_35_or_under: "35岁及以下",
        /// Aged 36–45.
        age_36_45: "36至45岁",
        /// Aged 46–55.
        age_46_55: "46至55岁",
        /// Aged 56–65.
        age_56_65: "56至65岁",
        /// Aged 66–75.
        age_66_75: "66至75岁",
        /// Aged 76 or over.
        age_over_75: "76岁及以上",
        /// Full members with under 10 years of party standing (党龄).
        standing_under_10: "党龄不满10年",
        /// 10–19 years of standing.
        standing_10_19: "党龄10至19年",
        /// 20–29 years of standing.
        standing_20_29: "党龄20至29年",
        /// 30–39 years of standing.
        standing_30_39: "党龄30至39年",
        /// 40–49 years of standing.
        standing_40_49: "党龄40至49年",
        /// 50 years of standing or more.
        standing_50_plus: "党龄50年及以上",
        /// Full members whose conversion date is not recorded.
        standing_unknown: "党龄不详",
        /// Community residents.
        cat_resident: "社区居民党员",
        /// Retired.
        cat_retired: "离退休党员",
        /// In-service members reporting to the community.
        cat_in_service: "在职党员",
        /// Incoming floating members.
        cat_floating: "流入党员",
        /// Students.
        cat_student: "学生党员",
        /// Farmers.
        cat_farmer: "农民党员",
        /// Unemployed, on relief or minimum income.
        cat_unemployed: "无固定收入党员",
        /// Floating out (外出流动).
        floating_out: "外出流动党员",
        /// Lost contact (失联).
        lost_contact: "失联党员",
        /// Under 留党察看 on the date (党章 art. 41: no vote, no election).
        under_observation: "留党察看党员",
        /// Rights suspended (停止党员权利) on the date.
        rights_suspended: "停止党员权利党员",
    }
}

/// Age bands: upper bounds (inclusive) of all but the last band.
///
/// # Examples
///
/// ```
/// use dangjian::stats::{membership, Rollup, AGE_BANDS};
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// assert_eq!(AGE_BANDS[0], 35); // 35 or under: the share the reports ask for
/// let t = membership(&reg, d("2024-06-01"), Rollup::Subtree);
/// let z = t.row_of("Z").unwrap();
/// assert_eq!((t.counts.age_35_or_under[z], t.counts.age_over_75[z]), (1, 0)); // M2, 28
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const AGE_BANDS: [u32; 5] = [35, 45, 55, 65, 75];
/// Party-standing bands: lower bounds (years) of the bands after the first.
///
/// # Examples
///
/// ```
/// use dangjian::stats::{membership, Rollup, STANDING_BANDS};
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// assert_eq!(STANDING_BANDS[4], 50);
/// let t = membership(&reg, d("2026-06-01"), Rollup::Subtree);
/// assert_eq!(t.counts.standing_50_plus[t.row_of("Z").unwrap()], 1); // M1, full member since 1976
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const STANDING_BANDS: [u32; 5] = [10, 20, 30, 40, 50];

impl MembershipRow {
    fn count(&mut self, s: &super::Snapshot, rec: &crate::member::MemberRecord, date: NaiveDate) {
        self.headcount += 1;
        if s.stage == Stage::Full {
            self.full += 1;
            match s.converted_on.and_then(|c| date.years_since(c)) {
                None => self.standing_unknown += 1,
                Some(y) if y < 10 => self.standing_under_10 += 1,
                Some(y) if y < 20 => self.standing_10_19 += 1,
                Some(y) if y < 30 => self.standing_20_29 += 1,
                Some(y) if y < 40 => self.standing_30_39 += 1,
                Some(y) if y < 50 => self.standing_40_49 += 1,
                Some(_) => self.standing_50_plus += 1,
            }
        } else {
            self.probationary += 1;
        }
        match rec.gender {
            Gender::Male => self.male += 1,
            Gender::Female => self.female += 1,
        }
        match rec.ethnicity.trim() {
            "" => self.ethnicity_unknown += 1,
            "汉族" | "汉" => self.han += 1,
            _ => self.minority += 1,
        }
        match rec.education {
            Education::Postgraduate => self.edu_postgraduate += 1,
            Education::Bachelor => self.edu_bachelor += 1,
            Education::JuniorCollege => self.edu_junior_college += 1,
            Education::SeniorMiddle => self.edu_senior_middle += 1,
            Education::JuniorMiddle => self.edu_junior_middle += 1,
            Education::Primary => self.edu_primary += 1,
            Education::Unknown => self.edu_unknown += 1,
        }
        if rec.education.is_college_or_above() {
            self.college_or_above += 1;
        }
        match rec.age_on(date) {
            0..=35 => self.age_35_or_under += 1,
            36..=45 => self.age_36_45 += 1,
            46..=55 => self.age_46_55 += 1,
            56..=65 => self.age_56_65 += 1,
            66..=75 => self.age_66_75 += 1,
            _ => self.age_over_75 += 1,
        }
        match s.category {
            Category::Resident => self.cat_resident += 1,
            Category::Retired => self.cat_retired += 1,
            Category::InService => self.cat_in_service += 1,
            Category::Floating => self.cat_floating += 1,
            Category::Student => self.cat_student += 1,
            Category::Farmer => self.cat_farmer += 1,
            Category::Unemployed => self.cat_unemployed += 1,
        }
        if s.floating {
            self.floating_out += 1;
        }
        if s.lost_contact {
            self.lost_contact += 1;
        }
        if s.under_observation(date) {
            self.under_observation += 1;
        }
        if s.rights_suspended {
            self.rights_suspended += 1;
        }
    }

    /// The additive relations every row satisfies (`total = Σ parts`), by column name.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::stats::MembershipRow;
    /// let rel = MembershipRow::relations();
    /// assert_eq!(rel[0], ("headcount", vec!["full", "probationary"]));
    /// assert!(rel.iter().all(|(total, parts)| *total == "headcount" || !parts.is_empty()));
    /// ```
    pub fn relations() -> Vec<(&'static str, Vec<&'static str>)> {
        vec![
            ("headcount", vec!["full", "probationary"]),
            ("headcount", vec!["male", "female"]),
            ("headcount", vec!["han", "minority", "ethnicity_unknown"]),
            (
                "headcount",
                vec![
                    "edu_postgraduate",
                    "edu_bachelor",
                    "edu_junior_college",
                    "edu_senior_middle",
                    "edu_junior_middle",
                    "edu_primary",
                    "edu_unknown",
                ],
            ),
            (
                "college_or_above",
                vec!["edu_postgraduate", "edu_bachelor", "edu_junior_college"],
            ),
            (
                "headcount",
                vec![
                    "age_35_or_under",
                    "age_36_45",
                    "age_46_55",
                    "age_56_65",
                    "age_66_75",
                    "age_over_75",
                ],
            ),
            (
                "headcount",
                vec![
                    "probationary",
                    "standing_under_10",
                    "standing_10_19",
                    "standing_20_29",
                    "standing_30_39",
                    "standing_40_49",
                    "standing_50_plus",
                    "standing_unknown",
                ],
            ),
            (
                "headcount",
                vec![
                    "cat_resident",
                    "cat_retired",
                    "cat_in_service",
                    "cat_floating",
                    "cat_student",
                    "cat_farmer",
                    "cat_unemployed",
                ],
            ),
        ]
    }
}

/// Membership statistics per organization as of a date (党员队伍基本情况统计表): headcount,
/// full/probationary, gender, ethnicity, education, age bands, party standing, category,
/// floating and lost-contact members, with exact shares and average age.
///
/// Shares are exact integers: `college_or_above` and `age_35_or_under` over `headcount`; the
/// derived per-mille columns round half up. The average age is exact as `age_sum / headcount`
/// (whole years of age on the date); `avg_age` rounds it half up to three decimals.
///
/// With [`Rollup::Subtree`] the rows roll up: the committee's row counts everyone below it and
/// a branch's row counts its groups' members, so summing a column over all rows counts people
/// several times. Sum over one level instead: the `org_kind` column (党支部 rows hold the
/// members of the branches) or the `org_level` column (0 for the root); or take the root's row.
///
/// ```
/// use dangjian::stats::{membership, Rollup};
/// let ds = dangjian::synth::sample_community();
/// let reg = ds.to_registry().unwrap();
/// let t = membership(&reg, dangjian::synth::SAMPLE_AS_OF, Rollup::Subtree);
/// let z = t.orgs.id.iter().position(|o| o == "Z").unwrap();
/// assert_eq!(t.counts.headcount[z], 158);      // seed 000: 158 members
/// assert_eq!(t.counts.age_35_or_under[z], 32); // 32 aged 35 or under
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipTable {
    /// The date.
    pub as_of: NaiveDate,
    /// Direct or rolled up.
    pub rollup: Rollup,
    /// Organization keys.
    pub orgs: OrgColumns,
    /// The counts.
    pub counts: MembershipCounts,
    /// Level of each row's organization in the tree (0 for the root committee, 1 below it, …).
    pub org_level: Vec<u64>,
    /// Sum of whole-year ages (exact average = `age_sum / headcount`).
    pub age_sum: Vec<u64>,
    /// Average age rounded half up to three decimals (`None` without members).
    pub avg_age: Vec<Option<Fixed>>,
    /// Share with college education or above, per mille, rounded half up.
    pub college_permille: Vec<Option<u64>>,
    /// Share aged 35 or under, per mille, rounded half up.
    pub age_35_or_under_permille: Vec<Option<u64>>,
}

/// Membership statistics of `reg` on `date` (see [`MembershipTable`]).
///
/// # Examples
///
/// ```
/// use dangjian::stats::{membership, Rollup};
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let t = membership(&reg, d("2024-06-01"), Rollup::Subtree);
/// let z = t.row_of("Z").unwrap();
/// assert_eq!((t.counts.headcount[z], t.counts.full[z], t.counts.female[z]), (4, 3, 2));
/// assert_eq!(t.age_35_or_under_permille[z], Some(250));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn membership(reg: &Registry, date: NaiveDate, rollup: Rollup) -> MembershipTable {
    membership_with(reg, &Timelines::build(reg), date, rollup)
}

/// [`membership`] with prebuilt timelines (to compute many dates cheaply).
///
/// # Examples
///
/// ```
/// use dangjian::stats::{membership, membership_with, Rollup, Timelines};
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let timelines = Timelines::build(&reg);
/// let heads: Vec<u64> = (2020..=2024).map(|y| {
///     let t = membership_with(&reg, &timelines, d(&format!("{y}-12-31")), Rollup::Subtree);
///     t.counts.headcount[t.row_of("Z").unwrap()]
/// }).collect();
/// assert_eq!(heads, [1, 3, 3, 4, 4]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn membership_with(
    reg: &Registry,
    timelines: &Timelines,
    date: NaiveDate,
    rollup: Rollup,
) -> MembershipTable {
    let tree = reg.tree();
    let n = tree.len();
    let mut rows = vec![MembershipRow::default(); n];
    let mut age = vec![0u64; n];
    for (i, rec) in reg.members().iter().enumerate() {
        let Some(s) = timelines.on(i as MemberIdx, date) else {
            continue;
        };
        let Some(u) = s.unit() else { continue };
        if let Some(r) = rows.get_mut(u as usize) {
            r.count(s, rec, date);
        }
        if let Some(a) = age.get_mut(u as usize) {
            *a += u64::from(rec.age_on(date));
        }
    }
    if rollup == Rollup::Subtree {
        rollup_rows(tree, &mut rows);
        age = tree.rollup(&age);
    }
    let orgs = OrgColumns::active(tree, date);
    let mut counts = MembershipCounts::default();
    for &i in &orgs.idx {
        counts.push(rows.get(i as usize).unwrap_or(&MembershipRow::default()));
    }
    let age_sum = orgs.pick(&age);
    let org_level = orgs
        .idx
        .iter()
        .map(|&i| {
            let mut level = 0u64;
            let mut at = tree.parent(i);
            while let Some(p) = at {
                level += 1;
                at = tree.parent(p);
            }
            level
        })
        .collect();
    let avg_age = age_sum
        .iter()
        .zip(&counts.headcount)
        .map(|(&s, &h)| exact_average(s, h))
        .collect();
    let pm = |num: &[u64]| -> Vec<Option<u64>> {
        num.iter()
            .zip(&counts.headcount)
            .map(|(&a, &h)| super::per_mille(a, h))
            .collect()
    };
    let college_permille = pm(&counts.college_or_above);
    let age_35_or_under_permille = pm(&counts.age_35_or_under);
    MembershipTable {
        as_of: date,
        rollup,
        orgs,
        counts,
        org_level,
        age_sum,
        avg_age,
        college_permille,
        age_35_or_under_permille,
    }
}

/// `sum / n` rounded half up to three decimals.
pub(crate) fn exact_average(sum: u64, n: u64) -> Option<Fixed> {
    if n == 0 {
        return None;
    }
    let num = u128::from(sum) * 1000 * 2 + u128::from(n);
    let raw = num / (2 * u128::from(n));
    i64::try_from(raw).ok().map(Fixed::from_raw)
}

pub(crate) fn rollup_rows<R: Copy + std::ops::AddAssign>(tree: &OrgTree, rows: &mut [R]) {
    for i in (0..rows.len()).rev() {
        if let (Some(p), Some(&v)) = (tree.parent(i as u32), rows.get(i)) {
            if let Some(slot) = rows.get_mut(p as usize) {
                *slot += v;
            }
        }
    }
}

impl MembershipTable {
    /// The row of organization `id`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::stats::{membership, Rollup};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let t = membership(&reg, d("2024-06-01"), Rollup::Direct);
    /// assert_eq!(t.counts.headcount[t.row_of("B2").unwrap()], 1);
    /// assert_eq!(t.row_of("B9"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn row_of(&self, id: &str) -> Option<usize> {
        self.orgs.id.iter().position(|o| o == id)
    }
}

impl Table for MembershipTable {
    fn name(&self) -> &str {
        "membership"
    }
    fn title_zh(&self) -> String {
        format!(
            "党员队伍基本情况统计表（截至{}，{}）",
            self.as_of,
            self.rollup.label()
        )
    }
    fn len(&self) -> usize {
        self.orgs.len()
    }
    fn columns(&self) -> Vec<Column<'_>> {
        let mut c = self.orgs.columns();
        c.push(Column::new(
            "org_level",
            "组织层级",
            Role::Value,
            ColumnData::U64(&self.org_level),
        ));
        c.extend(self.counts.columns());
        c.extend([
            Column::new(
                "age_sum",
                "年龄合计",
                Role::Measure,
                ColumnData::U64(&self.age_sum),
            ),
            Column::new(
                "avg_age",
                "平均年龄",
                Role::Measure,
                ColumnData::OptFixed(&self.avg_age),
            ),
            Column::new(
                "college_permille",
                "大专及以上占比（‰）",
                Role::Measure,
                ColumnData::OptU64(&self.college_permille),
            ),
            Column::new(
                "age_35_or_under_permille",
                "35岁及以下占比（‰）",
                Role::Measure,
                ColumnData::OptU64(&self.age_35_or_under_permille),
            ),
        ]);
        c
    }
    fn structure(&self) -> Structure {
        let (parent, remainder) = self.orgs.hierarchy_for_members(self.rollup);
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        Structure {
            equations: MembershipRow::relations()
                .into_iter()
                .map(|(t, p)| Equation::sum(t, &p))
                .collect(),
            parent,
            remainder,
            derived: vec![
                ("age_sum".into(), s(&["headcount"])),
                ("avg_age".into(), s(&["headcount"])),
                (
                    "college_permille".into(),
                    s(&["college_or_above", "headcount"]),
                ),
                (
                    "age_35_or_under_permille".into(),
                    s(&["age_35_or_under", "headcount"]),
                ),
            ],
            not_additive: Vec::new(),
        }
    }
}
