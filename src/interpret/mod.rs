//! Table interpretation: from the document model to rows that are records, with their
//! context (period heading, goal, area), and the goals a document states.
//!
//! Nothing here asks which format a table came from: the same rules read a Word table,
//! a PDF grid and a spreadsheet range.

pub mod across;
pub mod assessments;
pub mod card_grid;
pub mod card_tables;
pub mod cards;
pub mod contents;
pub mod context;
pub mod fact_boxes;
pub mod footnotes;
pub mod header;
pub mod inline_facts;
pub mod marks;
pub mod matrix;
pub mod rows;
pub mod sections;

use std::collections::HashMap;

use crate::colour::Rgb;
use crate::model::{Block, Document};
use crate::normalize::period::is_period_heading;
use crate::normalize::status::Legend;
use crate::vocab::{Field, Status, Vocabulary};
use footnotes::Footnotes;
use rows::TableState;
use sections::{Section, SectionKind};

/// A cell's value as the record sees it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldValue {
    /// The cell text, lines kept.
    pub text: String,
    /// The cell fill.
    pub fill: Option<Rgb>,
    /// The colour of the cell's text, where set.
    pub color: Option<Rgb>,
    /// Whether the text starts bold.
    pub bold: Option<bool>,
    /// Leading lines styled apart as a title (see [`crate::model::Cell::title_lines`]).
    pub title_lines: usize,
    /// The column's header text.
    pub header: String,
}

/// A table row that is a record, before normalization.
#[derive(Debug, Clone, Default)]
pub struct RowRecord {
    /// 1-based table within the document.
    pub table_index: usize,
    /// 1-based row within that table.
    pub row_index: usize,
    /// Page where the row starts.
    pub page: Option<u32>,
    /// Sheet name.
    pub sheet: Option<String>,
    /// The period heading above the table.
    pub period_heading: Option<String>,
    /// The goal the row sits under.
    pub goal: Option<Section>,
    /// The area the row sits under.
    pub area: Option<Section>,
    /// Mapped cells, one per field.
    pub fields: Vec<(Field, FieldValue)>,
    /// Unmapped cells: header → text.
    pub extra: Vec<(String, String)>,
    /// How the activity is carried out, where the document says so apart from the
    /// activity's own text (the description under a measure card's heading).
    pub implementation: Option<String>,
}

impl RowRecord {
    /// The text of a mapped field.
    pub fn field(&self, field: Field) -> Option<&str> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v.text.as_str())
    }

    /// The fill of a mapped field's cell.
    pub fn fill_of(&self, field: Field) -> Option<Rgb> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .and_then(|(_, v)| v.fill)
    }
}

/// A goal the document states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalFound {
    /// Its number.
    pub id: Option<String>,
    /// Its text.
    pub text: String,
    /// Its assessed status, where a goal-assessment table gives one.
    pub status: Option<crate::vocab::Status>,
    /// The assessment as found.
    pub status_raw: Option<String>,
}

/// Everything interpretation learns from a document.
#[derive(Debug, Default)]
pub struct Interpretation {
    /// Record rows in document order.
    pub rows: Vec<RowRecord>,
    /// Goals, from goal sections of tables and numbered goals in prose.
    pub goals: Vec<GoalFound>,
    /// The colour legend.
    pub legend: Legend,
    /// Footnotes by marker.
    pub footnotes: Footnotes,
    /// The title.
    pub title: Option<String>,
    /// Tables found.
    pub tables: usize,
    /// Why a document with tables yields no records (empty otherwise).
    pub warnings: Vec<String>,
}

/// What the tables of a document without records looked like, to say why.
#[derive(Debug, Default)]
struct Diagnosis {
    /// The first cells of the largest table without a header row: (table, cells).
    unheaded: Option<(usize, usize, Vec<String>)>,
    /// A table whose header was recognised but whose rows gave no record: (table,
    /// header names, rows after the header, of them section rows).
    headed: Option<(usize, Vec<String>, String, usize, usize)>,
}

/// A few cells' texts, quoted and shortened, for a message.
fn quoted(texts: &[String]) -> String {
    texts
        .iter()
        .filter(|t| !t.trim().is_empty())
        .take(6)
        .map(|t| {
            let t = crate::text::collapse(t);
            let short: String = t.chars().take(40).collect();
            if short.len() < t.len() {
                format!("`{short}…`")
            } else {
                format!("`{short}`")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl Diagnosis {
    fn warning(&self, tables: usize) -> Option<String> {
        if let Some((table, names, activity, rows, sections)) = &self.headed {
            return Some(format!(
                "{tables} tables but no activities: table {table} has a header row ({}) but none of its {rows} rows gave a record ({sections} read as section rows, the others empty in the activity column `{activity}` or legend rows)",
                quoted(names)
            ));
        }
        let (table, _, cells) = self.unheaded.as_ref()?;
        Some(format!(
            "{tables} tables but no activities: no header row recognised (no row names an activity column and another field); table {table} begins {}",
            quoted(cells)
        ))
    }
}

/// The texts a colour legend may stand in: every paragraph and heading, and every table
/// row of two texts, or of a short key and its meaning first, read as `colour = meaning`
/// (a legend set as a small table or sheet).
fn legend_texts(doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(Block::text)
        .map(String::from)
        .collect();
    for block in &doc.blocks {
        let Block::Table(t) = block else { continue };
        for r in 0..t.n_rows {
            let texts: Vec<&str> = t
                .cells
                .iter()
                .filter(|c| c.row == r && !c.text.trim().is_empty())
                .map(|c| c.text.trim())
                .collect();
            // A row of two texts, or a key of a few characters (`1`, `●`) with its meaning
            // and more beside it (`1 | Ej påbörjad | Röd`).
            match texts.as_slice() {
                [colour, meaning] => out.push(format!("{colour} = {meaning}")),
                [key, meaning, _, ..] if key.chars().count() <= 3 => {
                    out.push(format!("{key} = {meaning}"))
                }
                _ => {}
            }
        }
    }
    out
}

/// The document's legend: from its texts, then from small legend tables whose rows are
/// coloured cells beside status meanings (`[green] | Gjennomført`, or several such pairs
/// side by side in one row).
fn legend(doc: &Document, vocab: &Vocabulary) -> Legend {
    let mut legend = Legend::from_texts(legend_texts(doc).iter().map(String::as_str), vocab);
    for (colour, meaning) in &doc.sign_legend {
        if let Some(status) = short_status(meaning, vocab) {
            legend.add(colour.hue(), status);
        }
    }
    for block in &doc.blocks {
        let Block::Table(t) = block else { continue };
        for r in 0..t.n_rows {
            let mut row: Vec<&crate::model::Cell> = t.cells.iter().filter(|c| c.row == r).collect();
            row.sort_by_key(|c| c.col);
            for (swatch, status) in swatch_pairs(&row, vocab)
                .into_iter()
                .chain(labelled_swatches(&row, vocab))
            {
                legend.add(swatch.hue(), status);
            }
            for (ink, status) in row.iter().filter_map(|c| coloured_sign(c, vocab)) {
                legend.add(ink.hue(), status);
            }
        }
    }
    legend
}

/// A legend entry set as a coloured sign before its meaning in one cell (`● Avbruten`,
/// the sign a status icon or a dot in the colour it explains): the colour and the
/// status.
fn coloured_sign(cell: &crate::model::Cell, vocab: &Vocabulary) -> Option<(Rgb, Status)> {
    let ink = cell.color?;
    let text = cell.text.trim();
    let (mark, _) = vocab.sign_of_text(text)?;
    let meaning = crate::normalize::status::after_sign(text, mark);
    // A cell of several signs (`● Fullført ● Pågår`) shows one colour for all of them.
    if meaning.contains(mark) || meaning.contains(crate::read::icon::SIGN) {
        return None;
    }
    Some((ink, short_status(meaning, vocab)?))
}

/// The status a legend's meaning names: a text of one to eight words with a status in it.
fn short_status(meaning: &str, vocab: &Vocabulary) -> Option<Status> {
    let meaning = meaning.trim();
    let words = meaning.split_whitespace().count();
    if !(1..=8).contains(&words) {
        return None;
    }
    vocab.status_of_text(meaning)
}

/// The colour–meaning pairs of a legend row: every text of the row a short status
/// meaning, every swatch right before or after one, and as many swatches as meanings. A
/// swatch is a blank filled cell, or a cell holding only a coloured sign or icon (`●` in
/// grey beside `Utgår`). Any other row (an activity whose status cell is only a fill
/// beside its comment) gives none.
fn swatch_pairs(row: &[&crate::model::Cell], vocab: &Vocabulary) -> Vec<(Rgb, Status)> {
    let colour = |c: &crate::model::Cell| {
        let text = c.text.trim();
        if text.is_empty() {
            c.fill.filter(|f| !f.is_blank())
        } else if text.chars().count() == 1 && vocab.sign_of_text(text).is_some() {
            c.color
        } else {
            None
        }
    };
    let is_swatch = |c: &crate::model::Cell| colour(c).is_some();
    let meaning = |c: &crate::model::Cell| short_status(&c.text, vocab);
    let texts = row
        .iter()
        .filter(|c| !c.text.trim().is_empty() && !is_swatch(c))
        .count();
    let swatches = row.iter().filter(|c| is_swatch(c)).count();
    if swatches == 0
        || swatches != texts
        || row
            .iter()
            .any(|c| !c.text.trim().is_empty() && !is_swatch(c) && meaning(c).is_none())
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, cell) in row.iter().enumerate() {
        if !is_swatch(cell) {
            continue;
        }
        let after = row.get(i + 1).and_then(|c| meaning(c));
        let before = i.checked_sub(1).and_then(|j| meaning(row[j]));
        if let (Some(fill), Some(status)) = (colour(cell), after.or(before)) {
            out.push((fill, status));
        }
    }
    out
}

/// The colour–meaning pairs of a legend row of filled cells that each name their
/// meaning (`Forklaring statusfarger:` | `Fullført` on green | `Pågår` on orange | …): two
/// such cells or more, any other text of the row a caption closed by a colon.
fn labelled_swatches(row: &[&crate::model::Cell], vocab: &Vocabulary) -> Vec<(Rgb, Status)> {
    let mut out = Vec::new();
    for c in row.iter().filter(|c| !c.text.trim().is_empty()) {
        match (
            c.fill.filter(|f| !f.is_blank()),
            short_status(&c.text, vocab),
        ) {
            (Some(fill), Some(status)) => out.push((fill, status)),
            _ if c.text.trim().ends_with(':') => {}
            _ => return Vec::new(),
        }
    }
    if out.len() < 2 {
        out.clear();
    }
    out
}

/// Whether a heading's text could name an area: not a keyword section, a period or a
/// long sentence.
fn plain_section(text: &str, vocab: &Vocabulary) -> bool {
    !is_period_heading(text, vocab)
        && sections::keyword_section(text, vocab).is_none()
        && text.split_whitespace().count() <= 12
        && !text.ends_with(['.', '?', '!'])
}

/// The heading level whose headings name the areas of the tables under them: a level at
/// which at least two different plain headings each stand over a table as the nearest
/// heading naming something (only paragraphs, or headings that name nothing of their
/// own, between), as in a plan that sets one table under each area heading. Headings
/// that name nothing of their own are those that repeat (`Aktiviteter` under every
/// area of a follow-up export) and those that are only a column word.
fn heading_area_level(doc: &Document, repeated: &[String], vocab: &Vocabulary) -> Option<u8> {
    let mut open: Vec<(u8, &str)> = Vec::new();
    let mut seen: Vec<(u8, &str)> = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text, .. } => {
                // A heading that names nothing closes only its like at its level: the
                // area heading beside it (`1 Skyfall`, then `Mål`, `Aktiviteter` at the
                // same size) still stands over the tables.
                let nothing = names_nothing(text, repeated, vocab);
                while open.last().is_some_and(|(l, t)| {
                    l > level || (l == level && (!nothing || names_nothing(t, repeated, vocab)))
                }) {
                    open.pop();
                }
                open.push((*level, text.as_str()));
            }
            Block::Table(_) => {
                let nearest = open
                    .iter()
                    .rev()
                    .find(|(_, t)| !names_nothing(t, repeated, vocab));
                if let Some(&(level, text)) = nearest {
                    if plain_section(text, vocab) && !seen.contains(&(level, text)) {
                        seen.push((level, text));
                    }
                }
            }
            Block::Paragraph { .. } => {}
        }
    }
    let mut levels: Vec<u8> = seen.iter().map(|(l, _)| *l).collect();
    levels.sort_unstable();
    levels.windows(2).find(|w| w[0] == w[1]).map(|w| w[0])
}

/// The numbered section that closes a line of parts set apart by `·` or `|` (`Jyväskylän
/// kaupunki · Kasvun ja oppimisen palvelualue · Painopiste 1: Turvallinen koulumatka`,
/// a sheet's title line).
fn last_part_section(text: &str, vocab: &Vocabulary) -> Option<(SectionKind, Section)> {
    let last = [" · ", " | "]
        .iter()
        .filter_map(|sep| text.rsplit_once(sep).map(|(_, last)| last))
        .min_by_key(|last| last.len())?;
    sections::keyword_section(last.trim(), vocab).filter(|(_, s)| s.id.is_some())
}

/// The area a worksheet's name gives its table: a numbered name (`1 Turvallinen
/// koulumatka`) or one opened by an area word (`Painopiste 2 – …`).
fn sheet_area(table: &crate::model::Table, vocab: &Vocabulary) -> Option<Section> {
    let name = table.sheet.as_deref()?;
    match sections::keyword_section(name, vocab) {
        Some((SectionKind::Area, s)) => Some(s),
        Some(_) => None,
        None => sections::numbered_heading(name),
    }
}

/// Whether the workbook gives each area a sheet of its own: two or more of its tables'
/// sheets are named as areas ([`sheet_area`]).
fn sheets_name_areas(doc: &Document, vocab: &Vocabulary) -> bool {
    let mut named: Vec<&str> = Vec::new();
    for block in &doc.blocks {
        if let Block::Table(t) = block {
            if let Some(name) = t
                .sheet
                .as_deref()
                .filter(|_| sheet_area(t, vocab).is_some())
            {
                if !named.contains(&name) {
                    named.push(name);
                }
            }
        }
    }
    named.len() >= 2
}

/// The texts (collapsed, lower case) of headings that stand more than once.
fn repeated_headings(doc: &Document) -> Vec<String> {
    let mut count: HashMap<String, usize> = HashMap::new();
    for block in &doc.blocks {
        if let Block::Heading { text, .. } = block {
            *count
                .entry(crate::text::collapse(text).to_lowercase())
                .or_default() += 1;
        }
    }
    count
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(t, _)| t)
        .collect()
}

/// Whether a heading names nothing of its own: it repeats in the document, or it is
/// only a column word (`Aktiviteter`, `Åtgärder`).
fn names_nothing(text: &str, repeated: &[String], vocab: &Vocabulary) -> bool {
    let t = crate::text::collapse(text);
    repeated.contains(&t.to_lowercase()) || vocab.header_field(&t).is_some()
}

/// Whether a heading names a measure: `1.1 Turkart` (a number of two levels), or an
/// activity word and a number (`Tiltak 3`, `Åtgärd 2.1: …`).
fn names_measure(text: &str, vocab: &Vocabulary) -> bool {
    let mut words = text.split_whitespace();
    let first = words.next().unwrap_or("");
    let numbered = |w: &str| {
        let w = w.trim_end_matches([':', '.']);
        !w.is_empty()
            && w.split('.')
                .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
    };
    (numbered(first) && first.trim_end_matches([':', '.']).contains('.'))
        || (vocab.header_field(first) == Some(Field::Activity)
            && words.next().is_some_and(numbered))
}

/// For a table that may be a measure card: the heading right before it when that heading
/// names a measure (`Tiltak 1.1`, `1.1 Turkart`), and the area: the nearest heading
/// above that is a plain section and not the document's title.
fn card_context(
    headings: &[(u8, String)],
    right_after: bool,
    title: Option<&str>,
    vocab: &Vocabulary,
) -> (Option<String>, Option<Section>) {
    let mut rest = headings;
    let mut heading = None;
    if let (true, Some(((_, last), before))) = (right_after, headings.split_last()) {
        if names_measure(last, vocab) {
            heading = Some(last.clone());
            rest = before;
        }
    }
    let area = rest
        .iter()
        .rev()
        .map(|(_, t)| t)
        .find(|t| title != Some(t.as_str()))
        .filter(|t| plain_section(t, vocab))
        .map(|t| sections::heading_section(t));
    (heading, area)
}

/// The section that a table's title row names: a row above the header row whose one
/// text (merged over the width) opens with a goal or area word (`Áherslusvið 1:
/// Orkuskipti í samgöngum`, `Innsatsområde 2: …`), the nearest such row to the header.
fn title_row_section(
    table: &crate::model::Table,
    grid: &[Vec<Option<usize>>],
    header_row: usize,
    vocab: &Vocabulary,
) -> Option<(SectionKind, Section)> {
    (0..header_row.min(grid.len())).rev().find_map(|r| {
        let mut texts: Vec<&str> = grid[r]
            .iter()
            .flatten()
            .map(|&i| table.cells[i].text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        texts.dedup();
        match texts[..] {
            [text] => sections::keyword_section(text, vocab),
            _ => None,
        }
    })
}

/// Most paragraphs between a measure's heading and its card table that are still its
/// description.
const DESCRIPTION_PARAGRAPHS: usize = 3;

/// Interprets a document.
pub fn interpret(doc: &Document, vocab: &Vocabulary) -> Interpretation {
    let joined = contents::without_contents(across::join_split(doc, vocab), vocab);
    let doc: &Document = &joined;
    let mut result = Interpretation {
        footnotes: Footnotes::collect(&doc.blocks, vocab),
        legend: legend(doc, vocab),
        title: context::title(doc, vocab),
        ..Interpretation::default()
    };
    let mut goals = context::prose_goals(&doc.blocks, vocab);
    let mut sections_seen = Vec::new();
    let mut period: Option<String> = None;
    let mut heading_goal: Option<Section> = None;
    let mut heading_area: Option<Section> = None;
    let mut nesting = sections::Nesting::default();
    let mut state: Option<TableState> = None;
    let mut prose_since_table = false;
    // Whether all that came since the last table were headings (a sheet's group rows
    // printed above each part of its table).
    let mut headings_only = false;
    // The goal-assessment table just read (its header and width), which the next table
    // may continue.
    let mut assessment: Option<(header::Header, usize)> = None;
    let repeated = repeated_headings(doc);
    let area_level = heading_area_level(doc, &repeated, vocab);
    let sheet_areas = sheets_name_areas(doc, vocab);
    let mut last_sheet: Option<String> = None;
    let mut plain_heading: Option<Section> = None;
    let mut diagnosis = Diagnosis::default();
    // The headings over the current block, outermost first, and whether the last one
    // stands right before it.
    let mut headings: Vec<(u8, String)> = Vec::new();
    let mut right_after_heading = false;
    // The paragraphs between the last heading and this block (a measure's description),
    // while nothing else came between and there are no more than a description has.
    let mut described: Option<Vec<String>> = None;
    for block in &doc.blocks {
        let table = match block {
            Block::Table(t) => t,
            other => {
                let text = crate::text::collapse(other.text().unwrap_or(""));
                if text.is_empty() {
                    continue;
                }
                prose_since_table = true;
                headings_only &= matches!(other, Block::Heading { .. });
                let after_heading = right_after_heading;
                right_after_heading = matches!(other, Block::Heading { .. });
                described = match other {
                    Block::Heading { .. } => Some(Vec::new()),
                    _ => described
                        .take()
                        .filter(|d| d.len() < DESCRIPTION_PARAGRAPHS)
                        .map(|mut d| {
                            // (Without its label, where one says it is how the measure
                            // is carried out: `Genomförande: …`.)
                            d.push(
                                cards::implementation_line(&text, vocab).unwrap_or(text.clone()),
                            );
                            d
                        }),
                };
                if let Block::Heading { level, .. } = other {
                    // The activity word and number as a heading of their own right over
                    // the title's (`Toimenpide 1.1` over `Kulttuuriluotsitoiminta`): one
                    // measure's heading.
                    let text = match headings.last() {
                        Some((l, badge))
                            if l == level
                                && after_heading
                                && vocab.measure_badge(badge).is_some()
                                && !names_measure(&text, vocab)
                                && sections::keyword_section(&text, vocab).is_none() =>
                        {
                            let joined = format!("{badge} {text}");
                            headings.pop();
                            joined
                        }
                        _ => text.clone(),
                    };
                    // A measure's heading (`Tiltak 1.2`) ends the measure before it, not
                    // the area both sit under, whatever levels a PDF's sizes gave them.
                    let measure = names_measure(&text, vocab);
                    while headings.last().is_some_and(|(l, t)| {
                        if measure {
                            names_measure(t, vocab)
                        } else {
                            l >= level
                        }
                    }) {
                        headings.pop();
                    }
                    headings.push((*level, text.clone()));
                    // An area heading stands over every table until the next heading
                    // of its level or above; headings that name nothing of their own
                    // (`Mål`, `Aktiviteter` over each of an area's tables) leave it.
                    if let Some(area_level) = area_level.filter(|l| level <= l) {
                        if names_nothing(&text, &repeated, vocab) && *level == area_level {
                        } else if *level == area_level && plain_section(&text, vocab) {
                            plain_heading = Some(sections::heading_section(&text));
                        } else {
                            plain_heading = None;
                        }
                    }
                }
                if is_period_heading(&text, vocab) {
                    period = Some(text);
                } else if let Some((kind, section)) = sections::keyword_section(&text, vocab)
                    .or_else(|| last_part_section(&text, vocab))
                {
                    // A heading names a section by its word alone (`Area: Energy`); a
                    // paragraph must number it (`Delmål 2: …`), or it is prose.
                    let heading = matches!(other, Block::Heading { .. });
                    // (A paragraph labelled as the goal, `Tavoite: …`, states it.)
                    let labelled_goal = kind == SectionKind::Goal
                        && text.split_once(':').is_some_and(|(label, _)| {
                            vocab.header_field(label) == Some(Field::Goal)
                        });
                    if (heading || section.id.is_some() || labelled_goal)
                        && text.chars().count() < 300
                    {
                        let outer = nesting.enter(kind);
                        match kind {
                            SectionKind::Goal => {
                                heading_goal = Some(section);
                                if outer {
                                    heading_area = None;
                                }
                            }
                            SectionKind::Area => {
                                heading_area = Some(section);
                                if outer {
                                    heading_goal = None;
                                }
                            }
                            SectionKind::Period => {}
                        }
                    }
                }
                continue;
            }
        };
        result.tables += 1;
        let grid = table.grid();
        // A measure's heading stands right before its card, or over a short description.
        let description = described.take().filter(|d| !d.is_empty());
        let around = card_context(
            &headings,
            right_after_heading || description.is_some(),
            result.title.as_deref(),
            vocab,
        );
        right_after_heading = false;
        if let Some(cards) = card_tables::read(
            table,
            &grid,
            vocab,
            &card_tables::Around {
                area: heading_area.clone().or(around.1),
                goal: heading_goal.clone(),
                period: period.clone(),
                table_index: result.tables,
                description: around.0.as_ref().and(description).map(|d| d.join("\n")),
                heading: around.0,
            },
        ) {
            result.rows.extend(cards);
            state = None;
            prose_since_table = false;
            continue;
        }
        // A table without a header row may be laid across: read turned.
        let mut header = header::find(table, &grid, vocab);
        let turned;
        let (table, grid) = match header
            .is_none()
            .then(|| across::turn(table, vocab))
            .flatten()
        {
            Some((t, h)) => {
                turned = t;
                header = Some(h);
                let grid = turned.grid();
                (&turned, grid)
            }
            None => (table, grid),
        };
        if header.is_none() {
            if let Some(h) = header::find_goal_assessment(table, &grid, vocab) {
                goals.extend(assessments::goals(
                    table,
                    &grid,
                    &h,
                    h.row + 1,
                    &result.legend,
                    vocab,
                ));
                state = None;
                prose_since_table = false;
                assessment = Some((h, table.n_cols));
                continue;
            }
            // A goal-assessment table continued on the next page without its header.
            if let Some((h, _)) = assessment
                .as_ref()
                .filter(|(_, n)| !prose_since_table && *n == table.n_cols)
            {
                goals.extend(assessments::goals(
                    table,
                    &grid,
                    h,
                    0,
                    &result.legend,
                    vocab,
                ));
                continue;
            }
        }
        assessment = None;
        // A table goes on from the one before within one sheet only.
        let same_sheet = std::mem::replace(&mut last_sheet, table.sheet.clone()) == table.sheet;
        let continues = state.as_ref().filter(|s| {
            (!prose_since_table || (headings_only && header.is_none()))
                && same_sheet
                && s.n_cols == table.n_cols
        });
        let (mut current, start, continuing) = match (header, continues) {
            (Some(h), Some(prev)) if prev.header.as_ref().map(|p| &p.fields) == Some(&h.fields) => {
                let start = h.body;
                (
                    TableState {
                        table_index: result.tables,
                        ..prev.clone()
                    },
                    start,
                    true,
                )
            }
            (None, Some(prev)) => {
                let mut next = TableState {
                    table_index: result.tables,
                    ..prev.clone()
                };
                // The headings between the parts name the part's sections.
                if prose_since_table {
                    if let Some(area) = heading_area.clone().or_else(|| plain_heading.clone()) {
                        next.area = Some(area);
                        next.area_raw = None;
                    }
                    if heading_goal.is_some() {
                        next.goal = heading_goal.clone();
                        next.goal_raw = None;
                    }
                }
                (next, 0, true)
            }
            (Some(h), _) => {
                let start = h.body;
                let area = heading_area
                    .clone()
                    .or_else(|| plain_heading.clone())
                    .or_else(|| sheet_areas.then(|| sheet_area(table, vocab)).flatten());
                // An area heading over the table is outside it: goal rows inside the
                // table sit under it, not beside it.
                let mut table_nesting = nesting;
                if area.is_some() {
                    table_nesting.enter(SectionKind::Area);
                }
                let fresh = TableState {
                    n_cols: table.n_cols,
                    header: Some(h),
                    goal: heading_goal.clone(),
                    area,
                    period: period.clone(),
                    table_index: result.tables,
                    first_record: result.rows.len(),
                    nesting: table_nesting,
                    assessed: goals.iter().map(|g| g.text.to_lowercase()).collect(),
                    ..TableState::default()
                };
                (fresh, start, false)
            }
            (None, None) => {
                let cells: Vec<String> = table
                    .cells
                    .iter()
                    .filter(|c| c.row < header::SEARCH_ROWS)
                    .map(|c| c.text.clone())
                    .collect();
                let size = table.cells.len();
                if diagnosis
                    .unheaded
                    .as_ref()
                    .is_none_or(|(_, s, _)| size > *s)
                {
                    diagnosis.unheaded = Some((result.tables, size, cells));
                }
                state = None;
                prose_since_table = false;
                continue;
            }
        };
        // A title row of the table's own above its header row names its section.
        if let Some((kind, section)) = current
            .header
            .as_ref()
            .and_then(|h| title_row_section(table, &grid, h.row, vocab))
        {
            match kind {
                SectionKind::Goal => current.goal = Some(section),
                SectionKind::Area => {
                    current.area = Some(section);
                    current.nesting.enter(SectionKind::Area);
                }
                SectionKind::Period => current.period = Some(section.text),
            }
        }
        let before = result.rows.len();
        let met = rows::walk(
            table,
            &grid,
            start,
            continuing,
            &mut current,
            vocab,
            &mut result.rows,
        );
        if result.rows.len() == before && diagnosis.headed.is_none() {
            if let Some(h) = &current.header {
                let rows = grid.len().saturating_sub(start);
                let activity = h
                    .fields
                    .iter()
                    .position(|f| *f == Some(Field::Activity))
                    .map(|c| h.names[c].clone())
                    .unwrap_or_default();
                diagnosis.headed =
                    Some((result.tables, h.names.clone(), activity, rows, met.len()));
            }
        }
        sections_seen.extend(met);
        state = Some(current);
        prose_since_table = false;
        headings_only = true;
    }
    // A plan without activity tables may write its activities as measure cards or as
    // lists under a measures heading.
    // A table that only names measures the text describes as cards (a cost summary)
    // gives way to them.
    let text_rows = match card_grid::unfold(doc, vocab) {
        Some((blocks, titles)) => cards::find_titled(&blocks, &titles, vocab),
        None => cards::find(&doc.blocks, vocab),
    };
    if result.rows.is_empty() || summarises(&result.rows, &text_rows) {
        result.rows = text_rows;
    }
    if result.rows.is_empty() && result.tables > 0 {
        result.warnings.extend(diagnosis.warning(result.tables));
    }
    for (kind, section) in sections_seen {
        if kind == SectionKind::Goal {
            goals.push(GoalFound {
                id: section.id,
                text: section.text,
                status: None,
                status_raw: None,
            });
        }
    }
    for goal in goals {
        let dup = result
            .goals
            .iter()
            .any(|g| g.id.is_some() && g.id == goal.id || g.text == goal.text);
        if !dup && !goal.text.is_empty() {
            result.goals.push(goal);
        }
    }
    result
}

/// Whether the records of a document's tables all name measures that its text gives as
/// cards or items, more of them: the tables summarise (costs, a timetable), the text
/// holds the measures.
fn summarises(table_rows: &[RowRecord], text_rows: &[RowRecord]) -> bool {
    let name = |r: &RowRecord| {
        r.field(Field::Activity)
            .map(|v| crate::text::collapse(v).to_lowercase())
    };
    let named: Vec<String> = text_rows.iter().filter_map(name).collect();
    text_rows.len() > table_rows.len()
        && table_rows
            .iter()
            .all(|r| name(r).is_some_and(|n| named.contains(&n)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Table};
    use crate::vocab::Field;

    fn table(rows: &[[&str; 2]]) -> Block {
        wide_table(&rows.iter().map(|r| &r[..]).collect::<Vec<_>>())
    }

    /// A table of any width, one cell per text.
    fn wide_table(rows: &[&[&str]]) -> Block {
        let cells = rows
            .iter()
            .enumerate()
            .flat_map(|(r, row)| {
                row.iter().enumerate().map(move |(c, text)| Cell {
                    row: r,
                    col: c,
                    row_span: 1,
                    col_span: 1,
                    text: text.to_string(),
                    ..Cell::default()
                })
            })
            .collect();
        Block::Table(Table::from_cells(cells))
    }

    #[test]
    fn a_record_of_two_rows_under_a_title_header_over_its_facts_headers_is_one_record() {
        // `Nr` over both header rows, `Åtgärd` across the three facts' columns over
        // `Ansvar | Tid | Kostnad`; each record its title across them, then its facts,
        // its number merged down over both.
        let cell = |row, col, row_span, col_span, text: &str| Cell {
            row,
            col,
            row_span,
            col_span,
            text: text.to_string(),
            ..Cell::default()
        };
        let mut cells = vec![
            cell(0, 0, 2, 1, "Nr"),
            cell(0, 1, 1, 3, "Åtgärd"),
            cell(1, 1, 1, 1, "Ansvar"),
            cell(1, 2, 1, 1, "Tid"),
            cell(1, 3, 1, 1, "Kostnad"),
        ];
        for (k, (id, title, unit, time)) in [
            (
                "4.1",
                "Laddstolpar vid alla skolor",
                "Fastighetsavdelningen",
                "2027",
            ),
            (
                "4.2",
                "Cykelgarage vid resecentrum",
                "Gatuavdelningen",
                "2026–2028",
            ),
        ]
        .into_iter()
        .enumerate()
        {
            let r = 2 + 2 * k;
            cells.extend([
                cell(r, 0, 2, 1, id),
                cell(r, 1, 1, 3, title),
                cell(r + 1, 1, 1, 1, unit),
                cell(r + 1, 2, 1, 1, time),
                cell(r + 1, 3, 1, 1, ""),
            ]);
        }
        let doc = Document {
            blocks: vec![Block::Table(Table::from_cells(cells))],
            ..Document::default()
        };
        let rows = interpret(&doc, Vocabulary::builtin()).rows;
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].field(Field::Id), Some("4.2"));
        assert_eq!(
            rows[1].field(Field::Activity),
            Some("Cykelgarage vid resecentrum")
        );
        assert_eq!(rows[1].field(Field::Responsible), Some("Gatuavdelningen"));
        assert_eq!(rows[1].field(Field::Timeframe), Some("2026–2028"));
    }

    #[test]
    fn rows_of_a_goals_level_in_a_level_column_are_goals_not_records() {
        // A follow-up export: `Taso` says each row's level; the goal's row has a unit,
        // a date and a state of its own, yet it is the goal of the rows under it.
        let doc = Document {
            blocks: vec![wide_table(&[
                &[
                    "Tunnus",
                    "Taso",
                    "Nimi",
                    "Vastuutaho",
                    "Suunniteltu valmistuminen",
                    "Tila",
                ],
                &[
                    "2",
                    "Tavoite",
                    "Turvallinen liikkuminen",
                    "Kaupunki",
                    "2027",
                    "Käynnissä",
                ],
                &[
                    "2.1",
                    "Toimenpide",
                    "Suojatiet kouluille",
                    "Katupalvelut",
                    "2026",
                    "Valmis",
                ],
                &[
                    "2.2",
                    "Toimenpide",
                    "Pyöräkatos asemalle",
                    "Tilapalvelut",
                    "2027",
                    "Käynnissä",
                ],
            ])],
            ..Document::default()
        };
        let rows = interpret(&doc, Vocabulary::builtin()).rows;
        assert_eq!(rows.len(), 2);
        let goal = rows[1]
            .goal
            .as_ref()
            .map(|g| (g.id.as_deref(), g.text.as_str()));
        assert_eq!(goal, Some((Some("2"), "Turvallinen liikkuminen")));
        assert_eq!(rows[0].field(Field::Timeframe), Some("2026"));
    }

    #[test]
    fn a_notes_label_after_an_empty_row_ends_the_records() {
        let doc = Document {
            blocks: vec![wide_table(&[
                &["Nr.", "Indsats", "Ansvarlig"],
                &["1.1", "Regnbede i skolegårde", "Vej og Park"],
                &["", "", ""],
                &["Bemærkninger", "", ""],
                &["Beløb er i 2025-priser.", "", ""],
            ])],
            ..Document::default()
        };
        let rows = interpret(&doc, Vocabulary::builtin()).rows;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].field(Field::Id), Some("1.1"));
    }

    #[test]
    fn of_a_status_kept_year_by_year_the_latest_years_is_the_status() {
        let doc = Document {
            blocks: vec![wide_table(&[
                &[
                    "Tiltak",
                    "Status 2024",
                    "Merknad 2024",
                    "Status 2025",
                    "Merknad 2025",
                ],
                &[
                    "Foreldrekurs",
                    "I gang",
                    "Første gruppe",
                    "Gjennomført",
                    "Tre grupper",
                ],
            ])],
            ..Document::default()
        };
        let result = interpret(&doc, Vocabulary::builtin());
        assert_eq!(result.rows[0].field(Field::Status), Some("Gjennomført"));
        assert_eq!(result.rows[0].field(Field::Comment), Some("Tre grupper"));
    }

    #[test]
    fn a_goal_cell_left_blank_where_its_merge_goes_on_carries_the_goal_down() {
        let doc = Document {
            blocks: vec![wide_table(&[
                &["Indsatsområde", "Delmål", "Indsats", "Ansvarlig"],
                &[
                    "1. Bevægelse",
                    "1.1 Flere ældre er aktive",
                    "Træningsredskaber",
                    "Ældre",
                ],
                &["", "", "Holdtræning for seniorer", "Sundhed"],
                &["2. Røgfri", "", "Røgfri skoletid", "Skole"],
            ])],
            ..Document::default()
        };
        let result = interpret(&doc, Vocabulary::builtin());
        let goals: Vec<Option<(Option<String>, String)>> = result
            .rows
            .iter()
            .map(|r| r.goal.as_ref().map(|g| (g.id.clone(), g.text.clone())))
            .collect();
        let carried = Some((Some("1.1".to_string()), "Flere ældre er aktive".to_string()));
        assert_eq!(goals[..2], [carried.clone(), carried]);
        // Another area starts without the goal of the one before.
        assert_eq!(goals[2], None);
    }

    fn heading(level: u8, text: &str) -> Block {
        Block::Heading {
            level,
            text: text.into(),
            page: None,
        }
    }

    #[test]
    fn a_legend_table_of_keys_meanings_and_colour_names_is_read_key_by_key() {
        let cell = |row: usize, col: usize, text: &str| Cell {
            row,
            col,
            row_span: 1,
            col_span: 1,
            text: text.into(),
            ..Cell::default()
        };
        let rows = [
            ["Värde", "Betydelse", "Färg"],
            ["1", "Ej påbörjad", "Röd"],
            ["3", "Genomförd", "Grön"],
        ];
        let table = Table {
            n_rows: 3,
            n_cols: 3,
            cells: rows
                .iter()
                .enumerate()
                .flat_map(|(r, row)| row.iter().enumerate().map(move |(c, t)| cell(r, c, t)))
                .collect(),
            ..Table::default()
        };
        let doc = Document {
            blocks: vec![Block::Table(table)],
            ..Document::default()
        };
        let texts = legend_texts(&doc);
        assert!(texts.contains(&"1 = Ej påbörjad".to_string()), "{texts:?}");
        assert!(texts.contains(&"3 = Genomförd".to_string()));
        // A header of three words is no key.
        assert!(!texts.iter().any(|t| t.starts_with("Värde")));
    }

    #[test]
    fn a_key_of_coloured_cells_side_by_side_is_a_legend_and_an_activity_row_is_not() {
        let v = Vocabulary::builtin();
        let cell = |col: usize, text: &str, fill: Option<&str>| Cell {
            col,
            row_span: 1,
            col_span: 1,
            text: text.into(),
            fill: fill.and_then(Rgb::from_hex),
            ..Cell::default()
        };
        let key = [
            cell(0, "", Some("00B050")),
            cell(1, "Gjennomført", None),
            cell(2, "", Some("A6A6A6")),
            cell(3, "Utgår", None),
        ];
        let row: Vec<&Cell> = key.iter().collect();
        let pairs = swatch_pairs(&row, v);
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[1], (Rgb(0xA6, 0xA6, 0xA6), Status::Cancelled));
        // An activity whose status is a fill beside a comment names no colour.
        let activity = [
            cell(0, "Kurs for lærere", None),
            cell(1, "", Some("A6A6A6")),
            cell(2, "Utgår etter vedtak i utvalget", None),
        ];
        let row: Vec<&Cell> = activity.iter().collect();
        assert!(swatch_pairs(&row, v).is_empty());
        // An icon read as a coloured sign, alone in its cell, beside its meaning.
        let icon = [
            Cell {
                color: Rgb::from_hex("8C8C8C"),
                ..cell(0, "●", None)
            },
            cell(1, "Utgår", None),
        ];
        let row: Vec<&Cell> = icon.iter().collect();
        assert_eq!(
            swatch_pairs(&row, v),
            [(Rgb(0x8C, 0x8C, 0x8C), Status::Cancelled)]
        );
    }

    #[test]
    fn a_note_merged_across_a_groups_last_row_is_no_activity() {
        let cell = |row: usize, col: usize, row_span: usize, col_span: usize, text: &str| Cell {
            row,
            col,
            row_span,
            col_span,
            text: text.into(),
            ..Cell::default()
        };
        let cells = vec![
            cell(0, 0, 1, 1, "Indsatsområde"),
            cell(0, 1, 1, 1, "Handling"),
            cell(0, 2, 1, 1, "Ansvarlig"),
            cell(0, 3, 1, 1, "Tidsplan"),
            cell(1, 0, 2, 1, "Byrum"),
            cell(1, 1, 1, 1, "Ramper ved rådhuset"),
            cell(1, 2, 1, 1, "Teknik og Miljø"),
            cell(1, 3, 1, 1, "2026"),
            cell(2, 1, 1, 3, "Se også Handicappolitikken, afsnit 3."),
            cell(3, 0, 2, 1, "Kultur"),
            cell(3, 1, 1, 3, "Aktiviteter på biblioteket"),
            cell(4, 1, 1, 1, "Lydbøger til alle"),
            cell(4, 2, 1, 1, "Biblioteket"),
            cell(4, 3, 1, 1, "2027"),
        ];
        let doc = Document {
            blocks: vec![Block::Table(Table::from_cells(cells))],
            ..Document::default()
        };
        let result = interpret(&doc, Vocabulary::builtin());
        let acts: Vec<_> = result
            .rows
            .iter()
            .map(|r| r.field(Field::Activity).unwrap_or(""))
            .collect();
        // The merged row that closes its group is a note; one that opens a group's rows
        // is not taken for a note.
        assert!(!acts.contains(&"Se også Handicappolitikken, afsnit 3."));
        assert!(acts.contains(&"Ramper ved rådhuset") && acts.contains(&"Lydbøger til alle"));
    }

    #[test]
    fn a_numbered_goal_row_listing_its_measures_numbers_the_goal() {
        let doc = Document {
            blocks: vec![wide_table(&[
                &["Nr", "Mål", "Tiltak", "Ansvar"],
                &[
                    "1",
                    "Flere unge er aktive",
                    "• Aktivitetsdag\n• Utlån av utstyr",
                    "Oppvekst",
                ],
                &["2", "Færre er ensomme", "Møteplass for eldre", "Helse"],
            ])],
            ..Document::default()
        };
        let result = interpret(&doc, Vocabulary::builtin());
        let got: Vec<_> = result
            .rows
            .iter()
            .map(|r| {
                (
                    r.field(Field::Id),
                    r.goal.as_ref().and_then(|g| g.id.as_deref()),
                )
            })
            .collect();
        // Two measures share the first goal's number, so the column numbers goals: the
        // row of one measure numbers its goal too.
        assert_eq!(
            got,
            [(None, Some("1")), (None, Some("1")), (None, Some("2"))]
        );
    }

    #[test]
    fn overview_cells_list_one_record_per_item_and_comment_rows_comment() {
        let doc = Document {
            blocks: vec![table(&[
                ["Indsatser", "Aktiviteter"],
                [
                    "Trivsel",
                    "- Trivselsmåling i alle klasser\n- Kursus for lærere\n(Beskrives i afsnit 6.1)",
                ],
                ["Kommentar: Kurset holdes to gange.", ""],
            ])],
            ..Document::default()
        };
        let result = interpret(&doc, Vocabulary::builtin());
        let acts: Vec<_> = result
            .rows
            .iter()
            .map(|r| {
                (
                    r.field(Field::Activity).unwrap_or(""),
                    r.area.as_ref().map(|a| a.text.as_str()),
                )
            })
            .collect();
        assert_eq!(
            acts,
            [
                ("Trivselsmåling i alle klasser", Some("Trivsel")),
                ("Kursus for lærere", Some("Trivsel"))
            ]
        );
        assert_eq!(
            result.rows[1].extra,
            [(
                "reference".to_string(),
                "(Beskrives i afsnit 6.1)".to_string()
            )]
        );
        assert_eq!(
            result.rows[1].field(Field::Comment),
            Some("Kurset holdes to gange.")
        );
    }

    /// The area (number, text) of each record the document gives.
    fn areas_of(doc: &Document) -> Vec<Option<(Option<String>, String)>> {
        interpret(doc, Vocabulary::builtin())
            .rows
            .iter()
            .map(|r| r.area.as_ref().map(|a| (a.id.clone(), a.text.clone())))
            .collect()
    }

    #[test]
    fn plain_headings_over_sibling_tables_are_their_areas() {
        let doc = Document {
            blocks: vec![
                heading(1, "Klimatplan för Exempelby 2025"),
                heading(2, "1. Energi"),
                table(&[
                    ["Åtgärd", "Ansvarig"],
                    ["Solceller på skolor", "Fastighetskontoret"],
                ]),
                heading(2, "2. Resor"),
                table(&[["Åtgärd", "Ansvarig"], ["Fler cykelbanor", "Gatukontoret"]]),
            ],
            ..Document::default()
        };
        assert_eq!(
            areas_of(&doc),
            [
                Some((Some("1".into()), "Energi".into())),
                Some((Some("2".into()), "Resor".into()))
            ]
        );
        // One table under one heading: the heading is the title, not an area.
        let single = Document {
            blocks: vec![
                heading(2, "Åtgärder"),
                table(&[["Åtgärd", "Ansvarig"], ["Solceller", "Fastighetskontoret"]]),
            ],
            ..Document::default()
        };
        let result = interpret(&single, Vocabulary::builtin());
        assert_eq!(result.rows[0].area, None);
    }

    #[test]
    fn column_word_headings_at_the_area_headings_size_leave_the_area_standing() {
        let area = |n: &str, name: &str, activity: &str| {
            vec![
                heading(2, &format!("{n} {name}")),
                Block::Paragraph {
                    text: "Inledande text om området.".into(),
                    page: None,
                },
                heading(2, "Mål"),
                table(&[["Mål", "Bedömning"], [&format!("{n}.1 Ett mål"), "Delvis"]]),
                heading(2, "Aktiviteter"),
                table(&[["Aktivitet", "Ansvarig"], [activity, "Gatukontoret"]]),
            ]
        };
        let mut blocks = vec![heading(1, "Uppföljning 2025")];
        blocks.extend(area("1", "Skyfall", "Kartlägga lågpunkter"));
        blocks.extend(area("2", "Värme", "Svala rum"));
        blocks.push(heading(1, "Bilaga"));
        blocks.push(table(&[
            ["Aktivitet", "Ansvarig"],
            ["Ordlista", "Kansliet"],
        ]));
        let doc = Document {
            blocks,
            ..Document::default()
        };
        let areas = areas_of(&doc);
        assert_eq!(areas[0], Some((Some("1".into()), "Skyfall".into())));
        assert_eq!(areas[1], Some((Some("2".into()), "Värme".into())));
        // A heading above the areas' level ends the last area.
        assert_eq!(areas[2], None);
    }

    #[test]
    fn sheets_named_as_areas_and_a_title_lines_last_part_give_the_area() {
        let sheet = |name: &str, activity: &str| {
            let Block::Table(mut t) =
                table(&[["Toimenpide", "Vastuutaho"], [activity, "Perusopetus"]])
            else {
                unreachable!()
            };
            t.sheet = Some(name.into());
            Block::Table(t)
        };
        let doc = Document {
            blocks: vec![
                sheet("1 Turvallinen koulumatka", "Suojatiet"),
                sheet("2 Hyvinvoiva oppilas", "Välipala"),
                sheet("Huomiot", "Yhteystiedot"),
            ],
            ..Document::default()
        };
        let areas = areas_of(&doc);
        assert_eq!(
            areas[0],
            Some((Some("1".into()), "Turvallinen koulumatka".into()))
        );
        assert_eq!(
            areas[1],
            Some((Some("2".into()), "Hyvinvoiva oppilas".into()))
        );
        assert_eq!(areas[2], None);
        // Printed, the sheet's title line names it last.
        let doc = Document {
            blocks: vec![
                Block::Paragraph {
                    text: "Jyväskylän kaupunki · Kasvu · Painopiste 2: Hyvinvoiva oppilas".into(),
                    page: Some(1),
                },
                table(&[["Toimenpide", "Vastuutaho"], ["Välipala", "Perusopetus"]]),
            ],
            ..Document::default()
        };
        assert_eq!(
            areas_of(&doc)[0],
            Some((Some("2".into()), "Hyvinvoiva oppilas".into()))
        );
    }

    #[test]
    fn a_follow_ups_check_boxes_give_the_ticked_columns_status() {
        let doc = Document {
            blocks: vec![wide_table(&[
                &[
                    "Tiltak",
                    "Ansvarlig",
                    "Ikke startet",
                    "Igangsatt",
                    "Gjennomført",
                ],
                &["Kartlegge møteplasser", "Kultur", "", "X", ""],
                &["Innføre eldrepris", "Eldrerådet", "", "", "✓"],
                &["Pilot med bestillingstransport", "Samferdsel", "x", "", ""],
            ])],
            ..Document::default()
        };
        let result = interpret(&doc, Vocabulary::builtin());
        let states: Vec<Option<&str>> =
            result.rows.iter().map(|r| r.field(Field::Status)).collect();
        assert_eq!(
            states,
            [Some("Igangsatt"), Some("Gjennomført"), Some("Ikke startet")]
        );
        assert_eq!(result.rows[0].field(Field::Responsible), Some("Kultur"));
    }

    #[test]
    fn a_heading_repeated_under_each_area_is_no_area_of_its_own() {
        let doc = Document {
            blocks: vec![
                heading(1, "07 Trygg skolväg"),
                heading(2, "Aktiviteter"),
                table(&[["Aktivitet", "Status"], ["Ny gångtunnel", "Pågår"]]),
                heading(1, "08 Rent vatten"),
                heading(2, "Aktiviteter"),
                table(&[["Aktivitet", "Status"], ["Nytt reningsverk", "Klar"]]),
            ],
            ..Document::default()
        };
        assert_eq!(
            areas_of(&doc),
            [
                Some((Some("07".into()), "Trygg skolväg".into())),
                Some((Some("08".into()), "Rent vatten".into()))
            ]
        );
    }
}
