//! Dues (党费): rate schedules with effective dates, per-member dues profiles, payments,
//! special dues, and the month-by-month ledger every dues report is built from.
//!
//! A retired member's dues by the published schedule, and the month-by-month ledger:
//!
//! ```
//! use dangjian::compliance::{DuesBasis, DuesBook, DuesPolicy, DuesProfile, MonthStatus, PaymentRecord};
//! let reg = dangjian::Registry::sample_small();
//! let pension = DuesProfile { member: "M1".into(), effective_from: "2024-01-01".parse()?,
//!     basis: DuesBasis::Pension, amount: Some(400_000) }; // 4,000 yuan a month
//! let january = PaymentRecord { member: "M1".into(), month: "2024-01".parse()?, amount: 2_000,
//!     paid_on: "2024-01-20".parse()?, reason: None };
//! let book = DuesBook::new(&reg, vec![], vec![pension], vec![january], vec![])?;
//! let ledger = book.ledger(&reg, "2024-01".parse()?, "2024-02".parse()?, "2024-03-10".parse()?,
//!     &DuesPolicy::default())?;
//! assert_eq!(ledger.due[0], Some(2_000)); // 0.5%: 20 yuan
//! assert_eq!(&ledger.status[..2], [MonthStatus::Paid, MonthStatus::Unpaid]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::{ComplianceError, Month};
use crate::member::{Category, MemberId};
use crate::registry::{MemberIdx, Registry};
use crate::stats::Timelines;

/// Money in integer fen (分): 1 yuan = 100 fen. Every amount in this module is a `Fen`; there
/// are no floating-point amounts anywhere.
///
/// # Examples
///
/// ```
/// use dangjian::compliance::{DuesBasis, DuesSchedule, Fen};
/// let dues: Option<Fen> = DuesSchedule::published().dues(DuesBasis::Salary, Some(450_000));
/// assert_eq!(dues, Some(4_500)); // 1% of 4,500 yuan: 45 yuan, in fen
/// ```
pub type Fen = i64;

/// How a dues amount with a fraction of a fen is rounded to whole fen.
///
/// # Examples
///
/// ```
/// use dangjian::compliance::{DuesBasis, DuesSchedule, Rounding};
/// let mut s = DuesSchedule::published();
/// // 0.5% of 1,225 yuan is 612.5 fen.
/// assert_eq!(s.dues(DuesBasis::Salary, Some(122_500)), Some(613)); // half up, the default
/// s.rounding = Rounding::HalfEven;
/// assert_eq!(s.dues(DuesBasis::Salary, Some(122_500)), Some(612));
/// s.rounding = Rounding::Down;
/// assert_eq!(s.dues(DuesBasis::Salary, Some(122_590)), Some(612));
/// ```
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Half a fen or more rounds up (四舍五入) — the default.
    #[default]
    HalfUp,
    /// Half a fen rounds to the even fen.
    HalfEven,
    /// Fractions are dropped.
    Down,
    /// Any fraction rounds up.
    Up,
}

impl Rounding {
    /// `num / den` rounded to an integer (`num >= 0`, `den > 0`).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::Rounding;
    /// assert_eq!(Rounding::HalfUp.divide(25, 10), 3);
    /// assert_eq!(Rounding::HalfEven.divide(25, 10), 2);
    /// assert_eq!(Rounding::Down.divide(29, 10), 2);
    /// assert_eq!(Rounding::Up.divide(21, 10), 3);
    /// ```
    pub fn divide(self, num: i128, den: i128) -> i128 {
        if den <= 0 {
            return 0;
        }
        let (q, r) = (num.div_euclid(den), num.rem_euclid(den));
        let up = match self {
            Rounding::Down => false,
            Rounding::Up => r > 0,
            Rounding::HalfUp => 2 * r >= den,
            Rounding::HalfEven => 2 * r > den || (2 * r == den && q % 2 != 0),
        };
        if up {
            q + 1
        } else {
            q
        }
    }
}

/// One bracket of a rate table: bases up to and including `up_to` (fen; `None` = no upper
/// limit) pay `rate_bp` basis points (1/10000) of the whole base.
///
/// # Examples
///
/// ```
/// use dangjian::compliance::{Bracket, DuesSchedule};
/// let salary = &DuesSchedule::published().salary;
/// assert_eq!(salary[0], Bracket { up_to: Some(300_000), rate_bp: 50 }); // ≤ 3,000 yuan: 0.5%
/// assert_eq!(salary.last(), Some(&Bracket { up_to: None, rate_bp: 200 })); // above: 2%
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bracket {
    /// Inclusive upper bound of the monthly base in fen; `None` for the last bracket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub up_to: Option<Fen>,
    /// Rate in basis points: 50 = 0.5%, 100 = 1%, 150 = 1.5%, 200 = 2%.
    pub rate_bp: u32,
}

fn b(up_to_yuan: Option<Fen>, rate_bp: u32) -> Bracket {
    Bracket {
        up_to: up_to_yuan.map(|y| y * 100),
        rate_bp,
    }
}

/// A dues rate schedule (党费交纳标准), in force for every month whose last day is on or after
/// `effective_from`, until the next schedule takes over. Old months keep the old rates: the
/// parameters are chosen by the month judged, never by the report date.
///
/// Rates apply to the whole base, not marginally: a salary of 5,000.01 yuan pays 1.5% of
/// 5,000.01 yuan.
///
/// ```
/// use dangjian::compliance::{DuesBasis, DuesSchedule};
/// let s = DuesSchedule::published();
/// // 党费规定: in-service, after-tax salary ≤ 3,000 yuan pays 0.5%; 3,000–5,000 pays 1%.
/// assert_eq!(s.dues(DuesBasis::Salary, Some(300_000)), Some(1_500));
/// assert_eq!(s.dues(DuesBasis::Salary, Some(300_001)), Some(3_000));
/// assert_eq!(s.dues(DuesBasis::Pension, Some(500_000)), Some(2_500));
/// assert_eq!(s.dues(DuesBasis::Minimum, None), Some(20)); // students, unemployed: 0.2 yuan
/// // Farmers pay a fixed 0.2–1 yuan a month.
/// assert_eq!((s.fixed_min, s.fixed_max), (20, 100));
/// assert_eq!(s.effective_from.to_string(), "2008-02-28");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DuesSchedule {
    /// First day the schedule applies (a month uses the schedule in force on its last day).
    pub effective_from: NaiveDate,
    /// In-service members, by monthly after-tax salary (工资收入).
    pub salary: Vec<Bracket>,
    /// Retired members, by monthly pension (离退休费 / 养老金).
    pub pension: Vec<Bracket>,
    /// Monthly dues of students, unemployed members and members living on relief or the
    /// minimum living allowance (fen).
    pub minimum: Fen,
    /// Lowest fixed monthly dues of a farmer member (fen).
    pub fixed_min: Fen,
    /// Highest fixed monthly dues of a farmer member (fen).
    pub fixed_max: Fen,
    /// Rounding to whole fen.
    #[serde(default)]
    pub rounding: Rounding,
}

impl DuesSchedule {
    /// The published schedule of 党费规定 (《关于中国共产党党费收缴、使用和管理的规定》,
    /// 中共中央组织部 2008-02-28, 中组发〔2008〕3号), catalogue codes `dues_salary_rate`,
    /// `dues_pension_rate`, `dues_farmer_fixed` and `dues_minimum`: in-service members by
    /// monthly after-tax salary ≤ 3,000 yuan 0.5%, ≤ 5,000 1%, ≤ 10,000 1.5%, above 2%;
    /// retired members by pension ≤ 5,000 0.5%, above 1%; farmers a fixed 0.2–1 yuan a month;
    /// students, unemployed members and members living on relief or the minimum living
    /// allowance 0.2 yuan; rounding to fen half up (local practice, configurable).
    /// `effective_from` is 2008-02-28, the day the regulation was issued: a month is judged by
    /// the schedule in force on its last day, so February 2008 is the first month it applies to.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::{DuesBasis, DuesSchedule};
    /// let s = DuesSchedule::published();
    /// assert_eq!(s.pension.len(), 2);
    /// assert_eq!(s.dues(DuesBasis::Pension, Some(500_001)), Some(5_000)); // above 5,000 yuan: 1%
    /// assert_eq!(s.minimum, 20); // 0.2 yuan
    /// ```
    pub fn published() -> DuesSchedule {
        DuesSchedule {
            effective_from: NaiveDate::from_ymd_opt(2008, 2, 28).unwrap_or(NaiveDate::MIN),
            salary: vec![
                b(Some(3_000), 50),
                b(Some(5_000), 100),
                b(Some(10_000), 150),
                b(None, 200),
            ],
            pension: vec![b(Some(5_000), 50), b(None, 100)],
            minimum: 20,
            fixed_min: 20,
            fixed_max: 100,
            rounding: Rounding::HalfUp,
        }
    }

    /// The rate (basis points) for a base of `base` fen under `brackets`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::DuesSchedule;
    /// let s = DuesSchedule::published();
    /// assert_eq!(DuesSchedule::rate(&s.salary, 300_000), Some(50)); // the bound is inclusive
    /// assert_eq!(DuesSchedule::rate(&s.salary, 300_001), Some(100));
    /// assert_eq!(DuesSchedule::rate(&[], 300_000), None);
    /// ```
    pub fn rate(brackets: &[Bracket], base: Fen) -> Option<u32> {
        brackets
            .iter()
            .find(|b| b.up_to.is_none_or(|u| base <= u))
            .map(|b| b.rate_bp)
    }

    /// Monthly dues in fen for `basis` with `amount` (the base for salary and pension, the dues
    /// themselves for a fixed profile). `None` when the amount is missing or negative.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::{DuesBasis, DuesSchedule};
    /// let s = DuesSchedule::published();
    /// assert_eq!(s.dues(DuesBasis::Fixed, Some(50)), Some(50)); // a farmer's 0.5 yuan
    /// assert_eq!(s.dues(DuesBasis::Exempt, None), Some(0));
    /// assert_eq!(s.dues(DuesBasis::Salary, None), None); // salary unknown
    /// ```
    pub fn dues(&self, basis: DuesBasis, amount: Option<Fen>) -> Option<Fen> {
        let pct = |brackets: &[Bracket]| {
            let base = amount.filter(|a| *a >= 0)?;
            let rate = Self::rate(brackets, base)?;
            let v = self
                .rounding
                .divide(i128::from(base) * i128::from(rate), 10_000);
            Fen::try_from(v).ok()
        };
        match basis {
            DuesBasis::Salary => pct(&self.salary),
            DuesBasis::Pension => pct(&self.pension),
            DuesBasis::Fixed => amount.filter(|a| *a >= 0),
            DuesBasis::Minimum => Some(self.minimum),
            DuesBasis::Exempt => Some(0),
        }
    }

    fn check(&self, position: usize) -> Result<(), ComplianceError> {
        let bad = |reason: String| ComplianceError::BadSchedule {
            position,
            effective_from: self.effective_from,
            reason,
        };
        for (name, brackets) in [("salary", &self.salary), ("pension", &self.pension)] {
            if brackets.is_empty() {
                return Err(bad(format!("`{name}` has no brackets")));
            }
            let mut prev: Option<Fen> = None;
            for (k, br) in brackets.iter().enumerate() {
                if br.rate_bp > 10_000 {
                    return Err(bad(format!(
                        "`{name}[{k}]` rate {} bp exceeds 100%",
                        br.rate_bp
                    )));
                }
                let last = k + 1 == brackets.len();
                match (br.up_to, last) {
                    (None, false) => {
                        return Err(bad(format!(
                            "`{name}[{k}]` has no upper bound but is not the last bracket"
                        )))
                    }
                    (Some(_), true) => {
                        return Err(bad(format!(
                            "the last bracket of `{name}` must have no upper bound"
                        )))
                    }
                    (Some(u), false) => {
                        if u < 0 || prev.is_some_and(|p| u <= p) {
                            return Err(bad(format!(
                                "`{name}` upper bounds must be non-negative and increasing"
                            )));
                        }
                        prev = Some(u);
                    }
                    (None, true) => {}
                }
            }
        }
        if self.minimum < 0 || self.fixed_min < 0 || self.fixed_min > self.fixed_max {
            return Err(bad(
                "`minimum`, `fixed_min` and `fixed_max` must be non-negative with fixed_min ≤ fixed_max"
                    .into(),
            ));
        }
        Ok(())
    }
}

/// How a member's monthly dues are assessed (党费规定).
///
/// # Examples
///
/// ```
/// use dangjian::compliance::DuesBasis;
/// let basis: DuesBasis = serde_json::from_str("\"pension\"")?;
/// assert_eq!(basis, DuesBasis::Pension);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DuesBasis {
    /// In-service: a percentage of the monthly after-tax salary (`amount` = salary in fen).
    Salary,
    /// Retired: a percentage of the monthly pension (`amount` = pension in fen).
    Pension,
    /// A fixed monthly amount set for the member (farmers: 0.2–1 yuan, 党费规定; `amount` = dues
    /// in fen, within the schedule's `fixed_min`–`fixed_max`).
    Fixed,
    /// The schedule's flat amount for students, unemployed members and members on relief or the
    /// minimum living allowance (0.2 yuan).
    Minimum,
    /// Exempted with approval (经支部党员大会讨论、报上级党委批准免交): nothing due.
    Exempt,
}

impl DuesBasis {
    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::DuesBasis;
    /// assert_eq!(DuesBasis::Pension.label(), "按离退休费");
    /// assert_eq!(DuesBasis::Exempt.label(), "免交");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            DuesBasis::Salary => "按工资收入",
            DuesBasis::Pension => "按离退休费",
            DuesBasis::Fixed => "定额",
            DuesBasis::Minimum => "最低标准",
            DuesBasis::Exempt => "免交",
        }
    }

    /// The basis a member of `category` has when no profile is recorded: the flat minimum for
    /// students and unemployed members (one published amount, 0.2 yuan); `None` (amount unknown)
    /// for the others — whose dues depend on an income, or for farmers on the fixed amount set
    /// for them between 0.2 and 1 yuan — so their months are *unknown*, never unpaid.
    ///
    /// ```
    /// use dangjian::compliance::DuesBasis;
    /// use dangjian::member::Category;
    /// assert_eq!(DuesBasis::default_for(Category::Student), Some(DuesBasis::Minimum));
    /// assert_eq!(DuesBasis::default_for(Category::Farmer), None);
    /// ```
    pub fn default_for(category: Category) -> Option<DuesBasis> {
        match category {
            Category::Student | Category::Unemployed => Some(DuesBasis::Minimum),
            _ => None,
        }
    }
}

/// A member's dues profile from `effective_from` on (until their next profile).
///
/// ```json
/// {"member": "XF101", "effective_from": "2025-01-01", "basis": "salary", "amount": 650000}
/// ```
///
/// # Examples
///
/// ```
/// use dangjian::compliance::{DuesBasis, DuesProfile};
/// let p: DuesProfile = serde_json::from_str(
///     r#"{"member": "XF101", "effective_from": "2025-01-01", "basis": "salary", "amount": 650000}"#)?;
/// assert_eq!((p.basis, p.amount), (DuesBasis::Salary, Some(650_000))); // 6,500 yuan a month
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DuesProfile {
    /// The member.
    #[schemars(with = "String")]
    pub member: MemberId,
    /// First day the profile applies (a month uses the profile in force on its last day).
    pub effective_from: NaiveDate,
    /// How dues are assessed.
    pub basis: DuesBasis,
    /// Monthly base (salary, pension) or fixed dues, in fen; absent for `minimum` and `exempt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Fen>,
}

/// A dues payment for one month, or a recorded reason for not paying it.
///
/// Several records for the same member and month add up. A record with `amount` 0 must carry a
/// `reason`. A reason excuses the month from arrears and from the six-month condition of 党章
/// art. 9 only when it is one of the accepted reasons of the [`DuesPolicy`] (e.g. `病`,
/// `出国(境)工作学习`, `经批准缓交`; rule `dues_excuse_reason`); any other reason (`忘了`) is
/// reported as not accepted and the month stays unpaid.
///
/// ```json
/// {"member": "XF001", "month": "2026-03", "amount": 1500, "paid_on": "2026-03-12"}
/// ```
///
/// # Examples
///
/// ```
/// use dangjian::compliance::PaymentRecord;
/// let p: PaymentRecord = serde_json::from_str(
///     r#"{"member": "XF001", "month": "2026-03", "amount": 0, "paid_on": "2026-03-12", "reason": "住院治疗"}"#)?;
/// assert_eq!((p.month.to_string(), p.amount), ("2026-03".to_string(), 0));
/// assert_eq!(p.reason.as_deref(), Some("住院治疗")); // an accepted reason: the month is excused
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentRecord {
    /// The member.
    #[schemars(with = "String")]
    pub member: MemberId,
    /// The month paid for (`YYYY-MM`).
    pub month: Month,
    /// Amount in fen.
    #[serde(default)]
    pub amount: Fen,
    /// Day paid (for a reason-only record: the day the reason was recorded).
    pub paid_on: NaiveDate,
    /// Reason for not paying (in full), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A special dues payment (特殊党费): a voluntary payment apart from monthly dues, e.g. after a
/// disaster (seed 000: 7,155 yuan after the Wenchuan earthquake).
///
/// # Examples
///
/// ```
/// use dangjian::compliance::{DuesBook, SpecialDuesRecord};
/// let reg = dangjian::Registry::sample_small();
/// let gift = SpecialDuesRecord { member: "M3".into(), date: "2024-05-12".parse()?,
///     amount: 10_000, campaign: "抗洪救灾".into() };
/// let book = DuesBook::new(&reg, vec![], vec![], vec![], vec![gift])?;
/// assert_eq!(book.special()[0].1.amount, 10_000);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecialDuesRecord {
    /// The member.
    #[schemars(with = "String")]
    pub member: MemberId,
    /// Day paid.
    pub date: NaiveDate,
    /// Amount in fen (positive).
    pub amount: Fen,
    /// The appeal it answers, e.g. `抗震救灾`.
    pub campaign: String,
}

/// The accepted reasons for not paying a month's dues shipped by default (published practice,
/// rule `dues_excuse_reason`): illness, working or studying abroad, an approved deferral or
/// exemption. A reason is accepted when, trimmed, it equals one of the list or begins with one
/// (`病假`, `住院治疗`, `经批准缓交（2026-03）`).
///
/// # Examples
///
/// ```
/// use dangjian::compliance::{DuesPolicy, DEFAULT_ACCEPTED_REASONS};
/// assert!(DEFAULT_ACCEPTED_REASONS.contains(&"经批准缓交"));
/// assert_eq!(DuesPolicy::default().accepted_reasons, DEFAULT_ACCEPTED_REASONS);
/// ```
pub const DEFAULT_ACCEPTED_REASONS: [&str; 7] = [
    "病",
    "因病",
    "住院",
    "出国(境)工作学习",
    "出国（境）工作学习",
    "经批准缓交",
    "经批准免交",
];

/// Numbers and lists of the dues reports (local configuration with published defaults; the
/// dataset's `dues_policy`).
///
/// ```
/// use dangjian::compliance::DuesPolicy;
/// let p = DuesPolicy::default();
/// assert_eq!((p.flag_months, p.catch_up_months), (6, 6));
/// assert!(p.accepts("病"));
/// assert!(p.accepts("住院治疗"));
/// assert!(!p.accepts("忘了"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DuesPolicy {
    /// Days after the end of a month before its dues count as late or unpaid (default 0: dues
    /// are paid monthly, 党费规定).
    pub grace_days: u32,
    /// Consecutive months not paid in full, without an accepted reason, that meet the dues
    /// condition of 党章 art. 9 (6: “连续六个月不交纳党费”).
    pub flag_months: u32,
    /// Reasons that excuse a month (rule `dues_excuse_reason`): a reason is accepted when,
    /// trimmed, it equals an entry or begins with one. Default [`DEFAULT_ACCEPTED_REASONS`].
    pub accepted_reasons: Vec<String>,
    /// A payment for a month made more than this many calendar months after that month is a
    /// catch-up beyond the permitted period (rule `dues_catch_up_limit`). Default 6: 党费规定
    /// as commonly reproduced says “补交党费的时间一般不得超过6个月”; counting the months from
    /// the month owed to the month paid is local practice.
    pub catch_up_months: u32,
}

impl Default for DuesPolicy {
    fn default() -> Self {
        DuesPolicy {
            grace_days: 0,
            flag_months: 6,
            accepted_reasons: DEFAULT_ACCEPTED_REASONS
                .iter()
                .map(|s| (*s).to_string())
                .collect(),
            catch_up_months: 6,
        }
    }
}

impl DuesPolicy {
    /// Whether the policy is the default one (for `skip_serializing_if`).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::DuesPolicy;
    /// assert!(DuesPolicy::default().is_default());
    /// let lenient = DuesPolicy { grace_days: 10, ..DuesPolicy::default() };
    /// assert!(!lenient.is_default());
    /// ```
    pub fn is_default(&self) -> bool {
        *self == DuesPolicy::default()
    }

    /// Whether `reason` is an accepted reason for not paying (see `accepted_reasons`).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::DuesPolicy;
    /// let p = DuesPolicy::default();
    /// assert!(p.accepts("经批准缓交（2026-03）"));
    /// assert!(p.accepts(" 病假 "));
    /// assert!(!p.accepts("外出打工"));
    /// ```
    pub fn accepts(&self, reason: &str) -> bool {
        let r = reason.trim();
        !r.is_empty()
            && self
                .accepted_reasons
                .iter()
                .map(|a| a.trim())
                .any(|a| !a.is_empty() && r.starts_with(a))
    }
}

/// The standing of one member-month on the report date.
///
/// # Examples
///
/// ```
/// # use dangjian::compliance::{DuesBasis, DuesBook, DuesPolicy, DuesProfile, Month, PaymentRecord};
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>();
/// # let m = |s: &str| s.parse::<Month>();
/// # let pension = DuesProfile { member: "M1".into(), effective_from: d("2024-01-01")?,
/// #     basis: DuesBasis::Pension, amount: Some(400_000) }; // 4,000 yuan: 0.5%, 20 yuan
/// # let pay = |month: &str, on: &str| -> Result<PaymentRecord, Box<dyn std::error::Error>> {
/// #     Ok(PaymentRecord { member: "M1".into(), month: m(month)?, amount: 2_000, paid_on: d(on)?, reason: None })
/// # };
/// # let payments = vec![pay("2024-01", "2024-01-20")?, pay("2024-02", "2024-03-05")?];
/// # let book = DuesBook::new(&reg, vec![], vec![pension], payments, vec![])?;
/// use dangjian::compliance::MonthStatus;
/// // M1 pays 20 yuan a month: January on time, February on 5 March, March not at all.
/// let ledger = book.ledger(&reg, m("2024-01")?, m("2024-03")?, d("2024-04-15")?, &DuesPolicy::default())?;
/// assert_eq!(ledger.status[..3], [MonthStatus::Paid, MonthStatus::Late, MonthStatus::Unpaid]);
/// assert_eq!(ledger.status[3], MonthStatus::Unknown); // M2 has no dues profile
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MonthStatus {
    /// Paid in full by the deadline (or in advance).
    Paid,
    /// Paid in full after the deadline.
    Late,
    /// Part paid; the deadline has passed.
    Partial,
    /// Not paid in full, with an accepted reason recorded.
    Excused,
    /// Nothing due (exempted).
    Exempt,
    /// Nothing paid and no accepted reason recorded; the deadline has passed.
    Unpaid,
    /// Not fully paid, but the deadline has not passed yet.
    Open,
    /// Nothing paid and the amount due unknown (no dues profile): neither paid nor unpaid —
    /// such a month never counts towards the six months of 党章 art. 9 (“dues data missing”).
    Unknown,
}

impl MonthStatus {
    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::MonthStatus;
    /// assert_eq!(MonthStatus::Late.label(), "逾期交纳");
    /// assert_eq!(MonthStatus::Unknown.label(), "应交额未知");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            MonthStatus::Paid => "按时交纳",
            MonthStatus::Late => "逾期交纳",
            MonthStatus::Partial => "未交足",
            MonthStatus::Excused => "有理由未交",
            MonthStatus::Exempt => "免交",
            MonthStatus::Unpaid => "未交",
            MonthStatus::Open => "未到期",
            MonthStatus::Unknown => "应交额未知",
        }
    }

    /// Paid in full (on time or late).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::MonthStatus;
    /// assert!(MonthStatus::Late.is_paid());
    /// assert!(!MonthStatus::Partial.is_paid());
    /// assert!(!MonthStatus::Excused.is_paid());
    /// ```
    pub fn is_paid(self) -> bool {
        matches!(self, MonthStatus::Paid | MonthStatus::Late)
    }

    /// Not paid in full, no accepted reason, deadline passed: unpaid or part paid (a part
    /// payment does not count as paying the month, 党章 art. 9).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::MonthStatus;
    /// assert!(MonthStatus::Partial.is_arrears()); // part paid is not paid (党章 art. 9)
    /// assert!(!MonthStatus::Excused.is_arrears());
    /// assert!(!MonthStatus::Unknown.is_arrears());
    /// ```
    pub fn is_arrears(self) -> bool {
        matches!(self, MonthStatus::Unpaid | MonthStatus::Partial)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Pay {
    month: Month,
    amount: Fen,
    paid_on: NaiveDate,
    reason: Option<String>,
}

/// Validated dues data of one registry: schedules, profiles, payments and special dues, indexed
/// by member. Queries take the same registry again.
///
/// ```
/// use dangjian::compliance::{DuesBook, DuesPolicy, Month, MonthStatus};
/// let ds = dangjian::synth::sample_community();
/// let reg = ds.to_registry().unwrap();
/// let book = DuesBook::from_dataset(&ds, &reg).unwrap();
/// let m = |s: &str| s.parse::<Month>().unwrap();
/// let ledger = book.ledger(&reg, m("2026-01"), m("2026-09"), dangjian::synth::SAMPLE_AS_OF, &DuesPolicy::default()).unwrap();
/// assert!(ledger.status.iter().any(|s| *s == MonthStatus::Unpaid));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DuesBook {
    schedules: Vec<DuesSchedule>,
    profiles: Vec<Vec<DuesProfile>>,
    payments: Vec<Vec<Pay>>,
    special: Vec<(MemberIdx, SpecialDuesRecord)>,
}

fn member_idx(
    reg: &Registry,
    section: &'static str,
    position: usize,
    id: &str,
) -> Result<MemberIdx, ComplianceError> {
    reg.member_index(id)
        .ok_or_else(|| ComplianceError::UnknownMember {
            section,
            position,
            member: id.into(),
        })
}

impl DuesBook {
    /// Validates and indexes dues data. An empty `schedules` means [`DuesSchedule::published`].
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::{DuesBook, PaymentRecord};
    /// let reg = dangjian::Registry::sample_small();
    /// let stranger = PaymentRecord { member: "M9".into(), month: "2024-01".parse()?, amount: 100,
    ///     paid_on: "2024-01-10".parse()?, reason: None };
    /// let err = DuesBook::new(&reg, vec![], vec![], vec![stranger], vec![]).unwrap_err();
    /// assert_eq!(err.code(), "unknown_member");
    /// assert_eq!(err.to_string(), "payments[0]: member `M9` is not on the roster");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        reg: &Registry,
        schedules: Vec<DuesSchedule>,
        profiles: Vec<DuesProfile>,
        payments: Vec<PaymentRecord>,
        special: Vec<SpecialDuesRecord>,
    ) -> Result<DuesBook, ComplianceError> {
        let mut schedules = if schedules.is_empty() {
            vec![DuesSchedule::published()]
        } else {
            schedules
        };
        for (i, s) in schedules.iter().enumerate() {
            s.check(i)?;
        }
        let mut seen: HashMap<NaiveDate, usize> = HashMap::new();
        for (i, s) in schedules.iter().enumerate() {
            if seen.insert(s.effective_from, i).is_some() {
                return Err(ComplianceError::BadSchedule {
                    position: i,
                    effective_from: s.effective_from,
                    reason: "another schedule takes effect on the same day".into(),
                });
            }
        }
        crate::sort::sort_by_key(&mut schedules, |s| s.effective_from);
        let n = reg.len();
        let mut by_member: Vec<Vec<DuesProfile>> = vec![Vec::new(); n];
        for (i, p) in profiles.into_iter().enumerate() {
            let idx = member_idx(reg, "dues_profiles", i, &p.member)?;
            let bad = |reason: String| ComplianceError::BadProfile {
                position: i,
                member: p.member.clone(),
                reason,
            };
            match (p.basis, p.amount) {
                (DuesBasis::Salary | DuesBasis::Pension | DuesBasis::Fixed, None) => {
                    return Err(bad(format!(
                        "basis `{:?}` needs an `amount` in fen",
                        p.basis
                    )))
                }
                (DuesBasis::Minimum | DuesBasis::Exempt, Some(_)) => {
                    return Err(bad(format!("basis `{:?}` takes no `amount`", p.basis)))
                }
                (_, Some(a)) if a < 0 => return Err(bad("`amount` is negative".into())),
                (_, Some(a)) if a > crate::limits::MAX_AMOUNT_FEN => {
                    return Err(bad(format!(
                        "`amount` 超过上限 {} 分（is above the limit of {} fen）",
                        crate::limits::MAX_AMOUNT_FEN,
                        crate::limits::MAX_AMOUNT_FEN
                    )))
                }
                _ => {}
            }
            if let (DuesBasis::Fixed, Some(a)) = (p.basis, p.amount) {
                let s = schedules
                    .iter()
                    .rev()
                    .find(|s| s.effective_from <= p.effective_from)
                    .or_else(|| schedules.first());
                if let Some(s) = s {
                    if a < s.fixed_min || a > s.fixed_max {
                        return Err(bad(format!(
                            "定额党费{}元超出{}–{}元（党费规定：农民党员每月交纳0.2元至1元） / fixed dues of {a} fen lie outside {}–{} fen",
                            super::summary::yuan(a), super::summary::yuan(s.fixed_min), super::summary::yuan(s.fixed_max),
                            s.fixed_min, s.fixed_max
                        )));
                    }
                }
            }
            if let Some(slot) = by_member.get_mut(idx as usize) {
                if slot.iter().any(|q| q.effective_from == p.effective_from) {
                    return Err(bad(format!(
                        "a second profile takes effect on {}",
                        p.effective_from
                    )));
                }
                slot.push(p);
            }
        }
        for v in &mut by_member {
            crate::sort::sort_by_key(v, |p| p.effective_from);
        }
        let mut pays: Vec<Vec<Pay>> = vec![Vec::new(); n];
        for (i, p) in payments.into_iter().enumerate() {
            let idx = member_idx(reg, "payments", i, &p.member)?;
            let bad = |reason: &str| ComplianceError::BadPayment {
                section: "payments",
                position: i,
                member: p.member.clone(),
                reason: reason.into(),
            };
            if p.amount < 0 {
                return Err(bad("`amount` is negative"));
            }
            if p.amount > crate::limits::MAX_AMOUNT_FEN {
                return Err(bad(
                    "`amount` 超过上限 10^12 分（is above the limit of 10^12 fen, limits::MAX_AMOUNT_FEN）",
                ));
            }
            let reason = p
                .reason
                .as_ref()
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty());
            if p.amount == 0 && reason.is_none() {
                return Err(bad("a record of 0 fen must give a `reason`"));
            }
            if let Some(slot) = pays.get_mut(idx as usize) {
                slot.push(Pay {
                    month: p.month,
                    amount: p.amount,
                    paid_on: p.paid_on,
                    reason,
                });
            }
        }
        for v in &mut pays {
            crate::sort::sort_by_key(v, |p| (p.month, p.paid_on));
        }
        let mut sp = Vec::with_capacity(special.len());
        for (i, s) in special.into_iter().enumerate() {
            let idx = member_idx(reg, "special_dues", i, &s.member)?;
            if s.amount > crate::limits::MAX_AMOUNT_FEN {
                return Err(ComplianceError::BadPayment {
                    section: "special_dues",
                    position: i,
                    member: s.member.clone(),
                    reason: "`amount` 超过上限 10^12 分（is above the limit of 10^12 fen, limits::MAX_AMOUNT_FEN）".into(),
                });
            }
            if s.amount <= 0 || s.campaign.trim().is_empty() {
                return Err(ComplianceError::BadPayment {
                    section: "special_dues",
                    position: i,
                    member: s.member.clone(),
                    reason: "特殊党费须填写大于0的 `amount`（金额）和 `campaign`（名目） / special dues need a positive `amount` and a `campaign`".into(),
                });
            }
            sp.push((idx, s));
        }
        Ok(DuesBook {
            schedules,
            profiles: by_member,
            payments: pays,
            special: sp,
        })
    }

    /// The schedules, earliest first.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::{DuesBook, DuesSchedule};
    /// let reg = dangjian::Registry::sample_small();
    /// let book = DuesBook::new(&reg, vec![], vec![], vec![], vec![])?;
    /// assert_eq!(book.schedules(), [DuesSchedule::published()]); // none given: the published one
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn schedules(&self) -> &[DuesSchedule] {
        &self.schedules
    }

    /// The schedule in force in `month` (the latest starting on or before its last day).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::DuesBook;
    /// let reg = dangjian::Registry::sample_small();
    /// let book = DuesBook::new(&reg, vec![], vec![], vec![], vec![])?;
    /// assert!(book.schedule_for("2008-02".parse()?).is_ok()); // in force on 2008-02-28
    /// assert_eq!(book.schedule_for("2008-01".parse()?).unwrap_err().code(), "no_schedule");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn schedule_for(&self, month: Month) -> Result<&DuesSchedule, ComplianceError> {
        let last = month.last_day();
        self.schedules
            .iter()
            .rev()
            .find(|s| s.effective_from <= last)
            .ok_or_else(|| ComplianceError::NoSchedule {
                month: month.to_string(),
                earliest: self
                    .schedules
                    .first()
                    .map(|s| s.effective_from)
                    .unwrap_or(NaiveDate::MIN),
            })
    }

    /// The profile of member `m` in force in `month`, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{DuesBasis, DuesBook, DuesPolicy, DuesProfile, Month, PaymentRecord};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>();
    /// # let m = |s: &str| s.parse::<Month>();
    /// # let pension = DuesProfile { member: "M1".into(), effective_from: d("2024-01-01")?,
    /// #     basis: DuesBasis::Pension, amount: Some(400_000) }; // 4,000 yuan: 0.5%, 20 yuan
    /// # let pay = |month: &str, on: &str| -> Result<PaymentRecord, Box<dyn std::error::Error>> {
    /// #     Ok(PaymentRecord { member: "M1".into(), month: m(month)?, amount: 2_000, paid_on: d(on)?, reason: None })
    /// # };
    /// # let payments = vec![pay("2024-01", "2024-01-20")?, pay("2024-02", "2024-03-05")?];
    /// # let book = DuesBook::new(&reg, vec![], vec![pension], payments, vec![])?;
    /// let m1 = reg.member_index("M1").ok_or("no M1")?;
    /// assert_eq!(book.profile_for(m1, m("2024-02")?).map(|p| p.basis), Some(DuesBasis::Pension));
    /// assert!(book.profile_for(m1, m("2023-12")?).is_none()); // before the profile
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn profile_for(&self, m: MemberIdx, month: Month) -> Option<&DuesProfile> {
        let last = month.last_day();
        self.profiles
            .get(m as usize)?
            .iter()
            .rev()
            .find(|p| p.effective_from <= last)
    }

    /// Special dues records with the member's index.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::{DuesBook, SpecialDuesRecord};
    /// let reg = dangjian::Registry::sample_small();
    /// let gift = SpecialDuesRecord { member: "M3".into(), date: "2024-05-12".parse()?,
    ///     amount: 10_000, campaign: "抗洪救灾".into() };
    /// let book = DuesBook::new(&reg, vec![], vec![], vec![], vec![gift])?;
    /// let (who, record) = &book.special()[0];
    /// assert_eq!((Some(*who), record.campaign.as_str()), (reg.member_index("M3"), "抗洪救灾"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn special(&self) -> &[(MemberIdx, SpecialDuesRecord)] {
        &self.special
    }

    /// Catch-up payments beyond the permitted period (rule `dues_catch_up_limit`): payments made
    /// from `from` to `to` (days, inclusive) for a month more than `policy.catch_up_months`
    /// calendar months before the month of payment, as `(member, month paid for, day paid,
    /// months between)`, by member then month.
    ///
    /// ```
    /// use dangjian::compliance::{DuesBook, DuesPolicy, PaymentRecord};
    /// let reg = dangjian::registry::Registry::sample_small();
    /// let pay = |month: &str, on: &str| PaymentRecord { member: "M1".into(), month: month.parse().unwrap(),
    ///     amount: 100, paid_on: on.parse().unwrap(), reason: None };
    /// // January paid in July (6 months later): permitted; January paid in August (7): beyond.
    /// let book = DuesBook::new(&reg, vec![], vec![],
    ///     vec![pay("2024-01", "2024-07-31"), pay("2023-01", "2023-08-01")], vec![]).unwrap();
    /// let d = |s: &str| s.parse().unwrap();
    /// let found = book.catch_ups(d("2023-01-01"), d("2024-12-31"), &DuesPolicy::default());
    /// assert_eq!(found.len(), 1);
    /// assert_eq!((found[0].1.to_string(), found[0].3), ("2023-01".to_string(), 7));
    /// ```
    pub fn catch_ups(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        policy: &DuesPolicy,
    ) -> Vec<(MemberIdx, Month, NaiveDate, i64)> {
        let mut out = Vec::new();
        for (i, pays) in self.payments.iter().enumerate() {
            for p in pays {
                if p.amount <= 0 || p.paid_on < from || p.paid_on > to {
                    continue;
                }
                let gap = p.month.months_until(Month::of(p.paid_on));
                if gap > i64::from(policy.catch_up_months) {
                    out.push((i as MemberIdx, p.month, p.paid_on, gap));
                }
            }
        }
        out
    }

    /// The month-by-month ledger of every member-month from `from` to `to` (inclusive) in which
    /// the person was a member on at least one day (probationary members pay from the month of
    /// admission; leavers pay through the month they leave), as known on `as_of`: payments and
    /// reasons recorded after `as_of` are ignored.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{DuesBasis, DuesBook, DuesPolicy, DuesProfile, Month, PaymentRecord};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>();
    /// # let m = |s: &str| s.parse::<Month>();
    /// # let pension = DuesProfile { member: "M1".into(), effective_from: d("2024-01-01")?,
    /// #     basis: DuesBasis::Pension, amount: Some(400_000) }; // 4,000 yuan: 0.5%, 20 yuan
    /// # let pay = |month: &str, on: &str| -> Result<PaymentRecord, Box<dyn std::error::Error>> {
    /// #     Ok(PaymentRecord { member: "M1".into(), month: m(month)?, amount: 2_000, paid_on: d(on)?, reason: None })
    /// # };
    /// # let payments = vec![pay("2024-01", "2024-01-20")?, pay("2024-02", "2024-03-05")?];
    /// # let book = DuesBook::new(&reg, vec![], vec![pension], payments, vec![])?;
    /// let ledger = book.ledger(&reg, m("2024-01")?, m("2024-03")?, d("2024-04-15")?, &DuesPolicy::default())?;
    /// assert_eq!(ledger.len(), 12); // four members, three months
    /// assert_eq!(&ledger.due[..3], [Some(2_000); 3]);
    /// assert_eq!(&ledger.paid[..3], [2_000, 2_000, 0]);
    /// // Known on 2024-02-15, February was not yet due.
    /// let earlier = book.ledger(&reg, m("2024-01")?, m("2024-03")?, d("2024-02-15")?, &DuesPolicy::default())?;
    /// assert_eq!(earlier.status[1].label(), "未到期");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ledger(
        &self,
        reg: &Registry,
        from: Month,
        to: Month,
        as_of: NaiveDate,
        policy: &DuesPolicy,
    ) -> Result<DuesLedger, ComplianceError> {
        if to < from {
            return Err(ComplianceError::BadPeriod {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        let months: Vec<Month> = Month::range(from, to).collect();
        let sched: Vec<&DuesSchedule> = months
            .iter()
            .map(|m| self.schedule_for(*m))
            .collect::<Result<_, _>>()?;
        let timelines = Timelines::build(reg);
        let mut out = DuesLedger {
            as_of,
            ..DuesLedger::default()
        };
        for i in 0..reg.len() as MemberIdx {
            let spells = reg.spells_of(i);
            if spells.is_empty() {
                continue;
            }
            let pays = self
                .payments
                .get(i as usize)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            for (k, &month) in months.iter().enumerate() {
                let (first, last) = (month.first_day(), month.last_day());
                // Last day in the month on which the person was a member.
                let Some(last_member_day) = spells
                    .iter()
                    .filter(|s| s.from <= last && s.to > first)
                    .map(|s| s.to.pred_opt().unwrap_or(s.to).min(last))
                    .max()
                else {
                    continue;
                };
                let snap = timelines.on(i, last_member_day);
                let unit = snap.and_then(|s| s.unit());
                let category = snap.map(|s| s.category).unwrap_or_default();
                let schedule = sched.get(k).copied();
                let (basis, amount) = match self.profile_for(i, month) {
                    Some(p) => (Some(p.basis), p.amount),
                    None => (DuesBasis::default_for(category), None),
                };
                let due = match (schedule, basis) {
                    (Some(s), Some(b)) => s.dues(b, amount),
                    _ => None,
                };
                let deadline = last
                    .checked_add_days(chrono::Days::new(u64::from(policy.grace_days)))
                    .unwrap_or(last);
                let lo = pays.partition_point(|p| p.month < month);
                let hi = pays.partition_point(|p| p.month <= month);
                let mut paid: Fen = 0;
                let mut reason: Option<NaiveDate> = None;
                let mut rejected: Option<String> = None;
                let mut completed: Option<NaiveDate> = None;
                let mut last_paid: Option<NaiveDate> = None;
                let mut recs: Vec<&Pay> = pays
                    .get(lo..hi)
                    .unwrap_or(&[])
                    .iter()
                    .filter(|p| p.paid_on <= as_of)
                    .collect();
                crate::sort::sort_by_key(&mut recs, |p| p.paid_on);
                for p in recs {
                    paid = paid.saturating_add(p.amount);
                    if let Some(r) = &p.reason {
                        if policy.accepts(r) {
                            reason = reason.or(Some(p.paid_on));
                        } else if rejected.is_none() {
                            rejected = Some(r.clone());
                        }
                    }
                    if p.amount > 0 {
                        last_paid = Some(p.paid_on);
                    }
                    if completed.is_none() && due.is_some_and(|d| paid >= d) && paid > 0 {
                        completed = Some(p.paid_on);
                    }
                }
                if due.is_none() && paid > 0 {
                    completed = last_paid;
                }
                let overdue = as_of > deadline;
                let status = match due {
                    Some(0) => MonthStatus::Exempt,
                    _ if completed.is_some() => {
                        if completed.is_some_and(|c| c > deadline) {
                            MonthStatus::Late
                        } else {
                            MonthStatus::Paid
                        }
                    }
                    _ if reason.is_some() => MonthStatus::Excused,
                    _ if !overdue => MonthStatus::Open,
                    _ if paid > 0 => MonthStatus::Partial,
                    None => MonthStatus::Unknown,
                    _ => MonthStatus::Unpaid,
                };
                // The first day the month stopped being owed: paid in full, or excused.
                let settled = match (completed, reason) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                out.member.push(i);
                out.member_id
                    .push(reg.member(i).map(|r| r.id.clone()).unwrap_or_default());
                out.month.push(month);
                out.unit.push(unit);
                out.basis.push(basis);
                out.due.push(due);
                out.paid.push(paid);
                out.status.push(status);
                out.paid_on.push(completed.or(last_paid));
                out.settled_on.push(settled);
                out.deadline.push(deadline);
                out.reason_not_accepted
                    .push(if reason.is_none() { rejected } else { None });
            }
        }
        out.month_label = out.month.iter().map(Month::to_string).collect();
        Ok(out)
    }
}

/// One row per member-month: what was due, what was paid by the report date, and the status.
/// Columnar; the source of [`crate::compliance::ArrearsTable`] and
/// [`crate::compliance::CollectionTable`].
///
/// # Examples
///
/// ```
/// # use dangjian::compliance::{DuesBasis, DuesBook, DuesPolicy, DuesProfile, Month, PaymentRecord};
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>();
/// # let m = |s: &str| s.parse::<Month>();
/// # let pension = DuesProfile { member: "M1".into(), effective_from: d("2024-01-01")?,
/// #     basis: DuesBasis::Pension, amount: Some(400_000) }; // 4,000 yuan: 0.5%, 20 yuan
/// # let pay = |month: &str, on: &str| -> Result<PaymentRecord, Box<dyn std::error::Error>> {
/// #     Ok(PaymentRecord { member: "M1".into(), month: m(month)?, amount: 2_000, paid_on: d(on)?, reason: None })
/// # };
/// # let payments = vec![pay("2024-01", "2024-01-20")?, pay("2024-02", "2024-03-05")?];
/// # let book = DuesBook::new(&reg, vec![], vec![pension], payments, vec![])?;
/// let ledger = book.ledger(&reg, m("2024-01")?, m("2024-03")?, d("2024-04-15")?, &DuesPolicy::default())?;
/// assert_eq!((ledger.member_id[1].as_str(), ledger.month_label[1].as_str()), ("M1", "2024-02"));
/// assert_eq!(ledger.deadline[1].to_string(), "2024-02-29");
/// assert_eq!(ledger.settled_on[1].map(|d| d.to_string()), Some("2024-03-05".to_string()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DuesLedger {
    /// Report date.
    pub as_of: NaiveDate,
    /// Member index.
    pub member: Vec<MemberIdx>,
    /// Member id.
    pub member_id: Vec<CompactString>,
    /// Month.
    pub month: Vec<Month>,
    /// Month as `YYYY-MM` (for export).
    pub month_label: Vec<String>,
    /// The unit (group or branch) the member belonged to at the end of their membership in the month.
    pub unit: Vec<Option<crate::org::OrgIdx>>,
    /// Basis of assessment (`None`: no profile and none implied by the category).
    pub basis: Vec<Option<DuesBasis>>,
    /// Dues in fen (`None` when the basis or amount is unknown).
    pub due: Vec<Option<Fen>>,
    /// Paid by the report date, in fen.
    pub paid: Vec<Fen>,
    /// Status on the report date.
    pub status: Vec<MonthStatus>,
    /// Day the month was paid in full (or last paid towards).
    pub paid_on: Vec<Option<NaiveDate>>,
    /// First day the month was no longer owed: paid in full or excused with an accepted reason
    /// (`None`: still owed, or never owed).
    pub settled_on: Vec<Option<NaiveDate>>,
    /// Last day to pay the month on time (its last day plus the grace days).
    pub deadline: Vec<NaiveDate>,
    /// A reason recorded for the month that is not an accepted reason (`None` when there is
    /// none, or when an accepted one is recorded too).
    pub reason_not_accepted: Vec<Option<String>>,
}

impl DuesLedger {
    /// Number of member-months.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{DuesBasis, DuesBook, DuesPolicy, DuesProfile, Month, PaymentRecord};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>();
    /// # let m = |s: &str| s.parse::<Month>();
    /// # let pension = DuesProfile { member: "M1".into(), effective_from: d("2024-01-01")?,
    /// #     basis: DuesBasis::Pension, amount: Some(400_000) }; // 4,000 yuan: 0.5%, 20 yuan
    /// # let pay = |month: &str, on: &str| -> Result<PaymentRecord, Box<dyn std::error::Error>> {
    /// #     Ok(PaymentRecord { member: "M1".into(), month: m(month)?, amount: 2_000, paid_on: d(on)?, reason: None })
    /// # };
    /// # let payments = vec![pay("2024-01", "2024-01-20")?, pay("2024-02", "2024-03-05")?];
    /// # let book = DuesBook::new(&reg, vec![], vec![pension], payments, vec![])?;
    /// let ledger = book.ledger(&reg, m("2024-01")?, m("2024-06")?, d("2024-07-15")?, &DuesPolicy::default())?;
    /// assert_eq!(ledger.len(), 4 * 6); // one row per member-month
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.member.len()
    }

    /// Whether empty.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::{DuesBook, DuesPolicy};
    /// let reg = dangjian::Registry::sample_small();
    /// let book = DuesBook::new(&reg, vec![], vec![], vec![], vec![])?;
    /// let m = |s: &str| s.parse();
    /// // Nobody was a member in 2019 (the sample's organizations date from 2020).
    /// let ledger = book.ledger(&reg, m("2019-01")?, m("2019-12")?, "2020-01-15".parse()?, &DuesPolicy::default())?;
    /// assert!(ledger.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.member.is_empty()
    }
}

impl crate::table::Table for DuesLedger {
    fn name(&self) -> &str {
        "dues_ledger"
    }
    fn title_zh(&self) -> String {
        format!("党费交纳明细（截至{}）", self.as_of)
    }
    fn len(&self) -> usize {
        self.member.len()
    }
    fn columns(&self) -> Vec<crate::table::Column<'_>> {
        use crate::table::{Column, ColumnData, Role};
        vec![
            Column::new(
                "member",
                "党员编号",
                Role::MemberId,
                ColumnData::Str(self.member_id.iter().map(|s| s.as_str()).collect()),
            ),
            Column::new(
                "month",
                "月份",
                Role::Key,
                ColumnData::Str(self.month_label.iter().map(String::as_str).collect()),
            ),
            Column::new(
                "basis",
                "计交方式",
                Role::Text,
                ColumnData::Str(
                    self.basis
                        .iter()
                        .map(|b| b.map(DuesBasis::label).unwrap_or("未登记"))
                        .collect(),
                ),
            ),
            Column::new(
                "due",
                "应交（元）",
                Role::Value,
                ColumnData::OptFen(&self.due),
            ),
            Column::new(
                "paid",
                "实交（元）",
                Role::Value,
                ColumnData::Fen(&self.paid),
            ),
            Column::new(
                "status",
                "状态",
                Role::Text,
                ColumnData::Str(self.status.iter().map(|s| s.label()).collect()),
            ),
            Column::new(
                "paid_on",
                "交纳日期",
                Role::Value,
                ColumnData::OptDate(&self.paid_on),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn rounding_modes() {
        assert_eq!(Rounding::HalfUp.divide(15, 10), 2);
        assert_eq!(Rounding::HalfUp.divide(14, 10), 1);
        assert_eq!(Rounding::HalfEven.divide(25, 10), 2);
        assert_eq!(Rounding::HalfEven.divide(35, 10), 4);
        assert_eq!(Rounding::HalfEven.divide(26, 10), 3);
        assert_eq!(Rounding::Down.divide(19, 10), 1);
        assert_eq!(Rounding::Up.divide(11, 10), 2);
        assert_eq!(Rounding::Up.divide(10, 10), 1);
    }

    #[test]
    fn salary_bracket_boundaries_by_hand() {
        let s = DuesSchedule::published();
        let d = |yuan_fen: Fen| s.dues(DuesBasis::Salary, Some(yuan_fen)).unwrap();
        // ≤ 3,000 yuan: 0.5%.  3,000 yuan × 0.5% = 15 yuan.
        assert_eq!(d(300_000), 1_500);
        // 3,000.01 yuan × 1% = 30.0001 yuan → 3,000.01 fen → 3,000 fen.
        assert_eq!(d(300_001), 3_000);
        // 5,000 yuan × 1% = 50 yuan; 5,000.01 × 1.5% = 75.00015 → 7,500 fen.
        assert_eq!(d(500_000), 5_000);
        assert_eq!(d(500_001), 7_500);
        // 10,000 × 1.5% = 150; 10,000.01 × 2% = 200.0002 → 20,000 fen.
        assert_eq!(d(1_000_000), 15_000);
        assert_eq!(d(1_000_001), 20_000);
        // 2,345.67 yuan × 0.5% = 11.72835 yuan = 1,172.835 fen → 1,173 (half up).
        assert_eq!(d(234_567), 1_173);
        // 2,344.90 yuan × 0.5% = 1,172.45 fen → 1,172 (below half a fen).
        assert_eq!(d(234_490), 1_172);
        assert_eq!(d(0), 0);
    }

    #[test]
    fn pension_boundaries_by_hand() {
        let s = DuesSchedule::published();
        let d = |f: Fen| s.dues(DuesBasis::Pension, Some(f)).unwrap();
        assert_eq!(d(500_000), 2_500); // 5,000 × 0.5%
        assert_eq!(d(500_001), 5_000); // 5,000.01 × 1% = 50.0001 yuan
        assert_eq!(d(350_000), 1_750); // 3,500 × 0.5% = 17.5 yuan
        assert_eq!(d(123_450), 617); // 1,234.50 × 0.5% = 617.25 fen
    }

    #[test]
    fn schedule_validation() {
        let mut s = DuesSchedule::published();
        s.salary[1].up_to = Some(100);
        assert_eq!(s.check(0).unwrap_err().code(), "bad_schedule");
        let mut s = DuesSchedule::published();
        s.pension.pop();
        assert_eq!(s.check(0).unwrap_err().code(), "bad_schedule");
    }
}
