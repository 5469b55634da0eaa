//! What a speaker phrase is: its tokens, what ends it (its head), and its
//! parts (role, name, affiliation), as token ranges of its sentence. The
//! parsers of the sibling modules fill it in; it holds no rule of its own.

use std::ops::Range;

use crate::grammar::SourceType;

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
