//! Reports of the community practices, each a [`crate::table::Table`] with Chinese headers:
//! pairings and what was done ([`pairing_activity`]), pairings left without help
//! ([`idle_pairings`]), statistics per grid ([`grid_report`]), the coverage of recurring service
//! days ([`schedule_coverage`], [`schedule_days`]) and what each co-building unit did against
//! its commitments ([`cobuild_report`]).
//!
//! ```
//! use dangjian::practice::report::{grid_report, idle_pairings};
//! use dangjian::table::Table;
//! let ds = dangjian::synth::sample_community();
//! let reg = ds.to_registry().unwrap();
//! let d = |s: &str| s.parse().unwrap();
//! let grids = grid_report(&ds.practices, &reg, d("2026-01-01"), d("2026-10-31"));
//! assert_eq!(grids.len(), 9);
//! let idle = idle_pairings(&ds.practices, d("2026-10-31"), 3);
//! assert!(idle.len() < ds.practices.pairings.len());
//! ```

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Months, NaiveDate};

use super::{PairingKind, Practices};
use crate::fixed::Fixed;
use crate::post::{PostRecord, ServiceRecord};
use crate::registry::Registry;
use crate::table::{ColumnValues, OwnedColumn, OwnedTable, Role};

fn col(name: &str, label: &str, role: Role, values: ColumnValues) -> OwnedColumn {
    OwnedColumn::new(name, label, role, values)
}

fn table(name: &str, title: String, columns: Vec<OwnedColumn>) -> OwnedTable {
    let rows = columns.first().map_or(0, |c| c.values.as_data().len());
    OwnedTable {
        name: name.into(),
        title_zh: title,
        rows,
        columns,
    }
}

/// The branch of `member` on `date` (its id), if any.
fn branch_of(reg: &Registry, member: &str, date: NaiveDate) -> String {
    reg.member_index(member)
        .and_then(|i| reg.state_of(i, date).branch)
        .and_then(|b| reg.tree().get(b))
        .map(|o| o.id.to_string())
        .unwrap_or_default()
}

/// One row per pairing in force on some day of `from..=to`: who (member id), which household,
/// the member's branch on `to`, and the help records of the period (count, hours, money in
/// fen) with the last day of help up to `to`. The counts add up to the help records of the
/// period (a property test checks it).
///
/// # Examples
///
/// ```
/// use dangjian::practice::report::pairing_activity;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let p: dangjian::practice::Practices = serde_json::from_str(r#"{
/// #   "households": [{"id": "H1", "kind": "特困户", "grid": "W1", "label": "独居老人"}],
/// #   "pairings": [
/// #     {"id": "P1", "kind": "help", "member": "M1", "household": "H1", "start": "2026-01-01"},
/// #     {"id": "P2", "kind": "contact", "member": "M3", "household": "H1", "start": "2026-01-01"}],
/// #   "help": [
/// #     {"id": "R1", "pairing": "P1", "date": "2026-03-05", "what": "走访", "hours": "2"},
/// #     {"id": "R2", "pairing": "P1", "date": "2026-09-10", "what": "代购生活用品", "amount_fen": 5000}],
/// #   "grids": [{"id": "W1", "name": "第一网格", "org": "B1", "leader_role": "社工"}],
/// #   "grid_members": [{"member": "M1", "grid": "W1", "start": "2026-01-01"}],
/// #   "units": [{"id": "U1", "name": "县人民医院党支部", "joined": "2025-06-01"}],
/// #   "agreements": [{"id": "A1", "unit": "U1", "org": "Z", "signed": "2026-01-01",
/// #     "commitments": [{"what": "进社区服务", "count": 1, "per": "quarter"}]}],
/// #   "unit_activities": [
/// #     {"id": "UA1", "unit": "U1", "date": "2026-02-14", "what": "进社区服务", "participants": 3}]
/// # }"#)?;
/// // `p`: household H1 (grid W1 of branch B1) helped by M1 (pairing P1; help R1 on 2026-03-05,
/// // 2 hours, and R2 on 2026-09-10, 50 yuan) and contacted by M3 (P2); M1 placed in W1; unit U1
/// // with agreement A1 (进社区服务 once a quarter) and one activity; `reg`: Registry::sample_small()
/// let t = pairing_activity(&p, &reg, d("2026-01-01"), d("2026-10-31"));
/// assert_eq!(t.rows, 2); // P1 and P2
/// assert_eq!(t.values("records").and_then(|v| v.as_u64s()), Some(&[2, 0][..]));
/// assert_eq!(t.values("amount").and_then(|v| v.as_fens()), Some(&[5000, 0][..]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn pairing_activity(
    p: &Practices,
    reg: &Registry,
    from: NaiveDate,
    to: NaiveDate,
) -> OwnedTable {
    let households: BTreeMap<&str, &super::Household> =
        crate::sort::btree_map(p.households.iter().map(|h| (h.id.as_str(), h)));
    let (mut id, mut kind, mut member, mut branch, mut household, mut hkind, mut grid) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut records, mut hours, mut amount, mut last) = (vec![], vec![], vec![], vec![]);
    let mut pairings: Vec<_> = p
        .pairings
        .iter()
        .filter(|x| x.start <= to && x.end.is_none_or(|e| e > from))
        .collect();
    crate::sort::sort_by(&mut pairings, |a, b| a.id.cmp(&b.id));
    for x in pairings {
        let help: Vec<_> = p.help.iter().filter(|h| h.pairing == x.id).collect();
        let in_period: Vec<_> = help
            .iter()
            .filter(|h| from <= h.date && h.date <= to)
            .collect();
        id.push(x.id.to_string());
        kind.push(x.kind.label_zh().to_string());
        member.push(x.member.to_string());
        branch.push(branch_of(reg, &x.member, to));
        household.push(x.household.to_string());
        let h = households.get(x.household.as_str());
        hkind.push(h.map(|h| h.kind.to_string()).unwrap_or_default());
        grid.push(
            h.and_then(|h| h.grid.as_ref())
                .map(|g| g.to_string())
                .unwrap_or_default(),
        );
        records.push(in_period.len() as u64);
        hours.push(in_period.iter().filter_map(|h| h.hours).sum::<Fixed>());
        amount.push(in_period.iter().filter_map(|h| h.amount_fen).sum::<i64>());
        last.push(help.iter().map(|h| h.date).filter(|d| *d <= to).max());
    }
    table(
        "pairing_activity",
        format!("结对帮扶与联系户情况（{from}至{to}）"),
        vec![
            col("pairing", "结对编号", Role::Key, ColumnValues::Str(id)),
            col("kind", "类型", Role::Text, ColumnValues::Str(kind)),
            col("member", "党员", Role::MemberId, ColumnValues::Str(member)),
            col("branch", "所在支部", Role::Key, ColumnValues::Str(branch)),
            col(
                "household",
                "户编号",
                Role::Key,
                ColumnValues::Str(household),
            ),
            col(
                "household_kind",
                "户类别",
                Role::Text,
                ColumnValues::Str(hkind),
            ),
            col("grid", "网格", Role::Key, ColumnValues::Str(grid)),
            col(
                "records",
                "帮扶/走访次数",
                Role::Value,
                ColumnValues::U64(records),
            ),
            col(
                "hours",
                "时长（小时）",
                Role::Value,
                ColumnValues::Fixed(hours),
            ),
            col("amount", "金额", Role::Value, ColumnValues::Fen(amount)),
            col(
                "last_help",
                "最近一次",
                Role::Value,
                ColumnValues::OptDate(last),
            ),
        ],
    )
}

/// Pairings in force on `as_of` that have gone `months` whole months without any help record:
/// the last record (or the pairing's start, when there is none) is on or before `as_of`
/// minus `months` months. With `as_of` 2026-10-31 and 3 months, a pairing last helped on
/// 2026-07-31 is listed, one helped on 2026-08-01 is not.
///
/// ```
/// use dangjian::practice::{report::idle_pairings, HelpRecord, Household, Pairing, PairingKind, Practices};
/// let d = |s: &str| s.parse().unwrap();
/// let mut p = Practices::default();
/// p.households.push(Household { id: "H1".into(), kind: "特困户".into(), grid: None, label: String::new() });
/// p.pairings.push(Pairing { id: "P1".into(), kind: PairingKind::Help, member: "M1".into(),
///     household: "H1".into(), start: d("2026-01-01"), end: None });
/// let help = |day: &str| HelpRecord { id: "R1".into(), pairing: "P1".into(), date: d(day),
///     what: "走访".into(), hours: None, amount_fen: None };
/// p.help = vec![help("2026-07-31")];
/// assert_eq!(idle_pairings(&p, d("2026-10-31"), 3).rows, 1);
/// p.help = vec![help("2026-08-01")];
/// assert_eq!(idle_pairings(&p, d("2026-10-31"), 3).rows, 0);
/// ```
pub fn idle_pairings(p: &Practices, as_of: NaiveDate, months: u32) -> OwnedTable {
    let cutoff = as_of
        .checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN);
    let (mut id, mut kind, mut member, mut household, mut start, mut last, mut days) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    let mut pairings: Vec<_> = p.pairings.iter().filter(|x| x.active_on(as_of)).collect();
    crate::sort::sort_by(&mut pairings, |a, b| a.id.cmp(&b.id));
    for x in pairings {
        let last_help = p
            .help
            .iter()
            .filter(|h| h.pairing == x.id && h.date <= as_of)
            .map(|h| h.date)
            .max();
        let since = last_help.unwrap_or(x.start);
        if since > cutoff {
            continue;
        }
        id.push(x.id.to_string());
        kind.push(x.kind.label_zh().to_string());
        member.push(x.member.to_string());
        household.push(x.household.to_string());
        start.push(x.start);
        last.push(last_help);
        days.push((as_of - since).num_days().max(0) as u64);
    }
    table(
        "idle_pairings",
        format!("{months}个月以上未开展帮扶或走访的结对（截至{as_of}）"),
        vec![
            col("pairing", "结对编号", Role::Key, ColumnValues::Str(id)),
            col("kind", "类型", Role::Text, ColumnValues::Str(kind)),
            col("member", "党员", Role::MemberId, ColumnValues::Str(member)),
            col(
                "household",
                "户编号",
                Role::Key,
                ColumnValues::Str(household),
            ),
            col("start", "结对日期", Role::Value, ColumnValues::Date(start)),
            col(
                "last_help",
                "最近一次",
                Role::Value,
                ColumnValues::OptDate(last),
            ),
            col("days", "间隔天数", Role::Value, ColumnValues::U64(days)),
        ],
    )
}

/// One row per grid: members placed in it on `to`, its households, the contact pairings
/// (党员联系户) in force on `to`, the contacts recorded in `from..=to` with the households they
/// reached, and the households of those pairings that were not contacted in the period.
///
/// # Examples
///
/// ```
/// use dangjian::practice::report::grid_report;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let p: dangjian::practice::Practices = serde_json::from_str(r#"{
/// #   "households": [{"id": "H1", "kind": "特困户", "grid": "W1", "label": "独居老人"}],
/// #   "pairings": [
/// #     {"id": "P1", "kind": "help", "member": "M1", "household": "H1", "start": "2026-01-01"},
/// #     {"id": "P2", "kind": "contact", "member": "M3", "household": "H1", "start": "2026-01-01"}],
/// #   "help": [
/// #     {"id": "R1", "pairing": "P1", "date": "2026-03-05", "what": "走访", "hours": "2"},
/// #     {"id": "R2", "pairing": "P1", "date": "2026-09-10", "what": "代购生活用品", "amount_fen": 5000}],
/// #   "grids": [{"id": "W1", "name": "第一网格", "org": "B1", "leader_role": "社工"}],
/// #   "grid_members": [{"member": "M1", "grid": "W1", "start": "2026-01-01"}],
/// #   "units": [{"id": "U1", "name": "县人民医院党支部", "joined": "2025-06-01"}],
/// #   "agreements": [{"id": "A1", "unit": "U1", "org": "Z", "signed": "2026-01-01",
/// #     "commitments": [{"what": "进社区服务", "count": 1, "per": "quarter"}]}],
/// #   "unit_activities": [
/// #     {"id": "UA1", "unit": "U1", "date": "2026-02-14", "what": "进社区服务", "participants": 3}]
/// # }"#)?;
/// // `p`: household H1 (grid W1 of branch B1) helped by M1 (pairing P1; help R1 on 2026-03-05,
/// // 2 hours, and R2 on 2026-09-10, 50 yuan) and contacted by M3 (P2); M1 placed in W1; unit U1
/// // with agreement A1 (进社区服务 once a quarter) and one activity; `reg`: Registry::sample_small()
/// let t = grid_report(&p, &reg, d("2026-01-01"), d("2026-10-31"));
/// let n = |c: &str| t.values(c).and_then(|v| v.as_u64s()).map(|v| v[0]);
/// assert_eq!((n("members"), n("households"), n("contact_pairings")), (Some(1), Some(1), Some(1)));
/// assert_eq!(n("households_missed"), Some(1)); // M3 recorded no contact with H1
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn grid_report(p: &Practices, reg: &Registry, from: NaiveDate, to: NaiveDate) -> OwnedTable {
    let grid_of: BTreeMap<&str, Option<&str>> = crate::sort::btree_map(
        p.households
            .iter()
            .map(|h| (h.id.as_str(), h.grid.as_deref())),
    );
    let (mut id, mut name, mut org, mut leader) = (vec![], vec![], vec![], vec![]);
    let (mut members, mut households, mut pairs, mut contacts, mut reached, mut missed) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for g in &p.grids {
        let gid = g.id.as_str();
        id.push(g.id.to_string());
        name.push(g.name.clone());
        org.push(g.org.to_string());
        leader.push(g.leader_role.clone());
        members.push(
            p.grid_members
                .iter()
                .filter(|a| a.grid == gid && a.active_on(to))
                .filter(|a| {
                    reg.member_index(&a.member)
                        .is_some_and(|i| reg.state_of(i, to).is_member())
                })
                .count() as u64,
        );
        households.push(grid_of.values().filter(|v| **v == Some(gid)).count() as u64);
        let in_grid: Vec<_> = p
            .pairings
            .iter()
            .filter(|x| x.kind == PairingKind::Contact)
            .filter(|x| grid_of.get(x.household.as_str()).copied().flatten() == Some(gid))
            .collect();
        let active: Vec<_> = in_grid.iter().filter(|x| x.active_on(to)).collect();
        pairs.push(active.len() as u64);
        let ids: BTreeSet<&str> = crate::sort::btree_set(in_grid.iter().map(|x| x.id.as_str()));
        let recs: Vec<_> = p
            .help
            .iter()
            .filter(|h| ids.contains(h.pairing.as_str()) && from <= h.date && h.date <= to)
            .collect();
        contacts.push(recs.len() as u64);
        let by_id: BTreeMap<&str, &str> = crate::sort::btree_map(
            in_grid
                .iter()
                .map(|x| (x.id.as_str(), x.household.as_str())),
        );
        let hit: BTreeSet<&str> = crate::sort::btree_set(
            recs.iter()
                .filter_map(|h| by_id.get(h.pairing.as_str()).copied()),
        );
        reached.push(hit.len() as u64);
        let expected: BTreeSet<&str> =
            crate::sort::btree_set(active.iter().map(|x| x.household.as_str()));
        missed.push(expected.difference(&hit).count() as u64);
    }
    table(
        "grid_report",
        format!("网格化管理情况（{from}至{to}）"),
        vec![
            col("grid", "网格编号", Role::Key, ColumnValues::Str(id)),
            col("name", "网格", Role::Text, ColumnValues::Str(name)),
            col("org", "所属党组织", Role::Key, ColumnValues::Str(org)),
            col(
                "leader_role",
                "网格长",
                Role::Text,
                ColumnValues::Str(leader),
            ),
            col(
                "members",
                "党员人数",
                Role::Count,
                ColumnValues::U64(members),
            ),
            col(
                "households",
                "户数",
                Role::Value,
                ColumnValues::U64(households),
            ),
            col(
                "contact_pairings",
                "联系户结对",
                Role::Value,
                ColumnValues::U64(pairs),
            ),
            col(
                "contacts",
                "走访次数",
                Role::Value,
                ColumnValues::U64(contacts),
            ),
            col(
                "households_reached",
                "走访户数",
                Role::Value,
                ColumnValues::U64(reached),
            ),
            col(
                "households_missed",
                "未走访户数",
                Role::Value,
                ColumnValues::U64(missed),
            ),
        ],
    )
}

/// The verified service on `post` on `date`: distinct members and hours.
fn served(service: &[ServiceRecord], post: &str, date: NaiveDate) -> (u64, Fixed) {
    let recs: Vec<_> = service
        .iter()
        .filter(|s| s.verified && s.post == post && s.date == date)
        .collect();
    let people: BTreeSet<&str> = crate::sort::btree_set(recs.iter().map(|s| s.member.as_str()));
    (people.len() as u64, recs.iter().map(|s| s.hours).sum())
}

/// The coverage of one schedule in `from..=to`: its expected days, those covered (at least
/// `min_people` members with verified service on the post that day), people-days and hours.
pub(crate) struct Coverage {
    pub(crate) expected: u64,
    pub(crate) covered: u64,
    pub(crate) people_days: u64,
    pub(crate) hours: Fixed,
}

/// [`Coverage`] of schedule `s` (whose post is `post`), read from the service records.
pub(crate) fn coverage(
    s: &super::ServiceSchedule,
    post: Option<&PostRecord>,
    service: &[ServiceRecord],
    from: NaiveDate,
    to: NaiveDate,
) -> Coverage {
    let mut c = Coverage {
        expected: 0,
        covered: 0,
        people_days: 0,
        hours: Fixed::ZERO,
    };
    for d in s.expected_dates(post, from, to) {
        let (n, h) = served(service, &s.post, d);
        c.expected += 1;
        c.people_days += n;
        c.hours = c.hours + h;
        c.covered += u64::from(n >= u64::from(s.min_people));
    }
    c
}

/// One row per expected day of every schedule in `from..=to`: the members who served (verified
/// service records on the schedule's post that day), their hours, and whether the day was
/// covered (at least `min_people` members).
///
/// # Examples
///
/// ```
/// use dangjian::practice::{report::schedule_days, Practices, ScheduleDays, ServiceSchedule};
/// use dangjian::post::{default_kinds, PostRecord, ServiceRecord};
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let post = PostRecord::from_kind("VOL", &default_kinds()[6], "Z", 20, d("2026-01-01"));
/// let days = ScheduleDays::MonthDays(vec![5, 15, 25]);
/// let s = ServiceSchedule { id: "S1".into(), post: "VOL".into(), name: "志愿服务日".into(),
///     days, start: d("2026-01-01"), end: None, min_people: 1 };
/// let mut served = ServiceRecord::new("V1", "M1", "VOL", d("2026-10-05"), "2".parse()?);
/// served.verified = true;
/// let p = Practices { schedules: vec![s], ..Default::default() };
/// let t = schedule_days(&p, &[post], &[served], d("2026-10-01"), d("2026-10-31"));
/// assert_eq!(t.values("covered").and_then(|v| v.as_bools()), Some(&[true, false, false][..]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn schedule_days(
    p: &Practices,
    posts: &[PostRecord],
    service: &[ServiceRecord],
    from: NaiveDate,
    to: NaiveDate,
) -> OwnedTable {
    let (mut id, mut name, mut day, mut weekday, mut people, mut hours, mut covered) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    const WD: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    for s in &p.schedules {
        let post = posts.iter().find(|x| x.id == s.post);
        for d in s.expected_dates(post, from, to) {
            let (n, h) = served(service, &s.post, d);
            id.push(s.id.to_string());
            name.push(s.name.clone());
            day.push(d);
            weekday.push(
                WD.get(d.weekday().num_days_from_monday() as usize)
                    .copied()
                    .unwrap_or_default()
                    .to_string(),
            );
            people.push(n);
            hours.push(h);
            covered.push(n >= u64::from(s.min_people));
        }
    }
    table(
        "schedule_days",
        format!("固定服务日到岗明细（{from}至{to}）"),
        vec![
            col("schedule", "日程编号", Role::Key, ColumnValues::Str(id)),
            col("name", "服务日", Role::Text, ColumnValues::Str(name)),
            col("date", "日期", Role::Value, ColumnValues::Date(day)),
            col("weekday", "星期", Role::Text, ColumnValues::Str(weekday)),
            col("people", "到岗人数", Role::Value, ColumnValues::U64(people)),
            col(
                "hours",
                "服务时长（小时）",
                Role::Value,
                ColumnValues::Fixed(hours),
            ),
            col(
                "covered",
                "是否到岗",
                Role::Value,
                ColumnValues::Bool(covered),
            ),
        ],
    )
}

/// One row per schedule: its days, the expected days in `from..=to`, the days covered, the
/// people-days and hours served on them. The columns are the sums of [`schedule_days`].
///
/// ```
/// use dangjian::practice::report::schedule_coverage;
/// use dangjian::table::Table;
/// let ds = dangjian::synth::sample_community();
/// let d = |s: &str| s.parse().unwrap();
/// let t = schedule_coverage(&ds.practices, &ds.posts, &ds.service, d("2026-10-01"), d("2026-10-31"));
/// assert!(t.len() >= 2); // the 5th/15th/25th days and the Thursday studio (seed 002)
/// ```
pub fn schedule_coverage(
    p: &Practices,
    posts: &[PostRecord],
    service: &[ServiceRecord],
    from: NaiveDate,
    to: NaiveDate,
) -> OwnedTable {
    let (mut id, mut name, mut post, mut days_label, mut expected, mut covered) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut people_days, mut hours) = (vec![], vec![]);
    for s in &p.schedules {
        let rec = posts.iter().find(|x| x.id == s.post);
        let c = coverage(s, rec, service, from, to);
        id.push(s.id.to_string());
        name.push(s.name.clone());
        post.push(rec.map(|r| r.name.to_string()).unwrap_or_default());
        days_label.push(s.days.label_zh());
        expected.push(c.expected);
        covered.push(c.covered);
        people_days.push(c.people_days);
        hours.push(c.hours);
    }
    table(
        "schedule_coverage",
        format!("固定服务日到岗情况（{from}至{to}）"),
        vec![
            col("schedule", "日程编号", Role::Key, ColumnValues::Str(id)),
            col("name", "服务日", Role::Text, ColumnValues::Str(name)),
            col("post", "岗位", Role::Text, ColumnValues::Str(post)),
            col("days", "安排", Role::Text, ColumnValues::Str(days_label)),
            col(
                "expected",
                "应服务天数",
                Role::Value,
                ColumnValues::U64(expected),
            ),
            col(
                "covered",
                "到岗天数",
                Role::Value,
                ColumnValues::U64(covered),
            ),
            col(
                "people_days",
                "到岗人次",
                Role::Value,
                ColumnValues::U64(people_days),
            ),
            col(
                "hours",
                "服务时长（小时）",
                Role::Value,
                ColumnValues::Fixed(hours),
            ),
        ],
    )
}

/// The calendar periods of length `months` (aligned to January) that overlap `from..=to`
/// and the agreement's days in force and have ended by then, counted.
fn periods_in_force(months: u32, from: NaiveDate, to: NaiveDate, a: &super::Agreement) -> u64 {
    let first = from.max(a.signed);
    let last = a.until.map_or(to, |u| u.min(to));
    if first > last {
        return 0;
    }
    let index = |d: NaiveDate| (d.year() as i64 * 12 + d.month0() as i64) / i64::from(months);
    // the period holding `last` counts only when `last` is its final day: a quarter that has
    // just begun is not yet due
    let complete = last
        .succ_opt()
        .is_some_and(|next| index(next) != index(last));
    (index(last) - index(first) + i64::from(complete)).max(0) as u64
}

/// One row per commitment of every agreement in force in `from..=to`: what the unit promised
/// (count per month, quarter or year), the number expected in the period (the count times the
/// calendar periods overlapping both the period and the agreement that have ended by its last
/// day: on 31 October, ten months and three quarters), what the unit did (its
/// activities of that kind in the period while the agreement was in force), the shortfall and
/// the members who took part. Feeds the feedback to units (seed 002: "1+13" 联建; seed 001:
/// 7 共建协议).
///
/// ```
/// use dangjian::practice::report::cobuild_report;
/// let ds = dangjian::synth::sample_community();
/// let d = |s: &str| s.parse().unwrap();
/// let t = cobuild_report(&ds.practices, d("2026-01-01"), d("2026-10-31"));
/// assert!(t.rows >= 13);
/// ```
pub fn cobuild_report(p: &Practices, from: NaiveDate, to: NaiveDate) -> OwnedTable {
    let units: BTreeMap<&str, &str> =
        crate::sort::btree_map(p.units.iter().map(|u| (u.id.as_str(), u.name.as_str())));
    let (mut unit, mut uname, mut agreement, mut what, mut per) =
        (vec![], vec![], vec![], vec![], vec![]);
    let (mut expected, mut done, mut short, mut people) = (vec![], vec![], vec![], vec![]);
    for a in &p.agreements {
        if a.signed > to || a.until.is_some_and(|u| u < from) {
            continue;
        }
        for c in &a.commitments {
            let n = u64::from(c.count) * periods_in_force(c.per.months(), from, to, a);
            let acts: Vec<_> = p
                .unit_activities
                .iter()
                .filter(|x| x.unit == a.unit && x.what == c.what)
                .filter(|x| from <= x.date && x.date <= to && a.active_on(x.date))
                .collect();
            unit.push(a.unit.to_string());
            uname.push(
                units
                    .get(a.unit.as_str())
                    .copied()
                    .unwrap_or_default()
                    .to_string(),
            );
            agreement.push(a.id.to_string());
            what.push(c.what.clone());
            per.push(format!("{}{}次", c.per.label_zh(), c.count));
            expected.push(n);
            done.push(acts.len() as u64);
            short.push(n.saturating_sub(acts.len() as u64));
            people.push(acts.iter().map(|x| u64::from(x.participants)).sum::<u64>());
        }
    }
    table(
        "cobuild_report",
        format!("区域党建联建共建单位履约情况（{from}至{to}）"),
        vec![
            col("unit", "单位编号", Role::Key, ColumnValues::Str(unit)),
            col(
                "unit_name",
                "共建单位",
                Role::Text,
                ColumnValues::Str(uname),
            ),
            col(
                "agreement",
                "协议编号",
                Role::Key,
                ColumnValues::Str(agreement),
            ),
            col("what", "共建事项", Role::Text, ColumnValues::Str(what)),
            col("per", "承诺", Role::Text, ColumnValues::Str(per)),
            col(
                "expected",
                "应开展次数",
                Role::Value,
                ColumnValues::U64(expected),
            ),
            col("done", "已开展次数", Role::Value, ColumnValues::U64(done)),
            col("shortfall", "差额", Role::Value, ColumnValues::U64(short)),
            col(
                "participants",
                "参与人次",
                Role::Value,
                ColumnValues::U64(people),
            ),
        ],
    )
}
