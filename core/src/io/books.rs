//! Reading the sections of a [`Dataset`] into the books of the modules below it (posts, dues,
//! meetings, compliance, the year's records) and writing them back. These constructors live here, in `io`, so
//! that the lower modules never name the dataset format (the layer order of
//! `docs/architecture.md`, checked by `core/tests/layers.rs`).
//!
//! The books of the sample community, for example:
//!
//! ```
//! # let ds = dangjian::synth::sample_community();
//! # let reg = ds.to_registry()?;
//! use dangjian::compliance::Compliance;
//! use dangjian::post::PostBook;
//! let posts = PostBook::from_dataset(&ds, &reg)?;
//! let compliance = Compliance::from_dataset(&ds, &reg)?;
//! assert_eq!(posts.posts().len(), 11);
//! assert_eq!(compliance.meetings.len(), 364);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

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
    ///
    /// # Examples
    ///
    /// ```
    /// # let ds = dangjian::synth::sample_community();
    /// # let reg = ds.to_registry()?;
    /// use dangjian::io::Dataset;
    /// use dangjian::post::PostBook;
    /// let book = PostBook::from_dataset(&ds, &reg)?;
    /// // Save the registry and the book together: the posts come back as they were.
    /// let mut out = Dataset::from_registry(&reg, ds.community.clone());
    /// assert!(out.posts.is_empty());
    /// book.write_to(&mut out);
    /// assert_eq!((out.posts.len(), out.claims.len()), (11, 104));
    /// assert_eq!(out.service, ds.service);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_to(&self, ds: &mut Dataset) {
        ds.posts = self.posts().to_vec();
        ds.claims = self.claims().to_vec();
        ds.service = self.service().to_vec();
        ds.post_rules = *self.rules();
    }
}

impl MeetingBook {
    /// The meeting sections of a dataset.
    ///
    /// # Examples
    ///
    /// ```
    /// # let ds = dangjian::synth::sample_community();
    /// # let reg = ds.to_registry()?;
    /// use dangjian::compliance::MeetingBook;
    /// let meetings = MeetingBook::from_dataset(&ds, &reg)?;
    /// assert_eq!((meetings.len(), meetings.requirements().len()), (364, 7));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_dataset(ds: &Dataset, reg: &Registry) -> Result<MeetingBook, ComplianceError> {
        MeetingBook::new(reg, ds.meeting_requirements.clone(), ds.meetings.clone())
    }
}

impl DuesBook {
    /// The dues sections of a dataset.
    ///
    /// # Examples
    ///
    /// ```
    /// # let ds = dangjian::synth::sample_community();
    /// # let reg = ds.to_registry()?;
    /// use dangjian::compliance::DuesBook;
    /// let dues = DuesBook::from_dataset(&ds, &reg)?;
    /// assert_eq!(dues.schedules().len(), 1); // the published schedule
    /// assert_eq!(dues.special().len(), 75); // special dues (特殊党费) records
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// # let ds = dangjian::synth::sample_community();
    /// # let reg = ds.to_registry()?;
    /// use dangjian::compliance::Compliance;
    /// let c = Compliance::from_dataset(&ds, &reg)?;
    /// assert_eq!(c.elections.len(), 1);
    /// // An election of an organization the dataset does not have is refused.
    /// let mut bad = ds.clone();
    /// if let Some(e) = bad.elections.first_mut() { e.org = "B9".into(); }
    /// assert_eq!(Compliance::from_dataset(&bad, &reg).map_err(|e| e.code()).err(), Some("unknown_org"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// # let ds = dangjian::synth::sample_community();
    /// # let reg = ds.to_registry()?;
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// use dangjian::table::Table;
    /// use dangjian::year::ChangeRegister;
    /// let r = ChangeRegister::build(&ds, &reg, d(2026, 1, 1)?, d(2026, 10, 31)?);
    /// assert_eq!(r.title_zh(), "党员增减名册（2026-01-01至2026-10-31）");
    /// let first = r.rows().next().ok_or("no change")?;
    /// assert_eq!(first.text("reason").as_deref(), Some("组织关系转入"));
    /// assert_eq!(first.text("name").as_deref(), Some("许**")); // names masked
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(ds: &Dataset, reg: &Registry, from: NaiveDate, to: NaiveDate) -> ChangeRegister {
        ChangeRegister::from_events(&ds.events, reg, from, to)
    }
}

impl YearSection {
    /// The section of the month `first..=last` of a dataset (see
    /// [`YearSection::from_records`]), or `None` when the dataset has no appraisal, action or
    /// letter and nobody joined or left in the month.
    ///
    /// # Examples
    ///
    /// ```
    /// # let ds = dangjian::synth::sample_community();
    /// # let reg = ds.to_registry()?;
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// use dangjian::year::YearSection;
    /// let march = YearSection::build(&ds, &reg, d(2026, 3, 1)?, d(2026, 3, 31)?)?.ok_or("no section")?;
    /// assert_eq!(march.register.len(), 3); // three people joined or left in March
    /// // A dataset without appraisals, actions or letters, in a quiet month: no section.
    /// let small = dangjian::io::Dataset::sample_small();
    /// assert!(YearSection::build(&small, &small.to_registry()?, d(2026, 3, 1)?, d(2026, 3, 31)?)?.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
