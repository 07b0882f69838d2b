//! Post coverage, home-unit feedback and a matching proposal for the sample community.
//!
//! `cargo run -p dangjian --example posts`

use std::collections::HashMap;

use dangjian::member::Category;
use dangjian::post::{form_teams, solve, MatchWeights, PostBook, ServiceMapping, TeamMember};
use dangjian::synth::{sample_community, SAMPLE_AS_OF, SERVICE_YEAR_START};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let ds = sample_community();
    let reg = ds.to_registry()?;
    let book = PostBook::from_dataset(&ds, &reg)?;
    println!("# Post coverage on {SAMPLE_AS_OF}\n");
    print!("{}", book.coverage_on(SAMPLE_AS_OF).to_csv()?);

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
    print!("{}", fb.table.to_csv()?);

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

    // Teams of in-service members by specialty (编组设岗), at most 4 to a team.
    let people: Vec<TeamMember> = reg
        .states_on(SAMPLE_AS_OF)
        .filter(|(_, st)| st.is_member() && st.category == Category::InService)
        .filter_map(|(i, _)| reg.member(i))
        .map(|m| TeamMember {
            member: m.id.clone(),
            skills: m.skills.clone(),
        })
        .collect();
    let teams = form_teams(&people, book.kinds(), 4);
    println!("\n# Teams of in-service members by specialty\n");
    for t in &teams.teams {
        println!(
            "{}: {} (suits {})",
            t.id,
            t.members.join(" "),
            t.kinds.join(" ")
        );
    }
    println!("no specialty recorded: {}", teams.unplaced.len());
    Ok(())
}
