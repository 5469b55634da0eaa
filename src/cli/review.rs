//! `whosaid review CLAIMS_DIR`: the review desk, a small web server on the
//! loopback interface over a folder of claim files. It serves the page
//! (HTML, CSS and script built into the binary) and a JSON API, and writes
//! each verdict to its claim file at once, atomically and under the claim
//! file lock that `extract -o` takes. Requests are handled one at a time,
//! which keeps the desk's own writes in order. What a verdict does is
//! decided in [`whosaid::workflow::desk`]; this module owns HTTP, the
//! security checks and the files.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tiny_http::{Header, Method, Request, Response, Server};
use whosaid::claim::stable_hash;
use whosaid::workflow::desk::{self, ReviewRequest, VerdictError};
use whosaid::workflow::report::escape;
use whosaid::workflow::review::ClaimFile;
use whosaid::Error;

use super::claims::{claim_paths, parse_claim_file, read_claim_file};
use super::store::Store;
use super::write::write_atomic_checked;
use super::ReviewArgs;

/// Largest request body the desk reads; a verdict is a few hundred bytes.
const MAX_BODY: u64 = 64 * 1024;

const INDEX_HTML: &str = include_str!("../../assets/desk/index.html");
const DESK_CSS: &str = include_str!("../../assets/desk/desk.css");
const DESK_JS: &str = include_str!("../../assets/desk/desk.js");

/// The page may load only its own script and style, and nothing may frame it.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The running desk: its folder, its reviewer and the names it answers to.
struct Desk {
    dir: PathBuf,
    /// The folder's claim files and their lock.
    store: Store,
    /// The page, with the reviewer's name in it.
    index: String,
    /// The report's style sheet followed by the desk's.
    css: String,
    reviewer: String,
    /// `Host` values that name this server.
    hosts: [String; 2],
    /// `Origin` values of its own pages.
    origins: [String; 2],
}

/// A response before it is handed to the HTTP crate.
struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    headers: Vec<(&'static str, String)>,
}

impl Reply {
    fn json(status: u16, value: &impl serde::Serialize) -> Reply {
        Reply {
            status,
            content_type: "application/json; charset=utf-8",
            body: serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec()),
            headers: Vec::new(),
        }
    }

    fn error(status: u16, message: impl Into<String>) -> Reply {
        Reply::json(status, &serde_json::json!({ "error": message.into() }))
    }

    fn page(content_type: &'static str, body: &str) -> Reply {
        Reply {
            status: 200,
            content_type,
            body: body.as_bytes().to_vec(),
            headers: Vec::new(),
        }
    }

    fn with(mut self, name: &'static str, value: String) -> Reply {
        self.headers.push((name, value));
        self
    }
}

/// The reviewer name when none is given: the login name, from the
/// environment or else (on Unix) the password file's entry for the user.
fn login_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .or_else(user_of_this_process)
        .unwrap_or_else(|| "reviewer".to_string())
}

#[cfg(target_os = "linux")]
fn user_of_this_process() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid().to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid).then(|| name.to_string())
    })
}

#[cfg(not(target_os = "linux"))]
fn user_of_this_process() -> Option<String> {
    None
}

pub fn run(a: &ReviewArgs) -> whosaid::Result<u8> {
    if !a.claims_dir.is_dir() {
        return Err(Error::Io {
            path: a.claims_dir.clone(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "not a folder of claim files (write one with `whosaid extract -o DIR`)",
            ),
        });
    }
    let server = Server::http(("127.0.0.1", a.port)).map_err(|e| Error::Io {
        path: PathBuf::from(format!("127.0.0.1:{}", a.port)),
        source: std::io::Error::other(format!("cannot listen here ({e}); choose another --port")),
    })?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|s| s.port())
        .unwrap_or(a.port);
    let reviewer = a.reviewer.clone().unwrap_or_else(login_name);
    let store = Store::open(&a.claims_dir).map_err(|source| Error::Io {
        path: a.claims_dir.clone(),
        source,
    })?;
    let desk = Desk {
        dir: a.claims_dir.clone(),
        store,
        index: INDEX_HTML.replace("{{REVIEWER}}", &escape(&reviewer)),
        css: format!("{}\n{DESK_CSS}", desk::report_style()),
        reviewer,
        hosts: [format!("127.0.0.1:{port}"), format!("localhost:{port}")],
        origins: [
            format!("http://127.0.0.1:{port}"),
            format!("http://localhost:{port}"),
        ],
    };
    let url = format!("http://127.0.0.1:{port}/");
    println!("{url}");
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    eprintln!(
        "whosaid: reviewing {} as {}; press Ctrl-C to stop",
        desk.dir.display(),
        desk.reviewer
    );
    let server = Arc::new(server);
    let stopper = Arc::clone(&server);
    // Ctrl-C ends the request loop after the request in hand, so that no
    // write is cut off half way.
    ctrlc::set_handler(move || stopper.unblock()).map_err(|e| Error::Io {
        path: a.claims_dir.clone(),
        source: std::io::Error::other(format!("cannot handle Ctrl-C: {e}")),
    })?;
    if !a.no_open {
        open_browser(&url);
    }
    for request in server.incoming_requests() {
        serve(&desk, request);
    }
    eprintln!("whosaid: review desk stopped");
    Ok(0)
}

/// Opens `url` in the user's browser; failing that, says so.
fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let spawned = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprintln!("whosaid: could not open a browser; open {url} yourself");
    }
}

/// Answers one request.
fn serve(desk: &Desk, mut request: Request) {
    let header = |name: &'static str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_string())
    };
    let (host, origin, content_type, if_match) = (
        header("Host"),
        header("Origin"),
        header("Content-Type"),
        header("If-Match"),
    );
    let reply = if !host
        .as_deref()
        .is_some_and(|h| desk.hosts.iter().any(|o| o == h))
    {
        Reply::error(403, "this desk answers only to its own address")
    } else if origin
        .as_deref()
        .is_some_and(|o| !desk.origins.iter().any(|own| own == o))
    {
        Reply::error(403, "cross-site requests are refused")
    } else {
        let method = request.method().clone();
        let url = request.url().to_string();
        let mut body = Vec::new();
        let read = request
            .as_reader()
            .take(MAX_BODY + 1)
            .read_to_end(&mut body);
        if read.is_err() {
            Reply::error(400, "could not read the request body")
        } else if body.len() as u64 > MAX_BODY {
            Reply::error(413, "request body too large")
        } else {
            let call = Call {
                method,
                url: &url,
                content_type: content_type.as_deref(),
                if_match: if_match.as_deref(),
                body: &body,
            };
            route(desk, &call)
        }
    };
    respond(request, reply);
}

fn respond(request: Request, reply: Reply) {
    let mut response = Response::from_data(reply.body).with_status_code(reply.status);
    let mut headers = vec![
        ("Content-Type", reply.content_type.to_string()),
        ("X-Content-Type-Options", "nosniff".to_string()),
        ("Cache-Control", "no-store".to_string()),
        ("Referrer-Policy", "no-referrer".to_string()),
        ("X-Frame-Options", "DENY".to_string()),
        ("Content-Security-Policy", CSP.to_string()),
    ];
    headers.extend(reply.headers);
    for (name, value) in headers {
        if let Ok(h) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    // The client may have gone; there is nobody left to tell.
    let _ = request.respond(response);
}

/// The parts of a request that routing needs.
struct Call<'a> {
    method: Method,
    url: &'a str,
    content_type: Option<&'a str>,
    if_match: Option<&'a str>,
    body: &'a [u8],
}

fn route(desk: &Desk, call: &Call) -> Reply {
    let path = call.url.split(['?', '#']).next().unwrap_or("");
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let get = call.method == Method::Get;
    match segments.as_slice() {
        [""] | ["index.html"] if get => Reply::page("text/html; charset=utf-8", &desk.index),
        ["desk.css"] if get => Reply::page("text/css; charset=utf-8", &desk.css),
        ["desk.js"] if get => Reply::page("text/javascript; charset=utf-8", DESK_JS),
        ["api", "articles"] if get => article_list(desk),
        ["api", "articles", id] if get => with_article(desk, id, |id, file, tag| {
            let _ = id;
            Reply::json(200, file).with("ETag", tag.to_string())
        }),
        ["view", id] if get => with_article(desk, id, |id, file, tag| {
            Reply::page("text/html; charset=utf-8", &desk::article_view(id, file))
                .with("ETag", tag.to_string())
        }),
        ["api", "articles", id, "claims", claim, "review"] => {
            if call.method != Method::Post {
                return Reply::error(405, "use POST").with("Allow", "POST".into());
            }
            post_verdict(desk, call, id, claim)
        }
        [""]
        | ["index.html"]
        | ["desk.css"]
        | ["desk.js"]
        | ["api", "articles"]
        | ["api", "articles", _]
        | ["view", _] => Reply::error(405, "use GET").with("Allow", "GET".into()),
        _ => Reply::error(404, format!("no such page: {path}")),
    }
}

/// Decodes `%XX` escapes of a URL path segment; None when they do not
/// decode to UTF-8.
fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = segment.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The claim files of the folder with the desk's id of each: the file name
/// without its extension, or the whole file name when two files share a
/// stem. Ids are only ever looked up in this list, never joined to a path,
/// so no id can name a file outside the folder.
fn articles(dir: &Path) -> whosaid::Result<Vec<(String, PathBuf)>> {
    let mut out: Vec<(String, PathBuf)> = Vec::new();
    for path in claim_paths(dir)? {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = if out.iter().any(|(id, _)| *id == stem) {
            path.file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        } else {
            stem
        };
        out.push((id, path));
    }
    Ok(out)
}

fn find_article(desk: &Desk, raw_id: &str) -> Result<(String, PathBuf), Reply> {
    let id = percent_decode(raw_id).ok_or_else(|| Reply::error(400, "bad article id"))?;
    let list = articles(&desk.dir).map_err(|e| Reply::error(500, e.to_string()))?;
    list.into_iter()
        .find(|(i, _)| *i == id)
        .ok_or_else(|| Reply::error(404, format!("no article {id}")))
}

/// The version tag of a claim file's bytes.
fn version_tag(bytes: &[u8]) -> String {
    format!(
        "\"{:016x}\"",
        stable_hash(&[&String::from_utf8_lossy(bytes)])
    )
}

fn read_file(path: &Path) -> Result<(ClaimFile, String), Reply> {
    let bytes = std::fs::read(path).map_err(|e| Reply::error(500, e.to_string()))?;
    let file = parse_claim_file(path, &bytes).map_err(|e| Reply::error(500, e.to_string()))?;
    Ok((file, version_tag(&bytes)))
}

fn with_article(
    desk: &Desk,
    raw_id: &str,
    f: impl FnOnce(&str, &ClaimFile, &str) -> Reply,
) -> Reply {
    match find_article(desk, raw_id).and_then(|(id, path)| Ok((id, read_file(&path)?))) {
        Ok((id, (file, tag))) => f(&id, &file, &tag),
        Err(reply) => reply,
    }
}

fn article_list(desk: &Desk) -> Reply {
    let list = match articles(&desk.dir) {
        Ok(l) => l,
        Err(e) => return Reply::error(500, e.to_string()),
    };
    let rows: Vec<serde_json::Value> = list
        .iter()
        .map(|(id, path)| match read_claim_file(path) {
            Ok(file) => serde_json::to_value(desk::summary(id, &file)).unwrap_or_default(),
            Err(e) => serde_json::json!({ "id": id, "error": e.to_string() }),
        })
        .collect();
    Reply::json(200, &rows)
}

fn post_verdict(desk: &Desk, call: &Call, raw_article: &str, raw_claim: &str) -> Reply {
    let json = call.content_type.is_some_and(|t| {
        t.split(';')
            .next()
            .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
    });
    if !json {
        return Reply::error(
            400,
            "the body must be JSON (Content-Type: application/json)",
        );
    }
    let req = match ReviewRequest::from_json(call.body) {
        Ok(r) => r,
        Err(e) => return verdict_error(e),
    };
    let Some(claim) = percent_decode(raw_claim) else {
        return Reply::error(400, "bad claim id");
    };
    let (_, path) = match find_article(desk, raw_article) {
        Ok(found) => found,
        Err(reply) => return reply,
    };
    let outcome = update_claim_file(&desk.store, &path, |file| {
        desk::apply_verdict(file, &claim, &req, &desk.reviewer)
    });
    match outcome {
        Ok(done) => {
            let changed = call.if_match.is_some_and(|t| t != done.read_tag);
            Reply::json(200, &done.value)
                .with("ETag", done.written_tag)
                .with("X-Whosaid-File-Changed", changed.to_string())
        }
        Err(Update::Verdict(e)) => verdict_error(e),
        Err(Update::Io(message)) => Reply::error(500, message),
    }
}

fn verdict_error(e: VerdictError) -> Reply {
    match e {
        VerdictError::BadRequest(m) => Reply::error(400, m),
        VerdictError::NotFound(m) => Reply::error(404, m),
        VerdictError::Conflict(m, claim) => Reply::json(
            409,
            &serde_json::json!({ "error": m, "claim": claim.map(|c| *c) }),
        ),
    }
}

/// What an update under the lock produced.
struct Updated<T> {
    value: T,
    /// The version of the file as the change was applied to it.
    read_tag: String,
    /// The version written.
    written_tag: String,
}

enum Update {
    Verdict(VerdictError),
    Io(String),
}

/// How often a change is re-applied when the file keeps changing under it.
const ATTEMPTS: usize = 5;

/// Updates one claim file under the folder's lock, the one `extract -o`
/// takes: reads it, applies `change` to the file as it is now, and replaces
/// it atomically, in the format it was written in. When the file changed
/// just before the rename (a tool that does not lock), the change is applied
/// again to the new contents, so that nothing written meanwhile is
/// overwritten; when `change` fails, nothing is written.
fn update_claim_file<T>(
    store: &Store,
    path: &Path,
    mut change: impl FnMut(&mut ClaimFile) -> Result<T, VerdictError>,
) -> Result<Updated<T>, Update> {
    let io = |e: &dyn std::fmt::Display| Update::Io(format!("{}: {e}", path.display()));
    let _held = store.locked().map_err(|e| io(&e))?;
    let mut before = std::fs::read(path).map_err(|e| io(&e))?;
    for _ in 0..ATTEMPTS {
        let mut file = parse_claim_file(path, &before).map_err(|e| io(&e))?;
        let value = change(&mut file).map_err(Update::Verdict)?;
        let bytes = serialize(path, &file).map_err(|e| io(&e))?;
        let changed = write_atomic_checked(path, &bytes, || {
            let now = std::fs::read(path)?;
            Ok((now != before).then_some(now))
        })
        .map_err(|e| io(&e))?;
        match changed {
            Some(now) => before = now,
            None => {
                return Ok(Updated {
                    value,
                    read_tag: version_tag(&before),
                    written_tag: version_tag(&bytes),
                })
            }
        }
    }
    Err(Update::Io(format!(
        "{}: the file kept changing; verdict not saved, try again",
        path.display()
    )))
}

/// A claim file's bytes in the format its name says.
fn serialize(path: &Path, file: &ClaimFile) -> Result<Vec<u8>, String> {
    if path.extension().is_some_and(|e| e == "json") {
        let mut v = serde_json::to_vec_pretty(file).map_err(|e| e.to_string())?;
        v.push(b'\n');
        Ok(v)
    } else {
        file.to_yaml()
            .map(String::into_bytes)
            .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_escapes_decode_and_bad_ones_are_refused() {
        assert_eq!(percent_decode("a%20b%2F..").as_deref(), Some("a b/.."));
        assert_eq!(percent_decode("%C3%A9").as_deref(), Some("\u{e9}"));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%C3"), None);
        assert_eq!(percent_decode("%4"), None);
    }
}
