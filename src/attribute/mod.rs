//! Attribution: runs the grammar's frames over every sentence, resolves the
//! speakers, carries speakers over to continuing quotations, links nested
//! attributions (`via`) and turns the result into claims. It reads the parse
//! layer's tokens and never touches the filesystem.
//!
//! `pipeline` runs the stages in order over a shared `Doc`: `frame_claims`,
//! `carry`, `mood`, `finish` and `nominative`; `frame` matches the patterns, `coref` resolves
//! speakers.

mod carry;
mod coref;
mod finish;
mod frame;
mod frame_claims;
mod mood;
mod nominative;
mod pipeline;

pub use pipeline::attribute;
pub(crate) use pipeline::attribute_with_offsets;
