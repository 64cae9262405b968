//! Facts written into an activity's own line: a list item that ends with its
//! responsible unit and time in brackets (`Utbilda chefer … (Ansvar: HR-avdelingen.
//! Tid: 2026)`, `… (ansvarlig: Kulturetaten; frist: 2027)`), as plans without tables
//! set them. The bracket is taken apart only when every label in it is a column word,
//! so that an ordinary parenthesis (`(Youth Aware of Mental Health)`) stays text.

use std::sync::OnceLock;

use regex::Regex;

use crate::vocab::{Field, Vocabulary};

/// A label inside the bracket: a word or two and a colon, at the bracket's start or
/// after a `.`, `;` or `,` that ends the value before it.
fn label_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:^|[.;,]\s+)([\p{L}][\p{L}-]*(?: [\p{L}][\p{L}-]*)?)\s*:\s*")
            .expect("valid regex")
    })
}

/// A fact of the bracket: its field, its label as written and its value.
pub type Fact = (Field, String, String);

/// The item's text without a closing bracket of facts, and the facts in it (field,
/// label as written, value). `None` where the item does not end in such a bracket.
pub fn split(item: &str, vocab: &Vocabulary) -> Option<(String, Vec<Fact>)> {
    let item = item.trim_end();
    let inner_end = item.strip_suffix(')')?;
    let open = inner_end.rfind('(')?;
    let head = item[..open].trim_end();
    let inner = &inner_end[open + 1..];
    if head.is_empty() || inner.contains('(') {
        return None;
    }
    let labels: Vec<_> = label_re().captures_iter(inner).collect();
    let first = labels.first()?;
    if first.get(0)?.start() != 0 {
        return None;
    }
    let mut facts = Vec::new();
    for (k, caps) in labels.iter().enumerate() {
        let label = caps.get(1)?.as_str();
        let field = super::cards::fact_field(label, vocab)?;
        let start = caps.get(0)?.end();
        let end = labels
            .get(k + 1)
            .map_or(inner.len(), |n| n.get(0).map_or(inner.len(), |m| m.start()));
        let value = inner[start..end]
            .trim()
            .trim_end_matches(['.', ';', ','])
            .trim();
        if value.is_empty() {
            return None;
        }
        facts.push((field, label.to_string(), value.to_string()));
    }
    Some((head.to_string(), facts))
}

/// An item that ends with who does it and when after a spaced dash, the two set apart
/// by a middle dot (`Fortau langs Rotevatnet — Samferdsle og teknisk drift · 2027`), as
/// slides and web pages list measures: the item's text before the dash, and the
/// responsible and the time as facts. The time must read as one (a year, or a word of
/// time such as `Årleg`, `Kvar haust`, `Löpande`); anything else is no such item.
pub fn split_tail(item: &str, vocab: &Vocabulary) -> Option<(String, Vec<Fact>)> {
    let item = item.trim_end();
    let at = [" — ", " – "]
        .iter()
        .filter_map(|d| item.rfind(d).map(|i| (i, d.len())))
        .max()?;
    let head = item[..at.0].trim_end();
    let tail = &item[at.0 + at.1..];
    let (who, when) = tail.rsplit_once('·')?;
    let (who, when) = (who.trim(), when.trim().trim_end_matches('.'));
    if head.is_empty() || who.is_empty() || who.contains('·') || !is_time(when, vocab) {
        return None;
    }
    Some((
        head.to_string(),
        vec![
            (Field::Responsible, String::new(), who.to_string()),
            (Field::Timeframe, String::new(), when.to_string()),
        ],
    ))
}

/// Whether a short text names a time: a year, or a word of time of the vocabulary's.
fn is_time(text: &str, vocab: &Vocabulary) -> bool {
    if text.is_empty() || text.split_whitespace().count() > 5 {
        return false;
    }
    !crate::normalize::period::years(text).is_empty()
        || text.split_whitespace().any(|w| vocab.is_horizon(w))
        || vocab.is_horizon(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bracket_of_column_words_is_taken_apart_and_other_brackets_stay() {
        let vocab = Vocabulary::builtin();
        let (text, facts) = split(
            "Utbilda personal i metoden YAM (Youth Aware of Mental Health) (Ansvar: Utbildningsförvaltningen. Tid: 2026–2027)",
            vocab,
        )
        .expect("facts");
        assert_eq!(
            text,
            "Utbilda personal i metoden YAM (Youth Aware of Mental Health)"
        );
        assert_eq!(
            facts,
            vec![
                (
                    Field::Responsible,
                    "Ansvar".into(),
                    "Utbildningsförvaltningen".into()
                ),
                (Field::Timeframe, "Tid".into(), "2026–2027".into()),
            ]
        );
        let (_, facts) = split(
            "Kurs for trenere (ansvarlig: Idrettskontoret; frist: 2027)",
            vocab,
        )
        .expect("facts");
        assert_eq!(facts.len(), 2);
        assert!(split(
            "Utbilda personal i metoden YAM (Youth Aware of Mental Health)",
            vocab
        )
        .is_none());
        assert!(split("Möten med föreningar (Exempel: idrott, kultur)", vocab).is_none());
    }

    #[test]
    fn an_item_ending_in_a_unit_and_a_time_after_a_dash_gives_both() {
        let vocab = Vocabulary::builtin();
        let (text, facts) = split_tail(
            "Gangveg langs elva frå sentrum til idrettsparken — Teknisk drift, Statens vegvesen · 2026–2027",
            vocab,
        )
        .expect("facts");
        assert_eq!(text, "Gangveg langs elva frå sentrum til idrettsparken");
        assert_eq!(facts[0].2, "Teknisk drift, Statens vegvesen");
        assert_eq!(facts[1].2, "2026–2027");
        let (_, facts) = split_tail("Refleksdag for eldre — Helse · Årleg", vocab).expect("facts");
        assert_eq!(facts[1].2, "Årleg");
        // A dash in running text, or a tail without a time, is no such item.
        assert!(split_tail("Vi bygger ut – med hjälp av staten · och regionen", vocab).is_none());
        assert!(split_tail("Gangveg — Teknisk drift", vocab).is_none());
    }
}
