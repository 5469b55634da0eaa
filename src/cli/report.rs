//! `whosaid report CLAIMS… -o report.html`: reads claim files and writes
//! the static HTML report atomically.

use whosaid::Error;

use super::claims::read_all;
use super::write::write_atomic;
use super::ReportArgs;

pub fn run(a: &ReportArgs) -> whosaid::Result<u8> {
    let files = read_all(&a.claims)?;
    let html = whosaid::workflow::report::render(&files);
    write_atomic(&a.output, html.as_bytes()).map_err(|source| Error::Io {
        path: a.output.clone(),
        source,
    })?;
    Ok(0)
}
