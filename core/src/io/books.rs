//! Reading the sections of a [`Dataset`] into the books of the modules below it (posts, dues,
//! meetings, compliance, the year's records) and writing them back. These constructors live here, in `io`, so
//! that the lower modules never name the dataset format (the layer order of
//! `docs/architecture.md`, checked by `core/tests/layers.rs`).

use chrono::NaiveDate;

use super::Dataset;
use crate::compliance::{Compliance, ComplianceError, DuesBook, MeetingBook};
use crate::post::{kinds_in_force, PostBatch, PostBook, PostError};
use crate::registry::Registry;
use crate::year::{ChangeRegister, YearBook, YearError, YearSection};

impl PostBook {
    /// The book of a dataset: kinds in force ([`kinds_in_force`] of `post_kinds`), its
    /// `post_rules`, and its `posts`, `claims` and `service` validated against `reg` (normally
    /// `ds.to_registry()`).
    ///
    /// ```
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let book = dangjian::post::PostBook::from_dataset(&ds, &reg).unwrap();
    /// assert!(book.posts().len() >= 11);
    /// ```
    pub fn from_dataset(ds: &Dataset, reg: &Registry) -> Result<Self, PostError> {
        let mut book = PostBook::new(kinds_in_force(&ds.post_kinds), ds.post_rules);
        book.apply(
            reg,
            PostBatch {
                posts: ds.posts.clone(),
                claims: ds.claims.clone(),
                service: ds.service.clone(),
                ..PostBatch::default()
            },
        )?;
        Ok(book)
    }

    /// Writes the posts, claims and service records (and non-default rules) into `ds`.
    pub fn write_to(&self, ds: &mut Dataset) {
        ds.posts = self.posts().to_vec();
        ds.claims = self.claims().to_vec();
        ds.service = self.service().to_vec();
        ds.post_rules = *self.rules();
    }
}

impl MeetingBook {
    /// The meeting sections of a dataset.
    pub fn from_dataset(ds: &Dataset, reg: &Registry) -> Result<MeetingBook, ComplianceError> {
        MeetingBook::new(reg, ds.meeting_requirements.clone(), ds.meetings.clone())
    }
}

impl DuesBook {
    /// The dues sections of a dataset.
    pub fn from_dataset(ds: &Dataset, reg: &Registry) -> Result<DuesBook, ComplianceError> {
        DuesBook::new(
            reg,
            ds.dues_schedules.clone(),
            ds.dues_profiles.clone(),
            ds.payments.clone(),
            ds.special_dues.clone(),
        )
    }
}

impl Compliance {
    /// Validates the compliance sections of `ds` against `reg` (built from the same dataset).
    pub fn from_dataset(ds: &Dataset, reg: &Registry) -> Result<Compliance, ComplianceError> {
        let mut ids = std::collections::HashSet::new();
        for (position, e) in ds.elections.iter().enumerate() {
            if !ids.insert(e.id.clone()) {
                return Err(ComplianceError::DuplicateId {
                    section: "elections",
                    position,
                    id: e.id.clone(),
                });
            }
            if reg.tree().index(&e.org).is_none() {
                return Err(ComplianceError::UnknownOrg {
                    section: "elections",
                    position,
                    org: e.org.clone(),
                });
            }
        }
        Ok(Compliance {
            dues: DuesBook::from_dataset(ds, reg)?,
            meetings: MeetingBook::from_dataset(ds, reg)?,
            elections: ds.elections.clone(),
            policy: ds.dues_policy.clone(),
        })
    }
}

impl YearBook {
    /// Validates the `appraisals`, `appraisal_actions`, `letters` and `appraisal_rules` of `ds`
    /// against `reg` (built from the same dataset).
    ///
    /// ```
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let book = dangjian::year::YearBook::from_dataset(&ds, &reg).unwrap();
    /// assert!(!book.is_empty());
    /// ```
    pub fn from_dataset(ds: &Dataset, reg: &Registry) -> Result<YearBook, YearError> {
        YearBook::new(
            reg,
            ds.appraisals.clone(),
            ds.appraisal_actions.clone(),
            ds.letters.clone(),
            ds.appraisal_rules,
        )
    }
}

impl ChangeRegister {
    /// The register of additions and removals of `from..=to` from the dataset's events (see
    /// [`ChangeRegister::from_events`]).
    pub fn build(ds: &Dataset, reg: &Registry, from: NaiveDate, to: NaiveDate) -> ChangeRegister {
        ChangeRegister::from_events(&ds.events, reg, from, to)
    }
}

impl YearSection {
    /// The section of the month `first..=last` of a dataset (see
    /// [`YearSection::from_records`]), or `None` when the dataset has no appraisal, action or
    /// letter and nobody joined or left in the month.
    pub fn build(
        ds: &Dataset,
        reg: &Registry,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Option<YearSection>, YearError> {
        let book = YearBook::from_dataset(ds, reg)?;
        Ok(YearSection::from_records(
            &book, &ds.events, reg, first, last,
        ))
    }
}
