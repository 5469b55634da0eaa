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
use crate::language::Languages;

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
    /// The canonical URL from the page's JSON-LD, when present.
    pub url: Option<String>,
}

/// Extracts the main article of `html`. A page without readable content
/// gives `None`; HTML never causes an error or a panic.
pub fn extract_html(html: &str) -> Option<HtmlArticle> {
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
        url: nonempty(article.url.clone()),
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
    analyze_page(id, html, |id, text| {
        crate::analyze_document(id, text, grammar)
    })
}

/// [`analyze_html`] with the pack of the extracted text's language.
pub fn analyze_html_in(id: &str, html: &str, languages: &Languages) -> Analysis {
    analyze_page(id, html, |id, text| languages.analyze_document(id, text))
}

/// Extracts the page's article and analyses its text with `analyze`.
fn analyze_page(id: &str, html: &str, analyze: impl Fn(&str, &str) -> Analysis) -> Analysis {
    let Some(page) = extract_html(html) else {
        let mut analysis = analyze(id, "");
        analysis.article.text = Some(String::new());
        analysis.warnings.push(Warning {
            byte: 0,
            message: "no readable article text found in the HTML".into(),
        });
        return analysis;
    };
    let mut analysis = analyze(id, &page.text);
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
    fn pages_without_text_give_no_article() {
        let grammar = Grammar::bundled();
        let a = analyze_html("x", "<html><body></body></html>", &grammar);
        assert!(a.claims.is_empty());
        assert_eq!(a.warnings.len(), 1);
    }
}
