//! The static HTML report (`whosaid report`): one self-contained page (no
//! scripts, no network, no external assets) showing each article's text
//! with every claim highlighted in its speaker's colour, the speaker, cue,
//! confidence and nesting on hover and in a side list, and low-confidence
//! claims flagged. Everything taken from the article or the claims is
//! escaped. It builds a string; writing it is the CLI's job.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::claim::{Claim, ClaimKind, TextSpan};
use crate::workflow::review::{ClaimFile, ReviewStatus, ReviewedClaim};

/// Claims below this confidence are flagged.
pub const LOW_CONFIDENCE: f64 = 0.5;

/// Speaker colours, light enough to read black text on.
const PALETTE: [&str; 12] = [
    "#ffd166", "#8ecae6", "#b5e48c", "#f4a3c0", "#cdb4db", "#ffb4a2", "#a0e7e5", "#e9c46a",
    "#bde0fe", "#d8f3dc", "#f1c0e8", "#fde4cf",
];

/// Colour for claims nobody is named for.
const NO_SPEAKER: &str = "#d9d9d9";

/// Escapes text for HTML content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub(crate) fn speaker_label(c: &Claim) -> String {
    c.speaker
        .as_ref()
        .map_or_else(|| "(no speaker)".to_string(), |s| s.name.clone())
}

/// The speaker's role when it adds something to the name.
pub(crate) fn role(c: &Claim) -> Option<&str> {
    let s = c.speaker.as_ref()?;
    s.role
        .as_deref()
        .filter(|r| !r.eq_ignore_ascii_case(&s.name))
}

pub(crate) fn kind_name(k: ClaimKind) -> &'static str {
    match k {
        ClaimKind::Direct => "direct",
        ClaimKind::Indirect => "indirect",
        ClaimKind::Mixed => "mixed",
    }
}

/// The hover text of a claim.
fn tooltip(c: &Claim) -> String {
    let mut t = format!("Speaker: {}", speaker_label(c));
    if let Some(role) = role(c) {
        let _ = write!(t, " ({role})");
    }
    let _ = write!(
        t,
        "\nCue: {}\nConfidence: {:.2}{}\nKind: {}",
        c.cue.as_ref().map_or("(none)", |q| q.span.text.as_str()),
        c.confidence,
        if c.confidence < LOW_CONFIDENCE {
            " (low)"
        } else {
            ""
        },
        kind_name(c.kind)
    );
    if !c.via.is_empty() {
        let _ = write!(t, "\nVia: {}", c.via.join(" \u{2192} "));
    }
    t
}

/// One highlighted range of the text and the tag that opens it.
pub(crate) struct Layer {
    start: usize,
    end: usize,
    open: String,
    close: &'static str,
}

/// The article text with the layers as properly nested tags: the text is cut
/// at every layer boundary and each piece is wrapped in the layers covering
/// it, outermost first.
pub(crate) fn layered_text(text: &str, layers: &[Layer]) -> String {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for l in layers {
        cuts.push(l.start);
        cuts.push(l.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
    let mut opened_once = vec![false; layers.len()];
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut active: Vec<usize> = (0..layers.len())
            .filter(|&i| layers[i].start <= a && b <= layers[i].end)
            .collect();
        active.sort_by_key(|&i| (layers[i].start, std::cmp::Reverse(layers[i].end), i));
        for &i in &active {
            // Only the first piece of a layer carries its id attribute.
            let open = if opened_once[i] {
                strip_id(&layers[i].open)
            } else {
                layers[i].open.clone()
            };
            opened_once[i] = true;
            out.push_str(&open);
        }
        out.push_str(&escape(&text[a..b]));
        for &i in active.iter().rev() {
            out.push_str(layers[i].close);
        }
    }
    out
}

fn strip_id(open: &str) -> String {
    match open.find(" id=\"") {
        Some(at) => {
            let rest = &open[at + 5..];
            let end = rest.find('"').map_or(rest.len(), |e| e + 1);
            format!("{}{}", &open[..at], &rest[end..])
        }
        None => open.to_string(),
    }
}

/// Whether a byte range is a valid slice of `text`.
fn fits(text: &str, start: usize, end: usize) -> bool {
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

/// What the parts of one article's section share: the article, its text,
/// its place in the report and each speaker's colour.
pub(crate) struct Section<'a> {
    file: &'a ClaimFile,
    text: &'a str,
    index: usize,
    /// Colour by speaker label.
    pub(crate) colours: BTreeMap<String, &'static str>,
    /// Speaker labels in order of first claim.
    pub(crate) order: Vec<String>,
}

impl<'a> Section<'a> {
    pub(crate) fn new(file: &'a ClaimFile, index: usize) -> Section<'a> {
        let mut colours: BTreeMap<String, &'static str> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        for rc in &file.claims {
            let label = speaker_label(&rc.claim);
            if !colours.contains_key(&label) {
                let colour = if rc.claim.speaker.is_none() {
                    NO_SPEAKER
                } else {
                    PALETTE[colours.values().filter(|c| **c != NO_SPEAKER).count() % PALETTE.len()]
                };
                colours.insert(label.clone(), colour);
                order.push(label);
            }
        }
        Section {
            file,
            text: file.article.text.as_deref().unwrap_or(""),
            index,
            colours,
            order,
        }
    }

    fn anchor(&self, c: &Claim) -> String {
        format!("a{}-{}", self.index, c.id)
    }

    /// Whether the span `s` is where it says in the text.
    fn placed(&self, s: &TextSpan) -> bool {
        fits(self.text, s.byte_start, s.byte_end) && self.text[s.byte_start..s.byte_end] == s.text
    }

    /// The highlight layers of every claim found in the text, and how many
    /// claims are not where they say.
    pub(crate) fn layers(&self) -> (Vec<Layer>, usize) {
        let mut layers = Vec::new();
        let mut unplaced = 0;
        for rc in &self.file.claims {
            let c = &rc.claim;
            if !self.placed(&c.content.span) {
                unplaced += 1;
                continue;
            }
            let label = speaker_label(c);
            let colour = self.colours[&label];
            let span = &c.content.span;
            layers.push(Layer {
                start: span.byte_start,
                end: span.byte_end,
                open: format!(
                    "<mark id=\"{}\" class=\"claim{}{}\" data-claim=\"{}\" data-speaker=\"{}\" style=\"--c:{colour}\" title=\"{}\">",
                    escape(&self.anchor(c)),
                    if c.confidence < LOW_CONFIDENCE { " low" } else { "" },
                    if c.via.is_empty() { "" } else { " nested" },
                    escape(&c.id),
                    escape(&label),
                    escape(&tooltip(c))
                ),
                close: "</mark>",
            });
            if let Some(s) = c.speaker.as_ref().filter(|s| self.placed(&s.mention)) {
                let title = escape(&format!("Speaker mention: {}", s.name));
                layers.push(Layer {
                    start: s.mention.byte_start,
                    end: s.mention.byte_end,
                    open: format!(
                        "<span class=\"mention\" style=\"--c:{colour}\" title=\"{title}\">"
                    ),
                    close: "</span>",
                });
            }
            if let Some(q) = c.cue.as_ref().filter(|q| self.placed(&q.span)) {
                let title = escape(&format!("Cue: {} ({})", q.span.text, q.lemma));
                layers.push(Layer {
                    start: q.span.byte_start,
                    end: q.span.byte_end,
                    open: format!("<span class=\"cue\" title=\"{title}\">"),
                    close: "</span>",
                });
            }
        }
        (layers, unplaced)
    }

    /// The heading, the facts line, warnings and the speaker legend.
    fn header(&self, out: &mut String, unplaced: usize) {
        let info = &self.file.article;
        let title = info.title.clone().unwrap_or_else(|| info.id.clone());
        let _ = writeln!(
            out,
            "<section class=\"article\" data-article=\"{}\">\n<h2>{}</h2>",
            escape(&info.id),
            escape(&title)
        );
        let facts: Vec<String> = [
            Some(format!("id {}", info.id)),
            info.date.clone(),
            info.outlet.clone().or(info.site_name.clone()),
            info.byline.clone(),
            Some(format!("{} claims", self.file.claims.len())),
        ]
        .into_iter()
        .flatten()
        .collect();
        let _ = writeln!(out, "<p class=\"facts\">{}</p>", escape(&facts.join(" · ")));
        if self.text.is_empty() {
            out.push_str("<p class=\"warn\">This claim file carries no article text; re-extract it with <code>whosaid extract -o</code>.</p>\n");
        } else if unplaced > 0 {
            let _ = writeln!(
                out,
                "<p class=\"warn\">{unplaced} claims do not match the article text and are listed only.</p>"
            );
        }
        out.push_str("<div class=\"legend\">");
        for label in &self.order {
            let n = self
                .file
                .claims
                .iter()
                .filter(|c| speaker_label(&c.claim) == *label)
                .count();
            let _ = write!(
                out,
                "<span class=\"swatch\" style=\"--c:{}\">{} ({n})</span> ",
                self.colours[label],
                escape(label)
            );
        }
        out.push_str("</div>\n");
    }

    /// One claim in the side list, with its review, note and reviewer.
    fn item(&self, out: &mut String, rc: &ReviewedClaim) {
        let c = &rc.claim;
        let label = speaker_label(c);
        let low = c.confidence < LOW_CONFIDENCE;
        let _ = write!(
            out,
            "<li class=\"item{}\" style=\"--c:{}\"><a href=\"#{}\"><b>{}</b></a>",
            if low { " low" } else { "" },
            self.colours[&label],
            escape(&self.anchor(c)),
            escape(&label)
        );
        if let Some(role) = role(c) {
            let _ = write!(out, " <i>{}</i>", escape(role));
        }
        let _ = write!(
            out,
            "<br><span class=\"meta\">{} · cue <b>{}</b> · confidence {:.2}",
            kind_name(c.kind),
            escape(c.cue.as_ref().map_or("(none)", |q| q.span.text.as_str())),
            c.confidence
        );
        if low {
            out.push_str(" <span class=\"flag\">low confidence</span>");
        }
        if !c.via.is_empty() {
            let _ = write!(out, " · via {}", escape(&c.via.join(" \u{2192} ")));
        }
        let review = &rc.review;
        if review.status != ReviewStatus::Unreviewed {
            let status = review.status.as_str();
            let _ = write!(out, " · <span class=\"review {status}\">{status}</span>");
        }
        if let Some(who) = review.reviewer.as_deref().filter(|r| !r.trim().is_empty()) {
            let _ = write!(out, " by <span class=\"reviewer\">{}</span>", escape(who));
        }
        let _ = write!(out, "</span><br><q>{}</q>", escape(&c.content.span.text));
        if let Some(note) = review.note.as_deref().filter(|n| !n.trim().is_empty()) {
            let _ = write!(
                out,
                "<br><span class=\"note\">Note: {}</span>",
                escape(note)
            );
        }
        out.push_str("</li>\n");
    }
}

fn article_section(out: &mut String, file: &ClaimFile, index: usize) {
    let section = Section::new(file, index);
    let (layers, unplaced) = section.layers();
    section.header(out, unplaced);
    out.push_str("<div class=\"columns\">\n<div class=\"text\">");
    out.push_str(&layered_text(section.text, &layers));
    out.push_str("</div>\n<ol class=\"claims\">\n");
    for rc in &file.claims {
        section.item(out, rc);
    }
    out.push_str("</ol>\n</div>\n");
    if !file.orphaned.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"warn\">{} reviews belong to claims that are no longer extracted (see <code>orphaned</code> in the claim file).</p>",
            file.orphaned.len()
        );
    }
    out.push_str("</section>\n");
}

pub(crate) const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;margin:1.5em;color:#222;background:#fafafa}\
h1{font-size:1.4em}h2{font-size:1.2em;margin-bottom:.2em}.facts{color:#666;margin-top:0}\
.columns{display:flex;gap:1.5em;align-items:flex-start}\
.text{flex:3;white-space:pre-wrap;background:#fff;padding:1em;border:1px solid #ddd;border-radius:6px;line-height:1.9}\
.claims{flex:2;font-size:13px;margin:0;padding-left:1.6em}\
.claims li{margin-bottom:.6em;border-left:6px solid var(--c);padding-left:.5em}\
.claims li.low{background:#fff3f3}.meta{color:#555}\
mark.claim{background:var(--c);border-radius:3px;padding:1px 0;color:inherit}\
mark.claim mark.claim{outline:2px solid #555;outline-offset:-1px}\
mark.low{background:repeating-linear-gradient(45deg,var(--c),var(--c) 6px,#fff 6px,#fff 9px);border-bottom:2px dashed #c00}\
.mention{border-bottom:3px solid var(--c);font-weight:600;filter:brightness(.8)}\
.cue{text-decoration:underline wavy #444;font-style:italic}\
.swatch{background:var(--c);padding:2px 6px;border-radius:3px;margin-right:.3em;display:inline-block;margin-bottom:.3em}\
.flag{color:#fff;background:#c00;padding:0 4px;border-radius:3px}\
.review.confirmed{color:#0a0}.review.rejected{color:#c00}.warn{color:#a60}\
.note{color:#444;font-style:italic}\
a{color:inherit}";

/// The report page for `files`, one section per article, in the given order.
pub fn render(files: &[ClaimFile]) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    out.push_str("<title>whosaid report</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n");
    let total: usize = files.iter().map(|f| f.claims.len()).sum();
    let low: usize = files
        .iter()
        .flat_map(|f| &f.claims)
        .filter(|c| c.claim.confidence < LOW_CONFIDENCE)
        .count();
    let _ = writeln!(
        out,
        "<h1>whosaid report</h1>\n<p class=\"facts\">{} · {total} claims · {low} with confidence below {LOW_CONFIDENCE} (striped, dashed underline). Hover a highlight for speaker, cue and confidence; the speaker mention is underlined in the speaker's colour and the cue is in italics.</p>",
        if files.len() == 1 {
            "1 article".to_string()
        } else {
            format!("{} articles", files.len())
        }
    );
    for (i, f) in files.iter().enumerate() {
        article_section(&mut out, f, i);
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Grammar;

    fn file(text: &str) -> ClaimFile {
        ClaimFile::new(crate::analyze(text, &Grammar::bundled()), text)
    }

    #[test]
    fn claims_are_highlighted_and_everything_is_escaped() {
        let f = file("\"We <b>will</b> act & win,\" the minister said. \"No,\" Bob Smith said.");
        let html = render(&[f]);
        assert_eq!(html.matches("data-claim=\"").count(), 2, "{html}");
        assert!(html.contains("&lt;b&gt;will&lt;/b&gt; act &amp; win,"));
        assert!(!html.contains("<b>will</b>"));
        assert!(html.contains("title=\"Speaker: minister\nCue: said\nConfidence: "));
        assert!(!html.contains("http://") && !html.contains("https://"));
        assert!(!html.contains("<script"));
    }

    #[test]
    fn different_speakers_get_different_colours_and_low_confidence_is_flagged() {
        let mut f = file("\"We will act,\" the minister said. \"No,\" Bob Smith said.");
        f.claims[1].claim.confidence = 0.3;
        let html = render(&[f]);
        assert!(html.contains(&format!(
            "data-speaker=\"minister\" style=\"--c:{}\"",
            PALETTE[0]
        )));
        assert!(html.contains(&format!(
            "data-speaker=\"Bob Smith\" style=\"--c:{}\"",
            PALETTE[1]
        )));
        assert!(html.contains("class=\"claim low\""));
        assert!(html.contains("low confidence</span>"));
    }

    #[test]
    fn nested_claims_show_their_channel() {
        let mut f = file("\"We will act,\" the minister said.");
        f.claims[0].claim.via = vec!["Bild".into(), "TASS".into()];
        let html = render(&[f]);
        assert!(html.contains("class=\"claim nested\""), "{html}");
        assert!(html.contains("Via: Bild \u{2192} TASS\""));
        assert!(html.contains(" · via Bild \u{2192} TASS"));
    }

    #[test]
    fn overlapping_layers_nest_properly() {
        let layers = [
            Layer {
                start: 0,
                end: 6,
                open: "<m id=\"x\">".into(),
                close: "</m>",
            },
            Layer {
                start: 3,
                end: 9,
                open: "<n>".into(),
                close: "</n>",
            },
        ];
        assert_eq!(
            layered_text("abcdefghi", &layers),
            "<m id=\"x\">abc</m><m><n>def</n></m><n>ghi</n>"
        );
    }
}
