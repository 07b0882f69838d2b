//! `dangjian report` and `dangjian stats`.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use dangjian::io::Dataset;
use dangjian::report::{MonthlyReport, OfficialStats, ReportOptions, ReportTables};
use dangjian::stats::{ExportOptions, NamePolicy};

use crate::i18n::t;
use crate::{out, CliError, Format};

/// Options of `report`.
pub struct ReportArgs {
    pub month: Option<String>,
    pub format: Format,
    pub out: Option<PathBuf>,
    pub show_names: bool,
    pub xlsx: Option<PathBuf>,
    pub html: Option<PathBuf>,
    pub csv_dir: Option<PathBuf>,
    pub pseudonymize_key: Option<String>,
    pub min_count: u64,
}

/// The span of a dataset: the founding (earliest root organization) and the last dated record.
pub struct Span {
    /// Founding day.
    pub founded: Option<NaiveDate>,
    /// The last day of any record (events, activities, meetings, payments, service, claims …).
    pub last: Option<NaiveDate>,
}

/// Where the data begins and ends.
pub fn span(ds: &Dataset) -> Span {
    let founded = ds
        .orgs
        .iter()
        .filter(|o| o.parent.is_none())
        .map(|o| o.founded)
        .min();
    let dates = ds
        .events
        .iter()
        .map(|e| e.date)
        .chain(ds.activities.iter().map(|a| a.date))
        .chain(ds.meetings.iter().map(|m| m.date))
        .chain(ds.payments.iter().map(|p| p.paid_on))
        .chain(ds.service.iter().map(|s| s.date))
        .chain(ds.claims.iter().map(|c| c.start))
        .chain(ds.special_dues.iter().map(|s| s.date))
        .chain(ds.orgs.iter().map(|o| o.founded));
    Span {
        founded,
        last: dates.max(),
    }
}

fn last_day(d: NaiveDate) -> bool {
    d.succ_opt().is_none_or(|n| n.month() != d.month())
}

fn ym(d: NaiveDate) -> (i32, u32) {
    (d.year(), d.month())
}

fn prev((y, m): (i32, u32)) -> (i32, u32) {
    if m == 1 {
        (y - 1, 12)
    } else {
        (y, m - 1)
    }
}

/// The latest complete month the data covers: the month of the last record when it falls on
/// the month's last day, else the month before (never before the founding month).
pub fn default_month(s: &Span) -> Option<(i32, u32)> {
    let last = s.last?;
    let m = if last_day(last) {
        ym(last)
    } else {
        prev(ym(last))
    };
    Some(match s.founded.map(ym) {
        Some(f) if m < f => ym(last),
        _ => m,
    })
}

/// `--month`: `2026-10` (or `2026/10`), read by the library's calendar.
fn parse_month(s: &str) -> Result<(i32, u32), CliError> {
    let m: dangjian::calendar::Month = s
        .parse()
        .map_err(|_| CliError::new("bad_month", t!("err-bad-month", month = s)))?;
    Ok((m.year(), m.month()))
}

/// Runs `report`.
pub fn run(ds: Dataset, a: &ReportArgs) -> Result<(), CliError> {
    let sp = span(&ds);
    let (y, m) = match &a.month {
        Some(s) => parse_month(s)?,
        None => {
            default_month(&sp).ok_or_else(|| CliError::new("no_records", t!("err-no-records")))?
        }
    };
    let mut notes = Vec::new();
    if a.month.is_none() {
        notes.push(t!(
            "note-default-month",
            month = format!("{y}-{m:02}"),
            last = sp.last.map(|d| d.to_string()).unwrap_or_default()
        ));
    }
    if let Some(f) = sp.founded {
        if (y, m) < ym(f) {
            notes.push(t!(
                "warn-before-founding",
                month = format!("{y}-{m:02}"),
                founded = f
            ));
        }
    }
    if let Some(l) = sp.last {
        if (y, m) > ym(l) {
            notes.push(t!(
                "warn-after-last",
                month = format!("{y}-{m:02}"),
                last = l
            ));
        }
    }
    // in a text report the notes stand under its title; otherwise they go to standard error
    let text_to_report = matches!(a.format, Format::Text);
    if !text_to_report {
        for n in &notes {
            out::note(n);
        }
    }
    let options = ReportOptions {
        show_names: a.show_names,
        ..ReportOptions::default()
    };
    let c = crate::session(ds, &t!("err-dataset-invalid"))?;
    let (ds, reg) = (c.dataset(), c.registry());
    let what = t!("err-report");
    let report = MonthlyReport::build_with(ds, reg, y, m, &options)
        .map_err(|e| CliError::lib(&what, e.code(), e))?;
    let body = match a.format {
        Format::Text => {
            let text = report.render_text();
            // the notes (default month, outside the data) go into the report under its title
            match text.split_once('\n') {
                Some((title, rest)) if !notes.is_empty() => {
                    format!("{title}\n{}\n{rest}", notes.join("\n"))
                }
                _ => text,
            }
        }
        Format::Json => {
            let mut json = serde_json::to_string_pretty(&report)
                .map_err(|e| CliError::lib(&what, "json", e))?;
            json.push('\n');
            json
        }
        Format::Html => report.render_html(),
    };
    out::text_to(a.out.as_deref(), &body)?;
    if let Some(path) = &a.html {
        out::write_file(path, report.render_html().as_bytes())?;
        out::note(&t!("note-wrote", path = path.display()));
    }
    if a.xlsx.is_some() || a.csv_dir.is_some() {
        // the text report's privacy: names masked unless --show-names
        let export = match &a.pseudonymize_key {
            Some(key) => ExportOptions::analysis(key.as_bytes(), a.min_count),
            None => ExportOptions {
                names: if a.show_names {
                    NamePolicy::Keep
                } else {
                    NamePolicy::Mask
                },
                ..ExportOptions::form()
            },
        };
        let tables =
            ReportTables::build(ds, reg, &report).map_err(|e| CliError::lib(&what, e.code(), e))?;
        if let Some(path) = &a.xlsx {
            let bytes = tables
                .to_xlsx(&export)
                .map_err(|e| CliError::lib(&what, e.code(), e))?;
            out::write_file(path, &bytes)?;
            out::note(&t!("note-wrote", path = path.display()));
        }
        if let Some(dir) = &a.csv_dir {
            std::fs::create_dir_all(dir).map_err(|e| {
                CliError::new("io", t!("err-write-file", path = dir.display(), reason = e))
            })?;
            let files = tables
                .to_csv_files(&export)
                .map_err(|e| CliError::lib(&what, e.code(), e))?;
            for (name, csv) in &files {
                out::write_file(&dir.join(name), csv.as_bytes())?;
            }
            out::note(&t!(
                "note-wrote-tables",
                count = files.len(),
                path = dir.display()
            ));
        }
    }
    Ok(())
}

/// Runs `stats`: the 党内统计 tables of a year (as of 31 December, or the last record when
/// the year is not over in the data).
pub fn stats(ds: Dataset, year: Option<i32>, xlsx: Option<&Path>) -> Result<(), CliError> {
    let sp = span(&ds);
    let year = match year {
        Some(y) => y,
        None => sp
            .last
            .map(|d| d.year())
            .ok_or_else(|| CliError::new("no_records", t!("err-no-records")))?,
    };
    let c = crate::session(ds, &t!("err-dataset-invalid"))?;
    let what = t!("err-report");
    let end = NaiveDate::from_ymd_opt(year, 12, 31)
        .ok_or_else(|| CliError::new("bad_year", t!("err-bad-year", year = year)))?;
    let as_of = match sp.last {
        Some(l) if l < end && l.year() == year => l,
        _ => end,
    };
    let st = OfficialStats::build(c.registry(), c.name(), year, as_of)
        .map_err(|e| CliError::lib(&what, e.code(), e))?;
    out::stdout_text(&st.render_text())?;
    if let Some(path) = xlsx {
        let bytes = st
            .to_xlsx(&ExportOptions::form())
            .map_err(|e| CliError::lib(&what, e.code(), e))?;
        out::write_file(path, &bytes)?;
        out::note(&t!("note-wrote", path = path.display()));
    }
    Ok(())
}
