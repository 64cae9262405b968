//! One page laid out: tables found (ruled first, then by text alignment), their cells
//! filled with the words inside them and the colour beneath them, the remaining lines
//! kept as text, and the lines in the top and bottom margins set apart.

use std::collections::HashMap;

use super::content::{FilledRect, PageContent};
use super::grid::{Grid, Rect};
use super::layout::{join_words, Line, Word};
use super::reading_order::{
    box_rank, in_tree_order, split_at_tree_jumps, tree_parts, MAX_TREE_SPLITS,
};
use super::structure::{Role, Structure};
use super::tagged::{self, TreeRows};
use super::{bands, columns, filled_head, lattice, stream};
use crate::colour::Rgb;
use crate::model::{Cell, Table};
use crate::read::title::{self, Look, Tally};

/// Share of the page height at top and bottom where running headers and footers live.
const MARGIN: f32 = 0.06;

/// A table on a page, with what cross-page joining needs.
#[derive(Debug, Clone)]
pub struct PageTable {
    /// The table.
    pub table: Table,
    /// Column boundaries.
    pub xs: Vec<f32>,
    /// Where each column's text lies (left, right).
    pub extents: Vec<(f32, f32)>,
    /// The rows of a tagged table it is, where the structure tree says so.
    pub tree: Option<TreeRows>,
}

/// A text line outside tables.
#[derive(Debug, Clone)]
pub struct TextLine {
    /// The text.
    pub text: String,
    /// Font size.
    pub size: f32,
    /// Whether it is all bold.
    pub bold: bool,
    /// Top.
    pub top: f32,
    /// Bottom.
    pub bottom: f32,
    /// The heading of the structure tree it belongs to: level and heading index.
    pub heading: Option<(u8, usize)>,
    /// The list item of the structure tree it belongs to, by index.
    pub item: Option<usize>,
    /// Left edge of its first word.
    pub x0: f32,
    /// Right edge of its last word.
    pub x1: f32,
    /// Its parts set apart by wide gaps (cells, where the line is a table's row).
    pub pieces: Vec<Piece>,
    /// The bold words it opens with, where words not in bold follow them.
    pub lead: Option<String>,
}

/// A part of a text line set apart from the rest by a wide gap.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Its words.
    pub text: String,
    /// The colour of its first word, where coloured (a status sign's).
    pub colour: Option<Rgb>,
}

/// An item of the page in reading order.
#[derive(Debug, Clone)]
pub enum Item {
    /// A line of text.
    Text(TextLine),
    /// A table.
    Table(PageTable),
}

/// A laid-out page.
#[derive(Debug, Clone)]
pub struct PageLayout {
    /// 1-based page number.
    pub number: u32,
    /// Items top to bottom.
    pub items: Vec<Item>,
    /// Lines in the top and bottom margins (running headers, footers, page numbers).
    pub margins: Vec<String>,
    /// The coloured signs of its running text with their words ([`Line::coloured_signs`]).
    pub sign_legend: Vec<(Rgb, String)>,
    /// Page height in display space.
    pub height: f32,
}

/// Where an item reads on its page: band, column, then height (see [`columns`]); and on
/// a tagged page its rank in the structure tree's reading order, where its words have one.
pub(super) type Place = (usize, usize, f32, Option<usize>);

/// The place of an item whose top left corner is at (`x`, `y`), of tree rank `rank`.
fn place(columns: &columns::Columns, x: f32, y: f32, rank: Option<usize>) -> Place {
    let (band, col) = columns.key(x, y);
    (band, col, y, rank)
}

/// Whether the grid `fills` draws with filled cells is the ruled grid `ruled` with
/// columns the rulings leave out: the same box (edges within a few points) and rows, and
/// more columns.
fn finer_fills(ruled: &Grid, fills: &Grid) -> bool {
    const EDGE: f32 = 3.0;
    let (a, b) = (&ruled.bbox, &fills.bbox);
    let same_box = (a.x0 - b.x0).abs() <= EDGE
        && (a.x1 - b.x1).abs() <= EDGE
        && (a.y0 - b.y0).abs() <= EDGE
        && (a.y1 - b.y1).abs() <= EDGE;
    same_box && fills.n_rows == ruled.n_rows && fills.n_cols > ruled.n_cols
}

/// Lays out a page; `tags` is the document's structure tree, where it has one.
pub fn lay_out(
    content: PageContent,
    number: u32,
    width: f32,
    height: f32,
    tags: Option<&Structure>,
) -> PageLayout {
    // Ruled grids first, then grids drawn only by filled cells (two or more columns
    // and three or more rows of them: a shaded header row alone is no table; banded
    // rows alone give no columns and are left to the stream pass).
    let mut lines = super::layout::lines(&content.glyphs);
    // Two rows at the foot of the page, set apart from the text above them (a header and
    // the first row, the rest on the next page), are a table too; right under other
    // lines, they are the last rows of a table drawn otherwise.
    let at_foot = |g: &Grid| {
        !lines.iter().any(|l| {
            (l.top > g.bbox.y1 && l.bottom < height * (1.0 - FOOT_BAND))
                || (l.bottom <= g.bbox.y0 + 1.0 && l.bottom > g.bbox.y0 - APART)
        })
    };
    let (filled, bands): (Vec<Grid>, Vec<Grid>) = lattice::detect(&fill_segments(&content.fills))
        .into_iter()
        .partition(|g| g.n_cols >= 2);
    let filled: Vec<Grid> = filled
        .into_iter()
        .filter(|g| g.n_rows >= 3 || (g.n_rows == 2 && at_foot(g)))
        .collect();
    // Stacks of full-width bands (a follow-up export's rows, each filled across the
    // table, no columns drawn): each is one table's box, its columns set by its text.
    // A stack followed within a band's height by another band as wide is part of a
    // table banded every other row (its white rows not drawn): not a box of its own.
    let banded_on = |g: &Grid| {
        let tallest = g
            .cells
            .iter()
            .map(|c| c.rect.y1 - c.rect.y0)
            .fold(0.0f32, f32::max);
        content.fills.iter().any(|f| {
            (f.x0 - g.bbox.x0).abs() < 2.0
                && (f.x1 - g.bbox.x1).abs() < 2.0
                && f.y0 > g.bbox.y1 + 0.5
                && f.y0 - g.bbox.y1 <= tallest
        })
    };
    let band_stacks: Vec<&Grid> = bands
        .iter()
        .filter(|g| g.n_rows >= 3 && g.bbox.x1 - g.bbox.x0 >= 0.5 * width && !banded_on(g))
        .collect();
    // Rulings that draw only a table's rows, where its cells' fills draw its columns
    // too (banded rows of a follow-up export, a line under each): the fills' grid is
    // the table's.
    let mut grids: Vec<Grid> = lattice::detect(&content.segments)
        .into_iter()
        .map(|r| filled_head::with_filled_head(r, &content.fills))
        .filter(|r| !filled.iter().any(|f| finer_fills(r, f)))
        .collect();
    grids.extend(filled);
    let boxes: Vec<Rect> = grids.iter().map(|g| g.bbox).collect();
    let roles = tags.and_then(|s| s.pages.get(number as usize - 1));
    let order = tags.and_then(|s| s.order.get(number as usize - 1));
    if let Some(order) = order.filter(|o| !o.is_empty()) {
        lines = split_at_tree_jumps(lines, order, roles);
    }
    // Each word's centre and rank in the tree's reading order.
    let ranked: Vec<(f32, f32, usize)> = order
        .map(|o| {
            lines
                .iter()
                .flat_map(|l| l.words.iter())
                .filter_map(|w| {
                    let rank = o.get(&w.mcid?)?.rank;
                    Some(((w.x0 + w.x1) / 2.0, (w.top + w.bottom) / 2.0, rank))
                })
                .collect()
        })
        .unwrap_or_default();
    // Shaded panels outside the grids (a sidebar's boxes), each narrower than the page.
    let panels: Vec<Rect> = content
        .fills
        .iter()
        .map(|f| Rect {
            x0: f.x0,
            y0: f.y0,
            x1: f.x1,
            y1: f.y1,
        })
        .filter(|r| r.x1 - r.x0 >= 30.0 && r.y1 - r.y0 >= 8.0 && r.x1 - r.x0 <= 0.6 * width)
        .filter(|r| {
            !boxes
                .iter()
                .any(|b| b.contains((r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0))
        })
        .collect();
    let columns = match columns::spread(&lines, width, height, MARGIN) {
        // Each page of a spread has its own columns.
        Some(fold) => {
            let half = |left: bool| -> Vec<Line> {
                lines
                    .iter()
                    .filter_map(|l| {
                        let words = l.words.iter().filter(|w| (w.x1 <= fold) == left);
                        Line::from_words(words.cloned().collect())
                    })
                    .collect()
            };
            let find = |left: bool| columns::find(&half(left), width, &boxes, &panels);
            columns::Columns::spread(fold, find(true), find(false))
        }
        None => columns::find(&lines, width, &boxes, &panels).unwrap_or_default(),
    };
    lines = columns.arrange(lines, &boxes);
    super::layout::badges_before_titles(&mut lines);
    // Items in reading order: band, column, then height.
    let at = |x: f32, y: f32, bbox: &Rect| place(&columns, x, y, box_rank(bbox, &ranked));
    let mut taken = vec![false; lines.len()];
    let mut items: Vec<(Place, Item)> = Vec::new();
    // The geometric tables: their item and member lines.
    let mut found: Vec<(usize, Vec<usize>, Grid)> = Vec::new();
    for grid in grids {
        let members: Vec<usize> = (0..lines.len())
            .filter(|&i| !taken[i] && inside(&grid.bbox, &lines[i]))
            .collect();
        if crowded(&grid, &lines, &members) {
            continue; // rulings around a table drawn by alignment: leave it to the stream pass
        }
        if let Some(mut table) = fill_grid(&grid, &lines, &members, None, &content.fills, number) {
            let in_rect = |g: &super::content::Glyph| {
                let (cx, cy) = ((g.x0 + g.x1) / 2.0, (g.top + g.bottom) / 2.0);
                grid.cells.iter().position(|c| c.rect.contains(cx, cy))
            };
            turned_text(&mut table, &content.glyphs, &in_rect);
            let place = at(grid.bbox.x0 + 1.0, grid.bbox.y0, &grid.bbox);
            keep_table(
                table, &grid, members, place, &mut taken, &mut found, &mut items,
            );
        }
    }
    // Tables found by alignment: inside each stack of bands on its own (its bands its
    // rows where its text gives it columns), then among the lines outside them, so that
    // no table runs from one box into another.
    let band_of: Vec<Option<usize>> = lines
        .iter()
        .map(|l| band_stacks.iter().position(|g| inside(&g.bbox, l)))
        .collect();
    let mut candidates = Vec::new();
    for (k, stack) in band_stacks.iter().enumerate() {
        let skip: Vec<bool> = (0..lines.len())
            .map(|i| taken[i] || band_of[i] != Some(k))
            .collect();
        let members: Vec<usize> = (0..lines.len()).filter(|&i| !skip[i]).collect();
        let rows: Vec<Rect> = stack.cells.iter().map(|c| c.rect).collect();
        let table = bands::grid(&rows, &lines, &members).and_then(|(g, row_of)| {
            let t = fill_grid(&g, &lines, &members, Some(&row_of), &content.fills, number)?;
            Some((g, t))
        });
        match table {
            Some((grid, table)) => {
                let place = at(grid.bbox.x0 + 1.0, grid.bbox.y0, &grid.bbox);
                keep_table(
                    table, &grid, members, place, &mut taken, &mut found, &mut items,
                );
            }
            None => candidates.extend(stream::detect_ruled(&lines, &skip, &content.segments)),
        }
    }
    let skip: Vec<bool> = (0..lines.len())
        .map(|i| taken[i] || band_of[i].is_some())
        .collect();
    // On a page set in columns, each column's tables are looked for in it alone: two
    // columns of fact boxes side by side are no table of two columns.
    let groups: Vec<(usize, usize)> = lines
        .iter()
        .map(|l| columns.group(l.x0() + 1.0, (l.top + l.bottom) / 2.0))
        .collect();
    let mut keys = groups.clone();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        let skip: Vec<bool> = (0..lines.len())
            .map(|i| skip[i] || groups[i] != key)
            .collect();
        candidates.extend(stream::detect_ruled(&lines, &skip, &content.segments));
    }
    let mut splits = 0;
    while let Some(found_here) = candidates.pop() {
        // On a tagged page, a table whose rows join two parts of the tree far apart (the
        // fact lists of two cards side by side) is two tables: each part is looked at on
        // its own.
        if let Some(parts) = order.and_then(|o| tree_parts(&found_here, &lines, o, roles)) {
            if splits < MAX_TREE_SPLITS {
                splits += 1;
                for part in parts {
                    let mut skip = vec![true; lines.len()];
                    for &i in &part {
                        skip[i] = taken[i];
                    }
                    candidates.extend(stream::detect_ruled(&lines, &skip, &content.segments));
                }
            }
            continue;
        }
        if prose_like(&found_here) || bulleted_list(&found_here, &lines) {
            continue;
        }
        if let Some(table) = fill_grid(
            &found_here.grid,
            &lines,
            &found_here.lines,
            Some(&found_here.row_of),
            &content.fills,
            number,
        ) {
            for &i in &found_here.lines {
                taken[i] = true;
            }
            found.push((
                items.len(),
                found_here.lines.clone(),
                found_here.grid.clone(),
            ));
            items.push((
                at(
                    found_here.grid.bbox.x0 + 1.0,
                    found_here.grid.bbox.y0,
                    &found_here.grid.bbox,
                ),
                page_table(table, &found_here.grid, None),
            ));
        }
    }
    if let (Some(s), Some(roles)) = (tags, roles) {
        let mut dropped = vec![false; items.len()];
        for part in tagged_parts(s, number as usize - 1, roles, &lines, &content) {
            use_part(
                part,
                &mut lines,
                &mut taken,
                &mut items,
                &columns,
                &found,
                &mut dropped,
                &content.fills,
                number,
                &ranked,
                &content.glyphs,
            );
        }
        let mut k = 0;
        items.retain(|_| {
            k += 1;
            !dropped.get(k - 1).copied().unwrap_or(false)
        });
    }
    let mut margins = Vec::new();
    let mut sign_legend = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if taken[i] {
            // A legend of two coloured signs or more, each with its words, read into a
            // table (set beside the meta lines over a report's table) is a legend still.
            let signs = line.coloured_signs();
            if signs.iter().filter(|(_, w)| !w.is_empty()).count() >= 2 {
                sign_legend.extend(signs);
            }
            continue;
        }
        let artifact = roles.is_some() && line.words.iter().all(|w| w.artifact);
        // Where the page is tagged, text the tags give a place in the document's
        // structure is the body's, however near the edge it is set (a browser's print
        // starts the body a centimetre from the top); running lines repeated from page
        // to page are set apart later all the same. Signs set beside the text (a
        // disclosure triangle the browser draws) need no tag of their own.
        let wordy = |w: &&Word| w.text.chars().any(char::is_alphanumeric);
        let content = roles.is_some()
            && line.words.iter().any(|w| wordy(&w))
            && line
                .words
                .iter()
                .filter(wordy)
                .all(|w| w.mcid.is_some() && !w.artifact);
        let in_band = line.bottom < height * MARGIN || line.top > height * (1.0 - MARGIN);
        if (in_band && !content) || artifact {
            margins.push(line.text());
            continue;
        }
        sign_legend.extend(line.coloured_signs());
        let bold_words = line
            .words
            .iter()
            .take_while(|w| w.bold || !w.text.chars().any(char::is_alphanumeric))
            .count();
        let text = TextLine {
            lead: (bold_words > 0 && bold_words < line.words.len())
                .then(|| super::layout::join_words(&line.words[..bold_words])),
            text: line.text(),
            size: line.size(),
            bold: line.words.iter().all(|w| w.bold),
            top: line.top,
            bottom: line.bottom,
            heading: roles.and_then(|r| heading_of(line, r)),
            item: roles.and_then(|r| item_of(line, r)),
            x0: line.words.first().map_or(0.0, |w| w.x0),
            x1: line.words.last().map_or(0.0, |w| w.x1),
            pieces: super::layout::chunks(line, stream::CHUNK_GAP)
                .into_iter()
                .map(|c| Piece {
                    x0: c.x0,
                    x1: c.x1,
                    text: line.chunk_text(&c),
                    colour: line.words[c.first].colour,
                })
                .collect(),
        };
        let rank = order.and_then(|o| {
            line.words
                .iter()
                .filter_map(|w| Some(o.get(&w.mcid?)?.rank))
                .min()
        });
        items.push((
            place(&columns, line.x0() + 1.0, line.top, rank),
            Item::Text(text),
        ));
    }
    items.sort_by(|a, b| {
        (a.0 .0, a.0 .1)
            .cmp(&(b.0 .0, b.0 .1))
            .then(a.0 .2.total_cmp(&b.0 .2))
    });
    in_tree_order(&mut items);
    PageLayout {
        number,
        items: items.into_iter().map(|(_, i)| i).collect(),
        margins,
        sign_legend,
        height,
    }
}

/// The tagged heading a line belongs to: the heading that holds its first tagged word
/// and at least half of its words.
fn heading_of(line: &Line, roles: &HashMap<u32, Role>) -> Option<(u8, usize)> {
    let role = |w: &Word| w.mcid.and_then(|m| roles.get(&m)).copied();
    let Some(Role::Heading(level, h)) = line.words.iter().find_map(role) else {
        return None;
    };
    let own = line
        .words
        .iter()
        .filter(|w| role(w) == Some(Role::Heading(level, h)))
        .count();
    (own * 2 >= line.words.len()).then_some((level, h))
}

/// The tagged list item a line belongs to: the item that holds its first tagged word
/// and at least half of its words.
fn item_of(line: &Line, roles: &HashMap<u32, Role>) -> Option<usize> {
    let role = |w: &Word| w.mcid.and_then(|m| roles.get(&m)).copied();
    let Some(Role::ListItem(i)) = line.words.iter().find_map(role) else {
        return None;
    };
    let own = line
        .words
        .iter()
        .filter(|w| role(w) == Some(Role::ListItem(i)))
        .count();
    (own * 2 >= line.words.len()).then_some(i)
}

/// A page table item for a table on `grid`.
fn page_table(table: Table, grid: &Grid, tree: Option<TreeRows>) -> Item {
    Item::Table(PageTable {
        table,
        xs: grid.xs.clone(),
        extents: extents(grid),
        tree,
    })
}

/// The parts on this page of the tagged tables that agree with it, in tree order.
fn tagged_parts(
    s: &Structure,
    page: usize,
    roles: &HashMap<u32, Role>,
    lines: &[Line],
    content: &PageContent,
) -> Vec<tagged::Part> {
    let mut ids: Vec<usize> = roles
        .values()
        .filter_map(|r| match r {
            Role::Cell(t, _) => Some(*t),
            Role::Heading(..) | Role::ListItem(_) => None,
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .filter_map(|t| tagged::part(&s.tables[t], t, page, roles, lines, &content.mcids))
        .collect()
}

/// Puts a tagged table's part on the page in place of the geometric tables it covers,
/// where it agrees with them: every geometric table it overlaps lies mostly inside it
/// (else the two readings disagree and geometry stays). A geometric table with the
/// same cells as the part stays as it is, marked with the part's tree rows (its drawn
/// geometry gives fills and progress bars exactly). A part that overlaps no geometric
/// table must have two rows and two columns at least (one row or one column of a
/// tagged table is a layout frame as often as a table). Where the part covers one
/// geometric table, it takes that table's drawn geometry as far as their grids agree
/// ([`tagged::take_geometry`]). The part's words leave the page's lines; what remains
/// of those lines stays text.
#[allow(clippy::too_many_arguments)]
fn use_part(
    part: tagged::Part,
    lines: &mut [Line],
    taken: &mut [bool],
    items: &mut Vec<(Place, Item)>,
    columns: &columns::Columns,
    found: &[(usize, Vec<usize>, Grid)],
    dropped: &mut Vec<bool>,
    fills: &[FilledRect],
    page: u32,
    ranked: &[(f32, f32, usize)],
    glyphs: &[super::content::Glyph],
) {
    let bbox = part.grid.bbox;
    let mut covered = Vec::new();
    for (fi, (item, _, g)) in found.iter().enumerate() {
        if dropped[*item] {
            continue;
        }
        let g = &g.bbox;
        let shared = overlap(g, &bbox);
        if shared <= 0.0 {
            continue;
        }
        if shared < 0.5 * g.area() {
            return;
        }
        covered.push(fi);
    }
    let mut part = part;
    if let [fi] = covered[..] {
        tagged::take_geometry(&mut part, &found[fi].2);
    }
    let hit = |_: usize, w: &Word| part.cell(w);
    let Some(mut table) = place_words(&part.grid, lines, &part.members, &hit, fills, page) else {
        return;
    };
    let tagged_cell = |g: &super::content::Glyph| {
        let (cx, cy) = ((g.x0 + g.x1) / 2.0, (g.top + g.bottom) / 2.0);
        match g.mcid {
            Some(m) => part.cell_of.get(&m).copied(),
            None if part.grid.ruled => part.grid.cells.iter().position(|c| c.rect.contains(cx, cy)),
            None => None,
        }
    };
    turned_text(&mut table, glyphs, &tagged_cell);
    if covered.is_empty() && (part.grid.n_rows < 2 || part.grid.n_cols < 2) {
        return;
    }
    if let [fi] = covered[..] {
        if let Item::Table(t) = &mut items[found[fi].0].1 {
            if t.table.same_cells(&table) {
                t.tree = Some(part.rows);
                return;
            }
        }
    }
    for &fi in &covered {
        dropped[found[fi].0] = true;
        for &li in &found[fi].1 {
            taken[li] = false;
        }
    }
    for &li in &part.members {
        lines[li].words.retain(|w| part.cell(w).is_none());
        if lines[li].words.is_empty() {
            taken[li] = true;
        } else if let Some(rest) = Line::from_words(std::mem::take(&mut lines[li].words)) {
            lines[li] = rest;
        }
    }
    items.push((
        place(columns, bbox.x0 + 1.0, bbox.y0, box_rank(&bbox, ranked)),
        page_table(table, &part.grid, Some(part.rows)),
    ));
    dropped.push(false);
}

/// The area two rectangles share.
fn overlap(a: &Rect, b: &Rect) -> f32 {
    let w = a.x1.min(b.x1) - a.x0.max(b.x0);
    let h = a.y1.min(b.y1) - a.y0.max(b.y0);
    w.max(0.0) * h.max(0.0)
}
/// How far (points) the text above two filled rows at a page's foot stays from them.
const APART: f32 = 12.0;
/// The part of a page's height at its foot where running footers stand.
const FOOT_BAND: f32 = 0.12;
/// Most fills of one page looked at as the cells of filled tables.
const MAX_FILL_CELLS: usize = 4000;
/// Boundaries closer than this (points) are one: the white gap between two filled cells.
const CELL_GAP: f32 = 4.0;

/// The rulings a table drawn only with filled cells implies: each cell's box edges,
/// with the edges of neighbouring cells (a few points apart, across the white gap
/// between their fills) moved onto one line in the middle of the gap. Fills too small
/// to be cells are left out.
pub fn fill_segments(fills: &[FilledRect]) -> Vec<super::content::Segment> {
    use super::content::Segment;
    let same = |a: &FilledRect, b: &FilledRect| {
        (a.x0 - b.x0).abs() <= 0.5
            && (a.x1 - b.x1).abs() <= 0.5
            && (a.y0 - b.y0).abs() <= 0.5
            && (a.y1 - b.y1).abs() <= 0.5
    };
    let mut sized: Vec<&FilledRect> = Vec::new();
    // A cell painted twice (its background, then again under its text) is one cell.
    for f in fills
        .iter()
        .filter(|f| f.x1 - f.x0 >= 8.0 && f.y1 - f.y0 >= 6.0 && f.y1 - f.y0 <= 400.0)
    {
        if !sized.iter().any(|s| same(s, f)) && sized.len() < MAX_FILL_CELLS {
            sized.push(f);
        }
    }
    // A fill inside another (a highlight behind a cell's text) is not a cell of its own.
    let inside = |a: &FilledRect, b: &FilledRect| {
        !std::ptr::eq(a, b)
            && a.x0 >= b.x0 - 0.5
            && a.x1 <= b.x1 + 0.5
            && a.y0 >= b.y0 - 0.5
            && a.y1 <= b.y1 + 0.5
    };
    let cells: Vec<&FilledRect> = sized
        .iter()
        .copied()
        .filter(|a| !sized.iter().any(|b| inside(a, b)))
        .collect();
    if cells.len() < 4 {
        return Vec::new();
    }
    let snap = |values: Vec<f32>| -> Vec<(f32, f32)> {
        let mut v = values;
        v.sort_by(f32::total_cmp);
        let mut clusters: Vec<Vec<f32>> = Vec::new();
        for x in v {
            match clusters.last_mut() {
                Some(c) if x - c[c.len() - 1] <= CELL_GAP => c.push(x),
                _ => clusters.push(vec![x]),
            }
        }
        clusters
            .iter()
            .flat_map(|c| {
                let mid = (c[0] + c[c.len() - 1]) / 2.0;
                c.iter().map(move |&x| (x, mid))
            })
            .collect()
    };
    let xs = snap(cells.iter().flat_map(|f| [f.x0, f.x1]).collect());
    let ys = snap(cells.iter().flat_map(|f| [f.y0, f.y1]).collect());
    let at = |table: &[(f32, f32)], v: f32| {
        table
            .iter()
            .find(|(x, _)| *x == v)
            .map_or(v, |(_, mid)| *mid)
    };
    let mut out = Vec::new();
    for f in cells {
        let (x0, x1, y0, y1) = (at(&xs, f.x0), at(&xs, f.x1), at(&ys, f.y0), at(&ys, f.y1));
        out.push(Segment { x0, y0, x1, y1: y0 });
        out.push(Segment { x0, y0: y1, x1, y1 });
        out.push(Segment { x0, y0, x1: x0, y1 });
        out.push(Segment { x0: x1, y0, x1, y1 });
    }
    out
}

/// Whether the ruled grid holds lines with several numbers inside one cell: then the
/// rulings frame parts of a table whose columns are set by alignment. (Words spread
/// apart inside a cell are justified text, not columns; a bullet and its item's text are
/// one piece.)
fn crowded(grid: &Grid, lines: &[Line], members: &[usize]) -> bool {
    let (mut numeric_lines, mut any_lines) = (0, 0);
    // Lines with numbers in two or more cells, by the grid row they lie in: several of
    // them in one grid row are rows of figures that no ruling separates.
    let mut figure_rows: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for &i in members {
        let line = &lines[i];
        let (mut numbers_in, mut chunks_in): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
        let (mut has_numeric, mut has_any) = (false, false);
        for c in stream::with_bullet_joined(line, super::layout::chunks(line, stream::CHUNK_GAP)) {
            let w = &line.words[c.first];
            let (cx, cy) = ((c.x0 + c.x1) / 2.0, (w.top + w.bottom) / 2.0);
            let Some(k) = grid
                .cells
                .iter()
                .position(|cell| cell.rect.contains(cx, cy))
            else {
                continue;
            };
            has_any |= chunks_in.contains(&k);
            chunks_in.push(k);
            if numeric(&line.chunk_text(&c)) {
                has_numeric |= numbers_in.contains(&k);
                numbers_in.push(k);
            }
        }
        numeric_lines += usize::from(has_numeric);
        any_lines += usize::from(has_any);
        let mut distinct: Vec<usize> = numbers_in.clone();
        distinct.dedup();
        if distinct.len() >= 2 {
            *figure_rows.entry(grid.cells[distinct[0]].row).or_default() += 1;
        }
    }
    (numeric_lines >= 3 && numeric_lines * 4 >= members.len())
        || (any_lines >= 4 && any_lines * 2 >= members.len())
        || figure_rows.values().any(|&n| n >= 3)
}

/// Whether a chunk reads as a number (`1,144`, `(95% CI)` is not; `12.6`, `*3,337`, `–` are).
fn numeric(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    digits > 0 && letters == 0
}

/// Whether a table found by alignment is really running text set in columns: most of
/// its cells hold five words or more.
fn prose_like(found: &stream::Found) -> bool {
    let mut cells = 0;
    let mut long = 0;
    for chunks in &found.chunks {
        for c in chunks {
            cells += 1;
            if c.end - c.first >= 5 {
                long += 1;
            }
        }
    }
    found.grid.n_cols <= 4 && cells > 0 && long * 10 >= cells * 6
}

/// A geometric table kept: its member lines taken, the table and its lines noted in
/// `found`, and its item placed at `place`.
fn keep_table(
    table: Table,
    grid: &Grid,
    members: Vec<usize>,
    place: Place,
    taken: &mut [bool],
    found: &mut Vec<(usize, Vec<usize>, Grid)>,
    items: &mut Vec<(Place, Item)>,
) {
    for &i in &members {
        taken[i] = true;
    }
    found.push((items.len(), members, grid.clone()));
    items.push((place, page_table(table, grid, None)));
}

/// Whether a table found by alignment is a list set with hanging bullets: every line's
/// first chunk is a lone dash or bullet (`–  ✓ genomförd`), which marks a list item, not
/// a table's first column.
fn bulleted_list(found: &stream::Found, lines: &[Line]) -> bool {
    let marker = |text: &str| matches!(text, "–" | "—" | "-" | "•" | "·" | "▪" | "◦" | "‣" | "*");
    !found.lines.is_empty()
        && found.lines.iter().zip(&found.chunks).all(|(&i, chunks)| {
            chunks.first().is_some_and(|c| {
                c.end == c.first + 1
                    && lines[i]
                        .words
                        .get(c.first)
                        .is_some_and(|w| marker(w.text.trim()))
            })
        })
}

/// Where the text of each column lies: the extent of its single-column cells, or its
/// boundaries when it has none.
fn extents(grid: &Grid) -> Vec<(f32, f32)> {
    (0..grid.n_cols)
        .map(|c| {
            let cells = grid
                .cells
                .iter()
                .filter(|cell| cell.col == c && cell.col_span == 1);
            let (l, r) = cells.fold((f32::INFINITY, f32::NEG_INFINITY), |(l, r), cell| {
                (l.min(cell.rect.x0), r.max(cell.rect.x1))
            });
            if l.is_finite() && r.is_finite() {
                (l, r)
            } else {
                (grid.xs[c], grid.xs[c + 1])
            }
        })
        .collect()
}

/// Text set turned (up or down the page, as a narrow first column's area names often
/// are) in the ruled cells that hold no upright text: the turned glyphs whose origin
/// lies in the cell, in the order the page draws them (the writer's reading order).
fn turned_text(
    table: &mut Table,
    glyphs: &[super::content::Glyph],
    cell_of: &dyn Fn(&super::content::Glyph) -> Option<usize>,
) {
    let turned: Vec<&super::content::Glyph> = glyphs.iter().filter(|g| !g.upright).collect();
    if turned.is_empty() {
        return;
    }
    for (k, cell) in table.cells.iter_mut().enumerate() {
        if !cell.text.trim().is_empty() {
            continue;
        }
        let text: String = turned
            .iter()
            .filter(|g| cell_of(g) == Some(k))
            .map(|g| g.text.as_str())
            .collect();
        let text = crate::text::collapse(&text);
        if !text.is_empty() {
            cell.text = text;
        }
    }
}

fn inside(bbox: &Rect, line: &Line) -> bool {
    let cy = (line.top + line.bottom) / 2.0;
    let cx = line.words.iter().map(|w| (w.x0 + w.x1) / 2.0).sum::<f32>()
        / line.words.len().max(1) as f32;
    cy >= bbox.y0 - 1.0 && cy <= bbox.y1 + 1.0 && cx >= bbox.x0 - 1.0 && cx <= bbox.x1 + 1.0
}

/// Places the words of `members` in the grid's cells by where they lie, and reads each
/// cell's fill. `None` when fewer than two cells hold text (a frame, not a table).
fn fill_grid(
    grid: &Grid,
    lines: &[Line],
    members: &[usize],
    row_of: Option<&[usize]>,
    fills: &[FilledRect],
    page: u32,
) -> Option<Table> {
    let hit = |row_pos: usize, w: &Word| {
        let (cx, cy) = ((w.x0 + w.x1) / 2.0, (w.top + w.bottom) / 2.0);
        grid.cells.iter().position(|c| {
            if grid.ruled {
                c.rect.contains(cx, cy)
            } else {
                let row = row_of
                    .and_then(|r| r.get(row_pos).copied())
                    .unwrap_or(row_pos);
                c.row == row && cx >= c.rect.x0 - 0.5 && cx <= c.rect.x1 + 0.5
            }
        })
    };
    place_words(grid, lines, members, &hit, fills, page)
}

/// Places the words of `members` in the cells `hit` gives them (by the word's place
/// among the members' lines and the word), and reads each cell's fill. `None` when
/// fewer than two cells hold text.
fn place_words(
    grid: &Grid,
    lines: &[Line],
    members: &[usize],
    hit: &dyn Fn(usize, &Word) -> Option<usize>,
    fills: &[FilledRect],
    page: u32,
) -> Option<Table> {
    let mut texts: Vec<Vec<CellLine>> = vec![Vec::new(); grid.cells.len()];
    let mut bold: Vec<Option<bool>> = vec![None; grid.cells.len()];
    let mut colour: Vec<Option<crate::colour::Rgb>> = vec![None; grid.cells.len()];
    for (row_pos, &li) in members.iter().enumerate() {
        let line = &lines[li];
        for w in &line.words {
            let Some(k) = hit(row_pos, w) else { continue };
            if crate::text::is_leader(&w.text) {
                continue;
            }
            bold[k].get_or_insert(w.bold);
            if colour[k].is_none() {
                colour[k] = w.colour;
            }
            match texts[k].last_mut() {
                Some(l) if l.line == li => {
                    l.text.push(' ');
                    l.text.push_str(&w.text);
                    l.x1 = l.x1.max(w.x1);
                    l.words += 1;
                    l.bold &= w.bold;
                    l.letters.add(&w.text, word_look(w));
                }
                _ => texts[k].push(CellLine {
                    line: li,
                    text: join_words([w]),
                    x0: w.x0,
                    x1: w.x1,
                    words: 1,
                    first_glyph: w.glyph_width(),
                    bold: w.bold,
                    letters: {
                        let mut t = Tally::default();
                        t.add(&w.text, word_look(w));
                        t
                    },
                }),
            }
        }
    }
    let filled = texts.iter().filter(|t| !t.is_empty()).count();
    if filled < 2 {
        return None;
    }
    let edges = text_edges(grid, &texts);
    // Progress bars: those with their track first, then lone parts measured against
    // the track of a bar in the same column (a full bar or an empty track is drawn as
    // one rectangle).
    let bars: Vec<Option<(u32, Vec<usize>)>> = grid
        .cells
        .iter()
        .map(|c| progress(&c.rect, fills))
        .collect();
    let tracks: Vec<(usize, f32, f32)> = grid
        .cells
        .iter()
        .zip(&bars)
        .filter_map(|(c, b)| {
            let (x0, x1) = span_of(&b.as_ref()?.1, fills);
            Some((c.col, x0, x1))
        })
        .collect();
    let cells = grid
        .cells
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let (mut text, title_lines) = cell_text(&texts[k], edges[k]);
            let bar = bars[k]
                .clone()
                .or_else(|| lone_bar(&c.rect, c.col, &tracks, fills));
            if let Some((pct, _)) = &bar {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&format!("{pct} %"));
            }
            let backgrounds: Vec<FilledRect> = match &bar {
                Some((_, parts)) => fills
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !parts.contains(i))
                    .map(|(_, f)| *f)
                    .collect(),
                None => Vec::new(),
            };
            let fill = if bar.is_some() {
                fill_under(&c.rect, &backgrounds)
            } else {
                fill_under(&c.rect, fills)
            };
            Cell {
                row: c.row,
                col: c.col,
                row_span: c.row_span,
                col_span: c.col_span,
                text,
                fill,
                color: colour[k],
                bold: bold[k],
                title_lines,
                page: Some(page),
            }
        })
        .collect();
    Some(Table {
        cells,
        n_rows: grid.n_rows,
        n_cols: grid.n_cols,
        pages: vec![page],
        ..Table::default()
    })
}

/// One line of text inside one cell.
#[derive(Debug, Clone)]
struct CellLine {
    /// Index of the page line.
    line: usize,
    /// The words in the cell, one space between them.
    text: String,
    /// Left of the first word.
    x0: f32,
    /// Right of the last word.
    x1: f32,
    /// Words.
    words: usize,
    /// Width of one glyph of the first word (its mean).
    first_glyph: f32,
    /// Whether every word of the line is bold.
    bold: bool,
    /// Its letters counted by how they are set.
    letters: Tally,
}

/// How a word is set.
fn word_look(w: &Word) -> Look {
    Look {
        bold: w.bold,
        italic: w.italic,
        size: Some(w.size),
    }
}

/// A cell's text, and how many of its lines are a title: where the cell opens with lines
/// styled apart (bold, italic or larger, [`title::lead`]) and the plain text starts on a
/// line of its own, the title lines are joined as one paragraph, the plain ones as the
/// next, each as [`join_cell_lines`] says. A lead-in that runs on into the text
/// (`Kompetanseheving av foresatte: Inkludere …`, plain words after it on its last line,
/// or a colon at its end) is no title, nor is one whose sentence goes on in the plain
/// text (which then starts in lower case).
fn cell_text(lines: &[CellLine], edge: Option<f32>) -> (String, usize) {
    let paragraphs: Vec<(&str, Tally)> = lines
        .iter()
        .map(|l| (l.text.as_str(), l.letters.clone()))
        .collect();
    let lead = title::lead(&paragraphs).min(lines.len());
    if lead == 0 {
        return (join_cell_lines(lines, edge), 0);
    }
    let title = join_cell_lines(&lines[..lead], edge);
    let rest = join_cell_lines(&lines[lead..], edge);
    if !crate::text::is_title_over(&title, &rest) {
        return (join_cell_lines(lines, edge), 0);
    }
    let n = title.lines().count();
    (format!("{title}\n{rest}"), n)
}

/// Where the text of each cell may run to on the right. Between drawn column rulings:
/// the cell's right edge less the padding that its column keeps on the left (the least
/// gap between a ruling and the text after it). In a grid found from text alone, whose
/// edges are not drawn: the column's wall, where its widest lines end (a word broken
/// for want of room reaches it), for cells of one column.
fn text_edges(grid: &Grid, texts: &[Vec<CellLine>]) -> Vec<Option<f32>> {
    if !grid.ruled && !grid.ruled_columns {
        let mut wall = vec![f32::NEG_INFINITY; grid.n_cols];
        for (cell, lines) in grid.cells.iter().zip(texts) {
            if cell.col_span == 1 {
                for l in lines {
                    let w = &mut wall[cell.col.min(grid.n_cols - 1)];
                    *w = w.max(l.x1);
                }
            }
        }
        return grid
            .cells
            .iter()
            .map(|cell| {
                let w = wall[cell.col.min(grid.n_cols - 1)];
                (cell.col_span == 1 && w.is_finite()).then_some(w)
            })
            .collect();
    }
    let mut padding = vec![f32::INFINITY; grid.n_cols];
    for (cell, lines) in grid.cells.iter().zip(texts) {
        for l in lines {
            let pad = &mut padding[cell.col.min(grid.n_cols - 1)];
            *pad = pad.min((l.x0 - cell.rect.x0).max(0.0));
        }
    }
    grid.cells
        .iter()
        .map(|cell| {
            let pad = padding[cell.col.min(grid.n_cols - 1)];
            pad.is_finite().then_some(cell.rect.x1 - pad)
        })
        .collect()
}

/// The lines of a cell as text. A line that is one word reaching the cell's right edge
/// (`edge`) with less room left than one letter of the next line, ending in a letter,
/// followed by a line that starts in lower case, is a word too long for the column that
/// the writer broke at the edge (`Stadsbyggnadsförv` / `altningen`): the two join without
/// a space. Every other line joins the one before as [`crate::text::join_wrapped`] says.
fn join_cell_lines(lines: &[CellLine], edge: Option<f32>) -> String {
    // Centred lines reach no edge of their own: where one ends says nothing of a word
    // broken there (`Teknisk` / `drift` centred in a narrow header cell).
    let edge = edge.filter(|_| !centred(lines));
    let items = numbered_items(lines);
    let mut out = String::new();
    let mut prev: Option<&CellLine> = None;
    for (k, l) in lines.iter().enumerate() {
        if items.contains(&k) && k > 0 {
            out.push('\n');
            out.push_str(l.text.trim());
            prev = Some(l);
            continue;
        }
        let last = k + 1 == lines.len();
        let broken = match (prev, edge) {
            (Some(p), Some(edge)) => broken_word(p, l, edge, last),
            _ => false,
        };
        if broken {
            // The document's own words settle it ([`super::broken_words`]).
            out.push(super::broken_words::JOIN);
            out.push_str(l.text.trim());
        } else if prev.is_some() && opens_with_closing_mark(&l.text) {
            out.push_str(l.text.trim());
        } else if prev
            .is_some_and(|p| label_line_after_break(p, l, edge) || broken_short(p, l, edge))
        {
            out.push('\n');
            out.push_str(l.text.trim());
        } else {
            out = crate::text::join_wrapped(&out, &l.text);
        }
        prev = Some(l);
    }
    out
}

/// Whether a line opening with a label (`Ansvarlig: …`, `Tid: …`: one to three words and
/// a colon) starts a line of its own: where the line before it is labelled too or set in
/// larger type, or ends short of the cell's edge by more than the label's first word
/// would take (the writer broke the line there, not the column's width).
fn label_line_after_break(prev: &CellLine, line: &CellLine, edge: Option<f32>) -> bool {
    if label_of_line(&line.text).is_none() {
        return false;
    }
    // Labelled too, or set in smaller type (a fact set small under a title).
    let smaller = match (line.letters.main_size(), prev.letters.main_size()) {
        (Some(a), Some(b)) => a * 1.08 < b,
        _ => false,
    };
    if label_of_line(&prev.text).is_some() || smaller {
        return true;
    }
    let first = line.text.split_whitespace().next().unwrap_or("");
    let room = (first.chars().count() as f32 + 1.0) * line.first_glyph.max(0.5);
    edge.is_some_and(|edge| edge - prev.x1 > room)
}

/// Whether the writer broke the line before `line` short of the cell's edge: the line
/// before ends a word and nothing that calls for more (a comma, a conjunction), and the
/// next line opens with a capital and a first word that would have fitted with room to
/// spare in what was left of the line before. Such a break is the writer's own (units on
/// lines of their own: `Prosjektavdelingen` / `Statens vegvesen`), kept as a line break.
fn broken_short(prev: &CellLine, line: &CellLine, edge: Option<f32>) -> bool {
    let Some(edge) = edge else {
        return false;
    };
    let first = line.text.split_whitespace().next().unwrap_or("");
    let room = (first.chars().count() as f32 + 3.0) * line.first_glyph.max(0.5);
    crate::text::stands_apart(&prev.text, &line.text) && edge - prev.x1 > room
}

/// The label a line opens with: one to three words, the first capitalised, and a colon
/// with text after it (`Ansvarlig: Kultur`, `Status: Pågår`).
fn label_of_line(text: &str) -> Option<&str> {
    let (label, rest) = text.trim_start().split_once(':')?;
    let words = label.split_whitespace().count();
    let plain = label
        .chars()
        .all(|c| c.is_alphabetic() || c == ' ' || c == '/' || c == '-');
    ((1..=3).contains(&words)
        && plain
        && label.starts_with(char::is_uppercase)
        && label.chars().count() <= 30
        && rest.starts_with(' ')
        && !rest.trim().is_empty())
    .then_some(label)
}

/// The lines of a cell that open the items of a numbered list (`1. Klimatkrav …`,
/// `2. Krav på …`): lines opening with a number and a stop or parenthesis, the numbers
/// counting up by one from the first, two or more of them. A number that opens a line
/// of a wrapped sentence (`2026. Arbetet …`) counts nothing up and starts no item.
fn numbered_items(lines: &[CellLine]) -> Vec<usize> {
    let number = |t: &str| {
        let t = t.trim_start();
        let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let rest = &t[digits..];
        (1..=2).contains(&digits)
            && (rest.starts_with(". ") || rest.starts_with(") "))
            && rest[2..].starts_with(|c: char| !c.is_whitespace())
    };
    let mut items = Vec::new();
    let mut next = None;
    for (k, l) in lines.iter().enumerate() {
        if !number(&l.text) {
            continue;
        }
        let n: u32 = l.text.trim_start()[..2]
            .trim_end_matches(['.', ')'])
            .parse()
            .unwrap_or(0);
        if next.is_none_or(|want| n == want) {
            items.push(k);
            next = Some(n + 1);
        }
    }
    if items.len() >= 2 {
        items
    } else {
        Vec::new()
    }
}

/// Whether a cell's lines are centred: two or more lines of different widths whose
/// middles agree within a point and a half.
fn centred(lines: &[CellLine]) -> bool {
    let mid = |l: &CellLine| (l.x0 + l.x1) / 2.0;
    let widths_differ = lines.iter().any(|l| (l.x0 - lines[0].x0).abs() > 2.0);
    lines.len() >= 2
        && widths_differ
        && lines.iter().all(|l| (mid(l) - mid(&lines[0])).abs() <= 1.5)
}

/// Whether a line opens with a mark that closes the word before it (`.`, `,`, `)`): a
/// word too long for its column, its full stop wrapped onto a line of its own.
fn opens_with_closing_mark(text: &str) -> bool {
    text.trim_start()
        .starts_with(['.', ',', ';', ':', '!', '?', ')', ']'])
}

/// Whether the word that fills line `a` runs on at the start of line `b` (see
/// [`join_cell_lines`]). Where the edge lies is known only to within a point or so (the
/// writer measures in its own units), so a line that ends less than a letter and a bit
/// from it counts as full. A full line can also end a whole word whose follower did not
/// fit (`Samlastningscentral` / `för`): a next line that opens with a short word of the
/// language (a preposition, a conjunction, an article) is such a wrap, unless that word
/// is all there is left of the cell (a cell's text does not end in a preposition or an
/// article, but many words end in a syllable spelled like one: `förvaltning` / `en`) or
/// a comma or stop follows it (no preposition or article ends a phrase:
/// `Eigedomsavdeling` / `a, Innkjøp`).
fn broken_word(a: &CellLine, b: &CellLine, edge: f32, b_ends_cell: bool) -> bool {
    let glyph = b.first_glyph.max(0.5);
    let first = b.text.split_whitespace().next().unwrap_or("");
    a.words == 1
        && a.text.chars().last().is_some_and(char::is_alphabetic)
        && first.chars().next().is_some_and(char::is_lowercase)
        && edge - a.x1 < glyph * 1.3
        && (!is_short_word(first)
            || (b.words == 1 && b_ends_cell)
            || first.ends_with([',', ';', '.', ':']))
}

/// Short words of the Nordic languages (Icelandic too) and English that open a wrapped line of their
/// own: prepositions, conjunctions, articles, pronouns.
fn is_short_word(word: &str) -> bool {
    const WORDS: &[&str] = &[
        // Swedish
        "i", "av", "vid", "för", "till", "med", "och", "om", "på", "från", "efter", "under", "över",
        "mot", "samt", "eller", "som", "en", "ett", "den", "det", "de", "att", "inom", "utan",
        "genom", "hos", "mellan", "är", "ska", "kan", "har", // Danish and Norwegian
        "af", "og", "til", "for", "ved", "fra", "på", "efter", "etter", "mod", "over", "et", "ei",
        "at", "innen", "inden", "uden", "uten", "hos", "mellem", "mellom", "er", "skal", "kan",
        "har", "blir", "bliver", // Finnish
        "ja", "tai", "sekä", "on", // Icelandic
        "á", "í", "og", "að", "við", "um", "frá", "með", "fyrir", "sem", "eða", // English
        "a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "by", "with", "from", "is",
        "are", "be", "as",
    ];
    let w: String = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    WORDS.contains(&w.as_str())
}

/// The left and right ends of some fills together.
fn span_of(parts: &[usize], fills: &[FilledRect]) -> (f32, f32) {
    let x0 = parts
        .iter()
        .map(|&i| fills[i].x0)
        .fold(f32::INFINITY, f32::min);
    let x1 = parts
        .iter()
        .map(|&i| fills[i].x1)
        .fold(f32::NEG_INFINITY, f32::max);
    (x0, x1)
}

/// A progress bar drawn in a cell: thin filled rectangles on one line, a light track
/// (grey or white) and a coloured or dark part over it or beside it. Returns the share
/// the coloured part covers of the whole bar, in per cent, and the rectangles that
/// draw the bar (they are not the cell's fill).
fn progress(rect: &Rect, fills: &[FilledRect]) -> Option<(u32, Vec<usize>)> {
    let area = (rect.x1 - rect.x0) * (rect.y1 - rect.y0);
    let thin: Vec<usize> = (0..fills.len())
        .filter(|&i| {
            let f = &fills[i];
            let (w, h) = (f.x1 - f.x0, f.y1 - f.y0);
            f.x0 >= rect.x0 - 0.5
                && f.x1 <= rect.x1 + 0.5
                && f.y0 >= rect.y0 - 0.5
                && f.y1 <= rect.y1 + 0.5
                && (2.0..=16.0).contains(&h)
                && w >= 1.0
                && w * h < area * 0.6
        })
        .collect();
    // The bar: the thin rectangles on the line of the widest one.
    let widest = *thin
        .iter()
        .max_by(|&&a, &&b| (fills[a].x1 - fills[a].x0).total_cmp(&(fills[b].x1 - fills[b].x0)))?;
    let line = fills[widest];
    let parts: Vec<usize> = thin
        .into_iter()
        .filter(|&i| (fills[i].y0 - line.y0).abs() <= 1.0 && (fills[i].y1 - line.y1).abs() <= 1.0)
        .collect();
    if parts.len() < 2 {
        return None;
    }
    let light = |f: &FilledRect| f.colour.is_none_or(|c| c.is_blank() || c.is_light_grey());
    let (x0, x1) = span_of(&parts, fills);
    let track: f32 = x1 - x0;
    let done: f32 = parts
        .iter()
        .filter(|&&i| !light(&fills[i]))
        .map(|&i| fills[i].x1 - fills[i].x0)
        .sum();
    let tracks = parts.iter().filter(|&&i| light(&fills[i])).count();
    // A bar has its track; the coloured part starts where the track starts.
    let starts = parts
        .iter()
        .filter(|&&i| !light(&fills[i]))
        .any(|&i| (fills[i].x0 - x0).abs() <= 1.0);
    if tracks == 0 || !starts || track < 10.0 || done > track + 0.5 {
        return None;
    }
    Some(((done / track * 100.0).round() as u32, parts))
}

/// A progress bar drawn as one rectangle (full, or an empty track) in column `col`:
/// a thin fill in the cell that starts where the column's other bars start; its share
/// is its width over their track's (an empty light track is 0 %).
fn lone_bar(
    rect: &Rect,
    col: usize,
    tracks: &[(usize, f32, f32)],
    fills: &[FilledRect],
) -> Option<(u32, Vec<usize>)> {
    let &(_, x0, x1) = tracks.iter().find(|t| t.0 == col)?;
    let i = (0..fills.len()).find(|&i| {
        let f = &fills[i];
        let h = f.y1 - f.y0;
        f.x0 >= rect.x0 - 0.5
            && f.x1 <= rect.x1 + 0.5
            && f.y0 >= rect.y0 - 0.5
            && f.y1 <= rect.y1 + 0.5
            && (2.0..=16.0).contains(&h)
            && (f.x0 - x0).abs() <= 1.5
            && f.x1 <= x1 + 1.5
    })?;
    let f = &fills[i];
    let light = f.colour.is_none_or(|c| c.is_blank() || c.is_light_grey());
    let pct = if light {
        0.0
    } else {
        ((f.x1 - f.x0) / (x1 - x0) * 100.0).min(100.0)
    };
    Some((pct.round() as u32, vec![i]))
}

/// The colour of the smallest filled rectangle under the centre of `rect`, no larger than
/// four cells or as wide as its column; white is no fill.
fn fill_under(rect: &Rect, fills: &[FilledRect]) -> Option<Rgb> {
    let (cx, cy) = ((rect.x0 + rect.x1) / 2.0, (rect.y0 + rect.y1) / 2.0);
    fills
        .iter()
        .filter(|f| cx >= f.x0 && cx <= f.x1 && cy >= f.y0 && cy <= f.y1)
        .filter(|f| {
            // (A fill as wide as the cell's column may run down over neighbours of the
            // same colour: a spreadsheet prints a run of like cells as one rectangle.)
            let column = (f.x0 - rect.x0).abs() <= 2.0 && (f.x1 - rect.x1).abs() <= 2.0;
            column || (f.x1 - f.x0) * (f.y1 - f.y0) <= rect.area() * 4.0 + 1.0
        })
        .min_by(|a, b| ((a.x1 - a.x0) * (a.y1 - a.y0)).total_cmp(&((b.x1 - b.x0) * (b.y1 - b.y0))))
        .and_then(|f| f.colour)
        .filter(|c| !c.is_blank())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f32, x1: f32) -> CellLine {
        let first = text.split_whitespace().next().unwrap_or("");
        CellLine {
            line: 0,
            text: text.into(),
            x0,
            x1,
            words: text.split_whitespace().count(),
            first_glyph: if first.is_empty() { 0.0 } else { 5.0 },
            bold: false,
            letters: Tally::default(),
        }
    }

    #[test]
    fn numbered_items_in_a_cell_keep_their_lines_and_a_wrapped_year_does_not() {
        let lines = [
            line(
                "1. Klimatkrav i alla upphandlingar av fordon och",
                10.0,
                200.0,
            ),
            line("transporter", 10.0, 60.0),
            line("2. Krav på fossilfria arbetsmaskiner", 10.0, 180.0),
            line("(se även avsnitt 5)", 10.0, 90.0),
        ];
        assert_eq!(
            join_cell_lines(&lines, None),
            "1. Klimatkrav i alla upphandlingar av fordon och transporter\n\
             2. Krav på fossilfria arbetsmaskiner (se även avsnitt 5)"
        );
        // One number, or numbers that do not count up, open no items.
        let lines = [
            line("Utredningen klar under", 10.0, 120.0),
            line("5. kvartalet ersätts", 10.0, 100.0),
            line("3. och sista etappen", 10.0, 100.0),
        ];
        assert_eq!(
            join_cell_lines(&lines, None),
            "Utredningen klar under 5. kvartalet ersätts 3. och sista etappen"
        );
    }

    #[test]
    fn fills_that_draw_columns_the_rulings_leave_out_are_the_grid() {
        let grid = |x1: f32, y1: f32, n_rows: usize, n_cols: usize| Grid {
            bbox: Rect {
                x0: 51.0,
                y0: 51.0,
                x1,
                y1,
            },
            xs: Vec::new(),
            n_rows,
            n_cols,
            cells: Vec::new(),
            ruled: true,
            ruled_columns: true,
        };
        let ruled = grid(533.0, 240.0, 8, 1);
        assert!(finer_fills(&ruled, &grid(533.2, 239.8, 8, 3)));
        // Other rows, another box, or no more columns: the rulings stand.
        assert!(!finer_fills(&ruled, &grid(533.2, 239.8, 7, 3)));
        assert!(!finer_fills(&ruled, &grid(400.0, 239.8, 8, 3)));
        assert!(!finer_fills(
            &grid(533.0, 240.0, 8, 3),
            &grid(533.2, 239.8, 8, 3)
        ));
    }

    #[test]
    fn cells_painted_twice_are_one_grid() {
        let fill = |x0, y0, x1, y1| FilledRect {
            x0,
            y0,
            x1,
            y1,
            colour: None,
        };
        let mut fills = Vec::new();
        for y in [100.0, 120.0, 140.0] {
            fills.push(fill(50.0, y, 200.0, y + 20.0));
            fills.push(fill(200.0, y, 300.0, y + 20.0));
        }
        // Painted again, as LibreOffice paints a cell's background under its text.
        fills.extend(fills.clone());
        let grids = lattice::detect(&fill_segments(&fills));
        assert_eq!(grids.len(), 1);
        assert_eq!((grids[0].n_rows, grids[0].n_cols), (3, 2));
    }

    #[test]
    fn a_word_broken_at_the_cell_edge_is_joined() {
        // The content of the cell runs from 283 to 385.
        let lines = [
            line("Stadsbyggnadsförv", 283.0, 379.6),
            line("altningen i samverkan", 283.0, 380.0),
        ];
        // Marked for the document's words to settle ([`super::broken_words`]).
        assert_eq!(
            join_cell_lines(&lines, Some(385.1)),
            "Stadsbyggnadsförv\u{FDD0}altningen i samverkan"
        );
    }

    /// A line set as `look`.
    fn styled(text: &str, look: Look) -> CellLine {
        let mut l = line(text, 100.0, 200.0);
        l.letters.add(text, look);
        l
    }

    #[test]
    fn a_full_stop_wrapped_alone_closes_its_word() {
        let lines = [
            line("funktionsnedsättning", 100.0, 190.0),
            line(".", 100.0, 102.0),
            line("Gäller all personal", 100.0, 180.0),
        ];
        assert_eq!(
            join_cell_lines(&lines, Some(195.0)),
            "funktionsnedsättning.\nGäller all personal"
        );
    }

    #[test]
    fn an_italic_or_larger_lead_is_a_title_and_an_all_italic_cell_is_not() {
        let plain = Look {
            size: Some(9.0),
            ..Look::default()
        };
        let italic = Look {
            italic: true,
            ..plain
        };
        let larger = Look {
            size: Some(12.0),
            ..plain
        };
        for look in [italic, larger] {
            let lines = [
                styled("Tillgängliga lekplatser", look),
                styled("Två lekplatser per år byggs om", plain),
                styled("så att alla barn kan leka där.", plain),
            ];
            let (text, n) = cell_text(&lines, None);
            assert_eq!(n, 1, "{text}");
            assert!(text.starts_with("Tillgängliga lekplatser\nTvå"), "{text}");
        }
        let lines = [
            styled("Tidigare beslutad aktivitet", italic),
            styled("Skrivs i kursiv som de övriga.", italic),
        ];
        assert_eq!(cell_text(&lines, None).1, 0);
    }

    #[test]
    fn a_whole_word_at_the_edge_keeps_its_space() {
        // The next line opens with a short word of the language.
        let lines = [
            line("Samlastningscentral", 170.0, 272.0),
            line("för varor", 170.0, 220.0),
        ];
        assert_eq!(
            join_cell_lines(&lines, Some(272.0)),
            "Samlastningscentral för varor"
        );
        // A line with room left for a letter ends a word.
        let lines = [
            line("Tekniska", 170.0, 214.0),
            line("förvaltningen", 170.0, 237.0),
        ];
        assert_eq!(
            join_cell_lines(&lines, Some(272.0)),
            "Tekniska förvaltningen"
        );
        // Two words on the line: the writer wraps whole words.
        let lines = [
            line("Region Örebro", 170.0, 270.0),
            line("län", 170.0, 190.0),
        ];
        assert_eq!(join_cell_lines(&lines, Some(272.0)), "Region Örebro län");
        // Without a drawn edge the lines join as wrapped text.
        let lines = [
            line("Stadsbyggnadsförv", 283.0, 379.6),
            line("altningen", 283.0, 330.0),
        ];
        assert_eq!(join_cell_lines(&lines, None), "Stadsbyggnadsförv altningen");
    }

    #[test]
    fn a_short_syllable_that_ends_the_cell_completes_the_word() {
        let lines = [
            line("Kultur- och", 170.0, 230.0),
            line("fritidsförvaltning", 170.0, 271.0),
            line("en", 170.0, 181.0),
        ];
        assert_eq!(
            join_cell_lines(&lines, Some(272.0)),
            "Kultur- och fritidsförvaltning\u{FDD0}en"
        );
    }
}
