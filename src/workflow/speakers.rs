//! Speaker directories (`--speakers speakers.yaml`): canonical names,
//! aliases, roles and Wikidata ids of the people and bodies a newsroom
//! follows. Applying a directory renames matching speakers to their
//! canonical name and adds the Wikidata id. It parses YAML handed to it and
//! never reads files itself.
//!
//! ```yaml
//! speakers:
//!   - name: Vladimir Putin
//!     aliases: [Putin, Russian President Vladimir Putin]
//!     roles: [President of Russia]
//!     wikidata: Q7747
//! ```

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::claim::Analysis;
use crate::error::{Error, Result};

/// One known speaker.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerEntry {
    /// The canonical name written to the output.
    pub name: String,
    /// Other names the speaker appears under.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Roles or job titles, the first one preferred.
    #[serde(default)]
    pub roles: Vec<String>,
    /// The Wikidata item id (`Q7747`).
    #[serde(default)]
    pub wikidata: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDirectory {
    speakers: Vec<SpeakerEntry>,
}

/// A validated speaker directory with a lookup by normalised name.
#[derive(Debug, Clone, Default)]
pub struct SpeakerDirectory {
    entries: Vec<SpeakerEntry>,
    by_name: HashMap<String, usize>,
}

/// Lower case with single spaces and typographic apostrophes made straight,
/// so that `Putin’s office` and `putin's  office` meet.
fn key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('’', "'")
        .to_lowercase()
}

impl SpeakerDirectory {
    /// Parses and validates a directory; `path` only names it in errors.
    /// Wikidata ids must look like `Q123`, and a name or alias may belong to
    /// one speaker only.
    pub fn from_yaml(path: &Path, yaml: &str) -> Result<SpeakerDirectory> {
        let raw: RawDirectory = serde_yaml::from_str(yaml).map_err(|e| {
            let loc = e.location();
            Error::Speakers {
                path: path.to_path_buf(),
                line: loc.as_ref().map_or(0, |l| l.line()),
                column: loc.as_ref().map_or(0, |l| l.column()),
                message: e.to_string(),
            }
        })?;
        let invalid = |message: String| Error::Speakers {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message,
        };
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for (i, entry) in raw.speakers.iter().enumerate() {
            if let Some(q) = &entry.wikidata {
                let ok =
                    q.len() > 1 && q.starts_with('Q') && q[1..].bytes().all(|b| b.is_ascii_digit());
                if !ok {
                    return Err(invalid(format!(
                        "speaker {:?}: wikidata id {q:?} is not of the form Q123",
                        entry.name
                    )));
                }
            }
            for name in std::iter::once(&entry.name).chain(&entry.aliases) {
                let k = key(name);
                if k.is_empty() {
                    return Err(invalid(format!("speaker {:?}: empty name", entry.name)));
                }
                if let Some(&other) = by_name.get(&k) {
                    if other != i {
                        return Err(invalid(format!(
                            "name {name:?} belongs to both {:?} and {:?}",
                            raw.speakers[other].name, entry.name
                        )));
                    }
                }
                by_name.insert(k, i);
            }
        }
        Ok(SpeakerDirectory {
            entries: raw.speakers,
            by_name,
        })
    }

    /// The entry whose canonical name or alias is `name` (case and spacing
    /// ignored).
    pub fn lookup(&self, name: &str) -> Option<&SpeakerEntry> {
        self.by_name.get(&key(name)).map(|&i| &self.entries[i])
    }

    /// Renames every speaker found in the directory (by resolved name, then
    /// by mention) to its canonical name, sets its Wikidata id, and fills a
    /// missing role with the entry's first role.
    pub fn apply(&self, analysis: &mut Analysis) {
        for claim in &mut analysis.claims {
            let Some(speaker) = claim.speaker.as_mut() else {
                continue;
            };
            let entry = self
                .lookup(&speaker.name)
                .or_else(|| self.lookup(&speaker.mention.text));
            if let Some(entry) = entry {
                speaker.name = entry.name.clone();
                speaker.wikidata = entry.wikidata.clone();
                if speaker.role.is_none() {
                    speaker.role = entry.roles.first().cloned();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Grammar;

    const YAML: &str = "speakers:\n  - name: Jane Q. Minister\n    aliases: [minister, the minister]\n    roles: [Minister of Finance]\n    wikidata: Q42\n";

    #[test]
    fn matching_speakers_get_the_canonical_name_and_wikidata_id() {
        let dir = SpeakerDirectory::from_yaml(Path::new("s.yaml"), YAML).unwrap();
        let mut a = crate::analyze(
            "\"We will act,\" the minister said. \"No,\" Bob Smith said.",
            &Grammar::bundled(),
        );
        dir.apply(&mut a);
        let s = a.claims[0].speaker.as_ref().unwrap();
        assert_eq!(s.name, "Jane Q. Minister");
        assert_eq!(s.wikidata.as_deref(), Some("Q42"));
        let other = a.claims[1].speaker.as_ref().unwrap();
        assert_eq!(other.name, "Bob Smith");
        assert_eq!(other.wikidata, None);
    }

    #[test]
    fn bad_directories_are_refused_with_the_path() {
        let bad_id = "speakers:\n  - {name: A, wikidata: X1}\n";
        let e = SpeakerDirectory::from_yaml(Path::new("s.yaml"), bad_id).unwrap_err();
        assert!(e.to_string().starts_with("s.yaml:"), "{e}");
        let dup = "speakers:\n  - {name: A, aliases: [x]}\n  - {name: B, aliases: [X]}\n";
        assert!(SpeakerDirectory::from_yaml(Path::new("s.yaml"), dup).is_err());
        let unknown = "speakers:\n  - {name: A, age: 3}\n";
        let e = SpeakerDirectory::from_yaml(Path::new("s.yaml"), unknown).unwrap_err();
        assert!(e.to_string().contains("s.yaml:2:"), "{e}");
    }
}
