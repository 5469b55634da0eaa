//! Grammar files: every kind of broken file is an error naming the file (and
//! the line and column when the YAML parser knows them), and no grammar that
//! loads can make extraction panic, however odd its frames and word lists.

mod common;

use std::path::PathBuf;

use proptest::prelude::*;
use whosaid::grammar::Grammar;
use whosaid::{analyze_document, Error};

/// The bundled grammar files, with `name` replaced by `text`.
fn sources_with(name: &str, text: &str) -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = std::fs::read_dir("grammars/en")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .filter(|p| p.file_name().is_some_and(|n| n != name))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (PathBuf::from(p.file_name().unwrap()), text)
        })
        .collect();
    out.sort();
    out.push((PathBuf::from(name), text.to_string()));
    out
}

fn load(name: &str, text: &str) -> whosaid::Result<Grammar> {
    Grammar::from_sources(sources_with(name, text))
}

/// Texts that exercise every frame element.
const TEXTS: &[&str] = &[
    "\"We will act,\" the minister said. \"Soon,\" said Mr. Smith.",
    "The minister said: \"We will act.\" She told reporters that it was over.",
    "According to the mayor, the bridge will reopen. It will reopen, according to him.",
    "The plans were confirmed by the mayor. The bridge will reopen, the mayor said on Tuesday.",
    "Smith, a lawyer (D-Ohio), said, “no.” They said it. said said said , , : : that that",
    "said",
    "according to",
    "“”",
    "",
    " , ",
    "by",
    "that",
    ": “x”",
];

fn run_everywhere(g: &Grammar) {
    let mut texts: Vec<String> = TEXTS.iter().map(|t| t.to_string()).collect();
    for e in std::fs::read_dir("tests/corpus").unwrap() {
        texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    for text in &texts {
        let a = analyze_document("x", text, g);
        common::check_analysis(text, &a);
    }
}

#[track_caller]
fn syntax_error(name: &str, text: &str) -> (usize, usize, String) {
    match load(name, text) {
        Err(Error::GrammarSyntax {
            path,
            line,
            column,
            message,
        }) => {
            assert_eq!(path, PathBuf::from(name));
            (line, column, message)
        }
        other => panic!("{text:?}: expected a syntax error, got {other:?}"),
    }
}

#[test]
fn malformed_yaml_names_file_line_and_column() {
    for (text, line) in [
        ("kind: titles\nversion: 1\nentries:\n  - {title: [oops\n", 5),
        (
            "kind: titles\nversion: 1\nentries:\n  - title: a\n   - title: b\n",
            5,
        ),
        ("kind: titles\nversion: 1\nentries:\n\t- {title: a}\n", 4),
        ("kind: titles\nversion: 1\nentries: [{title: \"a}]\n", 4),
        ("kind: titles\nversion: one\nentries: [{title: a}]\n", 2),
        (
            "kind: titles\nversion: 1\nentries: [{title: a, abbrev: x}]\n",
            3,
        ),
        ("kind: titles\nversion: 1\nentries: {title: a}\n", 3),
        ("kind: [titles]\n", 1),
    ] {
        let (l, c, message) = syntax_error("titles.yaml", text);
        assert_eq!(l, line, "{text:?}: {message}");
        assert!(c > 0, "{text:?}: no column: {message}");
        let shown = load("titles.yaml", text).unwrap_err().to_string();
        assert!(
            shown.starts_with(&format!("titles.yaml:{l}:{c}: ")),
            "{shown}"
        );
    }
}

#[test]
fn unknown_keys_are_errors_with_their_place() {
    for (name, text, line, key) in [
        (
            "titles.yaml",
            "kind: titles\nversion: 1\nentries:\n  - {title: aide, colour: red}\n",
            4,
            "colour",
        ),
        (
            "titles.yaml",
            "kind: titles\nversion: 1\nextra: 1\nentries:\n  - {title: aide}\n",
            3,
            "extra",
        ),
        (
            "frames.yaml",
            "kind: frames\nversion: 1\nentries:\n  - {id: f, pattern: [according to, $SPEAKER, \",\", $CONTENT], confidence: 0.5, weight: 2}\n",
            4,
            "weight",
        ),
        (
            "speech_verbs.yaml",
            "kind: speech_verbs\nversion: 1\nentries:\n  - lemma: say\n    forms: [said]\n    tense: past\n",
            6,
            "tense",
        ),
        (
            "titles.yaml",
            "kind: titles\nversion: 1\nentries: [{title: a}]\nexamples:\n  - {text: x, expect: {who: y}}\n",
            5,
            "who",
        ),
    ] {
        let (l, c, message) = syntax_error(name, text);
        assert_eq!(l, line, "{message}");
        assert!(c > 0 && message.contains(key), "{message}");
    }
}

#[test]
fn missing_fields_and_unknown_kinds_are_errors() {
    let (_, _, m) = syntax_error("titles.yaml", "kind: titles\nversion: 1\n");
    assert!(m.contains("entries"), "{m}");
    let (_, _, m) = syntax_error("titles.yaml", "version: 1\nentries: []\n");
    assert!(m.contains("kind"), "{m}");
    // A repeated key: the YAML parser reports no place for it.
    let (_, _, m) = syntax_error(
        "titles.yaml",
        "kind: titles\nkind: titles\nversion: 1\nentries: [{title: a}]\n",
    );
    assert!(m.contains("duplicate field `kind`"), "{m}");
    syntax_error("titles.yaml", "");
    syntax_error("titles.yaml", "\0");
    syntax_error("titles.yaml", "- a\n- b\n");
    let err = load("x.yaml", "kind: jokes\nversion: 1\nentries: []\n").unwrap_err();
    assert!(err
        .to_string()
        .starts_with("x.yaml: entry kind: unknown grammar kind"));
    let err = load(
        "titles.yaml",
        "kind: titles\nversion: 2\nentries: [{title: a}]\n",
    )
    .unwrap_err();
    assert!(err.to_string().contains("unsupported version 2"), "{err}");
}

#[track_caller]
fn invalid(name: &str, text: &str, reason: &str) {
    match load(name, text) {
        Err(e @ Error::GrammarInvalid { .. }) => {
            let shown = e.to_string();
            assert!(shown.starts_with(&format!("{name}: entry ")), "{shown}");
            assert!(shown.contains(reason), "{text:?}: {shown}");
        }
        other => panic!("{text:?}: expected an invalid-entry error, got {other:?}"),
    }
}

#[test]
fn empty_lists_are_refused() {
    invalid(
        "titles.yaml",
        "kind: titles\nversion: 1\nentries: []\n",
        "no entries",
    );
    invalid(
        "frames.yaml",
        "kind: frames\nversion: 1\nentries: []\n",
        "no entries",
    );
    invalid(
        "word_classes.yaml",
        "kind: word_classes\nversion: 1\nentries: [{class: adverb, words: []}]\n",
        "no words",
    );
    invalid(
        "frames.yaml",
        "kind: frames\nversion: 1\nentries: [{id: f, pattern: [], confidence: 0.5}]\n",
        "anchor",
    );
}

#[test]
fn duplicates_are_refused() {
    invalid(
        "titles.yaml",
        "kind: titles\nversion: 1\nentries: [{title: aide}, {title: Aide}]\n",
        "duplicate title",
    );
    invalid(
        "titles.yaml",
        "kind: titles\nversion: 1\nentries: [{title: senator, abbrev: [sen., sen.]}]\n",
        "duplicate title",
    );
    invalid(
        "speech_verbs.yaml",
        "kind: speech_verbs\nversion: 1\nentries: [{lemma: say, forms: [said]}, {lemma: utter, forms: [said]}]\n",
        "listed twice",
    );
    invalid(
        "source_nouns.yaml",
        "kind: source_nouns\nversion: 1\nentries: [{noun: statement, type: document}, {noun: Statement, type: document}]\n",
        "duplicate noun",
    );
    invalid(
        "named_sources.yaml",
        "kind: named_sources\nversion: 1\nentries: [{name: Bild, aliases: [bild], type: outlet}]\n",
        "duplicate name",
    );
    invalid(
        "word_classes.yaml",
        "kind: word_classes\nversion: 1\nentries: [{class: adverb, words: [also, Also]}]\n",
        "listed twice",
    );
    invalid(
        "frames.yaml",
        "kind: frames\nversion: 1\nentries:\n  - {id: f, pattern: [according to, $SPEAKER, \",\", $CONTENT], confidence: 0.5}\n  - {id: f, pattern: [according to, $SPEAKER, \",\", $CONTENT], confidence: 0.5}\n",
        "duplicate frame id",
    );
}

#[test]
fn empty_words_are_refused() {
    invalid(
        "titles.yaml",
        "kind: titles\nversion: 1\nentries: [{title: \"\"}]\n",
        "empty",
    );
    invalid(
        "titles.yaml",
        "kind: titles\nversion: 1\nentries: [{title: aide, abbrev: [\" \"]}]\n",
        "empty",
    );
    invalid(
        "named_sources.yaml",
        "kind: named_sources\nversion: 1\nentries: [{name: \"\", type: outlet}]\n",
        "empty",
    );
    invalid(
        "source_nouns.yaml",
        "kind: source_nouns\nversion: 1\nentries: [{noun: \"\\t\", type: document}]\n",
        "empty",
    );
    invalid(
        "speech_verbs.yaml",
        "kind: speech_verbs\nversion: 1\nentries: [{lemma: \"\", forms: [said]}]\n",
        "empty",
    );
    invalid(
        "speech_verbs.yaml",
        "kind: speech_verbs\nversion: 1\nentries: [{lemma: say, forms: [\"\"]}]\n",
        "empty",
    );
    invalid(
        "word_classes.yaml",
        "kind: word_classes\nversion: 1\nentries: [{class: adverb, words: [\"\"]}]\n",
        "empty",
    );
    invalid(
        "frames.yaml",
        "kind: frames\nversion: 1\nentries: [{id: f, pattern: [according to, $SPEAKER, \"\", $CONTENT], confidence: 0.5}]\n",
        "neither",
    );
}

/// Frames that load but are odd: only optional elements around the anchor,
/// several quotations, gaps and tails in unusual places.
#[test]
fn odd_frames_never_make_extraction_panic() {
    let patterns = [
        "[$SPEAKER?, $CUE, $QUOTE?]",
        "[$QUOTE?, \",?\", $CUE, $SPEAKER?]",
        "[$CONTENT?, $SPEAKER?, $CUE]",
        "[$CUE, $SPEAKER?, $CONTENT?]",
        "[$QUOTE, $QUOTE, $CUE, $SPEAKER]",
        "[$SPEAKER, $SPEAKER, $CUE, $QUOTE]",
        "[$SKIP, $SPEAKER, $CUE, $QUOTE]",
        "[$SPEAKER, $SKIP?, $SKIP, $CUE, $QUOTE]",
        "[$GAP, $SPEAKER, $CUE, $QUOTE]",
        "[$SPEAKER, $CUE, $GAP]",
        "[$SPEAKER, $CUE, $GAP?, $GAP?, $QUOTE]",
        "[$SPEAKER, $CUE, $TAIL, $TAIL, $QUOTE]",
        "[$TAIL, $BE?, $OBJECT?, $SPEAKER, $CUE, $QUOTE]",
        "[$QUOTE, $CUE, $BE, $OBJECT, $SPEAKER, $SKIP]",
        "[$CONTENT, $BE?, $CUE, by?, $SPEAKER?, $TAIL?]",
        "[$SPEAKER, $CUE, $OBJECT?, $OBJECT?, $CONTENT]",
        "[by, $SPEAKER?, $CONTENT?]",
        "[$CONTENT, that, $SPEAKER]",
        "[that, that, $SPEAKER, $QUOTE]",
        "[\",\", \":?\", \",\", according to, $SPEAKER, $QUOTE?]",
    ];
    for p in patterns {
        let requires = if p.contains("$CUE") {
            ", requires: quote"
        } else {
            ""
        };
        for (id, extra) in [("first", ""), ("only", "")] {
            let frame =
                format!("  - {{id: {id}, pattern: {p}{requires}, confidence: 1.0}}\n{extra}");
            let text = if id == "first" {
                let bundled = std::fs::read_to_string("grammars/en/frames.yaml").unwrap();
                bundled.replacen("entries:\n", &format!("entries:\n{frame}"), 1)
            } else {
                format!("kind: frames\nversion: 1\nentries:\n{frame}")
            };
            match load("frames.yaml", &text) {
                Ok(g) => run_everywhere(&g),
                Err(e) => {
                    // Refused frames must say why, naming the entry.
                    let shown = e.to_string();
                    assert!(shown.contains(&format!("entry {id}")), "{p}: {shown}");
                }
            }
        }
    }
}

/// Verbs with no forms, words in every class, one-word and long titles.
#[test]
fn odd_lexicons_never_make_extraction_panic() {
    let g = load(
        "speech_verbs.yaml",
        "kind: speech_verbs\nversion: 1\nentries:\n  - {lemma: say, forms: []}\n  - {lemma: x, forms: [s, ing, ss], complements: [quote, that, bare, np, object, passive, parenthetical, participle]}\n  - {lemma: \"according to\", forms: [by]}\n",
    )
    .unwrap();
    run_everywhere(&g);
    let g = load(
        "word_classes.yaml",
        &std::fs::read_to_string("grammars/en/word_classes.yaml")
            .unwrap()
            .replace("words: [", "words: [said, the, \",\", that, by, "),
    );
    if let Ok(g) = g {
        run_everywhere(&g);
    }
    let g = load(
        "titles.yaml",
        "kind: titles\nversion: 1\nentries:\n  - {title: said}\n  - {title: the minister said the, abbrev: [\"mr.\", \"u.s.\", \",\"]}\n",
    )
    .unwrap();
    run_everywhere(&g);
}

fn element() -> impl Strategy<Value = String> {
    let base = prop::sample::select(
        &[
            "$QUOTE",
            "$CONTENT",
            "$SPEAKER",
            "$CUE",
            "$OBJECT",
            "$BE",
            "$GAP",
            "$SKIP",
            "$TAIL",
            "according to",
            "that",
            "by",
            "\",\"",
            "\":\"",
            "\";\"",
        ][..],
    );
    (base, any::<bool>()).prop_map(|(e, opt)| {
        if opt {
            if let Some(inner) = e.strip_suffix('"') {
                format!("{inner}?\"")
            } else {
                format!("{e}?")
            }
        } else {
            e.to_string()
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any frame the loader accepts runs over every test text without a panic.
    #[test]
    fn random_frames_load_or_fail_cleanly(
        pattern in prop::collection::vec(element(), 0..7),
        requires in prop::sample::select(&["quote", "that", "bare", "np", "object", "passive", "parenthetical", "participle"][..]),
    ) {
        let has_cue = pattern.iter().any(|e| e.starts_with("$CUE"));
        let req = if has_cue { format!(", requires: {requires}") } else { String::new() };
        let text = format!(
            "kind: frames\nversion: 1\nentries:\n  - {{id: r, pattern: [{}]{req}, confidence: 0.5}}\n",
            pattern.join(", ")
        );
        if let Ok(g) = load("frames.yaml", &text) {
            run_everywhere(&g);
        }
    }
}
