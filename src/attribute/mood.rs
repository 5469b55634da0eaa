//! Reported speech that runs on in its own mood: in German, a sentence in
//! the Konjunktiv I (`Er sei bereit. Die Gespräche würden fortgesetzt.`)
//! after an attributed claim reports the same speaker's words without a cue
//! of its own. The mood's verb forms are the pack's `reported_mood` word
//! class; a pack without it (English, Russian) gets no such claims.

use super::frame_claims::FrameClaims;
use super::pipeline::{paragraph_of, Doc, Draft};
use crate::claim::ClaimKind;
use crate::grammar::WordClass;
use crate::text::Span;

/// Adds an indirect claim for every sentence without a claim of its own
/// that has a verb in the reported mood and follows, without a break, a
/// sentence with an attributed claim: it takes that claim's speaker.
pub(super) fn mood_continuations(doc: &Doc, claims: &mut FrameClaims) {
    let drafts = &mut claims.drafts;
    let mut claimed = vec![false; doc.sents.len()];
    let mut speaker_of: Vec<Option<usize>> = vec![None; doc.sents.len()];
    for (i, d) in drafts.iter().enumerate() {
        if let Some(c) = claimed.get_mut(d.sentence) {
            *c = true;
        }
        if d.speaker.is_some() {
            speaker_of[d.sentence] = Some(i);
        }
    }
    let limits = doc.grammar.limits();
    let confidence = doc.grammar.confidences().reported_mood;
    let mut running: Option<usize> = None;
    for (si, sent) in doc.sents.iter().enumerate() {
        if claimed[si] {
            running = speaker_of[si];
            continue;
        }
        let Some(from) = running else { continue };
        let reported = sent.tokens.iter().any(|t| t.is(WordClass::ReportedMood));
        let near = sent.paragraph - doc.sents[drafts[from].sentence].paragraph
            <= limits.continuation_paragraphs;
        let Some(content) = reported.then(|| sentence_content(sent.tokens)).flatten() else {
            running = None;
            continue;
        };
        if !near {
            running = None;
            continue;
        }
        let quoted = sent.tokens.iter().any(|t| t.is_quote());
        let d = &drafts[from];
        let draft = Draft {
            kind: if quoted {
                ClaimKind::Mixed
            } else {
                ClaimKind::Indirect
            },
            content,
            paragraph: paragraph_of(doc.paras, content.start, sent.paragraph),
            brackets: Vec::new(),
            speaker: d.speaker.clone(),
            cue: None,
            confidence: confidence.min(d.confidence),
            frame: "frames.reported_mood".to_string(),
            sentence: si,
        };
        drafts.push(draft);
    }
}

/// The sentence's span without its closing punctuation.
fn sentence_content(tokens: &[crate::parse::Token]) -> Option<Span> {
    let first = tokens.first()?;
    let last = tokens.iter().rev().find(|t| t.is_word() || t.is_quote())?;
    (last.span.end > first.span.start).then(|| Span::new(first.span.start, last.span.end))
}
