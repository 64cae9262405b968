//! Section rows and headings: *Delmål 1: …*, *1. Barn og unge*, a row merged across the
//! table. They are not records; they set the goal or area of the records below them.

use std::sync::OnceLock;

use regex::Regex;

use crate::vocab::Vocabulary;

/// Whether a section names a goal or an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// A goal (*Delmål*, *Mål*, *Strategiområde*).
    Goal,
    /// An area (*Område*, a numbered heading, a merged row).
    Area,
    /// A period (`2017` merged across the table).
    Period,
}

/// A section's number as printed (tidied) and its text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    /// `1`, `2.3`, or none.
    pub id: Option<String>,
    /// The text after the number.
    pub text: String,
}

/// How a document nests its two section levels: the kind it names first is the outer
/// one (*Delmål* above *Område*, or *Fokusområde* above *Mål*). A new outer section
/// ends the inner one; a new inner section leaves the outer one in place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Nesting {
    outer: Option<SectionKind>,
}

impl Nesting {
    /// Notes a section of `kind`; returns whether it ends the section of the other kind
    /// (whether `kind` is the outer level).
    pub fn enter(&mut self, kind: SectionKind) -> bool {
        if kind == SectionKind::Period {
            return false;
        }
        *self.outer.get_or_insert(kind) == kind
    }
}

/// The levels of a number written with dots between digit groups (`2`, `2.1`, `1.1.3`);
/// `None` for anything else.
pub fn dotted_levels(text: &str) -> Option<usize> {
    let parts: Vec<&str> = text.split('.').collect();
    parts
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        .then_some(parts.len())
}

/// `4. 2` → `4.2`; trailing dots dropped.
pub fn tidy_id(id: &str) -> String {
    let compact: String = id.chars().filter(|c| !c.is_whitespace()).collect();
    compact.trim_end_matches(['.', ')', ':']).to_string()
}

/// A text opened by a goal or area word and a number or colon (`Delmål 1: Øke …`,
/// `Målsättning: …`, `Område 3 Trygghet`).
pub fn keyword_section(text: &str, vocab: &Vocabulary) -> Option<(SectionKind, Section)> {
    let lower = text.to_lowercase();
    let mut best: Option<(usize, SectionKind)> = None;
    for (kind, words) in [
        (SectionKind::Goal, &vocab.goal_words),
        (SectionKind::Area, &vocab.area_words),
    ] {
        for w in words {
            if lower.starts_with(w.as_str()) && best.is_none_or(|(len, _)| w.len() > len) {
                best = Some((w.len(), kind));
            }
        }
    }
    let (len, kind) = best?;
    let rest = &text[len..];
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"^\s*((?:\d{1,3}|[A-ZÆØÅÄÖ]\b)(?:\s*\.\s*\d{1,3})*)?\s*\.?\s*(?:[:–—·|-]\s*)?(.*)$",
        )
        .expect("valid regex")
    });
    let caps = re.captures(rest)?;
    let id = caps.get(1).map(|m| tidy_id(m.as_str()));
    let after = crate::text::collapse(&caps[2]);
    let has_colon = rest.trim_start().starts_with(':') || rest.contains(':') && id.is_some();
    let opens_right = rest.is_empty() || !rest.starts_with(|c: char| c.is_alphanumeric());
    if !opens_right || (id.is_none() && !has_colon) {
        return None;
    }
    Some((kind, Section { id, text: after }))
}

/// A short numbered heading (`1. Barn og unge`, `3 Verkstäderna`, `B. Rutiner och
/// styrning`): a one-level number or a capital letter with its dot, and at most twelve
/// words.
pub fn numbered_heading(text: &str) -> Option<Section> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(\d{1,2}\.?|[A-ZÆØÅÄÖ][.)])\s+(?:[:–—·|-]\s+)?(\S.*)$").expect("valid regex")
    });
    let text = crate::text::collapse(text);
    let caps = re.captures(&text)?;
    let rest = caps[2].to_string();
    // A figure with its sign (`68 %`) names nothing: a name has a word.
    let has_word = rest
        .split_whitespace()
        .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    if !has_word
        || rest.split_whitespace().count() > 12
        || rest.ends_with('.') && rest.split_whitespace().count() > 6
    {
        return None;
    }
    Some(Section {
        id: Some(caps[1].trim_end_matches(['.', ')']).to_string()),
        text: rest,
    })
}

/// A heading or label as a section: numbered where [`numbered_heading`] reads a number,
/// else its whole text, spaces collapsed.
pub fn heading_section(text: &str) -> Section {
    numbered_heading(text).unwrap_or_else(|| Section {
        id: None,
        text: crate::text::collapse(text),
    })
}

/// The leading number of a record's text (`1.1 Innhente …` → `1.1`, `4. 2 Samarbeid` →
/// `4.2`), and the text after it. A single number counts only with its dot (`3. …`).
pub fn leading_id(text: &str) -> Option<(String, &str)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^\s*(\d{1,3}(?:\s?\.\s?\d{1,3})+\.?|\d{1,3}\.)\s+").expect("valid regex")
    });
    let m = re.captures(text)?;
    let whole = m.get(0)?;
    Some((tidy_id(&m[1]), &text[whole.end()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_and_ids() {
        let v = Vocabulary::builtin();
        let (kind, s) = keyword_section("Delmål 1: Øke kommunens kunnskap", v).unwrap();
        assert_eq!(kind, SectionKind::Goal);
        assert_eq!(
            s,
            Section {
                id: Some("1".into()),
                text: "Øke kommunens kunnskap".into()
            }
        );
        assert_eq!(
            keyword_section("Strategiområde 3", v)
                .unwrap()
                .1
                .id
                .as_deref(),
            Some("3")
        );
        assert!(keyword_section("Målgruppen är unga", v).is_none());
        let (kind, s) = keyword_section("Mål A.1 Flere unge trives", v).unwrap();
        assert_eq!((kind, s.id.as_deref()), (SectionKind::Goal, Some("A.1")));
        assert_eq!(s.text, "Flere unge trives");
        let (kind, s) = keyword_section("Indsatsområde B: Sund livsstil", v).unwrap();
        assert_eq!((kind, s.id.as_deref()), (SectionKind::Area, Some("B")));
        assert!(keyword_section("Område Energi", v).is_none());
        assert!(keyword_section("Mål för arbetet", v).is_none());
        assert_eq!(
            keyword_section("Område: Trygghet", v).unwrap().0,
            SectionKind::Area
        );
        assert_eq!(
            numbered_heading("1. Barn og unge").unwrap().text,
            "Barn og unge"
        );
        assert!(numbered_heading("2.1 Kompetanseheving").is_none());
        let lettered = numbered_heading("B. Rutiner och styrning").unwrap();
        assert_eq!(lettered.id.as_deref(), Some("B"));
        assert_eq!(lettered.text, "Rutiner och styrning");
        assert_eq!(
            numbered_heading("1. Barn").unwrap().id.as_deref(),
            Some("1")
        );
        assert!(numbered_heading("Barn och unga").is_none());
        assert_eq!(
            leading_id("4. 2 Samarbeid med"),
            Some(("4.2".into(), "Samarbeid med"))
        );
        assert_eq!(leading_id("1.1 Innhente"), Some(("1.1".into(), "Innhente")));
        assert_eq!(leading_id("2017 ska alla"), None);
        assert_eq!(leading_id("3 personer"), None);
    }

    #[test]
    fn the_level_named_first_is_the_outer_one() {
        let mut goal_first = Nesting::default();
        assert!(goal_first.enter(SectionKind::Goal));
        assert!(!goal_first.enter(SectionKind::Area));
        assert!(goal_first.enter(SectionKind::Goal));
        let mut area_first = Nesting::default();
        assert!(area_first.enter(SectionKind::Area));
        assert!(!area_first.enter(SectionKind::Goal));
        assert!(area_first.enter(SectionKind::Area));
    }
}
