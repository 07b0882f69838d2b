//! `dangjian`: command-line front end of the dangjian library.
//!
//! ```text
//! dangjian report --sample --month 2026-10       # the sample community's monthly report
//! dangjian report --data community.json --month 2026-10 --format json
//! dangjian report --sample --xlsx report.xlsx --csv-dir tables/   # every table, Chinese headers
//! dangjian sample --out sample.json              # write the bundled sample dataset
//! dangjian synth --members 1000000 --seed 1 --out big.json
//! dangjian import-roster roster.xlsx --as-of 2026-10-31 --data community.json --out merged.json
//! dangjian schema                                # JSON Schema of the dataset format
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use dangjian::io::{Dataset, RosterOptions};
use dangjian::report::{MonthlyReport, ReportOptions, ReportTables};
use dangjian::stats::ExportOptions;

#[derive(Parser)]
#[command(
    name = "dangjian",
    version,
    about = "Community party-organization toolkit: reports, scoring, statistics"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Print the monthly report of a community.
    Report {
        /// Dataset JSON file.
        #[arg(long, conflicts_with = "sample")]
        data: Option<PathBuf>,
        /// Use the bundled sample community (翔凤社区).
        #[arg(long)]
        sample: bool,
        /// Month as YYYY-MM (default: the sample's report month 2026-10).
        #[arg(long, default_value = "2026-10")]
        month: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Show full names in the honour list.
        #[arg(long)]
        show_names: bool,
        /// Also write every table of the report into one formatted Excel workbook.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Also write every table of the report as CSV (Chinese headers, UTF-8 with BOM).
        #[arg(long, value_name = "DIR")]
        csv_dir: Option<PathBuf>,
        /// Analysis export: pseudonymize member ids in the exported tables with this key
        /// (keyed HMAC-SHA256), leave names and contacts out, and suppress counts below
        /// `--min-count`.
        #[arg(long, value_name = "KEY")]
        pseudonymize_key: Option<String>,
        /// Smallest count shown in an analysis export (with `--pseudonymize-key`).
        #[arg(long, default_value_t = 5, requires = "pseudonymize_key")]
        min_count: u64,
    },
    /// Write the bundled sample dataset as JSON.
    Sample {
        /// Output file (stdout when absent).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Generate a synthetic community of any size.
    Synth {
        /// People on the roster.
        #[arg(long, default_value_t = 1000)]
        members: usize,
        /// Seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output file (stdout when absent).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Import a roster (花名册, CSV or XLSX) into a dataset.
    ImportRoster {
        /// The roster file (.csv or .xlsx).
        roster: PathBuf,
        /// Roster date: members are registered on this day.
        #[arg(long)]
        as_of: chrono::NaiveDate,
        /// Dataset to add to (its organizations name the branches).
        #[arg(long)]
        data: PathBuf,
        /// Output dataset file.
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the JSON Schema of the dataset format.
    Schema,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn load(data: Option<PathBuf>) -> Result<Dataset, String> {
    match data {
        None => Ok(dangjian::synth::sample_community()),
        Some(p) => {
            let bytes = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            Dataset::from_json_bytes(&bytes).map_err(|e| format!("{}: {e}", p.display()))
        }
    }
}

fn write_out(out: Option<PathBuf>, text: &str) -> Result<(), String> {
    match out {
        None => {
            println!("{text}");
            Ok(())
        }
        Some(p) => dangjian::io::write_atomic(&p, text.as_bytes())
            .map_err(|e| format!("{}: {e}", p.display())),
    }
}

fn parse_month(s: &str) -> Result<(i32, u32), String> {
    let bad = || format!("month `{s}` is not YYYY-MM");
    let (y, m) = s.split_once('-').ok_or_else(bad)?;
    Ok((y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?))
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Report {
            data,
            sample: _,
            month,
            format,
            show_names,
            xlsx,
            csv_dir,
            pseudonymize_key,
            min_count,
        } => {
            let ds = load(data)?;
            let (y, m) = parse_month(&month)?;
            let options = ReportOptions {
                show_names,
                ..ReportOptions::default()
            };
            let reg = ds.to_registry().map_err(|e| e.to_string())?;
            let report =
                MonthlyReport::build_with(&ds, &reg, y, m, &options).map_err(|e| e.to_string())?;
            match format {
                Format::Text => print!("{}", report.render_text()),
                Format::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
                ),
            }
            if xlsx.is_some() || csv_dir.is_some() {
                let export = match &pseudonymize_key {
                    Some(key) => ExportOptions::analysis(key.as_bytes(), min_count),
                    None => ExportOptions::form(),
                };
                let tables = ReportTables::build(&ds, &reg, &report).map_err(|e| e.to_string())?;
                if let Some(path) = xlsx {
                    let bytes = tables.to_xlsx(&export).map_err(|e| e.to_string())?;
                    dangjian::io::write_atomic(&path, &bytes)
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                    eprintln!("wrote {}", path.display());
                }
                if let Some(dir) = csv_dir {
                    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                    for (name, csv) in tables.to_csv_files(&export).map_err(|e| e.to_string())? {
                        let path = dir.join(name);
                        dangjian::io::write_atomic(&path, csv.as_bytes())
                            .map_err(|e| format!("{}: {e}", path.display()))?;
                    }
                    eprintln!(
                        "wrote {} table(s) to {}",
                        tables.tables().len(),
                        dir.display()
                    );
                }
            }
            Ok(())
        }
        Command::Sample { out } => write_out(
            out,
            &dangjian::synth::sample_community()
                .to_json()
                .map_err(|e| e.to_string())?,
        ),
        Command::Synth { members, seed, out } => {
            let ds = dangjian::synth::generate(&dangjian::synth::SynthConfig::new(members, seed));
            write_out(out, &serde_json::to_string(&ds).map_err(|e| e.to_string())?)
        }
        Command::ImportRoster {
            roster,
            as_of,
            data,
            out,
        } => {
            let mut ds = load(Some(data))?;
            let mut reg = ds.to_registry().map_err(|e| e.to_string())?;
            let bytes = std::fs::read(&roster).map_err(|e| format!("{}: {e}", roster.display()))?;
            let options = RosterOptions::new(as_of);
            let is_xlsx = roster
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
            let imported = if is_xlsx {
                dangjian::io::import_roster_xlsx(&bytes, reg.tree(), &options)
            } else {
                dangjian::io::import_roster_csv(&bytes, reg.tree(), &options)
            };
            let imported = imported.map_err(|e| match e {
                dangjian::io::ImportError::Rows(rows) => rows
                    .iter()
                    .map(|r| r.to_string())
                    .collect::<Vec<_>>()
                    .join("\n"),
                other => other.to_string(),
            })?;
            let n = imported.members.len();
            reg.import(imported.members.clone(), imported.events.clone())
                .map_err(|e| e.to_string())?;
            ds.members.extend(imported.members);
            ds.events.extend(imported.events);
            write_out(Some(out), &ds.to_json().map_err(|e| e.to_string())?)?;
            eprintln!("imported {n} member(s)");
            Ok(())
        }
        Command::Schema => write_out(
            None,
            &serde_json::to_string_pretty(&Dataset::json_schema()).map_err(|e| e.to_string())?,
        ),
    }
}
