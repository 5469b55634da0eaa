//! One YAML snapshot per article in `tests/corpus/`, under `snapshots/`.

use whosaid::{analyze_document, grammar::Grammar};

#[test]
fn corpus() {
    let grammar = Grammar::bundled();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("corpus/*.txt", |path| {
            let text = std::fs::read_to_string(path).expect("corpus articles are UTF-8");
            let id = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("article");
            insta::assert_yaml_snapshot!(analyze_document(id, &text, &grammar));
        });
    });
}
