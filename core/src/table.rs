//! Columnar report tables and their export to CSV and Excel `.xlsx`.
//!
//! Every report the library produces (membership statistics, flows, dues arrears, meeting
//! compliance, …) is a struct of vectors — one `Vec` per column — and implements [`Table`], which
//! lends the columns out as typed slices ([`ColumnData`]) with an English name, a Chinese header
//! and a [`Role`]. The same borrowed view feeds three consumers without per-row work:
//!
//! - [`to_csv`]: RFC 4180 CSV through the `csv` crate, English or Chinese headers, optional BOM
//!   (Excel needs it to read UTF-8 Chinese);
//! - `to_xlsx` (feature `xlsx`): a formatted workbook through `rust_xlsxwriter`, one sheet per
//!   table with a title row, bold bordered Chinese headers, frozen header rows and number formats —
//!   the form secretaries hand upward;
//! - the language bindings, which turn each slice into an Arrow array;
//! - Rust programs reading a table as rows: [`Table::rows`], [`Table::sorted_by`] and
//!   [`Table::sorted_by_desc`] give [`Row`]s of typed [`Cell`]s under the same privacy rules (see
//!   [`Cell`]); an [`OwnedTable`]'s columns read typed with [`OwnedTable::values`] and
//!   [`ColumnValues::as_u64s`], [`ColumnValues::as_strs`] and the like.
//!
//! Personal data cannot leave unmasked through this layer: ID numbers and phones are carried as
//! [`IdNumber`] / [`Phone`] and rendered only in masked form, and every text cell is scrubbed of
//! anything that parses as an ID number or a mobile number ([`scrub`]). The privacy-aware layer
//! (pseudonymized member ids, small-cell suppression) is [`crate::stats::export`].
//!
//! ```
//! use dangjian::table::{to_csv, Column, ColumnData, CsvOptions, Role, Table};
//! struct Heads { org: Vec<String>, n: Vec<u64> }
//! impl Table for Heads {
//!     fn name(&self) -> &str { "heads" }
//!     fn title_zh(&self) -> String { "党员人数".into() }
//!     fn len(&self) -> usize { self.n.len() }
//!     fn columns(&self) -> Vec<Column<'_>> {
//!         vec![
//!             Column::new("org", "组织", Role::Key, ColumnData::Str(self.org.iter().map(String::as_str).collect())),
//!             Column::new("members", "党员数", Role::Count, ColumnData::U64(&self.n)),
//!         ]
//!     }
//! }
//! let t = Heads { org: vec!["B1".into(), "B2".into()], n: vec![40, 38] };
//! let csv = to_csv(&t, &CsvOptions::zh()).unwrap();
//! assert_eq!(csv, "组织,党员数\nB1,40\nB2,38\n");
//! ```

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::fixed::Fixed;
use crate::privacy::{IdNumber, Phone};

mod rows;
pub use rows::{Cell, Row, Rows};

/// What a column holds, which decides how the privacy layer treats it.
///
/// # Examples
///
/// ```
/// # use dangjian::stats::{membership, Rollup};
/// # use dangjian::synth::{sample_community, SAMPLE_AS_OF};
/// # let reg = sample_community().to_registry()?;
/// use dangjian::table::{Role, Table};
/// let t = membership(&reg, SAMPLE_AS_OF, Rollup::Subtree);
/// let role = |name: &str| t.columns().iter().find(|c| c.name == name).map(|c| c.role);
/// assert_eq!(role("org"), Some(Role::Key));
/// assert_eq!(role("headcount"), Some(Role::Count));
/// assert_eq!(role("avg_age"), Some(Role::Measure));
/// assert_eq!(serde_json::to_string(&Role::MemberId)?, r#""member_id""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Identifies the row and is not personal (organization id, period, category label).
    Key,
    /// Descriptive text that is not personal (organization name, kind, reason codes).
    Text,
    /// A member id: replaced by a keyed pseudonym in analysis exports.
    MemberId,
    /// A person's name: masked or dropped in analysis exports.
    PersonName,
    /// A count of people (or of person-events): subject to small-cell suppression.
    Count,
    /// A number derived from the counts of its row (share, average, money total): suppressed
    /// whenever a count it depends on is suppressed (see [`Structure::derived`]; with no entry,
    /// it depends on every count of its row).
    Measure,
    /// A value that does not describe a group of people (a date, a flag, a threshold).
    Value,
}

/// The values of one column, borrowed from the table's struct of vectors.
///
/// # Examples
///
/// ```
/// use dangjian::table::{cell_text, Column, ColumnData, HeaderLang, Role};
/// let paid = [2_450, 120_000];
/// let col = Column::new("paid", "已交党费", Role::Measure, ColumnData::Fen(&paid));
/// // Money is kept in fen and shown in yuan.
/// assert_eq!(cell_text(&col, 1, HeaderLang::Zh, "*"), "1200.00");
/// assert_eq!(col.data.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnData<'a> {
    /// Unsigned integers (counts).
    U64(&'a [u64]),
    /// Unsigned integers that may be absent (shown empty).
    OptU64(&'a [Option<u64>]),
    /// Small unsigned integers (ranks, window indices).
    U32(&'a [u32]),
    /// Tiny unsigned integers (grade indices, stars).
    U8(&'a [u8]),
    /// Signed integers (net changes).
    I64(&'a [i64]),
    /// Money in integer fen (分); shown as yuan with two decimals.
    Fen(&'a [i64]),
    /// Money in fen that may be absent.
    OptFen(&'a [Option<i64>]),
    /// Exact decimals with three places (points, averages).
    Fixed(&'a [Fixed]),
    /// Exact decimals that may be absent.
    OptFixed(&'a [Option<Fixed>]),
    /// Flags; shown `是`/`否` with Chinese headers, `true`/`false` with English ones.
    Bool(&'a [bool]),
    /// Dates (ISO 8601 in CSV, date cells in Excel).
    Date(&'a [NaiveDate]),
    /// Dates that may be absent.
    OptDate(&'a [Option<NaiveDate>]),
    /// Text (empty for none).
    Str(Vec<&'a str>),
    /// Text made for the column (a period label, enum codes): owned, otherwise as [`ColumnData::Str`].
    Text(Vec<String>),
    /// Resident ID numbers: always rendered masked (`110***********1234`).
    IdNumber(Vec<Option<&'a IdNumber>>),
    /// Phones: always rendered masked (`138****5678`).
    Phone(Vec<Option<&'a Phone>>),
}

impl ColumnData<'_> {
    /// Number of values.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::ColumnData;
    /// assert_eq!(ColumnData::U64(&[40, 38]).len(), 2);
    /// assert_eq!(ColumnData::Str(vec!["B1"]).len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        match self {
            ColumnData::U64(v) => v.len(),
            ColumnData::OptU64(v) => v.len(),
            ColumnData::U32(v) => v.len(),
            ColumnData::U8(v) => v.len(),
            ColumnData::I64(v) | ColumnData::Fen(v) => v.len(),
            ColumnData::OptFen(v) => v.len(),
            ColumnData::Fixed(v) => v.len(),
            ColumnData::OptFixed(v) => v.len(),
            ColumnData::Bool(v) => v.len(),
            ColumnData::Date(v) => v.len(),
            ColumnData::OptDate(v) => v.len(),
            ColumnData::Str(v) => v.len(),
            ColumnData::Text(v) => v.len(),
            ColumnData::IdNumber(v) => v.len(),
            ColumnData::Phone(v) => v.len(),
        }
    }

    /// Whether there are no values.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::ColumnData;
    /// assert!(ColumnData::Bool(&[]).is_empty());
    /// assert!(!ColumnData::I64(&[-1]).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value at `row` as an unsigned count, for count-like columns.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::ColumnData;
    /// assert_eq!(ColumnData::U64(&[40, 38]).count_at(1), Some(38));
    /// assert_eq!(ColumnData::U64(&[40, 38]).count_at(2), None);
    /// assert_eq!(ColumnData::Fen(&[2_450]).count_at(0), None); // money is not a count
    /// ```
    pub fn count_at(&self, row: usize) -> Option<u64> {
        match self {
            ColumnData::U64(v) => v.get(row).copied(),
            ColumnData::OptU64(v) => v.get(row).copied().flatten(),
            ColumnData::U32(v) => v.get(row).map(|x| u64::from(*x)),
            ColumnData::U8(v) => v.get(row).map(|x| u64::from(*x)),
            _ => None,
        }
    }
}

/// One column of a [`Table`]: names, role, values, and which cells are suppressed.
///
/// # Examples
///
/// ```
/// use dangjian::table::{cell_text, Column, ColumnData, HeaderLang, Role};
/// let counts = [40, 2];
/// let small = [false, true];
/// let col = Column {
///     suppressed: Some(&small),
///     ..Column::new("members", "党员数", Role::Count, ColumnData::U64(&counts))
/// };
/// assert_eq!(col.label_zh, "党员数");
/// assert_eq!(cell_text(&col, 0, HeaderLang::Zh, "*"), "40");
/// assert_eq!(cell_text(&col, 1, HeaderLang::Zh, "*"), "*");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Column<'a> {
    /// Stable snake_case name (English header, Arrow field name).
    pub name: Cow<'a, str>,
    /// Chinese header (表头).
    pub label_zh: Cow<'a, str>,
    /// What the column holds.
    pub role: Role,
    /// The values.
    pub data: ColumnData<'a>,
    /// Cells withheld by small-cell suppression (`true` = show the marker instead of the value).
    pub suppressed: Option<&'a [bool]>,
}

impl<'a> Column<'a> {
    /// A column with static names and no suppressed cells.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::{Column, ColumnData, Role};
    /// let col = Column::new("members", "党员数", Role::Count, ColumnData::U64(&[40, 38]));
    /// assert_eq!((col.name.as_ref(), col.label_zh.as_ref()), ("members", "党员数"));
    /// assert_eq!(col.suppressed, None);
    /// ```
    pub fn new(
        name: &'static str,
        label_zh: &'static str,
        role: Role,
        data: ColumnData<'a>,
    ) -> Self {
        Column {
            name: Cow::Borrowed(name),
            label_zh: Cow::Borrowed(label_zh),
            role,
            data,
            suppressed: None,
        }
    }

    /// A column whose Chinese header is the vocabulary's ([`label_zh_of`]; the name itself
    /// when the vocabulary does not know it, which the table tests refuse).
    ///
    /// ```
    /// use dangjian::table::{Column, ColumnData, Role};
    /// let c = Column::known("total", Role::Value, ColumnData::Fixed(&[]));
    /// assert_eq!(c.label_zh, "总分");
    /// ```
    pub fn known(name: &'static str, role: Role, data: ColumnData<'a>) -> Self {
        Column::new(name, label_zh_of(name).unwrap_or(name), role, data)
    }

    /// Whether the cell at `row` is suppressed.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::{Column, ColumnData, Role};
    /// let col = Column {
    ///     suppressed: Some(&[false, true]),
    ///     ..Column::new("members", "党员数", Role::Count, ColumnData::U64(&[40, 2]))
    /// };
    /// assert!(!col.is_suppressed(0) && col.is_suppressed(1));
    /// assert!(!col.is_suppressed(5)); // past the end: nothing withheld
    /// ```
    pub fn is_suppressed(&self, row: usize) -> bool {
        self.suppressed
            .and_then(|s| s.get(row))
            .copied()
            .unwrap_or(false)
    }
}

/// A linear relation every row of a table satisfies: `Σ left = Σ right` over count columns.
///
/// # Examples
///
/// ```
/// use dangjian::table::Equation;
/// let e = Equation::sum("headcount", &["full", "probationary"]);
/// assert_eq!(e.left, ["headcount"]);
/// assert_eq!(e.right, ["full", "probationary"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Equation {
    /// Columns summed on the left.
    pub left: Vec<String>,
    /// Columns summed on the right.
    pub right: Vec<String>,
}

impl Equation {
    /// `total = Σ parts`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::Equation;
    /// let e = Equation::sum("headcount", &["male", "female"]);
    /// assert_eq!((e.left.len(), e.right.len()), (1, 2));
    /// ```
    pub fn sum(total: &str, parts: &[&str]) -> Equation {
        Equation {
            left: vec![total.to_string()],
            right: parts.iter().map(|p| p.to_string()).collect(),
        }
    }

    /// `Σ left = Σ right`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::Equation;
    /// // Members at the start plus those gained equal members at the end plus those lost.
    /// let e = Equation::balance(&["start", "gained"], &["end", "lost"]);
    /// assert_eq!(e.left, ["start", "gained"]);
    /// assert_eq!(e.right, ["end", "lost"]);
    /// ```
    pub fn balance(left: &[&str], right: &[&str]) -> Equation {
        Equation {
            left: left.iter().map(|p| p.to_string()).collect(),
            right: right.iter().map(|p| p.to_string()).collect(),
        }
    }
}

/// The additive relations among a table's count cells, which small-cell suppression must respect
/// so that a withheld cell cannot be recomputed from the published ones.
///
/// # Examples
///
/// ```
/// # use dangjian::stats::{membership, Rollup};
/// # use dangjian::synth::{sample_community, SAMPLE_AS_OF};
/// # let reg = sample_community().to_registry()?;
/// use dangjian::table::{Equation, Table};
/// let t = membership(&reg, SAMPLE_AS_OF, Rollup::Subtree);
/// let s = t.structure();
/// assert!(s.equations.contains(&Equation::sum("headcount", &["full", "probationary"])));
/// // Rows 1.. roll up into the general branch (row 0).
/// assert_eq!(s.parent.first(), Some(&None));
/// assert_eq!(s.parent.get(1), Some(&Some(0)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Structure {
    /// Relations that hold in every row (by column names of [`Role::Count`] columns).
    pub equations: Vec<Equation>,
    /// Row hierarchy: `parent[r]` is the row whose counts include row `r`'s (rolled-up tables):
    /// in every count column, a parent's value is the sum of its child rows' values (plus a
    /// remainder not in the table where `remainder` says so). Empty when rows are independent.
    pub parent: Vec<Option<usize>>,
    /// `remainder[r]`: row `r`'s counts may exceed the sum of its child rows by an amount not in
    /// the table (members placed directly in a branch that also has groups). Empty = none.
    pub remainder: Vec<bool>,
    /// For [`Role::Measure`] columns: the count columns each depends on (a measure without an
    /// entry depends on every count column of its row).
    pub derived: Vec<(String, Vec<String>)>,
    /// Count columns the row hierarchy does not hold for (e.g. moves between organizations,
    /// which cancel in a common parent).
    pub not_additive: Vec<String>,
}

/// A report table in columnar form.
///
/// # Examples
///
/// ```
/// # use dangjian::stats::{membership, Rollup};
/// # use dangjian::synth::{sample_community, SAMPLE_AS_OF};
/// # let reg = sample_community().to_registry()?;
/// use dangjian::table::Table;
/// let t = membership(&reg, SAMPLE_AS_OF, Rollup::Subtree);
/// assert_eq!(t.name(), "membership");
/// assert_eq!(t.len(), 12); // the general branch, 4 branches, 7 groups
/// let top = t.rows().next().ok_or("no rows")?;
/// assert_eq!(top.text("org_name").as_deref(), Some("翔凤社区党总支"));
/// assert_eq!(top.u64("headcount"), Some(158));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Table {
    /// Stable snake_case name, used for file names.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::{membership, Rollup};
    /// # use dangjian::synth::{sample_community, SAMPLE_AS_OF};
    /// # let reg = sample_community().to_registry()?;
    /// use dangjian::table::Table;
    /// let t = membership(&reg, SAMPLE_AS_OF, Rollup::Subtree);
    /// assert_eq!(t.name(), "membership"); // e.g. the file name `membership.csv`
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn name(&self) -> &str;
    /// Chinese title (the first row of the Excel sheet), e.g. `党员队伍统计表（截至2026-10-31）`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::{membership, Rollup};
    /// # use dangjian::synth::{sample_community, SAMPLE_AS_OF};
    /// # let reg = sample_community().to_registry()?;
    /// use dangjian::table::Table;
    /// let t = membership(&reg, SAMPLE_AS_OF, Rollup::Subtree);
    /// assert_eq!(t.title_zh(), "党员队伍基本情况统计表（截至2026-10-31，含下级）");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn title_zh(&self) -> String;
    /// Number of rows.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
    /// # let t = OwnedTable { name: "heads".into(), title_zh: "党员人数".into(), rows: 2, columns: vec![
    /// #     OwnedColumn::new("org", "组织", Role::Key, ColumnValues::Str(vec!["B1".into(), "B2".into()])),
    /// #     OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::U64(vec![40, 38])),
    /// # ] };
    /// assert_eq!(t.len(), 2);
    /// assert_eq!(t.rows().count(), t.len());
    /// ```
    fn len(&self) -> usize;
    /// Whether there are no rows.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
    /// # let t = OwnedTable { name: "heads".into(), title_zh: "党员人数".into(), rows: 2, columns: vec![
    /// #     OwnedColumn::new("org", "组织", Role::Key, ColumnValues::Str(vec!["B1".into(), "B2".into()])),
    /// #     OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::U64(vec![40, 38])),
    /// # ] };
    /// assert!(!t.is_empty());
    /// let none = OwnedTable { rows: 0, columns: vec![], ..t };
    /// assert!(none.is_empty());
    /// ```
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The columns, in display order. Every column has [`Table::len`] values.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
    /// # let t = OwnedTable { name: "heads".into(), title_zh: "党员人数".into(), rows: 2, columns: vec![
    /// #     OwnedColumn::new("org", "组织", Role::Key, ColumnValues::Str(vec!["B1".into(), "B2".into()])),
    /// #     OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::U64(vec![40, 38])),
    /// # ] };
    /// let headers: Vec<String> = t.columns().iter().map(|c| c.label_zh.to_string()).collect();
    /// assert_eq!(headers, ["组织", "党员数"]);
    /// assert_eq!(t.columns().get(1).and_then(|c| c.data.count_at(0)), Some(40));
    /// ```
    fn columns(&self) -> Vec<Column<'_>>;
    /// The additive relations among the count cells (none by default).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
    /// # let t = OwnedTable { name: "heads".into(), title_zh: "党员人数".into(), rows: 2, columns: vec![
    /// #     OwnedColumn::new("org", "组织", Role::Key, ColumnValues::Str(vec!["B1".into(), "B2".into()])),
    /// #     OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::U64(vec![40, 38])),
    /// # ] };
    /// // An owned table declares no relations among its counts.
    /// assert!(t.structure().equations.is_empty());
    /// ```
    fn structure(&self) -> Structure {
        Structure::default()
    }
    /// The rows in table order, each a [`Row`] of typed [`Cell`]s (see [`Row`] and [`Cell`]).
    ///
    /// ```
    /// use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
    /// let t = OwnedTable {
    ///     name: "heads".into(),
    ///     title_zh: "党员人数".into(),
    ///     rows: 2,
    ///     columns: vec![OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::U64(vec![40, 38]))],
    /// };
    /// let counts: Vec<u64> = t.rows().filter_map(|r| r.u64("members")).collect();
    /// assert_eq!(counts, [40, 38]);
    /// ```
    fn rows(&self) -> Rows<'_> {
        Rows::of(self)
    }
    /// The rows stably sorted by the column named `column`, ascending (text by code point);
    /// absent and suppressed cells last. `None` when the table has no such column.
    ///
    /// ```
    /// use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
    /// let t = OwnedTable {
    ///     name: "heads".into(),
    ///     title_zh: "党员人数".into(),
    ///     rows: 3,
    ///     columns: vec![OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::OptU64(vec![Some(40), None, Some(38)]))],
    /// };
    /// let rows: Vec<usize> = t.sorted_by("members").unwrap().map(|r| r.index()).collect();
    /// assert_eq!(rows, [2, 0, 1]);
    /// ```
    fn sorted_by(&self, column: &str) -> Option<Rows<'_>> {
        Rows::of(self).sorted(column, false)
    }
    /// The rows stably sorted by the column named `column`, descending; absent and suppressed
    /// cells still last. `None` when the table has no such column.
    ///
    /// ```
    /// use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
    /// let t = OwnedTable {
    ///     name: "heads".into(),
    ///     title_zh: "党员人数".into(),
    ///     rows: 3,
    ///     columns: vec![OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::OptU64(vec![Some(40), None, Some(38)]))],
    /// };
    /// let rows: Vec<usize> = t.sorted_by_desc("members").unwrap().map(|r| r.index()).collect();
    /// assert_eq!(rows, [0, 2, 1]);
    /// ```
    fn sorted_by_desc(&self, column: &str) -> Option<Rows<'_>> {
        Rows::of(self).sorted(column, true)
    }
}

/// Why a table could not be exported.
///
/// # Examples
///
/// ```
/// # use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
/// # let t = OwnedTable { name: "heads".into(), title_zh: "党员人数".into(), rows: 2, columns: vec![
/// #     OwnedColumn::new("org", "组织", Role::Key, ColumnValues::Str(vec!["B1".into(), "B2".into()])),
/// #     OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::U64(vec![40, 38])),
/// # ] };
/// use dangjian::table::{to_csv, CsvOptions, TableError};
/// let ragged = OwnedTable { rows: 3, ..t };
/// let err = to_csv(&ragged, &CsvOptions::en()).unwrap_err();
/// assert!(matches!(err, TableError::Ragged { expected: 3, actual: 2, .. }));
/// assert_eq!(err.code(), "ragged");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    /// A column's length differs from the table's row count.
    #[error(
        "table `{table}`: column `{column}` has {actual} values, the table has {expected} rows"
    )]
    Ragged {
        /// The table.
        table: String,
        /// The column.
        column: String,
        /// Rows of the table.
        expected: usize,
        /// Values in the column.
        actual: usize,
    },
    /// The table's [`Structure`] names a column that does not exist or is not a count.
    #[error("table `{table}`: structure names column `{column}`, which is not a count column of the table")]
    UnknownColumn {
        /// The table.
        table: String,
        /// The column named.
        column: String,
    },
    /// The structure's row vectors do not match the row count.
    #[error("table `{table}`: structure has {actual} row entries for {expected} rows")]
    BadStructure {
        /// The table.
        table: String,
        /// Rows of the table.
        expected: usize,
        /// Entries in `parent` or `remainder`.
        actual: usize,
    },
    /// The CSV writer failed.
    #[error("CSV output of table `{table}` failed: {message}")]
    Csv {
        /// The table.
        table: String,
        /// What the writer said.
        message: String,
    },
    /// The Excel writer failed.
    #[error("xlsx output of table `{table}` failed: {message}")]
    Xlsx {
        /// The table (or `workbook`).
        table: String,
        /// What the writer said.
        message: String,
    },
}

impl TableError {
    /// A stable machine-readable code for the variant.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
    /// # let t = OwnedTable { name: "heads".into(), title_zh: "党员人数".into(), rows: 2, columns: vec![
    /// #     OwnedColumn::new("org", "组织", Role::Key, ColumnValues::Str(vec!["B1".into(), "B2".into()])),
    /// #     OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::U64(vec![40, 38])),
    /// # ] };
    /// use dangjian::table::check_shape;
    /// let ragged = OwnedTable { rows: 1, ..t };
    /// assert_eq!(check_shape(&ragged).map_err(|e| e.code()), Err("ragged"));
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            TableError::Ragged { .. } => "ragged",
            TableError::UnknownColumn { .. } => "unknown_column",
            TableError::BadStructure { .. } => "bad_structure",
            TableError::Csv { .. } => "csv",
            TableError::Xlsx { .. } => "xlsx",
        }
    }
}

/// Checks that every column of `table` has [`Table::len`] values.
///
/// # Examples
///
/// ```
/// # use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
/// # let t = OwnedTable { name: "heads".into(), title_zh: "党员人数".into(), rows: 2, columns: vec![
/// #     OwnedColumn::new("org", "组织", Role::Key, ColumnValues::Str(vec!["B1".into(), "B2".into()])),
/// #     OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::U64(vec![40, 38])),
/// # ] };
/// use dangjian::table::check_shape;
/// assert!(check_shape(&t).is_ok());
/// let ragged = OwnedTable { rows: 3, ..t };
/// assert!(check_shape(&ragged).is_err());
/// ```
pub fn check_shape(table: &dyn Table) -> Result<(), TableError> {
    let n = table.len();
    for c in table.columns() {
        if c.data.len() != n || c.suppressed.is_some_and(|s| s.len() != n) {
            return Err(TableError::Ragged {
                table: table.name().into(),
                column: c.name.into_owned(),
                expected: n,
                actual: c.data.len(),
            });
        }
    }
    Ok(())
}

/// Which header row to write.
///
/// # Examples
///
/// ```
/// # use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
/// # let t = OwnedTable { name: "heads".into(), title_zh: "党员人数".into(), rows: 2, columns: vec![
/// #     OwnedColumn::new("org", "组织", Role::Key, ColumnValues::Str(vec!["B1".into(), "B2".into()])),
/// #     OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::U64(vec![40, 38])),
/// # ] };
/// use dangjian::table::{to_csv, CsvOptions, HeaderLang};
/// let zh = CsvOptions { header: HeaderLang::Zh, ..CsvOptions::default() };
/// assert!(to_csv(&t, &zh)?.starts_with("组织,党员数\n"));
/// assert!(to_csv(&t, &CsvOptions::default())?.starts_with("org,members\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeaderLang {
    /// The snake_case column names (for analysis tools).
    #[default]
    En,
    /// The Chinese headers (for forms).
    Zh,
}

/// Options of [`to_csv`].
///
/// # Examples
///
/// ```
/// # use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
/// # let t = OwnedTable { name: "heads".into(), title_zh: "党员人数".into(), rows: 2, columns: vec![
/// #     OwnedColumn::new("org", "组织", Role::Key, ColumnValues::Str(vec!["B1".into(), "B2".into()])),
/// #     OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::U64(vec![40, 38])),
/// # ] };
/// use dangjian::table::{to_csv, CsvOptions};
/// // For Excel: Chinese headers and a byte order mark.
/// let opts = CsvOptions { bom: true, ..CsvOptions::zh() };
/// assert_eq!(to_csv(&t, &opts)?, "\u{feff}组织,党员数\nB1,40\nB2,38\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvOptions {
    /// Header language.
    pub header: HeaderLang,
    /// Start with a UTF-8 byte order mark, so that Excel reads Chinese text correctly.
    pub bom: bool,
    /// Text shown in suppressed cells.
    pub marker: String,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            header: HeaderLang::En,
            bom: false,
            marker: SUPPRESSED_MARKER.into(),
        }
    }
}

impl CsvOptions {
    /// English headers, no BOM.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
    /// # let t = OwnedTable { name: "heads".into(), title_zh: "党员人数".into(), rows: 2, columns: vec![
    /// #     OwnedColumn::new("org", "组织", Role::Key, ColumnValues::Str(vec!["B1".into(), "B2".into()])),
    /// #     OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::U64(vec![40, 38])),
    /// # ] };
    /// use dangjian::table::{to_csv, CsvOptions};
    /// assert_eq!(to_csv(&t, &CsvOptions::en())?, "org,members\nB1,40\nB2,38\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn en() -> Self {
        CsvOptions::default()
    }

    /// Chinese headers, no BOM.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
    /// # let t = OwnedTable { name: "heads".into(), title_zh: "党员人数".into(), rows: 2, columns: vec![
    /// #     OwnedColumn::new("org", "组织", Role::Key, ColumnValues::Str(vec!["B1".into(), "B2".into()])),
    /// #     OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::U64(vec![40, 38])),
    /// # ] };
    /// use dangjian::table::{to_csv, CsvOptions};
    /// assert_eq!(to_csv(&t, &CsvOptions::zh())?, "组织,党员数\nB1,40\nB2,38\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn zh() -> Self {
        CsvOptions {
            header: HeaderLang::Zh,
            ..CsvOptions::default()
        }
    }
}

/// The Chinese header of a column name used by the score, what-if, explanation, activity and
/// organization tables the bindings build (which carry no header of their own), if known.
///
/// ```
/// assert_eq!(dangjian::table::label_zh_of("rank_in_org"), Some("组织内排名"));
/// assert_eq!(dangjian::table::label_zh_of("no_such_column"), None);
/// ```
pub fn label_zh_of(name: &str) -> Option<&'static str> {
    const LABELS: &[(&str, &str)] = &[
        ("basic", "基础分"),
        ("cap", "封顶"),
        ("category", "类别"),
        ("code", "代码"),
        ("counted", "计入积分"),
        ("date", "日期"),
        ("deduction", "扣分"),
        ("demoted", "超出名额降等"),
        ("dissolved", "撤销日期"),
        ("founded", "成立日期"),
        ("full", "正式党员"),
        ("gained", "增减"),
        ("grade", "等次"),
        ("grade_a", "等次（方案一）"),
        ("grade_b", "等次（方案二）"),
        ("grade_index", "等次序号"),
        ("id", "编号"),
        ("item", "积分项目"),
        ("kind", "类型"),
        ("level", "层级"),
        ("members", "党员数"),
        ("name", "名称"),
        ("note", "备注"),
        ("org", "组织编号"),
        ("org_kind", "组织类别"),
        ("org_level", "组织层级"),
        ("org_name", "组织名称"),
        ("parent", "上级组织"),
        ("period", "考核期"),
        ("probationary", "预备党员"),
        ("quantity", "数量"),
        ("rank_a", "排名（方案一）"),
        ("rank_b", "排名（方案二）"),
        ("rank_before", "上期排名"),
        ("rank_in_org", "组织内排名"),
        ("rank_in_org_a", "组织内排名（方案一）"),
        ("rank_in_org_b", "组织内排名（方案二）"),
        ("rank_now", "本期排名"),
        ("rank_overall", "总排名"),
        ("raw", "原始积分"),
        ("reverses", "冲销记录"),
        ("reward", "奖励分"),
        ("spearman", "等级相关系数"),
        ("stars", "星级"),
        ("status", "状态"),
        ("subject", "考核对象"),
        ("total", "总分"),
        ("total_a", "总分（方案一）"),
        ("total_b", "总分（方案二）"),
        ("veto", "否决项分"),
        ("vetoed", "一票否决"),
        ("window", "封顶周期"),
    ];
    LABELS
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .and_then(|i| LABELS.get(i))
        .map(|(_, l)| *l)
}

/// The default text of a suppressed cell.
///
/// # Examples
///
/// ```
/// use dangjian::table::{CsvOptions, SUPPRESSED_MARKER};
/// assert_eq!(SUPPRESSED_MARKER, "*");
/// assert_eq!(CsvOptions::default().marker, SUPPRESSED_MARKER);
/// ```
pub const SUPPRESSED_MARKER: &str = "*";

fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let a = fen.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

/// Masks every run of characters in `s` that is a valid resident ID number (GB 11643-1999,
/// 18 characters with a correct check digit) or looks like a mainland mobile number (11 digits
/// starting with `1`), keeping the first 3 and last 4 characters. Other text is returned as is.
///
/// ```
/// use dangjian::table::scrub;
/// assert_eq!(scrub("电话13812345678"), "电话138****5678");
/// assert_eq!(scrub("11010519491231002X"), "110***********002X");
/// assert_eq!(scrub("XF001 2026-10-31 715500"), "XF001 2026-10-31 715500");
/// ```
pub fn scrub(s: &str) -> Cow<'_, str> {
    let plain = scrub_runs(s);
    // Phones and ID numbers spelled with separators or full-width digits (issue 17).
    if plain
        .chars()
        .any(|c| !c.is_ascii() && ('０'..='９').contains(&c))
        || (plain.contains(|c: char| c.is_ascii_digit())
            && plain.contains([' ', '-', '.', '_', '/', '\u{3000}', '－']))
    {
        let spelled = crate::privacy::redact_spelled(&plain);
        if spelled != plain {
            return Cow::Owned(spelled);
        }
    }
    plain
}

/// [`scrub`]'s ASCII runs: valid ID numbers and mobile numbers.
fn scrub_runs(s: &str) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    let is_run = |b: u8| b.is_ascii_digit() || b == b'X' || b == b'x';
    let mut out: Option<String> = None;
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes.get(i).copied().is_some_and(is_run) {
            i += 1;
            continue;
        }
        let start = i;
        while bytes.get(i).copied().is_some_and(is_run) {
            i += 1;
        }
        // ASCII run boundaries are char boundaries.
        let run = s.get(start..i).unwrap_or("");
        let sensitive = match run.len() {
            18 => run.parse::<IdNumber>().is_ok(),
            11 => run.starts_with('1') && run.bytes().all(|b| b.is_ascii_digit()),
            _ => false,
        };
        if sensitive {
            let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
            o.push_str(s.get(last..start).unwrap_or(""));
            o.push_str(&crate::privacy::mask(run, 3, 4));
            last = i;
        }
    }
    match out {
        None => Cow::Borrowed(s),
        Some(mut o) => {
            o.push_str(s.get(last..).unwrap_or(""));
            Cow::Owned(o)
        }
    }
}

/// The text of one cell as CSV writes it (masked, scrubbed; the marker when suppressed).
///
/// # Examples
///
/// ```
/// use dangjian::table::{cell_text, Column, ColumnData, HeaderLang, Role};
/// let col = Column::new("full", "正式党员", Role::Value, ColumnData::Bool(&[true, false]));
/// assert_eq!(cell_text(&col, 0, HeaderLang::Zh, "*"), "是");
/// assert_eq!(cell_text(&col, 1, HeaderLang::En, "*"), "false");
/// let note = Column::new("note", "备注", Role::Text, ColumnData::Str(vec!["电话13812345678"]));
/// assert_eq!(cell_text(&note, 0, HeaderLang::Zh, "*"), "电话138****5678");
/// ```
pub fn cell_text<'a>(
    col: &'a Column<'_>,
    row: usize,
    lang: HeaderLang,
    marker: &'a str,
) -> Cow<'a, str> {
    if col.is_suppressed(row) {
        return Cow::Borrowed(marker);
    }
    let opt = |o: Option<String>| Cow::Owned(o.unwrap_or_default());
    match &col.data {
        ColumnData::U64(v) => opt(v.get(row).map(u64::to_string)),
        ColumnData::OptU64(v) => opt(v.get(row).copied().flatten().map(|x| x.to_string())),
        ColumnData::U32(v) => opt(v.get(row).map(u32::to_string)),
        ColumnData::U8(v) => opt(v.get(row).map(u8::to_string)),
        ColumnData::I64(v) => opt(v.get(row).map(i64::to_string)),
        ColumnData::Fen(v) => opt(v.get(row).map(|x| yuan(*x))),
        ColumnData::OptFen(v) => opt(v.get(row).copied().flatten().map(yuan)),
        ColumnData::Fixed(v) => opt(v.get(row).map(Fixed::to_string)),
        ColumnData::OptFixed(v) => opt(v.get(row).copied().flatten().map(|x| x.to_string())),
        ColumnData::Bool(v) => match (v.get(row), lang) {
            (Some(true), HeaderLang::Zh) => Cow::Borrowed("是"),
            (Some(false), HeaderLang::Zh) => Cow::Borrowed("否"),
            (Some(true), HeaderLang::En) => Cow::Borrowed("true"),
            (Some(false), HeaderLang::En) => Cow::Borrowed("false"),
            (None, _) => Cow::Borrowed(""),
        },
        ColumnData::Date(v) => opt(v.get(row).map(NaiveDate::to_string)),
        ColumnData::OptDate(v) => opt(v.get(row).copied().flatten().map(|d| d.to_string())),
        ColumnData::Str(v) => match v.get(row) {
            Some(s) => scrub(s),
            None => Cow::Borrowed(""),
        },
        ColumnData::Text(v) => match v.get(row) {
            Some(s) => scrub(s),
            None => Cow::Borrowed(""),
        },
        ColumnData::IdNumber(v) => opt(v.get(row).copied().flatten().map(IdNumber::masked)),
        ColumnData::Phone(v) => opt(v.get(row).copied().flatten().map(Phone::masked)),
    }
}

/// A text cell made safe for spreadsheet programs (OWASP "CSV Injection"): a cell starting
/// with `=`, `+`, `-`, `@`, tab or carriage return is written with a leading `'`, so Excel,
/// LibreOffice and WPS show it as text instead of running it as a formula (a name such as
/// `=HYPERLINK(…)` or `+cmd|…`). Only for text cells: numbers are never passed here.
///
/// ```
/// use dangjian::table::csv_formula_safe;
/// assert_eq!(csv_formula_safe("=1+1"), "'=1+1");
/// assert_eq!(csv_formula_safe("@SUM(A1)"), "'@SUM(A1)");
/// assert_eq!(csv_formula_safe("张三"), "张三");
/// ```
pub fn csv_formula_safe(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Whether `s` is a plain decimal number as the library writes them (`-5`, `+5`, `-1.250`).
fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// A cell of a CSV writer whose cells are all strings (numbers already formatted): plain
/// numbers stay as they are, every other cell goes through [`csv_formula_safe`].
pub(crate) fn csv_cell(s: String) -> String {
    if is_plain_number(&s) {
        return s;
    }
    match csv_formula_safe(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(o) => o,
    }
}

/// Writes `table` as CSV (header row, then one line per row). ID numbers and phones are masked,
/// money is written in yuan with two decimals (`12.34`), suppressed cells as the marker; text
/// cells that a spreadsheet would run as a formula get a leading `'` ([`csv_formula_safe`]).
///
/// # Examples
///
/// ```
/// # use dangjian::stats::{membership, Rollup};
/// # use dangjian::synth::{sample_community, SAMPLE_AS_OF};
/// # let reg = sample_community().to_registry()?;
/// use dangjian::table::{to_csv, CsvOptions};
/// let t = membership(&reg, SAMPLE_AS_OF, Rollup::Subtree);
/// let csv = to_csv(&t, &CsvOptions::zh())?;
/// let mut lines = csv.lines();
/// assert!(lines.next().ok_or("empty")?.starts_with("组织编号,组织名称,组织类别,组织层级,党员总数"));
/// assert!(lines.next().ok_or("no rows")?.starts_with("Z,翔凤社区党总支,党总支,0,158,153,5,"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_csv(table: &dyn Table, options: &CsvOptions) -> Result<String, TableError> {
    check_shape(table)?;
    let err = |e: csv::Error| TableError::Csv {
        table: table.name().into(),
        message: e.to_string(),
    };
    let cols = table.columns();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(cols.iter().map(|c| match options.header {
        HeaderLang::En => c.name.as_ref(),
        HeaderLang::Zh => c.label_zh.as_ref(),
    }))
    .map_err(err)?;
    for row in 0..table.len() {
        let cells: Vec<Cow<'_, str>> = cols
            .iter()
            .map(|c| {
                let text = cell_text(c, row, options.header, &options.marker);
                if matches!(c.data, ColumnData::Str(_) | ColumnData::Text(_))
                    && !c.is_suppressed(row)
                {
                    match csv_formula_safe(&text) {
                        Cow::Borrowed(_) => text,
                        Cow::Owned(o) => Cow::Owned(o),
                    }
                } else {
                    text
                }
            })
            .collect();
        w.write_record(cells.iter().map(|c| c.as_bytes()))
            .map_err(err)?;
    }
    let bytes = w.into_inner().map_err(|e| TableError::Csv {
        table: table.name().into(),
        message: e.to_string(),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| TableError::Csv {
        table: table.name().into(),
        message: e.to_string(),
    })?;
    Ok(if options.bom {
        format!("\u{feff}{text}")
    } else {
        text
    })
}

/// Owned values of one column, for tables built at run time (e.g. the output of the privacy
/// layer). Mirrors [`ColumnData`], except that personal identifiers are already strings.
///
/// # Examples
///
/// ```
/// use dangjian::table::ColumnValues;
/// let v = ColumnValues::Fen(vec![2_450, 0]);
/// assert_eq!(v.as_fens(), Some(&[2_450, 0][..]));
/// // Serialized with its type, as the bindings and JSON exports read it.
/// assert_eq!(serde_json::to_string(&v)?, r#"{"type":"fen","values":[2450,0]}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", content = "values", rename_all = "snake_case")]
pub enum ColumnValues {
    /// Unsigned integers.
    U64(Vec<u64>),
    /// Optional unsigned integers.
    OptU64(Vec<Option<u64>>),
    /// Signed integers.
    I64(Vec<i64>),
    /// Money in fen.
    Fen(Vec<i64>),
    /// Optional money in fen.
    OptFen(Vec<Option<i64>>),
    /// Exact decimals.
    Fixed(Vec<Fixed>),
    /// Optional exact decimals.
    OptFixed(Vec<Option<Fixed>>),
    /// Flags.
    Bool(Vec<bool>),
    /// Dates.
    Date(Vec<NaiveDate>),
    /// Optional dates.
    OptDate(Vec<Option<NaiveDate>>),
    /// Text.
    Str(Vec<String>),
}

impl ColumnValues {
    /// A borrowed view.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::{ColumnData, ColumnValues};
    /// let v = ColumnValues::U64(vec![40, 38]);
    /// assert_eq!(v.as_data(), ColumnData::U64(&[40, 38]));
    /// ```
    pub fn as_data(&self) -> ColumnData<'_> {
        match self {
            ColumnValues::U64(v) => ColumnData::U64(v),
            ColumnValues::OptU64(v) => ColumnData::OptU64(v),
            ColumnValues::I64(v) => ColumnData::I64(v),
            ColumnValues::Fen(v) => ColumnData::Fen(v),
            ColumnValues::OptFen(v) => ColumnData::OptFen(v),
            ColumnValues::Fixed(v) => ColumnData::Fixed(v),
            ColumnValues::OptFixed(v) => ColumnData::OptFixed(v),
            ColumnValues::Bool(v) => ColumnData::Bool(v),
            ColumnValues::Date(v) => ColumnData::Date(v),
            ColumnValues::OptDate(v) => ColumnData::OptDate(v),
            ColumnValues::Str(v) => ColumnData::Str(v.iter().map(String::as_str).collect()),
        }
    }

    /// An owned copy of `data`; ID numbers and phones are copied in masked form only.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::{ColumnData, ColumnValues};
    /// let v = ColumnValues::from_data(&ColumnData::Str(vec!["电话13812345678"]));
    /// // Text is scrubbed when copied: a phone never leaves unmasked.
    /// assert_eq!(v.as_strs(), Some(&["电话138****5678".to_string()][..]));
    /// ```
    pub fn from_data(data: &ColumnData<'_>) -> ColumnValues {
        match data {
            ColumnData::U64(v) => ColumnValues::U64(v.to_vec()),
            ColumnData::OptU64(v) => ColumnValues::OptU64(v.to_vec()),
            ColumnData::U32(v) => ColumnValues::U64(v.iter().map(|x| u64::from(*x)).collect()),
            ColumnData::U8(v) => ColumnValues::U64(v.iter().map(|x| u64::from(*x)).collect()),
            ColumnData::I64(v) => ColumnValues::I64(v.to_vec()),
            ColumnData::Fen(v) => ColumnValues::Fen(v.to_vec()),
            ColumnData::OptFen(v) => ColumnValues::OptFen(v.to_vec()),
            ColumnData::Fixed(v) => ColumnValues::Fixed(v.to_vec()),
            ColumnData::OptFixed(v) => ColumnValues::OptFixed(v.to_vec()),
            ColumnData::Bool(v) => ColumnValues::Bool(v.to_vec()),
            ColumnData::Date(v) => ColumnValues::Date(v.to_vec()),
            ColumnData::OptDate(v) => ColumnValues::OptDate(v.to_vec()),
            ColumnData::Str(v) => {
                ColumnValues::Str(v.iter().map(|s| scrub(s).into_owned()).collect())
            }
            ColumnData::Text(v) => {
                ColumnValues::Str(v.iter().map(|s| scrub(s).into_owned()).collect())
            }
            ColumnData::IdNumber(v) => ColumnValues::Str(
                v.iter()
                    .map(|x| x.map(IdNumber::masked).unwrap_or_default())
                    .collect(),
            ),
            ColumnData::Phone(v) => ColumnValues::Str(
                v.iter()
                    .map(|x| x.map(Phone::masked).unwrap_or_default())
                    .collect(),
            ),
        }
    }
}

/// Typed access to the values: each `as_*` gives the slice when the column is of that type
/// and `None` otherwise (no conversion between types).
///
/// ```
/// use dangjian::table::ColumnValues;
/// let v = ColumnValues::U64(vec![3, 4]);
/// assert_eq!(v.as_u64s(), Some(&[3, 4][..]));
/// assert_eq!(v.as_strs(), None);
/// let names = ColumnValues::Str(vec!["一支部".into()]);
/// assert_eq!(names.as_strs().unwrap_or_default(), ["一支部"]);
/// ```
impl ColumnValues {
    /// Number of values.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::ColumnValues;
    /// assert_eq!(ColumnValues::Str(vec!["B1".into(), "B2".into()]).len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.as_data().len()
    }

    /// Whether there are no values.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::ColumnValues;
    /// assert!(ColumnValues::Date(vec![]).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The values of an unsigned integer column.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::ColumnValues;
    /// assert_eq!(ColumnValues::U64(vec![40, 38]).as_u64s(), Some(&[40, 38][..]));
    /// assert_eq!(ColumnValues::I64(vec![40]).as_u64s(), None);
    /// ```
    pub fn as_u64s(&self) -> Option<&[u64]> {
        match self {
            ColumnValues::U64(v) => Some(v),
            _ => None,
        }
    }

    /// The values of an optional unsigned integer column.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::ColumnValues;
    /// assert_eq!(ColumnValues::OptU64(vec![Some(3), None]).as_opt_u64s(), Some(&[Some(3), None][..]));
    /// assert_eq!(ColumnValues::U64(vec![3]).as_opt_u64s(), None);
    /// ```
    pub fn as_opt_u64s(&self) -> Option<&[Option<u64>]> {
        match self {
            ColumnValues::OptU64(v) => Some(v),
            _ => None,
        }
    }

    /// The values of a signed integer column (not money: see [`ColumnValues::as_fens`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::ColumnValues;
    /// assert_eq!(ColumnValues::I64(vec![-2, 5]).as_i64s(), Some(&[-2, 5][..]));
    /// assert_eq!(ColumnValues::Fen(vec![500]).as_i64s(), None);
    /// ```
    pub fn as_i64s(&self) -> Option<&[i64]> {
        match self {
            ColumnValues::I64(v) => Some(v),
            _ => None,
        }
    }

    /// The values of a money column, in fen.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::ColumnValues;
    /// assert_eq!(ColumnValues::Fen(vec![2_450]).as_fens(), Some(&[2_450][..]));
    /// assert_eq!(ColumnValues::I64(vec![2_450]).as_fens(), None);
    /// ```
    pub fn as_fens(&self) -> Option<&[i64]> {
        match self {
            ColumnValues::Fen(v) => Some(v),
            _ => None,
        }
    }

    /// The values of an exact decimal column.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::fixed::Fixed;
    /// use dangjian::table::ColumnValues;
    /// let v = ColumnValues::Fixed(vec![Fixed::from_raw(7_500)]);
    /// assert_eq!(v.as_fixeds(), Some(&[Fixed::from_raw(7_500)][..]));
    /// assert_eq!(ColumnValues::OptFixed(vec![None]).as_fixeds(), None);
    /// ```
    pub fn as_fixeds(&self) -> Option<&[Fixed]> {
        match self {
            ColumnValues::Fixed(v) => Some(v),
            _ => None,
        }
    }

    /// The values of a flag column.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::ColumnValues;
    /// assert_eq!(ColumnValues::Bool(vec![true, false]).as_bools(), Some(&[true, false][..]));
    /// assert_eq!(ColumnValues::Str(vec!["是".into()]).as_bools(), None);
    /// ```
    pub fn as_bools(&self) -> Option<&[bool]> {
        match self {
            ColumnValues::Bool(v) => Some(v),
            _ => None,
        }
    }

    /// The values of a date column.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::chrono::NaiveDate;
    /// use dangjian::table::ColumnValues;
    /// let day = NaiveDate::from_ymd_opt(2026, 10, 31).ok_or("bad date")?;
    /// assert_eq!(ColumnValues::Date(vec![day]).as_dates(), Some(&[day][..]));
    /// assert_eq!(ColumnValues::OptDate(vec![Some(day)]).as_dates(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_dates(&self) -> Option<&[NaiveDate]> {
        match self {
            ColumnValues::Date(v) => Some(v),
            _ => None,
        }
    }

    /// The values of an optional date column.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::chrono::NaiveDate;
    /// use dangjian::table::ColumnValues;
    /// let day = NaiveDate::from_ymd_opt(2026, 7, 1);
    /// assert_eq!(ColumnValues::OptDate(vec![day, None]).as_opt_dates(), Some(&[day, None][..]));
    /// ```
    pub fn as_opt_dates(&self) -> Option<&[Option<NaiveDate>]> {
        match self {
            ColumnValues::OptDate(v) => Some(v),
            _ => None,
        }
    }

    /// The values of a text column.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::ColumnValues;
    /// assert_eq!(ColumnValues::Str(vec!["第一党支部".into()]).as_strs(), Some(&["第一党支部".to_string()][..]));
    /// assert_eq!(ColumnValues::U64(vec![1]).as_strs(), None);
    /// ```
    pub fn as_strs(&self) -> Option<&[String]> {
        match self {
            ColumnValues::Str(v) => Some(v),
            _ => None,
        }
    }
}

/// One column of an [`OwnedTable`].
///
/// # Examples
///
/// ```
/// use dangjian::table::{ColumnValues, OwnedColumn, Role};
/// let mut c = OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::U64(vec![40, 2]));
/// c.suppressed = vec![false, true]; // the second cell is withheld
/// assert_eq!(serde_json::to_value(&c)?["suppressed"], serde_json::json!([false, true]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OwnedColumn {
    /// snake_case name.
    pub name: String,
    /// Chinese header.
    pub label_zh: String,
    /// Role.
    pub role: Role,
    /// Values.
    pub values: ColumnValues,
    /// Suppressed cells (empty = none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<bool>,
}

impl OwnedColumn {
    /// A column without suppressed cells.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::{ColumnValues, OwnedColumn, Role};
    /// let c = OwnedColumn::new("org", "组织", Role::Key, ColumnValues::Str(vec!["B1".into()]));
    /// assert_eq!((c.name.as_str(), c.label_zh.as_str()), ("org", "组织"));
    /// assert!(c.suppressed.is_empty());
    /// ```
    pub fn new(name: &str, label_zh: &str, role: Role, values: ColumnValues) -> OwnedColumn {
        OwnedColumn {
            name: name.into(),
            label_zh: label_zh.into(),
            role,
            values,
            suppressed: Vec::new(),
        }
    }
}

/// A table whose columns are built at run time; implements [`Table`].
///
/// # Examples
///
/// ```
/// # use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
/// # let t = OwnedTable { name: "heads".into(), title_zh: "党员人数".into(), rows: 2, columns: vec![
/// #     OwnedColumn::new("org", "组织", Role::Key, ColumnValues::Str(vec!["B1".into(), "B2".into()])),
/// #     OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::U64(vec![40, 38])),
/// # ] };
/// use dangjian::table::{to_csv, CsvOptions};
/// assert_eq!(to_csv(&t, &CsvOptions::zh())?, "组织,党员数\nB1,40\nB2,38\n");
/// // Tables travel as JSON and read back equal.
/// let back: OwnedTable = serde_json::from_str(&serde_json::to_string(&t)?)?;
/// assert_eq!(back, t);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OwnedTable {
    /// snake_case name.
    pub name: String,
    /// Chinese title.
    pub title_zh: String,
    /// Rows.
    pub rows: usize,
    /// Columns.
    pub columns: Vec<OwnedColumn>,
}

impl OwnedTable {
    /// An owned copy of any table (ID numbers and phones masked, text scrubbed).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::{membership, Rollup};
    /// # use dangjian::synth::{sample_community, SAMPLE_AS_OF};
    /// # let reg = sample_community().to_registry()?;
    /// use dangjian::table::{OwnedTable, Table};
    /// let t = OwnedTable::copy_of(&membership(&reg, SAMPLE_AS_OF, Rollup::Subtree));
    /// assert_eq!((t.name.as_str(), t.len()), ("membership", 12));
    /// let heads = t.values("headcount").and_then(|v| v.as_u64s()).ok_or("no headcount")?;
    /// assert_eq!(heads.first(), Some(&158));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn copy_of(table: &dyn Table) -> OwnedTable {
        OwnedTable {
            name: table.name().into(),
            title_zh: table.title_zh(),
            rows: table.len(),
            columns: table
                .columns()
                .iter()
                .map(|c| OwnedColumn {
                    name: c.name.to_string(),
                    label_zh: c.label_zh.to_string(),
                    role: c.role,
                    values: ColumnValues::from_data(&c.data),
                    suppressed: c.suppressed.map(<[bool]>::to_vec).unwrap_or_default(),
                })
                .collect(),
        }
    }

    /// The column named `name`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
    /// # let t = OwnedTable { name: "heads".into(), title_zh: "党员人数".into(), rows: 2, columns: vec![
    /// #     OwnedColumn::new("org", "组织", Role::Key, ColumnValues::Str(vec!["B1".into(), "B2".into()])),
    /// #     OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::U64(vec![40, 38])),
    /// # ] };
    /// let c = t.column("members").ok_or("no column")?;
    /// assert_eq!(c.label_zh, "党员数");
    /// assert!(t.column("no_such_column").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn column(&self, name: &str) -> Option<&OwnedColumn> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The values of the column named `name`, to read typed with [`ColumnValues::as_u64s`],
    /// [`ColumnValues::as_strs`] and the like.
    ///
    /// ```
    /// use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role};
    /// let t = OwnedTable {
    ///     name: "heads".into(),
    ///     title_zh: "党员人数".into(),
    ///     rows: 2,
    ///     columns: vec![OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::U64(vec![40, 38]))],
    /// };
    /// let total: u64 = t.values("members").and_then(ColumnValues::as_u64s).unwrap_or_default().iter().sum();
    /// assert_eq!(total, 78);
    /// ```
    pub fn values(&self, name: &str) -> Option<&ColumnValues> {
        self.column(name).map(|c| &c.values)
    }
}

impl Table for OwnedTable {
    fn name(&self) -> &str {
        &self.name
    }
    fn title_zh(&self) -> String {
        self.title_zh.clone()
    }
    fn len(&self) -> usize {
        self.rows
    }
    fn columns(&self) -> Vec<Column<'_>> {
        self.columns
            .iter()
            .map(|c| Column {
                name: Cow::Borrowed(c.name.as_str()),
                label_zh: Cow::Borrowed(c.label_zh.as_str()),
                role: c.role,
                data: c.values.as_data(),
                suppressed: if c.suppressed.is_empty() {
                    None
                } else {
                    Some(&c.suppressed)
                },
            })
            .collect()
    }
}

/// Options of [`to_xlsx`] and [`to_xlsx_sheets`].
///
/// # Examples
///
/// ```
/// # use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
/// # let t = OwnedTable { name: "heads".into(), title_zh: "党员人数".into(), rows: 2, columns: vec![
/// #     OwnedColumn::new("org", "组织", Role::Key, ColumnValues::Str(vec!["B1".into(), "B2".into()])),
/// #     OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::U64(vec![40, 38])),
/// # ] };
/// use dangjian::table::{to_xlsx, XlsxOptions};
/// let opts = XlsxOptions { shares_as_percent: true, ..XlsxOptions::default() };
/// let workbook = to_xlsx(&[&t], &opts)?;
/// assert!(workbook.starts_with(b"PK")); // an .xlsx file is a zip archive
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "xlsx")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XlsxOptions {
    /// Header language (Chinese by default: the sheets are forms).
    pub header: HeaderLang,
    /// Text shown in suppressed cells.
    pub marker: String,
    /// Write shares kept in basis points or per mille (a `…_bp` or `…_permille` column, a
    /// header ending `（万分比）` or `（‰）`) as Excel percentages, the header ending `（%）`
    /// (the report workbook). Off by default: cells keep the table's numbers.
    pub shares_as_percent: bool,
}

#[cfg(feature = "xlsx")]
impl Default for XlsxOptions {
    fn default() -> Self {
        XlsxOptions {
            header: HeaderLang::Zh,
            marker: SUPPRESSED_MARKER.into(),
            shares_as_percent: false,
        }
    }
}

/// How a column's numbers are shown.
#[cfg(feature = "xlsx")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scale {
    /// As they are.
    Plain,
    /// Basis points (1/10000) shown as a percentage.
    BasisPoints,
    /// Per mille shown as a percentage.
    PerMille,
}

/// The header shown and the scale of a column: `出席率（万分比）` → `出席率（%）`, percent; a
/// `…_permille` column → percent.
#[cfg(feature = "xlsx")]
fn header_and_scale<'a>(name: &str, label: &'a str) -> (Cow<'a, str>, Scale) {
    for tag in ["（万分比）", "(万分比)", "（‱）"] {
        if let Some(base) = label.strip_suffix(tag) {
            return (Cow::Owned(format!("{base}（%）")), Scale::BasisPoints);
        }
    }
    for tag in ["（千分比）", "(千分比)", "（‰）"] {
        if let Some(base) = label.strip_suffix(tag) {
            return (Cow::Owned(format!("{base}（%）")), Scale::PerMille);
        }
    }
    if name.ends_with("_bp") {
        return (Cow::Owned(format!("{label}（%）")), Scale::BasisPoints);
    }
    if name.ends_with("_permille") {
        return (Cow::Owned(format!("{label}（%）")), Scale::PerMille);
    }
    (Cow::Borrowed(label), Scale::Plain)
}

/// Headers made distinct: a repeated header gets `（2）`, `（3）` …
#[cfg(feature = "xlsx")]
fn distinct(headers: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(headers.len());
    for h in headers {
        let mut name = h.clone();
        let mut k = 2;
        while out.contains(&name) {
            name = format!("{h}（{k}）");
            k += 1;
        }
        out.push(name);
    }
    out
}

/// A sheet name Excel accepts (at most 31 characters, none of `[]:*?/\'`), unique in `used`.
#[cfg(feature = "xlsx")]
fn sheet_name(want: &str, used: &mut Vec<String>) -> String {
    let clean: String = want
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\''))
        .take(28)
        .collect();
    let base = if clean.trim().is_empty() {
        "表".to_string()
    } else {
        clean.trim().to_string()
    };
    let mut name = base.clone();
    let mut k = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        name = format!("{base}{k}");
        k += 1;
    }
    used.push(name.clone());
    name
}

/// Display width of `s` in a fixed-width font: CJK characters count two.
pub(crate) fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
        .sum()
}

/// Writes `tables` into one `.xlsx` workbook, one sheet per table named after its title (see
/// [`to_xlsx_sheets`], the one cell writer of the library).
///
/// Excel stores numbers as IEEE doubles: integers up to 2^53 and fen amounts up to 2^53 fen are
/// exact; use CSV for exact decimal text.
///
/// ```
/// # #[cfg(feature = "xlsx")] {
/// use dangjian::table::{to_xlsx, XlsxOptions};
/// let reg = dangjian::Registry::sample_small();
/// let t = dangjian::stats::membership(&reg, "2024-01-01".parse().unwrap(), dangjian::stats::Rollup::Subtree);
/// let bytes = to_xlsx(&[&t], &XlsxOptions::default()).unwrap();
/// assert_eq!(&bytes[..2], b"PK"); // a zip container
/// # }
/// ```
#[cfg(feature = "xlsx")]
pub fn to_xlsx(tables: &[&dyn Table], options: &XlsxOptions) -> Result<Vec<u8>, TableError> {
    let titles: Vec<String> = tables.iter().map(|t| t.title_zh()).collect();
    let sheets: Vec<(&str, &dyn Table)> = titles
        .iter()
        .map(String::as_str)
        .zip(tables.iter().copied())
        .collect();
    to_xlsx_sheets(&sheets, options)
}

/// Writes `sheets` (wanted sheet name, table) into one `.xlsx` workbook: per table a sheet
/// with a unique name Excel accepts, the table's title in bold, a bold bordered header row
/// (frozen; headers made distinct), then the data: counts as integer cells, money in yuan
/// (`#,##0.00`), points with up to three decimals, dates as date cells, suppressed cells as the
/// marker, ID numbers and phones masked, text scrubbed; columns as wide as their widest cell.
/// The CLI's report workbook and [`to_xlsx`] (Python's `write_xlsx`) both write through it.
///
/// ```
/// # #[cfg(feature = "xlsx")] {
/// use dangjian::table::{to_xlsx_sheets, Table, XlsxOptions};
/// let reg = dangjian::Registry::sample_small();
/// let t = dangjian::stats::membership(&reg, "2024-01-01".parse().unwrap(), dangjian::stats::Rollup::Subtree);
/// let bytes = to_xlsx_sheets(&[("队伍结构", &t as &dyn Table)], &XlsxOptions::default()).unwrap();
/// assert_eq!(&bytes[..2], b"PK");
/// # }
/// ```
#[cfg(feature = "xlsx")]
pub fn to_xlsx_sheets(
    sheets: &[(&str, &dyn Table)],
    options: &XlsxOptions,
) -> Result<Vec<u8>, TableError> {
    use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook};

    let mut wb = Workbook::new();
    let title_fmt = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Left)
        .set_align(FormatAlign::VerticalCenter);
    let head_fmt = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color(0xD9E1F2)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let cell = Format::new().set_border(FormatBorder::Thin);
    let int_fmt = cell.clone().set_num_format("0");
    let money_fmt = cell.clone().set_num_format("#,##0.00");
    let fixed_fmt = cell.clone().set_num_format("0.###");
    let pct_fmt = cell.clone().set_num_format("0.0%");
    let pct2_fmt = cell.clone().set_num_format("0.00%");
    let date_fmt = cell.clone().set_num_format("yyyy-mm-dd");
    let marker = options.marker.as_str();
    let mut used = Vec::new();
    for (want, table) in sheets {
        check_shape(*table)?;
        let xerr = |e: rust_xlsxwriter::XlsxError| TableError::Xlsx {
            table: table.name().into(),
            message: e.to_string(),
        };
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(want, &mut used)).map_err(xerr)?;
        let cols = table.columns();
        ws.write_string_with_format(0, 0, table.title_zh(), &title_fmt)
            .map_err(xerr)?;
        ws.set_row_height(0, 24).map_err(xerr)?;
        let heads: Vec<(String, Scale)> = cols
            .iter()
            .map(|c| {
                let label = match options.header {
                    HeaderLang::En => c.name.as_ref(),
                    HeaderLang::Zh => c.label_zh.as_ref(),
                };
                if options.shares_as_percent {
                    let (h, s) = header_and_scale(&c.name, label);
                    (h.into_owned(), s)
                } else {
                    (label.to_string(), Scale::Plain)
                }
            })
            .collect();
        let names = distinct(heads.iter().map(|(h, _)| h.clone()).collect());
        let mut widths: Vec<usize> = names.iter().map(|h| display_width(h)).collect();
        for (j, h) in names.iter().enumerate() {
            let jj = u16::try_from(j).map_err(|_| TableError::Xlsx {
                table: table.name().into(),
                message: "more columns than a sheet holds".into(),
            })?;
            ws.write_string_with_format(1, jj, h, &head_fmt)
                .map_err(xerr)?;
        }
        for row in 0..table.len() {
            let r = u32::try_from(row + 2).map_err(|_| TableError::Xlsx {
                table: table.name().into(),
                message: "more rows than a sheet holds".into(),
            })?;
            for (j, c) in cols.iter().enumerate() {
                let jj = j as u16;
                let scale = heads.get(j).map_or(Scale::Plain, |(_, s)| *s);
                let text = cell_text(c, row, options.header, marker);
                let shown_w = match scale {
                    Scale::Plain => display_width(&text),
                    _ => display_width(&text) + 2,
                };
                if let Some(w) = widths.get_mut(j) {
                    *w = (*w).max(shown_w);
                }
                if c.is_suppressed(row) {
                    ws.write_string_with_format(r, jj, marker, &cell)
                        .map_err(xerr)?;
                    continue;
                }
                let mut num = |v: Option<f64>, f: &Format| -> Result<(), TableError> {
                    match v {
                        Some(v) => ws.write_number_with_format(r, jj, v, f).map(|_| ()),
                        None => ws.write_blank(r, jj, &cell).map(|_| ()),
                    }
                    .map_err(xerr)
                };
                let scaled = |x: f64| match scale {
                    Scale::Plain => x,
                    Scale::BasisPoints => x / 10_000.0,
                    Scale::PerMille => x / 1000.0,
                };
                let count_fmt = match scale {
                    Scale::Plain => &int_fmt,
                    Scale::BasisPoints => &pct2_fmt,
                    Scale::PerMille => &pct_fmt,
                };
                let count = c.data.count_at(row);
                match &c.data {
                    ColumnData::U64(_)
                    | ColumnData::OptU64(_)
                    | ColumnData::U32(_)
                    | ColumnData::U8(_) => num(count.map(|x| scaled(x as f64)), count_fmt)?,
                    ColumnData::I64(v) => num(v.get(row).map(|x| scaled(*x as f64)), count_fmt)?,
                    ColumnData::Fen(v) => num(v.get(row).map(|x| *x as f64 / 100.0), &money_fmt)?,
                    ColumnData::OptFen(v) => num(
                        v.get(row).copied().flatten().map(|x| x as f64 / 100.0),
                        &money_fmt,
                    )?,
                    ColumnData::Fixed(v) => {
                        num(v.get(row).map(|x| x.raw() as f64 / 1000.0), &fixed_fmt)?
                    }
                    ColumnData::OptFixed(v) => num(
                        v.get(row)
                            .copied()
                            .flatten()
                            .map(|x| x.raw() as f64 / 1000.0),
                        &fixed_fmt,
                    )?,
                    ColumnData::Date(_) | ColumnData::OptDate(_) => {
                        let d = match &c.data {
                            ColumnData::Date(v) => v.get(row).copied(),
                            ColumnData::OptDate(v) => v.get(row).copied().flatten(),
                            _ => None,
                        };
                        let xd = d.and_then(|d| {
                            use chrono::Datelike;
                            let y = u16::try_from(d.year()).ok()?;
                            ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok()
                        });
                        match xd {
                            Some(xd) => ws
                                .write_datetime_with_format(r, jj, &xd, &date_fmt)
                                .map(|_| ()),
                            None => ws
                                .write_string_with_format(r, jj, text.as_ref(), &cell)
                                .map(|_| ()),
                        }
                        .map_err(xerr)?;
                        if let Some(w) = widths.get_mut(j) {
                            *w = (*w).max(10);
                        }
                    }
                    ColumnData::Str(_)
                    | ColumnData::Text(_)
                    | ColumnData::Bool(_)
                    | ColumnData::IdNumber(_)
                    | ColumnData::Phone(_) => ws
                        .write_string_with_format(r, jj, text.as_ref(), &cell)
                        .map(|_| ())
                        .map_err(xerr)?,
                }
            }
        }
        ws.set_freeze_panes(2, 0).map_err(xerr)?;
        for (j, w) in widths.iter().enumerate() {
            let w = (*w as f64 + 2.0).clamp(6.0, 60.0);
            ws.set_column_width(j as u16, w).map_err(xerr)?;
        }
        ws.set_row_height(1, 30).map_err(xerr)?;
    }
    wb.save_to_buffer().map_err(|e| TableError::Xlsx {
        table: "workbook".into(),
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    struct T {
        s: Vec<String>,
        n: Vec<u64>,
        f: Vec<i64>,
    }
    impl Table for T {
        fn name(&self) -> &str {
            "t"
        }
        fn title_zh(&self) -> String {
            "测试".into()
        }
        fn len(&self) -> usize {
            self.n.len()
        }
        fn columns(&self) -> Vec<Column<'_>> {
            vec![
                Column::new(
                    "s",
                    "文字",
                    Role::Text,
                    ColumnData::Str(self.s.iter().map(String::as_str).collect()),
                ),
                Column::new("n", "数", Role::Count, ColumnData::U64(&self.n)),
                Column::new("f", "金额", Role::Measure, ColumnData::Fen(&self.f)),
            ]
        }
    }

    #[test]
    fn csv_masks_quotes_and_formats_money() {
        let t = T {
            s: vec!["a,b".into(), "手机13812345678".into()],
            n: vec![1, 2],
            f: vec![1505, -5],
        };
        let csv = to_csv(&t, &CsvOptions::en()).unwrap();
        assert_eq!(csv, "s,n,f\n\"a,b\",1,15.05\n手机138****5678,2,-0.05\n");
        let bom = to_csv(
            &t,
            &CsvOptions {
                bom: true,
                ..CsvOptions::zh()
            },
        )
        .unwrap();
        assert!(bom.starts_with("\u{feff}文字,数,金额\n"));
    }

    #[test]
    fn ragged_tables_are_refused() {
        let t = T {
            s: vec!["a".into()],
            n: vec![1, 2],
            f: vec![1, 2],
        };
        assert_eq!(to_csv(&t, &CsvOptions::en()).unwrap_err().code(), "ragged");
    }

    #[test]
    fn scrub_leaves_invalid_id_numbers_and_short_runs() {
        // a bad check digit is not an ID number; 12 digits is not a mobile
        assert_eq!(scrub("110105194912310021"), "110105194912310021");
        assert_eq!(scrub("138123456789"), "138123456789");
        assert_eq!(scrub("a13812345678b"), "a138****5678b");
    }

    #[test]
    fn owned_copy_round_trips_through_csv() {
        let t = T {
            s: vec!["x".into()],
            n: vec![7],
            f: vec![100],
        };
        let o = OwnedTable::copy_of(&t);
        assert_eq!(
            to_csv(&o, &CsvOptions::en()).unwrap(),
            to_csv(&t, &CsvOptions::en()).unwrap()
        );
    }

    #[cfg(feature = "xlsx")]
    #[test]
    fn shares_become_percentages() {
        let (h, s) = header_and_scale("rate_bp", "收缴率（万分比）");
        assert_eq!((h.as_ref(), s), ("收缴率（%）", Scale::BasisPoints));
        let (h, s) = header_and_scale("college_permille", "大专以上占比");
        assert_eq!((h.as_ref(), s), ("大专以上占比（%）", Scale::PerMille));
    }

    #[cfg(feature = "xlsx")]
    #[test]
    fn headers_and_sheet_names_are_distinct() {
        assert_eq!(
            distinct(vec!["党员".into(), "党员".into(), "党员".into()]),
            vec!["党员", "党员（2）", "党员（3）"]
        );
        let mut used = Vec::new();
        assert_eq!(sheet_name("党员队伍", &mut used), "党员队伍");
        assert_eq!(sheet_name("党员队伍", &mut used), "党员队伍2");
    }

    #[cfg(feature = "xlsx")]
    #[test]
    fn xlsx_reads_back_with_calamine() {
        use calamine::{Reader, Xlsx};
        let t = T {
            s: vec!["身份证11010519491231002X".into()],
            n: vec![3],
            f: vec![715500],
        };
        let bytes = to_xlsx(&[&t, &t], &XlsxOptions::default()).unwrap();
        let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let names = wb.sheet_names();
        assert_eq!(names, vec!["测试".to_string(), "测试2".to_string()]);
        let range = wb.worksheet_range("测试").unwrap();
        assert_eq!(range.get_value((0, 0)).unwrap().to_string(), "测试");
        assert_eq!(range.get_value((1, 2)).unwrap().to_string(), "金额");
        assert_eq!(
            range.get_value((2, 0)).unwrap().to_string(),
            "身份证110***********002X"
        );
        assert_eq!(range.get_value((2, 2)).unwrap().to_string(), "7155");
    }
}
