//! Command-line arguments and the subcommands they run.

mod eval;
mod extract;
mod input;
mod write;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use whosaid::grammar::Grammar;

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
}

/// Output format of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// YAML; several documents are separated by `---`.
    Yaml,
    /// Indented JSON, one value per document.
    Json,
    /// One JSON object per line and document, flushed per line.
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
}

#[derive(Debug, clap::Args)]
struct ExtractArgs {
    /// Files, directories (recursed), glob patterns, or - for standard input.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Output format on standard output.
    #[arg(long, value_enum, default_value_t = Format::Yaml)]
    format: Format,
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
    /// Directory of grammar files replacing or extending the bundled ones.
    #[arg(long)]
    grammars: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long)]
    jobs: Option<usize>,
    /// No progress bar.
    #[arg(short, long)]
    quiet: bool,
    /// Replace invalid UTF-8 with U+FFFD instead of refusing the document.
    #[arg(long)]
    lossy: bool,
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
    /// Directory of grammar files replacing or extending the bundled ones.
    #[arg(long)]
    grammars: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long)]
    jobs: Option<usize>,
}

fn load_grammar(dir: Option<&PathBuf>) -> whosaid::Result<Grammar> {
    match dir {
        Some(d) => Grammar::bundled_with_dir(d),
        None => Ok(Grammar::bundled()),
    }
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
            let grammar = load_grammar(a.grammars.as_ref())?;
            extract::run(&a, &grammar)
        }
        Command::Eval(a) => {
            set_threads(a.jobs);
            let grammar = load_grammar(a.grammars.as_ref())?;
            eval::run(&a, &grammar)
        }
    }
}
