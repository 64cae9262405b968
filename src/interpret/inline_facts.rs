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
}
