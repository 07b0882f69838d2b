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

use super::{sections, MonthlyReport, ReportError};
use crate::calendar::month_bounds;

/// The tables of one monthly report, each with a file stem, a short sheet name and its place
/// among the sections of the text report.
///
/// # Examples
///
/// ```
/// use dangjian::report::{MonthlyReport, ReportOptions, ReportTables};
/// let ds = dangjian::io::Dataset::sample_small();
/// let reg = ds.to_registry()?;
/// let r = MonthlyReport::build_with(&ds, &reg, 2024, 3, &ReportOptions::default())?;
/// let t = ReportTables::build(&ds, &reg, &r)?;
/// assert_eq!(t.file_names()[0], "01-membership.csv");
/// assert_eq!(t.tables().len(), t.file_names().len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct ReportTables {
    tables: Vec<Entry>,
}

struct Entry {
    stem: &'static str,
    sheet: &'static str,
    section: u32,
    table: Box<dyn Table>,
}

impl std::fmt::Debug for ReportTables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.tables.iter().map(|e| (e.stem, e.table.len())))
            .finish()
    }
}

impl ReportTables {
    /// Collects the tables of `report` (built from `ds`): membership structure, the month's
    /// flows, flows since the founding, the pipeline, the score distribution, and — when the
    /// dataset has dues or meetings — dues collection (January to the month), arrears (the
    /// twelve months to the month), 三会一课 compliance (January to the month) and attendance per
    /// organization (the month); then the other sections of the text report: membership per
    /// organization, structure findings, pipeline due dates, 光荣在党50年, the 积分通报
    /// leaderboard, post coverage, home-unit feedback and elections (names as the text report
    /// shows them); last, the month's whole score table (积分考核表, when there are
    /// activities). All organization tables are rolled up the tree. `reg` is the registry
    /// built from `ds` (see [`MonthlyReport::build_with`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::report::{MonthlyReport, ReportOptions, ReportTables};
    /// let ds = dangjian::io::Dataset::sample_small();
    /// let reg = ds.to_registry()?;
    /// let r = MonthlyReport::build_with(&ds, &reg, 2024, 3, &ReportOptions::default())?;
    /// let t = ReportTables::build(&ds, &reg, &r)?;
    /// // no dues or meetings in this dataset: no compliance tables
    /// assert!(!t.file_names().iter().any(|n| n.contains("dues")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(
        ds: &Dataset,
        reg: &Registry,
        report: &MonthlyReport,
    ) -> Result<ReportTables, ReportError> {
        let (year, month) = (report.year, report.month);
        let (first, last) =
            month_bounds(year, month).ok_or(ReportError::BadMonth { year, month })?;
        let st = &report.statistics;
        let e = |stem, sheet, section, table: Box<dyn Table>| Entry {
            stem,
            sheet,
            section,
            table,
        };
        let mut tables: Vec<Entry> = vec![
            e(
                "membership",
                "队伍结构",
                100,
                Box::new(st.membership.clone()),
            ),
            e(
                "flows_month",
                "本月变动",
                20,
                Box::new(flows(reg, first, last, Rollup::Subtree)?),
            ),
            e(
                "flows_since_founding",
                "成立以来增减",
                110,
                Box::new(st.flows_since_founding.clone()),
            ),
            e("pipeline", "发展阶段", 120, Box::new(st.pipeline.clone())),
        ];
        if let Some(s) = &st.scores {
            tables.push(e(
                "score_distribution",
                "积分分布",
                130,
                Box::new(s.clone()),
            ));
        }
        if !(ds.dues_profiles.is_empty() && ds.meetings.is_empty()) {
            let c = Compliance::from_dataset(ds, reg)?;
            let m = Month::new(year, month).ok_or(ReportError::BadMonth { year, month })?;
            let january = Month::new(year, 1).ok_or(ReportError::BadMonth { year, month })?;
            let back = m.back(11);
            tables.push(e(
                "dues_collection",
                "党费收缴",
                90,
                Box::new(c.collection(reg, january, m, last, Rollup::Subtree)?),
            ));
            tables.push(e(
                "dues_arrears",
                "党费欠缴",
                91,
                Box::new(c.arrears(reg, back, m, last)?),
            ));
            tables.push(e(
                "meeting_compliance",
                "三会一课",
                92,
                Box::new(c.meetings.compliance(reg, january, m, last)?),
            ));
            tables.push(e(
                "org_attendance",
                "出席情况",
                93,
                Box::new(
                    c.meetings
                        .org_attendance(reg, m, m, last, Rollup::Subtree)?,
                ),
            ));
        }
        tables.push(e("orgs", "党员队伍", 10, Box::new(sections::orgs(report))));
        tables.push(e(
            "findings",
            "组织建设提示",
            30,
            Box::new(sections::findings(report)),
        ));
        tables.push(e(
            "pipeline_due",
            "发展与预备期",
            40,
            Box::new(sections::pipeline_due(report)),
        ));
        tables.push(e(
            "jubilee",
            "光荣在党50年",
            50,
            Box::new(sections::jubilee(report)),
        ));
        if let Some(t) = sections::leaderboard(report) {
            tables.push(e("leaderboard", "积分通报", 60, Box::new(t)));
        }
        if let Some(t) = sections::coverage(report) {
            tables.push(e("post_coverage", "岗位认领", 70, Box::new(t)));
        }
        if let Some(t) = sections::feedback(report) {
            tables.push(e("unit_feedback", "单位反馈", 80, Box::new(t)));
        }
        if let Some(t) = sections::elections(report) {
            tables.push(e("elections", "换届选举", 140, Box::new(t)));
        }
        if let Some(s) = &report.scores {
            // The whole score table of the month (every member, names masked), after the
            // leaderboard; last among the files so that the other files keep their numbers.
            tables.push(e("scores", "积分考核表", 61, Box::new(s.clone())));
        }
        if report.year_processes.is_some() {
            let book = crate::year::YearBook::from_dataset(ds, reg)?;
            let years: std::collections::BTreeSet<i32> = book
                .appraisals
                .iter()
                .filter(|a| a.date <= last)
                .map(|a| a.year)
                .collect();
            if let Some(y) = years.last().copied() {
                tables.push(e(
                    "appraisal_stats",
                    "民主评议情况",
                    150,
                    Box::new(book.appraisal_stats(reg, y)),
                ));
                tables.push(e(
                    "appraisal",
                    "民主评议计票",
                    151,
                    Box::new(book.appraisal_table(reg, y)),
                ));
            }
            tables.push(e(
                "letters",
                "组织关系介绍信",
                152,
                Box::new(book.letter_table(reg, last)),
            ));
            tables.push(e(
                "change_register",
                "增减名册",
                153,
                Box::new(crate::year::ChangeRegister::build(ds, reg, first, last)),
            ));
        }
        if !report.agenda.is_empty() {
            tables.push(e(
                "agenda",
                "待办与提醒",
                160,
                Box::new(
                    crate::agenda::Agenda::build(ds, reg, last, 31)
                        .map_err(|e| ReportError::from_agenda(e, year, month))?,
                ),
            ));
        }
        if let Some(p) = &report.practices {
            for (name, sheet, order, t) in [
                ("practice_pairings", "结对帮扶", 170, &p.pairings),
                ("practice_idle", "未开展帮扶的结对", 171, &p.idle),
                ("practice_grids", "网格", 172, &p.grids),
                ("practice_service_days", "固定服务日", 173, &p.schedules),
                ("practice_cobuild", "区域联建", 174, &p.cobuild),
                ("practice_declarations", "积分申报", 175, &p.declarations),
            ] {
                tables.push(e(name, sheet, order, Box::new(t.clone())));
            }
        }
        Ok(ReportTables { tables })
    }

    /// The tables, in file order (see [`ReportTables::file_names`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::report::{MonthlyReport, ReportOptions, ReportTables};
    /// let ds = dangjian::io::Dataset::sample_small();
    /// let reg = ds.to_registry()?;
    /// let r = MonthlyReport::build_with(&ds, &reg, 2024, 3, &ReportOptions::default())?;
    /// let t = ReportTables::build(&ds, &reg, &r)?;
    /// assert_eq!(t.tables()[0].name(), "membership");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tables(&self) -> Vec<&dyn Table> {
        self.tables.iter().map(|e| e.table.as_ref()).collect()
    }

    /// The tables in the order of the text report's sections, each with its short sheet name.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::report::{MonthlyReport, ReportOptions, ReportTables};
    /// let ds = dangjian::io::Dataset::sample_small();
    /// let reg = ds.to_registry()?;
    /// let r = MonthlyReport::build_with(&ds, &reg, 2024, 3, &ReportOptions::default())?;
    /// let t = ReportTables::build(&ds, &reg, &r)?;
    /// let sheets = t.sheets();
    /// assert_eq!(sheets.len(), t.tables().len());
    /// let mut names: Vec<&str> = sheets.iter().map(|(s, _)| *s).collect();
    /// names.sort();
    /// names.dedup();
    /// assert_eq!(names.len(), sheets.len()); // sheet names are unique
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn sheets(&self) -> Vec<(&'static str, &dyn Table)> {
        let mut v: Vec<&Entry> = self.tables.iter().collect();
        crate::sort::sort_by_key(&mut v, |e| e.section);
        v.into_iter().map(|e| (e.sheet, e.table.as_ref())).collect()
    }

    /// File names (`NN-stem.csv`): the statistics tables first, then the other sections.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::report::{MonthlyReport, ReportOptions, ReportTables};
    /// let ds = dangjian::io::Dataset::sample_small();
    /// let reg = ds.to_registry()?;
    /// let r = MonthlyReport::build_with(&ds, &reg, 2024, 3, &ReportOptions::default())?;
    /// let names = ReportTables::build(&ds, &reg, &r)?.file_names();
    /// assert!(names.iter().enumerate().all(|(i, n)| n.starts_with(&format!("{:02}-", i + 1)) && n.ends_with(".csv")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn file_names(&self) -> Vec<String> {
        self.tables
            .iter()
            .enumerate()
            .map(|(i, e)| format!("{:02}-{}.csv", i + 1, e.stem))
            .collect()
    }

    /// Each table as CSV with Chinese headers and a byte-order mark (so Excel reads the UTF-8),
    /// after the privacy `options`, paired with its file name.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::report::{MonthlyReport, ReportOptions, ReportTables};
    /// use dangjian::stats::ExportOptions;
    /// let ds = dangjian::io::Dataset::sample_small();
    /// let reg = ds.to_registry()?;
    /// let r = MonthlyReport::build_with(&ds, &reg, 2024, 3, &ReportOptions::default())?;
    /// let files = ReportTables::build(&ds, &reg, &r)?.to_csv_files(&ExportOptions::form())?;
    /// let (name, csv) = &files[0];
    /// assert_eq!(name, "01-membership.csv");
    /// assert!(csv.starts_with('\u{feff}')); // a byte-order mark, for Excel
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
            .map(|(name, e)| {
                Ok((
                    name,
                    crate::stats::export_csv(e.table.as_ref(), options, &csv)?,
                ))
            })
            .collect()
    }

    /// One workbook, a sheet per section in the order of the text report (short unique sheet
    /// names, the section's title over distinct Chinese headers, shares as percentages, widths
    /// that fit), after the privacy `options`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::report::{MonthlyReport, ReportOptions, ReportTables};
    /// use dangjian::stats::ExportOptions;
    /// let ds = dangjian::io::Dataset::sample_small();
    /// let reg = ds.to_registry()?;
    /// let r = MonthlyReport::build_with(&ds, &reg, 2024, 3, &ReportOptions::default())?;
    /// let bytes = ReportTables::build(&ds, &reg, &r)?.to_xlsx(&ExportOptions::form())?;
    /// assert!(bytes.starts_with(b"PK")); // an .xlsx is a zip archive
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "xlsx")]
    pub fn to_xlsx(&self, options: &ExportOptions) -> Result<Vec<u8>, ReportError> {
        super::workbook::write(&self.sheets(), options)
    }
}
