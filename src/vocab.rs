//! The vocabulary (`data/vocabulary.toml`): header words, status words, colour words,
//! section words, labels and joiners, loaded into matchers. The data is compiled in, and
//! a user's edited copy can replace it (`--vocabulary FILE`).

use std::collections::BTreeMap;

use regex::Regex;
use serde::Deserialize;

use crate::colour::Hue;

/// The record fields a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The record's own number.
    Id,
    /// What is to be done.
    Activity,
    /// The area the record sits under.
    Area,
    /// The goal the record sits under.
    Goal,
    /// Responsible units.
    Responsible,
    /// When.
    Timeframe,
    /// Status.
    Status,
    /// Comment.
    Comment,
    /// Follow-up or indicator.
    FollowUp,
    /// Cost or budget.
    Cost,
}

impl Field {
    const ALL: [(&'static str, Field); 10] = [
        ("id", Field::Id),
        ("activity", Field::Activity),
        ("area", Field::Area),
        ("goal", Field::Goal),
        ("responsible", Field::Responsible),
        ("timeframe", Field::Timeframe),
        ("status", Field::Status),
        ("comment", Field::Comment),
        ("follow_up", Field::FollowUp),
        ("cost", Field::Cost),
    ];
}

/// A normalized status.
///
/// ```
/// assert_eq!(planlift::Status::InProgress.name(), "in_progress");
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Implemented or finished.
    Done,
    /// Started, ongoing.
    InProgress,
    /// Not started yet.
    NotStarted,
    /// Dropped.
    Cancelled,
    /// A status is given but cannot be read.
    Unknown,
}

impl Status {
    fn from_name(name: &str) -> Option<Status> {
        Some(match name {
            "done" => Status::Done,
            "in_progress" => Status::InProgress,
            "not_started" => Status::NotStarted,
            "cancelled" => Status::Cancelled,
            "unknown" => Status::Unknown,
            _ => return None,
        })
    }

    /// The output name (`done`, `in_progress`, …).
    pub fn name(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::InProgress => "in_progress",
            Status::NotStarted => "not_started",
            Status::Cancelled => "cancelled",
            Status::Unknown => "unknown",
        }
    }
}

/// The file as written.
#[derive(Deserialize)]
struct Raw {
    headers: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    grouping: Grouping,
    #[serde(default)]
    matrix: MatrixWords,
    #[serde(default)]
    marks: MarkWords,
    status: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    status_modifiers: StatusModifiers,
    #[serde(default)]
    signs: BTreeMap<String, Vec<String>>,
    colours: BTreeMap<String, Vec<String>>,
    hue_status: BTreeMap<String, String>,
    sections: Sections,
    cells: Cells,
    responsible: Responsible,
    periods: Periods,
    kinds: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize, Default, Debug)]
struct Grouping {
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    completion: Vec<String>,
    #[serde(default)]
    names: Vec<String>,
}

#[derive(Deserialize, Default, Debug)]
struct MarkWords {
    #[serde(default)]
    ticks: Vec<String>,
    #[serde(default)]
    horizons: Vec<String>,
}

#[derive(Deserialize, Default, Debug)]
struct MatrixWords {
    #[serde(default)]
    organisation: Vec<String>,
}

#[derive(Deserialize, Default, Debug)]
struct StatusModifiers {
    #[serde(default)]
    negators: Vec<String>,
    #[serde(default)]
    completely: Vec<String>,
    #[serde(default)]
    partial: Vec<String>,
}

/// What a status sign (✓, ○, 🟢) says: a status, or a hue to read through the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// The sign states a status.
    Status(Status),
    /// The sign is a coloured mark.
    Hue(Hue),
}

#[derive(Deserialize)]
struct Sections {
    goal: Vec<String>,
    area: Vec<String>,
}

#[derive(Deserialize)]
struct Cells {
    implementation: Vec<String>,
    #[serde(default)]
    note_labels: Vec<String>,
    #[serde(default)]
    updated_lines: Vec<String>,
    #[serde(default)]
    contents: Vec<String>,
    #[serde(default)]
    total_labels: Vec<String>,
    #[serde(default)]
    legend_titles: Vec<String>,
    #[serde(default)]
    continued: Vec<String>,
}

#[derive(Deserialize)]
struct Responsible {
    separators: Vec<String>,
    joiners: Vec<String>,
    #[serde(default)]
    conjunctions: Vec<String>,
    #[serde(default)]
    title_case_languages: Vec<String>,
    #[serde(default)]
    heads: Vec<String>,
    #[serde(default)]
    legal_forms: Vec<String>,
    #[serde(default)]
    definite_endings: Vec<String>,
    #[serde(default)]
    not_definite: Vec<String>,
    #[serde(default)]
    definite_articles: Vec<String>,
    #[serde(default)]
    roles: Vec<String>,
}

#[derive(Deserialize)]
struct Periods {
    words: Vec<String>,
}

/// The loaded vocabulary with its matchers.
#[derive(Debug)]
pub struct Vocabulary {
    headers: Vec<(String, Field)>,
    grouping: Vec<String>,
    completion: Vec<String>,
    item_names: Vec<String>,
    organisation: Vec<String>,
    /// Status phrases, longest first.
    status: Vec<(String, Status)>,
    modifiers: StatusModifiers,
    /// Status signs, longest first.
    signs: Vec<(String, Sign)>,
    colours: Vec<(String, Hue)>,
    hue_status: Vec<(Hue, Status)>,
    /// Words opening a goal section or heading.
    pub goal_words: Vec<String>,
    /// Words opening an area section or heading.
    pub area_words: Vec<String>,
    /// Matches an implementation label and its colon.
    pub implementation: Regex,
    /// Matches a responsible separator or joiner.
    pub responsible_split: Regex,
    /// Matches a conjunction between two responsible units (` och `, ` and `).
    pub responsible_conjunction: Regex,
    /// Last words that make a unit of their own (`förvaltningen`, `department`).
    pub unit_heads: Vec<String>,
    /// Languages whose unit names are capitalised throughout.
    pub title_case_languages: Vec<String>,
    /// Legal forms that end a company's name (`AB`, `AS`, `KF`), as written.
    pub legal_forms: Vec<String>,
    /// Endings of definite nouns (`-en`, `-ene`), lower case: such a noun names a unit.
    pub definite_endings: Vec<String>,
    /// Endings of indefinite words that look definite (`-het`, `vatten`), lower case.
    pub not_definite: Vec<String>,
    /// Definite articles that open a unit's name (`the`), lower case.
    pub definite_articles: Vec<String>,
    /// People named by their role in the plural (`principals`, `rektorer`), lower case:
    /// a unit by themselves even as one word.
    pub unit_roles: Vec<String>,
    /// Labels of a source or note line under a table (`källa`, `note`), lower case.
    pub note_labels: Vec<String>,
    /// Openings of a line that dates the document (`Sist oppdatert`, `Last updated`),
    /// lower case.
    pub updated_lines: Vec<String>,
    /// Titles of a table of contents (`Innehåll`, `Sisällys`, `Contents`), lower case.
    pub contents: Vec<String>,
    /// Words that open a row of totals (`totalt`, `i alt`, `yhteensä`), lower case.
    pub total_labels: Vec<String>,
    /// Titles of a status legend set in a table under its records (`Teckenförklaring`).
    pub legend_titles: Vec<String>,
    /// Marks after a title that it goes on from the page before (`forts.`, `jatkuu`),
    /// lower case.
    pub continued: Vec<String>,
    /// Words allowed in a period besides years.
    pub period_words: Vec<String>,
    /// What a ticked cell of a matrix of marks holds (`x`, `✓`), lower case.
    ticks: Vec<String>,
    /// Times without a year (`Kort sikt`, `Q1`), normalized as headers.
    horizons: Vec<String>,
    kinds: Vec<(String, Vec<String>)>,
}

const DEFAULT: &str = include_str!("../data/vocabulary.toml");

impl Vocabulary {
    /// The vocabulary shipped with planlift.
    pub fn builtin() -> &'static Vocabulary {
        static V: std::sync::OnceLock<Vocabulary> = std::sync::OnceLock::new();
        V.get_or_init(|| Vocabulary::parse(DEFAULT).expect("the built-in vocabulary parses"))
    }

    /// Parses a vocabulary file.
    pub fn parse(text: &str) -> Result<Vocabulary, String> {
        let raw: Raw = toml::from_str(text).map_err(|e| crate::error::one_line(&e.to_string()))?;
        let mut headers = Vec::new();
        for (name, words) in &raw.headers {
            let field = Field::ALL
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, f)| *f)
                .ok_or_else(|| format!("unknown field [headers].{name}"))?;
            headers.extend(words.iter().map(|w| (normalize_header(w), field)));
        }
        let mut status = Vec::new();
        for (name, words) in &raw.status {
            let s = Status::from_name(name).ok_or_else(|| format!("unknown status {name}"))?;
            status.extend(words.iter().map(|w| (w.to_lowercase(), s)));
        }
        status.sort_by_key(|(phrase, _)| std::cmp::Reverse(phrase.chars().count()));
        let mut signs = Vec::new();
        for (name, marks) in &raw.signs {
            let sign = match (Status::from_name(name), Hue::from_name(name)) {
                (Some(s), _) => Sign::Status(s),
                (None, Some(h)) => Sign::Hue(h),
                (None, None) => return Err(format!("unknown status or colour [signs].{name}")),
            };
            signs.extend(marks.iter().map(|m| (m.trim().to_string(), sign)));
        }
        signs.sort_by_key(|(mark, _)| std::cmp::Reverse(mark.len()));
        let modifiers = StatusModifiers {
            negators: lower(&raw.status_modifiers.negators),
            completely: lower(&raw.status_modifiers.completely),
            partial: lower(&raw.status_modifiers.partial),
        };
        let mut colours = Vec::new();
        for (name, words) in &raw.colours {
            let hue = Hue::from_name(name).ok_or_else(|| format!("unknown colour {name}"))?;
            colours.extend(words.iter().map(|w| (w.to_lowercase(), hue)));
        }
        let mut hue_status = Vec::new();
        for (hue, status) in &raw.hue_status {
            let hue = Hue::from_name(hue).ok_or_else(|| format!("unknown colour {hue}"))?;
            let s = Status::from_name(status).ok_or_else(|| format!("unknown status {status}"))?;
            hue_status.push((hue, s));
        }
        let implementation = alternation(&raw.cells.implementation, r"(?:^|[\s(])", r"\s*:");
        let mut pieces: Vec<String> = raw
            .responsible
            .separators
            .iter()
            .map(|s| {
                if s == "\n" {
                    r"\n".to_string()
                } else {
                    regex::escape(s)
                }
            })
            .collect();
        let mut joiners = raw.responsible.joiners.clone();
        joiners.sort_by_key(|j| std::cmp::Reverse(j.len()));
        pieces.extend(
            joiners
                .iter()
                .map(|j| format!(r"\s+{}\s+", words_pattern(j))),
        );
        let responsible_split = Regex::new(&format!("(?i){}", pieces.join("|")))
            .map_err(|e| format!("bad responsible pattern: {e}"))?;
        let conjunctions: Vec<String> = raw
            .responsible
            .conjunctions
            .iter()
            .map(|c| words_pattern(c))
            .collect();
        let responsible_conjunction = Regex::new(&format!(
            r"(?i)\s+(?:{})\s+",
            if conjunctions.is_empty() {
                "$^".to_string()
            } else {
                conjunctions.join("|")
            }
        ))
        .map_err(|e| format!("bad conjunction pattern: {e}"))?;
        let order = ["status_report", "strategy", "action_plan"];
        let kinds = order
            .iter()
            .filter_map(|k| raw.kinds.get(*k).map(|w| (k.to_string(), lower(w))))
            .collect();
        Ok(Vocabulary {
            headers,
            grouping: headers_of(&raw.grouping.words),
            completion: headers_of(&raw.grouping.completion),
            item_names: headers_of(&raw.grouping.names),
            organisation: headers_of(&raw.matrix.organisation),
            status,
            modifiers,
            signs,
            colours,
            hue_status,
            goal_words: lower(&raw.sections.goal),
            area_words: lower(&raw.sections.area),
            implementation: implementation?,
            responsible_split,
            responsible_conjunction,
            unit_heads: lower(&raw.responsible.heads),
            title_case_languages: lower(&raw.responsible.title_case_languages),
            legal_forms: raw.responsible.legal_forms.clone(),
            definite_endings: lower(&raw.responsible.definite_endings),
            not_definite: lower(&raw.responsible.not_definite),
            definite_articles: lower(&raw.responsible.definite_articles),
            unit_roles: lower(&raw.responsible.roles),
            note_labels: lower(&raw.cells.note_labels),
            updated_lines: lower(&raw.cells.updated_lines),
            contents: lower(&raw.cells.contents),
            total_labels: lower(&raw.cells.total_labels),
            legend_titles: lower(&raw.cells.legend_titles),
            continued: lower(&raw.cells.continued),
            period_words: lower(&raw.periods.words),
            ticks: lower(&raw.marks.ticks),
            horizons: headers_of(&raw.marks.horizons),
            kinds,
        })
    }

    /// Whether a line opens with a note's label and a colon (`Källa: SCB`, `Kilde: …`,
    /// `Note: …`): a source or note set under a table or a footnote.
    /// A line that says, with its year, when the document was last updated (`Sist
    /// oppdatert 15.12.2025 av Kulturenheten`, `Last updated: 3 March 2026`) is a note too.
    pub fn labels_note(&self, line: &str) -> bool {
        let labelled = line
            .split_once(':')
            .is_some_and(|(label, _)| listed(&self.note_labels, label));
        let lower = line.trim_start().to_lowercase();
        let dated = self.updated_lines.iter().any(|w| {
            lower
                .strip_prefix(w.as_str())
                .is_some_and(|rest| rest.starts_with([' ', ':']))
        }) && !crate::normalize::period::years(line).is_empty();
        labelled || dated
    }

    /// Whether a line titles a table of contents (`Innehållsförteckning`, `Sisällys:`).
    pub fn is_contents_word(&self, line: &str) -> bool {
        listed(&self.contents, line)
    }

    /// Whether a line is a note's label alone (`Bemærkninger`, `Anmärkningar:`).
    pub fn is_note_label(&self, line: &str) -> bool {
        listed(&self.note_labels, line)
    }

    /// A title without its mark that it goes on from the page before (`2.2 Samtalsstöd
    /// (forts.)` → `2.2 Samtalsstöd`); `None` for a title without one.
    pub fn continued_title<'t>(&self, title: &'t str) -> Option<&'t str> {
        let t = title.trim_end();
        // In brackets, after a dash, or an abbreviation after the title (`forts.`); a
        // last word alone is the title's own (`Skolan fortsätter`).
        let (head, mark) = match t.strip_suffix(')') {
            Some(inner) => inner.rsplit_once('(')?,
            None => match t.rsplit_once([' ', '–', '—', '-']) {
                Some((head, mark)) if head.ends_with(['–', '—', '-']) || mark.ends_with('.') => {
                    (head, mark)
                }
                _ => return None,
            },
        };
        let mark = mark.trim().to_lowercase();
        (!head.trim().is_empty() && self.continued.contains(&mark))
            .then(|| head.trim_end_matches([' ', '–', '—', '-', ',']))
    }

    /// The number of a text that is the activity word and a number alone (`Åtgärd 4`,
    /// `Tiltak 2.1`): a measure's badge over its title.
    pub fn measure_badge<'t>(&self, text: &'t str) -> Option<&'t str> {
        static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
        let re = RE.get_or_init(|| {
            Regex::new(r"^\s*(\p{L}+)\s+(\d{1,2}(?:\.\d{1,2}){0,2})\.?\s*$").expect("valid regex")
        });
        let c = re.captures(text)?;
        (self.header_field(&c[1]) == Some(Field::Activity))
            .then(|| c.get(2).map_or("", |m| m.as_str()))
    }

    /// The field a column header names, if any: exact words first, then the parts of a
    /// combination (`Aktivitet/åtgärd`), then the first word (`Ansvarig förvaltning`).
    pub fn header_field(&self, header: &str) -> Option<Field> {
        let h = normalize_header(header);
        if h.is_empty() || h.chars().count() > 60 {
            return None;
        }
        let exact = |s: &str| self.headers.iter().find(|(w, _)| w == s).map(|(_, f)| *f);
        if let Some(f) = exact(&h) {
            return Some(f);
        }
        // A word a narrow header broke with a hyphen of its own (`Gjennom-føres`,
        // `Samarbeids-partnere`): the word whole.
        let whole = unbroken(&h);
        if let Some(f) = exact(&whole) {
            return Some(f);
        }
        let parts: Vec<&str> = h
            .split(['/', ',', '&', '(', ')'])
            .flat_map(|p| {
                p.split(" och ")
                    .flat_map(|q| q.split(" og "))
                    .flat_map(|q| q.split(" and "))
                    .flat_map(|q| q.split(" ja "))
            })
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        // Of parts that name several fields, the activity names the column (`Mål och
        // aktiviteter`: the goals stand as rows among the activities), else the first.
        let named: Vec<Field> = parts.iter().filter_map(|p| exact(p)).collect();
        if named.contains(&Field::Activity) {
            return Some(Field::Activity);
        }
        if let Some(f) = named.first() {
            return Some(*f);
        }
        // The first word names the column when the rest qualifies it (`Ansvarig
        // förvaltning`, `Responsible for delivery`), not when it is a clause
        // (`Aktiviteten är klar`).
        let words: Vec<&str> = h.split_whitespace().collect();
        // A year or a unit in brackets after one word qualifies it (`Budget 2025 (tkr)`).
        let kept = words.len()
            - words
                .iter()
                .rev()
                .take_while(|w| is_year_or_unit(w))
                .count();
        if let [word] = &words[..kept] {
            if kept < words.len() && word.chars().all(char::is_alphabetic) {
                if let Some(f) = exact(word) {
                    return Some(f);
                }
            }
        }
        const LINKS: [&str; 14] = [
            "for", "för", "før", "of", "av", "af", "i", "in", "på", "til", "till", "to", "/", "&",
        ];
        if words.len() <= 2 || LINKS.contains(&words[1]) {
            if let Some(f) = words.first().and_then(|w| exact(w)) {
                return Some(f);
            }
        }
        // A compound names what its last part names (`Nämndmål`, `Huvudaktivitet`,
        // `Projektansvarig`): Nordic compounds put the head word last.
        match words.as_slice() {
            [word] => self.compound_head(word),
            _ => None,
        }
    }

    /// Whether `text` is itself one of the header words (no combination, first word or
    /// compound reading).
    pub fn is_header_word(&self, text: &str) -> bool {
        let h = normalize_header(text);
        self.headers.iter().any(|(w, _)| *w == h)
    }

    /// The field of a one-word compound whose last part is a header word of three or
    /// more letters, after a first part of three or more (the longest such head wins).
    fn compound_head(&self, word: &str) -> Option<Field> {
        let letters = word.chars().count();
        self.headers
            .iter()
            .filter(|(w, _)| !w.contains(' ') && w.chars().count() >= 3)
            .filter(|(w, _)| letters >= w.chars().count() + 3 && word.ends_with(w.as_str()))
            .max_by_key(|(w, _)| w.len())
            .map(|(_, f)| *f)
    }

    /// Whether an activity header names a group of activities (`Indsatser` beside
    /// `Aktiviteter`), from `[grouping]`.
    pub fn groups_activities(&self, header: &str) -> bool {
        self.grouping.contains(&normalize_header(header))
    }

    /// Whether a label (without its colon) says how a measure is carried out
    /// (`Gjennomføring`, `Toteutus`, `Exempel på genomförande`).
    pub fn labels_implementation(&self, label: &str) -> bool {
        self.implementation.is_match(&format!("{}:", label.trim()))
    }

    /// Whether a column's header names its items without saying what they are
    /// (`Namn`, `Navn`, `Name`, `Nimi`: the first column of a follow-up system's
    /// export), from `[grouping] names`.
    pub fn names_items(&self, header: &str) -> bool {
        self.item_names.contains(&normalize_header(header))
    }

    /// Whether a status column's header names a share done (`Fremdrift`, `Färdiggrad`,
    /// `% complete`), from `[grouping] completion`.
    pub fn names_completion(&self, header: &str) -> bool {
        self.completion.contains(&normalize_header(header))
    }

    /// Whether a column header names the organisations of a responsibility matrix
    /// (`Förvaltning/Bolag`, `Enhet`), from `[matrix]`: the whole header or one of its
    /// `/`-separated parts.
    pub fn names_organisation(&self, header: &str) -> bool {
        let h = normalize_header(header);
        self.organisation.contains(&h)
            || (h.contains('/')
                && h.split('/')
                    .all(|p| self.organisation.contains(&p.trim().to_string())))
    }

    /// Whether a cell's whole text is a tick of a matrix of marks (`X`, `✓`), from
    /// `[marks]`.
    pub fn is_tick(&self, text: &str) -> bool {
        let t = text.trim().to_lowercase();
        !t.is_empty() && self.ticks.contains(&t)
    }

    /// Whether a column header names a time without a year (`Kort sikt`, `Q1`,
    /// `Løpende`), from `[marks]`.
    pub fn is_horizon(&self, header: &str) -> bool {
        self.horizons.contains(&normalize_header(header))
    }

    /// The status a text states: the longest status phrase found as whole words, read
    /// with the words before it: a negator turns it to `not_started` (or, with a
    /// "fully"/"yet" word, a negated `done` to `in_progress`), a partial qualifier turns
    /// `done` to `in_progress`. A negated phrase is never read as its positive.
    pub fn status_of_text(&self, text: &str) -> Option<Status> {
        let lower = text.to_lowercase();
        let (at, phrase, status) = self.status.iter().find_map(|(phrase, s)| {
            find_words(&lower, phrase).map(|at| (at, phrase.as_str(), *s))
        })?;
        let before: Vec<&str> = lower[..at]
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .collect();
        let window = &before[before.len().saturating_sub(3)..];
        let has = |words: &[String]| {
            window.iter().any(|w| words.iter().any(|m| m == w))
                || words
                    .iter()
                    .filter(|m| m.contains(' '))
                    .any(|m| contains_words(&window.join(" "), m))
        };
        let m = &self.modifiers;
        let negated = has(&m.negators) && !phrase_negates(phrase, &m.negators);
        Some(match status {
            Status::Done if negated && has(&m.completely) => Status::InProgress,
            Status::Done | Status::InProgress if negated => Status::NotStarted,
            Status::Done if has(&m.partial) => Status::InProgress,
            Status::Cancelled if negated => Status::Unknown,
            s => s,
        })
    }

    /// What a status sign says, when `text` is nothing but one sign (`✓`, `○`, `🟢`)
    /// or a sign followed by words (`🟢 Genomförd`: the sign).
    pub fn sign_of_text(&self, text: &str) -> Option<(&str, Sign)> {
        let t = text.trim();
        self.signs
            .iter()
            .find(|(mark, _)| {
                t.strip_prefix(mark.as_str())
                    .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
            })
            .map(|(mark, sign)| (mark.as_str(), *sign))
    }

    /// The hue a colour word names (`Grønt`, `röd`).
    pub fn colour_word(&self, word: &str) -> Option<Hue> {
        let w = word.to_lowercase();
        self.colours.iter().find(|(c, _)| *c == w).map(|(_, h)| *h)
    }

    /// What a hue means without a legend.
    pub fn default_status(&self, hue: Hue) -> Option<Status> {
        self.hue_status
            .iter()
            .find(|(h, _)| *h == hue)
            .map(|(_, s)| *s)
    }

    /// The document kind a title announces: a kind word standing alone or closing a
    /// compound (`hbtq-handlingsplan`, `statusrapport`), or a phrase (`action plan`).
    pub fn kind_of_title(&self, title: &str) -> Option<&str> {
        let lower = title.to_lowercase();
        let tokens: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty())
            .collect();
        self.kinds
            .iter()
            .find(|(_, words)| {
                words.iter().any(|w| {
                    if w.contains(' ') {
                        lower.contains(w.as_str())
                    } else {
                        tokens.iter().any(|t| t.ends_with(w.as_str()))
                    }
                })
            })
            .map(|(k, _)| k.as_str())
    }
}

/// Header words as [`normalize_header`] compares them.
fn headers_of(words: &[String]) -> Vec<String> {
    words.iter().map(|w| normalize_header(w)).collect()
}

fn lower(words: &[String]) -> Vec<String> {
    words.iter().map(|w| w.to_lowercase()).collect()
}

/// A phrase as a regex that matches its words with any white space between them.
fn words_pattern(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+")
}

fn alternation(words: &[String], before: &str, after: &str) -> Result<Regex, String> {
    let mut words = words.to_vec();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let alts: Vec<String> = words.iter().map(|w| words_pattern(w)).collect();
    Regex::new(&format!("(?i){before}(?:{}){after}", alts.join("|")))
        .map_err(|e| format!("bad pattern: {e}"))
}

/// A header with each hyphen between two lower-case letters taken out (`gjennom-føres`
/// → `gjennomføres`).
fn unbroken(h: &str) -> String {
    let chars: Vec<char> = h.chars().collect();
    let mut out = String::with_capacity(h.len());
    for (i, &c) in chars.iter().enumerate() {
        let inside = i > 0
            && chars[i - 1].is_lowercase()
            && chars.get(i + 1).is_some_and(|n| n.is_lowercase());
        if !(c == '-' && inside) {
            out.push(c);
        }
    }
    out
}

/// Lower case, white space collapsed, trailing punctuation and footnote marks dropped.
pub fn normalize_header(s: &str) -> String {
    let s = crate::text::collapse(&s.to_lowercase());
    s.trim_end_matches(|c: char| c == ':' || c == '.' || c == '*' || c == '?' || c.is_whitespace())
        .trim_start_matches(|c: char| c.is_whitespace())
        .to_string()
}

/// Whether a header word only qualifies the words before it: a year (`2025`, `2025–2026`)
/// or a unit in brackets (`(tkr)`, `(mnok)`).
fn is_year_or_unit(word: &str) -> bool {
    let year = |y: &str| y.len() == 4 && (y.starts_with("19") || y.starts_with("20"));
    let years = word
        .split(['–', '-', '/'])
        .all(|y| y.chars().all(|c| c.is_ascii_digit()) && year(y));
    let unit = word.starts_with('(')
        && word.ends_with(')')
        && word.chars().filter(|c| c.is_alphabetic()).count() <= 6;
    years || unit
}

/// Whether a line, without the colon after it, is one of `words` (lower case).
fn listed(words: &[String], line: &str) -> bool {
    let t = line.trim().trim_end_matches(':').trim().to_lowercase();
    words.contains(&t)
}

/// Whether `phrase` occurs in `text` with no letter or digit right before or after it.
pub fn contains_words(text: &str, phrase: &str) -> bool {
    find_words(text, phrase).is_some()
}

/// Whether a status phrase carries its own negation (`ej påbörjad`, `not started`).
fn phrase_negates(phrase: &str, negators: &[String]) -> bool {
    phrase
        .split_whitespace()
        .any(|w| negators.iter().any(|n| n == w))
}

/// Where `phrase` first occurs in `text` as whole words (byte offset).
pub fn find_words(text: &str, phrase: &str) -> Option<usize> {
    let mut start = 0;
    while let Some(i) = text[start..].find(phrase) {
        let at = start + i;
        let end = at + phrase.len();
        let before_ok = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return Some(at);
        }
        start = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_marked_as_going_on() {
        let v = Vocabulary::builtin();
        assert_eq!(
            v.continued_title("2.2 Samtalsstöd (forts.)"),
            Some("2.2 Samtalsstöd")
        );
        assert_eq!(v.continued_title("Tabel 3 – fortsat"), Some("Tabel 3"));
        assert_eq!(v.continued_title("Tabel 3 — fortsat"), Some("Tabel 3"));
        assert_eq!(
            v.continued_title("Toimenpide 4 (jatkuu)"),
            Some("Toimenpide 4")
        );
        assert_eq!(v.continued_title("Skolan fortsätter"), None);
        assert_eq!(v.continued_title("Tiltak 3 forts."), Some("Tiltak 3"));
        assert_eq!(v.continued_title("Stöd (2026)"), None);
    }

    #[test]
    fn headers_map_to_fields() {
        let v = Vocabulary::builtin();
        assert_eq!(v.header_field("Område"), Some(Field::Area));
        assert_eq!(v.header_field("Aktivitet/åtgärd"), Some(Field::Activity));
        assert_eq!(
            v.header_field("Ansvarig förvaltning:"),
            Some(Field::Responsible)
        );
        assert_eq!(v.header_field("Tiltak "), Some(Field::Activity));
        assert_eq!(v.header_field("Nr"), Some(Field::Id));
        assert_eq!(v.header_field("Klart"), Some(Field::Timeframe));
        assert_eq!(v.header_field("Barn og unge"), None);
        // Compounds by their last part.
        assert_eq!(v.header_field("Nämndmål"), Some(Field::Goal));
        assert_eq!(v.header_field("Kommunmål"), Some(Field::Goal));
        assert_eq!(v.header_field("Huvudaktivitet"), Some(Field::Activity));
        assert_eq!(v.header_field("Projektansvarlig"), Some(Field::Responsible));
        assert_eq!(v.header_field("Målgrupp"), None);
        // A year and a unit qualify the word before them.
        assert_eq!(v.header_field("Budget 2025 (tkr)"), Some(Field::Cost));
        assert_eq!(
            v.header_field("Kostnad 2026–2027 (mnok)"),
            Some(Field::Cost)
        );
        assert_eq!(v.header_field("Utfall 2025 (tkr)"), None);
        // A label and its value on one line names no column.
        assert_eq!(v.header_field("Aikataulu : 2026–2027"), None);
    }

    #[test]
    fn source_lines_and_update_lines_are_notes() {
        let v = Vocabulary::builtin();
        assert!(v.labels_note("Källa: SCB"));
        assert!(v.labels_note("Sist oppdatert 15.12.2025 av Kulturenheten"));
        assert!(v.labels_note("Last updated: 3 March 2026"));
        assert!(!v.labels_note("Oppdatert beredskapsplan"));
        assert!(!v.labels_note("Uppdateringar av rutiner 2026"));
    }

    #[test]
    fn headers_in_every_nordic_language_and_english() {
        let v = Vocabulary::builtin();
        let cases = [
            ("Time frame", Field::Timeframe),
            ("Responsible department", Field::Responsible),
            ("Status of implementation", Field::Status),
            ("Planned actions", Field::Activity),
            ("Success criteria", Field::FollowUp),
            ("Ansvarleg eining", Field::Responsible),
            ("Tiltaka", Field::Activity),
            ("Hvornår", Field::Timeframe),
            ("Indsatser", Field::Activity),
            ("Succeskriterier", Field::FollowUp),
            ("Tidtabell", Field::Timeframe),
            ("Mätare", Field::FollowUp),
            ("Tidplan", Field::Timeframe),
            ("Åtgärder", Field::Activity),
            ("Bemærkninger", Field::Comment),
            ("Økonomi", Field::Cost),
        ];
        for (header, field) in cases {
            assert_eq!(v.header_field(header), Some(field), "{header}");
        }
    }

    #[test]
    fn longest_status_phrase_wins() {
        let v = Vocabulary::builtin();
        assert_eq!(v.status_of_text("Ej påbörjad"), Some(Status::NotStarted));
        assert_eq!(v.status_of_text("Påbörjad"), Some(Status::InProgress));
        assert_eq!(
            v.status_of_text("Delvis genomförd"),
            Some(Status::InProgress)
        );
        assert_eq!(
            v.status_of_text("tiltaket er ikke påbegynt"),
            Some(Status::NotStarted)
        );
        assert_eq!(v.status_of_text("Klart"), Some(Status::Done));
        assert_eq!(v.status_of_text("Oklart läge"), None);
    }

    #[test]
    fn negated_and_qualified_status_words_are_never_read_as_their_positive() {
        let v = Vocabulary::builtin();
        let cases = [
            ("Not fulfilled", Status::NotStarted),
            ("Målet är inte uppnått", Status::NotStarted),
            ("Tiltaket er ikkje gjennomført enno", Status::NotStarted),
            ("Inte helt genomförd", Status::InProgress),
            ("Ännu inte klar", Status::InProgress),
            ("Not yet completed", Status::InProgress),
            ("not fully implemented", Status::InProgress),
            ("Nesten ferdig", Status::InProgress),
            ("Partly achieved", Status::InProgress),
            ("Indsatsen er ikke færdig", Status::NotStarted),
            ("Er ikke gået i gang", Status::NotStarted),
            ("Delvist gennemført", Status::InProgress),
            ("Gennemført", Status::Done),
            ("Completed in March", Status::Done),
            ("Discontinued", Status::Cancelled),
        ];
        for (text, want) in cases {
            assert_eq!(v.status_of_text(text), Some(want), "{text}");
        }
    }

    #[test]
    fn status_signs_are_read() {
        let v = Vocabulary::builtin();
        let sign = |t: &str| v.sign_of_text(t).map(|(_, s)| s);
        assert_eq!(sign("✓"), Some(Sign::Status(Status::Done)));
        assert_eq!(sign(" ○ "), Some(Sign::Status(Status::NotStarted)));
        assert_eq!(sign("◐"), Some(Sign::Status(Status::InProgress)));
        assert_eq!(sign("🟢 Klart"), Some(Sign::Hue(Hue::Green)));
        assert_eq!(sign("🔴"), Some(Sign::Hue(Hue::Red)));
        assert_eq!(sign("Klart"), None);
    }

    #[test]
    fn kinds_from_titles() {
        let v = Vocabulary::builtin();
        assert_eq!(
            v.kind_of_title("På lika villkor – Hbtqia+-strategi 2024–2026"),
            Some("strategy")
        );
        assert_eq!(
            v.kind_of_title("På lika villkor – hbtq-handlingsplan 2016–2020"),
            Some("action_plan")
        );
        assert_eq!(v.kind_of_title("Strategiområde 1"), None);
        assert_eq!(
            v.kind_of_title(
                "Status implementering av handlingsplan for kjønns og seksualitetsmangfold"
            ),
            Some("status_report")
        );
    }
}
