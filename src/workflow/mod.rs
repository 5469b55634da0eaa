//! The fact-checker's workflow around the extraction pipeline: claim files
//! and their review blocks ([`review`]), the review desk's views and
//! verdicts ([`desk`]), comparing extractions ([`diff`]),
//! the HTML report ([`report`]), exports to ClaimReview, Web Annotations and
//! CSV ([`export`]), the speaker directory ([`speakers`]) and terminal text
//! ([`terminal`]). These modules build values and strings; the pipeline in
//! [`crate::attribute`] never depends on them, and rendering (HTML, ANSI)
//! stays here, out of the core API. Reading and writing files is the CLI's
//! job.

pub mod desk;
pub mod diff;
pub mod export;
pub mod report;
pub mod review;
pub mod speakers;
pub mod terminal;
pub mod yaml_guard;
