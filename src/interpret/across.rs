//! Tables laid across: labels down the first column (`No. | Action | Description | Lead |
//! Timeframe`), one measure per column. Read turned the usual way round; where a page
//! break splits one, the rows the next page holds are joined to it first.

use std::borrow::Cow;

use super::header;
use crate::model::{Block, Document, Table};
use crate::vocab::Vocabulary;

/// The table turned the usual way round where it is laid across: it has no header row,
/// and its first column names three fields or more, the activity among them.
pub fn turned(table: &Table, grid: &[Vec<Option<usize>>], vocab: &Vocabulary) -> Option<Table> {
    if header::find(table, grid, vocab).is_some() {
        return None;
    }
    turn(table, vocab).map(|(t, _)| t)
}

/// [`turned`] for a table already known to have no header row: the turned table and its
/// header.
pub fn turn(table: &Table, vocab: &Vocabulary) -> Option<(Table, header::Header)> {
    if table.n_cols < 3 {
        return None;
    }
    let turned = table.transposed();
    let h = header::find(&turned, &turned.grid(), vocab)?;
    (h.row == 0 && h.fields.iter().flatten().count() >= 3).then_some((turned, h))
}

/// The document with each table laid across joined to the rest of it that a page break
/// put on the next page: a table right after it (nothing but empty paragraphs between),
/// on a later page, as wide, whose first column holds only labels of fields or nothing
/// (a first row without a label continues the last row: a cell's text the break split).
/// Borrowed unchanged where there is nothing to join.
pub fn join_split<'d>(doc: &'d Document, vocab: &Vocabulary) -> Cow<'d, Document> {
    let mut blocks: Option<Vec<Block>> = None;
    let mut i = 0;
    while i < doc.blocks.len() {
        let current = blocks.as_ref().map_or(&doc.blocks, |b| b);
        let Some(Block::Table(first)) = current.get(i) else {
            i += 1;
            continue;
        };
        // Laid across, or too short to tell on its own (a row or two of labels the page
        // broke off: `Ansvarig | …` alone at a page's foot).
        if turned(first, &first.grid(), vocab).is_none() && !labels_only(first, vocab) {
            i += 1;
            continue;
        }
        let next = (i + 1..current.len()).find(|&k| !is_blank(&current[k]));
        let Some((k, Block::Table(rest))) = next.map(|k| (k, &current[k])) else {
            i += 1;
            continue;
        };
        if !continues(first, rest, vocab) {
            i += 1;
            continue;
        }
        let joined = join(first, rest);
        let b = blocks.get_or_insert_with(|| doc.blocks.clone());
        b[i] = Block::Table(joined);
        b.drain(i + 1..=k);
    }
    match blocks {
        Some(blocks) => Cow::Owned(Document {
            blocks,
            ..doc.clone()
        }),
        None => Cow::Borrowed(doc),
    }
}

fn is_blank(block: &Block) -> bool {
    matches!(block, Block::Paragraph { text, .. } if text.trim().is_empty())
}

/// Whether every row of a table of two columns opens with a field's label.
fn labels_only(table: &Table, vocab: &Vocabulary) -> bool {
    table.n_cols == 2
        && table.n_rows >= 1
        && (0..table.n_rows).all(|r| {
            table.cells.iter().any(|c| {
                c.row == r
                    && c.col == 0
                    && vocab
                        .header_field(&crate::text::collapse(c.text.trim()))
                        .is_some()
            })
        })
}

/// Whether `rest` is the part of `first` (laid across) that the next page holds.
fn continues(first: &Table, rest: &Table, vocab: &Vocabulary) -> bool {
    let later = match (first.pages.last(), rest.pages.first()) {
        (Some(a), Some(b)) => b > a,
        _ => false,
    };
    let labels = rest.cells.iter().filter(|c| c.col == 0).all(|c| {
        let t = c.text.trim();
        t.is_empty() || vocab.header_field(&crate::text::collapse(t)).is_some()
    });
    later && rest.n_cols == first.n_cols && labels
}

/// `rest`'s rows under `first`'s; a first row of `rest` without a label continues
/// `first`'s last row, cell by cell.
fn join(first: &Table, rest: &Table) -> Table {
    let mut out = first.clone();
    let split = rest
        .cells
        .iter()
        .find(|c| c.row == 0 && c.col == 0)
        .is_none_or(|c| c.text.trim().is_empty());
    let last = first.n_rows.saturating_sub(1);
    let skip = usize::from(split);
    for cell in &rest.cells {
        if split && cell.row == 0 {
            if cell.text.trim().is_empty() {
                continue;
            }
            if let Some(above) = out
                .cells
                .iter_mut()
                .find(|c| c.col == cell.col && c.row <= last && c.row + c.row_span > last)
            {
                above.text = format!("{} {}", above.text.trim_end(), cell.text.trim());
                continue;
            }
        }
        if cell.row < skip {
            continue;
        }
        let mut moved = cell.clone();
        moved.row = cell.row - skip + first.n_rows;
        out.cells.push(moved);
    }
    out.n_rows = first.n_rows + rest.n_rows - skip;
    out.pages.extend(
        rest.pages
            .iter()
            .copied()
            .filter(|p| !first.pages.contains(p)),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Cell;

    fn pairs(rows: &[(&str, &str)], page: u32) -> Block {
        let cells = rows
            .iter()
            .enumerate()
            .flat_map(|(r, (label, value))| {
                [(0, label), (1, value)].map(|(col, text)| Cell {
                    row: r,
                    col,
                    row_span: 1,
                    col_span: 1,
                    text: text.to_string(),
                    page: Some(page),
                    ..Cell::default()
                })
            })
            .collect();
        let mut table = Table::from_cells(cells);
        table.pages = vec![page];
        Block::Table(table)
    }

    #[test]
    fn a_cards_labels_broken_off_at_a_pages_foot_join_their_rest() {
        let doc = Document {
            blocks: vec![
                pairs(&[("Ansvarig", "Stadsbiblioteket")], 2),
                pairs(&[("Tidplan", "2027–2028"), ("Kostnad", "9 000 €")], 3),
            ],
            ..Document::default()
        };
        let joined = join_split(&doc, Vocabulary::builtin());
        assert_eq!(joined.blocks.len(), 1);
        let Block::Table(t) = &joined.blocks[0] else {
            panic!()
        };
        assert_eq!(t.n_rows, 3);
        // Two tables of other things stay apart.
        let doc = Document {
            blocks: vec![
                pairs(&[("Namn", "Anna")], 2),
                pairs(&[("Tidplan", "2027")], 3),
            ],
            ..Document::default()
        };
        assert_eq!(join_split(&doc, Vocabulary::builtin()).blocks.len(), 2);
    }
}
