//! One sample value of every variant of every public core error, its report, and the table of
//! `docs/errors.md` made from them (checked by `core/tests/error_reports.rs`).
//!
//! Every variant is there once:
//!
//! ```
//! let reports = dangjian::ffi::catalogue();
//! assert!(reports.iter().any(|r| r.variant == "ScoringError::UnknownSubject"));
//! // One report per variant: no variant twice.
//! let mut variants: Vec<&str> = reports.iter().map(|r| r.variant).collect();
//! variants.sort();
//! assert!(variants.windows(2).all(|w| w[0] != w[1]));
//! ```

use chrono::NaiveDate;

use super::{ErrorClass, ErrorReport};
use crate::compliance::{ComplianceError, MonthError};
use crate::fixed::FixedError;
use crate::io::{DatasetError, ImportError, RowError};
use crate::member::{EventType, MemberRule, RuleViolation};
use crate::org::{OrgError, OrgKind};
use crate::post::PostError;
use crate::privacy::IdentityError;
use crate::registry::RegistryError;
use crate::report::ReportError;
use crate::scope::ScopeError;
use crate::scoring::{PeriodParseError, RuleSetError, ScoringError};
use crate::stats::StatsError;
use crate::table::TableError;

/// One row of the error table: a variant, its code, class and detail keys.
///
/// # Examples
///
/// ```
/// use dangjian::ffi::{variants, ErrorClass};
/// let v = variants().into_iter().find(|v| v.variant == "ImportError::Rows").ok_or("no variant")?;
/// assert_eq!((v.code.as_str(), v.class, v.rows), ("invalid_rows", ErrorClass::Roster, true));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantInfo {
    /// The Rust variant (`ScoringError::UnknownSubject`).
    pub variant: &'static str,
    /// Its stable code.
    pub code: String,
    /// Its class.
    pub class: ErrorClass,
    /// Its detail keys, in order.
    pub keys: Vec<&'static str>,
    /// Whether it lists `rows`.
    pub rows: bool,
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 1).unwrap_or_default()
}

fn s(t: &str) -> String {
    t.to_string()
}

/// A sample of every organization error.
fn org_errors() -> Vec<OrgError> {
    vec![
        OrgError::DuplicateId {
            id: "B1".into(),
            position: 1,
            first: 0,
        },
        OrgError::UnknownParent {
            id: "G1".into(),
            parent: "B9".into(),
        },
        OrgError::BadNesting {
            id: "G1".into(),
            kind: OrgKind::Group,
            parent: "C1".into(),
            parent_kind: OrgKind::Committee,
        },
        OrgError::Cycle { id: "B1".into() },
        OrgError::ReversedDates {
            id: "B1".into(),
            founded: day(),
            dissolved: day(),
        },
        OrgError::OutlivesParent {
            id: "G1".into(),
            parent: "B1".into(),
        },
        OrgError::BadField {
            position: 0,
            field: "name",
            reason: "is empty",
        },
        OrgError::TooMany {
            actual: 100_001,
            limit: 100_000,
        },
        OrgError::TooDeep {
            id: "G9".into(),
            limit: 16,
        },
        OrgError::NotFound { id: "B9".into() },
    ]
}

fn registry_errors() -> Vec<RegistryError> {
    let mut v: Vec<RegistryError> = org_errors().into_iter().map(RegistryError::Org).collect();
    v.extend([
        RegistryError::DuplicateMember {
            id: "M1".into(),
            position: 1,
        },
        RegistryError::BadMember {
            id: "M1".into(),
            position: 0,
            field: "birth_date",
            reason: s("outside 1900-01-01"),
        },
        RegistryError::EventRejected {
            position: 0,
            member: "M2".into(),
            date: day(),
            event_type: EventType::Converted,
            rule: MemberRule::ProbationNotOver,
            reason: s("probation ends on 2027-01-01"),
        },
        RegistryError::UnknownMember { id: "M9".into() },
        RegistryError::LimitExceeded {
            what: "members in one registry",
            limit: 1_000_000,
            actual: 1_000_001,
        },
    ]);
    v
}

fn rule_set_errors() -> Vec<RuleSetError> {
    vec![
        RuleSetError::Parse {
            format: "json",
            path: s("items[2].points"),
            line: 3,
            column: 7,
            message: s("invalid type"),
        },
        RuleSetError::Invalid {
            rule_set: s("member-default"),
            item: Some(s("meeting")),
            field: s("cap.per"),
            reason: s("must be positive"),
        },
        RuleSetError::DuplicateItem {
            rule_set: s("member-default"),
            code: s("meeting"),
            position: 4,
            first: 0,
        },
        RuleSetError::Book {
            rule_set: s("member-default"),
            version: 2,
            reason: s("overlaps version 1"),
        },
        RuleSetError::TooLarge {
            actual: 5_000_000,
            limit: 4_194_304,
        },
    ]
}

fn scoring_errors() -> Vec<ScoringError> {
    let mut v = vec![
        ScoringError::DuplicateActivity {
            id: "a1".into(),
            position: 1,
            first: 0,
        },
        ScoringError::UnknownSubject {
            id: "a1".into(),
            position: 0,
            subject: "NOBODY".into(),
        },
        ScoringError::UnknownItem {
            id: "a1".into(),
            position: 0,
            item: "no_such_item".into(),
            rule_set: "member-default".into(),
            version: 1,
        },
        ScoringError::NotASubject {
            id: "a1".into(),
            position: 0,
            subject: "M1".into(),
            date: day(),
            reason: s("not a member on that day"),
        },
        ScoringError::Ineligible {
            id: "a1".into(),
            position: 0,
            item: "report_in".into(),
            date: day(),
            category: "离退休",
            allowed: s("在职"),
        },
        ScoringError::BadQuantity {
            id: "a1".into(),
            position: 0,
            quantity: s("-1"),
            reason: "must be positive",
        },
        ScoringError::BadReversal {
            id: "a2".into(),
            position: 1,
            target: "zzz".into(),
            reason: s("no such activity"),
        },
        ScoringError::NoRuleInForce {
            rule_set: "member-default".into(),
            date: day(),
        },
        ScoringError::WrongPeriod {
            period: s("2026-Q4"),
            expected: "month",
            rule_set: "member-default".into(),
        },
        ScoringError::NotScored {
            subject: "NOBODY".into(),
            period: s("2026-10"),
        },
        ScoringError::Incomparable {
            a: "member-default".into(),
            b: "org-default".into(),
            reason: "different subjects",
        },
        ScoringError::BadColumn {
            column: "quantity",
            position: 2,
            reason: s("not a number"),
        },
        ScoringError::LimitExceeded {
            what: "activities",
            limit: 10,
            actual: 11,
        },
        ScoringError::PointsOutOfRange {
            subject: 3,
            bound: s("1000000000001"),
        },
        ScoringError::Internal {
            what: "an invariant",
        },
    ];
    v.extend(rule_set_errors().into_iter().map(ScoringError::RuleSet));
    v
}

fn row_error() -> RowError {
    RowError {
        row: 3,
        column: s("出生日期"),
        code: "bad_date",
        value: s("1990-02-30"),
        reason: s("不是有效日期"),
    }
}

fn import_errors() -> Vec<ImportError> {
    vec![
        ImportError::Unreadable(s("not a zip file")),
        ImportError::MissingColumn {
            column: s("姓名"),
            accepted: vec![s("姓名"), s("name")],
            nearest: Some(s("姓 名")),
        },
        ImportError::SheetNotFound {
            sheet: s("名册"),
            available: vec![s("Sheet1")],
        },
        ImportError::BadStringIndex {
            part: s("xl/worksheets/sheet1.xml"),
            cell: s("B2"),
            value: s("-1"),
        },
        ImportError::DuplicateCell {
            sheet: s("Sheet1"),
            cell: s("B2"),
        },
        ImportError::Rows(vec![row_error()]),
        ImportError::LimitExceeded {
            what: "rows",
            limit: 100_000,
            actual: 100_001,
        },
    ]
}

fn dataset_errors() -> Vec<DatasetError> {
    vec![
        DatasetError::Json {
            path: s("members[3].birth_date"),
            line: 4,
            column: 2,
            message: s("invalid date"),
        },
        DatasetError::UnsupportedFormat {
            format: s("other"),
            version: 9,
        },
        DatasetError::TooLarge {
            actual: 2,
            limit: 1,
        },
        DatasetError::LimitExceeded {
            path: s("community.name"),
            limit: 200,
            actual: 201,
        },
        DatasetError::Binary {
            message: s("unexpected end"),
        },
    ]
}

fn post_errors() -> Vec<PostError> {
    vec![
        PostError::BadField {
            section: "posts",
            position: 0,
            id: "P1".into(),
            field: "name",
            reason: s("is empty"),
        },
        PostError::DuplicateId {
            section: "posts",
            position: 1,
            id: "P1".into(),
        },
        PostError::UnknownKind {
            position: 0,
            post: "P1".into(),
            kind: "k9".into(),
        },
        PostError::UnknownOrg {
            position: 0,
            post: "P1".into(),
            org: "B9".into(),
        },
        PostError::OrgInactive {
            position: 0,
            post: "P1".into(),
            org: "B1".into(),
            reason: s("opens before the organization is founded"),
        },
        PostError::UnknownPost {
            section: "claims",
            position: 0,
            id: "C1".into(),
            post: "P9".into(),
        },
        PostError::UnknownMember {
            section: "claims",
            position: 0,
            id: "C1".into(),
            member: "M9".into(),
        },
        PostError::NotAMember {
            section: "claims",
            position: 0,
            id: "C1".into(),
            member: "M1".into(),
            date: day(),
            reason: "a claim needs a member",
        },
        PostError::PostNotOpen {
            section: "claims",
            position: None,
            id: "C1".into(),
            post: "P1".into(),
            date: day(),
            opened: day(),
            closed: Some(day()),
        },
        PostError::BadDates {
            section: "claims",
            position: 0,
            id: "C1".into(),
            start: day(),
            end: day(),
        },
        PostError::OverCapacity {
            claim: "C2".into(),
            position: Some(1),
            post: "P1".into(),
            date: day(),
            held: 2,
            capacity: 1,
        },
        PostError::TooManyPosts {
            claim: "C2".into(),
            position: Some(1),
            member: "M1".into(),
            date: day(),
            held: 4,
            limit: 3,
        },
        PostError::AlreadyHeld {
            claim: "C2".into(),
            position: Some(1),
            other: "C1".into(),
            member: "M1".into(),
            post: "P1".into(),
            date: day(),
        },
        PostError::NotFound {
            section: "releases",
            position: 0,
            id: "C9".into(),
        },
        PostError::AlreadyDone {
            section: "releases",
            position: 0,
            id: "C1".into(),
            reason: s("already released"),
        },
        PostError::LimitExceeded {
            what: "seats",
            limit: 1,
            actual: 2,
        },
    ]
}

fn compliance_errors() -> Vec<ComplianceError> {
    use ComplianceError as E;
    vec![
        E::UnknownMember {
            section: "payments",
            position: 0,
            member: "M9".into(),
        },
        E::UnknownOrg {
            section: "meetings",
            position: 0,
            org: "B9".into(),
        },
        E::OrgInactive {
            section: "meetings",
            position: 0,
            org: "B1".into(),
            date: day(),
        },
        E::BadSchedule {
            position: 0,
            effective_from: day(),
            reason: s("brackets must ascend"),
        },
        E::NoSchedule {
            month: s("2026-10"),
            earliest: day(),
        },
        E::BadProfile {
            position: 0,
            member: "M1".into(),
            reason: s("negative base"),
        },
        E::BadPayment {
            section: "payments",
            position: 0,
            member: "M1".into(),
            reason: s("negative amount"),
        },
        E::BadMeeting {
            position: 0,
            meeting: "MT1".into(),
            reason: s("kind not held by a group"),
        },
        E::BadRequirement {
            position: 0,
            reason: s("zero per period"),
        },
        E::BadElection {
            election: "E1".into(),
            field: "votes",
            reason: s("more votes than voters"),
        },
        E::DuplicateId {
            section: "meetings",
            position: 1,
            id: "MT1".into(),
        },
        E::BadPeriod {
            from: s("2026-10"),
            to: s("2026-09"),
        },
    ]
}

fn stats_errors() -> Vec<StatsError> {
    let mut v = vec![
        StatsError::BadInterval {
            start: day(),
            end: day(),
        },
        StatsError::UnknownOrg {
            position: 0,
            org: "B9".into(),
        },
        StatsError::BadBands {
            thresholds: 2,
            labels: 2,
        },
        StatsError::BadThreshold { k: 1 },
        StatsError::WeakKey { got: 4, min: 16 },
    ];
    v.extend(table_errors().into_iter().map(StatsError::Table));
    v
}

fn table_errors() -> Vec<TableError> {
    vec![
        TableError::Ragged {
            table: s("roster"),
            column: s("id"),
            expected: 2,
            actual: 1,
        },
        TableError::UnknownColumn {
            table: s("roster"),
            column: s("total"),
        },
        TableError::BadStructure {
            table: s("roster"),
            expected: 2,
            actual: 1,
        },
        TableError::Csv {
            table: s("roster"),
            message: s("broken pipe"),
        },
        TableError::Xlsx {
            table: s("workbook"),
            message: s("disk full"),
        },
    ]
}

#[cfg(feature = "store")]
fn store_reports() -> Vec<ErrorReport> {
    use crate::store::{BatchId, StoreError as E};
    let at = day().and_hms_opt(8, 0, 0).unwrap_or_default();
    [
        E::NotFound { path: s("a.db") },
        E::AlreadyExists { path: s("a.db") },
        E::NotAStore {
            path: s("a.db"),
            reason: s("another database"),
        },
        E::NewerSchema {
            found: 9,
            supported: 1,
        },
        E::Conflict {
            expected: BatchId(3),
            actual: BatchId(4),
        },
        E::Busy { waited_ms: 5000 },
        E::DiskFull,
        E::BadStamp {
            reason: s("empty recorded_by"),
        },
        E::RecordedBeforeHead { at, head_at: at },
        E::EmptyBatch,
        E::NotRecorded {
            what: s("2020-01-01"),
        },
        E::Corrupt {
            reason: s("digest mismatch"),
        },
        E::Storage {
            message: s("I/O error"),
        },
    ]
    .iter()
    .map(ErrorReport::from)
    .collect()
}

#[cfg(not(feature = "store"))]
fn store_reports() -> Vec<ErrorReport> {
    Vec::new()
}

/// A sample of every error of the records of the month (`Community::add` …).
fn record_reports() -> Vec<ErrorReport> {
    use crate::community::{RecordError as E, RecordKind as K, RejectedBy};
    let label = || s("MT1，branch_meeting");
    [
        E::Json {
            kind: K::Meeting,
            number: Some(1),
            label: label(),
            message: s("missing field `org`"),
        },
        E::BadDate {
            kind: K::Activity,
            number: Some(1),
            label: s("A1，meeting"),
            field: "日期",
            value: s("2026/10/15"),
            expected: s("2026-10-15"),
        },
        E::DuplicateId {
            kind: K::Meeting,
            number: Some(2),
            label: label(),
        },
        E::UnknownSubject {
            kind: K::Activity,
            number: Some(1),
            label: s("A1，meeting"),
            subject: s("NOBODY"),
        },
        E::Rejected {
            kind: K::Meeting,
            number: Some(1),
            label: label(),
            rule: "unknown_org",
            reason: s("meetings[0]: organization `B9` does not exist"),
            by: Box::new(RejectedBy::Compliance(ComplianceError::UnknownOrg {
                section: "meetings",
                position: 0,
                org: "B9".into(),
            })),
        },
        E::NotFound {
            kind: K::Payment,
            id: s("P9"),
        },
        E::TooMany {
            kind: K::Service,
            limit: 10_000,
            actual: 10_001,
        },
    ]
    .iter()
    .map(ErrorReport::from)
    .collect()
}

/// A sample of every error of the year's records (民主评议, 介绍信).
fn year_reports() -> Vec<ErrorReport> {
    use crate::year::YearError as Y;
    [
        Y::DuplicateAppraisal {
            position: 1,
            id: s("AP1"),
        },
        Y::UnknownOrg {
            section: "appraisals",
            position: 0,
            org: s("B9"),
        },
        Y::NotABranch {
            position: 0,
            org: s("C1"),
        },
        Y::AppraisalDate {
            position: 0,
            date: day(),
            year: 2024,
        },
        Y::NotAppraised {
            position: 0,
            member: s("M9"),
        },
        Y::BadRules,
        Y::UnknownAppraisal {
            position: 0,
            id: s("AP9"),
        },
        Y::ActionDates { position: 0 },
        Y::ActionOutcome { position: 0 },
        Y::NotUnqualified {
            position: 0,
            member: s("M1"),
        },
        Y::UnknownMember {
            section: "letters",
            position: 0,
            member: s("M9"),
        },
        Y::BadSerial {
            position: 0,
            serial: s("2026-0"),
        },
        Y::BadValidity {
            position: 0,
            days: 0,
        },
        Y::LetterDates { position: 0 },
        Y::LetterOrgs { position: 0 },
    ]
    .iter()
    .map(ErrorReport::from)
    .collect()
}

/// A report of one sample value of every variant of every public core error (wrappers such
/// as `ReportError::Registry` give their inner error's report and are not repeated), and of
/// the binding-side reports (`bad_argument`, `json`, `internal`).
///
/// ```
/// let all = dangjian::ffi::catalogue();
/// assert!(all.iter().any(|r| r.variant == "ScoringError::UnknownSubject"));
/// ```
pub fn catalogue() -> Vec<ErrorReport> {
    let mut v: Vec<ErrorReport> = Vec::new();
    v.extend(org_errors().iter().map(ErrorReport::from));
    v.extend(registry_errors().iter().map(ErrorReport::from));
    v.extend(dataset_errors().iter().map(ErrorReport::from));
    v.extend(import_errors().iter().map(ErrorReport::from));
    v.extend(scoring_errors().iter().map(ErrorReport::from));
    v.push(ErrorReport::from(&PeriodParseError(s("2026-13"))));
    v.push(ErrorReport::from(&MonthError(s("2026-13"))));
    v.push(ErrorReport::from(&ReportError::BadMonth {
        year: 2026,
        month: 13,
    }));
    v.extend(post_errors().iter().map(ErrorReport::from));
    v.extend(compliance_errors().iter().map(ErrorReport::from));
    v.extend(stats_errors().iter().map(ErrorReport::from));
    v.extend(
        [
            ScopeError::UnknownOrg { id: "B9".into() },
            ScopeError::NotFound { id: "M9".into() },
            ScopeError::NotScopable { table: s("dues") },
        ]
        .iter()
        .map(ErrorReport::from),
    );
    v.extend(store_reports());
    {
        use crate::practice::PracticeError as P;
        v.extend(
            [
                P::DuplicateId {
                    what: "网格",
                    id: s("W1"),
                },
                P::UnknownReference {
                    what: "结对",
                    id: s("BF01"),
                    target: "党员",
                    reference: s("M9"),
                },
                P::BadDates {
                    what: "结对",
                    id: s("BF01"),
                    reason: s("结束日期应晚于开始日期"),
                },
                P::BadValue {
                    what: "帮扶记录",
                    id: s("R1"),
                    reason: s("时长应大于0且不超过24小时"),
                },
            ]
            .iter()
            .map(ErrorReport::from),
        );
        use crate::declaration::DeclarationError as D;
        v.extend(
            [
                D::DuplicateId { id: s("SB1") },
                D::UnknownMember { id: s("SB1") },
                D::SelfReview { id: s("SB1") },
                D::BadDates {
                    id: s("SB1"),
                    reason: s("审核日期早于申报日期"),
                },
                D::NoReason { id: s("SB1") },
            ]
            .iter()
            .map(ErrorReport::from),
        );
        v.push(ErrorReport::from(
            &crate::assessment::AssessmentError::BadYear { year: 0 },
        ));
    }
    v.extend(record_reports());
    v.extend(year_reports());
    {
        use crate::agenda::AgendaError as A;
        v.extend(
            [
                A::TooManyDays {
                    days: 400,
                    max: 366,
                },
                A::BadDate { date: day() },
            ]
            .iter()
            .map(ErrorReport::from),
        );
    }
    v.extend(
        [
            FixedError::NotANumber(s("x")),
            FixedError::TooPrecise(s("1.0001")),
            FixedError::OutOfRange(s("1e13")),
        ]
        .iter()
        .map(ErrorReport::from),
    );
    v.extend(
        [
            IdentityError::MalformedIdNumber {
                masked: s("110***"),
                reason: "too short",
            },
            IdentityError::BadCheckDigit {
                masked: s("110***********002X"),
                expected: '1',
                found: 'X',
            },
            IdentityError::MalformedPhone {
                masked: s("138***"),
                reason: "too short",
            },
            IdentityError::MalformedName { reason: "is empty" },
        ]
        .iter()
        .map(ErrorReport::from),
    );
    v.push(ErrorReport::from(&RuleViolation::new(
        MemberRule::UnderAge,
        s("17 years old"),
    )));
    v.push(ErrorReport::bad_argument(
        "mode",
        "must be `strict` or `lenient`",
    ));
    if let Err(e) = serde_json::from_str::<u32>("x") {
        v.push(ErrorReport::json("dataset", &e));
    }
    v.push(ErrorReport::invalid(
        "bad_date",
        "as_of",
        s("`31/10/2026` is not a date"),
    ));
    v.push(ErrorReport::internal("serialising a table failed"));
    v
}

/// One row per variant: [`catalogue`] reduced to variant, code, class and keys.
///
/// # Examples
///
/// ```
/// let all = dangjian::ffi::variants();
/// assert_eq!(all.len(), dangjian::ffi::catalogue().len());
/// let subject = all.iter().find(|v| v.variant == "ScoringError::UnknownSubject").ok_or("no variant")?;
/// assert_eq!(subject.keys, ["record", "position", "field", "subject"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn variants() -> Vec<VariantInfo> {
    catalogue()
        .into_iter()
        .map(|r| VariantInfo {
            variant: r.variant,
            keys: r.detail_keys(),
            code: r.code,
            class: r.class,
            rows: !r.rows.is_empty(),
        })
        .collect()
}

/// Every distinct code an [`ErrorReport`] can carry, sorted (the string-literal union of the
/// TypeScript types is made from it).
///
/// ```
/// let codes = dangjian::ffi::codes();
/// assert!(codes.contains(&"event_rejected".to_string()));
/// assert!(codes.windows(2).all(|w| w[0] < w[1]));
/// ```
pub fn codes() -> Vec<String> {
    let mut v: Vec<String> = catalogue().into_iter().map(|r| r.code).collect();
    crate::sort::sort(&mut v);
    v.dedup();
    v
}

/// The table of `docs/errors.md`: every variant with its code, class (Python class) and detail
/// keys, in Markdown.
///
/// # Examples
///
/// ```
/// let table = dangjian::ffi::docs_table();
/// assert!(table.starts_with("| variant | code | class (Python) | detail keys |"));
/// assert!(table.contains("| `ScoringError::UnknownSubject` | `unknown_subject` | scoring (`ScoringError`) |"));
/// ```
pub fn docs_table() -> String {
    let mut out =
        String::from("| variant | code | class (Python) | detail keys |\n|---|---|---|---|\n");
    for v in variants() {
        let mut keys = v
            .keys
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        if v.rows {
            keys.push_str("; `rows`: `row`, `field`, `code`, `value`, `reason`");
        }
        if keys.is_empty() {
            keys.push('—');
        }
        out.push_str(&format!(
            "| `{}` | `{}` | {} (`{}`) | {} |\n",
            v.variant,
            v.code,
            v.class.as_str(),
            v.class.python_class(),
            keys
        ));
    }
    out
}
