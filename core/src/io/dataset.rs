//! The dataset document ([`Dataset`]): a whole community in one JSON file (or its binary form),
//! checked on reading and turned into a [`Registry`].
//!
//! ```
//! use dangjian::io::Dataset;
//! let mut ds = Dataset::new("示例社区");
//! ds.orgs = Dataset::sample_small().orgs;
//! let text = ds.to_json()?;
//! assert!(text.contains("\"format\": \"dangjian-dataset\""));
//! let reg = Dataset::from_json(&text)?.into_registry()?;
//! assert_eq!((reg.tree().len(), reg.len()), (4, 0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

use super::DatasetError;
use crate::compliance::{
    DuesPolicy, DuesProfile, DuesSchedule, ElectionRecord, MeetingRecord, MeetingRequirement,
    PaymentRecord, SpecialDuesRecord,
};
use crate::limits::{MAX_COMMUNITY_NAME_CHARS, MAX_DESCRIPTION_CHARS};
use crate::member::{EventRecord, LifecycleRules, MemberRecord};
use crate::org::OrgRecord;
use crate::post::{ClaimRecord, PostKind, PostRecord, PostRules, ServiceRecord};
use crate::privacy::{echo_cut, redact_digits};
use crate::registry::{Registry, RegistryError};
use crate::scoring::ActivityRecord;

/// The `format` tag of a dataset document.
///
/// # Examples
///
/// ```
/// use dangjian::io::{Dataset, FORMAT};
/// assert_eq!(Dataset::new("示例社区").format, FORMAT);
/// let err = Dataset::from_json(r#"{"format": "other", "version": 1, "orgs": [], "members": [], "events": []}"#).unwrap_err();
/// assert_eq!(err.code(), "unsupported_format");
/// ```
pub const FORMAT: &str = "dangjian-dataset";
/// The dataset format version this library writes and reads.
///
/// # Examples
///
/// ```
/// use dangjian::io::{Dataset, FORMAT_VERSION};
/// assert_eq!(Dataset::new("示例社区").version, FORMAT_VERSION);
/// let v2 = r#"{"format": "dangjian-dataset", "version": 2, "orgs": [], "members": [], "events": []}"#;
/// assert_eq!(Dataset::from_json(v2).map_err(|e| e.code()), Err("unsupported_format"));
/// ```
pub const FORMAT_VERSION: u32 = 1;
/// Magic bytes opening the binary form.
///
/// # Examples
///
/// ```
/// use dangjian::io::BINARY_MAGIC;
/// assert_eq!(&BINARY_MAGIC, b"DJDS");
/// # #[cfg(feature = "binary")] {
/// let bytes = dangjian::io::Dataset::sample_small().to_binary()?;
/// assert!(bytes.starts_with(&BINARY_MAGIC));
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const BINARY_MAGIC: [u8; 4] = *b"DJDS";
pub use crate::limits::MAX_INPUT_BYTES;

/// Descriptive information about the community the dataset covers.
///
/// # Examples
///
/// ```
/// use dangjian::io::{CommunityInfo, Dataset};
/// let info: CommunityInfo = serde_json::from_str(r#"{"name": "翔凤社区", "description": "党总支下设4个党支部"}"#)?;
/// // An empty dataset for that community.
/// let ds = Dataset::from(info.clone());
/// assert_eq!((ds.community, ds.orgs.len()), (info, 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommunityInfo {
    /// Display name, e.g. `翔凤社区`.
    pub name: String,
    /// Free description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A whole community in one document: organizations, the roster and the event log
/// (format `dangjian-dataset`, version 1).
///
/// ```json
/// {"format": "dangjian-dataset", "version": 1,
///  "community": {"name": "翔凤社区"},
///  "orgs": [{"id": "Z", "name": "翔凤社区党总支", "kind": "general_branch", "founded": "2022-11-01"}],
///  "members": [{"id": "M1", "name": "张三", "gender": "male", "birth_date": "1960-01-01"}],
///  "events": [{"member": "M1", "date": "2022-11-01", "type": "transferred_in", "branch": "B1", "status": "full"}]}
/// ```
///
/// # Examples
///
/// ```
/// use dangjian::io::Dataset;
/// let text = r#"{"format": "dangjian-dataset", "version": 1,
///   "community": {"name": "翔凤社区"},
///   "orgs": [{"id": "B1", "name": "第一党支部", "kind": "branch", "founded": "2022-11-01"}],
///   "members": [{"id": "M1", "name": "张三", "gender": "male", "birth_date": "1960-01-01"}],
///   "events": [{"member": "M1", "date": "2022-11-01", "type": "transferred_in", "branch": "B1", "status": "full"}]}"#;
/// let ds = Dataset::from_json(text)?;
/// let reg = ds.to_registry()?;
/// assert_eq!(reg.headcount_on("2022-11-01".parse()?), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// Always `dangjian-dataset`.
    pub format: String,
    /// Format version, `1`.
    pub version: u32,
    /// The community.
    #[serde(default)]
    pub community: CommunityInfo,
    /// Lifecycle rule numbers (defaults: the published ones).
    #[serde(default)]
    pub rules: LifecycleRules,
    /// Organizations.
    pub orgs: Vec<OrgRecord>,
    /// The roster.
    #[serde(default)]
    pub members: Vec<MemberRecord>,
    /// The lifecycle event log.
    #[serde(default)]
    pub events: Vec<EventRecord>,
    /// Scored activities (积分事项) for the points engine.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<ActivityRecord>,
    /// Post kinds added to (or replacing by code) the shipped defaults (see `post::kinds_in_force`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_kinds: Vec<PostKind>,
    /// Post rule numbers (default: at most 2 posts per member at once).
    #[serde(default, skip_serializing_if = "PostRules::is_default")]
    pub post_rules: PostRules,
    /// Posts (岗位) set by organizations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub posts: Vec<PostRecord>,
    /// Claims (认领) of posts with commitments, released ones included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<ClaimRecord>,
    /// Service records (服务记录).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service: Vec<ServiceRecord>,
    /// Dues rate schedules with effective dates (empty: the published schedule of 党费规定).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dues_schedules: Vec<DuesSchedule>,
    /// Per-member dues profiles (basis and monthly base or fixed amount).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dues_profiles: Vec<DuesProfile>,
    /// Dues payments per member and month, and recorded reasons for not paying.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payments: Vec<PaymentRecord>,
    /// Special dues (特殊党费).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub special_dues: Vec<SpecialDuesRecord>,
    /// Dues policy: grace days, the art. 9 threshold, the accepted reasons for not paying and the
    /// catch-up limit (default: the published defaults, see `DuesPolicy`).
    #[serde(default, skip_serializing_if = "DuesPolicy::is_default")]
    pub dues_policy: DuesPolicy,
    /// Required meeting frequencies (empty: the defaults of 支部条例).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meeting_requirements: Vec<MeetingRequirement>,
    /// Organization-life meetings held (三会一课, 主题党日).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<MeetingRecord>,
    /// Elections at term end (换届选举).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elections: Vec<ElectionRecord>,
    /// The community's practices (一帮一 pairings, grids, service schedules, co-building
    /// units; see [`crate::practice`]).
    #[serde(default, skip_serializing_if = "crate::practice::Practices::is_empty")]
    pub practices: crate::practice::Practices,
    /// Points declared by members and reviewed (积分申报; only approved ones count, see
    /// [`crate::declaration`] and [`Dataset::scored_activities`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declarations: Vec<crate::declaration::Declaration>,
    /// Annual democratic appraisals of members (民主评议党员), with their ballots.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appraisals: Vec<crate::year::AppraisalRecord>,
    /// Handling of members graded 不合格 (限期改正, 劝退, 除名).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appraisal_actions: Vec<crate::year::AppraisalAction>,
    /// Counting rules of the appraisal (default: the published ones, see `AppraisalRules`).
    #[serde(
        default,
        skip_serializing_if = "crate::year::AppraisalRules::is_default"
    )]
    pub appraisal_rules: crate::year::AppraisalRules,
    /// Introduction letters of organizational relationships (组织关系介绍信).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub letters: Vec<crate::year::TransferLetter>,
}

/// Parses any JSON value of the library's types (an event batch, a list of member records …)
/// with the error reporting of [`Dataset::from_json`]: the path, line and column of the first
/// error, digit runs that could be ID numbers or phones masked.
///
/// ```
/// use dangjian::member::EventRecord;
/// let err = dangjian::io::parse_json::<Vec<EventRecord>>(
///     r#"[{"member": "M1", "date": "2024-02-30", "type": "died"}]"#).unwrap_err();
/// assert_eq!(err.code(), "json");
/// assert!(err.to_string().contains("`[0].date`"));
/// ```
pub fn parse_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, DatasetError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(DatasetError::TooLarge {
            actual: text.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    crate::json_path::from_str(text).map_err(|(path, e)| DatasetError::Json {
        path: echo(&path),
        line: e.line(),
        column: e.column(),
        // serde echoes offending values (whole): a phone or ID number must not reach an
        // error, nor a megabyte of text
        message: echo(&e.to_string()),
    })
}

impl Dataset {
    /// An empty dataset of the current format.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::io::Dataset;
    /// let ds = Dataset::new("示例社区");
    /// assert_eq!(ds.community.name, "示例社区");
    /// assert!(ds.orgs.is_empty() && ds.members.is_empty() && ds.events.is_empty());
    /// assert_eq!(Dataset::from_json(&ds.to_json()?)?, ds);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(community: &str) -> Self {
        Dataset {
            format: FORMAT.into(),
            version: FORMAT_VERSION,
            community: CommunityInfo {
                name: community.into(),
                description: String::new(),
            },
            rules: LifecycleRules::default(),
            orgs: Vec::new(),
            members: Vec::new(),
            events: Vec::new(),
            activities: Vec::new(),
            post_kinds: Vec::new(),
            post_rules: PostRules::default(),
            posts: Vec::new(),
            claims: Vec::new(),
            service: Vec::new(),
            dues_schedules: Vec::new(),
            dues_profiles: Vec::new(),
            payments: Vec::new(),
            special_dues: Vec::new(),
            dues_policy: DuesPolicy::default(),
            meeting_requirements: Vec::new(),
            meetings: Vec::new(),
            elections: Vec::new(),
            practices: crate::practice::Practices::default(),
            declarations: Vec::new(),
            appraisals: Vec::new(),
            appraisal_actions: Vec::new(),
            appraisal_rules: Default::default(),
            letters: Vec::new(),
        }
    }

    /// Parses a JSON document, reporting the path, line and column of the first error.
    ///
    /// ```
    /// use dangjian::io::Dataset;
    /// let text = dangjian::synth::sample_community().to_json().unwrap();
    /// let ds = Dataset::from_json(&text).unwrap();
    /// assert_eq!(ds.to_registry().unwrap().headcount_on(dangjian::synth::SAMPLE_AS_OF), 158);
    /// let err = Dataset::from_json("{\"members\": 7}").unwrap_err();
    /// assert_eq!(err.code(), "json");
    /// ```
    pub fn from_json(text: &str) -> Result<Self, DatasetError> {
        if text.len() > MAX_INPUT_BYTES {
            return Err(DatasetError::TooLarge {
                actual: text.len(),
                limit: MAX_INPUT_BYTES,
            });
        }
        // Fast path without path tracking; on error, parse again to say where. Without the
        // feature `json-fast-path` (the wasm build) only the path-tracking parse is compiled.
        #[cfg(feature = "json-fast-path")]
        if let Ok(ds) = serde_json::from_str::<Dataset>(text) {
            ds.check_format()?;
            return Ok(ds);
        }
        let ds: Dataset = parse_json(text)?;
        ds.check_format()?;
        Ok(ds)
    }

    /// Reads JSON bytes (must be UTF-8).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::io::Dataset;
    /// let bytes = Dataset::sample_small().to_json()?.into_bytes();
    /// assert_eq!(Dataset::from_json_bytes(&bytes)?.members.len(), 4);
    /// // Not UTF-8: the error says where.
    /// let err = Dataset::from_json_bytes(b"{\n  \"format\": \"\xff\"}").unwrap_err();
    /// assert_eq!(err.code(), "json");
    /// assert!(err.to_string().contains("line 2"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Self, DatasetError> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let at = e.valid_up_to();
            let before = bytes.get(..at).unwrap_or_default();
            let line_start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            DatasetError::Json {
                path: ".".into(),
                line: 1 + before.iter().filter(|&&b| b == b'\n').count(),
                column: 1 + at - line_start,
                message: format!("invalid UTF-8 at byte {at}"),
            }
        })?;
        Self::from_json(text)
    }

    pub(crate) fn check_format(&self) -> Result<(), DatasetError> {
        if self.format != FORMAT || self.version != FORMAT_VERSION {
            let mut format: String = self.format.chars().take(64).collect();
            if format.len() < self.format.len() {
                format.push('…');
            }
            return Err(DatasetError::UnsupportedFormat {
                format: redact_digits(&format),
                version: self.version,
            });
        }
        let text = [
            (
                "community.name",
                &self.community.name,
                MAX_COMMUNITY_NAME_CHARS,
            ),
            (
                "community.description",
                &self.community.description,
                MAX_DESCRIPTION_CHARS,
            ),
        ];
        for (path, value, limit) in text {
            // bytes bound characters from above: count only when it may matter
            if value.len() > limit {
                let actual = value.chars().count();
                if actual > limit {
                    return Err(DatasetError::LimitExceeded {
                        path: path.into(),
                        limit,
                        actual,
                    });
                }
            }
        }
        Ok(())
    }

    /// Pretty JSON text, which [`Dataset::from_json`] reads back to the same dataset.
    ///
    /// ```
    /// use dangjian::io::Dataset;
    /// let ds = dangjian::synth::sample_community();
    /// let text = ds.to_json().unwrap();
    /// assert_eq!(Dataset::from_json(&text).unwrap(), ds);
    /// ```
    pub fn to_json(&self) -> Result<String, DatasetError> {
        serde_json::to_string_pretty(self).map_err(|e| DatasetError::Json {
            path: ".".into(),
            line: 0,
            column: 0,
            message: e.to_string(),
        })
    }

    /// The compact binary form: the same document as MessagePack (self-describing, so it keeps
    /// every field rule of the JSON form), prefixed by the magic bytes `DJDS` and the format version.
    ///
    /// ```
    /// let ds = dangjian::io::Dataset::sample_small();
    /// let bytes = ds.to_binary().unwrap();
    /// assert_eq!(dangjian::io::Dataset::from_binary(&bytes).unwrap(), ds);
    /// ```
    #[cfg(feature = "binary")]
    pub fn to_binary(&self) -> Result<Vec<u8>, DatasetError> {
        let mut out = BINARY_MAGIC.to_vec();
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        rmp_serde::encode::write_named(&mut out, self).map_err(|e| DatasetError::Binary {
            message: e.to_string(),
        })?;
        Ok(out)
    }

    /// Reads the binary form written by [`Dataset::to_binary`].
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::io::Dataset;
    /// let ds = Dataset::sample_small();
    /// assert_eq!(Dataset::from_binary(&ds.to_binary()?)?, ds);
    /// // JSON is not the binary form.
    /// assert_eq!(Dataset::from_binary(ds.to_json()?.as_bytes()).map_err(|e| e.code()), Err("binary"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "binary")]
    pub fn from_binary(bytes: &[u8]) -> Result<Self, DatasetError> {
        if bytes.len() > MAX_INPUT_BYTES {
            return Err(DatasetError::TooLarge {
                actual: bytes.len(),
                limit: MAX_INPUT_BYTES,
            });
        }
        let body = bytes
            .strip_prefix(BINARY_MAGIC.as_slice())
            .and_then(|b| b.strip_prefix(FORMAT_VERSION.to_le_bytes().as_slice()))
            .ok_or_else(|| DatasetError::Binary {
                message: "missing `DJDS` header of format version 1".into(),
            })?;
        let ds: Dataset = rmp_serde::from_slice(body).map_err(|e| DatasetError::Binary {
            message: echo(&e.to_string()),
        })?;
        ds.check_format()?;
        Ok(ds)
    }

    /// The JSON Schema of the format, generated from the types.
    ///
    /// # Examples
    ///
    /// ```
    /// let schema = dangjian::io::Dataset::json_schema();
    /// assert_eq!(schema["title"], "Dataset");
    /// assert!(schema["required"].as_array().is_some_and(|r| r.iter().any(|f| f == "orgs")));
    /// ```
    pub fn json_schema() -> serde_json::Value {
        let mut schema = serde_json::to_value(schemars::schema_for!(Dataset)).unwrap_or_default();
        schema_without_doc_examples(&mut schema);
        schema
    }

    /// Validates the content and builds a registry.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::io::Dataset;
    /// let ds = Dataset::sample_small();
    /// let reg = ds.to_registry()?;
    /// assert_eq!(reg.len(), 4);
    /// // A member in an organization that does not exist: the content is refused.
    /// let mut bad = ds.clone();
    /// if let Some(e) = bad.events.first_mut() { e.branch = Some("B9".into()); }
    /// assert!(bad.to_registry().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_registry(&self) -> Result<Registry, RegistryError> {
        Registry::build(
            self.orgs.clone(),
            self.members.clone(),
            self.events.clone(),
            self.rules,
        )
    }

    /// Like [`Dataset::to_registry`] but consumes the dataset (no copies).
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::synth::sample_community().into_registry()?;
    /// assert_eq!(reg.headcount_on(dangjian::synth::SAMPLE_AS_OF), 158);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_registry(self) -> Result<Registry, RegistryError> {
        Registry::build(self.orgs, self.members, self.events, self.rules)
    }

    /// The activities to score: the recorded ones and the approved declarations (积分申报
    /// 审核通过), in that order. Pending and rejected declarations do not count.
    ///
    /// ```
    /// let ds = dangjian::synth::sample_community();
    /// let n = ds.declarations.iter().filter(|d| d.approved()).count();
    /// assert_eq!(ds.scored_activities().len(), ds.activities.len() + n);
    /// ```
    pub fn scored_activities(&self) -> std::borrow::Cow<'_, [ActivityRecord]> {
        if !self.declarations.iter().any(|d| d.approved()) {
            return std::borrow::Cow::Borrowed(&self.activities);
        }
        let mut all = self.activities.clone();
        all.extend(crate::declaration::approved_activities(&self.declarations));
        std::borrow::Cow::Owned(all)
    }

    /// The dataset of a registry: its organizations, roster, event log and lifecycle rules,
    /// over `base` (a dataset, or only a [`CommunityInfo`]), whose other sections (activities,
    /// posts, claims, service, dues, meetings, elections …) are kept as they are. Saving after
    /// [`Registry::apply`] therefore keeps everything:
    ///
    /// ```
    /// use dangjian::io::Dataset;
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap(); // then `reg.apply(…)`
    /// let after = Dataset::from_registry(&reg, ds.clone());
    /// assert_eq!(after.events.len(), ds.events.len());
    /// assert_eq!(after.activities, ds.activities); // kept
    /// assert_eq!(after.posts, ds.posts);
    /// assert_eq!(after.payments, ds.payments);
    /// // from the community's name alone: only what the registry holds
    /// let bare = Dataset::from_registry(&reg, ds.community.clone());
    /// assert!(bare.activities.is_empty());
    /// ```
    pub fn from_registry(reg: &Registry, base: impl Into<Dataset>) -> Self {
        let mut ds: Dataset = base.into();
        ds.format = FORMAT.into();
        ds.version = FORMAT_VERSION;
        ds.rules = *reg.rules();
        ds.orgs = reg.tree().records().to_vec();
        ds.members = reg.members().to_vec();
        ds.events = reg.event_records();
        ds
    }

    /// Reads a dataset file: its JSON form, or the binary form of `Dataset::to_binary` (feature `binary`)
    /// (told apart by its magic bytes `DJDS`, when the feature `binary` is on).
    ///
    /// ```
    /// use dangjian::io::Dataset;
    /// let dir = std::env::temp_dir().join(format!("dangjian-doc-load-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let path = dir.join("community.json");
    /// let ds = Dataset::sample_small();
    /// ds.save(&path).unwrap();
    /// assert_eq!(Dataset::load(&path).unwrap(), ds);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    #[cfg(feature = "fs")]
    pub fn load(path: impl AsRef<std::path::Path>) -> Result<Self, DatasetError> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| DatasetError::Io {
            path: echo(&path.display().to_string()),
            message: e.to_string(),
        })?;
        #[cfg(feature = "binary")]
        if bytes.starts_with(&BINARY_MAGIC) {
            return Self::from_binary(&bytes);
        }
        Self::from_json_bytes(&bytes)
    }

    /// Writes the dataset as pretty JSON to `path`, atomically (through
    /// [`crate::io::write_atomic`]: a crash leaves the old file or the new one, never half of
    /// one). See [`Dataset::load`] for an example.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::io::Dataset;
    /// let path = std::env::temp_dir().join(format!("dangjian-doc-save-{}.json", std::process::id()));
    /// let mut ds = Dataset::sample_small();
    /// ds.community.description = "2026年10月更新".into();
    /// ds.save(&path)?;
    /// assert_eq!(Dataset::load(&path)?.community.description, "2026年10月更新");
    /// # std::fs::remove_file(&path)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "fs")]
    pub fn save(&self, path: impl AsRef<std::path::Path>) -> Result<(), DatasetError> {
        let path = path.as_ref();
        let mut json = self.to_json()?;
        json.push('\n');
        super::write_atomic(path, json.as_bytes()).map_err(|e| DatasetError::Io {
            path: echo(&path.display().to_string()),
            message: e.to_string(),
        })
    }
}

impl From<CommunityInfo> for Dataset {
    /// An empty dataset of that community.
    fn from(community: CommunityInfo) -> Dataset {
        let mut ds = Dataset::new("");
        ds.community = community;
        ds
    }
}

/// A parser's message or path as a dataset error echoes it: cut to
/// [`crate::limits::MAX_ECHO_CHARS`] characters, runs of 7 or more digits masked.
fn echo(text: &str) -> String {
    echo_cut(text, 7, crate::limits::MAX_ECHO_CHARS)
}

/// Removes the Rust examples from the `description`s of a JSON Schema generated from the types
/// (schemars copies each type's whole doc comment): a description keeps its text and its JSON
/// examples (```` ```json ````), without Rust code blocks and without an `# Examples` heading
/// left with nothing under it. The schema and the TypeScript types generated from it are read
/// by people who do not write Rust.
///
/// # Examples
///
/// ```
/// let mut schema = serde_json::json!({
///     "description": "A grade.\n\n# Examples\n\n```\nuse dangjian::year::Grade;\n```",
///     "properties": { "a": { "description": "Text.\n```json\n{\"id\": \"A1\"}\n```" } }
/// });
/// dangjian::io::schema_without_doc_examples(&mut schema);
/// assert_eq!(schema["description"], "A grade.");
/// assert_eq!(schema["properties"]["a"]["description"], "Text.\n```json\n{\"id\": \"A1\"}\n```");
/// ```
pub fn schema_without_doc_examples(schema: &mut serde_json::Value) {
    match schema {
        serde_json::Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                match value {
                    serde_json::Value::String(text) if key == "description" => {
                        *text = without_rust_examples(text);
                    }
                    other => schema_without_doc_examples(other),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(schema_without_doc_examples),
        _ => {}
    }
}

/// A doc comment's text without its Rust code blocks (a fence with no language, `rust` or a
/// rustdoc attribute) and without headings left with nothing under them.
fn without_rust_examples(text: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    // `Some(true)`: inside a Rust block (dropped); `Some(false)`: inside another block (kept)
    let mut fence: Option<bool> = None;
    for line in text.lines() {
        let t = line.trim();
        if let Some(info) = t.strip_prefix("```") {
            let rust = match fence {
                Some(rust) => {
                    fence = None;
                    rust
                }
                None => {
                    let info = info.trim();
                    let rust = info.is_empty()
                        || info.split(',').all(|w| {
                            matches!(
                                w.trim(),
                                "rust" | "no_run" | "should_panic" | "compile_fail" | "ignore"
                            ) || w.trim().starts_with("edition")
                        });
                    fence = Some(rust);
                    rust
                }
            };
            if !rust {
                kept.push(line);
            }
            continue;
        }
        if fence != Some(true) {
            kept.push(line);
        }
    }
    // headings with nothing but blank lines before the next heading or the end
    let mut out: Vec<&str> = Vec::new();
    for (k, line) in kept.iter().enumerate() {
        if line.trim_start().starts_with('#') {
            let rest = kept.get(k + 1..).unwrap_or(&[]);
            let empty = rest
                .iter()
                .take_while(|l| !l.trim_start().starts_with('#'))
                .all(|l| l.trim().is_empty());
            if empty {
                continue;
            }
        }
        if line.trim().is_empty() && out.last().is_none_or(|l: &&str| l.trim().is_empty()) {
            continue;
        }
        out.push(line);
    }
    out.join("\n").trim_end().to_string()
}
