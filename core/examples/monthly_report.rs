//! Prints the sample community's monthly points report (一月一考核一通报).
//!
//! `cargo run -p dangjian --example monthly_report [-- 2026-10 [rule-set.json]]`

use dangjian::scoring::{Mode, Period, RuleSet, ScoreReport, Scorer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let period: Period = args.next().unwrap_or_else(|| "2026-10".into()).parse()?;
    let rules = match args.next() {
        Some(path) => {
            let text = std::fs::read_to_string(&path)?;
            if path.ends_with(".toml") {
                RuleSet::from_toml(&text)?
            } else {
                RuleSet::from_json(&text)?
            }
        }
        None => RuleSet::member_default(),
    };
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry()?;
    let scorer = Scorer::new(&reg, &ds.activities, Mode::Lenient)?;
    let report = ScoreReport::build(&scorer, &rules, period, &ds.community.name)?;
    print!("{}", report.to_text());
    Ok(())
}
