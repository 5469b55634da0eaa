//! Command-line arguments and the subcommands they run.

mod claims;
mod diff;
mod eval;
mod export;
mod extract;
mod input;
mod report;
mod review;
mod store;
mod write;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use whosaid::grammar::Grammar;
use whosaid::language::Languages;

const EXIT_HELP: &str = "Exit status: 0 when every document was analysed, 1 when some documents \
failed (each gets an error record and the run goes on), 2 on a usage, grammar or I/O error.";

/// Finds quotations and reported speech in news articles and says who said what.
#[derive(Debug, Parser)]
#[command(name = "whosaid", version, about, after_help = EXIT_HELP)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract attributed claims from articles (files, directories, globs or - for stdin).
    #[command(after_help = EXIT_HELP)]
    Extract(ExtractArgs),
    /// Score extraction against a gold JSONL corpus, as ../shared/eval/score.py does.
    Eval(EvalArgs),
    /// Compare two claim files or folders of claim files: claims added, removed and changed.
    #[command(
        after_help = "Exit status: 0 when nothing differs, 1 when something does, 2 on an error."
    )]
    Diff(DiffArgs),
    /// Render claim files as one static HTML page with every claim highlighted.
    Report(ReportArgs),
    /// Convert claim files to ClaimReview JSON-LD, W3C Web Annotations or CSV.
    Export(ExportArgs),
    /// Review claims in the browser: a local web desk over a folder of claim files.
    #[command(
        after_help = "The desk listens on 127.0.0.1 only and prints its URL as the first line on \
standard output. Every verdict is written to its claim file at once. Stop it with Ctrl-C."
    )]
    Review(ReviewArgs),
}

/// Output format of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// YAML; several documents are separated by `---`.
    Yaml,
    /// Indented JSON, one value per document.
    Json,
    /// One JSON object per line and document, in input order; a batch of lines is flushed as soon as it and the batches before it are done.
    Jsonl,
}

/// How input files are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// JSONL for `.jsonl`/`.ndjson` files (and stdin starting with `{`), text otherwise.
    Auto,
    /// Each file is one article.
    Text,
    /// One JSON object per line, with id and text fields.
    Jsonl,
    /// Each file is a web page; its main article text is extracted (auto for .html/.htm).
    Html,
}

#[derive(Debug, clap::Args)]
struct ExtractArgs {
    /// Files, directories (recursed), glob patterns, or - for standard input.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Output format on standard output [default: yaml]. `json` takes one
    /// document; `-o DIR` always writes YAML claim files.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// File extensions taken from folders, comma-separated [default:
    /// txt,text,html,htm,jsonl,ndjson]. Files named on the command line are
    /// always read.
    #[arg(long, value_delimiter = ',')]
    ext: Vec<String>,
    /// Name skipped files, and end with a summary line even when standard
    /// error is not a terminal.
    #[arg(short, long)]
    verbose: bool,
    /// How inputs are read.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    input_format: InputFormat,
    /// JSONL field holding the article text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// JSONL field holding the document id.
    #[arg(long, default_value = "id")]
    id_field: String,
    /// Write one YAML claim file per article into this directory instead of printing.
    #[arg(short = 'o', long)]
    output_dir: Option<PathBuf>,
    /// Directory of grammar files replacing or extending the bundled ones
    /// (a whole pack folder, or single files).
    #[arg(long)]
    grammars: Option<PathBuf>,
    /// Language pack to read the articles with (`en`, `de`, `ru`), or
    /// `auto` to detect each document's language and use its pack.
    #[arg(long, default_value = "auto")]
    lang: String,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long)]
    jobs: Option<usize>,
    /// No progress bar.
    #[arg(short, long)]
    quiet: bool,
    /// Replace invalid UTF-8 with U+FFFD instead of refusing the document.
    #[arg(long)]
    lossy: bool,
    /// Speaker directory (YAML): canonical names, aliases, roles, Wikidata ids.
    #[arg(long)]
    speakers: Option<PathBuf>,
}

/// Output format of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    /// Readable lines, coloured on a terminal.
    Text,
    /// A JSON array of per-article differences.
    Json,
}

/// When to colour terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    /// When standard output is a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, clap::Args)]
struct DiffArgs {
    /// The old claim file or folder of claim files.
    old: PathBuf,
    /// The new claim file or folder of claim files.
    new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
    /// Colour the text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Debug, clap::Args)]
struct ReportArgs {
    /// Claim files or folders of claim files (written by `extract -o`).
    #[arg(required = true)]
    claims: Vec<PathBuf>,
    /// The HTML file to write (`-` for standard output).
    #[arg(short = 'o', long)]
    output: PathBuf,
}

/// Target format of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// schema.org `Claim` nodes in JSON-LD, for ClaimReview markup.
    Claimreview,
    /// A W3C Web Annotation collection with text quote and position selectors.
    Webannotation,
    /// One CSV row per claim.
    Csv,
}

/// Which claims `export` takes, by review status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StatusArg {
    /// Every claim, rejected ones too.
    All,
    /// Every claim a reviewer has not rejected.
    Unrejected,
    /// Only claims a reviewer confirmed.
    Confirmed,
}

#[derive(Debug, clap::Args)]
struct ExportArgs {
    /// The format to write.
    #[arg(long, value_enum)]
    to: ExportFormat,
    /// Which claims to export, by review status.
    #[arg(long, value_enum, default_value_t = StatusArg::Unrejected)]
    status: StatusArg,
    /// Start CSV with a byte order mark, for Excel.
    #[arg(long)]
    bom: bool,
    /// Claim files or folders of claim files.
    #[arg(required = true)]
    claims: Vec<PathBuf>,
    /// Write to this file (atomically; `-` for standard output) instead of
    /// standard output.
    #[arg(short = 'o', long)]
    output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct ReviewArgs {
    /// The folder of claim files (written by `extract -o`).
    claims_dir: PathBuf,
    /// Port to listen on (default: a free one).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Name recorded with each verdict (default: your login name).
    #[arg(long)]
    reviewer: Option<String>,
    /// Do not open a browser.
    #[arg(long)]
    no_open: bool,
}

/// Which gold quotes `eval` scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SubsetArg {
    /// Gold direct and mixed quotes, against predictions in or around quotation marks.
    Quoted,
    /// Gold indirect quotes, against predictions without quotation marks.
    Indirect,
}

#[derive(Debug, clap::Args)]
struct EvalArgs {
    /// Gold corpus in JSONL (`{"id","text","quotes":[…]}`).
    gold: PathBuf,
    /// Also write the predictions, in the format score.py reads.
    #[arg(long)]
    predictions: Option<PathBuf>,
    /// Score only a subset of the gold quotes.
    #[arg(long, value_enum)]
    subset: Option<SubsetArg>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Overlap threshold (intersection over union).
    #[arg(long, default_value_t = 0.5)]
    iou: f64,
    /// Do not ignore a leading "that" when comparing spans.
    #[arg(long)]
    strict_that: bool,
    /// Directory of grammar files replacing or extending the bundled ones
    /// (a whole pack folder, or single files).
    #[arg(long)]
    grammars: Option<PathBuf>,
    /// Language pack to read the articles with (`en`, `de`, `ru`), or
    /// `auto` to detect each document's language and use its pack.
    #[arg(long, default_value = "auto")]
    lang: String,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long)]
    jobs: Option<usize>,
}

/// The packs a run reads with: `lang`'s alone, or every bundled pack with
/// detection for `auto`. The files of `dir` replace or add to the pack of
/// the language their `pack.yaml` names (the default pack's, without one).
fn load_languages(lang: &str, dir: Option<&PathBuf>) -> whosaid::Result<Languages> {
    if lang != "auto" {
        return load_grammar(lang, dir).map(Languages::fixed);
    }
    let mut packs: Vec<Grammar> = Grammar::languages()
        .filter_map(Grammar::bundled_language)
        .collect();
    if let Some(d) = dir {
        let default = Grammar::languages().next().unwrap_or("en");
        let own = pack_language(d).unwrap_or_else(|| default.to_string());
        let grammar = load_grammar(&own, Some(d))?;
        match packs.iter_mut().find(|g| g.language() == own) {
            Some(slot) => *slot = grammar,
            None => packs.push(grammar),
        }
    }
    Ok(Languages::auto(packs))
}

/// The language a grammar folder's `pack.yaml` names, if it has one that
/// says.
fn pack_language(dir: &std::path::Path) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Head {
        language: String,
    }
    let text = std::fs::read_to_string(dir.join("pack.yaml")).ok()?;
    serde_yaml::from_str::<Head>(&text).ok().map(|h| h.language)
}

/// The pack of `lang`, with the files of `dir` replacing or adding to it.
/// A language without a bundled pack needs a folder holding a whole pack.
fn load_grammar(lang: &str, dir: Option<&PathBuf>) -> whosaid::Result<Grammar> {
    let bundled = Grammar::bundled_files(lang).is_some();
    if let Some(d) = dir {
        check_grammar_sizes(d)?;
    }
    match dir {
        Some(d) if bundled => Grammar::bundled_language_with_dir(lang, d),
        Some(d) => {
            let grammar = Grammar::load_dir(d)?;
            if grammar.language() != lang {
                return Err(unknown_language(lang));
            }
            Ok(grammar)
        }
        None => Grammar::bundled_language(lang).ok_or_else(|| unknown_language(lang)),
    }
}

fn unknown_language(lang: &str) -> whosaid::Error {
    whosaid::Error::UnknownLanguage {
        language: lang.to_string(),
        bundled: Grammar::languages().collect::<Vec<_>>().join(", "),
    }
}

/// Refuses a grammar folder holding a YAML file larger than articles may
/// be: grammar files are read whole, before any check of their content.
fn check_grammar_sizes(dir: &std::path::Path) -> whosaid::Result<()> {
    let limit = input::MAX_DOCUMENT as u64;
    for entry in walkdir::WalkDir::new(dir)
        .max_depth(3)
        .into_iter()
        .flatten()
    {
        let yaml = entry
            .path()
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml");
        let len = entry.metadata().map_or(0, |m| m.len());
        if yaml && len > limit {
            return Err(whosaid::Error::BadDocument {
                id: entry.path().display().to_string(),
                reason: format!("grammar file larger than {} MiB", limit >> 20),
            });
        }
    }
    Ok(())
}

fn set_threads(jobs: Option<usize>) {
    if let Some(n) = jobs {
        // Building the global pool fails only if it already exists.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
}

/// Runs the parsed command; returns the exit status.
pub fn run(cli: Cli) -> whosaid::Result<u8> {
    match cli.command {
        Command::Extract(a) => {
            set_threads(a.jobs);
            let languages = load_languages(&a.lang, a.grammars.as_ref())?;
            extract::run(&a, &languages)
        }
        Command::Eval(a) => {
            set_threads(a.jobs);
            let languages = load_languages(&a.lang, a.grammars.as_ref())?;
            eval::run(&a, &languages)
        }
        Command::Diff(a) => diff::run(&a),
        Command::Report(a) => report::run(&a),
        Command::Export(a) => export::run(&a),
        Command::Review(a) => review::run(&a),
    }
}
