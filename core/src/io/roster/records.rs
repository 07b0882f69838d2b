//! Rows to records: every cell checked, every problem reported with its row, column, masked
//! value, code and a Chinese reason; nothing returned unless every row is good.
//!
//! A roster whose second member was converted before her probation ended: nothing is imported,
//! and the error names the row, the column and the rule:
//!
//! ```
//! use dangjian::io::{import_roster_csv_with, Entry, ImportError, RosterOptions};
//! let reg = dangjian::Registry::sample_small();
//! let opts = RosterOptions::new("2024-01-01".parse()?).entry(Entry::TransferredIn);
//! let csv = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\nR8,钱七,男,1980-01-02,汉族,大专,2005-06-01,2006-06-01,B1\nR9,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-02-01,B1\n";
//! let Err(ImportError::Rows(errors)) = import_roster_csv_with(csv.as_bytes(), reg.tree(), &opts, &|_| None) else {
//!     return Err("the roster should be refused".into());
//! };
//! let e = errors.first().ok_or("no error")?;
//! assert_eq!((errors.len(), e.row, e.column.as_str(), e.code), (1, 3, "转正时间", "probation_too_short"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use compact_str::CompactString;

use super::headers::{find_header_row, nearest, roster_field_of, ROSTER_HEADER_ALIASES};
use super::values::{
    excel_serial_date, parse_roster_category, parse_roster_date_precise, parse_roster_education,
    parse_roster_gender, serial_of, DatePrecision, Entry, SerialError,
};
use super::{column_letters, Grid, RosterImport, RosterOptions, MAX_ROW_ERRORS};
use crate::io::{ImportError, RowError};
use crate::member::{EventRecord, EventType, MemberRecord, MembershipStatus};
use crate::org::{OrgKind, OrgTree};
use crate::privacy::{echo_cut, mask, redact_digits, IdNumber, PersonName, Phone};

/// A cell's value as shown in errors: ID numbers and phones masked to 3 + 4 characters, names
/// to the surname, anything else with long digit runs masked and cut to 40 characters.
pub(crate) fn masked_value(field: &str, raw: &str) -> String {
    let raw = raw.trim();
    match field {
        "身份证号" | "联系电话" => mask(raw, 3, 4),
        "姓名" => PersonName::new(raw)
            .map(|n| n.masked())
            .unwrap_or_else(|_| {
                // an invalid name still shows no more than its first character
                raw.chars()
                    .next()
                    .filter(|c| !c.is_control())
                    .map(|c| format!("{c}*"))
                    .unwrap_or_default()
            }),
        _ => echo_cut(&redact_digits(raw), 11, 40),
    }
}

/// Errors of one import, capped at [`MAX_ROW_ERRORS`].
#[derive(Default)]
struct Errors {
    list: Vec<RowError>,
}

impl Errors {
    fn push(&mut self, row: usize, column: &str, code: &'static str, value: &str, reason: String) {
        if self.list.len() < MAX_ROW_ERRORS {
            self.list.push(RowError {
                row,
                column: column.to_string(),
                code,
                value: masked_value(column, value),
                reason: redact_digits(&reason),
            });
        }
    }

    fn full(&self) -> bool {
        self.list.len() >= MAX_ROW_ERRORS
    }
}

/// A derived id: the prefix and the pseudonym in groups of four (`R3f9a-1b2c-7d8e-4f00`), so that
/// no run of 11 digits makes it look like a phone.
fn derived_id(prefix: &str, pseudonym: &str) -> String {
    let groups: Vec<String> = pseudonym
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    format!("{prefix}{}", groups.join("-"))
}

pub(super) fn grid_to_records(
    grid: Grid,
    tree: &OrgTree,
    options: &RosterOptions,
) -> Result<RosterImport, ImportError> {
    let Grid {
        rows,
        numeric,
        formulas,
        merged,
        sheet,
        date1904,
    } = grid;
    let header_at = find_header_row(&rows)
        .ok_or_else(|| ImportError::Unreadable("花名册是空的 (the roster is empty)".into()))?;
    let header: &[String] = rows.get(header_at).map(Vec::as_slice).unwrap_or(&[]);
    // Canonical header → column: the leftmost column under the canonical name, else the
    // leftmost under any of its other names (a roster with both 人员类别 and 党员类别 — this
    // library's own member list — reads 人员类别 as the category, not 正式党员/预备党员).
    let mut col: HashMap<&'static str, usize> = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        if let Some(f) = roster_field_of(h) {
            if super::normalize_header(h) == f {
                col.entry(f).or_insert(i);
            }
        }
    }
    for (i, h) in header.iter().enumerate() {
        if let Some(f) = roster_field_of(h) {
            col.entry(f).or_insert(i);
        }
    }
    for a in ROSTER_HEADER_ALIASES.iter().filter(|a| a.required) {
        if !col.contains_key(a.header) {
            let mut accepted = vec![a.header.to_string()];
            accepted.extend(a.aliases.iter().map(|s| s.to_string()));
            return Err(ImportError::MissingColumn {
                column: a.header.to_string(),
                accepted,
                nearest: nearest(a, header).map(|n| echo_cut(&redact_digits(&n), 11, 20)),
            });
        }
    }
    let column_name = |c: usize| {
        header
            .get(c)
            .and_then(|h| roster_field_of(h))
            .map(str::to_owned)
            .or_else(|| {
                header
                    .get(c)
                    .map(|h| h.trim().to_owned())
                    .filter(|h| !h.is_empty())
            })
            .unwrap_or_else(|| format!("#{}", c + 1))
    };
    let mut errors = Errors::default();
    let mut notes = Vec::new();
    // Sheet-level problems: formulas and merged ranges below the header, by row.
    let mut cell_problems: BTreeMap<usize, Vec<(usize, &'static str, String)>> = BTreeMap::new();
    let mut noted = 0usize;
    for &(r, c) in formulas.iter().filter(|(r, _)| *r > header_at) {
        if noted >= MAX_ROW_ERRORS {
            break;
        }
        noted += 1;
        cell_problems.entry(r).or_default().push((
            c,
            "formula_cell",
            "单元格是公式，请转为数值后再导入 (the cell holds a formula; paste values instead)"
                .into(),
        ));
    }
    for &(r0, c0, r1, c1) in &merged {
        let (r0u, r1u) = (r0 as usize, r1 as usize);
        if r1u <= header_at || (r0 == r1 && c0 == c1) {
            continue;
        }
        let range = format!(
            "{}{}:{}{}",
            column_letters(c0),
            r0 + 1,
            column_letters(c1),
            r1 + 1
        );
        for r in r0u.max(header_at + 1)..=r1u {
            if noted >= MAX_ROW_ERRORS {
                break;
            }
            noted += 1;
            cell_problems.entry(r).or_default().push((
                c0 as usize,
                "merged_cell",
                format!("单元格属于合并区域 {range}，请拆分后逐行填写 (the cell is part of the merged range {range}; unmerge it and fill every row)"),
            ));
        }
    }
    for (r, problems) in &cell_problems {
        for (c, code, reason) in problems {
            let raw = rows
                .get(*r)
                .and_then(|row| row.get(*c))
                .map_or("", |s| s.as_str());
            errors.push(r + 1, &column_name(*c), code, raw, reason.clone());
        }
    }
    let branch_by_name: HashMap<&str, &str> = tree
        .records()
        .iter()
        .filter(|r| r.kind == OrgKind::Branch)
        .flat_map(|r| {
            [
                (r.name.as_str(), r.id.as_str()),
                (r.id.as_str(), r.id.as_str()),
            ]
        })
        .collect();
    let branch_by_norm: HashMap<String, &str> = branch_by_name
        .iter()
        .map(|(k, v)| (super::normalize_header(k), *v))
        .collect();
    // `第一党支部` for `第一党支部（居民）`: the name without its note, when only one branch has it.
    let mut branch_by_stem: HashMap<String, Option<&str>> = HashMap::new();
    for r in tree.records().iter().filter(|r| r.kind == OrgKind::Branch) {
        let n = super::normalize_header(&r.name);
        let stem = super::headers::strip_note(&n).to_string();
        if stem != n {
            branch_by_stem
                .entry(stem)
                .and_modify(|v| *v = None)
                .or_insert(Some(r.id.as_str()));
        }
    }
    let founded = tree.records().iter().map(|r| r.founded).min();
    let default_entry = options.entry.or(match founded {
        Some(f) if options.as_of > f => None,
        _ => Some(Entry::Registered),
    });
    let mut out = RosterImport {
        sheet,
        date1904,
        header_row: header_at + 1,
        ..RosterImport::default()
    };
    for (i, row) in rows.iter().enumerate().skip(header_at + 1) {
        let rownum = i + 1;
        if errors.full() {
            break;
        }
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let errors_before = errors.list.len();
        let cell = |h: &str| {
            col.get(h)
                .and_then(|&c| row.get(c))
                .map(|s| s.trim())
                .unwrap_or("")
        };
        let is_numeric = |h: &str| col.get(h).is_some_and(|&c| numeric.contains(&(i, c)));
        let name = match PersonName::new(cell("姓名")) {
            Ok(n) => Some(n),
            Err(e) => {
                errors.push(
                    rownum,
                    "姓名",
                    "bad_name",
                    cell("姓名"),
                    format!("姓名无效 ({e})"),
                );
                None
            }
        };
        let gender = parse_roster_gender(cell("性别"));
        if gender.is_none() {
            errors.push(
                rownum,
                "性别",
                "bad_gender",
                cell("性别"),
                format!("性别应为男或女 (`{}` is not 男 or 女)", cell("性别")),
            );
        }
        let date = |h: &str,
                    required: bool,
                    errors: &mut Errors|
         -> Option<(NaiveDate, DatePrecision)> {
            let raw = cell(h);
            if raw.is_empty() {
                if required {
                    errors.push(rownum, h, "required", raw, "必填 (is required)".into());
                }
                return None;
            }
            // A number cell holding 1985.1 may have been typed 1985.10: Excel drops the zero.
            let yyyy_dot_1 = raw.len() == 6
                && raw.ends_with(".1")
                && raw.bytes().take(4).all(|b| b.is_ascii_digit());
            if yyyy_dot_1 && is_numeric(h) {
                errors.push(rownum, h, "ambiguous_month", raw, format!("数字格式的 {raw} 可能是1月也可能是10月（末尾的0被Excel去掉）：请把该列设为文本后重新填写 (`{raw}` in a number cell may be January or October)"));
                return None;
            }
            if let Some(d) = parse_roster_date_precise(raw) {
                return Some(d);
            }
            if let Some(serial) = serial_of(raw, is_numeric(h)) {
                match excel_serial_date(serial, date1904) {
                    Ok(d) => return Some((d, DatePrecision::Day)),
                    Err(SerialError::Fictitious) => {
                        errors.push(rownum, h, "fictitious_date", raw, "Excel 序列号 60 是不存在的 1900-02-29，请改正日期 (Excel serial 60 is the fictitious 1900-02-29)".into());
                        return None;
                    }
                    Err(SerialError::OutOfRange) => {}
                }
            }
            errors.push(
                rownum,
                h,
                "bad_date",
                raw,
                format!("不是有效日期 (`{raw}` is not a valid date)"),
            );
            None
        };
        let birth_cell = date("出生日期", false, &mut errors);
        let admitted = date("入党时间", true, &mut errors).map(|(d, _)| d);
        let converted = date("转正时间", false, &mut errors).map(|(d, _)| d);
        let education = parse_roster_education(cell("学历"));
        if education.is_none() {
            errors.push(
                rownum,
                "学历",
                "bad_education",
                cell("学历"),
                format!(
                    "学历无法识别 (`{}` is not a known education level)",
                    cell("学历")
                ),
            );
        }
        let category = parse_roster_category(cell("人员类别"));
        if category.is_none() {
            errors.push(
                rownum,
                "人员类别",
                "bad_category",
                cell("人员类别"),
                format!(
                    "人员类别无法识别 (`{}` is not a known category)",
                    cell("人员类别")
                ),
            );
        }
        let branch_raw = cell("所在支部");
        let branch = branch_by_name
            .get(branch_raw)
            .copied()
            .or_else(|| {
                branch_by_norm
                    .get(&super::normalize_header(branch_raw))
                    .copied()
            })
            .or_else(|| {
                branch_by_stem
                    .get(&super::normalize_header(branch_raw))
                    .copied()
                    .flatten()
            });
        if branch.is_none() {
            errors.push(
                rownum,
                "所在支部",
                "unknown_branch",
                branch_raw,
                format!("没有这个党支部 (`{branch_raw}` names no branch (党支部))"),
            );
        }
        let id_number = match cell("身份证号") {
            "" => None,
            s if is_numeric("身份证号") => {
                errors.push(rownum, "身份证号", "id_number_as_number", s, "身份证号存成了数字，末几位已丢失：请把该列设为文本后重新填写 (the ID number was stored as a number and lost its last digits; format the column as text)".into());
                None
            }
            s => match s.to_ascii_uppercase().parse::<IdNumber>() {
                Ok(n) => Some(n),
                Err(e) => {
                    errors.push(
                        rownum,
                        "身份证号",
                        "bad_id_number",
                        s,
                        format!("身份证号无效 ({e})"),
                    );
                    None
                }
            },
        };
        let phone = match cell("联系电话") {
            "" => None,
            s => match s.parse::<Phone>() {
                Ok(p) => Some(p),
                Err(e) => {
                    errors.push(
                        rownum,
                        "联系电话",
                        "bad_phone",
                        s,
                        format!("联系电话无效 ({e})"),
                    );
                    None
                }
            },
        };
        // The birth date: exact from the roster; a month-only 出生年月 takes the exact day from
        // a valid ID number in the same month; an empty one takes the ID number's.
        let id_birth = id_number.as_ref().and_then(IdNumber::birth_date);
        let birth = match (birth_cell, id_birth) {
            (Some((b, DatePrecision::Day)), Some(ib)) if b != ib => {
                errors.push(rownum, "身份证号", "id_birth_mismatch", cell("身份证号"), format!("身份证号中的出生日期与出生日期 {b} 不符 (encodes a birth date other than 出生日期 {b})"));
                None
            }
            (Some((b, DatePrecision::Month)), Some(ib)) => {
                if (b.year(), b.month()) == (ib.year(), ib.month()) {
                    notes.push(RowError {
                        row: rownum,
                        column: "出生日期".into(),
                        code: "birth_from_id_number",
                        value: masked_value("出生日期", cell("出生日期")),
                        reason: "出生年月只有年月，按身份证号取出生日期 (month only: the day is taken from the ID number)".into(),
                    });
                    Some(ib)
                } else {
                    errors.push(rownum, "身份证号", "id_birth_mismatch", cell("身份证号"), format!("身份证号中的出生年月与出生年月 {}-{:02} 不符 (encodes a birth date other than 出生日期 {}-{:02})", b.year(), b.month(), b.year(), b.month()));
                    None
                }
            }
            (Some((b, DatePrecision::Month)), None) => {
                notes.push(RowError {
                    row: rownum,
                    column: "出生日期".into(),
                    code: "birth_month_only",
                    value: masked_value("出生日期", cell("出生日期")),
                    reason: "出生年月只有年月且无身份证号，按当月1日记 (month only and no ID number: the first of the month)".into(),
                });
                Some(b)
            }
            (Some((b, _)), _) => Some(b),
            (None, Some(ib)) if cell("出生日期").is_empty() => {
                notes.push(RowError {
                    row: rownum,
                    column: "出生日期".into(),
                    code: "birth_from_id_number",
                    value: String::new(),
                    reason: "出生日期为空，按身份证号取出生日期 (empty: taken from the ID number)"
                        .into(),
                });
                Some(ib)
            }
            (None, _) => {
                if cell("出生日期").is_empty() {
                    errors.push(
                        rownum,
                        "出生日期",
                        "required",
                        "",
                        "必填 (is required)".into(),
                    );
                }
                None
            }
        };
        if let (Some(idn), Some(g)) = (&id_number, gender) {
            if g != idn.gender() {
                errors.push(rownum, "身份证号", "id_gender_mismatch", cell("身份证号"), format!("身份证号中的性别为{}，与性别不符 (encodes gender {}, but 性别 says otherwise)", idn.gender().label(), idn.gender().label()));
            }
        }
        if let (Some(a), Some(c)) = (admitted, converted) {
            if c < a {
                errors.push(
                    rownum,
                    "转正时间",
                    "conversion_before_admission",
                    cell("转正时间"),
                    format!("转正时间早于入党时间 ({c} is before 入党时间 {a})"),
                );
            } else if crate::member::probation_too_short(a, c, 12) {
                errors.push(rownum, "转正时间", "probation_too_short", cell("转正时间"), format!("转正时间早于一年预备期满（党章第七条） ({c} is before the one-year probation from 入党时间 {a} ends (党章 art. 7))"));
            }
        }
        if let Some(a) = admitted {
            if a > options.as_of {
                errors.push(
                    rownum,
                    "入党时间",
                    "after_roster_date",
                    cell("入党时间"),
                    format!(
                        "入党时间晚于花名册日期 ({a} is after the roster date {})",
                        options.as_of
                    ),
                );
            }
            if birth.is_some_and(|b| a.years_since(b).unwrap_or(0) < 18) {
                errors.push(rownum, "入党时间", "admitted_under_18", cell("入党时间"), "入党时未满18岁（党章第一条） (the member would have been under 18 (党章 art. 1))".into());
            }
        }
        if converted.is_some_and(|c| c > options.as_of) {
            errors.push(
                rownum,
                "转正时间",
                "after_roster_date",
                cell("转正时间"),
                format!(
                    "转正时间晚于花名册日期 (is after the roster date {})",
                    options.as_of
                ),
            );
        }
        let id: Option<CompactString> = match cell("编号") {
            "" => match (&id_number, &options.id_key) {
                (Some(n), Some(key)) => {
                    Some(derived_id(&options.id_prefix, &key.pseudonym(n.expose())).into())
                }
                _ => {
                    errors.push(rownum, "编号", "no_member_id", "", "没有编号：请加「编号」列，或填写身份证号并提供编号密钥 (no member id: add a 编号 column, or give ID numbers and an id key)".into());
                    None
                }
            },
            s if s.len() > 64 => {
                errors.push(
                    rownum,
                    "编号",
                    "id_too_long",
                    s,
                    "编号超过64字节 (is longer than 64 bytes)".into(),
                );
                None
            }
            s => Some(s.into()),
        };
        let entry = match cell("登记方式") {
            "" => default_entry,
            s => {
                let e = Entry::parse(s);
                if e.is_none() {
                    errors.push(rownum, "登记方式", "bad_entry", s, format!("登记方式应为「初始登记」或「转入」 (`{s}` is neither 初始登记 nor 转入)"));
                }
                e
            }
        };
        if entry.is_none() && cell("登记方式").is_empty() {
            errors.push(rownum, "登记方式", "entry_unknown", "", format!("花名册日期 {} 晚于组织成立日期 {}：请在「登记方式」列注明初始登记或转入 (the roster is dated after the founding: say which members are transfers in)", options.as_of, founded.map(|f| f.to_string()).unwrap_or_default()));
        }
        if errors.list.len() > errors_before || cell_problems.contains_key(&i) {
            continue;
        }
        let (
            Some(id),
            Some(name),
            Some(gender),
            Some(birth),
            Some(education),
            Some(category),
            Some(branch),
            Some(entry),
        ) = (id, name, gender, birth, education, category, branch, entry)
        else {
            continue;
        };
        let home_unit = match cell("工作单位") {
            "" => None,
            s => Some(CompactString::from(s)),
        };
        let skills = cell("特长")
            .split(['、', ',', '，', ';', '；'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(CompactString::from)
            .collect();
        out.members.push(MemberRecord {
            id: id.clone(),
            name,
            gender,
            birth_date: birth,
            ethnicity: cell("民族").into(),
            education,
            category,
            home_unit,
            id_number,
            phone,
            skills,
        });
        let status = if converted.is_some() {
            MembershipStatus::Full
        } else {
            MembershipStatus::Probationary
        };
        let (kind, place) = match entry {
            Entry::Registered => (EventType::Registered, "花名册导入（初始登记）"),
            Entry::TransferredIn => (EventType::TransferredIn, "花名册导入"),
        };
        out.events.push(
            EventRecord::new(&id, options.as_of, kind)
                .branch(branch)
                .arriving(status, admitted, converted)
                .place(place),
        );
    }
    if !errors.list.is_empty() {
        return Err(ImportError::Rows(errors.list));
    }
    out.notes = notes;
    Ok(out)
}
