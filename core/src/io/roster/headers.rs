//! Roster headers: the canonical names, the aliases real rosters use, normalization (spaces,
//! full-width characters, required-field marks) and finding the header row under title rows.
//!
//! Headers are compared after normalization, under every alias:
//!
//! ```
//! use dangjian::io::{normalize_header, roster_field_of};
//! // Real rosters: spaces, full-width letters, required-field marks, notes in parentheses.
//! assert_eq!(normalize_header("＊姓　名"), "姓名");
//! assert_eq!(roster_field_of("出生日期(年月)"), Some("出生日期"));
//! assert_eq!(roster_field_of("党员姓名"), Some("姓名"));
//! ```

/// One roster field: its canonical header and the other names real rosters give it.
///
/// # Examples
///
/// ```
/// use dangjian::io::ROSTER_HEADER_ALIASES;
/// let required: Vec<&str> = ROSTER_HEADER_ALIASES.iter().filter(|a| a.required).map(|a| a.header).collect();
/// assert_eq!(required, ["姓名", "性别", "出生日期", "民族", "学历", "入党时间", "转正时间", "所在支部"]);
/// let branch = ROSTER_HEADER_ALIASES.iter().find(|a| a.header == "所在支部").ok_or("no alias")?;
/// assert!(branch.aliases.contains(&"所在党支部"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderAlias {
    /// The canonical header (as in [`super::ROSTER_HEADERS`]).
    pub header: &'static str,
    /// Other accepted names, compared after normalization ([`normalize_header`]).
    pub aliases: &'static [&'static str],
    /// Whether the column must be present.
    pub required: bool,
}

/// Every roster field with its accepted names (the documented alias table of `docs/roster.md`).
///
/// ```
/// use dangjian::io::{roster_field_of, ROSTER_HEADER_ALIASES};
/// assert_eq!(ROSTER_HEADER_ALIASES.len(), 15);
/// assert_eq!(roster_field_of("所在党支部"), Some("所在支部"));
/// assert_eq!(roster_field_of(" 姓 名 "), Some("姓名"));
/// assert_eq!(roster_field_of("出生年月"), Some("出生日期"));
/// assert_eq!(roster_field_of("*公民身份号码"), Some("身份证号"));
/// assert_eq!(roster_field_of("ＩＤ"), None);
/// ```
pub const ROSTER_HEADER_ALIASES: &[HeaderAlias] = &[
    HeaderAlias {
        header: "姓名",
        aliases: &["党员姓名", "名字"],
        required: true,
    },
    HeaderAlias {
        header: "性别",
        aliases: &[],
        required: true,
    },
    HeaderAlias {
        header: "出生日期",
        aliases: &["出生年月", "出生年月日", "出生时间", "生日"],
        required: true,
    },
    HeaderAlias {
        header: "民族",
        aliases: &[],
        required: true,
    },
    HeaderAlias {
        header: "学历",
        aliases: &["文化程度", "最高学历", "全日制学历"],
        required: true,
    },
    HeaderAlias {
        header: "入党时间",
        aliases: &["入党日期", "入党年月", "加入党组织日期", "入党时间(预备)"],
        required: true,
    },
    HeaderAlias {
        header: "转正时间",
        aliases: &["转正日期", "转正年月", "转为正式党员日期"],
        required: true,
    },
    HeaderAlias {
        header: "所在支部",
        aliases: &[
            "所在党支部",
            "党支部",
            "支部",
            "所属支部",
            "所属党支部",
            "党组织",
            "所在党组织",
        ],
        required: true,
    },
    HeaderAlias {
        header: "编号",
        aliases: &["党员编号", "人员编号"],
        required: false,
    },
    HeaderAlias {
        header: "人员类别",
        aliases: &["党员类别", "类别", "人员类型", "党员类型"],
        required: false,
    },
    HeaderAlias {
        header: "工作单位",
        aliases: &["单位", "工作单位及职务"],
        required: false,
    },
    HeaderAlias {
        header: "身份证号",
        aliases: &["公民身份号码", "身份证号码", "身份证", "证件号码"],
        required: false,
    },
    HeaderAlias {
        header: "联系电话",
        aliases: &["手机号码", "手机号", "手机", "电话", "联系方式"],
        required: false,
    },
    HeaderAlias {
        header: "特长",
        aliases: &["专长", "个人特长"],
        required: false,
    },
    HeaderAlias {
        header: "登记方式",
        aliases: &["进入方式", "增加方式", "来源"],
        required: false,
    },
];

/// A header as compared: full-width ASCII (`Ａ`, `（`, `＊`) folded to ASCII, every space
/// (including the ideographic space U+3000 and NBSP) removed, required-field marks (`*`) dropped.
///
/// ```
/// use dangjian::io::normalize_header;
/// assert_eq!(normalize_header("姓　名"), "姓名");
/// assert_eq!(normalize_header("*出生日期（年月）"), "出生日期(年月)");
/// ```
pub fn normalize_header(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace() && *c != '*' && *c != '\u{200B}' && *c != '\u{FEFF}')
        .collect()
}

/// The header without a trailing parenthesised note (`出生日期(年月)` → `出生日期`).
pub(super) fn strip_note(s: &str) -> &str {
    if let Some(stripped) = s.strip_suffix(')') {
        if let Some(i) = stripped.rfind('(') {
            return s.get(..i).unwrap_or(s);
        }
    }
    s
}

/// The canonical header a roster column name stands for, if any.
///
/// # Examples
///
/// ```
/// use dangjian::io::roster_field_of;
/// assert_eq!(roster_field_of("联系方式"), Some("联系电话"));
/// assert_eq!(roster_field_of(" 入党 时间 "), Some("入党时间"));
/// assert_eq!(roster_field_of("备注"), None); // not a roster field: the column is ignored
/// ```
pub fn roster_field_of(name: &str) -> Option<&'static str> {
    let n = normalize_header(name);
    if n.is_empty() {
        return None;
    }
    let hit = |n: &str| {
        ROSTER_HEADER_ALIASES
            .iter()
            .find(|a| a.header == n || a.aliases.contains(&n))
            .map(|a| a.header)
    };
    hit(&n).or_else(|| hit(strip_note(&n)))
}

/// Edit distance (Levenshtein, over characters) between two short strings.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.last().copied().unwrap_or(0) + 1;
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

/// The header cell nearest to `field` (any of its names) among the unmatched `cells`: the
/// closest by edit distance, if it shares at least one character with the name.
pub(super) fn nearest(field: &HeaderAlias, cells: &[String]) -> Option<String> {
    let names = std::iter::once(field.header).chain(field.aliases.iter().copied());
    let mut best: Option<(usize, &String)> = None;
    for cell in cells {
        let n = normalize_header(cell);
        if n.is_empty() || roster_field_of(&n).is_some() {
            continue;
        }
        for name in names.clone() {
            if !name.chars().any(|c| n.contains(c)) {
                continue;
            }
            let d = distance(&n, name);
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, cell));
            }
        }
    }
    best.map(|(_, c)| c.trim().to_string())
}

/// Index of the header row among `rows`: the first of the first 20 non-empty rows holding
/// 姓名 (under any of its names) and at least two other known headers; else the first row
/// holding the most known headers; else the first non-empty row. `None`: no non-empty row.
pub(super) fn find_header_row(rows: &[Vec<String>]) -> Option<usize> {
    let non_empty = |r: &Vec<String>| r.iter().any(|c| !c.trim().is_empty());
    let first = rows.iter().position(non_empty)?;
    let mut best: Option<(usize, usize)> = None;
    for (i, r) in rows
        .iter()
        .enumerate()
        .skip(first)
        .filter(|(_, r)| non_empty(r))
        .take(20)
    {
        let fields: Vec<&str> = r.iter().filter_map(|c| roster_field_of(c)).collect();
        if fields.contains(&"姓名") && fields.len() >= 3 {
            return Some(i);
        }
        if best.is_none_or(|(_, n)| fields.len() > n) && !fields.is_empty() {
            best = Some((i, fields.len()));
        }
    }
    Some(best.map_or(first, |(i, _)| i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(rows: &[&str]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.split(',').map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn the_header_row_is_found_under_titles() {
        let r = rows(&[
            "",
            "翔凤社区党员花名册",
            "填报单位：党总支,,姓名",
            "序号,姓　名,性别,出生年月",
            "1,张三,男,1970.01",
        ]);
        // the subtitle mentions 姓名 but has no other header: the real header is row 3
        assert_eq!(find_header_row(&r), Some(3));
        assert_eq!(find_header_row(&rows(&["", ","])), None);
        assert_eq!(find_header_row(&rows(&["name,gender"])), Some(0));
    }

    #[test]
    fn aliases_notes_and_the_nearest_header() {
        assert_eq!(roster_field_of("出生日期（年月日）"), Some("出生日期"));
        assert_eq!(roster_field_of("所 在 党 支 部"), Some("所在支部"));
        assert_eq!(roster_field_of("序号"), None);
        let branch = ROSTER_HEADER_ALIASES
            .iter()
            .find(|a| a.header == "所在支部")
            .copied()
            .unwrap_or(HeaderAlias {
                header: "",
                aliases: &[],
                required: false,
            });
        let cells = ["姓名".to_string(), "备注".to_string(), "支部名".to_string()];
        assert_eq!(nearest(&branch, &cells).as_deref(), Some("支部名"));
        assert_eq!(nearest(&branch, &["电话号码".to_string()]), None);
    }
}
