//! Posts, claims and a year of service for the sample community (seed 000's five posts, seed
//! 003's service posts for the in-service branch B3).
//!
//! Five posts of the general branch `Z`, six service posts of B3, and two claim rounds:
//!
//! ```
//! use dangjian::synth::{sample_community, SECOND_ROUND, SERVICE_YEAR_START};
//! let ds = sample_community();
//! let in_b3 = ds.posts.iter().filter(|p| p.org == "B3").count();
//! assert_eq!((ds.posts.len(), in_b3), (11, 6));
//! let claimed_on = |day| ds.claims.iter().filter(|c| c.start == day).count();
//! assert_eq!((claimed_on(SERVICE_YEAR_START), claimed_on(SECOND_ROUND)), (98, 6));
//! ```

use chrono::{Days, Months, NaiveDate};

use super::sample_post_data::{HOLIDAY_BATCHES, ROUNDS};
use super::{Rng, SAMPLE_AS_OF};
use crate::fixed::Fixed;
use crate::io::Dataset;
use crate::member::{Category, MemberId};
use crate::post::{
    kinds_in_force, BatchCandidate, BatchDay, BatchProblem, ClaimRecord, Commitment, MatchProblem,
    MatchWeights, PostBatch, PostBook, PostId, PostRecord, Release, SeatNeed, ServiceRecord,
};
use crate::Registry;

/// First day of the sample's service year (posts set, first claims).
///
/// # Examples
///
/// ```
/// use dangjian::synth::{sample_community, SERVICE_YEAR_START};
/// let ds = sample_community();
/// assert!(ds.posts.iter().all(|p| p.opened == SERVICE_YEAR_START));
/// assert_eq!(SERVICE_YEAR_START.to_string(), "2025-11-01");
/// ```
pub const SERVICE_YEAR_START: NaiveDate = match NaiveDate::from_ymd_opt(2025, 11, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Day of the sample's second claim round (releases and re-claims).
///
/// # Examples
///
/// ```
/// use dangjian::synth::{sample_community, SECOND_ROUND};
/// let ds = sample_community();
/// let reclaimed = ds.claims.iter().filter(|c| c.start == SECOND_ROUND).count();
/// assert_eq!(reclaimed, 6);
/// ```
pub const SECOND_ROUND: NaiveDate = match NaiveDate::from_ymd_opt(2026, 5, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Holidays of the service year on which in-service members serve in batches (分批分组):
/// 元旦, 春节, 清明, 劳动节, 端午, 国庆.
///
/// # Examples
///
/// ```
/// use dangjian::synth::SAMPLE_HOLIDAYS;
/// assert_eq!(SAMPLE_HOLIDAYS.len(), 6);
/// assert!(SAMPLE_HOLIDAYS.contains(&(2026, 10, 1))); // 国庆
/// ```
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

/// Who fills the generator's seats: the five problems it would give the optimal matcher (four
/// matching rounds, then the holiday batches), each answered in the order asked.
///
/// The sample answers from the tables of [`super::sample_post_data`] ([`Tabled`]), so the
/// solver ([`crate::post::solve`], [`crate::post::plan_batches`]) is not linked into builds that
/// only need the sample (the WebAssembly package); a test answers with the solver and checks
/// the tables.
pub(super) trait Matcher {
    /// The (member, post) pairs for matching round `round` (0 to 3: 1a, 1b, 2a, 2b) of
    /// `problem`, in the solver's assignment order.
    fn matching(
        &mut self,
        round: usize,
        problem: &MatchProblem,
    ) -> Result<Vec<(MemberId, PostId)>, String>;
    /// The (date, post, member) rows of the holiday batch plan of `problem`, in the plan's order.
    fn batches(
        &mut self,
        problem: &BatchProblem,
    ) -> Result<Vec<(NaiveDate, PostId, MemberId)>, String>;
}

/// The answers the solver gave when the tables were made (checked by a test).
pub(super) struct Tabled;

impl Matcher for Tabled {
    fn matching(
        &mut self,
        round: usize,
        _: &MatchProblem,
    ) -> Result<Vec<(MemberId, PostId)>, String> {
        let table = ROUNDS.get(round).ok_or("no such matching round")?;
        Ok(table
            .iter()
            .flat_map(|&(post, members)| members.iter().map(move |&m| (m.into(), post.into())))
            .collect())
    }

    fn batches(&mut self, _: &BatchProblem) -> Result<Vec<(NaiveDate, PostId, MemberId)>, String> {
        Ok(HOLIDAY_BATCHES
            .iter()
            .flat_map(|&((y, m, d), post, members)| {
                members
                    .iter()
                    .map(move |&member| (day(y, m, d), post.into(), member.into()))
            })
            .collect())
    }
}

/// Adds the posts, claims and service records of the sample community to `ds` (whose
/// organizations, roster and events are complete). Leaves `ds` unchanged if any step fails (a
/// test checks that none does).
pub(crate) fn add_posts(ds: &mut Dataset) {
    let Ok(reg) = ds.to_registry() else { return };
    if let Ok(book) = build(ds, &reg, &mut Tabled) {
        book.write_to(ds);
    }
}

/// Claims `pairs` (member, post) from `start`, with ids `{prefix}0001`, ….
fn claims_of(
    book: &PostBook,
    reg: &Registry,
    pairs: &[(MemberId, PostId)],
    start: NaiveDate,
    prefix: &str,
) -> Vec<ClaimRecord> {
    book.claims_from_pairs(
        reg,
        pairs.iter().map(|(m, p)| (m.as_str(), p.as_str())),
        start,
        &Commitment::new("", Fixed::ONE),
        prefix,
    )
}

/// The posts, claims and service records of the sample, with the seats filled by `matcher`.
pub(super) fn build(
    ds: &Dataset,
    reg: &Registry,
    matcher: &mut impl Matcher,
) -> Result<PostBook, String> {
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
    let r = matcher.matching(0, &p)?;
    let mut claims = claims_of(&book, reg, &r, start, "C1S-");
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
    let r = matcher.matching(1, &p)?;
    claims.extend(claims_of(&book, reg, &r, start, "C1P-"));
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
    let r2a = matcher.matching(2, &service)?;
    let claims2 = claims_of(&book, reg, &r2a, SECOND_ROUND, "C2S-");
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
    let r2b = matcher.matching(3, &p)?;
    let claims2 = claims_of(&book, reg, &r2b, SECOND_ROUND, "C2P-");
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
    let plan = matcher.batches(&BatchProblem {
        days,
        candidates,
        max_dates: 2,
        weights: MatchWeights::default(),
    })?;
    for (date, post, member) in &plan {
        let mut s = ServiceRecord::new("", member, post, *date, Fixed::from_int(3));
        s.verified = true;
        s.note = Some("节假日分批服务".into());
        records.push(s);
    }
    crate::sort::sort_by(&mut records, |a, b| {
        (a.date, &a.member, &a.post).cmp(&(b.date, &b.member, &b.post))
    });
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
    use crate::post::{plan_batches, solve};

    /// Answers with the solver ([`solve`], [`plan_batches`]) and keeps the answers.
    #[derive(Default)]
    struct Solver {
        rounds: Vec<Vec<(MemberId, PostId)>>,
        batches: Vec<(NaiveDate, PostId, MemberId)>,
    }

    impl Matcher for Solver {
        fn matching(
            &mut self,
            round: usize,
            problem: &MatchProblem,
        ) -> Result<Vec<(MemberId, PostId)>, String> {
            assert_eq!(round, self.rounds.len(), "rounds asked in order");
            let r = solve(problem).map_err(|e| e.to_string())?;
            let pairs: Vec<_> = r
                .assignments
                .iter()
                .map(|a| (a.member.clone(), a.post.clone()))
                .collect();
            self.rounds.push(pairs.clone());
            Ok(pairs)
        }

        fn batches(
            &mut self,
            problem: &BatchProblem,
        ) -> Result<Vec<(NaiveDate, PostId, MemberId)>, String> {
            let t = plan_batches(problem).map_err(|e| e.to_string())?.table;
            let rows: Vec<_> = t
                .date
                .iter()
                .zip(&t.post)
                .zip(&t.member)
                .map(|((d, p), m)| (*d, p.clone(), m.clone()))
                .collect();
            self.batches = rows.clone();
            Ok(rows)
        }
    }

    /// Consecutive runs of equal keys: (key, values of the run).
    fn runs<K: PartialEq, V>(items: impl IntoIterator<Item = (K, V)>) -> Vec<(K, Vec<V>)> {
        let mut out: Vec<(K, Vec<V>)> = Vec::new();
        for (k, v) in items {
            match out.last_mut() {
                Some((last, vs)) if *last == k => vs.push(v),
                _ => out.push((k, vec![v])),
            }
        }
        out
    }

    /// `file` (the text of `sample_post_data.rs`) with the literal of each named table replaced
    /// (from after `name: Type = ` to its closing `];`), unformatted.
    fn with_tables(file: &str, tables: &[(&str, String)]) -> String {
        let mut out = file.to_string();
        for (name, literal) in tables {
            let head = format!("pub(super) const {name}: ");
            let at = out.find(&head).unwrap();
            let from = at + out[at..].find("= ").unwrap() + 2;
            let to = from + out[from..].find("];\n").unwrap() + 1;
            out.replace_range(from..to, literal);
        }
        out
    }

    /// The text of `sample_post_data.rs` for the solver's answers.
    fn tables_source(s: &Solver) -> String {
        let list = |members: &[&MemberId]| {
            let quoted: Vec<String> = members
                .iter()
                .map(|m| format!("{:?}", m.as_str()))
                .collect();
            quoted.join(", ")
        };
        let mut tables = Vec::new();
        for (name, pairs) in ["ROUND_1A", "ROUND_1B", "ROUND_2A", "ROUND_2B"]
            .iter()
            .zip(&s.rounds)
        {
            let mut lit = String::from("&[\n");
            for (post, members) in runs(pairs.iter().map(|(m, p)| (p, m))) {
                lit += &format!("    ({:?}, &[{}]),\n", post.as_str(), list(&members));
            }
            lit += "]";
            tables.push((*name, lit));
        }
        let mut lit = String::from("&[\n");
        for ((date, post), members) in runs(s.batches.iter().map(|(d, p, m)| ((d, p), m))) {
            use chrono::Datelike;
            lit += &format!(
                "    (({}, {}, {}), {:?}, &[{}]),\n",
                date.year(),
                date.month(),
                date.day(),
                post.as_str(),
                list(&members)
            );
        }
        lit += "]";
        tables.push(("HOLIDAY_BATCHES", lit));
        with_tables(include_str!("sample_post_data.rs"), &tables)
    }

    /// The sample community, its registry, and the sample without posts, claims and service.
    fn sample_without_posts() -> (Dataset, Registry, Dataset) {
        let ds = super::super::sample_community();
        let reg = ds.to_registry().unwrap();
        let mut bare = ds.clone();
        bare.posts.clear();
        bare.claims.clear();
        bare.service.clear();
        (ds, reg, bare)
    }

    /// The tables of `sample_post_data.rs` are what the solver chooses: the generator runs with
    /// the solver answering its five problems (built exactly as for the sample) and gives the
    /// same answers and the same posts, claims and service records as with the tables. On a
    /// mismatch (the generator or the solver changed) the test prints the new
    /// `core/src/synth/sample_post_data.rs`: replace the file by it and run `cargo fmt`.
    #[test]
    fn tables_are_what_the_solver_chooses() {
        let (ds, reg, bare) = sample_without_posts();
        let mut solver = Solver::default();
        let solved = build(&bare, &reg, &mut solver).unwrap();
        let tabled_rounds: Vec<_> = (0..ROUNDS.len())
            .map(|r| Tabled.matching(r, &MatchProblem::default()).unwrap())
            .collect();
        let tabled_batches = Tabled
            .batches(&BatchProblem {
                days: vec![],
                candidates: vec![],
                max_dates: 0,
                weights: MatchWeights::default(),
            })
            .unwrap();
        assert_eq!(solver.rounds.len(), 4);
        assert!(!solver.batches.is_empty());
        assert!(
            solver.rounds == tabled_rounds && solver.batches == tabled_batches,
            "the tables differ from the solver's answers; new core/src/synth/sample_post_data.rs \
             (then run `cargo fmt`):\n\n{}",
            tables_source(&solver)
        );
        // The same book either way, and the one in the sample.
        assert_eq!(build(&bare, &reg, &mut Tabled).unwrap(), solved);
        assert_eq!(
            (solved.posts(), solved.claims(), solved.service()),
            (&ds.posts[..], &ds.claims[..], &ds.service[..])
        );
    }

    #[test]
    fn sample_posts_validate_and_are_rich() {
        let (ds, reg, bare) = sample_without_posts();
        build(&bare, &reg, &mut Tabled).unwrap();
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
