//! The article as text: byte spans, code-point offsets, quotation-mark
//! classes and the article header (date and wire dateline). This layer knows
//! nothing about grammars or speech; it never rewrites the input.

mod article;
mod offsets;
mod paragraph;
pub mod search;
mod span;
pub mod swar;

pub use article::{parse_header, Dateline, Header};
pub use offsets::CodePoints;
pub use paragraph::{paragraphs, Paragraph};
pub use span::Span;
