//! whosaid finds quotations and reported speech in news articles and
//! attributes each to its speaker.
//!
//! The pipeline is `text → grammar → parse → attribute → claim`:
//! [`text`] owns spans, offsets and the article header; [`grammar`] loads the
//! cue lexicons and frames from YAML; [`parse`] finds quotations, tokens,
//! sentences and speaker phrases; [`attribute`] matches frames and resolves
//! speakers; [`claim`] is the output model.
//!
//! Around the pipeline: [`html`] turns web pages into article text, and
//! [`workflow`] holds the fact-checker's side: review blocks kept across
//! re-extractions, diffs, the HTML report, exports and the speaker
//! directory. The core API (`analyze`, the claim model, grammars) renders
//! neither HTML nor ANSI.
//!
//! ```
//! use whosaid::{analyze, grammar::Grammar};
//!
//! let grammar = Grammar::bundled();
//! let analysis = analyze("\"We will act,\" the minister said.", &grammar);
//! let claim = &analysis.claims[0];
//! assert_eq!(claim.content.span.text, "We will act,");
//! assert_eq!(claim.speaker.as_ref().unwrap().name, "minister");
//! ```
#![warn(missing_docs)]

pub mod attribute;
pub mod claim;
pub mod claim_id;
pub mod error;
pub mod eval;
pub mod grammar;
pub mod html;
pub mod output;
pub mod parse;
pub mod text;
pub mod workflow;

pub use claim::{Analysis, Claim, ClaimKind};
pub use error::{Error, Result};

use claim::{ArticleInfo, DatelineInfo, TextSpan};
use grammar::Grammar;
use text::{parse_header, CodePoints};

/// Analyses one article with the id `article`.
pub fn analyze(text: &str, grammar: &Grammar) -> Analysis {
    analyze_document("article", text, grammar)
}

/// Analyses one article: its header facts and its attributed claims. Never
/// fails and never panics on any text.
pub fn analyze_document(id: &str, text: &str, grammar: &Grammar) -> Analysis {
    let header = parse_header(text);
    let cps = CodePoints::new(text);
    let dateline = header.dateline.as_ref().map(|d| DatelineInfo {
        span: TextSpan::new(text, d.span, &cps),
        place: d.place.slice(text).to_string(),
        date: d.date.map(|s| s.slice(text).to_string()),
    });
    let outlet = header
        .dateline
        .as_ref()
        .and_then(|d| d.outlet)
        .map(|s| s.slice(text).to_string());
    let (claims, warnings) = attribute::attribute_with_offsets(
        text,
        &cps,
        header.body_start,
        header.dateline.as_ref().map(|d| d.span),
        grammar,
    );
    Analysis {
        article: ArticleInfo {
            id: id.to_string(),
            date: header.date.map(|s| s.slice(text).to_string()),
            dateline,
            outlet,
            ..ArticleInfo::default()
        },
        claims,
        warnings,
    }
}
