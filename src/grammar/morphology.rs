//! The pack's morphology (`morphology:` in `pack.yaml`): how a name written
//! in an oblique case is brought back to the nominative (`по словам
//! Дмитрия Пескова` → `Дмитрий Песков`), and whether nouns are
//! capitalised. Rules are data: a frame names the case its speaker stands
//! in (`speaker_case`), and the case's ending rules rewrite each word of
//! the speaker's name.

use std::collections::BTreeMap;

use std::path::PathBuf;

use serde::Deserialize;

use super::frame::Frame;
use crate::error::{Error, Result};

/// What `pack.yaml` says of the language's morphology.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Morphology {
    /// By case name (`genitive`), the endings that turn a name word in that
    /// case into the nominative, tried longest first.
    #[serde(default)]
    pub name_cases: BTreeMap<String, Vec<Ending>>,
    /// Whether the language writes every noun with a capital (German): a
    /// lower-case word after a speaker's head noun is then never part of
    /// the speaker.
    #[serde(default)]
    pub capitalised_nouns: bool,
}

/// One ending rule: a word ending in `from` ends in `to` in the nominative.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    /// The oblique ending (`ова`).
    pub from: String,
    /// The nominative ending (`ов`); may be empty.
    pub to: String,
}

/// The fewest characters a name word keeps before an ending: shorter words
/// (initials, particles) are left as written.
const MIN_STEM: usize = 2;

impl Morphology {
    /// Checks the rules: no empty `from`; sorts each case's rules longest
    /// first.
    pub(super) fn validate(&mut self) -> std::result::Result<(), (String, String)> {
        for (case, rules) in &mut self.name_cases {
            if rules.iter().any(|r| r.from.trim().is_empty()) {
                return Err((case.clone(), "an ending rule with an empty `from`".into()));
            }
            rules.sort_by_key(|r| std::cmp::Reverse(r.from.chars().count()));
        }
        Ok(())
    }

    /// Whether the pack has rules for `case`.
    pub fn knows_case(&self, case: &str) -> bool {
        self.name_cases.contains_key(case)
    }

    /// `name`, written in `case`, in the nominative: each capitalised word
    /// takes the first (longest) rule its ending matches. Words without a
    /// capital, and a case without rules, are left as written.
    pub fn nominative(&self, case: &str, name: &str) -> String {
        let Some(rules) = self.name_cases.get(case) else {
            return name.to_string();
        };
        let words: Vec<String> = name.split(' ').map(|w| nominative_word(rules, w)).collect();
        words.join(" ")
    }
}

/// Refuses a frame whose `speaker_case` the pack has no rules for.
pub(super) fn check_frame_cases(frames: &[Frame], morphology: &Morphology) -> Result<()> {
    let unknown = frames.iter().find_map(|f| {
        f.speaker_case
            .as_deref()
            .filter(|c| !morphology.knows_case(c))
            .map(|c| (f, c))
    });
    match unknown {
        Some((f, case)) => Err(Error::GrammarInvalid {
            path: PathBuf::from("frames.yaml"),
            entry: f.id.clone(),
            reason: format!("speaker_case {case:?} has no ending rules in pack.yaml"),
        }),
        None => Ok(()),
    }
}

fn nominative_word(rules: &[Ending], word: &str) -> String {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return word.to_string();
    }
    for rule in rules {
        if let Some(stem) = word.strip_suffix(rule.from.as_str()) {
            if stem.chars().count() >= MIN_STEM {
                return format!("{stem}{}", rule.to);
            }
        }
    }
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(pairs: &[(&str, &str)]) -> Morphology {
        let mut m = Morphology::default();
        let list = pairs
            .iter()
            .map(|(f, t)| Ending {
                from: f.to_string(),
                to: t.to_string(),
            })
            .collect();
        m.name_cases.insert("genitive".into(), list);
        m.validate().unwrap();
        m
    }

    #[test]
    fn longest_ending_first_and_capitalised_words_only() {
        let m = rules(&[("а", ""), ("ия", "ий"), ("ова", "ов")]);
        assert_eq!(
            m.nominative("genitive", "Дмитрия Пескова"),
            "Дмитрий Песков"
        );
        assert_eq!(m.nominative("genitive", "главы МИД"), "главы МИД");
        assert_eq!(m.nominative("dative", "Пескова"), "Пескова");
        // A stem shorter than two letters is kept as written.
        assert_eq!(m.nominative("genitive", "Яа"), "Яа");
    }
}
