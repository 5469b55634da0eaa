//! Which pack reads a document: a fixed one (`--lang de`), or the one of the
//! language detected in the document's text (`--lang auto`). Detection uses
//! the `whatlang` crate on the start of the text; it owns no grammar and
//! attributes nothing. A document whose language has no pack gets no claims
//! and one warning, never the output of a pack for another language.

use std::sync::atomic::{AtomicUsize, Ordering};

use whatlang::{Detector, Lang};

use crate::claim::{Analysis, ArticleInfo, Warning};
use crate::grammar::{Grammar, Lexeme};

/// How many bytes of a document's start the detector reads: enough for a
/// reliable guess on news prose, and a fixed cost however long the
/// document is.
const SAMPLE_BYTES: usize = 2048;

/// How many words of a text's start are looked up in the packs' lexicons.
const KNOWN_WORDS_READ: usize = 80;
/// Fewest words for the lookup to decide: shorter texts go to the detector.
const KNOWN_WORDS_MIN: usize = 20;
/// A pack decides when it knows at least one word in this many, and half
/// again as many as any other pack.
const KNOWN_SHARE_DIV: usize = 3;

/// The language detected in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    /// ISO 639-1 code where whatlang's language has one we map (`de`),
    /// its ISO 639-3 code otherwise (`tgk`).
    pub code: String,
    /// The language's name in English (`German`).
    pub name: String,
    /// Whether the detector is confident.
    pub reliable: bool,
}

/// The ISO 639-1 code of a detected language, for the languages that have
/// one and that whatlang tells apart; others keep whatlang's 639-3 code.
fn short_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Eng => "en",
        Lang::Deu => "de",
        Lang::Rus => "ru",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Ita => "it",
        Lang::Por => "pt",
        Lang::Nld => "nl",
        Lang::Pol => "pl",
        Lang::Ukr => "uk",
        Lang::Bel => "be",
        Lang::Bul => "bg",
        Lang::Srp => "sr",
        Lang::Ces => "cs",
        Lang::Swe => "sv",
        Lang::Dan => "da",
        Lang::Nob => "nb",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Ara => "ar",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        other => other.code(),
    }
}

/// The start of `text`, cut at a character boundary.
fn sample(text: &str) -> &str {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The language of `text`, if the detector can tell any.
pub fn detect(text: &str) -> Option<Detected> {
    let info = whatlang::detect(sample(text))?;
    Some(Detected {
        code: short_code(info.lang()).to_string(),
        name: info.lang().eng_name().to_string(),
        reliable: info.is_reliable(),
    })
}

/// The packs a run reads documents with.
#[derive(Debug)]
pub struct Languages {
    packs: Vec<Grammar>,
    /// Whether each document's language is detected; otherwise the first
    /// pack reads every document.
    auto: bool,
    /// How many documents were in a language without a pack, for the run's
    /// summary.
    without_pack: AtomicUsize,
}

/// What reads one document: a pack, or nothing, with the reason.
pub enum Choice<'g> {
    /// This pack reads it.
    Pack(&'g Grammar),
    /// The document is in a language without a pack.
    NoPack(Detected),
}

impl Languages {
    /// Every document is read with `grammar`.
    pub fn fixed(grammar: Grammar) -> Languages {
        Languages {
            packs: vec![grammar],
            auto: false,
            without_pack: AtomicUsize::new(0),
        }
    }

    /// Each document is read with the pack of its detected language; the
    /// first pack reads a document whose language the detector cannot
    /// tell. `packs` must not be empty.
    pub fn auto(packs: Vec<Grammar>) -> Languages {
        assert!(!packs.is_empty(), "detection needs at least one pack");
        Languages {
            packs,
            auto: true,
            without_pack: AtomicUsize::new(0),
        }
    }

    /// Every bundled pack, chosen by detection.
    pub fn bundled() -> Languages {
        Languages::auto(
            Grammar::languages()
                .filter_map(Grammar::bundled_language)
                .collect(),
        )
    }

    /// The pack of `code`, if the run has one.
    pub fn pack(&self, code: &str) -> Option<&Grammar> {
        self.packs.iter().find(|g| g.language() == code)
    }

    /// What reads `text`. A detected language with a pack picks that pack;
    /// a reliably detected language without one picks none; an unreliable
    /// guess is settled among the packs' languages alone, since a short or
    /// odd text is far likelier in a language the run reads.
    pub fn choose(&self, text: &str) -> Choice<'_> {
        let first = &self.packs[0];
        if !self.auto {
            return Choice::Pack(first);
        }
        if let Some(pack) = self.by_known_words(text) {
            return Choice::Pack(pack);
        }
        let Some(detected) = detect(text) else {
            return Choice::Pack(first);
        };
        if let Some(pack) = self.pack(&detected.code) {
            return Choice::Pack(pack);
        }
        if detected.reliable {
            return Choice::NoPack(detected);
        }
        let allowed: Vec<Lang> = Lang::all()
            .iter()
            .copied()
            .filter(|l| self.pack(short_code(*l)).is_some())
            .collect();
        let among = Detector::with_allowlist(allowed).detect_lang(sample(text));
        let pack = among.and_then(|l| self.pack(short_code(l)));
        Choice::Pack(pack.unwrap_or(first))
    }

    /// The pack whose lexicon knows clearly the most of the first words of
    /// `text`, if one does: a lookup per word and pack, where the detector
    /// costs as much as the analysis of a short article. News prose is
    /// about half function words, which every pack lists; a text of
    /// another language meets few of any pack's and goes to the detector.
    fn by_known_words(&self, text: &str) -> Option<&Grammar> {
        let mut hits = vec![0usize; self.packs.len()];
        let mut words = 0;
        let mut lower = String::new();
        let tokens = sample(text)
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .take(KNOWN_WORDS_READ);
        for word in tokens {
            words += 1;
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            for (hit, pack) in hits.iter_mut().zip(&self.packs) {
                *hit += usize::from(pack.lexeme(&lower) != Lexeme::default());
            }
        }
        let mut order: Vec<usize> = (0..hits.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(hits[i]));
        let best = hits[order[0]];
        let second = order.get(1).map_or(0, |&i| hits[i]);
        let clear =
            words >= KNOWN_WORDS_MIN && best * KNOWN_SHARE_DIV >= words && best * 2 >= second * 3;
        clear.then(|| &self.packs[order[0]])
    }

    /// Analyses one document with the pack [`Languages::choose`] picks; a
    /// document without a pack gets no claims and one warning.
    pub fn analyze_document(&self, id: &str, text: &str) -> Analysis {
        self.analyze_with(id, text, crate::analyze_document)
    }

    /// [`Languages::analyze_document`] with the analysis `analyze` makes
    /// for the chosen pack (of plain text, or of a web page).
    pub fn analyze_with(
        &self,
        id: &str,
        text: &str,
        analyze: impl FnOnce(&str, &str, &Grammar) -> Analysis,
    ) -> Analysis {
        match self.choose(text) {
            Choice::Pack(grammar) => analyze(id, text, grammar),
            Choice::NoPack(detected) => {
                self.without_pack.fetch_add(1, Ordering::Relaxed);
                no_pack(id, &detected, self)
            }
        }
    }

    /// How many documents analysed so far were in a language without a
    /// pack.
    pub fn documents_without_pack(&self) -> usize {
        self.without_pack.load(Ordering::Relaxed)
    }
}

/// The analysis of a document in a language without a pack.
fn no_pack(id: &str, detected: &Detected, languages: &Languages) -> Analysis {
    let packs: Vec<&str> = languages.packs.iter().map(Grammar::language).collect();
    let warning = Warning {
        byte: 0,
        message: format!(
            "the text reads as {} ({}), which has no grammar pack (packs: {}); no claims extracted",
            detected.name,
            detected.code,
            packs.join(", ")
        ),
    };
    Analysis {
        article: ArticleInfo {
            id: id.to_string(),
            language: Some(detected.code.clone()),
            ..ArticleInfo::default()
        },
        claims: Vec::new(),
        warnings: vec![warning],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_three_packs_languages() {
        let en =
            "The minister said on Tuesday that the government would not raise taxes this year.";
        let de = "Der Minister sagte am Dienstag, die Regierung werde die Steuern in diesem Jahr nicht erhöhen.";
        let ru =
            "Министр заявил во вторник, что правительство не будет повышать налоги в этом году.";
        assert_eq!(detect(en).unwrap().code, "en");
        assert_eq!(detect(de).unwrap().code, "de");
        assert_eq!(detect(ru).unwrap().code, "ru");
    }

    #[test]
    fn a_sample_is_cut_at_a_character_boundary() {
        let text = "ж".repeat(SAMPLE_BYTES);
        let s = sample(&text);
        assert!(s.len() <= SAMPLE_BYTES && s.len().is_multiple_of(2));
    }

    #[test]
    fn a_language_without_a_pack_gives_a_warning_and_no_claims() {
        let languages = Languages::auto(vec![Grammar::bundled()]);
        let fr = "« Nous allons agir rapidement », a déclaré le ministre mardi devant les députés de \
                  l'Assemblée nationale. Le gouvernement présentera son projet de loi au début du mois \
                  prochain, selon les services du Premier ministre, qui ont confirmé la date.";
        let a = languages.analyze_document("x", fr);
        assert!(a.claims.is_empty());
        assert_eq!(a.article.language.as_deref(), Some("fr"));
        assert_eq!(a.warnings.len(), 1);
        assert!(a.warnings[0].message.contains("no grammar pack"));
        assert_eq!(languages.documents_without_pack(), 1);
    }

    #[test]
    fn known_words_settle_the_three_packs_languages() {
        let languages = Languages::bundled();
        let pick = |t: &str| {
            languages
                .by_known_words(t)
                .map(|g| g.language().to_string())
        };
        let en =
            "The minister said on Tuesday that the government would not raise taxes this year, \
                  and that the budget for the new bridge in the city was ready for a vote.";
        let de = "Der Minister sagte am Dienstag, die Regierung werde die Steuern in diesem Jahr \
                  nicht erhöhen, und der Haushalt für die neue Brücke in der Stadt sei fertig.";
        let ru = "Министр заявил во вторник, что правительство не будет повышать налоги в этом \
                  году, а бюджет на новый мост в городе уже готов к голосованию в думе.";
        assert_eq!(pick(en).as_deref(), Some("en"));
        assert_eq!(pick(de).as_deref(), Some("de"));
        // Few Russian words are function words of the pack: the detector decides.
        assert!(matches!(languages.choose(ru), Choice::Pack(g) if g.language() == "ru"));
        assert_eq!(pick("Too short to tell."), None);
    }

    #[test]
    fn a_fixed_pack_reads_every_text() {
        let languages = Languages::fixed(Grammar::bundled());
        let ru = "Министр заявил во вторник, что правительство не будет повышать налоги.";
        assert!(matches!(languages.choose(ru), Choice::Pack(g) if g.language() == "en"));
    }
}
