//! What-if: the same activities scored under two rule sets.
//!
//! # Examples
//!
//! ```
//! use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
//! let reg = dangjian::Registry::sample_small();
//! let acts: Vec<_> = (1..=5).map(|k| ActivityRecord::new(&format!("a{k}"), "M1", "meeting",
//!     dangjian::chrono::NaiveDate::from_ymd_opt(2024, 3, k).unwrap())).collect();
//! let scorer = Scorer::new(&reg, &acts, Mode::Strict)?;
//! let w = scorer.what_if(&RuleSet::member_default(), &RuleSet::member_strict(), "2024-03".parse()?)?;
//! let m1 = w.subject.iter().position(|s| s == "M1").unwrap();
//! assert_eq!((w.total_a[m1].to_string(), w.total_b[m1].to_string()), ("68".into(), "66".into()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::error::ScoringError;
use super::rules::ScoringRules;
use super::typed::{ScoreTable, Scorer};
use crate::calendar::Period;
use crate::fixed::Fixed;

/// An exact fraction `num / den` (den > 0, reduced).
///
/// # Examples
///
/// ```
/// use dangjian::scoring::Ratio;
/// let r: Ratio = serde_json::from_str(r#"{"num": 7, "den": 8}"#)?;
/// assert_eq!(r.per_mille(), 875);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Ratio {
    /// Numerator.
    pub num: i64,
    /// Denominator.
    pub den: i64,
}

impl Ratio {
    fn new(num: i128, den: i128) -> Option<Ratio> {
        if den == 0 {
            return None;
        }
        let (mut a, mut b) = (num.unsigned_abs(), den.unsigned_abs());
        while b != 0 {
            (a, b) = (b, a % b);
        }
        let g = a.max(1) as i128;
        let s = if den < 0 { -1 } else { 1 };
        Some(Ratio {
            num: i64::try_from(s * num / g).ok()?,
            den: i64::try_from(s * den / g).ok()?,
        })
    }

    /// The value in thousandths, rounded half away from zero.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::Ratio;
    /// assert_eq!(Ratio { num: 2, den: 3 }.per_mille(), 667);
    /// assert_eq!(Ratio { num: -2, den: 3 }.per_mille(), -667); // half away from zero
    /// ```
    pub fn per_mille(&self) -> i64 {
        let p = i128::from(self.num) * 1000;
        let d = i128::from(self.den);
        let q = if p >= 0 {
            (2 * p + d) / (2 * d)
        } else {
            (2 * p - d) / (2 * d)
        };
        q as i64
    }
}

/// Who changes grade or rank when the same activities are scored under rule set `b` instead
/// of `a`, one row per subject scored under both (in `a`'s order).
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
/// # let reg = dangjian::Registry::sample_small();
/// let acts = [ActivityRecord::new("a1", "M1", "meeting", "2024-03-05".parse()?)];
/// let scorer = Scorer::new(&reg, &acts, Mode::Strict)?;
/// let w = scorer.what_if(&RuleSet::member_default(), &RuleSet::member_strict(), "2024-03".parse()?)?;
/// assert_eq!((w.rule_set_a.as_str(), w.rule_set_b.as_str()), ("member-default v1", "member-strict v1"));
/// assert_eq!((w.subject.len(), w.grade_changes, w.rank_changes), (4, 0, 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct WhatIf {
    /// The period.
    pub period: Period,
    /// First rule set (id and version).
    #[schemars(with = "String")]
    pub rule_set_a: CompactString,
    /// Second rule set (id and version).
    #[schemars(with = "String")]
    pub rule_set_b: CompactString,
    /// Subject.
    #[schemars(with = "Vec<String>")]
    pub subject: Vec<CompactString>,
    /// Organization (under `a`).
    #[schemars(with = "Vec<Option<String>>")]
    pub org: Vec<Option<CompactString>>,
    /// Total under `a`.
    pub total_a: Vec<Fixed>,
    /// Total under `b`.
    pub total_b: Vec<Fixed>,
    /// Grade name under `a`.
    #[schemars(with = "Vec<String>")]
    pub grade_a: Vec<CompactString>,
    /// Grade name under `b`.
    #[schemars(with = "Vec<String>")]
    pub grade_b: Vec<CompactString>,
    /// Overall rank under `a`.
    pub rank_a: Vec<u32>,
    /// Overall rank under `b`.
    pub rank_b: Vec<u32>,
    /// Rank in the organization under `a`.
    pub rank_in_org_a: Vec<u32>,
    /// Rank in the organization under `b`.
    pub rank_in_org_b: Vec<u32>,
    /// Number of subjects whose grade changes.
    pub grade_changes: usize,
    /// Number of subjects whose overall rank changes.
    pub rank_changes: usize,
    /// Spearman's rank correlation of the totals, by the classic formula
    /// `1 − 6 Σd² / (n(n² − 1))` on mid-ranks (exact without ties, the usual approximation
    /// with them); `None` for fewer than two subjects.
    pub spearman: Option<Ratio>,
}

impl WhatIf {
    /// Compares two score tables of the same period and subject kind.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{Mode, RuleSet, Scorer, WhatIf};
    /// # let reg = dangjian::Registry::sample_small();
    /// let scorer = Scorer::new(&reg, &[], Mode::Strict)?;
    /// let rules = RuleSet::member_default();
    /// let (march, april) = (scorer.score(&rules, "2024-03".parse()?)?.table, scorer.score(&rules, "2024-04".parse()?)?.table);
    /// assert_eq!(WhatIf::compare(&march, &march)?.rank_changes, 0);
    /// assert_eq!(WhatIf::compare(&march, &april).unwrap_err().code(), "incomparable");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn compare(a: &ScoreTable, b: &ScoreTable) -> Result<WhatIf, ScoringError> {
        let inc = |reason| ScoringError::Incomparable {
            a: a.rule_set.clone(),
            b: b.rule_set.clone(),
            reason,
        };
        if a.subject_kind != b.subject_kind {
            return Err(inc("they score different kinds of subjects"));
        }
        if a.period != b.period {
            return Err(inc("they are tables of different periods"));
        }
        let index_b: crate::hash::IdMap<&str, usize> = b
            .subject
            .iter()
            .enumerate()
            .map(|(k, s)| (s.as_str(), k))
            .collect();
        let mut w = WhatIf {
            period: a.period,
            rule_set_a: format!("{} v{}", a.rule_set, a.rule_version).into(),
            rule_set_b: format!("{} v{}", b.rule_set, b.rule_version).into(),
            subject: Vec::new(),
            org: Vec::new(),
            total_a: Vec::new(),
            total_b: Vec::new(),
            grade_a: Vec::new(),
            grade_b: Vec::new(),
            rank_a: Vec::new(),
            rank_b: Vec::new(),
            rank_in_org_a: Vec::new(),
            rank_in_org_b: Vec::new(),
            grade_changes: 0,
            rank_changes: 0,
            spearman: None,
        };
        for (ra, s) in a.subject.iter().enumerate() {
            let Some(&rb) = index_b.get(s.as_str()) else {
                continue;
            };
            w.subject.push(s.clone());
            w.org.push(a.org.get(ra).cloned().flatten());
            w.total_a.push(a.total.get(ra).copied().unwrap_or_default());
            w.total_b.push(b.total.get(rb).copied().unwrap_or_default());
            let (ga, gb) = (a.grade_name(ra), b.grade_name(rb));
            if ga != gb {
                w.grade_changes += 1;
            }
            w.grade_a.push(ga.into());
            w.grade_b.push(gb.into());
            let (xa, xb) = (
                a.rank_overall.get(ra).copied().unwrap_or(0),
                b.rank_overall.get(rb).copied().unwrap_or(0),
            );
            if xa != xb {
                w.rank_changes += 1;
            }
            w.rank_a.push(xa);
            w.rank_b.push(xb);
            w.rank_in_org_a
                .push(a.rank_in_org.get(ra).copied().unwrap_or(0));
            w.rank_in_org_b
                .push(b.rank_in_org.get(rb).copied().unwrap_or(0));
        }
        w.spearman = spearman(&w.total_a, &w.total_b);
        Ok(w)
    }

    /// Rows whose grade or overall rank changes.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
    /// # let reg = dangjian::Registry::sample_small();
    /// let acts = [ActivityRecord::new("a1", "M3", "service_hour", "2024-03-05".parse()?)];
    /// let scorer = Scorer::new(&reg, &acts, Mode::Strict)?;
    /// let w = scorer.what_if(&RuleSet::member_default(), &RuleSet::member_default(), "2024-03".parse()?)?;
    /// assert_eq!(w.changed().count(), 0); // the same rules change nothing
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn changed(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.subject.len()).filter(|&r| {
            self.grade_a.get(r) != self.grade_b.get(r) || self.rank_a.get(r) != self.rank_b.get(r)
        })
    }

    /// Pretty JSON.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{Mode, RuleSet, Scorer, WhatIf};
    /// # let reg = dangjian::Registry::sample_small();
    /// let scorer = Scorer::new(&reg, &[], Mode::Strict)?;
    /// let w = scorer.what_if(&RuleSet::member_default(), &RuleSet::member_strict(), "2024-03".parse()?)?;
    /// assert_eq!(serde_json::from_str::<WhatIf>(&w.to_json())?, w);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// CSV of the rows (a failed write is an error, `TableError::Csv`, never a shortened
    /// text).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{Mode, RuleSet, Scorer};
    /// # let reg = dangjian::Registry::sample_small();
    /// let scorer = Scorer::new(&reg, &[], Mode::Strict)?;
    /// let csv = scorer.what_if(&RuleSet::member_default(), &RuleSet::member_strict(), "2024-03".parse()?)?.to_csv()?;
    /// assert_eq!(csv.lines().count(), 1 + 4); // header and one row per member
    /// assert!(csv.starts_with("subject,"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_csv(&self) -> Result<String, crate::table::TableError> {
        let err = |e: &dyn std::fmt::Display| crate::table::TableError::Csv {
            table: "what_if".into(),
            message: e.to_string(),
        };
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "subject", "org", "total_a", "total_b", "grade_a", "grade_b", "rank_a", "rank_b",
        ])
        .map_err(|e| err(&e))?;
        for r in 0..self.subject.len() {
            let s = |v: Option<String>| v.unwrap_or_default();
            w.write_record(
                [
                    s(self.subject.get(r).map(|v| v.to_string())),
                    s(self.org.get(r).cloned().flatten().map(|v| v.to_string())),
                    s(self.total_a.get(r).map(|v| v.to_string())),
                    s(self.total_b.get(r).map(|v| v.to_string())),
                    s(self.grade_a.get(r).map(|v| v.to_string())),
                    s(self.grade_b.get(r).map(|v| v.to_string())),
                    s(self.rank_a.get(r).map(|v| v.to_string())),
                    s(self.rank_b.get(r).map(|v| v.to_string())),
                ]
                .map(crate::table::csv_cell),
            )
            .map_err(|e| err(&e))?;
        }
        let bytes = w.into_inner().map_err(|e| err(&e))?;
        String::from_utf8(bytes).map_err(|e| err(&e))
    }
}

/// Doubled mid-ranks of `v` in descending order (ties share the mean of their positions).
fn doubled_mid_ranks(v: &[Fixed]) -> Vec<i128> {
    let mut order: Vec<usize> = (0..v.len()).collect();
    crate::sort::sort_by(&mut order, |&x, &y| v.get(y).cmp(&v.get(x)));
    let mut out = vec![0i128; v.len()];
    let mut i = 0;
    while i < order.len() {
        let t = order.get(i).and_then(|&k| v.get(k));
        let mut j = i;
        while j + 1 < order.len() && order.get(j + 1).and_then(|&k| v.get(k)) == t {
            j += 1;
        }
        // Positions i+1 ..= j+1; mean × 2 = i + j + 2.
        for k in i..=j {
            if let Some(slot) = order.get(k).and_then(|&s| out.get_mut(s)) {
                *slot = (i + j + 2) as i128;
            }
        }
        i = j + 1;
    }
    out
}

fn spearman(a: &[Fixed], b: &[Fixed]) -> Option<Ratio> {
    let n = a.len() as i128;
    if n < 2 {
        return None;
    }
    let (ra, rb) = (doubled_mid_ranks(a), doubled_mid_ranks(b));
    let sum_d2: i128 = ra.iter().zip(&rb).map(|(x, y)| (x - y) * (x - y)).sum();
    // rho = 1 − 6 Σ(D/2)² / (n(n² − 1)) = (2n(n² − 1) − 3 ΣD²) / (2n(n² − 1))
    let den = 2 * n * (n * n - 1);
    Ratio::new(den - 3 * sum_d2, den)
}

impl Scorer<'_> {
    /// Scores `period` under `a` and `b` and reports who changes grade or rank.
    ///
    /// ```
    /// use dangjian::scoring::{Mode, RuleSet, Scorer};
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let scorer = Scorer::new(&reg, &ds.activities, Mode::Strict).unwrap();
    /// let w = scorer.what_if(&RuleSet::member_default(), &RuleSet::member_strict(),
    ///     "2026-10".parse().unwrap()).unwrap();
    /// assert_eq!(w.subject.len(), 158);
    /// let rho = w.spearman.unwrap();
    /// assert!(rho.per_mille() > 500 && rho.per_mille() <= 1000);
    /// ```
    pub fn what_if<A: ScoringRules + ?Sized, B: ScoringRules + ?Sized>(
        &self,
        a: &A,
        b: &B,
        period: Period,
    ) -> Result<WhatIf, ScoringError> {
        let (ra, rb) = (a.rule_set(), b.rule_set());
        if ra.subject != rb.subject || ra.period != rb.period {
            return Err(ScoringError::Incomparable {
                a: ra.id.clone(),
                b: rb.id.clone(),
                reason: "they differ in subject kind or period",
            });
        }
        let ta = self.score_table(a, period)?;
        let tb = self.score_table(b, period)?;
        WhatIf::compare(&ta, &tb)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn f(v: &[i64]) -> Vec<Fixed> {
        v.iter().map(|x| Fixed::from_int(*x)).collect()
    }

    #[test]
    fn spearman_by_hand() {
        // Identical order: rho = 1. Reversed order of 3: Σd² = 4 + 0 + 4 = 8, rho = 1 − 48/24 = −1.
        assert_eq!(
            spearman(&f(&[3, 2, 1]), &f(&[30, 20, 10]))
                .unwrap()
                .per_mille(),
            1000
        );
        assert_eq!(
            spearman(&f(&[3, 2, 1]), &f(&[1, 2, 3])).unwrap(),
            Ratio { num: -1, den: 1 }
        );
        // One swap among 4: Σd² = 2, rho = 1 − 12/60 = 4/5.
        assert_eq!(
            spearman(&f(&[4, 3, 2, 1]), &f(&[4, 2, 3, 1])).unwrap(),
            Ratio { num: 4, den: 5 }
        );
        // Ties: a = [2, 1, 1] has mid-ranks 1, 2.5, 2.5; b = [1, 2, 3] ranks 3, 2, 1;
        // Σd² = 4 + 0.25 + 2.25 = 6.5; rho = 1 − 39/24 = −5/8.
        assert_eq!(
            spearman(&f(&[2, 1, 1]), &f(&[1, 2, 3])).unwrap(),
            Ratio { num: -5, den: 8 }
        );
        assert!(spearman(&f(&[1]), &f(&[1])).is_none());
    }
}
