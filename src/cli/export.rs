//! `whosaid export --to FORMAT CLAIMS…`: converts claim files to
//! ClaimReview JSON-LD, Web Annotations or CSV, on standard output or into
//! a file written atomically.

use whosaid::workflow::export::{self, StatusFilter};
use whosaid::Error;

use super::claims::read_all;
use super::write::to_output;
use super::{ExportArgs, ExportFormat, StatusArg};

pub fn run(a: &ExportArgs) -> whosaid::Result<u8> {
    let files = read_all(&a.claims)?;
    let filter = match a.status {
        StatusArg::All => StatusFilter::All,
        StatusArg::Unrejected => StatusFilter::Unrejected,
        StatusArg::Confirmed => StatusFilter::Confirmed,
    };
    let bytes = match a.to {
        ExportFormat::Claimreview => pretty(&export::claimreview(&files, filter)),
        ExportFormat::Webannotation => pretty(&export::webannotation(&files, filter)),
        ExportFormat::Csv => {
            export::csv(&files, filter, a.bom).map_err(|e| Error::BadDocument {
                id: "csv".into(),
                reason: e.to_string(),
            })?
        }
    };
    to_output(a.output.as_deref(), &bytes)?;
    Ok(0)
}

fn pretty(v: &serde_json::Value) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s.into_bytes()
}
