//! Exports of claim files to other tools' formats: schema.org `Claim`
//! JSON-LD (what ClaimReview markup points at), W3C Web Annotations with
//! text-quote and text-position selectors, and CSV. Offsets in selectors
//! are code points into the analysed text (`article.text`), as the Web
//! Annotation model requires. It builds values and bytes, never files.

use serde_json::{json, Value};

use crate::claim::{ArticleInfo, Claim, ClaimKind};
use crate::grammar::SourceType;
use crate::workflow::review::ClaimFile;

/// Code points of context in a `TextQuoteSelector`'s prefix and suffix.
pub const CONTEXT_CHARS: usize = 32;

/// The Wikidata page of an item id.
pub fn wikidata_url(id: &str) -> String {
    format!("https://www.wikidata.org/wiki/{id}")
}

/// A URI naming the article: its URL when known, else a `urn:whosaid:` name.
fn article_uri(info: &ArticleInfo) -> String {
    info.url
        .clone()
        .unwrap_or_else(|| format!("urn:whosaid:article:{}", info.id))
}

fn kind_name(k: ClaimKind) -> &'static str {
    match k {
        ClaimKind::Direct => "direct",
        ClaimKind::Indirect => "indirect",
        ClaimKind::Mixed => "mixed",
    }
}

/// One schema.org `Claim` for `claim` of the article `info`.
pub fn claim_jsonld(info: &ArticleInfo, claim: &Claim) -> Value {
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
        if let Some(q) = &s.wikidata {
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
    if let Some(url) = &info.url {
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

/// All claims of `files` as one JSON-LD document with a schema.org
/// context and a `@graph` of `Claim` nodes.
pub fn claimreview(files: &[ClaimFile]) -> Value {
    let graph: Vec<Value> = files
        .iter()
        .flat_map(|f| f.claims.iter().map(|c| claim_jsonld(&f.article, &c.claim)))
        .collect();
    json!({"@context": "https://schema.org", "@graph": graph})
}

/// Up to `n` code points of `text` ending at code point `end`, and up to
/// `n` starting at code point `start`.
fn context(text: &str, start: usize, end: usize, n: usize) -> (String, String) {
    let chars: Vec<char> = text.chars().collect();
    let end = end.min(chars.len());
    let start = start.min(end);
    let prefix = chars[start.saturating_sub(n)..start].iter().collect();
    let suffix = chars[end..(end + n).min(chars.len())].iter().collect();
    (prefix, suffix)
}

/// One W3C Web Annotation describing `claim`: the body names the speaker,
/// cue and confidence; the target selects the content by quote and by
/// code-point position.
pub fn annotation(info: &ArticleInfo, claim: &Claim) -> Value {
    let span = &claim.content.span;
    let mut quote = json!({"type": "TextQuoteSelector", "exact": span.text});
    if let Some(text) = &info.text {
        let (prefix, suffix) = context(text, span.start, span.end, CONTEXT_CHARS);
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
    if let Some(q) = claim.speaker.as_ref().and_then(|s| s.wikidata.as_ref()) {
        bodies.push(json!({"type": "SpecificResource", "purpose": "identifying", "source": wikidata_url(q)}));
    }
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

/// All claims of `files` as a W3C `AnnotationCollection` with one page.
pub fn webannotation(files: &[ClaimFile]) -> Value {
    let items: Vec<Value> = files
        .iter()
        .flat_map(|f| f.claims.iter().map(|c| annotation(&f.article, &c.claim)))
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
pub const CSV_HEADER: [&str; 16] = [
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
];

/// All claims of `files` as CSV with [`CSV_HEADER`] (code-point offsets;
/// `via` joined with ` > `).
pub fn csv(files: &[ClaimFile]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER)?;
    for f in files {
        for rc in &f.claims {
            let c = &rc.claim;
            let s = c.speaker.as_ref();
            let opt = |v: Option<&String>| v.cloned().unwrap_or_default();
            let source_type = s
                .map(|s| {
                    serde_json::to_value(s.source_type)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default()
                })
                .unwrap_or_default();
            w.write_record([
                f.article.id.clone(),
                c.id.clone(),
                kind_name(c.kind).to_string(),
                opt(s.map(|s| &s.name)),
                source_type,
                opt(s.and_then(|s| s.role.as_ref())),
                opt(s.and_then(|s| s.organization.as_ref())),
                opt(s.and_then(|s| s.wikidata.as_ref())),
                opt(s.map(|s| &s.mention.text)),
                c.cue
                    .as_ref()
                    .map(|q| q.span.text.clone())
                    .unwrap_or_default(),
                c.content.span.text.clone(),
                c.content.span.start.to_string(),
                c.content.span.end.to_string(),
                format!("{:.2}", c.confidence),
                c.via.join(" > "),
                rc.review.status.as_str().to_string(),
            ])?;
        }
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_counts_code_points() {
        let (p, s) = context("ääx“yz”bb", 3, 6, 2);
        assert_eq!(p, "äx");
        assert_eq!(s, "”b");
        let (p, s) = context("abc", 0, 3, 32);
        assert_eq!((p.as_str(), s.as_str()), ("", ""));
    }
}
