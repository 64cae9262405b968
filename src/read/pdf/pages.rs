//! Pages into one document: tables that continue on the next page joined (their
//! repeated header dropped), text lines into headings and paragraphs, the title found.

use super::page::{Item, PageLayout, PageTable, TextLine};
use crate::model::{Block, Cell, Document};

/// How far column boundaries may differ for a table to continue on the next page.
const COLUMN_TOLERANCE: f32 = 6.0;

/// Builds the document from its pages.
pub fn assemble(pages: Vec<PageLayout>) -> Document {
    let body_size = median_size(&pages);
    let mut doc = Document::default();
    let mut title_lines: Vec<String> = Vec::new();
    if let Some(first) = pages.first() {
        title_lines = title(first, body_size);
    }
    if !title_lines.is_empty() {
        doc.title = Some(crate::text::collapse(&title_lines.join(" ")));
    }
    // A table open at the end of the previous page, and whether anything followed it.
    let mut open: Option<(usize, Vec<f32>)> = None;
    for page in pages {
        doc.margin_texts.extend(page.margins.iter().cloned());
        let first_item = 0;
        for (idx, item) in page.items.into_iter().enumerate() {
            match item {
                Item::Table(t) => {
                    let continues = idx == first_item
                        && open.as_ref().is_some_and(|(_, xs)| same_columns(xs, &t.xs));
                    match (continues, open.as_ref()) {
                        (true, Some((block, _))) => {
                            let block = *block;
                            if let Some(Block::Table(prev)) = doc.blocks.get_mut(block) {
                                append(prev, t);
                            }
                        }
                        _ => {
                            let xs = t.xs.clone();
                            doc.blocks.push(Block::Table(t.table));
                            open = Some((doc.blocks.len() - 1, xs));
                        }
                    }
                }
                Item::Text(line) => {
                    open = None;
                    doc.blocks.push(text_block(&line, body_size, page.number));
                }
            }
        }
    }
    doc
}

fn text_block(line: &TextLine, body: f32, page: u32) -> Block {
    let text = crate::text::collapse(&line.text);
    if line.size >= body * 1.45 {
        Block::Heading {
            level: 1,
            text,
            page: Some(page),
        }
    } else if line.size >= body * 1.15 || (line.bold && text.split_whitespace().count() <= 12) {
        Block::Heading {
            level: 2,
            text,
            page: Some(page),
        }
    } else {
        Block::Paragraph {
            text,
            page: Some(page),
        }
    }
}

fn median_size(pages: &[PageLayout]) -> f32 {
    let mut sizes: Vec<f32> = pages
        .iter()
        .flat_map(|p| p.items.iter())
        .filter_map(|i| match i {
            Item::Text(t) => Some(t.size),
            _ => None,
        })
        .collect();
    if sizes.is_empty() {
        return 10.0;
    }
    sizes.sort_by(f32::total_cmp);
    sizes[sizes.len() / 2]
}

/// The lines of the first page set in its largest type, when that is larger than the body.
fn title(page: &PageLayout, body: f32) -> Vec<String> {
    let texts: Vec<&TextLine> = page
        .items
        .iter()
        .take(40)
        .filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
        .collect();
    let Some(max) = texts.iter().map(|t| t.size).max_by(f32::total_cmp) else {
        return Vec::new();
    };
    if max < body * 1.3 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut last_bottom: Option<f32> = None;
    for t in texts.iter().filter(|t| (t.size - max).abs() < 0.5) {
        if last_bottom.is_some_and(|b| t.top - b > t.size * 1.2) {
            break;
        }
        out.push(t.text.clone());
        last_bottom = Some(t.bottom);
    }
    out
}

fn same_columns(a: &[f32], b: &[f32]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| (x - y).abs() <= COLUMN_TOLERANCE)
}

/// Appends the rows of `next` below `prev`, dropping a first row that repeats
/// `prev`'s header row.
fn append(prev: &mut crate::model::Table, next: PageTable) {
    let header: Vec<String> = row_texts(prev, 0);
    let first: Vec<String> = row_texts(&next.table, 0);
    let skip = usize::from(!header.iter().all(String::is_empty) && header == first);
    let offset = prev.n_rows;
    for cell in next.table.cells.into_iter().filter(|c| c.row >= skip) {
        prev.cells.push(Cell {
            row: cell.row - skip + offset,
            ..cell
        });
    }
    prev.n_rows += next.table.n_rows - skip;
    for p in next.table.pages {
        if !prev.pages.contains(&p) {
            prev.pages.push(p);
        }
    }
}

fn row_texts(table: &crate::model::Table, row: usize) -> Vec<String> {
    let mut cells: Vec<&Cell> = table.cells.iter().filter(|c| c.row == row).collect();
    cells.sort_by_key(|c| c.col);
    cells
        .iter()
        .map(|c| crate::text::collapse(&c.text))
        .collect()
}
