//! Times the whole pipeline on 1x and 10x versions of each pathological
//! input and prints the ratio: a linear pipeline gives about 10. Run with
//! `cargo bench --bench scaling`; figures are recorded in the README.

use std::time::{Duration, Instant};

use whosaid::{analyze_document, grammar::Grammar};

#[path = "../tests/common/inputs.rs"]
mod inputs;

/// The best of `runs` timings of one analysis, and its claim count.
fn time(text: &str, grammar: &Grammar, runs: usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut claims = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let a = analyze_document("bench", text, grammar);
        best = best.min(t.elapsed());
        claims = a.claims.len();
    }
    (best, claims)
}

fn main() {
    let grammar = Grammar::bundled();
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    println!(
        "| input | 1x bytes | 1x | 10x bytes | 10x | ratio | claims 1x / 10x |\n|---|---:|---:|---:|---:|---:|---:|"
    );
    for ((name, small), (_, large)) in inputs::all(1).into_iter().zip(inputs::all(10)) {
        if filter.as_ref().is_some_and(|f| !name.contains(f.as_str())) {
            continue;
        }
        let (t1, c1) = time(&small, &grammar, 3);
        let (t10, c10) = time(&large, &grammar, 1);
        println!(
            "| {name} | {} | {:.1} ms | {} | {:.1} ms | {:.1} | {c1} / {c10} |",
            small.len(),
            t1.as_secs_f64() * 1e3,
            large.len(),
            t10.as_secs_f64() * 1e3,
            t10.as_secs_f64() / t1.as_secs_f64().max(1e-9),
        );
    }
}
