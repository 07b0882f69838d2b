//! Compliance data of the sample community: dues profiles, 22 months of dues payments, special
//! dues, 22 months of meetings with attendance, and the founding election.
//!
//! What the data shows (as of `SAMPLE_AS_OF`, months 2025-01 to 2026-10):
//! - most dues paid on time, retirees quarterly in advance, some late; October 2026 partly open;
//! - two members six or more consecutive months unpaid without a reason (党章 art. 9 flag): the
//!   member who lost contact in 2023, and a floating member who stopped paying in 2026-01;
//!   another member four months unpaid (in arrears, not flagged), one part payment, two months
//!   excused for hospital treatment, one member exempt, two members without a dues profile;
//! - special dues of 7,155 yuan in total after an earthquake appeal (seed 000), one member
//!   giving 1,000 yuan;
//! - every branch and group meeting as required except eight missed periods; a member absent
//!   without leave seven months running in 2025, and the lost-contact member absent throughout;
//! - the general branch's founding election: 118 full members, 7 excused, 108 present.
//!
//! The sample's special dues add up to seed 000's appeal, and its founding election is recorded:
//!
//! ```
//! use dangjian::synth::{sample_community, SPECIAL_DUES_TOTAL};
//! let ds = sample_community();
//! let special: i64 = ds.special_dues.iter().map(|s| s.amount).sum();
//! assert_eq!(special, SPECIAL_DUES_TOTAL);
//! let founding = &ds.elections[0];
//! assert_eq!((founding.org.as_str(), founding.attendees.len(), founding.excused.len()), ("Z", 108, 7));
//! ```

use chrono::{Datelike, Days, NaiveDate};

use super::{Rng, SAMPLE_AS_OF, SAMPLE_FOUNDED};
use crate::compliance::{
    eligible_voters, Ballot, DuesBasis, DuesBook, DuesPolicy, DuesProfile, ElectionRecord,
    MeetingKind, MeetingRecord, Month, PaymentRecord, SpecialDuesRecord,
};
use crate::io::Dataset;
use crate::member::{Category, MemberId};
use crate::org::{OrgIdx, OrgKind};
use crate::registry::{MemberIdx, Registry};
use crate::stats::Timelines;

/// First month of the sample's compliance records.
///
/// # Examples
///
/// ```
/// use dangjian::synth::{sample_community, COMPLIANCE_FROM};
/// let ds = sample_community();
/// assert_eq!(ds.payments.iter().map(|p| p.month).min(), Some(COMPLIANCE_FROM));
/// assert_eq!(COMPLIANCE_FROM.to_string(), "2025-01");
/// ```
pub const COMPLIANCE_FROM: Month = match Month::new(2025, 1) {
    Some(m) => m,
    None => Month::MIN,
};
/// Last month of the sample's compliance records.
///
/// # Examples
///
/// ```
/// use dangjian::calendar::Month;
/// use dangjian::synth::{COMPLIANCE_FROM, COMPLIANCE_TO};
/// assert_eq!(COMPLIANCE_TO.to_string(), "2026-10");
/// assert_eq!(Month::range(COMPLIANCE_FROM, COMPLIANCE_TO).count(), 22);
/// ```
pub const COMPLIANCE_TO: Month = match Month::new(2026, 10) {
    Some(m) => m,
    None => Month::MIN,
};

/// Total special dues of the sample's earthquake appeal, in fen (seed 000: 7,155 yuan).
///
/// # Examples
///
/// ```
/// use dangjian::synth::{sample_community, SPECIAL_DUES_TOTAL};
/// assert_eq!(SPECIAL_DUES_TOTAL, 7_155 * 100); // 7,155 yuan, in fen
/// let ds = sample_community();
/// let biggest = ds.special_dues.iter().map(|s| s.amount).max();
/// assert_eq!(biggest, Some(1_000 * 100)); // one member gave 1,000 yuan
/// ```
pub const SPECIAL_DUES_TOTAL: i64 = 715_500;

fn day(m: Month, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(m.year(), m.month(), d.min(28)).unwrap_or(m.first_day())
}

struct Ctx<'a> {
    reg: &'a Registry,
    t: Timelines,
    rng: Rng,
}

impl Ctx<'_> {
    fn id(&self, m: MemberIdx) -> MemberId {
        self.reg.member(m).map(|r| r.id.clone()).unwrap_or_default()
    }

    fn branch_of(&self, id: &str) -> Option<OrgIdx> {
        self.reg.tree().index(id)
    }

    /// Members (any stage counted as member) whose unit is in `org`'s subtree on `date`.
    fn members_under(&self, org: OrgIdx, date: NaiveDate) -> Vec<MemberIdx> {
        (0..self.reg.len() as MemberIdx)
            .filter(|&m| {
                self.t
                    .unit_on(m, date)
                    .is_some_and(|u| self.reg.tree().contains(org, u))
            })
            .collect()
    }
}

/// Adds the compliance sections to the sample community `ds` (called at the end of
/// `sample_community`). Leaves `ds` unchanged if its registry cannot be built.
pub(crate) fn add_sample_compliance(ds: &mut Dataset) {
    let Ok(reg) = ds.to_registry() else {
        return;
    };
    let mut c = Ctx {
        t: Timelines::build(&reg),
        reg: &reg,
        rng: Rng::new(0x0DA6_2025_C0DE),
    };
    let win_start = COMPLIANCE_FROM.first_day();
    // Special members.
    let lost = (0..reg.len() as MemberIdx).find(|&m| {
        c.t.on(m, win_start)
            .is_some_and(|s| s.is_member() && s.lost_contact)
    });
    let floating: Vec<MemberIdx> = (0..reg.len() as MemberIdx)
        .filter(|&m| {
            c.t.on(m, win_start)
                .is_some_and(|s| s.is_member() && s.floating)
        })
        .collect();
    let b1 = c.branch_of("B1");
    let b2 = c.branch_of("B2");
    let b4 = c.branch_of("B4");
    let steady = |c: &Ctx<'_>, branch: Option<OrgIdx>, skip: usize| -> Option<MemberIdx> {
        (0..c.reg.len() as MemberIdx)
            .filter(|&m| {
                let s0 = c.t.on(m, win_start);
                let s1 = c.t.on(m, SAMPLE_AS_OF);
                s0.is_some_and(|s| s.is_member() && !s.floating && !s.lost_contact)
                    && s1.is_some_and(|s| s.is_member())
                    && s0.and_then(|s| s.branch) == branch
                    && c.t.of(m).iter().filter(|s| s.from >= win_start).count() == 0
            })
            .nth(skip)
    };
    let absentee = steady(&c, b1, 3); // absent without leave 2025-03..2025-09
    let arrears4 = steady(&c, b1, 7); // unpaid 2025-04..2025-07
    let partial = steady(&c, b2, 4); // part paid 2025-10
    let hospital = steady(&c, b2, 9); // excused 2026-02..2026-03
    let exempt = steady(&c, b2, 12); // exempt with approval
    let stopped = floating.first().copied(); // unpaid from 2026-01
    let no_profile: Vec<MemberIdx> = (0..reg.len() as MemberIdx)
        .filter(|&m| {
            c.t.on(m, SAMPLE_AS_OF)
                .is_some_and(|s| s.is_member() && s.branch == b4 && !s.floating)
        })
        .skip(2)
        .take(2)
        .collect();

    // --- Dues profiles: one per member at the window start (or admission), one more at each
    // category change, and a salary raise for some in-service members in 2026.
    let mut profiles = Vec::new();
    for m in 0..reg.len() as MemberIdx {
        if no_profile.contains(&m) {
            continue;
        }
        let id = c.id(m);
        if Some(m) == exempt {
            profiles.push(DuesProfile {
                member: id,
                effective_from: win_start,
                basis: DuesBasis::Exempt,
                amount: None,
            });
            continue;
        }
        let mut points: Vec<(NaiveDate, Category, Option<OrgIdx>)> = Vec::new();
        if let Some(s) = c.t.on(m, win_start).filter(|s| s.is_member()) {
            points.push((win_start, s.category, s.branch));
        }
        for s in
            c.t.of(m)
                .iter()
                .filter(|s| s.from > win_start && s.from <= SAMPLE_AS_OF)
        {
            if s.is_member() && points.last().is_none_or(|p| p.1 != s.category) {
                points.push((s.from, s.category, s.branch));
            }
        }
        for (from, cat, branch) in points {
            let salary_base = |rng: &mut Rng| {
                // Monthly salaries in fen, including the bracket boundaries 3,000 / 5,000 /
                // 10,000 yuan and one fen above each.
                const BASES: [i64; 12] = [
                    260_000, 300_000, 300_001, 385_000, 432_150, 500_000, 500_001, 648_000,
                    790_000, 1_000_000, 1_000_001, 1_260_000,
                ];
                rng.pick(&BASES).copied().unwrap_or(400_000)
            };
            let (basis, amount) = match cat {
                Category::InService | Category::Floating => {
                    (DuesBasis::Salary, Some(salary_base(&mut c.rng)))
                }
                Category::Retired => (DuesBasis::Pension, Some(c.rng.range(2_300, 6_800) * 100)),
                Category::Resident if branch == b1 && c.rng.chance(50) => {
                    (DuesBasis::Pension, Some(c.rng.range(1_800, 4_200) * 100))
                }
                Category::Resident => (DuesBasis::Salary, Some(c.rng.range(2_000, 4_800) * 100)),
                Category::Farmer => (DuesBasis::Fixed, Some(100)),
                Category::Student | Category::Unemployed => continue,
            };
            profiles.push(DuesProfile {
                member: id.clone(),
                effective_from: from,
                basis,
                amount,
            });
            if basis == DuesBasis::Salary
                && from < win_start.with_year(2026).unwrap_or(win_start)
                && c.rng.chance(40)
            {
                let raised = amount.map(|a| a + a / 100 * c.rng.range(5, 10));
                profiles.push(DuesProfile {
                    member: id.clone(),
                    effective_from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or(from),
                    basis,
                    amount: raised,
                });
            }
        }
    }
    // A category change dated 2026-01-01 would collide with the raise: keep one profile per day.
    crate::sort::sort_by(&mut profiles, |a, b| {
        a.member
            .cmp(&b.member)
            .then(a.effective_from.cmp(&b.effective_from))
    });
    profiles.dedup_by(|b, a| a.member == b.member && a.effective_from == b.effective_from);

    // --- Payments, from the ledger of dues.
    let mut payments = Vec::new();
    if let Ok(book) = DuesBook::new(&reg, Vec::new(), profiles.clone(), Vec::new(), Vec::new()) {
        if let Ok(ledger) = book.ledger(
            &reg,
            COMPLIANCE_FROM,
            COMPLIANCE_TO,
            SAMPLE_AS_OF,
            &DuesPolicy::default(),
        ) {
            for k in 0..ledger.len() {
                let (Some(&m), Some(&month), Some(&due)) =
                    (ledger.member.get(k), ledger.month.get(k), ledger.due.get(k))
                else {
                    continue;
                };
                if due == Some(0) {
                    continue;
                }
                let unpaid = Some(m) == lost
                    || (Some(m) == stopped && month >= Month::new(2026, 1).unwrap_or(month))
                    || (Some(m) == arrears4
                        && month >= Month::new(2025, 4).unwrap_or(month)
                        && month <= Month::new(2025, 7).unwrap_or(month));
                if unpaid {
                    continue;
                }
                let id = c.id(m);
                let amount = due.unwrap_or(1_000);
                if Some(m) == hospital
                    && (month == Month::new(2026, 2).unwrap_or(month)
                        || month == Month::new(2026, 3).unwrap_or(month))
                {
                    payments.push(PaymentRecord {
                        member: id,
                        month,
                        amount: 0,
                        paid_on: day(month, 3),
                        reason: Some("住院治疗".into()),
                    });
                    continue;
                }
                if Some(m) == partial && month == Month::new(2025, 10).unwrap_or(month) {
                    payments.push(PaymentRecord {
                        member: id,
                        month,
                        amount: amount / 2,
                        paid_on: day(month, 12),
                        reason: None,
                    });
                    continue;
                }
                if month == COMPLIANCE_TO && c.rng.chance(30) {
                    continue; // not yet paid: still open on the report date
                }
                let retired_quarterly =
                    c.t.on(m, month.first_day()).is_some_and(|s| s.branch == b2);
                let paid_on = if retired_quarterly {
                    let q_first =
                        Month::new(month.year(), (month.quarter() - 1) * 3 + 1).unwrap_or(month);
                    day(q_first, 10)
                } else if c.rng.chance(4) {
                    day(month.next(), c.rng.range(3, 20) as u32)
                } else {
                    day(month, c.rng.range(4, 25) as u32)
                };
                if paid_on > SAMPLE_AS_OF {
                    continue;
                }
                payments.push(PaymentRecord {
                    member: id,
                    month,
                    amount,
                    paid_on,
                    reason: None,
                });
            }
        }
    }

    // --- Special dues: an earthquake appeal in May 2025, 7,155 yuan in all.
    let appeal = NaiveDate::from_ymd_opt(2025, 5, 20).unwrap_or(win_start);
    let mut givers: Vec<MemberIdx> = (0..reg.len() as MemberIdx)
        .filter(|&m| {
            c.t.on(m, appeal)
                .is_some_and(|s| s.is_member() && !s.lost_contact)
        })
        .collect();
    givers.retain(|_| c.rng.chance(60));
    let mut special = Vec::new();
    let mut left = SPECIAL_DUES_TOTAL;
    for (k, &m) in givers.iter().enumerate() {
        let amount = if k == 0 {
            100_000
        } else if k + 1 == givers.len() {
            left
        } else {
            let a = [2_000, 5_000, 5_000, 10_000, 10_000, 20_000]
                .get(c.rng.below(6) as usize)
                .copied()
                .unwrap_or(5_000);
            if left - a < 2_000 {
                continue;
            }
            a
        };
        if amount <= 0 {
            break;
        }
        left -= amount;
        special.push(SpecialDuesRecord {
            member: c.id(m),
            date: appeal
                .checked_add_days(Days::new(c.rng.below(10)))
                .unwrap_or(appeal),
            amount,
            campaign: "抗震救灾".into(),
        });
        if left == 0 {
            break;
        }
    }

    // --- Meetings.
    let mut meetings: Vec<MeetingRecord> = Vec::new();
    let missed = |org: &str, kind: MeetingKind, m: Month| -> bool {
        let ym = (m.year(), m.month());
        match (org, kind) {
            ("B4", MeetingKind::ThemeDay) => ym == (2025, 8),
            ("B2", MeetingKind::BranchCommittee) => ym == (2026, 2),
            ("B4", MeetingKind::BranchAssembly) => ym.0 == 2025 && m.quarter() == 3,
            ("B1", MeetingKind::PartyLecture) => ym.0 == 2026 && m.quarter() == 2,
            ("B3", MeetingKind::DemocraticAppraisal) => ym.0 == 2025,
            ("G41", MeetingKind::GroupMeeting) => ym == (2026, 3) || ym == (2026, 4),
            ("G22", MeetingKind::GroupMeeting) => ym == (2025, 11),
            _ => false,
        }
    };
    let orgs: Vec<(OrgIdx, String, OrgKind, bool)> = reg
        .tree()
        .records()
        .iter()
        .enumerate()
        .map(|(i, r)| (i as OrgIdx, r.id.to_string(), r.kind, r.has_committee))
        .collect();
    for month in Month::range(COMPLIANCE_FROM, COMPLIANCE_TO) {
        for (org, oid, kind, committee) in &orgs {
            let mut plan: Vec<(MeetingKind, u32)> = Vec::new();
            match kind {
                OrgKind::Branch => {
                    plan.push((MeetingKind::ThemeDay, 5));
                    if *committee {
                        plan.push((MeetingKind::BranchCommittee, 10));
                    }
                    if month.month() % 3 == 2 {
                        plan.push((MeetingKind::BranchAssembly, 15));
                    }
                    if month.month() % 3 == 0 {
                        plan.push((MeetingKind::PartyLecture, 20));
                    }
                    if month.month() == 12 {
                        plan.push((MeetingKind::OrgLifeMeeting, 18));
                        plan.push((MeetingKind::DemocraticAppraisal, 22));
                    }
                }
                OrgKind::Group => plan.push((MeetingKind::GroupMeeting, 25)),
                _ => {}
            }
            for (mk, d) in plan {
                if missed(oid, mk, month) {
                    continue;
                }
                let date = day(month, d);
                if date > SAMPLE_AS_OF {
                    continue;
                }
                let all = c.members_under(*org, date);
                let committee_list: Option<Vec<MemberIdx>> = (mk == MeetingKind::BranchCommittee)
                    .then(|| {
                        all.iter()
                            .copied()
                            .filter(|&m| {
                                c.t.on(m, date).is_some_and(|s| {
                                    s.stage == crate::member::Stage::Full
                                        && !s.floating
                                        && !s.lost_contact
                                })
                            })
                            .take(if oid == "B3" { 3 } else { 5 })
                            .collect()
                    });
                let expected = committee_list.clone().unwrap_or(all);
                let (mut att, mut exc) = (Vec::new(), Vec::new());
                for m in expected {
                    let s = c.t.on(m, date);
                    let away = s.is_some_and(|s| s.floating);
                    let gone = s.is_some_and(|s| s.lost_contact);
                    let skip = gone
                        || (Some(m) == absentee
                            && month >= Month::new(2025, 3).unwrap_or(month)
                            && month <= Month::new(2025, 9).unwrap_or(month));
                    if skip {
                        continue;
                    }
                    if away {
                        exc.push(c.id(m));
                        continue;
                    }
                    match c.rng.below(100) {
                        0..=84 => att.push(c.id(m)),
                        85..=93 => exc.push(c.id(m)),
                        _ => {}
                    }
                }
                meetings.push(MeetingRecord {
                    id: format!("MT{:04}", meetings.len() + 1).into(),
                    org: oid.as_str().into(),
                    kind: mk,
                    date,
                    attendees: att,
                    excused: exc,
                    expected: committee_list.map(|l| l.iter().map(|&m| c.id(m)).collect()),
                    topic: None,
                });
            }
        }
    }

    // --- The founding election of the general branch committee.
    let mut elections = Vec::new();
    if let Ok(voters) = eligible_voters(&reg, "Z", SAMPLE_FOUNDED) {
        let excused: Vec<MemberId> = voters
            .iter()
            .skip(20)
            .step_by(15)
            .take(7)
            .cloned()
            .collect();
        let present: Vec<MemberId> = voters
            .iter()
            .filter(|v| !excused.contains(v))
            .skip(3)
            .cloned()
            .collect();
        let cands: Vec<MemberId> = present.iter().step_by(17).take(6).cloned().collect();
        let mut ballots = Vec::new();
        for i in 0..present.len().saturating_sub(3) {
            let mut marks: Vec<MemberId> = cands.iter().take(4).cloned().collect();
            if let Some(x) = cands.get(if i % 3 == 0 { 5 } else { 4 }) {
                marks.push(x.clone());
            }
            ballots.push(Ballot { marks });
        }
        ballots.push(Ballot::default());
        ballots.push(Ballot::default());
        ballots.push(Ballot {
            marks: cands.clone(),
        }); // six marks for five seats: invalid
        elections.push(ElectionRecord {
            id: "E2022Z".into(),
            org: "Z".into(),
            date: SAMPLE_FOUNDED,
            seats: 5,
            voters: None,
            excused,
            attendees: present,
            candidates: cands,
            ballots,
        });
    }

    ds.dues_profiles = profiles;
    ds.payments = payments;
    ds.special_dues = special;
    ds.meetings = meetings;
    ds.elections = elections;
}
