//! A hand-written JSON writer for [`Analysis`]: keys are written as literal
//! bytes and values straight into the buffer, without serde's per-field
//! calls. It must give exactly the bytes `serde_json::to_string` gives for
//! the derived and hand-written `Serialize` impls in [`crate::claim`]: the
//! same field order, the same skipped fields, the same number and string
//! formats. The property tests compare the two on arbitrary analyses.

use crate::claim::{
    Analysis, ArticleInfo, Claim, ClaimKind, Content, Cue, DatelineInfo, Speaker, TextSpan,
};
use crate::grammar::SourceType;
use crate::text::swar;

/// Appends `analysis` as one line of compact JSON (no trailing newline).
pub(super) fn write_analysis(out: &mut String, analysis: &Analysis) {
    out.push_str("{\"article\":");
    article(out, &analysis.article);
    out.push_str(",\"claims\":[");
    for (i, claim) in analysis.claims.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_claim(out, claim);
    }
    out.push_str("]}");
}

/// Writes [`ArticleInfo`]; absent optional fields are left out.
fn article(out: &mut String, a: &ArticleInfo) {
    out.push_str("{\"id\":");
    string(out, &a.id);
    optional_string(out, ",\"language\":", a.language.as_deref());
    optional_string(out, ",\"date\":", a.date.as_deref());
    if let Some(d) = &a.dateline {
        out.push_str(",\"dateline\":");
        dateline(out, d);
    }
    optional_string(out, ",\"outlet\":", a.outlet.as_deref());
    optional_string(out, ",\"title\":", a.title.as_deref());
    optional_string(out, ",\"byline\":", a.byline.as_deref());
    optional_string(out, ",\"published\":", a.published.as_deref());
    optional_string(out, ",\"site_name\":", a.site_name.as_deref());
    optional_string(out, ",\"url\":", a.url.as_deref());
    optional_string(out, ",\"text\":", a.text.as_deref());
    out.push('}');
}

/// Writes [`DatelineInfo`]: its span's fields in place, then the place and
/// the date when there is one.
fn dateline(out: &mut String, d: &DatelineInfo) {
    out.push('{');
    span_fields(out, &d.span);
    out.push_str(",\"place\":");
    string(out, &d.place);
    optional_string(out, ",\"date\":", d.date.as_deref());
    out.push('}');
}

/// Writes one [`Claim`]; a missing speaker or cue is `null`, empty `via` is
/// left out.
fn write_claim(out: &mut String, c: &Claim) {
    out.push_str("{\"id\":");
    string(out, &c.id);
    out.push_str(match c.kind {
        ClaimKind::Direct => ",\"kind\":\"direct\",\"content\":",
        ClaimKind::Indirect => ",\"kind\":\"indirect\",\"content\":",
        ClaimKind::Mixed => ",\"kind\":\"mixed\",\"content\":",
    });
    content(out, &c.content);
    out.push_str(",\"speaker\":");
    match &c.speaker {
        Some(s) => speaker(out, s),
        None => out.push_str("null"),
    }
    out.push_str(",\"cue\":");
    match &c.cue {
        Some(cue) => write_cue(out, cue),
        None => out.push_str("null"),
    }
    if !c.via.is_empty() {
        out.push_str(",\"via\":[");
        for (i, v) in c.via.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            string(out, v);
        }
        out.push(']');
    }
    out.push_str(",\"confidence\":");
    float(out, c.confidence);
    out.push_str(",\"frame\":");
    string(out, &c.frame);
    out.push('}');
}

/// Writes [`Content`]: its span's fields in place, the paragraph, and the
/// brackets when there are any.
fn content(out: &mut String, c: &Content) {
    out.push('{');
    span_fields(out, &c.span);
    out.push_str(",\"paragraph\":");
    uint(out, c.paragraph);
    if !c.brackets.is_empty() {
        out.push_str(",\"brackets\":[");
        for (i, b) in c.brackets.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            text_span(out, b);
        }
        out.push(']');
    }
    out.push('}');
}

/// Writes a [`Speaker`]; absent role, organization and Wikidata id are left
/// out.
fn speaker(out: &mut String, s: &Speaker) {
    out.push_str("{\"name\":");
    string(out, &s.name);
    out.push_str(",\"mention\":");
    text_span(out, &s.mention);
    out.push_str(",\"type\":\"");
    out.push_str(source_type(s.source_type));
    out.push('"');
    optional_string(out, ",\"role\":", s.role.as_deref());
    optional_string(out, ",\"organization\":", s.organization.as_deref());
    optional_string(out, ",\"wikidata\":", s.wikidata.as_deref());
    out.push('}');
}

/// Writes a [`Cue`]: its span's fields in place, then the lemma.
fn write_cue(out: &mut String, c: &Cue) {
    out.push('{');
    span_fields(out, &c.span);
    out.push_str(",\"lemma\":");
    string(out, &c.lemma);
    out.push('}');
}

/// The name serde gives a [`SourceType`] (`rename_all = "snake_case"`).
fn source_type(t: SourceType) -> &'static str {
    match t {
        SourceType::Person => "person",
        SourceType::Organization => "organization",
        SourceType::Outlet => "outlet",
        SourceType::Document => "document",
        SourceType::Anonymous => "anonymous",
        SourceType::Unknown => "unknown",
    }
}

/// Writes a [`TextSpan`] as an object of its own.
fn text_span(out: &mut String, s: &TextSpan) {
    out.push('{');
    span_fields(out, s);
    out.push('}');
}

/// Writes a span's five fields without the braces, as
/// `TextSpan::serialize_fields` does.
fn span_fields(out: &mut String, s: &TextSpan) {
    out.push_str("\"text\":");
    string(out, &s.text);
    out.push_str(",\"start\":");
    uint(out, s.start);
    out.push_str(",\"end\":");
    uint(out, s.end);
    out.push_str(",\"byte_start\":");
    uint(out, s.byte_start);
    out.push_str(",\"byte_end\":");
    uint(out, s.byte_end);
}

/// Writes `key` (the comma, the quoted name and the colon) and the value
/// when there is one; nothing when there is none (`skip_serializing_if =
/// "Option::is_none"`).
fn optional_string(out: &mut String, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        out.push_str(key);
        string(out, v);
    }
}

/// Writes an unsigned integer in decimal.
fn uint(out: &mut String, n: usize) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// Writes a float as serde_json does: the shortest form that reads back to
/// the same value, always with a fraction or exponent (`1.0`, `0.49`), and
/// `null` for NaN and the infinities. serde_json formats with `zmij`.
fn float(out: &mut String, f: f64) {
    if f.is_finite() {
        out.push_str(zmij::Buffer::new().format_finite(f));
    } else {
        out.push_str("null");
    }
}

/// Writes `s` as a JSON string, escaped as serde_json escapes it: `"` and
/// `\` with a backslash; `\b`, `\f`, `\n`, `\r` and `\t` in their short
/// forms; other control characters below U+0020 as `\u00xx` (lower-case
/// hex). Everything else, `/`, DEL and non-ASCII included, is copied as is.
fn string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut rest = s;
    while let Some(i) = next_escape(rest.as_bytes()) {
        // Byte `i` is ASCII, so both cuts fall on character boundaries.
        out.push_str(&rest[..i]);
        escape(out, rest.as_bytes()[i]);
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

/// The index of the first byte of `bytes` that a JSON string must escape,
/// eight bytes at a time (see [`escape_mask`]).
fn next_escape(bytes: &[u8]) -> Option<usize> {
    swar::first_flagged(bytes, b' ', escape_mask)
}

/// For eight bytes read little-endian, a mask whose lowest set bit is the
/// high bit of the first byte below 0x20 or equal to `"` or `\`; zero when
/// there is none.
fn escape_mask(w: u64) -> u64 {
    swar::below(w, 0x20) | swar::equal(w, b'"') | swar::equal(w, b'\\')
}

/// Writes the escape for one byte that [`next_escape`] found.
fn escape(out: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push_str(match b {
        b'"' => "\\\"",
        b'\\' => "\\\\",
        0x08 => "\\b",
        0x0c => "\\f",
        b'\n' => "\\n",
        b'\r' => "\\r",
        b'\t' => "\\t",
        _ => {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
            return;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(s: &str) {
        let mut out = String::new();
        string(&mut out, s);
        assert_eq!(out, serde_json::to_string(s).unwrap(), "{s:?}");
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for s in [
            "",
            "plain ASCII, long enough for several words",
            "\"",
            "\\",
            "/",
            "a\"b\\c/d",
            "\u{0}\u{1}\u{7}\u{8}\t\n\u{b}\u{c}\r\u{e}\u{1f} \u{7f}",
            "\u{2028}\u{2029}",
            "Zoë \u{1F600} שלום",
            "\"\"\"\"\"\"\"\"\"",
            "\\\\\\\\\\\\\\\\",
            "12345678\"",
            "1234567\n",
            "12345678901234\u{1}",
            "«Мы примем меры», — сказал министр.",
        ] {
            check(s);
        }
    }

    #[test]
    fn every_byte_value_at_every_lane_is_escaped_like_serde_json() {
        for c in (0u8..0x80).map(char::from).chain(['é', '\u{80}', '\u{ff}']) {
            for pad in 0..17 {
                let before = "x".repeat(pad);
                check(&format!("{before}{c}"));
                check(&format!("{before}{c}yyyyyyyyy{c}"));
            }
        }
    }

    #[test]
    fn source_types_are_named_as_serde_names_them() {
        for t in SourceType::ALL {
            assert_eq!(
                format!("\"{}\"", source_type(t)),
                serde_json::to_string(&t).unwrap()
            );
        }
    }

    #[test]
    fn floats_are_formatted_as_serde_json_formats_them() {
        for f in [
            0.0,
            -0.0,
            1.0,
            0.9,
            0.49,
            0.1 + 0.2,
            1e-7,
            1e16,
            123456.789,
            f64::MIN_POSITIVE,
            f64::MAX,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            let mut out = String::new();
            float(&mut out, f);
            assert_eq!(out, serde_json::to_string(&f).unwrap(), "{f:?}");
        }
    }
}
