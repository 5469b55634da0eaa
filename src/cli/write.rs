//! Safe output files: names derived from article ids that never leave the
//! output directory, and atomic writes (temporary file, then rename).

use std::io::Write;
use std::path::{Path, PathBuf};

/// Longest file stem we write, in bytes.
const MAX_STEM: usize = 120;

/// A file name for article `id`: path separators, dots at the start, control
/// and reserved characters are replaced, reserved Windows names get a
/// suffix, and long ids are cut and given a hash so that they stay distinct.
pub fn safe_file_stem(id: &str) -> String {
    let mut stem: String = id
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    while stem.starts_with('.') || stem.starts_with(' ') {
        stem.replace_range(..1, "_");
    }
    stem = stem.trim_end_matches([' ', '.']).to_string();
    if stem.is_empty() {
        stem = "article".into();
    }
    let upper = stem.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = ["CON", "PRN", "AUX", "NUL"].contains(&upper.as_str())
        || ((upper.starts_with("COM") || upper.starts_with("LPT")) && upper.len() == 4);
    if reserved {
        stem.push('_');
    }
    if stem.len() > MAX_STEM {
        let mut cut = MAX_STEM - 17;
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
        let h = whosaid::claim::stable_hash(&[id]);
        stem = format!("{}-{:016x}", &stem[..cut], h);
    }
    stem
}

/// Writes `contents` to standard output. A closed pipe (`| head`) ends
/// the output quietly, as for any Unix filter; any other failure (a full
/// disk) is an error, which the command reports with exit status 2.
pub fn to_stdout(contents: &[u8]) -> whosaid::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(contents).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(whosaid::Error::Io {
            path: "standard output".into(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// Writes `contents` to the file `path` atomically ([`write_atomic`]), or
/// to standard output when there is no path or it is `-`.
pub fn to_output(path: Option<&Path>, contents: &[u8]) -> whosaid::Result<()> {
    match path.filter(|p| p.as_os_str() != "-") {
        Some(path) => write_atomic(path, contents).map_err(|source| whosaid::Error::Io {
            path: path.to_path_buf(),
            source,
        }),
        None => to_stdout(contents),
    }
}

/// Writes `contents` to `path` through a temporary file in the same
/// directory, so that a reader never sees a half-written file and a failed
/// run leaves the old file intact. See [`write_atomic_checked`].
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_atomic_checked(path, contents, || Ok(None::<()>)).map(|_| ())
}

/// Where a write to `path` lands: the file itself, or the target of a
/// symlink (written through, never replaced by a plain file). Anything
/// that is not a regular file (a folder, FIFO, device or socket) is
/// refused, as is a symlink to nowhere.
fn write_target(path: &Path) -> std::io::Result<(PathBuf, Option<std::fs::Permissions>)> {
    let refuse = |what: &str| {
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{what}; not replaced"),
        ))
    };
    let link = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((path.to_path_buf(), None))
        }
        Err(e) => return Err(e),
    };
    let target = if link.file_type().is_symlink() {
        match std::fs::canonicalize(path) {
            Ok(t) => t,
            Err(_) => return refuse("a symlink to a file that does not exist"),
        }
    } else {
        path.to_path_buf()
    };
    let meta = std::fs::metadata(&target)?;
    if meta.is_dir() {
        return refuse("a folder");
    }
    if !meta.is_file() {
        return refuse("not a regular file (a FIFO, device or socket)");
    }
    Ok((target, Some(meta.permissions())))
}

/// Writes `contents` atomically to `path` (through a symlink to its
/// target), keeping an existing file's permissions. Just before the
/// rename, `check` may report that the file changed meanwhile: the
/// temporary file is then removed, nothing is replaced, and what `check`
/// returned comes back as `Some`.
pub fn write_atomic_checked<T>(
    path: &Path,
    contents: &[u8],
    check: impl FnOnce() -> std::io::Result<Option<T>>,
) -> std::io::Result<Option<T>> {
    let (target, permissions) = write_target(path)?;
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp: PathBuf = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        if let Some(p) = permissions {
            f.set_permissions(p)?;
        }
        f.sync_all()?;
        if let Some(changed) = check()? {
            let _ = std::fs::remove_file(&tmp);
            return Ok(Some(changed));
        }
        std::fs::rename(&tmp, &target)?;
        Ok(None)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_never_escape_the_directory() {
        for id in [
            "../etc/passwd",
            "/abs/path",
            "..",
            ".hidden",
            "a\\b",
            "CON",
            "nul.txt",
            "",
        ] {
            let stem = safe_file_stem(id);
            assert!(
                !stem.contains('/') && !stem.contains('\\') && !stem.starts_with('.'),
                "{id} -> {stem}"
            );
            assert!(!stem.is_empty());
        }
        assert_eq!(safe_file_stem("CON"), "CON_");
        let long = "x".repeat(500);
        assert!(safe_file_stem(&long).len() <= MAX_STEM);
        assert_ne!(safe_file_stem(&long), safe_file_stem(&"x".repeat(501)));
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = std::env::temp_dir().join(format!("whosaid-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("claims.yaml");
        std::fs::write(&path, "old claims\n").unwrap();
        // The temporary file's path is taken by a folder, so creating it
        // fails (as a full disk or a read-only folder would, even for root).
        let tmp = dir.join(format!(".claims.yaml.{}.tmp", std::process::id()));
        std::fs::create_dir_all(&tmp).unwrap();
        assert!(write_atomic(&path, b"new claims\n").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old claims\n");
        std::fs::remove_dir(&tmp).unwrap();
        // The path itself being a folder: the rename fails, the temporary
        // file is removed and the folder is untouched.
        let taken = dir.join("taken.yaml");
        std::fs::create_dir_all(&taken).unwrap();
        assert!(write_atomic(&taken, b"x").is_err());
        assert!(taken.is_dir());
        let left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
        assert!(write_atomic(&path, b"new claims\n").is_ok());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new claims\n");
        std::fs::remove_dir_all(&dir).ok();
    }
}
