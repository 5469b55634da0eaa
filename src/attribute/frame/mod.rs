//! Frame matching: tries the patterns of `frames.yaml` around an anchor (a
//! speech verb, or the first literal such as `according to`) in one sentence.
//! Elements right of the anchor are matched left to right, elements left of
//! it right to left; `$CONTENT` runs to the clause edge. The matcher only
//! reads tokens; it decides nothing about who the speaker is.
//!
//! By concern: `prefilter` picks the frames worth trying at an anchor, `cue`
//! says what the verb there can be a cue of, `matcher` walks a frame's
//! steps, `mention` and `content` decide where a speaker's mention and a
//! content start and end. Every reach is a limit of the pack
//! (`pack.yaml`), every word test a word class or suffix of the pack.

mod content;
mod cue;
mod matcher;
mod mention;
mod prefilter;

pub use matcher::{matches_in, Content, FrameMatch};
pub use mention::{named_in_apposition, past_parenthesis, subject_appositive_end, titled};
