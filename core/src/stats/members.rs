//! The roster on a date (党员花名册) as a table, ID numbers and phones masked.
//!
//! ```
//! use dangjian::stats::member_list;
//! use dangjian::table::{to_csv, CsvOptions};
//! let reg = dangjian::Registry::sample_small();
//! let list = member_list(&reg, "2024-06-01".parse()?);
//! let csv = to_csv(&list, &CsvOptions::zh())?;
//! assert!(csv.starts_with("党员编号,姓名,"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
use chrono::NaiveDate;
use compact_str::CompactString;

use super::Timelines;
use crate::member::{MemberRecord, Stage};
use crate::org::OrgId;
use crate::registry::{MemberIdx, Registry};
use crate::table::{Column, ColumnData, Role, Table};

/// The roster of members on a date (党员花名册), one row per member, in roster order. ID numbers
/// and phones are kept as typed values and always leave masked.
///
/// ```
/// use dangjian::table::{to_csv, CsvOptions};
/// let reg = dangjian::synth::sample_community().to_registry().unwrap();
/// let t = dangjian::stats::member_list(&reg, dangjian::synth::SAMPLE_AS_OF);
/// assert_eq!(t.member.len(), 158);
/// let csv = to_csv(&t, &CsvOptions::zh()).unwrap();
/// assert!(csv.contains("422***********")); // masked ID numbers only
/// ```
#[derive(Debug, Clone, Default)]
pub struct MemberList<'r> {
    /// The date.
    pub as_of: NaiveDate,
    /// Member index.
    pub member: Vec<MemberIdx>,
    /// Records (borrowed from the registry).
    pub record: Vec<&'r MemberRecord>,
    /// Stage label.
    pub stage: Vec<&'static str>,
    /// Age in whole years.
    pub age: Vec<u64>,
    /// Admission date.
    pub admitted_on: Vec<Option<NaiveDate>>,
    /// Conversion date.
    pub converted_on: Vec<Option<NaiveDate>>,
    /// Branch id.
    pub branch: Vec<OrgId>,
    /// Group id (empty when none).
    pub group: Vec<OrgId>,
    /// Category label.
    pub category: Vec<&'static str>,
    /// Home unit.
    pub home_unit: Vec<CompactString>,
    /// Floating out.
    pub floating: Vec<bool>,
    /// Lost contact.
    pub lost_contact: Vec<bool>,
    /// Current discipline (党纪处分) and rights, e.g. `留党察看（至 2027-03-01 期满）`; empty when none.
    pub discipline: Vec<String>,
    gender: Vec<&'static str>,
    education: Vec<&'static str>,
    birth: Vec<NaiveDate>,
}

/// The members of `reg` on `date` (see [`MemberList`]).
///
/// # Examples
///
/// ```
/// use dangjian::stats::member_list;
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let list = member_list(&reg, d("2024-06-01"));
/// assert_eq!(list.member.len(), 4);
/// assert_eq!((list.branch[1].as_str(), list.stage[1], list.age[1]), ("B1", "预备党员", 28)); // M2
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn member_list(reg: &Registry, date: NaiveDate) -> MemberList<'_> {
    let t = Timelines::build(reg);
    let tree = reg.tree();
    let id_of = |o: Option<u32>| {
        o.and_then(|o| tree.get(o))
            .map(|r| r.id.clone())
            .unwrap_or_default()
    };
    let mut out = MemberList {
        as_of: date,
        ..MemberList::default()
    };
    for (i, rec) in reg.members().iter().enumerate() {
        let Some(s) = t.on(i as MemberIdx, date).filter(|s| s.is_member()) else {
            continue;
        };
        out.member.push(i as MemberIdx);
        out.record.push(rec);
        out.stage.push(if s.stage == Stage::Full {
            Stage::Full.label()
        } else {
            Stage::Probationary.label()
        });
        out.age.push(u64::from(rec.age_on(date)));
        out.admitted_on.push(s.admitted_on);
        out.converted_on.push(s.converted_on);
        out.branch.push(id_of(s.branch));
        out.group.push(id_of(s.group));
        out.category.push(s.category.label());
        out.home_unit
            .push(rec.home_unit.clone().unwrap_or_default());
        out.floating.push(s.floating);
        out.lost_contact.push(s.lost_contact);
        out.discipline.push(discipline_label(s, date));
        out.gender.push(rec.gender.label());
        out.education.push(rec.education.label());
        out.birth.push(rec.birth_date);
    }
    out
}

/// The member's discipline and rights on `date`, in Chinese (empty when none): the latest
/// 党纪处分 with its date (a 留党察看 only while it runs), and 停止党员权利.
fn discipline_label(s: &super::Snapshot, date: NaiveDate) -> String {
    let mut parts = Vec::new();
    if let Some(d) = s.discipline {
        if d.kind == crate::member::DisciplineKind::ProbationInParty {
            if let Some((_, until)) = s.observation.filter(|_| s.under_observation(date)) {
                parts.push(format!("{}（{} 起，{} 期满）", d.kind.label(), d.on, until));
            }
        } else {
            parts.push(format!("{}（{}）", d.kind.label(), d.on));
        }
    }
    if s.rights_suspended {
        parts.push("停止党员权利".to_string());
    }
    parts.join("；")
}

impl Table for MemberList<'_> {
    fn name(&self) -> &str {
        "member_list"
    }
    fn title_zh(&self) -> String {
        format!("党员花名册（截至{}）", self.as_of)
    }
    fn len(&self) -> usize {
        self.member.len()
    }
    fn columns(&self) -> Vec<Column<'_>> {
        let s = |v: &[&'static str]| ColumnData::Str(v.to_vec());
        vec![
            Column::new(
                "member",
                "党员编号",
                Role::MemberId,
                ColumnData::Str(self.record.iter().map(|r| r.id.as_str()).collect()),
            ),
            Column::new(
                "name",
                "姓名",
                Role::PersonName,
                ColumnData::Str(self.record.iter().map(|r| r.name.as_str()).collect()),
            ),
            Column::new("gender", "性别", Role::Value, s(&self.gender)),
            Column::new(
                "birth_date",
                "出生日期",
                Role::Value,
                ColumnData::Date(&self.birth),
            ),
            Column::new("age", "年龄", Role::Value, ColumnData::U64(&self.age)),
            Column::new(
                "ethnicity",
                "民族",
                Role::Value,
                ColumnData::Str(self.record.iter().map(|r| r.ethnicity.as_str()).collect()),
            ),
            Column::new("education", "学历", Role::Value, s(&self.education)),
            Column::new("stage", "党员类别", Role::Value, s(&self.stage)),
            Column::new(
                "admitted_on",
                "入党时间",
                Role::Value,
                ColumnData::OptDate(&self.admitted_on),
            ),
            Column::new(
                "converted_on",
                "转正时间",
                Role::Value,
                ColumnData::OptDate(&self.converted_on),
            ),
            Column::new(
                "branch",
                "所在支部",
                Role::Key,
                ColumnData::Str(self.branch.iter().map(|s| s.as_str()).collect()),
            ),
            Column::new(
                "group",
                "所在党小组",
                Role::Key,
                ColumnData::Str(self.group.iter().map(|s| s.as_str()).collect()),
            ),
            Column::new("category", "人员类别", Role::Value, s(&self.category)),
            Column::new(
                "home_unit",
                "工作单位",
                Role::Value,
                ColumnData::Str(self.home_unit.iter().map(|s| s.as_str()).collect()),
            ),
            Column::new(
                "floating",
                "外出流动",
                Role::Value,
                ColumnData::Bool(&self.floating),
            ),
            Column::new(
                "lost_contact",
                "失联",
                Role::Value,
                ColumnData::Bool(&self.lost_contact),
            ),
            Column::new(
                "discipline",
                "党纪处分",
                Role::Value,
                ColumnData::Str(self.discipline.iter().map(|s| s.as_str()).collect()),
            ),
            Column::new(
                "id_number",
                "身份证号",
                Role::Value,
                ColumnData::IdNumber(self.record.iter().map(|r| r.id_number.as_ref()).collect()),
            ),
            Column::new(
                "phone",
                "联系电话",
                Role::Value,
                ColumnData::Phone(self.record.iter().map(|r| r.phone.as_ref()).collect()),
            ),
        ]
    }
}
