//! The review desk over HTTP, through the binary: verdicts are saved to the
//! claim file, bad requests change nothing, foreign hosts and origins are
//! refused, the desk listens on the loopback address only, conflicts never
//! overwrite newer data, and a re-extraction running meanwhile loses
//! nothing.

mod desk_support;

use std::path::Path;

use desk_support::{claim_file, claims_dir, tempdir, whosaid, Desk};
use serde_json::Value;

const ARTICLE: &str =
    "\"We will act,\" the minister said on Monday.\n\n\"No,\" Bob Smith said. \"Never.\"\n";

fn ids(file: &Value) -> Vec<String> {
    file["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

fn status_of(file: &Value, id: &str) -> (String, Option<String>, Option<String>) {
    let c = file["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no claim {id}"));
    let r = &c["review"];
    (
        r["status"].as_str().unwrap().to_string(),
        r["note"].as_str().map(str::to_string),
        r["reviewer"].as_str().map(str::to_string),
    )
}

fn setup(name: &str) -> (std::path::PathBuf, Desk, Vec<String>) {
    let root = tempdir(name);
    let dir = claims_dir(&root, &[("story.txt", ARTICLE)]);
    let claims = ids(&claim_file(&dir, "story"));
    assert!(claims.len() >= 2, "{claims:?}");
    let desk = Desk::start(&dir);
    (dir, desk, claims)
}

fn bytes(dir: &Path) -> Vec<u8> {
    std::fs::read(dir.join("story.yaml")).unwrap()
}

#[test]
fn a_verdict_is_saved_to_the_claim_file_at_once() {
    let (dir, desk, claims) = setup("desk-saved");
    assert!(desk.url.starts_with("http://127.0.0.1:"), "{}", desk.url);
    let list = desk.call("GET", "/api/articles", None);
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(list.json()[0]["id"], "story");
    assert_eq!(list.json()[0]["unreviewed"], claims.len());

    let r = desk.verdict(
        "story",
        &claims[1],
        r#"{"status":"rejected","note":"It was Bob Smyth"}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r
        .header("Content-Type")
        .unwrap()
        .starts_with("application/json"));
    assert_eq!(r.json()["id"], claims[1].as_str());
    assert_eq!(r.json()["review"]["status"], "rejected");
    let on_disk = claim_file(&dir, "story");
    assert_eq!(
        status_of(&on_disk, &claims[1]),
        (
            "rejected".into(),
            Some("It was Bob Smyth".into()),
            Some("tester".into())
        )
    );
    assert_eq!(status_of(&on_disk, &claims[0]).0, "unreviewed");
    let r = desk.verdict(
        "story",
        &claims[0],
        r#"{"status":"confirmed","reviewer":"ana"}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        status_of(&claim_file(&dir, "story"), &claims[0])
            .2
            .as_deref(),
        Some("ana")
    );

    let one = desk.call("GET", "/api/articles/story", None);
    assert_eq!(one.status, 200);
    assert!(one.header("ETag").is_some());
    assert_eq!(status_of(&one.json(), &claims[1]).0, "rejected");
    let row = &desk.call("GET", "/api/articles", None).json()[0];
    assert_eq!(
        (&row["confirmed"], &row["rejected"]),
        (&Value::from(1), &Value::from(1))
    );
    // No temporary file is left behind; the folder's lock file is all that
    // is added.
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [".whosaid.lock", "story.yaml"]);
}

#[test]
fn the_page_and_its_assets_are_served_with_a_strict_policy() {
    let (_dir, desk, claims) = setup("desk-page");
    let page = desk.call("GET", "/", None);
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("<script src=\"/desk.js\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("content=\"tester\""));
    assert!(!page.body.contains("http://") && !page.body.contains("https://"));
    let csp = page.header("Content-Security-Policy").unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"));
    assert_eq!(page.header("X-Frame-Options"), Some("DENY"));
    assert_eq!(desk.call("GET", "/desk.js", None).status, 200);
    assert!(desk
        .call("GET", "/desk.css", None)
        .body
        .contains("mark.claim"));
    let view = desk.call("GET", "/view/story", None);
    assert_eq!(view.status, 200);
    for id in &claims {
        assert!(view.body.contains(&format!("data-claim=\"{id}\"")), "{id}");
    }
    assert_eq!(desk.call("GET", "/nothing", None).status, 404);
}

#[test]
fn bad_requests_get_400_404_or_405_and_change_nothing() {
    let (dir, desk, claims) = setup("desk-bad");
    let before = bytes(&dir);
    for body in [
        r#"{"status":"maybe"}"#,
        r#"{"note":"no status"}"#,
        r#"{"status":"confirmed","extra":1}"#,
        r#"{"status":"confirmed""#,
        "",
    ] {
        let r = desk.verdict("story", &claims[0], body);
        assert_eq!(r.status, 400, "{body}: {}", r.body);
        assert!(r.json()["error"].as_str().is_some_and(|e| !e.is_empty()));
    }
    // JSON bodies only: a form post is refused even with a valid body.
    let form = desk.send(
        "POST",
        &format!("/api/articles/story/claims/{}/review", claims[0]),
        &[("Host", desk.host()), ("Content-Type", "text/plain".into())],
        Some(r#"{"status":"confirmed"}"#),
    );
    assert_eq!(form.status, 400, "{}", form.body);
    let ok = r#"{"status":"confirmed"}"#;
    assert_eq!(desk.verdict("nope", &claims[0], ok).status, 404);
    assert_eq!(desk.verdict("story", "c-0000", ok).status, 404);
    assert_eq!(desk.call("GET", "/api/articles/nope", None).status, 404);
    let get = desk.call(
        "GET",
        &format!("/api/articles/story/claims/{}/review", claims[0]),
        None,
    );
    assert_eq!(get.status, 405);
    assert_eq!(bytes(&dir), before, "a refused request changed the file");
}

#[test]
fn no_article_id_reaches_outside_the_folder() {
    let root = tempdir("desk-escape");
    let dir = claims_dir(&root, &[("story.txt", ARTICLE)]);
    // A claim file next to the folder, which an escaping id would reach.
    std::fs::copy(dir.join("story.yaml"), root.join("outside.yaml")).unwrap();
    let outside = std::fs::read(root.join("outside.yaml")).unwrap();
    let claim = ids(&claim_file(&dir, "story"))[0].clone();
    let desk = Desk::start(&dir);
    for id in [
        "..%2Foutside",
        "%2E%2E%2Foutside",
        "../outside",
        "..%5Coutside",
        "%2Fetc%2Fpasswd",
        "story%00",
        "%ff",
    ] {
        let g = desk.call("GET", &format!("/api/articles/{id}"), None);
        assert!(matches!(g.status, 400 | 404), "{id}: {}", g.status);
        let p = desk.verdict(id, &claim, r#"{"status":"confirmed"}"#);
        assert!(matches!(p.status, 400 | 404), "{id}: {}", p.status);
    }
    assert_eq!(std::fs::read(root.join("outside.yaml")).unwrap(), outside);
}

#[test]
fn foreign_hosts_and_origins_get_403() {
    let (dir, desk, claims) = setup("desk-403");
    let before = bytes(&dir);
    let path = format!("/api/articles/story/claims/{}/review", claims[0]);
    let json = ("Content-Type", "application/json".to_string());
    let body = Some(r#"{"status":"confirmed"}"#);
    let port = desk.port;
    let forged = [
        vec![("Host", format!("evil.example:{port}")), json.clone()],
        vec![("Host", "127.0.0.1".to_string()), json.clone()],
        vec![json.clone()],
        vec![
            ("Host", desk.host()),
            ("Origin", "http://evil.example".into()),
            json.clone(),
        ],
        vec![
            ("Host", desk.host()),
            (
                "Origin",
                format!("http://127.0.0.1:{}", port.wrapping_add(1)),
            ),
            json.clone(),
        ],
        vec![
            ("Host", desk.host()),
            ("Origin", "null".into()),
            json.clone(),
        ],
    ];
    for headers in &forged {
        let r = desk.send("POST", &path, headers, body);
        assert_eq!(r.status, 403, "{headers:?}: {}", r.body);
        let g = desk.send("GET", "/api/articles/story", headers, None);
        assert_eq!(g.status, 403, "{headers:?}");
    }
    assert_eq!(bytes(&dir), before);
    // The desk's own names are accepted.
    let own = [
        ("Host", format!("localhost:{port}")),
        ("Origin", format!("http://localhost:{port}")),
        json,
    ];
    assert_eq!(desk.send("POST", &path, &own, body).status, 200);
}

#[test]
fn the_desk_listens_on_the_loopback_address_only() {
    let (_dir, desk, _) = setup("desk-loopback");
    let port = desk.port;
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_ok());
    // Bound to 127.0.0.1 itself, not to every address: another loopback
    // address and the machine's outward address are refused.
    if cfg!(target_os = "linux") {
        assert!(std::net::TcpStream::connect(("127.0.0.2", port)).is_err());
    }
    let outward = std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.0.2.1:9").map(|_| s))
        .and_then(|s| s.local_addr())
        .map(|a| a.ip())
        .ok()
        .filter(|ip| !ip.is_loopback() && !ip.is_unspecified());
    match outward {
        Some(ip) => assert!(
            std::net::TcpStream::connect((ip, port)).is_err(),
            "reachable on {ip}"
        ),
        None => eprintln!("NOTE: no outward address on this machine; checked 127.0.0.2 only"),
    }
}

#[test]
fn a_changed_claim_is_a_409_and_a_changed_file_is_re_applied() {
    let (dir, desk, claims) = setup("desk-409");
    let tag = desk
        .call("GET", "/api/articles/story", None)
        .header("ETag")
        .unwrap()
        .to_string();
    // Someone else rejects claim 0 by hand after the page loaded.
    let path = dir.join("story.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut file: Value = serde_yaml::from_str(&text).unwrap();
    file["claims"][0]["review"]["status"] = "rejected".into();
    file["claims"][0]["review"]["note"] = "checked by hand".into();
    std::fs::write(&path, serde_yaml::to_string(&file).unwrap()).unwrap();
    let edited = bytes(&dir);
    // The page still shows it unreviewed: confirming it is a conflict.
    let seen = r#""seen":{"status":"unreviewed","note":null}"#;
    let r = desk.verdict(
        "story",
        &claims[0],
        &format!(r#"{{"status":"confirmed",{seen}}}"#),
    );
    assert_eq!(r.status, 409, "{}", r.body);
    assert_eq!(r.json()["claim"]["review"]["status"], "rejected");
    assert_eq!(bytes(&dir), edited, "a conflict overwrote newer data");
    // A verdict on another claim goes onto the file as it is now.
    let r = desk.send(
        "POST",
        &format!("/api/articles/story/claims/{}/review", claims[1]),
        &[
            ("Host", desk.host()),
            ("Content-Type", "application/json".into()),
            ("If-Match", tag),
        ],
        Some(&format!(r#"{{"status":"confirmed",{seen}}}"#)),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("X-Whosaid-File-Changed"), Some("true"));
    let now = claim_file(&dir, "story");
    assert_eq!(
        status_of(&now, &claims[0]),
        ("rejected".into(), Some("checked by hand".into()), None)
    );
    assert_eq!(status_of(&now, &claims[1]).0, "confirmed");
    // A claim that vanished since the page loaded is a conflict too.
    let r = desk.verdict(
        "story",
        "c-gone",
        &format!(r#"{{"status":"confirmed",{seen}}}"#),
    );
    assert_eq!(r.status, 409, "{}", r.body);
}

/// An article with `n` claims by `n` speakers.
fn long_article(n: usize) -> String {
    (0..n)
        .map(|i| format!("\"Plan {i} will work,\" Speaker Number{i} said on Monday.\n\n"))
        .collect()
}

#[test]
fn verdicts_posted_while_extract_runs_are_never_lost() {
    let root = tempdir("desk-race");
    let text = long_article(400);
    let dir = claims_dir(&root, &[("story.txt", &text)]);
    let claims = ids(&claim_file(&dir, "story"));
    assert!(claims.len() >= 300, "{}", claims.len());
    let desk = Desk::start(&dir);
    let input = root.join("articles");
    let extractor = {
        let (dir, input) = (dir.clone(), input.clone());
        std::thread::spawn(move || {
            for _ in 0..12 {
                let out = whosaid(&[
                    "extract",
                    "-q",
                    "-o",
                    dir.to_str().unwrap(),
                    input.to_str().unwrap(),
                ]);
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        })
    };
    let mut posted = Vec::new();
    for (n, id) in claims.iter().step_by(7).take(50).enumerate() {
        let status = if n % 2 == 0 { "confirmed" } else { "rejected" };
        let body = format!(r#"{{"status":"{status}","note":"verdict {n}"}}"#);
        let r = desk.verdict("story", id, &body);
        assert_eq!(r.status, 200, "{}", r.body);
        posted.push((id.clone(), status, format!("verdict {n}")));
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    extractor.join().unwrap();
    let file = claim_file(&dir, "story");
    let lost: Vec<_> = posted
        .iter()
        .filter(|(id, status, note)| {
            status_of(&file, id)
                != (
                    status.to_string(),
                    Some(note.clone()),
                    Some("tester".into()),
                )
        })
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} verdicts lost: {lost:?}",
        lost.len(),
        posted.len()
    );
}

#[test]
fn ctrl_c_stops_the_desk_cleanly() {
    let (_dir, mut desk, _) = setup("desk-stop");
    assert_eq!(desk.call("GET", "/api/articles", None).status, 200);
    let pid = desk.child.id().to_string();
    let kill = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    assert!(kill.success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        if let Some(s) = desk.child.try_wait().unwrap() {
            break s;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the desk did not stop"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "{status:?}");
}

#[test]
fn a_missing_folder_is_a_clear_error() {
    let out = whosaid(&["review", "--no-open", "/nonexistent/claims"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a folder of claim files"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn an_orphaned_review_moves_onto_its_successor_through_the_api() {
    let putin = "Vladimir Putin spoke on Tuesday.\n\n\"We will act,\" he said.\n";
    let root = tempdir("desk-orphan");
    let dir = claims_dir(&root, &[("kremlin.txt", putin)]);
    let old = ids(&claim_file(&dir, "kremlin"));
    let desk = Desk::start(&dir);
    let r = desk.verdict(
        "kremlin",
        &old[0],
        r#"{"status":"confirmed","note":"on tape"}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    // The speaker changes: the review must not follow, it is orphaned.
    let medvedev = putin.replace("Vladimir Putin", "Dmitry Medvedev");
    std::fs::write(root.join("articles/kremlin.txt"), medvedev).unwrap();
    let out = whosaid(&[
        "extract",
        "-q",
        "-o",
        dir.to_str().unwrap(),
        root.join("articles").to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let file = claim_file(&dir, "kremlin");
    let new = ids(&file)[0].clone();
    assert_eq!(status_of(&file, &new).0, "unreviewed");
    assert_eq!(file["orphaned"][0]["id"], old[0].as_str());
    let view = desk.call("GET", "/view/kremlin", None).body;
    assert!(
        view.contains(&format!("data-orphan=\"{}\"", old[0])),
        "{view}"
    );
    assert!(
        view.contains(&format!("data-successor=\"{new}\"")),
        "{view}"
    );
    // Moving it is one request: the claim gets the review, the orphan goes.
    let body = format!(
        r#"{{"status":"confirmed","note":"on tape","from_orphan":"{}","seen":{{"status":"unreviewed"}}}}"#,
        old[0]
    );
    let r = desk.verdict("kremlin", &new, &body);
    assert_eq!(r.status, 200, "{}", r.body);
    let file = claim_file(&dir, "kremlin");
    assert_eq!(
        status_of(&file, &new),
        (
            "confirmed".into(),
            Some("on tape".into()),
            Some("tester".into())
        )
    );
    assert!(
        file.get("orphaned")
            .is_none_or(|o| o.as_array().unwrap().is_empty()),
        "{file}"
    );
    let unknown = r#"{"status":"confirmed","from_orphan":"c-none"}"#;
    assert_eq!(desk.verdict("kremlin", &new, unknown).status, 404);
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let (dir, desk, _) = setup("desk-port");
    let port = desk.port.to_string();
    let out = whosaid(&[
        "review",
        "--no-open",
        "--port",
        &port,
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("choose another --port"), "{err}");
    assert!(out.stdout.is_empty());
}
