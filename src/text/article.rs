//! The article header: an optional `date YYYY-MM-DD` line and a wire-service
//! dateline (`DUSHANBE, August 10. /TASS/.`, `WASHINGTON (Reuters) -`,
//! `LONDON, Aug 10 (AP) —`). Both may share one line with the first sentence.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char, satisfy, space0, space1};
use nom::combinator::{opt, recognize, verify};
use nom::multi::separated_list1;
use nom::sequence::{delimited, preceded};
use nom::{IResult, Offset, Parser};
use serde::Serialize;

use super::Span;

/// What the header of an article says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// The `date YYYY-MM-DD` header value and where it is.
    pub date: Option<Span>,
    /// The wire dateline, when there is one.
    pub dateline: Option<Dateline>,
    /// Byte offset where the article body begins.
    pub body_start: usize,
}

/// A wire-service dateline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dateline {
    /// The whole dateline as written.
    pub span: Span,
    /// The place (`DUSHANBE`).
    pub place: Span,
    /// The date as written (`August 10`), when given.
    pub date: Option<Span>,
    /// The news agency (`TASS`, `Reuters`), when given.
    pub outlet: Option<Span>,
}

fn date_header(input: &str) -> IResult<&str, &str> {
    preceded(
        (tag("date"), space1),
        recognize((
            take_while_m_n(4, 4, |c: char| c.is_ascii_digit()),
            char('-'),
            take_while_m_n(2, 2, |c: char| c.is_ascii_digit()),
            char('-'),
            take_while_m_n(2, 2, |c: char| c.is_ascii_digit()),
        )),
    )
    .parse(input)
}

/// An all-capitals place name: `DUSHANBE`, `NEW YORK`, `ST. PETERSBURG`.
fn place(input: &str) -> IResult<&str, &str> {
    let word = recognize((
        satisfy(char::is_uppercase),
        take_while(|c: char| c.is_uppercase() || c == '.' || c == '-' || c == '\''),
    ));
    verify(recognize(separated_list1(char(' '), word)), |s: &str| {
        s.chars().filter(|c| c.is_uppercase()).count() >= 2
    })
    .parse(input)
}

/// A written date such as `August 10` or `Aug 10`, or with the day first
/// (`3 декабря`, `3. Dezember`).
fn written_date(input: &str) -> IResult<&str, &str> {
    let month_day = recognize((
        take_while1(|c: char| c.is_alphabetic()),
        opt(char('.')),
        space1,
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
    ));
    let day_month = recognize((
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
        opt(char('.')),
        space1,
        take_while1(|c: char| c.is_alphabetic()),
    ));
    alt((month_day, day_month)).parse(input)
}

fn outlet_name(input: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_alphanumeric() || c == ' ' || c == '-' || c == '&').parse(input)
}

fn dash(input: &str) -> IResult<&str, &str> {
    alt((tag("--"), tag("-"), tag("—"), tag("–"))).parse(input)
}

/// `PLACE, DATE. /OUTLET/.` (TASS style).
fn slash_dateline(input: &str) -> IResult<&str, (&str, Option<&str>, Option<&str>)> {
    let (rest, (p, _, d, _, o, _)) = (
        place,
        (char(','), space0),
        written_date,
        (char('.'), space0),
        delimited(char('/'), outlet_name, char('/')),
        opt(char('.')),
    )
        .parse(input)?;
    Ok((rest, (p, Some(d), Some(o))))
}

/// A state or region after the place: `Ill.`, `N.H.`, `Calif.`, `Texas`.
fn region(input: &str) -> IResult<&str, &str> {
    recognize((
        satisfy(char::is_uppercase),
        take_while(|c: char| c.is_alphabetic() || c == '.'),
    ))
    .parse(input)
}

/// `PLACE (Outlet) -`, `PLACE, DATE (Outlet) —` (Reuters, AP style) or
/// `PLACE, Region. —` (US papers).
fn paren_dateline(input: &str) -> IResult<&str, (&str, Option<&str>, Option<&str>)> {
    let (rest, (p, d, _, _, o, _, _)) = (
        place,
        opt(preceded((char(','), space0), written_date)),
        opt(preceded((char(','), space0), region)),
        space0,
        opt(delimited(char('('), outlet_name, char(')'))),
        space0,
        dash,
    )
        .parse(input)?;
    Ok((rest, (p, d, o)))
}

/// `s` without leading whitespace and byte-order marks.
fn skip_blank(s: &str) -> &str {
    s.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// Reads the header of `text`. Never fails: an article without a header has
/// `body_start == 0` and nothing else.
pub fn parse_header(text: &str) -> Header {
    let mut header = Header::default();
    let at = |s: &str| text.offset(s);
    let mut rest = skip_blank(text);
    if let Ok((after, date)) = date_header(rest) {
        header.date = Some(Span::new(at(date), at(date) + date.len()));
        rest = skip_blank(after);
    }
    let span_of = |s: &str| Span::new(at(s), at(s) + s.len());
    if let Ok((after, (p, d, o))) = alt((slash_dateline, paren_dateline)).parse(rest) {
        let start = at(rest);
        header.dateline = Some(Dateline {
            span: Span::new(start, at(after)),
            place: span_of(p.trim_end()),
            date: d.map(span_of),
            outlet: o.map(|o| span_of(o.trim())),
        });
        rest = skip_blank(after);
    }
    header.body_start = if header.date.is_some() || header.dateline.is_some() {
        at(rest)
    } else {
        0
    };
    if header.dateline.is_none() {
        header.dateline = dateline_after_headline(text, rest);
    }
    header
}

/// Longest line taken for a headline above a dateline, in bytes.
const MAX_HEADLINE: usize = 300;

/// A dateline opening the paragraph after a one-line headline (`Trump
/// speaks.` / `WASHINGTON (AP) — …`), as scraped articles give them. The
/// headline stays part of the body; the dateline is not prose.
fn dateline_after_headline(text: &str, rest: &str) -> Option<Dateline> {
    let line_end = rest.find('\n')?;
    if line_end > MAX_HEADLINE {
        return None;
    }
    let next = skip_blank(&rest[line_end..]);
    let (after, (p, d, o)) = alt((slash_dateline, paren_dateline)).parse(next).ok()?;
    let at = |s: &str| text.offset(s);
    let span_of = |s: &str| Span::new(at(s), at(s) + s.len());
    Some(Dateline {
        span: Span::new(at(next), at(after)),
        place: span_of(p.trim_end()),
        date: d.map(span_of),
        outlet: o.map(|o| span_of(o.trim())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(
        input: &str,
        date: Option<&str>,
        place: Option<&str>,
        outlet: Option<&str>,
        body: &str,
    ) {
        let h = parse_header(input);
        assert_eq!(h.date.map(|s| s.slice(input)), date, "date");
        let dl = h.dateline.as_ref();
        assert_eq!(dl.map(|d| d.place.slice(input)), place, "place");
        assert_eq!(
            dl.and_then(|d| d.outlet).map(|s| s.slice(input)),
            outlet,
            "outlet"
        );
        assert_eq!(&input[h.body_start..], body);
    }

    #[test]
    fn tass_header_on_one_line() {
        check(
            " date 2025-08-10 DUSHANBE, August 10. /TASS/. Russian President spoke.",
            Some("2025-08-10"),
            Some("DUSHANBE"),
            Some("TASS"),
            "Russian President spoke.",
        );
    }

    #[test]
    fn russian_and_german_datelines() {
        check(
            "МОСКВА, 3 декабря. /ТАСС/. Кремль ответил.",
            None,
            Some("МОСКВА"),
            Some("ТАСС"),
            "Кремль ответил.",
        );
        check(
            "BERLIN (dpa) - Die Regierung tagte.",
            None,
            Some("BERLIN"),
            Some("dpa"),
            "Die Regierung tagte.",
        );
    }

    #[test]
    fn reuters_and_ap_datelines() {
        check(
            "WASHINGTON (Reuters) - The senator said.",
            None,
            Some("WASHINGTON"),
            Some("Reuters"),
            "The senator said.",
        );
        check(
            "LONDON, Aug 10 (AP) — Ministers met.",
            None,
            Some("LONDON"),
            Some("AP"),
            "Ministers met.",
        );
        check(
            "date 2024-01-02\nNEW YORK -- Text.",
            Some("2024-01-02"),
            Some("NEW YORK"),
            None,
            "Text.",
        );
    }

    #[test]
    fn byte_order_marks_are_skipped_like_blanks() {
        check(
            "\u{feff}date 2024-01-02\n\u{feff}LONDON, Aug 10 (AP) — \u{feff}Ministers met.",
            Some("2024-01-02"),
            Some("LONDON"),
            Some("AP"),
            "Ministers met.",
        );
    }

    #[test]
    fn a_dateline_after_a_headline_is_found_and_the_headline_kept() {
        for (input, place, outlet) in [
            (
                "Senator speaks.\n\nDECATUR, Ill. — Sen. Ted Cruz spoke.",
                "DECATUR",
                None,
            ),
            (
                "Camp hits back.\nWASHINGTON, Dec. 8 (UPI) — Aides said.",
                "WASHINGTON",
                Some("UPI"),
            ),
            (
                "Graham slams Trump.\n\nTALLAHASSEE — Rep. Gwen Graham said.",
                "TALLAHASSEE",
                None,
            ),
        ] {
            let h = parse_header(input);
            assert_eq!(h.body_start, 0, "{input}");
            let dl = h.dateline.expect(input);
            assert_eq!(dl.place.slice(input), place);
            assert_eq!(dl.outlet.map(|o| o.slice(input)), outlet);
            assert!(dl.span.slice(input).ends_with('—'), "{input}");
        }
        // A capitalised first word of a second paragraph is no dateline.
        assert!(parse_header("Headline.\n\nUS officials said so.")
            .dateline
            .is_none());
    }

    #[test]
    fn plain_text_has_no_header() {
        check(
            "The minister said so.",
            None,
            None,
            None,
            "The minister said so.",
        );
        check(
            "US officials said so.",
            None,
            None,
            None,
            "US officials said so.",
        );
    }
}
