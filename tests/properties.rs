//! Property tests: on any text, and on text biased toward the things the
//! parsers care about (quotation marks, brackets, line ends, abbreviations,
//! cues, names, BOM, NUL, zero-width, bidi and combining characters), the
//! pipeline never panics, every span slices to its text, claims are sorted
//! with distinct ids, output is deterministic, and YAML and JSON round-trip.

mod common;

use std::sync::LazyLock;

use proptest::prelude::*;
use whosaid::grammar::Grammar;
use whosaid::{analyze_document, output, Analysis};

static GRAMMAR: LazyLock<Grammar> = LazyLock::new(Grammar::bundled);
/// A second, separately built grammar: its hash maps iterate in another
/// order, which must not change the output.
static OTHER_GRAMMAR: LazyLock<Grammar> = LazyLock::new(Grammar::bundled);

/// Fragments that steer the parsers into their interesting corners.
const PIECES: &[&str] = &[
    "“",
    "”",
    "\"",
    "«",
    "»",
    "„",
    "‘",
    "’",
    "'",
    "''",
    "‹",
    "›",
    "[",
    "]",
    "(",
    ")",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    " ",
    " ",
    " ",
    "\t",
    ",",
    ".",
    ":",
    ";",
    "!",
    "?",
    "—",
    "-",
    "U.S.",
    "Mr.",
    "Sen.",
    "a.m.",
    "J.",
    "said",
    "says",
    "told",
    "added",
    "denied",
    "according to",
    "that",
    "he",
    "she",
    "they",
    "it",
    "the",
    "The minister",
    "Smith",
    "John Smith",
    "President",
    "White House official",
    "the statement",
    "Bild",
    "reported",
    "Kremlin",
    "We",
    "will",
    "act",
    "yes",
    "null",
    "~",
    ": ",
    "- ",
    "#",
    "&a",
    "*b",
    "!tag",
    "%",
    "@",
    "`",
    "|",
    ">",
    "{",
    "}",
    "\u{FEFF}",
    "\0",
    "\u{1}",
    "\u{7f}",
    "\u{85}",
    "\u{200B}",
    "\u{200D}",
    "\u{200F}",
    "\u{202E}",
    "\u{2028}",
    "\u{2029}",
    "\u{301}",
    "\u{20D7}",
    "שלום",
    "قال",
    "Zoë",
    "é",
    "\u{1F600}",
    "date 2025-01-02\n",
    "WASHINGTON (Reuters) - ",
    "DUSHANBE, August 10. /TASS/. ",
];

/// Text made of `PIECES` and arbitrary characters.
fn biased_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

/// Attributed sentences around biased content, so that claims are found.
fn speech_text() -> impl Strategy<Value = String> {
    let sentence = (
        prop::sample::select(&["\"", "“", "«", "„", "‘", "''"][..]),
        biased_text(),
        prop::sample::select(&["\"", "”", "»", "“", "’", "''"][..]),
        prop::sample::select(
            &[
                ", the minister said. ",
                " said John Smith.\n",
                ", he added, ",
                ",” Mr. Smith told reporters.\r\n",
                " ",
                "\n\n",
            ][..],
        ),
    )
        .prop_map(|(o, body, c, tail)| format!("{o}{body}{c}{tail}"));
    prop::collection::vec(sentence, 1..6).prop_map(|v| v.concat())
}

fn analyze(text: &str) -> Analysis {
    analyze_document("doc", text, &GRAMMAR)
}

/// All the invariants one text must satisfy.
fn check_all(text: &str) -> Result<(), TestCaseError> {
    let a = analyze(text);
    common::check_analysis(text, &a);
    let yaml = output::to_yaml(&a);
    let again = output::to_yaml(&analyze_document("doc", text, &OTHER_GRAMMAR));
    prop_assert_eq!(&yaml, &again, "output differs between runs");
    let back: Analysis = serde_yaml::from_str(&yaml)
        .map_err(|e| TestCaseError::fail(format!("YAML does not parse back: {e}\n{yaml}")))?;
    prop_assert_eq!(&back.claims, &a.claims);
    prop_assert_eq!(&back.article, &a.article);
    let json = output::to_json_line(&a);
    let reference = serde_json::to_string(&a).expect("serde_json writes any analysis");
    prop_assert_eq!(
        &json,
        &reference,
        "JSON lines differ from serde_json's output"
    );
    let back: Analysis = serde_json::from_str(&json)
        .map_err(|e| TestCaseError::fail(format!("JSON does not parse back: {e}")))?;
    prop_assert_eq!(&back.claims, &a.claims);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_unicode_text(text in any::<String>()) {
        check_all(&text)?;
    }

    #[test]
    fn text_biased_to_marks_and_cues(text in biased_text()) {
        check_all(&text)?;
    }

    #[test]
    fn attributed_speech(text in speech_text()) {
        check_all(&text)?;
    }

    /// Any string as a claim's content and speaker survives YAML and JSON.
    #[test]
    fn any_claim_text_round_trips(
        content in any::<String>(),
        name in biased_text(),
        percent in 0u8..=100,
    ) {
        let mut a = analyze("\"We will act,\" the minister said.");
        let claim = &mut a.claims[0];
        claim.content.span.text = content;
        // Confidences are written rounded to hundredths.
        claim.confidence = f64::from(percent) / 100.0;
        if let Some(s) = claim.speaker.as_mut() {
            s.name = name.clone();
            s.mention.text = name;
        }
        let back: Analysis = serde_yaml::from_str(&output::to_yaml(&a))
            .map_err(|e| TestCaseError::fail(format!("YAML: {e}")))?;
        prop_assert_eq!(&back.claims, &a.claims);
        let json = output::to_json_line(&a);
        // The fast JSON writer must give serde_json's bytes exactly.
        prop_assert_eq!(&json, &serde_json::to_string(&a).expect("serde_json"));
        let back: Analysis = serde_json::from_str(&json)
            .map_err(|e| TestCaseError::fail(format!("JSON: {e}")))?;
        prop_assert_eq!(&back.claims, &a.claims);
    }
}

/// Contents that YAML would read as something else unless quoted.
#[test]
fn yaml_lookalike_contents_round_trip() {
    for content in [
        "yes",
        "no",
        "null",
        "~",
        "true",
        "1e3",
        "0x1F",
        ": ",
        "- ",
        "-",
        "#",
        "# x",
        "a: b",
        "- a",
        "\tx\t",
        "x\u{1}y",
        "\0",
        "\u{7f}",
        "\u{85}",
        "\u{feff}x",
        "\u{2028}",
        "'",
        "\"",
        "---",
        "...",
        "&a",
        "*a",
        "!x",
        "%x",
        "@x",
        "`x",
        "|",
        ">",
        "{",
        "[",
        " lead",
        "trail ",
        "\n",
        "\r\n",
        "a\rb",
        "",
    ] {
        let text = format!("\"{content}\" the minister said.");
        let mut a = analyze(&text);
        if a.claims.is_empty() {
            a = analyze("\"We will act,\" the minister said.");
        }
        a.claims[0].content.span.text = content.to_string();
        let yaml = output::to_yaml(&a);
        let back: Analysis =
            serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{content:?}: {e}\n{yaml}"));
        assert_eq!(back.claims, a.claims, "{content:?}");
        let back: Analysis = serde_json::from_str(&output::to_json_line(&a)).unwrap();
        assert_eq!(back.claims, a.claims, "{content:?}");
    }
}

/// Strings that JSON escapes, or that a fast escaper could get wrong.
const TRICKY: &[&str] = &[
    "",
    "\"",
    "\\",
    "/",
    "\"quoted\" and \\backslashed\\",
    "\u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f}\u{7f}",
    "\u{2028}\u{2029}",
    "\u{1F600} emoji, Zoë and שלום",
    "exactly 8",
    "seven 7\"",
    "a long run of plain text before the escape at its end\n",
];

/// Every optional field of every part of the model set to tricky strings
/// (and then cleared again): the JSON line is serde_json's, byte for byte.
#[test]
fn json_line_matches_serde_json_on_every_field() {
    use whosaid::claim::{DatelineInfo, Speaker, TextSpan};
    use whosaid::grammar::SourceType;
    use whosaid::ClaimKind;

    let base = analyze("\"We will act,\" the minister said.");
    let span = |text: &str, n: usize| TextSpan {
        text: text.to_string(),
        start: n,
        end: n + 10,
        byte_start: usize::MAX - n,
        byte_end: usize::MAX,
    };
    for (i, &s) in TRICKY.iter().enumerate() {
        let some = || Some(s.to_string());
        let mut a = base.clone();
        a.article.id = s.to_string();
        a.article.date = some();
        a.article.dateline = Some(DatelineInfo {
            span: span(s, i),
            place: s.to_string(),
            date: some(),
        });
        a.article.outlet = some();
        a.article.title = some();
        a.article.byline = some();
        a.article.published = some();
        a.article.site_name = some();
        a.article.url = some();
        a.article.text = some();
        let mut claim = a.claims[0].clone();
        claim.id = s.to_string();
        claim.content.span = span(s, i);
        claim.content.paragraph = i;
        claim.content.brackets = vec![span(s, 0), span("[x]", 1)];
        claim.speaker = Some(Speaker {
            name: s.to_string(),
            mention: span(s, 2),
            source_type: SourceType::Anonymous,
            role: some(),
            organization: some(),
            wikidata: some(),
        });
        if let Some(cue) = claim.cue.as_mut() {
            cue.span = span(s, 3);
            cue.lemma = s.to_string();
        }
        claim.via = vec![s.to_string(), "Bild".into()];
        claim.confidence = [0.0, 1.0, 0.9, 0.49, 1e-7, f64::NAN][i % 6];
        claim.frame = s.to_string();
        let mut bare = claim.clone();
        bare.kind = ClaimKind::Indirect;
        bare.speaker = None;
        bare.cue = None;
        bare.via.clear();
        bare.content.brackets.clear();
        let mut mixed = claim.clone();
        mixed.kind = ClaimKind::Mixed;
        if let Some(sp) = mixed.speaker.as_mut() {
            sp.role = None;
            sp.organization = None;
            sp.wikidata = None;
            sp.source_type = SourceType::Unknown;
        }
        a.claims = vec![claim, bare, mixed];
        let json = output::to_json_line(&a);
        assert_eq!(json, serde_json::to_string(&a).unwrap(), "{s:?}");
        let mut plain = a.clone();
        plain.article = whosaid::claim::ArticleInfo {
            id: s.to_string(),
            ..Default::default()
        };
        plain.claims.clear();
        assert_eq!(
            output::to_json_line(&plain),
            serde_json::to_string(&plain).unwrap(),
            "{s:?}"
        );
        let mut dated = plain.clone();
        dated.article.dateline = Some(DatelineInfo {
            span: span(s, i),
            place: s.to_string(),
            date: None,
        });
        assert_eq!(
            output::to_json_line(&dated),
            serde_json::to_string(&dated).unwrap(),
            "{s:?}"
        );
    }
}
