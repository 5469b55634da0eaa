//! Grammars: the cue lexicons and attribution frames, loaded from YAML data
//! (`grammars/<language>/*.yaml`, one pack per language) and validated into lookup tables. Parsers and the
//! attribution engine read these tables; they hold no word lists of their own.

mod bundled;
mod compiled;
mod frame;
mod morphology;
mod pack;
mod raw;

pub use compiled::{
    AnchoredFrames, Grammar, GrammarFile, Inflection, Lemma, Lexeme, PackedWord, SourceNoun,
    SourceType, VerbForm, WordClass, WordClasses,
};
pub use frame::{is_dash, Complement, Element, Frame, FrameKind, Step, DASH};
pub use pack::{Confidences, Ending, Limits, MarkFamilies, Morphology, Pack, Suffixes};
pub use raw::{Example, Expect};
