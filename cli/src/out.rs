//! Where output goes: standard output that ends quietly when its reader closes early (`| head`,
//! a pager quitting), a pager for long text on a terminal, and files (one function, so that the
//! way files are written can change in one place).

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::i18n::t;
use crate::CliError;

/// Text longer than this many lines goes through a pager when standard output is a terminal.
const PAGE_LINES: usize = 60;
/// Larger outputs are refused on a terminal (write them to a file with `--out`).
const TERMINAL_BYTES: usize = 4 << 20;

/// Writes `text` to standard output. A closed pipe ends the output quietly (not an error); on
/// a terminal, a long text is shown through `$PAGER` (or `less -FRX`) and a huge one refused.
pub fn stdout_text(text: &str) -> Result<(), CliError> {
    let stdout = std::io::stdout();
    if stdout.is_terminal() {
        if text.len() > TERMINAL_BYTES {
            return Err(CliError::new(
                "output_too_large",
                t!("err-output-too-large", bytes = text.len()),
            ));
        }
        if text.lines().count() > PAGE_LINES && page(text) {
            return Ok(());
        }
    }
    let mut lock = stdout.lock();
    quiet(lock.write_all(text.as_bytes()).and_then(|()| lock.flush()))
}

/// Writes bytes (a workbook) to standard output, never to a terminal.
pub fn stdout_bytes(bytes: &[u8]) -> Result<(), CliError> {
    let stdout = std::io::stdout();
    if stdout.is_terminal() {
        return Err(CliError::new(
            "binary_to_terminal",
            t!("err-binary-to-terminal"),
        ));
    }
    let mut lock = stdout.lock();
    quiet(lock.write_all(bytes).and_then(|()| lock.flush()))
}

/// A broken pipe is the reader's choice to stop: not an error.
fn quiet(r: std::io::Result<()>) -> Result<(), CliError> {
    match r {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::new("io", t!("err-write-stdout", reason = e)))
        }
        _ => Ok(()),
    }
}

/// Shows `text` through a pager; `false` when none could be started.
fn page(text: &str) -> bool {
    let pager = std::env::var("PAGER")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "less -FRX".into());
    let mut parts = pager.split_whitespace();
    let Some(program) = parts.next() else {
        return false;
    };
    let child = std::process::Command::new(program)
        .args(parts)
        .stdin(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        return false;
    };
    if let Some(mut stdin) = child.stdin.take() {
        // the pager may quit before reading everything
        let _ = stdin.write_all(text.as_bytes());
    }
    let _ = child.wait();
    true
}

/// Writes a file: every file the command line writes goes through here.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    // A temporary file beside the target, synced, then renamed over it: a kill or a full disk
    // leaves the old file whole.
    dangjian::io::write_atomic(path, bytes).map_err(|e| {
        CliError::new(
            "io",
            t!("err-write-file", path = path.display(), reason = e),
        )
    })
}

/// Reads a file.
pub fn read_file(path: &Path) -> Result<Vec<u8>, CliError> {
    std::fs::read(path)
        .map_err(|e| CliError::new("io", t!("err-read-file", path = path.display(), reason = e)))
}

/// Writes `text` to `out`, or to standard output when absent.
pub fn text_to(out: Option<&Path>, text: &str) -> Result<(), CliError> {
    match out {
        Some(p) => write_file(p, text.as_bytes()),
        None => stdout_text(text),
    }
}

/// Writes `bytes` to `out`, or to standard output (not a terminal) when absent.
pub fn bytes_to(out: Option<&Path>, bytes: &[u8]) -> Result<(), CliError> {
    match out {
        Some(p) => write_file(p, bytes),
        None => stdout_bytes(bytes),
    }
}

/// A line on standard error (notes and warnings); never fails.
pub fn note(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}
