//! Output-folder safety of `whosaid extract -o DIR`: article ids never name
//! a file outside the folder, and a failed write never truncates a claim
//! file that is already there.

mod common;

use common::{bin, scratch};

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

/// Runs `extract --input-format jsonl -o out -` on `jsonl`.
fn extract_jsonl(jsonl: &str, out: &Path) -> Output {
    let mut child = bin()
        .args(["extract", "-q", "--input-format", "jsonl", "-o"])
        .arg(out)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(jsonl.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn hostile_ids_stay_inside_the_output_folder() {
    let root = scratch("ids");
    let out = root.join("out");
    let long = "y".repeat(300);
    let long2 = format!("{long}z");
    let ids = [
        "../x",
        "../../etc/passwd",
        "/abs",
        "/abs/deeper/file",
        "CON",
        "nul",
        "com1.txt",
        "..",
        ".",
        "",
        ".hidden",
        "a\\b",
        "C:\\windows\\x",
        "tab\tnew\nline",
        long.as_str(),
        long2.as_str(),
    ];
    let jsonl: String = ids
        .iter()
        .map(|id| {
            let rec = serde_json::json!({"id": id, "text": "\"We will act,\" the minister said."});
            format!("{rec}\n")
        })
        .collect();
    let run = extract_jsonl(&jsonl, &out);
    // ".." and "." give the same file name: the second is refused, not
    // written over the first.
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.matches("already written for article").count(),
        1,
        "{stderr}"
    );
    // Nothing was written beside the output folder or under it in subfolders.
    let beside: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(
        beside,
        std::slice::from_ref(&out),
        "files written outside the output folder"
    );
    assert!(!Path::new("/abs.yaml").exists() && !Path::new("/abs").exists());
    let mut files = files_under(&out);
    files.retain(|f| !f.ends_with(".whosaid.lock"));
    for f in &files {
        assert_eq!(f.parent(), Some(out.as_path()), "{f:?} is in a subfolder");
        let name = f.file_name().unwrap().to_string_lossy();
        assert!(!name.starts_with('.'), "hidden or temporary file {name}");
        assert!(name.len() <= 130, "{name} is too long");
        let doc: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        assert_eq!(doc["claims"].as_sequence().map(Vec::len), Some(1));
    }
    // The two long ids share a 300-byte prefix but get distinct files.
    let long_files = files
        .iter()
        .filter(|f| f.file_name().unwrap().to_string_lossy().starts_with("yyyy"));
    assert_eq!(long_files.count(), 2);
    assert!(files.iter().any(|f| f.ends_with("CON_.yaml")));
    std::fs::remove_dir_all(&root).ok();
}

/// Whether file permissions are enforced for this process (not for root).
fn permissions_bite(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    std::fs::create_dir_all(&probe).unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o555)).unwrap();
    let bites = std::fs::write(probe.join("f"), b"x").is_err();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::remove_dir_all(&probe).unwrap();
    bites
}

#[test]
fn a_failed_write_leaves_the_existing_claim_file_intact() {
    use std::os::unix::fs::PermissionsExt;
    let root = scratch("readonly");
    let out = root.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let old = "article:\n  id: doc\nclaims: []\n";
    let jsonl = "{\"id\":\"doc\",\"text\":\"\\\"We will act,\\\" the minister said.\"}\n";
    if permissions_bite(&root) {
        // A read-only output folder: the temporary file cannot be created.
        std::fs::write(out.join("doc.yaml"), old).unwrap();
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).unwrap();
        let run = extract_jsonl(jsonl, &out);
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(run.status.code(), Some(1));
        assert_eq!(std::fs::read_to_string(out.join("doc.yaml")).unwrap(), old);
    } else {
        // Running as root, where permissions do not bite: make the claim
        // file's path a folder, so that the final rename fails.
        let target = out.join("doc.yaml");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("keep"), old).unwrap();
        let run = extract_jsonl(jsonl, &out);
        assert_eq!(run.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains("doc.yaml"), "{stderr}");
        assert_eq!(std::fs::read_to_string(target.join("keep")).unwrap(), old);
    }
    // No temporary file is left behind.
    let left: Vec<PathBuf> = files_under(&out)
        .into_iter()
        .filter(|f| f.to_string_lossy().contains(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // The next run, with a writable folder, replaces the old file whole.
    std::fs::remove_dir_all(&out).ok();
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("doc.yaml"), old).unwrap();
    let run = extract_jsonl(jsonl, &out);
    assert!(run.status.success());
    let doc: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(out.join("doc.yaml")).unwrap()).unwrap();
    assert_eq!(doc["claims"].as_sequence().map(Vec::len), Some(1));
    std::fs::remove_dir_all(&root).ok();
}
