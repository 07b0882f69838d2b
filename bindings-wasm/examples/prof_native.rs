#![allow(clippy::unwrap_used, missing_docs)]
use dangjian::io::Dataset;
use dangjian::scoring::{Mode, RuleSet, Scorer};
const MONTHS: [&str; 12] = [
    "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06",
    "2026-07", "2026-08", "2026-09", "2026-10",
];
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = std::fs::read_to_string(&args[0]).unwrap();
    let lenient = args[1] == "lenient";
    let reps: usize = args[2].parse().unwrap();
    let ds = Dataset::from_json(&text).unwrap();
    let reg = ds.to_registry().unwrap();
    let scorer = Scorer::new(
        &reg,
        &ds.activities,
        if lenient { Mode::Lenient } else { Mode::Strict },
    )
    .unwrap();
    let rules = RuleSet::member_default().to_json();
    if std::env::var("FINE").is_ok() {
        fine(&scorer, &rules, &std::fs::read_to_string(&args[3]).unwrap());
        return;
    }
    if std::env::var("JSON_ONLY").is_ok() {
        json_only(&scorer, &RuleSet::member_default());
        return;
    }
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..reps {
        for p in MONTHS {
            let r = RuleSet::from_json(&rules).unwrap();
            n += scorer
                .score_table(&r, p.parse().unwrap())
                .unwrap()
                .to_json()
                .len();
        }
    }
    eprintln!(
        "{:.3} ms/year {n}",
        t.elapsed().as_secs_f64() * 1000.0 / reps as f64
    );
}
#[allow(dead_code)]
fn json_only(scorer: &Scorer<'_>, rules: &RuleSet) {
    let t = scorer
        .score_table(rules, "2026-03".parse().unwrap())
        .unwrap();
    let t0 = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..20000 {
        n += t.to_json().len();
    }
    eprintln!(
        "to_json {:.2} us {n}",
        t0.elapsed().as_secs_f64() * 1e6 / 20000.0
    );
}

#[allow(dead_code)]
fn fine(sample: &Scorer<'_>, rules: &str, big_text: &str) {
    let big = Dataset::from_json(big_text).unwrap();
    let big_reg = big.to_registry().unwrap();
    let big_scorer = Scorer::new(&big_reg, &big.activities, Mode::Lenient).unwrap();
    let q = |mut xs: Vec<f64>, f: f64| {
        xs.sort_by(|a, b| a.total_cmp(b));
        xs[(xs.len() as f64 * f) as usize]
    };
    let time = |f: &dyn Fn(), n: usize| {
        for _ in 0..20 {
            f();
        }
        let xs: Vec<f64> = (0..n)
            .map(|_| {
                let t = std::time::Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        (q(xs.clone(), 0.1), q(xs, 0.5))
    };
    let parsed = RuleSet::from_json(rules).unwrap();
    let year = |s: &Scorer<'_>| {
        for p in MONTHS {
            std::hint::black_box(
                s.score_table(&RuleSet::from_json(rules).unwrap(), p.parse().unwrap())
                    .unwrap()
                    .to_json(),
            );
        }
    };
    let a = time(&|| year(sample), 300);
    let b = time(
        &|| {
            for p in MONTHS {
                std::hint::black_box(
                    sample
                        .score_table(&parsed, p.parse().unwrap())
                        .unwrap()
                        .to_json(),
                );
            }
        },
        300,
    );
    let c = time(&|| year(&big_scorer), 60);
    println!(
        "{{\"sample\":[{},{}],\"kept\":[{},{}],\"big\":[{},{}]}}",
        a.0, a.1, b.0, b.1, c.0, c.1
    );
}
