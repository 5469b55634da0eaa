//! What a speech verb at an anchor can be a cue of: its form and lemma, the
//! complements it admits there (a participle only as a progressive, a
//! passive only in the past), and whether it is coordinated with an
//! earlier clause. Worked out once per anchor for all the frames tried.

use crate::grammar::{Complement, Grammar, Inflection, Lemma, VerbForm, WordClass};
use crate::parse::Token;

/// What the `$CUE` anchor of every frame asks about the token at an anchor,
/// worked out once for all the frames tried there.
pub(super) struct CueToken<'g> {
    pub(super) form: VerbForm,
    pub(super) lemma: &'g Lemma,
    /// A finite verb coordinated with the speaker's clause (`and then
    /// tweeted`), by whether an infinitive of purpose also counts.
    pub(super) coordinated: [bool; 2],
    /// A participle after a form of `be` (`was saying`).
    pub(super) progressive: bool,
}

/// The cue at `at`, unless the word cannot be one there: after a
/// determiner it is a noun (`a plan`, `his claim`), and a particle verb is
/// a cue only with its particle (`pointed out`).
pub(super) fn cue_token<'g>(
    toks: &[Token],
    at: usize,
    grammar: &'g Grammar,
) -> Option<CueToken<'g>> {
    if at > 0
        && toks[at - 1].is(WordClass::Determiner)
        && !toks[at - 1].is(WordClass::StandaloneDeterminer)
    {
        return None;
    }
    let form = cue_form(toks, at, grammar)?;
    Some(CueToken {
        form,
        lemma: grammar.lemma(form.lemma),
        coordinated: [false, true].map(|infinitive| coordinated_cue(toks, at, infinitive)),
        progressive: form.inflection == Inflection::Participle && progressive(toks, at),
    })
}

/// Whether `lemma` takes a complement a finite verb can carry (`that`, a
/// noun phrase, an object, a quotation): a coordinated finite verb (`… and
/// then tweeted that`) counts as a participle frame's cue only then.
pub(super) fn takes_a_finite_complement(lemma: &Lemma) -> bool {
    [
        Complement::That,
        Complement::Np,
        Complement::Object,
        Complement::Quote,
    ]
    .iter()
    .any(|c| lemma.allows(*c))
}

/// The complements (as [`Complement::bit`]s) of the frames whose `$CUE`
/// the cue at an anchor can be, for frames whose content must be quoted or
/// not (`content_quoted`).
pub(super) fn admitted_complements(cue: &CueToken, content_quoted: bool) -> u16 {
    let CueToken {
        form,
        lemma,
        coordinated,
        progressive,
    } = cue;
    let coordinated = coordinated[usize::from(content_quoted)];
    let participle = form.inflection == Inflection::Participle;
    let participle_bit = Complement::Participle.bit();
    // A complement the verb allows, but a participle only as a progressive
    // (`was saying`) and a passive only in the past.
    let mut bits = lemma.complements() & !participle_bit;
    if participle && !progressive {
        bits = 0;
    }
    if form.inflection != Inflection::Past {
        bits &= !Complement::Passive.bit();
    }
    // A participle frame: a participle (`…, calling it "a mistake"`), or a
    // finite verb coordinated with the speaker's clause (`… and then tweeted
    // that`).
    let finite_takes = takes_a_finite_complement(lemma);
    if (lemma.allows(Complement::Participle) || coordinated)
        && (participle || coordinated && finite_takes)
    {
        bits |= participle_bit;
    }
    bits
}

/// The speech-verb form of `toks[i]` when it can be a cue there: a particle
/// verb (`went on`, `pointed out`) only with its particle.
pub(super) fn cue_form(toks: &[Token], i: usize, grammar: &Grammar) -> Option<VerbForm> {
    let form = toks.get(i)?.verb()?;
    match &grammar.lemma(form.lemma).particle {
        Some(p) if toks.get(i + 1).is_none_or(|n| n.lower != *p) => None,
        _ => Some(form),
    }
}

/// Whether the participle at `at` follows a form of `be` (`is saying`).
pub(super) fn progressive(toks: &[Token], at: usize) -> bool {
    let mut i = at;
    while i > 0 && toks[i - 1].is(WordClass::Adverb) {
        i -= 1;
    }
    i > 0 && toks[i - 1].is(WordClass::PassiveAuxiliary)
}

/// Whether the cue at `at` is a verb coordinated with an earlier clause
/// (a coordinator such as `and`, possibly followed by adverbs, right before it) or, when
/// `infinitive` is set, an infinitive of purpose (after `to`).
pub(super) fn coordinated_cue(toks: &[Token], at: usize, infinitive: bool) -> bool {
    let mut i = at;
    while i > 0 && toks[i - 1].is(WordClass::Adverb) {
        i -= 1;
    }
    if i > 1 && toks[i - 1].is(WordClass::Coordinator) {
        return true;
    }
    // An infinitive of purpose (`took to Twitter to accuse …`), for the
    // frames that want one.
    infinitive
        && i > 1
        && toks[i - 1].is(WordClass::InfinitiveMarker)
        && toks[at]
            .verb()
            .is_some_and(|f| f.inflection == Inflection::Base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::{Grammar, Inflection, VerbForm};

    /// The per-anchor complement set says of each complement what the
    /// per-frame test said before it: every lemma, inflection and context.
    #[test]
    fn admitted_complements_agree_with_the_frame_test() {
        fn reference(cue: &CueToken, required: Complement, quoted: bool) -> bool {
            let coordinated = cue.coordinated[usize::from(quoted)];
            let lemma = cue.lemma;
            if !(lemma.allows(required) || required == Complement::Participle && coordinated) {
                return false;
            }
            let participle = cue.form.inflection == Inflection::Participle;
            if required == Complement::Participle {
                let coordinated = !participle && coordinated && takes_a_finite_complement(lemma);
                if !(participle || coordinated) {
                    return false;
                }
            } else if participle && !cue.progressive {
                return false;
            }
            !(required == Complement::Passive && cue.form.inflection != Inflection::Past)
        }
        let g = Grammar::bundled();
        let inflections = [
            Inflection::Base,
            Inflection::Present,
            Inflection::Past,
            Inflection::Participle,
        ];
        for (index, lemma) in g.lemmas().iter().enumerate() {
            for inflection in inflections {
                for bits in 0..8u8 {
                    let cue = CueToken {
                        form: VerbForm {
                            lemma: index,
                            inflection,
                        },
                        lemma,
                        coordinated: [bits & 1 != 0, bits & 2 != 0],
                        progressive: bits & 4 != 0,
                    };
                    for quoted in [false, true] {
                        let set = admitted_complements(&cue, quoted);
                        for r in Complement::ALL {
                            assert_eq!(
                                set & r.bit() != 0,
                                reference(&cue, r, quoted),
                                "{} {inflection:?} {bits} {r:?}",
                                lemma.name
                            );
                        }
                    }
                }
            }
        }
    }
}
