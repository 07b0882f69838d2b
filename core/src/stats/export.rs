//! Privacy-aware export of any [`Table`]: keyed pseudonyms for member ids, masked or dropped
//! names, ID numbers and phones never unmasked, and small-cell suppression with complementary
//! suppression (see [`suppression_mask`]).
//!
//! # Examples
//!
//! ```
//! use dangjian::stats::{export_csv, member_list, ExportOptions};
//! use dangjian::table::CsvOptions;
//! # let reg = dangjian::Registry::sample_small();
//! # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
//! let list = member_list(&reg, d("2024-06-01"));
//! let csv = export_csv(&list, &ExportOptions::analysis(b"a key of 16+ bytes", 3), &CsvOptions::en())?;
//! assert!(!csv.contains("M1,") && !csv.contains("张")); // pseudonyms, no names
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::privacy::{PersonName, Pseudonymizer};
use crate::table::{ColumnData, ColumnValues, OwnedColumn, OwnedTable, Role, Table};

use super::suppress::Grid;
use super::StatsError;

/// What to do with person-name columns.
///
/// # Examples
///
/// ```
/// use dangjian::stats::{member_list, prepare, ExportOptions, NamePolicy};
/// use dangjian::table::ColumnValues;
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let list = member_list(&reg, d("2024-06-01"));
/// let masked = prepare(&list, &ExportOptions { names: NamePolicy::Mask, ..ExportOptions::form() })?;
/// assert!(matches!(&masked.column("name").unwrap().values, ColumnValues::Str(v) if v[0] == "张**"));
/// let dropped = prepare(&list, &ExportOptions { names: NamePolicy::Drop, ..ExportOptions::form() })?;
/// assert!(dropped.column("name").is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum NamePolicy {
    /// Keep full names (forms handed upward name members).
    #[default]
    Keep,
    /// Surname and `*` (`张**`).
    Mask,
    /// Leave the column out.
    Drop,
}

/// How [`prepare`] transforms a table.
///
/// # Examples
///
/// ```
/// use dangjian::stats::{membership, prepare, ExportOptions, Rollup};
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let t = membership(&reg, d("2024-06-01"), Rollup::Direct);
/// let safe = prepare(&t, &ExportOptions { min_count: Some(3), ..ExportOptions::default() })?;
/// let heads = safe.column("headcount").unwrap();
/// assert!(heads.suppressed.iter().any(|s| *s)); // B2's single member is withheld
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Replace member ids by keyed pseudonyms (HMAC-SHA256 with the caller's key).
    pub pseudonymizer: Option<Pseudonymizer>,
    /// Suppress count cells below this threshold `k` (at least 2), with complementary
    /// suppression; measures derived from a suppressed count are suppressed too.
    pub min_count: Option<u64>,
    /// Person names.
    pub names: NamePolicy,
    /// Leave out ID-number and phone columns altogether (they are masked in any case).
    pub drop_contacts: bool,
}

impl ExportOptions {
    /// For forms handed upward: names and member ids kept, ID numbers and phones masked, no
    /// suppression.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::stats::{member_list, prepare, ExportOptions};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let form = prepare(&member_list(&reg, d("2024-06-01")), &ExportOptions::form())?;
    /// assert!(form.column("name").is_some() && form.column("member").is_some()); // names and ids kept
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn form() -> ExportOptions {
        ExportOptions::default()
    }

    /// For analysts: member ids pseudonymized with `key`, names, ID numbers and phones left
    /// out, counts below `k` suppressed.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::stats::{member_list, prepare, ExportOptions};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let opts = ExportOptions::analysis(b"a key of 16+ bytes", 5);
    /// assert_eq!((opts.min_count, opts.drop_contacts), (Some(5), true));
    /// let err = prepare(&member_list(&reg, d("2024-06-01")), &ExportOptions::analysis(b"short", 5)).unwrap_err();
    /// assert_eq!(err.code(), "weak_key");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn analysis(key: &[u8], k: u64) -> ExportOptions {
        ExportOptions {
            pseudonymizer: Some(Pseudonymizer::new(key)),
            min_count: Some(k),
            names: NamePolicy::Drop,
            drop_contacts: true,
        }
    }
}

/// The cells of `table` withheld at threshold `k`, per column (`mask[column][row]`; columns that
/// are neither counts nor measures are never withheld).
///
/// Method (documented in `docs/stats.md`): counts with `1 ≤ value < k` are withheld (zeros are
/// published); then, while the published counts and the table's relations ([`Table::structure`])
/// determine the value of any withheld count — checked exactly by linear algebra over the
/// rationals — a published non-zero count of a relation containing it is withheld too (part
/// columns before totals, leaf rows before parent rows, then the smallest). Finally each measure
/// is withheld in every row where a count it depends on is withheld.
///
/// Guarantee: every published count is 0 or at least `k`, and no withheld count is determined by
/// the published counts through the declared relations.
///
/// # Examples
///
/// ```
/// use dangjian::stats::{membership, suppression_mask, Rollup};
/// use dangjian::table::Table;
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let t = membership(&reg, d("2024-06-01"), Rollup::Subtree);
/// let mask = suppression_mask(&t, 2)?;
/// let heads = t.columns().iter().position(|c| c.name == "headcount").unwrap();
/// // Z 4, B1 3, G1 0, B2 1: the 1 is withheld, and B1 with it (else Z − B1 gives it away)
/// assert_eq!(mask[heads], [false, true, false, true]);
/// assert_eq!(suppression_mask(&t, 1).unwrap_err().code(), "bad_threshold");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn suppression_mask(table: &dyn Table, k: u64) -> Result<Vec<Vec<bool>>, StatsError> {
    if k < 2 {
        return Err(StatsError::BadThreshold { k });
    }
    crate::table::check_shape(table)?;
    let grid = Grid::of(table)?;
    let cells = grid.suppress(k);
    let cols = table.columns();
    let rows = table.len();
    let mut mask = vec![vec![false; rows]; cols.len()];
    for (kc, &j) in grid.table_col.iter().enumerate() {
        if let Some(m) = mask.get_mut(j) {
            for (r, slot) in m.iter_mut().enumerate() {
                *slot = cells.get(r * grid.cols + kc).copied().unwrap_or(false);
            }
        }
    }
    let s = table.structure();
    let col_of = |n: &str| cols.iter().position(|c| c.name == n);
    let counts: Vec<usize> = grid.table_col.clone();
    for (j, c) in cols.iter().enumerate() {
        if c.role != Role::Measure {
            continue;
        }
        let deps: Vec<usize> = match s.derived.iter().find(|(m, _)| *m == c.name) {
            Some((_, d)) => d.iter().filter_map(|n| col_of(n)).collect(),
            None => counts.clone(),
        };
        for r in 0..rows {
            let hit = deps
                .iter()
                .any(|&d| mask.get(d).and_then(|m| m.get(r)).copied().unwrap_or(false));
            if let Some(slot) = mask.get_mut(j).and_then(|m| m.get_mut(r)) {
                *slot = hit;
            }
        }
    }
    Ok(mask)
}

fn zero_out(values: &mut ColumnValues, mask: &[bool]) {
    let hit = |r: usize| mask.get(r).copied().unwrap_or(false);
    match values {
        ColumnValues::U64(v) => v
            .iter_mut()
            .enumerate()
            .filter(|(r, _)| hit(*r))
            .for_each(|(_, x)| *x = 0),
        ColumnValues::OptU64(v) => v
            .iter_mut()
            .enumerate()
            .filter(|(r, _)| hit(*r))
            .for_each(|(_, x)| *x = None),
        ColumnValues::I64(v) | ColumnValues::Fen(v) => v
            .iter_mut()
            .enumerate()
            .filter(|(r, _)| hit(*r))
            .for_each(|(_, x)| *x = 0),
        ColumnValues::OptFen(v) => v
            .iter_mut()
            .enumerate()
            .filter(|(r, _)| hit(*r))
            .for_each(|(_, x)| *x = None),
        ColumnValues::Fixed(v) => v
            .iter_mut()
            .enumerate()
            .filter(|(r, _)| hit(*r))
            .for_each(|(_, x)| *x = crate::fixed::Fixed::ZERO),
        ColumnValues::OptFixed(v) => v
            .iter_mut()
            .enumerate()
            .filter(|(r, _)| hit(*r))
            .for_each(|(_, x)| *x = None),
        ColumnValues::Bool(v) => v
            .iter_mut()
            .enumerate()
            .filter(|(r, _)| hit(*r))
            .for_each(|(_, x)| *x = false),
        ColumnValues::Date(_) => {}
        ColumnValues::OptDate(v) => v
            .iter_mut()
            .enumerate()
            .filter(|(r, _)| hit(*r))
            .for_each(|(_, x)| *x = None),
        ColumnValues::Str(v) => v
            .iter_mut()
            .enumerate()
            .filter(|(r, _)| hit(*r))
            .for_each(|(_, x)| x.clear()),
    }
}

/// Refuses a pseudonymizer whose key is shorter than [`crate::privacy::MIN_KEY_BYTES`] (16
/// bytes): every export that pseudonymizes (analysis tables, scoped rosters) calls this.
///
/// ```
/// use dangjian::privacy::Pseudonymizer;
/// assert_eq!(dangjian::stats::check_key(&Pseudonymizer::new(b"k")).unwrap_err().code(), "weak_key");
/// assert!(dangjian::stats::check_key(&Pseudonymizer::new(b"a key of 16 bytes")).is_ok());
/// ```
pub fn check_key(p: &crate::privacy::Pseudonymizer) -> Result<(), StatsError> {
    if p.key_len() < crate::privacy::MIN_KEY_BYTES {
        return Err(StatsError::WeakKey {
            got: p.key_len(),
            min: crate::privacy::MIN_KEY_BYTES,
        });
    }
    Ok(())
}

/// An owned, privacy-transformed copy of `table`, ready for [`crate::table::to_csv`],
/// `crate::table::to_xlsx` (feature `xlsx`) or JSON. Withheld cells carry the `suppressed` flag and a zeroed
/// value, so the true value is not in the output at all.
///
/// ```
/// use dangjian::stats::{membership, prepare, ExportOptions, Rollup};
/// use dangjian::table::{to_csv, CsvOptions, Table};
/// let reg = dangjian::synth::sample_community().to_registry().unwrap();
/// let t = membership(&reg, dangjian::synth::SAMPLE_AS_OF, Rollup::Subtree);
/// let safe = prepare(&t, &ExportOptions::analysis(b"analyst key, 16+ bytes", 3)).unwrap();
/// let lost = safe.column("lost_contact").unwrap();
/// assert!(lost.suppressed.iter().any(|s| *s)); // the one lost-contact member is withheld
/// let csv = to_csv(&safe, &CsvOptions::en()).unwrap();
/// assert!(csv.lines().nth(1).unwrap().starts_with("Z,"));
/// ```
pub fn prepare(table: &dyn Table, options: &ExportOptions) -> Result<OwnedTable, StatsError> {
    crate::table::check_shape(table)?;
    if let Some(p) = &options.pseudonymizer {
        check_key(p)?;
    }
    let mask = match options.min_count {
        Some(k) => Some(suppression_mask(table, k)?),
        None => None,
    };
    let cols = table.columns();
    let mut out = OwnedTable {
        name: table.name().into(),
        title_zh: table.title_zh(),
        rows: table.len(),
        columns: Vec::with_capacity(cols.len()),
    };
    for (j, c) in cols.iter().enumerate() {
        let contact = matches!(c.data, ColumnData::IdNumber(_) | ColumnData::Phone(_));
        if contact && options.drop_contacts {
            continue;
        }
        if c.role == Role::PersonName && options.names == NamePolicy::Drop {
            continue;
        }
        let mut values = ColumnValues::from_data(&c.data);
        if let ColumnValues::Str(v) = &mut values {
            match c.role {
                Role::MemberId => {
                    if let Some(p) = &options.pseudonymizer {
                        for s in v.iter_mut().filter(|s| !s.is_empty()) {
                            *s = p.pseudonym(s);
                        }
                    }
                }
                Role::PersonName if options.names == NamePolicy::Mask => {
                    for s in v.iter_mut() {
                        *s = PersonName::new(s)
                            .map(|n| n.masked())
                            .unwrap_or_else(|_| "*".repeat(s.chars().count()));
                    }
                }
                _ => {}
            }
        }
        let mut suppressed = c.suppressed.map(<[bool]>::to_vec).unwrap_or_default();
        if let Some(m) = mask.as_ref().and_then(|m| m.get(j)) {
            if m.iter().any(|x| *x) {
                if suppressed.is_empty() {
                    suppressed = m.clone();
                } else {
                    for (a, b) in suppressed.iter_mut().zip(m) {
                        *a |= *b;
                    }
                }
            }
        }
        if !suppressed.is_empty() {
            zero_out(&mut values, &suppressed);
        }
        out.columns.push(OwnedColumn {
            name: c.name.to_string(),
            label_zh: c.label_zh.to_string(),
            role: c.role,
            values,
            suppressed,
        });
    }
    let person_level = out.columns.iter().any(|c| c.role == Role::MemberId);
    if person_level && options.pseudonymizer.is_some() {
        generalize(&mut out);
        if let Some(k) = options.min_count {
            k_anonymize(&mut out, k);
        }
    }
    Ok(out)
}

/// Quasi-identifiers of a pseudonymized person-level table, generalized: every date becomes
/// its year (`birth_date` → `birth_year`), an exact age its ten-year band (`30–39`).
fn generalize(t: &mut OwnedTable) {
    use chrono::Datelike;
    for c in &mut t.columns {
        let renamed = |c: &mut OwnedColumn| {
            let stem = c
                .name
                .strip_suffix("_date")
                .or_else(|| c.name.strip_suffix("_on"))
                .unwrap_or(&c.name)
                .to_string();
            c.name = format!("{stem}_year");
            c.label_zh = format!(
                "{}（年份）",
                c.label_zh.trim_end_matches("日期").trim_end_matches("时间")
            );
        };
        match &c.values {
            ColumnValues::Date(v) => {
                let years = v.iter().map(|d| d.year() as i64).collect();
                c.values = ColumnValues::I64(years);
                renamed(c);
            }
            ColumnValues::OptDate(v) => {
                let years = v
                    .iter()
                    .map(|d| d.map(|d| d.year().max(0) as u64))
                    .collect();
                c.values = ColumnValues::OptU64(years);
                renamed(c);
            }
            ColumnValues::U64(v) if c.name == "age" => {
                let bands = v
                    .iter()
                    .map(|a| format!("{}–{}", a / 10 * 10, a / 10 * 10 + 9))
                    .collect();
                c.values = ColumnValues::Str(bands);
                c.name = "age_band".into();
                c.label_zh = "年龄段".into();
            }
            _ => {}
        }
    }
}

/// Leaves out the rows of a pseudonymized person-level table whose combination of published
/// quasi-identifiers (every column but the pseudonyms) occurs fewer than `k` times, so that no
/// published row singles out fewer than `k` people (k-anonymity).
fn k_anonymize(t: &mut OwnedTable, k: u64) {
    use std::collections::HashMap;
    let keys: Vec<Vec<String>> = {
        let cols = t.columns();
        (0..t.len())
            .map(|r| {
                cols.iter()
                    .filter(|c| c.role != Role::MemberId)
                    .map(|c| {
                        crate::table::cell_text(c, r, crate::table::HeaderLang::En, "\u{1}")
                            .into_owned()
                    })
                    .collect()
            })
            .collect()
    };
    let mut count: HashMap<&[String], u64> = HashMap::new();
    for key in &keys {
        *count.entry(key.as_slice()).or_default() += 1;
    }
    let keep: Vec<bool> = keys
        .iter()
        .map(|key| count.get(key.as_slice()).copied().unwrap_or(0) >= k)
        .collect();
    for c in &mut t.columns {
        retain_rows(&mut c.values, &keep);
        if !c.suppressed.is_empty() {
            let mut i = 0;
            c.suppressed.retain(|_| {
                i += 1;
                keep.get(i - 1).copied().unwrap_or(false)
            });
        }
    }
    t.rows = keep.iter().filter(|x| **x).count();
}

fn retain_rows(values: &mut ColumnValues, keep: &[bool]) {
    fn r<T>(v: &mut Vec<T>, keep: &[bool]) {
        let mut i = 0;
        v.retain(|_| {
            i += 1;
            keep.get(i - 1).copied().unwrap_or(false)
        });
    }
    match values {
        ColumnValues::U64(v) => r(v, keep),
        ColumnValues::OptU64(v) => r(v, keep),
        ColumnValues::I64(v) | ColumnValues::Fen(v) => r(v, keep),
        ColumnValues::OptFen(v) => r(v, keep),
        ColumnValues::Fixed(v) => r(v, keep),
        ColumnValues::OptFixed(v) => r(v, keep),
        ColumnValues::Bool(v) => r(v, keep),
        ColumnValues::Date(v) => r(v, keep),
        ColumnValues::OptDate(v) => r(v, keep),
        ColumnValues::Str(v) => r(v, keep),
    }
}

/// [`prepare`] then CSV.
///
/// # Examples
///
/// ```
/// use dangjian::stats::{export_csv, flows, ExportOptions, Rollup};
/// use dangjian::table::CsvOptions;
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let t = flows(&reg, d("2023-01-01"), d("2023-12-31"), Rollup::Subtree)?;
/// let csv = export_csv(&t, &ExportOptions::form(), &CsvOptions::zh())?;
/// assert!(csv.lines().next().unwrap().contains("期初党员数"));
/// assert_eq!(csv.lines().count(), 1 + 4);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn export_csv(
    table: &dyn Table,
    options: &ExportOptions,
    csv: &crate::table::CsvOptions,
) -> Result<String, StatsError> {
    Ok(crate::table::to_csv(&prepare(table, options)?, csv)?)
}

/// [`prepare`] every table, then one `.xlsx` workbook.
///
/// # Examples
///
/// ```
/// use dangjian::stats::{export_xlsx, membership, pipeline, ExportOptions, Rollup};
/// use dangjian::table::XlsxOptions;
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let (m, p) = (membership(&reg, d("2024-06-01"), Rollup::Subtree), pipeline(&reg, d("2024-06-01"), Rollup::Subtree));
/// let bytes = export_xlsx(&[&m, &p], &ExportOptions::analysis(b"a key of 16+ bytes", 3), &XlsxOptions::default())?;
/// assert_eq!(&bytes[..2], b"PK"); // an .xlsx is a zip file
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "xlsx")]
pub fn export_xlsx(
    tables: &[&dyn Table],
    options: &ExportOptions,
    xlsx: &crate::table::XlsxOptions,
) -> Result<Vec<u8>, StatsError> {
    let prepared: Vec<OwnedTable> = tables
        .iter()
        .map(|t| prepare(*t, options))
        .collect::<Result<_, _>>()?;
    let refs: Vec<&dyn Table> = prepared.iter().map(|t| t as &dyn Table).collect();
    Ok(crate::table::to_xlsx(&refs, xlsx)?)
}
