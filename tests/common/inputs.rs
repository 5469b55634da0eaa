//! Pathological article texts, shared by `tests/pathological.rs` and
//! `benches/scaling.rs`. Every generator takes a scale factor so that the
//! benchmark can compare 1x and 10x versions of the same input.
#![allow(dead_code)]

/// The realistic wire copy the generators are built from.
pub const BASE: &str = include_str!("../corpus/wire-001.txt");

/// Realistic article sentences, with quotations, cues, names, abbreviations
/// and pronouns, repeated on a single line to at least `bytes` bytes.
pub fn one_paragraph(bytes: usize) -> String {
    let seed: Vec<&str> = BASE
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .collect();
    let seed = seed.join(" ")
        + " Mr. Smith of the U.S. Treasury said on Monday that prices would rise. \
           According to the ministry, “exports fell sharply.” He said ‘no’ twice.";
    repeat_to(&(seed + " "), bytes)
}

/// Quotation marks of every family and nothing else, cycling.
pub fn quote_marks(bytes: usize) -> String {
    repeat_to("“”\"«»„‘’'‹›''", bytes)
}

/// Only opening marks: nothing ever closes.
pub fn opening_marks(bytes: usize) -> String {
    repeat_to("“‘«„‹\"", bytes)
}

/// `depth` levels of alternating double and single quotations, “‘“‘ … ’”’”,
/// with a few words at the bottom and an attribution after.
pub fn nested_quotes(depth: usize) -> String {
    let mut s = String::with_capacity(depth * 6 + 64);
    for i in 0..depth {
        s.push(if i % 2 == 0 { '“' } else { '‘' });
    }
    s.push_str("We will act now, [sic] and soon");
    for i in (0..depth).rev() {
        s.push(if i % 2 == 0 { '”' } else { '’' });
    }
    s.push_str(" the minister said.");
    s
}

/// Nested opening marks that never close, each after a word.
pub fn nested_unclosed(depth: usize) -> String {
    let mut s = String::with_capacity(depth * 8);
    for i in 0..depth {
        s.push_str(if i % 2 == 0 { "said “" } else { "‘" });
    }
    s
}

/// Article text with every space removed.
pub fn no_spaces(bytes: usize) -> String {
    let seed: String = one_paragraph(4096)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    repeat_to(&seed, bytes)
}

/// Words carrying combining marks, some of them stacked, and marks after
/// quotation marks and punctuation.
pub fn combining_marks(bytes: usize) -> String {
    repeat_to(
        "Ze\u{301}\u{302}\u{303}lja Ma\u{308}rz said “a\u{301}ll is we\u{300}ll,” \
         he\u{20D7} added. \u{301}“\u{301}x\u{301}”\u{301} .\u{301} \u{338}said\u{35C} ",
        bytes,
    )
}

/// Right-to-left text, bidi controls and zero-width characters between and
/// inside words and quotation marks.
pub fn rtl_zero_width(bytes: usize) -> String {
    repeat_to(
        "\u{202E}“שלום עולם,” אמר השר.\u{202C} «مرحبا» قال الوزير. \
         The\u{200B}minister\u{200D} said\u{200C} “we\u{2060} will\u{FEFF} act”\u{200F}. \
         \u{200E}Mr.\u{200B} Smith said\u{061C} “yes.” \u{2066}x\u{2069} ",
        bytes,
    )
}

/// Real articles with CRLF line ends, and stray CRs inside lines.
pub fn crlf(bytes: usize) -> String {
    let seed = BASE.replace('\n', "\r\n") + "\r\r\n“A\rB,” he said.\r\n\r\n";
    repeat_to(&seed, bytes)
}

/// A byte-order mark before the header and at the start of every line.
pub fn bom(bytes: usize) -> String {
    let body: String = BASE.lines().map(|l| format!("\u{FEFF}{l}\n")).collect();
    "\u{FEFF}".to_string() + &repeat_to(&body, bytes)
}

/// Real articles with NUL bytes between words, inside quotations and at
/// line starts.
pub fn nul_bytes(bytes: usize) -> String {
    let seed = BASE.replace(' ', " \0").replace('“', "\0“\0") + "\0\"\0x\0\"\0 said\0 he.\n\0\n";
    repeat_to(&seed, bytes)
}

/// Claims whose speakers refer back to nothing that fits: `it` and `they`
/// after people only, `the statement` with no organization or document
/// before it. Resolution once walked back over every earlier claim for
/// each, which made such a text quadratic.
pub fn unresolvable_references(bytes: usize) -> String {
    repeat_to(
        "“We will open the new bridge in May,” Maria Lopez said on Monday. \
         “Nothing about the plan has changed since the spring,” it said. \
         “The figures stand exactly as they were published,” the statement said. \
         “Every lane will carry traffic by the summer,” they said.\n\n",
        bytes,
    )
}

/// `seed` repeated until the text is at least `bytes` long.
pub fn repeat_to(seed: &str, bytes: usize) -> String {
    let n = bytes.div_ceil(seed.len().max(1)).max(1);
    seed.repeat(n)
}

/// The named pathological inputs at scale `scale` (1 = the size the tests use
/// divided by ten, so that the benchmark's 10x equals the tests' size).
pub fn all(scale: usize) -> Vec<(&'static str, String)> {
    const MB: usize = 1 << 20;
    vec![
        ("one paragraph", one_paragraph(MB * scale)),
        ("quotation marks", quote_marks(MB / 10 * scale)),
        ("opening marks", opening_marks(MB / 10 * scale)),
        ("nested quotes", nested_quotes(10_000 * scale)),
        ("nested unclosed", nested_unclosed(10_000 * scale)),
        ("no spaces", no_spaces(MB / 10 * scale)),
        ("combining marks", combining_marks(MB / 10 * scale)),
        ("rtl and zero-width", rtl_zero_width(MB / 10 * scale)),
        ("crlf", crlf(MB / 10 * scale)),
        ("bom", bom(MB / 10 * scale)),
        ("nul bytes", nul_bytes(MB / 10 * scale)),
        (
            "unresolvable references",
            unresolvable_references(MB / 10 * scale),
        ),
    ]
}
