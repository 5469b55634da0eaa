//! The last stage for languages with case: a speaker named in an oblique
//! case by its frame (`по словам Пескова`) is given its name in the
//! nominative (`Песков`) by the pack's ending rules. The mention keeps the
//! text as written; only a name taken from that mention is rewritten, never
//! one resolved from elsewhere in the article.

use crate::claim::Claim;
use crate::grammar::Grammar;

/// Rewrites the speaker names of `claims` whose frame states a case.
pub(super) fn nominative_names(claims: &mut [Claim], grammar: &Grammar) {
    let morphology = &grammar.pack().morphology;
    if morphology.name_cases.is_empty() {
        return;
    }
    for claim in claims {
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
        if from_mention {
            speaker.name = morphology.nominative(case, &speaker.name);
        }
    }
}
