//! HTML articles: finds the main article text of a web page with the
//! readability algorithm (`dom_smoothie`, a port of Mozilla's
//! Readability.js) and its metadata (title, byline, publication time, site
//! name). It owns only the HTML → text step; the extracted text then runs
//! through the normal pipeline, and every offset of the result points into
//! that extracted text, which the analysis carries as `article.text`.
//! It never reads files.

use dom_smoothie::{Config, Readability, TextMode};
use nom::bytes::complete::take_while_m_n;
use nom::character::complete::char;
use nom::combinator::recognize;
use nom::error::ParseError;
use nom::{IResult, Parser};

use crate::claim::{Analysis, Warning};
use crate::grammar::Grammar;

/// The readable part of a web page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlArticle {
    /// The article text, paragraphs separated by blank lines.
    pub text: String,
    /// The article title.
    pub title: Option<String>,
    /// The author line.
    pub byline: Option<String>,
    /// The publication time as the page states it.
    pub published: Option<String>,
    /// The site name.
    pub site_name: Option<String>,
    /// The page's URL: from its JSON-LD, its canonical link or `og:url`.
    pub url: Option<String>,
}

/// Deepest element nesting read. The readability pass takes time that
/// grows with the square of the nesting, and real pages nest a few dozen
/// elements deep.
pub const MAX_HTML_DEPTH: usize = 1000;

/// Elements that never hold others (void) or whose end tag may be left out
/// (`<p>`, `<li>` …): they do not count towards the nesting, so that a page
/// of unclosed paragraphs is not taken for a deep one.
const FLAT_ELEMENTS: [&str; 30] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead",
    "tbody", "tfoot", "colgroup", "caption", "rt", "rp",
];

/// Elements whose content is text, not markup.
const RAW_TEXT: [&str; 4] = ["script", "style", "textarea", "title"];

/// Whether `html` nests elements deeper than [`MAX_HTML_DEPTH`], by a
/// linear scan of its tags.
pub fn too_deep(html: &str) -> bool {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + found;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(bytes.len(), |e| start + e + 3);
            continue;
        }
        let close = rest.starts_with("</");
        let name_from = if close { 2 } else { 1 };
        let name: String = rest[name_from..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let end = memchr::memchr(b'>', &bytes[start..]).map_or(bytes.len(), |e| start + e + 1);
        at = end;
        if name.is_empty() || FLAT_ELEMENTS.contains(&name.as_str()) {
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
        } else if RAW_TEXT.contains(&name.as_str()) {
            at = closing_tag(bytes, at, name.as_bytes());
        } else if !html[start..end].ends_with("/>") {
            depth += 1;
            if depth > MAX_HTML_DEPTH {
                return true;
            }
        }
    }
    false
}

/// Where the end tag `</name` starts at or after `from` (any case), or the
/// end of `bytes`.
fn closing_tag(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(found) = memchr::memmem::find(&bytes[at..], b"</") {
        let tag = at + found + 2;
        let candidate = bytes.get(tag..tag + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name)) {
            return at + found;
        }
        at = tag;
    }
    bytes.len()
}

/// The page's own URL from `<link rel="canonical" href>` or, failing that,
/// `<meta property="og:url" content>`.
fn page_url(html: &str) -> Option<String> {
    let mut canonical = None;
    let mut og = None;
    let lower = html.to_ascii_lowercase();
    for (start, _) in lower
        .match_indices("<link")
        .chain(lower.match_indices("<meta"))
    {
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        let tag = &html[start..end];
        let rel = attribute(tag, "rel").map(|r| r.to_ascii_lowercase());
        let property = attribute(tag, "property").map(|r| r.to_ascii_lowercase());
        if canonical.is_none()
            && rel.is_some_and(|r| r.split_whitespace().any(|w| w == "canonical"))
        {
            canonical = attribute(tag, "href");
        }
        if og.is_none() && property.as_deref() == Some("og:url") {
            og = attribute(tag, "content");
        }
    }
    canonical
        .or(og)
        .map(|u| u.replace("&amp;", "&").trim().to_string())
        .filter(|u| !u.is_empty())
}

/// The value of attribute `name` in the start tag `tag`, quoted or not.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find(name) {
        let at = from + found;
        from = at + name.len();
        let before = lower[..at].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = tag[from..].trim_start();
        let Some(value) = rest.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or("").to_string(),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or("")
                .trim_end_matches('/')
                .to_string(),
        });
    }
    None
}

/// Extracts the main article of `html`. A page without readable content,
/// or nested deeper than [`MAX_HTML_DEPTH`], gives `None`; HTML never
/// causes an error or a panic.
pub fn extract_html(html: &str) -> Option<HtmlArticle> {
    if too_deep(html) {
        return None;
    }
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut reader = Readability::new(html, None, Some(cfg)).ok()?;
    let article = reader.parse().ok()?;
    let nonempty = |s: Option<String>| {
        s.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
    };
    Some(HtmlArticle {
        text: tidy_paragraphs(&article.text_content),
        title: nonempty(Some(article.title.clone())),
        byline: nonempty(article.byline.clone()),
        published: nonempty(article.published_time.clone()),
        site_name: nonempty(article.site_name.clone()),
        url: nonempty(article.url.clone()).or_else(|| page_url(html)),
    })
}

/// Trims each line, collapses runs of spaces inside lines and separates
/// paragraphs by exactly one blank line, the layout the paragraph splitter
/// expects of plain-text articles.
fn tidy_paragraphs(text: &str) -> String {
    let paragraphs: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    let mut out = paragraphs.join("\n\n");
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Analyses a web page: extracts its article and runs the pipeline on the
/// extracted text. The result carries that text (`article.text`) and the
/// page's metadata; a page without readable content gives no claims and a
/// warning.
pub fn analyze_html(id: &str, html: &str, grammar: &Grammar) -> Analysis {
    let Some(page) = extract_html(html) else {
        let mut analysis = crate::analyze_document(id, "", grammar);
        analysis.article.text = Some(String::new());
        analysis.warnings.push(Warning {
            byte: 0,
            message: "no readable article text found in the HTML".into(),
        });
        return analysis;
    };
    let mut analysis = crate::analyze_document(id, &page.text, grammar);
    let info = &mut analysis.article;
    if info.date.is_none() {
        info.date = page.published.as_deref().and_then(iso_date);
    }
    info.title = page.title;
    info.byline = page.byline;
    info.published = page.published;
    info.site_name = page.site_name;
    info.url = page.url;
    info.text = Some(page.text);
    analysis
}

/// Recognises the `YYYY-MM-DD` date that starts an ISO 8601 time stamp.
fn iso_date_prefix<'a, E: ParseError<&'a str>>(input: &'a str) -> IResult<&'a str, &'a str, E> {
    let digits = |n| take_while_m_n(n, n, |c: char| c.is_ascii_digit());
    recognize((digits(4), char('-'), digits(2), char('-'), digits(2))).parse(input)
}

/// The `YYYY-MM-DD` date at the start of an ISO 8601 time stamp.
fn iso_date(stamp: &str) -> Option<String> {
    let (_, date) = iso_date_prefix::<nom::error::Error<&str>>(stamp).ok()?;
    Some(date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_cut_from_time_stamps() {
        assert_eq!(
            iso_date("2025-03-04T10:00:00Z").as_deref(),
            Some("2025-03-04")
        );
        assert_eq!(iso_date("March 4, 2025"), None);
        assert_eq!(iso_date("2025"), None);
    }

    #[test]
    fn paragraphs_get_one_blank_line() {
        assert_eq!(tidy_paragraphs("  a  b \n\n\n c\n"), "a b\n\nc\n");
        assert_eq!(tidy_paragraphs(" \n"), "");
    }

    #[test]
    fn canonical_and_og_urls_are_read() {
        let page = r#"<head><meta property="og:url" content="https://a.example/og">
            <LINK rel='canonical' href="https://a.example/x?a=1&amp;b=2"></head>"#;
        assert_eq!(
            page_url(page).as_deref(),
            Some("https://a.example/x?a=1&b=2")
        );
        let og = r#"<meta content="https://a.example/og" property=og:url>"#;
        assert_eq!(page_url(og).as_deref(), Some("https://a.example/og"));
        assert_eq!(page_url("<link rel=stylesheet href=a.css>"), None);
    }

    #[test]
    fn deep_nesting_is_found_and_flat_pages_are_not() {
        let deep = "<div>".repeat(MAX_HTML_DEPTH + 1);
        assert!(too_deep(&deep));
        let closed = "<div>".repeat(600) + &"</div>".repeat(600);
        assert!(!too_deep(&closed.repeat(3)));
        let paragraphs = "<p>text".repeat(5000) + "<br><img src=x/>";
        assert!(!too_deep(&paragraphs));
        let script = format!("<script>{}</script>", "<div>".repeat(2000));
        assert!(!too_deep(&script));
        assert!(extract_html(&deep).is_none());
    }

    #[test]
    fn pages_without_text_give_no_article() {
        let grammar = Grammar::bundled();
        let a = analyze_html("x", "<html><body></body></html>", &grammar);
        assert!(a.claims.is_empty());
        assert_eq!(a.warnings.len(), 1);
    }
}
