//! Claim files: what `extract -o DIR` writes, one per article. A claim file
//! is an [`Analysis`] whose article carries its text and whose claims each
//! carry a [`Review`] block for the fact-checker. Re-extracting merges the
//! new analysis with the old file so that review work is never lost: reviews
//! follow their claim by id, or by content and speaker when the id changed,
//! and the reviews of claims that disappeared are kept in `orphaned`.
//! This module only transforms values; reading and writing is the CLI's job.

use serde::{Deserialize, Serialize};

use crate::claim::{Analysis, ArticleInfo, Claim};

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
    /// Free-form note.
    #[serde(default)]
    pub note: Option<String>,
    /// Who reviewed it.
    #[serde(default)]
    pub reviewer: Option<String>,
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

/// What a merge did with the old reviews.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Reviews carried over to a claim with the same id.
    pub kept_by_id: usize,
    /// Reviews carried over to a claim with a new id but the same content and speaker.
    pub kept_by_content: usize,
    /// Reviewed claims that disappeared in this run (now in `orphaned`).
    pub orphaned: Vec<OrphanedReview>,
    /// Ids of unreviewed claims that disappeared (nothing to keep).
    pub dropped_unreviewed: Vec<String>,
}

fn speaker_name(c: &Claim) -> Option<&str> {
    c.speaker.as_ref().map(|s| s.name.as_str())
}

/// Merges a fresh claim file with the previous one for the same article.
/// Each old review goes to the new claim with the same id, or else to the
/// first unclaimed new claim with the same content text and speaker name.
/// Reviews with work in them whose claim is gone join `orphaned`; earlier
/// orphans stay there unless their claim came back, in which case the
/// review is restored.
pub fn merge(mut fresh: ClaimFile, old: &ClaimFile) -> (ClaimFile, MergeReport) {
    let mut report = MergeReport::default();
    let mut taken = vec![false; fresh.claims.len()];
    let mut lost: Vec<OrphanedReview> = Vec::new();
    for prev in &old.claims {
        let by_id = fresh
            .claims
            .iter()
            .position(|c| c.claim.id == prev.claim.id)
            .filter(|&i| !taken[i]);
        let found = by_id.map(|i| (i, true)).or_else(|| {
            fresh
                .claims
                .iter()
                .enumerate()
                .position(|(i, c)| {
                    !taken[i]
                        && c.claim.content.span.text == prev.claim.content.span.text
                        && speaker_name(&c.claim) == speaker_name(&prev.claim)
                })
                .map(|i| (i, false))
        });
        match found {
            Some((i, same_id)) => {
                taken[i] = true;
                fresh.claims[i].review = prev.review.clone();
                if prev.review.has_work() {
                    if same_id {
                        report.kept_by_id += 1;
                    } else {
                        report.kept_by_content += 1;
                    }
                }
            }
            None if prev.review.has_work() => lost.push(OrphanedReview {
                id: prev.claim.id.clone(),
                content: prev.claim.content.span.text.clone(),
                speaker: speaker_name(&prev.claim).map(str::to_string),
                review: prev.review.clone(),
            }),
            None => report.dropped_unreviewed.push(prev.claim.id.clone()),
        }
    }
    let mut orphaned = Vec::new();
    for orphan in old.orphaned.iter().cloned() {
        let back = fresh.claims.iter().enumerate().position(|(i, c)| {
            !taken[i]
                && !c.review.has_work()
                && (c.claim.id == orphan.id
                    || (c.claim.content.span.text == orphan.content
                        && speaker_name(&c.claim) == orphan.speaker.as_deref()))
        });
        match back {
            Some(i) => {
                taken[i] = true;
                fresh.claims[i].review = orphan.review;
            }
            None => orphaned.push(orphan),
        }
    }
    orphaned.extend(lost.iter().cloned());
    fresh.orphaned = orphaned;
    report.orphaned = lost;
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
}
