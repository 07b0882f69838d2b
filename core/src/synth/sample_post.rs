//! Posts, claims and a year of service for the sample community (seed 000's five posts, seed
//! 003's service posts for the in-service branch B3).

use chrono::{Days, Months, NaiveDate};

use super::{Rng, SAMPLE_AS_OF};
use crate::fixed::Fixed;
use crate::io::Dataset;
use crate::member::Category;
use crate::post::{
    kinds_in_force, plan_batches, solve, BatchCandidate, BatchDay, ClaimRecord, Commitment,
    MatchWeights, PostBatch, PostBook, PostRecord, Release, SeatNeed, ServiceRecord,
};
use crate::Registry;

/// First day of the sample's service year (posts set, first claims).
pub const SERVICE_YEAR_START: NaiveDate = match NaiveDate::from_ymd_opt(2025, 11, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Day of the sample's second claim round (releases and re-claims).
pub const SECOND_ROUND: NaiveDate = match NaiveDate::from_ymd_opt(2026, 5, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Holidays of the service year on which in-service members serve in batches (分批分组):
/// 元旦, 春节, 清明, 劳动节, 端午, 国庆.
pub const SAMPLE_HOLIDAYS: [(i32, u32, u32); 6] = [
    (2026, 1, 1),
    (2026, 2, 17),
    (2026, 4, 5),
    (2026, 5, 1),
    (2026, 6, 19),
    (2026, 10, 1),
];

/// (post id, kind code, organization, seats): seed 000's counts (the sample has seed 000's 158
/// members) and seed 003's service posts for the in-service branch.
const POSTS: [(&str, &str, &str, u32); 11] = [
    ("P-MED", "mediator", "Z", 6),
    ("P-PAT", "security_patroller", "Z", 20),
    ("P-FPI", "family_planning_informant", "Z", 8),
    ("P-URB", "urban_supervisor", "Z", 6),
    ("P-CIV", "civility_promoter", "Z", 40),
    ("S-PAT", "patrol", "B3", 4),
    ("S-VOL", "volunteer", "B3", 6),
    ("S-HSK", "housekeeping", "B3", 2),
    ("S-POL", "policy_promotion", "B3", 3),
    ("S-BIL", "bilingual_training", "B3", 2),
    ("S-JOB", "employment_guidance", "B3", 2),
];

/// The public commitment for a post kind: goal, hours a month, time, quality.
fn commitment_for(kind: &str) -> Commitment {
    let (goal, hours, time, quality) = match kind {
        "mediator" => (
            "每月排查辖区矛盾纠纷，参与调解",
            4,
            "每月第一周",
            "小事不出小区",
        ),
        "security_patroller" => (
            "参加义务治安巡逻，重大节庆统一巡逻",
            6,
            "每周六晚",
            "巡逻区域无重大治安案件",
        ),
        "family_planning_informant" => ("及时报送计划生育信息", 2, "随时", "信息准确及时"),
        "urban_supervisor" => (
            "每月检查“门前三包”和小街小巷",
            3,
            "每月中旬",
            "问题及时报告",
        ),
        "civility_promoter" => ("开展文明礼仪宣传", 4, "节假日", "居民知晓率提高"),
        "patrol" => ("到社区参加治安巡逻", 4, "周末", "群众满意"),
        "volunteer" => ("参加社区志愿服务", 4, "每月志愿服务日", "群众满意"),
        "housekeeping" => ("为孤老和困难家庭提供家政服务", 6, "周末", "服务对象满意"),
        "policy_promotion" => ("宣讲惠民政策", 3, "每月一次", "群众知晓"),
        "bilingual_training" => ("开展双语培训", 6, "每周日下午", "学员结业"),
        "employment_guidance" => ("为下岗失业居民提供就业引导", 4, "每月两次", "帮助实现就业"),
        _ => ("参加社区服务", 4, "", ""),
    };
    let mut c = Commitment::new(goal, Fixed::from_int(hours));
    c.time = time.into();
    c.quality = quality.into();
    c
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// Adds the posts, claims and service records of the sample community to `ds` (whose
/// organizations, roster and events are complete). Leaves `ds` unchanged if any step fails (a
/// test checks that none does).
pub(crate) fn add_posts(ds: &mut Dataset) {
    let Ok(reg) = ds.to_registry() else { return };
    if let Ok(book) = build(ds, &reg) {
        book.write_to(ds);
    }
}

fn build(ds: &Dataset, reg: &Registry) -> Result<PostBook, String> {
    let mut rng = Rng::new(0x0000_DA06_B057);
    let kinds = kinds_in_force(&ds.post_kinds);
    let mut book = PostBook::new(kinds.clone(), ds.post_rules);
    let start = SERVICE_YEAR_START;
    let posts: Vec<PostRecord> = POSTS
        .iter()
        .filter_map(|(id, kind, org, seats)| {
            kinds
                .iter()
                .find(|k| k.code == *kind)
                .map(|k| PostRecord::from_kind(id, k, org, *seats, start))
        })
        .collect();
    book.apply(
        reg,
        PostBatch {
            posts,
            ..PostBatch::default()
        },
    )
    .map_err(|e| e.to_string())?;

    // Round 1 (a): in-service members of B3 claim the service posts (one each).
    let b3 = reg.tree().index("B3").ok_or("no branch B3")?;
    let in_b3 = |date: NaiveDate, id: &str| {
        reg.state(id, date).is_ok_and(|s| {
            s.is_member() && s.branch == Some(b3) && s.category == Category::InService
        })
    };
    let mut p = book.match_problem(reg, start, MatchWeights::default());
    p.seats.retain(|s| s.post.starts_with("S-"));
    p.candidates.retain(|c| in_b3(start, &c.member));
    for c in &mut p.candidates {
        c.limit = c.load + 1;
    }
    let r = solve(&p).map_err(|e| e.to_string())?;
    let mut claims =
        book.claims_from_match(reg, &r, start, &Commitment::new("", Fixed::ONE), "C1S-");
    // Round 1 (b): willing members (about two in three) claim the five posts; most take one
    // post, some two.
    let mut p = book.match_problem(reg, start, MatchWeights::default());
    p.seats.retain(|s| s.post.starts_with("P-"));
    let taken: Vec<&str> = claims.iter().map(|c| c.member.as_str()).collect();
    p.candidates.retain(|_| rng.chance(66));
    for c in &mut p.candidates {
        let load = u32::from(taken.contains(&c.member.as_str()));
        c.load = load;
        c.limit = (load + 1 + u32::from(rng.chance(25))).min(book.rules().max_posts_per_member);
    }
    let r = solve(&p).map_err(|e| e.to_string())?;
    claims.extend(book.claims_from_match(reg, &r, start, &Commitment::new("", Fixed::ONE), "C1P-"));
    book.apply(
        reg,
        PostBatch {
            claims: with_commitments(&book, claims),
            ..PostBatch::default()
        },
    )
    .map_err(|e| e.to_string())?;

    // Round 2: every ninth open claim is released on 2026-05-01; the vacancies are matched
    // again among members of that day (the released members may claim again): all service
    // posts, but only a few volunteers come forward for the five posts, leaving vacancies.
    let releases: Vec<Release> = book
        .claims()
        .iter()
        .filter(|c| c.end.is_none())
        .step_by(9)
        .map(|c| Release {
            claim: c.id.clone(),
            date: SECOND_ROUND,
        })
        .collect();
    book.apply(
        reg,
        PostBatch {
            releases,
            ..PostBatch::default()
        },
    )
    .map_err(|e| e.to_string())?;
    // Service posts stay with in-service members: solve them first among B3, then the rest.
    let mut service = book.match_problem(reg, SECOND_ROUND, MatchWeights::default());
    service.seats.retain(|s| s.post.starts_with("S-"));
    service
        .candidates
        .retain(|c| in_b3(SECOND_ROUND, &c.member));
    let r2a = solve(&service).map_err(|e| e.to_string())?;
    let claims2 = book.claims_from_match(
        reg,
        &r2a,
        SECOND_ROUND,
        &Commitment::new("", Fixed::ONE),
        "C2S-",
    );
    book.apply(
        reg,
        PostBatch {
            claims: with_commitments(&book, claims2),
            ..PostBatch::default()
        },
    )
    .map_err(|e| e.to_string())?;
    let mut p = book.match_problem(reg, SECOND_ROUND, MatchWeights::default());
    p.seats.retain(|s| s.post.starts_with("P-"));
    p.candidates.retain(|_| rng.chance(3));
    let r2b = solve(&p).map_err(|e| e.to_string())?;
    let claims2 = book.claims_from_match(
        reg,
        &r2b,
        SECOND_ROUND,
        &Commitment::new("", Fixed::ONE),
        "C2P-",
    );
    book.apply(
        reg,
        PostBatch {
            claims: with_commitments(&book, claims2),
            ..PostBatch::default()
        },
    )
    .map_err(|e| e.to_string())?;

    // A year of service: each claim, month by month, by the member's diligence.
    let mut records: Vec<ServiceRecord> = Vec::new();
    for c in book.claims() {
        let diligence = rng.range(0, 9);
        let commit = c.commitment.hours_per_month.raw() / 1000;
        let mut month = day(2025, 11, 1);
        while month <= SAMPLE_AS_OF {
            let next = month
                .checked_add_months(Months::new(1))
                .unwrap_or(NaiveDate::MAX);
            let lo = month.max(c.start);
            let hi = next
                .pred_opt()
                .unwrap_or(month)
                .min(SAMPLE_AS_OF)
                .min(c.end.and_then(|e| e.pred_opt()).unwrap_or(NaiveDate::MAX));
            if lo <= hi {
                let target = match diligence {
                    0..=1 => rng.range(0, commit),
                    2..=6 => rng.range(commit - 1, commit + 2),
                    _ => commit + rng.range(3, 8),
                };
                let mut left = target * 1000;
                while left > 0 {
                    let mut h = (rng.range(1, 4) * 1000).min(left);
                    if h > 1000 && rng.chance(30) {
                        h -= 500;
                    }
                    left -= h;
                    let span = (hi - lo).num_days().max(0) as u64;
                    let date = lo
                        .checked_add_days(Days::new(rng.below(span + 1)))
                        .unwrap_or(lo);
                    let mut s =
                        ServiceRecord::new("", &c.member, &c.post, date, Fixed::from_raw(h));
                    s.verified = rng.chance(92);
                    records.push(s);
                }
            }
            month = next;
        }
    }
    // Holidays: in-service members serve in batches (分批分组), at most two holidays each.
    let holidays: Vec<NaiveDate> = SAMPLE_HOLIDAYS
        .iter()
        .map(|&(y, m, d)| day(y, m, d))
        .collect();
    let seat = |post: &str, seats| SeatNeed {
        post: post.into(),
        seats,
        required: vec![],
        preferred: vec![],
    };
    let days: Vec<BatchDay> = holidays
        .iter()
        .map(|&date| BatchDay {
            date,
            seats: vec![seat("S-PAT", 3), seat("S-VOL", 4)],
        })
        .collect();
    let candidates: Vec<BatchCandidate> = reg
        .members()
        .iter()
        .filter(|m| holidays.iter().any(|&d| in_b3(d, &m.id)))
        .map(|m| BatchCandidate {
            member: m.id.clone(),
            skills: m.skills.clone(),
            unavailable: holidays
                .iter()
                .copied()
                .filter(|&d| !in_b3(d, &m.id))
                .collect(),
        })
        .collect();
    let plan = plan_batches(&crate::post::BatchProblem {
        days,
        candidates,
        max_dates: 2,
        weights: MatchWeights::default(),
    })
    .map_err(|e| e.to_string())?;
    let t = &plan.table;
    for ((date, post), member) in t.date.iter().zip(&t.post).zip(&t.member) {
        let mut s = ServiceRecord::new("", member, post, *date, Fixed::from_int(3));
        s.verified = true;
        s.note = Some("节假日分批服务".into());
        records.push(s);
    }
    records.sort_by(|a, b| (a.date, &a.member, &a.post).cmp(&(b.date, &b.member, &b.post)));
    for (k, s) in records.iter_mut().enumerate() {
        s.id = format!("S{:05}", k + 1).into();
    }
    book.apply(
        reg,
        PostBatch {
            service: records,
            ..PostBatch::default()
        },
    )
    .map_err(|e| e.to_string())?;
    Ok(book)
}

/// The claims with the commitment of their post's kind.
fn with_commitments(book: &PostBook, mut claims: Vec<ClaimRecord>) -> Vec<ClaimRecord> {
    for c in &mut claims {
        let kind = book
            .post(&c.post)
            .map(|p| p.kind.clone())
            .unwrap_or_default();
        c.commitment = commitment_for(&kind);
    }
    claims
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn sample_posts_validate_and_are_rich() {
        let ds = super::super::sample_community();
        let reg = ds.to_registry().unwrap();
        let mut bare = ds.clone();
        bare.posts.clear();
        bare.claims.clear();
        bare.service.clear();
        build(&bare, &reg).unwrap();
        let book = PostBook::from_dataset(&ds, &reg).unwrap();
        assert_eq!(book.posts().len(), 11);
        assert!(book.claims().len() >= 60, "{}", book.claims().len());
        assert!(
            book.claims().iter().any(|c| c.end.is_some()),
            "some claims released"
        );
        assert!(book.service().len() >= 1000, "{}", book.service().len());
        assert!(book.service().iter().any(|s| !s.verified));
        assert!(book.releases_due(&reg).is_empty());
        // Service posts are held by in-service members only.
        let b3 = reg.tree().index("B3").unwrap();
        for c in book.claims().iter().filter(|c| c.post.starts_with("S-")) {
            let st = reg.state(&c.member, c.start).unwrap();
            assert_eq!(st.branch, Some(b3), "{}", c.id);
        }
        // Released claims stay in the history.
        let released = book
            .claims()
            .iter()
            .filter(|c| c.end == Some(SECOND_ROUND))
            .count();
        assert!(released >= 5, "{released}");
        // Deterministic.
        assert_eq!(super::super::sample_community(), ds);
    }
}
