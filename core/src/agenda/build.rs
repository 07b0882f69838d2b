//! Building the agenda from the registry, the compliance books and the year's records.
//!
//! The agenda of the small sample a fortnight before M2's probation ends:
//!
//! ```
//! use dangjian::agenda::Agenda;
//! let ds = dangjian::io::Dataset::sample_small();
//! let reg = ds.to_registry()?;
//! let agenda = Agenda::build(&ds, &reg, "2024-02-15".parse()?, 30)?;
//! assert_eq!(agenda.rule, ["conversion_due"]);
//! assert_eq!(agenda.due[0].to_string(), "2024-03-01");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::{Agenda, AgendaError, Row, MAX_DAYS};
use crate::compliance::{Compliance, ComplianceError, MeetingKind, Month, MonthStatus};
use crate::io::Dataset;
use crate::member::{MemberState, Stage};
use crate::registry::{DueKind, MemberIdx, Registry};
use crate::year::{YearBook, YearError};

impl Agenda {
    /// The agenda of `as_of`: every item overdue on `as_of` or due on or before
    /// `as_of + days`, sorted by due date (see the module documentation for what is included
    /// and the rule of each row).
    ///
    /// ```
    /// use dangjian::agenda::Agenda;
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let as_of = "2026-10-31".parse().unwrap();
    /// let near = Agenda::build(&ds, &reg, as_of, 7).unwrap();
    /// let far = Agenda::build(&ds, &reg, as_of, 90).unwrap();
    /// assert!(near.len() <= far.len());
    /// assert!(Agenda::build(&ds, &reg, as_of, 100_000).is_err());
    /// ```
    pub fn build(
        ds: &Dataset,
        reg: &Registry,
        as_of: NaiveDate,
        days: u32,
    ) -> Result<Agenda, AgendaError> {
        Agenda::build_with(
            ds,
            reg,
            as_of,
            days,
            || crate::year::YearBook::from_dataset(ds, reg).map(Cow::Owned),
            || Compliance::from_dataset(ds, reg).map(Cow::Owned),
        )
    }

    /// [`Agenda::build`] with the year's book and the compliance books given by the caller
    /// (the community session lends the ones it keeps; `build` makes them). Each is asked for
    /// at the point `build` would make it, so the errors come in the same order.
    pub(crate) fn build_with<'a>(
        ds: &Dataset,
        reg: &Registry,
        as_of: NaiveDate,
        days: u32,
        year_book: impl FnOnce() -> Result<Cow<'a, YearBook>, YearError>,
        compliance: impl FnOnce() -> Result<Cow<'a, Compliance>, ComplianceError>,
    ) -> Result<Agenda, AgendaError> {
        if days > MAX_DAYS {
            return Err(AgendaError::TooManyDays {
                days,
                max: MAX_DAYS,
            });
        }
        if as_of < crate::limits::MIN_DATE || as_of > crate::limits::MAX_DATE {
            return Err(AgendaError::BadDate { date: as_of });
        }
        let horizon = as_of
            .checked_add_days(Days::new(u64::from(days)))
            .unwrap_or(as_of);
        let mut rows = Vec::new();
        let ctx = Ctx { reg, as_of };
        let states: Vec<(MemberIdx, MemberState)> = reg.states_on(as_of).collect();
        ctx.pipeline(&states, &mut rows);
        ctx.terms(ds, &mut rows)?;
        ctx.jubilee(horizon, &mut rows);
        let year = year_book()?;
        let no_compliance_data =
            ds.dues_profiles.is_empty() && ds.payments.is_empty() && ds.meetings.is_empty();
        if !no_compliance_data {
            let c = compliance()?;
            ctx.dues(&c, &mut rows)?;
            ctx.org_life(&c, &mut rows)?;
            ctx.meetings(&c, &year, &mut rows);
        }
        super::practice::cobuild(ds, reg, as_of, &mut rows);
        super::practice::claims(ds, reg, as_of, &mut rows);
        for r in year.agenda_rows(reg, as_of) {
            rows.push(Row {
                rule: r.rule,
                item: r.item,
                org: r.org,
                org_name: r.org_name,
                member: r.member,
                name: r.name,
                due: r.due,
            });
        }
        rows.retain(|r| r.due <= horizon);
        crate::sort::sort_by(&mut rows, |a, b| {
            (a.due, a.rule, &a.org, &a.member, &a.item)
                .cmp(&(b.due, b.rule, &b.org, &b.member, &b.item))
        });
        rows.dedup();
        let mut out = Agenda {
            as_of,
            days,
            ..Agenda::default()
        };
        for r in rows {
            out.push(r);
        }
        Ok(out)
    }
}

struct Ctx<'a> {
    reg: &'a Registry,
    as_of: NaiveDate,
}

impl Ctx<'_> {
    /// The member's unit (group, else branch) on the agenda's date: id and name.
    fn unit(&self, s: &MemberState) -> (String, String) {
        s.group
            .or(s.branch)
            .and_then(|o| self.reg.tree().get(o))
            .map(|r| (r.id.to_string(), r.name.to_string()))
            .unwrap_or_default()
    }

    fn row(
        &self,
        rule: &'static str,
        item: String,
        idx: MemberIdx,
        s: &MemberState,
        due: NaiveDate,
    ) -> Option<Row> {
        let m = self.reg.member(idx)?;
        let (org, org_name) = self.unit(s);
        Some(Row {
            rule,
            item,
            org,
            org_name,
            member: m.id.to_string(),
            name: m.name.masked(),
            due,
        })
    }

    /// Conversion, the talk, the activist's year, and a candidate's steps before admission.
    fn pipeline(&self, states: &[(MemberIdx, MemberState)], rows: &mut Vec<Row>) {
        let rules = self.reg.rules();
        for (i, s) in states {
            let due: Option<(DueKind, NaiveDate)> = match s.stage {
                Stage::Applicant if s.talked_on.is_none() => s
                    .applied_on
                    .and_then(|a| a.checked_add_months(Months::new(rules.talk_within_months)))
                    .map(|d| (DueKind::Talk, d)),
                Stage::Activist => s
                    .activist_on
                    .and_then(|a| a.checked_add_months(Months::new(rules.activist_months)))
                    .map(|d| (DueKind::CandidateEligible, d)),
                Stage::Probationary => s.probation_due.map(|d| (DueKind::ConversionDue, d)),
                _ => None,
            };
            if let Some((kind, d)) = due {
                rows.extend(self.row(kind.rule(), kind.label().to_string(), *i, s, d));
            }
            if s.stage == Stage::Candidate {
                let Some(named) = s.candidate_on else {
                    continue;
                };
                let st = &s.steps;
                let pending: [(bool, &'static str, &str); 5] = [
                    (
                        st.activist_trained_on.is_none(),
                        "activist_training",
                        "发展对象：补记入党积极分子培训",
                    ),
                    (
                        st.candidate_trained_on.is_none(),
                        "candidate_training",
                        "发展对象：接收前参加集中培训（不少于3天或24学时）",
                    ),
                    (
                        st.political_review_on.is_none(),
                        "political_review",
                        "发展对象：接收前完成政治审查",
                    ),
                    (
                        st.pre_examined_on.is_none(),
                        "pre_examination",
                        "发展对象：接收前报基层党委预审",
                    ),
                    (
                        st.publicized.is_none(),
                        "public_notice",
                        "发展对象：接收前公示（不少于5个工作日）",
                    ),
                ];
                for (open, rule, item) in pending {
                    if open {
                        rows.extend(self.row(rule, item.to_string(), *i, s, named));
                    }
                }
            }
        }
    }

    /// Terms of office ending (党章 art. 30).
    fn terms(&self, ds: &Dataset, rows: &mut Vec<Row>) -> Result<(), AgendaError> {
        let facts = crate::compliance::election_facts(&ds.elections, self.reg, self.as_of)?;
        let tree = self.reg.tree();
        for t in crate::org::terms_on(tree, self.as_of, &facts) {
            let name = tree
                .index(&t.org)
                .and_then(|i| tree.get(i))
                .map(|r| r.name.to_string())
                .unwrap_or_default();
            rows.push(Row {
                rule: "term_expired",
                item: format!("任期届满（{}年，{}选举），应按期换届", t.years, t.elected),
                org: t.org.to_string(),
                org_name: name,
                member: String::new(),
                name: String::new(),
                due: t.ends,
            });
        }
        Ok(())
    }

    /// This year's and next year's 光荣在党50年 lists, due on their 1 July.
    fn jubilee(&self, horizon: NaiveDate, rows: &mut Vec<Row>) {
        for year in self.as_of.year()..=horizon.year() {
            let Some(july) = NaiveDate::from_ymd_opt(year, 7, 1) else {
                continue;
            };
            if july < self.as_of || july > horizon {
                continue;
            }
            for (i, anniv) in self.reg.jubilee(year) {
                let s = self.reg.state_of(i, july);
                rows.extend(self.row(
                    "jubilee_50_years",
                    format!("“光荣在党50年”纪念章（党龄{}满50年）", anniv),
                    i,
                    &s,
                    july,
                ));
            }
        }
    }

    /// Dues months unpaid past their deadline (党费规定), and five consecutive months unpaid:
    /// the sixth month's deadline meets 党章 art. 9.
    fn dues(&self, c: &Compliance, rows: &mut Vec<Row>) -> Result<(), AgendaError> {
        let to = Month::of(self.as_of);
        let from = to.back(11);
        let ledger = c.ledger(self.reg, from, to, self.as_of)?;
        let flag = u64::from(c.policy.flag_months.max(1));
        let grace = u64::from(c.policy.grace_days);
        let mut k = 0;
        let n = ledger.len();
        while k < n {
            let Some(&m) = ledger.member.get(k) else {
                break;
            };
            let mut end = k;
            while ledger.member.get(end) == Some(&m) {
                end += 1;
            }
            let (mut unpaid, mut first_deadline) = (0u64, None::<NaiveDate>);
            let (mut run, mut prev) = (0u64, None::<Month>);
            let mut run_last: Option<Month> = None;
            let mut open_after: HashMap<Month, MonthStatus> = HashMap::new();
            for j in k..end {
                let (Some(&month), Some(&status), Some(&deadline)) = (
                    ledger.month.get(j),
                    ledger.status.get(j),
                    ledger.deadline.get(j),
                ) else {
                    continue;
                };
                let adjacent = prev.is_some_and(|p| p.next() == month);
                prev = Some(month);
                open_after.insert(month, status);
                if status == MonthStatus::Open {
                    continue;
                }
                if status.is_arrears() {
                    unpaid += 1;
                    first_deadline = first_deadline.or(Some(deadline));
                    run = if adjacent { run + 1 } else { 1 };
                } else {
                    run = 0;
                }
                run_last = Some(month);
            }
            let s = self.reg.state_of(m, self.as_of);
            if !s.is_member() {
                k = end;
                continue;
            }
            if let Some(d) = first_deadline {
                rows.extend(self.row(
                    "dues_monthly",
                    format!("党费：{}个月未交足，应及时交纳", unpaid),
                    m,
                    &s,
                    d,
                ));
            }
            if run + 1 == flag {
                if let Some(last) = run_last {
                    let next = last.next();
                    let settled = open_after.get(&next).is_some_and(|st| {
                        matches!(
                            st,
                            MonthStatus::Paid | MonthStatus::Excused | MonthStatus::Exempt
                        )
                    });
                    let due = next
                        .last_day()
                        .checked_add_days(Days::new(grace))
                        .unwrap_or(next.last_day());
                    if !settled {
                        rows.extend(self.row(
                            "art9_dues",
                            format!(
                                "已连续{}个月未交党费，{}仍未交纳即满六个月（党章第九条）",
                                run, next
                            ),
                            m,
                            &s,
                            due,
                        ));
                    }
                }
            }
            k = end;
        }
        Ok(())
    }

    /// Five months without organization life, counted as the six-month finding counts them
    /// (months absent without leave or without a meeting count, excused months pause and do not
    /// end the run: [`crate::compliance::MeetingBook::attendance`], over the monthly report's
    /// twelve months): unless the member takes part in the month in progress, its last day meets
    /// 党章 art. 9. On that last day, a sixth month counted is the finding, and the row goes.
    fn org_life(&self, c: &Compliance, rows: &mut Vec<Row>) -> Result<(), AgendaError> {
        let cur = Month::of(self.as_of);
        let last_done = cur.prev();
        let flag = u64::from(c.policy.flag_months.max(1));
        // The run open at the end of last month, and the run with this month so far.
        let (before, runs) = c.meetings.attendance_runs(
            self.reg,
            last_done.back(11),
            last_done,
            last_done.last_day(),
            c.policy.flag_months,
        )?;
        let (now, now_runs) = c.meetings.attendance_runs(
            self.reg,
            last_done.back(11),
            cur,
            self.as_of,
            c.policy.flag_months,
        )?;
        for r in 0..before.member.len() {
            let (Some(&m), Some(&run)) = (before.member.get(r), runs.get(r)) else {
                continue;
            };
            if run + 1 != flag {
                continue;
            }
            if let Some(j) = now.member.iter().position(|x| *x == m) {
                let attended_now = now
                    .months
                    .get(j)
                    .and_then(|s| s.chars().last())
                    .is_some_and(|ch| ch == 'A');
                let met =
                    self.as_of >= cur.last_day() && now_runs.get(j).is_some_and(|&n| n >= flag);
                if met || attended_now {
                    continue;
                }
            }
            let s = self.reg.state_of(m, self.as_of);
            if !s.is_member() {
                continue;
            }
            rows.extend(self.row(
                "art9_org_life",
                format!(
                    "已连续{}个月未参加组织生活，{}仍不参加即满六个月（党章第九条）",
                    run, cur
                ),
                m,
                &s,
                cur.last_day(),
            ));
        }
        Ok(())
    }

    /// Meetings not yet held in the month, quarter or year in progress (支部条例).
    /// An appraisal recorded in the year's records counts as the year's 民主评议党员 meeting.
    fn meetings(&self, c: &Compliance, year: &crate::year::YearBook, rows: &mut Vec<Row>) {
        for p in c.meetings.periods_in_progress(self.reg, self.as_of) {
            let recorded = if p.kind == MeetingKind::DemocraticAppraisal {
                year.appraisals_held(p.first, self.as_of)
                    .get(p.org.as_str())
                    .copied()
                    .unwrap_or(0)
            } else {
                0
            };
            if p.held + recorded >= p.at_least {
                continue;
            }
            rows.push(Row {
                rule: p.kind.rule(),
                item: format!(
                    "{}：{}应至少召开{}次，已开{}次",
                    meeting_label(p.kind),
                    p.period,
                    p.at_least,
                    p.held
                ),
                org: p.org.to_string(),
                org_name: p.org_name.to_string(),
                member: String::new(),
                name: String::new(),
                due: p.last,
            });
        }
    }
}

fn meeting_label(k: MeetingKind) -> &'static str {
    match k {
        MeetingKind::BranchAssembly => "支部党员大会",
        MeetingKind::BranchCommittee => "支部委员会会议",
        MeetingKind::GroupMeeting => "党小组会",
        MeetingKind::PartyLecture => "党课",
        MeetingKind::ThemeDay => "主题党日",
        MeetingKind::OrgLifeMeeting => "组织生活会",
        MeetingKind::DemocraticAppraisal => "民主评议党员",
    }
}
