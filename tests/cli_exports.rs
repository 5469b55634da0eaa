//! Exports, diffs and reports through the binary honour the review: what a
//! reviewer rejected is not published by default, the verdict and the
//! channel (`via`) travel with each claim, CSV cannot run formulas, and
//! hostile claim files or pages get a clear error instead of a hang.

mod common;

use common::{s, scratch, whosaid};

use std::path::PathBuf;
use std::process::Output;

use serde_json::Value;

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "status {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A claim folder for `text` (as `story.txt`) with `edit` applied to the
/// claim file's YAML.
fn claims(name: &str, text: &str, edit: impl FnOnce(&mut serde_yaml::Value)) -> PathBuf {
    let dir = scratch(name);
    let article = dir.join("story.txt");
    std::fs::write(&article, text).unwrap();
    let claims = dir.join("claims");
    stdout(&whosaid(&["extract", "-q", "-o", s(&claims), s(&article)]));
    let path = claims.join("story.yaml");
    let mut doc: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    edit(&mut doc);
    std::fs::write(&path, serde_yaml::to_string(&doc).unwrap()).unwrap();
    claims
}

fn review(doc: &mut serde_yaml::Value, i: usize, yaml: &str) {
    doc["claims"][i]["review"] = serde_yaml::from_str(yaml).unwrap();
}

const THREE: &str =
    "\"We will act,\" the minister said. \"No,\" Bob Smith said. \"Later,\" Ann Lee said.\n";

#[test]
fn rejected_claims_are_left_out_unless_asked_for() {
    let dir = claims("status", THREE, |doc| {
        review(doc, 0, "{status: confirmed, note: on tape, reviewer: ana}");
        review(doc, 1, "{status: rejected, note: misheard}");
    });
    // How many claims an export holds.
    let count = |to: &str, status: Option<&str>| {
        let mut args = vec!["export", "--to", to, s(&dir)];
        if let Some(st) = status {
            args.extend(["--status", st]);
        }
        let text = stdout(&whosaid(&args));
        if to == "csv" {
            return text.lines().count() - 1;
        }
        let v: Value = serde_json::from_str(&text).unwrap();
        match to {
            "claimreview" => v["@graph"].as_array().unwrap().len(),
            _ => v["total"].as_u64().unwrap() as usize,
        }
    };
    for to in ["claimreview", "webannotation", "csv"] {
        assert_eq!(count(to, None), 2, "{to}: a rejected claim is exported");
        assert_eq!(count(to, Some("all")), 3, "{to} --status all");
        assert_eq!(count(to, Some("confirmed")), 1, "{to} --status confirmed");
    }
    let csv = stdout(&whosaid(&["export", "--to", "csv", s(&dir)]));
    assert!(csv.contains("confirmed,on tape,ana"), "{csv}");

    let annotations: Value = serde_json::from_str(&stdout(&whosaid(&[
        "export",
        "--to",
        "webannotation",
        s(&dir),
    ])))
    .unwrap();
    let first = &annotations["first"]["items"][0]["body"];
    let verdict = first
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["purpose"] == "assessing")
        .unwrap();
    assert_eq!(verdict["value"], "attribution confirmed: on tape");
    assert_eq!(verdict["creator"]["name"], "ana");
    let ld: Value = serde_json::from_str(&stdout(&whosaid(&[
        "export",
        "--to",
        "claimreview",
        s(&dir),
    ])))
    .unwrap();
    assert_eq!(
        ld["@graph"][0]["creativeWorkStatus"],
        "attribution confirmed"
    );
}

#[test]
fn claims_heard_through_others_keep_the_channel() {
    let text = std::fs::read_to_string("tests/corpus/wire-009.txt").unwrap();
    let dir = claims("via", &text, |_| {});
    let ld: Value = serde_json::from_str(&stdout(&whosaid(&[
        "export",
        "--to",
        "claimreview",
        s(&dir),
    ])))
    .unwrap();
    let node = ld["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| {
            n["text"]
                .as_str()
                .unwrap()
                .starts_with("the coalition cannot survive")
        })
        .unwrap();
    assert_eq!(node["author"]["name"], "Markus Brandl", "{node:#}");
    assert_eq!(
        node["isBasedOn"][0]["author"]["name"], "Tagesblatt",
        "{node:#}"
    );
}

#[test]
fn csv_cells_cannot_run_formulas_and_urls_are_checked() {
    let text = "\"=HYPERLINK(\"\"http://x\"\"),\" the minister said. \"+1,\" Bob Smith said.\n";
    let dir = claims("csv", text, |doc| {
        review(
            doc,
            0,
            "{status: confirmed, note: '@SUM(A1)', reviewer: '-x'}",
        );
        doc["article"]["url"] = "javascript:alert(1)".into();
        doc["claims"][1]["speaker"]["wikidata"] = "Q1 or x".into();
    });
    let csv = stdout(&whosaid(&["export", "--to", "csv", "--bom", s(&dir)]));
    assert!(csv.starts_with('\u{feff}'), "{csv}");
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    for column in ["note", "reviewer", "date", "outlet", "url"] {
        assert!(header.iter().any(|h| h == column), "{header:?}");
    }
    for row in reader.records() {
        for cell in row.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} would run as a formula"
            );
        }
    }
    assert!(csv.contains("'@SUM(A1)"), "{csv}");
    let ld = stdout(&whosaid(&["export", "--to", "claimreview", s(&dir)]));
    assert!(!ld.contains("javascript:"), "{ld}");
    assert!(!ld.contains("wikidata.org"), "{ld}");
}

#[test]
fn diff_lists_review_changes_and_marks_reviewed_claims() {
    let old = claims("diff-old", THREE, |_| {});
    let new = claims("diff-new", THREE, |doc| {
        review(doc, 1, "{status: rejected, note: misheard}");
    });
    let out = whosaid(&["diff", s(&old), s(&new)]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("review: unreviewed \u{2192} rejected"),
        "{text}"
    );
    assert!(text.contains("note: (none) \u{2192} misheard"), "{text}");
    // The rejected claim goes from the article: the removal is marked.
    let gone = claims("diff-gone", "\"We will act,\" the minister said.\n", |_| {});
    let out = whosaid(&["diff", s(&new), s(&gone)]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("- [rejected] "), "{text}");
}

#[test]
fn report_shows_notes_and_names_mistakes() {
    let dir = claims("report", THREE, |doc| {
        review(
            doc,
            0,
            "{status: confirmed, note: checked <the> tape, reviewer: ana}",
        );
    });
    let page = dir.join("report.html");
    stdout(&whosaid(&["report", "-o", s(&page), s(&dir)]));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("Note: checked &lt;the&gt; tape"), "note");
    assert!(
        html.contains("<span class=\"reviewer\">ana</span>"),
        "reviewer"
    );

    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let out = whosaid(&["report", "-o", s(&page), s(&empty)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no claim files"), "{}", stderr(&out));

    let article = dir.join("article.yaml");
    let text = "The minister spoke at length about the bridge and its repairs. ".repeat(20);
    std::fs::write(&article, &text).unwrap();
    let out = whosaid(&["report", "-o", s(&page), s(&article)]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.contains("is it an article?"), "{message}");
    assert!(message.len() < 400, "the article is dumped: {message}");
}

#[test]
fn html_pages_give_their_canonical_url() {
    let dir = scratch("canonical");
    let page = dir.join("page.html");
    std::fs::write(
        &page,
        "<html><head><title>Bridge</title>\
         <link rel=\"canonical\" href=\"https://news.example/bridge\"></head>\
         <body><article><p>\"We will act on the bridge,\" the minister said on Monday \
         after a long debate in the council chamber about the repairs.</p></article></body></html>",
    )
    .unwrap();
    let doc: serde_yaml::Value =
        serde_yaml::from_str(&stdout(&whosaid(&["extract", s(&page)]))).unwrap();
    assert_eq!(
        doc["article"]["url"].as_str(),
        Some("https://news.example/bridge")
    );
}

#[test]
fn hostile_nesting_is_refused_quickly() {
    let dir = scratch("nesting");
    let deep = dir.join("deep.yaml");
    std::fs::write(&deep, format!("claims: {}\n", "[".repeat(100_000))).unwrap();
    let start = std::time::Instant::now();
    let out = whosaid(&["report", "-o", s(&dir.join("r.html")), s(&deep)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("nested deeper than"),
        "{}",
        stderr(&out)
    );
    let page = dir.join("deep.html");
    std::fs::write(&page, "<div>".repeat(20_000)).unwrap();
    let out = whosaid(&["extract", s(&page)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("HTML nested deeper than"),
        "{}",
        stderr(&out)
    );
    // Seconds, not the minutes the loaders take on such input.
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
}
