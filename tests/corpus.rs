//! One YAML snapshot per article in `tests/corpus/`, under `snapshots/`,
//! each read with the pack of its detected language.

use whosaid::language::Languages;

#[test]
fn corpus() {
    // Each article is read with the pack of its detected language.
    let languages = Languages::bundled();
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
            insta::assert_yaml_snapshot!(languages.analyze_document(id, &text));
        });
    });
}
