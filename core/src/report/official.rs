//! The statistics tables the organization department asks for, in the layout of the annual
//! 党内统计 report where the library has the data: 党员基本情况, 发展党员, 党员增减情况 (by
//! reason) and 党组织情况.
//!
//! Members are counted where their formal organizational relationship (正式组织关系) is
//! (shared/DOMAIN.md, "Statistics handed upward"): an in-service member reporting to the
//! community (在职党员到社区报到, category `in_service`) and an incoming floating member
//! (category `floating`) keep their relationship elsewhere and are left out of the counts
//! (their numbers are given apart, [`OfficialStats::not_counted`]); a member of the community
//! who is away (流出, the `floating` flag) is counted by the branch holding the relationship.
//! Ages are whole years on the statistics date, in the bands of the 党内统计公报: 30岁及以下,
//! 31–35, 36–40, 41–45, 46–50, 51–55, 56–60, 61岁及以上.
//!
//! ```
//! use dangjian::report::OfficialStats;
//! let ds = dangjian::synth::sample_community();
//! let reg = ds.to_registry().unwrap();
//! let st = OfficialStats::build(&reg, "翔凤社区", 2026, "2026-10-31".parse().unwrap()).unwrap();
//! assert_eq!(st.basic.title_zh, "党员基本情况");
//! let total = st.basic.column("total").unwrap();
//! let not_counted: u64 = st.not_counted.iter().map(|(_, n)| n).sum();
//! // every member of the community is either counted or left out by category
//! if let dangjian::table::ColumnValues::U64(v) = &total.values {
//!     assert_eq!(v[0] + not_counted, 158);
//! }
//! ```

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use crate::member::{Category, Education, Gender, MemberState, Stage};
use crate::org::OrgKind;
use crate::registry::Registry;
#[cfg(feature = "xlsx")]
use crate::stats::ExportOptions;
use crate::table::{ColumnValues, OwnedColumn, OwnedTable, Role, Table};

use super::ReportError;

/// Age bands of the 党内统计公报: (upper bound inclusive, column name, label).
///
/// # Examples
///
/// ```
/// use dangjian::report::{OfficialStats, AGE_BANDS};
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// assert_eq!(AGE_BANDS[0], (30, "age_30_or_under", "30岁及以下"));
/// let reg = dangjian::Registry::sample_small();
/// let st = OfficialStats::build(&reg, "示例社区", 2024, d("2024-12-31"))?;
/// assert!(AGE_BANDS.iter().all(|(_, name, _)| st.basic.column(name).is_some()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const AGE_BANDS: [(u32, &str, &str); 8] = [
    (30, "age_30_or_under", "30岁及以下"),
    (35, "age_31_35", "31至35岁"),
    (40, "age_36_40", "36至40岁"),
    (45, "age_41_45", "41至45岁"),
    (50, "age_46_50", "46至50岁"),
    (55, "age_51_55", "51至55岁"),
    (60, "age_56_60", "56至60岁"),
    (u32::MAX, "age_61_or_over", "61岁及以上"),
];

/// Education columns: (snake name, label, levels).
const EDUCATION: [(&str, &str, &[Education]); 6] = [
    ("edu_postgraduate", "研究生", &[Education::Postgraduate]),
    ("edu_bachelor", "大学本科", &[Education::Bachelor]),
    ("edu_college", "大学专科", &[Education::JuniorCollege]),
    ("edu_senior", "中专、高中", &[Education::SeniorMiddle]),
    (
        "edu_junior_or_below",
        "初中及以下",
        &[Education::JuniorMiddle, Education::Primary],
    ),
    ("edu_unknown", "未登记", &[Education::Unknown]),
];

/// Categories counted (the others keep their relationship elsewhere).
const COUNTED: [Category; 5] = [
    Category::Resident,
    Category::Retired,
    Category::Student,
    Category::Farmer,
    Category::Unemployed,
];

/// Whether a member of `category` has the formal relationship in the community.
///
/// # Examples
///
/// ```
/// use dangjian::member::Category;
/// use dangjian::report::relationship_here;
/// assert!(relationship_here(Category::Retired));
/// assert!(!relationship_here(Category::InService)); // reports to the community, counted at work
/// assert!(!relationship_here(Category::Floating));
/// ```
pub fn relationship_here(category: Category) -> bool {
    COUNTED.contains(&category)
}

/// The 党内统计 tables of one year.
///
/// # Examples
///
/// ```
/// use dangjian::report::OfficialStats;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let reg = dangjian::Registry::sample_small();
/// let st = OfficialStats::build(&reg, "示例社区", 2023, d("2023-12-31"))?;
/// assert_eq!((st.year, st.development.title_zh.as_str()), (2023, "发展党员情况"));
/// assert!(st.not_counted.is_empty()); // every member's relationship is here
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialStats {
    /// Community name.
    pub community: String,
    /// Statistics year.
    pub year: i32,
    /// Statistics date (31 December, or the last day of the data within the year).
    pub as_of: NaiveDate,
    /// 党员基本情况: per organization (rolled up), sex, ethnicity, status, age bands, education,
    /// category.
    pub basic: OwnedTable,
    /// 发展党员: members admitted during the year, by the approving branch (rolled up).
    pub development: OwnedTable,
    /// 党员增减情况: gains and losses during the year by reason (members whose relationship is
    /// in the community).
    pub flows: OwnedTable,
    /// 党组织情况: organizations by kind on the statistics date.
    pub organizations: OwnedTable,
    /// Members on the roster left out of the counts, by category label.
    pub not_counted: Vec<(String, u64)>,
}

fn col(name: &str, label: &str, v: Vec<u64>) -> OwnedColumn {
    OwnedColumn::new(name, label, Role::Count, ColumnValues::U64(v))
}

/// Whole years from `birth` to `on`.
fn age(birth: NaiveDate, on: NaiveDate) -> u32 {
    let mut a = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        a -= 1;
    }
    a.max(0) as u32
}

fn is_member(s: &MemberState) -> bool {
    matches!(s.stage, Stage::Full | Stage::Probationary)
}

fn minority(ethnicity: &str) -> bool {
    let e = ethnicity.trim();
    !(e.is_empty() || e == "汉族" || e == "汉")
}

impl OfficialStats {
    /// Builds the tables of `year` on `as_of` (a day in `year`).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::report::OfficialStats;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let reg = dangjian::Registry::sample_small();
    /// let st = OfficialStats::build(&reg, "示例社区", 2024, d("2024-06-30"))?;
    /// assert_eq!(st.as_of, d("2024-06-30"));
    /// assert_eq!(st.basic.title_zh, "党员基本情况");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(
        reg: &Registry,
        community: &str,
        year: i32,
        as_of: NaiveDate,
    ) -> Result<OfficialStats, ReportError> {
        let bad = ReportError::BadMonth { year, month: 12 };
        let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(bad.clone())?;
        let tree = reg.tree();
        let n = tree.len();
        let rows: Vec<usize> = (0..n)
            .filter(|&i| {
                tree.is_active(i as u32, as_of)
                    && tree.kind(i as u32).is_some_and(|k| k != OrgKind::Group)
            })
            .collect();
        let pick = |v: Vec<u64>| -> Vec<u64> {
            let up = tree.rollup(&v);
            rows.iter()
                .map(|&i| up.get(i).copied().unwrap_or(0))
                .collect()
        };
        let zero = || vec![0u64; n];
        // 党员基本情况
        let mut total = zero();
        let mut female = zero();
        let mut minor = zero();
        let mut prob = zero();
        let mut ages: Vec<Vec<u64>> = AGE_BANDS.iter().map(|_| zero()).collect();
        let mut edu: Vec<Vec<u64>> = EDUCATION.iter().map(|_| zero()).collect();
        let mut cat: Vec<Vec<u64>> = COUNTED.iter().map(|_| zero()).collect();
        let mut not_counted: Vec<(String, u64)> = Vec::new();
        // 发展党员
        let mut dev = zero();
        let mut dev_female = zero();
        let mut dev_minor = zero();
        let mut dev_young = zero();
        let mut dev_college = zero();
        let mut conv = zero();
        let bump = |v: &mut Vec<u64>, i: usize| {
            if let Some(x) = v.get_mut(i) {
                *x += 1;
            }
        };
        for (idx, s) in reg.states_on(as_of) {
            let Some(m) = reg.member(idx) else { continue };
            if let Some(adm) = s.admitted_on.filter(|d| *d >= jan1 && *d <= as_of) {
                // admitted here: a member of a branch of the community on the day
                let then = reg.state_of(idx, adm);
                if then.stage == Stage::Probationary && relationship_here(then.category) {
                    if let Some(b) = then.branch {
                        let b = b as usize;
                        bump(&mut dev, b);
                        if m.gender == Gender::Female {
                            bump(&mut dev_female, b);
                        }
                        if minority(&m.ethnicity) {
                            bump(&mut dev_minor, b);
                        }
                        if age(m.birth_date, adm) <= 35 {
                            bump(&mut dev_young, b);
                        }
                        if matches!(
                            m.education,
                            Education::JuniorCollege
                                | Education::Bachelor
                                | Education::Postgraduate
                        ) {
                            bump(&mut dev_college, b);
                        }
                    }
                }
            }
            if let Some(c) = s.converted_on.filter(|d| *d >= jan1 && *d <= as_of) {
                let then = reg.state_of(idx, c);
                if then.stage == Stage::Full && relationship_here(then.category) {
                    if let Some(b) = then.branch {
                        bump(&mut conv, b as usize);
                    }
                }
            }
            if !is_member(&s) {
                continue;
            }
            if !relationship_here(s.category) {
                let label = s.category.label().to_string();
                match not_counted.iter_mut().find(|(l, _)| *l == label) {
                    Some((_, k)) => *k += 1,
                    None => not_counted.push((label, 1)),
                }
                continue;
            }
            let Some(b) = s.branch.map(|b| b as usize) else {
                continue;
            };
            bump(&mut total, b);
            if m.gender == Gender::Female {
                bump(&mut female, b);
            }
            if minority(&m.ethnicity) {
                bump(&mut minor, b);
            }
            if s.stage == Stage::Probationary {
                bump(&mut prob, b);
            }
            let a = age(m.birth_date, as_of);
            if let Some(k) = AGE_BANDS.iter().position(|(up, _, _)| a <= *up) {
                if let Some(v) = ages.get_mut(k) {
                    bump(v, b);
                }
            }
            if let Some(k) = EDUCATION
                .iter()
                .position(|(_, _, l)| l.contains(&m.education))
            {
                if let Some(v) = edu.get_mut(k) {
                    bump(v, b);
                }
            }
            if let Some(k) = COUNTED.iter().position(|c| *c == s.category) {
                if let Some(v) = cat.get_mut(k) {
                    bump(v, b);
                }
            }
        }
        let key_cols = || {
            let recs = tree.records();
            vec![
                OwnedColumn::new(
                    "org",
                    "组织编号",
                    Role::Key,
                    ColumnValues::Str(
                        rows.iter()
                            .map(|&i| recs.get(i).map(|r| r.id.to_string()).unwrap_or_default())
                            .collect(),
                    ),
                ),
                OwnedColumn::new(
                    "org_name",
                    "组织名称",
                    Role::Text,
                    ColumnValues::Str(
                        rows.iter()
                            .map(|&i| recs.get(i).map(|r| r.name.to_string()).unwrap_or_default())
                            .collect(),
                    ),
                ),
            ]
        };
        let mut basic_cols = key_cols();
        basic_cols.push(col("total", "党员总数", pick(total)));
        basic_cols.push(col("female", "女党员", pick(female)));
        basic_cols.push(col("minority", "少数民族党员", pick(minor)));
        basic_cols.push(col("probationary", "预备党员", pick(prob)));
        for ((_, name, label), v) in AGE_BANDS.iter().zip(ages) {
            basic_cols.push(col(name, &format!("年龄{label}"), pick(v)));
        }
        for ((name, label, _), v) in EDUCATION.iter().zip(edu) {
            basic_cols.push(col(name, &format!("学历{label}"), pick(v)));
        }
        for (c, v) in COUNTED.iter().zip(cat) {
            let name = format!(
                "category_{}",
                serde_json::to_value(c)
                    .ok()
                    .and_then(|j| j.as_str().map(str::to_string))
                    .unwrap_or_default()
            );
            basic_cols.push(col(&name, &format!("类别：{}", c.label()), pick(v)));
        }
        let mut dev_cols = key_cols();
        dev_cols.push(col("admitted", "发展党员", pick(dev)));
        dev_cols.push(col("admitted_female", "其中女性", pick(dev_female)));
        dev_cols.push(col("admitted_minority", "其中少数民族", pick(dev_minor)));
        dev_cols.push(col(
            "admitted_35_or_under",
            "其中35岁及以下",
            pick(dev_young),
        ));
        dev_cols.push(col(
            "admitted_college",
            "其中大专及以上学历",
            pick(dev_college),
        ));
        dev_cols.push(col("converted", "本年转为正式党员", pick(conv)));
        let flows = official_flows(reg, jan1, as_of, &rows, &key_cols())?;
        // 党组织情况
        let mut kinds = Vec::new();
        let mut counts = Vec::new();
        let mut committees = Vec::new();
        for k in OrgKind::ALL {
            let active: Vec<u32> = tree
                .active_on(as_of)
                .into_iter()
                .filter(|&i| tree.kind(i) == Some(k))
                .collect();
            kinds.push(kind_label(k).to_string());
            counts.push(active.len() as u64);
            committees.push(
                active
                    .iter()
                    .filter(|&&i| tree.get(i).is_some_and(|r| r.has_committee))
                    .count() as u64,
            );
        }
        let organizations = OwnedTable {
            name: "official_organizations".into(),
            title_zh: "党组织情况".into(),
            rows: kinds.len(),
            columns: vec![
                OwnedColumn::new("kind", "组织类别", Role::Key, ColumnValues::Str(kinds)),
                OwnedColumn::new("count", "组织数", Role::Value, ColumnValues::U64(counts)),
                OwnedColumn::new(
                    "with_committee",
                    "其中已设委员会",
                    Role::Value,
                    ColumnValues::U64(committees),
                ),
            ],
        };
        Ok(OfficialStats {
            community: community.into(),
            year,
            as_of,
            basic: OwnedTable {
                name: "official_basic".into(),
                title_zh: "党员基本情况".into(),
                rows: rows.len(),
                columns: basic_cols,
            },
            development: OwnedTable {
                name: "official_development".into(),
                title_zh: "发展党员情况".into(),
                rows: rows.len(),
                columns: dev_cols,
            },
            flows,
            organizations,
            not_counted,
        })
    }

    /// The tables, in the order of the annual report.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::report::OfficialStats;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let reg = dangjian::Registry::sample_small();
    /// let st = OfficialStats::build(&reg, "示例社区", 2024, d("2024-12-31"))?;
    /// let titles: Vec<String> = st.tables().iter().map(|t| t.title_zh()).collect();
    /// assert_eq!(titles.len(), 4);
    /// assert_eq!(titles[0], "党员基本情况");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tables(&self) -> Vec<&dyn Table> {
        vec![
            &self.basic,
            &self.development,
            &self.flows,
            &self.organizations,
        ]
    }

    /// Plain text: each table with its official title, numbers right-aligned in columns as
    /// wide as their widest cell; the wide 党员基本情况 table is turned (one line per column).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::report::OfficialStats;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let reg = dangjian::Registry::sample_small();
    /// let text = OfficialStats::build(&reg, "示例社区", 2024, d("2024-12-31"))?.render_text();
    /// assert_eq!(text.lines().next(), Some("示例社区 2024年度党内统计（截至 2024-12-31）"));
    /// assert!(text.contains("\n表1 党员基本情况\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn render_text(&self) -> String {
        // the one masking pass at the boundary: a phone or ID number typed into any free-text
        // field (an organization's or a post's name, a work unit) leaves masked (issue 17)
        crate::privacy::redact_personal(&self.render_text_unmasked())
    }

    fn render_text_unmasked(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} {}年度党内统计（截至 {}）",
            self.community, self.year, self.as_of
        );
        let _ = writeln!(
            s,
            "按正式组织关系所在统计；未计入：{}",
            if self.not_counted.is_empty() {
                "无".to_string()
            } else {
                self.not_counted
                    .iter()
                    .map(|(l, n)| format!("{l}党员 {n} 名（组织关系不在本社区）"))
                    .collect::<Vec<_>>()
                    .join("，")
            }
        );
        for (i, t) in self.tables().into_iter().enumerate() {
            let _ = writeln!(s, "\n表{} {}", i + 1, t.title_zh());
            let turned = t.columns().len() > 10;
            s.push_str(&super::layout::table_text(t, turned));
        }
        s
    }

    /// One workbook, a sheet per table, titled with the official titles.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::report::OfficialStats;
    /// use dangjian::stats::ExportOptions;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let reg = dangjian::Registry::sample_small();
    /// let st = OfficialStats::build(&reg, "示例社区", 2024, d("2024-12-31"))?;
    /// let bytes = st.to_xlsx(&ExportOptions::form())?;
    /// assert!(bytes.starts_with(b"PK")); // an .xlsx is a zip archive
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "xlsx")]
    pub fn to_xlsx(&self, options: &ExportOptions) -> Result<Vec<u8>, ReportError> {
        let sheets: Vec<(&str, &dyn Table)> = vec![
            ("党员基本情况", &self.basic),
            ("发展党员", &self.development),
            ("党员增减", &self.flows),
            ("党组织", &self.organizations),
        ];
        super::workbook::write(&sheets, options)
    }
}

/// 党员增减情况: members whose relationship is in the community, from the last day of the
/// previous year to `as_of`, gains and losses by reason, each counted at the branch of the
/// day (a departure at the branch before it). Any other change — a move between branches of
/// the community, a category that moves the relationship in or out — is the balancing
/// `其他变动`.
fn official_flows(
    reg: &Registry,
    jan1: NaiveDate,
    as_of: NaiveDate,
    rows: &[usize],
    keys: &[OwnedColumn],
) -> Result<OwnedTable, ReportError> {
    use crate::member::EventType;
    let n = reg.tree().len();
    let opening_day = jan1.pred_opt().unwrap_or(jan1);
    const REASONS: [(&str, &str); 8] = [
        ("admitted", "发展党员"),
        ("transferred_in", "组织关系转入"),
        ("transferred_out", "组织关系转出"),
        ("died", "死亡"),
        ("expelled", "开除党籍"),
        ("removed", "除名"),
        ("withdrew", "自行脱党"),
        ("probation_cancelled", "取消预备党员资格"),
    ];
    let mut opening = vec![0u64; n];
    let mut closing = vec![0u64; n];
    let mut by: Vec<Vec<u64>> = REASONS.iter().map(|_| vec![0u64; n]).collect();
    let counted = |s: &MemberState| is_member(s) && relationship_here(s.category);
    let add = |v: &mut Vec<u64>, b: Option<u32>| {
        if let Some(x) = b.and_then(|b| v.get_mut(b as usize)) {
            *x += 1;
        }
    };
    for (idx, end) in reg.states_on(as_of) {
        let start = reg.state_of(idx, opening_day);
        if counted(&start) {
            add(&mut opening, start.branch);
        }
        if counted(&end) {
            add(&mut closing, end.branch);
        }
        let Some(m) = reg.member(idx) else { continue };
        let history = reg.history(&m.id).map_err(ReportError::Registry)?;
        for e in history.iter().filter(|e| e.date >= jan1 && e.date <= as_of) {
            let before = e
                .date
                .pred_opt()
                .map(|d| reg.state_of(idx, d))
                .unwrap_or_default();
            let after = reg.state_of(idx, e.date);
            let k = match e.kind {
                EventType::Admitted if counted(&after) => Some((0, after.branch)),
                EventType::TransferredIn if counted(&after) => Some((1, after.branch)),
                EventType::TransferredOut if counted(&before) => Some((2, before.branch)),
                EventType::Died if counted(&before) => Some((3, before.branch)),
                EventType::Expelled if counted(&before) => Some((4, before.branch)),
                EventType::Removed if counted(&before) => Some((5, before.branch)),
                EventType::Withdrew if counted(&before) => Some((6, before.branch)),
                EventType::ProbationCancelled if counted(&before) => Some((7, before.branch)),
                _ => None,
            };
            if let Some((r, b)) = k {
                if let Some(v) = by.get_mut(r) {
                    add(v, b);
                }
            }
        }
    }
    let tree = reg.tree();
    let pick = |v: &[u64]| -> Vec<u64> {
        let up = tree.rollup(v);
        rows.iter()
            .map(|&i| up.get(i).copied().unwrap_or(0))
            .collect()
    };
    let opening = pick(&opening);
    let closing = pick(&closing);
    let by: Vec<Vec<u64>> = by.iter().map(|v| pick(v)).collect();
    let gains = |r: usize| {
        (0..2)
            .map(|k| by.get(k).and_then(|v| v.get(r)).copied().unwrap_or(0))
            .sum::<u64>()
    };
    let losses = |r: usize| {
        (2..8)
            .map(|k| by.get(k).and_then(|v| v.get(r)).copied().unwrap_or(0))
            .sum::<u64>()
    };
    let other: Vec<i64> = (0..rows.len())
        .map(|r| {
            let c = closing.get(r).copied().unwrap_or(0) as i64;
            let o = opening.get(r).copied().unwrap_or(0) as i64;
            c - o - gains(r) as i64 + losses(r) as i64
        })
        .collect();
    let mut columns = keys.to_vec();
    columns.push(col("opening", "上年底党员数", opening));
    columns.push(col(
        "gains",
        "本年增加",
        (0..rows.len()).map(gains).collect(),
    ));
    for (k, (name, label)) in REASONS.iter().enumerate() {
        if k == 2 {
            columns.push(col(
                "losses",
                "本年减少",
                (0..rows.len()).map(losses).collect(),
            ));
        }
        let prefix = if k < 2 { "增加：" } else { "减少：" };
        columns.push(col(
            name,
            &format!("{prefix}{label}"),
            by.get(k).cloned().unwrap_or_default(),
        ));
    }
    columns.push(OwnedColumn::new(
        "other_change",
        "其他变动（内部调动、类别变更等）",
        Role::Measure,
        ColumnValues::I64(other),
    ));
    columns.push(col("closing", "本年底党员数", closing));
    Ok(OwnedTable {
        name: "official_flows".into(),
        title_zh: "党员增减情况".into(),
        rows: rows.len(),
        columns,
    })
}

fn kind_label(k: OrgKind) -> &'static str {
    match k {
        OrgKind::Committee => "基层党委",
        OrgKind::WorkingCommittee => "党工委",
        OrgKind::GeneralBranch => "党总支",
        OrgKind::Branch => "党支部",
        OrgKind::Group => "党小组",
    }
}
