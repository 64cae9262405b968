//! Pages into one document: tables that continue on the next page joined (their
//! repeated header dropped), text lines into headings and paragraphs, the title found.

use super::page::{Item, PageLayout, PageTable, TextLine};
use super::tagged::TreeRows;
use crate::model::{Block, Cell, Document};
use crate::read::run_in;

/// How far column boundaries may differ for a table to continue on the next page.
const COLUMN_TOLERANCE: f32 = 6.0;

/// The table that ended a page: its block index, column boundaries, text extents, and
/// the tagged table rows it ends with.
type OpenTable = (usize, Vec<f32>, Vec<(f32, f32)>, Option<TreeRows>);

/// Share of the page height at top and bottom where running lines are looked for.
const RUNNING_BAND: f32 = 0.15;
/// How far the same running line may move from page to page, in points.
const RUNNING_SHIFT: f32 = 2.5;

/// Builds the document from its pages.
pub fn assemble(mut pages: Vec<PageLayout>) -> Document {
    set_apart_running_lines(&mut pages);
    let body_size = median_size(&pages);
    let mut doc = Document::default();
    let mut title_lines: Vec<String> = Vec::new();
    if let Some(first) = pages.first() {
        title_lines = title(first, body_size);
    }
    if !title_lines.is_empty() {
        let joined = title_lines
            .iter()
            .fold(String::new(), |a, l| crate::text::join_heading(&a, l));
        doc.title = Some(crate::text::collapse(&joined));
    }
    // The table that ended the previous page, by block index, with its column extents.
    let mut open: Option<OpenTable> = None;
    let mut margins_before = false;
    // The tagged heading and list item the last block came from.
    let mut last_heading: Option<usize> = None;
    let mut last_item: Option<usize> = None;
    // The heading line pushed last, while the next may continue it (a wrapped heading).
    let mut heading_line: Option<TextLine> = None;
    // The bold words each paragraph opens with (run-in headings, [`run_in`]).
    let mut leads: Vec<(usize, String)> = Vec::new();
    for page in pages {
        // The bottom of the last text line on this page, where a table has not come since.
        let mut last_bottom: Option<f32> = None;
        // A running header or footer between two pages' tables keeps them apart, as any
        // text between them does: the table on the next page is a table of its own
        // (interpretation still joins its rows to the records before it). The rows of
        // one tagged table are one table all the same.
        let apart = margins_before || !page.margins.is_empty();
        margins_before = !page.margins.is_empty();
        doc.margin_texts.extend(page.margins);
        doc.sign_legend.extend(page.sign_legend);
        let mut items = page.items;
        if let Some((block, _, ext, None)) = &open {
            if let Some(Block::Table(prev)) = doc.blocks.get_mut(*block) {
                continue_rows(&mut items, ext, prev, page.number);
            }
        }
        if open.is_some() {
            absorb_leading_lines(&mut items);
        }
        let notes_from = page_foot_notes(&items, body_size);
        for (idx, item) in items.into_iter().enumerate() {
            match item {
                Item::Table(t) => {
                    last_heading = None;
                    last_item = None;
                    heading_line = None;
                    last_bottom = None;
                    let first = idx == 0;
                    let tree_next = match (&open, first) {
                        (Some((_, _, _, Some(o))), true) => continues(o, t.tree.as_ref()),
                        _ => false,
                    };
                    let mapping = match (&open, first && !apart) {
                        _ if tree_next => None,
                        (Some((_, xs, ext, _)), true) => column_mapping(xs, ext, &t.xs, &t.extents),
                        _ => None,
                    };
                    let block = open.as_ref().map(|o| o.0);
                    match (tree_next, mapping, block) {
                        (true, _, Some(block)) => {
                            let tree = t.tree;
                            if let (Some(Block::Table(prev)), Some((_, _, _, o))) =
                                (doc.blocks.get_mut(block), open.as_mut())
                            {
                                let merge =
                                    o.is_some_and(|o| tree.is_some_and(|t| t.first == o.last));
                                append_tagged(prev, t, merge);
                                *o = tree;
                            }
                        }
                        (false, Some(map), Some(block)) => {
                            if let Some(Block::Table(prev)) = doc.blocks.get_mut(block) {
                                append(prev, t, &map);
                            }
                            if let Some(o) = open.as_mut() {
                                o.3 = None;
                            }
                        }
                        _ => {
                            let (xs, ext, tree) = (t.xs.clone(), t.extents.clone(), t.tree);
                            doc.blocks.push(Block::Table(t.table));
                            open = Some((doc.blocks.len() - 1, xs, ext, tree));
                        }
                    }
                }
                Item::Text(line) => {
                    // Footnotes at the page's foot under a table leave it open to go on
                    // over the page.
                    if idx < notes_from {
                        open = None;
                    }
                    let above = last_bottom.replace(line.bottom);
                    let same = line.heading.is_some_and(|(_, h)| last_heading == Some(h));
                    if let (true, Some(Block::Heading { text, .. })) = (same, doc.blocks.last_mut())
                    {
                        *text = crate::text::join_wrapped(text, &crate::text::collapse(&line.text));
                        continue;
                    }
                    // The lines of one tagged list item are one paragraph.
                    let same = line.item.is_some() && line.item == last_item;
                    if let (true, Some(Block::Paragraph { text, .. })) =
                        (same, doc.blocks.last_mut())
                    {
                        *text = crate::text::join_wrapped(text, &crate::text::collapse(&line.text));
                        continue;
                    }
                    last_heading = line.heading.map(|(_, h)| h);
                    last_item = line.item.filter(|_| line.heading.is_none());
                    let block = text_block(&line, body_size, page.number);
                    if blank_line_before(above, &line)
                        && matches!(doc.blocks.last(), Some(Block::Paragraph { text, .. }) if !text.is_empty())
                    {
                        doc.blocks.push(Block::Paragraph {
                            text: String::new(),
                            page: Some(page.number),
                        });
                    }
                    // Untagged, a heading wrapped over lines is found by its type.
                    let wrapped = line.heading.is_none()
                        && heading_line
                            .as_ref()
                            .is_some_and(|prev| continues_heading(prev, &line));
                    match (block, doc.blocks.last_mut()) {
                        (Block::Heading { text: more, .. }, Some(Block::Heading { text, .. }))
                            if wrapped =>
                        {
                            *text = crate::text::join_heading(text, &more);
                            heading_line = Some(line);
                        }
                        (block, _) => {
                            let heading =
                                matches!(block, Block::Heading { .. }) && line.heading.is_none();
                            if let (Block::Paragraph { .. }, Some(lead)) = (&block, &line.lead) {
                                leads.push((doc.blocks.len(), lead.clone()));
                            }
                            doc.blocks.push(block);
                            heading_line = heading.then_some(line);
                        }
                    }
                }
            }
        }
    }
    let leads: Vec<(usize, &str)> = leads.iter().map(|(i, l)| (*i, l.as_str())).collect();
    run_in::apply_leads(&mut doc.blocks, &leads);
    super::broken_words::resolve(&mut doc);
    doc
}

/// Where the footnotes under a page's last table start: the index of the first of the
/// text lines that close the page after a table, each set smaller than the body and
/// opening with a note's mark (`1 `, `¹`, `*`, `1)`); the item count where there are none.
fn page_foot_notes(items: &[Item], body: f32) -> usize {
    let note = |item: &Item| match item {
        Item::Text(l) => {
            let t = l.text.trim_start();
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            let marked = (1..=2).contains(&digits) && t[digits..].starts_with([' ', ')'])
                || t.starts_with(['*', '¹', '²', '³', '†'])
                || t.starts_with(|c: char| ('\u{2070}'..='\u{2079}').contains(&c));
            l.size < body * 0.95 && marked
        }
        Item::Table(_) => false,
    };
    let tail = items
        .iter()
        .rev()
        .take_while(|i| matches!(i, Item::Text(_)))
        .count();
    let start = items.len() - tail;
    let first_note = items[start..].iter().position(note).map(|k| start + k);
    match first_note {
        Some(k) if k == start && start > 0 => k,
        _ => items.len(),
    }
}

/// Most rows above a page's first table that can be that table's first rows (a row's
/// wrapped lines counting once).
const LEADING_ROWS: usize = 4;

/// On a page that continues a table from the page before, the lines above the page's
/// first (untagged) table that lie in its columns are its first rows, where the first of
/// them is the rest of a row broken across the pages (a line within one column other
/// than the first, `samtykker til det` under *Tiltak*); after it, a line from the first
/// column across several is a full-width row (a section row, `Delmål 2: …`). Any other
/// line there leaves the page as it is.
fn absorb_leading_lines(items: &mut Vec<Item>) {
    let lines = items
        .iter()
        .take_while(|i| matches!(i, Item::Text(_)))
        .count();
    if lines == 0 || lines > 2 * LEADING_ROWS {
        return;
    }
    let Some(Item::Table(t)) = items.get(lines) else {
        return;
    };
    if t.tree.is_some() || t.xs.len() < 3 {
        return;
    }
    let xs = &t.xs;
    let slack = 2.0;
    let column = |l: &TextLine| {
        (0..xs.len() - 1).find(|&c| l.x0 >= xs[c] - slack && l.x1 <= xs[c + 1] + slack)
    };
    let across = |l: &TextLine| {
        l.x0 <= xs[1] && l.x0 >= xs[0] - slack && l.x1 > xs[1] && l.x1 <= xs[xs.len() - 1] + slack
    };
    // Each line as a row: its text, boldness and column (`None`: across the columns).
    let each: Option<Vec<LeadRow>> = items[..lines]
        .iter()
        .map(|i| match i {
            Item::Text(l) if l.heading.is_none() && l.item.is_none() => {
                let col = match column(l) {
                    Some(c) if c > 0 => Some(c),
                    _ if across(l) => None,
                    _ => return None,
                };
                Some(LeadRow {
                    text: crate::text::collapse(&l.text),
                    bold: l.bold,
                    col,
                    last: (l.top, l.size),
                })
            }
            _ => None,
        })
        .collect();
    // A line set at the line pitch under the one before, in the same column, is that
    // cell's text wrapped (the rest of a broken row over three lines), not a row.
    let placed = each.map(|each| {
        let mut rows: Vec<LeadRow> = Vec::new();
        for row in each {
            match rows.last_mut() {
                Some(prev)
                    if row.col.is_some() && prev.col == row.col && wrapped(prev.last, row.last) =>
                {
                    prev.text.push(' ');
                    prev.text.push_str(&row.text);
                    prev.last = row.last;
                }
                _ => rows.push(row),
            }
        }
        rows
    });
    // The first line must be the rest of a broken row: lines that open a page in the
    // first column (a title, a header row the table left out) are not rows of it.
    let Some(placed) =
        placed.filter(|p| p.len() <= LEADING_ROWS && p.first().is_some_and(|r| r.col.is_some()))
    else {
        return;
    };
    items.drain(..lines);
    let Some(Item::Table(t)) = items.first_mut() else {
        return;
    };
    let k = placed.len();
    let n_cols = t.table.n_cols;
    for cell in &mut t.table.cells {
        cell.row += k;
    }
    let page = t.table.pages.first().copied();
    for (
        row,
        LeadRow {
            text, bold, col, ..
        },
    ) in placed.into_iter().enumerate()
    {
        t.table.cells.push(Cell {
            row,
            col: col.unwrap_or(0),
            row_span: 1,
            col_span: if col.is_some() { 1 } else { n_cols },
            text,
            bold: Some(bold),
            page,
            ..Cell::default()
        });
    }
    t.table.n_rows += k;
    t.table.cells.sort_by_key(|c| (c.row, c.col));
}

/// Most lines at the top of a page that can be the rest of the table the page before
/// ended with.
const CONTINUED_LINES: usize = 12;

/// On a page after one that ended with an (untagged) table, the lines at the top that lie
/// in that table's columns, of one type size, up to the last of them with text in two or
/// more columns, are its last rows: a table broken over the page whose rest is too short
/// to be found as a table of its own (a row or two, a row between lines of its first
/// column alone). A line that starts like the table's own rows across its columns
/// (`Kommentar: …`) is one of those. The lines are moved into the table, grouped into
/// rows by [`row_groups`].
fn continue_rows(
    items: &mut Vec<Item>,
    ext: &[(f32, f32)],
    prev: &mut crate::model::Table,
    page: u32,
) {
    if ext.len() < 2 || prev.n_cols != ext.len() {
        return;
    }
    let slack = 2.0;
    // A part of a line is in the column where its left edge lines up with that column's
    // text and ends before the next column's text begins.
    let columns = |l: &TextLine| -> Option<Vec<usize>> {
        let mut cols: Vec<usize> = Vec::new();
        for piece in &l.pieces {
            let (a, b) = (piece.x0, piece.x1);
            let c = (0..ext.len()).rev().find(|&c| ext[c].0 <= a + slack)?;
            let fits = a >= ext[c].0 - slack && ext.get(c + 1).is_none_or(|n| b < n.0 - 1.0);
            if !fits || cols.last().is_some_and(|&last| c <= last) {
                return None;
            }
            cols.push(c);
        }
        Some(cols)
    };
    let labels = spanning_labels(prev);
    let spans = |l: &TextLine| {
        let text = crate::text::collapse(&l.text).to_lowercase();
        l.x0 >= ext[0].0 - slack
            && l.x0 < ext[1].0
            && labels.iter().any(|label| {
                text.strip_prefix(label.as_str())
                    .is_some_and(|r| r.starts_with(':'))
            })
    };
    let mut lines: Vec<Lead> = Vec::new();
    for item in items.iter().take(CONTINUED_LINES) {
        let Item::Text(l) = item else { break };
        if l.heading.is_some() || l.item.is_some() {
            break;
        }
        let across = spans(l);
        let Some(cols) = columns(l).or_else(|| across.then(|| vec![0])) else {
            break;
        };
        if lines
            .first()
            .is_some_and(|f| (f.line.size - l.size).abs() > 0.1 * f.line.size.max(l.size))
        {
            break;
        }
        lines.push(Lead {
            line: l,
            cols,
            across,
        });
    }
    let Some(mut end) = lines
        .iter()
        .rposition(|lead| lead.cols.len() >= 2 || lead.across)
    else {
        return;
    };
    // The wrapped rest of the last row's cells, set at the line pitch under it.
    while let Some(next) = lines
        .get(end + 1)
        .filter(|n| n.cols.len() == 1 && !n.across)
    {
        let last = lines[end].line;
        if !wrapped((last.top, last.size), (next.line.top, next.line.size)) {
            break;
        }
        end += 1;
    }
    lines.truncate(end + 1);
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for group in row_groups(&lines) {
        let mut cells: Vec<Cell> = Vec::new();
        for lead in &lines[group] {
            if lead.across {
                cells.push(Cell {
                    row: prev.n_rows + rows.len(),
                    col: 0,
                    row_span: 1,
                    col_span: prev.n_cols,
                    text: crate::text::collapse(&lead.line.text),
                    bold: Some(lead.line.bold),
                    page: Some(page),
                    ..Cell::default()
                });
                continue;
            }
            for (&col, piece) in lead.cols.iter().zip(&lead.line.pieces) {
                match cells.iter_mut().find(|c| c.col == col) {
                    Some(cell) => {
                        cell.text.push(' ');
                        cell.text.push_str(&piece.text);
                    }
                    None => cells.push(Cell {
                        row: prev.n_rows + rows.len(),
                        col,
                        row_span: 1,
                        col_span: 1,
                        text: piece.text.clone(),
                        color: piece.colour,
                        bold: Some(lead.line.bold),
                        page: Some(page),
                        ..Cell::default()
                    }),
                }
            }
        }
        cells.sort_by_key(|c| c.col);
        rows.push(cells);
    }
    let taken = lines.len();
    items.drain(..taken);
    for cells in rows {
        prev.cells.extend(cells);
        prev.n_rows += 1;
    }
    if !prev.pages.contains(&page) {
        prev.pages.push(page);
    }
}

/// The labels (lower case) that open the table's rows across all its columns: `kommentar`
/// of `Kommentar: …` rows, which the same table's rest on the next page repeats.
fn spanning_labels(table: &crate::model::Table) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    for cell in &table.cells {
        if cell.col != 0 || cell.col_span < table.n_cols || table.n_cols < 2 {
            continue;
        }
        let Some((label, _)) = cell.text.split_once(':') else {
            continue;
        };
        let label = crate::text::collapse(label).to_lowercase();
        if (1..=3).contains(&label.split_whitespace().count()) && !labels.contains(&label) {
            labels.push(label);
        }
    }
    labels
}

/// A line at the top of a page taken for a row of the table before.
struct Lead<'a> {
    /// The line.
    line: &'a TextLine,
    /// The column of each of its pieces.
    cols: Vec<usize>,
    /// Whether it is a row across the columns.
    across: bool,
}

/// The lines of a table's rest grouped into its rows (ranges of `lines`). Where its rows
/// stand further apart than a row's own lines (the widest gap well over the narrowest),
/// a line of one cell much closer under the line before is that cell wrapped, and a line
/// of one cell beside the first that closely tops a line with a first cell is the upper
/// part of that row (cells set in the middle of a row's height). Where all lines stand
/// at one pitch, a single line with two or more cells gathers the one-cell lines at that
/// pitch around it; several are each a row. A row across the columns stands alone.
fn row_groups(lines: &[Lead]) -> Vec<std::ops::Range<usize>> {
    let gaps: Vec<f32> = lines
        .windows(2)
        .map(|w| w[1].line.top - w[0].line.top)
        .collect();
    let widest = gaps.iter().copied().fold(0.0f32, f32::max);
    let narrowest = gaps.iter().copied().fold(f32::INFINITY, f32::min);
    let apart = widest > 1.3 * narrowest;
    let anchors = lines.iter().filter(|l| l.cols.len() >= 2).count();
    // Whether line `i` and line `i + 1` are in one row's height.
    let close = |i: usize| {
        let (a, b) = (&lines[i], &lines[i + 1]);
        !a.across
            && !b.across
            && if apart {
                gaps[i] < 0.75 * widest
            } else {
                anchors == 1 && wrapped((a.line.top, a.line.size), (b.line.top, b.line.size))
            }
    };
    let lone = |l: &Lead| l.cols.len() == 1 && !l.across;
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // One-cell lines beside the first column, each close over the next, down to a
        // line with a first cell: the upper part of that line's row.
        let mut j = i;
        while j + 1 < lines.len() && lone(&lines[j]) && lines[j].cols[0] > 0 && close(j) {
            j += 1;
        }
        let mut end = if j > i && lines[j].cols.contains(&0) {
            j + 1
        } else {
            i + 1
        };
        // The row's wrapped lines under it.
        while end < lines.len() && lone(&lines[end]) && close(end - 1) {
            end += 1;
        }
        groups.push(i..end);
        i = end;
    }
    groups
}

/// A row made of lines above a continued table.
struct LeadRow {
    /// Its text, its lines joined.
    text: String,
    /// Whether its lines are bold.
    bold: bool,
    /// Its column; `None` across the columns.
    col: Option<usize>,
    /// Its last line's top and type size.
    last: (f32, f32),
}

/// Whether the line at `next` (top, type size) is the line after the one at `line` in one
/// paragraph: the same type size, its top within 1.5 type sizes below (a row's own
/// leading; rows are set further apart).
fn wrapped(line: (f32, f32), next: (f32, f32)) -> bool {
    let size = line.1.max(next.1);
    (line.1 - next.1).abs() <= 0.1 * size && next.0 > line.0 && next.0 - line.0 <= 1.5 * size
}

/// Moves running headers and footers out of the pages' text into their margins: a text
/// line near the top or bottom of the page that comes back with the same words (page
/// numbers aside) at the same height on at least half of the pages, and on two or more.
/// Such a line belongs to the page, not to the text or the table beside it, and left in
/// place it would split a table continued on the next page from its first part. A line
/// is all the text at its height, however the page's columns cut it (a footer under a
/// page of two columns is one line, as on the pages of one).
fn set_apart_running_lines(pages: &mut [PageLayout]) {
    if pages.len() < 2 {
        return;
    }
    let in_band = |t: &TextLine, height: f32| {
        t.bottom <= height * RUNNING_BAND || t.top >= height * (1.0 - RUNNING_BAND)
    };
    // Per page, the key of the line each text item in the bands belongs to.
    let keys: Vec<Vec<Option<(String, f32)>>> = pages
        .iter()
        .map(|page| band_line_keys(page, |t| in_band(t, page.height)))
        .collect();
    let n_pages = pages.len();
    let running = |k: &str, top: f32| {
        let mut on: Vec<usize> = keys
            .iter()
            .enumerate()
            .filter(|(_, page)| {
                page.iter()
                    .flatten()
                    .any(|(k2, t2)| k2 == k && (t2 - top).abs() <= RUNNING_SHIFT)
            })
            .map(|(p, _)| p)
            .collect();
        on.dedup();
        on.len() >= 2 && on.len() * 2 >= n_pages
    };
    for (page, keys) in pages.iter_mut().zip(&keys) {
        let repeated: Vec<bool> = keys
            .iter()
            .map(|k| k.as_ref().is_some_and(|(k, top)| running(k, *top)))
            .collect();
        let (body_top, body_bottom) = body_bounds(page, &repeated);
        let mut kept = Vec::with_capacity(page.items.len());
        for (item, repeated) in std::mem::take(&mut page.items).into_iter().zip(repeated) {
            match item {
                // Repeated text inside the body (a sidebar's title, a number badge on
                // every page of a designed programme) is the page's own content, and so
                // is repeated text beside the body's first or last line (a sidebar's
                // title at the height of the page's heading).
                Item::Text(t)
                    if repeated
                        // (A measure's badge, `Åtgärd 4`, set where running lines
                        // stand: its number no page's.)
                        && crate::vocab::Vocabulary::builtin()
                            .measure_badge(&t.text)
                            .is_none()
                        && (t.bottom <= body_top + 1.0 || t.top >= body_bottom - 1.0) =>
                {
                    page.margins.push(t.text)
                }
                other => kept.push(other),
            }
        }
        page.items = kept;
    }
}

/// The top of a page's highest and the bottom of its lowest text line that is not
/// repeated on other pages: running lines lie outside these bounds.
fn body_bounds(page: &PageLayout, repeated: &[bool]) -> (f32, f32) {
    page.items
        .iter()
        .zip(repeated)
        .filter_map(|(item, &r)| match item {
            Item::Text(t) if !r && !t.text.trim().is_empty() => Some((t.top, t.bottom)),
            _ => None,
        })
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), (t, u)| {
            (a.min(t), b.max(u))
        })
}

/// For each item of a page, the key and top of the band line it belongs to: the texts
/// at its height (tops within a point), left to right, white space collapsed and digits
/// as `0` (page numbers aside); `None` for items outside the bands.
fn band_line_keys(
    page: &PageLayout,
    in_band: impl Fn(&TextLine) -> bool,
) -> Vec<Option<(String, f32)>> {
    let texts: Vec<Option<&TextLine>> = page
        .items
        .iter()
        .map(|item| match item {
            Item::Text(t) if in_band(t) && !t.text.trim().is_empty() => Some(t),
            _ => None,
        })
        .collect();
    texts
        .iter()
        .map(|t| {
            let t = (*t)?;
            let mut row: Vec<&TextLine> = texts
                .iter()
                .flatten()
                .filter(|o| (o.top - t.top).abs() <= 1.0)
                .copied()
                .collect();
            row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let joined: Vec<&str> = row.iter().map(|o| o.text.as_str()).collect();
            let key: String = crate::text::collapse(&joined.join(" "))
                .chars()
                .map(|c| if c.is_ascii_digit() { '0' } else { c })
                .collect();
            Some((key, t.top))
        })
        .collect()
}

/// Whether a page table continues the tagged table rows that ended the page before:
/// rows of the same table, from the last row on (the last row again where a row breaks
/// across the pages).
fn continues(open: &TreeRows, next: Option<&TreeRows>) -> bool {
    next.is_some_and(|n| n.table == open.table && n.first >= open.last && n.first <= open.last + 1)
}

/// Appends the rows of a tagged table's part below its part on the page before; where
/// the two share a row (`merge`: a row broken across the page), the first row's texts
/// run on in the last row's cells. Columns are the tree's on both pages.
fn append_tagged(prev: &mut crate::model::Table, next: PageTable, merge: bool) {
    let offset = prev.n_rows - usize::from(merge && prev.n_rows > 0);
    let grid = prev.grid();
    for cell in next.table.cells {
        if merge && cell.row == 0 {
            let at = grid
                .last()
                .and_then(|row| row.get(cell.col))
                .copied()
                .flatten();
            if let Some(i) = at {
                let c = &mut prev.cells[i];
                c.text = join_over_page(&c.text, &cell.text);
                c.fill = c.fill.or(cell.fill);
                continue;
            }
        }
        let col = cell.col.min(prev.n_cols.saturating_sub(1));
        let col_span = cell.col_span.min(prev.n_cols - col).max(1);
        prev.cells.push(Cell {
            row: cell.row + offset,
            col,
            col_span,
            ..cell
        });
    }
    prev.n_rows = prev.n_rows.max(offset + next.table.n_rows);
    prev.cells.sort_by_key(|c| (c.row, c.col));
    for p in next.table.pages {
        if !prev.pages.contains(&p) {
            prev.pages.push(p);
        }
    }
}

/// A cell's text and its rest on the next page: on a line of its own where it stands
/// apart ([`crate::text::stands_apart`]), else as lines wrap.
fn join_over_page(before: &str, rest: &str) -> String {
    let rest = rest.trim();
    if crate::text::stands_apart(before, rest) {
        format!("{}\n{rest}", before.trim_end())
    } else {
        crate::text::join_wrapped(before, rest)
    }
}

/// Whether an empty line stands between the last text line (its bottom) and `line`: more
/// than three of the line's type size from base to base, wider than a line and a
/// paragraph's spacing (two lines and a half where the spacing is wide). Word
/// and LibreOffice print an empty paragraph so (one that sets a note apart from a
/// footnote above it), and the readers of those formats give it as an empty paragraph.
fn blank_line_before(last_bottom: Option<f32>, line: &TextLine) -> bool {
    last_bottom.is_some_and(|b| line.bottom - b > 3.0 * line.size)
}

/// Whether `next` carries on the heading line `prev` (a heading wrapped over lines): the
/// same type, set at most 1.45 lines below it (a heading's own leading; the space
/// after a heading is larger), `prev` not
/// ended by a stop or colon, and `next` not a numbered heading or item of its own.
fn continues_heading(prev: &TextLine, next: &TextLine) -> bool {
    static NUMBERED: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let numbered = NUMBERED.get_or_init(|| {
        regex::Regex::new(r"^\s*(\d+(\.\d+)*\.?|[•·▪–—-])\s").expect("valid regex")
    });
    (prev.size - next.size).abs() < 0.5
        && prev.bold == next.bold
        && next.top >= prev.bottom - 1.0
        && next.top - prev.top <= 1.45 * next.size
        && !prev.text.trim_end().ends_with(['.', ':', '!', '?'])
        && !numbered.is_match(&next.text)
}

fn text_block(line: &TextLine, body: f32, page: u32) -> Block {
    let text = crate::text::collapse(&line.text);
    if let Some((level, _)) = line.heading {
        return Block::Heading {
            level: level.max(1),
            text,
            page: Some(page),
        };
    }
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

/// How the columns of a table at the top of a page map onto the columns of the table
/// that ended the page before: the two must span about the same width, and each column's
/// text must overlap the text of one earlier column, in order.
fn column_mapping(
    prev: &[f32],
    prev_ext: &[(f32, f32)],
    next: &[f32],
    next_ext: &[(f32, f32)],
) -> Option<Vec<usize>> {
    let (p0, p1) = (*prev.first()?, *prev.last()?);
    let (n0, n1) = (*next.first()?, *next.last()?);
    let overlap = p1.min(n1) - p0.max(n0);
    if overlap < 0.7 * (p1 - p0).max(n1 - n0) {
        return None;
    }
    if prev.len() == next.len()
        && prev
            .iter()
            .zip(next)
            .all(|(x, y)| (x - y).abs() <= COLUMN_TOLERANCE)
    {
        return Some((0..next.len() - 1).collect());
    }
    let mut map: Vec<usize> = Vec::new();
    for &(l, r) in next_ext {
        let shared = |&(a, b): &(f32, f32)| r.min(b) - l.max(a);
        let (col, best) = prev_ext
            .iter()
            .enumerate()
            .map(|(i, e)| (i, shared(e)))
            .max_by(|a, b| a.1.total_cmp(&b.1))?;
        if best < -COLUMN_TOLERANCE || map.last().is_some_and(|&last| col < last) {
            return None;
        }
        map.push(col);
    }
    Some(map)
}

/// Appends the rows of `next` below `prev`, its columns moved by `map`, dropping a first
/// row that repeats `prev`'s header row.
fn append(prev: &mut crate::model::Table, next: PageTable, map: &[usize]) {
    let header: Vec<String> = row_texts(prev, 0);
    let first: Vec<String> = row_texts(&next.table, 0);
    let skip = usize::from(!header.iter().all(String::is_empty) && header == first);
    let offset = prev.n_rows;
    for cell in next.table.cells.into_iter().filter(|c| c.row >= skip) {
        let col = map
            .get(cell.col)
            .copied()
            .unwrap_or(cell.col)
            .min(prev.n_cols.saturating_sub(1));
        let last = map
            .get(cell.col + cell.col_span - 1)
            .copied()
            .unwrap_or(col)
            .max(col);
        let col_span = (last - col + 1).min(prev.n_cols - col);
        prev.cells.push(Cell {
            row: cell.row - skip + offset,
            col,
            col_span,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of `size` points at `top`, from `x0` to `x1`, bold or not.
    fn line(t: &str, top: f32, size: f32, bold: bool, (x0, x1): (f32, f32)) -> Item {
        Item::Text(TextLine {
            text: t.into(),
            size,
            bold,
            top,
            bottom: top + size,
            heading: None,
            item: None,
            x0,
            x1,
            pieces: vec![super::super::page::Piece {
                x0,
                x1,
                text: t.into(),
                colour: None,
            }],
            lead: None,
        })
    }

    fn text(t: &str, top: f32) -> Item {
        line(t, top, 10.0, false, (50.0, 300.0))
    }

    fn page(number: u32, items: Vec<Item>) -> PageLayout {
        PageLayout {
            number,
            items,
            margins: Vec::new(),
            sign_legend: Vec::new(),
            height: 612.0,
        }
    }

    fn heading(t: &str, top: f32) -> Item {
        line(t, top, 16.0, true, (50.0, 300.0))
    }

    fn line_at(t: &str, top: f32, x0: f32, x1: f32) -> Item {
        line(t, top, 10.0, false, (x0, x1))
    }

    fn page_table(rows: &[&[&str]], xs: &[f32]) -> Item {
        let mut table = crate::model::Table {
            n_rows: rows.len(),
            n_cols: xs.len() - 1,
            ..Default::default()
        };
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                table.cells.push(Cell {
                    row: r,
                    col: c,
                    row_span: 1,
                    col_span: 1,
                    text: (*text).into(),
                    ..Cell::default()
                });
            }
        }
        Item::Table(PageTable {
            table,
            xs: xs.to_vec(),
            extents: xs.windows(2).map(|w| (w[0], w[1])).collect(),
            tree: None,
        })
    }

    /// Every cell of every table of a document.
    fn table_cells(doc: &crate::model::Document) -> Vec<&Cell> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t.cells.iter()),
                _ => None,
            })
            .flatten()
            .collect()
    }

    /// A text line whose parts (text, left, right) stand apart like cells.
    fn row_line(top: f32, parts: &[(&str, f32, f32)]) -> Item {
        Item::Text(TextLine {
            text: parts.iter().map(|p| p.0).collect::<Vec<_>>().join(" "),
            size: 10.0,
            bold: false,
            top,
            bottom: top + 10.0,
            heading: None,
            item: None,
            x0: parts[0].1,
            x1: parts[parts.len() - 1].2,
            pieces: parts
                .iter()
                .map(|&(t, a, b)| super::super::page::Piece {
                    x0: a,
                    x1: b,
                    text: t.to_string(),
                    colour: None,
                })
                .collect(),
            lead: None,
        })
    }

    #[test]
    fn the_short_rest_of_a_table_at_a_page_top_is_its_last_rows() {
        let xs = [50.0, 200.0, 320.0, 420.0];
        let first = page(
            1,
            vec![page_table(
                &[
                    &["Enhet", "Ansvarlig", "Frist"],
                    &["Eiendom", "Leder", "2026"],
                ],
                &xs,
            )],
        );
        // A first cell wrapped (much closer under its line than the rows are apart),
        // then a row of three cells, then the page's running text.
        let second = page(
            2,
            vec![
                row_line(40.0, &[("Elverum Tomteselskap", 50.0, 180.0)]),
                row_line(52.0, &[("AS", 50.0, 65.0)]),
                row_line(
                    70.0,
                    &[
                        ("Energi AS", 50.0, 110.0),
                        ("Daglig leder", 200.0, 260.0),
                        ("2027", 320.0, 345.0),
                    ],
                ),
                heading("1.3 Kartlegge energibruk", 100.0),
            ],
        );
        let doc = assemble(vec![first, second]);
        let Some(Block::Table(t)) = doc.blocks.first() else {
            panic!("{:?}", doc.blocks);
        };
        let rows: Vec<Vec<String>> = (0..t.n_rows).map(|r| row_texts(t, r)).collect();
        assert_eq!(rows[2], ["Elverum Tomteselskap AS"]);
        assert_eq!(rows[3], ["Energi AS", "Daglig leder", "2027"]);
        assert_eq!(t.n_rows, 4);
        assert!(matches!(doc.blocks[1], Block::Heading { .. }));
        // Lines that never reach a second column stay text.
        let first = page(
            1,
            vec![page_table(&[&["Enhet", "Ansvarlig", "Frist"]], &xs)],
        );
        let second = page(2, vec![row_line(40.0, &[("Merknad", 50.0, 120.0)])]);
        let doc = assemble(vec![first, second]);
        assert_eq!(doc.blocks.len(), 2);
    }

    #[test]
    fn a_row_broken_across_pages_continues_in_the_next_pages_table() {
        let xs = [50.0, 80.0, 300.0, 400.0];
        let first = page(
            1,
            vec![page_table(
                &[
                    &["Nr", "Tiltak", "Ansvar"],
                    &["1.1", "Lage en plan for", "Bydel"],
                ],
                &xs,
            )],
        );
        let rest = |lead: Item| {
            page(
                2,
                vec![
                    lead,
                    line_at("Delmål 2: Trygge skoleveier", 60.0, 52.0, 250.0),
                    page_table(&[&["2.1", "Bygge fortau", "Vei"]], &xs),
                ],
            )
        };
        // The rest of row 1.1 above the second page's table: both lines are its rows.
        let doc = assemble(vec![
            first.clone(),
            rest(line_at("alle skoler", 40.0, 85.0, 140.0)),
        ]);
        let cells = table_cells(&doc);
        assert!(cells.iter().any(|c| c.text == "alle skoler" && c.col == 1));
        assert!(cells
            .iter()
            .any(|c| c.text.starts_with("Delmål 2") && c.col_span == 3));
        assert!(doc.blocks.iter().all(|b| matches!(b, Block::Table(_))));
        // A title in the first column opens the page: the lines stay text.
        let doc = assemble(vec![
            first,
            rest(line_at("Tabell 1 (forts.)", 40.0, 52.0, 140.0)),
        ]);
        let paragraphs = doc
            .blocks
            .iter()
            .filter(|b| !matches!(b, Block::Table(_)))
            .count();
        assert_eq!(paragraphs, 2);
    }

    #[test]
    fn a_row_set_in_the_middle_of_its_height_and_its_comment_row_continue_the_table() {
        let xs = [50.0, 200.0, 320.0, 420.0];
        let mut table = page_table(&[&["Aktivitet", "Ansvarig", "Status"]], &xs);
        if let Item::Table(t) = &mut table {
            t.table.cells.push(Cell {
                row: 1,
                col: 0,
                row_span: 1,
                col_span: 3,
                text: "Kommentar: Klar i maj.".into(),
                ..Cell::default()
            });
            t.table.n_rows = 2;
        }
        // The responsible cell's three lines around the activity's one, the status sign
        // coloured, then the row's comment across the columns; then running text.
        let second = page(
            2,
            vec![
                row_line(40.0, &[("Umeå Vatten och Avfall AB", 200.0, 300.0)]),
                row_line(
                    50.0,
                    &[
                        ("Erbjuda rådgivning", 50.0, 150.0),
                        ("tillsammans med", 200.0, 290.0),
                        ("●", 320.0, 326.0),
                    ],
                ),
                row_line(60.0, &[("Miljö- och hälsoskydd", 200.0, 300.0)]),
                line_at("Kommentar: Ersätts av en kampanj.", 80.0, 50.0, 400.0),
                heading("2 Värmeböljor", 110.0),
            ],
        );
        let mut second = second;
        if let Item::Text(l) = &mut second.items[1] {
            l.pieces[2].colour = crate::colour::Rgb::from_hex("#7B4FA8");
        }
        let doc = assemble(vec![page(1, vec![table]), second]);
        let Some(Block::Table(t)) = doc.blocks.first() else {
            panic!("{:?}", doc.blocks);
        };
        assert_eq!(t.n_rows, 4);
        assert_eq!(
            row_texts(t, 2),
            [
                "Erbjuda rådgivning",
                "Umeå Vatten och Avfall AB tillsammans med Miljö- och hälsoskydd",
                "●"
            ]
        );
        let sign = t.cells.iter().find(|c| c.text == "●").unwrap();
        assert_eq!(sign.color, crate::colour::Rgb::from_hex("#7B4FA8"));
        let comment = t.cells.iter().find(|c| c.row == 3).unwrap();
        assert_eq!(
            (comment.col_span, comment.text.as_str()),
            (3, "Kommentar: Ersätts av en kampanj.")
        );
        assert!(matches!(doc.blocks[1], Block::Heading { .. }));
    }

    #[test]
    fn a_broken_row_wrapped_over_several_lines_is_one_row() {
        let xs = [50.0, 80.0, 300.0, 400.0];
        let first = page(
            1,
            vec![page_table(&[&["1.1", "Lage en plan for", "Bydel"]], &xs)],
        );
        let second = page(
            2,
            vec![
                line_at("skogbrann og flom i de", 40.0, 85.0, 250.0),
                line_at("mest brukte områdene", 52.0, 85.0, 240.0),
                line_at("sammen med brannvesenet", 64.0, 85.0, 260.0),
                line_at("Delmål 2: Trygge skoleveier", 90.0, 52.0, 250.0),
                page_table(&[&["2.1", "Bygge fortau", "Vei"]], &xs),
            ],
        );
        let doc = assemble(vec![first, second]);
        let cells = table_cells(&doc);
        let wrapped = "skogbrann og flom i de mest brukte områdene sammen med brannvesenet";
        assert!(cells.iter().any(|c| c.text == wrapped && c.col == 1));
        assert!(!cells.iter().any(|c| c.text == "mest brukte områdene"));
    }

    #[test]
    fn a_heading_wrapped_over_lines_is_one_heading() {
        let doc = assemble(vec![page(
            1,
            vec![
                heading("Uppföljning av planen för bättre luft – läget i", 50.0),
                heading("oktober 2025", 70.0),
                text("Body text under the heading.", 100.0),
                heading("Second heading, apart", 130.0),
                heading("2.1 A numbered heading of its own", 149.0),
            ],
        )]);
        let headings: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            headings,
            [
                "Uppföljning av planen för bättre luft – läget i oktober 2025",
                "Second heading, apart",
                "2.1 A numbered heading of its own"
            ]
        );
    }

    #[test]
    fn running_footers_go_to_the_margins() {
        let pages = vec![
            page(
                1,
                vec![
                    text("Plan 2023", 70.0),
                    text("Örebro kommun", 150.0),
                    text("Örebro kommun  Sida 1", 564.0),
                ],
            ),
            page(
                2,
                vec![
                    text("Uppföljning", 300.0),
                    text("Örebro kommun  Sida 2", 564.5),
                ],
            ),
            page(3, vec![text("Örebro kommun  Sida 3", 564.0)]),
        ];
        let doc = assemble(pages);
        assert_eq!(doc.margin_texts.len(), 3, "{:?}", doc.margin_texts);
        // The same words higher up the page (under the title) stay text.
        let texts: Vec<String> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { text, .. } | Block::Heading { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect();
        assert!(texts.contains(&"Örebro kommun".to_string()), "{texts:?}");
        assert!(!texts.iter().any(|t| t.contains("Sida")), "{texts:?}");
    }

    #[test]
    fn a_line_on_one_page_only_stays() {
        let pages = vec![
            page(1, vec![text("Bilaga 1", 560.0)]),
            page(2, vec![text("Bilaga 2", 300.0)]),
            page(3, vec![text("Slut", 560.0)]),
        ];
        assert!(assemble(pages).margin_texts.is_empty());
    }
}
