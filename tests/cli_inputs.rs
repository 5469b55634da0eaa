//! Inputs and outputs through the binary: article ids from paths below the
//! input folder, collisions refused, outputs that never replace what is not
//! a regular file, write failures reported, folder walks that skip what is
//! not an article and never hang, content sniffing, and the summary line.

mod common;

use common::{bin, s, scratch, whosaid};

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success());
}

const ARTICLE: &str = "\"We will act,\" the minister said.\n";

/// Runs `args` and fails the test if it takes longer than `limit`.
fn within(limit: Duration, args: &[&str]) -> Output {
    let mut child = bin()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("whosaid {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn jsonl_ids(stdout: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["article"]["id"]
                .as_str()
                .or(v["id"].as_str())
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn folder_articles_are_named_by_their_path_and_collisions_are_refused() {
    let dir = scratch("collide");
    let input = dir.join("in");
    write(&input.join("us/statement.txt"), ARTICLE);
    write(&input.join("eu/statement.txt"), ARTICLE);
    let out = whosaid(&["extract", "--format", "jsonl", s(&input)]);
    assert_eq!(jsonl_ids(&out.stdout), ["eu/statement", "us/statement"]);

    let claims = dir.join("claims");
    let out = whosaid(&["extract", "-q", "-o", s(&claims), s(&input)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(claims.join("us_statement.yaml").is_file());
    assert!(claims.join("eu_statement.yaml").is_file());

    // `us_statement` at the top gives the same file name as `us/statement`.
    write(&input.join("us_statement.txt"), "\"No,\" Bob Smith said.\n");
    let before = std::fs::read_to_string(claims.join("us_statement.yaml")).unwrap();
    let out = whosaid(&["extract", "-q", "-o", s(&claims), s(&input)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("already written for article"),
        "{}",
        stderr(&out)
    );
    let after = std::fs::read_to_string(claims.join("us_statement.yaml")).unwrap();
    assert_eq!(before, after, "the first article's claim file is kept");
}

#[test]
fn jsonl_ids_that_collide_are_an_error_or_a_warning() {
    let dir = scratch("jsonl-ids");
    let input = dir.join("docs.jsonl");
    let line = |id: &str| format!("{{\"id\":\"{id}\",\"text\":{:?}}}\n", ARTICLE);
    write(
        &input,
        &(line("polnear/x") + &line("polnear_x") + &line("polnear_x")),
    );
    let claims = dir.join("claims");
    let out = whosaid(&["extract", "-q", "-o", s(&claims), s(&input)]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).matches("already written for article").count(),
        2
    );
    let kept = std::fs::read_to_string(claims.join("polnear_x.yaml")).unwrap();
    assert!(kept.contains("id: polnear/x"), "{kept}");

    let out = whosaid(&["extract", "--format", "jsonl", s(&input)]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("polnear_x: warning: duplicate id"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn outputs_never_replace_a_fifo_keep_the_mode_and_follow_symlinks() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("outputs");
    let article = dir.join("story.txt");
    write(&article, ARTICLE);
    let claims = dir.join("claims");
    assert!(whosaid(&["extract", "-q", "-o", s(&claims), s(&article)])
        .status
        .success());
    let fifo = dir.join("out.csv");
    mkfifo(&fifo);
    let out = whosaid(&["export", "--to", "csv", "-o", s(&fifo), s(&claims)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
    let report = whosaid(&["report", "-o", s(&fifo), s(&claims)]);
    assert_eq!(report.status.code(), Some(2));
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo_like());

    let kept = dir.join("kept.csv");
    write(&kept, "old\n");
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = whosaid(&["export", "--to", "csv", "-o", s(&kept), s(&claims)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let meta = std::fs::metadata(&kept).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert!(std::fs::read_to_string(&kept)
        .unwrap()
        .contains("We will act"));

    // A symlinked claim file is written through.
    let elsewhere = dir.join("elsewhere.yaml");
    std::fs::rename(claims.join("story.yaml"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, claims.join("story.yaml")).unwrap();
    write(
        &article,
        "\"We will act,\" the minister said. \"No,\" Bob Smith said.\n",
    );
    let out = whosaid(&["extract", "-q", "-o", s(&claims), s(&article)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let link = std::fs::symlink_metadata(claims.join("story.yaml")).unwrap();
    assert!(link.file_type().is_symlink());
    assert!(std::fs::read_to_string(&elsewhere)
        .unwrap()
        .contains("Bob Smith"));

    // `-o -` is standard output.
    let out = whosaid(&["export", "--to", "csv", "-o", "-", s(&claims)]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Bob Smith"));
}

trait FifoLike {
    fn is_fifo_like(&self) -> bool;
}

impl FifoLike for std::fs::FileType {
    fn is_fifo_like(&self) -> bool {
        use std::os::unix::fs::FileTypeExt;
        self.is_fifo()
    }
}

/// Runs `args` with standard output on /dev/full.
fn to_full_disk(args: &[&str]) -> Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    bin().args(args).stdout(full).output().unwrap()
}

#[test]
fn a_full_disk_on_standard_output_is_exit_status_2() {
    let dir = scratch("full");
    let article = dir.join("story.txt");
    write(&article, ARTICLE);
    let claims = dir.join("claims");
    assert!(whosaid(&["extract", "-q", "-o", s(&claims), s(&article)])
        .status
        .success());
    let other = dir.join("other");
    write(&article, "\"No,\" Bob Smith said.\n");
    assert!(whosaid(&["extract", "-q", "-o", s(&other), s(&article)])
        .status
        .success());
    for args in [
        vec!["export", "--to", "csv", s(&claims)],
        vec!["diff", s(&claims), s(&other)],
        vec!["extract", s(&article)],
    ] {
        let out = to_full_disk(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let message = stderr(&out);
        assert_eq!(message.lines().count(), 1, "{args:?}: {message}");
        assert!(message.contains("standard output"), "{args:?}: {message}");
    }
}

#[test]
fn folder_walks_skip_loops_fifos_and_other_files() {
    let dir = scratch("walk");
    write(&dir.join("a.txt"), ARTICLE);
    write(&dir.join("notes.md"), ARTICLE);
    std::os::unix::fs::symlink(".", dir.join("loop1")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("loop2")).unwrap();
    mkfifo(&dir.join("pipe.txt"));
    let out = within(
        Duration::from_secs(15),
        &["extract", "-v", "--format", "jsonl", s(&dir)],
    );
    let message = stderr(&out);
    assert!(out.status.success(), "{message}");
    assert_eq!(jsonl_ids(&out.stdout), ["a"]);
    assert!(
        message.contains("pipe.txt: warning: skipped: not a regular file"),
        "{message}"
    );
    assert!(
        message.contains("notes.md: skipped: not an article extension"),
        "{message}"
    );
    assert!(
        message.contains("1 document, 1 claim, 0 failed"),
        "{message}"
    );

    let out = within(
        Duration::from_secs(15),
        &["extract", "--ext", "md", "--format", "jsonl", s(&dir)],
    );
    assert_eq!(jsonl_ids(&out.stdout), ["notes"]);
}

#[test]
fn documents_that_are_not_text_are_named_for_what_they_are() {
    let dir = scratch("sniff");
    let pdf = dir.join("report.txt");
    std::fs::write(&pdf, b"%PDF-1.7\n\xe2\xe3\xcf\xd3\n1 0 obj\n").unwrap();
    let out = whosaid(&["extract", s(&pdf)]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.contains("looks like a PDF (convert it to text first)"),
        "{message}"
    );
    assert!(!message.contains("--lossy"), "{message}");

    let docx = dir.join("memo.txt");
    std::fs::write(&docx, b"PK\x03\x04\x14\x00\x06\x00word/document.xml").unwrap();
    let message = stderr(&whosaid(&["extract", s(&docx)]));
    assert!(message.contains("DOCX"), "{message}");

    let page = dir.join("page.txt");
    write(
        &page,
        "<!DOCTYPE html><html><head><title>Bridge</title></head><body><article>\
         <p>\"We will act on the <b>bridge</b>,\" the minister said on Monday.</p>\
         </article></body></html>",
    );
    let out = whosaid(&["extract", "--format", "jsonl", s(&page)]);
    let message = stderr(&out);
    assert!(
        message.contains("looks like HTML; read as a web page"),
        "{message}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("We will act on the bridge,"), "{stdout}");
    assert!(!stdout.contains("<b>"), "{stdout}");
}

#[test]
fn empty_inputs_say_so() {
    let dir = scratch("empty");
    let folder = dir.join("nothing");
    std::fs::create_dir_all(&folder).unwrap();
    let out = whosaid(&["extract", s(&folder)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no article files in this folder"),
        "{}",
        stderr(&out)
    );

    let pattern = format!("{}/*.txt", s(&folder));
    let out = whosaid(&["extract", &pattern]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no file matches"), "{}", stderr(&out));

    write(&dir.join("batch/blank.txt"), "  \n");
    write(&dir.join("batch/story.txt"), ARTICLE);
    let out = whosaid(&["extract", "--format", "jsonl", s(&dir.join("batch"))]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("blank: warning: empty document"),
        "{}",
        stderr(&out)
    );

    let big = dir.join("big.txt");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len((64 << 20) + 1).unwrap();
    let out = whosaid(&["extract", s(&big)]);
    assert!(
        stderr(&out).contains("larger than 64 MiB"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn formats_that_cannot_be_honoured_are_refused() {
    let dir = scratch("formats");
    write(&dir.join("a.txt"), ARTICLE);
    write(&dir.join("b.txt"), ARTICLE);
    let out = whosaid(&["extract", "--format", "json", s(&dir)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("--format jsonl"), "{}", stderr(&out));
    let one = whosaid(&["extract", "--format", "json", s(&dir.join("a.txt"))]);
    assert!(one.status.success());
    serde_json::from_slice::<serde_json::Value>(&one.stdout).unwrap();

    let claims = dir.join("claims");
    let out = whosaid(&["extract", "--format", "jsonl", "-o", s(&claims), s(&dir)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("-o DIR writes YAML"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_summary_counts_documents_claims_and_reviews_with_plurals() {
    let dir = scratch("summary");
    let article = dir.join("story.txt");
    write(
        &article,
        "\"We will act,\" the minister said. \"No,\" Bob Smith said.\n",
    );
    let claims = dir.join("claims");
    let out = whosaid(&["extract", "-v", "-o", s(&claims), s(&article)]);
    assert!(stderr(&out).ends_with(
        "whosaid: 1 document, 2 claims, 0 failed, 0 reviews kept, 0 reviews orphaned, 0 files skipped\n"
    ), "{}", stderr(&out));
    let path = claims.join("story.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        yaml.replace("status: unreviewed", "status: confirmed"),
    )
    .unwrap();
    write(&article, "\"We will act,\" the minister said.\n");
    let out = whosaid(&["extract", "-v", "-o", s(&claims), s(&article)]);
    assert!(out.status.success());
    assert!(stderr(&out).ends_with(
        "whosaid: 1 document, 1 claim, 0 failed, 1 review kept, 1 review orphaned, 0 files skipped\n"
    ), "{}", stderr(&out));
}

#[test]
fn an_unparseable_jsonl_line_keeps_the_id_found_in_it() {
    use std::io::Write;
    let mut child = bin()
        .args([
            "extract",
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input =
        b"{\"id\": \"p3-doc-9\", \"text\": \"broken\n{\"text\": \"\xff\", \"id\": \"p3-doc-10\"}\n";
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(jsonl_ids(&out.stdout), ["p3-doc-9", "p3-doc-10"]);
}

#[test]
fn speaker_and_grammar_files_have_the_article_size_limit() {
    let dir = scratch("limits");
    let article = dir.join("story.txt");
    write(&article, ARTICLE);
    let speakers = dir.join("speakers.yaml");
    std::fs::File::create(&speakers)
        .unwrap()
        .set_len((64 << 20) + 1)
        .unwrap();
    let out = whosaid(&["extract", "--speakers", s(&speakers), s(&article)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("larger than 64 MiB"),
        "{}",
        stderr(&out)
    );

    let grammars = dir.join("grammars");
    std::fs::create_dir_all(&grammars).unwrap();
    std::fs::File::create(grammars.join("titles.yaml"))
        .unwrap()
        .set_len((64 << 20) + 1)
        .unwrap();
    let out = whosaid(&["extract", "--grammars", s(&grammars), s(&article)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("larger than 64 MiB"),
        "{}",
        stderr(&out)
    );
}
