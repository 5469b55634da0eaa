//! Grammars: the cue lexicons and attribution frames, loaded from YAML data
//! (`grammars/<language>/*.yaml`, one pack per language) and validated into lookup tables. Parsers and the
//! attribution engine read these tables; they hold no word lists of their own.

mod bundled;
mod compiled;
mod frame;
mod lexicon;
mod load;
mod morphology;
mod pack;
mod raw;
mod types;

pub use compiled::{Grammar, GrammarFile};
pub use frame::{is_dash, Complement, Element, Frame, FrameKind, Step, DASH};
pub use lexicon::Lexeme;
pub(crate) use lexicon::PackedWord;
pub use pack::{Confidences, Ending, Limits, MarkFamilies, Morphology, Pack, Suffixes};
pub use raw::{EntryExamples, Example, Expect};
pub use types::{Inflection, Lemma, SourceNoun, SourceType, VerbForm, WordClass, WordClasses};
