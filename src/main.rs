//! The `whosaid` command line: parses arguments, calls the library, prints.
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let g = whosaid::grammar::Grammar::bundled();
    let text = std::fs::read_to_string(&args[2]).unwrap();
    let a = whosaid::analyze_document("x", &text, &g);
    print!("{}", whosaid::output::to_yaml(&a));
    ExitCode::SUCCESS
}
