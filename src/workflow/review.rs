//! Claim files: what `extract -o DIR` writes, one per article. A claim file
//! is an [`Analysis`] whose article carries its text and whose claims each
//! carry a [`Review`] block for the fact-checker. Re-extracting merges the
//! new analysis with the old file so that review work is never lost and
//! never moves to another claim: a review follows a claim only when the new
//! claim says the same words by the same resolved speaker (see
//! [`crate::claim_id`]); repeated statements pair up in text order. Reviews
//! that find no such claim are kept in `orphaned`, with the id of the
//! likely successor. This module only transforms values; reading and
//! writing files is the CLI's job.

use std::collections::{BTreeMap, HashMap, VecDeque};

use serde::{Deserialize, Deserializer, Serialize};

use crate::claim::{Analysis, ArticleInfo, Claim};
use crate::claim_id::identity_hash;

/// Where a claim stands in review.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// Nobody has looked at it yet.
    #[default]
    Unreviewed,
    /// A reviewer checked the attribution and it is right.
    Confirmed,
    /// A reviewer checked the attribution and it is wrong.
    Rejected,
}

impl ReviewStatus {
    /// The status as written in claim files.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Unreviewed => "unreviewed",
            ReviewStatus::Confirmed => "confirmed",
            ReviewStatus::Rejected => "rejected",
        }
    }
}

/// A reviewer's verdict on one claim.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// unreviewed, confirmed or rejected.
    #[serde(default)]
    pub status: ReviewStatus,
    /// Free-form note. A number or `yes` written by hand reads as its text.
    #[serde(default, deserialize_with = "lenient_text")]
    pub note: Option<String>,
    /// Who reviewed it.
    #[serde(default, deserialize_with = "lenient_text")]
    pub reviewer: Option<String>,
    /// Fields a reviewer added (`source_checked: true`), kept as written.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_yaml::Value>,
}

/// Reads a hand-written scalar as text: `note: 12` or `note: yes` is the
/// note "12" or "yes", not an error that makes the whole claim file
/// unreadable; `note: null` or `~` is no note.
fn lenient_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    use serde_yaml::Value;
    Ok(match Value::deserialize(d)? {
        Value::Null => None,
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s),
        other => Some(
            serde_yaml::to_string(&other)
                .unwrap_or_default()
                .trim_end()
                .to_string(),
        ),
    })
}

impl Review {
    /// Whether a person has put anything into this block.
    pub fn has_work(&self) -> bool {
        self.status != ReviewStatus::Unreviewed
            || self.note.as_deref().is_some_and(|n| !n.trim().is_empty())
            || self
                .reviewer
                .as_deref()
                .is_some_and(|r| !r.trim().is_empty())
            || !self.extra.is_empty()
    }
}

/// A claim with its review block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewedClaim {
    /// The claim as extracted.
    #[serde(flatten)]
    pub claim: Claim,
    /// The review; a fresh claim is unreviewed.
    #[serde(default)]
    pub review: Review,
}

/// The review of a claim that a later extraction no longer finds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrphanedReview {
    /// The claim's id when it was reviewed.
    pub id: String,
    /// Its content text.
    pub content: String,
    /// Its speaker's name.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The review that no claim carries any more.
    pub review: Review,
    /// The claim that most likely took its place (same words by another
    /// speaker, or the same speaker's nearest claim), to re-confirm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likely_successor: Option<String>,
}

/// One article's claim file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimFile {
    /// The article's facts, including its `text`.
    pub article: ArticleInfo,
    /// The claims with their reviews, in text order.
    pub claims: Vec<ReviewedClaim>,
    /// Reviews whose claim disappeared, kept until a person deletes them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orphaned: Vec<OrphanedReview>,
}

impl ClaimFile {
    /// A fresh claim file for `analysis` of `text`: every claim unreviewed.
    pub fn new(analysis: Analysis, text: &str) -> ClaimFile {
        let mut article = analysis.article;
        if article.text.is_none() {
            article.text = Some(text.to_string());
        }
        ClaimFile {
            article,
            claims: analysis
                .claims
                .into_iter()
                .map(|claim| ReviewedClaim {
                    claim,
                    review: Review::default(),
                })
                .collect(),
            orphaned: Vec::new(),
        }
    }

    /// The analysis without review blocks.
    pub fn analysis(&self) -> Analysis {
        Analysis {
            article: self.article.clone(),
            claims: self.claims.iter().map(|c| c.claim.clone()).collect(),
            warnings: Vec::new(),
        }
    }
}

impl ClaimFile {
    /// The claim file as YAML. A note or reviewer that a YAML 1.1 reader
    /// (PyYAML, many spreadsheets' importers) would take for a boolean, a
    /// number or a date (`yes`, `on`, `2024-05-01`) is written quoted, so
    /// that every reader gets back the same string.
    pub fn to_yaml(&self) -> Result<String, serde_yaml::Error> {
        let quoted = |t: &Option<String>| t.as_deref().is_some_and(ambiguous_in_yaml_1_1);
        let needs_quotes = self
            .claims
            .iter()
            .map(|c| &c.review)
            .chain(self.orphaned.iter().map(|o| &o.review))
            .any(|r| quoted(&r.note) || quoted(&r.reviewer));
        let plain = serde_yaml::to_string(self)?;
        if !needs_quotes {
            return Ok(plain);
        }
        // The emitter picks scalar styles itself, so each such value is
        // written as a placeholder found nowhere else in the file, and the
        // placeholder is then replaced by the value in single quotes.
        let mut prefix = 0u32;
        while plain.contains(&format!("wsq{prefix}n")) {
            prefix += 1;
        }
        let mut copy = self.clone();
        let mut values = Vec::new();
        let reviews = copy
            .claims
            .iter_mut()
            .map(|c| &mut c.review)
            .chain(copy.orphaned.iter_mut().map(|o| &mut o.review));
        for review in reviews {
            for field in [&mut review.note, &mut review.reviewer] {
                if quoted(field) {
                    let value = field.replace(format!("wsq{prefix}n{}z", values.len()));
                    values.push(value.unwrap_or_default());
                }
            }
        }
        let mut yaml = serde_yaml::to_string(&copy)?;
        for (n, value) in values.iter().enumerate() {
            let quoted = format!("'{}'", value.replace('\'', "''"));
            yaml = yaml.replacen(&format!("wsq{prefix}n{n}z"), &quoted, 1);
        }
        Ok(yaml)
    }
}

/// Whether a one-line plain scalar `s` would read as something other than
/// a string under YAML 1.1: its booleans and nulls, and anything starting
/// like a number, date or time (quoting more than needed is harmless).
fn ambiguous_in_yaml_1_1(s: &str) -> bool {
    const WORDS: [&str; 12] = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", ".nan", ".inf",
    ];
    if s.is_empty() || s.chars().any(char::is_control) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    let number_like = lower
        .trim_start_matches(['+', '-', '.'])
        .starts_with(|c: char| c.is_ascii_digit());
    WORDS.contains(&lower.as_str()) || number_like || lower.ends_with(".inf")
}

/// What a merge did with the old reviews.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Reviews carried over to the claim with the same id.
    pub kept_by_id: usize,
    /// Reviews carried over to the same statement by the same speaker under
    /// another id (a file written before ids named the speaker).
    pub kept_by_content: usize,
    /// Reviewed claims that disappeared in this run (now in `orphaned`).
    pub orphaned: Vec<OrphanedReview>,
    /// Ids of unreviewed claims that disappeared (nothing to keep).
    pub dropped_unreviewed: Vec<String>,
}

fn speaker_name(c: &Claim) -> Option<&str> {
    c.speaker.as_ref().map(|s| s.name.as_str())
}

/// What makes two claims the same statement: its words and its speaker's
/// resolved name.
type Identity<'a> = (&'a str, Option<&'a str>);

fn identity(c: &Claim) -> Identity<'_> {
    (c.content.span.text.as_str(), speaker_name(c))
}

/// The fresh claims not yet given a review, by identity, in text order.
struct Unclaimed<'a> {
    /// Indices by the hash of their identity (claims whose identities
    /// collide share a queue and are told apart by comparison).
    by_identity: HashMap<u64, VecDeque<usize>>,
    claims: &'a [ReviewedClaim],
}

impl<'a> Unclaimed<'a> {
    fn new(claims: &'a [ReviewedClaim]) -> Self {
        let mut by_identity: HashMap<u64, VecDeque<usize>> = HashMap::new();
        for (i, c) in claims.iter().enumerate() {
            let (content, speaker) = identity(&c.claim);
            by_identity
                .entry(identity_hash(content, speaker))
                .or_default()
                .push_back(i);
        }
        Unclaimed {
            by_identity,
            claims,
        }
    }

    /// The first unclaimed claim with this identity, now claimed.
    fn take(&mut self, id: Identity<'_>) -> Option<usize> {
        let queue = self.by_identity.get_mut(&identity_hash(id.0, id.1))?;
        let k = queue
            .iter()
            .position(|&i| identity(&self.claims[i].claim) == id)?;
        queue.remove(k)
    }
}

/// Finds the likely successor of a vanished claim: the first claim with
/// the same words (its speaker changed), or else the claim of the same
/// speaker whose content starts nearest to where the old one did.
struct Successors<'a> {
    by_content: HashMap<&'a str, usize>,
    by_speaker: HashMap<&'a str, Vec<(usize, usize)>>,
    claims: &'a [ReviewedClaim],
}

impl<'a> Successors<'a> {
    fn new(claims: &'a [ReviewedClaim]) -> Self {
        let mut by_content = HashMap::new();
        let mut by_speaker: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        for (i, c) in claims.iter().enumerate() {
            by_content
                .entry(c.claim.content.span.text.as_str())
                .or_insert(i);
            if let Some(name) = speaker_name(&c.claim) {
                let start = c.claim.content.span.start;
                by_speaker.entry(name).or_default().push((start, i));
            }
        }
        Successors {
            by_content,
            by_speaker,
            claims,
        }
    }

    fn of(&self, content: &str, speaker: Option<&str>, start: Option<usize>) -> Option<String> {
        let nearest = || {
            let starts = self.by_speaker.get(speaker?)?;
            let start = start.unwrap_or(0);
            let after = starts.partition_point(|&(s, _)| s < start);
            let candidates = [after.checked_sub(1), Some(after)];
            candidates
                .into_iter()
                .flatten()
                .filter_map(|k| starts.get(k))
                .min_by_key(|(s, _)| s.abs_diff(start))
                .map(|&(_, i)| i)
        };
        let i = self.by_content.get(content).copied().or_else(nearest)?;
        Some(self.claims[i].claim.id.clone())
    }
}

/// Merges a fresh claim file with the previous one for the same article.
/// Each old review goes to the fresh claim with the same words by the same
/// resolved speaker; when one speaker says the same words several times,
/// the n-th old claim pairs with the n-th fresh one. A review never moves
/// to another speaker's claim. Reviews with work in them that find no claim
/// join `orphaned`, with their likely successor; earlier orphans stay there
/// unless their statement came back, in which case the review is restored.
/// Linear in the number of claims.
pub fn merge(mut fresh: ClaimFile, old: &ClaimFile) -> (ClaimFile, MergeReport) {
    let mut report = MergeReport::default();
    let mut reviews: Vec<Option<Review>> = vec![None; fresh.claims.len()];
    let mut lost: Vec<(OrphanedReview, usize)> = Vec::new();
    let mut orphaned = Vec::new();
    {
        let mut unclaimed = Unclaimed::new(&fresh.claims);
        for prev in &old.claims {
            match unclaimed.take(identity(&prev.claim)) {
                Some(i) => {
                    if prev.review.has_work() {
                        if fresh.claims[i].claim.id == prev.claim.id {
                            report.kept_by_id += 1;
                        } else {
                            report.kept_by_content += 1;
                        }
                    }
                    reviews[i] = Some(prev.review.clone());
                }
                None if prev.review.has_work() => lost.push((
                    OrphanedReview {
                        id: prev.claim.id.clone(),
                        content: prev.claim.content.span.text.clone(),
                        speaker: speaker_name(&prev.claim).map(str::to_string),
                        review: prev.review.clone(),
                        likely_successor: None,
                    },
                    prev.claim.content.span.start,
                )),
                None => report.dropped_unreviewed.push(prev.claim.id.clone()),
            }
        }
        for orphan in &old.orphaned {
            match unclaimed.take((&orphan.content, orphan.speaker.as_deref())) {
                Some(i) => reviews[i] = Some(orphan.review.clone()),
                None => orphaned.push(orphan.clone()),
            }
        }
    }
    for (claim, review) in fresh.claims.iter_mut().zip(reviews) {
        if let Some(review) = review {
            claim.review = review;
        }
    }
    let successors = Successors::new(&fresh.claims);
    for o in &mut orphaned {
        o.likely_successor = successors.of(&o.content, o.speaker.as_deref(), None);
    }
    for (mut o, start) in lost {
        o.likely_successor = successors.of(&o.content, o.speaker.as_deref(), Some(start));
        report.orphaned.push(o);
    }
    orphaned.extend(report.orphaned.iter().cloned());
    fresh.orphaned = orphaned;
    (fresh, report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Grammar;

    fn file(text: &str) -> ClaimFile {
        ClaimFile::new(crate::analyze(text, &Grammar::bundled()), text)
    }

    fn confirm(f: &mut ClaimFile, i: usize, note: &str) {
        f.claims[i].review = Review {
            status: ReviewStatus::Confirmed,
            note: Some(note.into()),
            reviewer: Some("ana".into()),
            ..Review::default()
        };
    }

    #[test]
    fn reviews_follow_their_claim_by_id() {
        let text = "\"We will act,\" the minister said. \"No,\" Bob Smith said.";
        let mut old = file(text);
        confirm(&mut old, 1, "checked the tape");
        let (merged, report) = merge(file(text), &old);
        assert_eq!(merged.claims[1].review, old.claims[1].review);
        assert_eq!(merged.claims[0].review, Review::default());
        assert_eq!(report.kept_by_id, 1);
        assert!(merged.orphaned.is_empty());
    }

    #[test]
    fn reviews_follow_content_and_speaker_when_the_id_changes() {
        let text = "\"We will act,\" the minister said.";
        let mut old = file(text);
        confirm(&mut old, 0, "ok");
        old.claims[0].claim.id = "c-old-id".into();
        let (merged, report) = merge(file(text), &old);
        assert_eq!(merged.claims[0].review.status, ReviewStatus::Confirmed);
        assert_eq!(report.kept_by_content, 1);
    }

    #[test]
    fn reviews_of_vanished_claims_are_orphaned_not_deleted() {
        let mut old = file("\"We will act,\" the minister said. \"No,\" Bob Smith said.");
        confirm(&mut old, 1, "Smith denied this later");
        let (merged, report) = merge(file("\"We will act,\" the minister said."), &old);
        assert_eq!(merged.claims.len(), 1);
        assert_eq!(report.orphaned.len(), 1);
        assert_eq!(merged.orphaned.len(), 1);
        assert_eq!(merged.orphaned[0].content, "No,");
        assert_eq!(merged.orphaned[0].speaker.as_deref(), Some("Bob Smith"));
        assert_eq!(
            merged.orphaned[0].review.note.as_deref(),
            Some("Smith denied this later")
        );
        // The orphan survives another run and comes back with its claim.
        let (again, _) = merge(file("\"We will act,\" the minister said."), &merged);
        assert_eq!(again.orphaned.len(), 1);
        let (back, _) = merge(
            file("\"We will act,\" the minister said. \"No,\" Bob Smith said."),
            &again,
        );
        assert!(back.orphaned.is_empty());
        assert_eq!(back.claims[1].review.status, ReviewStatus::Confirmed);
    }

    #[test]
    fn claim_files_round_trip_through_yaml() {
        let mut f = file("\"We will act,\" the minister said.");
        confirm(&mut f, 0, "fine");
        let yaml = serde_yaml::to_string(&f).unwrap();
        assert!(yaml.contains("review:\n    status: confirmed"), "{yaml}");
        let back: ClaimFile = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(back, f);
    }

    #[test]
    fn ambiguous_notes_are_quoted_and_read_back_as_the_same_string() {
        let mut f = file("\"We will act,\" the minister said.");
        for (note, quoted) in [
            ("yes", "'yes'"),
            ("On", "'On'"),
            ("2024-05-01", "'2024-05-01'"),
            ("12:30", "'12:30'"),
            ("it's fine", "it's fine"),
        ] {
            f.claims[0].review.note = Some(note.into());
            f.claims[0].review.reviewer = Some("no".into());
            let yaml = f.to_yaml().unwrap();
            assert!(yaml.contains(&format!("note: {quoted}\n")), "{yaml}");
            assert!(yaml.contains("reviewer: 'no'\n"), "{yaml}");
            let back: ClaimFile = serde_yaml::from_str(&yaml).unwrap();
            assert_eq!(back, f);
        }
    }

    #[test]
    fn hand_written_scalars_and_extra_fields_are_kept() {
        let f = file("\"We will act,\" the minister said.");
        let yaml = f.to_yaml().unwrap().replace(
            "status: unreviewed\n    note: null\n    reviewer: null",
            "status: confirmed\n    note: 12\n    reviewer: on\n    source_checked: true",
        );
        let back: ClaimFile = serde_yaml::from_str(&yaml).unwrap();
        let review = &back.claims[0].review;
        assert_eq!(review.note.as_deref(), Some("12"));
        assert_eq!(review.reviewer.as_deref(), Some("on"));
        assert_eq!(
            review.extra.get("source_checked"),
            Some(&serde_yaml::Value::Bool(true))
        );
        let (merged, _) = merge(file("\"We will act,\" the minister said."), &back);
        assert!(merged
            .to_yaml()
            .unwrap()
            .contains("    source_checked: true\n"));
    }
}
