//! The grammar's vocabulary types: kinds of source, word classes,
//! inflections, verb forms, lemmas and source nouns.

use super::frame::Complement;

/// The kind of source a speaker is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum SourceType {
    /// A named or described person.
    Person,
    /// A body: a government, an office, a company, a campaign.
    Organization,
    /// A news outlet.
    Outlet,
    /// A document: a statement, a report, a letter.
    Document,
    /// An unnamed person (`a White House official`).
    Anonymous,
    /// Not known.
    Unknown,
}
impl SourceType {
    /// Every kind of source, in declaration order.
    pub const ALL: [SourceType; 6] = [
        SourceType::Person,
        SourceType::Organization,
        SourceType::Outlet,
        SourceType::Document,
        SourceType::Anonymous,
        SourceType::Unknown,
    ];

    pub(super) fn from_name(name: &str) -> Option<SourceType> {
        Some(match name {
            "person" => SourceType::Person,
            "organization" => SourceType::Organization,
            "outlet" => SourceType::Outlet,
            "document" => SourceType::Document,
            "anonymous" => SourceType::Anonymous,
            _ => return None,
        })
    }
}

/// A closed word class from `word_classes.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordClass {
    /// `the`, `a`, `his`…
    Determiner,
    /// Subject pronouns of people: `he`, `she`, `I`, `we`.
    PersonPronoun,
    /// Subject pronouns of groups or things: `they`, `it`.
    GroupPronoun,
    /// Object pronouns: `him`, `her`, `them`.
    ObjectPronoun,
    /// Adverbs that may stand between a speaker and a cue (`also`, `later`).
    Adverb,
    /// Auxiliaries before a cue (`has`, `had`, `will`).
    Auxiliary,
    /// Passive auxiliaries (`was`, `were`, `been`).
    PassiveAuxiliary,
    /// Prepositions that open an adjunct (`on`, `in`, `during`).
    Preposition,
    /// Days, months and time words; never part of a name.
    TimeWord,
    /// Words that open a clause (`and`, `but`, `while`).
    ClauseOpener,
    /// Lower-case modifiers allowed in a speaker phrase (`former`, `senior`).
    SpeakerModifier,
    /// Abbreviations ending in a period (`mr.`, `u.s.`).
    Abbreviation,
    /// Abbreviations that always precede a name and never end a sentence (`mr.`, `sen.`).
    NamePrefix,
    /// Capitalised words that are never names (`However`, `Meanwhile`).
    NotAName,
    /// Words that open a modifier after a speaker (`familiar with`, `who`).
    SpeakerPostmodifier,
    /// Relative pronouns that open a clause after a description (`who`, `which`).
    RelativePronoun,
    /// Determiners that can stand for people on their own (`one said`, `said another`).
    StandaloneDeterminer,
    /// Events a statement is made at (`conference`, `rally`), never a speaker's setting.
    EventNoun,
    /// Relative pronouns that can be the subject of a cue (`…, who said`).
    SubjectRelative,
    /// Indefinite determiners, which introduce something new (`a report`).
    Indefinite,
    /// Courtesy titles that say nothing of a role (`Mr.`, `Ms`).
    Honorific,
    /// Kickers and rubrics before a headline colon, never sources (`Wow:`,
    /// `The Latest:`).
    HeadlineKicker,
    /// Words of an adverbial aside between commas (`for example`, `in turn`).
    Aside,
    /// Finite verb forms that are never nouns (`began`, `held`, `should`):
    /// they end a subject, never head it.
    FiniteVerb,
    /// Words in `-ing` that are prepositions, not participles (`including`,
    /// `during`): they open no participle clause.
    IngPreposition,
    /// The word that opens a reported clause (`that`).
    Complementizer,
    /// The marker of an infinitive (`to`): `pledged to "cancel"`, `took to Twitter to accuse`.
    InfinitiveMarker,
    /// Conjunctions that coordinate a second verb with the first (`and`, `but`).
    Coordinator,
    /// Words that open a contrasting clause after a content (`but`, `while`, `although`).
    ContrastOpener,
    /// Words that open a later attribution after a content (`according`).
    AttributionOpener,
    /// The passive auxiliary of a perfect (`been` of `has been told`).
    PerfectPassive,
    /// Prepositions that open a time adjunct by themselves (`during`).
    TimePreposition,
    /// Prepositions that open the medium of a cue before a name (`on` of `on Twitter`).
    MediumPreposition,
    /// Prepositions that open a described speaker's setting (`one source on the panel`).
    SettingPreposition,
    /// Prepositions that open a speaker's postmodifier before the cue (`one analyst at the briefing said`).
    PostmodifierPreposition,
    /// Prepositions that open an appositive of origin after a speaker (`of the Brookings Institution`).
    OriginPreposition,
    /// Prepositions that open a named person's employer (`Chris Low at FTN Financial`).
    EmployerPreposition,
    /// Prepositions that open a document adjunct after a cue (`in a statement`).
    DocumentPreposition,
    /// Pronouns that stand for an earlier person speaker (`he`, `she`).
    PersonAnaphor,
    /// Conjunctions after which a relative pronoun shares the antecedent of
    /// the relative pronoun before it (`who leads the union and who said`).
    RelativeConjunction,
    /// Words that join a name to what it is of (`Ministry of Mining`).
    NameJoiner,
    /// Prepositions that attach the body a described source speaks for
    /// (`a spokesman for the campaign`, `an analyst at BTIG`).
    AffiliationPreposition,
    /// Verb forms of the mood of reported speech (German Konjunktiv I:
    /// `sei`, `habe`), which carry a claim's speaker into later sentences.
    ReportedMood,
}

impl WordClass {
    pub(super) const NAMES: [(&'static str, WordClass); 43] = [
        ("determiner", WordClass::Determiner),
        ("person_pronoun", WordClass::PersonPronoun),
        ("group_pronoun", WordClass::GroupPronoun),
        ("object_pronoun", WordClass::ObjectPronoun),
        ("adverb", WordClass::Adverb),
        ("auxiliary", WordClass::Auxiliary),
        ("passive_auxiliary", WordClass::PassiveAuxiliary),
        ("preposition", WordClass::Preposition),
        ("time_word", WordClass::TimeWord),
        ("clause_opener", WordClass::ClauseOpener),
        ("speaker_modifier", WordClass::SpeakerModifier),
        ("abbreviation", WordClass::Abbreviation),
        ("name_prefix", WordClass::NamePrefix),
        ("not_a_name", WordClass::NotAName),
        ("speaker_postmodifier", WordClass::SpeakerPostmodifier),
        ("relative_pronoun", WordClass::RelativePronoun),
        ("standalone_determiner", WordClass::StandaloneDeterminer),
        ("event_noun", WordClass::EventNoun),
        ("subject_relative", WordClass::SubjectRelative),
        ("indefinite", WordClass::Indefinite),
        ("finite_verb", WordClass::FiniteVerb),
        ("honorific", WordClass::Honorific),
        ("headline_kicker", WordClass::HeadlineKicker),
        ("aside", WordClass::Aside),
        ("ing_preposition", WordClass::IngPreposition),
        ("complementizer", WordClass::Complementizer),
        ("infinitive_marker", WordClass::InfinitiveMarker),
        ("coordinator", WordClass::Coordinator),
        ("contrast_opener", WordClass::ContrastOpener),
        ("attribution_opener", WordClass::AttributionOpener),
        ("perfect_passive", WordClass::PerfectPassive),
        ("time_preposition", WordClass::TimePreposition),
        ("medium_preposition", WordClass::MediumPreposition),
        ("setting_preposition", WordClass::SettingPreposition),
        (
            "postmodifier_preposition",
            WordClass::PostmodifierPreposition,
        ),
        ("origin_preposition", WordClass::OriginPreposition),
        ("employer_preposition", WordClass::EmployerPreposition),
        ("document_preposition", WordClass::DocumentPreposition),
        ("person_anaphor", WordClass::PersonAnaphor),
        ("relative_conjunction", WordClass::RelativeConjunction),
        ("name_joiner", WordClass::NameJoiner),
        ("affiliation_preposition", WordClass::AffiliationPreposition),
        ("reported_mood", WordClass::ReportedMood),
    ];

    pub(super) fn bit(self) -> u64 {
        1 << (self as u32)
    }
}

/// The set of closed classes a word belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordClasses(pub(super) u64);

impl WordClasses {
    /// Whether the set holds `class`.
    pub fn has(self, class: WordClass) -> bool {
        self.0 & class.bit() != 0
    }
}

/// How a verb form is inflected, as far as frames care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inflection {
    /// The dictionary form (`say`).
    Base,
    /// Third person present (`says`).
    Present,
    /// Past tense or past participle (`said`, `confirmed`).
    Past,
    /// Present participle (`saying`).
    Participle,
}

/// One inflected form of a speech verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerbForm {
    /// Index into [`Grammar::lemma`].
    pub lemma: usize,
    /// Its inflection.
    pub inflection: Inflection,
}

/// A speech verb.
#[derive(Debug, Clone)]
pub struct Lemma {
    /// Dictionary form.
    pub name: String,
    /// Stance (neutral, denial, belief…).
    pub stance: String,
    /// The particle that completes the verb (`out` in `point out`).
    pub particle: Option<String>,
    pub(super) complements: u16,
}

impl Lemma {
    /// Whether the verb takes `c`.
    pub fn allows(&self, c: Complement) -> bool {
        self.complements & c.bit() != 0
    }

    /// Every complement the verb allows, as [`Complement::bit`]s.
    pub fn complements(&self) -> u16 {
        self.complements
    }
}

/// A noun or name that identifies a kind of source.
#[derive(Debug, Clone)]
pub struct SourceNoun {
    /// The canonical spelling.
    pub name: String,
    /// The type of source it denotes.
    pub source_type: SourceType,
}
