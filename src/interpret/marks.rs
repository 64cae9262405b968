//! Matrices of marks: an activity table whose columns are the parties taking part
//! (`Åtgärd | KS | BUN | Socialnämnden`) or the times the work is done (`Tiltak | 2026 |
//! 2027 | 2028`, `Kort sikt | Lång sikt`), a cell ticked (`X`, `✓`; for times also a
//! filled cell, a Gantt bar) where it applies. The ticked parties are the activity's
//! `responsible`, the ticked times its period. A follow-up's columns of states
//! (`Ikke startet | Igangsatt | Gjennomført`) give the ticked one's name as its status. The columns may stand under a group header
//! spanning them (`Ansvar` over `KS | BUN | SN`, `Tidplan` over `2026 | 2027`), with their
//! names in the row below it.

use super::FieldValue;
use crate::colour::Rgb;
use crate::model::{Cell, Table};
use crate::normalize::period;
use crate::vocab::{Field, Vocabulary};

/// What a ticked column says of its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// A party taking part: the column names an organisation.
    Party,
    /// A time: the column names a year, a term or a horizon.
    Time,
    /// A state of the work: the column names a status (`Ikke startet | Igangsatt |
    /// Gjennomført`, a follow-up's check boxes).
    Status,
}

/// A column of marks.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkColumn {
    /// 0-based grid column.
    pub col: usize,
    /// The column's name (its header, or its name under a group header).
    pub name: String,
    /// What a tick in it says.
    pub kind: MarkKind,
}

/// The mark columns of a table and what they change in its header.
#[derive(Debug, Clone, PartialEq)]
pub struct Marks {
    /// The columns, left to right.
    pub columns: Vec<MarkColumn>,
    /// The first row of the body (after the row of names under a group header).
    pub body: usize,
}

/// The anchor cell starting in grid row `r` at column `c`, if any.
fn own(table: &Table, grid: &[Vec<Option<usize>>], r: usize, c: usize) -> Option<usize> {
    grid.get(r)?
        .get(c)
        .copied()
        .flatten()
        .filter(|&i| table.cells[i].row == r)
}

/// Whether a non-white fill marks a cell that the row's activity cell does not share
/// (a bar in a Gantt chart, not a banded row).
fn filled(fill: Option<Rgb>, beside: Option<Rgb>) -> bool {
    fill.is_some_and(|f| !f.is_blank() && Some(f) != beside)
}

/// Whether a cell of a column of `kind` is ticked: a tick (`X`, `✓`), or for a time an
/// empty cell filled unlike the activity's (`beside`); `None` when it holds other text.
fn ticked(cell: &Cell, kind: MarkKind, beside: Option<Rgb>, vocab: &Vocabulary) -> Option<bool> {
    let text = cell.text.trim();
    if vocab.is_tick(text) {
        Some(true)
    } else if !text.is_empty() {
        None
    } else {
        Some(kind == MarkKind::Time && filled(cell.fill, beside))
    }
}

/// Whether a column name is a time: a year or a term with its year (`2026`, `HT 2026`,
/// `2026–2027`) or a horizon (`Kort sikt`, `Q1`).
fn names_time(name: &str, vocab: &Vocabulary) -> bool {
    period::is_period_heading(name, vocab) || vocab.is_horizon(name)
}

/// Finds the mark columns of a table whose header is grid row `row`, with `fields` and
/// `names` as the header maps them; `None` where there are none. A column of marks has
/// a name the vocabulary does not take for a field, holds nothing but ticks in the rows
/// that have an activity, and is ticked at least once. Parties are read where at least
/// two such columns name them or a responsible header spans them, and the table has no
/// responsible column of its own; times likewise.
pub fn find(
    table: &Table,
    grid: &[Vec<Option<usize>>],
    row: usize,
    fields: &[Option<Field>],
    names: &[String],
    vocab: &Vocabulary,
) -> Option<Marks> {
    let act = fields.iter().position(|f| *f == Some(Field::Activity))?;
    let header_cells: &[Option<usize>] = grid.get(row)?;
    let spanned = |c: usize| {
        header_cells[c].is_some_and(|i| header_cells.iter().filter(|h| **h == Some(i)).count() > 1)
    };
    // A group header spans its columns; their names stand in the row below it.
    let sub = row + 1;
    let sub_names: Vec<Option<String>> = (0..fields.len())
        .map(|c| {
            own(table, grid, sub, c)
                .filter(|_| spanned(c))
                .map(|i| crate::text::collapse(&table.cells[i].text))
                .filter(|t| !t.is_empty())
        })
        .collect();
    let grouped = sub_names.iter().flatten().count() >= 2
        && own(table, grid, sub, act).is_none_or(|i| table.cells[i].text.trim().is_empty());
    let body = if grouped { row + 2 } else { row + 1 };
    let group_field = |c: usize| {
        let first = header_cells.iter().position(|h| *h == header_cells[c])?;
        fields[first]
    };
    // The text of a group header that names a time (a year over its terms).
    let group_time = |c: usize| {
        header_cells[c]
            .map(|i| crate::text::collapse(&table.cells[i].text))
            .filter(|t| !period::years(t).is_empty() && names_time(t, vocab))
    };
    let mut columns = Vec::new();
    let mut quiet = Vec::new();
    for c in 0..fields.len() {
        if c == act {
            continue;
        }
        // Whether the column stands under a year (`2026` over `1. kv | 2. kv | …`):
        // its marks are times, whatever its own name says.
        let mut under_year = false;
        let (name, group) = match (&sub_names[c], grouped) {
            (Some(n), true) => match group_time(c) {
                // Terms under the year they fall in (`2026` over `K1 | K2 | K3 | K4`).
                Some(year) if !names_time(n, vocab) || period::years(n).is_empty() => {
                    under_year = true;
                    (format!("{n} {year}"), group_field(c))
                }
                _ => (n.clone(), group_field(c)),
            },
            _ if fields[c].is_none() && !spanned(c) => (names[c].clone(), None),
            _ => continue,
        };
        if name.is_empty() || vocab.header_field(&name).is_some() {
            continue;
        }
        let kind = match group {
            _ if under_year => MarkKind::Time,
            Some(Field::Responsible) => MarkKind::Party,
            Some(Field::Timeframe) => MarkKind::Time,
            Some(_) => continue,
            None if names_time(&name, vocab) => MarkKind::Time,
            None if vocab.status_of_text(&name).is_some() => MarkKind::Status,
            None => MarkKind::Party,
        };
        // A column without a tick in this table is one all the same where its name says
        // it is (a year, a horizon, a party under a group header): its ticks may come on
        // the pages the table continues to.
        let named = group.is_some() || kind == MarkKind::Time;
        match ticked_rows(table, grid, body, act, c, kind, vocab) {
            Some(n) if n > 0 => columns.push((MarkColumn { col: c, name, kind }, group.is_some())),
            Some(_) if named => quiet.push((MarkColumn { col: c, name, kind }, group.is_some())),
            _ => {}
        }
    }
    // Quiet columns join where columns of their kind have ticks.
    for (m, g) in quiet {
        if columns
            .iter()
            .any(|(k, _): &(MarkColumn, bool)| k.kind == m.kind)
        {
            columns.push((m, g));
        }
    }
    columns.sort_by_key(|(m, _)| m.col);
    let has_own = |f: Field| {
        fields
            .iter()
            .enumerate()
            .any(|(c, g)| *g == Some(f) && !columns.iter().any(|(m, _)| m.col == c))
    };
    let keep = |kind: MarkKind, field: Field| {
        let of_kind: Vec<&(MarkColumn, bool)> =
            columns.iter().filter(|(m, _)| m.kind == kind).collect();
        (of_kind.len() >= 2 || of_kind.iter().any(|(_, g)| *g)) && !has_own(field)
    };
    let (parties, times, states) = (
        keep(MarkKind::Party, Field::Responsible),
        keep(MarkKind::Time, Field::Timeframe),
        keep(MarkKind::Status, Field::Status),
    );
    let columns: Vec<MarkColumn> = columns
        .into_iter()
        .map(|(m, _)| m)
        .filter(|m| match m.kind {
            MarkKind::Party => parties,
            MarkKind::Time => times,
            MarkKind::Status => states,
        })
        .collect();
    (!columns.is_empty()).then_some(Marks { columns, body })
}

/// In the body rows that have their own activity text, how many ticks column `c` holds;
/// `None` when one of its cells holds anything else.
fn ticked_rows(
    table: &Table,
    grid: &[Vec<Option<usize>>],
    body: usize,
    act: usize,
    c: usize,
    kind: MarkKind,
    vocab: &Vocabulary,
) -> Option<usize> {
    let mut ticks = 0;
    for (r, cells) in grid.iter().enumerate().skip(body) {
        let Some(a) = own(table, grid, r, act) else {
            continue;
        };
        if table.cells[a].text.trim().is_empty() || cells.get(c) == Some(&Some(a)) {
            continue;
        }
        let Some(i) = cells.get(c).copied().flatten() else {
            continue;
        };
        if ticked(&table.cells[i], kind, table.cells[a].fill, vocab)? {
            ticks += 1;
        }
    }
    Some(ticks)
}

/// Replaces the values of a row's mark columns by what their ticks say: the ticked
/// parties as the responsible (joined by commas), the ticked times as the timeframe (a run
/// of years as `2026–2027`, other times by their names).
pub fn apply(
    marks: &Marks,
    table: &Table,
    row: &[Option<usize>],
    vocab: &Vocabulary,
    values: &mut Vec<(Option<Field>, FieldValue)>,
) {
    let act = values.iter().find(|(f, _)| *f == Some(Field::Activity));
    let beside = act.and_then(|(_, v)| v.fill);
    let mut parties = Vec::new();
    let mut times = Vec::new();
    let mut state = None;
    let mut time_cols = Vec::new();
    for m in &marks.columns {
        let Some(cell) = row.get(m.col).copied().flatten().map(|i| &table.cells[i]) else {
            continue;
        };
        if ticked(cell, m.kind, beside, vocab) == Some(true) {
            match m.kind {
                MarkKind::Party => parties.push(m.name.clone()),
                // The furthest state ticked (columns run from not started to done).
                MarkKind::Status => state = Some(m.name.clone()),
                MarkKind::Time => {
                    times.push(m.name.clone());
                    time_cols.push(marks.columns.iter().position(|k| k.col == m.col));
                }
            }
        }
    }
    values.retain(|(f, v)| f.is_some() || !marks.columns.iter().any(|m| m.name == v.header));
    let mut push = |field: Field, text: String| {
        if !text.is_empty() {
            values.push((
                Some(field),
                FieldValue {
                    text,
                    ..FieldValue::default()
                },
            ));
        }
    };
    push(Field::Responsible, parties.join(", "));
    push(Field::Status, state.unwrap_or_default());
    let adjacent = time_cols.windows(2).all(|w| match (w[0], w[1]) {
        (Some(a), Some(b)) => b == a + 1,
        _ => false,
    });
    push(Field::Timeframe, time_label(&times, adjacent));
}

/// The label of ticked times: consecutive years as a range (`2026–2028`), a run of
/// terms of adjacent columns that name their years from its first to its last (`K1
/// 2026–K2 2027`), else the names joined (`2026, 2028`; `HT 2026, VT 2027`).
fn time_label(times: &[String], adjacent: bool) -> String {
    let years: Vec<i32> = times
        .iter()
        .filter_map(|t| match period::years(t).as_slice() {
            [y] if t.trim() == y.to_string() => Some(*y),
            _ => None,
        })
        .collect();
    if years.len() == times.len() && !years.is_empty() {
        let consecutive = years.windows(2).all(|w| w[1] == w[0] + 1);
        let (first, last) = (years[0], years[years.len() - 1]);
        if consecutive {
            return if first == last {
                first.to_string()
            } else {
                format!("{first}–{last}")
            };
        }
    }
    let dated = times.iter().all(|t| period::years(t).len() == 1);
    match times {
        [first, .., last] if adjacent && dated => format!("{first}–{last}"),
        _ => times.join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_years_are_ranges_and_other_times_are_named() {
        let s = |v: &[&str]| v.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        assert_eq!(time_label(&s(&["2026", "2027", "2028"]), true), "2026–2028");
        assert_eq!(time_label(&s(&["2027"]), true), "2027");
        assert_eq!(time_label(&s(&["2026", "2028"]), false), "2026, 2028");
        assert_eq!(time_label(&s(&["Kort sikt"]), true), "Kort sikt");
        assert_eq!(
            time_label(&s(&["HT 2026", "VT 2027"]), false),
            "HT 2026, VT 2027"
        );
        assert_eq!(
            time_label(&s(&["K3 2026", "K4 2026", "K1 2027"]), true),
            "K3 2026–K1 2027"
        );
    }
}
