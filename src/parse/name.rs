//! Speaker phrases: pronouns, names with their titles (`Russian Presidential
//! Aide Yury Ushakov`), role descriptions (`the US president`), source nouns
//! (`the Tajik president's press office`, `a White House official`) and
//! named outlets and bodies (`Germany's Bild`, `the Kremlin`). The phrase is
//! split into role, name and affiliation; lookups come from the grammar.

use std::cell::{Cell, RefCell};
use std::ops::Range;

use smallvec::SmallVec;

use super::token::Token;
use crate::grammar::{Grammar, Lexeme, SourceType, WordClass};

/// Longest speaker phrase, in tokens.
const MAX_PHRASE: usize = 12;

/// What ends a speaker phrase, which decides how it is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseHead {
    /// `he`, `she`, `they`.
    Pronoun,
    /// A proper name (`Yury Ushakov`, `Ushakov`).
    Name,
    /// A title with no name (`the US president`).
    Title,
    /// A common noun naming a source (`the statement`, `an official`).
    SourceNoun,
    /// A known outlet or body (`Bild`, `the Kremlin`).
    Named,
}

/// A range of token indices within a sentence: `Range<usize>`, but
/// `Copy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenRange {
    /// The first token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
}

impl TokenRange {
    /// How many tokens the range holds.
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the range holds no token.
    pub fn is_empty(self) -> bool {
        self.start >= self.end
    }

    /// The range for indexing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for TokenRange {
    fn from(r: Range<usize>) -> Self {
        TokenRange {
            start: r.start,
            end: r.end,
        }
    }
}

/// A parsed speaker phrase; ranges are token indices. It is plain data
/// (its canonical name borrowed from the grammar), so that the phrase memo
/// hands out copies without allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpeakerPhrase<'g> {
    /// The whole phrase.
    pub tokens: TokenRange,
    /// What ends it.
    pub head: PhraseHead,
    /// The source type the phrase itself suggests.
    pub source_type: SourceType,
    /// The title part (`Russian Presidential Aide`).
    pub role: Option<TokenRange>,
    /// The name part (`Yury Ushakov`), or the description without its determiner.
    pub name: TokenRange,
    /// The affiliation written before an anonymous or possessed source (`White House`).
    pub organization: Option<TokenRange>,
    /// The canonical name of a named source, when the grammar knows it.
    pub canonical: Option<&'g str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Det,
    Modifier,
    Name,
    Title,
    Noun(SourceType),
    Named(SourceType),
    Possessive,
    Of,
    /// An unknown lower-case word after a determiner.
    Lenient,
    /// An unknown lower-case word inside a name phrase (`party boss`).
    Glue,
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

/// Parses the longest speaker phrase that starts at `tokens[start]`.
pub fn speaker_phrase<'g>(
    tokens: &[Token],
    start: usize,
    grammar: &'g Grammar,
) -> Option<SpeakerPhrase<'g>> {
    phrase_at(tokens, start, grammar, true)
}

/// A speaker phrase without a prepositional affiliation (the object of one).
fn speaker_phrase_flat<'g>(
    tokens: &[Token],
    start: usize,
    grammar: &'g Grammar,
) -> Option<SpeakerPhrase<'g>> {
    phrase_at(tokens, start, grammar, false)
}

/// Whether a speaker phrase can start at `tokens[start]`: a cheap test of
/// the first token's lexeme that [`phrase_at`] would reach the same way,
/// so that a search over many starts (`speaker_ending_at`) parses only
/// where a phrase may be. Callers that ask at capitalised words only gain
/// nothing from it.
///
/// It is false only where [`phrase_at`] returns `None`. The parser returns
/// `None` for a missing or non-word first token. Otherwise its first step,
/// with no unit yet, adds a unit only for a pronoun or relative pronoun
/// (returned at once), a determiner or number (`Det`), a word opening a named source,
/// title or source noun (the table lookup needs the lexeme's `opens` bit),
/// a capitalised word (`Name`) or a speaker modifier (`Modifier`); for any
/// other word it stops, with no unit and hence no phrase, unless a title or
/// source noun follows (`head_at`, which again needs the next token's
/// `opens` bit). Each test here is implied by the parser's, never stricter.
#[inline]
fn may_start_phrase(tokens: &[Token], start: usize) -> bool {
    const OPENS_UNIT: u8 = Lexeme::NAMED_SOURCE | Lexeme::TITLE | Lexeme::SOURCE_NOUN;
    const OPENS_HEAD: u8 = Lexeme::TITLE | Lexeme::SOURCE_NOUN;
    let Some(first) = tokens.get(start).filter(|t| t.is_word()) else {
        return false;
    };
    let classes = first.lex.classes();
    // Cheapest first: bit tests of the lexeme, then the text. A possessive
    // (no phrase either) is left to the parser: it is rare, and testing
    // for it would cost every other token.
    [
        WordClass::SubjectRelative,
        WordClass::PersonPronoun,
        WordClass::GroupPronoun,
        WordClass::Determiner,
        WordClass::SpeakerModifier,
    ]
    .into_iter()
    .any(|c| classes.has(c))
        || first.lex.opens(OPENS_UNIT)
        || first.is_capitalized()
        // A number's first character is one of its own (`number` in `phrase_at`).
        || first
            .text
            .as_bytes()
            .first()
            .is_some_and(|b| b.is_ascii_digit() || matches!(b, b',' | b'.' | b'/'))
        || tokens
            .get(start + 1)
            .is_some_and(|n| n.lex.opens(OPENS_HEAD))
}

/// The units of a phrase: what each is, its tokens, and the canonical name
/// of a named source.
type Units<'g> = SmallVec<[(Unit, Range<usize>, Option<&'g str>); MAX_PHRASE]>;

fn phrase_at<'g>(
    tokens: &[Token],
    start: usize,
    grammar: &'g Grammar,
    allow_pp: bool,
) -> Option<SpeakerPhrase<'g>> {
    let first = tokens.get(start)?;
    if !first.is_word() {
        return None;
    }
    let first_classes = first.lex.classes();
    // `…, who said`: a subject relative pronoun stands for its antecedent.
    if first_classes.has(WordClass::SubjectRelative) {
        return Some(SpeakerPhrase {
            tokens: (start..start + 1).into(),
            head: PhraseHead::Pronoun,
            source_type: if first_classes.has(WordClass::PersonPronoun) {
                SourceType::Person
            } else {
                SourceType::Unknown
            },
            role: None,
            name: (start..start + 1).into(),
            organization: None,
            canonical: None,
        });
    }
    if first_classes.has(WordClass::PersonPronoun) || first_classes.has(WordClass::GroupPronoun) {
        let t = if first_classes.has(WordClass::PersonPronoun) {
            SourceType::Person
        } else {
            SourceType::Organization
        };
        return Some(SpeakerPhrase {
            tokens: (start..start + 1).into(),
            head: PhraseHead::Pronoun,
            source_type: t,
            role: None,
            name: (start..start + 1).into(),
            organization: None,
            canonical: None,
        });
    }
    let limit = tokens.len().min(start + MAX_PHRASE);
    // At most one unit per token of the window: they fit on the stack.
    let mut units: Units = SmallVec::new();
    let mut j = start;
    while j < limit {
        let t = &tokens[j];
        if !t.is_word() {
            break;
        }
        // One lookup gives every word class of the token.
        let classes = t.lex.classes();
        let prev = units.last().map(|u| u.0);
        // After a determiner, an unknown noun may own what follows too
        // (`The bank's governor`).
        let determined_noun =
            prev == Some(Unit::Lenient) && matches!(units.first(), Some((Unit::Det, _, _)));
        let after_head = determined_noun
            || matches!(
                prev,
                Some(Unit::Name | Unit::Title | Unit::Noun(_) | Unit::Named(_))
            );
        if t.is_possessive() {
            if !after_head {
                break;
            }
            units.push((Unit::Possessive, j..j + 1, None));
            j += 1;
            continue;
        }
        let number = || {
            t.text
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.' || c == '/')
        };
        if j == start && (classes.has(WordClass::Determiner) || number()) {
            units.push((Unit::Det, j..j + 1, None));
            j += 1;
            continue;
        }
        if let Some((n, src)) = opens(tokens, j, Lexeme::NAMED_SOURCE)
            .then(|| grammar.named_source(words_from(tokens, j, limit)))
            .flatten()
        {
            units.push((
                Unit::Named(src.source_type),
                j..j + n,
                Some(src.name.as_str()),
            ));
            j += n;
            continue;
        }
        if let Some(n) = opens(tokens, j, Lexeme::TITLE)
            .then(|| grammar.title(words_from(tokens, j, limit)))
            .flatten()
        {
            units.push((Unit::Title, j..j + n, None));
            j += n;
            continue;
        }
        // After a name, a speech verb form is the verb (`The New York Times
        // reports`), not a source noun.
        if matches!(prev, Some(Unit::Name | Unit::Named(_)))
            && t.verb().is_some()
            && !verb_inside_name(tokens, j)
        {
            break;
        }
        if let Some((n, noun)) = opens(tokens, j, Lexeme::SOURCE_NOUN)
            .then(|| grammar.source_noun(words_from(tokens, j, limit)))
            .flatten()
        {
            units.push((Unit::Noun(noun.source_type), j..j + n, None));
            j += n;
            continue;
        }
        if t.lower == "of" && after_head && tokens.get(j + 1).is_some_and(|n| n.is_capitalized()) {
            units.push((Unit::Of, j..j + 1, None));
            j += 1;
            continue;
        }
        // A capitalised preposition opens an adjunct (`Following the
        // meeting, …`), not a name.
        if t.is_capitalized()
            && !classes.has(WordClass::NotAName)
            && !classes.has(WordClass::TimeWord)
            && !classes.has(WordClass::Preposition)
            && (t.verb().is_none() || verb_inside_name(tokens, j))
        {
            units.push((Unit::Name, j..j + 1, None));
            j += 1;
            continue;
        }
        if classes.has(WordClass::SpeakerModifier) {
            units.push((Unit::Modifier, j..j + 1, None));
            j += 1;
            continue;
        }
        // An unknown word joins a phrase only after a determiner, between
        // its parts, or before a role (below): no other opens one.
        // Whether a title or source noun follows: asked by several rules
        // below, looked up once.
        let head_follows = head_at(tokens, j + 1, limit, grammar);
        if units.is_empty() && !head_follows {
            break;
        }
        // After a determiner, a few unknown lower-case modifiers may precede
        // the head (`the billionaire business mogul`).
        // A possessive determines what follows as an article does
        // (`Portugal's largest port operator`).
        let determined = matches!(units.first(), Some((Unit::Det, _, _)))
            || units.iter().any(|u| u.0 == Unit::Possessive);
        let lenient_so_far = units.iter().filter(|u| u.0 == Unit::Lenient).count();
        // Past tenses and manner adverbs are verbs' words (`His face darted`,
        // `Her campaign quickly`), never a source's.
        // A known head after it makes it a modifier (`the embattled senator`).
        let verb_like = (t.text.len() > 4 && (t.text.ends_with("ed") || t.text.ends_with("ly"))
            || classes.has(WordClass::Auxiliary)
            || classes.has(WordClass::FiniteVerb)
            || classes.has(WordClass::Adverb))
            && !head_follows;
        let plain_word = t
            .text
            .chars()
            .all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-')
            && !verb_like
            && !classes.has(WordClass::SpeakerPostmodifier)
            && t.verb().is_none()
            && !classes.has(WordClass::Preposition)
            && !classes.has(WordClass::ClauseOpener)
            && !classes.has(WordClass::NotAName)
            && !classes.has(WordClass::TimeWord);
        // `a Wednesday editorial`: a day or month inside a described source.
        let dated =
            classes.has(WordClass::TimeWord) && tokens.get(j + 1).is_some_and(|n| n.is_word());
        // Where every noun is capitalised (German), a lower-case word after
        // the head is the clause's verb (`der Polizei verletzt`).
        let after_head = grammar.pack().morphology.capitalised_nouns
            && units.last().is_some_and(|u| {
                matches!(
                    u.0,
                    Unit::Name | Unit::Title | Unit::Noun(_) | Unit::Named(_)
                )
            });
        if determined && (plain_word || dated) && lenient_so_far < 3 && !after_head {
            units.push((Unit::Lenient, j..j + 1, None));
            j += 1;
            continue;
        }
        // Without a determiner, an unknown word may only join two parts of
        // a name phrase (`Republican party boss Reince Priebus`).
        let mid_phrase = !units.is_empty() && !determined;
        // … or a name and a role (`Clinton's foreign policy aide Jake Sullivan`).
        let name_follows = tokens.get(j + 1).is_some_and(|n| n.is_capitalized()) || head_follows;
        // … or open a role before a name (`utility spokeswoman Rita Chavez`).
        let opening = units.is_empty() && head_follows;
        if (mid_phrase && name_follows || opening) && plain_word && lenient_so_far == 0 {
            units.push((Unit::Glue, j..j + 1, None));
            j += 1;
            continue;
        }
        break;
    }
    // Glue must be followed by a name, or by a role after a possessive
    // (`Clinton's communications director`); otherwise the phrase ends
    // before it.
    if let Some(g) = units.iter().position(|u| u.0 == Unit::Glue) {
        let named_after = units[g + 1..].iter().any(|u| u.0 == Unit::Name);
        let possessed_role = units[..g].iter().any(|u| u.0 == Unit::Possessive)
            && units
                .last()
                .is_some_and(|u| matches!(u.0, Unit::Title | Unit::Noun(_)));
        let name_last = units.last().is_some_and(|u| u.0 == Unit::Name);
        if !(named_after && name_last || possessed_role) {
            units.truncate(g);
        }
    }
    // A determined phrase may end on an unknown noun (`the Gawker intern`),
    // and then a capitalised word before it is an adjective (`a Turkish
    // shipping executive`), not a name.
    let determined = matches!(units.first(), Some((Unit::Det, _, _)))
        || units.iter().any(|u| u.0 == Unit::Possessive);
    let name_before = units.iter().any(|u| u.0 == Unit::Name);
    if let Some(last) = units.last_mut() {
        let modifier_end = last.0 == Unit::Modifier && determined && name_before;
        let unknown_noun =
            last.0 == Unit::Lenient && !tokens[last.1.start].is(WordClass::SpeakerModifier);
        if unknown_noun || modifier_end {
            last.0 = Unit::Noun(SourceType::Unknown);
        }
    }
    // A determiner standing alone for people (`one said`, `said another`).
    if let [(Unit::Det, r, _)] = units.as_slice() {
        if tokens[r.start].is(WordClass::StandaloneDeterminer) {
            return Some(SpeakerPhrase {
                tokens: r.clone().into(),
                head: PhraseHead::SourceNoun,
                source_type: SourceType::Person,
                role: None,
                name: r.clone().into(),
                organization: None,
                canonical: None,
            });
        }
    }
    // The phrase ends on its last head-like unit.
    while let Some((u, _, _)) = units.last() {
        if matches!(u, Unit::Name | Unit::Title | Unit::Noun(_) | Unit::Named(_)) {
            break;
        }
        units.pop();
    }
    let (last, last_range, last_canon) = units.last().cloned()?;
    let mut end = last_range.end;
    // `a spokesman for the campaign`, `an analyst at BTIG`: the body a
    // described source speaks for.
    let mut affiliation = None;
    if allow_pp && matches!(last, Unit::Noun(_) | Unit::Title) {
        let prep = tokens.get(end).map(|t| t.lower);
        if matches!(prep, Some("for" | "at" | "to" | "with" | "from" | "of"))
            && tokens.len() > end + 1
        {
            let inner = &tokens[..tokens.len().min(end + 1 + MAX_PHRASE)];
            if let Some(pp) = speaker_phrase_flat(inner, end + 1, grammar) {
                affiliation = Some(pp.tokens);
                end = pp.tokens.end;
            }
        }
    }
    let body_start = match units.first() {
        Some((Unit::Det, r, _)) => r.end,
        _ => start,
    };
    if body_start >= end {
        return None;
    }
    let mut phrase = SpeakerPhrase {
        tokens: (start..end).into(),
        head: PhraseHead::Name,
        source_type: SourceType::Person,
        role: None,
        name: (body_start..last_range.end).into(),
        organization: None,
        canonical: None,
    };
    let of_at = units.iter().position(|(u, _, _)| *u == Unit::Of);
    if let (Some(of), Unit::Name) = (of_at, last) {
        // `the Ministry of Mining`, `Bank of America`: the whole phrase is the name.
        if let Some((Unit::Noun(t), _, _)) = of.checked_sub(1).map(|i| &units[i]) {
            phrase.source_type = *t;
            phrase.head = PhraseHead::SourceNoun;
        }
        return Some(phrase);
    }
    match last {
        Unit::Name => {
            let name_start = units
                .iter()
                .rposition(|(u, _, _)| *u != Unit::Name)
                .map_or(body_start, |i| units[i].1.end);
            phrase.name = (name_start..end).into();
            let before = &units[..units
                .iter()
                .position(|(_, r, _)| r.start >= name_start)
                .unwrap_or(0)];
            if before.iter().any(|(u, _, _)| *u == Unit::Title) {
                let role_end = before
                    .iter()
                    .rposition(|(u, _, _)| *u == Unit::Title)
                    .map_or(name_start, |i| before[i].1.end);
                let role = body_start..role_end;
                let honorific = role.len() == 1 && tokens[role.start].is(WordClass::Honorific);
                if !honorific {
                    phrase.role = Some(role.into());
                }
            } else if name_start > body_start {
                phrase.organization =
                    Some((body_start..trim_possessive(tokens, body_start, name_start)).into());
            }
        }
        Unit::Title => {
            phrase.head = PhraseHead::Title;
            phrase.role = Some((body_start..end).into());
        }
        Unit::Noun(t) => {
            phrase.head = PhraseHead::SourceNoun;
            phrase.source_type = t;
            let noun_start = last_range.start;
            if noun_start > body_start {
                let org_end = trim_possessive(tokens, body_start, noun_start);
                if org_end > body_start && (t == SourceType::Anonymous || org_end < noun_start) {
                    phrase.organization = Some((body_start..org_end).into());
                }
            }
        }
        Unit::Named(t) => {
            phrase.head = PhraseHead::Named;
            phrase.source_type = t;
            phrase.name = last_range.clone().into();
            phrase.canonical = last_canon;
            if last_range.start > body_start {
                phrase.organization = Some(
                    (body_start..trim_possessive(tokens, body_start, last_range.start)).into(),
                );
            }
        }
        _ => return None,
    }
    if let Some(pp) = affiliation {
        phrase.organization = Some(pp);
    }
    if phrase.organization.is_some_and(|r| r.is_empty()) {
        phrase.organization = None;
    }
    Some(phrase)
}

/// The tokens `tokens[from..limit]` for a phrase-table lookup, which reads
/// each token as its lower-case text; empty when `from >= limit`.
fn words_from<'t, 'a>(tokens: &'t [Token<'a>], from: usize, limit: usize) -> &'t [Token<'a>] {
    tokens.get(from..limit).unwrap_or_default()
}

/// Whether `tokens[j]` opens an entry of the lexicons `what` (a
/// [`Lexeme`] constant): a phrase-table lookup is needed only then.
fn opens(tokens: &[Token], j: usize, what: u8) -> bool {
    tokens.get(j).is_some_and(|t| t.lex.opens(what))
}

/// Whether a title or a source noun starts at `tokens[j]`, whose
/// lower-case words up to `limit` are looked up.
fn head_at(tokens: &[Token], j: usize, limit: usize, grammar: &Grammar) -> bool {
    let words = words_from(tokens, j, limit);
    opens(tokens, j, Lexeme::TITLE) && grammar.title(words).is_some()
        || opens(tokens, j, Lexeme::SOURCE_NOUN) && grammar.source_noun(words).is_some()
}

/// `end`, moved left past a possessive marker.
fn trim_possessive(tokens: &[Token], start: usize, end: usize) -> usize {
    if end > start && tokens[end - 1].is_possessive() {
        end - 1
    } else {
        end
    }
}

/// The longest speaker phrase that ends exactly at token `end`.
pub fn speaker_ending_at<'g>(
    tokens: &[Token],
    end: usize,
    grammar: &'g Grammar,
) -> Option<SpeakerPhrase<'g>> {
    let mut lowest = end.saturating_sub(MAX_PHRASE);
    if grammar.phrases_are_words() {
        // A phrase is a run of words: none ends after a mark or a
        // quotation, and none starts before the last one.
        lowest = match tokens[lowest..end].iter().rposition(|t| !t.is_word()) {
            Some(mark) => lowest + mark + 1,
            None => lowest,
        };
    }
    let tokens = &tokens[..end];
    (lowest..end)
        .filter(|&start| may_start_phrase(tokens, start))
        .find_map(|start| speaker_phrase(tokens, start, grammar).filter(|p| p.tokens.end == end))
}

/// The memo of one document's speaker phrases, allocated once for all its
/// sentences: a small slot per token index of each sentence, so that a
/// sentence's memo costs little where nothing is asked, and only the
/// phrases found are stored (most tokens start or end none).
pub struct PhraseMemo<'g> {
    /// Each sentence's slots for phrases by start token, then for phrases
    /// by end token: an index into `found`, [`PhraseMemo::UNKNOWN`] until
    /// parsed, [`PhraseMemo::NONE`] when no phrase is there.
    slots: Vec<Cell<u32>>,
    /// The phrases found, in the order parsed.
    found: RefCell<Vec<SpeakerPhrase<'g>>>,
}

impl<'g> PhraseMemo<'g> {
    const UNKNOWN: u32 = u32::MAX;
    const NONE: u32 = u32::MAX - 1;

    /// Room for the phrases of `sentences`.
    pub fn new<'t, 'a: 't>(sentences: impl IntoIterator<Item = &'t [Token<'a>]>) -> Self {
        let slots: usize = sentences.into_iter().map(|s| 2 * s.len() + 1).sum();
        PhraseMemo {
            slots: vec![Cell::new(Self::UNKNOWN); slots],
            // News text has about one phrase for every eight tokens.
            found: RefCell::new(Vec::with_capacity(slots / 16)),
        }
    }

    /// The phrases of each of `sentences`, remembered here; a sentence
    /// beyond the room made by [`PhraseMemo::new`] is parsed afresh at
    /// every question.
    pub fn sentences<'t, 'a: 't>(
        &'t self,
        sentences: impl IntoIterator<Item = &'t [Token<'a>]>,
        grammar: &'g Grammar,
    ) -> Vec<SentencePhrases<'t, 'a, 'g>> {
        let mut rest = self.slots.as_slice();
        sentences
            .into_iter()
            .map(|tokens| {
                let (starting, ending) = match rest.split_at_checked(2 * tokens.len() + 1) {
                    Some((mine, after)) => {
                        rest = after;
                        mine.split_at(tokens.len())
                    }
                    None => (&[][..], &[][..]),
                };
                SentencePhrases::with_slots(tokens, grammar, starting, ending, &self.found)
            })
            .collect()
    }
}

/// The speaker phrases of one sentence, each parsed at most once: the
/// frames tried at an anchor, and the anchors of a sentence, ask for the
/// same phrases again and again.
pub struct SentencePhrases<'t, 'a, 'g> {
    tokens: &'t [Token<'a>],
    grammar: &'g Grammar,
    /// [`speaker_phrase`] by start token, once parsed (see [`PhraseMemo`]).
    starting: &'t [Cell<u32>],
    /// [`speaker_ending_at`] by end token, once parsed.
    ending: &'t [Cell<u32>],
    /// The document's phrases that the slots point to.
    found: &'t RefCell<Vec<SpeakerPhrase<'g>>>,
    /// The first and last quotation tokens, if any.
    quotations: Option<(usize, usize)>,
}

impl<'t, 'a, 'g> SentencePhrases<'t, 'a, 'g> {
    /// The sentence `tokens`, remembered in the given slots of a [`PhraseMemo`].
    fn with_slots(
        tokens: &'t [Token<'a>],
        grammar: &'g Grammar,
        starting: &'t [Cell<u32>],
        ending: &'t [Cell<u32>],
        found: &'t RefCell<Vec<SpeakerPhrase<'g>>>,
    ) -> Self {
        // The last quotation is looked for only where there is a first one.
        let quotations = tokens.iter().position(|t| t.is_quote()).map(|first| {
            let last = tokens[first..].iter().rposition(|t| t.is_quote());
            (first, first + last.unwrap_or(0))
        });
        SentencePhrases {
            tokens,
            grammar,
            starting,
            ending,
            found,
            quotations,
        }
    }

    /// Whether a quotation token lies before token `at`.
    pub fn quotation_before(&self, at: usize) -> bool {
        self.quotations.is_some_and(|(first, _)| first < at)
    }

    /// Whether a quotation token lies after token `at`.
    pub fn quotation_after(&self, at: usize) -> bool {
        self.quotations.is_some_and(|(_, last)| last > at)
    }

    /// The sentence's tokens.
    pub fn tokens(&self) -> &'t [Token<'a>] {
        self.tokens
    }

    /// [`speaker_phrase`] at `start` of the sentence's first `end` tokens
    /// (remembered only for the whole sentence).
    pub fn within(&self, end: usize, start: usize) -> Option<SpeakerPhrase<'g>> {
        if end == self.tokens.len() {
            self.at(start)
        } else {
            speaker_phrase(&self.tokens[..end], start, self.grammar)
        }
    }

    /// [`speaker_phrase`] at `start` of the whole sentence.
    pub fn at(&self, start: usize) -> Option<SpeakerPhrase<'g>> {
        remembered(self.starting.get(start), self.found, || {
            speaker_phrase(self.tokens, start, self.grammar)
        })
    }

    /// [`speaker_ending_at`] `end`.
    pub fn ending_at(&self, end: usize) -> Option<SpeakerPhrase<'g>> {
        remembered(self.ending.get(end), self.found, || {
            speaker_ending_at(&self.tokens[..end], end, self.grammar)
        })
    }
}

/// The phrase that `slot` remembers in `found`, computed by `parse` the
/// first time; always computed when there is no slot.
fn remembered<'g>(
    slot: Option<&Cell<u32>>,
    found: &RefCell<Vec<SpeakerPhrase<'g>>>,
    parse: impl FnOnce() -> Option<SpeakerPhrase<'g>>,
) -> Option<SpeakerPhrase<'g>> {
    let Some(slot) = slot else {
        return parse();
    };
    match slot.get() {
        PhraseMemo::UNKNOWN => {}
        PhraseMemo::NONE => return None,
        index => return Some(found.borrow()[index as usize]),
    }
    let phrase = parse();
    slot.set(match &phrase {
        // Fewer phrases than tokens, and no document has four billion.
        Some(p) => {
            let mut found = found.borrow_mut();
            found.push(*p);
            (found.len() - 1) as u32
        }
        None => PhraseMemo::NONE,
    });
    phrase
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::tokenize;
    use crate::text::Span;

    /// (phrase, role, name, organization, type) of the phrase at the start of `input`.
    #[track_caller]
    fn check(
        input: &str,
        phrase: &str,
        role: Option<&str>,
        name: &str,
        org: Option<&str>,
        t: SourceType,
    ) {
        let g = Grammar::bundled();
        let arena = bumpalo::Bump::new();
        let toks = tokenize(input, Span::new(0, input.len()), &[], &[], &g, &arena);
        let p = speaker_phrase(&toks, 0, &g).expect("a phrase");
        let text = |r: &TokenRange| &input[toks[r.start].span.start..toks[r.end - 1].span.end];
        assert_eq!(text(&p.tokens), phrase);
        assert_eq!(p.role.as_ref().map(text), role, "role");
        assert_eq!(text(&p.name), name, "name");
        assert_eq!(p.organization.as_ref().map(text), org, "organization");
        assert_eq!(p.source_type, t);
    }

    #[test]
    fn names_with_titles() {
        check(
            "Russian Presidential Aide Yury Ushakov said",
            "Russian Presidential Aide Yury Ushakov",
            Some("Russian Presidential Aide"),
            "Yury Ushakov",
            None,
            SourceType::Person,
        );
        check(
            "US President’s Special Envoy Steven Witkoff met",
            "US President’s Special Envoy Steven Witkoff",
            Some("US President’s Special Envoy"),
            "Steven Witkoff",
            None,
            SourceType::Person,
        );
        check(
            "Ushakov emphasized",
            "Ushakov",
            None,
            "Ushakov",
            None,
            SourceType::Person,
        );
    }

    #[test]
    fn descriptions_sources_and_outlets() {
        check(
            "the US president announced",
            "the US president",
            Some("US president"),
            "US president",
            None,
            SourceType::Person,
        );
        check(
            "the Tajik president’s press office announced",
            "the Tajik president’s press office",
            None,
            "Tajik president’s press office",
            Some("Tajik president"),
            SourceType::Organization,
        );
        check(
            "A White House official told",
            "A White House official",
            None,
            "White House official",
            Some("White House"),
            SourceType::Anonymous,
        );
        check(
            "Germany’s Bild later reported",
            "Germany’s Bild",
            None,
            "Bild",
            Some("Germany"),
            SourceType::Outlet,
        );
        check(
            "The Kremlin confirmed",
            "The Kremlin",
            None,
            "Kremlin",
            None,
            SourceType::Organization,
        );
        check(
            "the statement reads",
            "the statement",
            None,
            "statement",
            None,
            SourceType::Document,
        );
    }

    #[test]
    fn unknown_nouns_after_a_determiner_are_typed_unknown() {
        check(
            "the Gawker intern wrote",
            "the Gawker intern",
            None,
            "Gawker intern",
            None,
            SourceType::Unknown,
        );
    }

    #[test]
    fn standalone_determiners_and_possessed_roles() {
        check(
            "another said",
            "another",
            None,
            "another",
            None,
            SourceType::Person,
        );
        check(
            "Clinton’s communications director Jennifer Palmieri said",
            "Clinton’s communications director Jennifer Palmieri",
            Some("Clinton’s communications director"),
            "Jennifer Palmieri",
            None,
            SourceType::Person,
        );
        check(
            "The bank's governor accused",
            "The bank's governor",
            Some("bank's governor"),
            "bank's governor",
            None,
            SourceType::Person,
        );
    }

    #[test]
    fn verbs_do_not_head_a_description() {
        // A past tense, an adverb and a verb after a name end the phrase.
        check(
            "The email appeared to confirm",
            "The email",
            None,
            "email",
            None,
            SourceType::Document,
        );
        check(
            "Her campaign quickly said",
            "Her campaign",
            None,
            "campaign",
            None,
            SourceType::Organization,
        );
        check(
            "The New York Times reports",
            "The New York Times",
            None,
            "New York Times",
            None,
            SourceType::Outlet,
        );
        check(
            "A source familiar with the talks said",
            "A source",
            None,
            "source",
            None,
            SourceType::Anonymous,
        );
    }

    /// The corpus texts of `tests/corpus`, by paragraph.
    fn corpus_paragraphs() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .expect("tests/corpus")
            .map(|e| e.expect("a corpus entry").path())
            .collect();
        paths.sort();
        paths
            .iter()
            .flat_map(|p| {
                let text = std::fs::read_to_string(p).expect("a corpus text");
                text.lines().map(str::to_owned).collect::<Vec<_>>()
            })
            .filter(|l| !l.trim().is_empty())
            .collect()
    }

    #[test]
    fn the_precheck_never_rejects_a_phrase() {
        // Every start of every corpus paragraph, in the whole paragraph and
        // cut at every end a phrase ending there could have
        // (`speaker_ending_at`, `SentencePhrases::within`).
        let g = Grammar::bundled();
        let (mut starts, mut rejected) = (0usize, 0usize);
        for para in corpus_paragraphs() {
            let arena = bumpalo::Bump::new();
            let toks = tokenize(&para, Span::new(0, para.len()), &[], &[], &g, &arena);
            for start in 0..toks.len() {
                let ends = (start + 1..=toks.len().min(start + MAX_PHRASE + 2)).chain([toks.len()]);
                for end in ends {
                    let cut = &toks[..end];
                    starts += 1;
                    if may_start_phrase(cut, start) {
                        continue;
                    }
                    rejected += 1;
                    for pp in [true, false] {
                        assert_eq!(phrase_at(cut, start, &g, pp), None, "{para}: token {start}");
                    }
                }
            }
        }
        // The test means something only if the precheck rejects often.
        assert!(rejected * 4 > starts, "{rejected} of {starts}");
    }

    #[test]
    fn no_phrase_from_function_words() {
        let g = Grammar::bundled();
        for input in ["After the meeting", ", he said", "meeting reporters"] {
            let arena = bumpalo::Bump::new();
            let toks = tokenize(input, Span::new(0, input.len()), &[], &[], &g, &arena);
            assert_eq!(speaker_phrase(&toks, 0, &g), None, "{input}");
        }
    }
}
