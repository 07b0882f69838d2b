//! A small registry for the scoring tests: general branch `Z` with branches `B1`, `B2`, `B3`;
//! members `P00`.. transferred in on 2020-01-01, spread over the branches as asked; member
//! `LATE` joins `B1` on 2024-01-20.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use chrono::NaiveDate;
use dangjian::io::Dataset;
use dangjian::member::{EventRecord, EventType, Gender, MemberRecord, MembershipStatus};
use dangjian::org::{OrgKind, OrgRecord};
use dangjian::Registry;

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Members per branch: `sizes[k]` members in branch `B{k+1}`, ids `P00`, `P01`, … in order.
pub fn registry(sizes: &[usize]) -> Registry {
    let f = d("2020-01-01");
    let mut ds = Dataset::new("测试社区");
    ds.orgs = vec![OrgRecord::new("Z", "总支", OrgKind::GeneralBranch, None, f)];
    for k in 0..3 {
        let id = format!("B{}", k + 1);
        ds.orgs.push(OrgRecord::new(
            &id,
            &format!("第{}支部", k + 1),
            OrgKind::Branch,
            Some("Z"),
            f,
        ));
    }
    let mut n = 0;
    for (k, &size) in sizes.iter().enumerate() {
        for _ in 0..size {
            let id = format!("P{n:02}");
            ds.members
                .push(MemberRecord::new(&id, "张三", Gender::Male, d("1970-01-01")).unwrap());
            ds.events.push(
                EventRecord::new(&id, f, EventType::TransferredIn)
                    .branch(&format!("B{}", k + 1))
                    .arriving(
                        MembershipStatus::Full,
                        Some(d("1995-01-01")),
                        Some(d("1996-01-01")),
                    ),
            );
            n += 1;
        }
    }
    ds.members
        .push(MemberRecord::new("LATE", "李四", Gender::Female, d("1980-01-01")).unwrap());
    ds.events.push(
        EventRecord::new("LATE", d("2024-01-20"), EventType::TransferredIn)
            .branch("B1")
            .arriving(
                MembershipStatus::Full,
                Some(d("2005-01-01")),
                Some(d("2006-01-01")),
            ),
    );
    ds.into_registry().unwrap()
}

/// The ids of the first `n` fixture members.
pub fn ids(n: usize) -> Vec<String> {
    (0..n).map(|k| format!("P{k:02}")).collect()
}
