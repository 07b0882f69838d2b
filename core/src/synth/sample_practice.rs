//! The sample community's practices over 2026 (issue 23), shaped by the seeds: 一帮一 pairings
//! of well-off members with households in difficulty and about six disputes mediated a year
//! (seed 000: 25 in four years), 9 grids led by social workers with 党员联系户 (seed 004),
//! volunteer days on the 5th, 15th and 25th and a Thursday studio (seed 002), and 13
//! co-building units of which 7 signed agreements (seeds 002 and 001).
//!
//! ```
//! use dangjian::synth::sample_community;
//! let p = sample_community().practices;
//! assert_eq!(p.grids.len(), 9);
//! assert_eq!((p.units.len(), p.agreements.len()), (13, 7));
//! assert_eq!(p.pairings.len(), p.households.len());
//! ```

use chrono::{Datelike, NaiveDate};

use super::{Rng, SAMPLE_AS_OF};
use crate::fixed::Fixed;
use crate::io::Dataset;
use crate::practice::{
    Agreement, AgreementCommitment, CoBuildUnit, CommitmentPeriod, Grid, GridAssignment,
    HelpRecord, Household, Pairing, PairingKind, Practices, ScheduleDays, ServiceSchedule,
};

const GRID_NAMES: [&str; 9] = [
    "第一网格",
    "第二网格",
    "第三网格",
    "第四网格",
    "第五网格",
    "第六网格",
    "第七网格",
    "第八网格",
    "第九网格",
];

const UNITS: [&str; 13] = [
    "县第一小学党支部",
    "县人民医院第二党支部",
    "县供电公司党支部",
    "县农商银行党支部",
    "县邮政分公司党支部",
    "县自来水公司党支部",
    "县中医院党支部",
    "县第二中学党支部",
    "县公交公司党支部",
    "县市场监管局党支部",
    "县税务局第一党支部",
    "县图书馆党支部",
    "县移动公司党支部",
];

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// Adds the practices to the sample (members, posts and service must already be there).
pub(super) fn add_practices(ds: &mut Dataset) {
    let mut rng = Rng::new(0x0000_DA06_2323);
    let year_start = day(2026, 1, 1);
    let Ok(reg) = ds.to_registry() else {
        return;
    };
    // members on 1 January 2026, in roster order
    let members: Vec<String> = reg
        .members()
        .iter()
        .enumerate()
        .filter(|(i, _)| reg.state_of(*i as u32, year_start).is_member())
        .map(|(_, m)| m.id.to_string())
        .collect();
    let mut p = Practices::default();
    for (i, name) in GRID_NAMES.iter().enumerate() {
        p.grids.push(Grid {
            id: format!("W{}", i + 1).into(),
            name: (*name).into(),
            org: "Z".into(),
            leader_role: "社工".into(),
        });
    }
    let grid_of = |k: usize| format!("W{}", k % 9 + 1);
    for (k, m) in members.iter().enumerate() {
        p.grid_members.push(GridAssignment {
            member: m.as_str().into(),
            grid: grid_of(k).into(),
            start: year_start,
            end: None,
        });
    }
    // 一帮一: twelve households in difficulty, each helped by a member
    const HARD: [&str; 3] = ["特困户", "下岗失业", "孤老"];
    for k in 0..12usize {
        let h = format!("H{:02}", k + 1);
        p.households.push(Household {
            id: h.as_str().into(),
            kind: HARD.get(k % 3).copied().unwrap_or("特困户").into(),
            grid: Some(grid_of(k).into()),
            label: String::new(),
        });
        let Some(m) = members.get(k * 7 % members.len().max(1)) else {
            continue;
        };
        p.pairings.push(Pairing {
            id: format!("BF{:02}", k + 1).into(),
            kind: PairingKind::Help,
            member: m.as_str().into(),
            household: h.into(),
            start: day(2026, 1, 10),
            end: None,
        });
    }
    // 党员联系户: four households a grid, each in touch with a member of the grid
    for g in 0..9usize {
        for j in 0..4usize {
            let h = format!("C{}{}", g + 1, j + 1);
            p.households.push(Household {
                id: h.as_str().into(),
                kind: ["普通居民", "低保户", "独居老人", "普通居民"]
                    .get(j)
                    .copied()
                    .unwrap_or("普通居民")
                    .into(),
                grid: Some(grid_of(g).into()),
                label: String::new(),
            });
            // the (j+1)-th member of grid g
            let Some(m) = members.get(g + 9 * (j + 2)) else {
                continue;
            };
            p.pairings.push(Pairing {
                id: format!("LX{}{}", g + 1, j + 1).into(),
                kind: PairingKind::Contact,
                member: m.as_str().into(),
                household: h.into(),
                start: year_start,
                end: None,
            });
        }
    }
    // what was done: help monthly (two pairings fall silent after June), contacts quarterly
    let mut n = 0u32;
    let mut push = |p: &mut Practices, pairing: &str, date: NaiveDate, what: &str, h: i64, fen| {
        n += 1;
        p.help.push(HelpRecord {
            id: format!("R{n:04}").into(),
            pairing: pairing.into(),
            date,
            what: what.into(),
            hours: Some(Fixed::from_raw(h)),
            amount_fen: fen,
        });
    };
    let pairings = p.pairings.clone();
    for (k, x) in pairings.iter().enumerate() {
        for month in 1..=10u32 {
            let date = day(2026, month, 8 + (k as u32 % 18));
            if date > SAMPLE_AS_OF || date < x.start {
                continue;
            }
            match x.kind {
                PairingKind::Help => {
                    if (k < 2 && month > 6) || rng.chance(12) {
                        continue;
                    }
                    let fen = rng.chance(30).then_some(rng.range(100, 500) * 100);
                    let what = ["走访慰问", "代购生活用品", "陪同就医", "帮助联系就业"]
                        .get(k % 4)
                        .copied()
                        .unwrap_or("走访慰问");
                    push(&mut p, &x.id, date, what, 1500 + rng.range(0, 3) * 500, fen);
                }
                PairingKind::Contact => {
                    if month % 3 != 1 || rng.chance(15) {
                        continue;
                    }
                    push(&mut p, &x.id, date, "入户走访", 1000, None);
                }
            }
        }
    }
    // about six disputes mediated in the year (seed 000: 25 in four years)
    for (k, month) in [2u32, 3, 5, 7, 8, 10].iter().enumerate() {
        if let Some(x) = pairings
            .iter()
            .filter(|x| x.kind == PairingKind::Contact)
            .nth(k * 5)
        {
            push(
                &mut p,
                &x.id,
                day(2026, *month, 20),
                "调解邻里纠纷",
                2000,
                None,
            );
        }
    }
    // regular service days (seed 002)
    p.schedules.push(ServiceSchedule {
        id: "RD-5-15-25".into(),
        post: "S-VOL".into(),
        name: "窗口服务日·环境清洁日·公共秩序日".into(),
        days: ScheduleDays::MonthDays(vec![5, 15, 25]),
        start: year_start,
        end: None,
        min_people: 1,
    });
    p.schedules.push(ServiceSchedule {
        id: "RD-THU".into(),
        post: "P-MED".into(),
        name: "相约星期四·聊聊烦心事党员志愿者工作室".into(),
        days: ScheduleDays::Weekdays(vec![4]),
        start: year_start,
        end: None,
        min_people: 1,
    });
    // 区域党建联建: 13 units (1+13), 7 with signed agreements
    for (i, name) in UNITS.iter().enumerate() {
        p.units.push(CoBuildUnit {
            id: format!("U{:02}", i + 1).into(),
            name: (*name).into(),
            joined: day(2025, 3, 1),
        });
    }
    let mut a_n = 0u32;
    for i in 0..7usize {
        let unit = format!("U{:02}", i + 1);
        p.agreements.push(Agreement {
            id: format!("GJ2026-{:02}", i + 1).into(),
            unit: unit.as_str().into(),
            org: "Z".into(),
            signed: day(2026, 1, 15),
            until: Some(day(2026, 12, 31)),
            commitments: vec![
                AgreementCommitment {
                    what: "进社区服务".into(),
                    count: 1,
                    per: CommitmentPeriod::Month,
                },
                AgreementCommitment {
                    what: "专题调研".into(),
                    count: 1,
                    per: CommitmentPeriod::Quarter,
                },
            ],
        });
        for month in 1..=10u32 {
            // one unit does little after the spring; the others now and then miss a month
            if (i == 6 && month > 4) || rng.chance(10) {
                continue;
            }
            let date = day(2026, month, 18);
            if date < day(2026, 1, 15) {
                continue;
            }
            a_n += 1;
            p.unit_activities.push(crate::practice::UnitActivity {
                id: format!("UA{a_n:04}").into(),
                unit: unit.as_str().into(),
                date,
                what: "进社区服务".into(),
                participants: rng.range(3, 12) as u32,
            });
            if date.month() % 3 == 2 && i != 6 {
                a_n += 1;
                p.unit_activities.push(crate::practice::UnitActivity {
                    id: format!("UA{a_n:04}").into(),
                    unit: unit.as_str().into(),
                    date: day(2026, month, 25),
                    what: "专题调研".into(),
                    participants: rng.range(2, 6) as u32,
                });
            }
        }
    }
    ds.practices = p;
    add_declarations(ds, &members, &mut rng);
}

/// Points declared by members over 2026 and reviewed by group leaders (issue 23): before
/// October about four in five approved and the rest sent back with a reason; October's still
/// pending at the end of the month (so the October report is what the recorded activities
/// give).
fn add_declarations(ds: &mut Dataset, members: &[String], rng: &mut Rng) {
    use crate::declaration::{Declaration, Review, ReviewStatus, ReviewerRole};
    let n = members.len();
    if n < 2 {
        return;
    }
    let mut k = 0usize;
    for month in 1..=10u32 {
        for j in 0..4usize {
            k += 1;
            let who = (k * 11 + j) % n;
            let Some(member) = members.get(who) else {
                continue;
            };
            let date = day(2026, month, 3 + 5 * j as u32);
            let declared = date.succ_opt().unwrap_or(date);
            let (item, qty, evidence) = if j % 2 == 0 {
                (
                    "service_hour",
                    Fixed::from_int(2),
                    "参加社区环境清洁志愿服务2小时",
                )
            } else {
                ("study", Fixed::ONE, "参加线上专题学习并提交心得")
            };
            let mut x = Declaration::new(&format!("SB{k:03}"), member, item, date, declared);
            x.quantity = qty;
            x.evidence = evidence.into();
            x.attachments = vec![format!("photo-{k:03}.jpg")];
            if month < 10 {
                let reviewer = members.get((who + 1) % n).cloned().unwrap_or_default();
                let approved = !rng.chance(20);
                x.review = Some(Review {
                    status: if approved {
                        ReviewStatus::Approved
                    } else {
                        ReviewStatus::Rejected
                    },
                    by: reviewer.into(),
                    role: ReviewerRole::GroupLeader,
                    on: declared
                        .checked_add_days(chrono::Days::new(3))
                        .unwrap_or(declared),
                    reason: if approved {
                        String::new()
                    } else {
                        "佐证不足，请补充活动照片".into()
                    },
                });
            }
            ds.declarations.push(x);
        }
    }
}
