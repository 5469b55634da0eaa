//! Gold and predicted quotes built in one line, for the scorer's unit tests.

use super::model::{GoldQuote, PredQuote};

/// A gold quote of `kind` over `start..end`, by `speaker`.
pub fn gq(start: usize, end: usize, kind: &str, speaker: Option<&str>) -> GoldQuote {
    GoldQuote {
        start,
        end,
        kind: Some(kind.to_owned()),
        speaker: speaker.map(str::to_owned),
        speaker_alt: Vec::new(),
    }
}

/// A predicted quote over `start..end`, by `speaker`.
pub fn pq(start: usize, end: usize, speaker: Option<&str>) -> PredQuote {
    PredQuote {
        start,
        end,
        speaker: speaker.map(str::to_owned),
        ..PredQuote::default()
    }
}
