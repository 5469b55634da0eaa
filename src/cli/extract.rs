//! `whosaid extract`: streams documents through the pipeline in parallel
//! chunks and writes results in input order.

use std::io::{IsTerminal, Write};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use whosaid::grammar::Grammar;
use whosaid::{analyze_document, output, Analysis};

use super::input::{documents, expand, known_count, DocError, Pending, ReadOptions};
use super::write::{safe_file_stem, write_atomic};
use super::{ExtractArgs, Format};

/// Documents analysed together; bounds memory to one chunk in flight.
const CHUNK_DOCS: usize = 256;
/// Bytes of text read before a chunk is processed.
const CHUNK_BYTES: usize = 16 << 20;

pub fn run(a: &ExtractArgs, grammar: &Grammar) -> whosaid::Result<u8> {
    if let Some(dir) = &a.output_dir {
        std::fs::create_dir_all(dir).map_err(|source| whosaid::Error::Io {
            path: dir.clone(),
            source,
        })?;
    }
    let opts = ReadOptions {
        format: a.input_format,
        text_field: a.text_field.clone(),
        id_field: a.id_field.clone(),
        lossy: a.lossy,
    };
    let sources = expand(&a.inputs);
    let progress = if !a.quiet && std::io::stderr().is_terminal() {
        progress_bar(known_count(&sources, a.input_format))
    } else {
        ProgressBar::hidden()
    };
    let mut docs = documents(sources, opts.clone()).peekable();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0usize;
    let mut written = 0usize;
    while docs.peek().is_some() {
        let mut chunk: Vec<Pending> = Vec::new();
        let mut bytes = 0;
        while chunk.len() < CHUNK_DOCS && bytes < CHUNK_BYTES {
            let Some(d) = docs.next() else { break };
            bytes += d.size();
            chunk.push(d);
        }
        // Parsing JSON, analysing and rendering all run on the workers; this
        // thread only reads lines and writes results, in order.
        let results: Vec<Result<(Analysis, String), DocError>> = chunk
            .into_par_iter()
            .map(|d| {
                let d = d.resolve(&opts)?;
                let analysis = analyze_document(&d.id, &d.text, grammar);
                let rendered = render(a, &analysis);
                Ok((analysis, rendered))
            })
            .collect();
        for r in results {
            progress.inc(1);
            match r {
                Ok((analysis, rendered)) => {
                    for w in &analysis.warnings {
                        if !a.quiet {
                            progress.suspend(|| {
                                eprintln!(
                                    "whosaid: {}: warning: {}",
                                    analysis.article.id, w.message
                                )
                            });
                        }
                    }
                    if let Err(e) = emit(a, &mut out, &analysis, &rendered, written) {
                        if e.kind() == std::io::ErrorKind::BrokenPipe {
                            return Ok(if failed > 0 { 1 } else { 0 });
                        }
                        failed += 1;
                        progress.suspend(|| eprintln!("whosaid: {}: {e}", analysis.article.id));
                    }
                    written += 1;
                }
                Err(e) => {
                    failed += 1;
                    progress.suspend(|| eprintln!("whosaid: {}: error: {}", e.id, e.message));
                    if a.format == Format::Jsonl && a.output_dir.is_none() {
                        let rec = serde_json::json!({"id": e.id, "error": e.message});
                        let _ = writeln!(out, "{rec}");
                        let _ = out.flush();
                    }
                }
            }
        }
    }
    progress.finish_and_clear();
    Ok(if failed > 0 { 1 } else { 0 })
}

/// A bar with documents per second and an ETA when the number of documents
/// is known (text files), a spinner with the rate otherwise (JSONL, stdin).
fn progress_bar(total: Option<u64>) -> ProgressBar {
    let (bar, template) = match total {
        Some(n) => (
            ProgressBar::new(n),
            "{bar:30} {pos}/{len} docs ({per_sec}), ETA {eta}",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{spinner} {pos} docs ({per_sec}), {elapsed}",
        ),
    };
    bar.set_style(
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// The analysis as written: a YAML claim file with `-o`, else in `--format`.
fn render(a: &ExtractArgs, analysis: &Analysis) -> String {
    if a.output_dir.is_some() {
        return output::to_yaml(analysis);
    }
    match a.format {
        Format::Yaml => output::to_yaml(analysis),
        Format::Json => output::to_json_pretty(analysis) + "\n",
        Format::Jsonl => output::to_json_line(analysis) + "\n",
    }
}

/// Writes the rendered analysis of the `index`th document.
fn emit(
    a: &ExtractArgs,
    out: &mut impl Write,
    analysis: &Analysis,
    rendered: &str,
    index: usize,
) -> std::io::Result<()> {
    if let Some(dir) = &a.output_dir {
        let path = dir.join(format!("{}.yaml", safe_file_stem(&analysis.article.id)));
        return write_atomic(&path, rendered.as_bytes())
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())));
    }
    if a.format == Format::Yaml && index > 0 {
        writeln!(out, "---")?;
    }
    out.write_all(rendered.as_bytes())?;
    if a.format == Format::Jsonl {
        out.flush()?;
    }
    Ok(())
}
