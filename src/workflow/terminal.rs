//! Readable text for terminals: the `diff` report, optionally in ANSI
//! colour. The CLI decides whether colour is wanted; nothing in the core
//! library writes escape codes.

use std::fmt::Write as _;

use super::diff::{kind_name, ArticleDiff, ClaimSummary};
use super::review::ReviewStatus;

/// ANSI colours, or none.
#[derive(Debug, Clone, Copy)]
struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// One claim on one line; a reviewed claim starts with its verdict
/// (`[confirmed] `), so that review work that changes or goes stands out.
fn describe(c: &ClaimSummary) -> String {
    let verdict = match c.review {
        ReviewStatus::Unreviewed => String::new(),
        status => format!("[{}] ", status.as_str()),
    };
    format!(
        "{verdict}{} {} ({}, cue {}): \u{201c}{}\u{201d}",
        c.id,
        c.speaker.as_deref().unwrap_or("(no speaker)"),
        kind_name(c.kind),
        c.cue.as_deref().unwrap_or("-"),
        c.content
    )
}

/// A readable report: one block per article, `+` added, `-` removed, `~`
/// changed with `old → new` per field. With `colour`, additions are green,
/// removals red and changes yellow.
pub fn render(diffs: &[ArticleDiff], colour: bool) -> String {
    let p = Paint { on: colour };
    let mut out = String::new();
    if diffs.is_empty() {
        out.push_str("no differences\n");
        return out;
    }
    for d in diffs {
        let side = match d.only_in {
            Some("old") => " (only in old)",
            Some(_) => " (only in new)",
            None => "",
        };
        let _ = writeln!(
            out,
            "{}",
            p.wrap(
                "1",
                &format!(
                    "{}{side}: {} added, {} removed, {} changed",
                    d.article,
                    d.added.len(),
                    d.removed.len(),
                    d.changed.len()
                )
            )
        );
        for c in &d.removed {
            let _ = writeln!(out, "{}", p.wrap("31", &format!("- {}", describe(c))));
        }
        for c in &d.added {
            let _ = writeln!(out, "{}", p.wrap("32", &format!("+ {}", describe(c))));
        }
        for c in &d.changed {
            let _ = writeln!(out, "{}", p.wrap("33", &format!("~ {}", describe(&c.new))));
            for f in &c.changes {
                let _ = writeln!(
                    out,
                    "    {}: {} \u{2192} {}",
                    f.field,
                    p.wrap("31", f.old.as_deref().unwrap_or("(none)")),
                    p.wrap("32", f.new.as_deref().unwrap_or("(none)"))
                );
            }
        }
    }
    out
}
