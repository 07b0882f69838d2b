//! A year of scored activities (积分事项) for the sample community, 2025-11-01 to 2026-10-31.
//! (The bulk scoring benchmark's workload is in `core/benches/common/workload.rs`.)
//!
//! ```
//! use dangjian::synth::{sample_community, SAMPLE_AS_OF, SERVICE_YEAR_START};
//! let ds = sample_community();
//! assert!(ds.activities.iter().all(|a| (SERVICE_YEAR_START..=SAMPLE_AS_OF).contains(&a.date)));
//! assert_eq!(ds.activities.len(), 14_648);
//! ```

use chrono::{Datelike, NaiveDate};

use super::Rng;
use crate::fixed::Fixed;
use crate::io::Dataset;
use crate::member::Category;
use crate::scoring::{ActivityRecord, Period};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

struct Gen {
    rng: Rng,
    out: Vec<ActivityRecord>,
    next: u32,
}

impl Gen {
    fn push(&mut self, subject: &str, item: &str, day: NaiveDate, qty: Fixed) -> String {
        self.next += 1;
        let id = format!("A{:06}", self.next);
        let mut a = ActivityRecord::new(&id, subject, item, day);
        a.quantity = qty;
        self.out.push(a);
        id
    }
}

/// Adds the sample community's scored activities to `ds` (its members and events must be in
/// place). Deterministic; only on days the member is a member.
///
/// Monthly rhythm (seeds 002 and 003, 支部条例): a theme day (主题党日) around the 10th and a
/// group meeting around the 20th every month, a branch assembly and a party lecture in the
/// first month of each quarter; dues on the 5th (on time for most); study sessions; the verified
/// service hours and kept commitments of the post book (mapped by `post::ServiceMapping`); in-service members reporting to the community (seed 003); a few
/// commendations, absences, late dues and broken commitments; one discipline case (veto) in
/// May 2026; two corrections by reversal. Branches are assessed too (`org-default`).
pub(crate) fn add_sample_activities(ds: &mut Dataset) {
    let Ok(reg) = ds.to_registry() else {
        return;
    };
    let mut g = Gen {
        rng: Rng::new(0x005C_04E5_2026),
        out: Vec::new(),
        next: 0,
    };
    let months = Period::month(2025, 11)
        .map(|p| p.sequence(12))
        .unwrap_or_default();
    for (idx, m) in reg.members().iter().enumerate() {
        let idx = idx as u32;
        let spells = reg.spells_of(idx);
        if spells.is_empty() {
            continue;
        }
        // Engagement: 0 low, 1 middle, 2 high; floating members (B4) attend less.
        let roll = g.rng.below(100);
        let in_service = m.category == Category::InService;
        let (low, mid) = if in_service { (10, 45) } else { (22, 72) };
        let engagement = if roll < low {
            0
        } else if roll < mid {
            1
        } else {
            2
        };
        let member_on = |d: NaiveDate| spells.iter().any(|s| s.covers(d));
        for p in &months {
            let (y, mo) = (p.start().year(), p.start().month());
            let floating = reg
                .state_of(idx, p.last_day())
                .branch
                .and_then(|b| reg.tree().get(b))
                .is_some_and(|r| r.id == "B4");
            let attend = match (engagement, floating) {
                (_, true) => 60,
                (0, _) => 65,
                (1, _) => 88,
                _ => 97,
            };
            let mut meetings = vec![
                date(y, mo, 8 + g.rng.below(5) as u32),
                date(y, mo, 18 + g.rng.below(5) as u32),
            ];
            if (mo - 1) % 3 == 0 {
                meetings.push(date(y, mo, 25));
                meetings.push(date(y, mo, 26));
            }
            for d in meetings {
                if !member_on(d) {
                    continue;
                }
                if g.rng.chance(attend) {
                    g.push(&m.id, "meeting", d, Fixed::ONE);
                } else if g.rng.chance(if engagement == 0 { 35 } else { 10 }) {
                    g.push(&m.id, "absent", d, Fixed::ONE);
                }
            }
            let dues_day = date(y, mo, 5);
            if member_on(dues_day) {
                if g.rng.chance(if engagement == 0 { 80 } else { 96 }) {
                    g.push(&m.id, "dues_on_time", dues_day, Fixed::ONE);
                } else {
                    let late = date(y, mo, 28);
                    if member_on(late) {
                        g.push(&m.id, "dues_late", late, Fixed::ONE);
                    }
                }
            }
            let studies = match engagement {
                0 => g.rng.below(2),
                1 => 1 + g.rng.below(3),
                _ => 3 + g.rng.below(2),
            };
            for _ in 0..studies {
                let d = date(y, mo, 1 + g.rng.below(27) as u32);
                if member_on(d) {
                    g.push(&m.id, "study", d, Fixed::ONE);
                }
            }
            let report_day = date(y, mo, 16);
            if member_on(report_day)
                && reg.state_of(idx, report_day).category == Category::InService
            {
                for _ in 0..(1 + g.rng.below(2)) {
                    g.push(&m.id, "report_in", report_day, Fixed::ONE);
                }
            }
            let commend_day = date(y, mo, 20);
            if member_on(commend_day) && g.rng.chance(if engagement == 2 { 5 } else { 1 }) {
                let level = Fixed::from_int(1 + g.rng.below(3) as i64);
                g.push(&m.id, "commended", commend_day, level);
            }
        }
    }
    // Verified service and kept commitments come from the post book through the documented
    // mapping (post::ServiceMapping), never generated twice.
    if let Ok(book) = crate::post::PostBook::from_dataset(ds, &reg) {
        let from = super::SERVICE_YEAR_START;
        let to = super::SAMPLE_AS_OF;
        g.out
            .extend(book.activities(&crate::post::ServiceMapping::default(), from, to));
    }
    // One discipline case (一票否决) in May 2026, in the residents' branch.
    let may = date(2026, 5, 12);
    if let Some(m) =
        reg.members()
            .iter()
            .enumerate()
            .skip(30)
            .find_map(|(i, m)| {
                let on = reg.spells_of(i as u32).iter().any(|s| {
                    s.covers(may) && reg.tree().get(s.branch).is_some_and(|b| b.id == "B1")
                });
                on.then_some(m.id.clone())
            })
    {
        g.push(&m, "discipline", may, Fixed::ONE);
    }
    // The county commends the in-service branch's volunteer team in October 2026 (+10 each):
    // more 优秀 than the branch's 20% quota allows.
    let team_day = date(2026, 10, 20);
    let team: Vec<String> = reg
        .members()
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            reg.spells_of(*i as u32).iter().any(|s| {
                s.covers(team_day) && reg.tree().get(s.branch).is_some_and(|b| b.id == "B3")
            })
        })
        .map(|(_, m)| m.id.to_string())
        .take(10)
        .collect();
    for id in team {
        let a = g.push(&id, "commended", team_day, Fixed::from_int(2));
        if let Some(last) = g.out.last_mut().filter(|l| l.id == a.as_str()) {
            last.note = Some("县级表彰：在职党员志愿服务队".into());
        }
    }
    // Two corrections: service hours recorded for the wrong day, reversed and recorded again.
    let wrong: Vec<(String, usize)> = g
        .out
        .iter()
        .enumerate()
        .filter(|(_, a)| a.item == "service_hour" && a.date.month() == 10 && a.date.year() == 2026)
        .map(|(k, a)| (a.subject.to_string(), k))
        .take(2)
        .collect();
    for (subject, k) in wrong {
        let Some(orig) = g.out.get(k).cloned() else {
            continue;
        };
        let fix_day = orig.date.succ_opt().unwrap_or(orig.date);
        let rid = format!("A{:06}", g.next + 1);
        g.next += 1;
        let mut rev = ActivityRecord::new(&rid, &subject, "service_hour", fix_day);
        rev.reverses = Some(orig.id.clone());
        rev.quantity = orig.quantity;
        rev.note = Some("登记日期有误，冲销".into());
        g.out.push(rev);
        g.push(
            &subject,
            "service_hour",
            orig.date.pred_opt().unwrap_or(orig.date),
            orig.quantity,
        );
    }
    // Branch assessment (百分目标管理考核) for 2026.
    let org_events: [(&str, &str, NaiveDate, i64); 9] = [
        ("B1", "service_failed", date(2026, 3, 31), 1),
        ("B1", "commended", date(2026, 7, 1), 1),
        ("B2", "commended", date(2026, 7, 1), 2),
        ("B3", "distinctive_missing", date(2026, 6, 30), 1),
        ("B3", "member_mgmt_failed", date(2026, 9, 30), 1),
        ("B4", "org_building_failed", date(2026, 3, 31), 2),
        ("B4", "member_mgmt_failed", date(2026, 6, 30), 3),
        ("B4", "service_failed", date(2026, 9, 30), 1),
        ("B4", "integrity_failed", date(2026, 10, 15), 1),
    ];
    for (org, item, d, q) in org_events {
        g.push(org, item, d, Fixed::from_int(q));
    }
    ds.activities.extend(g.out);
}

/// The golden file `tests/golden/sample-scores-2026-10.json`: the sample community's scores for
/// October 2026 under the default member rule set (strict mode), as pretty JSON. The Rust,
/// Python and WASM tests compare their output to it byte for byte.
///
/// # Examples
///
/// ```
/// let json = dangjian::synth::golden_sample()?;
/// let scores: serde_json::Value = serde_json::from_str(&json)?;
/// assert_eq!(scores["period"], "2026-10");
/// assert_eq!(scores["rule_set"], "member-default");
/// assert!(json.ends_with("}\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn golden_sample() -> Result<String, crate::scoring::ScoringError> {
    let ds = super::sample_community();
    let reg = ds.to_registry().map_err(|e| {
        debug_assert!(false, "the sample community is valid: {e}");
        crate::scoring::ScoringError::Internal {
            what: "the bundled sample community does not build a registry",
        }
    })?;
    let scorer = crate::scoring::Scorer::new(&reg, &ds.activities, crate::scoring::Mode::Strict)?;
    let period =
        crate::calendar::Period::month(2026, 10).ok_or(crate::scoring::ScoringError::Internal {
            what: "2026-10 is not a month",
        })?;
    let mut json = scorer
        .score(&crate::scoring::RuleSet::member_default(), period)?
        .table
        .to_json();
    json.push('\n');
    Ok(json)
}
