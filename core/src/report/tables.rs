//! Every table of the monthly report, for export to CSV files and to one formatted `.xlsx`
//! workbook with Chinese headers (the forms secretaries hand upward), or to analysts with
//! pseudonymized member ids and small-cell suppression ([`ExportOptions`]).
//!
//! ```
//! use dangjian::report::{MonthlyReport, ReportOptions, ReportTables};
//! use dangjian::stats::ExportOptions;
//! let ds = dangjian::synth::sample_community();
//! let r = MonthlyReport::build(&ds, 2026, 10, &ReportOptions::default()).unwrap();
//! let reg = ds.to_registry().unwrap();
//! let t = ReportTables::build(&ds, &reg, &r).unwrap();
//! let files = t.to_csv_files(&ExportOptions::form()).unwrap();
//! let (name, csv) = &files[0];
//! assert_eq!(name, "01-membership.csv");
//! assert!(csv.starts_with("\u{feff}组织"));
//! ```

use crate::compliance::{Compliance, Month};
use crate::io::Dataset;
use crate::registry::Registry;
use crate::stats::{flows, ExportOptions, Rollup};
use crate::table::{CsvOptions, Table};

use super::{month_bounds, MonthlyReport, ReportError};

/// The tables of one monthly report, each with a file stem.
pub struct ReportTables {
    tables: Vec<(&'static str, Box<dyn Table>)>,
}

impl std::fmt::Debug for ReportTables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.tables.iter().map(|(stem, t)| (stem, t.len())))
            .finish()
    }
}

impl ReportTables {
    /// Collects the tables of `report` (built from `ds`): membership structure, the month's
    /// flows, flows since the founding, the pipeline, the score distribution, and — when the
    /// dataset has dues or meetings — dues collection (January to the month), arrears (the
    /// twelve months to the month), 三会一课 compliance (January to the month) and attendance per
    /// organization (the month). All organization tables are rolled up the tree. `reg` is the
    /// registry built from `ds` (see [`MonthlyReport::build_with`]).
    pub fn build(
        ds: &Dataset,
        reg: &Registry,
        report: &MonthlyReport,
    ) -> Result<ReportTables, ReportError> {
        let (year, month) = (report.year, report.month);
        let (first, last) =
            month_bounds(year, month).ok_or(ReportError::BadMonth { year, month })?;
        let st = &report.statistics;
        let mut tables: Vec<(&'static str, Box<dyn Table>)> = vec![
            ("membership", Box::new(st.membership.clone())),
            (
                "flows_month",
                Box::new(flows(reg, first, last, Rollup::Subtree)?),
            ),
            (
                "flows_since_founding",
                Box::new(st.flows_since_founding.clone()),
            ),
            ("pipeline", Box::new(st.pipeline.clone())),
        ];
        if let Some(s) = &st.scores {
            tables.push(("score_distribution", Box::new(s.clone())));
        }
        if !(ds.dues_profiles.is_empty() && ds.meetings.is_empty()) {
            let c = Compliance::from_dataset(ds, reg)?;
            let m = Month::new(year, month).ok_or(ReportError::BadMonth { year, month })?;
            let january = Month::new(year, 1).ok_or(ReportError::BadMonth { year, month })?;
            let back = m.back(11);
            tables.push((
                "dues_collection",
                Box::new(c.collection(reg, january, m, last, Rollup::Subtree)?),
            ));
            tables.push(("dues_arrears", Box::new(c.arrears(reg, back, m, last)?)));
            tables.push((
                "meeting_compliance",
                Box::new(c.meetings.compliance(reg, january, m, last)?),
            ));
            tables.push((
                "org_attendance",
                Box::new(
                    c.meetings
                        .org_attendance(reg, m, m, last, Rollup::Subtree)?,
                ),
            ));
        }
        Ok(ReportTables { tables })
    }

    /// The tables, in report order.
    pub fn tables(&self) -> Vec<&dyn Table> {
        self.tables.iter().map(|(_, t)| t.as_ref()).collect()
    }

    /// File names (`NN-stem.csv`), in report order.
    pub fn file_names(&self) -> Vec<String> {
        self.tables
            .iter()
            .enumerate()
            .map(|(i, (stem, _))| format!("{:02}-{stem}.csv", i + 1))
            .collect()
    }

    /// Each table as CSV with Chinese headers and a byte-order mark (so Excel reads the UTF-8),
    /// after the privacy `options`, paired with its file name.
    pub fn to_csv_files(
        &self,
        options: &ExportOptions,
    ) -> Result<Vec<(String, String)>, ReportError> {
        let csv = CsvOptions {
            bom: true,
            ..CsvOptions::zh()
        };
        self.file_names()
            .into_iter()
            .zip(&self.tables)
            .map(|(name, (_, t))| Ok((name, crate::stats::export_csv(t.as_ref(), options, &csv)?)))
            .collect()
    }

    /// One formatted workbook, a sheet per table, after the privacy `options`.
    #[cfg(feature = "xlsx")]
    pub fn to_xlsx(&self, options: &ExportOptions) -> Result<Vec<u8>, ReportError> {
        Ok(crate::stats::export_xlsx(
            &self.tables(),
            options,
            &crate::table::XlsxOptions::default(),
        )?)
    }
}
