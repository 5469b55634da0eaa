//! Times the whole pipeline on 1x and 10x versions of each pathological
//! input and prints the ratio: a linear pipeline gives about 10. Run with
//! `cargo bench --bench scaling [-- --runs N] [FILTER]` (FILTER `workflow`
//! for the workflow rows only); docs/PERFORMANCE.md says what the figures
//! show. Both sizes get the same number of runs, in
//! turn, and the best of each is kept, so that neither is compared cold
//! against the other warm, nor on a quiet machine against a busy one.
//!
//! `cargo bench --bench scaling -- --write-inputs DIR` writes the inputs as
//! `DIR/<name>-1x.txt` and `DIR/<name>-10x.txt` instead, so that they can be
//! run through the binary under a profiler (instruction counts with
//! `valgrind --tool=callgrind` do not depend on the machine's load).
//!
//! After the pipeline rows come the workflow's: HTML and claim-file YAML
//! nesting (refused past their bounds), the Web Annotation export, and an
//! article written to its claim file first and then re-extracted over it
//! (read, merge, write), which must cost about what the first write does.

use std::time::{Duration, Instant};

use whosaid::workflow::export::{webannotation, StatusFilter};
use whosaid::workflow::review::{merge, ClaimFile};
use whosaid::workflow::yaml_guard::check_flow_depth;
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

/// A measured step; it returns a count printed beside its time.
type Step = Box<dyn Fn() -> usize>;

/// One workflow row: a name and a measured step at 1x and 10x; each step
/// returns a count printed beside the times.
struct Row {
    name: &'static str,
    bytes: (usize, usize),
    steps: (Step, Step),
}

/// An article of `n` quotations by different speakers.
fn many_claims(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "\"We reviewed item {i} today,\" Ann Lee{} said.\n\n",
                i % 97
            )
        })
        .collect()
}

/// A claim file for `text`, every claim confirmed with a note.
fn claim_file(text: &str, grammar: &Grammar) -> ClaimFile {
    let mut file = ClaimFile::new(analyze_document("bench", text, grammar), text);
    for c in &mut file.claims {
        c.review.status = whosaid::workflow::review::ReviewStatus::Confirmed;
        c.review.note = Some("checked".into());
    }
    file
}

/// The workflow rows at scale 1 and 10.
fn workflow_rows(grammar: &'static Grammar) -> Vec<Row> {
    let pair = |f: &dyn Fn(usize) -> String| (f(1), f(10));
    // Nesting within the bound, so that the whole page is scanned (past
    // the bound the scan stops at once).
    let html = pair(&|k| ("<div>".repeat(500) + &"</div>".repeat(500)).repeat(40 * k));
    let yaml = pair(&|k| {
        // The YAML deserializer's own recursion limit is 128.
        let deep = format!("{}{},", "[".repeat(100), "]".repeat(100));
        format!("claims: [{}]\n", deep.repeat(100 * k))
    });
    let articles = pair(&|k| many_claims(850 * k));
    let files = (
        claim_file(&articles.0, grammar),
        claim_file(&articles.1, grammar),
    );
    let claim_yaml = (files.0.to_yaml().unwrap(), files.1.to_yaml().unwrap());
    let html_step =
        |page: String| -> Step { Box::new(move || usize::from(whosaid::html::too_deep(&page))) };
    let yaml_step = |text: String| -> Step {
        Box::new(move || {
            let checked = check_flow_depth(&text).is_ok();
            let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
            usize::from(checked) + value["claims"].as_sequence().map_or(0, Vec::len)
        })
    };
    let annotate = |file: ClaimFile| -> Step {
        Box::new(move || {
            let v = webannotation(std::slice::from_ref(&file), StatusFilter::All);
            serde_json::to_string(&v).unwrap().len() / 1000
        })
    };
    let first = |text: String| -> Step {
        Box::new(move || {
            let file = ClaimFile::new(analyze_document("bench", &text, grammar), &text);
            file.to_yaml().unwrap().len() / 1000
        })
    };
    let again = |text: String, old: String| -> Step {
        Box::new(move || {
            let fresh = ClaimFile::new(analyze_document("bench", &text, grammar), &text);
            let old: ClaimFile = serde_yaml::from_str(&old).unwrap();
            let (merged, _) = merge(fresh, &old);
            merged.to_yaml().unwrap().len() / 1000
        })
    };
    let sizes = |a: &str, b: &str| (a.len(), b.len());
    vec![
        Row {
            name: "workflow: html nested divs (depth scan)",
            bytes: sizes(&html.0, &html.1),
            steps: (html_step(html.0.clone()), html_step(html.1.clone())),
        },
        Row {
            name: "workflow: claim file nested [ (100 deep)",
            bytes: sizes(&yaml.0, &yaml.1),
            steps: (yaml_step(yaml.0.clone()), yaml_step(yaml.1.clone())),
        },
        Row {
            name: "workflow: export webannotation (kB out)",
            bytes: sizes(&articles.0, &articles.1),
            steps: (annotate(files.0.clone()), annotate(files.1.clone())),
        },
        Row {
            name: "workflow: claim file, first write (kB)",
            bytes: sizes(&articles.0, &articles.1),
            steps: (first(articles.0.clone()), first(articles.1.clone())),
        },
        Row {
            name: "workflow: claim file, re-extraction (kB)",
            bytes: sizes(&articles.0, &articles.1),
            steps: (
                again(articles.0.clone(), claim_yaml.0.clone()),
                again(articles.1.clone(), claim_yaml.1.clone()),
            ),
        },
    ]
}

/// The best of `runs` timings of each step of `row`, run in turn.
fn time_row(row: &Row, runs: usize) -> ((Duration, usize), (Duration, usize)) {
    let mut best = ((Duration::MAX, 0), (Duration::MAX, 0));
    for _ in 0..runs {
        let t = Instant::now();
        let c = (row.steps.0)();
        best.0 = (best.0 .0.min(t.elapsed()), c);
        let t = Instant::now();
        let c = (row.steps.1)();
        best.1 = (best.1 .0.min(t.elapsed()), c);
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
    let grammar: &'static Grammar = Box::leak(Box::new(Grammar::bundled()));
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
        let ((t1, c1), (t10, c10)) = time_pair(&small, &large, grammar, runs);
        print_row(name, (small.len(), large.len()), (t1, t10), (c1, c10));
    }
    for row in workflow_rows(grammar) {
        if filter
            .as_ref()
            .is_some_and(|f| !row.name.contains(f.as_str()))
        {
            continue;
        }
        let ((t1, c1), (t10, c10)) = time_row(&row, runs);
        print_row(row.name, row.bytes, (t1, t10), (c1, c10));
    }
}

/// One table row: sizes, times, their ratio and the counts.
fn print_row(name: &str, bytes: (usize, usize), t: (Duration, Duration), c: (usize, usize)) {
    println!(
        "| {name} | {} | {:.1} ms | {} | {:.1} ms | {:.1} | {} / {} |",
        bytes.0,
        t.0.as_secs_f64() * 1e3,
        bytes.1,
        t.1.as_secs_f64() * 1e3,
        t.1.as_secs_f64() / t.0.as_secs_f64().max(1e-9),
        c.0,
        c.1,
    );
}
