//! `dangjian store …`: the community kept in a durable store (`dangjian::store`, one SQLite
//! file): create it from a dataset, append records, record a correction, show the audit trail,
//! verify it, export it. Every other command reads a store with `--store FILE` (and
//! `--as-recorded DATETIME` for the community exactly as it was recorded then).

use std::path::{Path, PathBuf};

use clap::Subcommand;
use dangjian::store::{Records, Stamp, Store, StoreError};

use crate::i18n::t;
use crate::{out, CliError};

/// The `store` subcommands.
#[derive(Subcommand)]
pub enum StoreCmd {
    /// store-init
    Init {
        /// data
        #[arg(long, value_name = "FILE")]
        data: PathBuf,
        /// store
        #[arg(long, value_name = "FILE")]
        store: PathBuf,
        /// by
        #[arg(long)]
        by: Option<String>,
        /// note
        #[arg(long, default_value = "")]
        note: String,
    },
    /// store-append
    Append {
        /// store
        #[arg(long, value_name = "FILE")]
        store: PathBuf,
        /// records
        #[arg(long, value_name = "FILE")]
        records: PathBuf,
        /// by
        #[arg(long)]
        by: Option<String>,
        /// note
        #[arg(long, default_value = "")]
        note: String,
    },
    /// store-replace
    Replace {
        /// store
        #[arg(long, value_name = "FILE")]
        store: PathBuf,
        /// data
        #[arg(long, value_name = "FILE")]
        data: PathBuf,
        /// by
        #[arg(long)]
        by: Option<String>,
        /// note
        #[arg(long, default_value = "")]
        note: String,
    },
    /// store-log
    Log {
        /// store
        #[arg(long, value_name = "FILE")]
        store: PathBuf,
    },
    /// store-verify
    Verify {
        /// store
        #[arg(long, value_name = "FILE")]
        store: PathBuf,
    },
    /// store-export
    Export {
        /// store
        #[arg(long, value_name = "FILE")]
        store: PathBuf,
        /// out
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// A store error as a CLI error: its code, its (Chinese-first) message, the file.
pub fn err(path: &Path, e: StoreError) -> CliError {
    CliError::lib(&t!("err-store", path = path.display()), e.code(), e)
}

/// Opens an existing store.
pub fn open(path: &Path) -> Result<Store, CliError> {
    if !path.exists() {
        return Err(CliError::new(
            "not_found",
            t!("err-store-missing", path = path.display()),
        ));
    }
    Store::open(path).map_err(|e| err(path, e))
}

/// The stamp of a batch written now: the library never reads the clock, the command line
/// does (UTC); the operator is `--by`, else `$USER`.
fn stamp(by: Option<String>, note: &str) -> Result<Stamp, CliError> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| {
            // whole seconds, as the log shows them and `--as-recorded` takes them
            chrono::DateTime::from_timestamp(i64::try_from(d.as_secs()).ok()?, 0)
        })
        .map(|d| d.naive_utc())
        .ok_or_else(|| CliError::new("clock", t!("err-clock")))?;
    let by = by
        .or_else(|| std::env::var("USER").ok())
        .filter(|b| !b.trim().is_empty())
        .unwrap_or_else(|| "dangjian".into());
    Ok(Stamp::new(now, &by).note(note))
}

fn read_text(path: &Path) -> Result<String, CliError> {
    let bytes = out::read_file(path)?;
    String::from_utf8(bytes)
        .map_err(|_| CliError::new("json", t!("err-not-utf8", path = path.display())))
}

/// Runs a `store` subcommand.
pub fn run(cmd: StoreCmd) -> Result<(), CliError> {
    match cmd {
        StoreCmd::Init {
            data,
            store,
            by,
            note,
        } => {
            if store.exists() {
                return Err(CliError::new(
                    "exists",
                    t!("err-store-exists", path = store.display()),
                ));
            }
            let text = read_text(&data)?;
            let s =
                Store::import_json(&store, &text, stamp(by, &note)?).map_err(|e| err(&store, e))?;
            let head = s.head().map_err(|e| err(&store, e))?;
            out::note(&t!(
                "note-store-created",
                path = store.display(),
                records = head.records
            ));
            Ok(())
        }
        StoreCmd::Append {
            store,
            records,
            by,
            note,
        } => {
            let mut s = open(&store)?;
            let text = read_text(&records)?;
            let batch: Records = dangjian::io::parse_json(&text).map_err(|e| {
                CliError::lib(&t!("err-records", path = records.display()), e.code(), e)
            })?;
            let head = s.head().map_err(|e| err(&store, e))?.id;
            let info = s
                .append(batch, stamp(by, &note)?, head)
                .map_err(|e| err(&store, e))?;
            out::note(&t!(
                "note-store-batch",
                id = info.id.to_string(),
                records = info.records
            ));
            Ok(())
        }
        StoreCmd::Replace {
            store,
            data,
            by,
            note,
        } => {
            let mut s = open(&store)?;
            let ds = crate::load(&data)?;
            let head = s.head().map_err(|e| err(&store, e))?.id;
            let info = s
                .replace(&ds, stamp(by, &note)?, head)
                .map_err(|e| err(&store, e))?;
            out::note(&t!(
                "note-store-batch",
                id = info.id.to_string(),
                records = info.records
            ));
            Ok(())
        }
        StoreCmd::Log { store } => {
            let s = open(&store)?;
            let mut text = t!("store-log-header");
            text.push('\n');
            for b in s.history().map_err(|e| err(&store, e))? {
                let kind = serde_json::to_value(b.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                text.push_str(&format!(
                    "{:>5}  {:<8}  {}  {:<12}  {:>7}  {}\n",
                    b.id.to_string(),
                    kind,
                    b.recorded_at.format("%Y-%m-%d %H:%M:%S"),
                    dangjian::privacy::redact_personal(&b.recorded_by),
                    b.records,
                    dangjian::privacy::redact_personal(&b.note)
                ));
            }
            out::stdout_text(&text)
        }
        StoreCmd::Verify { store } => {
            let s = open(&store)?;
            let v = s.verify().map_err(|e| err(&store, e))?;
            out::stdout_text(&format!(
                "{}\n",
                t!(
                    "note-store-verified",
                    batches = v.batches,
                    records = v.records,
                    head = v.head.to_string()
                )
            ))
        }
        StoreCmd::Export { store, out: path } => {
            let s = open(&store)?;
            let json = s.export_json().map_err(|e| err(&store, e))?;
            match path {
                Some(p) => out::write_file(&p, json.as_bytes()),
                None => out::stdout_text(&json),
            }
        }
    }
}
