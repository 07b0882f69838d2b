//! The month's records a secretary enters: activities (积分), meetings (三会一课), dues payments
//! and service records, added, corrected and removed through a [`super::Community`].
//!
//! ```
//! use dangjian::community::{Community, RecordKind};
//! let mut c = Community::new(dangjian::io::Dataset::sample_small())?;
//! c.add_json(RecordKind::Meeting, r#"{"id": "MT1", "org": "B1", "kind": "theme_day",
//!     "date": "2024-03-05", "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?;
//! c.add_json(RecordKind::Payment,
//!     r#"{"member": "M1", "month": "2024-03", "amount": 200, "paid_on": "2024-03-10"}"#)?;
//! assert_eq!((c.dataset().meetings.len(), c.dataset().payments.len()), (1, 1));
//! let err = c.add_json(RecordKind::Meeting, r#"{"id": "MT2", "org": "B9", "kind": "theme_day",
//!     "date": "2024-03-06"}"#).unwrap_err();
//! assert_eq!(err.code(), "record_rejected"); // there is no organization B9
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
// A section's check returns the bad record's position with its error, on the cold path.
#![allow(clippy::result_large_err)]

use std::collections::HashSet;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{Community, RecordError, RejectedBy};
use crate::compliance::{DuesBook, MeetingBook, MeetingRecord, PaymentRecord};
use crate::io::Dataset;
use crate::post::{PostBook, ServiceRecord};
use crate::privacy::{echo_cut, echo_id};
use crate::scoring::{ActivityRecord, ScorerChecks, ScoringError};

/// Most records in one batch (a year's activities of a large community fit).
///
/// # Examples
///
/// ```
/// use dangjian::community::{RecordError, RecordKind, MAX_BATCH_RECORDS};
/// assert!(365 * 2_000 <= MAX_BATCH_RECORDS); // a year of daily records of 2,000 members
/// let refused = RecordError::TooMany {
///     kind: RecordKind::Activity, limit: MAX_BATCH_RECORDS, actual: MAX_BATCH_RECORDS + 1,
/// };
/// assert_eq!(refused.to_string(), "一批积分记录最多 1000000 条，给出了 1000001 条");
/// ```
pub const MAX_BATCH_RECORDS: usize = 1_000_000;

/// The kinds of record of the month.
///
/// # Examples
///
/// ```
/// use dangjian::community::RecordKind;
/// let kind: RecordKind = serde_json::from_str("\"payment\"")?;
/// assert_eq!(kind, RecordKind::Payment);
/// assert_eq!(kind.to_string(), "payment");
/// assert_eq!(kind.name_zh(), "党费缴纳记录");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// A scored activity (积分记录), [`ActivityRecord`].
    Activity,
    /// An organization-life meeting (会议记录: 三会一课, 主题党日), [`MeetingRecord`].
    Meeting,
    /// A dues payment or a recorded reason for not paying (党费缴纳记录), [`PaymentRecord`].
    Payment,
    /// A service record of a post (服务记录), [`ServiceRecord`].
    Service,
}

impl RecordKind {
    /// All kinds.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::RecordKind;
    /// let codes: Vec<&str> = RecordKind::ALL.iter().map(|k| k.code()).collect();
    /// assert_eq!(codes, ["activity", "meeting", "payment", "service"]);
    /// ```
    pub const ALL: [RecordKind; 4] = [
        RecordKind::Activity,
        RecordKind::Meeting,
        RecordKind::Payment,
        RecordKind::Service,
    ];

    /// The kind's Chinese name, as messages use it.
    ///
    /// ```
    /// assert_eq!(dangjian::community::RecordKind::Activity.name_zh(), "积分记录");
    /// ```
    pub fn name_zh(self) -> &'static str {
        match self {
            RecordKind::Activity => "积分记录",
            RecordKind::Meeting => "会议记录",
            RecordKind::Payment => "党费缴纳记录",
            RecordKind::Service => "服务记录",
        }
    }

    /// The stable code (`activity`, `meeting`, `payment`, `service`).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::RecordKind;
    /// assert_eq!(RecordKind::Meeting.code(), "meeting");
    /// assert_eq!(RecordKind::parse(RecordKind::Meeting.code()), Some(RecordKind::Meeting));
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            RecordKind::Activity => "activity",
            RecordKind::Meeting => "meeting",
            RecordKind::Payment => "payment",
            RecordKind::Service => "service",
        }
    }

    /// The kind of a code.
    ///
    /// ```
    /// use dangjian::community::RecordKind;
    /// assert_eq!(RecordKind::parse("payment"), Some(RecordKind::Payment));
    /// ```
    pub fn parse(code: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The dataset section holding the kind (`activities`, `meetings`, `payments`, `service`).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::RecordKind;
    /// assert_eq!(RecordKind::Activity.section(), "activities");
    /// assert_eq!(RecordKind::Service.section(), "service");
    /// ```
    pub fn section(self) -> &'static str {
        match self {
            RecordKind::Activity => "activities",
            RecordKind::Meeting => "meetings",
            RecordKind::Payment => "payments",
            RecordKind::Service => "service",
        }
    }

    /// The fields holding the record's id and its second key, as labels name them.
    fn label_fields(self) -> [&'static str; 2] {
        match self {
            RecordKind::Activity => ["id", "item"],
            RecordKind::Meeting => ["id", "kind"],
            RecordKind::Payment => ["member", "month"],
            RecordKind::Service => ["id", "post"],
        }
    }

    /// The date fields: (field, Chinese name, month only).
    fn date_fields(self) -> &'static [(&'static str, &'static str, bool)] {
        match self {
            RecordKind::Payment => &[("month", "月份", true), ("paid_on", "缴纳日期", false)],
            _ => &[("date", "日期", false)],
        }
    }
}

impl std::fmt::Display for RecordKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

mod sealed {
    /// Seals [`super::Record`]: only the four kinds of record of the month implement it, so
    /// the community can rely on each kind's checks.
    ///
    /// # Examples
    ///
    /// A type of the application's own cannot become a record:
    ///
    /// ```compile_fail
    /// #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    /// struct Visit;
    /// impl dangjian::community::Record for Visit {
    ///     const KIND: dangjian::community::RecordKind = dangjian::community::RecordKind::Activity;
    ///     fn key(&self) -> String { String::new() }
    ///     fn label(&self) -> String { String::new() }
    ///     fn list(ds: &dangjian::io::Dataset) -> &Vec<Self> { unimplemented!() }
    ///     fn list_mut(ds: &mut dangjian::io::Dataset) -> &mut Vec<Self> { unimplemented!() }
    ///     fn validate(
    ///         c: &dangjian::community::Community, list: &[Self], from: usize,
    ///     ) -> Result<(), (Option<usize>, dangjian::community::RecordError)> { Ok(()) }
    /// }
    /// ```
    pub trait SealedRecord {}
    impl SealedRecord for crate::scoring::ActivityRecord {}
    impl SealedRecord for crate::compliance::MeetingRecord {}
    impl SealedRecord for crate::compliance::PaymentRecord {}
    impl SealedRecord for crate::post::ServiceRecord {}
}

/// A kind of record of the month, kept in its section of the dataset: [`ActivityRecord`],
/// [`MeetingRecord`], [`PaymentRecord`] and [`ServiceRecord`] (sealed).
///
/// # Examples
///
/// ```
/// use dangjian::community::{Community, Record};
/// use dangjian::compliance::PaymentRecord;
/// let mut c = Community::new(dangjian::io::Dataset::sample_small())?;
/// let paid = PaymentRecord {
///     member: "M1".into(), month: "2024-03".parse()?, amount: 200,
///     paid_on: "2024-03-10".parse()?, reason: None,
/// };
/// assert_eq!(paid.key(), "M1/2024-03"); // a payment's id
/// c.add(vec![paid])?;
/// assert_eq!(c.remove::<PaymentRecord>("M1/2024-03")?.amount, 200);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Record:
    Clone + std::fmt::Debug + PartialEq + Serialize + DeserializeOwned + sealed::SealedRecord
{
    /// The kind.
    const KIND: RecordKind;

    /// The id that [`Community::correct`] and [`Community::remove`] find the record by (a
    /// payment's is `member/YYYY-MM`).
    fn key(&self) -> String;

    /// The id and second key as messages name the record (`A000101，XF002`), masked.
    fn label(&self) -> String;

    /// The section of the dataset.
    #[doc(hidden)]
    fn list(ds: &Dataset) -> &Vec<Self>;

    /// The section of the dataset, to change.
    #[doc(hidden)]
    fn list_mut(ds: &mut Dataset) -> &mut Vec<Self>;

    /// Checks the references of one record against the registry.
    #[doc(hidden)]
    fn check(&self, _c: &Community) -> Result<(), RecordError> {
        Ok(())
    }

    /// Checks the whole section `list` (the records from `from` on are new) by the rules of
    /// its section; the error's position in `list`, if known.
    #[doc(hidden)]
    fn validate(
        c: &Community,
        list: &[Self],
        from: usize,
    ) -> Result<(), (Option<usize>, RecordError)>;

    /// Checks that the rest of the section does not depend on this record, to be removed.
    #[doc(hidden)]
    fn check_removal(&self, _rest: &[Self]) -> Result<(), RecordError> {
        Ok(())
    }
}

/// A unit enum's serde code (`branch_meeting`).
fn code_of<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn label2(a: &str, b: &str) -> String {
    format!("{}，{}", echo_id(a), echo_id(b))
}

fn rejected(kind: RecordKind, rule: &'static str, by: RejectedBy) -> RecordError {
    let reason = match &by {
        RejectedBy::Scoring(e) => e.to_string(),
        RejectedBy::Compliance(e) => e.to_string(),
        RejectedBy::Post(e) => e.to_string(),
        RejectedBy::Other(s) => s.clone(),
    };
    RecordError::Rejected {
        kind,
        number: None,
        label: String::new(),
        rule,
        reason: echo_cut(&reason, 7, crate::scoring::MAX_ECHO_CHARS),
        by: Box::new(by),
    }
}

impl Record for ActivityRecord {
    const KIND: RecordKind = RecordKind::Activity;

    fn key(&self) -> String {
        self.id.to_string()
    }

    fn label(&self) -> String {
        label2(&self.id, &self.item)
    }

    fn list(ds: &Dataset) -> &Vec<Self> {
        &ds.activities
    }

    fn list_mut(ds: &mut Dataset) -> &mut Vec<Self> {
        &mut ds.activities
    }

    fn check(&self, c: &Community) -> Result<(), RecordError> {
        let reg = c.registry();
        if reg.member_index(&self.subject).is_none() && reg.tree().index(&self.subject).is_none() {
            return Err(RecordError::UnknownSubject {
                kind: Self::KIND,
                number: None,
                label: String::new(),
                subject: echo_id(&self.subject),
            });
        }
        Ok(())
    }

    fn validate(
        c: &Community,
        list: &[Self],
        from: usize,
    ) -> Result<(), (Option<usize>, RecordError)> {
        let checks = ScorerChecks::new(c.registry(), list).map_err(|e| match e {
            ScoringError::DuplicateActivity { position, .. } => (
                Some(position),
                RecordError::DuplicateId {
                    kind: Self::KIND,
                    number: None,
                    label: String::new(),
                },
            ),
            e => (None, rejected(Self::KIND, e.code(), RejectedBy::Scoring(e))),
        })?;
        // a new reversal that cannot apply, or an old one that a new record breaks
        if let Some((p, _, e)) = checks
            .bad_reversals()
            .iter()
            .find(|(p, t, _)| *p >= from || t.is_some_and(|t| t >= from))
        {
            return Err((
                Some(*p),
                rejected(Self::KIND, e.code(), RejectedBy::Scoring(e.clone())),
            ));
        }
        Ok(())
    }

    fn check_removal(&self, rest: &[Self]) -> Result<(), RecordError> {
        match rest
            .iter()
            .find(|a| a.reverses.as_deref() == Some(self.id.as_str()))
        {
            Some(r) => Err(rejected(
                Self::KIND,
                "bad_reversal",
                RejectedBy::Other(format!(
                    "积分记录 {} 冲销了它，须先删除该冲销记录 (reversed by `{}`; remove the reversal first)",
                    echo_id(&r.id),
                    echo_id(&r.id)
                )),
            )),
            None => Ok(()),
        }
    }
}

/// A compliance error's position in its section, for the sections of records of the month.
fn compliance_position(e: &crate::compliance::ComplianceError) -> Option<usize> {
    use crate::compliance::ComplianceError as E;
    match e {
        E::UnknownMember { position, .. }
        | E::UnknownOrg { position, .. }
        | E::OrgInactive { position, .. }
        | E::DuplicateId { position, .. } => Some(*position),
        _ => None,
    }
}

impl Record for MeetingRecord {
    const KIND: RecordKind = RecordKind::Meeting;

    fn key(&self) -> String {
        self.id.to_string()
    }

    fn label(&self) -> String {
        label2(&self.id, &code_of(&self.kind))
    }

    fn list(ds: &Dataset) -> &Vec<Self> {
        &ds.meetings
    }

    fn list_mut(ds: &mut Dataset) -> &mut Vec<Self> {
        &mut ds.meetings
    }

    fn validate(
        c: &Community,
        list: &[Self],
        _from: usize,
    ) -> Result<(), (Option<usize>, RecordError)> {
        MeetingBook::new(
            c.registry(),
            c.dataset().meeting_requirements.clone(),
            list.to_vec(),
        )
        .map(drop)
        .map_err(|e| {
            (
                compliance_position(&e),
                rejected(Self::KIND, e.code(), RejectedBy::Compliance(e)),
            )
        })
    }
}

impl Record for PaymentRecord {
    const KIND: RecordKind = RecordKind::Payment;

    fn key(&self) -> String {
        format!("{}/{}", self.member, self.month)
    }

    fn label(&self) -> String {
        label2(&self.member, &self.month.to_string())
    }

    fn list(ds: &Dataset) -> &Vec<Self> {
        &ds.payments
    }

    fn list_mut(ds: &mut Dataset) -> &mut Vec<Self> {
        &mut ds.payments
    }

    fn validate(
        c: &Community,
        list: &[Self],
        _from: usize,
    ) -> Result<(), (Option<usize>, RecordError)> {
        let ds = c.dataset();
        DuesBook::new(
            c.registry(),
            ds.dues_schedules.clone(),
            ds.dues_profiles.clone(),
            list.to_vec(),
            ds.special_dues.clone(),
        )
        .map(drop)
        .map_err(|e| {
            (
                compliance_position(&e),
                rejected(Self::KIND, e.code(), RejectedBy::Compliance(e)),
            )
        })
    }
}

impl Record for ServiceRecord {
    const KIND: RecordKind = RecordKind::Service;

    fn key(&self) -> String {
        self.id.to_string()
    }

    fn label(&self) -> String {
        label2(&self.id, &self.post)
    }

    fn list(ds: &Dataset) -> &Vec<Self> {
        &ds.service
    }

    fn list_mut(ds: &mut Dataset) -> &mut Vec<Self> {
        &mut ds.service
    }

    fn validate(
        c: &Community,
        list: &[Self],
        _from: usize,
    ) -> Result<(), (Option<usize>, RecordError)> {
        let mut ds = c.dataset().clone();
        ds.service = list.to_vec();
        PostBook::from_dataset(&ds, c.registry())
            .map(drop)
            .map_err(|e| (None, rejected(Self::KIND, e.code(), RejectedBy::Post(e))))
    }
}

/// Checks a section `next` whose records from `old` on are a new batch: ids unique, each
/// record's references, then the section's rules. The error names the first bad record of
/// the batch (found by halving when the section's rules do not say which).
pub(super) fn check_batch<R: Record>(
    c: &Community,
    next: &[R],
    old: usize,
) -> Result<(), RecordError> {
    let name = |p: usize| (p.checked_sub(old).map(|n| n + 1), next.get(p).map(R::label));
    let mut keys: HashSet<String> = next.iter().take(old).map(R::key).collect();
    for (p, r) in next.iter().enumerate().skip(old) {
        let (number, label) = name(p);
        let label = label.unwrap_or_default();
        if !keys.insert(r.key()) {
            return Err(RecordError::DuplicateId {
                kind: R::KIND,
                number,
                label,
            });
        }
        r.check(c).map_err(|e| e.at(number, label))?;
    }
    let Err((pos, e)) = R::validate(c, next, old) else {
        return Ok(());
    };
    if let Some(p) = pos {
        let (number, label) = name(p);
        return Err(e.at(number, label.unwrap_or_default()));
    }
    // the rules did not say which record: the shortest failing prefix ends with it
    if R::validate(c, next.get(..old).unwrap_or_default(), old).is_err() {
        return Err(e);
    }
    let (mut lo, mut hi) = (old, next.len()); // prefix `lo` passes, prefix `hi` fails
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        match R::validate(c, next.get(..mid).unwrap_or_default(), old) {
            Ok(()) => lo = mid,
            Err(_) => hi = mid,
        }
    }
    let (number, label) = name(hi - 1);
    let e = match R::validate(c, next.get(..hi).unwrap_or_default(), old) {
        Err((_, e)) => e,
        Ok(()) => e,
    };
    Err(e.at(number, label.unwrap_or_default()))
}

/// Checks a section `next` whose record `pos` replaces another.
pub(super) fn check_one<R: Record>(
    c: &Community,
    next: &[R],
    pos: usize,
) -> Result<(), RecordError> {
    let Some(r) = next.get(pos) else {
        return Ok(());
    };
    let label = r.label();
    let key = r.key();
    if next
        .iter()
        .enumerate()
        .any(|(p, o)| p != pos && o.key() == key)
    {
        return Err(RecordError::DuplicateId {
            kind: R::KIND,
            number: None,
            label,
        });
    }
    r.check(c).map_err(|e| e.at(None, label.clone()))?;
    // the replaced record may be a reversal's target: check from its position on
    R::validate(c, next, pos).map_err(|(p, e)| {
        let label = p.and_then(|p| next.get(p)).map_or(label, R::label);
        e.at(None, label)
    })
}

/// Checks that removing `old` leaves the section `rest` valid.
pub(super) fn check_removal<R: Record>(
    _c: &Community,
    _rest: &[R],
    old: &R,
) -> Result<(), RecordError> {
    old.check_removal(_rest)
        .map_err(|e| e.at(None, old.label()))
}

/// Parses records of one kind from JSON text: an array of records, or one record. A record
/// that does not parse is named in the error by its number and its id and second key as
/// written; a date not written `YYYY-MM-DD` says how it should be written.
///
/// ```
/// use dangjian::community::parse_records;
/// use dangjian::compliance::PaymentRecord;
/// let err = parse_records::<PaymentRecord>(
///     r#"[{"member": "M1", "month": "2026-10", "amount": 500, "paid_on": "2026年10月5日"}]"#)
///     .unwrap_err();
/// assert_eq!(err.code(), "record_date");
/// assert_eq!(err.to_string(), "第1条党费缴纳记录（M1，2026-10）缴纳日期 2026年10月5日 应写成 2026-10-05");
/// ```
pub fn parse_records<R: Record>(text: &str) -> Result<Vec<R>, RecordError> {
    let kind = R::KIND;
    let value: serde_json::Value = crate::io::parse_json(text).map_err(|e| RecordError::Json {
        kind,
        number: None,
        label: String::new(),
        message: e.to_string(),
    })?;
    let items = match value {
        serde_json::Value::Array(items) => items,
        one => vec![one],
    };
    if items.len() > MAX_BATCH_RECORDS {
        return Err(RecordError::TooMany {
            kind,
            limit: MAX_BATCH_RECORDS,
            actual: items.len(),
        });
    }
    let mut out = Vec::with_capacity(items.len());
    for (i, v) in items.into_iter().enumerate() {
        let number = Some(i + 1);
        let label = value_label(kind, &v);
        if let Some(e) = bad_date(kind, &v) {
            return Err(e.at(number, label));
        }
        match serde_json::from_value::<R>(v) {
            Ok(r) => out.push(r),
            Err(e) => {
                return Err(RecordError::Json {
                    kind,
                    number,
                    label,
                    message: echo_cut(&e.to_string(), 7, crate::scoring::MAX_ECHO_CHARS),
                })
            }
        }
    }
    Ok(out)
}

/// The label of a record not yet parsed, from the fields that are strings.
fn value_label(kind: RecordKind, v: &serde_json::Value) -> String {
    kind.label_fields()
        .iter()
        .filter_map(|f| v.get(f).and_then(|x| x.as_str()))
        .map(echo_id)
        .collect::<Vec<_>>()
        .join("，")
}

/// A date field written otherwise than `YYYY-MM-DD` (a month otherwise than `YYYY-MM`).
fn bad_date(kind: RecordKind, v: &serde_json::Value) -> Option<RecordError> {
    for &(field, name, month) in kind.date_fields() {
        let Some(s) = v.get(field).and_then(|x| x.as_str()) else {
            continue;
        };
        let ok = if month {
            s.parse::<crate::compliance::Month>().is_ok()
        } else {
            s.parse::<chrono::NaiveDate>().is_ok()
        };
        if ok {
            continue;
        }
        let expected = crate::io::parse_roster_date(s).map_or_else(
            || if month { "YYYY-MM" } else { "YYYY-MM-DD" }.to_string(),
            |d| {
                if month {
                    crate::post::year_month(d)
                } else {
                    d.to_string()
                }
            },
        );
        return Some(RecordError::BadDate {
            kind,
            number: None,
            label: String::new(),
            field: name,
            value: echo_cut(s, 7, 40),
            expected,
        });
    }
    None
}
