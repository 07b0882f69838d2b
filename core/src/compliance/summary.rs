//! A one-month compliance summary for the monthly report (月度党建报告).
//!
//! ```
//! use dangjian::compliance::Compliance;
//! let ds = dangjian::synth::sample_community();
//! let reg = ds.to_registry()?;
//! let s = Compliance::from_dataset(&ds, &reg)?.summary(&reg, "2026-09".parse()?)?;
//! // Every finding names its rule in the catalogue.
//! assert!(s.findings.iter().all(|f| dangjian::catalogue::find(&f.rule).is_some()));
//! assert!(s.findings.iter().any(|f| f.rule == "meeting_branch_committee" && f.kind == "period_missed"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::{ArrearsTable, Compliance, ComplianceError, Fen, Month, MonthStatus};
use crate::registry::Registry;
use crate::stats::{basis_points, Rollup};

/// Key compliance figures of one month, as of its last day: dues of the month and of the year
/// to date, members flagged under 党章 art. 9 (six consecutive months without paying dues or
/// without organization life, looking back twelve months), meeting periods missed this year,
/// attendance, and special dues; and every finding with the code of its catalogued rule
/// (`ComplianceFinding`).
///
/// ```
/// use dangjian::compliance::{Compliance, Month};
/// let ds = dangjian::synth::sample_community();
/// let reg = ds.to_registry().unwrap();
/// let c = Compliance::from_dataset(&ds, &reg).unwrap();
/// let s = c.summary(&reg, "2026-09".parse::<Month>().unwrap()).unwrap();
/// assert_eq!(s.dues_flagged.len(), 2);
/// assert!(s.render_text().contains("党费"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplianceSummary {
    /// The month.
    pub month: Month,
    /// Its last day: every figure is as of this day.
    pub as_of: NaiveDate,
    /// Dues of the month's member-months with a known amount, in fen.
    pub month_due: Fen,
    /// Collected towards them by `as_of` (each month capped at its dues), in fen.
    pub month_collected: Fen,
    /// Member-months of the month paid in full.
    pub month_paid: u64,
    /// Member-months of the month.
    pub month_member_months: u64,
    /// Dues assessed from January to the month (overdue months only), in fen.
    pub ytd_due: Fen,
    /// Collected towards them, in fen.
    pub ytd_collected: Fen,
    /// `ytd_collected / ytd_due` in basis points, rounded down.
    pub ytd_rate_bp: Option<u64>,
    /// Members with unpaid or part-paid months in the twelve months to the month.
    pub members_in_arrears: u64,
    /// Members six or more consecutive months unpaid without a reason (党章 art. 9).
    pub dues_flagged: Vec<CompactString>,
    /// Special dues received from January to the month, in fen.
    pub special_dues_ytd: Fen,
    /// Meetings held in the month.
    pub meetings_held: u64,
    /// Meeting periods missed from January to the month: `org kind period`.
    pub periods_missed: Vec<String>,
    /// Attendance at the month's meetings, in basis points of those expected.
    pub attendance_bp: Option<u64>,
    /// Members who met the organization-life condition of 党章 art. 9 (six months without
    /// taking part) in the twelve months to the month.
    pub absence_flagged: Vec<CompactString>,
    /// Members with months whose dues are unknown (no dues profile) in the twelve months to the
    /// month: for them the dues condition of art. 9 cannot be judged (“dues data missing”).
    pub dues_unknown_members: u64,
    /// The findings, each naming its rule (see [`crate::catalogue`]).
    pub findings: Vec<ComplianceFinding>,
}

/// A late payment towards a month of an art. 9 run.
///
/// # Examples
///
/// ```
/// use dangjian::compliance::{Compliance, DuesBasis, DuesProfile, PaymentRecord};
/// let mut ds = dangjian::io::Dataset::sample_small();
/// ds.dues_profiles.push(DuesProfile { member: "M1".into(), effective_from: "2024-01-01".parse()?,
///     basis: DuesBasis::Pension, amount: Some(400_000) });
/// // Nothing paid for January to June 2024 until 20 July, when January is caught up.
/// ds.payments.push(PaymentRecord { member: "M1".into(), month: "2024-01".parse()?, amount: 2_000,
///     paid_on: "2024-07-20".parse()?, reason: None });
/// let reg = ds.to_registry()?;
/// let s = Compliance::from_dataset(&ds, &reg)?.summary(&reg, "2024-07".parse()?)?;
/// let met = s.findings.iter().find(|f| f.rule == "art9_dues").ok_or("no finding")?;
/// let later = &met.paid_later[0];
/// assert_eq!((later.month.to_string(), later.paid_on.to_string()), ("2024-01".into(), "2024-07-20".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaidLater {
    /// The month paid for.
    pub month: Month,
    /// The day it was paid in full (or excused).
    pub paid_on: NaiveDate,
}

/// One finding of the compliance summary. `rule` is the catalogue code; `condition` says what
/// is judged (`dues`, `org_life`, `meetings`); `kind` what was found:
///
/// | rule | kind | meaning |
/// |---|---|---|
/// | `art9_dues` | `met` | six consecutive months not paid in full without an accepted reason: `run_from`–`run_to`, met on `met_on`, later payments in `paid_later`, all paid on `caught_up_on` |
/// | `art9_dues` | `data_missing` | months with no dues profile (`months`, `run_from`–`run_to`): not judged |
/// | `dues_excuse_reason` | `excuse_not_accepted` | a reason recorded for `month` that is not accepted (`reason`) |
/// | `dues_catch_up_limit` | `catch_up_beyond_limit` | `month` paid on `paid_on`, `months` months later |
/// | `art9_org_life` | `met` | six months without taking part: `run_from`–`run_to`, met on `met_on`, `last_attended`, months without a meeting in `no_meeting_months` |
/// | `art9_org_life` | `branch_no_meeting` | branch `org` held no meeting its members were expected at in `month` |
/// | `art9_org_life` | `data_missing` | no meeting recorded: not judged |
/// | `meeting_*` | `period_missed` | `org` held too few meetings of the kind in `period` |
///
/// # Examples
///
/// ```
/// # use dangjian::compliance::Compliance;
/// # let ds = dangjian::synth::sample_community();
/// # let reg = ds.to_registry()?;
/// # let c = Compliance::from_dataset(&ds, &reg)?;
/// let s = c.summary(&reg, "2026-09".parse()?)?;
/// let f = s.findings.iter().find(|f| f.member.as_deref() == Some("XF016")).ok_or("no finding")?;
/// assert_eq!((f.rule.as_str(), f.condition.as_str(), f.kind.as_str()), ("art9_dues", "dues", "met"));
/// assert_eq!(f.met_on.map(|d| d.to_string()), Some("2026-07-01".to_string()));
/// assert!(f.message.ends_with("于2026-07-01满六个月（党章第九条）"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ComplianceFinding {
    /// Catalogue code of the rule.
    pub rule: String,
    /// `dues`, `org_life` or `meetings`.
    pub condition: String,
    /// What was found (see the table above).
    pub kind: String,
    /// The member, if the finding is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// The organization (the member's unit, or the branch or organization concerned).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    /// The month concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<Month>,
    /// The period concerned (`2026-03`, `2026-Q2`, `2026`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// First month of the run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_from: Option<Month>,
    /// Last month of the run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_to: Option<Month>,
    /// A number of months (the run's, the unknown ones', or the catch-up's delay).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months: Option<u64>,
    /// The day the condition was met.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub met_on: Option<NaiveDate>,
    /// Months of the run paid after `met_on`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paid_later: Vec<PaidLater>,
    /// The day every month of the run was paid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caught_up_on: Option<NaiveDate>,
    /// The day of a payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paid_on: Option<NaiveDate>,
    /// The last meeting attended before the run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_attended: Option<NaiveDate>,
    /// Months of the run in which the member's branch held no meeting.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub no_meeting_months: Vec<Month>,
    /// The reason recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The finding in one Chinese sentence (member ids only, no names).
    pub message: String,
}

impl ComplianceFinding {
    fn new(rule: &str, condition: &str, kind: &str) -> ComplianceFinding {
        ComplianceFinding {
            rule: rule.into(),
            condition: condition.into(),
            kind: kind.into(),
            ..ComplianceFinding::default()
        }
    }
}

fn dates(v: &[PaidLater]) -> String {
    v.iter()
        .map(|p| format!("{}于{}", p.month, p.paid_on))
        .collect::<Vec<_>>()
        .join("、")
}

impl Compliance {
    /// The compliance summary of `month` (see [`ComplianceSummary`]).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::Compliance;
    /// # let ds = dangjian::synth::sample_community();
    /// # let reg = ds.to_registry()?;
    /// # let c = Compliance::from_dataset(&ds, &reg)?;
    /// let s = c.summary(&reg, "2026-09".parse()?)?;
    /// assert_eq!(s.as_of.to_string(), "2026-09-30");
    /// assert_eq!(s.dues_flagged, ["XF016", "XF091"]);
    /// assert_eq!(s.absence_flagged, ["XF091"]);
    /// assert_eq!(s.meetings_held, 18);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn summary(
        &self,
        reg: &Registry,
        month: Month,
    ) -> Result<ComplianceSummary, ComplianceError> {
        let as_of = month.last_day();
        let year_start = Month::new(month.year(), 1).unwrap_or(month);
        let back = month.back(11);
        let ledger = self.ledger(reg, back, month, as_of)?;
        let arrears = ArrearsTable::from_ledger(reg, &ledger, &self.policy);
        let (mut month_due, mut month_collected, mut month_paid, mut month_n) = (0, 0, 0, 0);
        let (mut ytd_due, mut ytd_collected) = (0i64, 0i64);
        for k in 0..ledger.len() {
            let (Some(&mo), Some(&st), Some(&due), Some(&paid)) = (
                ledger.month.get(k),
                ledger.status.get(k),
                ledger.due.get(k),
                ledger.paid.get(k),
            ) else {
                continue;
            };
            if mo == month {
                month_n += 1;
                if st.is_paid() {
                    month_paid += 1;
                }
                if let Some(d) = due {
                    month_due += d;
                    month_collected += paid.min(d);
                }
            }
            let assessed = matches!(
                st,
                MonthStatus::Paid | MonthStatus::Late | MonthStatus::Partial | MonthStatus::Unpaid
            );
            if mo >= year_start && assessed {
                if let Some(d) = due {
                    ytd_due = ytd_due.saturating_add(d);
                    ytd_collected = ytd_collected.saturating_add(paid.min(d));
                }
            }
        }
        let special_dues_ytd = self
            .dues
            .special()
            .iter()
            .filter(|(_, r)| r.date >= year_start.first_day() && r.date <= as_of)
            .map(|(_, r)| r.amount)
            .fold(0i64, i64::saturating_add);
        let comp = self.meetings.compliance(reg, year_start, month, as_of)?;
        let periods_missed = (0..comp.len())
            .filter(|&k| !comp.compliant.get(k).copied().unwrap_or(true))
            .map(|k| {
                format!(
                    "{} {} {}",
                    comp.org.get(k).map(|s| s.as_str()).unwrap_or(""),
                    comp.kind.get(k).map(|x| x.label()).unwrap_or(""),
                    comp.missed.get(k).map(String::as_str).unwrap_or("")
                )
            })
            .collect();
        let org_att = self
            .meetings
            .org_attendance(reg, month, month, as_of, Rollup::Subtree)?;
        let roots: Vec<usize> = (0..org_att.orgs.len())
            .filter(|&r| org_att.orgs.parent_row.get(r).copied().flatten().is_none())
            .collect();
        let sum = |v: &[u64]| roots.iter().filter_map(|&r| v.get(r)).sum::<u64>();
        let meetings_held = self
            .meetings
            .detail(reg, month, month, as_of)?
            .meeting
            .iter()
            .collect::<std::collections::HashSet<_>>()
            .len() as u64;
        let att = self
            .meetings
            .attendance(reg, back, month, as_of, self.policy.flag_months)?;
        let mut findings = Vec::new();
        let id_of = |m: crate::registry::MemberIdx| {
            reg.member(m).map(|r| r.id.to_string()).unwrap_or_default()
        };
        // 党章 art. 9, dues.
        for r in 0..arrears.member.len() {
            let (Some(Some(met_on)), Some(id)) = (arrears.met_on.get(r), arrears.member_id.get(r))
            else {
                continue;
            };
            let mut f = ComplianceFinding::new("art9_dues", "dues", "met");
            f.member = Some(id.to_string());
            f.org = arrears.org.get(r).map(|o| o.to_string());
            f.run_from = arrears.run_from.get(r).copied().flatten();
            f.run_to = arrears.run_to.get(r).copied().flatten();
            f.months = f
                .run_from
                .zip(f.run_to)
                .map(|(a, b)| (a.months_until(b) + 1).max(0) as u64);
            f.met_on = Some(*met_on);
            f.paid_later = arrears
                .paid_later
                .get(r)
                .map(|v| {
                    v.iter()
                        .map(|(m, d)| PaidLater {
                            month: *m,
                            paid_on: *d,
                        })
                        .collect()
                })
                .unwrap_or_default();
            f.caught_up_on = arrears.caught_up_on.get(r).copied().flatten();
            let mut msg = format!(
                "{id} {}至{}连续{}个月未交纳党费、无正当理由，于{met_on}满六个月（党章第九条）",
                opt_month(f.run_from),
                opt_month(f.run_to),
                f.months.unwrap_or(0)
            );
            if f.run_from == Some(back) {
                msg.push_str(&format!("（统计期自{back}起，连续未交可能更早开始）"));
            }
            if !f.paid_later.is_empty() {
                msg.push_str(&format!("；其后补交：{}", dates(&f.paid_later)));
            }
            if let Some(c) = f.caught_up_on {
                msg.push_str(&format!("（{c}补交完毕，不改变已满六个月的事实）"));
            }
            f.message = msg;
            findings.push(f);
        }
        // Months with an unknown amount due: dues data missing, not unpaid.
        let mut unknown: std::collections::BTreeMap<crate::registry::MemberIdx, Vec<Month>> =
            std::collections::BTreeMap::new();
        let mut rejected = Vec::new();
        for k in 0..ledger.len() {
            let (Some(&m), Some(&mo), Some(&st)) = (
                ledger.member.get(k),
                ledger.month.get(k),
                ledger.status.get(k),
            ) else {
                continue;
            };
            if st == MonthStatus::Unknown {
                unknown.entry(m).or_default().push(mo);
            }
            if let Some(Some(reason)) = ledger.reason_not_accepted.get(k) {
                // Free text: digit runs that could be ID numbers or phones are masked.
                rejected.push((m, mo, crate::privacy::redact_digits(reason)));
            }
        }
        for (m, months) in &unknown {
            let id = id_of(*m);
            let mut f = ComplianceFinding::new("art9_dues", "dues", "data_missing");
            f.run_from = months.first().copied();
            f.run_to = months.last().copied();
            f.months = Some(months.len() as u64);
            f.message = format!(
                "{id} 党费数据缺失：{}个月（{}至{}）无党费标准，应交额未知，不作未交处理，无法判断党章第九条",
                months.len(),
                opt_month(f.run_from),
                opt_month(f.run_to)
            );
            f.member = Some(id);
            findings.push(f);
        }
        for (m, mo, reason) in rejected {
            let id = id_of(m);
            let mut f = ComplianceFinding::new("dues_excuse_reason", "dues", "excuse_not_accepted");
            f.month = Some(mo);
            f.message =
                format!("{id} {mo}未交党费的理由“{reason}”不属于认可的正当理由，按未交处理");
            f.reason = Some(reason);
            f.member = Some(id);
            findings.push(f);
        }
        for (m, mo, paid_on, gap) in self.dues.catch_ups(month.first_day(), as_of, &self.policy) {
            let id = id_of(m);
            let mut f =
                ComplianceFinding::new("dues_catch_up_limit", "dues", "catch_up_beyond_limit");
            f.month = Some(mo);
            f.paid_on = Some(paid_on);
            f.months = Some(gap.max(0) as u64);
            f.message = format!(
                "{id} 于{paid_on}补交{mo}党费，相隔{gap}个月，超过补交期限{}个月",
                self.policy.catch_up_months
            );
            f.member = Some(id);
            findings.push(f);
        }
        // 党章 art. 9, organization life.
        if self.meetings.is_empty() {
            let mut f = ComplianceFinding::new("art9_org_life", "org_life", "data_missing");
            f.message = "组织生活数据缺失：未登记任何会议，无法判断党章第九条".into();
            findings.push(f);
        }
        for r in 0..att.member_id.len() {
            let (Some(Some(met_on)), Some(id)) = (att.met_on.get(r), att.member_id.get(r)) else {
                continue;
            };
            let mut f = ComplianceFinding::new("art9_org_life", "org_life", "met");
            f.member = Some(id.to_string());
            f.org = att.org.get(r).map(|o| o.to_string());
            f.run_from = att.run_from.get(r).copied().flatten();
            f.run_to = att.run_to.get(r).copied().flatten();
            f.months = f
                .run_from
                .zip(f.run_to)
                .map(|(a, b)| (a.months_until(b) + 1).max(0) as u64);
            f.met_on = Some(*met_on);
            f.last_attended = att.last_attended.get(r).copied().flatten();
            f.no_meeting_months = att
                .no_meeting
                .get(r)
                .map(|v| v.iter().map(|(m, _)| *m).collect())
                .unwrap_or_default();
            let mut msg = format!(
                "{id} 自{}起至{}未参加党的组织生活（请假月份不计），于{met_on}满六个月（党章第九条）",
                opt_month(f.run_from),
                opt_month(f.run_to)
            );
            if f.run_from == Some(back) {
                msg.push_str(&format!("（统计期自{back}起，可能更早开始）"));
            }
            match f.last_attended {
                Some(d) => msg.push_str(&format!("；此前最后一次参加组织生活：{d}")),
                None => msg.push_str("；登记的会议中未见其参加"),
            }
            if !f.no_meeting_months.is_empty() {
                msg.push_str(&format!(
                    "；其中{}所在支部未召开会议",
                    f.no_meeting_months
                        .iter()
                        .map(|m| m.to_string())
                        .collect::<Vec<_>>()
                        .join("、")
                ));
            }
            f.message = msg;
            findings.push(f);
        }
        for (mo, org) in &att.branch_no_meeting {
            let mut f = ComplianceFinding::new("art9_org_life", "org_life", "branch_no_meeting");
            f.org = Some(org.to_string());
            f.month = Some(*mo);
            f.message =
                format!("{org} {mo}未召开党员应参加的会议，该月计入党员未参加组织生活的时间");
            findings.push(f);
        }
        // Meeting frequencies (支部条例).
        for k in 0..comp.len() {
            if comp.compliant.get(k).copied().unwrap_or(true) {
                continue;
            }
            let (Some(org), Some(kind), Some(missed)) =
                (comp.org.get(k), comp.kind.get(k), comp.missed.get(k))
            else {
                continue;
            };
            for period in missed.split('、').filter(|p| !p.is_empty()) {
                let mut f = ComplianceFinding::new(kind.rule(), "meetings", "period_missed");
                f.org = Some(org.to_string());
                f.period = Some(period.to_string());
                f.message = format!(
                    "{org} {period}未按要求召开{}（{}至少{}次）",
                    kind.label(),
                    comp.per.get(k).map(|p| p.every_label()).unwrap_or(""),
                    comp.at_least.get(k).copied().unwrap_or(1)
                );
                findings.push(f);
            }
        }
        Ok(ComplianceSummary {
            month,
            as_of,
            month_due,
            month_collected,
            month_paid,
            month_member_months: month_n,
            ytd_due,
            ytd_collected,
            ytd_rate_bp: basis_points(ytd_collected.max(0) as u64, ytd_due.max(0) as u64),
            // Rows of members whose run was met but is paid by now are not in arrears.
            members_in_arrears: (0..arrears.member.len())
                .filter(|&r| {
                    arrears.months_unpaid.get(r).copied().unwrap_or(0)
                        + arrears.months_partial.get(r).copied().unwrap_or(0)
                        > 0
                })
                .count() as u64,
            dues_flagged: arrears.flagged_ids().into_iter().map(Into::into).collect(),
            special_dues_ytd,
            meetings_held,
            periods_missed,
            attendance_bp: basis_points(sum(&org_att.attended), sum(&org_att.expected)),
            absence_flagged: att.flagged_ids().into_iter().map(Into::into).collect(),
            dues_unknown_members: unknown.len() as u64,
            findings,
        })
    }
}

fn opt_month(m: Option<Month>) -> String {
    m.map(|m| m.to_string()).unwrap_or_default()
}

pub(super) fn yuan(fen: Fen) -> String {
    format!("{}.{:02}", fen / 100, (fen % 100).abs())
}

fn pct(bp: Option<u64>) -> String {
    bp.map(|b| format!("{}.{:02}%", b / 100, b % 100))
        .unwrap_or_else(|| "—".into())
}

impl ComplianceSummary {
    /// The summary as a few lines of Chinese text (member ids only, no names).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::Compliance;
    /// # let ds = dangjian::synth::sample_community();
    /// # let reg = ds.to_registry()?;
    /// # let c = Compliance::from_dataset(&ds, &reg)?;
    /// let text = c.summary(&reg, "2026-09".parse()?)?.render_text();
    /// assert!(text.starts_with("党费：本月应交8075.96元，已交7483.39元"));
    /// assert!(text.contains("连续六个月未参加组织生活（党章第九条）：XF091"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn render_text(&self) -> String {
        let mut s = String::new();
        s.push_str(&format!(
            "党费：本月应交{}元，已交{}元（{}/{}人次交清）；本年累计收缴率{}（{}/{}元）\n",
            yuan(self.month_due),
            yuan(self.month_collected),
            self.month_paid,
            self.month_member_months,
            pct(self.ytd_rate_bp),
            yuan(self.ytd_collected),
            yuan(self.ytd_due)
        ));
        s.push_str(&format!(
            "欠缴党费党员{}名；连续六个月未交纳党费（党章第九条）：{}\n",
            self.members_in_arrears,
            list(&self.dues_flagged)
        ));
        if self.dues_unknown_members > 0 {
            s.push_str(&format!(
                "党费数据缺失：{}名党员有月份无党费标准（应交额未知，不作未交处理）\n",
                self.dues_unknown_members
            ));
        }
        if self.special_dues_ytd > 0 {
            s.push_str(&format!(
                "本年特殊党费：{}元\n",
                yuan(self.special_dues_ytd)
            ));
        }
        s.push_str(&format!(
            "组织生活：本月召开会议{}次，出席率{}；连续六个月未参加组织生活（党章第九条）：{}\n",
            self.meetings_held,
            pct(self.attendance_bp),
            list(&self.absence_flagged)
        ));
        let detail: Vec<&ComplianceFinding> = self
            .findings
            .iter()
            .filter(|f| {
                matches!(
                    (f.rule.as_str(), f.kind.as_str()),
                    ("art9_dues", "met")
                        | ("art9_org_life", "met")
                        | ("art9_org_life", "branch_no_meeting")
                        | ("dues_excuse_reason", _)
                        | ("dues_catch_up_limit", _)
                )
            })
            .collect();
        for f in detail {
            s.push_str(&format!("  [{}] {}\n", f.rule, f.message));
        }
        if self.periods_missed.is_empty() {
            s.push_str("“三会一课”：本年各项均按要求落实\n");
        } else {
            s.push_str("“三会一课”未按要求落实：\n");
            for m in &self.periods_missed {
                s.push_str(&format!("  {m}\n"));
            }
        }
        s
    }
}

fn list(ids: &[CompactString]) -> String {
    if ids.is_empty() {
        "无".into()
    } else {
        ids.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("、")
    }
}
