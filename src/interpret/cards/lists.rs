//! Lists of measures: the items of a list under a heading that says it lists measures,
//! one activity per item.

use super::lines::{block_page, value};
use super::titles::{area_heading, text_of};
use crate::interpret::sections::{self, Section};
use crate::interpret::RowRecord;
use crate::model::Block;
use crate::vocab::{Field, Vocabulary};

/// Items of lists under headings that name measures. A line that is no item carries on
/// the item above it where that item is plainly unfinished (a bracket left open, or the
/// line starts in lower case or with a bracket), as a wrapped item comes out of a PDF.
pub(super) fn lists(blocks: &[Block], vocab: &Vocabulary) -> Vec<RowRecord> {
    let mut items: Vec<(RowRecord, String)> = Vec::new();
    let mut area: Option<Section> = None;
    let mut in_measures = false;
    for (i, block) in blocks.iter().enumerate() {
        let Some((text, heading)) = text_of(block) else {
            in_measures = false;
            continue;
        };
        let text = text.trim();
        if heading {
            if let Some(section) = area_heading(text, true, vocab) {
                area = Some(section);
                in_measures = false;
                continue;
            }
            let label = text.trim_end_matches(':');
            in_measures = vocab.header_field(label) == Some(Field::Activity)
                && label.split_whitespace().count() <= 4;
            continue;
        }
        // A paragraph that introduces measures (`Åtgärder:`) opens a list too.
        if let Some(label) = text.strip_suffix(':') {
            if vocab.header_field(label) == Some(Field::Activity) {
                in_measures = true;
                continue;
            }
        }
        if !in_measures {
            continue;
        }
        for line in text.lines() {
            let item = crate::text::strip_bullet(line);
            let is_item = crate::text::starts_with_bullet(line.trim_start())
                || sections::leading_id(line).is_some();
            if !is_item {
                match items.last_mut() {
                    Some((_, last)) if carries_on(last, line) => {
                        last.push(' ');
                        last.push_str(line.trim());
                    }
                    _ => in_measures = false,
                }
                continue;
            }
            if item.trim().is_empty() {
                in_measures = false;
                continue;
            }
            let record = RowRecord {
                row_index: i + 1,
                page: block_page(block),
                area: area.clone(),
                ..RowRecord::default()
            };
            items.push((record, item.to_string()));
        }
    }
    items
        .into_iter()
        .map(|(mut record, item)| {
            let item = crate::text::collapse(&item);
            match crate::interpret::inline_facts::split(&item, vocab) {
                Some((text, facts)) => {
                    record.fields.push((Field::Activity, value(&text, "")));
                    for (field, label, v) in facts {
                        record.fields.push((field, value(&v, &label)));
                    }
                }
                None => record.fields.push((Field::Activity, value(&item, ""))),
            }
            record
        })
        .collect()
}

/// Whether `line`, no list item itself, carries on the item `item`: the item left a
/// bracket open, or the line starts in lower case or with an opening bracket.
fn carries_on(item: &str, line: &str) -> bool {
    let line = line.trim();
    let open = item.matches('(').count() > item.matches(')').count();
    open || line.starts_with('(') || line.chars().next().is_some_and(char::is_lowercase)
}
