//! How service and kept commitments feed the points engine ([`ServiceMapping`],
//! [`PostBook::activities`](super::PostBook::activities)).
//!
//! # Examples
//!
//! ```
//! use dangjian::post::ServiceMapping;
//! let m: ServiceMapping = serde_json::from_str(
//!     r#"{"verified_hour_item": "service_hour", "broken_commitment_item": "commitment_broken"}"#,
//! )?;
//! assert_eq!(m.fulfilled_post_item, None); // absent: kept months earn nothing
//! assert_eq!(m.broken_commitment_item.as_deref(), Some("commitment_broken"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::PostBook;
use crate::fixed::Fixed;
use crate::scoring::ActivityRecord;

/// How service feeds the points engine (积分管理): which rule items the service records and
/// commitment months become. The mapping only produces [`ActivityRecord`]s; caps, points per
/// unit and grades are the rule set's business, never repeated here.
///
/// | source | activity | id | subject | date | quantity |
/// |---|---|---|---|---|---|
/// | verified service record `S` | `verified_hour_item` | `svc:S` | member | record date | hours |
/// | commitment month kept (claim `C`, month `YYYY-MM`) | `fulfilled_post_item` | `kept:C:YYYY-MM` | member | last day of month | 1 |
/// | commitment month not kept | `broken_commitment_item` | `broken:C:YYYY-MM` | member | last day of month | 1 |
///
/// Unverified records produce nothing. Months are *due* and *kept* as defined in
/// [`CommitmentTable`](super::CommitmentTable). An item set to `None` produces nothing.
///
/// Defaults match the member rule set's items: `service_hour` (verified service, +1 per hour,
/// capped at 10 a month by the rule set) and `post_fulfilled` (claimed post fulfilled, +5 a
/// month); no item for broken commitments (set e.g. `commitment_broken` where the rule set has
/// one).
///
/// ```
/// let m = dangjian::post::ServiceMapping::default();
/// assert_eq!(m.verified_hour_item, "service_hour");
/// assert_eq!(m.fulfilled_post_item.as_deref(), Some("post_fulfilled"));
/// assert_eq!(m.broken_commitment_item, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceMapping {
    /// Item for each verified service record, quantity = hours.
    #[schemars(with = "String")]
    pub verified_hour_item: CompactString,
    /// Item for each commitment month kept, quantity 1.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub fulfilled_post_item: Option<CompactString>,
    /// Item for each commitment month due but not kept, quantity 1.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub broken_commitment_item: Option<CompactString>,
}

impl Default for ServiceMapping {
    fn default() -> Self {
        ServiceMapping {
            verified_hour_item: "service_hour".into(),
            fulfilled_post_item: Some("post_fulfilled".into()),
            broken_commitment_item: None,
        }
    }
}

impl PostBook {
    /// The activities that service and commitments in `from..=to` feed to the points engine,
    /// under `mapping` (see [`ServiceMapping`]). Deterministic: service activities in the order
    /// of the records, then commitment activities in claim and month order.
    ///
    /// ```
    /// use dangjian::post::{PostBook, ServiceMapping};
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let book = PostBook::from_dataset(&ds, &reg).unwrap();
    /// let d = |s: &str| s.parse().unwrap();
    /// let acts = book.activities(&ServiceMapping::default(), d("2025-11-01"), d("2026-10-31"));
    /// let verified = book.service().iter().filter(|s| s.verified).count();
    /// assert_eq!(acts.iter().filter(|a| a.item == "service_hour").count(), verified);
    /// assert!(acts.iter().all(|a| a.id.starts_with("svc:") || a.id.starts_with("kept:")));
    /// ```
    pub fn activities(
        &self,
        mapping: &ServiceMapping,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Vec<ActivityRecord> {
        let mut out = Vec::new();
        for s in self
            .service()
            .iter()
            .filter(|s| s.verified && s.date >= from && s.date <= to)
        {
            let mut a = ActivityRecord::new(
                &format!("svc:{}", s.id),
                &s.member,
                &mapping.verified_hour_item,
                s.date,
            );
            a.quantity = s.hours;
            a.note = Some(format!("post {}", s.post));
            out.push(a);
        }
        if mapping.fulfilled_post_item.is_none() && mapping.broken_commitment_item.is_none() {
            return out;
        }
        let t = self.commitments(from, to);
        for i in 0..t.len() {
            let (Some(claim), Some(member), Some(month), Some(kept), Some(v), Some(c)) = (
                t.claim.get(i),
                t.member.get(i),
                t.month.get(i),
                t.kept.get(i),
                t.verified_hours.get(i),
                t.committed.get(i),
            ) else {
                continue;
            };
            let (item, prefix) = if *kept {
                (&mapping.fulfilled_post_item, "kept")
            } else {
                (&mapping.broken_commitment_item, "broken")
            };
            let Some(item) = item else { continue };
            let last = month
                .checked_add_months(chrono::Months::new(1))
                .and_then(|n| n.pred_opt())
                .unwrap_or(*month);
            let mut a = ActivityRecord::new(
                &format!("{prefix}:{claim}:{}", super::year_month(*month)),
                member,
                item,
                last,
            );
            a.quantity = Fixed::ONE;
            a.note = Some(format!("claim {claim}: verified {v} h of {c} h committed"));
            out.push(a);
        }
        out
    }
}
