//! Shared by the review desk's tests: a desk started through the binary on
//! a folder of claim files, and a minimal HTTP/1.1 client that can send the
//! forged `Host` and `Origin` headers the security tests need.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

/// Runs the binary to the end.
pub fn whosaid(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .output()
        .expect("run whosaid")
}

/// A fresh, empty temporary folder.
pub fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("whosaid-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `articles` (name, text) into `root/articles` and extracts them
/// into `root/claims`, which it returns.
pub fn claims_dir(root: &Path, articles: &[(&str, &str)]) -> PathBuf {
    let input = root.join("articles");
    let claims = root.join("claims");
    std::fs::create_dir_all(&input).unwrap();
    for (name, text) in articles {
        std::fs::write(input.join(name), text).unwrap();
    }
    let out = whosaid(&[
        "extract",
        "-q",
        "-o",
        claims.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    claims
}

/// A running `whosaid review`, stopped when dropped.
pub struct Desk {
    pub child: Child,
    pub url: String,
    pub port: u16,
}

impl Desk {
    /// Starts the desk on `dir` without a browser, as reviewer `tester`.
    pub fn start(dir: &Path) -> Desk {
        let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
            .args(["review", "--no-open", "--reviewer", "tester"])
            .arg(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the desk");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line.trim().to_string();
        let port = url
            .strip_prefix("http://127.0.0.1:")
            .and_then(|r| r.trim_end_matches('/').parse().ok())
            .unwrap_or_else(|| panic!("first line is not the desk's URL: {line:?}"));
        Desk { child, url, port }
    }

    /// The desk's own `Host` value.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// A request with the desk's own Host and no Origin.
    pub fn call(&self, method: &str, path: &str, body: Option<&str>) -> Reply {
        let headers = [("Host", self.host())];
        self.send(method, path, &headers, body)
    }

    /// A JSON POST to the review of `claim` in `article`.
    pub fn verdict(&self, article: &str, claim: &str, body: &str) -> Reply {
        let headers = [
            ("Host", self.host()),
            ("Content-Type", "application/json".to_string()),
        ];
        let path = format!("/api/articles/{article}/claims/{claim}/review");
        self.send("POST", &path, &headers, Some(body))
    }

    /// A request with exactly these headers.
    pub fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, String)],
        body: Option<&str>,
    ) -> Reply {
        request(
            &format!("127.0.0.1:{}", self.port),
            method,
            path,
            headers,
            body,
        )
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// Sends one request on a fresh connection and reads the whole response.
pub fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: Option<&str>,
) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect to the desk");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    let body = body.unwrap_or("");
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").expect("a response head");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_string(),
    }
}

/// The claim file `dir/name.yaml` as JSON.
pub fn claim_file(dir: &Path, name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join(format!("{name}.yaml"))).unwrap();
    serde_yaml::from_str(&text).unwrap()
}
