//! Times the whole pipeline on 1x and 10x versions of each pathological
//! input and prints the ratio: a linear pipeline gives about 10. Run with
//! `cargo bench --bench scaling [-- --runs N] [FILTER]`; docs/PERFORMANCE.md
//! says what the figures show. Both sizes get the same number of runs, in
//! turn, and the best of each is kept, so that neither is compared cold
//! against the other warm, nor on a quiet machine against a busy one.
//!
//! `cargo bench --bench scaling -- --write-inputs DIR` writes the inputs as
//! `DIR/<name>-1x.txt` and `DIR/<name>-10x.txt` instead, so that they can be
//! run through the binary under a profiler (instruction counts with
//! `valgrind --tool=callgrind` do not depend on the machine's load).

use std::time::{Duration, Instant};

use whosaid::{analyze_document, grammar::Grammar};

/// The allocator of the `whosaid` binary, so that the figures match it
/// (the system allocator maps and unmaps a large input's memory on every
/// run, and the page faults would be timed with the pipeline).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../tests/common/inputs.rs"]
mod inputs;

/// One analysis of `text`: how long it took, and its claim count.
fn time_once(text: &str, grammar: &Grammar) -> (Duration, usize) {
    let t = Instant::now();
    let a = analyze_document("bench", text, grammar);
    (t.elapsed(), a.claims.len())
}

/// The best of `runs` timings of each of `small` and `large`, run in turn
/// (1x, 10x, 1x, 10x, …) so that both meet the same load on a shared
/// machine, and their claim counts.
fn time_pair(
    small: &str,
    large: &str,
    grammar: &Grammar,
    runs: usize,
) -> ((Duration, usize), (Duration, usize)) {
    let mut best = ((Duration::MAX, 0), (Duration::MAX, 0));
    for _ in 0..runs {
        let (t, c) = time_once(small, grammar);
        best.0 = (best.0 .0.min(t), c);
        let (t, c) = time_once(large, grammar);
        best.1 = (best.1 .0.min(t), c);
    }
    best
}

/// Writes every input at 1x and 10x into `dir`.
fn write_inputs(dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (scale, set) in [(1, inputs::all(1)), (10, inputs::all(10))] {
        for (name, text) in set {
            let file = format!("{}-{scale}x.txt", name.replace(' ', "-"));
            std::fs::write(dir.join(file), text)?;
        }
    }
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--write-inputs") {
        let dir = args.get(i + 1).expect("--write-inputs DIR");
        write_inputs(std::path::Path::new(dir)).expect("writing the inputs");
        return;
    }
    let grammar = Grammar::bundled();
    let runs_at = args.iter().position(|a| a == "--runs");
    let runs = runs_at
        .and_then(|i| args.get(i + 1))
        .map_or(3, |n| n.parse().expect("--runs N"));
    let filter = args
        .iter()
        .enumerate()
        .find(|&(i, a)| !a.starts_with('-') && Some(i) != runs_at.map(|r| r + 1))
        .map(|(_, a)| a);
    println!(
        "| input | 1x bytes | 1x | 10x bytes | 10x | ratio | claims 1x / 10x |\n|---|---:|---:|---:|---:|---:|---:|"
    );
    for ((name, small), (_, large)) in inputs::all(1).into_iter().zip(inputs::all(10)) {
        if filter.as_ref().is_some_and(|f| !name.contains(f.as_str())) {
            continue;
        }
        let ((t1, c1), (t10, c10)) = time_pair(&small, &large, &grammar, runs);
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
