//! Merging a roster into a dataset by person: a member already there (same id, else same ID
//! number) is updated in place, with every changed static field reported; a new person is
//! added with the roster's registration event.
//!
//! A roster of two rows merged into a dataset of four members:
//!
//! ```
//! use dangjian::io::{import_roster_csv_with, Dataset, Entry, RosterOptions};
//! let mut ds = Dataset::sample_small();
//! let reg = ds.to_registry()?;
//! let opts = RosterOptions::new("2024-07-01".parse()?).entry(Entry::TransferredIn);
//! // M3 is on file (a phone is added), R9 is new.
//! let roster = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部,联系电话\nM3,王志强,男,1970-01-20,汉族,大专,1995-07-01,1996-07-01,B1,13800000001\nR9,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,B2,\n";
//! let import = import_roster_csv_with(roster.as_bytes(), reg.tree(), &opts, &|_| None)?;
//! let merged = ds.merge_roster(import)?;
//! assert_eq!((merged.added.len(), merged.updated.len()), (1, 1));
//! assert_eq!(ds.members.len(), 5);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;

use super::RosterImport;
use crate::io::{Dataset, ImportError};
use crate::member::{EventRecord, EventType, MemberRecord, Stage};
use crate::registry::RegistryError;

/// One static field of a member that a roster changed.
///
/// # Examples
///
/// ```
/// # use dangjian::io::{import_roster_csv_with, Dataset, Entry, RosterOptions};
/// # let mut ds = Dataset::sample_small();
/// # let reg = ds.to_registry()?;
/// # let opts = RosterOptions::new("2024-07-01".parse()?).entry(Entry::TransferredIn);
/// # let utf8_only = |_: &[u8]| None;
/// # let import = |csv: &str| import_roster_csv_with(csv.as_bytes(), reg.tree(), &opts, &utf8_only);
/// let merged = ds.merge_roster(import("编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部,联系电话\nM3,王志强,男,1970-01-20,汉族,大专,1995-07-01,1996-07-01,B1,13800000001\nR9,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,B2,\n")?)?;
/// let fields: Vec<&str> = merged.changes.iter().map(|c| c.field).collect();
/// assert_eq!(fields, ["民族", "学历", "联系电话"]); // M3 had none of them on file
/// let phone = merged.changes.last().ok_or("no change")?;
/// assert_eq!((phone.member.as_str(), phone.before.as_str(), phone.after.as_str()), ("M3", "", "138****0001"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MemberChange {
    /// The member's id.
    pub member: String,
    /// The field, by its roster header (`联系电话`, `人员类别` …; `所在支部` for a move).
    pub field: &'static str,
    /// The value before (masked as in errors: names, ID numbers and phones).
    pub before: String,
    /// The value after (masked likewise).
    pub after: String,
}

/// What merging a roster did.
///
/// # Examples
///
/// ```
/// # use dangjian::io::{import_roster_csv_with, Dataset, Entry, RosterOptions};
/// # let mut ds = Dataset::sample_small();
/// # let reg = ds.to_registry()?;
/// # let opts = RosterOptions::new("2024-07-01".parse()?).entry(Entry::TransferredIn);
/// # let utf8_only = |_: &[u8]| None;
/// # let import = |csv: &str| import_roster_csv_with(csv.as_bytes(), reg.tree(), &opts, &utf8_only);
/// let merged = ds.merge_roster(import("编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部,联系电话\nM3,王志强,男,1970-01-20,汉族,大专,1995-07-01,1996-07-01,B1,13800000001\nR9,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,B2,\n")?)?;
/// assert_eq!((merged.added.len(), merged.updated.len(), merged.unchanged), (1, 1, 0));
/// // The same roster again changes nothing.
/// let again = ds.merge_roster(import("编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部,联系电话\nM3,王志强,男,1970-01-20,汉族,大专,1995-07-01,1996-07-01,B1,13800000001\nR9,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,B2,\n")?)?;
/// assert_eq!((again.added.len(), again.updated.len(), again.unchanged), (0, 0, 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct RosterMerge {
    /// Ids of the people added (with their 初始登记 or 转入 event).
    pub added: Vec<String>,
    /// Ids of the people already there whose record (or branch) changed.
    pub updated: Vec<String>,
    /// How many people were already there unchanged.
    pub unchanged: usize,
    /// Every changed field.
    pub changes: Vec<MemberChange>,
}

impl RosterMerge {
    /// A one-line Chinese summary (`新增 3 人，更新 2 人（5 项变化），未变 10 人`).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::io::{import_roster_csv_with, Dataset, Entry, RosterOptions};
    /// # let mut ds = Dataset::sample_small();
    /// # let reg = ds.to_registry()?;
    /// # let opts = RosterOptions::new("2024-07-01".parse()?).entry(Entry::TransferredIn);
    /// # let utf8_only = |_: &[u8]| None;
    /// # let import = |csv: &str| import_roster_csv_with(csv.as_bytes(), reg.tree(), &opts, &utf8_only);
    /// let merged = ds.merge_roster(import("编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部,联系电话\nM3,王志强,男,1970-01-20,汉族,大专,1995-07-01,1996-07-01,B1,13800000001\nR9,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,B2,\n")?)?;
    /// assert_eq!(merged.summary_zh(), "新增 1 人，更新 1 人（3 项变化），未变 0 人");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn summary_zh(&self) -> String {
        format!(
            "新增 {} 人，更新 {} 人（{} 项变化），未变 {} 人",
            self.added.len(),
            self.updated.len(),
            self.changes.len(),
            self.unchanged
        )
    }
}

fn show_record(field: &str, r: &MemberRecord) -> String {
    match field {
        "姓名" => r.name.masked(),
        "性别" => r.gender.label().into(),
        "出生日期" => r.birth_date.to_string(),
        "民族" => r.ethnicity.to_string(),
        "学历" => r.education.label().into(),
        "人员类别" => r.category.label().into(),
        "工作单位" => r.home_unit.as_deref().unwrap_or("").into(),
        "身份证号" => r.id_number.as_ref().map(|n| n.masked()).unwrap_or_default(),
        "联系电话" => r.phone.as_ref().map(|p| p.masked()).unwrap_or_default(),
        "特长" => r
            .skills
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("、"),
        _ => String::new(),
    }
}

/// The fields that differ between two records of one person.
fn changed_fields(old: &MemberRecord, new: &MemberRecord) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut check = |f: &'static str, differ: bool| {
        if differ {
            out.push(f);
        }
    };
    check("姓名", old.name.as_str() != new.name.as_str());
    check("性别", old.gender != new.gender);
    check("出生日期", old.birth_date != new.birth_date);
    check("民族", old.ethnicity != new.ethnicity);
    check("学历", old.education != new.education);
    check("人员类别", old.category != new.category);
    check("工作单位", old.home_unit != new.home_unit);
    check(
        "身份证号",
        old.id_number.as_ref().map(|n| n.expose()) != new.id_number.as_ref().map(|n| n.expose()),
    );
    check(
        "联系电话",
        old.phone.as_ref().map(|p| p.expose()) != new.phone.as_ref().map(|p| p.expose()),
    );
    check("特长", old.skills != new.skills);
    out
}

impl Dataset {
    /// Merges a roster import into this dataset by person, all or nothing.
    ///
    /// A roster row whose id (编号, or the id derived from the ID number) is already in the
    /// dataset, or whose ID number is (the id on file is kept), updates that person's static
    /// fields (name, gender, birth date, ethnicity, education, category, home unit, ID number,
    /// phone, skills) and each change is reported; a member on file in another branch on the
    /// roster date is moved there (a `moved` event, reported as a change of 所在支部); a person
    /// on file who is not a member on the roster date gets the roster's event (a re-entry by
    /// transfer in). Anyone else is added with the roster's 初始登记 or 转入 event. The result
    /// is checked as a whole ([`Dataset::to_registry`]); on error the dataset is unchanged.
    ///
    /// ```
    /// # #[cfg(feature = "gb18030")] {
    /// use dangjian::io::{import_roster_csv, Dataset, Entry, RosterOptions};
    /// let mut ds = Dataset::sample_small();
    /// let reg = ds.to_registry().unwrap();
    /// let opts = RosterOptions::new("2024-07-01".parse().unwrap()).entry(Entry::TransferredIn);
    /// let csv = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部,联系电话\nR9,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,B1,13800000001\n";
    /// let first = ds.merge_roster(import_roster_csv(csv.as_bytes(), reg.tree(), &opts).unwrap()).unwrap();
    /// assert_eq!(first.added, ["R9"]);
    /// let updated = csv.replace("13800000001", "13900000002");
    /// let again = ds.merge_roster(import_roster_csv(updated.as_bytes(), reg.tree(), &opts).unwrap()).unwrap();
    /// assert_eq!((again.added.len(), again.updated.len()), (0, 1));
    /// assert_eq!(again.changes[0].field, "联系电话");
    /// assert_eq!(again.changes[0].after, "139****0002");
    /// # }
    /// ```
    pub fn merge_roster(&mut self, import: RosterImport) -> Result<RosterMerge, ImportError> {
        // One person twice in the same roster is an error, not an update of the first row.
        let mut seen = std::collections::HashSet::new();
        for (position, m) in import.members.iter().enumerate() {
            let number = m.id_number.as_ref().map(|n| n.expose().to_string());
            if !seen.insert(m.id.to_string())
                || number.is_some_and(|n| !seen.insert(format!("#{n}")))
            {
                return Err(ImportError::Registry(RegistryError::DuplicateMember {
                    id: m.id.clone(),
                    position,
                }));
            }
        }
        let reg = self.to_registry()?;
        let mut next = self.clone();
        let mut report = RosterMerge::default();
        for (mut m, e) in import.members.into_iter().zip(import.events) {
            let date: NaiveDate = e.date;
            let by_id = next.members.iter().position(|x| x.id == m.id);
            let by_number = || {
                let n = m.id_number.as_ref()?.expose().to_string();
                next.members
                    .iter()
                    .position(|x| x.id_number.as_ref().is_some_and(|y| y.expose() == n))
            };
            let Some(at) = by_id.or_else(by_number) else {
                report.added.push(m.id.to_string());
                next.members.push(m);
                next.events.push(e);
                continue;
            };
            let Some(old) = next.members.get(at).cloned() else {
                continue;
            };
            m.id = old.id.clone();
            let fields = changed_fields(&old, &m);
            for f in &fields {
                report.changes.push(MemberChange {
                    member: old.id.to_string(),
                    field: f,
                    before: show_record(f, &old),
                    after: show_record(f, &m),
                });
            }
            let mut changed = !fields.is_empty();
            let state = reg.state(&old.id, date).ok();
            let member_now = state.as_ref().is_some_and(|s| s.is_member());
            if member_now {
                let branch_now = state
                    .as_ref()
                    .and_then(|s| s.branch)
                    .and_then(|b| reg.tree().get(b))
                    .map(|o| o.id.clone());
                if let (Some(now), Some(to)) = (branch_now, e.branch.clone()) {
                    if now != to {
                        report.changes.push(MemberChange {
                            member: old.id.to_string(),
                            field: "所在支部",
                            before: now.to_string(),
                            after: to.to_string(),
                        });
                        next.events
                            .push(EventRecord::new(&old.id, date, EventType::Moved).branch(&to));
                        changed = true;
                    }
                }
            } else {
                let mut e = e;
                e.member = old.id.clone();
                // a person who left comes back by a transfer in, never a second registration
                if state.as_ref().is_some_and(|s| s.stage == Stage::Exited) {
                    e.kind = EventType::TransferredIn;
                }
                next.events.push(e);
                changed = true;
            }
            if let Some(slot) = next.members.get_mut(at) {
                *slot = m;
            }
            if changed {
                report.updated.push(old.id.to_string());
            } else {
                report.unchanged += 1;
            }
        }
        next.to_registry()?;
        *self = next;
        Ok(report)
    }
}
