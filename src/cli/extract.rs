//! `whosaid extract`: streams documents through the pipeline in parallel
//! chunks and writes results in input order. With `-o DIR` each article
//! becomes a claim file merged with the one already there, so that review
//! blocks survive re-extraction.

use std::io::{IsTerminal, Write};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use whosaid::grammar::Grammar;
use whosaid::html::analyze_html;
use whosaid::review::{merge, ClaimFile};
use whosaid::speakers::SpeakerDirectory;
use whosaid::{analyze_document, output, Analysis, Error};

use super::claims::read_claim_file;
use super::input::{documents, expand, known_count, DocError, Pending, ReadOptions};
use super::write::{safe_file_stem, write_atomic};
use super::{ExtractArgs, Format};

/// Documents analysed together; bounds memory to one chunk in flight.
const CHUNK_DOCS: usize = 64;
/// Bytes of text read before a chunk is processed.
const CHUNK_BYTES: usize = 16 << 20;

pub fn run(a: &ExtractArgs, grammar: &Grammar) -> whosaid::Result<u8> {
    let speakers = match &a.speakers {
        Some(path) => {
            let yaml = std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            Some(SpeakerDirectory::from_yaml(path, &yaml)?)
        }
        None => None,
    };
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
        let results: Vec<Result<(Analysis, String, String), DocError>> = chunk
            .into_par_iter()
            .map(|d| {
                let d = d.resolve(&opts)?;
                let mut analysis = if d.html {
                    analyze_html(&d.id, &d.text, grammar)
                } else {
                    analyze_document(&d.id, &d.text, grammar)
                };
                if let Some(dir) = &speakers {
                    dir.apply(&mut analysis);
                }
                let rendered = if a.output_dir.is_some() {
                    String::new()
                } else {
                    render(a, &analysis)
                };
                Ok((analysis, d.text, rendered))
            })
            .collect();
        for r in results {
            progress.inc(1);
            match r {
                Ok((analysis, text, rendered)) => {
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
                    let id = analysis.article.id.clone();
                    let emitted = match &a.output_dir {
                        Some(dir) => {
                            progress.suspend(|| write_claim_file(dir, analysis, &text, a.quiet))
                        }
                        None => emit(a, &mut out, &rendered, written),
                    };
                    if let Err(e) = emitted {
                        if e.kind() == std::io::ErrorKind::BrokenPipe {
                            return Ok(if failed > 0 { 1 } else { 0 });
                        }
                        failed += 1;
                        progress.suspend(|| eprintln!("whosaid: {id}: {e}"));
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

/// Writes the claim file of `analysis` into `dir`, merged with the claim
/// file already there: review blocks are kept, and the reviews of vanished
/// claims move to `orphaned` and are reported on standard error. An
/// existing file that cannot be read is left alone (its reviews would be
/// lost), and the document counts as failed.
fn write_claim_file(
    dir: &std::path::Path,
    analysis: Analysis,
    text: &str,
    quiet: bool,
) -> std::io::Result<()> {
    let id = analysis.article.id.clone();
    let path = dir.join(format!("{}.yaml", safe_file_stem(&id)));
    let mut file = ClaimFile::new(analysis, text);
    if path.exists() {
        let old = read_claim_file(&path).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{e}; not overwritten, so that no review is lost"),
            )
        })?;
        let (merged, report) = merge(file, &old);
        file = merged;
        for o in &report.orphaned {
            eprintln!(
                "whosaid: {id}: claim {} ({}: \u{201c}{}\u{201d}) is no longer extracted; its {} review is kept under `orphaned`",
                o.id,
                o.speaker.as_deref().unwrap_or("no speaker"),
                o.content,
                o.review.status.as_str()
            );
        }
        if !quiet && !report.dropped_unreviewed.is_empty() {
            eprintln!(
                "whosaid: {id}: {} unreviewed claims are no longer extracted: {}",
                report.dropped_unreviewed.len(),
                report.dropped_unreviewed.join(", ")
            );
        }
    }
    let yaml = serde_yaml::to_string(&file)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))?;
    write_atomic(&path, yaml.as_bytes())
        .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))
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

/// The analysis as printed on standard output, in `--format`.
fn render(a: &ExtractArgs, analysis: &Analysis) -> String {
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
    rendered: &str,
    index: usize,
) -> std::io::Result<()> {
    if a.format == Format::Yaml && index > 0 {
        writeln!(out, "---")?;
    }
    out.write_all(rendered.as_bytes())?;
    if a.format == Format::Jsonl {
        out.flush()?;
    }
    Ok(())
}
