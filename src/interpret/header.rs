//! Header rows: which row names the columns, and which field each column fills.

use super::marks::{self, Marks};
use crate::model::Table;
use crate::vocab::{Field, Vocabulary};

/// Rows searched for a header (title rows and empty rows may stand above it).
pub const SEARCH_ROWS: usize = 8;

/// A table's column mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// 0-based row of the header.
    pub row: usize,
    /// Field of each column; `None` for a column the vocabulary does not know.
    pub fields: Vec<Option<Field>>,
    /// Header text of each column.
    pub names: Vec<String>,
    /// The first row of the body.
    pub body: usize,
    /// Columns of ticks that name parties or times, where the table has them.
    pub marks: Option<Marks>,
    /// Columns of a field for earlier years (`Status 2025` beside `Status 2026`),
    /// latest first: where the latest year's cell is empty, the latest one filled gives
    /// the field.
    pub earlier: Vec<(usize, Field)>,
    /// Where the activity's header stands over the headers of other fields (`Tiltak`
    /// over `Ansvarlig | Tidsramme | Kostnad`), each record takes two rows: its title in
    /// a cell across those columns, then its facts under them. The columns (first, end)
    /// and the field and name of the first column in the facts' row.
    pub title_span: Option<TitleSpan>,
    /// A column that says each row's level (`Nivå`: `Mål` or `Aktivitet`, a follow-up
    /// system's export): rows of a goal's or an area's level are those sections.
    pub level: Option<usize>,
}

/// The columns a record's title spans in a row of its own, over a row of its facts.
#[derive(Debug, Clone, PartialEq)]
pub struct TitleSpan {
    /// The first column and the one after the last.
    pub cols: (usize, usize),
    /// The field of the first column in the facts' row, and its name.
    pub under: (Option<Field>, String),
}

impl Header {
    /// The header a row reads under: in a table whose records take two rows, a row
    /// without its title across the title's columns is a facts' row, whose first column
    /// under the title holds the field named there rather than the activity.
    pub fn for_row(&self, title_row: bool) -> std::borrow::Cow<'_, Header> {
        match &self.title_span {
            Some(span) if !title_row => {
                let mut h = self.clone();
                h.fields[span.cols.0] = span.under.0;
                h.names[span.cols.0] = span.under.1.clone();
                std::borrow::Cow::Owned(h)
            }
            _ => std::borrow::Cow::Borrowed(self),
        }
    }
}

/// The fields and header texts a grid row names, column by column. A cell spanning
/// several columns names only its first.
fn row_fields(
    table: &Table,
    row: &[Option<usize>],
    vocab: &Vocabulary,
) -> (Vec<Option<Field>>, Vec<String>) {
    let mut fields = vec![None; table.n_cols];
    let mut names = vec![String::new(); table.n_cols];
    let mut seen = Vec::new();
    for (c, slot) in row.iter().enumerate() {
        let Some(idx) = *slot else { continue };
        if seen.contains(&idx) {
            continue;
        }
        seen.push(idx);
        let text = crate::text::collapse(&table.cells[idx].text);
        fields[c] = vocab.header_field(&text);
        names[c] = text;
    }
    (fields, names)
}

/// Finds the header of a goal-assessment table (`Nämndmål | Bedömning`, `Hovedmål |
/// Vurdering`): among the first rows, one that names a goal column and a status column
/// and no activity. Its rows are goals with their assessed status, not records.
pub fn find_goal_assessment(
    table: &Table,
    grid: &[Vec<Option<usize>>],
    vocab: &Vocabulary,
) -> Option<Header> {
    grid.iter()
        .enumerate()
        .take(SEARCH_ROWS)
        .find_map(|(r, row)| {
            let (fields, names) = row_fields(table, row, vocab);
            let has = |f: Field| fields.contains(&Some(f));
            (has(Field::Goal) && has(Field::Status) && !has(Field::Activity)).then_some(Header {
                row: r,
                fields,
                names,
                body: r + 1,
                marks: None,
                earlier: Vec::new(),
                title_span: None,
                level: None,
            })
        })
}

/// Finds the first row, among the first few, whose cells name at least two fields, one
/// of them the activity, or the activity and columns of marks ([`marks`]). A cell
/// spanning several columns names only its first.
pub fn find(table: &Table, grid: &[Vec<Option<usize>>], vocab: &Vocabulary) -> Option<Header> {
    for (r, row) in grid.iter().enumerate().take(SEARCH_ROWS) {
        let (mut fields, mut names) = row_fields(table, row, vocab);
        // Of two activity columns (`Indsatser | Aktiviteter`, `Innsats | Tiltak`) one
        // whose word groups activities is their area.
        let activities: Vec<usize> = (0..fields.len())
            .filter(|&c| fields[c] == Some(Field::Activity))
            .collect();
        if let [a, b] = activities.as_slice() {
            let grouping = |c: usize| vocab.groups_activities(&names[c]);
            if !fields.contains(&Some(Field::Area)) && grouping(*a) != grouping(*b) {
                let c = if grouping(*a) { *a } else { *b };
                // A column of `Indsats 1`, `Indsats 2`, … numbers the activities beside it.
                fields[c] = Some(if numbers_rows(table, grid, r, c) {
                    Field::Id
                } else {
                    Field::Area
                });
            }
        }
        // A column that only names its items (`Namn`) is the activity's where no column
        // names the activity and the row names a status or a responsible column and one
        // more field besides (a follow-up system's export).
        if !fields.contains(&Some(Field::Activity)) {
            let named =
                (0..fields.len()).find(|&c| fields[c].is_none() && vocab.names_items(&names[c]));
            let others = fields.iter().flatten().count();
            let states =
                fields.contains(&Some(Field::Status)) || fields.contains(&Some(Field::Responsible));
            match named {
                Some(c) if others >= 2 && states => fields[c] = Some(Field::Activity),
                _ => continue,
            }
        }
        // Beside a column of states, a column of shares done (`Fremdrift`) is no status.
        let states = (0..fields.len())
            .any(|c| fields[c] == Some(Field::Status) && !vocab.names_completion(&names[c]));
        for c in 0..fields.len() {
            if states && fields[c] == Some(Field::Status) && vocab.names_completion(&names[c]) {
                fields[c] = None;
            }
        }
        let earlier = latest_of_dated(&mut fields, &names);
        let marks = marks::find(table, grid, r, &fields, &names, vocab);
        let mapped = fields.iter().flatten().count();
        if mapped >= 2 || marks.as_ref().is_some_and(|m| m.columns.len() >= 2) {
            let mut title_span = None;
            let sub = if marks.is_none() {
                sub_header(table, grid, r, &mut fields, &mut names, vocab) || {
                    title_span = titled_facts(table, grid, r, &mut fields, &mut names, vocab);
                    title_span.is_some()
                }
            } else {
                false
            };
            let mut header = Header {
                row: r,
                body: marks.as_ref().map_or(r + 1 + usize::from(sub), |m| m.body),
                fields,
                names,
                marks: None,
                earlier,
                title_span,
                level: None,
            };
            header.level = level_column(table, grid, &header, vocab);
            for m in marks.iter().flat_map(|m| &m.columns) {
                header.fields[m.col] = None;
                header.names[m.col] = m.name.clone();
            }
            header.marks = marks;
            return Some(header);
        }
    }
    None
}

/// Of two or more columns of one field that each name a year (`Status 2024 | Status
/// 2025`, a follow-up kept year by year), the latest year's is the field's; the others
/// stay as they are named (in `extra`); they are returned, latest first, with their
/// field.
fn latest_of_dated(fields: &mut [Option<Field>], names: &[String]) -> Vec<(usize, Field)> {
    let mut earlier = Vec::new();
    let year = |c: usize| match crate::normalize::period::years(&names[c]).as_slice() {
        [y] => Some(*y),
        _ => None,
    };
    for field in [Field::Status, Field::Comment, Field::Timeframe] {
        let cols: Vec<usize> = (0..fields.len())
            .filter(|&c| fields[c] == Some(field))
            .collect();
        if cols.len() < 2 || cols.iter().any(|&c| year(c).is_none()) {
            continue;
        }
        let latest = cols.iter().copied().max_by_key(|&c| year(c));
        let mut older: Vec<usize> = cols.into_iter().filter(|&c| Some(c) != latest).collect();
        older.sort_by_key(|&c| std::cmp::Reverse(year(c)));
        for c in older {
            fields[c] = None;
            earlier.push((c, field));
        }
    }
    earlier
}

/// A header of two rows: group headers over several columns (`Ansvar` over
/// `Hovedansvarlig | Medvirkende`, `Tidsplan` over `Start | Ferdig`) name their columns
/// in the row below, where the activity's header (spanning both rows) leaves its place
/// empty. Each such column takes the field its own name gives, else its group's; the
/// names become the columns' names. Whether the header has that second row.
fn sub_header(
    table: &Table,
    grid: &[Vec<Option<usize>>],
    r: usize,
    fields: &mut [Option<Field>],
    names: &mut [String],
    vocab: &Vocabulary,
) -> bool {
    let (Some(top), Some(below)) = (grid.get(r), grid.get(r + 1)) else {
        return false;
    };
    let Some(act) = fields.iter().position(|f| *f == Some(Field::Activity)) else {
        return false;
    };
    // The activity's header stands over both rows.
    if below.get(act) != top.get(act) {
        return false;
    }
    let spanned =
        |c: usize| top[c].is_some_and(|i| top.iter().filter(|h| **h == Some(i)).count() > 1);
    let mut subs = Vec::new();
    for (c, slot) in below.iter().enumerate().take(fields.len()) {
        if !spanned(c) {
            continue;
        }
        let Some(i) = slot.filter(|&i| table.cells[i].row == r + 1) else {
            return false;
        };
        let text = crate::text::collapse(&table.cells[i].text);
        if text.is_empty() {
            return false;
        }
        subs.push((c, text));
    }
    if subs.len() < 2 {
        return false;
    }
    for (c, text) in subs {
        let group = top[c].and_then(|i| {
            let first = top.iter().position(|h| *h == Some(i))?;
            fields[first]
        });
        fields[c] = vocab.header_field(&text).or(group);
        names[c] = text;
    }
    true
}

/// A header of two rows whose activity's header is the group (`Tiltak` over
/// `Ansvarlig | Tidsramme | Kostnad`, the other headers standing over both rows): a
/// record's title spans the group's columns in a row of its own, its facts in the row
/// below. The columns after the group's first take their own names' fields; the first
/// keeps the activity for the title's row ([`Header::for_row`] gives the facts' row).
fn titled_facts(
    table: &Table,
    grid: &[Vec<Option<usize>>],
    r: usize,
    fields: &mut [Option<Field>],
    names: &mut [String],
    vocab: &Vocabulary,
) -> Option<TitleSpan> {
    let (top, below) = (grid.get(r)?, grid.get(r + 1)?);
    let act = fields.iter().position(|f| *f == Some(Field::Activity))?;
    let group = top[act]?;
    let end = act + top[act..].iter().take_while(|h| **h == Some(group)).count();
    if end - act < 2 || table.cells[group].row != r {
        return None;
    }
    // The other headers stand over both rows.
    let over_both = (0..top.len())
        .filter(|c| !(act..end).contains(c))
        .all(|c| top[c].is_none() || below.get(c) == top.get(c));
    if !over_both {
        return None;
    }
    let mut subs = Vec::new();
    for c in act..end {
        let i = below
            .get(c)
            .copied()
            .flatten()
            .filter(|&i| table.cells[i].row == r + 1)?;
        let text = crate::text::collapse(&table.cells[i].text);
        let field = vocab.header_field(&text);
        if field.is_none() || field == Some(Field::Activity) {
            return None;
        }
        subs.push((c, field, text));
    }
    let (_, first_field, first_name) = subs[0].clone();
    for (c, field, text) in subs.into_iter().skip(1) {
        fields[c] = field;
        names[c] = text;
    }
    Some(TitleSpan {
        cols: (act, end),
        under: (first_field, first_name),
    })
}

/// A column of no field whose body cells each name a level by a header word, a goal's
/// or an area's in some rows and the activity's in others (`Mål`, `Aktivitet`).
fn level_column(
    table: &Table,
    grid: &[Vec<Option<usize>>],
    header: &Header,
    vocab: &Vocabulary,
) -> Option<usize> {
    (0..header.fields.len())
        .filter(|&c| header.fields[c].is_none())
        .find(|&c| {
            let (mut sections, mut records) = (0, 0);
            for (k, row) in grid.iter().enumerate().skip(header.body) {
                let Some(i) = row.get(c).copied().flatten() else {
                    continue;
                };
                let text = crate::text::collapse(&table.cells[i].text);
                if text.is_empty() || table.cells[i].row != k {
                    continue;
                }
                match vocab.header_field(&text) {
                    Some(Field::Goal | Field::Area) => sections += 1,
                    Some(Field::Activity) => records += 1,
                    _ => return false,
                }
            }
            sections >= 1 && records >= 2
        })
}

/// Whether the body cells of column `c` (below header row `r`) all number the rows the
/// same way, a word and a number each, every number its own (`Indsats 1`, `Indsats 2`).
fn numbers_rows(table: &Table, grid: &[Vec<Option<usize>>], r: usize, c: usize) -> bool {
    let mut word: Option<String> = None;
    let mut seen: Vec<String> = Vec::new();
    for (k, row) in grid.iter().enumerate().skip(r + 1) {
        let Some(i) = row.get(c).copied().flatten() else {
            continue;
        };
        let text = crate::text::collapse(&table.cells[i].text);
        if text.is_empty() || table.cells[i].row != k {
            continue;
        }
        let mut parts = text.split(' ');
        let (Some(w), Some(n), None) = (parts.next(), parts.next(), parts.next()) else {
            return false;
        };
        if super::sections::dotted_levels(n).is_none()
            || word.get_or_insert_with(|| w.to_lowercase()) != &w.to_lowercase()
            || seen.contains(&text)
        {
            return false;
        }
        seen.push(text);
    }
    seen.len() >= 2
}
