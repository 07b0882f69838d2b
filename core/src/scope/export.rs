//! Roster exports of a scope: ID numbers and phones always masked, names masked unless asked,
//! ids replaced by keyed pseudonyms on request.
//!
//! ```
//! use dangjian::scope::RosterExportOptions;
//! let reg = dangjian::Registry::sample_small();
//! let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
//! let named = RosterExportOptions { show_names: true, ..RosterExportOptions::default() };
//! assert_eq!(reg.scope("B2")?.roster_on(d, &named).name, ["赵秀英"]);
//! assert_eq!(reg.scope("B2")?.roster_on(d, &Default::default()).name, ["赵**"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::member::{Category, Gender, MemberRecord, MemberState, Stage};
use crate::org::OrgTree;
use crate::privacy::Pseudonymizer;

/// How a roster export treats personal data. The default masks names (`张*`); ID numbers and
/// phones are masked in every export (only the dataset file holds them in full).
///
/// ```
/// use dangjian::scope::RosterExportOptions;
/// use dangjian::privacy::Pseudonymizer;
/// let reg = dangjian::Registry::sample_small();
/// let d = "2024-06-01".parse().unwrap();
/// let plain = reg.scope_all().roster_on(d, &RosterExportOptions::default());
/// assert_eq!(plain.id, ["M1", "M2", "M3", "M4"]);
/// assert_eq!(plain.name[0], "张**");
/// let anon = reg.scope_all().roster_on(d, &RosterExportOptions::pseudonymized(Pseudonymizer::new(b"key")));
/// assert_eq!(anon.id[0], Pseudonymizer::new(b"key").pseudonym("M1"));
/// assert_eq!((anon.name[0].as_str(), anon.birth_date[0], anon.birth_year[0]), ("", None, 1950));
/// ```
#[derive(Debug, Clone, Default)]
pub struct RosterExportOptions {
    /// Full names instead of masked ones (for printed rosters the secretary is entitled to).
    pub show_names: bool,
    /// Replace ids by keyed pseudonyms (HMAC-SHA256) and drop names, birth dates, ID numbers
    /// and phones: a table for analysts that can still be joined on the pseudonym.
    pub pseudonymize: Option<Pseudonymizer>,
}

impl RosterExportOptions {
    /// Pseudonymized export with the given keyed hash.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::privacy::Pseudonymizer;
    /// use dangjian::scope::RosterExportOptions;
    /// let opts = RosterExportOptions::pseudonymized(Pseudonymizer::new(b"secret key"));
    /// assert!(opts.pseudonymize.is_some() && !opts.show_names);
    /// let reg = dangjian::Registry::sample_small();
    /// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    /// assert_eq!(reg.scope("B2")?.roster_on(d, &opts).name, [""]); // names dropped
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pseudonymized(p: Pseudonymizer) -> Self {
        RosterExportOptions {
            show_names: false,
            pseudonymize: Some(p),
        }
    }
}

/// A roster as a columnar table: one `Vec` per column, row `i` across all of them.
///
/// # Examples
///
/// ```
/// use dangjian::member::Stage;
/// let reg = dangjian::Registry::sample_small();
/// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
/// let roster = reg.scope_all().roster_on(d, &Default::default());
/// let i = roster.id.iter().position(|id| id == "M2").unwrap();
/// assert_eq!((roster.stage[i], roster.branch[i].as_str()), (Stage::Probationary, "B1"));
/// assert_eq!(roster.admitted_on[i].map(|d| d.to_string()).as_deref(), Some("2023-03-01"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RosterTable {
    /// Member id, or its pseudonym.
    pub id: Vec<String>,
    /// Name: masked (`张*`) by default, full on request, empty when pseudonymized.
    pub name: Vec<String>,
    /// Gender.
    pub gender: Vec<Gender>,
    /// Birth date (`None` when pseudonymized).
    pub birth_date: Vec<Option<NaiveDate>>,
    /// Birth year.
    pub birth_year: Vec<i32>,
    /// Stage on the export date.
    pub stage: Vec<Stage>,
    /// Branch id.
    pub branch: Vec<String>,
    /// Group id, if any.
    pub group: Vec<Option<String>>,
    /// Category.
    pub category: Vec<Category>,
    /// Admission date.
    pub admitted_on: Vec<Option<NaiveDate>>,
    /// Conversion date.
    pub converted_on: Vec<Option<NaiveDate>>,
    /// ID number, masked (`110***********002X`); `None` when absent or pseudonymized.
    pub id_number: Vec<Option<String>>,
    /// Phone, masked (`138****5678`); `None` when absent or pseudonymized.
    pub phone: Vec<Option<String>>,
}

impl RosterTable {
    /// Number of rows.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    /// assert_eq!(reg.scope("B1")?.roster_on(d, &Default::default()).len(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.id.len()
    }

    /// Whether the table has no rows.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    /// assert!(reg.scope_all().roster_on(d, &Default::default()).is_empty()); // before any event
    /// ```
    pub fn is_empty(&self) -> bool {
        self.id.is_empty()
    }

    pub(super) fn push(
        &mut self,
        m: &MemberRecord,
        s: &MemberState,
        tree: &OrgTree,
        options: &RosterExportOptions,
    ) {
        let org = |i: Option<u32>| i.and_then(|i| tree.get(i)).map(|r| r.id.to_string());
        let anon = options.pseudonymize.as_ref();
        self.id.push(match anon {
            Some(p) => p.pseudonym(&m.id),
            None => m.id.to_string(),
        });
        self.name.push(match (anon, options.show_names) {
            (Some(_), _) => String::new(),
            // Display masks a phone or ID number typed into the name.
            (None, true) => m.name.to_string(),
            (None, false) => m.name.masked(),
        });
        self.gender.push(m.gender);
        self.birth_date.push(if anon.is_some() {
            None
        } else {
            Some(m.birth_date)
        });
        self.birth_year.push(m.birth_date.year());
        self.stage.push(s.stage);
        self.branch.push(org(s.branch).unwrap_or_default());
        self.group.push(org(s.group));
        self.category.push(s.category);
        self.admitted_on.push(s.admitted_on);
        self.converted_on.push(s.converted_on);
        let personal = anon.is_none();
        self.id_number.push(
            m.id_number
                .as_ref()
                .filter(|_| personal)
                .map(|n| n.masked()),
        );
        self.phone
            .push(m.phone.as_ref().filter(|_| personal).map(|p| p.masked()));
    }

    /// CSV text with a header row (UTF-8, dates `YYYY-MM-DD`, enums as snake_case codes).
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    /// let csv = reg.scope("B2")?.roster_on(d, &Default::default()).to_csv()?;
    /// let mut lines = csv.lines();
    /// assert!(lines.next().unwrap().starts_with("id,name,gender,birth_date,"));
    /// assert!(lines.next().unwrap().starts_with("M4,赵**,female,1958-11-05,1958,full,B2,"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_csv(&self) -> Result<String, csv::Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "id",
            "name",
            "gender",
            "birth_date",
            "birth_year",
            "stage",
            "branch",
            "group",
            "category",
            "admitted_on",
            "converted_on",
            "id_number",
            "phone",
        ])?;
        let date = |d: &Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let code = |v: &dyn erased::Code| v.code_str();
        for i in 0..self.len() {
            let get = |v: &Vec<String>| v.get(i).cloned().unwrap_or_default();
            let opt = |v: &Vec<Option<String>>| v.get(i).cloned().flatten().unwrap_or_default();
            w.write_record(
                [
                    get(&self.id),
                    get(&self.name),
                    self.gender.get(i).map(|g| code(g)).unwrap_or_default(),
                    self.birth_date.get(i).map(date).unwrap_or_default(),
                    self.birth_year
                        .get(i)
                        .map(|y| y.to_string())
                        .unwrap_or_default(),
                    self.stage.get(i).map(|s| code(s)).unwrap_or_default(),
                    get(&self.branch),
                    opt(&self.group),
                    self.category.get(i).map(|c| code(c)).unwrap_or_default(),
                    self.admitted_on.get(i).map(date).unwrap_or_default(),
                    self.converted_on.get(i).map(date).unwrap_or_default(),
                    opt(&self.id_number),
                    opt(&self.phone),
                ]
                .map(crate::table::csv_cell),
            )?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// snake_case codes of the enums in the table, from their serde names.
mod erased {
    pub(super) trait Code {
        fn code_str(&self) -> String;
    }
    impl<T: serde::Serialize> Code for T {
        fn code_str(&self) -> String {
            serde_json::to_value(self)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        }
    }
}

impl RosterTable {
    /// This roster as a generic [`crate::table::OwnedTable`] (`roster`): enums as their Chinese
    /// labels, masked values as exported.
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let t = reg.scope("B2").unwrap()
    ///     .roster_on("2024-06-01".parse().unwrap(), &Default::default())
    ///     .to_table();
    /// assert_eq!((t.rows, t.columns[0].name.as_str()), (1, "id"));
    /// ```
    pub fn to_table(&self) -> crate::table::OwnedTable {
        use crate::table::{ColumnValues as V, OwnedColumn as C, Role};
        let opt = |v: &[Option<String>]| {
            V::Str(v.iter().map(|x| x.clone().unwrap_or_default()).collect())
        };
        crate::table::OwnedTable {
            name: "roster".into(),
            title_zh: "党员花名册".into(),
            rows: self.len(),
            columns: vec![
                C::new("id", "党员编号", Role::MemberId, V::Str(self.id.clone())),
                C::new("name", "姓名", Role::PersonName, V::Str(self.name.clone())),
                C::new(
                    "gender",
                    "性别",
                    Role::Value,
                    V::Str(self.gender.iter().map(|g| g.label().into()).collect()),
                ),
                C::new(
                    "birth_date",
                    "出生日期",
                    Role::Value,
                    V::OptDate(self.birth_date.clone()),
                ),
                C::new(
                    "birth_year",
                    "出生年份",
                    Role::Value,
                    V::I64(self.birth_year.iter().map(|y| i64::from(*y)).collect()),
                ),
                C::new(
                    "stage",
                    "党员类别",
                    Role::Value,
                    V::Str(self.stage.iter().map(|s| s.label().into()).collect()),
                ),
                C::new("branch", "所在支部", Role::Key, V::Str(self.branch.clone())),
                C::new("group", "所在党小组", Role::Key, opt(&self.group)),
                C::new(
                    "category",
                    "人员类别",
                    Role::Value,
                    V::Str(self.category.iter().map(|c| c.label().into()).collect()),
                ),
                C::new(
                    "admitted_on",
                    "入党时间",
                    Role::Value,
                    V::OptDate(self.admitted_on.clone()),
                ),
                C::new(
                    "converted_on",
                    "转正时间",
                    Role::Value,
                    V::OptDate(self.converted_on.clone()),
                ),
                C::new("id_number", "身份证号", Role::Value, opt(&self.id_number)),
                C::new("phone", "联系电话", Role::Value, opt(&self.phone)),
            ],
        }
    }
}
