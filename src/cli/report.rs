//! `whosaid report CLAIMS… -o report.html`: reads claim files and writes
//! the static HTML report atomically.

use super::claims::read_all;
use super::write::to_output;
use super::ReportArgs;

pub fn run(a: &ReportArgs) -> whosaid::Result<u8> {
    let files = read_all(&a.claims)?;
    let html = whosaid::workflow::report::render(&files);
    to_output(Some(&a.output), html.as_bytes())?;
    Ok(0)
}
