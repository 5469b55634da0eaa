//! Grammars: the cue lexicons and attribution frames, loaded from YAML data
//! (`grammars/*.yaml`) and validated into lookup tables. Parsers and the
//! attribution engine read these tables; they hold no word lists of their own.

mod compiled;
mod frame;
mod raw;

pub use compiled::{
    AnchoredFrames, Grammar, GrammarFile, Inflection, Lemma, Lexeme, PackedWord, SourceNoun,
    SourceType, VerbForm, WordClass, WordClasses,
};
pub use frame::{is_dash, Complement, Element, Frame, FrameKind, Step, DASH};
pub use raw::{EntryExamples, Example, Expect};
