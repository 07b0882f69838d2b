//! The agenda's rows of the community practices: co-building commitments of the period in
//! progress not yet met, co-building agreements ending, and post claims (认领) ending.
//!
//! Rows of the practices in the sample community's agenda:
//!
//! ```
//! use dangjian::agenda::Agenda;
//! use dangjian::synth::{sample_community, SAMPLE_AS_OF};
//! let ds = sample_community();
//! let reg = ds.to_registry()?;
//! let agenda = Agenda::build(&ds, &reg, SAMPLE_AS_OF, 30)?;
//! let practice_rules = ["practice_cobuild_commitment", "cobuild_agreement_end", "post_claim_end"];
//! assert!(agenda.rule.iter().any(|r| practice_rules.contains(&r.as_str())));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::Row;
use crate::io::Dataset;
use crate::practice::{Agreement, CommitmentPeriod};
use crate::registry::Registry;

/// The calendar period of `per` that contains `date`: its first and last day (2026-11-15 by
/// quarter: 2026-10-01 to 2026-12-31).
pub(super) fn period_of(per: CommitmentPeriod, date: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let first_month = match per {
        CommitmentPeriod::Month => date.month(),
        CommitmentPeriod::Quarter => (date.month() - 1) / 3 * 3 + 1,
        CommitmentPeriod::Year => 1,
    };
    let first = NaiveDate::from_ymd_opt(date.year(), first_month, 1)?;
    let last = first
        .checked_add_months(Months::new(per.months()))?
        .pred_opt()?;
    Some((first, last))
}

fn org_name(reg: &Registry, org: &str) -> String {
    let tree = reg.tree();
    tree.index(org)
        .and_then(|i| tree.get(i))
        .map(|r| r.name.to_string())
        .unwrap_or_else(|| org.to_string())
}

/// Co-building commitments (seed 002, `practice_cobuild_commitment`): for every agreement in
/// force on `as_of` and each of its commitments, the calendar period in progress (clipped to
/// the agreement's days) with fewer activities of that kind recorded by the unit on or before
/// `as_of` than promised; due the period's last day in force. Gone when enough are recorded.
///
/// Co-building agreements ending (`cobuild_agreement_end`): an agreement whose last day in
/// force has not passed, due that day; gone when a later agreement of the same unit with the
/// same organization takes over (signed by the day after, in force longer) or the day passes.
pub(super) fn cobuild(ds: &Dataset, reg: &Registry, as_of: NaiveDate, rows: &mut Vec<Row>) {
    let p = &ds.practices;
    let units: BTreeMap<&str, &str> =
        crate::sort::btree_map(p.units.iter().map(|u| (u.id.as_str(), u.name.as_str())));
    for a in p.agreements.iter().filter(|a| a.active_on(as_of)) {
        let unit = units
            .get(a.unit.as_str())
            .copied()
            .unwrap_or(a.unit.as_str());
        for c in &a.commitments {
            let Some((first, last)) = period_of(c.per, as_of) else {
                continue;
            };
            let from = first.max(a.signed);
            let to = a.until.map_or(last, |u| u.min(last));
            let done = p
                .unit_activities
                .iter()
                .filter(|x| x.unit == a.unit && x.what == c.what)
                .filter(|x| from <= x.date && x.date <= to && x.date <= as_of)
                .count() as u64;
            if done >= u64::from(c.count) {
                continue;
            }
            rows.push(Row {
                rule: "practice_cobuild_commitment",
                item: format!(
                    "共建单位{}承诺“{}”{}{}次，本期（{}至{}）已开展{}次（协议{}）",
                    unit,
                    c.what,
                    c.per.label_zh(),
                    c.count,
                    from,
                    to,
                    done,
                    a.id
                ),
                org: a.org.to_string(),
                org_name: org_name(reg, &a.org),
                member: String::new(),
                name: String::new(),
                due: to,
            });
        }
        let Some(until) = a.until else {
            continue;
        };
        if renewed(&p.agreements, a, until) {
            continue;
        }
        rows.push(Row {
            rule: "cobuild_agreement_end",
            item: format!("共建协议{}（{}）于{}到期，应续签或终止", a.id, unit, until),
            org: a.org.to_string(),
            org_name: org_name(reg, &a.org),
            member: String::new(),
            name: String::new(),
            due: until,
        });
    }
}

/// Whether another agreement of `a`'s unit with `a`'s organization, signed after `a` and by the
/// day after `until`, stays in force past `until`.
fn renewed(all: &[Agreement], a: &Agreement, until: NaiveDate) -> bool {
    let next = until.checked_add_days(Days::new(1)).unwrap_or(until);
    all.iter().any(|b| {
        b.id != a.id
            && b.unit == a.unit
            && b.org == a.org
            && b.signed > a.signed
            && b.signed <= next
            && b.until.is_none_or(|bu| bu > until)
    })
}

/// Post claims ending (seed 003, `post_claim_end`): a claim held on `as_of` whose release day
/// is recorded, due its last day held, while the post stays open on the release day and fewer
/// members hold the post on that day than on the last day (the seat is not taken over, by the
/// same member renewing or by another). Gone once the seat is taken over, the post closes by
/// then, or the release day comes.
pub(super) fn claims(ds: &Dataset, reg: &Registry, as_of: NaiveDate, rows: &mut Vec<Row>) {
    let held = |post: &str, day: NaiveDate| {
        ds.claims
            .iter()
            .filter(|c| c.post == post && c.holds_on(day))
            .count()
    };
    for c in ds.claims.iter().filter(|c| c.holds_on(as_of)) {
        let Some(end) = c.end else {
            continue;
        };
        let Some(last) = end.pred_opt() else {
            continue;
        };
        let Some(post) = ds.posts.iter().find(|p| p.id == c.post) else {
            continue;
        };
        if !post.is_open(end) || held(&c.post, end) >= held(&c.post, last) {
            continue;
        }
        let (member, name) = reg
            .member_index(&c.member)
            .and_then(|i| reg.member(i))
            .map(|m| (m.id.to_string(), m.name.masked()))
            .unwrap_or_default();
        rows.push(Row {
            rule: "post_claim_end",
            item: format!(
                "认领岗位“{}”（{}）至{}到期，应续认或另行认领",
                post.name, post.id, last
            ),
            org: post.org.to_string(),
            org_name: org_name(reg, &post.org),
            member,
            name,
            due: last,
        });
    }
}
