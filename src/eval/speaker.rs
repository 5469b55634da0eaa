//! Speaker comparison: the tokens a name is compared by, and whether a
//! predicted speaker is correct for a gold quote.

use unicode_normalization::UnicodeNormalization;

use super::model::{GoldQuote, PredQuote};
use super::python::is_word;

/// Speaker strings that make a gold quote count as having a `"pronoun"`
/// speaker in [`Report::by_gold_speaker_type`](super::Report::by_gold_speaker_type) (compared after
/// [`speaker_tokens`], and only when the name is a single token).
pub const PRONOUNS: &[&str] = &[
    "i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "his", "its",
    "their", "our", "my", "your", "who", "whom", "whose", "which", "that", "this", "these",
    "those", "one", "some", "others", "many",
];

/// Words that carry no identity before a name ("Mr. Obama" names the same
/// person as "Barack Obama"): [`speaker_tokens`] drops them from the front
/// of a name of more than one token.
pub const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "herr", "frau",
];

/// Tokens a speaker name is compared by: NFKC, lowercased, a possessive
/// `'s` / `’s` replaced by a space, split into runs of word characters
/// (Python `re`'s `\w`), leading articles "the", "a", "an" dropped, then
/// leading [`HONORIFICS`] dropped while more than one token remains.
/// `None` when nothing is left.
pub fn speaker_tokens(name: &str) -> Option<Vec<String>> {
    let lowered = name.nfkc().collect::<String>().to_lowercase();
    let chars: Vec<char> = lowered.chars().collect();
    let mut s = String::with_capacity(lowered.len());
    let mut i = 0;
    while i < chars.len() {
        let possessive = matches!(chars[i], '\'' | '\u{2019}')
            && chars.get(i + 1) == Some(&'s')
            && chars.get(i + 2).is_none_or(|c| !is_word(*c));
        if possessive {
            s.push(' ');
            i += 2;
        } else {
            s.push(chars[i]);
            i += 1;
        }
    }
    let toks: Vec<&str> = s
        .split(|c: char| !is_word(c))
        .filter(|t| !t.is_empty())
        .collect();
    let skip = toks
        .iter()
        .take_while(|t| matches!(**t, "the" | "a" | "an"))
        .count();
    let mut toks = &toks[skip..];
    while toks.len() > 1 && HONORIFICS.contains(&toks[0]) {
        toks = &toks[1..];
    }
    let toks: Vec<String> = toks.iter().map(|t| (*t).to_owned()).collect();
    (!toks.is_empty()).then_some(toks)
}

/// Whether `short` is a (not necessarily contiguous) subsequence of `long`.
fn is_subseq(short: &[String], long: &[String]) -> bool {
    let mut it = long.iter();
    short.iter().all(|tok| it.any(|t| t == tok))
}

fn name_matches(gold: Option<&str>, pred: &Option<Vec<String>>) -> bool {
    let g = gold.and_then(speaker_tokens);
    match (&g, pred) {
        (None, None) => true,
        (Some(g), Some(p)) => {
            g == p || ((is_subseq(g, p) || is_subseq(p, g)) && g.last() == p.last())
        }
        _ => false,
    }
}

/// Whether `pred_speaker` is a correct speaker for the gold quote: it is
/// compared with the gold speaker and each of its `speaker_alt` names by
/// [`speaker_tokens`]; a name matches when both are absent, the token lists
/// are equal, or one is a subsequence of the other and both end on the same
/// token ("Ushakov" ~ "Presidential Aide Yury Ushakov", but not "president"
/// ~ "Russian President Vladimir Putin").
pub fn speaker_correct(gold: &GoldQuote, pred_speaker: Option<&str>) -> bool {
    let p = pred_speaker.and_then(speaker_tokens);
    std::iter::once(gold.speaker.as_deref())
        .chain(gold.speaker_alt.iter().map(|a| Some(a.as_str())))
        .any(|name| name_matches(name, &p))
}

/// Whether a prediction's speaker is correct for the gold quote: either its
/// resolved [`PredQuote::speaker`] or, when given, its
/// [`PredQuote::speaker_mention`] passes [`speaker_correct`].
pub fn pred_speaker_correct(gold: &GoldQuote, pred: &PredQuote) -> bool {
    speaker_correct(gold, pred.speaker.as_deref())
        || pred
            .speaker_mention
            .as_deref()
            .is_some_and(|m| speaker_correct(gold, Some(m)))
}

/// Type of a gold speaker for the report's breakdown: `"null"` (absent or no
/// tokens), `"pronoun"` (a single token from [`PRONOUNS`]) or `"name"`.
pub fn speaker_type(name: Option<&str>) -> &'static str {
    match name.and_then(speaker_tokens) {
        None => "null",
        Some(t) if t.len() == 1 && PRONOUNS.contains(&t[0].as_str()) => "pronoun",
        Some(_) => "name",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::fixtures::{gq, pq};

    /// Compares a predicted speaker against a gold speaker (plus alternatives).
    #[track_caller]
    fn check_speaker(gold: Option<&str>, alts: &[&str], pred: Option<&str>, want: bool) {
        let g = GoldQuote {
            speaker: gold.map(str::to_owned),
            speaker_alt: alts.iter().map(|a| (*a).to_owned()).collect(),
            ..GoldQuote::default()
        };
        assert_eq!(
            speaker_correct(&g, pred),
            want,
            "{gold:?}/{alts:?} vs {pred:?}"
        );
    }

    #[test]
    fn speaker_tokens_follow_python() {
        let toks = |s: &str| speaker_tokens(s).map(|t| t.join(" "));
        assert_eq!(toks("The Mayor's Office").as_deref(), Some("mayor office"));
        assert_eq!(toks("O'Sullivan").as_deref(), Some("o sullivan"));
        assert_eq!(toks("Trump\u{2019}s").as_deref(), Some("trump"));
        assert_eq!(toks("'s").as_deref(), None);
        assert_eq!(toks("the an a").as_deref(), None);
        assert_eq!(toks("\u{ff21}nn Lee").as_deref(), Some("ann lee"));
        assert_eq!(toks("snake_case 42").as_deref(), Some("snake_case 42"));
        // İ lowercases to i + U+0307, a combining mark that splits the word.
        assert_eq!(toks("\u{130}stanbul").as_deref(), Some("i stanbul"));
        // Honorifics go from the front, after articles, while more than one
        // token is left.
        assert_eq!(toks("Mr. Obama").as_deref(), Some("obama"));
        assert_eq!(toks("the Frau Dr. Merkel").as_deref(), Some("merkel"));
        assert_eq!(toks("Mr").as_deref(), Some("mr"));
        assert_eq!(toks("Sir Dr").as_deref(), Some("dr"));
        assert_eq!(toks("Obama, Mr.").as_deref(), Some("obama mr"));
    }

    #[test]
    fn speaker_comparison() {
        check_speaker(
            Some("Presidential Aide Yury Ushakov"),
            &[],
            Some("Ushakov"),
            true,
        );
        check_speaker(Some("Ushakov"), &[], Some("Yury Ushakov"), true);
        check_speaker(
            Some("Russian President Vladimir Putin"),
            &[],
            Some("president"),
            false,
        );
        check_speaker(Some("the Mayor"), &[], Some("MAYOR'S"), true);
        check_speaker(None, &[], None, true);
        check_speaker(Some("--"), &[], None, true);
        check_speaker(None, &[], Some("he"), false);
        check_speaker(Some("he"), &["Michael Flynn"], Some("Flynn"), true);
        check_speaker(Some("Ann Lee"), &[], Some("Lee Ann"), false);
        check_speaker(Some("Barack Obama"), &[], Some("Mr. Obama"), true);
        check_speaker(Some("Olaf Scholz"), &[], Some("Herr Scholz"), true);
        check_speaker(Some("Mrs."), &[], Some("Ms."), false);
        let g = gq(0, 1, "direct", Some("Ann Lee"));
        let mut p = pq(0, 1, Some("Bob"));
        assert!(!pred_speaker_correct(&g, &p));
        p.speaker_mention = Some("Lee".to_owned());
        assert!(pred_speaker_correct(&g, &p));
    }

    #[test]
    fn speaker_types() {
        assert_eq!(speaker_type(None), "null");
        assert_eq!(speaker_type(Some("The")), "null");
        assert_eq!(speaker_type(Some("He")), "pronoun");
        assert_eq!(speaker_type(Some("the others")), "pronoun");
        assert_eq!(speaker_type(Some("his aide")), "name");
    }
}
