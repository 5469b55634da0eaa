//! Sources: the command-line inputs expanded into files, standard input,
//! and arguments that name nothing. A named file is taken as given. A
//! folder is walked (with walkdir: symlinks followed, loops detected, each
//! file visited once, in name order) for files with an article extension;
//! anything else in it is skipped and named, and a FIFO, socket or device
//! is skipped with a warning rather than read (which could hang the run).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Extensions taken from folders by default.
pub const DEFAULT_EXTENSIONS: [&str; 6] = ["txt", "text", "html", "htm", "jsonl", "ndjson"];

/// Where documents come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file, with the id its document gets: the file stem for a named
    /// file, the path below the folder without extension (`us/statement`)
    /// for a file found in a folder.
    File { path: PathBuf, id: String },
    /// Standard input.
    Stdin,
    /// An argument that named nothing readable.
    Missing(String, String),
}

/// A file found in a folder and not read.
#[derive(Debug, Clone)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// Why it was skipped.
    pub reason: String,
    /// Whether it deserves a warning (it is not a regular file, or the
    /// walk hit a loop), not just a mention under `-v`.
    pub warn: bool,
}

/// The inputs expanded.
#[derive(Debug, Default)]
pub struct Expanded {
    /// What to read, in order.
    pub sources: Vec<Source>,
    /// What was found in folders and not read.
    pub skipped: Vec<Skipped>,
}

/// Expands the command-line inputs, in order; folders are walked in name
/// order for files whose extension is in `exts` (lower case, no dot).
pub fn expand(inputs: &[String], exts: &[String]) -> Expanded {
    let mut walker = Walker {
        exts,
        seen: HashSet::new(),
        out: Expanded::default(),
    };
    for arg in inputs {
        if arg == "-" {
            walker.out.sources.push(Source::Stdin);
            continue;
        }
        let path = Path::new(arg);
        if path.exists() {
            walker.named(path);
        } else if arg.contains(['*', '?', '[']) {
            walker.glob(arg);
        } else {
            let message = "no such file or directory".into();
            walker
                .out
                .sources
                .push(Source::Missing(arg.clone(), message));
        }
    }
    walker.out
}

/// The state of an expansion.
struct Walker<'a> {
    exts: &'a [String],
    /// Files already taken, by device and inode, so that a file reached
    /// twice (through a symlink) is read once.
    seen: HashSet<(u64, u64)>,
    out: Expanded,
}

impl Walker<'_> {
    fn glob(&mut self, pattern: &str) {
        match glob::glob(pattern) {
            Ok(paths) => {
                let mut found: Vec<PathBuf> = paths.filter_map(Result::ok).collect();
                found.sort();
                if found.is_empty() {
                    let message = "no file matches this pattern".into();
                    self.out
                        .sources
                        .push(Source::Missing(pattern.into(), message));
                }
                for p in found {
                    self.named(&p);
                }
            }
            Err(e) => {
                let message = format!("bad glob pattern: {e}");
                self.out
                    .sources
                    .push(Source::Missing(pattern.into(), message));
            }
        }
    }

    /// A path named on the command line (or by a glob).
    fn named(&mut self, path: &Path) {
        if !path.is_dir() {
            let id = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            let path = path.to_path_buf();
            self.out.sources.push(Source::File { path, id });
            return;
        }
        let before = self.out.sources.len();
        self.folder(path);
        if self.out.sources.len() == before {
            let message = format!(
                "no article files in this folder (looked for .{})",
                self.exts.join(", .")
            );
            self.out
                .sources
                .push(Source::Missing(path.display().to_string(), message));
        }
    }

    /// Walks the folder `root`.
    fn folder(&mut self, root: &Path) {
        let entries = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    self.walk_error(root, e);
                    continue;
                }
            };
            let kind = entry.file_type();
            if kind.is_dir() {
                continue;
            }
            let path = entry.path();
            if !kind.is_file() {
                self.skip(path, "not a regular file (a FIFO, socket or device)", true);
                continue;
            }
            if !self.first_visit(&entry) {
                continue;
            }
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            if !self.exts.contains(&ext) {
                self.skip(path, "not an article extension (see --ext)", false);
                continue;
            }
            let id = relative_id(root, path);
            let path = path.to_path_buf();
            self.out.sources.push(Source::File { path, id });
        }
    }

    fn walk_error(&mut self, root: &Path, e: walkdir::Error) {
        let path = e.path().unwrap_or(root).to_path_buf();
        if e.loop_ancestor().is_some() {
            self.skip(&path, "a symlink loop", true);
        } else {
            let message = format!("cannot read: {e}");
            self.out
                .sources
                .push(Source::Missing(path.display().to_string(), message));
        }
    }

    fn skip(&mut self, path: &Path, reason: &str, warn: bool) {
        self.out.skipped.push(Skipped {
            path: path.to_path_buf(),
            reason: reason.into(),
            warn,
        });
    }

    /// Whether `entry`'s file has not been taken yet (always, where files
    /// have no inode).
    fn first_visit(&mut self, entry: &walkdir::DirEntry) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if let Ok(m) = entry.metadata() {
                return self.seen.insert((m.dev(), m.ino()));
            }
        }
        let _ = entry;
        true
    }
}

/// The id of the file `path` found below `root`: its path below the root
/// without the extension, with `/` between folders (`us/statement`).
fn relative_id(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path).with_extension("");
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}
