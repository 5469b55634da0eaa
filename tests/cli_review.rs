//! Review blocks through the binary: a review follows its claim only when
//! the claim is the same statement by the same resolved speaker, survives
//! edits elsewhere in the article, and is never lost to a concurrent
//! writer of the same claim file.

mod common;

use common::{s, scratch, whosaid};

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_yaml::Value;

#[track_caller]
fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "status {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// An article `story.txt` in `dir` and its claim folder.
struct Case {
    article: PathBuf,
    claims: PathBuf,
}

impl Case {
    fn new(name: &str, text: &str) -> Case {
        let dir = scratch(name);
        let case = Case {
            article: dir.join("story.txt"),
            claims: dir.join("claims"),
        };
        case.edit(text);
        case
    }

    fn edit(&self, text: &str) {
        std::fs::write(&self.article, text).unwrap();
    }

    /// Runs `extract -o`; returns standard error.
    fn extract(&self) -> String {
        ok(&whosaid(&[
            "extract",
            "-q",
            "-o",
            s(&self.claims),
            s(&self.article),
        ]))
    }

    fn path(&self) -> PathBuf {
        self.claims.join("story.yaml")
    }

    fn read(&self) -> Value {
        serde_yaml::from_str(&std::fs::read_to_string(self.path()).unwrap()).unwrap()
    }

    /// Sets the review of the claim at `index` and writes the file back.
    fn review(&self, index: usize, status: &str, note: &str) {
        let mut doc = self.read();
        doc["claims"][index]["review"] = serde_yaml::from_str(&format!(
            "{{status: {status}, note: '{note}', reviewer: ana}}"
        ))
        .unwrap();
        std::fs::write(self.path(), serde_yaml::to_string(&doc).unwrap()).unwrap();
    }

    /// (speaker, status, note) of each claim.
    fn verdicts(&self) -> Vec<(String, String, String)> {
        let doc = self.read();
        doc["claims"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["speaker"]["name"].as_str().unwrap_or("").to_string(),
                    c["review"]["status"].as_str().unwrap().to_string(),
                    c["review"]["note"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    }

    fn ids(&self) -> Vec<String> {
        let doc = self.read();
        doc["claims"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    }
}

fn v(speaker: &str, status: &str, note: &str) -> (String, String, String) {
    (speaker.into(), status.into(), note.into())
}

const PUTIN: &str = "Vladimir Putin spoke on Tuesday.\n\n\"We will act,\" he said.\n";
const MEDVEDEV: &str = "Dmitry Medvedev spoke on Tuesday.\n\n\"We will act,\" he said.\n";
const BIDEN: &str = "Joe Biden arrived in Paris on Monday.\n\n\"No,\" he said.\n";
const MACRON: &str = "Emmanuel Macron arrived in Berlin on Monday.\n\n\"No,\" he said.\n";

#[test]
fn a_review_never_moves_to_another_speaker() {
    let case = Case::new("rename", PUTIN);
    case.extract();
    case.review(0, "confirmed", "on tape");
    case.edit(MEDVEDEV);
    let stderr = case.extract();
    assert_eq!(
        case.verdicts(),
        [v("Dmitry Medvedev", "unreviewed", "")],
        "{stderr}"
    );
    let doc = case.read();
    let orphan = &doc["orphaned"][0];
    assert_eq!(orphan["speaker"].as_str(), Some("Vladimir Putin"));
    assert_eq!(orphan["review"]["status"].as_str(), Some("confirmed"));
    // The orphan names its likely successor, on stderr and in the file.
    let successor = case.ids()[0].clone();
    assert_eq!(
        orphan["likely_successor"].as_str(),
        Some(successor.as_str())
    );
    assert!(stderr.contains("Vladimir Putin"), "{stderr}");
    assert!(
        stderr.contains(&format!("likely successor: {successor}")),
        "{stderr}"
    );
}

#[test]
fn verdicts_stay_with_their_speaker_when_paragraphs_move_or_go() {
    let case = Case::new("swap", &format!("{BIDEN}\n{MACRON}"));
    case.extract();
    case.review(0, "confirmed", "Biden on tape");
    case.review(1, "rejected", "Macron never said it");
    let ids = case.ids();
    assert_ne!(ids[0], ids[1], "distinct speakers have distinct ids");

    case.edit(&format!("{MACRON}\n{BIDEN}"));
    case.extract();
    assert_eq!(
        case.verdicts(),
        [
            v("Emmanuel Macron", "rejected", "Macron never said it"),
            v("Joe Biden", "confirmed", "Biden on tape"),
        ]
    );

    case.edit(MACRON);
    let stderr = case.extract();
    assert_eq!(
        case.verdicts(),
        [v("Emmanuel Macron", "rejected", "Macron never said it")]
    );
    let doc = case.read();
    assert_eq!(doc["orphaned"][0]["speaker"].as_str(), Some("Joe Biden"));
    assert!(stderr.contains("Joe Biden"), "{stderr}");
    assert!(!stderr.contains("Macron"), "{stderr}");
}

#[test]
fn ids_do_not_change_when_another_paragraph_is_edited() {
    let case = Case::new("stable", &format!("{BIDEN}\n{MACRON}"));
    case.extract();
    let before = case.ids();
    case.edit(&format!(
        "{}\n{MACRON}",
        BIDEN.replace("arrived", "finally arrived")
    ));
    case.extract();
    assert_eq!(case.ids(), before);
}

#[test]
fn repeated_statements_of_one_speaker_keep_their_order() {
    let text = "\"No,\" Joe Biden said on Monday.\n\n\"No,\" Joe Biden said on Tuesday.\n";
    let case = Case::new("repeat", text);
    case.extract();
    case.review(0, "confirmed", "Monday");
    case.review(1, "rejected", "Tuesday");
    case.edit(&format!("Reporters waited.\n\n{text}"));
    case.extract();
    assert_eq!(
        case.verdicts(),
        [
            v("Joe Biden", "confirmed", "Monday"),
            v("Joe Biden", "rejected", "Tuesday"),
        ]
    );
}

#[test]
fn reviewer_fields_and_ambiguous_scalars_survive_re_extraction() {
    let case = Case::new("fields", PUTIN);
    case.extract();
    let yaml = std::fs::read_to_string(case.path()).unwrap();
    let edited = yaml.replace(
        "status: unreviewed\n    note: null\n    reviewer: null",
        "status: confirmed\n    note: yes\n    reviewer: 2024-05-01\n    source_checked: true",
    );
    assert_ne!(edited, yaml);
    std::fs::write(case.path(), edited).unwrap();
    case.extract();
    let yaml = std::fs::read_to_string(case.path()).unwrap();
    assert!(yaml.contains("    note: 'yes'\n"), "{yaml}");
    assert!(yaml.contains("    reviewer: '2024-05-01'\n"), "{yaml}");
    assert!(yaml.contains("    source_checked: true\n"), "{yaml}");
    assert_eq!(case.verdicts(), [v("Vladimir Putin", "confirmed", "yes")]);
}

/// An article of `n` attributed quotations.
fn long_article(n: usize) -> String {
    (0..n)
        .map(|i| format!("\"We reviewed item {i} today,\" the minister said.\n\n"))
        .collect()
}

/// What a review tool does to save: its edited copy of the claim file
/// (`prepared`) replaces the file by a rename, under the folder's lock.
fn save_under_lock(claims: &Path, prepared: &Path, file: &str) {
    use fs4::FileExt;
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(claims.join(".whosaid.lock"))
        .unwrap();
    FileExt::lock(&lock).unwrap();
    std::fs::rename(prepared, claims.join(file)).unwrap();
    FileExt::unlock(&lock).unwrap();
}

/// The claim file `file` with claim 0 confirmed, written beside it as the
/// review tool's copy, ready to be saved.
fn prepare_review(claims: &Path, file: &str, note: &str) -> PathBuf {
    let path = claims.join(file);
    let mut doc: Value = serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    doc["claims"][0]["review"] =
        serde_yaml::from_str(&format!("{{status: confirmed, note: '{note}'}}")).unwrap();
    let prepared = claims.join(format!("{file}.tool-copy"));
    std::fs::write(&prepared, serde_yaml::to_string(&doc).unwrap()).unwrap();
    prepared
}

/// A review tool's whole save: read, confirm claim 0, save under the lock.
fn review_under_lock(claims: &Path, file: &str, note: &str) {
    let prepared = prepare_review(claims, file, note);
    save_under_lock(claims, &prepared, file);
}

#[test]
fn a_review_saved_while_extract_writes_is_kept() {
    let case = Case::new("concurrent", &long_article(3000));
    // The moment to hit is short and the machine may be busy: a run in
    // which extract is not seen writing is tried again.
    for _ in 0..5 {
        case.extract();
        // The reviewer has the file open; the save comes while extract runs.
        let prepared = prepare_review(&case.claims, "story.yaml", "saved meanwhile");
        let mut run = Command::new(env!("CARGO_BIN_EXE_whosaid"))
            .args(["extract", "-q", "-o", s(&case.claims), s(&case.article)])
            .spawn()
            .unwrap();
        // The review is saved the moment extract starts writing its
        // temporary file: after extract read the old claim file, before it
        // renames.
        let writing = loop {
            let tmp = std::fs::read_dir(&case.claims)
                .unwrap()
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with(".story.yaml."));
            if tmp {
                break true;
            }
            if run.try_wait().unwrap().is_some() {
                break false;
            }
        };
        if !writing {
            assert!(run.wait().unwrap().success());
            continue;
        }
        save_under_lock(&case.claims, &prepared, "story.yaml");
        assert!(run.wait().unwrap().success());
        assert_eq!(
            case.verdicts()[0],
            v("minister", "confirmed", "saved meanwhile")
        );
        return;
    }
    panic!("extract was never seen writing its claim file");
}

#[test]
fn two_runs_and_a_reviewer_on_one_folder_lose_nothing() {
    let dir = scratch("two-runs");
    let articles = dir.join("articles");
    let claims = dir.join("claims");
    std::fs::create_dir_all(&articles).unwrap();
    for i in 0..8 {
        std::fs::write(articles.join(format!("a{i}.txt")), long_article(200)).unwrap();
    }
    ok(&whosaid(&["extract", "-q", "-o", s(&claims), s(&articles)]));
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_whosaid"))
            .args(["extract", "-q", "-o", s(&claims), s(&articles)])
            .spawn()
            .unwrap()
    };
    let (mut one, mut two) = (spawn(), spawn());
    for i in 0..8 {
        review_under_lock(&claims, &format!("a{i}.yaml"), &format!("note {i}"));
    }
    assert!(one.wait().unwrap().success());
    assert!(two.wait().unwrap().success());
    for i in 0..8 {
        let doc: Value = serde_yaml::from_str(
            &std::fs::read_to_string(claims.join(format!("a{i}.yaml"))).unwrap(),
        )
        .unwrap();
        assert_eq!(
            doc["claims"][0]["review"]["note"].as_str(),
            Some(format!("note {i}").as_str())
        );
    }
    let litter: Vec<_> = std::fs::read_dir(&claims)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(litter.is_empty(), "{litter:?}");
}

#[test]
fn a_killed_runs_temporary_files_are_removed_by_the_next_run() {
    let case = Case::new("litter", PUTIN);
    case.extract();
    let stale = case.claims.join(".story.yaml.99999999.tmp");
    std::fs::write(&stale, "half a claim file").unwrap();
    case.extract();
    assert!(!stale.exists());
    assert_eq!(case.verdicts().len(), 1);
}
