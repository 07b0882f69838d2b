//! Writing files atomically: the old file stays whole until the new one is complete on disk.
//!
//! A community's roster file may be its only copy. `std::fs::write` truncates the target first,
//! so a full disk, a killed process or a failing serializer midway leaves a cut file and the old
//! data gone. [`write_atomic`] writes to a temporary file in the target's own folder (so the
//! final rename stays on one file system), flushes and syncs it, then renames it over the target
//! (an atomic replace on POSIX and on Windows' `MoveFileEx` with replace). On any error the
//! temporary file is removed and the target is left as it was.
//!
//! Replacing a file:
//!
//! ```
//! use dangjian::io::write_atomic;
//! let path = std::env::temp_dir().join(format!("dangjian-doc-atomic-{}.json", std::process::id()));
//! write_atomic(&path, b"{\"version\": 1}")?;
//! write_atomic(&path, b"{\"version\": 2}")?; // replaces the file as a whole
//! assert_eq!(std::fs::read_to_string(&path)?, "{\"version\": 2}");
//! # std::fs::remove_file(&path)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed and synced,
/// then renamed over `path`. On error the old file (if any) is left intact.
///
/// An existing target's permissions are kept.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("dangjian-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("out.json");
/// dangjian::io::write_atomic(&path, b"{}").unwrap();
/// assert_eq!(std::fs::read(&path).unwrap(), b"{}");
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Like [`write_atomic`], streaming: `write` is given a buffered writer on the temporary file.
/// If `write` fails (or anything after it), the target is not touched and the error returned.
///
/// ```
/// use std::io::Write;
/// let dir = std::env::temp_dir().join(format!("dangjian-doc2-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("t.csv");
/// std::fs::write(&path, "old").unwrap();
/// let r = dangjian::io::write_atomic_with(&path, |w| {
///     w.write_all(b"half a ")?;
///     Err(std::io::Error::other("serializer failed"))
/// });
/// assert!(r.is_err());
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn write_atomic_with<F>(path: &Path, write: F) -> io::Result<()>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".dangjian-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    {
        let mut w = BufWriter::new(tmp.as_file_mut());
        write(&mut w)?;
        w.flush()?;
    }
    if let Ok(meta) = std::fs::metadata(path) {
        // Keep the target's permissions (a temporary file is created 0600).
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// Syncs the folder so the rename itself is durable (POSIX); best effort elsewhere.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("dangjian-atomic-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_write_failing_midway_leaves_the_old_file_intact() {
        let d = scratch("midway");
        let p = d.join("community.json");
        std::fs::write(&p, "the only copy").unwrap();
        let r = write_atomic_with(&p, |w| {
            w.write_all(&[b'x'; 100_000])?;
            Err(io::Error::other("disk full"))
        });
        assert_eq!(r.unwrap_err().to_string(), "disk full");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "the only copy");
        // No temporary file left behind.
        assert_eq!(std::fs::read_dir(&d).unwrap().count(), 1);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_successful_write_replaces_the_file_and_keeps_its_permissions() {
        let d = scratch("ok");
        let p = d.join("out.csv");
        std::fs::write(&p, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&p, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        assert_eq!(std::fs::read_dir(&d).unwrap().count(), 1);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_missing_folder_is_an_error_and_a_bare_name_writes_here() {
        let d = scratch("missing");
        let r = write_atomic(&d.join("no/such/dir/x.json"), b"{}");
        assert_eq!(r.unwrap_err().kind(), io::ErrorKind::NotFound);
        std::fs::remove_dir_all(&d).unwrap();
    }
}
