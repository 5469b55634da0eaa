//! The claim files of an output folder (`extract -o DIR`): each article's
//! file is read, merged with the fresh extraction and written back while
//! the folder's lock file (`.whosaid.lock`) is held, so that two runs, or a
//! run and a review tool that takes the same lock, never lose each other's
//! work. Just before the atomic rename the file is read again; if it
//! changed meanwhile (a tool that does not lock), the merge is redone from
//! what is there now.

use std::collections::HashMap;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use fs4::FileExt;
use whosaid::workflow::review::{merge, ClaimFile, MergeReport};
use whosaid::Analysis;

use super::claims::parse_claim_file;
use super::write::{safe_file_stem, write_atomic_checked};

/// Name of the lock file in an output folder.
pub const LOCK_FILE: &str = ".whosaid.lock";
/// Times the merge is redone when the claim file keeps changing under it.
const MAX_RETRIES: usize = 5;

/// An output folder of claim files.
pub struct Store {
    dir: PathBuf,
    lock: File,
    /// The claim files written in this run, with their article's id: a
    /// second article whose id gives the same file is refused.
    written: Mutex<HashMap<PathBuf, String>>,
}

/// What writing one claim file did with the reviews.
#[derive(Debug, Default)]
pub struct Stored {
    /// The merge with the file that was there, if one was.
    pub merge: Option<MergeReport>,
}

/// Holds the folder's lock until dropped.
pub(crate) struct Locked<'a>(&'a File);

impl Drop for Locked<'_> {
    fn drop(&mut self) {
        let _ = FileExt::unlock(self.0);
    }
}

impl Store {
    /// Opens (creating it) the folder `dir` and its lock file, and removes
    /// the temporary files a killed run left behind.
    pub fn open(dir: &Path) -> io::Result<Store> {
        std::fs::create_dir_all(dir)?;
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(LOCK_FILE))?;
        let store = Store {
            dir: dir.to_path_buf(),
            lock,
            written: Mutex::default(),
        };
        let held = store.locked()?;
        // Temporary files are only written while the lock is held, so any
        // found now belong to a run that died.
        for entry in std::fs::read_dir(dir)?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && name.ends_with(".tmp") && name.contains(".yaml.") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        drop(held);
        Ok(store)
    }

    /// Takes the folder's lock (waiting for it), held until the guard is
    /// dropped.
    pub(crate) fn locked(&self) -> io::Result<Locked<'_>> {
        FileExt::lock(&self.lock)?;
        Ok(Locked(&self.lock))
    }

    /// The claim file path of article `id`.
    pub fn path_of(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{}.yaml", safe_file_stem(id)))
    }

    /// Writes the claim file of `analysis`, merged with the one already
    /// there. An existing file that cannot be read is left alone (its
    /// reviews would be lost) and the error says so.
    pub fn write(&self, analysis: Analysis, text: &str) -> io::Result<Stored> {
        let path = self.path_of(&analysis.article.id);
        self.claim_path(&path, &analysis.article.id)?;
        let fresh = ClaimFile::new(analysis, text);
        let _held = self.locked()?;
        let mut before = read_if_exists(&path)?;
        for _ in 0..MAX_RETRIES {
            let (file, merged) = match &before {
                Some(bytes) => {
                    let old = parse_existing(&path, bytes)?;
                    let (file, report) = merge(fresh.clone(), &old);
                    (file, Some(report))
                }
                None => (fresh.clone(), None),
            };
            let yaml = file.to_yaml().map_err(io::Error::other)?;
            let written = write_atomic_checked(&path, yaml.as_bytes(), || {
                let now = read_if_exists(&path)?;
                Ok((now != before).then_some(now))
            })
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
            match written {
                None => return Ok(Stored { merge: merged }),
                Some(changed) => before = changed,
            }
        }
        Err(io::Error::other(format!(
            "{}: the file kept changing while it was merged; not overwritten, so that no review is lost",
            path.display()
        )))
    }
}

impl Store {
    /// Records that article `id` is written to `path`; an error when an
    /// earlier article of this run was written there.
    fn claim_path(&self, path: &Path, id: &str) -> io::Result<()> {
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(first) = written.get(path) {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "{}: already written for article {first:?} in this run; the two ids give one file name, so this article is not written (give it a distinct id)",
                    path.display()
                ),
            ));
        }
        written.insert(path.to_path_buf(), id.to_string());
        Ok(())
    }
}

fn read_if_exists(path: &Path) -> io::Result<Option<Vec<u8>>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
    }
}

fn parse_existing(path: &Path, bytes: &[u8]) -> io::Result<ClaimFile> {
    parse_claim_file(path, bytes).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{e}; not overwritten, so that no review is lost"),
        )
    })
}
