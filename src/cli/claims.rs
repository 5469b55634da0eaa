//! Reading claim files back: a path is a claim file (YAML or JSON) or a
//! folder whose `.yaml`/`.yml`/`.json` files are claim files (not recursed,
//! sorted by name). Plain `extract` output reads as a claim file without
//! reviews or text.

use std::path::{Path, PathBuf};

use whosaid::workflow::review::ClaimFile;
use whosaid::Error;

/// Whether `path` has a claim file extension.
fn is_claim_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
}

/// Reads one claim file.
pub fn read_claim_file(path: &Path) -> whosaid::Result<ClaimFile> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_claim_file(path, &bytes)
}

/// Parses the claim file `bytes` read from `path`.
pub fn parse_claim_file(path: &Path, bytes: &[u8]) -> whosaid::Result<ClaimFile> {
    let bad = |message: String| Error::ClaimFile {
        path: path.to_path_buf(),
        message,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| bad(format!("not UTF-8 text: {e}")))?;
    let parsed = if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(text).map_err(|e| e.to_string())
    } else {
        serde_yaml::from_str(text).map_err(|e| e.to_string())
    };
    parsed.map_err(bad)
}

/// The claim file paths named by `path`.
pub fn claim_paths(path: &Path) -> whosaid::Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut out: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && is_claim_file(p)
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    out.sort();
    Ok(out)
}

/// Reads every claim file named by `paths`, in order.
pub fn read_all(paths: &[PathBuf]) -> whosaid::Result<Vec<ClaimFile>> {
    let mut files = Vec::new();
    for p in paths {
        for f in claim_paths(p)? {
            files.push(read_claim_file(&f)?);
        }
    }
    Ok(files)
}
