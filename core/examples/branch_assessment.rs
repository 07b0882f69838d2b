//! The sample community's branch assessment for 2026 as of 31 October: the scores by quarter
//! and the deductions derived from the records (`cargo run -p dangjian --example branch_assessment`).
use dangjian::assessment::assess;
use dangjian::scoring::RuleSet;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry()?;
    let a = assess(
        &ds,
        &reg,
        &RuleSet::org_default(),
        2026,
        "2026-10-31".parse()?,
    )?;
    print!(
        "{}",
        dangjian::table::to_csv(&a.quarters, &Default::default())?
    );
    print!(
        "{}",
        dangjian::table::to_csv(&a.derived_table(), &Default::default())?
    );
    Ok(())
}
