//! Compliance and statistics report of the bundled sample community (翔凤社区).
//!
//! ```text
//! cargo run -p dangjian --example compliance_report [-- OUT_DIR]
//! ```
//!
//! Prints the key figures; with `OUT_DIR`, also writes every table as CSV (Chinese headers, BOM
//! for Excel), one `.xlsx` workbook of forms, and an analysis workbook with pseudonymized member
//! ids and cells below 3 suppressed.
#![allow(clippy::indexing_slicing, missing_docs)]

use std::error::Error;

use dangjian::compliance::{Compliance, ElectionRules};
use dangjian::stats::{self, ExportOptions, Rollup};
use dangjian::synth::{self, COMPLIANCE_FROM, COMPLIANCE_TO, SAMPLE_AS_OF, SAMPLE_FOUNDED};
use dangjian::table::{to_csv, CsvOptions, Table};

fn main() -> Result<(), Box<dyn Error>> {
    let ds = synth::sample_community();
    let reg = ds.to_registry()?;
    let c = Compliance::from_dataset(&ds, &reg)?;
    let as_of = SAMPLE_AS_OF;
    let (from, to) = (COMPLIANCE_FROM, COMPLIANCE_TO);

    let m = stats::membership(&reg, as_of, Rollup::Subtree);
    let z = m.row_of("Z").ok_or("no Z")?;
    println!("== {} — {} ==", ds.community.name, as_of);
    println!(
        "members {} (full {}, probationary {}), aged 35 or under {} ({}‰), college or above {}, average age {}",
        m.counts.headcount[z],
        m.counts.full[z],
        m.counts.probationary[z],
        m.counts.age_35_or_under[z],
        m.age_35_or_under_permille[z].unwrap_or(0),
        m.counts.college_or_above[z],
        m.avg_age[z].map(|a| a.to_string()).unwrap_or_default(),
    );
    let f = stats::flows(&reg, SAMPLE_FOUNDED, as_of, Rollup::Subtree)?;
    let fz = f.row_of("Z").ok_or("no Z")?;
    let r = f.counts.row(fz).ok_or("no row")?;
    println!(
        "flows {SAMPLE_FOUNDED}..{as_of}: opening {}, admitted {}, transferred in {}, out {}, died {}, other exits {}, closing {} (reconciles: {})",
        r.opening, r.admitted, r.transferred_in, r.transferred_out, r.died, r.other_exits, r.closing, f.reconciles()
    );
    let p = stats::pipeline(&reg, as_of, Rollup::Subtree);
    let pz = p.orgs.id.iter().position(|o| o == "Z").ok_or("no Z")?;
    println!(
        "pipeline: {} applicants, {} activists, {} candidates, {} probationary ({} due for conversion)",
        p.counts.applicants[pz],
        p.counts.activists[pz],
        p.counts.candidates[pz],
        p.counts.probationary[pz],
        p.counts.conversion_due[pz]
    );

    let ledger = c.ledger(&reg, from, to, as_of)?;
    let arrears = c.arrears(&reg, from, to, as_of)?;
    let coll = c.collection(&reg, from, to, as_of, Rollup::Subtree)?;
    let cz = coll.orgs.id.iter().position(|o| o == "Z").ok_or("no Z")?;
    println!(
        "dues {from}..{to}: {} member-months; collected {} of {} fen ({} bp); {} in arrears; flagged (党章 art. 9): {:?}",
        ledger.len(),
        coll.fen_collected[cz],
        coll.fen_due[cz],
        coll.rate_bp[cz].unwrap_or(0),
        arrears.member.len(),
        arrears.flagged_ids()
    );
    let special = c.special_dues(&reg, SAMPLE_FOUNDED, as_of, Rollup::Subtree);
    println!("special dues 抗震救灾: {} fen", special.total("抗震救灾"));

    let comp = c.meetings.compliance(&reg, from, to, as_of)?;
    for k in 0..comp.len() {
        if !comp.compliant[k] {
            println!(
                "missed: {} {} in {}",
                comp.org[k],
                comp.kind[k].label(),
                comp.missed[k]
            );
        }
    }
    let att = c.meetings.attendance(&reg, from, to, as_of, 6)?;
    println!(
        "absent six months running (党章 art. 9): {:?}",
        att.flagged_ids()
    );
    let oa = c
        .meetings
        .org_attendance(&reg, from, to, as_of, Rollup::Subtree)?;
    let oz = oa.orgs.id.iter().position(|o| o == "Z").ok_or("no Z")?;
    println!(
        "attendance: {} of {} expected ({} bp)",
        oa.attended[oz],
        oa.expected[oz],
        oa.rate_bp[oz].unwrap_or(0)
    );
    for e in c.election_results(&reg, &ElectionRules::default())? {
        println!(
            "election {}: {} eligible, {} excused, {} expected, {} present, quorum {}, competitive {}, valid ballots {}, invalid {}, elected {:?}, unfilled {}",
            e.id, e.eligible, e.excused, e.expected, e.present, e.quorum_met, e.competitive,
            e.valid_ballots, e.invalid_ballots, e.elected, e.unfilled
        );
    }

    println!(
        "\n-- 月度合规摘要 {to} --\n{}",
        c.summary(&reg, to)?.render_text()
    );

    if let Some(dir) = std::env::args().nth(1) {
        std::fs::create_dir_all(&dir)?;
        let members = stats::member_list(&reg, as_of);
        let tables: Vec<&dyn Table> = vec![
            &m, &f, &p, &coll, &arrears, &special, &comp, &att, &oa, &members,
        ];
        let csv = CsvOptions {
            bom: true,
            ..CsvOptions::zh()
        };
        for t in &tables {
            std::fs::write(format!("{dir}/{}.csv", t.name()), to_csv(*t, &csv)?)?;
        }
        #[cfg(feature = "xlsx")]
        {
            use dangjian::table::{to_xlsx, XlsxOptions};
            std::fs::write(
                format!("{dir}/forms.xlsx"),
                to_xlsx(&tables, &XlsxOptions::default())?,
            )?;
            let analysis = ExportOptions::analysis(b"example key - use your own", 3);
            std::fs::write(
                format!("{dir}/analysis.xlsx"),
                stats::export_xlsx(&tables, &analysis, &XlsxOptions::default())?,
            )?;
        }
        let analysis = ExportOptions::analysis(b"example key - use your own", 3);
        std::fs::write(
            format!("{dir}/membership_k3.csv"),
            stats::export_csv(&m, &analysis, &CsvOptions::en())?,
        )?;
        println!("wrote {} tables to {dir}", tables.len());
    }
    Ok(())
}
