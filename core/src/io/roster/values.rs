//! Roster values: dates as written on rosters (day or month precision, Excel serial numbers of
//! either date system) and the synonyms of categories, education levels and genders.
//!
//! Each parser takes a cell as secretaries write it:
//!
//! ```
//! use dangjian::io::{parse_roster_category, parse_roster_date_precise, parse_roster_education, DatePrecision};
//! use dangjian::member::{Category, Education};
//! let (day, precision) = parse_roster_date_precise("1985年3月").ok_or("not a date")?;
//! assert_eq!((day.to_string(), precision), ("1985-03-01".to_string(), DatePrecision::Month));
//! assert_eq!(parse_roster_education("硕士"), Some(Education::Postgraduate));
//! assert_eq!(parse_roster_category("退休"), Some(Category::Retired));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;

use crate::member::{Category, Education, Gender};

/// How precise a roster date is.
///
/// # Examples
///
/// ```
/// use dangjian::io::{parse_roster_date_precise, DatePrecision};
/// let precision = |s| parse_roster_date_precise(s).map(|(_, p)| p);
/// assert_eq!(precision("1985-03-12"), Some(DatePrecision::Day));
/// assert_eq!(precision("1985.03"), Some(DatePrecision::Month));
/// assert_eq!(precision("198503"), Some(DatePrecision::Month));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePrecision {
    /// A full date (`1985-03-12`).
    Day,
    /// Year and month only (`1985.03`, `1985年3月`, `198503`): the first of the month.
    Month,
}

/// Parses a date as written on rosters.
///
/// ```
/// use dangjian::io::parse_roster_date;
/// let d = |s| parse_roster_date(s).map(|d| d.to_string());
/// assert_eq!(d("1980/5/1").as_deref(), Some("1980-05-01"));
/// assert_eq!(d("1980年5月1日").as_deref(), Some("1980-05-01"));
/// assert_eq!(d("1980.05").as_deref(), Some("1980-05-01"));
/// assert_eq!(d("1985年3月").as_deref(), Some("1985-03-01"));
/// assert_eq!(d("2024-02-30"), None);
/// ```
pub fn parse_roster_date(s: &str) -> Option<NaiveDate> {
    parse_roster_date_precise(s).map(|(d, _)| d)
}

/// [`parse_roster_date`] with the precision: month-only forms give the first of the month and
/// [`DatePrecision::Month`].
///
/// ```
/// use dangjian::io::{parse_roster_date_precise, DatePrecision};
/// let (d, p) = parse_roster_date_precise("1985年3月").unwrap();
/// assert_eq!((d.to_string().as_str(), p), ("1985-03-01", DatePrecision::Month));
/// assert_eq!(parse_roster_date_precise("198503").unwrap().1, DatePrecision::Month);
/// assert_eq!(parse_roster_date_precise("19850312").unwrap().1, DatePrecision::Day);
/// ```
pub fn parse_roster_date_precise(s: &str) -> Option<(NaiveDate, DatePrecision)> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    // A time of day after the date (`1985-03-12 00:00:00`, ISO `1985-03-12T00:00:00`) is ignored.
    if let Some((date, time)) = s.split_once(['T', ' ']) {
        if time.contains(':')
            && time
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
        {
            return parse_roster_date_precise(date);
        }
    }
    // A date starts with its year's digits and ends with a digit or 日/号/月: `-1990-02-03` is
    // not 1990-02-03 (issue 17).
    if !s.starts_with(|c: char| c.is_ascii_digit())
        || !s.ends_with(|c: char| c.is_ascii_digit() || matches!(c, '日' | '号' | '月'))
    {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u32>().ok());
    if s.bytes().all(|c| c.is_ascii_digit()) {
        return match s.len() {
            // YYYYMMDD
            8 => NaiveDate::from_ymd_opt(n(0..4)? as i32, n(4..6)?, n(6..8)?)
                .map(|d| (d, DatePrecision::Day)),
            // YYYYMM
            6 => NaiveDate::from_ymd_opt(n(0..4)? as i32, n(4..6)?, 1)
                .map(|d| (d, DatePrecision::Month)),
            _ => None,
        };
    }
    // Separators: - / . 年 月 日 and spaces; anything else (letters, a time of day) is refused.
    let allowed =
        |c: char| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | '年' | '月' | '日' | ' ');
    if !s.chars().all(allowed) {
        return None;
    }
    let parts: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    let year = parts
        .first()
        .filter(|p| p.len() == 4)
        .and_then(|p| p.parse::<i32>().ok())?;
    let short = |i: usize| parts.get(i).is_some_and(|p| p.len() <= 2);
    match parts.len() {
        2 if short(1) => {
            NaiveDate::from_ymd_opt(year, num(1)?, 1).map(|d| (d, DatePrecision::Month))
        }
        3 if short(1) && short(2) => {
            NaiveDate::from_ymd_opt(year, num(1)?, num(2)?).map(|d| (d, DatePrecision::Day))
        }
        _ => None,
    }
}

/// Why an Excel serial number is not a date.
///
/// # Examples
///
/// ```
/// use dangjian::io::{excel_serial_date, SerialError};
/// assert_eq!(excel_serial_date(60.0, false), Err(SerialError::Fictitious)); // "1900-02-29"
/// assert_eq!(excel_serial_date(0.0, false), Err(SerialError::OutOfRange));
/// assert!(excel_serial_date(0.0, true).is_ok()); // 1904-01-01 in the 1904 system
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SerialError {
    /// Serial 60 of the 1900 date system: Excel's fictitious 1900-02-29.
    Fictitious,
    /// Below 1 (0 is Excel's "1900-01-00") or beyond 9999-12-31, or not a whole day.
    OutOfRange,
}

/// The date of an Excel serial day number (the integer part; a time of day is ignored).
///
/// In the 1900 date system serial 1 is 1900-01-01 and 59 is 1900-02-28, as Excel shows them;
/// 60 is Excel's fictitious 1900-02-29 (kept for Lotus 1-2-3 compatibility) and is refused;
/// from 61 (1900-03-01) on, day `n` is 1899-12-30 + `n`. In the 1904 system (`date1904`, Mac
/// Excel's former default) serial 0 is 1904-01-01.
///
/// ```
/// use dangjian::io::{excel_serial_date, SerialError};
/// let d = |n, w| excel_serial_date(n, w).map(|d| d.to_string());
/// assert_eq!(d(59.0, false).as_deref(), Ok("1900-02-28"));
/// assert_eq!(d(60.0, false), Err(SerialError::Fictitious));
/// assert_eq!(d(61.0, false).as_deref(), Ok("1900-03-01"));
/// assert_eq!(d(31107.0, false).as_deref(), Ok("1985-03-01"));
/// assert_eq!(d(29645.0, true).as_deref(), Ok("1985-03-01")); // 1,462 days fewer
/// ```
pub fn excel_serial_date(serial: f64, date1904: bool) -> Result<NaiveDate, SerialError> {
    let max = if date1904 { 2_957_003.0 } else { 2_958_465.0 };
    let min = if date1904 { 0.0 } else { 1.0 };
    if !serial.is_finite() || serial < min || serial >= max + 1.0 {
        return Err(SerialError::OutOfRange);
    }
    let days = serial.floor() as u64;
    let (base, days) = if date1904 {
        (NaiveDate::from_ymd_opt(1904, 1, 1), days)
    } else if days < 60 {
        (NaiveDate::from_ymd_opt(1899, 12, 31), days)
    } else if days == 60 {
        return Err(SerialError::Fictitious);
    } else {
        (NaiveDate::from_ymd_opt(1899, 12, 30), days)
    };
    base.and_then(|b| b.checked_add_days(chrono::Days::new(days)))
        .ok_or(SerialError::OutOfRange)
}

/// A date cell's number as an Excel serial, when the cell text is one: a whole number (or one
/// with a fraction, a time of day) of at most 7 digits. Five-digit numbers (10000–99999,
/// 1927-05-18 to 2173-10-14) are taken as serials even from CSV text; shorter ones only from
/// numeric spreadsheet cells (`numeric`), where a year such as `1985` would be ambiguous.
pub(super) fn serial_of(text: &str, numeric: bool) -> Option<f64> {
    let t = text.trim();
    let int = t.split('.').next().unwrap_or("");
    let frac_ok = t
        .split('.')
        .nth(1)
        .is_none_or(|f| f.bytes().all(|b| b.is_ascii_digit()));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac_ok
        || t.split('.').count() > 2
    {
        return None;
    }
    if !(numeric || int.len() == 5) || int.len() > 7 {
        return None;
    }
    t.parse::<f64>().ok()
}

/// Parses a category (人员类别) with the synonyms real rosters use.
///
/// ```
/// use dangjian::io::parse_roster_category;
/// use dangjian::member::Category;
/// assert_eq!(parse_roster_category("无业"), Some(Category::Unemployed));
/// assert_eq!(parse_roster_category("在职党员"), Some(Category::InService));
/// assert_eq!(parse_roster_category("离退休党员"), Some(Category::Retired));
/// assert_eq!(parse_roster_category("VIP"), None);
/// ```
pub fn parse_roster_category(s: &str) -> Option<Category> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    Category::parse(&s).or(match s.as_str() {
        "无业" | "待业" | "失业人员" | "下岗" | "下岗失业" | "无固定职业" | "低保户" | "无收入" => {
            Some(Category::Unemployed)
        }
        "在职人员" | "在岗" | "在职在岗" | "报到党员" | "在职报到党员" | "机关事业单位"
        | "企业职工" => Some(Category::InService),
        "退休人员" | "离休干部" | "退休党员" | "离退休党员" | "离退休人员" | "离休人员" => {
            Some(Category::Retired)
        }
        "社区党员" | "居民党员" | "城镇居民" => Some(Category::Resident),
        "流动人员" | "流入党员" | "外来党员" | "来沪党员" => {
            Some(Category::Floating)
        }
        "学生党员" | "在校学生" | "在校生" => Some(Category::Student),
        "农民党员" | "务农" | "农村居民" => Some(Category::Farmer),
        _ => None,
    })
}

/// Parses an education level (学历) with the synonyms real rosters use.
///
/// ```
/// use dangjian::io::parse_roster_education;
/// use dangjian::member::Education;
/// assert_eq!(parse_roster_education("大学专科"), Some(Education::JuniorCollege));
/// assert_eq!(parse_roster_education("中等专科"), Some(Education::SeniorMiddle));
/// ```
pub fn parse_roster_education(s: &str) -> Option<Education> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    Education::parse(&s).or(match s.as_str() {
        "小学以下" | "不识字" => Some(Education::Primary),
        "初中及以下" | "初级中学" => Some(Education::JuniorMiddle),
        "中等专科" | "技校" | "技工学校" | "普通高中" | "高中及中专" => {
            Some(Education::SeniorMiddle)
        }
        "大学专科" | "高职" | "高等专科" | "大专及以上" => {
            Some(Education::JuniorCollege)
        }
        "本科及以上" | "学士" => Some(Education::Bachelor),
        "研究生及以上" | "硕士研究生及以上" | "研究生(硕士)" | "研究生(博士)" => {
            Some(Education::Postgraduate)
        }
        _ => None,
    })
}

/// Parses a gender (性别): 男/女, 男性/女性.
///
/// # Examples
///
/// ```
/// use dangjian::io::parse_roster_gender;
/// use dangjian::member::Gender;
/// assert_eq!(parse_roster_gender("女"), Some(Gender::Female));
/// assert_eq!(parse_roster_gender(" 男性 "), Some(Gender::Male));
/// assert_eq!(parse_roster_gender("?"), None);
/// ```
pub fn parse_roster_gender(s: &str) -> Option<Gender> {
    let s = s.trim();
    Gender::parse(s).or(match s {
        "男性" => Some(Gender::Male),
        "女性" => Some(Gender::Female),
        _ => None,
    })
}

/// How a member entered the organization's records, from the 登记方式 column or the options.
///
/// # Examples
///
/// ```
/// # use dangjian::io::{import_roster_csv_with, Entry, RosterOptions};
/// # let reg = dangjian::Registry::sample_small();
/// # let opts = RosterOptions::new("2024-01-01".parse()?);
/// # let utf8_only = |_: &[u8]| None;
/// use dangjian::member::EventType;
/// // A 登记方式 column says, row by row, how each member entered.
/// let csv = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部,登记方式\nR9,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,B1,转入\n";
/// let out = import_roster_csv_with(csv.as_bytes(), reg.tree(), &opts, &utf8_only)?;
/// assert_eq!(out.events.first().map(|e| e.kind), Some(EventType::TransferredIn));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entry {
    /// 初始登记: first registered when the organization's records begin.
    Registered,
    /// 转入: organizational relationship transferred in from elsewhere.
    TransferredIn,
}

impl Entry {
    /// Parses the 登记方式 column (`初始登记`, `登记`, `成立时登记`, `转入`, `组织关系转入`,
    /// or the snake_case codes).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::io::Entry;
    /// assert_eq!(Entry::parse("组织关系转入"), Some(Entry::TransferredIn));
    /// assert_eq!(Entry::parse("成立时登记"), Some(Entry::Registered));
    /// assert_eq!(Entry::parse("调入"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Entry> {
        match s.trim() {
            "初始登记" | "登记" | "成立时登记" | "建档" | "registered" => {
                Some(Entry::Registered)
            }
            "转入" | "组织关系转入" | "关系转入" | "transferred_in" => {
                Some(Entry::TransferredIn)
            }
            _ => None,
        }
    }

    /// The Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::io::Entry;
    /// assert_eq!(Entry::Registered.label(), "初始登记");
    /// assert_eq!(Entry::parse(Entry::TransferredIn.label()), Some(Entry::TransferredIn));
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Entry::Registered => "初始登记",
            Entry::TransferredIn => "转入",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<(String, DatePrecision)> {
        parse_roster_date_precise(s).map(|(d, p)| (d.to_string(), p))
    }

    #[test]
    fn roster_date_forms() {
        use DatePrecision::{Day, Month};
        let day = |s: &str| Some((s.to_string(), Day));
        let month = |s: &str| Some((s.to_string(), Month));
        assert_eq!(p("1985-03-12"), day("1985-03-12"));
        assert_eq!(p("1985/3/12"), day("1985-03-12"));
        assert_eq!(p("1985.3.12"), day("1985-03-12"));
        assert_eq!(p("1985年3月12日"), day("1985-03-12"));
        assert_eq!(p("19850312"), day("1985-03-12"));
        assert_eq!(p("1985-03-12 00:00:00"), day("1985-03-12"));
        assert_eq!(p("1985-03-12T00:00:00"), day("1985-03-12"));
        assert_eq!(p("1985.03"), month("1985-03-01"));
        assert_eq!(p("1985-3"), month("1985-03-01"));
        assert_eq!(p("1985年3月"), month("1985-03-01"));
        assert_eq!(p("198503"), month("1985-03-01"));
        for bad in [
            "85.03",
            "1985",
            "1985.13",
            "1985-02-30",
            "1985.003",
            "March 1985",
            "1985-03-12 noon",
            "31107",
        ] {
            assert_eq!(p(bad), None, "{bad}");
        }
    }

    #[test]
    fn serials_only_where_unambiguous() {
        assert_eq!(serial_of("31107", false), Some(31107.0));
        assert_eq!(serial_of("31107.5", false), Some(31107.5));
        assert_eq!(serial_of("1985", false), None, "a year in CSV text");
        assert_eq!(serial_of("1985", true), Some(1985.0), "a number cell");
        assert_eq!(serial_of("12345678", true), None);
        assert_eq!(serial_of("-5", true), None);
        assert_eq!(serial_of("1.2.3", true), None);
        assert_eq!(excel_serial_date(0.0, false), Err(SerialError::OutOfRange));
        assert_eq!(
            excel_serial_date(2_958_466.0, false),
            Err(SerialError::OutOfRange)
        );
        assert_eq!(
            excel_serial_date(f64::NAN, true),
            Err(SerialError::OutOfRange)
        );
        assert_eq!(
            excel_serial_date(2_958_465.0, false).map(|d| d.to_string()),
            Ok("9999-12-31".to_string())
        );
        assert_eq!(
            excel_serial_date(2_957_003.0, true).map(|d| d.to_string()),
            Ok("9999-12-31".to_string())
        );
    }

    #[test]
    fn synonyms() {
        for (s, c) in [
            ("无业", Category::Unemployed),
            ("待业", Category::Unemployed),
            ("失业", Category::Unemployed),
            ("在职", Category::InService),
            ("在职党员", Category::InService),
            ("退休", Category::Retired),
            ("离退休", Category::Retired),
            ("", Category::Resident),
        ] {
            assert_eq!(parse_roster_category(s), Some(c), "{s}");
        }
        assert_eq!(parse_roster_gender("女性"), Some(Gender::Female));
        assert_eq!(Entry::parse("转入"), Some(Entry::TransferredIn));
        assert_eq!(Entry::parse("初始登记"), Some(Entry::Registered));
        assert_eq!(Entry::parse("调入"), None);
    }
}
