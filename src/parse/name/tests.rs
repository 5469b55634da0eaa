//! Unit tests of the speaker phrase parser over the bundled English grammar.

use super::speaker::{may_start_phrase, phrase_at, MAX_PHRASE};
use super::*;
use crate::grammar::{Grammar, SourceType};
use crate::parse::tokenize;
use crate::text::Span;

/// (phrase, role, name, organization, type) of the phrase at the start of `input`.
#[track_caller]
fn check(
    input: &str,
    phrase: &str,
    role: Option<&str>,
    name: &str,
    org: Option<&str>,
    t: SourceType,
) {
    let g = Grammar::bundled();
    let arena = bumpalo::Bump::new();
    let toks = tokenize(input, Span::new(0, input.len()), &[], &[], &g, &arena);
    let p = speaker_phrase(&toks, 0, &g).expect("a phrase");
    let text = |r: &TokenRange| &input[toks[r.start].span.start..toks[r.end - 1].span.end];
    assert_eq!(text(&p.tokens), phrase);
    assert_eq!(p.role.as_ref().map(text), role, "role");
    assert_eq!(text(&p.name), name, "name");
    assert_eq!(p.organization.as_ref().map(text), org, "organization");
    assert_eq!(p.source_type, t);
}

#[test]
fn names_with_titles() {
    check(
        "Russian Presidential Aide Yury Ushakov said",
        "Russian Presidential Aide Yury Ushakov",
        Some("Russian Presidential Aide"),
        "Yury Ushakov",
        None,
        SourceType::Person,
    );
    check(
        "US President’s Special Envoy Steven Witkoff met",
        "US President’s Special Envoy Steven Witkoff",
        Some("US President’s Special Envoy"),
        "Steven Witkoff",
        None,
        SourceType::Person,
    );
    check(
        "Ushakov emphasized",
        "Ushakov",
        None,
        "Ushakov",
        None,
        SourceType::Person,
    );
}

#[test]
fn descriptions_sources_and_outlets() {
    check(
        "the US president announced",
        "the US president",
        Some("US president"),
        "US president",
        None,
        SourceType::Person,
    );
    check(
        "the Tajik president’s press office announced",
        "the Tajik president’s press office",
        None,
        "Tajik president’s press office",
        Some("Tajik president"),
        SourceType::Organization,
    );
    check(
        "A White House official told",
        "A White House official",
        None,
        "White House official",
        Some("White House"),
        SourceType::Anonymous,
    );
    check(
        "Germany’s Bild later reported",
        "Germany’s Bild",
        None,
        "Bild",
        Some("Germany"),
        SourceType::Outlet,
    );
    check(
        "The Kremlin confirmed",
        "The Kremlin",
        None,
        "Kremlin",
        None,
        SourceType::Organization,
    );
    check(
        "the statement reads",
        "the statement",
        None,
        "statement",
        None,
        SourceType::Document,
    );
}

#[test]
fn unknown_nouns_after_a_determiner_are_typed_unknown() {
    check(
        "the Gawker intern wrote",
        "the Gawker intern",
        None,
        "Gawker intern",
        None,
        SourceType::Unknown,
    );
}

#[test]
fn standalone_determiners_and_possessed_roles() {
    check(
        "another said",
        "another",
        None,
        "another",
        None,
        SourceType::Person,
    );
    check(
        "Clinton’s communications director Jennifer Palmieri said",
        "Clinton’s communications director Jennifer Palmieri",
        Some("Clinton’s communications director"),
        "Jennifer Palmieri",
        None,
        SourceType::Person,
    );
    check(
        "The bank's governor accused",
        "The bank's governor",
        Some("bank's governor"),
        "bank's governor",
        None,
        SourceType::Person,
    );
}

#[test]
fn verbs_do_not_head_a_description() {
    // A past tense, an adverb and a verb after a name end the phrase.
    check(
        "The email appeared to confirm",
        "The email",
        None,
        "email",
        None,
        SourceType::Document,
    );
    check(
        "Her campaign quickly said",
        "Her campaign",
        None,
        "campaign",
        None,
        SourceType::Organization,
    );
    check(
        "The New York Times reports",
        "The New York Times",
        None,
        "New York Times",
        None,
        SourceType::Outlet,
    );
    check(
        "A source familiar with the talks said",
        "A source",
        None,
        "source",
        None,
        SourceType::Anonymous,
    );
    // A past tense unknown to the grammar ends it by its ending.
    check(
        "The spokesman contacted by Reuters said",
        "The spokesman",
        Some("spokesman"),
        "spokesman",
        None,
        SourceType::Person,
    );
}

#[test]
fn a_described_source_takes_the_body_it_speaks_for() {
    // A title's role reaches over its affiliation.
    check(
        "a spokesman for the campaign said",
        "a spokesman for the campaign",
        Some("spokesman for the campaign"),
        "spokesman",
        Some("the campaign"),
        SourceType::Person,
    );
}

/// The corpus texts of `tests/corpus`, by paragraph.
fn corpus_paragraphs() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/corpus")
        .map(|e| e.expect("a corpus entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .flat_map(|p| {
            let text = std::fs::read_to_string(p).expect("a corpus text");
            text.lines().map(str::to_owned).collect::<Vec<_>>()
        })
        .filter(|l| !l.trim().is_empty())
        .collect()
}

#[test]
fn the_precheck_never_rejects_a_phrase() {
    // Every start of every corpus paragraph, in the whole paragraph and
    // cut at every end a phrase ending there could have
    // (`speaker_ending_at`, `SentencePhrases::within`).
    let g = Grammar::bundled();
    let (mut starts, mut rejected) = (0usize, 0usize);
    for para in corpus_paragraphs() {
        let arena = bumpalo::Bump::new();
        let toks = tokenize(&para, Span::new(0, para.len()), &[], &[], &g, &arena);
        for start in 0..toks.len() {
            let ends = (start + 1..=toks.len().min(start + MAX_PHRASE + 2)).chain([toks.len()]);
            for end in ends {
                let cut = &toks[..end];
                starts += 1;
                if may_start_phrase(cut, start) {
                    continue;
                }
                rejected += 1;
                for pp in [true, false] {
                    assert_eq!(phrase_at(cut, start, &g, pp), None, "{para}: token {start}");
                }
            }
        }
    }
    // The test means something only if the precheck rejects often.
    assert!(rejected * 4 > starts, "{rejected} of {starts}");
}

#[test]
fn no_phrase_from_function_words() {
    let g = Grammar::bundled();
    for input in ["After the meeting", ", he said", "meeting reporters"] {
        let arena = bumpalo::Bump::new();
        let toks = tokenize(input, Span::new(0, input.len()), &[], &[], &g, &arena);
        assert_eq!(speaker_phrase(&toks, 0, &g), None, "{input}");
    }
}
