//! The memo of a document's speaker phrases: each phrase of each sentence
//! is parsed at most once, however often the frames and the speaker
//! registry ask for it. It decides nothing about phrases itself.

use std::cell::{Cell, RefCell};

use super::{speaker_ending_at, speaker_phrase, SpeakerPhrase};
use crate::grammar::Grammar;
use crate::parse::token::Token;

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
