//! `dangjian agenda`: the agenda (待办与提醒) of a date — what falls due in the next days and
//! what is overdue, each row with its rule code.

use std::path::PathBuf;

use clap::ValueEnum;
use dangjian::agenda::Agenda;
use dangjian::io::Dataset;

use crate::i18n::t;
use crate::{out, CliError};

/// How the agenda is printed.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AgendaFormat {
    /// Chinese text, one line per item.
    Text,
    /// CSV with Chinese headers (UTF-8 with BOM, for Excel).
    Csv,
    /// JSON: `{"as_of", "days", "items": [...]}`.
    Json,
}

/// `dangjian agenda`'s own arguments.
#[derive(clap::Args)]
pub struct AgendaArgs {
    /// as-of
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<chrono::NaiveDate>,
    /// days
    #[arg(long, default_value_t = 30)]
    pub days: u32,
    /// agenda-format
    #[arg(long, value_enum, default_value_t = AgendaFormat::Text)]
    pub format: AgendaFormat,
    /// out
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Builds and prints the agenda. Without `--as-of`, the day of the dataset's last event.
pub fn run(ds: Dataset, args: &AgendaArgs) -> Result<(), CliError> {
    let what = t!("err-agenda");
    let c = crate::session(ds, &what)?;
    let (ds, reg) = (c.dataset(), c.registry());
    let as_of = args
        .as_of
        .or_else(|| ds.events.iter().map(|e| e.date).max())
        .unwrap_or(dangjian::limits::MIN_DATE);
    let agenda =
        Agenda::build(ds, reg, as_of, args.days).map_err(|e| CliError::lib(&what, e.code(), &e))?;
    let text = match args.format {
        AgendaFormat::Text => agenda.render_text(),
        AgendaFormat::Json => {
            let mut s = agenda.to_json();
            s.push('\n');
            s
        }
        AgendaFormat::Csv => {
            let mut opts = dangjian::table::CsvOptions::zh();
            opts.bom = args.out.is_some();
            dangjian::table::to_csv(&agenda, &opts)
                .map_err(|e| CliError::lib(&what, e.code(), e))?
        }
    };
    out::text_to(args.out.as_deref(), &text)
}
