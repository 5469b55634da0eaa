//! `whosaid diff OLD NEW`: compares two claim files or folders and prints
//! the differences; exit status 1 when they differ.

use std::io::IsTerminal;

use whosaid::workflow::diff::diff_sets;
use whosaid::workflow::terminal::render;

use super::claims::read_all;
use super::write::to_stdout;
use super::{ColorChoice, DiffArgs, DiffFormat};

pub fn run(a: &DiffArgs) -> whosaid::Result<u8> {
    let load = |p: &std::path::PathBuf| read_all(std::slice::from_ref(p));
    let (old, new) = (load(&a.old)?, load(&a.new)?);
    let diffs = diff_sets(&old, &new);
    let text = match a.format {
        DiffFormat::Json => serde_json::to_string_pretty(&diffs).unwrap_or_default() + "\n",
        DiffFormat::Text => {
            let colour = match a.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            render(&diffs, colour)
        }
    };
    to_stdout(text.as_bytes())?;
    Ok(if diffs.is_empty() { 0 } else { 1 })
}
