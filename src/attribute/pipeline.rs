//! The attribution pipeline over one article body, stage by stage:
//! paragraphs and quotations, blocks and sentences, speaker phrases and the
//! speaker registry, frame claims, carried quotations, finished claims.
//! The stages share a [`Doc`]; each stage is a function of its own module.

use std::ops::Range;

use bumpalo::Bump;

use super::carry::carry_quotations;
use super::coref::Registry;
use super::finish::finish;
use super::frame_claims::frame_claims;
use super::mood::mood_continuations;
use super::nominative::nominative_names;
use crate::claim::{Claim, ClaimKind, Speaker, Warning};
use crate::grammar::Grammar;
use crate::parse::{
    blocks, scan_quotes_with, sentences, split_interrupted, tokenize, PhraseMemo, Quote,
    SentencePhrases, Token,
};
use crate::text::search::partition_point_from;
use crate::text::{paragraphs, CodePoints, Paragraph, Span};

/// What the stages share about one article: its text and offsets, its
/// paragraphs, quotations and sentences, each sentence's speaker phrases,
/// the speaker registry and the grammar.
pub(super) struct Doc<'d, 'a, 'g> {
    pub text: &'a str,
    pub cps: &'d CodePoints,
    pub paras: &'d [Paragraph],
    pub quotes: &'d [Quote],
    /// The ids of the top-level quotations, in text order.
    pub top: &'d [usize],
    pub sents: &'d [Sentence<'d, 'a>],
    pub phrases: &'d [SentencePhrases<'d, 'a, 'g>],
    pub registry: &'d Registry<'a>,
    pub grammar: &'g Grammar,
}

/// One sentence: its tokens (borrowed from its block) and paragraph.
pub(super) struct Sentence<'t, 'a> {
    pub tokens: &'t [Token<'a>],
    pub paragraph: usize,
}

/// The tokens of a block, and the token range and paragraph of each of its
/// sentences.
struct Block<'a> {
    tokens: Vec<Token<'a>>,
    sentences: Vec<(Range<usize>, usize)>,
}

/// A claim before ids and nesting are settled.
pub(super) struct Draft {
    pub kind: ClaimKind,
    pub content: Span,
    pub paragraph: usize,
    pub brackets: Vec<Span>,
    pub speaker: Option<Speaker>,
    pub cue: Option<(Span, String)>,
    pub confidence: f64,
    pub frame: String,
    /// The sentence of the cue (or of the quotation, for carried speakers).
    pub sentence: usize,
}

/// Finds and attributes the claims of the article body starting at
/// `body_start`; a `dateline` inside the body (under a headline) is not prose.
pub fn attribute(
    text: &str,
    body_start: usize,
    dateline: Option<Span>,
    grammar: &Grammar,
) -> (Vec<Claim>, Vec<Warning>) {
    attribute_with_offsets(text, &CodePoints::new(text), body_start, dateline, grammar)
}

/// [`attribute`] with the code-point map of `text` already built.
pub(crate) fn attribute_with_offsets(
    text: &str,
    cps: &CodePoints,
    body_start: usize,
    dateline: Option<Span>,
    grammar: &Grammar,
) -> (Vec<Claim>, Vec<Warning>) {
    let paras = body_paragraphs(text, body_start, dateline);
    let mut scan = scan_quotes_with(text, &paras, grammar.pack().quotation_marks);
    split_interrupted(text, &mut scan, grammar.limits().interruption, |w| {
        grammar.verb(&w.to_lowercase()).is_some()
    });
    let warnings = scan.unbalanced.iter().map(|&b| unbalanced(b)).collect();
    let top: Vec<usize> = (0..scan.quotes.len())
        .filter(|&i| scan.quotes[i].depth == 0)
        .collect();
    // The lower-case copies of the document's capitalised words.
    let arena = Bump::new();
    let blocks = split_blocks(text, &paras, &scan.quotes, &top, grammar, &arena);
    let sents = sentences_of(&blocks);
    // Each sentence's speaker phrases, parsed once for the registry and
    // all the frames.
    let memo = PhraseMemo::new(sents.iter().map(|s| s.tokens));
    let phrases = memo.sentences(sents.iter().map(|s| s.tokens), grammar);
    let registry = Registry::build(text, &phrases, grammar);
    let doc = Doc {
        text,
        cps,
        paras: &paras,
        quotes: &scan.quotes,
        top: &top,
        sents: &sents,
        phrases: &phrases,
        registry: &registry,
        grammar,
    };
    let mut claims = frame_claims(&doc);
    carry_quotations(&doc, &mut claims);
    mood_continuations(&doc, &mut claims);
    let mut claims = finish(text, cps, claims.drafts);
    nominative_names(&mut claims, grammar);
    (claims, warnings)
}

/// The body's paragraphs, without a dateline that opens one of them.
fn body_paragraphs(text: &str, body_start: usize, dateline: Option<Span>) -> Vec<Paragraph> {
    let mut paras = paragraphs(text, body_start);
    if let Some(d) = dateline {
        for p in paras.iter_mut().filter(|p| p.span.start == d.start) {
            p.span = Span::new(d.end, p.span.end).trim(text);
        }
        paras.retain(|p| !p.span.is_empty());
    }
    paras
}

fn unbalanced(byte: usize) -> Warning {
    Warning {
        byte,
        message: format!("unbalanced quotation mark at byte {byte}"),
    }
}

/// Every sentence of the blocks, in text order.
fn sentences_of<'b, 'a>(blocks: &'b [Block<'a>]) -> Vec<Sentence<'b, 'a>> {
    let mut sents = Vec::with_capacity(blocks.iter().map(|b| b.sentences.len()).sum());
    sents.extend(blocks.iter().flat_map(|b| {
        b.sentences.iter().map(|(r, paragraph)| Sentence {
            tokens: &b.tokens[r.clone()],
            paragraph: *paragraph,
        })
    }));
    sents
}

/// Tokenizes the article block by block and splits each block into
/// sentences, each with its paragraph.
fn split_blocks<'a>(
    text: &'a str,
    paras: &[Paragraph],
    quotes: &[Quote],
    top: &[usize],
    grammar: &Grammar,
    arena: &'a Bump,
) -> Vec<Block<'a>> {
    let top_refs: Vec<&Quote> = top.iter().map(|&i| &quotes[i]).collect();
    // Blocks come in text order: the first quotation of each, and the
    // paragraph of each sentence, are found from those of the one before.
    let mut first_quote = 0;
    let mut paragraph = 0;
    blocks(paras, &top_refs)
        .into_iter()
        .map(|(span, _)| {
            first_quote =
                partition_point_from(top, first_quote, |&i| quotes[i].outer.start < span.start);
            let tokens = tokenize(text, span, quotes, &top[first_quote..], grammar, arena);
            let sentences = sentences(&tokens, text, quotes, grammar)
                .into_iter()
                .map(|r| {
                    let first = tokens[r.clone()].first();
                    let start = first.map_or(span.start, |t| t.span.start);
                    paragraph = paragraph_of(paras, start, paragraph);
                    (r, paragraph)
                })
                .collect();
            Block { tokens, sentences }
        })
        .collect()
}

/// The paragraph holding `byte`, searched from paragraph `near`.
pub(super) fn paragraph_of(paras: &[Paragraph], byte: usize, near: usize) -> usize {
    partition_point_from(paras, near, |p| p.span.end <= byte).min(paras.len().saturating_sub(1))
}
