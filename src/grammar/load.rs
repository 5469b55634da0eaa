//! Loading a pack: the files bundled into the binary with `include_str!`,
//! or read from a directory whose files replace the bundled file of the
//! same name and add new ones; each file parsed by its `kind`, its entries
//! validated into the [`Grammar`]'s tables.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap as HashMap;

use super::compiled::{AnchoredFrames, FrameMasks, Grammar, GrammarFile};
use super::frame::{Complement, Element, Frame, FrameKind, Step};
use super::lexicon::{Lexeme, Lexicon, PhraseTable};
use super::pack::{Pack, RawPack};
use super::raw::{
    plain_kind, EntryExamples, Example, RawFile, RawFrame, RawHeader, RawNamedSource,
    RawSourceNoun, RawTitle, RawVerb, RawWordClass,
};
use super::types::{Inflection, Lemma, SourceNoun, SourceType, VerbForm, WordClass, WordClasses};
use crate::error::{Error, Result};

/// A grammar file, by kind.
pub(super) enum Kinds {
    SpeechVerbs(RawFile<RawVerb>),
    SourceNouns(RawFile<RawSourceNoun>),
    NamedSources(RawFile<RawNamedSource>),
    Titles(RawFile<RawTitle>),
    WordClasses(RawFile<RawWordClass>),
    Frames(RawFile<RawFrame>),
    Pack(Box<RawPack>),
}

impl Kinds {
    /// The kind the parsed file states.
    pub(super) fn kind(&self) -> &str {
        match self {
            Kinds::SpeechVerbs(f) => &f.kind,
            Kinds::SourceNouns(f) => &f.kind,
            Kinds::NamedSources(f) => &f.kind,
            Kinds::Titles(f) => &f.kind,
            Kinds::WordClasses(f) => &f.kind,
            Kinds::Frames(f) => &f.kind,
            Kinds::Pack(f) => &f.kind,
        }
    }

    /// The examples of each entry, moved out of the entries (a pack file
    /// has no entries).
    fn take_entry_examples(&mut self) -> Vec<EntryExamples> {
        match self {
            Kinds::SpeechVerbs(f) => f.take_entry_examples(),
            Kinds::SourceNouns(f) => f.take_entry_examples(),
            Kinds::NamedSources(f) => f.take_entry_examples(),
            Kinds::Titles(f) => f.take_entry_examples(),
            Kinds::WordClasses(f) => f.take_entry_examples(),
            Kinds::Frames(f) => f.take_entry_examples(),
            Kinds::Pack(_) => Vec::new(),
        }
    }
}

/// The English pack compiled into the binary, by file name.
pub(super) const BUNDLED_EN: &[(&str, &str)] = &[
    ("pack.yaml", include_str!("../../grammars/en/pack.yaml")),
    (
        "speech_verbs.yaml",
        include_str!("../../grammars/en/speech_verbs.yaml"),
    ),
    (
        "source_nouns.yaml",
        include_str!("../../grammars/en/source_nouns.yaml"),
    ),
    (
        "named_sources.yaml",
        include_str!("../../grammars/en/named_sources.yaml"),
    ),
    ("titles.yaml", include_str!("../../grammars/en/titles.yaml")),
    (
        "word_classes.yaml",
        include_str!("../../grammars/en/word_classes.yaml"),
    ),
    ("frames.yaml", include_str!("../../grammars/en/frames.yaml")),
];

/// The packs compiled into the binary, by language code; the first is the
/// default.
pub(super) const BUNDLED_PACKS: &[(&str, &[(&str, &str)])] = &[
    ("en", BUNDLED_EN),
    ("de", super::bundled::BUNDLED_DE),
    ("ru", super::bundled::BUNDLED_RU),
];

impl Grammar {
    /// The default language's pack compiled into the binary.
    ///
    /// # Panics
    /// Only if the bundled files are broken, which the test suite rules out.
    pub fn bundled() -> Grammar {
        Grammar::bundled_language(BUNDLED_PACKS[0].0).expect("the default pack is bundled")
    }

    /// The codes of the languages whose packs are compiled into the binary,
    /// the default first.
    pub fn languages() -> impl Iterator<Item = &'static str> {
        BUNDLED_PACKS.iter().map(|(code, _)| *code)
    }

    /// The bundled pack of `language` (`en`), if there is one.
    ///
    /// # Panics
    /// Only if the bundled files are broken, which the test suite rules out.
    pub fn bundled_language(language: &str) -> Option<Grammar> {
        let files = Grammar::bundled_files(language)?;
        Some(
            Grammar::from_sources(files.iter().map(|(n, t)| (PathBuf::from(n), t.to_string())))
                .expect("bundled grammars are valid"),
        )
    }

    /// The bundled files of the default pack as `(file name, text)` pairs,
    /// for tools that build a grammar from a modified set (fuzzing, tests).
    pub fn bundled_sources() -> &'static [(&'static str, &'static str)] {
        BUNDLED_PACKS[0].1
    }

    /// The bundled files of `language`'s pack.
    pub fn bundled_files(language: &str) -> Option<&'static [(&'static str, &'static str)]> {
        BUNDLED_PACKS
            .iter()
            .find(|(code, _)| *code == language)
            .map(|(_, files)| *files)
    }

    /// The default pack with every `*.yaml` file of `dir` replacing the
    /// bundled file of the same name, or added when the name is new.
    pub fn bundled_with_dir(dir: &Path) -> Result<Grammar> {
        Grammar::bundled_language_with_dir(BUNDLED_PACKS[0].0, dir)
    }

    /// `language`'s bundled pack (none for a language without one) with
    /// every `*.yaml` file of `dir` replacing the bundled file of the same
    /// name, or added when the name is new. A folder holding a whole pack
    /// thus replaces every file.
    pub fn bundled_language_with_dir(language: &str, dir: &Path) -> Result<Grammar> {
        let bundled = Grammar::bundled_files(language).unwrap_or_default();
        let mut sources: Vec<(PathBuf, String)> = bundled
            .iter()
            .map(|(n, t)| (PathBuf::from(n), t.to_string()))
            .collect();
        for (path, text) in read_yaml_dir(dir)? {
            let name = path.file_name().map(|n| n.to_os_string());
            sources.retain(|(p, _)| Some(p.as_os_str().to_os_string()) != name);
            sources.push((path, text));
        }
        Grammar::from_sources(sources)
    }

    /// Only the `*.yaml` files of `dir`.
    pub fn load_dir(dir: &Path) -> Result<Grammar> {
        Grammar::from_sources(read_yaml_dir(dir)?)
    }

    /// Builds a grammar from `(path, text)` pairs.
    pub fn from_sources(sources: impl IntoIterator<Item = (PathBuf, String)>) -> Result<Grammar> {
        let mut g = Grammar::default();
        for (path, text) in sources {
            let file = parse_file(&path, &text)?;
            g.add_file(&path, file)?;
        }
        let missing = |file: &str, reason: &str| Error::GrammarInvalid {
            path: PathBuf::from(file),
            entry: "-".into(),
            reason: reason.into(),
        };
        if g.frames.is_empty() {
            return Err(missing("frames.yaml", "the grammar has no frames"));
        }
        let Some(pack) = &g.pack else {
            return Err(missing(
                "pack.yaml",
                "the grammar has no pack file (kind: pack)",
            ));
        };
        g.limits = pack.limits.clone();
        g.suffixes = pack.suffixes.clone();
        super::morphology::check_frame_cases(&g.frames, &pack.morphology)?;
        g.build_lexicon();
        g.index_frames();
        g.phrases_of_words = g
            .titles
            .all_words()
            .chain(g.source_nouns.all_words())
            .chain(g.named_sources.all_words())
            .all(|w| w.starts_with(char::is_alphanumeric));
        Ok(g)
    }

    /// Groups the frames by the kind of their anchor step.
    pub(super) fn index_frames(&mut self) {
        let mut anchored = AnchoredFrames::default();
        let mut masks = FrameMasks::default();
        for (i, frame) in self.frames.iter().enumerate() {
            match &frame.steps[frame.anchor].element {
                Element::Cue => anchored.cue.push(i),
                Element::Words(_) => anchored.words.push(i),
                Element::Punct(_) => anchored.mark.push(i),
                // `compile_frame` anchors only on these three.
                _ => {}
            }
            let Some(bit) = u32::try_from(i).ok().and_then(|i| 1u64.checked_shl(i)) else {
                continue;
            };
            if frame.steps[frame.anchor].element == Element::Cue {
                masks.cue |= bit;
                if let Some(r) = frame.requires {
                    masks.requires[r as usize][usize::from(frame.content_quoted)] |= bit;
                }
            }
            let flags = [frame.headline, frame.quote_before, frame.quote_after];
            for (set, flag) in [
                &mut masks.headline,
                &mut masks.quote_before,
                &mut masks.quote_after,
            ]
            .into_iter()
            .zip(flags)
            {
                if flag {
                    *set |= bit;
                }
            }
        }
        anchored.masks = (self.frames.len() <= 64).then_some(masks);
        self.anchored = anchored;
    }

    /// Gathers the word classes, verb forms, anchor words and first words
    /// of phrases into [`Grammar::lexeme`]'s table.
    pub(super) fn build_lexicon(&mut self) {
        let mut lexicon: HashMap<String, Lexeme> = HashMap::default();
        for (word, &bits) in &self.words {
            lexicon.entry(word.clone()).or_default().classes = WordClasses(bits);
        }
        for (word, &form) in &self.verb_forms {
            let lexeme = lexicon.entry(word.clone()).or_default();
            lexeme.lemma = u32::try_from(form.lemma)
                .ok()
                .filter(|&l| l != Lexeme::NO_VERB)
                .expect("fewer than 2^32 - 1 lemmas");
            lexeme.inflection = form.inflection;
        }
        let opening = [
            (
                Lexeme::SOURCE_NOUN,
                self.source_nouns.first_words().collect::<Vec<_>>(),
            ),
            (
                Lexeme::NAMED_SOURCE,
                self.named_sources.first_words().collect(),
            ),
            (Lexeme::TITLE, self.titles.first_words().collect()),
            (Lexeme::ANCHOR, self.anchor_words.iter().collect()),
        ];
        for (bit, words) in opening {
            for word in words {
                lexicon.entry(word.clone()).or_default().opens |= bit;
            }
        }
        self.lexicon = Lexicon::new(lexicon);
    }

    /// Adds one parsed file's entries to the tables, each kind through
    /// [`load_entries`]; the pack file is read whole.
    pub(super) fn add_file(&mut self, path: &Path, mut raw: Kinds) -> Result<()> {
        let kind = raw.kind().to_string();
        let entries = raw.take_entry_examples();
        let invalid = |entry: &str, reason: String| Error::GrammarInvalid {
            path: path.to_path_buf(),
            entry: entry.to_string(),
            reason,
        };
        let (version, examples) = match raw {
            Kinds::SpeechVerbs(file) => load_entries(file, &invalid, |v| {
                self.add_verb(v).map_err(|(e, r)| invalid(&e, r))
            })?,
            Kinds::SourceNouns(file) => load_entries(file, &invalid, |n| {
                let table = &mut self.source_nouns;
                add_source(table, &n.noun, &n.forms, &n.source_type, "noun", &invalid)
            })?,
            Kinds::NamedSources(file) => load_entries(file, &invalid, |n| {
                let table = &mut self.named_sources;
                add_source(table, &n.name, &n.aliases, &n.source_type, "name", &invalid)
            })?,
            Kinds::Titles(file) => load_entries(file, &invalid, |t| self.add_title(t, &invalid))?,
            Kinds::WordClasses(file) => {
                load_entries(file, &invalid, |c| self.add_word_class(c, &invalid))?
            }
            Kinds::Frames(file) => load_entries(file, &invalid, |f| self.add_frame(f, &invalid))?,
            Kinds::Pack(raw) => self.add_pack(*raw, &invalid)?,
        };
        if version != 1 {
            return Err(invalid("version", format!("unsupported version {version}")));
        }
        self.files.push(GrammarFile {
            name: path.display().to_string(),
            kind,
            examples,
            entries,
        });
        Ok(())
    }

    /// A title and its abbreviations (`senator`, `sen.`).
    fn add_title(&mut self, t: RawTitle, invalid: &Invalid) -> Result<()> {
        for form in std::iter::once(&t.title).chain(&t.abbrev) {
            not_blank(form, invalid)?;
            if !self.titles.insert(form, t.title.to_lowercase()) {
                return Err(invalid(form, "duplicate title".into()));
            }
        }
        Ok(())
    }

    /// A word class: each of its words gets the class's bit.
    fn add_word_class(&mut self, c: RawWordClass, invalid: &Invalid) -> Result<()> {
        let (_, class) = WordClass::NAMES
            .iter()
            .find(|(n, _)| *n == c.class)
            .ok_or_else(|| invalid(&c.class, "unknown word class".into()))?;
        if c.words.is_empty() {
            return Err(invalid(&c.class, "the class has no words".into()));
        }
        for w in &c.words {
            not_blank(w, invalid)?;
            let bits = self.words.entry(w.to_lowercase()).or_default();
            if *bits & class.bit() != 0 {
                return Err(invalid(w, format!("listed twice in {}", c.class)));
            }
            *bits |= class.bit();
        }
        Ok(())
    }

    /// A frame, compiled; its literal anchor word or mark is remembered.
    fn add_frame(&mut self, f: RawFrame, invalid: &Invalid) -> Result<()> {
        if self.frames.iter().any(|g| g.id == f.id) {
            return Err(invalid(&f.id, "duplicate frame id".into()));
        }
        let frame = compile_frame(&f).map_err(|r| invalid(&f.id, r))?;
        match &frame.steps[frame.anchor].element {
            Element::Words(w) => self.anchor_words.extend(w.first().cloned()),
            Element::Punct(c) => {
                self.anchor_marks.insert(*c);
            }
            _ => {}
        }
        self.frames.push(frame);
        Ok(())
    }

    /// The pack file: one per grammar.
    fn add_pack(&mut self, mut raw: RawPack, invalid: &Invalid) -> Result<(u32, Vec<Example>)> {
        if self.pack.is_some() {
            return Err(invalid("kind", "a second pack file".into()));
        }
        let (version, examples) = (raw.version, std::mem::take(&mut raw.examples));
        self.pack = Some(Pack::validate(raw).map_err(|(e, r)| invalid(&e, r))?);
        Ok((version, examples))
    }

    pub(super) fn add_verb(&mut self, v: RawVerb) -> std::result::Result<(), (String, String)> {
        let default = ["quote", "that", "parenthetical"];
        let names: Vec<String> = match v.complements {
            Some(list) => list,
            None => default.iter().map(|s| s.to_string()).collect(),
        };
        let mut complements = 0;
        for n in &names {
            let c = Complement::from_name(n)
                .ok_or_else(|| (v.lemma.clone(), format!("unknown complement {n:?}")))?;
            complements |= c.bit();
        }
        if let Some(blank) = std::iter::once(&v.lemma)
            .chain(&v.forms)
            .find(|w| w.trim().is_empty())
        {
            return Err((blank.clone(), "empty word".into()));
        }
        let lemma = self.lemmas.len();
        let lemma_name = v.lemma.to_lowercase();
        for form in std::iter::once(&lemma_name).chain(&v.forms) {
            let form = form.to_lowercase();
            let inflection = if form == lemma_name {
                Inflection::Base
            } else if form.ends_with("ing") {
                Inflection::Participle
            } else if form.ends_with('s') && !form.ends_with("ss") {
                Inflection::Present
            } else {
                Inflection::Past
            };
            if self.verb_forms.contains_key(&form) && form != lemma_name {
                return Err((form, "verb form listed twice".into()));
            }
            self.verb_forms
                .entry(form)
                .or_insert(VerbForm { lemma, inflection });
        }
        if v.particle.as_deref().is_some_and(|p| p.trim().is_empty()) {
            return Err((v.lemma, "empty particle".into()));
        }
        self.lemmas.push(Lemma {
            name: lemma_name,
            stance: v.stance,
            particle: v.particle.map(|p| p.to_lowercase()),
            complements,
        });
        Ok(())
    }
}

/// Parses one grammar file as the kind it states. A syntax error names the
/// file, line and column.
fn parse_file(path: &Path, text: &str) -> Result<Kinds> {
    let syntax = |e: serde_yaml::Error| {
        let loc = e.location();
        Error::GrammarSyntax {
            path: path.to_path_buf(),
            line: loc.as_ref().map_or(0, |l| l.line()),
            column: loc.as_ref().map_or(0, |l| l.column()),
            message: e.to_string(),
        }
    };
    // A file that fails to parse reports what its header parse reports, if
    // that fails too: the YAML syntax error, which the typed parse may meet
    // only after a type error.
    let located =
        |e: serde_yaml::Error| syntax(serde_yaml::from_str::<RawHeader>(text).err().unwrap_or(e));
    // Most files state their kind on a plain line; reading it there saves
    // parsing the YAML twice.
    let kind = match plain_kind(text) {
        Some(kind) => kind.to_string(),
        None => {
            serde_yaml::from_str::<RawHeader>(text)
                .map_err(syntax)?
                .kind
        }
    };
    let invalid = |reason: String| Error::GrammarInvalid {
        path: path.to_path_buf(),
        entry: "kind".into(),
        reason,
    };
    let file = match kind.as_str() {
        "speech_verbs" => Kinds::SpeechVerbs(serde_yaml::from_str(text).map_err(located)?),
        "source_nouns" => Kinds::SourceNouns(serde_yaml::from_str(text).map_err(located)?),
        "named_sources" => Kinds::NamedSources(serde_yaml::from_str(text).map_err(located)?),
        "titles" => Kinds::Titles(serde_yaml::from_str(text).map_err(located)?),
        "word_classes" => Kinds::WordClasses(serde_yaml::from_str(text).map_err(located)?),
        "frames" => Kinds::Frames(serde_yaml::from_str(text).map_err(located)?),
        "pack" => Kinds::Pack(serde_yaml::from_str(text).map_err(located)?),
        other => return Err(invalid(format!("unknown grammar kind {other:?}"))),
    };
    if file.kind() != kind {
        let stated = file.kind();
        return Err(invalid(format!(
            "the file states two kinds, {kind:?} and {stated:?}"
        )));
    }
    Ok(file)
}

/// How a loader reports a bad entry: the entry and the reason.
type Invalid<'a> = dyn Fn(&str, String) -> Error + 'a;

/// The one loader of entry files: refuses an empty list, adds every entry
/// with `add`, and gives back the file's version and examples.
fn load_entries<E>(
    file: RawFile<E>,
    invalid: &Invalid,
    mut add: impl FnMut(E) -> Result<()>,
) -> Result<(u32, Vec<Example>)> {
    non_empty(file.entries.len(), invalid)?;
    for entry in file.entries {
        add(entry)?;
    }
    Ok((file.version, file.examples))
}

/// Refuses an empty or all-blank word, which no token can ever match.
pub(super) fn not_blank(word: &str, invalid: &dyn Fn(&str, String) -> Error) -> Result<()> {
    if word.trim().is_empty() {
        Err(invalid(word, "empty word".into()))
    } else {
        Ok(())
    }
}

/// Adds a source noun or name and its other spellings to `table`.
pub(super) fn add_source(
    table: &mut PhraseTable<SourceNoun>,
    name: &str,
    forms: &[String],
    source_type: &str,
    what: &str,
    invalid: &dyn Fn(&str, String) -> Error,
) -> Result<()> {
    let t = SourceType::from_name(source_type)
        .ok_or_else(|| invalid(name, format!("unknown type {source_type:?}")))?;
    for form in std::iter::once(name).chain(forms.iter().map(String::as_str)) {
        not_blank(form, invalid)?;
        let value = SourceNoun {
            name: name.to_string(),
            source_type: t,
        };
        if !table.insert(form, value) {
            return Err(invalid(form, format!("duplicate {what}")));
        }
    }
    Ok(())
}

pub(super) fn non_empty(n: usize, invalid: &dyn Fn(&str, String) -> Error) -> Result<()> {
    if n == 0 {
        Err(invalid("entries", "the file has no entries".into()))
    } else {
        Ok(())
    }
}

/// Compiles a frame entry: its steps parsed, its anchor found, its
/// complement and kind checked, and the sides that need a quotation noted.
pub(super) fn compile_frame(f: &RawFrame) -> std::result::Result<Frame, String> {
    let steps: Vec<Step> = f
        .pattern
        .iter()
        .map(|p| Step::parse(p))
        .collect::<std::result::Result<_, _>>()?;
    let anchor = frame_anchor(&steps)?;
    check_elements(&steps)?;
    let cues = steps.iter().filter(|s| s.element == Element::Cue).count();
    let requires = match (&f.requires, cues) {
        (Some(r), 1) => Some(Complement::from_name(r).ok_or(format!("unknown complement {r:?}"))?),
        (None, 0) => None,
        (None, _) => return Err("a frame with a $CUE must say which complement it requires".into()),
        (Some(_), _) => return Err("`requires` needs a $CUE in the pattern".into()),
    };
    let has_quote = steps.iter().any(|s| s.element == Element::Quote);
    let kind = match f.kind.as_deref() {
        Some("direct") => FrameKind::Direct,
        None | Some("content") if has_quote => FrameKind::Direct,
        None | Some("content") => FrameKind::Content,
        Some(k) => return Err(format!("unknown kind {k:?}")),
    };
    if !(0.0..=1.0).contains(&f.confidence) {
        return Err("confidence must lie between 0 and 1".into());
    }
    // Which side of the anchor a quotation must stand on.
    let quoted_side = |side: &[Step]| {
        side.iter().any(|s| {
            !s.optional
                && (s.element == Element::Quote
                    || s.element == Element::Content && f.content_quoted)
        })
    };
    let (quote_before, quote_after) = (
        quoted_side(&steps[..anchor]),
        quoted_side(&steps[anchor + 1..]),
    );
    Ok(Frame {
        id: f.id.clone(),
        steps,
        anchor,
        requires,
        kind,
        confidence: f.confidence,
        content_quoted: f.content_quoted,
        headline: f.headline,
        quote_before,
        quote_after,
        speaker_case: f.speaker_case.clone(),
    })
}

/// The step a frame is anchored on: its `$CUE`, else its first required
/// literal word, else its first required mark.
fn frame_anchor(steps: &[Step]) -> std::result::Result<usize, String> {
    let cues = steps.iter().filter(|s| s.element == Element::Cue).count();
    if cues > 1 {
        return Err("a frame has at most one $CUE".into());
    }
    let required =
        |pred: fn(&Element) -> bool| steps.iter().position(|s| pred(&s.element) && !s.optional);
    steps
        .iter()
        .position(|s| s.element == Element::Cue)
        .or_else(|| required(|e| matches!(e, Element::Words(_))))
        .or_else(|| required(|e| matches!(e, Element::Punct(_))))
        .ok_or_else(|| "a frame needs a $CUE, a literal word or a mark to anchor it".into())
}

/// The elements every frame needs: a `$SPEAKER`, exactly one of `$QUOTE`
/// and `$CONTENT`, and `$CONTENT` only at an end.
fn check_elements(steps: &[Step]) -> std::result::Result<(), String> {
    for (i, s) in steps.iter().enumerate() {
        if s.element == Element::Content && i != 0 && i != steps.len() - 1 {
            return Err("$CONTENT must be the first or the last element".into());
        }
    }
    if !steps.iter().any(|s| s.element == Element::Speaker) {
        return Err("a frame needs a $SPEAKER".into());
    }
    let has_quote = steps.iter().any(|s| s.element == Element::Quote);
    let has_content = steps.iter().any(|s| s.element == Element::Content);
    if has_quote == has_content {
        return Err("a frame needs exactly one of $QUOTE and $CONTENT".into());
    }
    Ok(())
}

pub(super) fn read_yaml_dir(dir: &Path) -> Result<Vec<(PathBuf, String)>> {
    let io = |path: &Path, source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            std::fs::read_to_string(&p)
                .map(|t| (p.clone(), t))
                .map_err(|e| io(&p, e))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_source_type_in_order() {
        for (i, t) in SourceType::ALL.iter().enumerate() {
            // Exhaustive: a new kind of source fails to compile here until
            // it is given its place, here and in `ALL`.
            let place = match t {
                SourceType::Person => 0,
                SourceType::Organization => 1,
                SourceType::Outlet => 2,
                SourceType::Document => 3,
                SourceType::Anonymous => 4,
                SourceType::Unknown => 5,
            };
            assert_eq!(place, i, "{t:?}");
        }
    }

    fn load(name: &str, text: &str) -> Result<Grammar> {
        let mut sources: Vec<(PathBuf, String)> = BUNDLED_EN
            .iter()
            .filter(|(n, _)| *n != name)
            .map(|(n, t)| (PathBuf::from(n), t.to_string()))
            .collect();
        sources.push((PathBuf::from(name), text.to_string()));
        Grammar::from_sources(sources)
    }

    #[test]
    fn bundled_grammar_loads() {
        let g = Grammar::bundled();
        assert!(g.verb("said").is_some());
        assert!(!g.frames().is_empty());
    }

    #[test]
    fn frames_know_which_side_needs_a_quotation() {
        let g = Grammar::bundled();
        let sides = |id: &str| {
            let f = g.frames().iter().find(|f| f.id == id).unwrap();
            (f.quote_before, f.quote_after)
        };
        assert_eq!(sides("quote_speaker_cue"), (true, false));
        assert_eq!(sides("speaker_cue_quote"), (false, true));
        assert_eq!(sides("speaker_cue_that"), (false, false));
        // Mixed content must hold a quotation, on its own side.
        assert_eq!(sides("mixed_speaker_cue"), (true, false));
        assert_eq!(sides("speaker_cue_mixed"), (false, true));
        assert_eq!(sides("quote_dash_speaker"), (true, false));
    }

    #[test]
    fn files_list_every_entry_with_its_examples() {
        let g = Grammar::bundled();
        let file = |kind: &str| g.files().iter().find(|f| f.kind == kind).unwrap();
        let ids: Vec<&str> = file("frames")
            .entries
            .iter()
            .map(|e| e.entry.as_str())
            .collect();
        let compiled: Vec<&str> = g.frames().iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, compiled);
        let verbs = &file("speech_verbs").entries;
        assert_eq!(verbs.len(), g.lemmas().len());
        assert!(verbs.iter().any(|e| !e.examples.is_empty()));
        assert!(file("word_classes")
            .entries
            .iter()
            .all(|e| e.examples.is_empty()));
    }

    #[test]
    fn a_kind_written_otherwise_is_read_from_the_yaml_and_must_be_single() {
        let flow = load(
            "titles.yaml",
            "{kind: titles, version: 1, entries: [{title: aide}]}\n",
        );
        assert!(flow.unwrap().title(&["aide"]).is_some());
        let twice = load(
            "titles.yaml",
            "kind: frames\nversion: 1\nentries: []\nkind: titles\n",
        );
        let err = twice.unwrap_err().to_string();
        assert!(err.contains("kind"), "{err}");
        // A `kind:` line inside a multi-line quoted value is no key: the
        // plain read says titles, the YAML says frames, and the file is
        // refused rather than read as the wrong kind.
        let hidden = load(
            "titles.yaml",
            "version: 1\nentries: [{title: \"aide\nkind: titles\nx\"}]\nkind: frames\n",
        );
        let err = hidden.unwrap_err().to_string();
        assert!(err.contains("two kinds"), "{err}");
    }

    #[test]
    fn lexicon_keys_pack_bytes_and_length() {
        let reference = |w: &str| {
            let pack = |b: &[u8]| b.iter().rev().fold(0u64, |k, &x| k << 8 | u64::from(x));
            let (head, tail) = w.as_bytes().split_at(w.len().min(8));
            (pack(head), pack(tail) | (w.len() as u64) << 56)
        };
        for w in [
            "",
            "a",
            "said",
            "accuse",
            "according",
            "spokeswoman",
            "ça",
            "fifteen_bytes__",
        ] {
            assert_eq!(Lexicon::key(w), Some(reference(w)), "{w}");
        }
        // Trailing NUL bytes are told apart by the length.
        assert_ne!(Lexicon::key("a"), Lexicon::key("a\0"));
        assert_eq!(Lexicon::key("sixteen_bytes___"), None);
    }

    #[test]
    fn phrases_are_words_unless_an_entry_word_starts_with_a_mark() {
        assert!(Grammar::bundled().phrases_are_words());
        let marked = load(
            "titles.yaml",
            "kind: titles\nversion: 1\nentries:\n  - {title: aide}\n  - {title: \"- chief\"}\n",
        )
        .unwrap();
        assert!(!marked.phrases_are_words());
    }

    #[test]
    fn frames_are_grouped_by_anchor_kind_in_priority_order() {
        let g = Grammar::bundled();
        let anchored = g.anchored_frames();
        let kind = |i: usize| {
            let f = &g.frames()[i];
            std::mem::discriminant(&f.steps[f.anchor].element)
        };
        for list in [&anchored.cue, &anchored.words, &anchored.mark] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
            assert!(list.iter().all(|&i| kind(i) == kind(list[0])));
        }
        let mut all: Vec<usize> = [&anchored.cue[..], &anchored.words, &anchored.mark].concat();
        all.sort_unstable();
        assert_eq!(all, (0..g.frames().len()).collect::<Vec<_>>());
        assert!(g.frames()[anchored.words[0]].id.contains("according"));
    }

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let err = load(
            "titles.yaml",
            "kind: titles\nversion: 1\nentries:\n  - {title: x, colour: red}\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("titles.yaml:4:"), "{err}");
        assert!(err.contains("colour"), "{err}");
    }

    #[test]
    fn duplicates_and_empty_lists_are_refused() {
        let dup = load(
            "titles.yaml",
            "kind: titles\nversion: 1\nentries:\n  - {title: aide}\n  - {title: Aide}\n",
        );
        assert!(dup.unwrap_err().to_string().contains("duplicate title"));
        let empty = load("titles.yaml", "kind: titles\nversion: 1\nentries: []\n");
        assert!(empty.unwrap_err().to_string().contains("no entries"));
    }

    #[test]
    fn bad_frames_are_refused() {
        let text = "kind: frames\nversion: 1\nentries:\n  - {id: x, pattern: [$CONTENT, $CUE, $CONTENT], requires: that, confidence: 0.5}\n";
        let err = load("frames.yaml", text).unwrap_err().to_string();
        assert!(err.contains("frames.yaml: entry x"), "{err}");
    }
}
