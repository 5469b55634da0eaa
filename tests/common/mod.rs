//! Helpers shared by the integration tests: the binary under test and its
//! scratch folders, the pathological inputs, and the invariants every
//! analysis must satisfy, whatever the input.
#![allow(dead_code)]

pub mod inputs;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use whosaid::claim::TextSpan;
use whosaid::Analysis;

/// Code-point offset → byte offset table of `text` (one entry per char, plus the end).
pub fn char_starts(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// `s` slices `text` to exactly its `text`, by bytes and by code points.
#[track_caller]
pub fn check_span(text: &str, starts: &[usize], s: &TextSpan, what: &str) {
    assert!(s.byte_start <= s.byte_end, "{what}: reversed byte span");
    let by_bytes = text.get(s.byte_start..s.byte_end);
    assert_eq!(by_bytes, Some(s.text.as_str()), "{what}: bytes");
    assert!(
        s.start <= s.end && s.end < starts.len(),
        "{what}: code points out of range"
    );
    let by_cps = &text[starts[s.start]..starts[s.end]];
    assert_eq!(by_cps, s.text, "{what}: code points");
}

/// Every span of `a` slices `text` exactly; claims are sorted by content
/// start and their ids are distinct.
#[track_caller]
pub fn check_analysis(text: &str, a: &Analysis) {
    let starts = char_starts(text);
    if let Some(d) = &a.article.dateline {
        check_span(text, &starts, &d.span, "dateline");
    }
    for c in &a.claims {
        check_span(text, &starts, &c.content.span, &format!("{} content", c.id));
        for b in &c.content.brackets {
            check_span(text, &starts, b, &format!("{} bracket", c.id));
            assert!(
                c.content.span.span().contains(b.span()),
                "{}: bracket outside the content",
                c.id
            );
        }
        if let Some(s) = &c.speaker {
            check_span(text, &starts, &s.mention, &format!("{} speaker", c.id));
        }
        if let Some(cue) = &c.cue {
            check_span(text, &starts, &cue.span, &format!("{} cue", c.id));
        }
        assert!(
            (0.0..=1.0).contains(&c.confidence),
            "{}: confidence {}",
            c.id,
            c.confidence
        );
    }
    assert!(
        a.claims
            .windows(2)
            .all(|w| w[0].content.span.byte_start <= w[1].content.span.byte_start),
        "claims are sorted by content start"
    );
    let mut ids: Vec<&str> = a.claims.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), a.claims.len(), "claim ids are distinct");
}

/// The whosaid binary under test, ready for arguments.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

/// Runs the binary with `args` and waits for its output.
pub fn whosaid(args: &[&str]) -> Output {
    bin().args(args).output().expect("run whosaid")
}

/// A path as the `&str` an argument list takes.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// A fresh, empty scratch folder for one test, under the target
/// directory's temporary folder (the process id keeps concurrent runs
/// apart).
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}
