//! The sections of the text report that are not statistics tables of their own, as tables for
//! the workbook: membership per organization, structure findings, pipeline due dates, the
//! 光荣在党50年 list, the 积分通报 leaderboard, post coverage, home-unit feedback and elections.
//! Names are as the text report shows them (masked; the 光荣在党50年 list in full with
//! `show_names`), with the role `PersonName`, so an analysis export drops them.
//!
//! # Examples
//!
//! ```
//! use dangjian::report::{MonthlyReport, ReportOptions, ReportTables};
//! use dangjian::stats::ExportOptions;
//! let ds = dangjian::io::Dataset::sample_small();
//! let reg = ds.to_registry()?;
//! let r = MonthlyReport::build_with(&ds, &reg, 2026, 10, &ReportOptions::default())?;
//! let files = ReportTables::build(&ds, &reg, &r)?.to_csv_files(&ExportOptions::form())?;
//! let (_, csv) = files.iter().find(|(n, _)| n.ends_with("-jubilee.csv")).ok_or("no jubilee table")?;
//! assert!(csv.contains("张**") && !csv.contains("张建国")); // masked as in the text report
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::table::{ColumnValues, OwnedColumn, OwnedTable, Role};

use super::MonthlyReport;

fn s(name: &str, label: &str, role: Role, v: Vec<String>) -> OwnedColumn {
    OwnedColumn::new(name, label, role, ColumnValues::Str(v))
}

fn u(name: &str, label: &str, v: Vec<u64>) -> OwnedColumn {
    OwnedColumn::new(name, label, Role::Count, ColumnValues::U64(v))
}

fn table(name: &str, title: &str, rows: usize, columns: Vec<OwnedColumn>) -> OwnedTable {
    OwnedTable {
        name: name.into(),
        title_zh: title.into(),
        rows,
        columns,
    }
}

/// 一、党员队伍（按组织汇总）.
pub(crate) fn orgs(r: &MonthlyReport) -> OwnedTable {
    let o = &r.orgs;
    table(
        "report_orgs",
        &format!("党员队伍（按组织汇总，截至 {}）", r.as_of),
        o.len(),
        vec![
            s(
                "org",
                "组织编号",
                Role::Key,
                o.iter().map(|x| x.org.clone()).collect(),
            ),
            s(
                "org_name",
                "组织名称",
                Role::Text,
                o.iter().map(|x| x.name.clone()).collect(),
            ),
            u("members", "党员", o.iter().map(|x| x.members).collect()),
            u("full", "正式党员", o.iter().map(|x| x.full).collect()),
            u(
                "probationary",
                "预备党员",
                o.iter().map(|x| x.probationary).collect(),
            ),
            OwnedColumn::new(
                "change",
                "本月增减",
                Role::Measure,
                ColumnValues::I64(o.iter().map(|x| x.change).collect()),
            ),
        ],
    )
}

/// 三、组织建设提示.
pub(crate) fn findings(r: &MonthlyReport) -> OwnedTable {
    let f = &r.findings;
    table(
        "report_findings",
        "组织建设提示",
        f.len(),
        vec![
            s(
                "severity",
                "级别",
                Role::Text,
                f.iter()
                    .map(|x| match x.severity {
                        crate::org::Severity::Warning => "警示".to_string(),
                        crate::org::Severity::Info => "提示".to_string(),
                    })
                    .collect(),
            ),
            s(
                "org",
                "组织编号",
                Role::Key,
                f.iter().map(|x| x.org.to_string()).collect(),
            ),
            s(
                "message",
                "提示内容",
                Role::Text,
                f.iter().map(|x| x.message.clone()).collect(),
            ),
            s(
                "rule",
                "规则",
                Role::Text,
                f.iter().map(|x| x.rule.code().to_string()).collect(),
            ),
        ],
    )
}

/// 四、发展党员与预备期（逾期及31天内到期）.
pub(crate) fn pipeline_due(r: &MonthlyReport) -> OwnedTable {
    let p = &r.pipeline;
    table(
        "report_pipeline_due",
        "发展党员与预备期（逾期及31天内到期）",
        p.len(),
        vec![
            s(
                "member",
                "党员编号",
                Role::MemberId,
                p.iter().map(|x| x.member.to_string()).collect(),
            ),
            s(
                "stage",
                "阶段",
                Role::Text,
                p.iter().map(|x| x.stage.label().to_string()).collect(),
            ),
            s(
                "due",
                "事项",
                Role::Text,
                p.iter().map(|x| x.due.label().to_string()).collect(),
            ),
            s(
                "rule",
                "规则代码",
                Role::Text,
                p.iter().map(|x| x.rule.clone()).collect(),
            ),
            OwnedColumn::new(
                "date",
                "到期日",
                Role::Value,
                ColumnValues::Date(p.iter().map(|x| x.date).collect()),
            ),
            OwnedColumn::new(
                "overdue",
                "已逾期",
                Role::Value,
                ColumnValues::Bool(p.iter().map(|x| x.overdue).collect()),
            ),
        ],
    )
}

/// 五、光荣在党50年.
pub(crate) fn jubilee(r: &MonthlyReport) -> OwnedTable {
    let j = &r.jubilee;
    table(
        "report_jubilee",
        &format!("{}年光荣在党50年", r.year),
        j.len(),
        vec![
            s(
                "member",
                "党员编号",
                Role::MemberId,
                j.iter().map(|x| x.member.clone()).collect(),
            ),
            s(
                "name",
                "姓名",
                Role::PersonName,
                j.iter().map(|x| x.name.clone()).collect(),
            ),
            OwnedColumn::new(
                "date",
                "党龄满50年日期",
                Role::Value,
                ColumnValues::Date(j.iter().map(|x| x.date).collect()),
            ),
        ],
    )
}

/// 六、积分考核通报: every member, by organization and rank in it.
pub(crate) fn leaderboard(r: &MonthlyReport) -> Option<OwnedTable> {
    let m = r.scores.as_ref()?;
    let t = &m.table;
    let mut rows: Vec<usize> = (0..t.len()).collect();
    crate::sort::sort_by_key(&mut rows, |&i| {
        (
            t.org.get(i).cloned().flatten(),
            t.rank_in_org.get(i).copied(),
            i,
        )
    });
    let get_s = |i: usize| t.subject.get(i).map(|x| x.to_string()).unwrap_or_default();
    let fx = |v: &Vec<crate::fixed::Fixed>| {
        ColumnValues::Fixed(
            rows.iter()
                .map(|&i| v.get(i).copied().unwrap_or_default())
                .collect(),
        )
    };
    Some(table(
        "report_leaderboard",
        &format!("{} {} 积分考核通报", r.community, t.period),
        rows.len(),
        vec![
            s(
                "org",
                "组织编号",
                Role::Key,
                rows.iter()
                    .map(|&i| {
                        t.org
                            .get(i)
                            .cloned()
                            .flatten()
                            .map(|o| o.to_string())
                            .unwrap_or_default()
                    })
                    .collect(),
            ),
            s(
                "org_name",
                "组织名称",
                Role::Text,
                rows.iter()
                    .map(|&i| m.org_names.get(i).cloned().unwrap_or_default())
                    .collect(),
            ),
            OwnedColumn::new(
                "rank_in_org",
                "组内名次",
                Role::Value,
                ColumnValues::U64(
                    rows.iter()
                        .map(|&i| u64::from(t.rank_in_org.get(i).copied().unwrap_or(0)))
                        .collect(),
                ),
            ),
            s(
                "member",
                "党员编号",
                Role::MemberId,
                rows.iter().map(|&i| get_s(i)).collect(),
            ),
            s(
                "name",
                "姓名",
                Role::PersonName,
                rows.iter()
                    .map(|&i| m.names.get(i).cloned().unwrap_or_default())
                    .collect(),
            ),
            OwnedColumn::new("total", "总分", Role::Value, fx(&t.total)),
            OwnedColumn::new("basic", "基础分", Role::Value, fx(&t.basic)),
            OwnedColumn::new("reward", "加分", Role::Value, fx(&t.reward)),
            OwnedColumn::new("deduction", "扣分", Role::Value, fx(&t.deduction)),
            s(
                "grade",
                "等次",
                Role::Text,
                rows.iter().map(|&i| t.grade_name(i).to_string()).collect(),
            ),
            s(
                "stars",
                "星级",
                Role::Text,
                rows.iter()
                    .map(|&i| "★".repeat(t.stars.get(i).copied().unwrap_or(0) as usize))
                    .collect(),
            ),
            OwnedColumn::new(
                "rank_overall",
                "总名次",
                Role::Value,
                ColumnValues::U64(
                    rows.iter()
                        .map(|&i| u64::from(t.rank_overall.get(i).copied().unwrap_or(0)))
                        .collect(),
                ),
            ),
            OwnedColumn::new(
                "vetoed",
                "一票否决",
                Role::Value,
                ColumnValues::Bool(
                    rows.iter()
                        .map(|&i| t.vetoed.get(i).copied().unwrap_or(false))
                        .collect(),
                ),
            ),
        ],
    ))
}

/// 七、设岗定责：岗位认领情况.
pub(crate) fn coverage(r: &MonthlyReport) -> Option<OwnedTable> {
    let c = &r.posts.as_ref()?.coverage;
    let st = |v: &Vec<compact_str::CompactString>| v.iter().map(|x| x.to_string()).collect();
    let n = |v: &Vec<u32>| v.iter().map(|x| u64::from(*x)).collect::<Vec<u64>>();
    Some(table(
        "report_post_coverage",
        &format!("设岗定责：岗位认领情况（{}）", c.date),
        c.len(),
        vec![
            s("post", "岗位编号", Role::Key, st(&c.post)),
            s("name", "岗位名称", Role::Text, st(&c.name)),
            s("org", "设岗组织", Role::Text, st(&c.org)),
            OwnedColumn::new(
                "capacity",
                "岗位数",
                Role::Value,
                ColumnValues::U64(n(&c.capacity)),
            ),
            OwnedColumn::new(
                "filled",
                "已认领",
                Role::Value,
                ColumnValues::U64(n(&c.filled)),
            ),
            OwnedColumn::new(
                "vacancies",
                "空缺",
                Role::Value,
                ColumnValues::U64(n(&c.vacancies)),
            ),
        ],
    ))
}

/// 八、在职党员到社区报到：向共建单位反馈.
pub(crate) fn feedback(r: &MonthlyReport) -> Option<OwnedTable> {
    let f = &r.posts.as_ref()?.feedback;
    let u = &f.units;
    let fx = |g: fn(&crate::post::UnitTotals) -> crate::fixed::Fixed| {
        ColumnValues::Fixed(u.iter().map(g).collect())
    };
    Some(table(
        "report_unit_feedback",
        &format!(
            "在职党员到社区报到：向共建单位反馈（{} 至 {}）",
            f.from, f.to
        ),
        u.len(),
        vec![
            s(
                "unit",
                "共建单位",
                Role::Key,
                u.iter().map(|x| x.unit.to_string()).collect(),
            ),
            OwnedColumn::new(
                "members",
                "报到党员",
                Role::Count,
                ColumnValues::U64(u.iter().map(|x| u64::from(x.members)).collect()),
            ),
            OwnedColumn::new(
                "claims",
                "认领岗位",
                Role::Value,
                ColumnValues::U64(u.iter().map(|x| u64::from(x.claims)).collect()),
            ),
            OwnedColumn::new("hours", "服务时长（小时）", Role::Value, fx(|x| x.hours)),
            OwnedColumn::new(
                "verified_hours",
                "已核实时长（小时）",
                Role::Value,
                fx(|x| x.verified_hours),
            ),
            OwnedColumn::new(
                "commitments_kept",
                "承诺已兑现",
                Role::Value,
                ColumnValues::U64(u.iter().map(|x| u64::from(x.commitments_kept)).collect()),
            ),
            OwnedColumn::new(
                "commitments_due",
                "承诺应兑现",
                Role::Value,
                ColumnValues::U64(u.iter().map(|x| u64::from(x.commitments_due)).collect()),
            ),
            OwnedColumn::new("score", "党员月积分合计", Role::Value, fx(|x| x.score)),
        ],
    ))
}

/// 十四、换届选举.
pub(crate) fn elections(r: &MonthlyReport) -> Option<OwnedTable> {
    let e = &r.elections;
    if e.is_empty() {
        return None;
    }
    let n = |g: fn(&crate::compliance::ElectionResult) -> u64| {
        ColumnValues::U64(e.iter().map(|x| g(&x.result)).collect())
    };
    Some(table(
        "report_elections",
        "换届选举（各组织最近一次）",
        e.len(),
        vec![
            s(
                "org",
                "组织编号",
                Role::Key,
                e.iter().map(|x| x.org.to_string()).collect(),
            ),
            s(
                "org_name",
                "组织名称",
                Role::Text,
                e.iter().map(|x| x.org_name.clone()).collect(),
            ),
            OwnedColumn::new(
                "date",
                "选举日期",
                Role::Value,
                ColumnValues::Date(e.iter().map(|x| x.date).collect()),
            ),
            OwnedColumn::new("expected", "应到人数", Role::Value, n(|r| r.expected)),
            OwnedColumn::new("present", "实到人数", Role::Value, n(|r| r.present)),
            OwnedColumn::new(
                "quorum_met",
                "超过五分之四",
                Role::Value,
                ColumnValues::Bool(e.iter().map(|x| x.result.quorum_met).collect()),
            ),
            OwnedColumn::new("candidates", "候选人数", Role::Value, n(|r| r.candidates)),
            OwnedColumn::new("seats", "应选人数", Role::Value, n(|r| r.seats)),
            OwnedColumn::new(
                "valid_ballots",
                "有效票",
                Role::Value,
                n(|r| r.valid_ballots),
            ),
            OwnedColumn::new(
                "votes_needed",
                "当选所需票数",
                Role::Value,
                n(|r| r.votes_needed),
            ),
        ],
    ))
}
