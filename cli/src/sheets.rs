//! The month's record sheets: activities (积分记录), meetings (会议记录), dues payments
//! (党费收缴) and service (服务记录). Their columns are defined here, once: the templates are
//! written from them and filled sheets are read by them. An import appends to the dataset all
//! or nothing; every bad cell is reported (row, column, reason).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use clap::ValueEnum;
use dangjian::compliance::{MeetingKind, MeetingRecord, Month, PaymentRecord};
use dangjian::fixed::Fixed;
use dangjian::io::{parse_roster_date, Dataset};
use dangjian::post::ServiceRecord;
use dangjian::scoring::ActivityRecord;

use crate::i18n::t;
use crate::CliError;

/// Kinds of record sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SheetKind {
    // 积分记录: scored activities.
    Activities,
    // 会议记录: meetings with attendees.
    Meetings,
    // 党费收缴: dues payments.
    Payments,
    // 服务记录: service hours on posts.
    Service,
}

/// One column of a record sheet.
pub struct SheetColumn {
    /// Chinese header.
    pub header: &'static str,
    /// Short ASCII name for `dangjian record` (`member=XF001`).
    pub key: &'static str,
    /// Must be filled.
    pub required: bool,
    /// What to write (shown as the template's second row, a note).
    pub hint: &'static str,
}

const fn col(
    header: &'static str,
    key: &'static str,
    required: bool,
    hint: &'static str,
) -> SheetColumn {
    SheetColumn {
        header,
        key,
        required,
        hint,
    }
}

/// 积分记录.
pub const ACTIVITY_COLUMNS: [SheetColumn; 7] = [
    col("记录编号", "id", false, "可空，自动编号"),
    col("对象编号", "subject", true, "党员编号或组织编号"),
    col("积分事项", "item", true, "规则表中的事项代码，如 meeting"),
    col("日期", "date", true, "2026-10-12"),
    col("数量", "quantity", false, "默认 1，最多三位小数"),
    col("冲销记录", "reverses", false, "被冲销的记录编号"),
    col("备注", "note", false, "不含个人信息"),
];

/// 会议记录.
pub const MEETING_COLUMNS: [SheetColumn; 7] = [
    col("会议编号", "id", false, "可空，自动编号"),
    col("组织编号", "org", true, "如 B1"),
    col(
        "会议类型",
        "kind",
        true,
        "支部党员大会、支部委员会会议、党小组会、党课、主题党日、组织生活会、民主评议党员",
    ),
    col("日期", "date", true, "2026-10-12"),
    col("出席党员", "attendees", false, "党员编号，以、或，分隔"),
    col("请假党员", "excused", false, "党员编号，以、或，分隔"),
    col("主题", "topic", false, "会议主题"),
];

/// 党费收缴.
pub const PAYMENT_COLUMNS: [SheetColumn; 5] = [
    col("党员编号", "member", true, "如 XF001"),
    col("所属月份", "month", true, "2026-10"),
    col("金额（元）", "amount", false, "如 16.50；未交填 0 并写原因"),
    col("缴纳日期", "date", true, "2026-10-10"),
    col("未交原因", "reason", false, "未交或少交时填写"),
];

/// 服务记录.
pub const SERVICE_COLUMNS: [SheetColumn; 7] = [
    col("记录编号", "id", false, "可空，自动编号"),
    col("党员编号", "member", true, "如 XF001"),
    col("岗位编号", "post", true, "如 P-CIV"),
    col("日期", "date", true, "2026-10-12"),
    col(
        "时长（小时）",
        "hours",
        true,
        "大于 0 且不超过 24，最多三位小数",
    ),
    col("已核实", "verified", false, "是 / 否"),
    col("备注", "note", false, "不含个人信息"),
];

impl SheetKind {
    /// The sheet's columns.
    pub fn columns(self) -> &'static [SheetColumn] {
        match self {
            SheetKind::Activities => &ACTIVITY_COLUMNS,
            SheetKind::Meetings => &MEETING_COLUMNS,
            SheetKind::Payments => &PAYMENT_COLUMNS,
            SheetKind::Service => &SERVICE_COLUMNS,
        }
    }

    /// The sheet's Chinese title (and file name).
    pub fn title(self) -> &'static str {
        match self {
            SheetKind::Activities => "积分记录",
            SheetKind::Meetings => "会议记录",
            SheetKind::Payments => "党费收缴",
            SheetKind::Service => "服务记录",
        }
    }
}

/// The empty template of a sheet: a header row of Chinese headers (required ones bold red) and
/// a note row in grey italics that the import skips.
pub fn template(kind: SheetKind) -> Result<Vec<u8>, CliError> {
    use rust_xlsxwriter::{Format, FormatBorder, Workbook};
    let xerr = |e: rust_xlsxwriter::XlsxError| CliError::new("xlsx", e.to_string());
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(kind.title()).map_err(xerr)?;
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color(0xD9E1F2);
    let req = head.clone().set_font_color(0xC00000);
    let hint = Format::new()
        .set_italic()
        .set_font_color(0x808080)
        .set_text_wrap();
    let text = Format::new().set_num_format("@");
    for (j, c) in kind.columns().iter().enumerate() {
        let j = j as u16;
        let f = if c.required { &req } else { &head };
        ws.write_string_with_format(0, j, c.header, f)
            .map_err(xerr)?;
        ws.write_string_with_format(1, j, format!("{}{}", NOTE_MARK, c.hint), &hint)
            .map_err(xerr)?;
        let w = (super_width(c.header).max(super_width(c.hint).min(30)) + 2) as f64;
        ws.set_column_width(j, w).map_err(xerr)?;
        // dates and ids as text so Excel does not turn 2026-10 into a date or drop zeros
        ws.set_column_format(j, &text).map_err(xerr)?;
    }
    ws.set_freeze_panes(2, 0).map_err(xerr)?;
    wb.save_to_buffer().map_err(xerr)
}

/// The mark opening the note row of a template.
pub const NOTE_MARK: &str = "说明：";

fn super_width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
        .sum()
}

/// One bad cell of a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// Row in the sheet (1-based, the header is row 1).
    pub row: usize,
    /// Column header.
    pub column: String,
    /// Why, in the language of the command line.
    pub reason: String,
}

/// The rows of a one-record sheet from `FIELD=VALUE` arguments (`FIELD`: the Chinese header
/// or its short name), for `dangjian record`.
pub fn rows_from_fields(kind: SheetKind, fields: &[String]) -> Result<Vec<Vec<String>>, CliError> {
    let cols = kind.columns();
    let mut values = vec![String::new(); cols.len()];
    for f in fields {
        let (k, v) = f
            .split_once('=')
            .ok_or_else(|| CliError::new("bad_field", t!("err-record-field", field = shown(f))))?;
        let k = k.trim();
        let at = cols
            .iter()
            .position(|c| c.header == k || c.key.eq_ignore_ascii_case(k))
            .ok_or_else(|| {
                CliError::new(
                    "bad_field",
                    t!(
                        "err-record-unknown-field",
                        field = shown(k),
                        fields = cols
                            .iter()
                            .map(|c| format!("{}（{}）", c.key, c.header))
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                )
            })?;
        if let Some(slot) = values.get_mut(at) {
            *slot = v.trim().to_string();
        }
    }
    Ok(vec![
        cols.iter().map(|c| c.header.to_string()).collect(),
        values,
    ])
}

/// Reads the cells of the first sheet of an `.xlsx` file, or of a CSV file, as text.
pub fn read_rows(bytes: &[u8], xlsx: bool) -> Result<Vec<Vec<String>>, CliError> {
    if xlsx {
        read_xlsx(bytes)
    } else {
        read_csv(bytes)
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Vec<String>>, CliError> {
    use calamine::{Data, Reader, Xlsx};
    let bad = |e: &dyn std::fmt::Display| {
        CliError::new(
            "unreadable",
            t!(
                "err-sheet-unreadable",
                reason = dangjian::privacy::redact_digits(&e.to_string())
            ),
        )
    };
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| bad(&e))?;
    let name = wb
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| bad(&"no sheet"))?;
    let range = wb.worksheet_range(&name).map_err(|e| bad(&e))?;
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); r0 as usize];
    for row in range.rows() {
        let mut out = vec![String::new(); c0 as usize];
        for cell in row {
            out.push(match cell {
                Data::Empty => String::new(),
                Data::String(s) => s.clone(),
                Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
                Data::Float(f) => f.to_string(),
                Data::Int(i) => i.to_string(),
                Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
                Data::DateTime(d) => serial_date(d.as_f64())
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                Data::Error(e) => format!("#ERROR {e:?}"),
            });
        }
        rows.push(out);
    }
    Ok(rows)
}

fn serial_date(v: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&v) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(v.floor() as u64))
}

fn read_csv(bytes: &[u8]) -> Result<Vec<Vec<String>>, CliError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.trim_start_matches('\u{feff}').to_string(),
        Err(_) => dangjian::io::gb18030(bytes).ok_or_else(|| {
            CliError::new(
                "unreadable",
                t!("err-sheet-unreadable", reason = "encoding"),
            )
        })?,
    };
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| {
            CliError::new(
                "unreadable",
                t!(
                    "err-sheet-unreadable",
                    reason = dangjian::privacy::redact_digits(&e.to_string())
                ),
            )
        })?;
        rows.push(rec.iter().map(str::to_string).collect());
    }
    Ok(rows)
}

/// The rows of a sheet under its header: the header row is the first row holding the first
/// required header; the template's note row (opening with [`NOTE_MARK`]) and empty rows are
/// skipped. Yields (sheet row number, cell by header).
struct Sheet {
    rows: Vec<(usize, Vec<String>)>,
    col: HashMap<&'static str, usize>,
}

fn locate(kind: SheetKind, rows: Vec<Vec<String>>) -> Result<Sheet, CliError> {
    let cols = kind.columns();
    let key = cols.iter().find(|c| c.required).map_or("", |c| c.header);
    let header_at = rows
        .iter()
        .position(|r| r.iter().any(|c| c.trim() == key))
        .ok_or_else(|| {
            CliError::new(
                "missing_column",
                t!(
                    "err-sheet-missing-column",
                    column = key,
                    sheet = kind.title()
                ),
            )
        })?;
    let header = rows.get(header_at).cloned().unwrap_or_default();
    let mut col = HashMap::new();
    for c in cols {
        match header.iter().position(|h| h.trim() == c.header) {
            Some(i) => {
                col.insert(c.header, i);
            }
            None if c.required => {
                return Err(CliError::new(
                    "missing_column",
                    t!(
                        "err-sheet-missing-column",
                        column = c.header,
                        sheet = kind.title()
                    ),
                ))
            }
            None => {}
        }
    }
    let rows = rows
        .into_iter()
        .enumerate()
        .skip(header_at + 1)
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .filter(|(_, r)| {
            !r.first()
                .is_some_and(|c| c.trim_start().starts_with(NOTE_MARK))
        })
        .map(|(i, r)| (i + 1, r))
        .collect();
    Ok(Sheet { rows, col })
}

/// Cell access for one row, collecting errors.
struct Row<'a> {
    n: usize,
    cells: &'a [String],
    col: &'a HashMap<&'static str, usize>,
    errors: &'a mut Vec<CellError>,
}

impl Row<'_> {
    fn get(&self, h: &str) -> &str {
        self.col
            .get(h)
            .and_then(|&i| self.cells.get(i))
            .map_or("", |s| s.trim())
    }
    fn bad(&mut self, h: &str, reason: String) {
        self.errors.push(CellError {
            row: self.n,
            column: h.to_string(),
            reason,
        });
    }
    fn required(&mut self, h: &str) -> Option<String> {
        let v = self.get(h).to_string();
        if v.is_empty() {
            self.bad(h, t!("cell-empty"));
            None
        } else {
            Some(v)
        }
    }
    fn date(&mut self, h: &str) -> Option<NaiveDate> {
        let v = self.required(h)?;
        let d = parse_roster_date(&v);
        if d.is_none() {
            self.bad(h, t!("cell-bad-date", value = shown(&v)));
        }
        d
    }
    fn member(&mut self, h: &str, members: &HashSet<&str>) -> Option<String> {
        let v = self.required(h)?;
        if !members.contains(v.as_str()) {
            self.bad(h, t!("cell-unknown-member", value = shown(&v)));
            return None;
        }
        Some(v)
    }
    fn id(
        &mut self,
        h: &str,
        used: &mut HashSet<String>,
        prefix: &str,
        next: &mut u64,
    ) -> Option<String> {
        let v = self.get(h).to_string();
        if v.is_empty() {
            loop {
                *next += 1;
                let id = format!("{prefix}{:06}", *next);
                if used.insert(id.clone()) {
                    return Some(id);
                }
            }
        }
        if !used.insert(v.clone()) {
            self.bad(h, t!("cell-duplicate-id", value = shown(&v)));
            return None;
        }
        Some(v)
    }
    fn ids(&mut self, h: &str, members: &HashSet<&str>) -> Vec<String> {
        let v = self.get(h).to_string();
        let mut out = Vec::new();
        for part in v
            .split(['、', ',', '，', ';', '；', ' ', '\n'])
            .map(str::trim)
        {
            if part.is_empty() {
                continue;
            }
            if members.contains(part) {
                out.push(part.to_string());
            } else {
                self.bad(h, t!("cell-unknown-member", value = shown(part)));
            }
        }
        out
    }
    fn optional(&self, h: &str) -> Option<String> {
        Some(self.get(h).to_string()).filter(|s| !s.is_empty())
    }
}

/// A cell value as echoed in an error: digit runs that could be ID numbers or phones masked.
fn shown(v: &str) -> String {
    let cut: String = v.chars().take(40).collect();
    dangjian::privacy::redact_digits(&cut)
}

/// Money in yuan with at most two decimals, as fen.
fn yuan_to_fen(s: &str) -> Option<i64> {
    let s = s.trim().trim_end_matches('元');
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 2
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let yuan: i64 = int.parse().ok()?;
    let mut f: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    if frac.len() == 1 {
        f *= 10;
    }
    yuan.checked_mul(100)?.checked_add(f)
}

fn meeting_kind(s: &str) -> Option<MeetingKind> {
    MeetingKind::ALL
        .into_iter()
        .find(|k| k.label() == s || k.code() == s)
}

/// What an import adds.
pub struct Added {
    /// Records appended.
    pub count: usize,
}

/// Appends the records of a filled sheet to `ds`; on any bad cell nothing is appended and every
/// bad cell is returned.
pub fn import(
    kind: SheetKind,
    rows: Vec<Vec<String>>,
    ds: &mut Dataset,
) -> Result<Result<Added, Vec<CellError>>, CliError> {
    let sheet = locate(kind, rows)?;
    let members: HashSet<&str> = ds.members.iter().map(|m| m.id.as_str()).collect();
    let orgs: HashSet<String> = ds.orgs.iter().map(|o| o.id.to_string()).collect();
    let mut errors = Vec::new();
    let mut acts = Vec::new();
    let mut meets = Vec::new();
    let mut pays = Vec::new();
    let mut serv = Vec::new();
    let mut used: HashSet<String> = match kind {
        SheetKind::Activities => ds.activities.iter().map(|a| a.id.to_string()).collect(),
        SheetKind::Meetings => ds.meetings.iter().map(|m| m.id.to_string()).collect(),
        SheetKind::Service => ds.service.iter().map(|s| s.id.to_string()).collect(),
        SheetKind::Payments => HashSet::new(),
    };
    let mut next = 0u64;
    let posts: HashSet<String> = ds.posts.iter().map(|p| p.id.to_string()).collect();
    let subjects: HashSet<&str> = members
        .iter()
        .copied()
        .chain(ds.orgs.iter().map(|o| o.id.as_str()))
        .collect();
    for (n, cells) in &sheet.rows {
        let mut r = Row {
            n: *n,
            cells,
            col: &sheet.col,
            errors: &mut errors,
        };
        match kind {
            SheetKind::Activities => {
                let id = r.id("记录编号", &mut used, "I", &mut next);
                let subject = r.member("对象编号", &subjects);
                let item = r.required("积分事项");
                let date = r.date("日期");
                let quantity = match r.optional("数量") {
                    None => Some(Fixed::ONE),
                    Some(q) => match q.parse::<Fixed>() {
                        Ok(f) if f > Fixed::ZERO => Some(f),
                        _ => {
                            r.bad("数量", t!("cell-bad-number", value = shown(&q)));
                            None
                        }
                    },
                };
                if let (Some(id), Some(s), Some(i), Some(d), Some(q)) =
                    (id, subject, item, date, quantity)
                {
                    let mut a = ActivityRecord::new(&id, &s, &i, d);
                    a.quantity = q;
                    a.reverses = r.optional("冲销记录").map(Into::into);
                    a.note = r.optional("备注");
                    acts.push(a);
                }
            }
            SheetKind::Meetings => {
                let id = r.id("会议编号", &mut used, "M", &mut next);
                let org = r.required("组织编号");
                let org = match org {
                    Some(o) if orgs.contains(&o) => Some(o),
                    Some(o) => {
                        r.bad("组织编号", t!("cell-unknown-org", value = shown(&o)));
                        None
                    }
                    None => None,
                };
                let kind_v = r.required("会议类型");
                let mk = kind_v.as_deref().and_then(|v| {
                    let k = meeting_kind(v);
                    if k.is_none() {
                        r.bad("会议类型", t!("cell-bad-meeting-kind", value = shown(v)));
                    }
                    k
                });
                let date = r.date("日期");
                let attendees = r.ids("出席党员", &members);
                let excused = r.ids("请假党员", &members);
                if let (Some(id), Some(o), Some(k), Some(d)) = (id, org, mk, date) {
                    meets.push(MeetingRecord {
                        id: id.into(),
                        org: o.into(),
                        kind: k,
                        date: d,
                        attendees: attendees.iter().map(|a| a.as_str().into()).collect(),
                        excused: excused.iter().map(|a| a.as_str().into()).collect(),
                        expected: None,
                        topic: r.optional("主题"),
                    });
                }
            }
            SheetKind::Payments => {
                let member = r.member("党员编号", &members);
                let month = r.required("所属月份").and_then(|m| {
                    let parsed = m.parse::<Month>().ok().or_else(|| {
                        parse_roster_date(&m).and_then(|d| {
                            use chrono::Datelike;
                            Month::new(d.year(), d.month())
                        })
                    });
                    if parsed.is_none() {
                        r.bad("所属月份", t!("cell-bad-month", value = shown(&m)));
                    }
                    parsed
                });
                let amount = match r.optional("金额（元）") {
                    None => Some(0),
                    Some(a) => {
                        let f = yuan_to_fen(&a);
                        if f.is_none() {
                            r.bad("金额（元）", t!("cell-bad-money", value = shown(&a)));
                        }
                        f
                    }
                };
                let paid_on = r.date("缴纳日期");
                let reason = r.optional("未交原因");
                if amount == Some(0) && reason.is_none() {
                    r.bad("未交原因", t!("cell-reason-needed"));
                }
                if let (Some(m), Some(mo), Some(a), Some(p)) = (member, month, amount, paid_on) {
                    pays.push(PaymentRecord {
                        member: m.as_str().into(),
                        month: mo,
                        amount: a,
                        paid_on: p,
                        reason,
                    });
                }
            }
            SheetKind::Service => {
                let id = r.id("记录编号", &mut used, "S", &mut next);
                let member = r.member("党员编号", &members);
                let post = r.required("岗位编号").and_then(|p| {
                    if posts.contains(&p) {
                        Some(p)
                    } else {
                        r.bad("岗位编号", t!("cell-unknown-post", value = shown(&p)));
                        None
                    }
                });
                let date = r.date("日期");
                let hours = r
                    .required("时长（小时）")
                    .and_then(|h| match h.parse::<Fixed>() {
                        Ok(f) if f > Fixed::ZERO && f <= Fixed::from_int(24) => Some(f),
                        _ => {
                            r.bad("时长（小时）", t!("cell-bad-hours", value = shown(&h)));
                            None
                        }
                    });
                let verified = match r.optional("已核实").as_deref() {
                    None | Some("否") | Some("false") | Some("0") | Some("FALSE") => Some(false),
                    Some("是") | Some("true") | Some("1") | Some("TRUE") => Some(true),
                    Some(v) => {
                        r.bad("已核实", t!("cell-bad-flag", value = shown(v)));
                        None
                    }
                };
                if let (Some(id), Some(m), Some(p), Some(d), Some(h), Some(v)) =
                    (id, member, post, date, hours, verified)
                {
                    let mut s = ServiceRecord::new(&id, &m, &p, d, h);
                    s.verified = v;
                    s.note = r.optional("备注");
                    serv.push(s);
                }
            }
        }
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let count = acts.len() + meets.len() + pays.len() + serv.len();
    let mut next_ds = ds.clone();
    next_ds.activities.extend(acts);
    next_ds.meetings.extend(meets);
    next_ds.payments.extend(pays);
    next_ds.service.extend(serv);
    crate::check_dataset(&next_ds)?;
    *ds = next_ds;
    Ok(Ok(Added { count }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan() {
        assert_eq!(yuan_to_fen("16.5"), Some(1650));
        assert_eq!(yuan_to_fen("16.05"), Some(1605));
        assert_eq!(yuan_to_fen("0"), Some(0));
        assert_eq!(yuan_to_fen("1.234"), None);
        assert_eq!(yuan_to_fen("-1"), None);
    }
}
