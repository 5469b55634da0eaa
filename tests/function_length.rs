//! The house rule that no function outside tests runs over 80 lines,
//! checked on every source file so that a long function fails the suite
//! instead of waiting for a reviewer to notice it.

use std::path::{Path, PathBuf};

/// The longest a function may be, its signature and closing brace included.
const MAX_LINES: usize = 80;

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The indentation of a line, in bytes.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Whether `line` opens a function body: a `fn` item (with any visibility
/// and qualifiers) whose signature does not end with `;`.
fn opens_function(line: &str) -> Option<&str> {
    let mut words = line.split_whitespace().peekable();
    while let Some(w) = words.next() {
        match w {
            "pub" | "const" | "async" | "unsafe" | "extern" => continue,
            _ if w.starts_with("pub(") => continue,
            "fn" => {
                let name = words.next()?;
                let name = name.split(['(', '<']).next()?;
                return (!line.trim_end().ends_with(';')).then_some(name);
            }
            _ => return None,
        }
    }
    None
}

/// `(name, first line, length)` of every function of `text` outside
/// `#[cfg(test)]` modules.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.trim() == "#[cfg(test)]"
            && lines
                .get(i + 1)
                .is_some_and(|l| l.trim_start().starts_with("mod "))
        {
            let depth = indent(lines[i + 1]);
            i += 2;
            while i < lines.len() && !(indent(lines[i]) == depth && lines[i].trim() == "}") {
                i += 1;
            }
            i += 1;
            continue;
        }
        if let Some(name) = opens_function(line) {
            let depth = indent(line);
            let end = (i..lines.len())
                .find(|&j| indent(lines[j]) == depth && lines[j].trim_start().starts_with('}'))
                .unwrap_or(lines.len() - 1);
            out.push((name.to_string(), i + 1, end - i + 1));
        }
        i += 1;
    }
    out
}

#[test]
fn no_function_outside_tests_is_longer_than_eighty_lines() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    assert!(files.len() > 20, "only {} source files found", files.len());
    let mut long = Vec::new();
    let mut seen = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).expect("source file");
        for (name, line, length) in functions(&text) {
            seen += 1;
            if length > MAX_LINES {
                long.push(format!("{}:{line} {name}: {length} lines", path.display()));
            }
        }
    }
    assert!(
        seen > 300,
        "only {seen} functions found: the scanner is broken"
    );
    assert!(
        long.is_empty(),
        "functions over {MAX_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_scanner_measures_functions_and_skips_test_modules() {
    let text = "fn short() {\n    a();\n}\n\npub(crate) fn longer(x: u8)\n    -> u8 {\n    x\n}\n\
                fn declared();\n#[cfg(test)]\nmod tests {\n    fn hidden() {\n    }\n}\n";
    let found = functions(text);
    assert_eq!(
        found,
        vec![("short".to_string(), 1, 3), ("longer".to_string(), 5, 4)]
    );
}
