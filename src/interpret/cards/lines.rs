//! A card's lines: `Label: value` facts, labels standing alone, labels the vocabulary
//! does not know, several facts on one line.

use std::sync::OnceLock;

use regex::Regex;

use super::titles::text_of;
use crate::interpret::fact_boxes::{box_label, Label};
use crate::interpret::sections;
use crate::interpret::FieldValue;
use crate::model::Block;
use crate::vocab::{Field, Vocabulary};

/// A `Label: value` line, or a label set apart from its value by a tab (`Lead⇥Basic
/// Education Services`, the label in a column of its own).
pub(super) fn field_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\s*([\p{L}][\p{L} /&-]{1,40}?)(?:\s*:\s*|[ ]*\t\s*)(\S.*)$")
            .expect("valid regex")
    })
}

/// A field's value as read under its label (`header`, empty where none).
pub(in crate::interpret) fn value(text: &str, header: &str) -> FieldValue {
    FieldValue {
        text: text.to_string(),
        header: header.to_string(),
        ..FieldValue::default()
    }
}

/// The label a paragraph of one short line gives when it names a field the vocabulary
/// knows, other than an id or an area (`Vastuutaho`, `Aikataulu`, `Tukee tavoitetta`).
pub(super) fn field_label(text: &str, vocab: &Vocabulary) -> Option<Label> {
    let name = text.trim();
    // (A tab sets a value apart after the label: `Timeline⇥2026–2027` is a fact.)
    if name.contains(['\n', '\t'])
        || name.ends_with([':', '.'])
        || name.split_whitespace().count() > 4
    {
        return None;
    }
    // A numbered goal or area (`Tavoite 1`) names a section, not a field.
    if sections::keyword_section(name, vocab).is_some_and(|(_, s)| s.id.is_some()) {
        return None;
    }
    match vocab.header_field(name)? {
        Field::Id => None,
        _ => Some(box_label(name, vocab)),
    }
}

/// The first non-empty line of a text block.
pub(super) fn first_line(block: &Block) -> Option<&str> {
    let (text, _) = text_of(block)?;
    text.lines().find(|l| !l.trim().is_empty())
}

/// A `Label: value` line whose label is a short capitalised name (one to three words)
/// that is no column word: the label and the value.
pub(super) fn other_label(line: &str) -> Option<(String, String)> {
    let caps = field_re().captures(line)?;
    // A label's colon stands before a space; one inside a word is none (`NTF:s`). A
    // tab sets a label apart as well (`Partners⇥Pupil councils`).
    let colon = caps.get(1)?.end();
    let after = line[colon..].trim_start_matches(' ');
    let tabbed = after.starts_with('\t');
    let after = after.trim_start();
    if !tabbed && (!after.starts_with(':') || !after[1..].starts_with(char::is_whitespace)) {
        return None;
    }
    let label = caps[1].trim();
    let short = (1..=3).contains(&label.split_whitespace().count());
    (short && label.chars().next().is_some_and(char::is_uppercase))
        .then(|| (label.to_string(), caps[2].trim().to_string()))
}

/// A line of a card as the lines it holds: several facts set on one line, each
/// labelled, between middle dots, bars or semicolons (`Ansvar: kansliet · Tidtabell:
/// 2027`), one line each; a sentence that closes with its facts in brackets
/// (`… utan tidsbokning. (Ansvar: bildningsväsendet; tidtabell: 2026)`), the sentence
/// and then each fact. Any other line is itself.
pub(super) fn fact_lines(line: &str, vocab: &Vocabulary) -> Vec<String> {
    if let Some((head, facts)) = crate::interpret::inline_facts::split(line, vocab) {
        let mut out = vec![head];
        out.extend(
            facts
                .into_iter()
                .map(|(_, label, v)| format!("{label}: {v}")),
        );
        return out;
    }
    for sep in [" · ", " | ", "; "] {
        let pieces: Vec<&str> = line.split(sep).map(str::trim).collect();
        if pieces.len() >= 2 && pieces.iter().all(|p| labelled_field(p, vocab).is_some()) {
            return pieces.into_iter().map(str::to_string).collect();
        }
    }
    vec![line.to_string()]
}

/// A line that is only a fact's label and its colon (`Status:`), the value left empty
/// or set on the line below: the field and the label.
pub(super) fn bare_label(line: &str, vocab: &Vocabulary) -> Option<(Field, String)> {
    let label = crate::text::strip_bullet(line)
        .trim()
        .strip_suffix(':')?
        .trim();
    fact_field(label, vocab).map(|f| (f, label.to_string()))
}

/// A `Label: value` line whose label is a column word other than the activity's.
/// A bullet before the label is none of it (`• Ansvar: …`, facts set as a list).
pub(in crate::interpret) fn labelled_field(
    line: &str,
    vocab: &Vocabulary,
) -> Option<(Field, String, String)> {
    let caps = field_re().captures(crate::text::strip_bullet(line))?;
    let label = caps[1].trim().to_string();
    let field = fact_field(&label, vocab)?;
    Some((field, label, caps[2].trim().to_string()))
}

/// The text of a line whose label says how the measure is carried out (`Gjennomføring:
/// …`, `Toteutus: …`).
pub(in crate::interpret) fn implementation_line(line: &str, vocab: &Vocabulary) -> Option<String> {
    let caps = field_re().captures(crate::text::strip_bullet(line))?;
    vocab
        .labels_implementation(&caps[1])
        .then(|| crate::text::collapse(&caps[2]))
}

/// The field a label names when it gives a fact of an activity (responsible, time,
/// cost, …): a column word other than the activity's, its number, area or goal.
pub(in crate::interpret) fn fact_field(label: &str, vocab: &Vocabulary) -> Option<Field> {
    vocab.header_field(label).filter(|field| {
        !matches!(
            field,
            Field::Activity | Field::Id | Field::Area | Field::Goal
        )
    })
}

/// The page a text block is on, where known.
pub(super) fn block_page(block: &Block) -> Option<u32> {
    match block {
        Block::Heading { page, .. } | Block::Paragraph { page, .. } => *page,
        Block::Table(_) => None,
    }
}
