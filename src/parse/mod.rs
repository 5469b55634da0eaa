//! Parsers over the article text: quotations, tokens, sentences, speaker
//! phrases and cues. Text-level parsers are nom parsers over `&str` (words,
//! spaces, quotation marks); the primitives that run over every byte skip
//! ahead on a byte table for ASCII and decode only other characters.
//! Token-level matchers are small functions over token slices (nom 8 has no
//! `Input` for arbitrary slices). Parsers never fail on article text: a
//! failed parse means "no match".

mod name;
mod quote;
mod sentence;
mod token;

pub(crate) use name::{
    speaker_ending_at, speaker_phrase, verb_inside_name, PhraseHead, PhraseMemo, SentencePhrases,
    SpeakerPhrase, TokenRange,
};
pub use quote::{scan_quotes, scan_quotes_with, split_interrupted, Quote, QuoteScan};
pub use sentence::{blocks, sentences, MAX_SENTENCE};
pub use token::{tokenize, Token, TokenKind};
