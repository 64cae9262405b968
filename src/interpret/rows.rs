//! Walking a table's rows: section rows set context, continuation rows join the record
//! they continue, every other row with an activity becomes a [`RowRecord`].

use super::header::Header;
use super::sections::{self, Section, SectionKind};
use super::{FieldValue, RowRecord};
use crate::model::Table;
use crate::normalize::status::Legend;
use crate::text::{collapse, starts_lowercase};
use crate::vocab::{Field, Vocabulary};

/// What carries from one table to the next when a table continues across a page break.
#[derive(Debug, Clone, Default)]
pub struct TableState {
    /// The column mapping.
    pub header: Option<Header>,
    /// Columns of the grid.
    pub n_cols: usize,
    /// The goal the rows sit under.
    pub goal: Option<Section>,
    /// The area the rows sit under.
    pub area: Option<Section>,
    /// The raw text of the last area cell (with its footnote markers), carried down.
    pub area_raw: Option<String>,
    /// The raw text of the last goal cell, carried down the same way.
    pub goal_raw: Option<String>,
    /// The period heading above the table.
    pub period: Option<String>,
    /// Whether the records so far carried their own numbers.
    pub had_ids: bool,
    /// 1-based index of the table the state belongs to.
    pub table_index: usize,
    /// Index in the output of the first record of this run of tables: continuation rows
    /// join only records of the same run.
    pub first_record: usize,
    /// Which section level is the outer one.
    pub nesting: sections::Nesting,
    /// The goals the document's goal-assessment tables name so far, lower case: a section
    /// row that names one of them is a goal row, however it is set.
    pub assessed: Vec<String>,
}

/// Whether a row's texts are a status legend (`● grön = genomförd`, `Pågår`, a
/// coloured cell beside `Gjennomført`) rather than a record: every text is a colour or
/// sign explained by a status, or a bare status phrase of a few words.
fn is_legend_row(cells: &[usize], table: &Table, vocab: &Vocabulary) -> bool {
    let texts: Vec<&str> = cells.iter().map(|&i| table.cells[i].text.trim()).collect();
    let explained = |t: &str| !Legend::from_texts([t], vocab).is_empty();
    let bare_status = |t: &str| {
        t.split_whitespace().count() <= 3
            && !t.chars().any(|c| c.is_ascii_digit())
            && vocab.status_of_text(t).is_some()
    };
    let joined = texts.join(" = ");
    !texts.is_empty()
        && (explained(&joined) || texts.iter().all(|t| explained(t) || bare_status(t)))
}

/// Whether a row is a line under the table's records: one text (however many cells it
/// spans) that is a footnote (`1) …`, `*) …`) or a labelled source or note (`Källa: …`,
/// `Note: …`). Such a line is neither a record nor part of the one above.
fn is_note_row(cells: &[usize], table: &Table, vocab: &Vocabulary) -> bool {
    only_text(cells, table)
        .is_some_and(|text| vocab.labels_note(text) || super::footnotes::is_definition(text))
}

/// The one text of a row's cells, however many cells it spans; `None` where the row
/// holds several.
fn only_text<'t>(cells: &[usize], table: &'t Table) -> Option<&'t str> {
    let mut texts: Vec<&str> = cells.iter().map(|&i| table.cells[i].text.trim()).collect();
    texts.dedup();
    match texts[..] {
        [text] => Some(text),
        _ => None,
    }
}

/// Whether a row is a row of totals: its first text is a word of totals (`Totalt`,
/// `Summa`, `I alt`, `Yhteensä`), with or without a colon; or opens with one before a
/// few words (`Summa område 1`, `I alt indsatsområde 2`) where every other text of the
/// row is a figure.
fn is_total_row(cells: &[usize], table: &Table, vocab: &Vocabulary) -> bool {
    let Some((&first, rest)) = cells.split_first() else {
        return false;
    };
    let t = table.cells[first]
        .text
        .trim()
        .trim_end_matches(':')
        .to_lowercase();
    if vocab.total_labels.contains(&t) {
        return true;
    }
    let opens = vocab.total_labels.iter().any(|w| {
        t.strip_prefix(w.as_str())
            .is_some_and(|after| after.starts_with(' ') && after.split_whitespace().count() <= 4)
    });
    let figures = |i: &usize| {
        let text = table.cells[*i].text.trim();
        text.chars().any(|c| c.is_ascii_digit())
            && text
                .chars()
                .all(|c| c.is_ascii_digit() || " .,%-−–+kr".contains(c))
    };
    opens && !rest.is_empty() && rest.iter().all(figures)
}

/// Whether a row is a legend's title (`Teckenförklaring`, `Tegnforklaring:`): one text,
/// the title of a status legend set under the records.
fn is_legend_title(cells: &[usize], table: &Table, vocab: &Vocabulary) -> bool {
    only_text(cells, table).is_some_and(|text| {
        let title = text.trim_end_matches(':').trim().to_lowercase();
        vocab.legend_titles.contains(&title)
    })
}

/// Whether a row is a note closing a group of rows: one text merged across the activity
/// column and every column right of it (no responsible or time of its own), beside a
/// group cell merged down from above (the area) that ends with this row (`Se også
/// Handicappolitikken, afsnit 3`, `Indsatser for foreninger beskrives i …`). Such a row
/// heads no rows, so it is no section, and it is no activity.
fn closing_note(
    table: &Table,
    grid: &[Vec<Option<usize>>],
    r: usize,
    non_empty: &[usize],
    header: &Header,
) -> bool {
    let [only] = non_empty else { return false };
    let cell = &table.cells[*only];
    let width = grid[r].len();
    let spans_activity = (cell.col..cell.col + cell.col_span)
        .any(|c| header.fields.get(c) == Some(&Some(Field::Activity)));
    if cell.col == 0 || cell.col_span < 2 || cell.col + cell.col_span < width || !spans_activity {
        return false;
    }
    // The group cells to its left: merged from rows above, and ending here.
    (0..cell.col).all(|c| {
        grid[r][c].is_some_and(|g| {
            let group = &table.cells[g];
            group.row < r && group.row + group.row_span == r + 1 && !group.text.trim().is_empty()
        })
    })
}

/// A section met in a table, reported so that goals can be listed.
pub type SectionHit = (SectionKind, Section);

/// Reads the rows of `table` from `start`, appending records to `out`, and returns the
/// sections met. With `continuing`, the first non-empty row may continue the last record
/// in `out`.
pub fn walk(
    table: &Table,
    grid: &[Vec<Option<usize>>],
    start: usize,
    continuing: bool,
    state: &mut TableState,
    vocab: &Vocabulary,
    out: &mut Vec<RowRecord>,
) -> Vec<SectionHit> {
    let mut sections_seen = Vec::new();
    let Some(header) = state.header.clone() else {
        return sections_seen;
    };
    let mut first = continuing;
    let first_here = out.len();
    let outline = outline_depth(table, grid, start, &header);
    let mut last_page: Option<u32> = None;
    // Whether an empty row came since the last row with text.
    let mut gap = false;
    for (r, row) in grid.iter().enumerate().skip(start) {
        // The anchors that start in this row (cells merged from above carry no new text).
        let mut own: Vec<usize> = Vec::new();
        for idx in row.iter().flatten() {
            if !own.contains(idx) && table.cells[*idx].row == r {
                own.push(*idx);
            }
        }
        let non_empty: Vec<usize> = own
            .iter()
            .copied()
            .filter(|&i| !table.cells[i].text.trim().is_empty())
            .collect();
        if non_empty.is_empty() {
            gap = true;
            continue;
        }
        // The first row on a new page may continue the row the page break split.
        let page = own.iter().filter_map(|&i| table.cells[i].page).min();
        if let (Some(p), Some(last)) = (page, last_page) {
            if p > last {
                first = true;
            }
        }
        last_page = page.or(last_page);
        // A row of its own that says `Kommentar: …` comments the record right above it
        // (after an empty row it is a note under the table).
        let after_gap = std::mem::take(&mut gap);
        if let Some(comment) = comment_row(table, &non_empty, vocab).filter(|_| !after_gap) {
            if out.len() > state.first_record {
                if let Some(last) = out.last_mut() {
                    match last.fields.iter_mut().find(|(f, _)| *f == Field::Comment) {
                        Some((_, v)) if !v.text.trim().is_empty() => {
                            v.text = format!("{}\n{comment}", v.text)
                        }
                        Some((_, v)) => v.text = comment,
                        None => last.fields.push((
                            Field::Comment,
                            FieldValue {
                                text: comment,
                                ..FieldValue::default()
                            },
                        )),
                    }
                    first = false;
                    continue;
                }
            }
        }
        // After an empty row, a note's label alone (`Bemærkninger`, `Anmärkningar:`)
        // opens the notes under the table: no row from it on is a record's.
        if after_gap && only_text(&non_empty, table).is_some_and(|t| vocab.is_note_label(t)) {
            break;
        }
        // A labelled note or a dated line (`Sist oppdatert 15.12.2025 …`, a table's foot
        // that the printer repeats on every page) is no section, wherever it stands.
        if only_text(&non_empty, table).is_some_and(|t| vocab.labels_note(t)) {
            continue;
        }
        let found: Vec<(SectionKind, Section)> = match level_section(table, row, &header, vocab)
            .or_else(|| section_row(table, &non_empty, vocab))
            .or_else(|| outline_section(table, row, &header, outline))
            .or_else(|| numbered_section_cell(table, row, &header, vocab))
        {
            Some(hit) => vec![hit],
            None => sections_beside(table, row, &non_empty, &header, vocab),
        };
        for (kind, section) in &found {
            let (kind, section) = (*kind, section.clone());
            let assessed = state.assessed.contains(&section.text.to_lowercase());
            let kind = if assessed { SectionKind::Goal } else { kind };
            let outer = state.nesting.enter(kind);
            match kind {
                SectionKind::Goal => {
                    state.goal = Some(section.clone());
                    state.goal_raw = None;
                    if outer {
                        state.area = None;
                        state.area_raw = None;
                    }
                }
                SectionKind::Area => {
                    state.area = Some(section.clone());
                    state.area_raw = None;
                    state.goal_raw = None;
                    if outer {
                        state.goal = None;
                    }
                }
                SectionKind::Period => state.period = Some(section.text.clone()),
            }
            sections_seen.push((kind, section));
        }
        if !found.is_empty() {
            first = false;
            continue;
        }
        // In a table whose records take two rows, a facts' row gives only its own cells
        // (the number merged down from the title's row is the title's).
        let titled = title_row(table, &non_empty, &header);
        let own_slots: Vec<Option<usize>>;
        let row = if header.title_span.is_some() && !titled {
            own_slots = row
                .iter()
                .map(|s| s.filter(|&i| table.cells[i].row == r))
                .collect();
            &own_slots[..]
        } else {
            row
        };
        let row_header = header.for_row(titled);
        let mut values = row_values(table, row, &row_header);
        if let Some(marks) = &header.marks {
            super::marks::apply(marks, table, row, vocab, &mut values);
        }
        let activity = values
            .iter()
            .find(|(f, _)| *f == Some(Field::Activity))
            .map(|(_, v)| v.clone());
        let activity_text = activity
            .as_ref()
            .map(|v| v.text.trim().to_string())
            .unwrap_or_default();
        let activity_text = activity_text.as_str();
        // A legend's title under the records: the rows from it on are the legend.
        if is_legend_title(&non_empty, table, vocab) {
            break;
        }
        if is_legend_row(&non_empty, table, vocab)
            || is_note_row(&non_empty, table, vocab)
            || is_total_row(&non_empty, table, vocab)
            || closing_note(table, grid, r, &non_empty, &header)
        {
            continue;
        }
        // Under a numbered record, a row without a number whose activity cell only
        // lists dashed or bulleted items holds that record's steps (sub-activities
        // set under each measure), not records of their own.
        let id_empty = values
            .iter()
            .find(|(f, _)| *f == Some(Field::Id))
            .is_none_or(|(_, v)| v.text.trim().is_empty());
        let items_only = {
            let lines: Vec<&str> = activity_text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .collect();
            !lines.is_empty() && lines.iter().all(|l| crate::text::starts_with_bullet(l))
        };
        if state.had_ids
            && id_empty
            && items_only
            && header.fields.contains(&Some(Field::Id))
            && out.len() > state.first_record
        {
            if let Some(last) = out.last_mut() {
                let steps = crate::text::bullet_lines(activity_text);
                last.implementation = Some(match last.implementation.take() {
                    Some(before) if !before.trim().is_empty() => format!("{before}\n{steps}"),
                    _ => steps,
                });
                first = false;
                continue;
            }
        }
        let is_continuation = first
            && out.len() > state.first_record
            && (activity_text.is_empty()
                || starts_lowercase(activity_text)
                || (state.had_ids
                    && !header.fields.contains(&Some(Field::Id))
                    && sections::leading_id(activity_text).is_none()
                    && activity.as_ref().is_none_or(|v| v.bold != Some(true))));
        first = false;
        // After an empty row, a row without an activity is a note under the table
        // (`Handleplanen revideres årligt …` in the id column), not part of the record.
        if activity_text.is_empty() && after_gap {
            continue;
        }
        if is_continuation || activity_text.is_empty() {
            if out.len() > state.first_record {
                if let Some(last) = out.last_mut() {
                    join_into(last, &values);
                }
            }
            continue;
        }
        let mut record = RowRecord {
            table_index: state.table_index,
            row_index: r + 1,
            page: own.iter().filter_map(|&i| table.cells[i].page).min(),
            sheet: table.sheet.clone(),
            period_heading: state.period.clone(),
            goal: state.goal.clone(),
            area: state.area.clone(),
            ..RowRecord::default()
        };
        for (field, value) in values {
            match field {
                Some(Field::Area) => {
                    // Another area: the goal carried down ends with the last one.
                    let text = value.text.trim();
                    if !text.is_empty() && state.area_raw.as_deref() != Some(value.text.as_str()) {
                        state.goal_raw = None;
                    }
                    carry_down(&mut state.area_raw, Field::Area, value, &mut record);
                }
                // A goal cell merged down over the rows (left blank where the merge goes
                // on, as on the next page) carries its goal down as an area cell does.
                Some(Field::Goal) => {
                    carry_down(&mut state.goal_raw, Field::Goal, value, &mut record)
                }
                Some(Field::Activity)
                    if value.title_lines > 0
                        && !record.fields.iter().any(|(g, _)| *g == Field::Activity) =>
                {
                    // A title styled apart over its description: the title is the
                    // activity, the description how it is carried out.
                    let (title, rest) = title_and_rest(&value.text, value.title_lines);
                    if !rest.is_empty() && record.implementation.is_none() {
                        record.implementation = Some(rest);
                    }
                    record.fields.push((
                        Field::Activity,
                        FieldValue {
                            text: title,
                            ..value
                        },
                    ));
                }
                Some(f) if !record.fields.iter().any(|(g, _)| *g == f) => {
                    record.fields.push((f, value))
                }
                // Times in two columns (`Start | Ferdig` under `Tidsplan`) are one span.
                Some(Field::Timeframe) if !value.text.trim().is_empty() => {
                    if let Some((_, first)) = record
                        .fields
                        .iter_mut()
                        .find(|(g, _)| *g == Field::Timeframe)
                    {
                        first.text = if first.text.trim().is_empty() {
                            value.text.trim().to_string()
                        } else {
                            format!("{}–{}", first.text.trim(), value.text.trim())
                        };
                    }
                }
                // A second activity column (`Action | Description`, `Tiltak | Beskrivelse`)
                // describes the first: how it is carried out.
                Some(Field::Activity)
                    if record.implementation.is_none() && !value.text.trim().is_empty() =>
                {
                    record.implementation = Some(value.text.trim().to_string());
                }
                _ => {
                    if !value.text.trim().is_empty() {
                        record.extra.push((value.header.clone(), value.text));
                    }
                }
            }
        }
        facts_under_activity(&mut record, vocab);
        // A blank area cell that the reader left out carries the area down as well.
        if header.fields.contains(&Some(Field::Area)) && record.field(Field::Area).is_none() {
            if let Some(raw) = &state.area_raw {
                let value = FieldValue {
                    text: raw.clone(),
                    ..FieldValue::default()
                };
                record.fields.push((Field::Area, value));
            }
        }
        if header.fields.contains(&Some(Field::Goal)) && record.field(Field::Goal).is_none() {
            if let Some(raw) = &state.goal_raw {
                let value = FieldValue {
                    text: raw.clone(),
                    ..FieldValue::default()
                };
                record.fields.push((Field::Goal, value));
            }
        }
        if let Some(area_text) = record.field(Field::Area) {
            // An area column names the area directly; a number in it is its id.
            let text = collapse(area_text);
            let area = sections::keyword_section(&text, vocab)
                .map(|(_, s)| s)
                .or_else(|| sections::numbered_heading(&text))
                .unwrap_or(Section { id: None, text });
            record.area = Some(area);
        }
        if let Some(goal_text) = record.field(Field::Goal) {
            let text = collapse(goal_text);
            // A goal column's number (`1.1 Flere unge trives`) is the goal's id.
            let numbered = || {
                sections::leading_id(&text).map(|(id, rest)| Section {
                    id: Some(id),
                    text: rest.to_string(),
                })
            };
            record.goal = Some(
                sections::keyword_section(&text, vocab)
                    .map(|(_, s)| s)
                    .or_else(|| sections::numbered_heading(&text))
                    .or_else(numbered)
                    .unwrap_or(Section { id: None, text }),
            );
        }
        state.had_ids |= record
            .field(Field::Id)
            .is_some_and(|t| !t.trim().is_empty())
            || sections::leading_id(activity_text).is_some();
        out.extend(split_listed(record));
    }
    // Where the number column numbers the goals of rows that list several measures, it
    // numbers the goal of a row of one measure too.
    let numbers_goals = out[first_here.min(out.len())..]
        .iter()
        .any(|r| r.field(Field::Id).is_none() && r.goal.as_ref().is_some_and(|g| g.id.is_some()))
        && header.fields.contains(&Some(Field::Id));
    for record in out.iter_mut().skip(first_here) {
        if numbers_goals {
            goal_numbered(record);
        }
        letter_ids(record);
    }
    sections_seen
}

/// Moves a record's number to its goal, where the row names its own goal without one
/// (`1 | Flere unge er aktive | …`): the number is the goal's.
fn goal_numbered(record: &mut RowRecord) {
    let own_goal = record
        .field(Field::Goal)
        .is_some_and(|g| !g.trim().is_empty());
    if !own_goal || record.goal.as_ref().is_none_or(|g| g.id.is_some()) {
        return;
    }
    if let Some(at) = record.fields.iter().position(|(f, _)| *f == Field::Id) {
        let (_, id) = record.fields.remove(at);
        let id = sections::tidy_id(id.text.trim());
        if let Some(goal) = record.goal.as_mut().filter(|_| !id.is_empty()) {
            goal.id = Some(id);
        }
    }
}

/// A section named with a letter (`A Ordinære anlegg`) over records numbered with it
/// (`A1`, `A2`): the letter is the section's id.
fn letter_ids(record: &mut RowRecord) {
    let Some(id) = record.field(Field::Id).map(|t| t.trim().to_string()) else {
        return;
    };
    let mut chars = id.chars();
    let (Some(letter), Some(next)) = (chars.next(), chars.next()) else {
        return;
    };
    if !letter.is_uppercase() || !next.is_ascii_digit() {
        return;
    }
    for section in [record.area.as_mut(), record.goal.as_mut()]
        .into_iter()
        .flatten()
    {
        if section.id.is_some() {
            continue;
        }
        let mut words = section.text.splitn(2, ' ');
        let (Some(head), Some(rest)) = (words.next(), words.next()) else {
            continue;
        };
        if head.trim_end_matches(['.', ')', ':']) == letter.to_string() && !rest.trim().is_empty() {
            section.id = Some(letter.to_string());
            section.text = rest.trim().to_string();
        }
    }
}

/// A text's first `n` lines and the rest, each trimmed.
fn title_and_rest(text: &str, n: usize) -> (String, String) {
    let lines: Vec<&str> = text.lines().collect();
    let n = n.min(lines.len());
    (
        lines[..n].join("\n").trim().to_string(),
        lines[n..].join("\n").trim().to_string(),
    )
}

/// A cell of a column whose value stands for the rows under it until the next (an area
/// or goal merged down): a filled cell's value is pushed and kept in `raw`, a blank one
/// takes the kept value.
fn carry_down(raw: &mut Option<String>, field: Field, value: FieldValue, record: &mut RowRecord) {
    if value.text.trim().is_empty() {
        if let Some(kept) = raw.as_ref() {
            record.fields.push((
                field,
                FieldValue {
                    text: kept.clone(),
                    ..value
                },
            ));
        }
    } else {
        *raw = Some(value.text.clone());
        record.fields.push((field, value));
    }
}

/// The text of a row that holds only a comment label and its text (`Kommentar: …`,
/// `Comment: …`).
fn comment_row(table: &Table, non_empty: &[usize], vocab: &Vocabulary) -> Option<String> {
    let [only] = non_empty else { return None };
    let text = table.cells[*only].text.trim();
    let (label, rest) = text.split_once(':')?;
    (vocab.header_field(label) == Some(Field::Comment) && label.split_whitespace().count() <= 3)
        .then(|| rest.trim().to_string())
}

/// An overview row whose activity cell lists several activities, every line a dash,
/// bullet or numbered item (after a lead-in closed by a colon), gives one record per
/// item (each with the row's other cells); a cross-reference line (`(Beskrives i afsnit
/// 6.1)`) under an item is kept with it, not taken for an activity.
fn split_listed(mut record: RowRecord) -> Vec<RowRecord> {
    let Some(text) = record.field(Field::Activity).map(str::to_string) else {
        return vec![record];
    };
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .flat_map(split_reference)
        .collect();
    let is_item = |l: &str| signed(l) || sections::leading_id(l).is_some();
    let is_reference = |l: &str| l.starts_with('(') && l.ends_with(')');
    // A lead-in closed by a colon (`Skolene skal:`) introduces the items under it.
    let lines = match lines.split_first() {
        Some((lead, rest)) if lead.ends_with(':') && rest.first().is_some_and(|l| is_item(l)) => {
            rest.to_vec()
        }
        _ => lines,
    };
    let items = lines.iter().filter(|l| is_item(l)).count();
    if items < 2 || !lines.iter().all(|l| is_item(l) || is_reference(l)) || !is_item(lines[0]) {
        return vec![unsign_one_item(record)];
    }
    let mut groups: Vec<Vec<&str>> = Vec::new();
    for line in lines {
        match groups.last_mut() {
            Some(group) if !is_item(line) => group.push(line),
            _ => groups.push(vec![line]),
        }
    }
    // A row of a goal in its own cell, numbered, with its measures listed beside it
    // (`Nr | Mål | Tiltak`): the number is the goal's, not each measure's.
    if groups.len() >= 2 {
        goal_numbered(&mut record);
    }
    groups
        .into_iter()
        .map(|group| {
            let mut one = record.clone();
            if let Some((_, v)) = one.fields.iter_mut().find(|(f, _)| *f == Field::Activity) {
                v.text = unsigned(group[0]).to_string();
            }
            for reference in &group[1..] {
                one.extra.push(("reference".into(), reference.to_string()));
            }
            one
        })
        .collect()
}

/// A line and the cross-reference that ends it, as two lines, where a layout ran the
/// reference on (`- Trivselsmåling (Beskrives i afsnit 6.1)`): a parenthesis at the end
/// that names a part of the document by number (a section, chapter, appendix or page).
fn split_reference(line: &str) -> Vec<&str> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"(?i)\s(\([^()]*\b(?:afsnit|afsnittet|avsnitt|avsnittet|kapitel|kapitlet|kapittel|kapittelet|kap\.|section|chapter|bilaga|bilag|bilaget|vedlegg|appendix|annex|sida|side|page|s\.)\s*\d[\d.]*[^()]*\))$",
        )
        .expect("valid regex")
    });
    match re.captures(line).and_then(|c| c.get(1)) {
        Some(m) if m.start() > 0 => vec![line[..m.start()].trim_end(), m.as_str()],
        _ => vec![line],
    }
}

/// An activity cell that holds one dash or bullet item (`– Sensorer i alle skoler`)
/// without its sign: the sign marks a list of one.
fn unsign_one_item(mut record: RowRecord) -> RowRecord {
    if let Some((_, v)) = record
        .fields
        .iter_mut()
        .find(|(f, _)| *f == Field::Activity)
    {
        if signed(&v.text) && !v.text.lines().skip(1).any(signed) {
            v.text = unsigned(&v.text).to_string();
        }
    }
    record
}

/// Whether a line opens with a list item's sign: a bullet, or a dash and a space.
fn signed(line: &str) -> bool {
    let l = line.trim_start();
    crate::text::starts_with_bullet(l) || l.starts_with("- ") || l.starts_with("– ")
}

/// A line without its list item's sign (see [`signed`]).
fn unsigned(line: &str) -> &str {
    crate::text::strip_bullet(line.trim_start().trim_start_matches(['-', '–']))
}

/// The levels of an id written as an outline number (`1`, `1.1`, `1.1.1`); `None` for
/// other ids.
fn outline_levels(id: &str) -> Option<usize> {
    let id = id.trim().trim_end_matches('.');
    let short = id.split('.').all(|p| p.len() <= 3);
    sections::dotted_levels(id).filter(|_| short)
}

/// The id and the other filled fields of a row, by the header.
fn id_and_rest(table: &Table, row: &[Option<usize>], header: &Header) -> (Option<String>, usize) {
    let mut id = None;
    let mut rest = 0;
    let mut seen = Vec::new();
    for (c, slot) in row.iter().enumerate() {
        let Some(i) = *slot else { continue };
        if seen.contains(&i) || table.cells[i].text.trim().is_empty() {
            continue;
        }
        seen.push(i);
        match header.fields.get(c).copied().flatten() {
            Some(Field::Id) => id = Some(table.cells[i].text.trim().to_string()),
            Some(Field::Activity) => {}
            _ => rest += 1,
        }
    }
    (id, rest)
}

/// The depth of the ids of a table's records where the table numbers its rows as an
/// outline (`1` area, `1.1` goal, `1.1.1` activity): the deepest outline id of the rows
/// that fill a field besides the id and the activity, where shallower ids stand alone.
fn outline_depth(
    table: &Table,
    grid: &[Vec<Option<usize>>],
    start: usize,
    header: &Header,
) -> Option<usize> {
    if !header.fields.contains(&Some(Field::Id)) {
        return None;
    }
    let mut deepest = None::<usize>;
    let mut shallow = None::<usize>;
    for row in grid.iter().skip(start) {
        let (id, rest) = id_and_rest(table, row, header);
        let Some(levels) = id.as_deref().and_then(outline_levels) else {
            continue;
        };
        if rest > 0 {
            deepest = deepest.max(Some(levels));
        } else {
            shallow = Some(shallow.map_or(levels, |s| s.min(levels)));
        }
    }
    deepest.filter(|&d| d >= 2 && shallow.is_some_and(|s| s < d))
}

/// A row of an outline-numbered table whose id is shallower than its records' and that
/// fills nothing but the id and the text: the section the records sit under, the goal
/// right above them (`1.1`) and the area above that (`1`).
fn outline_section(
    table: &Table,
    row: &[Option<usize>],
    header: &Header,
    depth: Option<usize>,
) -> Option<(SectionKind, Section)> {
    let depth = depth?;
    let (id, rest) = id_and_rest(table, row, header);
    let id = id?;
    let levels = outline_levels(&id)?;
    if rest > 0 || levels >= depth {
        return None;
    }
    let act = header
        .fields
        .iter()
        .position(|f| *f == Some(Field::Activity))?;
    let text = row
        .get(act)
        .copied()
        .flatten()
        .map(|i| collapse(&table.cells[i].text))
        .filter(|t| !t.is_empty())?;
    let kind = if levels + 1 == depth {
        SectionKind::Goal
    } else {
        SectionKind::Area
    };
    Some((
        kind,
        Section {
            id: Some(sections::tidy_id(&id)),
            text,
        },
    ))
}

/// A row is a section when one cell alone has text and it spans the table, or opens with
/// a goal or area word and a number, or is a short numbered heading, or is set apart in
/// bold in a first column whose other cells are not (an area row of a table drawn
/// without column rules, where no span survives).
fn section_row(
    table: &Table,
    non_empty: &[usize],
    vocab: &Vocabulary,
) -> Option<(SectionKind, Section)> {
    let [only] = non_empty else { return None };
    let cell = &table.cells[*only];
    let text = collapse(&cell.text);
    if table.n_cols > 1 && cell.col_span >= table.n_cols {
        if crate::normalize::period::is_period_heading(&text, vocab) {
            return Some((SectionKind::Period, Section { id: None, text }));
        }
        // A row across the table is a section however it is numbered (`2`, `2.3`).
        let numbered = || {
            sections::numbered_heading(&text).or_else(|| {
                sections::leading_id(&text)
                    .filter(|(_, rest)| rest.split_whitespace().count() <= 12)
                    .map(|(id, rest)| Section {
                        id: Some(id),
                        text: rest.trim().to_string(),
                    })
            })
        };
        let section = sections::keyword_section(&text, vocab)
            .or_else(|| numbered().map(|s| (SectionKind::Area, s)))
            .unwrap_or((SectionKind::Area, Section { id: None, text }));
        return Some(section);
    }
    if cell.col != 0 {
        return None;
    }
    if let Some(hit) = sections::keyword_section(&text, vocab) {
        return Some(hit);
    }
    if let Some(section) = sections::numbered_heading(&text) {
        return Some((SectionKind::Area, section));
    }
    bold_heading(table, cell, &text).then_some((SectionKind::Area, Section { id: None, text }))
}

/// A row whose activity cell opens with a goal's or an area's word and number (`Mål 1.1
/// Kommunens egna transporter …` among the activities of a follow-up export, with its
/// own unit, dates and assessment beside it): the section, not a record.
fn numbered_section_cell(
    table: &Table,
    row: &[Option<usize>],
    header: &Header,
    vocab: &Vocabulary,
) -> Option<(SectionKind, Section)> {
    let act = header
        .fields
        .iter()
        .position(|f| *f == Some(Field::Activity))?;
    let i = row.get(act).copied().flatten()?;
    let hit = sections::keyword_section(&collapse(&table.cells[i].text), vocab)?;
    (hit.1.id.is_some() && !hit.1.text.is_empty()).then_some(hit)
}

/// Lines `Label: value` that close the activity's cell (or the description under its
/// title), for a fact of the record's (`Ansvarig: Serviceförvaltningen` set small under
/// the title in a follow-up export): that fact, where no column gave it, else an extra.
fn facts_under_activity(record: &mut RowRecord, vocab: &Vocabulary) {
    let mut facts = Vec::new();
    let mut trim = |text: &mut String| {
        let mut lines: Vec<&str> = text.lines().collect();
        let mut taken = Vec::new();
        while lines.len() > 1 {
            let Some(fact) = lines
                .last()
                .and_then(|l| super::cards::labelled_field(l, vocab))
            else {
                break;
            };
            taken.push(fact);
            lines.pop();
        }
        if !taken.is_empty() {
            *text = lines.join("\n").trim_end().to_string();
            facts.extend(taken.into_iter().rev());
        }
    };
    if let Some(text) = record.implementation.as_mut() {
        trim(text);
    }
    if let Some((_, v)) = record
        .fields
        .iter_mut()
        .find(|(f, _)| *f == Field::Activity)
    {
        trim(&mut v.text);
    }
    if record
        .implementation
        .as_deref()
        .is_some_and(|t| t.trim().is_empty())
    {
        record.implementation = None;
    }
    for (field, label, v) in facts {
        if record.field(field).is_some_and(|t| !t.trim().is_empty()) {
            record.extra.push((label, v));
        } else {
            record.fields.retain(|(f, _)| *f != field);
            record.fields.push((field, super::cards::value(&v, &label)));
        }
    }
}

/// The sections of a row that holds no record but sections beside the columns that
/// group the rows (goal or area columns, merged down): a cell that runs to the table's
/// right edge over two columns or more and names a section by its word (`Område:
/// Kompetens` beside a goal cell merged down), and the grouping cells that start in the
/// row and name one (`Mål 1: …`), outer first. Empty for any other row.
fn sections_beside(
    table: &Table,
    row: &[Option<usize>],
    non_empty: &[usize],
    header: &Header,
    vocab: &Vocabulary,
) -> Vec<(SectionKind, Section)> {
    let Some(&last) = non_empty.last() else {
        return Vec::new();
    };
    let wide = &table.cells[last];
    if wide.col == 0 || wide.col_span < 2 || wide.col + wide.col_span < table.n_cols {
        return Vec::new();
    }
    let Some(rest) = sections::keyword_section(&collapse(&wide.text), vocab) else {
        return Vec::new();
    };
    // Left of it only grouping columns, their cells starting here or merged from above.
    let grouping = (0..wide.col).all(|c| {
        matches!(header.fields.get(c), Some(Some(Field::Goal | Field::Area)))
            || row.get(c).copied().flatten().is_none()
    });
    if !grouping {
        return Vec::new();
    }
    let mut out = Vec::new();
    for &i in &non_empty[..non_empty.len() - 1] {
        match sections::keyword_section(&collapse(&table.cells[i].text), vocab) {
            Some(hit) => out.push(hit),
            None => return Vec::new(),
        }
    }
    out.push(rest);
    out
}

/// Whether `cell`, alone in its row, is a heading by its weight: bold, short, in the
/// first column of a table of three or more columns, where the first cells of at least
/// three rows with text in other columns too (the record rows, and the header) are, two
/// thirds of them, not bold.
fn bold_heading(table: &Table, cell: &crate::model::Cell, text: &str) -> bool {
    if cell.bold != Some(true) || table.n_cols < 3 || text.chars().count() > 100 {
        return false;
    }
    let filled = |c: &crate::model::Cell| !c.text.trim().is_empty();
    let full_row = |row: usize| {
        table
            .cells
            .iter()
            .filter(|c| c.row == row && filled(c))
            .count()
            >= 2
    };
    let others: Vec<&crate::model::Cell> = table
        .cells
        .iter()
        .filter(|c| c.col == 0 && c.row != cell.row && filled(c) && full_row(c.row))
        .collect();
    let plain = others.iter().filter(|c| c.bold == Some(false)).count();
    others.len() >= 3 && plain * 3 >= others.len() * 2
}

/// The section a row of a goal's or an area's level gives, in a table with a level
/// column (`Nivå`): its number from the number's column, its text from the activity's.
fn level_section(
    table: &Table,
    row: &[Option<usize>],
    header: &Header,
    vocab: &Vocabulary,
) -> Option<SectionHit> {
    let c = header.level?;
    let text_at = |c: usize| {
        row.get(c)
            .copied()
            .flatten()
            .map(|i| collapse(&table.cells[i].text))
            .unwrap_or_default()
    };
    let kind = match vocab.header_field(&text_at(c))? {
        Field::Goal => SectionKind::Goal,
        Field::Area => SectionKind::Area,
        _ => return None,
    };
    let col = |f: Field| header.fields.iter().position(|g| *g == Some(f));
    let text = text_at(col(Field::Activity)?);
    let id = col(Field::Id).map(text_at).filter(|t| !t.is_empty());
    Some((kind, Section { id, text }))
}

/// Whether a row is a record's title in a table whose records take two rows: one cell
/// across the title's columns, any other text outside them (the number).
fn title_row(table: &Table, non_empty: &[usize], header: &Header) -> bool {
    let Some(span) = &header.title_span else {
        return false;
    };
    let (a, b) = span.cols;
    let inside: Vec<&crate::model::Cell> = non_empty
        .iter()
        .map(|&i| &table.cells[i])
        .filter(|c| c.col < b && c.col + c.col_span > a)
        .collect();
    matches!(inside.as_slice(), [c] if c.col == a && c.col + c.col_span == b)
}

/// The row's values column by column, a spanned cell once, under its first column.
fn row_values(
    table: &Table,
    row: &[Option<usize>],
    header: &Header,
) -> Vec<(Option<Field>, FieldValue)> {
    let mut seen = Vec::new();
    let mut values = Vec::new();
    for (c, slot) in row.iter().enumerate() {
        let Some(idx) = *slot else { continue };
        if seen.contains(&idx) {
            continue;
        }
        seen.push(idx);
        let cell = &table.cells[idx];
        let name = header
            .names
            .get(c)
            .filter(|n| !n.is_empty())
            .cloned()
            .unwrap_or_else(|| format!("column {}", c + 1));
        values.push((
            header.fields.get(c).copied().flatten(),
            FieldValue {
                text: cell.text.clone(),
                fill: cell.fill,
                color: cell.color,
                bold: cell.bold,
                title_lines: cell.title_lines,
                header: name,
            },
        ));
    }
    // A field whose latest year's cell is empty takes the latest earlier year filled
    // (`Gennemført` under `Status 2025`, nothing under `Status 2026`: done already).
    for field in [Field::Status, Field::Comment] {
        let filled = |c: &crate::model::Cell| !c.text.trim().is_empty() || c.fill.is_some();
        // The latest year's cell, where it is there and filled, stands.
        let at = values.iter().position(|(f, _)| *f == Some(field));
        if at.is_some_and(|at| {
            let v = &values[at].1;
            !v.text.trim().is_empty() || v.fill.is_some()
        }) {
            continue;
        }
        let Some(cell) = header
            .earlier
            .iter()
            .filter(|(_, f)| *f == field)
            .find_map(|(c, _)| {
                let cell = &table.cells[row.get(*c).copied().flatten()?];
                filled(cell).then_some(cell)
            })
        else {
            continue;
        };
        // A place for it where the row has no cell in the latest year's column.
        let at = match at {
            Some(at) => at,
            None => {
                let Some(c) = header.fields.iter().position(|f| *f == Some(field)) else {
                    continue;
                };
                values.push((
                    Some(field),
                    FieldValue {
                        header: header.names[c].clone(),
                        ..FieldValue::default()
                    },
                ));
                values.len() - 1
            }
        };
        let v = &mut values[at].1;
        v.text = cell.text.clone();
        v.fill = cell.fill;
        v.color = cell.color;
    }
    values
}

/// Joins a continuation row into the record it continues: each non-empty cell is appended
/// to the same field, on a new line when it starts a new list item or a responsible unit,
/// else with a space (the page break split a paragraph).
fn join_into(last: &mut RowRecord, values: &[(Option<Field>, FieldValue)]) {
    for (field, value) in values {
        let text = value.text.trim();
        if text.is_empty() {
            continue;
        }
        let target = match field {
            Some(f) => last
                .fields
                .iter_mut()
                .find(|(g, _)| g == f)
                .map(|(_, v)| &mut v.text),
            None => last
                .extra
                .iter_mut()
                .find(|(h, _)| *h == value.header)
                .map(|(_, t)| t),
        };
        // Units of a responsible cell broken over the page: a part that stands apart is
        // the next unit (`Rektor` / `Oppvekstkontoret`).
        let next_unit = *field == Some(Field::Responsible)
            && target
                .as_ref()
                .is_some_and(|t| crate::text::stands_apart(t, text));
        match target {
            Some(existing) if next_unit => {
                *existing = format!("{}\n{text}", existing.trim_end());
            }
            Some(existing) if !existing.trim().is_empty() => {
                *existing = crate::text::join_wrapped(existing, text);
            }
            Some(existing) => *existing = text.to_string(),
            None => match field {
                Some(f) => last.fields.push((*f, value.clone())),
                None => last.extra.push((value.header.clone(), text.to_string())),
            },
        }
        if last.fill_of(Field::Status).is_none()
            && *field == Some(Field::Status)
            && value.fill.is_some()
        {
            if let Some((_, v)) = last.fields.iter_mut().find(|(g, _)| *g == Field::Status) {
                v.fill = value.fill;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::split_reference;

    #[test]
    fn a_reference_run_on_to_an_item_is_a_line_of_its_own() {
        assert_eq!(
            split_reference("- Trivselsmåling (Beskrives i afsnit 6.1)"),
            ["- Trivselsmåling", "(Beskrives i afsnit 6.1)"]
        );
        assert_eq!(
            split_reference("Lesekampanje (se kapittel 4)"),
            ["Lesekampanje", "(se kapittel 4)"]
        );
        // A parenthesis that names no part of the document stays.
        assert_eq!(split_reference("Kampanj (SKR)"), ["Kampanj (SKR)"]);
        assert_eq!(
            split_reference("Ladestandere (20 stk.)"),
            ["Ladestandere (20 stk.)"]
        );
    }
}
