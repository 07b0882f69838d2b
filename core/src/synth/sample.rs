//! The bundled sample community ([`sample_community`]), shaped like seed 000, and its dates
//! ([`SAMPLE_FOUNDED`], [`SAMPLE_AS_OF`]).
//!
//! ```
//! use dangjian::synth::{sample_community, SAMPLE_AS_OF};
//! let reg = sample_community().to_registry()?;
//! assert_eq!(reg.headcount_on(SAMPLE_AS_OF), 158); // seed 000's 158 members
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{Days, Months, NaiveDate};

use super::people::{birth_for_age, person};
use super::Rng;
use crate::io::Dataset;
use crate::member::{Category, EventRecord, EventType, MemberRecord, MembershipStatus};
use crate::org::{OrgKind, OrgRecord};

/// Founding day of the sample community's general branch.
///
/// # Examples
///
/// ```
/// use dangjian::synth::{sample_community, SAMPLE_FOUNDED};
/// assert_eq!(SAMPLE_FOUNDED.to_string(), "2022-11-01");
/// let ds = sample_community();
/// let general_branch = ds.orgs.iter().find(|o| o.id == "Z").ok_or("no Z")?;
/// assert_eq!(general_branch.founded, SAMPLE_FOUNDED);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const SAMPLE_FOUNDED: NaiveDate = match NaiveDate::from_ymd_opt(2022, 11, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
/// The sample community's report date, four years after founding.
///
/// # Examples
///
/// ```
/// use dangjian::synth::{sample_community, SAMPLE_AS_OF};
/// assert_eq!(SAMPLE_AS_OF.to_string(), "2026-10-31");
/// let ds = sample_community();
/// assert!(ds.events.iter().all(|e| e.date <= SAMPLE_AS_OF));
/// ```
pub const SAMPLE_AS_OF: NaiveDate = match NaiveDate::from_ymd_opt(2026, 10, 31) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The co-building units (共建单位) whose in-service members report to the sample community
/// (seed 001 names seven such units).
///
/// # Examples
///
/// ```
/// use dangjian::synth::HOME_UNITS;
/// assert_eq!(HOME_UNITS.len(), 7); // seed 001's seven co-building units
/// assert_eq!(HOME_UNITS[0], "县人民医院");
/// ```
pub const HOME_UNITS: [&str; 7] = [
    "县人民医院",
    "县第一中学",
    "县供电公司",
    "县农商银行",
    "县税务局",
    "县自来水公司",
    "县邮政分公司",
];

struct Builder {
    rng: Rng,
    members: Vec<MemberRecord>,
    events: Vec<EventRecord>,
}

fn plus_days(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_days(Days::new(n.max(0) as u64)).unwrap_or(d)
}

fn minus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(d)
}

fn plus_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n)).unwrap_or(d)
}

fn between(rng: &mut Rng, a: NaiveDate, b: NaiveDate) -> NaiveDate {
    plus_days(a, rng.range(0, (b - a).num_days()))
}

const GROUPS: [(&str, &[&str]); 4] = [
    ("B1", &["G11", "G12"]),
    ("B2", &["G21", "G22"]),
    ("B3", &["G31", "G32"]),
    ("B4", &["G41"]),
];

impl Builder {
    fn next_id(&self) -> String {
        format!("XF{:03}", self.members.len() + 1)
    }

    fn category_of(branch: &str) -> Category {
        match branch {
            "B2" => Category::Retired,
            "B3" => Category::InService,
            "B4" => Category::Floating,
            _ => Category::Resident,
        }
    }

    fn add_person(&mut self, branch: &str, age_at_as_of: i64) -> String {
        let id = self.next_id();
        let birth = birth_for_age(&mut self.rng, age_at_as_of as i32, SAMPLE_AS_OF);
        let category = Self::category_of(branch);
        let unit = if category == Category::InService {
            self.rng.pick(&HOME_UNITS).copied()
        } else {
            None
        };
        let mut rec = person(&mut self.rng, &id, birth, category, unit);
        if branch == "B1" && self.rng.chance(10) {
            rec.category = Category::Unemployed;
        }
        self.members.push(rec);
        id
    }

    fn birth(&self, id: &str) -> NaiveDate {
        self.members
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.birth_date)
            .unwrap_or(NaiveDate::MIN)
    }

    fn assign_group(&mut self, id: &str, branch: &str, date: NaiveDate) {
        let groups = GROUPS
            .iter()
            .find(|(b, _)| *b == branch)
            .map(|(_, g)| *g)
            .unwrap_or(&[]);
        if let Some(g) = self.rng.pick(groups) {
            self.events
                .push(EventRecord::new(id, plus_days(date, 7), EventType::GroupAssigned).group(g));
        }
    }

    /// A full member registered at founding, admitted at some age between 19 and two years before founding.
    fn founding_member(&mut self, branch: &str, age_at_as_of: i64) -> String {
        let id = self.add_person(branch, age_at_as_of);
        let birth = self.birth(&id);
        let age_at_founding = age_at_as_of - 4;
        let adm_age = self.rng.range(19, (age_at_founding - 2).max(19)) as u32;
        let admitted = plus_days(plus_months(birth, adm_age * 12), self.rng.range(0, 200));
        let converted = plus_months(admitted, 12);
        self.events.push(
            EventRecord::new(&id, SAMPLE_FOUNDED, EventType::Registered)
                .branch(branch)
                .arriving(MembershipStatus::Full, Some(admitted), Some(converted))
                .place("社区成立时登记"),
        );
        self.assign_group(&id, branch, SAMPLE_FOUNDED);
        id
    }
}

/// The bundled sample community, shaped like seed 000 (a general branch in Laifeng county):
/// founded 2022-11-01 with 121 members; four years later (2026-10-31) 4 branches, 7 groups and
/// 158 members, 21 of them developed in the four years and 32 aged 35 or under.
///
/// History: 121 members registered at founding (three still on probation), 21 admitted through
/// the full pipeline (one with extended probation), 24 transferred in, 6 transferred out, 2 died,
/// members floating out and back, two lost contact (one found again by 双找), three in-service
/// members retiring to the retirees' branch, and six people currently in the pipeline.
///
/// ```
/// let ds = dangjian::synth::sample_community();
/// let reg = ds.to_registry().unwrap();
/// let f = reg.flows(dangjian::synth::SAMPLE_FOUNDED, dangjian::synth::SAMPLE_AS_OF);
/// assert_eq!((f.start, f.admitted, f.end), (0, 21, 158));
/// ```
pub fn sample_community() -> Dataset {
    let mut b = Builder {
        rng: Rng::new(0x0000_DA06_1A11),
        members: Vec::new(),
        events: Vec::new(),
    };
    let f = SAMPLE_FOUNDED;
    let mut ds = Dataset::new("翔凤社区");
    ds.community.description =
        "示例社区：党总支下设4个党支部、7个党小组（参照来凤县某社区党总支四年工作总结）".into();
    let org = |id: &str, name: &str, kind, parent: Option<&str>, committee: bool| {
        let mut r = OrgRecord::new(id, name, kind, parent, f);
        r.elected = Some(f);
        r.has_committee = committee;
        r
    };
    ds.orgs = vec![
        org("Z", "翔凤社区党总支", OrgKind::GeneralBranch, None, true),
        org("B1", "第一党支部（居民）", OrgKind::Branch, Some("Z"), true),
        org("G11", "第一党小组", OrgKind::Group, Some("B1"), false),
        org("G12", "第二党小组", OrgKind::Group, Some("B1"), false),
        org(
            "B2",
            "第二党支部（离退休）",
            OrgKind::Branch,
            Some("Z"),
            true,
        ),
        org("G21", "第三党小组", OrgKind::Group, Some("B2"), false),
        org("G22", "第四党小组", OrgKind::Group, Some("B2"), false),
        org(
            "B3",
            "第三党支部（在职党员）",
            OrgKind::Branch,
            Some("Z"),
            true,
        ),
        org("G31", "第五党小组", OrgKind::Group, Some("B3"), false),
        org("G32", "第六党小组", OrgKind::Group, Some("B3"), false),
        org(
            "B4",
            "第四党支部（流动党员）",
            OrgKind::Branch,
            Some("Z"),
            false,
        ),
        org("G41", "第七党小组", OrgKind::Group, Some("B4"), false),
    ];
    for r in ds.orgs.iter_mut().filter(|r| r.kind == OrgKind::Group) {
        r.elected = None;
    }
    // a 社区 organization: from 2018-07 its terms are 5 years (its branches inherit the flag)
    for r in ds.orgs.iter_mut().filter(|r| r.id == "Z") {
        r.village_or_community = true;
    }

    // --- 121 members at founding: 113 stay, 6 transfer out, 2 die. 10 of those who stay are young.
    let mut founding: Vec<(String, &str, bool)> = Vec::new();
    let plan: [(&str, usize, usize, (i64, i64)); 4] = [
        ("B1", 45, 6, (36, 78)),
        ("B2", 42, 0, (66, 90)),
        ("B3", 22, 3, (36, 58)),
        ("B4", 12, 1, (36, 52)),
    ];
    for (branch, n, young, (lo, hi)) in plan {
        for k in 0..n {
            let age = if k < young {
                b.rng.range(26, 35)
            } else {
                b.rng.range(lo, hi)
            };
            let id = b.founding_member(branch, age);
            founding.push((id, branch, k < young));
        }
    }
    // Three of B1's founding members were still on probation: admitted 2022, converted 2023.
    for (id, _, _) in founding
        .iter()
        .filter(|(_, br, _)| *br == "B1")
        .skip(10)
        .take(3)
    {
        if let Some(e) = b
            .events
            .iter_mut()
            .find(|e| e.member == id.as_str() && e.kind == EventType::Registered)
        {
            let admitted = plus_days(
                NaiveDate::from_ymd_opt(2022, 3, 1).unwrap_or(f),
                (id.len() as i64) * 17 % 150,
            );
            e.status = Some(MembershipStatus::Probationary);
            e.admitted_on = Some(admitted);
            e.converted_on = None;
            b.events.push(EventRecord::new(
                id,
                plus_months(admitted, 12),
                EventType::Converted,
            ));
        }
    }
    // Exits: 6 transfers out (members that are not young), 2 deaths in the retirees' branch.
    let leavers: Vec<String> = founding
        .iter()
        .filter(|(_, br, young)| *br != "B2" && !young)
        .skip(20)
        .step_by(9)
        .take(6)
        .map(|(id, _, _)| id.clone())
        .collect();
    for id in &leavers {
        let d = between(
            &mut b.rng,
            NaiveDate::from_ymd_opt(2023, 2, 1).unwrap_or(f),
            NaiveDate::from_ymd_opt(2026, 8, 31).unwrap_or(f),
        );
        b.events
            .push(EventRecord::new(id, d, EventType::TransferredOut).place("外县"));
    }
    let deaths: Vec<String> = founding
        .iter()
        .filter(|(_, br, _)| *br == "B2")
        .skip(5)
        .step_by(17)
        .take(2)
        .map(|(id, _, _)| id.clone())
        .collect();
    for id in &deaths {
        let d = between(
            &mut b.rng,
            NaiveDate::from_ymd_opt(2023, 6, 1).unwrap_or(f),
            NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or(f),
        );
        b.events.push(EventRecord::new(id, d, EventType::Died));
    }
    // Three members of the retirees' branch, born before 1955, were converted in 1976:
    // 光荣在党50年 in 2026.
    let born_early =
        |id: &str, b: &Builder| b.birth(id) < NaiveDate::from_ymd_opt(1955, 1, 1).unwrap_or(f);
    let veterans: Vec<String> = founding
        .iter()
        .filter(|(id, br, _)| *br == "B2" && born_early(id, &b) && !deaths.contains(id))
        .take(3)
        .map(|(id, _, _)| id.clone())
        .collect();
    for (k, id) in veterans.iter().enumerate() {
        if let Some(e) = b
            .events
            .iter_mut()
            .find(|e| e.member == id.as_str() && e.kind == EventType::Registered)
        {
            e.admitted_on = NaiveDate::from_ymd_opt(1975, 3 + k as u32, 1);
            e.converted_on = NaiveDate::from_ymd_opt(1976, 3 + k as u32, 1);
        }
    }
    // Floating out and back; lost contact and found again (双找).
    let stayers: Vec<String> = founding
        .iter()
        .filter(|(id, br, _)| *br != "B2" && !leavers.contains(id))
        .map(|(id, _, _)| id.clone())
        .collect();
    for (k, id) in stayers.iter().skip(15).step_by(7).take(4).enumerate() {
        let out = between(
            &mut b.rng,
            NaiveDate::from_ymd_opt(2023, 3, 1).unwrap_or(f),
            NaiveDate::from_ymd_opt(2023, 12, 31).unwrap_or(f),
        );
        b.events.push(
            EventRecord::new(id, out, EventType::FloatedOut).place(
                ["广州", "上海", "深圳", "武汉"]
                    .get(k % 4)
                    .copied()
                    .unwrap_or("外地"),
            ),
        );
        if k < 2 {
            b.events.push(EventRecord::new(
                id,
                plus_months(out, 18),
                EventType::Returned,
            ));
        }
    }
    for (k, id) in stayers.iter().skip(40).step_by(5).take(2).enumerate() {
        let lost = NaiveDate::from_ymd_opt(2023, 5, 10).unwrap_or(f);
        b.events
            .push(EventRecord::new(id, lost, EventType::LostContact));
        if k == 0 {
            b.events.push(EventRecord::new(
                id,
                NaiveDate::from_ymd_opt(2024, 8, 20).unwrap_or(f),
                EventType::Found,
            ));
        }
    }
    // Three in-service members retire and move to the retirees' branch.
    let b3: Vec<String> = founding
        .iter()
        .filter(|(id, br, young)| *br == "B3" && !young && !leavers.contains(id))
        .take(3)
        .map(|(id, _, _)| id.clone())
        .collect();
    for (k, id) in b3.iter().enumerate() {
        let d = NaiveDate::from_ymd_opt(2024 + k as i32, 7, 1).unwrap_or(f);
        b.events.push(
            EventRecord::new(id, d, EventType::CategoryChanged).category(Category::Retired, None),
        );
        b.events
            .push(EventRecord::new(id, plus_days(d, 30), EventType::Moved).branch("B2"));
        b.assign_group(id, "B2", plus_days(d, 30));
    }

    // --- 24 transfers in, 6 of them young; two arrive on probation.
    for k in 0..24 {
        let branch = ["B1", "B3", "B1", "B4", "B2", "B3"]
            .get(k % 6)
            .copied()
            .unwrap_or("B1");
        let age = if k < 6 {
            b.rng.range(24, 35)
        } else if branch == "B2" {
            b.rng.range(62, 80)
        } else {
            b.rng.range(36, 60)
        };
        let id = b.add_person(branch, age);
        let birth = b.birth(&id);
        let d = between(
            &mut b.rng,
            NaiveDate::from_ymd_opt(2023, 1, 10).unwrap_or(f),
            NaiveDate::from_ymd_opt(2026, 9, 30).unwrap_or(f),
        );
        let age_then = d.years_since(birth).unwrap_or(30) as i64;
        if k == 2 || k == 9 {
            let admitted = d.checked_sub_months(Months::new(5)).unwrap_or(d);
            b.events.push(
                EventRecord::new(&id, d, EventType::TransferredIn)
                    .branch(branch)
                    .arriving(MembershipStatus::Probationary, Some(admitted), None)
                    .place("外地转入"),
            );
            let conv = plus_months(admitted, 12);
            if conv <= SAMPLE_AS_OF {
                b.events
                    .push(EventRecord::new(&id, conv, EventType::Converted));
            }
        } else {
            let adm_age = b.rng.range(19, (age_then - 2).max(19)) as u32;
            let admitted = plus_months(birth, adm_age * 12);
            b.events.push(
                EventRecord::new(&id, d, EventType::TransferredIn)
                    .branch(branch)
                    .arriving(
                        MembershipStatus::Full,
                        Some(admitted),
                        Some(plus_months(admitted, 12)),
                    )
                    .place("外地转入"),
            );
        }
        b.assign_group(&id, branch, d);
    }

    // --- 21 developed through the pipeline, 16 of them young; one probation extended.
    for k in 0..21 {
        let branch = ["B1", "B3", "B1", "B4"].get(k % 4).copied().unwrap_or("B1");
        let age = if k < 16 {
            b.rng.range(23, 35)
        } else {
            b.rng.range(36, 50)
        };
        let id = b.add_person(branch, age);
        let applied = between(
            &mut b.rng,
            plus_days(f, 10),
            NaiveDate::from_ymd_opt(2025, 1, 15).unwrap_or(f),
        );
        let activist = plus_months(applied, b.rng.range(1, 3) as u32);
        let candidate = plus_months(activist, b.rng.range(12, 14) as u32);
        let admitted = plus_months(candidate, b.rng.range(2, 4) as u32);
        b.events
            .push(EventRecord::new(&id, applied, EventType::Applied).branch(branch));
        b.events.push(EventRecord::new(
            &id,
            plus_days(applied, 20),
            EventType::Talked,
        ));
        b.events
            .push(EventRecord::new(&id, activist, EventType::Activist));
        b.events
            .push(EventRecord::new(&id, candidate, EventType::Candidate));
        // the steps of 发展细则 2014 before admission (no random draws: the numbers stay)
        b.events.push(EventRecord::new(
            &id,
            plus_months(activist, 2),
            EventType::ActivistTrained,
        ));
        b.events.push(EventRecord::new(
            &id,
            plus_days(candidate, 7),
            EventType::PoliticalReview,
        ));
        let mut training =
            EventRecord::new(&id, plus_days(candidate, 14), EventType::CandidateTrained);
        training.days = Some(3);
        training.hours = Some(24);
        b.events.push(training);
        b.events.push(EventRecord::new(
            &id,
            minus_days(admitted, 20),
            EventType::PreExamined,
        ));
        let mut notice = EventRecord::new(&id, minus_days(admitted, 15), EventType::Publicized);
        notice.until = Some(minus_days(admitted, 5));
        b.events.push(notice);
        b.events
            .push(EventRecord::new(&id, admitted, EventType::Admitted));
        let mut due = plus_months(admitted, 12);
        if k == 5 {
            b.events.push(
                EventRecord::new(&id, plus_months(admitted, 11), EventType::ProbationExtended)
                    .months(6),
            );
            due = plus_months(due, 6);
        }
        if due <= SAMPLE_AS_OF {
            b.events
                .push(EventRecord::new(&id, due, EventType::Converted));
        }
        b.assign_group(&id, branch, admitted);
    }

    // --- Six people currently in the pipeline (not members).
    for k in 0..6 {
        let branch = if k % 2 == 0 { "B1" } else { "B3" };
        let age = b.rng.range(20, 38);
        let id = b.add_person(branch, age);
        let applied = between(
            &mut b.rng,
            NaiveDate::from_ymd_opt(2025, 3, 1).unwrap_or(f),
            NaiveDate::from_ymd_opt(2026, 8, 31).unwrap_or(f),
        );
        b.events
            .push(EventRecord::new(&id, applied, EventType::Applied).branch(branch));
        if k != 5 {
            b.events.push(EventRecord::new(
                &id,
                plus_days(applied, 15 + k as i64),
                EventType::Talked,
            ));
        }
        if k < 4 {
            let activist = plus_months(applied, 1);
            if activist <= SAMPLE_AS_OF {
                b.events
                    .push(EventRecord::new(&id, activist, EventType::Activist));
            }
        }
    }

    crate::sort::sort_by(&mut b.events, |x, y| {
        x.date.cmp(&y.date).then_with(|| x.member.cmp(&y.member))
    });
    ds.members = b.members;
    ds.events = b.events;
    super::sample_post::add_posts(&mut ds);
    super::sample_scoring::add_sample_activities(&mut ds);
    super::sample_compliance::add_sample_compliance(&mut ds);
    super::sample_practice::add_practices(&mut ds);
    super::sample_year::add_sample_year(&mut ds);
    ds
}
