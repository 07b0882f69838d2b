//! `dangjian`: command-line front end of the dangjian library. Messages and help are in
//! Chinese, or in English with `--lang en` (or an English locale). See `docs/cli.md`.
//!
//! ```text
//! dangjian init --name 翔凤社区 --roster 花名册.xlsx --as-of 2026-10-31 --out community.json
//! dangjian template activities > 积分记录.xlsx
//! dangjian import activities 积分记录.xlsx --data community.json
//! dangjian report --data community.json                  # the latest complete month
//! dangjian report --sample --month 2026-10 --xlsx report.xlsx --html report.html
//! dangjian stats --sample --year 2026                    # 党内统计 tables
//! dangjian sample --out sample.json
//! dangjian schema
//! dangjian rules                                        # the rule catalogue (规则目录)
//! dangjian agenda --sample --as-of 2026-10-31 --days 30  # 待办与提醒
//! ```

mod agenda;
mod assess;
mod i18n;
mod init;
mod out;
mod report;
mod sheets;
mod store_cmd;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use dangjian::community::Community;
use dangjian::io::{Dataset, RosterOptions};

use i18n::t;

/// An error of the command line: a stable code and a message in the language in use.
#[derive(Debug)]
pub struct CliError {
    code: &'static str,
    message: String,
}

impl CliError {
    /// An error with its code and (translated) message.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        CliError {
            code,
            message: message.into(),
        }
    }

    /// A library error: the translated `what`, the library's code and its message.
    /// The library's message (in English) follows what its code means, translated.
    /// In Chinese the library's Chinese message (`message_zh` of its error report) is shown.
    pub fn lib(what: &str, code: &'static str, detail: impl LibDetail) -> Self {
        let meaning = i18n::try_tr(&format!("code-{code}"));
        let detail = match i18n::lang() {
            i18n::Lang::Zh => detail.zh().unwrap_or_else(|| detail.to_string()),
            i18n::Lang::En => detail.to_string(),
        };
        CliError {
            code,
            message: match (i18n::lang(), meaning) {
                (i18n::Lang::Zh, Some(m)) => format!("{what}：{m}（{detail}）"),
                (i18n::Lang::Zh, None) => format!("{what}：{detail}"),
                (i18n::Lang::En, Some(m)) => format!("{what}: {m} ({detail})"),
                (i18n::Lang::En, None) => format!("{what}: {detail}"),
            },
        }
    }
}

/// The detail of a library error: its message, and in Chinese the core's Chinese message
/// (`dangjian::ffi::ErrorReport::message_zh`) where the error is the core's.
pub trait LibDetail: std::fmt::Display {
    /// The Chinese message, if the error is one of the core's.
    fn zh(&self) -> Option<String> {
        None
    }
}

impl<T: LibDetail> LibDetail for &T {
    fn zh(&self) -> Option<String> {
        (**self).zh()
    }
}

macro_rules! core_detail {
    ($($t:ty),* $(,)?) => {
        $(impl LibDetail for $t {
            fn zh(&self) -> Option<String> {
                Some(dangjian::ffi::ErrorReport::from(self).message_zh)
            }
        })*
    };
}

core_detail!(
    dangjian::scoring::RuleSetError,
    dangjian::scoring::ScoringError,
    dangjian::registry::RegistryError,
    dangjian::io::DatasetError,
    dangjian::io::ImportError,
    dangjian::post::PostError,
    dangjian::compliance::ComplianceError,
    dangjian::report::ReportError,
    dangjian::stats::StatsError,
    dangjian::table::TableError,
    dangjian::scope::ScopeError,
    dangjian::store::StoreError,
    dangjian::community::RecordError,
    dangjian::assessment::AssessmentError,
    dangjian::agenda::AgendaError,
    dangjian::year::YearError,
    dangjian::year::YearErrors,
    dangjian::practice::PracticeError,
);

impl LibDetail for serde_json::Error {}
impl LibDetail for toml::de::Error {}
impl LibDetail for std::io::Error {}
impl LibDetail for String {}

#[derive(Parser)]
#[command(name = "dangjian", version)]
struct Cli {
    /// Language of messages (zh, en).
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum RootKind {
    GeneralBranch,
    Committee,
    Branch,
}

#[derive(clap::Args)]
struct Source {
    /// dataset
    #[arg(long, value_name = "FILE", conflicts_with_all = ["sample", "store"])]
    data: Option<PathBuf>,
    /// sample
    #[arg(long, conflicts_with = "store")]
    sample: bool,
    /// store
    #[arg(long, value_name = "FILE")]
    store: Option<PathBuf>,
    /// as-recorded
    #[arg(long, value_name = "DATETIME", requires = "store")]
    as_recorded: Option<chrono::NaiveDateTime>,
}

#[derive(Subcommand)]
enum Command {
    /// report
    Report {
        #[command(flatten)]
        source: Source,
        /// month
        #[arg(long)]
        month: Option<String>,
        /// format
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// out
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// show-names
        #[arg(long)]
        show_names: bool,
        /// xlsx
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// html
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// csv-dir
        #[arg(long, value_name = "DIR")]
        csv_dir: Option<PathBuf>,
        /// pseudonymize-key
        #[arg(long, value_name = "KEY")]
        pseudonymize_key: Option<String>,
        /// min-count
        #[arg(long, default_value_t = 5, requires = "pseudonymize_key")]
        min_count: u64,
    },
    /// stats
    Stats {
        #[command(flatten)]
        source: Source,
        /// year
        #[arg(long)]
        year: Option<i32>,
        /// xlsx
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
    },
    /// assess
    Assess {
        #[command(flatten)]
        source: Source,
        /// assess-year
        #[arg(long)]
        year: Option<i32>,
        /// assess-as-of
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        as_of: Option<chrono::NaiveDate>,
        /// assess-csv
        #[arg(long)]
        csv: bool,
    },
    /// init
    Init {
        /// name
        #[arg(long)]
        name: String,
        /// roster
        #[arg(long, value_name = "FILE", required_unless_present = "orgs")]
        roster: Option<PathBuf>,
        /// orgs
        #[arg(long, value_name = "FILE")]
        orgs: Option<PathBuf>,
        /// as-of
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        as_of: Option<chrono::NaiveDate>,
        /// root-kind
        #[arg(long, value_enum, default_value = "general-branch")]
        root_kind: RootKind,
        /// out
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// yes
        #[arg(long, short = 'y')]
        yes: bool,
        /// dry-run
        #[arg(long)]
        dry_run: bool,
    },
    /// template
    Template {
        /// kind
        #[arg(value_enum)]
        kind: sheets::SheetKind,
        /// out
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// import
    Import {
        /// kind
        #[arg(value_enum)]
        kind: sheets::SheetKind,
        /// file
        file: PathBuf,
        /// data
        #[arg(long, value_name = "FILE")]
        data: PathBuf,
        /// out
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// record
    Record {
        /// kind
        #[arg(value_enum)]
        kind: sheets::SheetKind,
        /// fields
        #[arg(value_name = "FIELD=VALUE", required = true)]
        fields: Vec<String>,
        /// data
        #[arg(long, value_name = "FILE")]
        data: PathBuf,
        /// out
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// sample
    Sample {
        /// out
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// synth
    Synth {
        /// members
        #[arg(long, default_value_t = 1000)]
        members: usize,
        /// seed
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// out
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// import-roster
    ImportRoster {
        /// roster
        roster: PathBuf,
        /// as-of
        #[arg(long, value_parser = date_arg)]
        as_of: chrono::NaiveDate,
        /// data
        #[arg(long)]
        data: PathBuf,
        /// out
        #[arg(long)]
        out: PathBuf,
        /// sheet
        #[arg(long)]
        sheet: Option<String>,
        /// entry
        #[arg(long)]
        entry: Option<String>,
    },
    /// schema
    Schema,
    /// store
    #[command(subcommand)]
    Store(store_cmd::StoreCmd),
    /// agenda
    Agenda {
        #[command(flatten)]
        source: Source,
        #[command(flatten)]
        args: agenda::AgendaArgs,
    },
    /// rules
    Rules {
        /// rules-format
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
}

/// How `dangjian rules` prints the catalogue.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    /// Chinese text, by area.
    Text,
    /// The Markdown table of README.md.
    Markdown,
    /// CSV with Chinese headers (one row per dated version).
    Csv,
    /// JSON (every rule with its versions).
    Json,
}

/// The clap command with its help text from the catalogue (`cmd-X`, `arg-X-Y`, `arg-Y`).
fn localized_command() -> clap::Command {
    let mut cmd = Cli::command();
    cmd.build();
    let usage = match i18n::lang() {
        i18n::Lang::En => format!("{} ", t!("help-usage")),
        i18n::Lang::Zh => t!("help-usage"),
    };
    let template =
        format!("{{about-with-newline}}\n{usage}{{usage}}\n\n{{all-args}}{{after-help}}");
    let loc_arg = |sub: &str, a: clap::Arg| {
        let id = a.get_id().as_str().replace('_', "-");
        let key_sub = format!("arg-{sub}-{id}");
        let key = format!("arg-{id}");
        let heading = if a.is_positional() {
            t!("help-arguments")
        } else {
            t!("help-options")
        };
        let a = a
            .help_heading(heading)
            .hide_possible_values(true)
            .hide_default_value(true);
        match i18n::try_tr(&key_sub).or_else(|| i18n::try_tr(&key)) {
            Some(h) => a.help(h.clone()).long_help(h),
            None => a,
        }
    };
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(&sub, |mut sc| {
            let ids: Vec<String> = sc
                .get_arguments()
                .map(|a| a.get_id().as_str().to_string())
                .collect();
            for (i, id) in ids.iter().enumerate() {
                sc = sc.mut_arg(id, |a| loc_arg(&sub, a).display_order(i));
            }
            // nested subcommands (`store init` …): `cmd-store-init`, their args as the parent's
            let nested: Vec<String> = sc
                .get_subcommands()
                .map(|n| n.get_name().to_string())
                .filter(|n| i18n::try_tr(&format!("cmd-{sub}-{n}")).is_some())
                .collect();
            for n in nested {
                sc = sc.mut_subcommand(&n, |mut nc| {
                    let ids: Vec<String> = nc
                        .get_arguments()
                        .map(|a| a.get_id().as_str().to_string())
                        .collect();
                    for (i, id) in ids.iter().enumerate() {
                        nc = nc.mut_arg(id, |a| loc_arg(&sub, a).display_order(i));
                    }
                    nc.about(t!(&format!("cmd-{sub}-{n}")))
                        .help_template(&template)
                });
            }
            sc.about(t!(&format!("cmd-{sub}")))
                .help_template(&template)
                .subcommand_help_heading(t!("help-commands"))
        });
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().as_str().to_string())
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(&id, |a| loc_arg("", a));
    }
    cmd.about(t!("about"))
        .help_template(format!(
            "{{about-with-newline}}\n{usage}{{usage}}\n\n{}{colon}\n{{subcommands}}\n\n{}{colon}\n{{options}}\n{{after-help}}",
            t!("help-commands"),
            t!("help-options"),
            colon = if i18n::lang() == i18n::Lang::En { ":" } else { "：" }
        ))
        .after_help(t!("help-after"))
        .subcommand_help_heading(t!("help-commands"))
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    i18n::init(&args);
    let matches = match localized_command().try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => return clap_error(e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return clap_error(e),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            out::note(&t!("error-line", code = e.code, message = e.message));
            ExitCode::FAILURE
        }
    }
}

/// Help and version go to stdout (exit 0); usage errors get a translated first line and
/// clap's details, exit 2.
fn clap_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = out::stdout_text(&e.render().to_string());
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                return ExitCode::from(2);
            }
            ExitCode::SUCCESS
        }
        kind => {
            let key = match kind {
                ErrorKind::InvalidValue => "usage-invalid-value",
                ErrorKind::UnknownArgument => "usage-unknown-argument",
                ErrorKind::InvalidSubcommand => "usage-invalid-subcommand",
                ErrorKind::MissingRequiredArgument => "usage-missing-argument",
                ErrorKind::ArgumentConflict => "usage-conflict",
                _ => "usage-other",
            };
            use clap::error::{ContextKind, ContextValue};
            let mut message = t!(key);
            for k in [
                ContextKind::InvalidArg,
                ContextKind::InvalidValue,
                ContextKind::InvalidSubcommand,
            ] {
                match e.get(k) {
                    Some(ContextValue::String(v)) => message.push_str(&format!("：{v}")),
                    Some(ContextValue::Strings(v)) => {
                        message.push_str(&format!("：{}", v.join("、")))
                    }
                    _ => {}
                }
            }
            out::note(&t!("error-line", code = "usage", message = message));
            match i18n::lang() {
                i18n::Lang::En => out::note(e.render().to_string().trim_end()),
                i18n::Lang::Zh => out::note(&t!("usage-hint")),
            }
            ExitCode::from(2)
        }
    }
}

/// Reads a dataset (JSON, or the binary form by its magic bytes).
pub fn load(path: &Path) -> Result<Dataset, CliError> {
    let bytes = out::read_file(path)?;
    let r = if bytes.starts_with(&dangjian::io::BINARY_MAGIC) {
        Dataset::from_binary(&bytes)
    } else {
        Dataset::from_json_bytes(&bytes)
    };
    r.map_err(|e| CliError::lib(&t!("err-dataset", path = path.display()), e.code(), e))
}

/// The dataset named by `--data` or `--sample`; neither is an error saying how to start.
fn load_source(s: &Source) -> Result<Dataset, CliError> {
    if let Some(path) = &s.store {
        let store = store_cmd::open(path)?;
        let ds = match s.as_recorded {
            // the community exactly as it was recorded then (a report filed that day)
            Some(at) => store.dataset_as_recorded(at),
            None => store.dataset(),
        };
        return ds.map_err(|e| store_cmd::err(path, e));
    }
    match (&s.data, s.sample) {
        (Some(p), _) => load(p),
        (None, true) => Ok(dangjian::synth::sample_community()),
        (None, false) => Err(CliError::new("no_data", t!("err-no-data"))),
    }
}

/// The core session of a dataset (`dangjian::community::Community`: the registry built once,
/// the scoring checks kept): every command reads its community through it. A dataset whose
/// organizations, roster or events are invalid is the error `what` (the command's message).
pub fn session(ds: Dataset, what: &str) -> Result<Community, CliError> {
    Community::new(ds).map_err(|e| CliError::lib(what, e.code(), &e))
}

/// Checks a whole dataset: the registry, every book built from it and the year's records.
pub fn check_dataset(ds: &Dataset) -> Result<(), CliError> {
    let what = t!("err-dataset-invalid");
    // the core session: the registry built once, the books checked against it
    let c = session(ds.clone(), &what)?;
    c.scorer(dangjian::scoring::Mode::Strict)
        .map_err(|e| CliError::lib(&what, e.code(), &e))?;
    if !ds.posts.is_empty() || !ds.service.is_empty() {
        c.posts().map_err(|e| CliError::lib(&what, e.code(), &e))?;
    }
    if !(ds.dues_profiles.is_empty() && ds.meetings.is_empty() && ds.payments.is_empty()) {
        c.compliance()
            .map_err(|e| CliError::lib(&what, e.code(), &e))?;
    }
    // the year's appraisals (with their ballots), actions and letters: every problem listed
    dangjian::year::validate_records(
        c.registry(),
        &ds.appraisals,
        &ds.appraisal_actions,
        &ds.letters,
        &ds.appraisal_rules,
    )
    .map_err(|e| CliError::lib(&what, e.code(), &e))?;
    Ok(())
}

fn dataset_json(ds: &Dataset) -> Result<String, CliError> {
    ds.to_json()
        .map_err(|e| CliError::lib(&t!("err-dataset-write"), e.code(), e))
}

fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Report {
            source,
            month,
            format,
            out: out_path,
            show_names,
            xlsx,
            html,
            csv_dir,
            pseudonymize_key,
            min_count,
        } => {
            let ds = load_source(&source)?;
            report::run(
                ds,
                &report::ReportArgs {
                    month,
                    format,
                    out: out_path,
                    show_names,
                    xlsx,
                    html,
                    csv_dir,
                    pseudonymize_key,
                    min_count,
                },
            )
        }
        Command::Assess {
            source,
            year,
            as_of,
            csv,
        } => {
            let ds = load_source(&source)?;
            assess::run(ds, year, as_of, csv)
        }
        Command::Stats { source, year, xlsx } => {
            let ds = load_source(&source)?;
            report::stats(ds, year, xlsx.as_deref())
        }
        Command::Init {
            name,
            roster,
            orgs,
            as_of,
            root_kind,
            out: out_path,
            yes,
            dry_run,
        } => init::run(&init::InitArgs {
            name,
            roster,
            orgs,
            as_of,
            root_kind: match root_kind {
                RootKind::GeneralBranch => dangjian::org::OrgKind::GeneralBranch,
                RootKind::Committee => dangjian::org::OrgKind::Committee,
                RootKind::Branch => dangjian::org::OrgKind::Branch,
            },
            out: out_path,
            yes,
            dry_run,
        }),
        Command::Template {
            kind,
            out: out_path,
        } => {
            let bytes = sheets::template(kind)?;
            out::bytes_to(out_path.as_deref(), &bytes)?;
            if let Some(p) = out_path {
                out::note(&t!("note-wrote", path = p.display()));
            }
            Ok(())
        }
        Command::Import {
            kind,
            file,
            data,
            out: out_path,
        } => {
            let bytes = out::read_file(&file)?;
            let is_xlsx = file
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
            let rows = sheets::read_rows(&bytes, is_xlsx)?;
            append(kind, rows, &data, out_path.as_deref(), false)
        }
        Command::Record {
            kind,
            fields,
            data,
            out: out_path,
        } => {
            let rows = sheets::rows_from_fields(kind, &fields)?;
            append(kind, rows, &data, out_path.as_deref(), true)
        }
        Command::Sample { out: out_path } => {
            let json = dataset_json(&dangjian::synth::sample_community())?;
            out::text_to(out_path.as_deref(), &json)
        }
        Command::Synth {
            members,
            seed,
            out: out_path,
        } => {
            let ds = dangjian::synth::generate(&dangjian::synth::SynthConfig::new(members, seed));
            let json = serde_json::to_string(&ds)
                .map_err(|e| CliError::lib(&t!("err-dataset-write"), "json", e))?;
            out::text_to(out_path.as_deref(), &json)
        }
        Command::ImportRoster {
            roster,
            as_of,
            data,
            out: out_path,
            sheet,
            entry,
        } => {
            let mut options = roster_options(as_of);
            if let Some(sheet) = &sheet {
                options = options.sheet(sheet);
            }
            if let Some(entry) = &entry {
                let e = dangjian::io::Entry::parse(entry).ok_or_else(|| {
                    CliError::new("bad_argument", t!("err-bad-entry", entry = entry.as_str()))
                })?;
                options = options.entry(e);
            }
            let mut c = session(load(&data)?, &t!("err-dataset-invalid"))?;
            let imported = init::import_roster(&c, &roster, &options)?;
            let notes = imported.notes.clone();
            // Merged by person: new members added, known ones updated (what changed is listed).
            let merged = c.merge_roster(imported).map_err(|e| {
                CliError::lib(&t!("err-roster", path = roster.display()), e.code(), e)
            })?;
            out::write_file(&out_path, dataset_json(c.dataset())?.as_bytes())?;
            out::note(&merged.summary_zh());
            for c in &merged.changes {
                out::note(&format!(
                    "  {} {}：{} → {}",
                    c.member, c.field, c.before, c.after
                ));
            }
            for n in &notes {
                out::note(&format!("  {n}"));
            }
            Ok(())
        }
        Command::Store(cmd) => store_cmd::run(cmd),
        Command::Agenda { source, args } => agenda::run(load_source(&source)?, &args),
        Command::Rules { format } => {
            let text = match format {
                RulesFormat::Text => {
                    dangjian::catalogue::render_text(i18n::lang() == i18n::Lang::En)
                }
                RulesFormat::Markdown => dangjian::catalogue::render_markdown(),
                RulesFormat::Csv => dangjian::table::to_csv(
                    &dangjian::catalogue::CatalogueTable::build(),
                    &dangjian::table::CsvOptions::zh(),
                )
                .map_err(|e| CliError::lib(&t!("err-rules"), e.code(), e))?,
                RulesFormat::Json => {
                    let mut json = serde_json::to_string_pretty(&dangjian::catalogue::all())
                        .map_err(|e| CliError::lib(&t!("err-rules"), "json", e))?;
                    json.push('\n');
                    json
                }
            };
            out::stdout_text(&text)
        }
        Command::Schema => {
            let json = serde_json::to_string_pretty(&Dataset::json_schema())
                .map_err(|e| CliError::lib(&t!("err-dataset-write"), "json", e))?;
            out::stdout_text(&format!("{json}\n"))
        }
    }
}

/// Appends the records of `rows` (a sheet of `kind`) to the dataset at `data`, written to
/// `out` (default: `data`); every bad cell reported (by column alone for a `single` record),
/// nothing written unless all are good.
fn append(
    kind: sheets::SheetKind,
    rows: Vec<Vec<String>>,
    data: &Path,
    out_path: Option<&Path>,
    single: bool,
) -> Result<(), CliError> {
    let mut ds = load(data)?;
    match sheets::import(kind, rows, &mut ds)? {
        Ok(added) => {
            let target = out_path.unwrap_or(data);
            out::write_file(target, dataset_json(&ds)?.as_bytes())?;
            out::note(&t!(
                "note-imported",
                count = added.count,
                sheet = kind.title(),
                path = target.display()
            ));
            Ok(())
        }
        Err(cells) => {
            for c in &cells {
                out::note(&if single {
                    t!("field-error", column = c.column, reason = c.reason)
                } else {
                    t!(
                        "cell-error",
                        row = c.row,
                        column = c.column,
                        reason = c.reason
                    )
                });
            }
            Err(CliError::new(
                "invalid_rows",
                t!(
                    "err-sheet-invalid",
                    count = cells.len(),
                    sheet = kind.title()
                ),
            ))
        }
    }
}

/// A date argument: `2026-10-31` or `2026/10/31` (the library's calendar).
fn date_arg(s: &str) -> Result<chrono::NaiveDate, dangjian::calendar::DateParseError> {
    dangjian::calendar::parse_date(s)
}

/// Roster options for `as_of`.
pub fn roster_options(as_of: chrono::NaiveDate) -> RosterOptions {
    // The key of the members' ids derived from ID numbers (keyed pseudonyms) comes from the
    // environment, not a flag, so that it stays out of the shell's history.
    match std::env::var("DANGJIAN_ID_KEY") {
        Ok(key) if !key.is_empty() => RosterOptions::new(as_of).id_key(key.as_bytes()),
        _ => RosterOptions::new(as_of),
    }
}
