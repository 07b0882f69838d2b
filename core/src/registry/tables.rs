//! Organization tables of a registry: the member counts per organization
//! ([`OrgCountsTable`]) and the organization records ([`OrgRecordsTable`]).
//!
//! # Examples
//!
//! ```
//! use dangjian::registry::OrgRecordsTable;
//! use dangjian::table::Table;
//! let reg = dangjian::Registry::sample_small();
//! let t = OrgRecordsTable::new(reg.tree().records());
//! assert_eq!((t.name(), t.len()), ("orgs", 4));
//! ```

use chrono::NaiveDate;

use super::counts::OrgCounts;
use crate::org::{OrgRecord, OrgTree};
use crate::table::{Column, ColumnData, Role, Table};

/// Members per organization on a date (`counts`): org, name, kind, parent, members, full,
/// probationary; from [`OrgCountsTable::new`].
///
/// ```
/// use dangjian::registry::OrgCountsTable;
/// use dangjian::table::{to_csv, CsvOptions};
/// let reg = dangjian::Registry::sample_small();
/// let c = reg.counts_on("2024-03-31".parse().unwrap());
/// let t = OrgCountsTable::new(reg.tree(), &c, true, None, "2024-03-31".parse().unwrap());
/// let csv = to_csv(&t, &CsvOptions::en()).unwrap();
/// assert!(csv.starts_with("org,name,kind,parent,members,full,probationary\n"));
/// ```
#[derive(Debug, Clone)]
pub struct OrgCountsTable<'a> {
    recs: Vec<&'a OrgRecord>,
    as_of: NaiveDate,
    rolled_up: bool,
    members: Vec<u64>,
    full: Vec<u64>,
    probationary: Vec<u64>,
}

impl<'a> OrgCountsTable<'a> {
    /// The counts `c` (by tree index) of the organizations `orgs` (every organization of the
    /// tree when `None`), summed over each subtree when `rolled_up`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::registry::OrgCountsTable;
    /// use dangjian::table::Table;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let reg = dangjian::Registry::sample_small();
    /// let c = reg.counts_on(d("2024-01-01"));
    /// let t = OrgCountsTable::new(reg.tree(), &c, true, None, d("2024-01-01"));
    /// assert_eq!(t.len(), 4);
    /// assert_eq!(t.title_zh(), "各组织党员人数（2024-01-01，含下级）");
    /// ```
    pub fn new(
        tree: &'a OrgTree,
        c: &OrgCounts,
        rolled_up: bool,
        orgs: Option<&'a [OrgRecord]>,
        as_of: NaiveDate,
    ) -> OrgCountsTable<'a> {
        let rolled;
        let c = if rolled_up {
            rolled = c.rolled_up(tree);
            &rolled
        } else {
            c
        };
        let recs: Vec<&OrgRecord> = orgs.unwrap_or_else(|| tree.records()).iter().collect();
        let idx: Vec<Option<usize>> = recs
            .iter()
            .map(|r| tree.index(&r.id).map(|i| i as usize))
            .collect();
        let at = |v: &[u64], i: Option<usize>| i.and_then(|i| v.get(i)).copied().unwrap_or(0);
        OrgCountsTable {
            members: idx.iter().map(|&i| at(&c.members, i)).collect(),
            full: idx.iter().map(|&i| at(&c.full, i)).collect(),
            probationary: idx
                .iter()
                .map(|&i| i.map_or(0, |i| c.probationary(i)))
                .collect(),
            recs,
            as_of,
            rolled_up,
        }
    }
}

impl Table for OrgCountsTable<'_> {
    fn name(&self) -> &str {
        "counts"
    }
    fn title_zh(&self) -> String {
        let how = if self.rolled_up {
            "含下级"
        } else {
            "本级"
        };
        format!("各组织党员人数（{}，{how}）", self.as_of)
    }
    fn len(&self) -> usize {
        self.recs.len()
    }
    fn columns(&self) -> Vec<Column<'_>> {
        let mut c = org_columns(&self.recs, "org");
        c.extend([
            Column::known("members", Role::Count, ColumnData::U64(&self.members)),
            Column::known("full", Role::Count, ColumnData::U64(&self.full)),
            Column::known(
                "probationary",
                Role::Count,
                ColumnData::U64(&self.probationary),
            ),
        ]);
        c
    }
}

/// The id, name, kind (code), parent, founded and dissolved columns of `recs`.
fn org_columns<'a>(recs: &[&'a OrgRecord], id: &'static str) -> Vec<Column<'a>> {
    vec![
        Column::known(
            id,
            Role::Key,
            ColumnData::Str(recs.iter().map(|r| r.id.as_str()).collect()),
        ),
        Column::known(
            "name",
            Role::Text,
            ColumnData::Str(recs.iter().map(|r| r.name.as_str()).collect()),
        ),
        Column::known(
            "kind",
            Role::Text,
            ColumnData::Str(recs.iter().map(|r| r.kind.code()).collect()),
        ),
        Column::known(
            "parent",
            Role::Key,
            ColumnData::Str(
                recs.iter()
                    .map(|r| r.parent.as_ref().map_or("", |p| p.as_str()))
                    .collect(),
            ),
        ),
    ]
}

/// The organization records as a table (`orgs`): id, name, kind, parent, founded, dissolved.
///
/// ```
/// use dangjian::registry::OrgRecordsTable;
/// use dangjian::table::{to_csv, CsvOptions};
/// let reg = dangjian::Registry::sample_small();
/// let csv = to_csv(&OrgRecordsTable::new(reg.tree().records()), &CsvOptions::en()).unwrap();
/// assert!(csv.starts_with("id,name,kind,parent,founded,dissolved\n"));
/// ```
#[derive(Debug, Clone)]
pub struct OrgRecordsTable<'a> {
    recs: Vec<&'a OrgRecord>,
    founded: Vec<NaiveDate>,
    dissolved: Vec<Option<NaiveDate>>,
}

impl<'a> OrgRecordsTable<'a> {
    /// The records `recs` as a table.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::registry::OrgRecordsTable;
    /// use dangjian::table::Table;
    /// let reg = dangjian::Registry::sample_small();
    /// let t = OrgRecordsTable::new(&reg.tree().records()[1..2]); // B1 only
    /// assert_eq!((t.len(), t.title_zh()), (1, "党组织名录".to_string()));
    /// ```
    pub fn new(recs: &'a [OrgRecord]) -> OrgRecordsTable<'a> {
        OrgRecordsTable {
            recs: recs.iter().collect(),
            founded: recs.iter().map(|r| r.founded).collect(),
            dissolved: recs.iter().map(|r| r.dissolved).collect(),
        }
    }
}

impl Table for OrgRecordsTable<'_> {
    fn name(&self) -> &str {
        "orgs"
    }
    fn title_zh(&self) -> String {
        "党组织名录".into()
    }
    fn len(&self) -> usize {
        self.recs.len()
    }
    fn columns(&self) -> Vec<Column<'_>> {
        let mut c = org_columns(&self.recs, "id");
        c.extend([
            Column::known("founded", Role::Value, ColumnData::Date(&self.founded)),
            Column::known(
                "dissolved",
                Role::Value,
                ColumnData::OptDate(&self.dissolved),
            ),
        ]);
        c
    }
}
