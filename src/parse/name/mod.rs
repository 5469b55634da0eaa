//! Speaker phrases: pronouns, names with their titles (`Russian Presidential
//! Aide Yury Ushakov`), role descriptions (`the US president`), source nouns
//! (`the Tajik president's press office`, `a White House official`) and
//! named outlets and bodies (`Germany's Bild`, `the Kremlin`). The phrase is
//! split into role, name and affiliation; lookups and word classes come
//! from the grammar.

mod assemble;
mod memo;
mod phrase;
mod speaker;
mod units;

#[cfg(test)]
mod tests;

pub use memo::{PhraseMemo, SentencePhrases};
pub use phrase::{PhraseHead, SpeakerPhrase, TokenRange};
pub use speaker::{speaker_ending_at, speaker_phrase};
pub use units::verb_inside_name;
