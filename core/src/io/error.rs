use crate::registry::RegistryError;

/// Why a dataset could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DatasetError {
    /// The text is not valid JSON for the format, at `path` (e.g. `members[3].birth_date`).
    #[error("dataset JSON at `{path}` (line {line}, column {column}): {message}")]
    Json {
        /// Where in the document.
        path: String,
        /// Line (1-based).
        line: usize,
        /// Column (1-based).
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The `format` or `version` field is not one this library reads.
    #[error(
        "dataset format `{format}` version {version} is not supported (expected `{}` version {})",
        super::FORMAT,
        super::FORMAT_VERSION
    )]
    UnsupportedFormat {
        /// Format found.
        format: String,
        /// Version found.
        version: u32,
    },
    /// The input is larger than the documented limit.
    #[error("dataset input of {actual} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// Bytes given.
        actual: usize,
        /// The limit.
        limit: usize,
    },
    /// A field exceeds a documented limit (see `docs/limits.md`).
    #[error("dataset field `{path}`: {actual} characters exceed the limit of {limit}")]
    LimitExceeded {
        /// Where in the document.
        path: String,
        /// The limit.
        limit: usize,
        /// The size found.
        actual: usize,
    },
    /// The binary form is corrupt or from another version.
    #[error("binary dataset is corrupt or of another version: {message}")]
    Binary {
        /// What the decoder said.
        message: String,
    },
    /// The content breaks a rule of the registry.
    #[error("dataset content: {0}")]
    Registry(#[from] RegistryError),
}

/// One bad cell or row of a roster import.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[error("row {row}, column `{column}`: {reason}")]
pub struct RowError {
    /// 1-based row number in the sheet (the header is row 1).
    pub row: usize,
    /// Column header.
    pub column: String,
    /// What is wrong; never contains the full ID number or phone.
    pub reason: String,
}

/// Why a roster import failed. All bad rows are reported together, not just the first.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read as CSV or XLSX.
    #[error("roster file unreadable: {0}")]
    Unreadable(String),
    /// A required column is missing from the header row.
    #[error("roster header lacks required column `{0}`")]
    MissingColumn(String),
    /// Some rows are invalid; nothing was imported.
    #[error("{} roster row(s) invalid; first: {}", .0.len(), .0.first().map(|e| e.to_string()).unwrap_or_default())]
    Rows(Vec<RowError>),
    /// The file exceeds a documented limit (see `docs/limits.md`).
    #[error("roster {what}: {actual} exceeds the limit of {limit}")]
    LimitExceeded {
        /// What was too large.
        what: &'static str,
        /// The limit.
        limit: usize,
        /// The size found (at least).
        actual: usize,
    },
    /// The imported records break a registry rule.
    #[error("roster content: {0}")]
    Registry(#[from] RegistryError),
}

impl ImportError {
    /// A stable machine-readable code for the variant, used by the bindings; a registry error
    /// gives its own code.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Unreadable(_) => "unreadable",
            ImportError::MissingColumn(_) => "missing_column",
            ImportError::Rows(_) => "invalid_rows",
            ImportError::LimitExceeded { .. } => "limit_exceeded",
            ImportError::Registry(e) => e.code(),
        }
    }
}

impl DatasetError {
    /// A stable machine-readable code for the variant, used by the bindings; a registry error
    /// gives its own code.
    pub fn code(&self) -> &'static str {
        match self {
            DatasetError::Json { .. } => "json",
            DatasetError::UnsupportedFormat { .. } => "unsupported_format",
            DatasetError::TooLarge { .. } => "too_large",
            DatasetError::LimitExceeded { .. } => "limit_exceeded",
            DatasetError::Binary { .. } => "binary",
            DatasetError::Registry(e) => e.code(),
        }
    }
}
