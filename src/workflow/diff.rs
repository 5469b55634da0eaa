//! Differences between two extractions of the same articles: claims added,
//! removed, and changed (speaker, kind, content or cue). Claims are paired
//! by id first, then by overlapping content spans, so that a claim whose
//! content or speaker moved shows as changed rather than removed and added.
//! This module only computes; [`super::terminal`] renders the result.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::claim::{Claim, ClaimKind};
use crate::workflow::review::{ClaimFile, ReviewStatus, ReviewedClaim};

/// A short, comparable view of a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimSummary {
    /// The claim id.
    pub id: String,
    /// direct, indirect or mixed.
    pub kind: ClaimKind,
    /// The content text.
    pub content: String,
    /// The speaker's name.
    pub speaker: Option<String>,
    /// The cue as written.
    pub cue: Option<String>,
    /// Code-point start of the content.
    pub start: usize,
    /// The review status.
    pub review: ReviewStatus,
    /// The reviewer's note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who reviewed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
}

impl ClaimSummary {
    /// The summary of the reviewed claim `rc`.
    pub fn of(rc: &ReviewedClaim) -> ClaimSummary {
        let claim = &rc.claim;
        ClaimSummary {
            review: rc.review.status,
            note: rc.review.note.clone(),
            reviewer: rc.review.reviewer.clone(),
            id: claim.id.clone(),
            kind: claim.kind,
            content: claim.content.span.text.clone(),
            speaker: claim.speaker.as_ref().map(|s| s.name.clone()),
            cue: claim.cue.as_ref().map(|c| c.span.text.clone()),
            start: claim.content.span.start,
        }
    }
}

/// One field that differs between paired claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// `speaker`, `kind`, `content` or `cue`.
    pub field: &'static str,
    /// The old value.
    pub old: Option<String>,
    /// The new value.
    pub new: Option<String>,
}

/// A claim present in both extractions with different fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangedClaim {
    /// The claim before.
    pub old: ClaimSummary,
    /// The claim after.
    pub new: ClaimSummary,
    /// What differs.
    pub changes: Vec<FieldChange>,
}

/// The differences for one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ArticleDiff {
    /// The article id.
    pub article: String,
    /// Whether the article exists only on one side (`old` or `new`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub only_in: Option<&'static str>,
    /// Claims only in the new extraction.
    pub added: Vec<ClaimSummary>,
    /// Claims only in the old extraction.
    pub removed: Vec<ClaimSummary>,
    /// Claims in both with different fields.
    pub changed: Vec<ChangedClaim>,
}

impl ArticleDiff {
    /// Whether anything differs.
    pub fn is_empty(&self) -> bool {
        self.only_in.is_none()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
    }
}

pub(crate) fn kind_name(k: ClaimKind) -> &'static str {
    match k {
        ClaimKind::Direct => "direct",
        ClaimKind::Indirect => "indirect",
        ClaimKind::Mixed => "mixed",
    }
}

fn field_changes(old: &ClaimSummary, new: &ClaimSummary) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut cmp = |field, a: Option<String>, b: Option<String>| {
        if a != b {
            out.push(FieldChange {
                field,
                old: a,
                new: b,
            });
        }
    };
    cmp("speaker", old.speaker.clone(), new.speaker.clone());
    cmp(
        "kind",
        Some(kind_name(old.kind).into()),
        Some(kind_name(new.kind).into()),
    );
    cmp(
        "content",
        Some(old.content.clone()),
        Some(new.content.clone()),
    );
    cmp("cue", old.cue.clone(), new.cue.clone());
    cmp(
        "review",
        Some(old.review.as_str().into()),
        Some(new.review.as_str().into()),
    );
    cmp("note", old.note.clone(), new.note.clone());
    cmp("reviewer", old.reviewer.clone(), new.reviewer.clone());
    out
}

fn overlaps(a: &Claim, b: &Claim) -> bool {
    let (a, b) = (&a.content.span, &b.content.span);
    a.start < b.end && b.start < a.end
}

/// Compares two claim files of the same article, review blocks included.
pub fn diff_article(old: &ClaimFile, new: &ClaimFile) -> ArticleDiff {
    let mut diff = ArticleDiff {
        article: new.article.id.clone(),
        ..ArticleDiff::default()
    };
    let mut old_used = vec![false; old.claims.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut unpaired_new = Vec::new();
    for (j, n) in new.claims.iter().enumerate() {
        let n = &n.claim;
        if let Some(i) =
            (0..old.claims.len()).find(|&i| !old_used[i] && old.claims[i].claim.id == n.id)
        {
            old_used[i] = true;
            pairs.push((i, j));
        } else {
            unpaired_new.push(j);
        }
    }
    for j in unpaired_new {
        let n = &new.claims[j];
        match (0..old.claims.len())
            .find(|&i| !old_used[i] && overlaps(&old.claims[i].claim, &n.claim))
        {
            Some(i) => {
                old_used[i] = true;
                pairs.push((i, j));
            }
            None => diff.added.push(ClaimSummary::of(n)),
        }
    }
    pairs.sort_by_key(|&(_, j)| j);
    for (i, j) in pairs {
        let (o, n) = (
            ClaimSummary::of(&old.claims[i]),
            ClaimSummary::of(&new.claims[j]),
        );
        let changes = field_changes(&o, &n);
        if !changes.is_empty() {
            diff.changed.push(ChangedClaim {
                old: o,
                new: n,
                changes,
            });
        }
    }
    diff.removed = old
        .claims
        .iter()
        .zip(&old_used)
        .filter(|(_, used)| !**used)
        .map(|(c, _)| ClaimSummary::of(c))
        .collect();
    diff.added.sort_by_key(|c| c.start);
    diff
}

/// Compares two sets of claim files, paired by article id; articles
/// present on one side only are reported with all their claims added or
/// removed. Only articles that differ are returned, sorted by id.
pub fn diff_sets(old: &[ClaimFile], new: &[ClaimFile]) -> Vec<ArticleDiff> {
    type Sides<'a> = (Option<&'a ClaimFile>, Option<&'a ClaimFile>);
    let mut by_id: BTreeMap<&str, Sides> = BTreeMap::new();
    for a in old {
        by_id.entry(&a.article.id).or_default().0 = Some(a);
    }
    for a in new {
        by_id.entry(&a.article.id).or_default().1 = Some(a);
    }
    let mut out = Vec::new();
    for (id, sides) in by_id {
        let d = match sides {
            (Some(o), Some(n)) => diff_article(o, n),
            (Some(o), None) => ArticleDiff {
                article: id.to_string(),
                only_in: Some("old"),
                removed: o.claims.iter().map(ClaimSummary::of).collect(),
                ..ArticleDiff::default()
            },
            (None, Some(n)) => ArticleDiff {
                article: id.to_string(),
                only_in: Some("new"),
                added: n.claims.iter().map(ClaimSummary::of).collect(),
                ..ArticleDiff::default()
            },
            (None, None) => continue,
        };
        if !d.is_empty() {
            out.push(d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Grammar;
    use crate::workflow::terminal::render;

    fn analyze(text: &str) -> ClaimFile {
        ClaimFile::new(crate::analyze(text, &Grammar::bundled()), text)
    }

    #[test]
    fn identical_extractions_do_not_differ() {
        let a = analyze("\"We will act,\" the minister said.");
        assert!(diff_article(&a, &a).is_empty());
        assert_eq!(
            render(
                &diff_sets(std::slice::from_ref(&a), std::slice::from_ref(&a)),
                false
            ),
            "no differences\n"
        );
    }

    #[test]
    fn added_removed_and_changed_claims_are_found() {
        let old = analyze("\"We will act,\" the minister said. \"No,\" Bob Smith said.");
        let mut new = analyze("\"We will act,\" the minister said. \"Yes,\" Ann Lee said.");
        new.claims[0].claim.speaker.as_mut().unwrap().name = "Jane Doe".into();
        let d = diff_article(&old, &new);
        // "Yes," sits where "No," was, so the two pair up as one changed claim.
        assert_eq!(d.changed.len(), 2, "{d:#?}");
        assert_eq!(d.changed[0].changes[0].field, "speaker");
        assert_eq!(d.changed[0].changes[0].new.as_deref(), Some("Jane Doe"));
        let fields: Vec<&str> = d.changed[1].changes.iter().map(|c| c.field).collect();
        assert_eq!(fields, ["speaker", "content"]);
        let short = analyze("\"We will act,\" the minister said.");
        let d = diff_article(&old, &short);
        assert_eq!(d.removed.len(), 1);
        assert_eq!(d.removed[0].content, "No,");
        let d = diff_article(&short, &old);
        assert_eq!(d.added.len(), 1);
        let text = render(&[d], true);
        assert!(text.contains("\x1b[32m+ "), "{text}");
    }

    #[test]
    fn articles_on_one_side_only_are_reported() {
        let mut a = analyze("\"We will act,\" the minister said.");
        a.article.id = "a".into();
        let d = diff_sets(&[a], &[]);
        assert_eq!(d[0].only_in, Some("old"));
        assert_eq!(d[0].removed.len(), 1);
    }

    #[test]
    fn review_changes_alone_are_differences() {
        let old = analyze("\"We will act,\" the minister said.");
        let mut new = old.clone();
        new.claims[0].review.status = ReviewStatus::Confirmed;
        new.claims[0].review.note = Some("on tape".into());
        let d = diff_article(&old, &new);
        let fields: Vec<&str> = d.changed[0].changes.iter().map(|c| c.field).collect();
        assert_eq!(fields, ["review", "note"]);
        let text = render(&[d], false);
        assert!(
            text.contains("review: unreviewed \u{2192} confirmed"),
            "{text}"
        );
        // A reviewed claim that goes is marked with its verdict.
        let gone = diff_article(&new, &analyze("Nothing was said."));
        let text = render(&[gone], false);
        assert!(text.contains("- [confirmed] "), "{text}");
    }
}
