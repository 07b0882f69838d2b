//! The agenda as a core [`Table`] (CSV, xlsx, Arrow in the bindings).
//!
//! ```
//! use dangjian::agenda::Agenda;
//! use dangjian::table::Table;
//! # let ds = dangjian::io::Dataset::sample_small();
//! # let reg = ds.to_registry()?;
//! let agenda = Agenda::build(&ds, &reg, "2024-02-15".parse()?, 30)?;
//! assert_eq!(agenda.title_zh(), "待办与提醒（截至2024-02-15，未来30天）");
//! let columns = agenda.columns();
//! assert_eq!((columns[0].name.as_ref(), columns[0].label_zh.as_ref()), ("due", "到期日"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::table::{Column, ColumnData, Role, Table};

use super::Agenda;

impl Table for Agenda {
    fn name(&self) -> &str {
        "agenda"
    }

    fn title_zh(&self) -> String {
        format!("待办与提醒（截至{}，未来{}天）", self.as_of, self.days)
    }

    fn len(&self) -> usize {
        self.rule.len()
    }

    fn columns(&self) -> Vec<Column<'_>> {
        let s = strs;
        vec![
            Column::new("due", "到期日", Role::Value, ColumnData::Date(&self.due)),
            Column::new(
                "days_left",
                "剩余天数",
                Role::Value,
                ColumnData::I64(&self.days_left),
            ),
            Column::new(
                "status",
                "状态",
                Role::Text,
                ColumnData::Str(s(&self.status)),
            ),
            Column::new(
                "rule",
                "规则代码",
                Role::Text,
                ColumnData::Str(s(&self.rule)),
            ),
            Column::new("item", "事项", Role::Text, ColumnData::Str(s(&self.item))),
            Column::new("org", "组织", Role::Key, ColumnData::Str(s(&self.org))),
            Column::new(
                "org_name",
                "组织名称",
                Role::Text,
                ColumnData::Str(s(&self.org_name)),
            ),
            Column::new(
                "member",
                "党员编号",
                Role::MemberId,
                ColumnData::Str(s(&self.member)),
            ),
            Column::new(
                "name",
                "姓名",
                Role::PersonName,
                ColumnData::Str(s(&self.name)),
            ),
        ]
    }
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}
