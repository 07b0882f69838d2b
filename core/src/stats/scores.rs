//! Score totals per organization, in bands:
//!
//! ```
//! use dangjian::scoring::{Mode, RuleSet, Scorer};
//! use dangjian::stats::{score_distribution, Rollup, ScoreBands, ScoreEntry};
//! let reg = dangjian::Registry::sample_small();
//! let t = Scorer::new(&reg, &[], Mode::Strict)?.score(&RuleSet::member_default(), "2024-03".parse()?)?.table;
//! let dist = score_distribution(reg.tree(), &ScoreEntry::from_scores(&t), &ScoreBands::default(), Rollup::Subtree)?;
//! assert_eq!((dist.n[0], dist.bands[1][0]), (4, 4)); // Z: four members, all 基本合格 at 60
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

use super::{OrgColumns, Rollup, StatsError};
use crate::fixed::Fixed;
use crate::member::MemberId;
use crate::org::{OrgId, OrgTree};
use crate::table::{Column, ColumnData, Equation, Role, Structure, Table};
use std::borrow::Cow;

/// One member's score total, as the scoring engine (积分管理) produces it.
///
/// # Examples
///
/// ```
/// use dangjian::fixed::Fixed;
/// use dangjian::stats::ScoreEntry;
/// let e = ScoreEntry { member: "M1".into(), org: "B1".into(), total: Fixed::from_int(92) };
/// assert_eq!(serde_json::to_string(&e)?, r#"{"member":"M1","org":"B1","total":92}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScoreEntry {
    /// The member.
    #[schemars(with = "String")]
    pub member: MemberId,
    /// The organization the score is reported under (usually the member's branch or group).
    #[schemars(with = "String")]
    pub org: OrgId,
    /// The total.
    pub total: Fixed,
}

/// Score bands: ascending thresholds and a label per band (one more label than thresholds).
/// A score falls in band `k` when it is at least `thresholds[k-1]` and below `thresholds[k]`.
///
/// # Examples
///
/// ```
/// use dangjian::fixed::Fixed;
/// use dangjian::stats::{score_distribution, Rollup, ScoreBands, ScoreEntry};
/// let reg = dangjian::Registry::sample_small();
/// let pass = ScoreBands { thresholds: vec![Fixed::from_int(60)], labels_zh: vec!["未达标".into(), "达标".into()] };
/// let e = ScoreEntry { member: "M1".into(), org: "B1".into(), total: Fixed::from_int(59) };
/// let t = score_distribution(reg.tree(), &[e], &pass, Rollup::Direct)?;
/// assert_eq!(t.bands[0][1], 1); // B1: one 未达标
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScoreBands {
    /// Ascending thresholds.
    pub thresholds: Vec<Fixed>,
    /// Chinese labels, lowest band first.
    pub labels_zh: Vec<String>,
}

impl ScoreEntry {
    /// The entries of a scored period: one per subject with the organization it is ranked in
    /// (a member's branch; an organization's parent). Subjects ranked in no organization (a root
    /// organization under an organization rule set) are left out.
    ///
    /// ```
    /// use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
    /// use dangjian::stats::ScoreEntry;
    /// let reg = dangjian::Registry::sample_small();
    /// let acts = vec![ActivityRecord::new("a1", "M1", "meeting", "2024-03-05".parse().unwrap())];
    /// let scorer = Scorer::new(&reg, &acts, Mode::Strict).unwrap();
    /// let t = scorer.score(&RuleSet::member_default(), "2024-03".parse().unwrap()).unwrap().table;
    /// let entries = ScoreEntry::from_scores(&t);
    /// assert_eq!(entries.len(), t.len()); // every member is ranked in their branch
    /// let m1 = entries.iter().find(|e| e.member == "M1").unwrap();
    /// assert_eq!((m1.org.as_str(), m1.total.to_string().as_str()), ("B1", "62"));
    /// ```
    pub fn from_scores(table: &crate::scoring::ScoreTable) -> Vec<ScoreEntry> {
        table
            .subject
            .iter()
            .zip(&table.org)
            .zip(&table.total)
            .filter_map(|((subject, org), total)| {
                Some(ScoreEntry {
                    member: subject.clone(),
                    org: org.clone()?,
                    total: *total,
                })
            })
            .collect()
    }
}

impl Default for ScoreBands {
    /// The year grades of the typical points table (see DOMAIN notes): below 60 不合格, 60–74
    /// 基本合格, 75–89 合格, 90 and above 优秀.
    fn default() -> Self {
        ScoreBands {
            thresholds: vec![
                Fixed::from_int(60),
                Fixed::from_int(75),
                Fixed::from_int(90),
            ],
            labels_zh: ["不合格", "基本合格", "合格", "优秀"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        }
    }
}

impl ScoreBands {
    fn band(&self, v: Fixed) -> usize {
        self.thresholds.partition_point(|t| *t <= v)
    }
}

/// Score distribution per organization (积分分布): count, band counts, sum, minimum, maximum,
/// mean and median, all exact ([`Fixed`]; mean and median rounded half away from zero to three
/// decimals).
///
/// ```
/// use dangjian::fixed::Fixed;
/// use dangjian::stats::{score_distribution, ScoreBands, ScoreEntry, Rollup};
/// let reg = dangjian::Registry::sample_small();
/// let e = |m: &str, o: &str, t: i64| ScoreEntry { member: m.into(), org: o.into(), total: Fixed::from_int(t) };
/// let t = score_distribution(reg.tree(), &[e("M1", "B1", 92), e("M2", "B1", 70), e("M4", "B2", 81)],
///                            &ScoreBands::default(), Rollup::Subtree).unwrap();
/// let z = t.orgs.id.iter().position(|o| o == "Z").unwrap();
/// assert_eq!(t.n[z], 3);
/// assert_eq!(t.bands[3][z], 1); // one 优秀
/// assert_eq!(t.median[z].unwrap().to_string(), "81");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreDistribution {
    /// Direct or rolled up.
    pub rollup: Rollup,
    /// Organization keys (all organizations of the tree).
    pub orgs: OrgColumns,
    /// Band labels.
    pub band_labels: Vec<String>,
    /// Scores counted.
    pub n: Vec<u64>,
    /// Counts per band: `bands[k][row]`.
    pub bands: Vec<Vec<u64>>,
    /// Sum of scores.
    pub sum: Vec<Fixed>,
    /// Lowest.
    pub min: Vec<Option<Fixed>>,
    /// Highest.
    pub max: Vec<Option<Fixed>>,
    /// Mean.
    pub mean: Vec<Option<Fixed>>,
    /// Median (mean of the two middle scores when the count is even).
    pub median: Vec<Option<Fixed>>,
    band_names: Vec<String>,
}

/// The distribution of `scores` per organization of `tree`. Errors on an unknown organization.
///
/// # Examples
///
/// ```
/// use dangjian::fixed::Fixed;
/// use dangjian::stats::{score_distribution, Rollup, ScoreBands, ScoreEntry};
/// let reg = dangjian::Registry::sample_small();
/// let e = |m: &str, o: &str, t: i64| ScoreEntry { member: m.into(), org: o.into(), total: Fixed::from_int(t) };
/// let t = score_distribution(reg.tree(), &[e("M1", "B1", 92), e("M3", "B1", 71)], &ScoreBands::default(), Rollup::Direct)?;
/// assert_eq!(t.mean[1].map(|m| m.to_string()).as_deref(), Some("81.5"));
/// let err = score_distribution(reg.tree(), &[e("M1", "B9", 92)], &ScoreBands::default(), Rollup::Direct);
/// assert_eq!(err.unwrap_err().code(), "unknown_org");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn score_distribution(
    tree: &OrgTree,
    scores: &[ScoreEntry],
    bands: &ScoreBands,
    rollup: Rollup,
) -> Result<ScoreDistribution, StatsError> {
    if bands.labels_zh.len() != bands.thresholds.len() + 1
        || bands.thresholds.windows(2).any(|w| w.first() >= w.get(1))
    {
        return Err(StatsError::BadBands {
            thresholds: bands.thresholds.len(),
            labels: bands.labels_zh.len(),
        });
    }
    let n = tree.len();
    let mut per: Vec<Vec<Fixed>> = vec![Vec::new(); n];
    for (position, s) in scores.iter().enumerate() {
        let o = tree.index(&s.org).ok_or_else(|| StatsError::UnknownOrg {
            position,
            org: s.org.clone(),
        })?;
        if let Some(v) = per.get_mut(o as usize) {
            v.push(s.total);
        }
    }
    if rollup == Rollup::Subtree {
        for i in (0..n).rev() {
            if let Some(p) = tree.parent(i as u32) {
                let child = per.get(i).cloned().unwrap_or_default();
                if let Some(v) = per.get_mut(p as usize) {
                    v.extend(child);
                }
            }
        }
    }
    let all: Vec<u32> = (0..n as u32).collect();
    let orgs = OrgColumns::of(tree, &all);
    let k = bands.labels_zh.len();
    let mut t = ScoreDistribution {
        rollup,
        band_labels: bands.labels_zh.clone(),
        bands: vec![Vec::with_capacity(n); k],
        band_names: (0..k).map(|j| format!("band_{j}")).collect(),
        ..ScoreDistribution::default()
    };
    for &i in &orgs.idx {
        let mut v = per.get(i as usize).cloned().unwrap_or_default();
        crate::sort::sort(&mut v);
        let cnt = v.len() as u64;
        let mut b = vec![0u64; k];
        for x in &v {
            if let Some(slot) = b.get_mut(bands.band(*x)) {
                *slot += 1;
            }
        }
        for (j, col) in t.bands.iter_mut().enumerate() {
            col.push(b.get(j).copied().unwrap_or(0));
        }
        let sum: Fixed = v.iter().copied().sum();
        t.n.push(cnt);
        t.sum.push(sum);
        t.min.push(v.first().copied());
        t.max.push(v.last().copied());
        t.mean.push(mean(sum, cnt));
        t.median.push(match v.len() {
            0 => None,
            l if l % 2 == 1 => v.get(l / 2).copied(),
            l => match (v.get(l / 2 - 1), v.get(l / 2)) {
                (Some(a), Some(b)) => mean(*a + *b, 2),
                _ => None,
            },
        });
    }
    t.orgs = orgs;
    Ok(t)
}

/// `sum / n` rounded half away from zero to thousandths.
fn mean(sum: Fixed, n: u64) -> Option<Fixed> {
    if n == 0 {
        return None;
    }
    let (s, n) = (i128::from(sum.raw()), i128::from(n));
    let q = if s >= 0 {
        (2 * s + n) / (2 * n)
    } else {
        (2 * s - n) / (2 * n)
    };
    i64::try_from(q).ok().map(Fixed::from_raw)
}

impl Table for ScoreDistribution {
    fn name(&self) -> &str {
        "score_distribution"
    }
    fn title_zh(&self) -> String {
        format!("积分分布情况（{}）", self.rollup.label())
    }
    fn len(&self) -> usize {
        self.orgs.len()
    }
    fn columns(&self) -> Vec<Column<'_>> {
        let mut c = self.orgs.columns();
        c.push(Column::new(
            "n",
            "人数",
            Role::Count,
            ColumnData::U64(&self.n),
        ));
        for (j, col) in self.bands.iter().enumerate() {
            c.push(Column {
                name: Cow::Borrowed(self.band_names.get(j).map(String::as_str).unwrap_or("")),
                label_zh: Cow::Borrowed(self.band_labels.get(j).map(String::as_str).unwrap_or("")),
                role: Role::Count,
                data: ColumnData::U64(col),
                suppressed: None,
            });
        }
        c.extend([
            Column::new(
                "sum",
                "积分合计",
                Role::Measure,
                ColumnData::Fixed(&self.sum),
            ),
            Column::new(
                "min",
                "最低分",
                Role::Measure,
                ColumnData::OptFixed(&self.min),
            ),
            Column::new(
                "max",
                "最高分",
                Role::Measure,
                ColumnData::OptFixed(&self.max),
            ),
            Column::new(
                "mean",
                "平均分",
                Role::Measure,
                ColumnData::OptFixed(&self.mean),
            ),
            Column::new(
                "median",
                "中位数",
                Role::Measure,
                ColumnData::OptFixed(&self.median),
            ),
        ]);
        c
    }
    fn structure(&self) -> Structure {
        // Scores may be reported under any organization, so every parent row has a remainder.
        let (parent, remainder) = self.orgs.hierarchy(self.rollup, |_| true);
        let parts: Vec<&str> = self.band_names.iter().map(String::as_str).collect();
        Structure {
            equations: vec![Equation::sum("n", &parts)],
            parent,
            remainder,
            derived: ["sum", "min", "max", "mean", "median"]
                .iter()
                .map(|m| (m.to_string(), vec!["n".to_string()]))
                .collect(),
            not_additive: Vec::new(),
        }
    }
}
