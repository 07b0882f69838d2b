//! Post coverage, home-unit feedback and a matching proposal for the sample community.
//!
//! `cargo run -p dangjian --example posts`

use std::collections::HashMap;

use dangjian::post::{solve, MatchWeights, PostBook, ServiceMapping};
use dangjian::synth::{sample_community, SAMPLE_AS_OF, SERVICE_YEAR_START};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let ds = sample_community();
    let reg = ds.to_registry()?;
    let book = PostBook::from_dataset(&ds, &reg)?;
    println!("# Post coverage on {SAMPLE_AS_OF}\n");
    print!("{}", book.coverage_on(SAMPLE_AS_OF).to_csv());

    let (from, to) = (SERVICE_YEAR_START, SAMPLE_AS_OF);
    let acts = book.activities(&ServiceMapping::default(), from, to);
    println!(
        "\n# Activities for the points engine, {from} to {to}: {} ({} service_hour, {} post_fulfilled)",
        acts.len(),
        acts.iter().filter(|a| a.item == "service_hour").count(),
        acts.iter().filter(|a| a.item == "post_fulfilled").count()
    );
    // Scores would come from the scoring engine; here none are given.
    let fb = book.feedback(&reg, from, to, &HashMap::new());
    println!("\n# Home-unit feedback (双向反馈), {from} to {to}\n");
    for u in &fb.units {
        println!(
            "{}: {} members, {} claims, {} h ({} h verified), commitments kept {}/{}",
            u.unit,
            u.members,
            u.claims,
            u.hours,
            u.verified_hours,
            u.commitments_kept,
            u.commitments_due
        );
    }
    println!();
    print!("{}", fb.table.to_csv());

    let result = solve(&book.match_problem(&reg, SAMPLE_AS_OF, MatchWeights::default()))?;
    println!(
        "\n# Matching proposal for the vacancies on {SAMPLE_AS_OF}: {} of {} seats, cost {}\n",
        result.filled, result.seats, result.cost
    );
    for line in result.explain() {
        println!("{line}");
    }
    for u in &result.unfilled {
        println!(
            "unfilled {}: {} seats ({} eligible): {}",
            u.post, u.seats, u.eligible, u.reason
        );
    }
    Ok(())
}
