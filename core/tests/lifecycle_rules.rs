//! Hand-written cases: every lifecycle rule, organization rule and registry error is provoked
//! at least once, and the error names the event, its position and the rule.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::BTreeSet;

use chrono::NaiveDate;
use dangjian::member::{
    Category, DisciplineKind, EventRecord, EventType, Gender, MemberRecord, MemberRule,
    MembershipStatus, Stage,
};
use dangjian::org::{OrgError, OrgKind, OrgRecord, OrgTree};
use dangjian::{Registry, RegistryError};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn reg() -> Registry {
    let mut r = Registry::sample_small();
    let young = MemberRecord::new("Y1", "小明", Gender::Male, d("2008-05-01")).unwrap();
    r.add_members(vec![young]).unwrap();
    r
}

fn rule_of(err: RegistryError) -> MemberRule {
    match err {
        RegistryError::EventRejected { rule, .. } => rule,
        other => panic!("expected EventRejected, got {other}"),
    }
}

fn reject(events: Vec<EventRecord>) -> MemberRule {
    let mut r = reg();
    let before = r.clone();
    let err = r.apply(events).unwrap_err();
    assert_eq!(
        r, before,
        "a rejected batch must leave the registry unchanged"
    );
    rule_of(err)
}

#[test]
fn every_member_rule_is_provoked() {
    let mut seen = BTreeSet::new();
    let mut check = |events: Vec<EventRecord>, want: MemberRule| {
        assert_eq!(reject(events), want);
        seen.insert(want.code());
    };
    check(
        vec![EventRecord::new("NOPE", d("2024-01-01"), EventType::Died)],
        MemberRule::UnknownMember,
    );
    check(
        vec![EventRecord::new("M1", d("2024-01-01"), EventType::Moved).branch("B9")],
        MemberRule::UnknownOrganization,
    );
    check(
        vec![EventRecord::new("M1", d("2024-01-01"), EventType::Moved)],
        MemberRule::MissingField,
    );
    check(
        vec![EventRecord::new("M1", d("2024-01-01"), EventType::Moved).branch("Z")],
        MemberRule::WrongOrganizationKind,
    );
    check(
        vec![EventRecord::new("Y1", d("2019-06-01"), EventType::TransferredIn).branch("B2")],
        MemberRule::OrganizationInactive,
    );
    check(
        vec![EventRecord::new("Y1", d("2000-01-01"), EventType::Applied).branch("B1")],
        MemberRule::BeforeBirth,
    );
    check(
        vec![EventRecord::new("Y1", d("2026-04-30"), EventType::Applied).branch("B1")],
        MemberRule::UnderAge,
    );
    check(
        vec![EventRecord::new(
            "M3",
            d("2024-01-01"),
            EventType::Converted,
        )],
        MemberRule::WrongStage,
    );
    check(
        vec![
            EventRecord::new("Y1", d("2026-05-01"), EventType::Applied).branch("B1"),
            EventRecord::new("Y1", d("2026-06-01"), EventType::Activist),
            EventRecord::new("Y1", d("2027-05-31"), EventType::Candidate),
        ],
        MemberRule::ActivistTooShort,
    );
    check(
        vec![EventRecord::new(
            "M2",
            d("2024-02-29"),
            EventType::Converted,
        )],
        MemberRule::ProbationNotOver,
    );
    check(
        vec![EventRecord::new("M2", d("2024-01-01"), EventType::ProbationExtended).months(5)],
        MemberRule::BadExtension,
    );
    check(
        vec![
            EventRecord::new("M3", d("2024-01-01"), EventType::Died),
            EventRecord::new("M3", d("2024-02-01"), EventType::FloatedOut),
        ],
        MemberRule::AfterTerminal,
    );
    check(
        vec![EventRecord::new("M1", d("2024-01-01"), EventType::Moved).branch("B1")],
        MemberRule::NoChange,
    );
    check(
        vec![
            EventRecord::new("Y1", d("2026-06-01"), EventType::TransferredIn)
                .branch("B1")
                .arriving(MembershipStatus::Full, Some(d("2026-07-01")), None),
        ],
        MemberRule::InconsistentDates,
    );
    check(
        vec![
            EventRecord::new("M2", d("2023-06-01"), EventType::Disciplined)
                .discipline(DisciplineKind::Warning, None),
        ],
        MemberRule::BadDiscipline,
    );
    check(
        vec![
            EventRecord::new("Y1", d("2026-06-01"), EventType::TransferredIn)
                .branch("B1")
                .arriving(MembershipStatus::Full, Some(d("2026-04-30")), None),
        ],
        MemberRule::UnderAge,
    );
    check(
        vec![
            EventRecord::new("Y1", d("2030-06-01"), EventType::TransferredIn)
                .branch("B1")
                .arriving(
                    MembershipStatus::Full,
                    Some(d("2027-01-01")),
                    Some(d("2028-03-01")),
                ),
        ],
        MemberRule::ConversionNotAtProbationEnd,
    );
    // IdentityMismatch is a member-record rule: see `id_number_must_agree_with_record`.
    seen.insert(MemberRule::IdentityMismatch.code());
    assert_eq!(
        seen.len(),
        17,
        "every MemberRule variant must be provoked: {seen:?}"
    );
}

#[test]
fn pipeline_runs_through_to_full_membership_with_due_dates() {
    let mut r = reg();
    r.apply(vec![
        EventRecord::new("Y1", d("2026-05-01"), EventType::Applied).branch("B1"),
        EventRecord::new("Y1", d("2026-06-01"), EventType::Activist),
        EventRecord::new("Y1", d("2027-06-01"), EventType::Candidate),
        EventRecord::new("Y1", d("2027-09-01"), EventType::Admitted),
        EventRecord::new("Y1", d("2028-08-01"), EventType::ProbationExtended).months(6),
    ])
    .unwrap();
    let s = r.state("Y1", d("2028-09-01")).unwrap();
    assert_eq!(s.stage, Stage::Probationary);
    assert_eq!(s.probation_due, Some(d("2029-03-01")));
    // a second extension is refused (党章 art. 7: once)
    let e = r
        .apply(vec![EventRecord::new(
            "Y1",
            d("2028-10-01"),
            EventType::ProbationExtended,
        )
        .months(6)])
        .unwrap_err();
    assert_eq!(rule_of(e), MemberRule::BadExtension);
    assert_eq!(
        rule_of(
            r.apply(vec![EventRecord::new(
                "Y1",
                d("2029-02-28"),
                EventType::Converted
            )])
            .unwrap_err()
        ),
        MemberRule::ProbationNotOver
    );
    r.apply(vec![EventRecord::new(
        "Y1",
        d("2029-03-01"),
        EventType::Converted,
    )])
    .unwrap();
    assert_eq!(r.state("Y1", d("2029-03-01")).unwrap().stage, Stage::Full);
    assert_eq!(
        r.state("Y1", d("2029-02-28")).unwrap().stage,
        Stage::Probationary
    );
    assert_eq!(
        r.state("Y1", d("2026-05-15")).unwrap().stage,
        Stage::Applicant
    );
    // due dates as of 2026-05-15: talk within one month of the application
    let due = r.pipeline_due(d("2026-05-15"));
    let y = due.iter().find(|x| x.member == "Y1").unwrap();
    assert_eq!((y.date, y.overdue), (d("2026-06-01"), false));
}

#[test]
fn backdated_event_that_breaks_later_history_names_the_new_event() {
    let mut r = reg();
    // M3 moved to B2 in 2024; a backdated death in 2023 would invalidate that move.
    r.apply(vec![EventRecord::new(
        "M3",
        d("2024-06-01"),
        EventType::Moved,
    )
    .branch("B2")])
        .unwrap();
    let before = r.clone();
    let err = r
        .apply(vec![
            EventRecord::new("M1", d("2024-01-01"), EventType::FloatedOut),
            EventRecord::new("M3", d("2023-01-01"), EventType::Died),
        ])
        .unwrap_err();
    assert_eq!(r, before);
    let RegistryError::EventRejected {
        position,
        rule,
        reason,
        ..
    } = err
    else {
        panic!()
    };
    assert_eq!(position, 1);
    assert_eq!(rule, MemberRule::AfterTerminal);
    assert!(reason.contains("2024-06-01"), "{reason}");
}

#[test]
fn transfer_out_and_back_in_is_a_reentry() {
    let mut r = reg();
    r.apply(vec![
        EventRecord::new("M3", d("2024-01-01"), EventType::TransferredOut).place("外县"),
        EventRecord::new("M3", d("2025-01-01"), EventType::TransferredIn)
            .branch("B2")
            .arriving(
                MembershipStatus::Full,
                Some(d("1995-07-01")),
                Some(d("1996-07-01")),
            ),
    ])
    .unwrap();
    assert!(!r.state("M3", d("2024-06-01")).unwrap().is_member());
    assert_eq!(
        r.state("M3", d("2025-06-01")).unwrap().branch,
        r.tree().index("B2")
    );
    let f = r.flows(d("2024-01-01"), d("2025-12-31"));
    assert_eq!((f.transferred_out, f.transferred_in, f.net()), (1, 1, 0));
    // after death nothing, not even a transfer in
    r.apply(vec![EventRecord::new(
        "M4",
        d("2024-01-01"),
        EventType::Died,
    )])
    .unwrap();
    let e = r
        .apply(vec![EventRecord::new(
            "M4",
            d("2025-01-01"),
            EventType::TransferredIn,
        )
        .branch("B2")])
        .unwrap_err();
    assert_eq!(rule_of(e), MemberRule::AfterTerminal);
}

#[test]
fn groups_belong_to_the_members_branch() {
    let mut r = reg();
    r.apply(vec![EventRecord::new(
        "M1",
        d("2024-01-01"),
        EventType::GroupAssigned,
    )
    .group("G1")])
        .unwrap();
    assert_eq!(
        r.state("M1", d("2024-01-01")).unwrap().group,
        r.tree().index("G1")
    );
    // M4 is in B2; G1 is a group of B1
    assert_eq!(
        rule_of(
            r.apply(vec![EventRecord::new(
                "M4",
                d("2024-01-01"),
                EventType::GroupAssigned
            )
            .group("G1")])
                .unwrap_err()
        ),
        MemberRule::WrongOrganizationKind
    );
    // members belong to branches, never to groups
    assert_eq!(
        rule_of(
            r.apply(vec![EventRecord::new(
                "M1",
                d("2024-02-01"),
                EventType::Moved
            )
            .branch("G1")])
                .unwrap_err()
        ),
        MemberRule::WrongOrganizationKind
    );
    // moving clears the group
    r.apply(vec![EventRecord::new(
        "M1",
        d("2024-03-01"),
        EventType::Moved,
    )
    .branch("B2")])
        .unwrap();
    assert_eq!(r.state("M1", d("2024-03-01")).unwrap().group, None);
}

#[test]
fn category_floating_and_contact_are_tracked_over_time() {
    let mut r = reg();
    r.apply(vec![
        EventRecord::new("M3", d("2024-01-01"), EventType::CategoryChanged)
            .category(Category::InService, Some("县人民医院")),
        EventRecord::new("M3", d("2024-02-01"), EventType::FloatedOut).place("深圳"),
        EventRecord::new("M3", d("2024-03-01"), EventType::LostContact),
        EventRecord::new("M3", d("2024-09-01"), EventType::Found),
        EventRecord::new("M3", d("2024-10-01"), EventType::Returned),
    ])
    .unwrap();
    let s = r.state("M3", d("2024-05-01")).unwrap();
    assert_eq!(s.category, Category::InService);
    assert_eq!(s.home_unit.as_deref(), Some("县人民医院"));
    assert!(s.floating && s.lost_contact);
    let s = r.state("M3", d("2024-10-01")).unwrap();
    assert!(!s.floating && !s.lost_contact);
    assert_eq!(
        r.state("M3", d("2023-12-31")).unwrap().category,
        Category::Resident
    );
}

#[test]
fn id_number_must_agree_with_record() {
    let mut r = reg();
    let mut m = MemberRecord::new("X1", "钱七", Gender::Male, d("1949-12-31")).unwrap();
    m.id_number = Some("11010519491231002X".parse().unwrap()); // encodes a woman born 1949-12-31
    let err = r.add_members(vec![m.clone()]).unwrap_err();
    assert!(matches!(
        err,
        RegistryError::BadMember {
            field: "id_number",
            ..
        }
    ));
    assert!(
        !err.to_string().contains("11010519491231002X"),
        "the ID number must be masked: {err}"
    );
    assert!(err.to_string().contains("110***********002X"));
    m.gender = Gender::Female;
    m.birth_date = d("1949-12-30");
    assert!(matches!(
        r.add_members(vec![m.clone()]).unwrap_err(),
        RegistryError::BadMember {
            field: "id_number",
            ..
        }
    ));
    m.birth_date = d("1949-12-31");
    r.add_members(vec![m]).unwrap();
}

#[test]
fn every_registry_error_is_provoked() {
    let mut codes = BTreeSet::new();
    let mut r = reg();
    let mut note = |e: RegistryError| {
        codes.insert(e.code());
    };
    note(
        Registry::new(vec![OrgRecord::new(
            "A",
            "甲",
            OrgKind::Group,
            None,
            d("2020-01-01"),
        )])
        .unwrap_err(),
    );
    note(
        r.add_members(vec![MemberRecord::new(
            "M1",
            "重复",
            Gender::Male,
            d("1990-01-01"),
        )
        .unwrap()])
            .unwrap_err(),
    );
    note(
        r.add_members(vec![MemberRecord::new(
            &"X".repeat(65),
            "长号",
            Gender::Male,
            d("1990-01-01"),
        )
        .unwrap()])
            .unwrap_err(),
    );
    note(
        r.apply(vec![EventRecord::new(
            "M1",
            d("2024-01-01"),
            EventType::Returned,
        )])
        .unwrap_err(),
    );
    note(r.state("NOPE", d("2024-01-01")).unwrap_err());
    let mut many = Vec::new();
    for i in 0..dangjian::registry::MAX_EVENTS_PER_MEMBER {
        let day = d("2024-01-01") + chrono::Days::new(i as u64);
        many.push(EventRecord::new(
            "M1",
            day,
            if i % 2 == 0 {
                EventType::FloatedOut
            } else {
                EventType::Returned
            },
        ));
    }
    note(r.apply(many).unwrap_err());
    assert_eq!(codes.len(), 6, "{codes:?}");
}

#[test]
fn every_org_error_is_provoked() {
    let f = d("2020-01-01");
    let mut kinds = BTreeSet::new();
    let mut note = |e: OrgError| {
        kinds.insert(e.code());
        assert!(!e.to_string().is_empty());
    };
    let b = |id: &str, p: Option<&str>| OrgRecord::new(id, "支部", OrgKind::Branch, p, f);
    let c = |id: &str, p: Option<&str>| OrgRecord::new(id, "党委", OrgKind::Committee, p, f);
    note(OrgTree::build(vec![c("C", None), c("C", None)]).unwrap_err());
    note(OrgTree::build(vec![b("B", Some("X"))]).unwrap_err());
    note(
        OrgTree::build(vec![
            b("B", None),
            OrgRecord::new("Z", "总支", OrgKind::GeneralBranch, Some("B"), f),
        ])
        .unwrap_err(),
    );
    note(OrgTree::build(vec![c("A", Some("B")), c("B", Some("A"))]).unwrap_err());
    let mut rev = b("B", None);
    rev.dissolved = Some(f);
    note(OrgTree::build(vec![rev]).unwrap_err());
    note(
        OrgTree::build(vec![
            c("C", None),
            OrgRecord::new("B", "支部", OrgKind::Branch, Some("C"), d("2019-01-01")),
        ])
        .unwrap_err(),
    );
    note(OrgTree::build(vec![OrgRecord::new("", "空", OrgKind::Branch, None, f)]).unwrap_err());
    note(
        OrgTree::build(vec![c("C", None)])
            .unwrap()
            .require("X")
            .unwrap_err(),
    );
    assert_eq!(kinds.len(), 8);
}

#[test]
fn cycle_error_names_an_organization_on_the_cycle() {
    let f = d("2020-01-01");
    let err = OrgTree::build(vec![
        OrgRecord::new("R", "党委", OrgKind::Committee, None, f),
        OrgRecord::new("A", "党委", OrgKind::Committee, Some("B"), f),
        OrgRecord::new("B", "党委", OrgKind::Committee, Some("A"), f),
    ])
    .unwrap_err();
    assert!(
        matches!(err, OrgError::Cycle { ref id } if id == "A" || id == "B"),
        "{err}"
    );
}

#[test]
fn tree_as_of_a_date_and_subtrees() {
    let f = d("2020-01-01");
    let mut late = OrgRecord::new("B3", "三支部", OrgKind::Branch, Some("C"), d("2022-01-01"));
    late.dissolved = Some(d("2024-01-01"));
    let t = OrgTree::build(vec![
        OrgRecord::new("C", "党委", OrgKind::Committee, None, f),
        OrgRecord::new("Z", "总支", OrgKind::GeneralBranch, Some("C"), f),
        OrgRecord::new("B1", "一支部", OrgKind::Branch, Some("Z"), f),
        OrgRecord::new("G", "小组", OrgKind::Group, Some("B1"), f),
        late,
    ])
    .unwrap();
    let ids = |v: Vec<u32>| {
        v.into_iter()
            .map(|i| t.get(i).unwrap().id.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(t.active_on(d("2021-01-01"))), ["C", "Z", "B1", "G"]);
    assert_eq!(
        ids(t.active_on(d("2023-01-01"))),
        ["C", "Z", "B1", "G", "B3"]
    );
    assert_eq!(ids(t.active_on(d("2024-01-01"))), ["C", "Z", "B1", "G"]);
    assert_eq!(t.subtree_ids("Z").unwrap(), ["Z", "B1", "G"]);
    assert_eq!(ids(t.children(0).collect()), ["Z", "B3"]);
}

#[test]
fn structure_checks_report_published_thresholds() {
    use dangjian::org::{StructureRule, StructureRules};
    let ds = dangjian::synth::sample_community();
    let r = ds.to_registry().unwrap();
    let findings = r.structure_findings(dangjian::synth::SAMPLE_AS_OF, &StructureRules::default());
    // B4 has no committee; every finding names its rule and numbers
    for f in &findings {
        match f.rule {
            StructureRule::BranchMinFullMembers => assert!(f.actual < 3),
            StructureRule::BranchCommittee => assert!(f.actual >= 7),
            StructureRule::GeneralBranchThreshold => assert!(f.actual > 50),
            StructureRule::CommitteeThreshold => assert!(f.actual >= 100),
            StructureRule::TermExpired
            | StructureRule::TermExtensionTooLong
            | StructureRule::BranchCommitteeNeedsSeven
            | StructureRule::BranchCommitteeSize => {}
        }
    }
    assert!(findings
        .iter()
        .any(|f| f.rule == StructureRule::CommitteeThreshold && f.org == "Z" && f.actual == 158));
    // term: elected 2022-11-01, 5 years -> expires 2027-11-01
    let later = r.structure_findings(d("2027-11-01"), &StructureRules::default());
    assert!(later
        .iter()
        .any(|f| f.rule == StructureRule::TermExpired && f.org == "Z"));
    assert!(!findings
        .iter()
        .any(|f| f.rule == StructureRule::TermExpired));
}

#[test]
fn sample_community_matches_seed_000() {
    let ds = dangjian::synth::sample_community();
    let r = ds.to_registry().unwrap();
    let as_of = dangjian::synth::SAMPLE_AS_OF;
    let founded = dangjian::synth::SAMPLE_FOUNDED;
    assert_eq!(
        r.headcount_on(founded),
        121,
        "seed 000: 121 members at founding"
    );
    assert_eq!(r.headcount_on(as_of), 158, "seed 000: 158 members now");
    let f = r.flows(founded.succ_opt().unwrap(), as_of);
    assert_eq!(f.admitted, 21, "seed 000: 21 developed in four years");
    let young = r
        .states_on(as_of)
        .filter(|(i, s)| s.is_member() && r.member(*i).unwrap().age_on(as_of) <= 35)
        .count();
    assert_eq!(young, 32, "seed 000: 32 members aged 35 or under");
    let tree = r.tree();
    assert_eq!(
        tree.records()
            .iter()
            .filter(|o| o.kind == OrgKind::Branch)
            .count(),
        4
    );
    assert_eq!(
        tree.records()
            .iter()
            .filter(|o| o.kind == OrgKind::Group)
            .count(),
        7
    );
    // the three veterans of 1976 plus one whose 50 years were complete on 2025-08-05, after the
    // 2025 cut-off of 1 July: the medal comes at 七一 2026
    assert_eq!(r.jubilee(2026).len(), 4);
}
