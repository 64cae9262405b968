//! Goal-assessment tables of follow-up reports (`Nämndmål | Bedömning`, `Hovedmål |
//! Vurdering`): each row a goal, with its number, its text and its assessed status read
//! as a record's status is (words, a coloured sign or icon, a fill, through the legend).

use super::header::Header;
use super::sections;
use super::GoalFound;
use crate::model::Table;
use crate::normalize::status::{self, Colours, Legend};
use crate::vocab::{Field, Vocabulary};

/// The goals of a goal-assessment table under `header`, in row order, from row `body`
/// (0 where the table continues one whose header stood on the page before).
pub fn goals(
    table: &Table,
    grid: &[Vec<Option<usize>>],
    header: &Header,
    body: usize,
    legend: &Legend,
    vocab: &Vocabulary,
) -> Vec<GoalFound> {
    let column = |f: Field| header.fields.iter().position(|x| *x == Some(f));
    let (Some(goal_col), Some(status_col)) = (column(Field::Goal), column(Field::Status)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for row in grid.iter().skip(body) {
        let Some(goal_cell) = row.get(goal_col).copied().flatten() else {
            continue;
        };
        let text = crate::text::collapse(&table.cells[goal_cell].text);
        if text.is_empty() {
            continue;
        }
        let (id, text) = numbered(&text, vocab);
        let (status, status_raw) = match row.get(status_col).copied().flatten() {
            Some(i) if i != goal_cell => {
                let cell = &table.cells[i];
                let colours = Colours {
                    fill: cell.fill,
                    text: cell.color,
                };
                status::status_of_cell(&cell.text, colours, legend, vocab)
            }
            _ => (None, None),
        };
        out.push(GoalFound {
            id,
            text,
            status,
            status_raw,
        });
    }
    out
}

/// A goal's number and text: `1.2 Bibliotekene …`, `3 God ekologisk status …`, `Mål 2:
/// …`; the whole text where it has no number.
fn numbered(text: &str, vocab: &Vocabulary) -> (Option<String>, String) {
    if let Some((id, rest)) = sections::leading_id(text) {
        return (Some(id), rest.trim().to_string());
    }
    if let Some(s) = sections::numbered_heading(text) {
        return (s.id, s.text);
    }
    match sections::keyword_section(text, vocab) {
        Some((_, s)) if s.id.is_some() && !s.text.is_empty() => (s.id, s.text),
        _ => (None, text.to_string()),
    }
}
