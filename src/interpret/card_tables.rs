//! Measure cards set as tables: a table whose rows name a field in their first cell and
//! give its value beside it (`Tiltak | …`, `Ansvarlig | …`, `Tidsramme | …`,
//! `Status | …`), as many plans print each measure. Three shapes:
//!
//! - one measure a table, in two columns, under its own heading (`Tiltak 1.1`) or with
//!   a title row spanning the table (`1.1 Säkrare passage …`);
//! - label–value pairs side by side in one row (`Ansvarig | … | Tidplan | …`);
//! - several measures stacked in one table, each starting where its activity label (or
//!   number) comes again.
//!
//! A label is a column word of the vocabulary (a number after it is the measure's:
//! `Tiltak 1.1`); the first activity label gives the activity, a later one of another
//! word (`Beskrivelse` after `Tiltak`) its implementation, as does an implementation
//! word. Labels the vocabulary does not know keep their values in `extra`.

use std::sync::OnceLock;

use regex::Regex;

use super::cards::value;
use super::sections::{self, Section, SectionKind};
use super::{FieldValue, RowRecord};
use crate::model::Table;
use crate::vocab::{normalize_header, Field, Vocabulary};

/// What the document says around a card table.
#[derive(Debug, Default, Clone)]
pub struct Around {
    /// The heading right before the table, when it names the measure (`Tiltak 1.1`,
    /// `1.1 Lage turkart`).
    pub heading: Option<String>,
    /// The area the table sits under.
    pub area: Option<Section>,
    /// The goal the table sits under.
    pub goal: Option<Section>,
    /// The period heading above the table.
    pub period: Option<String>,
    /// 1-based index of the table in the document.
    pub table_index: usize,
    /// The paragraphs between the measure's heading and the table: its description.
    pub description: Option<String>,
}

/// What a label names.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Field(Field),
    Implementation,
    /// A short label the vocabulary does not know: its value goes to `extra`.
    Other,
}

/// One part of a row.
#[derive(Debug)]
enum Line {
    /// A row of one cell that is not a label: a measure's title, or an area.
    Title(String),
    /// A label and the cell beside it (`None`: nothing beside it), or below it in a
    /// row of values under a row of labels; or the value written after the label in
    /// its own cell (`Beskrivning: …`, `inline`).
    Pair {
        kind: Kind,
        label: String,
        number: Option<String>,
        value: Option<usize>,
        inline: Option<String>,
    },
}

/// `Tiltak 1.1`, `Åtgärd 3:` — a label followed by a measure number.
fn numbered_label_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(\D+?)\s+(\d{1,2}(?:\.\d{1,2}){0,2})\.?$").expect("valid regex")
    })
}

/// A numbered title: `1.1 Säkrare passage`, `Tiltak 2.3: Turkart`, `3. Turkart`.
fn title_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?:(\p{L}+)\s+)?(\d{1,2}(?:\.\d{1,2}){0,2})\.?(?:\s*[:.–—·|-])?\s+(\S.*)$")
            .expect("valid regex")
    })
}

/// What `text` names as a label, with the number written after it.
fn label(text: &str, vocab: &Vocabulary) -> Option<(Kind, Option<String>)> {
    let t = text.trim().trim_end_matches(':').trim();
    if t.is_empty() || t.contains('\n') || t.split_whitespace().count() > 4 {
        return None;
    }
    let (word, number) = match numbered_label_re().captures(t) {
        Some(c) => (c[1].trim().to_string(), Some(c[2].to_string())),
        None => (t.to_string(), None),
    };
    if vocab.labels_implementation(&word) {
        return Some((Kind::Implementation, number));
    }
    vocab
        .header_field(&word)
        .map(|f| (Kind::Field(f), number.clone()))
}

/// Whether `text` could be a label the vocabulary does not know: a short name, not a
/// sentence or a number.
pub(super) fn label_like(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':');
    let words = t.split_whitespace().count();
    (1..=3).contains(&words)
        && !t.contains('\n')
        && !t.ends_with(['.', '!', '?'])
        && t.chars().next().is_some_and(char::is_alphabetic)
}

/// The distinct cells of a grid row, each with the first column it covers, left to right.
pub(super) fn row_cells(row: &[Option<usize>]) -> Vec<(usize, usize)> {
    let mut cells: Vec<(usize, usize)> = Vec::new();
    for (c, i) in row.iter().enumerate() {
        if let Some(i) = *i {
            if !cells.iter().any(|&(_, j)| j == i) {
                cells.push((c, i));
            }
        }
    }
    cells
}

/// The table's rows as lines, or `None` when a row is neither a title nor label–value
/// pairs (the table is not a card table).
fn lines(table: &Table, grid: &[Vec<Option<usize>>], vocab: &Vocabulary) -> Option<Vec<Vec<Line>>> {
    let mut out = Vec::new();
    let text = |i: usize| table.cells[i].text.trim();
    for (r, row) in grid.iter().enumerate() {
        if out.len() > r {
            continue; // the row of values under a row of labels, read with it
        }
        let cells: Vec<usize> = row_cells(row).into_iter().map(|(_, i)| i).collect();
        let filled: Vec<usize> = cells
            .iter()
            .copied()
            .filter(|&i| !text(i).is_empty())
            .collect();
        match filled.as_slice() {
            [] => {
                out.push(Vec::new());
                continue;
            }
            [only] if label(text(*only), vocab).is_none() => {
                out.push(vec![inline_pair(text(*only), vocab)
                    .unwrap_or_else(|| Line::Title(text(*only).to_string()))]);
                continue;
            }
            _ => {}
        }
        if let Some(parts) = labels_over_values(table, grid, r, vocab) {
            out.push(parts);
            out.push(Vec::new());
            continue;
        }
        let mut parts = Vec::new();
        let mut k = 0;
        while k < cells.len() {
            let t = text(cells[k]);
            if t.is_empty() {
                k += 1;
                continue;
            }
            let (kind, number) = match label(t, vocab) {
                Some(found) => found,
                None if label_like(t) && k + 1 < cells.len() => (Kind::Other, None),
                None => return None,
            };
            let value = cells.get(k + 1).copied();
            // A value that is itself a column word of another field makes the row a
            // header row (`Tiltak | Ansvar`), not a card's (`Status | Genomförd`); a
            // status word is a status's value, whatever else it may head (`Status |
            // Ferdig`, where `Ferdig` also heads a column of deadlines).
            let other_field = |v: usize| {
                let t = text(v).trim_end_matches(':');
                let status_value =
                    kind == Kind::Field(Field::Status) && vocab.status_of_text(t).is_some();
                vocab.is_header_word(t)
                    && label(t, vocab).map(|(k, _)| k) != Some(kind)
                    && !status_value
            };
            if value.is_some_and(other_field) {
                return None;
            }
            parts.push(Line::Pair {
                kind,
                label: t.trim_end_matches(':').trim().to_string(),
                number,
                value,
                inline: None,
            });
            k += 2;
        }
        out.push(parts);
    }
    Some(out)
}

/// A row of labels over one row of their values (`Ansvarig | Tidtabell | Kostnad` over
/// `Lokalcentralen | 2026–2027 | 120 000 €`): two or more labels of known, distinct
/// fields other than the measure's own filling the row, each over a cell of its own in
/// the row below, and no label below. `None` for any other pair of rows, and where a
/// second row of values follows (a table's header row over its rows).
fn labels_over_values(
    table: &Table,
    grid: &[Vec<Option<usize>>],
    r: usize,
    vocab: &Vocabulary,
) -> Option<Vec<Line>> {
    let (row, below) = (&grid[r], grid.get(r + 1)?);
    let text = |i: usize| table.cells[i].text.trim();
    let columns: Vec<usize> = row_cells(row)
        .into_iter()
        .filter(|&(_, i)| !text(i).is_empty())
        .map(|(c, _)| c)
        .collect();
    // The distinct filled cells a row has under the labels.
    let values_in = |line: &[Option<usize>]| {
        let mut seen: Vec<usize> = columns
            .iter()
            .filter_map(|&c| line.get(c).copied().flatten())
            .filter(|&i| !text(i).is_empty())
            .collect();
        seen.dedup();
        seen.len()
    };
    if grid.get(r + 2).is_some_and(|next| values_in(next) >= 2) {
        return None;
    }
    let mut parts = Vec::new();
    let mut kinds = Vec::new();
    for (c, i) in row_cells(row) {
        if text(i).is_empty() {
            continue;
        }
        let (kind, number) = label(text(i), vocab)?;
        let value = below.get(c).copied().flatten().filter(|&v| v != i);
        let is_label = value.is_some_and(|v| vocab.is_header_word(text(v).trim_end_matches(':')));
        let own = matches!(kind, Kind::Field(Field::Activity | Field::Id));
        if kinds.contains(&kind) || is_label || own || kind == Kind::Other {
            return None;
        }
        kinds.push(kind);
        parts.push(Line::Pair {
            kind,
            label: text(i).trim_end_matches(':').trim().to_string(),
            number,
            value,
            inline: None,
        });
    }
    (parts.len() >= 2).then_some(parts)
}

/// A cell that writes its label before its value (`Beskrivning: Ventilationen …`,
/// `Ansvar: Kulturetaten`), for a label of a field other than the measure's number, its
/// area or goal (those rows are titles).
fn inline_pair(text: &str, vocab: &Vocabulary) -> Option<Line> {
    let (head, rest) = text.split_once(':')?;
    let rest = rest.trim();
    if rest.is_empty() || head.contains('\n') {
        return None;
    }
    let (kind, number) = label(head, vocab)?;
    if matches!(
        kind,
        Kind::Field(Field::Id | Field::Area | Field::Goal) | Kind::Other
    ) {
        return None;
    }
    Some(Line::Pair {
        kind,
        label: head.trim().to_string(),
        number,
        value: None,
        inline: Some(rest.to_string()),
    })
}

/// One measure being read.
#[derive(Debug, Default)]
struct Card {
    row: usize,
    id: Option<String>,
    activity: Option<(String, FieldValue)>,
    implementation: Vec<String>,
    fields: Vec<(Field, FieldValue)>,
    extra: Vec<(String, String)>,
    area: Option<Section>,
    goal: Option<Section>,
    page: Option<u32>,
    /// Whether the activity is a description written after its label in its own cell
    /// (`Beskrivelse: …`): a title from the heading over the table comes first.
    described: bool,
}

impl Card {
    fn is_empty(&self) -> bool {
        self.activity.is_none() && self.fields.is_empty() && self.implementation.is_empty()
    }
}

/// A measure's number and title from a title line, the leading label word dropped
/// (`Tiltak 2.3: Turkart` → `2.3`, `Turkart`); `None` for a title without a number.
fn numbered_title(text: &str, vocab: &Vocabulary) -> Option<(String, Option<String>)> {
    let c = title_re().captures(text)?;
    if let Some(word) = c.get(1) {
        if vocab.header_field(word.as_str()) != Some(Field::Activity) {
            return None;
        }
    }
    let rest = c[3].trim();
    Some((
        c[2].to_string(),
        (!rest.is_empty()).then(|| rest.to_string()),
    ))
}

/// The records of a card table, or `None` when `table` is not one: at least three
/// labelled values of two fields or more, every row a title or label–value pairs, and
/// an activity named by a label, a title row or the heading over the table.
pub fn read(
    table: &Table,
    grid: &[Vec<Option<usize>>],
    vocab: &Vocabulary,
    around: &Around,
) -> Option<Vec<RowRecord>> {
    if table.n_cols < 2 {
        return None;
    }
    // Joining moves text only: the grid stays the table's.
    if let Some(joined) = join_run_on_rows(table, grid) {
        return read_rows(&joined, grid, vocab, around);
    }
    read_rows(table, grid, vocab, around)
}

/// `table` with each run-on row joined to the value above it, or `None` when it has
/// none. A run-on row has an empty first cell and one value beside it, under a labelled
/// row's value (or another run-on row): the rest of that value, which a page break (or
/// the writer's own line breaks) put in a row of its own.
fn join_run_on_rows(table: &Table, grid: &[Vec<Option<usize>>]) -> Option<Table> {
    let blank = |t: &Table, i: usize| t.cells[i].text.trim().is_empty();
    let mut joined: Option<Table> = None;
    // The last labelled row's value: its column and its cell.
    let mut target: Option<(usize, usize)> = None;
    for row in grid {
        let t = joined.as_ref().unwrap_or(table);
        let first_empty = row.first().copied().flatten().is_none_or(|i| blank(t, i));
        let mut filled = row_cells(row);
        filled.retain(|&(_, i)| !blank(t, i));
        match (first_empty, filled.as_slice(), target) {
            (true, [(c, i)], Some((tc, above))) if *c == tc && *i != above => {
                let t = joined.get_or_insert_with(|| table.clone());
                let more = std::mem::take(&mut t.cells[*i].text);
                let value = &mut t.cells[above].text;
                *value = format!("{}\n{}", value.trim_end(), more.trim());
            }
            (false, [_, (c, i), ..], _) => target = Some((*c, *i)),
            _ => target = None,
        }
    }
    joined
}

fn read_rows(
    table: &Table,
    grid: &[Vec<Option<usize>>],
    vocab: &Vocabulary,
    around: &Around,
) -> Option<Vec<RowRecord>> {
    let rows = lines(table, grid, vocab)?;
    let known: Vec<Kind> = rows
        .iter()
        .flatten()
        .filter_map(|l| match l {
            Line::Pair { kind, .. } if *kind != Kind::Other => Some(*kind),
            _ => None,
        })
        .collect();
    let mut distinct: Vec<Kind> = Vec::new();
    for k in &known {
        if !distinct.contains(k) {
            distinct.push(*k);
        }
    }
    let labelled_rows = rows
        .iter()
        .filter(|r| r.iter().any(|l| matches!(l, Line::Pair { .. })))
        .count();
    let titles = rows
        .iter()
        .filter(|r| matches!(r.as_slice(), [Line::Title(_)]))
        .count();
    // Under a measure's heading, one row of pairs (or of labels over their values) of
    // two fields is the whole card.
    let one_row_card = around.heading.is_some() && labelled_rows == 1 && titles == 0;
    let enough = (known.len() >= 3 && labelled_rows >= 2) || one_row_card;
    if !enough || distinct.len() < 2 || titles > labelled_rows {
        return None;
    }
    let has_activity = known.contains(&Kind::Field(Field::Activity));
    if !has_activity && titles == 0 && around.heading.is_none() {
        return None;
    }
    Some(records(table, &rows, vocab, around))
}

fn records(
    table: &Table,
    rows: &[Vec<Line>],
    vocab: &Vocabulary,
    around: &Around,
) -> Vec<RowRecord> {
    let mut cards: Vec<Card> = Vec::new();
    let mut card = Card::default();
    let mut activity_label: Option<String> = None;
    let mut area = around.area.clone();
    let start = |card: &mut Card, r: usize, area: &Option<Section>| {
        card.row = r;
        card.area = area.clone();
    };
    start(&mut card, 0, &area);
    for (r, line) in rows.iter().enumerate() {
        for part in line {
            match part {
                Line::Title(text) => {
                    if let Some((SectionKind::Area, section)) =
                        sections::keyword_section(text, vocab)
                    {
                        if !card.is_empty() {
                            cards.push(std::mem::take(&mut card));
                        }
                        area = Some(section);
                        start(&mut card, r + 1, &area);
                        continue;
                    }
                    if !card.is_empty() {
                        cards.push(std::mem::take(&mut card));
                        start(&mut card, r, &area);
                    }
                    card.row = r;
                    let (id, title) = match numbered_title(text, vocab) {
                        Some((id, title)) => (Some(id), title),
                        None => (None, Some(text.clone())),
                    };
                    card.id = id.or(card.id.take());
                    if let Some(title) = title {
                        card.activity = Some((title.clone(), value(&title, "")));
                    }
                }
                Line::Pair {
                    kind,
                    label,
                    number,
                    value,
                    inline,
                } => {
                    let cell = value.map(|v| &table.cells[v]);
                    let text = inline
                        .as_deref()
                        .unwrap_or_else(|| cell.map_or("", |c| c.text.trim()));
                    if card.page.is_none() {
                        card.page = cell.and_then(|c| c.page);
                    }
                    let norm = normalize_header(label);
                    let again = activity_label.as_deref() == Some(norm.as_str());
                    match kind {
                        Kind::Field(Field::Activity) | Kind::Field(Field::Id)
                            if again || (*kind == Kind::Field(Field::Id) && card.id.is_some()) =>
                        {
                            cards.push(std::mem::take(&mut card));
                            start(&mut card, r, &area);
                        }
                        _ => {}
                    }
                    match kind {
                        Kind::Field(Field::Activity) if card.activity.is_none() => {
                            activity_label = Some(norm);
                            if number.is_some() {
                                card.id = number.clone();
                            }
                            if !text.is_empty() {
                                let v = field_value(cell, label, text);
                                card.activity = Some((text.to_string(), v));
                                card.described = inline.is_some();
                            }
                        }
                        Kind::Field(Field::Activity) | Kind::Implementation if !text.is_empty() => {
                            card.implementation.push(text.to_string());
                        }
                        Kind::Field(Field::Activity) | Kind::Implementation => {}
                        Kind::Field(Field::Id) => {
                            card.id = (!text.is_empty()).then(|| text.to_string());
                        }
                        Kind::Field(Field::Area) if !text.is_empty() => {
                            card.area = Some(sections::heading_section(text));
                        }
                        Kind::Field(Field::Goal) if !text.is_empty() => {
                            card.goal = Some(sections::heading_section(text));
                        }
                        Kind::Field(f) if !text.is_empty() => {
                            if card.fields.iter().any(|(g, _)| g == f) {
                                card.extra.push((label.clone(), text.to_string()));
                            } else {
                                card.fields.push((*f, field_value(cell, label, text)));
                            }
                        }
                        Kind::Other if !text.is_empty() => {
                            card.extra.push((label.clone(), text.to_string()));
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    if !card.is_empty() {
        cards.push(card);
    }
    // A single card takes its number, or its title, from the heading over the table.
    if let ([only], Some(heading)) = (cards.as_mut_slice(), &around.heading) {
        match numbered_title(heading, vocab) {
            Some((id, title)) => {
                only.id = only.id.take().or(Some(id));
                // The heading names the measure; the text the card gives under the
                // activity's label (`Beskrivning | …`) describes it.
                if title.is_some() {
                    if let Some((text, _)) = only.activity.take() {
                        only.implementation.insert(0, text);
                    }
                }
                if only.activity.is_none() {
                    only.activity = title.map(|t| (t.clone(), value(&t, "")));
                }
            }
            None => {
                let bare = numbered_label_re()
                    .captures(heading.trim())
                    .filter(|c| vocab.header_field(c[1].trim()) == Some(Field::Activity))
                    .map(|c| c[2].to_string());
                match bare {
                    Some(id) => only.id = only.id.take().or(Some(id)),
                    None if only.activity.is_none() => {
                        only.activity = Some((heading.clone(), value(heading, "")))
                    }
                    None => {}
                }
            }
        }
        if only.implementation.is_empty() {
            only.implementation.extend(around.description.clone());
        }
    }
    cards
        .into_iter()
        .filter_map(|c| to_record(c, table, around))
        .collect()
}

/// A pair's value: `text` (the cell's, or the value written after the label), with
/// the look of the cell it stands in.
fn field_value(cell: Option<&crate::model::Cell>, label: &str, text: &str) -> FieldValue {
    match cell {
        Some(c) => FieldValue {
            text: text.to_string(),
            fill: c.fill,
            color: c.color,
            bold: c.bold,
            title_lines: c.title_lines,
            header: label.to_string(),
        },
        None => value(text, label),
    }
}

fn to_record(card: Card, table: &Table, around: &Around) -> Option<RowRecord> {
    let (_, mut activity) = card.activity?;
    if activity.header.is_empty() {
        activity.header = "activity".into();
    }
    let mut fields = vec![(Field::Activity, activity)];
    if let Some(id) = card.id {
        fields.push((Field::Id, value(&id, "id")));
    }
    fields.extend(card.fields);
    Some(RowRecord {
        table_index: around.table_index,
        row_index: card.row + 1,
        page: card.page.or_else(|| table.pages.first().copied()),
        sheet: table.sheet.clone(),
        period_heading: around.period.clone(),
        goal: card.goal.or_else(|| around.goal.clone()),
        area: card.area,
        fields,
        extra: card.extra,
        implementation: (!card.implementation.is_empty()).then(|| card.implementation.join("\n")),
    })
}
