//! A bound on the nesting of flow collections (`[` and `{`) in YAML that a
//! person may have edited (claim files, speaker directories). The YAML
//! loader's time grows with the square of that depth, so a file of 100,000
//! `[` would hold a run for minutes; no file whosaid writes nests deeper
//! than a few levels. The scan is linear and skips quoted scalars and
//! block scalars (`|`, `>`), whose brackets are text.

/// Deepest nesting of flow collections accepted.
pub const MAX_FLOW_DEPTH: usize = 200;

/// `Err` with the line (from 1) where `yaml` nests flow collections deeper
/// than [`MAX_FLOW_DEPTH`].
pub fn check_flow_depth(yaml: &str) -> Result<(), String> {
    let mut depth = 0usize;
    // Indentation of the key whose block scalar is being skipped.
    let mut block_scalar: Option<usize> = None;
    let mut quote: Option<u8> = None;
    for (n, line) in yaml.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(key_indent) = block_scalar {
            if line.trim().is_empty() || indent > key_indent {
                continue;
            }
            block_scalar = None;
        }
        let bytes = line.as_bytes();
        // Whether the next byte may start a node (a collection or quote),
        // and whether a plain scalar is being read.
        let mut node_start = true;
        let mut plain = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let next = bytes.get(i + 1).copied();
            if let Some(q) = quote {
                if b == q && q == b'\'' && next == Some(b'\'') {
                    i += 1;
                } else if b == q {
                    quote = None;
                } else if b == b'\\' && q == b'"' {
                    i += 1;
                }
                i += 1;
                continue;
            }
            if b == b'#' && (i == 0 || bytes[i - 1] == b' ') {
                break;
            }
            if plain {
                // A plain scalar ends at `: `, and in a flow collection
                // also at `,`, `]` or `}`.
                let ends_value = b == b':' && matches!(next, None | Some(b' '));
                let ends_flow = depth > 0 && matches!(b, b',' | b']' | b'}');
                if !(ends_value || ends_flow) {
                    i += 1;
                    continue;
                }
                plain = false;
            }
            match b {
                b'[' | b'{' if node_start => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Err(format!(
                            "line {}: collections nested deeper than {MAX_FLOW_DEPTH} levels",
                            n + 1
                        ));
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                b'\'' | b'"' if node_start => quote = Some(b),
                b'|' | b'>' if node_start && depth == 0 => {
                    block_scalar = Some(indent);
                    break;
                }
                b' ' | b'\t' | b',' | b':' | b'?' => {}
                b'-' if node_start && matches!(next, None | Some(b' ')) => {}
                _ => plain = true,
            }
            node_start =
                !plain && matches!(b, b' ' | b'\t' | b',' | b'[' | b'{' | b':' | b'-' | b'?');
            i += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_flow_collections_are_refused_and_text_is_not_counted() {
        let deep = format!("claims: {}", "[".repeat(MAX_FLOW_DEPTH + 1));
        assert!(check_flow_depth(&deep).unwrap_err().starts_with("line 1:"));
        let ok = format!("claims: {}{}", "[".repeat(50), "]".repeat(50));
        assert!(check_flow_depth(&ok).is_ok());
        let brackets = "[".repeat(1000);
        for text in [
            format!("text: 'x{brackets}'\n"),
            format!("text: \"{brackets}\"\n"),
            format!("text: He said {brackets}\n"),
            format!("text: |-\n  {brackets}\n  more\nnext: 1\n"),
            format!("note: x # {brackets}\n"),
        ] {
            assert!(check_flow_depth(&text).is_ok(), "{text}");
        }
    }
}
