//! The first step of parsing a speaker phrase: the tokens from its start
//! read as units (determiner, modifier, name, title, source noun, named
//! source, possessive, a word joining a name to what it is of, and unknown
//! words that may belong), as far as a phrase can reach. Which of them make
//! the phrase, and what its parts are, is decided after (`assemble`).

use std::ops::Range;

use smallvec::SmallVec;

use super::speaker::MAX_PHRASE;
use crate::grammar::{Grammar, Lexeme, SourceType, WordClass, WordClasses};
use crate::parse::Token;

/// What a unit of a speaker phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    /// A determiner or number at the start (`the`, `two`).
    Det,
    /// A known modifier (`former`, `senior`).
    Modifier,
    /// A capitalised word of a name.
    Name,
    /// A title (`foreign minister`).
    Title,
    /// A source noun, of its source type (`official`, `statement`).
    Noun(SourceType),
    /// A named source, of its source type (`the Kremlin`).
    Named(SourceType),
    /// A possessive marker (`’s`).
    Possessive,
    /// A word joining a name to what it is of (`Ministry of Mining`).
    Of,
    /// An unknown lower-case word after a determiner.
    Lenient,
    /// An unknown lower-case word inside a name phrase (`party boss`).
    Glue,
}

impl Unit {
    /// Whether a phrase may end on this unit.
    pub(super) fn is_head(self) -> bool {
        matches!(
            self,
            Unit::Name | Unit::Title | Unit::Noun(_) | Unit::Named(_)
        )
    }
}

/// One unit of a phrase: what it is, its tokens, and the canonical name of
/// a named source.
#[derive(Debug, Clone)]
pub(super) struct UnitAt<'g> {
    pub(super) unit: Unit,
    pub(super) tokens: Range<usize>,
    pub(super) canonical: Option<&'g str>,
}

impl UnitAt<'_> {
    /// The one-token unit `unit` at token `j`.
    fn word(unit: Unit, j: usize) -> Self {
        UnitAt {
            unit,
            tokens: j..j + 1,
            canonical: None,
        }
    }
}

/// The units of a phrase. At most one unit per token of the window: they
/// fit on the stack.
pub(super) type Units<'g> = SmallVec<[UnitAt<'g>; MAX_PHRASE]>;

/// Whether a determiner or a possessive determines the units, as an
/// article does (`the billionaire business mogul`, `Portugal's largest
/// port operator`).
pub(super) fn determined(units: &[UnitAt]) -> bool {
    units.first().is_some_and(|u| u.unit == Unit::Det)
        || units.iter().any(|u| u.unit == Unit::Possessive)
}

/// What a rule of the scan says about a token.
enum Verdict<'g> {
    /// The token starts this unit of the phrase.
    Joins(UnitAt<'g>),
    /// The phrase ends before the token.
    Ends,
    /// The rule does not apply: the next one decides.
    Undecided,
}

/// The scan of one phrase's units: where it starts, how far it may reach,
/// and the units read so far.
pub(super) struct Scan<'s, 'a, 'g> {
    tokens: &'s [Token<'a>],
    grammar: &'g Grammar,
    start: usize,
    /// One past the last token the phrase may reach.
    limit: usize,
    units: Units<'g>,
}

impl<'s, 'a, 'g> Scan<'s, 'a, 'g> {
    /// The units from `tokens[start]` on, up to the first token that can
    /// be no part of the phrase.
    pub(super) fn units(tokens: &'s [Token<'a>], start: usize, grammar: &'g Grammar) -> Units<'g> {
        let mut scan = Scan {
            tokens,
            grammar,
            start,
            limit: tokens.len().min(start + MAX_PHRASE),
            units: SmallVec::new(),
        };
        let mut j = start;
        while j < scan.limit {
            let Some(unit) = scan.unit_at(j) else {
                break;
            };
            j = unit.tokens.end;
            scan.units.push(unit);
        }
        scan.units
    }

    /// The unit that starts at token `j`; `None` where the phrase ends
    /// before it.
    fn unit_at(&self, j: usize) -> Option<UnitAt<'g>> {
        let t = &self.tokens[j];
        if !t.is_word() {
            return None;
        }
        // One lookup gives every word class of the token.
        let classes = t.lex.classes();
        if t.is_possessive() {
            return self.after_head().then(|| UnitAt::word(Unit::Possessive, j));
        }
        if j == self.start && (classes.has(WordClass::Determiner) || is_number(t)) {
            return Some(UnitAt::word(Unit::Det, j));
        }
        match self.lexicon_unit(j) {
            Verdict::Joins(unit) => return Some(unit),
            Verdict::Ends => return None,
            Verdict::Undecided => {}
        }
        if classes.has(WordClass::NameJoiner)
            && self.after_head()
            && self.tokens.get(j + 1).is_some_and(|n| n.is_capitalized())
        {
            return Some(UnitAt::word(Unit::Of, j));
        }
        // A capitalised preposition opens an adjunct (`Following the
        // meeting, …`), not a name.
        if t.is_capitalized()
            && !classes.has(WordClass::NotAName)
            && !classes.has(WordClass::TimeWord)
            && !classes.has(WordClass::Preposition)
            && (t.verb().is_none() || verb_inside_name(self.tokens, j))
        {
            return Some(UnitAt::word(Unit::Name, j));
        }
        if classes.has(WordClass::SpeakerModifier) {
            return Some(UnitAt::word(Unit::Modifier, j));
        }
        self.unknown_word(j, classes)
    }

    /// Whether the units so far end on a head, or on an unknown noun after
    /// a determiner, which may own what follows too (`The bank's governor`).
    fn after_head(&self) -> bool {
        let prev = self.units.last().map(|u| u.unit);
        let determined_noun =
            prev == Some(Unit::Lenient) && self.units.first().is_some_and(|u| u.unit == Unit::Det);
        determined_noun || prev.is_some_and(Unit::is_head)
    }

    /// The named source, title or source noun that starts at token `j`,
    /// looked up only where the token's lexeme says one may open there.
    fn lexicon_unit(&self, j: usize) -> Verdict<'g> {
        let (tokens, grammar) = (self.tokens, self.grammar);
        let words = || words_from(tokens, j, self.limit);
        if let Some((n, src)) = opens(tokens, j, Lexeme::NAMED_SOURCE)
            .then(|| grammar.named_source(words()))
            .flatten()
        {
            return Verdict::Joins(UnitAt {
                unit: Unit::Named(src.source_type),
                tokens: j..j + n,
                canonical: Some(src.name.as_str()),
            });
        }
        if let Some(n) = opens(tokens, j, Lexeme::TITLE)
            .then(|| grammar.title(words()))
            .flatten()
        {
            return Verdict::Joins(UnitAt {
                unit: Unit::Title,
                tokens: j..j + n,
                canonical: None,
            });
        }
        // After a name, a speech verb form is the verb (`The New York Times
        // reports`), not a source noun.
        let prev = self.units.last().map(|u| u.unit);
        if matches!(prev, Some(Unit::Name | Unit::Named(_)))
            && tokens[j].verb().is_some()
            && !verb_inside_name(tokens, j)
        {
            return Verdict::Ends;
        }
        if let Some((n, noun)) = opens(tokens, j, Lexeme::SOURCE_NOUN)
            .then(|| grammar.source_noun(words()))
            .flatten()
        {
            return Verdict::Joins(UnitAt {
                unit: Unit::Noun(noun.source_type),
                tokens: j..j + n,
                canonical: None,
            });
        }
        Verdict::Undecided
    }

    /// A word no lexicon knows, of `classes`: it joins a phrase only after
    /// a determiner, between its parts, or before a role; no other opens
    /// one.
    fn unknown_word(&self, j: usize, classes: WordClasses) -> Option<UnitAt<'g>> {
        let (tokens, units) = (self.tokens, &self.units);
        // Whether a title or source noun follows: asked by several rules
        // below, looked up once.
        let head_follows = head_at(tokens, j + 1, self.limit, self.grammar);
        if units.is_empty() && !head_follows {
            return None;
        }
        let determined = determined(units);
        let lenient_so_far = units.iter().filter(|u| u.unit == Unit::Lenient).count();
        let plain_word = self.plain_word(&tokens[j], classes, head_follows);
        // After a determiner, a few unknown lower-case modifiers may precede
        // the head (`the billionaire business mogul`); so may a day or
        // month inside a described source (`a Wednesday editorial`).
        let dated =
            classes.has(WordClass::TimeWord) && tokens.get(j + 1).is_some_and(Token::is_word);
        // Where every noun is capitalised (German), a lower-case word after
        // the head is the clause's verb (`der Polizei verletzt`).
        let after_head = self.grammar.pack().morphology.capitalised_nouns
            && units.last().is_some_and(|u| {
                matches!(
                    u.unit,
                    Unit::Name | Unit::Title | Unit::Noun(_) | Unit::Named(_)
                )
            });
        if determined && (plain_word || dated) && lenient_so_far < 3 && !after_head {
            return Some(UnitAt::word(Unit::Lenient, j));
        }
        // Without a determiner, an unknown word may only join two parts of
        // a name phrase (`Republican party boss Reince Priebus`) …
        let mid_phrase = !units.is_empty() && !determined;
        // … or a name and a role (`Clinton's foreign policy aide Jake Sullivan`) …
        let name_follows = tokens.get(j + 1).is_some_and(Token::is_capitalized) || head_follows;
        // … or open a role before a name (`utility spokeswoman Rita Chavez`).
        let opening = units.is_empty() && head_follows;
        ((mid_phrase && name_follows || opening) && plain_word && lenient_so_far == 0)
            .then(|| UnitAt::word(Unit::Glue, j))
    }

    /// Whether `t`, of `classes`, is a plain lower-case word that may stand
    /// in a description: no verb's word and no function word.
    fn plain_word(&self, t: &Token, classes: WordClasses, head_follows: bool) -> bool {
        // Past tenses, manner adverbs and other verbs' words are never a
        // source's (`His face darted`, `Her campaign quickly`); a known head
        // after one makes it a modifier (`the embattled senator`).
        let verb_like = || {
            !head_follows
                && (classes.has(WordClass::Auxiliary)
                    || classes.has(WordClass::FiniteVerb)
                    || classes.has(WordClass::Adverb)
                    || t.text.len() > 4 && {
                        let suffixes = self.grammar.suffixes();
                        suffixes.past_tense(t.text) || suffixes.manner_adverb(t.text)
                    })
        };
        t.text
            .chars()
            .all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-')
            && !classes.has(WordClass::SpeakerPostmodifier)
            && t.verb().is_none()
            && !classes.has(WordClass::Preposition)
            && !classes.has(WordClass::ClauseOpener)
            && !classes.has(WordClass::NotAName)
            && !classes.has(WordClass::TimeWord)
            && !verb_like()
    }
}

/// Whether `t` is written as a number (`2`, `1,500`, `3.5`, `24/7`).
fn is_number(t: &Token) -> bool {
    t.text
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.' || c == '/')
}

/// Whether the capitalised verb form at `tokens[i]` continues the name
/// before it (`The Huffington Post`, `the Denver Post`) rather than being
/// that name's verb. A sentence's first word and words in capitals
/// (headline style) are left to be verbs.
pub fn verb_inside_name(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    if !(i >= 1 && t.is_capitalized() && t.text.chars().skip(1).any(char::is_lowercase)) {
        return false;
    }
    let prev = &tokens[i - 1];
    // `The Huffington Post`: after a capitalised word of the name.
    let after_name =
        i >= 2 && prev.is_capitalized() && prev.text.chars().skip(1).all(|c| !c.is_uppercase());
    // `wrote Post White House bureau chief …`: mid-sentence, before one.
    let before_name = prev.is_word()
        && prev.text.starts_with(char::is_lowercase)
        && tokens.get(i + 1).is_some_and(Token::is_capitalized);
    (after_name || before_name) && !title_case(tokens)
}

/// Whether most longer words of a sentence are capitalised, as in a
/// headline (`Hollande Says Trump Is Wrong`).
fn title_case(tokens: &[Token]) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    for t in tokens.iter().filter(|t| t.is_word() && t.text.len() > 3) {
        if t.is_capitalized() {
            upper += 1;
        } else {
            lower += 1;
        }
    }
    upper > 2 * lower
}

/// The tokens `tokens[from..limit]` for a phrase-table lookup, which reads
/// each token as its lower-case text; empty when `from >= limit`.
fn words_from<'t, 'a>(tokens: &'t [Token<'a>], from: usize, limit: usize) -> &'t [Token<'a>] {
    tokens.get(from..limit).unwrap_or_default()
}

/// Whether `tokens[j]` opens an entry of the lexicons `what` (a
/// [`Lexeme`] constant): a phrase-table lookup is needed only then.
pub(super) fn opens(tokens: &[Token], j: usize, what: u8) -> bool {
    tokens.get(j).is_some_and(|t| t.lex.opens(what))
}

/// Whether a title or a source noun starts at `tokens[j]`, whose
/// lower-case words up to `limit` are looked up.
fn head_at(tokens: &[Token], j: usize, limit: usize, grammar: &Grammar) -> bool {
    let words = words_from(tokens, j, limit);
    opens(tokens, j, Lexeme::TITLE) && grammar.title(words).is_some()
        || opens(tokens, j, Lexeme::SOURCE_NOUN) && grammar.source_noun(words).is_some()
}
