//! Language packs through the binary: `--lang` picks a bundled pack (by
//! default the detected language's), an unknown language is a usage error
//! naming the bundled ones, and
//! `--grammars` takes either single files overriding the chosen pack or a
//! whole pack folder for a language whosaid does not bundle.

mod common;

use common::{scratch, whosaid};

use std::path::Path;
use std::process::Output;

/// A copy of the English pack in `dir`, its pack file declaring `language`.
fn copy_english_pack(dir: &Path, language: &str) {
    for entry in std::fs::read_dir("grammars/en").expect("grammars/en") {
        let path = entry.expect("entry").path();
        let mut text = std::fs::read_to_string(&path).expect("grammar file");
        if path.file_name().is_some_and(|n| n == "pack.yaml") {
            text = text.replace("language: en", &format!("language: {language}"));
        }
        std::fs::write(dir.join(path.file_name().expect("name")), text).expect("write");
    }
}

const ARTICLE: &str = "tests/corpus/wire-001.txt";

#[test]
fn auto_reads_an_english_article_with_the_english_pack() {
    let default = whosaid(&["extract", ARTICLE]);
    let english = whosaid(&["extract", "--lang", "en", ARTICLE]);
    assert!(default.status.success(), "{default:?}");
    assert!(String::from_utf8_lossy(&default.stdout).contains("claims:"));
    assert_eq!(
        String::from_utf8_lossy(&default.stdout),
        String::from_utf8_lossy(&english.stdout)
    );
}

#[test]
fn an_unknown_language_is_a_usage_error_naming_the_bundled_packs() {
    let out = whosaid(&["extract", "--lang", "xx", ARTICLE]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no grammar pack for language \"xx\""),
        "{stderr}"
    );
    assert!(stderr.contains("bundled: en"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_whole_pack_folder_serves_a_language_without_a_bundled_pack() {
    let dir = scratch("pack-xx");
    copy_english_pack(&dir, "xx");
    let dir_arg = dir.to_str().expect("utf-8 path");
    let out = whosaid(&["extract", "--lang", "xx", "--grammars", dir_arg, ARTICLE]);
    assert!(out.status.success(), "{out:?}");
    let english = whosaid(&["extract", ARTICLE]);
    let own = String::from_utf8_lossy(&out.stdout);
    assert!(own.contains("\n  language: xx\n"), "{own}");
    let as_english = own.replace("\n  language: xx\n", "\n  language: en\n");
    assert_eq!(
        as_english,
        String::from_utf8_lossy(&english.stdout),
        "the same pack under another code"
    );
    // The folder's pack must be the language asked for.
    let out = whosaid(&["extract", "--lang", "yy", "--grammars", dir_arg, ARTICLE]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

#[test]
fn a_single_file_overrides_the_bundled_pack() {
    let dir = scratch("pack-override");
    let pack = std::fs::read_to_string("grammars/en/pack.yaml").expect("pack");
    // With no quotation short enough to be dropped, the scare quote below
    // becomes a claim of its own.
    let lowered = pack.replace("min_unattributed_words: 6", "min_unattributed_words: 1");
    assert_ne!(pack, lowered, "the pack states min_unattributed_words: 6");
    std::fs::write(dir.join("pack.yaml"), lowered).expect("write");
    let article = dir.join("article.txt");
    std::fs::write(
        &article,
        "The so-called \"reform plan\" was shelved on Monday.\n",
    )
    .expect("write");
    let article = article.to_str().expect("utf-8 path");
    let bundled = whosaid(&["extract", article]);
    let overridden = whosaid(&["extract", "--grammars", dir.to_str().unwrap(), article]);
    assert!(bundled.status.success() && overridden.status.success());
    let count = |o: &Output| String::from_utf8_lossy(&o.stdout).matches("- id:").count();
    assert_eq!(
        count(&bundled),
        0,
        "{}",
        String::from_utf8_lossy(&bundled.stdout)
    );
    assert_eq!(
        count(&overridden),
        1,
        "{}",
        String::from_utf8_lossy(&overridden.stdout)
    );
}

#[test]
fn a_pack_without_its_pack_file_is_refused() {
    let dir = scratch("pack-missing");
    copy_english_pack(&dir, "xx");
    std::fs::remove_file(dir.join("pack.yaml")).expect("remove");
    let dir_arg = dir.to_str().expect("utf-8 path");
    let out = whosaid(&["extract", "--lang", "xx", "--grammars", dir_arg, ARTICLE]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no pack file"), "{stderr}");
}
