//! Attribution frames: the patterns of `grammars/frames.yaml`, compiled from
//! their textual form (`[$QUOTE, ",", $SPEAKER, $CUE]`) into elements.

use std::fmt;

/// What a speech verb can take after it. A frame names the complement it
/// needs and a verb lists those it allows, so `inform` never becomes a
/// parenthetical (`…, he informed.`) while `say` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Complement {
    /// Introduces or closes a direct quotation.
    Quote,
    /// `SPEAKER CUE that CONTENT`.
    That,
    /// `SPEAKER CUE CONTENT` with no complementizer.
    Bare,
    /// `SPEAKER CUE NOUN-PHRASE` (`announced an intention to …`).
    Np,
    /// `SPEAKER CUE OBJECT that CONTENT` (`told reporters that`).
    Object,
    /// `CONTENT was CUE by SPEAKER`.
    Passive,
    /// `CONTENT, SPEAKER CUE.`
    Parenthetical,
    /// A present participle in the speaker's clause (`…, informing him that`).
    Participle,
}

impl Complement {
    /// Every complement, in bit order.
    pub const ALL: [Complement; 8] = [
        Complement::Quote,
        Complement::That,
        Complement::Bare,
        Complement::Np,
        Complement::Object,
        Complement::Passive,
        Complement::Parenthetical,
        Complement::Participle,
    ];

    /// Parses the YAML name of a complement.
    pub fn from_name(name: &str) -> Option<Complement> {
        Complement::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The YAML name of the complement.
    pub fn name(self) -> &'static str {
        match self {
            Complement::Quote => "quote",
            Complement::That => "that",
            Complement::Bare => "bare",
            Complement::Np => "np",
            Complement::Object => "object",
            Complement::Passive => "passive",
            Complement::Parenthetical => "parenthetical",
            Complement::Participle => "participle",
        }
    }

    /// The complement's bit in a verb's complement set.
    pub fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// One element of a frame pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// `$QUOTE`: one quotation (the claim's content for direct frames).
    Quote,
    /// `$CONTENT`: reported content running to the clause edge.
    Content,
    /// `$SPEAKER`: the source noun phrase.
    Speaker,
    /// `$CUE`: the speech verb (the frame's anchor).
    Cue,
    /// `$OBJECT`: the addressee (`reporters`, `him`).
    Object,
    /// `$BE`: a passive auxiliary (`was`, `were`, `has been`).
    Be,
    /// `$GAP`: up to a few words of adjunct before the next element (`later`, `on Wednesday`).
    Gap,
    /// `$SKIP`: the rest of the speaker's clause, up to the cue.
    Skip,
    /// `$TAIL`: what may follow a parenthetical cue: nothing, or adjuncts to the clause end.
    Tail,
    /// Literal words (`according to`, `that`, `by`), matched case-insensitively.
    Words(Vec<String>),
    /// A punctuation mark (`,`, `:`, or `—` for any dash).
    Punct(char),
}

impl fmt::Display for Element {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Element::Quote => f.write_str("$QUOTE"),
            Element::Content => f.write_str("$CONTENT"),
            Element::Speaker => f.write_str("$SPEAKER"),
            Element::Cue => f.write_str("$CUE"),
            Element::Object => f.write_str("$OBJECT"),
            Element::Be => f.write_str("$BE"),
            Element::Gap => f.write_str("$GAP"),
            Element::Skip => f.write_str("$SKIP"),
            Element::Tail => f.write_str("$TAIL"),
            Element::Words(w) => f.write_str(&w.join(" ")),
            Element::Punct(c) => write!(f, "{c}"),
        }
    }
}

/// The mark a pattern writes for any dash.
pub const DASH: char = '—';

/// Whether `c` is a dash that can set off a clause or a sign-off.
pub fn is_dash(c: char) -> bool {
    matches!(c, '—' | '―' | '–')
}

/// A pattern step: an element, possibly optional (written with a trailing `?`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What to match.
    pub element: Element,
    /// Whether the step may match nothing.
    pub optional: bool,
}

/// The kind of claim a frame produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameKind {
    /// The content is a quotation.
    Direct,
    /// Decided by the content: quoted fragments make it mixed, otherwise indirect.
    Content,
}

/// A compiled attribution frame.
#[derive(Debug, Clone)]
pub struct Frame {
    /// Stable id from the data (`according_to`).
    pub id: String,
    /// The pattern, in text order.
    pub steps: Vec<Step>,
    /// Index of the anchor step: `$CUE`, or the first literal when there is no cue.
    pub anchor: usize,
    /// The complement the cue must allow.
    pub requires: Option<Complement>,
    /// The claim kind.
    pub kind: FrameKind,
    /// Base confidence of the claims the frame produces.
    pub confidence: f64,
    /// Whether the content must contain a quotation.
    pub content_quoted: bool,
    /// Whether the frame only holds from the first word of a headline.
    pub headline: bool,
    /// Whether every match has a quotation before the anchor: a `$QUOTE`
    /// there, or a `$CONTENT` there that must hold a quotation.
    pub quote_before: bool,
    /// The same after the anchor.
    pub quote_after: bool,
    /// The case the speaker's name is written in, when not the nominative.
    pub speaker_case: Option<String>,
}

impl Step {
    /// Parses one pattern item such as `$SPEAKER`, `that?` or `","`.
    pub fn parse(item: &str) -> Result<Step, String> {
        let (body, optional) = match item.strip_suffix('?') {
            Some(b) if !b.is_empty() => (b, true),
            _ => (item, false),
        };
        let element = match body {
            "$QUOTE" => Element::Quote,
            "$CONTENT" => Element::Content,
            "$SPEAKER" => Element::Speaker,
            "$CUE" => Element::Cue,
            "$OBJECT" => Element::Object,
            "$BE" => Element::Be,
            "$GAP" => Element::Gap,
            "$SKIP" => Element::Skip,
            "$TAIL" => Element::Tail,
            s if s.starts_with('$') => return Err(format!("unknown pattern element {s}")),
            s if s.chars().count() == 1 && s.chars().all(|c| c.is_ascii_punctuation()) => {
                Element::Punct(s.chars().next().unwrap_or(','))
            }
            // Any dash (`—`, `―`, `–`) is written as an em dash.
            s if s.chars().count() == 1 && s.chars().all(is_dash) => Element::Punct(DASH),
            s if !s.trim().is_empty() && s.chars().all(|c| c.is_alphabetic() || c == ' ') => {
                Element::Words(s.split_whitespace().map(str::to_lowercase).collect())
            }
            s => {
                return Err(format!(
                    "pattern item {s:?} is neither an element, a word nor a mark"
                ))
            }
        };
        Ok(Step { element, optional })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_items() {
        assert_eq!(Step::parse("$CUE").unwrap().element, Element::Cue);
        let that = Step::parse("that?").unwrap();
        assert!(that.optional);
        assert_eq!(that.element, Element::Words(vec!["that".into()]));
        assert_eq!(Step::parse(",").unwrap().element, Element::Punct(','));
        assert!(Step::parse("$NOPE").is_err());
        assert!(Step::parse("a1").is_err());
    }
}
