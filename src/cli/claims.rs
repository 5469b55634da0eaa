//! Reading claim files back: a path is a claim file (YAML or JSON) or a
//! folder whose `.yaml`/`.yml`/`.json` files are claim files (not recursed,
//! sorted by name). Plain `extract` output reads as a claim file without
//! reviews or text.

use std::path::{Path, PathBuf};

use whosaid::workflow::review::ClaimFile;
use whosaid::workflow::yaml_guard::check_flow_depth;
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

/// Parses the claim file `bytes` read from `path`. A file that is not a
/// claim file at all (an article passed by mistake) is named as such, and
/// no message quotes more than a line of it.
pub fn parse_claim_file(path: &Path, bytes: &[u8]) -> whosaid::Result<ClaimFile> {
    let bad = |message: String| Error::ClaimFile {
        path: path.to_path_buf(),
        message,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| bad(format!("not UTF-8 text: {e}")))?;
    let json = path.extension().is_some_and(|e| e == "json");
    if !json {
        check_flow_depth(text).map_err(bad)?;
    }
    let parsed = if json {
        serde_json::from_str(text).map_err(|e| e.to_string())
    } else {
        serde_yaml::from_str(text).map_err(|e| e.to_string())
    };
    parsed.map_err(|message| bad(diagnosis(text, json, message)))
}

/// Why `text` is not a claim file: that it is no claim file at all when it
/// is not a mapping with a `claims` key, else the parser's message, cut
/// short so that a whole article is never printed.
fn diagnosis(text: &str, json: bool, message: String) -> String {
    let has_claims = if json {
        serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| v.get("claims").is_some())
    } else {
        serde_yaml::from_str::<serde_yaml::Value>(text).is_ok_and(|v| v.get("claims").is_some())
    };
    if !has_claims {
        return "it has no `claims` (is it an article? `whosaid extract -o DIR` writes claim files)"
            .into();
    }
    const MAX_MESSAGE: usize = 200;
    if message.chars().count() <= MAX_MESSAGE {
        return message;
    }
    let cut: String = message.chars().take(MAX_MESSAGE).collect();
    format!("{cut}…")
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

/// Reads every claim file named by `paths`, in order. A folder without
/// claim files is an error: a report or export of nothing is a mistake.
pub fn read_all(paths: &[PathBuf]) -> whosaid::Result<Vec<ClaimFile>> {
    let mut files = Vec::new();
    for p in paths {
        let found = claim_paths(p)?;
        if found.is_empty() {
            return Err(Error::BadDocument {
                id: p.display().to_string(),
                reason: "no claim files (.yaml, .yml, .json) in this folder".into(),
            });
        }
        for f in found {
            files.push(read_claim_file(&f)?);
        }
    }
    Ok(files)
}
