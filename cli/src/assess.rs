//! `dangjian assess`: the branch assessment (支部考核) derived from the records, by quarter, with
//! every deduction and its reason (issue 23; `dangjian::assessment`).

use chrono::{Datelike, NaiveDate};
use dangjian::io::Dataset;
use dangjian::scoring::RuleSet;
use dangjian::table::{CsvOptions, HeaderLang, OwnedTable, Table};

fn zh() -> CsvOptions {
    CsvOptions {
        header: HeaderLang::Zh,
        bom: false,
        ..CsvOptions::default()
    }
}

use crate::i18n::t;
use crate::{out, CliError};

/// Tab-separated text of a table: its title, the Chinese headers and the rows.
fn text(t: &OwnedTable) -> Result<String, CliError> {
    let csv = dangjian::table::to_csv(t, &zh())
        .map_err(|e| CliError::lib(&t!("err-assess"), e.code(), e))?;
    let mut s = format!("{}\n", t.title_zh());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    for row in reader.records().flatten() {
        s.push_str(&row.iter().collect::<Vec<_>>().join("\t"));
        s.push('\n');
    }
    Ok(s)
}

/// Runs `assess`: `year` (default: the year of `as_of`) as of `as_of` (default: the last
/// dated record), as text or CSV.
pub fn run(
    ds: Dataset,
    year: Option<i32>,
    as_of: Option<NaiveDate>,
    csv: bool,
) -> Result<(), CliError> {
    let as_of = match as_of.or(crate::report::span(&ds).last) {
        Some(d) => d,
        None => return Err(CliError::new("no_records", t!("err-no-records"))),
    };
    let year = year.unwrap_or(as_of.year());
    let c = crate::session(ds, &t!("err-assess"))?;
    let a = dangjian::assessment::assess(
        c.dataset(),
        c.registry(),
        &RuleSet::org_default(),
        year,
        as_of,
    )
    .map_err(|e| CliError::lib(&t!("err-assess"), e.code(), e))?;
    let derived = a.derived_table();
    if csv {
        let mut s = String::new();
        for t in [&a.quarters, &derived] {
            s.push_str(
                &dangjian::table::to_csv(
                    t,
                    &CsvOptions {
                        bom: s.is_empty(),
                        ..zh()
                    },
                )
                .map_err(|e| CliError::lib(&t!("err-assess"), e.code(), e))?,
            );
        }
        return out::stdout_text(&s);
    }
    let s = format!("{}\n{}", text(&a.quarters)?, text(&derived)?);
    out::stdout_text(&s)
}
