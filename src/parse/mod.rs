//! Parsers over the article text: quotations, tokens, sentences, speaker
//! phrases and cues. Text-level parsers are hand-written scanners over
//! `&str` (they run over every byte, so they test ASCII bytes directly and
//! decode only other characters); token-level matchers are small functions
//! over token slices. Parsers never fail on article text: a failed parse
//! means "no match".

mod name;
mod quote;
mod sentence;
mod token;

pub use name::{
    speaker_ending_at, speaker_phrase, verb_inside_name, PhraseHead, SentencePhrases, SpeakerPhrase,
};
pub use quote::{scan_quotes, Quote, QuoteScan};
pub use sentence::{blocks, sentences, MAX_SENTENCE};
pub use token::{tokenize, Token, TokenKind};
