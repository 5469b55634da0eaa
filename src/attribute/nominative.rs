//! The last stage for languages with case: a speaker named in an oblique
//! case by its frame (`по словам Пескова`) is given its name in the
//! nominative (`Песков`) by the pack's ending rules, and a surname so
//! found takes the full name of the one person of the article's other
//! claims that bears it (`Дмитрий Песков`). The mention keeps the text as
//! written; only a name taken from that mention is rewritten, never one
//! resolved from elsewhere in the article.

use crate::claim::Claim;
use crate::grammar::{Grammar, SourceType};

/// Rewrites the speaker names of `claims` whose frame states a case.
pub(super) fn nominative_names(claims: &mut [Claim], grammar: &Grammar) {
    let morphology = &grammar.pack().morphology;
    if morphology.name_cases.is_empty() {
        return;
    }
    let mut rewritten = Vec::new();
    for (i, claim) in claims.iter_mut().enumerate() {
        let Some(id) = claim.frame.strip_prefix("frames.") else {
            continue;
        };
        let case = grammar
            .frames()
            .iter()
            .find(|f| f.id == id)
            .and_then(|f| f.speaker_case.as_deref());
        let (Some(case), Some(speaker)) = (case, claim.speaker.as_mut()) else {
            continue;
        };
        let mention = &speaker.mention.text;
        let from_mention = speaker.name.split(' ').all(|w| mention.contains(w));
        if from_mention && speaker.source_type == SourceType::Person {
            speaker.name = morphology.nominative(case, &speaker.name);
            rewritten.push(i);
        }
    }
    for i in rewritten {
        complete_surname(claims, i);
    }
}

/// Gives claim `i`'s one-word speaker name the full name of the single
/// person among the other claims whose name ends with it.
fn complete_surname(claims: &mut [Claim], i: usize) {
    let Some(surname) = claims[i].speaker.as_ref().map(|s| s.name.clone()) else {
        return;
    };
    if surname.contains(' ') {
        return;
    }
    let mut full: Vec<&str> = claims
        .iter()
        .filter_map(|c| c.speaker.as_ref())
        .filter(|s| s.source_type == SourceType::Person)
        .map(|s| s.name.as_str())
        .filter(|n| n.contains(' ') && n.rsplit(' ').next() == Some(surname.as_str()))
        .collect();
    full.sort_unstable();
    full.dedup();
    if let [name] = full[..] {
        let name = name.to_string();
        if let Some(s) = claims[i].speaker.as_mut() {
            s.name = name;
        }
    }
}
