//! The review desk's values (`whosaid review`): the article list with its
//! counts, the HTML of one article as the desk shows it (highlighted in the
//! static report's speaker colours, every text escaped), and a verdict
//! applied to a claim file value. It owns the rules of a verdict (what may
//! change, what counts as a conflict) and nothing of HTTP or files: the CLI
//! serves these values and reads and writes claim files under the lock.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::claim::Claim;
use crate::workflow::report::{
    escape, kind_name, layered_text, role, speaker_label, Section, LOW_CONFIDENCE, STYLE,
};
use crate::workflow::review::{ClaimFile, OrphanedReview, ReviewStatus, ReviewedClaim};

/// Longest note or reviewer name the desk accepts, in characters.
pub const MAX_NOTE_CHARS: usize = 10_000;

/// One line of the article list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleSummary {
    /// The desk's id of the article: its claim file's name without extension.
    pub id: String,
    /// The article's own id.
    pub article: String,
    /// Its title, when the claim file has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Number of claims.
    pub claims: usize,
    /// Claims nobody has reviewed.
    pub unreviewed: usize,
    /// Confirmed claims.
    pub confirmed: usize,
    /// Rejected claims.
    pub rejected: usize,
    /// Reviews whose claim is no longer extracted.
    pub orphaned: usize,
}

/// The article list line of claim file `file`, known to the desk as `id`.
pub fn summary(id: &str, file: &ClaimFile) -> ArticleSummary {
    let count = |s: ReviewStatus| file.claims.iter().filter(|c| c.review.status == s).count();
    ArticleSummary {
        id: id.to_string(),
        article: file.article.id.clone(),
        title: file.article.title.clone(),
        claims: file.claims.len(),
        unreviewed: count(ReviewStatus::Unreviewed),
        confirmed: count(ReviewStatus::Confirmed),
        rejected: count(ReviewStatus::Rejected),
        orphaned: file.orphaned.len(),
    }
}

/// The static report's style sheet, which the desk's own extends: the
/// article text, highlights, mentions, cues and legend look the same.
pub fn report_style() -> &'static str {
    STYLE
}

/// The review a page saw before it asked for a change.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeenReview {
    /// The status shown.
    pub status: ReviewStatus,
    /// The note shown (absent or null: none).
    #[serde(default)]
    pub note: Option<String>,
}

/// A verdict as posted to the desk.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    /// The new status.
    pub status: ReviewStatus,
    /// The new note; absent or null keeps the note, an empty note removes it.
    #[serde(default)]
    pub note: Option<String>,
    /// Who gives the verdict; absent, the desk's reviewer.
    #[serde(default)]
    pub reviewer: Option<String>,
    /// The review the reviewer saw. When given and the claim's review has
    /// changed since, the verdict is a conflict instead of overwriting it.
    #[serde(default)]
    pub seen: Option<SeenReview>,
    /// The id of an orphaned review that this verdict replaces: the orphan
    /// is removed in the same write (moving a review onto its successor).
    #[serde(default)]
    pub from_orphan: Option<String>,
}

/// Why a verdict was not applied.
#[derive(Debug, Clone, PartialEq)]
pub enum VerdictError {
    /// The body is not a valid verdict.
    BadRequest(String),
    /// No such claim or orphaned review.
    NotFound(String),
    /// The claim changed since the reviewer saw it; carries it as it is now.
    Conflict(String, Option<Box<ReviewedClaim>>),
}

impl ReviewRequest {
    /// Reads a verdict from a JSON body.
    pub fn from_json(body: &[u8]) -> Result<ReviewRequest, VerdictError> {
        let req: ReviewRequest = serde_json::from_slice(body)
            .map_err(|e| VerdictError::BadRequest(format!("bad review body: {e}")))?;
        for (field, value) in [("note", &req.note), ("reviewer", &req.reviewer)] {
            if value
                .as_deref()
                .is_some_and(|v| v.chars().count() > MAX_NOTE_CHARS)
            {
                return Err(VerdictError::BadRequest(format!(
                    "{field} is longer than {MAX_NOTE_CHARS} characters"
                )));
            }
        }
        Ok(req)
    }
}

fn trimmed(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Applies `req` to claim `claim_id` of `file`, in place, and returns the
/// updated claim. Fields a reviewer added to the review block by hand stay.
/// Nothing changes when it fails.
pub fn apply_verdict(
    file: &mut ClaimFile,
    claim_id: &str,
    req: &ReviewRequest,
    desk_reviewer: &str,
) -> Result<ReviewedClaim, VerdictError> {
    let Some(i) = file.claims.iter().position(|c| c.claim.id == claim_id) else {
        return Err(match req.seen {
            Some(_) => VerdictError::Conflict(
                format!("claim {claim_id} is no longer in the claim file (re-extracted?)"),
                None,
            ),
            None => VerdictError::NotFound(format!("no claim {claim_id}")),
        });
    };
    let orphan = match &req.from_orphan {
        Some(o) => Some(
            file.orphaned
                .iter()
                .position(|r| r.id == *o)
                .ok_or_else(|| VerdictError::NotFound(format!("no orphaned review {o}")))?,
        ),
        None => None,
    };
    let current = &file.claims[i].review;
    let note = match &req.note {
        Some(n) => trimmed(Some(n.as_str())),
        None => current.note.clone(),
    };
    if let Some(seen) = &req.seen {
        let now = trimmed(current.note.as_deref());
        let unchanged = current.status == seen.status && now == trimmed(seen.note.as_deref());
        let already = current.status == req.status && now == note;
        if !unchanged && !already {
            return Err(VerdictError::Conflict(
                format!(
                    "claim {claim_id} was changed meanwhile (now {}); reload to see it",
                    current.status.as_str()
                ),
                Some(Box::new(file.claims[i].clone())),
            ));
        }
    }
    let reviewer = trimmed(req.reviewer.as_deref()).or_else(|| trimmed(Some(desk_reviewer)));
    let review = &mut file.claims[i].review;
    review.status = req.status;
    review.note = note;
    // A reset claim without a note carries no one's work, so no name either.
    review.reviewer = if req.status == ReviewStatus::Unreviewed && review.note.is_none() {
        None
    } else {
        reviewer
    };
    if let Some(o) = orphan {
        file.orphaned.remove(o);
    }
    Ok(file.claims[i].clone())
}

/// The claim most likely to have taken an orphaned review's place: the
/// successor the extraction named, or else the same words by anyone, or
/// else the same speaker's first claim without a review.
pub fn suggested_successor<'a>(file: &'a ClaimFile, orphan: &OrphanedReview) -> Option<&'a Claim> {
    let claims = || file.claims.iter().map(|c| &c.claim);
    let speaker = |c: &Claim| c.speaker.as_ref().map(|s| s.name.clone());
    let named = orphan.likely_successor.as_deref();
    claims()
        .find(|c| Some(c.id.as_str()) == named)
        .or_else(|| claims().find(|c| c.content.span.text == orphan.content))
        .or_else(|| {
            file.claims
                .iter()
                .find(|c| !c.review.has_work() && speaker(&c.claim) == orphan.speaker)
                .map(|c| &c.claim)
        })
}

/// The desk's view of one article as an HTML fragment: facts, legend, the
/// text with every claim highlighted, the list of claims with their
/// verdicts and buttons, and the orphaned reviews with their suggested
/// successors. Every text from the claim file is escaped; the page's script
/// finds claims by their `data-` attributes.
pub fn article_view(id: &str, file: &ClaimFile) -> String {
    let info = &file.article;
    let section = Section::new(file, 0);
    let (colours, order) = (&section.colours, &section.order);
    let (layers, unplaced) = section.layers();
    let text = info.text.as_deref().unwrap_or("");
    let mut out = String::new();
    let title = info.title.clone().unwrap_or_else(|| info.id.clone());
    let facts: Vec<String> = [
        Some(format!("id {}", info.id)),
        info.date.clone(),
        info.outlet.clone().or(info.site_name.clone()),
        info.byline.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let _ = writeln!(
        out,
        "<div class=\"view\" data-article=\"{}\"><h2>{}</h2><p class=\"facts\">{}</p>",
        escape(id),
        escape(&title),
        escape(&facts.join(" \u{b7} "))
    );
    if text.is_empty() {
        out.push_str("<p class=\"warn\">This claim file carries no article text; re-extract it with <code>whosaid extract -o</code>.</p>\n");
    } else if unplaced > 0 {
        let _ = writeln!(
            out,
            "<p class=\"warn\">{unplaced} claims do not match the article text and are listed only.</p>"
        );
    }
    out.push_str("<div class=\"legend\">");
    for label in order {
        let _ = write!(
            out,
            "<span class=\"swatch\" style=\"--c:{}\">{}</span> ",
            colours[label],
            escape(label)
        );
    }
    out.push_str("</div>\n<div class=\"columns\">\n<div class=\"text\">");
    out.push_str(&layered_text(text, &layers));
    out.push_str("</div>\n<ol class=\"claims\">\n");
    for rc in &file.claims {
        claim_item(&mut out, rc, colours[&speaker_label(&rc.claim)]);
    }
    out.push_str("</ol>\n</div>\n");
    orphans_section(&mut out, file);
    out.push_str("</div>\n");
    out
}

/// One claim of the side list.
fn claim_item(out: &mut String, rc: &ReviewedClaim, colour: &str) {
    let c = &rc.claim;
    let label = speaker_label(c);
    let low = c.confidence < LOW_CONFIDENCE;
    let note = rc.review.note.as_deref().unwrap_or("");
    let status = rc.review.status.as_str();
    let _ = write!(
        out,
        "<li class=\"item {status}{}\" style=\"--c:{colour}\" data-claim=\"{}\" data-status=\"{status}\" data-note=\"{}\" data-kind=\"{}\" data-speaker=\"{}\" data-low=\"{low}\"><b>{}</b>",
        if low { " low" } else { "" },
        escape(&c.id),
        escape(note),
        kind_name(c.kind),
        escape(&label),
        escape(&label)
    );
    if let Some(role) = role(c) {
        let _ = write!(out, " <i>{}</i>", escape(role));
    }
    let _ = write!(
        out,
        "<br><span class=\"meta\">{} \u{b7} cue <b>{}</b> \u{b7} confidence {:.2}{}</span><br><q>{}</q>",
        kind_name(c.kind),
        escape(c.cue.as_ref().map_or("(none)", |q| q.span.text.as_str())),
        c.confidence,
        if low {
            " <span class=\"flag\">low confidence</span>"
        } else {
            ""
        },
        escape(&c.content.span.text)
    );
    let _ = writeln!(
        out,
        "<div class=\"verdict\"><span class=\"status\">{status}</span> <span class=\"note\">{}</span> <span class=\"who\">{}</span></div>\
<div class=\"buttons\"><button data-act=\"confirm\" title=\"c\">Confirm</button><button data-act=\"reject\" title=\"r\">Reject</button><button data-act=\"reset\" title=\"Reset to unreviewed\">Reset</button><button data-act=\"note\" title=\"n\">Note</button></div></li>",
        escape(note),
        escape(rc.review.reviewer.as_deref().unwrap_or(""))
    );
}

/// The orphaned reviews, each with its suggested successor and a button
/// that moves the review onto it.
fn orphans_section(out: &mut String, file: &ClaimFile) {
    if file.orphaned.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section class=\"orphans\"><h3>{} orphaned reviews</h3><p class=\"facts\">Their claim is no longer extracted. Check the suggested claim and move the review onto it, or leave it here.</p><ul>",
        file.orphaned.len()
    );
    for o in &file.orphaned {
        let _ = write!(
            out,
            "<li class=\"orphan\" data-orphan=\"{}\" data-status=\"{}\" data-note=\"{}\"><b>{}</b> <span class=\"status\">{}</span> <span class=\"note\">{}</span><br><q>{}</q><br>",
            escape(&o.id),
            o.review.status.as_str(),
            escape(o.review.note.as_deref().unwrap_or("")),
            escape(o.speaker.as_deref().unwrap_or("(no speaker)")),
            o.review.status.as_str(),
            escape(o.review.note.as_deref().unwrap_or("")),
            escape(&o.content)
        );
        match suggested_successor(file, o) {
            Some(s) => {
                let _ = writeln!(
                    out,
                    "Suggested successor: <b>{}</b> <q>{}</q> <button data-act=\"adopt\" data-successor=\"{}\">Move review onto it</button></li>",
                    escape(&speaker_label(s)),
                    escape(&s.content.span.text),
                    escape(&s.id)
                );
            }
            None => out.push_str("No likely successor.</li>\n"),
        }
    }
    out.push_str("</ul></section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Grammar;

    fn file(text: &str) -> ClaimFile {
        ClaimFile::new(crate::analyze(text, &Grammar::bundled()), text)
    }

    fn req(json: &str) -> ReviewRequest {
        ReviewRequest::from_json(json.as_bytes()).unwrap()
    }

    #[test]
    fn a_verdict_sets_status_note_and_reviewer_and_keeps_the_rest() {
        let mut f = file("\"We will act,\" the minister said. \"No,\" Bob Smith said.");
        let id = f.claims[1].claim.id.clone();
        let r = req(r#"{"status":"rejected","note":"  wrong speaker "}"#);
        let c = apply_verdict(&mut f, &id, &r, "ana").unwrap();
        assert_eq!(c.review.status, ReviewStatus::Rejected);
        assert_eq!(c.review.note.as_deref(), Some("wrong speaker"));
        assert_eq!(c.review.reviewer.as_deref(), Some("ana"));
        assert_eq!(f.claims[0].review.status, ReviewStatus::Unreviewed);
        // No note given: the note stays.
        let c = apply_verdict(&mut f, &id, &req(r#"{"status":"confirmed"}"#), "bo").unwrap();
        assert_eq!(c.review.note.as_deref(), Some("wrong speaker"));
        assert_eq!(c.review.reviewer.as_deref(), Some("bo"));
        // A reset without a note leaves no one's name behind.
        let r = req(r#"{"status":"unreviewed","note":""}"#);
        let c = apply_verdict(&mut f, &id, &r, "bo").unwrap();
        assert!(!c.review.has_work(), "{c:?}");
    }

    #[test]
    fn bad_bodies_unknown_claims_and_changed_reviews_are_refused() {
        for bad in [
            r#"{"status":"maybe"}"#,
            r#"{"note":"x"}"#,
            r#"{"status":"confirmed","colour":1}"#,
            "status=confirmed",
        ] {
            let e = ReviewRequest::from_json(bad.as_bytes()).unwrap_err();
            assert!(matches!(e, VerdictError::BadRequest(_)), "{bad}: {e:?}");
        }
        let long = format!(
            r#"{{"status":"confirmed","note":"{}"}}"#,
            "x".repeat(10_001)
        );
        assert!(ReviewRequest::from_json(long.as_bytes()).is_err());
        let mut f = file("\"We will act,\" the minister said.");
        let before = f.clone();
        let e = apply_verdict(&mut f, "c-nope", &req(r#"{"status":"confirmed"}"#), "a");
        assert!(matches!(e, Err(VerdictError::NotFound(_))));
        let id = f.claims[0].claim.id.clone();
        f.claims[0].review.status = ReviewStatus::Rejected;
        let changed = f.clone();
        let r = req(r#"{"status":"confirmed","seen":{"status":"unreviewed"}}"#);
        let e = apply_verdict(&mut f, &id, &r, "a");
        assert!(
            matches!(e, Err(VerdictError::Conflict(_, Some(_)))),
            "{e:?}"
        );
        assert_eq!(f, changed);
        f = before;
        let e = apply_verdict(&mut f, &id, &r, "a");
        assert!(e.is_ok(), "{e:?}");
    }

    #[test]
    fn an_orphaned_review_moves_onto_its_successor_in_one_step() {
        let mut f = file("\"We will act,\" the minister said.");
        f.orphaned.push(OrphanedReview {
            id: "c-gone".into(),
            content: "We will act,".into(),
            speaker: Some("Vladimir Putin".into()),
            review: Default::default(),
            likely_successor: None,
        });
        f.orphaned[0].review.status = ReviewStatus::Confirmed;
        let successor = suggested_successor(&f, &f.orphaned[0]).unwrap().id.clone();
        assert_eq!(successor, f.claims[0].claim.id);
        let html = article_view("a", &f);
        assert!(
            html.contains(&format!("data-successor=\"{successor}\"")),
            "{html}"
        );
        let r = req(r#"{"status":"confirmed","from_orphan":"c-gone"}"#);
        apply_verdict(&mut f, &successor, &r, "ana").unwrap();
        assert!(f.orphaned.is_empty());
        assert_eq!(f.claims[0].review.status, ReviewStatus::Confirmed);
    }

    #[test]
    fn the_view_escapes_every_text_and_counts_add_up() {
        let mut f = file("\"We <b>will</b> act,\" the minister said. \"No,\" Bob Smith said.");
        f.claims[0].review.note = Some("<script>alert(1)</script>\"".into());
        let html = article_view("x\"<y", &f);
        assert!(
            !html.contains("<script>") && !html.contains("<b>will"),
            "{html}"
        );
        assert!(html.contains("data-article=\"x&quot;&lt;y\""));
        assert_eq!(html.matches("<li class=\"item").count(), 2);
        let s = summary("x", &f);
        assert_eq!((s.claims, s.unreviewed, s.confirmed), (2, 2, 0));
    }
}
