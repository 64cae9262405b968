//! Assembly: interpreted rows into activity records, normalizing every field.

use serde_json::Value;

use crate::interpret::{Interpretation, RowRecord};
use crate::normalize::{period, responsible, status};
use crate::record::Activity;
use crate::text::{bullet_lines, collapse, tidy_lines};
use crate::vocab::{Field, Vocabulary};

/// Builds the activity records of a document, numbered from 1, without the document-level
/// fields (those are filled by the caller). `language` is the document's, for the rules
/// of its responsible units.
pub fn activities(
    interp: &Interpretation,
    vocab: &Vocabulary,
    language: Option<&str>,
) -> Vec<Activity> {
    interp
        .rows
        .iter()
        .filter_map(|row| activity(row, interp, vocab, language))
        .enumerate()
        .map(|(i, mut a)| {
            a.record_index = i + 1;
            a
        })
        .collect()
}

fn non_empty(s: String) -> Option<String> {
    if s.trim().is_empty() {
        None
    } else {
        Some(s)
    }
}

/// Without a status column, the status a document's colour key gives the colour an
/// activity is written in (`grønn = gjennomført` over green activities), and that
/// colour; nothing where the key does not name the colour.
fn activity_ink(
    row: &RowRecord,
    legend: &status::Legend,
) -> (Option<crate::vocab::Status>, Option<String>) {
    row.fields
        .iter()
        .find(|(f, _)| *f == Field::Activity)
        .and_then(|(_, v)| v.color)
        .and_then(|ink| Some((legend.status(ink.hue())?, ink.to_string())))
        .map_or((None, None), |(status, raw)| (Some(status), Some(raw)))
}

fn activity(
    row: &RowRecord,
    interp: &Interpretation,
    vocab: &Vocabulary,
    language: Option<&str>,
) -> Option<Activity> {
    let notes_of = &interp.footnotes;
    let mut notes: Vec<String> = Vec::new();
    for (_, value) in &row.fields {
        for marker in notes_of.markers_in(&value.text) {
            if let Some(text) = notes_of.text(marker) {
                if !notes.iter().any(|n| n == text) {
                    notes.push(text.to_string());
                }
            }
        }
    }
    let strip = |s: &str| notes_of.strip(s);
    let raw_activity = strip(row.field(Field::Activity)?);
    let (mut body, implementation) = split_implementation(&raw_activity, vocab);
    let own_id = row.field(Field::Id).map(|t| {
        let t = collapse(t);
        // `Indsats 4`, `Tiltak 2.1`: the word names what is numbered, the number is the id.
        let number = match t.split_once(' ') {
            Some((word, n))
                if word.chars().all(char::is_alphabetic)
                    && crate::interpret::sections::dotted_levels(n).is_some() =>
            {
                n.to_string()
            }
            _ => t,
        };
        crate::interpret::sections::tidy_id(&number)
    });
    let activity_id = match own_id.filter(|s| !s.is_empty()) {
        Some(id) => Some(id),
        None => match crate::interpret::sections::leading_id(&body) {
            Some((id, rest)) => {
                body = rest.to_string();
                Some(id)
            }
            None => None,
        },
    };
    let activity = tidy_lines(&body);
    if activity.is_empty() {
        return None;
    }
    let (status, status_raw) = match row.fields.iter().find(|(f, _)| *f == Field::Status) {
        Some((_, v)) => status::status_of_cell(
            &strip(&v.text),
            status::Colours {
                fill: v.fill,
                text: v.color,
            },
            &interp.legend,
            vocab,
        ),
        None => activity_ink(row, &interp.legend),
    };
    let period_label = row
        .field(Field::Timeframe)
        .map(|s| collapse(&strip(s)))
        .and_then(non_empty)
        .or_else(|| row.period_heading.clone());
    let (period_start, period_end) = period_label
        .as_deref()
        .map(period::span)
        .unwrap_or((None, None));
    let responsible_raw = row
        .field(Field::Responsible)
        .map(|s| tidy_lines(&strip(s)))
        .and_then(non_empty);
    let section_text =
        |s: &crate::interpret::sections::Section| non_empty(collapse(&strip(&s.text)));
    Some(Activity {
        period_label,
        period_start,
        period_end,
        goal_id: row.goal.as_ref().and_then(|g| g.id.clone()),
        goal: row.goal.as_ref().and_then(section_text),
        area_id: row.area.as_ref().and_then(|a| a.id.clone()),
        area: row.area.as_ref().and_then(section_text),
        activity_id,
        activity,
        implementation: implementation
            .or_else(|| row.implementation.clone())
            .map(|s| tidy_lines(&s))
            .and_then(non_empty),
        responsible: responsible_raw
            .as_deref()
            .map(|r| responsible::split(r, vocab, language))
            .unwrap_or_default(),
        responsible_raw,
        status,
        status_raw,
        comment: row
            .field(Field::Comment)
            .map(|s| bullet_lines(&strip(s)))
            .and_then(non_empty),
        follow_up: row
            .field(Field::FollowUp)
            .map(|s| bullet_lines(&strip(s)))
            .and_then(non_empty),
        cost: row
            .field(Field::Cost)
            .map(|s| tidy_lines(&strip(s)))
            .and_then(non_empty),
        notes,
        extra: row
            .extra
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(tidy_lines(v))))
            .collect(),
        page: row.page,
        sheet: row.sheet.clone(),
        table_index: row.table_index,
        row_index: row.row_index,
        ..Activity::default()
    })
}

/// Splits an activity cell at its implementation label (*Genomförande:*, *Ex. på
/// genomförande:*, *Gjennomføring:*): what comes before is the activity, what comes after
/// is how. A label with nothing before it is left in place.
pub fn split_implementation(text: &str, vocab: &Vocabulary) -> (String, Option<String>) {
    if let Some(m) = vocab.implementation.find(text) {
        let before = text[..m.start()].trim();
        let after = text[m.end()..].trim();
        if !before.is_empty() && !after.is_empty() {
            return (before.to_string(), Some(after.to_string()));
        }
    }
    (text.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implementation_labels_split() {
        let v = Vocabulary::builtin();
        let (a, i) = split_implementation("Gör X. \nGenomförande: Del i Y.", v);
        assert_eq!((a.as_str(), i.as_deref()), ("Gör X.", Some("Del i Y.")));
        let (a, i) = split_implementation("Utreda.\nEx. på genomförande:\n1. A\n2. B", v);
        assert_eq!((a.as_str(), i.as_deref()), ("Utreda.", Some("1. A\n2. B")));
        let (a, i) = split_implementation("Ex. att X. Genomförande: Vid köp.", v);
        assert_eq!((a.as_str(), i.as_deref()), ("Ex. att X.", Some("Vid köp.")));
        let (_, i) = split_implementation("Genomförande: bara", v);
        assert_eq!(i, None);
    }
}
