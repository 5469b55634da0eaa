//! Exports of claim files to other tools' formats: schema.org `Claim`
//! JSON-LD (what ClaimReview markup points at), W3C Web Annotations with
//! text-quote and text-position selectors, and CSV. Offsets in selectors
//! are code points into the analysed text (`article.text`), as the Web
//! Annotation model requires. It builds values and bytes, never files.
//!
//! Exports honour the review: `rejected` claims are left out unless asked
//! for ([`StatusFilter`]), the verdict and the `via` chain travel with each
//! claim, URLs are taken only when they are http(s), Wikidata ids only when
//! they look like one, and CSV cells a spreadsheet would run as a formula
//! are neutralised.

use serde_json::{json, Value};

use crate::claim::{ArticleInfo, Claim, ClaimKind};
use crate::grammar::SourceType;
use crate::workflow::review::{ClaimFile, ReviewStatus, ReviewedClaim};

/// Which claims an export takes, by review status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StatusFilter {
    /// Every claim, rejected ones too.
    All,
    /// Every claim not rejected by a reviewer (the default).
    #[default]
    Unrejected,
    /// Only claims a reviewer confirmed.
    Confirmed,
}

impl StatusFilter {
    /// Whether a claim with review status `status` is exported.
    pub fn takes(self, status: ReviewStatus) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Unrejected => status != ReviewStatus::Rejected,
            StatusFilter::Confirmed => status == ReviewStatus::Confirmed,
        }
    }
}

/// The claims of `files` that `filter` takes, with their article.
fn selected(
    files: &[ClaimFile],
    filter: StatusFilter,
) -> impl Iterator<Item = (&ArticleInfo, &ReviewedClaim)> {
    files.iter().flat_map(move |f| {
        f.claims
            .iter()
            .filter(move |c| filter.takes(c.review.status))
            .map(move |c| (&f.article, c))
    })
}

/// `url` when it is an absolute http(s) URL without spaces or control
/// characters; claim files are hand-editable, so a `javascript:` or
/// `data:` URL must not reach published markup.
pub fn web_url(url: &str) -> Option<&str> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let scheme = lower.starts_with("https://") || lower.starts_with("http://");
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control());
    (scheme && clean && url.len() > 8).then_some(url)
}

/// `id` when it is a Wikidata item id (`Q` and digits).
pub fn wikidata_id(id: &str) -> Option<&str> {
    let digits = id.strip_prefix('Q')?;
    let ok = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    ok.then_some(id)
}

/// Code points of context in a `TextQuoteSelector`'s prefix and suffix.
pub const CONTEXT_CHARS: usize = 32;

/// The Wikidata page of an item id.
pub fn wikidata_url(id: &str) -> String {
    format!("https://www.wikidata.org/wiki/{id}")
}

/// The article's URL, when it has a web URL.
fn article_url(info: &ArticleInfo) -> Option<&str> {
    info.url.as_deref().and_then(web_url)
}

/// A URI naming the article: its URL when known, else a `urn:whosaid:`
/// name (the id percent-encoded where a URN may not hold it).
fn article_uri(info: &ArticleInfo) -> String {
    match article_url(info) {
        Some(url) => url.to_string(),
        None => {
            let mut urn = String::from("urn:whosaid:article:");
            for b in info.id.bytes() {
                if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
                    urn.push(char::from(b));
                } else {
                    urn.push_str(&format!("%{b:02X}"));
                }
            }
            urn
        }
    }
}

fn kind_name(k: ClaimKind) -> &'static str {
    match k {
        ClaimKind::Direct => "direct",
        ClaimKind::Indirect => "indirect",
        ClaimKind::Mixed => "mixed",
    }
}

/// One schema.org `Claim` for the reviewed claim `rc` of the article
/// `info`: the speaker as author, the article as appearance, a claim heard
/// through others as based on their reports (`isBasedOn`, outermost
/// first), and the reviewer's verdict on the attribution as the work's
/// status.
pub fn claim_jsonld(info: &ArticleInfo, rc: &ReviewedClaim) -> Value {
    let claim = &rc.claim;
    let mut node = claim_node(info, claim);
    if !claim.via.is_empty() {
        let reports: Vec<Value> = claim
            .via
            .iter()
            .map(|name| json!({"@type": "CreativeWork", "author": {"name": name}}))
            .collect();
        node["isBasedOn"] = json!(reports);
        node["description"] = json!(format!("reported through {}", claim.via.join(", then ")));
    }
    node["creativeWorkStatus"] = json!(format!("attribution {}", rc.review.status.as_str()));
    node
}

/// The schema.org `Claim` node of `claim`, without review or channel.
fn claim_node(info: &ArticleInfo, claim: &Claim) -> Value {
    let mut node = json!({
        "@type": "Claim",
        "@id": format!("{}#claim-{}", article_uri(info), claim.id),
        "identifier": claim.id,
        "text": claim.content.span.text,
    });
    if let Some(s) = &claim.speaker {
        let person = matches!(s.source_type, SourceType::Person);
        let mut author = json!({
            "@type": if person { "Person" } else { "Organization" },
            "name": s.name,
        });
        if let Some(role) = &s.role {
            if person {
                author["jobTitle"] = json!(role);
            }
        }
        if let Some(q) = s.wikidata.as_deref().and_then(wikidata_id) {
            author["sameAs"] = json!(wikidata_url(q));
        }
        node["author"] = author;
    }
    if let Some(date) = &info.date {
        node["datePublished"] = json!(date);
    }
    let mut appearance = json!({
        "@type": "CreativeWork",
        "identifier": info.id,
    });
    if let Some(url) = article_url(info) {
        appearance["url"] = json!(url);
    }
    if let Some(title) = &info.title {
        appearance["headline"] = json!(title);
    }
    if let Some(date) = &info.date {
        appearance["datePublished"] = json!(date);
    }
    if let Some(name) = info.outlet.as_ref().or(info.site_name.as_ref()) {
        appearance["publisher"] = json!({"@type": "Organization", "name": name});
    }
    node["appearance"] = appearance;
    node
}

/// The claims of `files` that `filter` takes as one JSON-LD document
/// with a schema.org context and a `@graph` of `Claim` nodes.
pub fn claimreview(files: &[ClaimFile], filter: StatusFilter) -> Value {
    let graph: Vec<Value> = selected(files, filter)
        .map(|(info, c)| claim_jsonld(info, c))
        .collect();
    json!({"@context": "https://schema.org", "@graph": graph})
}

/// Up to `n` code points of `text` before the byte offset `start` and up
/// to `n` after the byte offset `end`: the cost is the context's, not the
/// text's, so that an article of many claims exports in linear time.
/// Empty strings when the offsets do not fit the text.
fn context(text: &str, start: usize, end: usize, n: usize) -> (String, String) {
    if start > end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return (String::new(), String::new());
    }
    let before = &text[..start];
    let from = before
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let prefix = if n == 0 { "" } else { &before[from..] };
    let suffix: String = text[end..].chars().take(n).collect();
    (prefix.to_string(), suffix)
}

/// One W3C Web Annotation describing the reviewed claim `rc`: the bodies
/// name the speaker, cue, confidence and channel (`via`), and the
/// reviewer's verdict with its note (purpose `assessing`); the target
/// selects the content by quote and by code-point position.
pub fn annotation(info: &ArticleInfo, rc: &ReviewedClaim) -> Value {
    let claim = &rc.claim;
    let span = &claim.content.span;
    let mut quote = json!({"type": "TextQuoteSelector", "exact": span.text});
    let fits = |text: &str| text.get(span.byte_start..span.byte_end) == Some(span.text.as_str());
    if let Some(text) = info.text.as_deref().filter(|t| fits(t)) {
        let (prefix, suffix) = context(text, span.byte_start, span.byte_end, CONTEXT_CHARS);
        quote["prefix"] = json!(prefix);
        quote["suffix"] = json!(suffix);
    }
    let speaker = claim
        .speaker
        .as_ref()
        .map_or("(no speaker)", |s| s.name.as_str());
    let mut description = format!(
        "{} claim attributed to {speaker}; cue: {}; confidence {:.2}",
        kind_name(claim.kind),
        claim
            .cue
            .as_ref()
            .map_or("(none)", |c| c.span.text.as_str()),
        claim.confidence
    );
    if !claim.via.is_empty() {
        description.push_str(&format!("; via {}", claim.via.join(", ")));
    }
    let mut bodies = vec![
        json!({"type": "TextualBody", "purpose": "describing", "value": description, "format": "text/plain"}),
        json!({"type": "TextualBody", "purpose": "tagging", "value": format!("speaker:{speaker}")}),
    ];
    if let Some(q) = claim
        .speaker
        .as_ref()
        .and_then(|s| s.wikidata.as_deref())
        .and_then(wikidata_id)
    {
        bodies.push(json!({"type": "SpecificResource", "purpose": "identifying", "source": wikidata_url(q)}));
    }
    bodies.push(verdict_body(rc));
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("{}#annotation-{}", article_uri(info), claim.id),
        "type": "Annotation",
        "motivation": "describing",
        "generator": {"id": "https://crates.io/crates/whosaid", "type": "Software", "name": "whosaid"},
        "body": bodies,
        "target": {
            "source": article_uri(info),
            "selector": [
                quote,
                {"type": "TextPositionSelector", "start": span.start, "end": span.end},
            ],
        },
    })
}

/// The review as an annotation body: `attribution confirmed` (or
/// rejected, unreviewed), the note after a colon, the reviewer as creator.
fn verdict_body(rc: &ReviewedClaim) -> Value {
    let review = &rc.review;
    let mut value = format!("attribution {}", review.status.as_str());
    if let Some(note) = review.note.as_deref().filter(|n| !n.trim().is_empty()) {
        value.push_str(": ");
        value.push_str(note);
    }
    let mut body = json!({"type": "TextualBody", "purpose": "assessing", "value": value, "format": "text/plain"});
    if let Some(who) = review.reviewer.as_deref().filter(|r| !r.trim().is_empty()) {
        body["creator"] = json!({"type": "Person", "name": who});
    }
    body
}

/// The claims of `files` that `filter` takes as a W3C
/// `AnnotationCollection` with one page.
pub fn webannotation(files: &[ClaimFile], filter: StatusFilter) -> Value {
    let items: Vec<Value> = selected(files, filter)
        .map(|(info, c)| annotation(info, c))
        .collect();
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:whosaid:annotations",
        "type": "AnnotationCollection",
        "label": "whosaid claims",
        "total": items.len(),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    })
}

/// The CSV header row.
pub const CSV_HEADER: [&str; 21] = [
    "article",
    "claim",
    "kind",
    "speaker",
    "speaker_type",
    "role",
    "organization",
    "wikidata",
    "mention",
    "cue",
    "content",
    "start",
    "end",
    "confidence",
    "via",
    "review",
    "note",
    "reviewer",
    "date",
    "outlet",
    "url",
];

/// The UTF-8 byte order mark, which Excel needs to read UTF-8 CSV.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// `cell` made safe to open in a spreadsheet: a cell starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return would be run as a formula, so
/// it gets a leading `'` (OWASP's advice on CSV injection).
pub fn neutralised(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// The CSV row of the reviewed claim `rc` of article `info`.
fn csv_row(info: &ArticleInfo, rc: &ReviewedClaim) -> [String; 21] {
    let c = &rc.claim;
    let s = c.speaker.as_ref();
    let opt = |v: Option<&String>| v.cloned().unwrap_or_default();
    let source_type = s
        .and_then(|s| serde_json::to_value(s.source_type).ok())
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    [
        info.id.clone(),
        c.id.clone(),
        kind_name(c.kind).to_string(),
        opt(s.map(|s| &s.name)),
        source_type,
        opt(s.and_then(|s| s.role.as_ref())),
        opt(s.and_then(|s| s.organization.as_ref())),
        opt(s.and_then(|s| s.wikidata.as_ref())),
        opt(s.map(|s| &s.mention.text)),
        opt(c.cue.as_ref().map(|q| &q.span.text)),
        c.content.span.text.clone(),
        c.content.span.start.to_string(),
        c.content.span.end.to_string(),
        format!("{:.2}", c.confidence),
        c.via.join(" > "),
        rc.review.status.as_str().to_string(),
        opt(rc.review.note.as_ref()),
        opt(rc.review.reviewer.as_ref()),
        opt(info.date.as_ref()),
        opt(info.outlet.as_ref().or(info.site_name.as_ref())),
        opt(info.url.as_ref()),
    ]
}

/// The claims of `files` that `filter` takes as CSV with [`CSV_HEADER`]
/// (code-point offsets; `via` joined with ` > `), every cell neutralised,
/// after a byte order mark when `bom` is set.
pub fn csv(files: &[ClaimFile], filter: StatusFilter, bom: bool) -> Result<Vec<u8>, csv::Error> {
    let start = if bom { BOM.to_vec() } else { Vec::new() };
    let mut w = csv::Writer::from_writer(start);
    w.write_record(CSV_HEADER)?;
    for (info, rc) in selected(files, filter) {
        w.write_record(csv_row(info, rc).map(neutralised))?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_counts_code_points() {
        let text = "ääx“yz”bb";
        let (start, end) = (text.find('“').unwrap() + 3, text.find('”').unwrap());
        let (p, s) = context(text, start, end, 2);
        assert_eq!(p, "x“");
        assert_eq!(s, "”b");
        let (p, s) = context("abc", 0, 3, 32);
        assert_eq!((p.as_str(), s.as_str()), ("", ""));
        let (p, s) = context("abc", 1, 2, 0);
        assert_eq!((p.as_str(), s.as_str()), ("", ""));
        // Offsets inside a character give no context rather than a panic.
        let (p, s) = context("ä", 1, 1, 2);
        assert_eq!((p.as_str(), s.as_str()), ("", ""));
    }

    #[test]
    fn formula_cells_are_neutralised_and_urls_and_ids_checked() {
        for cell in ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralised(cell.into()), format!("'{cell}"));
        }
        assert_eq!(neutralised("We will act".into()), "We will act");
        assert_eq!(
            web_url("https://example.org/a"),
            Some("https://example.org/a")
        );
        assert_eq!(web_url("HTTP://example.org/"), Some("HTTP://example.org/"));
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "https://a b",
            "https://",
        ] {
            assert_eq!(web_url(bad), None, "{bad}");
        }
        assert_eq!(wikidata_id("Q7747"), Some("Q7747"));
        for bad in ["Q", "q1", "Q1 ", "P31", "Q1/x"] {
            assert_eq!(wikidata_id(bad), None, "{bad}");
        }
    }
}
