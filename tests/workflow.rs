//! The fact-checker's loop through the binary: HTML articles, claim files
//! that keep review work across re-extraction, `diff`, `report`, `export`
//! (with hand-written shape checks for JSON-LD and Web Annotations) and
//! `--speakers`.

mod common;

use common::{s, scratch, whosaid};

use std::path::Path;
use std::process::Output;

use serde_json::Value;

const TASS: &str = "tests/corpus/tass-2025-08-10-putin-rahmon.txt";
const HTML: &str = "tests/html/harbour-bridge.html";
const SPEAKERS: &str = "tests/html/speakers.yaml";

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "status {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn extract_to(dir: &Path, inputs: &[&str]) -> Output {
    let mut args = vec!["extract", "-q", "-o", s(dir)];
    args.extend_from_slice(inputs);
    whosaid(&args)
}

#[test]
fn html_articles_are_extracted_with_their_metadata() {
    let doc: serde_yaml::Value = serde_yaml::from_str(&ok(&whosaid(&["extract", HTML]))).unwrap();
    let article = &doc["article"];
    assert_eq!(article["id"].as_str(), Some("harbour-bridge"));
    assert_eq!(
        article["title"].as_str(),
        Some("Council approves harbour bridge repairs after heated debate")
    );
    assert_eq!(article["site_name"].as_str(), Some("The Coastal Ledger"));
    assert_eq!(article["byline"].as_str(), Some("Priya Nandakumar"));
    assert_eq!(article["date"].as_str(), Some("2025-03-14"));
    let text = article["text"].as_str().unwrap();
    assert!(text.contains("The bridge has carried this town for ninety years"));
    for chrome in [
        "Subscribe today",
        "Related stories",
        "All rights reserved",
        "analytics",
    ] {
        assert!(
            !text.contains(chrome),
            "page chrome {chrome:?} leaked into {text}"
        );
    }
    let claims = doc["claims"].as_sequence().unwrap();
    let speakers: Vec<&str> = claims
        .iter()
        .filter_map(|c| c["speaker"]["name"].as_str())
        .collect();
    assert!(speakers.contains(&"Helen Okafor"), "{speakers:?}");
    assert!(speakers.contains(&"Martin Doyle"), "{speakers:?}");
    // Offsets point into the extracted text.
    let chars: Vec<char> = text.chars().collect();
    for c in claims {
        let (start, end) = (
            c["content"]["start"].as_u64().unwrap() as usize,
            c["content"]["end"].as_u64().unwrap() as usize,
        );
        let slice: String = chars[start..end].iter().collect();
        assert_eq!(Some(slice.as_str()), c["content"]["text"].as_str());
    }
    // --input-format html works on a file without the extension.
    let dir = scratch("html-format");
    let page = dir.join("page.txt");
    std::fs::copy(HTML, &page).unwrap();
    let doc: serde_yaml::Value = serde_yaml::from_str(&ok(&whosaid(&[
        "extract",
        "--input-format",
        "html",
        s(&page),
    ])))
    .unwrap();
    assert_eq!(
        doc["article"]["site_name"].as_str(),
        Some("The Coastal Ledger")
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn plain_text_output_has_no_text_or_review_fields() {
    let doc: serde_yaml::Value = serde_yaml::from_str(&ok(&whosaid(&["extract", TASS]))).unwrap();
    assert!(doc["article"].get("text").is_none());
    assert!(doc["claims"][0].get("review").is_none());
}

#[test]
fn reviews_survive_re_extraction_and_vanished_claims_are_orphaned() {
    let dir = scratch("reviews");
    let article = dir.join("story.txt");
    std::fs::write(
        &article,
        "\"We will act,\" the minister said. \"No,\" Bob Smith said. \"Later,\" Ann Lee said.\n",
    )
    .unwrap();
    let claims = dir.join("claims");
    ok(&extract_to(&claims, &[s(&article)]));
    let path = claims.join("story.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    let mut doc: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
    assert_eq!(
        doc["article"]["text"].as_str(),
        Some(std::fs::read_to_string(&article).unwrap().as_str())
    );
    assert_eq!(
        doc["claims"][0]["review"]["status"].as_str(),
        Some("unreviewed")
    );
    // A reviewer confirms the first claim and rejects the second.
    doc["claims"][0]["review"] =
        serde_yaml::from_str("{status: confirmed, note: on tape, reviewer: ana}").unwrap();
    doc["claims"][1]["review"] =
        serde_yaml::from_str("{status: rejected, note: misheard, reviewer: ana}").unwrap();
    std::fs::write(&path, serde_yaml::to_string(&doc).unwrap()).unwrap();

    // Re-extracting the same article keeps both reviews.
    ok(&extract_to(&claims, &[s(&article)]));
    let again: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        again["claims"][0]["review"]["note"].as_str(),
        Some("on tape")
    );
    assert_eq!(
        again["claims"][1]["review"]["status"].as_str(),
        Some("rejected")
    );

    // The article is edited: Bob Smith's quote goes. Its review is kept and reported.
    std::fs::write(
        &article,
        "\"We will act,\" the minister said. \"Later,\" Ann Lee said.\n",
    )
    .unwrap();
    let out = extract_to(&claims, &[s(&article)]);
    ok(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no longer extracted"), "{stderr}");
    assert!(stderr.contains("Bob Smith"), "{stderr}");
    let edited: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(edited["claims"].as_sequence().unwrap().len(), 2);
    assert_eq!(
        edited["claims"][0]["review"]["status"].as_str(),
        Some("confirmed")
    );
    assert_eq!(
        edited["claims"][1]["review"]["status"].as_str(),
        Some("unreviewed")
    );
    let orphan = &edited["orphaned"][0];
    assert_eq!(orphan["speaker"].as_str(), Some("Bob Smith"));
    assert_eq!(orphan["review"]["note"].as_str(), Some("misheard"));

    // A claim file that no longer parses is never overwritten.
    std::fs::write(&path, "claims: [oops\n").unwrap();
    let out = extract_to(&claims, &[s(&article)]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "claims: [oops\n");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn diff_reports_changes_and_sets_the_exit_status() {
    let dir = scratch("diff");
    let article = dir.join("story.txt");
    std::fs::write(
        &article,
        "\"We will act,\" the minister said. \"No,\" Bob Smith said.\n",
    )
    .unwrap();
    let (old, new) = (dir.join("old"), dir.join("new"));
    ok(&extract_to(&old, &[s(&article)]));
    ok(&extract_to(&new, &[s(&article)]));
    let same = whosaid(&["diff", s(&old), s(&new)]);
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&same.stdout), "no differences\n");

    std::fs::write(
        &article,
        "\"We will act,\" the minister said. \"Yes,\" Ann Lee said. \"Soon,\" Tom Fry said.\n",
    )
    .unwrap();
    ok(&extract_to(&new, &[s(&article)]));
    let out = whosaid(&["diff", s(&old), s(&new)]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
    assert!(
        text.contains("story: 1 added, 0 removed, 1 changed"),
        "{text}"
    );
    assert!(
        text.contains("speaker: Bob Smith \u{2192} Ann Lee"),
        "{text}"
    );
    let coloured = whosaid(&["diff", "--color", "always", s(&old), s(&new)]);
    assert!(String::from_utf8_lossy(&coloured.stdout).contains("\x1b[32m+ "));

    let json = whosaid(&[
        "diff",
        "--format",
        "json",
        s(&old.join("story.yaml")),
        s(&new.join("story.yaml")),
    ]);
    assert_eq!(json.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v[0]["article"], "story");
    assert_eq!(v[0]["added"][0]["speaker"], "Tom Fry");
    assert_eq!(v[0]["changed"][0]["changes"][0]["field"], "speaker");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn report_is_one_self_contained_html_file() {
    let dir = scratch("report");
    let claims = dir.join("claims");
    ok(&extract_to(&claims, &[TASS, HTML]));
    let report = dir.join("report.html");
    ok(&whosaid(&["report", s(&claims), "-o", s(&report)]));
    let html = std::fs::read_to_string(&report).unwrap();
    let claim_count: usize = ["tass-2025-08-10-putin-rahmon.yaml", "harbour-bridge.yaml"]
        .iter()
        .map(|f| {
            let doc: serde_yaml::Value =
                serde_yaml::from_str(&std::fs::read_to_string(claims.join(f)).unwrap()).unwrap();
            doc["claims"].as_sequence().unwrap().len()
        })
        .sum();
    assert_eq!(html.matches("<mark id=\"").count(), claim_count);
    assert_eq!(html.matches("<li class=\"item").count(), claim_count);
    assert!(html.contains("title=\"Speaker: Tajik president’s press office"));
    for external in ["src=\"http", "href=\"http", "<script", "@import", "url("] {
        assert!(!html.contains(external), "report references {external}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn speakers_get_canonical_names_and_wikidata_ids_only_with_the_flag() {
    let plain: serde_yaml::Value = serde_yaml::from_str(&ok(&whosaid(&["extract", HTML]))).unwrap();
    let has_wikidata = |doc: &serde_yaml::Value| {
        doc["claims"]
            .as_sequence()
            .unwrap()
            .iter()
            .any(|c| c["speaker"].get("wikidata").is_some())
    };
    assert!(!has_wikidata(&plain));
    let doc: serde_yaml::Value =
        serde_yaml::from_str(&ok(&whosaid(&["extract", "--speakers", SPEAKERS, HTML]))).unwrap();
    let okafor = doc["claims"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|c| c["speaker"]["name"].as_str() == Some("Helen Okafor"))
        .expect("the mayor's claim");
    assert_eq!(okafor["speaker"]["wikidata"].as_str(), Some("Q4115189"));
    let bad = whosaid(&["extract", "--speakers", "tests/html/missing.yaml", HTML]);
    assert_eq!(bad.status.code(), Some(2));
}

/// Checks a schema.org `Claim` node: required types and value shapes.
fn check_claim_node(node: &Value) {
    assert_eq!(node["@type"], "Claim", "{node}");
    assert!(
        node["@id"].as_str().is_some_and(|s| s.contains(':')),
        "{node}"
    );
    assert!(node["text"].as_str().is_some_and(|s| !s.is_empty()));
    if let Some(author) = node.get("author") {
        let t = author["@type"].as_str().unwrap();
        assert!(t == "Person" || t == "Organization", "{author}");
        assert!(author["name"].as_str().is_some_and(|s| !s.is_empty()));
        if let Some(job) = author.get("jobTitle") {
            assert_eq!(t, "Person", "jobTitle belongs to Person");
            assert!(job.is_string());
        }
        if let Some(same) = author.get("sameAs") {
            let url = same.as_str().unwrap();
            let q = url.strip_prefix("https://www.wikidata.org/wiki/Q").unwrap();
            assert!(
                q.bytes().all(|b| b.is_ascii_digit()) && !q.is_empty(),
                "{url}"
            );
        }
    }
    if let Some(date) = node.get("datePublished") {
        let d = date.as_str().unwrap();
        assert!(
            d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-',
            "{d}"
        );
    }
    let appearance = &node["appearance"];
    assert_eq!(appearance["@type"], "CreativeWork");
}

/// Checks a W3C Web Annotation and that its selectors select `exact` in `text`.
fn check_annotation(a: &Value, text: &str) {
    assert_eq!(a["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(a["type"], "Annotation");
    assert!(
        a["id"].as_str().is_some_and(|s| s.contains(':')),
        "id must be an IRI"
    );
    let bodies = a["body"].as_array().unwrap();
    for b in bodies {
        let t = b["type"].as_str().unwrap();
        match t {
            "TextualBody" => assert!(b["value"].is_string()),
            "SpecificResource" => assert!(b["source"].is_string()),
            other => panic!("unexpected body type {other}"),
        }
    }
    let target = &a["target"];
    assert!(target["source"].is_string());
    let selectors = target["selector"].as_array().unwrap();
    let quote = selectors
        .iter()
        .find(|s| s["type"] == "TextQuoteSelector")
        .expect("a TextQuoteSelector");
    let pos = selectors
        .iter()
        .find(|s| s["type"] == "TextPositionSelector")
        .expect("a TextPositionSelector");
    let exact = quote["exact"].as_str().unwrap();
    let prefix = quote["prefix"].as_str().unwrap();
    let suffix = quote["suffix"].as_str().unwrap();
    let (start, end) = (
        pos["start"].as_u64().unwrap() as usize,
        pos["end"].as_u64().unwrap() as usize,
    );
    assert!(start <= end);
    let chars: Vec<char> = text.chars().collect();
    let slice = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    assert_eq!(slice(start, end), exact);
    assert_eq!(prefix, slice(start.saturating_sub(32), start));
    assert_eq!(suffix, slice(end, (end + 32).min(chars.len())));
    assert!(prefix.chars().count() <= 32 && suffix.chars().count() <= 32);
}

#[test]
fn exports_have_the_shapes_the_specs_require() {
    let dir = scratch("export");
    let claims = dir.join("claims");
    ok(&extract_to(&claims, &["--speakers", SPEAKERS, TASS]));
    let file = claims.join("tass-2025-08-10-putin-rahmon.yaml");
    let doc: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let text = doc["article"]["text"].as_str().unwrap().to_string();
    let n = doc["claims"].as_sequence().unwrap().len();

    let ld: Value = serde_json::from_str(&ok(&whosaid(&[
        "export",
        "--to",
        "claimreview",
        s(&claims),
    ])))
    .unwrap();
    assert_eq!(ld["@context"], "https://schema.org");
    let graph = ld["@graph"].as_array().unwrap();
    assert_eq!(graph.len(), n);
    graph.iter().for_each(check_claim_node);
    let trump = graph
        .iter()
        .find(|c| c["author"]["name"] == "Donald Trump")
        .expect("a claim by Trump");
    assert_eq!(trump["author"]["@type"], "Person");
    assert_eq!(
        trump["author"]["sameAs"],
        "https://www.wikidata.org/wiki/Q22686"
    );
    // The role written in the article wins over the directory's.
    assert_eq!(trump["author"]["jobTitle"], "US President");
    assert_eq!(trump["datePublished"], "2025-08-10");

    let anno: Value = serde_json::from_str(&ok(&whosaid(&[
        "export",
        "--to",
        "webannotation",
        s(&file),
    ])))
    .unwrap();
    assert_eq!(anno["type"], "AnnotationCollection");
    assert_eq!(anno["first"]["type"], "AnnotationPage");
    let items = anno["first"]["items"].as_array().unwrap();
    assert_eq!(anno["total"].as_u64(), Some(n as u64));
    assert_eq!(items.len(), n);
    for a in items {
        check_annotation(a, &text);
    }

    let csv_path = dir.join("claims.csv");
    ok(&whosaid(&[
        "export",
        "--to",
        "csv",
        s(&claims),
        "-o",
        s(&csv_path),
    ]));
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let header = reader.headers().unwrap().clone();
    assert_eq!(
        header.iter().collect::<Vec<_>>(),
        whosaid::workflow::export::CSV_HEADER
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), n);
    let content = header.iter().position(|h| h == "content").unwrap();
    assert_eq!(
        &rows[0][content],
        doc["claims"][0]["content"]["text"].as_str().unwrap()
    );
    std::fs::remove_dir_all(&dir).ok();
}
