//! The `whosaid` binary: the README's command, batch error handling and exit codes.

mod common;

use common::bin;

use std::io::Write;
use std::process::{Output, Stdio};

/// Runs `whosaid ARGS` with `input` on standard input.
fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn extract_prints_yaml_for_the_mission_article() {
    let out = bin()
        .args(["extract", "tests/corpus/tass-2025-08-10-putin-rahmon.txt"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_yaml::Value = serde_yaml::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["article"]["outlet"].as_str(), Some("TASS"));
    assert_eq!(doc["claims"].as_sequence().map(Vec::len), Some(15));
}

#[test]
fn a_bad_document_does_not_stop_the_batch() {
    let input = "{\"id\":\"a\",\"text\":\"\\\"We will act,\\\" the minister said.\"}\n{broken\n{\"id\":\"c\"}\n{\"id\":\"d\",\"text\":\"No quotes here.\"}\n";
    let out = run_with_stdin(
        &[
            "extract",
            "--format",
            "jsonl",
            "--input-format",
            "jsonl",
            "-",
        ],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "one line per input document, in order");
    assert_eq!(lines[0]["article"]["id"], "a");
    assert_eq!(lines[0]["claims"][0]["speaker"]["name"], "minister");
    assert!(lines[1]["error"]
        .as_str()
        .unwrap()
        .starts_with("malformed JSON"));
    assert_eq!(lines[2]["id"], "c");
    assert!(lines[2]["error"]
        .as_str()
        .unwrap()
        .contains("missing text field"));
    assert_eq!(lines[3]["claims"].as_array().map(Vec::len), Some(0));
}

#[test]
fn missing_files_and_invalid_utf8_are_reported_and_skipped() {
    let dir = std::env::temp_dir().join(format!("whosaid-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, b"ab\xffcd").unwrap();
    let out = bin()
        .args(["extract", "--format", "jsonl", "no/such/file.txt"])
        .arg(&bad)
        .arg("tests/corpus/tass-2025-08-10-putin-rahmon.txt")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no/such/file.txt"), "{stderr}");
    assert!(
        stderr.contains("input is not valid UTF-8 at byte 2"),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 3);
    assert!(stdout
        .lines()
        .last()
        .unwrap()
        .contains("\"outlet\":\"TASS\""));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn output_dir_gets_one_claim_file_per_article() {
    let dir = std::env::temp_dir().join(format!("whosaid-out-{}", std::process::id()));
    let out = bin()
        .args([
            "extract",
            "-q",
            "tests/corpus/tass-2025-08-10-putin-rahmon.txt",
            "-o",
        ])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    let file = dir.join("tass-2025-08-10-putin-rahmon.yaml");
    let doc: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(doc["article"]["date"].as_str(), Some("2025-08-10"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn broken_grammar_is_a_usage_error_naming_the_file() {
    let dir = std::env::temp_dir().join(format!("whosaid-gr-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("titles.yaml"),
        "kind: titles\nversion: 1\nentries:\n  - {title: [oops\n",
    )
    .unwrap();
    let out = bin()
        .args([
            "extract",
            "tests/corpus/tass-2025-08-10-putin-rahmon.txt",
            "--grammars",
        ])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("titles.yaml:"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
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
fn directories_globs_and_files_give_one_line_each_in_input_order() {
    let out = bin()
        .args([
            "extract",
            "--format",
            "jsonl",
            "tests/corpus/wire-003.txt",
            "tests/corpus",
            "tests/corpus/wire-00[12].txt",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut from_dir: Vec<String> = std::fs::read_dir("tests/corpus")
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            p.file_stem().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    from_dir.sort();
    let mut expected = vec!["wire-003".to_string()];
    expected.extend(from_dir);
    expected.extend(["wire-001".to_string(), "wire-002".to_string()]);
    assert_eq!(jsonl_ids(&out.stdout), expected);
    // Not a terminal: no progress bar; on stderr only the ids seen twice.
    let stderr = String::from_utf8_lossy(&out.stderr);
    let duplicates: Vec<&str> = stderr
        .lines()
        .map(|l| {
            l.trim_start_matches("whosaid: ")
                .trim_end_matches(": warning: duplicate id: an earlier document has the same id")
        })
        .collect();
    assert_eq!(duplicates, ["wire-003", "wire-001", "wire-002"], "{stderr}");
}

#[test]
fn jsonl_stdin_is_detected_and_fields_can_be_renamed() {
    let mut input = String::new();
    for i in 0..300 {
        input.push_str(&format!(
            "{{\"url\":\"u{i}\",\"body\":\"\\\"We will act,\\\" minister number {i} said.\",\"extra\":[1,{{}}]}}\n"
        ));
    }
    let out = run_with_stdin(
        &[
            "extract",
            "--format",
            "jsonl",
            "--text-field",
            "body",
            "--id-field",
            "url",
            "-q",
            "-j",
            "2",
            "-",
        ],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    let expected: Vec<String> = (0..300).map(|i| format!("u{i}")).collect();
    assert_eq!(
        jsonl_ids(&out.stdout),
        expected,
        "input order across chunks"
    );
}

/// A slow first document finishes after the batches read behind it; its
/// line still comes first, and a bad line keeps its place.
#[test]
fn output_order_survives_a_slow_document_and_bad_lines() {
    let sentence = "\\\"We will act,\\\" the minister said on Monday. ";
    let mut input = format!(
        "{{\"id\":\"big\",\"text\":\"{}\"}}\n",
        sentence.repeat(4000)
    );
    for i in 0..120 {
        if i == 50 {
            input.push_str("{\"id\": broken\n");
        }
        input.push_str(&format!("{{\"id\":\"d{i}\",\"text\":\"{sentence}\"}}\n"));
    }
    let out = run_with_stdin(
        &["extract", "--format", "jsonl", "-q", "-j", "2", "-"],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1), "one line failed");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 122);
    assert!(lines[0].contains("\"id\":\"big\""));
    assert!(lines[51].contains("\"error\""), "{}", lines[51]);
    let mut ids = jsonl_ids(stdout.as_bytes());
    ids.remove(51);
    let mut expected = vec!["big".to_string()];
    expected.extend((0..120).map(|i| format!("d{i}")));
    assert_eq!(ids, expected);
}

#[test]
fn a_text_article_on_stdin_is_one_document() {
    let out = run_with_stdin(
        &["extract", "--format", "jsonl", "-"],
        b"\"We will act,\" the minister said.\n",
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(jsonl_ids(&out.stdout), vec!["stdin".to_string()]);
}

#[test]
fn help_documents_the_exit_status() {
    for args in [&["--help"][..], &["extract", "--help"][..]] {
        let out = bin().args(args).output().unwrap();
        assert!(out.status.success());
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(help.contains("Exit status: 0"), "{help}");
        assert!(help.contains("1 when some documents"), "{help}");
        assert!(help.contains("2 on a usage"), "{help}");
    }
}

#[test]
fn each_jsonl_line_comes_back_before_the_next_is_written() {
    use std::io::BufRead;
    let mut child = bin()
        .args(["extract", "--format", "jsonl", "-q", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    // Lines are read on a thread, so that a missing line fails the test
    // (after a generous wait) instead of hanging it.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    for id in ["first", "second", "third"] {
        let record =
            format!("{{\"id\":\"{id}\",\"text\":\"\\\"We will act,\\\" the minister said.\"}}\n");
        input.write_all(record.as_bytes()).unwrap();
        input.flush().unwrap();
        // Standard input stays open: the line must come back without more input.
        let line = rx
            .recv_timeout(std::time::Duration::from_secs(120))
            .unwrap_or_else(|_| panic!("no output line for {id} while its input was open"));
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(value["article"]["id"], id);
        assert_eq!(value["claims"][0]["speaker"]["name"], "minister");
    }
    drop(input);
    assert!(child.wait().unwrap().success());
    assert!(rx.recv().is_err(), "nothing more after the three lines");
}

#[test]
fn a_failing_standard_output_is_an_io_error() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: this system has no /dev/full to fail writes");
        return;
    };
    let out = bin()
        .args(["extract", "--format", "jsonl", "-q", "tests/corpus"])
        .stdout(Stdio::from(full))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("standard output"), "{stderr}");
}

#[test]
fn each_document_is_read_with_the_pack_of_its_language() {
    let ru = "«Мы готовы к диалогу», — заявил журналистам Песков.\n";
    let out = run_with_stdin(&["extract", "--format", "jsonl", "-"], ru.as_bytes());
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("\"language\":\"ru\""), "{stdout}");
    assert!(stdout.contains("\"name\":\"Песков\""), "{stdout}");
    // A fixed pack reads every document, whatever its language.
    let fixed = run_with_stdin(
        &["extract", "--lang", "en", "--format", "jsonl", "-"],
        ru.as_bytes(),
    );
    let stdout = String::from_utf8(fixed.stdout).unwrap();
    assert!(stdout.contains("\"language\":\"en\""), "{stdout}");
}

#[test]
fn a_document_without_a_pack_gets_a_warning_and_a_summary_line() {
    let fr = "« Nous allons agir rapidement », a déclaré le ministre mardi devant les députés de \
              l'Assemblée nationale. Le gouvernement présentera son projet de loi au début du mois \
              prochain, selon les services du Premier ministre.\n";
    let out = run_with_stdin(&["extract", "--format", "jsonl", "-"], fr.as_bytes());
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("\"language\":\"fr\""), "{stdout}");
    assert!(stdout.contains("\"claims\":[]"), "{stdout}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("no grammar pack"), "{stderr}");
    assert!(
        stderr.contains("1 documents in a language without a grammar pack"),
        "{stderr}"
    );
}
