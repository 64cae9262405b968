//! Fact boxes of a measure card: a label on a line of its own (a box's heading) over
//! the text it labels (`Ansvar` / `Eiendomsavdelingen`, `Tidsplan` / `2026–2027`), as
//! designed programmes set a measure's facts beside or under its description.

use super::cards::{text_of, value};
use super::sections::Section;
use super::RowRecord;
use crate::model::Block;
use crate::vocab::{Field, Vocabulary};

/// Where a card's label on a line of its own (a fact box's heading) puts the lines
/// under it.
#[derive(Debug, Clone)]
pub enum Label {
    /// A column word: that field (`Ansvar`, `Tidsplan`, `Finansiering`).
    Field(Field, String),
    /// The measure's activities (`Aktiviteter`): lines of its description.
    Description,
    /// The goal it serves (`Mål`).
    Goal,
    /// Any other short heading: `extra` under that label (`Samarbeidsaktører`).
    Extra(String),
}

/// The label a heading inside a card gives, if it is one: a column word, or a short
/// heading (three words at most) with a short text under it.
pub fn label_of(text: &str, next: Option<&Block>, vocab: &Vocabulary) -> Option<Label> {
    let name = text.trim().trim_end_matches(':').trim();
    match vocab.header_field(name) {
        Some(Field::Activity) => return Some(Label::Description),
        Some(Field::Goal) => return Some(Label::Goal),
        Some(Field::Id) | Some(Field::Area) => return None,
        Some(field) => return Some(Label::Field(field, name.to_string())),
        None => {}
    }
    let short_text = next
        .and_then(text_of)
        .is_some_and(|(t, heading)| !heading && t.split_whitespace().count() <= 30);
    (name.split_whitespace().count() <= 3 && short_text).then(|| Label::Extra(name.to_string()))
}

/// Puts the text under a card's label where the label sends it.
pub fn put_under(record: &mut RowRecord, description: &mut Vec<String>, label: &Label, text: &str) {
    let joined = |old: Option<&str>| match old {
        Some(o) => crate::text::join_wrapped(o, &crate::text::collapse(text)),
        None => crate::text::collapse(text),
    };
    match label {
        Label::Description => description.extend(
            text.lines()
                .map(|l| crate::text::collapse(crate::text::strip_bullet(l)))
                .filter(|l| !l.is_empty()),
        ),
        Label::Goal => {
            let text = joined(record.goal.as_ref().map(|g| g.text.as_str()));
            record.goal = Some(Section { id: None, text });
        }
        Label::Field(field, name) => {
            let text = joined(record.field(*field));
            match record.fields.iter_mut().find(|(f, _)| f == field) {
                Some((_, v)) => v.text = text,
                None => record.fields.push((*field, value(&text, name))),
            }
        }
        Label::Extra(name) => match record.extra.iter_mut().find(|(k, _)| k == name) {
            Some((_, v)) => *v = joined(Some(v)),
            None => record.extra.push((name.clone(), joined(None))),
        },
    }
}
