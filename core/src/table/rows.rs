//! Tables read row by row: [`Table::rows`] and the sorted views [`Table::sorted_by`] /
//! [`Table::sorted_by_desc`].
//!
//! A report table stays a struct of vectors (one `Vec` per column, what Arrow and the exports
//! want); these views let a program walk it as rows without indexing the columns by hand. Each
//! [`Row`] hands out its cells as [`Cell`]s, by column name or position, under the same privacy
//! rules as the CSV export: ID numbers and phones come out masked, text is scrubbed
//! ([`scrub`]) and a suppressed cell is [`Cell::Suppressed`], never its value.
//!
//! # Examples
//!
//! ```
//! # use dangjian::stats::{membership, Rollup};
//! # use dangjian::synth::{sample_community, SAMPLE_AS_OF};
//! # use dangjian::table::Table;
//! # let reg = sample_community().to_registry()?;
//! # let t = membership(&reg, SAMPLE_AS_OF, Rollup::Subtree);
//! // The membership table of the sample community, branch by branch, largest first.
//! let branches: Vec<(String, u64)> = t
//!     .sorted_by_desc("headcount")
//!     .ok_or("no headcount column")?
//!     .filter(|r| r.u64("org_level") == Some(1))
//!     .map(|r| (r.text("org").unwrap_or_default().into_owned(), r.u64("headcount").unwrap_or(0)))
//!     .collect();
//! assert_eq!(branches, [("B1".into(), 61), ("B2".into(), 47), ("B3".into(), 30), ("B4".into(), 20)]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;

use super::{scrub, yuan, Column, ColumnData, Table};
use crate::fixed::Fixed;
use crate::privacy::{IdNumber, Phone};

/// One cell of a [`Row`]: the value, typed, as the table's column holds it.
///
/// Cells of one column share a variant, except [`Cell::Empty`] (an absent optional value) and
/// [`Cell::Suppressed`] (withheld by small-cell suppression). Cells order by value (text by
/// code point, dates by day), which is what [`Table::sorted_by`] uses; `Display` writes the cell
/// as the CSV export does with English headers (money in yuan with two decimals, flags
/// `true`/`false`, a suppressed cell as `*`).
///
/// ```
/// use dangjian::fixed::Fixed;
/// use dangjian::table::Cell;
/// assert_eq!(Cell::Fen(150_050).to_string(), "1500.50");
/// assert_eq!(Cell::Fixed(Fixed::from_raw(7_500)).to_string(), "7.5");
/// assert_eq!(Cell::Suppressed.to_string(), "*");
/// assert_eq!(Cell::U64(3).as_u64(), Some(3));
/// assert_eq!(Cell::Empty.as_u64(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Cell<'a> {
    /// A count or other unsigned integer (counts, ranks, grade indices).
    U64(u64),
    /// A signed integer (net changes).
    I64(i64),
    /// Money in integer fen (分).
    Fen(i64),
    /// An exact decimal with three places (points, averages).
    Fixed(Fixed),
    /// A flag.
    Bool(bool),
    /// A date.
    Date(NaiveDate),
    /// Text: scrubbed of ID numbers and phones ([`scrub`]); ID number and phone columns give
    /// their masked form.
    Str(Cow<'a, str>),
    /// An optional value that is absent.
    Empty,
    /// A cell withheld by small-cell suppression.
    Suppressed,
}

impl Cell<'_> {
    /// The value of a count-like cell.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::Cell;
    /// assert_eq!(Cell::U64(158).as_u64(), Some(158));
    /// assert_eq!(Cell::I64(158).as_u64(), None);
    /// ```
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Cell::U64(x) => Some(*x),
            _ => None,
        }
    }

    /// The value of a signed integer cell (also money, in fen).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::Cell;
    /// assert_eq!(Cell::I64(-3).as_i64(), Some(-3));
    /// assert_eq!(Cell::Fen(2_450).as_i64(), Some(2_450)); // money too, in fen
    /// assert_eq!(Cell::U64(3).as_i64(), None);
    /// ```
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Cell::I64(x) | Cell::Fen(x) => Some(*x),
            _ => None,
        }
    }

    /// The value of a money cell, in fen.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::Cell;
    /// assert_eq!(Cell::Fen(2_450).as_fen(), Some(2_450));
    /// assert_eq!(Cell::I64(2_450).as_fen(), None);
    /// ```
    pub fn as_fen(&self) -> Option<i64> {
        match self {
            Cell::Fen(x) => Some(*x),
            _ => None,
        }
    }

    /// The value of an exact decimal cell.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::fixed::Fixed;
    /// use dangjian::table::Cell;
    /// assert_eq!(Cell::Fixed(Fixed::from_raw(53_177)).as_fixed(), Some("53.177".parse()?));
    /// assert_eq!(Cell::Suppressed.as_fixed(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_fixed(&self) -> Option<Fixed> {
        match self {
            Cell::Fixed(x) => Some(*x),
            _ => None,
        }
    }

    /// The value of a flag cell.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::Cell;
    /// assert_eq!(Cell::Bool(true).as_bool(), Some(true));
    /// assert_eq!(Cell::Empty.as_bool(), None);
    /// ```
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Cell::Bool(x) => Some(*x),
            _ => None,
        }
    }

    /// The value of a date cell.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::chrono::NaiveDate;
    /// use dangjian::table::Cell;
    /// let day = NaiveDate::from_ymd_opt(2026, 10, 31).ok_or("bad date")?;
    /// assert_eq!(Cell::Date(day).as_date(), Some(day));
    /// assert_eq!(Cell::Str("2026-10-31".into()).as_date(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_date(&self) -> Option<NaiveDate> {
        match self {
            Cell::Date(x) => Some(*x),
            _ => None,
        }
    }

    /// The text of a text cell.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::Cell;
    /// assert_eq!(Cell::Str("第一党支部".into()).as_str(), Some("第一党支部"));
    /// assert_eq!(Cell::U64(1).as_str(), None);
    /// ```
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Cell::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Whether the cell holds no value ([`Cell::Empty`] or [`Cell::Suppressed`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::Cell;
    /// assert!(Cell::Empty.is_missing() && Cell::Suppressed.is_missing());
    /// assert!(!Cell::U64(0).is_missing());
    /// ```
    pub fn is_missing(&self) -> bool {
        matches!(self, Cell::Empty | Cell::Suppressed)
    }

    /// The cell without borrows.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::Cell;
    /// let name = String::from("第一党支部");
    /// let kept: Cell<'static> = Cell::Str(name.as_str().into()).into_owned();
    /// drop(name);
    /// assert_eq!(kept.as_str(), Some("第一党支部"));
    /// ```
    pub fn into_owned(self) -> Cell<'static> {
        match self {
            Cell::U64(x) => Cell::U64(x),
            Cell::I64(x) => Cell::I64(x),
            Cell::Fen(x) => Cell::Fen(x),
            Cell::Fixed(x) => Cell::Fixed(x),
            Cell::Bool(x) => Cell::Bool(x),
            Cell::Date(x) => Cell::Date(x),
            Cell::Str(s) => Cell::Str(Cow::Owned(s.into_owned())),
            Cell::Empty => Cell::Empty,
            Cell::Suppressed => Cell::Suppressed,
        }
    }

    /// The rank of the variant, for ordering cells of different variants (values first, then
    /// absent, then suppressed).
    fn rank(&self) -> u8 {
        match self {
            Cell::U64(_) => 0,
            Cell::I64(_) => 1,
            Cell::Fen(_) => 2,
            Cell::Fixed(_) => 3,
            Cell::Bool(_) => 4,
            Cell::Date(_) => 5,
            Cell::Str(_) => 6,
            Cell::Empty => 7,
            Cell::Suppressed => 8,
        }
    }
}

impl PartialOrd for Cell<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Cell<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Cell::U64(a), Cell::U64(b)) => a.cmp(b),
            (Cell::I64(a), Cell::I64(b)) | (Cell::Fen(a), Cell::Fen(b)) => a.cmp(b),
            (Cell::Fixed(a), Cell::Fixed(b)) => a.cmp(b),
            (Cell::Bool(a), Cell::Bool(b)) => a.cmp(b),
            (Cell::Date(a), Cell::Date(b)) => a.cmp(b),
            (Cell::Str(a), Cell::Str(b)) => a.cmp(b),
            _ => self.rank().cmp(&other.rank()),
        }
    }
}

impl fmt::Display for Cell<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::U64(x) => fmt::Display::fmt(x, f),
            Cell::I64(x) => fmt::Display::fmt(x, f),
            Cell::Fen(x) => f.pad(&yuan(*x)),
            Cell::Fixed(x) => fmt::Display::fmt(x, f),
            Cell::Bool(x) => fmt::Display::fmt(x, f),
            Cell::Date(x) => fmt::Display::fmt(x, f),
            Cell::Str(s) => f.pad(s),
            Cell::Empty => f.pad(""),
            Cell::Suppressed => f.pad(super::SUPPRESSED_MARKER),
        }
    }
}

/// The cell of `col` at `row` (`None` past the column's end).
fn cell_of<'c>(col: &'c Column<'_>, row: usize) -> Option<Cell<'c>> {
    if row >= col.data.len() {
        return None;
    }
    if col.is_suppressed(row) {
        return Some(Cell::Suppressed);
    }
    let opt = |c: Option<Cell<'c>>| Some(c.unwrap_or(Cell::Empty));
    match &col.data {
        ColumnData::U64(v) => v.get(row).map(|x| Cell::U64(*x)),
        ColumnData::OptU64(v) => opt(v.get(row).copied().flatten().map(Cell::U64)),
        ColumnData::U32(v) => v.get(row).map(|x| Cell::U64(u64::from(*x))),
        ColumnData::U8(v) => v.get(row).map(|x| Cell::U64(u64::from(*x))),
        ColumnData::I64(v) => v.get(row).map(|x| Cell::I64(*x)),
        ColumnData::Fen(v) => v.get(row).map(|x| Cell::Fen(*x)),
        ColumnData::OptFen(v) => opt(v.get(row).copied().flatten().map(Cell::Fen)),
        ColumnData::Fixed(v) => v.get(row).map(|x| Cell::Fixed(*x)),
        ColumnData::OptFixed(v) => opt(v.get(row).copied().flatten().map(Cell::Fixed)),
        ColumnData::Bool(v) => v.get(row).map(|x| Cell::Bool(*x)),
        ColumnData::Date(v) => v.get(row).map(|x| Cell::Date(*x)),
        ColumnData::OptDate(v) => opt(v.get(row).copied().flatten().map(Cell::Date)),
        ColumnData::Str(v) => v.get(row).map(|s| Cell::Str(scrub(s))),
        ColumnData::Text(v) => v.get(row).map(|s| Cell::Str(scrub(s))),
        ColumnData::IdNumber(v) => opt(v
            .get(row)
            .copied()
            .flatten()
            .map(|x| Cell::Str(Cow::Owned(IdNumber::masked(x))))),
        ColumnData::Phone(v) => opt(v
            .get(row)
            .copied()
            .flatten()
            .map(|x| Cell::Str(Cow::Owned(Phone::masked(x))))),
    }
}

/// One row of a table, from [`Table::rows`] or a sorted view: its cells by column name or
/// position.
///
/// ```
/// use dangjian::table::{Cell, ColumnValues, OwnedColumn, OwnedTable, Role, Table};
/// let t = OwnedTable {
///     name: "dues".into(),
///     title_zh: "党费".into(),
///     rows: 1,
///     columns: vec![
///         OwnedColumn::new("member", "党员", Role::MemberId, ColumnValues::Str(vec!["M1".into()])),
///         OwnedColumn::new("paid", "已交", Role::Measure, ColumnValues::Fen(vec![2_450])),
///     ],
/// };
/// let row = t.rows().next().unwrap();
/// assert_eq!(row.index(), 0);
/// assert_eq!(row.get("paid"), Some(Cell::Fen(2_450)));
/// assert_eq!(row.i64("paid"), Some(2_450));
/// let line: Vec<String> = row.cells().map(|(name, cell)| format!("{name}={cell}")).collect();
/// assert_eq!(line, ["member=M1", "paid=24.50"]);
/// ```
#[derive(Debug, Clone)]
pub struct Row<'a> {
    columns: Arc<[Column<'a>]>,
    index: usize,
}

impl<'a> Row<'a> {
    /// The row's position in the table (0-based), whatever the order of the view.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::{membership, Rollup};
    /// # use dangjian::synth::{sample_community, SAMPLE_AS_OF};
    /// # use dangjian::table::Table;
    /// # let reg = sample_community().to_registry()?;
    /// # let t = membership(&reg, SAMPLE_AS_OF, Rollup::Subtree);
    /// let second = t.sorted_by_desc("headcount").ok_or("no column")?.nth(1).ok_or("no row")?;
    /// // The second largest row (after the whole community) is the first branch, row 1.
    /// assert_eq!(second.index(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn index(&self) -> usize {
        self.index
    }

    /// Number of cells (the table's columns).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::{membership, Rollup};
    /// # use dangjian::synth::{sample_community, SAMPLE_AS_OF};
    /// # use dangjian::table::Table;
    /// # let reg = sample_community().to_registry()?;
    /// # let t = membership(&reg, SAMPLE_AS_OF, Rollup::Subtree);
    /// let row = t.rows().next().ok_or("no rows")?;
    /// assert_eq!(row.len(), t.columns().len());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.columns.len()
    }

    /// Whether the table has no columns.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::{membership, Rollup};
    /// # use dangjian::synth::{sample_community, SAMPLE_AS_OF};
    /// # use dangjian::table::Table;
    /// # let reg = sample_community().to_registry()?;
    /// # let t = membership(&reg, SAMPLE_AS_OF, Rollup::Subtree);
    /// let row = t.rows().next().ok_or("no rows")?;
    /// assert!(!row.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }

    /// The cell of the column named `column` (`None` when the table has no such column).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::{membership, Rollup};
    /// # use dangjian::synth::{sample_community, SAMPLE_AS_OF};
    /// # use dangjian::table::Table;
    /// # let reg = sample_community().to_registry()?;
    /// # let t = membership(&reg, SAMPLE_AS_OF, Rollup::Subtree);
    /// use dangjian::table::Cell;
    /// let row = t.rows().next().ok_or("no rows")?;
    /// assert_eq!(row.get("headcount"), Some(Cell::U64(158)));
    /// assert_eq!(row.get("org_kind"), Some(Cell::Str("党总支".into())));
    /// assert_eq!(row.get("no_such_column"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn get(&self, column: &str) -> Option<Cell<'_>> {
        self.columns
            .iter()
            .find(|c| c.name == column)
            .and_then(|c| cell_of(c, self.index))
    }

    /// The cell of the column at position `i`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::{membership, Rollup};
    /// # use dangjian::synth::{sample_community, SAMPLE_AS_OF};
    /// # use dangjian::table::Table;
    /// # let reg = sample_community().to_registry()?;
    /// # let t = membership(&reg, SAMPLE_AS_OF, Rollup::Subtree);
    /// let row = t.rows().next().ok_or("no rows")?;
    /// // Columns 0 and 1 are the organization's id and name.
    /// assert_eq!(row.cell(1).map(|c| c.to_string()).as_deref(), Some("翔凤社区党总支"));
    /// assert_eq!(row.cell(10_000), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cell(&self, i: usize) -> Option<Cell<'_>> {
        self.columns.get(i).and_then(|c| cell_of(c, self.index))
    }

    /// The cells with their column names, in column order.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::{membership, Rollup};
    /// # use dangjian::synth::{sample_community, SAMPLE_AS_OF};
    /// # use dangjian::table::Table;
    /// # let reg = sample_community().to_registry()?;
    /// # let t = membership(&reg, SAMPLE_AS_OF, Rollup::Subtree);
    /// let row = t.rows().next().ok_or("no rows")?;
    /// let first: Vec<String> = row.cells().take(5).map(|(name, cell)| format!("{name}={cell}")).collect();
    /// assert_eq!(first, ["org=Z", "org_name=翔凤社区党总支", "org_kind=党总支", "org_level=0", "headcount=158"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cells(&self) -> impl Iterator<Item = (&str, Cell<'_>)> + '_ {
        self.columns
            .iter()
            .filter_map(|c| cell_of(c, self.index).map(|cell| (c.name.as_ref(), cell)))
    }

    /// The value of a count-like column (`None` when absent, suppressed or not a count).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::{membership, Rollup};
    /// # use dangjian::synth::{sample_community, SAMPLE_AS_OF};
    /// # use dangjian::table::Table;
    /// # let reg = sample_community().to_registry()?;
    /// # let t = membership(&reg, SAMPLE_AS_OF, Rollup::Subtree);
    /// let top = t.rows().next().ok_or("no rows")?;
    /// assert_eq!((top.u64("full"), top.u64("probationary")), (Some(153), Some(5)));
    /// assert_eq!(top.u64("org_name"), None); // text, not a count
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn u64(&self, column: &str) -> Option<u64> {
        self.get(column).and_then(|c| c.as_u64())
    }

    /// The value of a signed integer or money column (money in fen).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
    /// let t = OwnedTable { name: "net".into(), title_zh: "增减".into(), rows: 1, columns: vec![
    ///     OwnedColumn::new("net", "净增", Role::Count, ColumnValues::I64(vec![-2])),
    ///     OwnedColumn::new("paid", "已交", Role::Measure, ColumnValues::Fen(vec![2_450])),
    /// ] };
    /// let row = t.rows().next().ok_or("no rows")?;
    /// assert_eq!((row.i64("net"), row.i64("paid")), (Some(-2), Some(2_450)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn i64(&self, column: &str) -> Option<i64> {
        self.get(column).and_then(|c| c.as_i64())
    }

    /// The value of an exact decimal column.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::{membership, Rollup};
    /// # use dangjian::synth::{sample_community, SAMPLE_AS_OF};
    /// # use dangjian::table::Table;
    /// # let reg = sample_community().to_registry()?;
    /// # let t = membership(&reg, SAMPLE_AS_OF, Rollup::Subtree);
    /// let top = t.rows().next().ok_or("no rows")?;
    /// assert_eq!(top.fixed("avg_age"), Some("53.177".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fixed(&self, column: &str) -> Option<Fixed> {
        self.get(column).and_then(|c| c.as_fixed())
    }

    /// The value of a date column.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::chrono::NaiveDate;
    /// # use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
    /// # let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// # let t = OwnedTable { name: "orgs".into(), title_zh: "组织".into(), rows: 2, columns: vec![
    /// #     OwnedColumn::new("org", "组织编号", Role::Key, ColumnValues::Str(vec!["B1".into(), "B5".into()])),
    /// #     OwnedColumn::new("founded", "成立日期", Role::Value, ColumnValues::Date(vec![d(2022, 3, 1)?, d(2025, 7, 1)?])),
    /// #     OwnedColumn::new("active", "存续", Role::Value, ColumnValues::Bool(vec![true, false])),
    /// # ] };
    /// let newest = t.sorted_by_desc("founded").ok_or("no column")?.next().ok_or("no rows")?;
    /// assert_eq!(newest.date("founded"), Some(d(2025, 7, 1)?));
    /// assert_eq!(newest.date("org"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn date(&self, column: &str) -> Option<NaiveDate> {
        self.get(column).and_then(|c| c.as_date())
    }

    /// The value of a flag column.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::chrono::NaiveDate;
    /// # use dangjian::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};
    /// # let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// # let t = OwnedTable { name: "orgs".into(), title_zh: "组织".into(), rows: 2, columns: vec![
    /// #     OwnedColumn::new("org", "组织编号", Role::Key, ColumnValues::Str(vec!["B1".into(), "B5".into()])),
    /// #     OwnedColumn::new("founded", "成立日期", Role::Value, ColumnValues::Date(vec![d(2022, 3, 1)?, d(2025, 7, 1)?])),
    /// #     OwnedColumn::new("active", "存续", Role::Value, ColumnValues::Bool(vec![true, false])),
    /// # ] };
    /// let active: Vec<_> = t.rows().filter(|r| r.bool("active") == Some(true)).map(|r| r.index()).collect();
    /// assert_eq!(active, [0]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn bool(&self, column: &str) -> Option<bool> {
        self.get(column).and_then(|c| c.as_bool())
    }

    /// The text of a text column (scrubbed; ID numbers and phones masked).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::{membership, Rollup};
    /// # use dangjian::synth::{sample_community, SAMPLE_AS_OF};
    /// # use dangjian::table::Table;
    /// # let reg = sample_community().to_registry()?;
    /// # let t = membership(&reg, SAMPLE_AS_OF, Rollup::Subtree);
    /// let names: Vec<String> = t.rows().filter_map(|r| r.text("org_name").map(|s| s.into_owned())).take(2).collect();
    /// assert_eq!(names, ["翔凤社区党总支", "第一党支部（居民）"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn text(&self, column: &str) -> Option<Cow<'_, str>> {
        match self.get(column)? {
            Cell::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// The rows of a table in some order: an iterator of [`Row`]s, from [`Table::rows`],
/// [`Table::sorted_by`] or [`Table::sorted_by_desc`]. Double-ended (`.rev()`) and of known
/// length.
///
/// ```
/// use dangjian::table::{Cell, OwnedColumn, OwnedTable, ColumnValues, Role, Table};
/// let t = OwnedTable {
///     name: "heads".into(),
///     title_zh: "党员人数".into(),
///     rows: 3,
///     columns: vec![
///         OwnedColumn::new("org", "组织", Role::Key, ColumnValues::Str(vec!["B1".into(), "B2".into(), "B3".into()])),
///         OwnedColumn::new("members", "党员数", Role::Count, ColumnValues::U64(vec![40, 52, 38])),
///     ],
/// };
/// // Row by row, in table order.
/// for row in t.rows() {
///     println!("{}: {}", row.get("org").unwrap(), row.get("members").unwrap());
/// }
/// assert_eq!(t.rows().map(|r| r.u64("members").unwrap()).sum::<u64>(), 130);
/// // Sorted views: the largest branch first.
/// let first = t.sorted_by_desc("members").unwrap().next().unwrap();
/// assert_eq!(first.text("org").as_deref(), Some("B2"));
/// assert_eq!(first.get("members"), Some(Cell::U64(52)));
/// let order: Vec<String> = t.sorted_by("members").unwrap().map(|r| r.get("org").unwrap().to_string()).collect();
/// assert_eq!(order, ["B3", "B1", "B2"]);
/// // A column the table does not have.
/// assert!(t.sorted_by("no_such_column").is_none());
/// ```
#[derive(Debug, Clone)]
pub struct Rows<'a> {
    columns: Arc<[Column<'a>]>,
    order: Vec<usize>,
    front: usize,
    back: usize,
}

impl<'a> Rows<'a> {
    /// The rows of `table` in table order.
    pub(super) fn of(table: &'a (impl Table + ?Sized)) -> Rows<'a> {
        let n = table.len();
        Rows {
            columns: table.columns().into(),
            order: (0..n).collect(),
            front: 0,
            back: n,
        }
    }

    /// The remaining rows stably sorted by the column named `column`, ascending (`descending`
    /// false) or descending; absent and suppressed cells last either way. `None` when the table
    /// has no such column.
    pub(super) fn sorted(mut self, column: &str, descending: bool) -> Option<Rows<'a>> {
        let col = self.columns.iter().find(|c| c.name == column)?;
        let mut order: Vec<usize> = self
            .order
            .get(self.front..self.back)
            .map(<[usize]>::to_vec)
            .unwrap_or_default();
        crate::sort::sort_by(&mut order, |&a, &b| {
            let x = cell_of(col, a).unwrap_or(Cell::Empty);
            let y = cell_of(col, b).unwrap_or(Cell::Empty);
            if descending && !x.is_missing() && !y.is_missing() {
                y.cmp(&x)
            } else {
                // Values before absent cells before suppressed ones, either way.
                x.cmp(&y)
            }
        });
        self.back = order.len();
        self.front = 0;
        self.order = order;
        Some(self)
    }

    fn row(&self, at: usize) -> Option<Row<'a>> {
        self.order.get(at).map(|&index| Row {
            columns: Arc::clone(&self.columns),
            index,
        })
    }
}

impl<'a> Iterator for Rows<'a> {
    type Item = Row<'a>;

    fn next(&mut self) -> Option<Row<'a>> {
        if self.front >= self.back {
            return None;
        }
        let r = self.row(self.front);
        self.front += 1;
        r
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back.saturating_sub(self.front);
        (n, Some(n))
    }
}

impl DoubleEndedIterator for Rows<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.front >= self.back {
            return None;
        }
        self.back -= 1;
        self.row(self.back)
    }
}

impl ExactSizeIterator for Rows<'_> {}

impl std::iter::FusedIterator for Rows<'_> {}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::table::{ColumnValues, OwnedColumn, OwnedTable};

    fn table() -> OwnedTable {
        let mut n = OwnedColumn::new(
            "n",
            "人数",
            Role::Count,
            ColumnValues::U64(vec![5, 2, 5, 9]),
        );
        n.suppressed = vec![false, false, false, true];
        OwnedTable {
            name: "t".into(),
            title_zh: "测试".into(),
            rows: 4,
            columns: vec![
                OwnedColumn::new(
                    "who",
                    "说明",
                    Role::Text,
                    ColumnValues::Str(vec![
                        "甲".into(),
                        "电话13812345678".into(),
                        "丙".into(),
                        "丁".into(),
                    ]),
                ),
                n,
                OwnedColumn::new(
                    "d",
                    "日期",
                    Role::Value,
                    ColumnValues::OptDate(vec![
                        None,
                        NaiveDate::from_ymd_opt(2026, 10, 1),
                        NaiveDate::from_ymd_opt(2026, 9, 30),
                        None,
                    ]),
                ),
            ],
        }
    }

    use crate::table::Role;

    #[test]
    fn rows_scrub_text_and_hide_suppressed_cells() {
        let t = table();
        let rows: Vec<Row<'_>> = t.rows().collect();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[1].text("who").as_deref(), Some("电话138****5678"));
        assert_eq!(rows[3].get("n"), Some(Cell::Suppressed));
        assert_eq!(rows[3].u64("n"), None);
        assert_eq!(rows[0].get("d"), Some(Cell::Empty));
        assert_eq!(rows[0].get("nope"), None);
        assert_eq!(rows[2].cell(1), Some(Cell::U64(5)));
        assert_eq!(rows[2].cell(3), None);
        assert_eq!(rows[0].len(), 3);
    }

    #[test]
    fn sorted_views_are_stable_with_missing_cells_last() {
        let t = table();
        let idx = |r: Rows<'_>| r.map(|r| r.index()).collect::<Vec<_>>();
        assert_eq!(idx(t.sorted_by("n").unwrap()), [1, 0, 2, 3]);
        assert_eq!(idx(t.sorted_by_desc("n").unwrap()), [0, 2, 1, 3]);
        assert_eq!(idx(t.sorted_by("d").unwrap()), [2, 1, 0, 3]);
        assert_eq!(idx(t.sorted_by_desc("d").unwrap()), [1, 2, 0, 3]);
        assert_eq!(
            t.sorted_by("n")
                .unwrap()
                .rev()
                .map(|r| r.index())
                .collect::<Vec<_>>(),
            [3, 2, 0, 1]
        );
        assert_eq!(t.sorted_by("n").unwrap().len(), 4);
        let mut r = t.rows();
        assert_eq!(r.next_back().map(|r| r.index()), Some(3));
        assert_eq!(r.next().map(|r| r.index()), Some(0));
        assert_eq!(r.len(), 2);
        assert!(t.sorted_by("nope").is_none());
    }

    #[test]
    fn rows_of_a_dyn_table() {
        let t = table();
        let d: &dyn Table = &t;
        assert_eq!(d.rows().filter_map(|r| r.u64("n")).sum::<u64>(), 12);
    }
}
