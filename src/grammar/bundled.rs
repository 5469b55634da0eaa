//! The German and Russian packs compiled into the binary, by file name;
//! `compiled` lists them with the English pack.

/// The German pack.
pub(super) const BUNDLED_DE: &[(&str, &str)] = &[
    ("pack.yaml", include_str!("../../grammars/de/pack.yaml")),
    (
        "speech_verbs.yaml",
        include_str!("../../grammars/de/speech_verbs.yaml"),
    ),
    (
        "source_nouns.yaml",
        include_str!("../../grammars/de/source_nouns.yaml"),
    ),
    (
        "named_sources.yaml",
        include_str!("../../grammars/de/named_sources.yaml"),
    ),
    ("titles.yaml", include_str!("../../grammars/de/titles.yaml")),
    (
        "word_classes.yaml",
        include_str!("../../grammars/de/word_classes.yaml"),
    ),
    ("frames.yaml", include_str!("../../grammars/de/frames.yaml")),
];

/// The Russian pack.
pub(super) const BUNDLED_RU: &[(&str, &str)] = &[
    ("pack.yaml", include_str!("../../grammars/ru/pack.yaml")),
    (
        "speech_verbs.yaml",
        include_str!("../../grammars/ru/speech_verbs.yaml"),
    ),
    (
        "source_nouns.yaml",
        include_str!("../../grammars/ru/source_nouns.yaml"),
    ),
    (
        "named_sources.yaml",
        include_str!("../../grammars/ru/named_sources.yaml"),
    ),
    ("titles.yaml", include_str!("../../grammars/ru/titles.yaml")),
    (
        "word_classes.yaml",
        include_str!("../../grammars/ru/word_classes.yaml"),
    ),
    ("frames.yaml", include_str!("../../grammars/ru/frames.yaml")),
];
