//! The header parser (date line and dateline) on any text: no panic, and
//! every span it reports lies inside the text on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whosaid::text::parse_header;

fuzz_target!(|text: &str| {
    let h = parse_header(text);
    assert!(h.body_start <= text.len() && text.is_char_boundary(h.body_start));
    let spans = h.date.into_iter().chain(h.dateline.iter().flat_map(|d| {
        [Some(d.span), Some(d.place), d.date, d.outlet]
            .into_iter()
            .flatten()
    }));
    for s in spans {
        assert!(text.get(s.start..s.end).is_some(), "{s:?}");
    }
});
