//! Measure cards set side by side in the cells of a table: a designed page lays its cards
//! out on a grid (two or three to a row), each cell one measure — its title, a line or
//! two of description and its facts as `Label: value` lines (`Ansvarlig: …`, `Tidsrom:
//! …`, `Status: …`). Such a table has no header row; read as a reader reads it, each
//! card is a measure of its own, in reading order, left to right and row by row.

use super::cards::{card_title, labelled_field};
use super::header;
use crate::model::{Block, Cell, Document, Table};
use crate::vocab::Vocabulary;

/// The document with every grid of cards unfolded into its cards' text, and the blocks
/// that are card titles (each opens a measure); `None` where no table is a grid of cards.
pub fn unfold(doc: &Document, vocab: &Vocabulary) -> Option<(Vec<Block>, Vec<usize>)> {
    let mut blocks = Vec::with_capacity(doc.blocks.len());
    let mut titles = Vec::new();
    let mut found = false;
    for block in &doc.blocks {
        match block {
            Block::Table(t) if is_card_grid(t, vocab) => {
                found = true;
                unfold_table(t, &mut blocks, &mut titles, vocab);
            }
            other => blocks.push(other.clone()),
        }
    }
    found.then_some((blocks, titles))
}

/// A cell's non-empty lines.
fn lines(cell: &Cell) -> Vec<&str> {
    cell.text.lines().filter(|l| !l.trim().is_empty()).collect()
}

/// How many of a cell's leading lines are its title: the lines styled apart, else the
/// first line and the lines that go on with it in lower case (a title wrapped in a
/// narrow cell).
fn title_len(cell: &Cell, lines: &[&str], vocab: &Vocabulary) -> usize {
    if cell.title_lines > 0 {
        return cell.title_lines.min(lines.len());
    }
    let mut n = 1;
    while n < lines.len()
        && !lines[n - 1].trim_end().ends_with(['.', ':'])
        && crate::text::starts_lowercase(lines[n].trim())
        && labelled_field(lines[n], vocab).is_none()
    {
        n += 1;
    }
    n
}

/// Whether a cell holds one measure's card: a title that is no fact's line, then at
/// least two lines giving facts.
fn is_card(cell: &Cell, vocab: &Vocabulary) -> bool {
    let lines = lines(cell);
    let Some(first) = lines.first() else {
        return false;
    };
    if labelled_field(first, vocab).is_some() || first.chars().count() > 160 {
        return false;
    }
    let facts = lines[1..]
        .iter()
        .filter(|l| labelled_field(l, vocab).is_some())
        .count();
    facts >= 2
}

/// A table without a header row whose cells, two or more, are mostly cards.
fn is_card_grid(table: &Table, vocab: &Vocabulary) -> bool {
    let filled: Vec<&Cell> = table
        .cells
        .iter()
        .filter(|c| !c.text.trim().is_empty())
        .collect();
    let cards = filled.iter().filter(|c| is_card(c, vocab)).count();
    cards >= 2 && cards * 2 >= filled.len() && header::find(table, &table.grid(), vocab).is_none()
}

/// A grid's cells as blocks, in reading order: each card as its title (a heading) over
/// the rest of its text; any other cell as a heading where it is one short line across
/// the whole grid (an area's name over its cards), else as a paragraph.
fn unfold_table(table: &Table, out: &mut Vec<Block>, titles: &mut Vec<usize>, vocab: &Vocabulary) {
    let page = table.pages.first().copied();
    // Where every card's title is numbered, a cell that opens with a numbered title is
    // a card too, whose facts a page break carried past the table.
    let numbered = |cell: &Cell| {
        lines(cell)
            .first()
            .is_some_and(|l| !card_title(l, vocab).0.is_empty())
    };
    let all_numbered = table
        .cells
        .iter()
        .filter(|c| is_card(c, vocab))
        .all(numbered);
    for cell in &table.cells {
        let lines = lines(cell);
        if lines.is_empty() {
            continue;
        }
        let page = cell.page.or(page);
        if is_card(cell, vocab) || (all_numbered && numbered(cell)) {
            let n = title_len(cell, &lines, vocab);
            titles.push(out.len());
            out.push(Block::Heading {
                level: 6,
                text: crate::text::collapse(&lines[..n].join(" ")),
                page,
            });
            out.push(Block::Paragraph {
                text: lines[n..].join("\n"),
                page,
            });
        } else if lines.len() == 1 && cell.col_span == table.n_cols {
            out.push(Block::Heading {
                level: 5,
                text: lines[0].trim().to_string(),
                page,
            });
        } else {
            out.push(Block::Paragraph {
                text: lines.join("\n"),
                page,
            });
        }
    }
}
