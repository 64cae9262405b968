//! Page columns: a page set in two or three columns of running text (with tables and
//! headings inside the columns), under or over full-width parts (a title, an intro, a
//! table across the page). The page is cut into bands, each with its own gutters; a
//! column is read to its end before the next one starts, as a reader reads the page.
//!
//! A gutter is a white vertical strip that the lines beside it do not cross, with
//! running text on both sides (lines of four words and more without wide gaps). Two
//! columns of a table look the same, but their rows start side by side: where the
//! paragraphs on both sides start at the same heights, the strip is a table's, not a
//! gutter. Text inside ruled or filled grids (tables drawn with lines or fills) is left
//! out of the search: a grid keeps its own columns.

use super::grid::Rect;
use super::layout::{Line, Word};

/// Least white (points) between grids set in two page columns.
const GRID_GUTTER: f32 = 8.0;
/// Most columns a band is read in.
const MAX_COLUMNS: usize = 3;

/// The bands of a page and the gutters of each.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    /// Bands top to bottom; together they cover the page.
    bands: Vec<Band>,
    /// On a spread (two pages printed on one sheet), where the pages meet and the
    /// columns of each: the left page is read before the right.
    spread: Option<Box<Spread>>,
}

/// Two pages side by side on one sheet, each with its own columns.
#[derive(Debug, Clone)]
struct Spread {
    /// Where the pages meet.
    fold: f32,
    left: Columns,
    right: Columns,
}

/// A horizontal band of the page and the gutters (x, ascending) it is set in.
#[derive(Debug, Clone)]
struct Band {
    /// Bottom edge (the top is the bottom of the band before).
    y1: f32,
    /// Gutters, left to right.
    xs: Vec<f32>,
}

impl Columns {
    /// Where a point reads: its band and its column in the band (0 on pages without
    /// columns).
    pub fn key(&self, x: f32, y: f32) -> (usize, usize) {
        if let Some(s) = &self.spread {
            return if x < s.fold {
                s.left.key(x, y)
            } else {
                let (b, c) = s.right.key(x, y);
                (b + s.left.bands.len().max(1), c)
            };
        }
        let b = self
            .bands
            .iter()
            .position(|b| y < b.y1)
            .unwrap_or(self.bands.len().saturating_sub(1));
        let col = self
            .bands
            .get(b)
            .map_or(0, |band| band.xs.iter().filter(|&&g| g < x).count());
        (b, col)
    }

    /// The group a point's text is read with when looking for tables: its band and
    /// column in a band set in columns; all bands without gutters read as one group.
    pub fn group(&self, x: f32, y: f32) -> (usize, usize) {
        if let Some(s) = &self.spread {
            // Each page of a spread is looked in on its own.
            return if x < s.fold {
                s.left.group(x, y)
            } else {
                match s.right.group(x, y) {
                    (usize::MAX, c) => (usize::MAX - 1, c),
                    (b, c) => (b + s.left.bands.len().max(1), c),
                }
            };
        }
        let (band, col) = self.key(x, y);
        match self.bands.get(band) {
            Some(b) if !b.xs.is_empty() => (band, col),
            _ => (usize::MAX, 0),
        }
    }

    /// The lines cut at their band's gutters and put in reading order: band by band,
    /// column by column, top to bottom. Lines inside `boxes` (grids) are not cut.
    pub fn arrange(&self, lines: Vec<Line>, boxes: &[Rect]) -> Vec<Line> {
        let mut out: Vec<((usize, usize), Line)> = Vec::new();
        for line in lines {
            let mid = (line.top + line.bottom) / 2.0;
            let boxed = boxes.iter().any(|b| {
                mid >= b.y0 && mid <= b.y1 && line.x0() >= b.x0 - 1.0 && line.x1() <= b.x1 + 1.0
            });
            if boxed {
                let key = self.key(line.x0(), mid);
                out.push((key, line));
                continue;
            }
            let mut parts: Vec<((usize, usize), Vec<Word>)> = Vec::new();
            for w in line.words {
                let key = self.key((w.x0 + w.x1) / 2.0, mid);
                match parts.last_mut() {
                    Some((k, ws)) if *k == key => ws.push(w),
                    _ => parts.push((key, vec![w])),
                }
            }
            for (key, words) in parts {
                out.extend(Line::from_words(words).map(|l| (key, l)));
            }
        }
        out.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.1.top.total_cmp(&b.1.top))
                .then(a.1.x0().total_cmp(&b.1.x0()))
        });
        out.into_iter().map(|(_, l)| l).collect()
    }
}

/// Least share of a spread's width that the white strip where its pages meet keeps
/// free of text on either side of the middle.
const FOLD_STRIP: f32 = 0.01;

/// Where the two pages of a spread meet, if the page is one: a landscape sheet whose
/// margins show two page numbers, consecutive, one in each half (`2 Grimstad kommune`
/// at the foot of the left page, `Handlingsprogram 3` at the right), and no text across
/// its middle, as a layout program exports a spread.
pub fn spread(lines: &[Line], width: f32, height: f32, margin: f32) -> Option<f32> {
    if width <= height {
        return None;
    }
    let fold = width / 2.0;
    let (lo, hi) = (fold - FOLD_STRIP * width, fold + FOLD_STRIP * width);
    if lines
        .iter()
        .flat_map(|l| &l.words)
        .any(|w| w.x0 < hi && w.x1 > lo)
    {
        return None;
    }
    let folio = |left: bool| -> Vec<u32> {
        lines
            .iter()
            .filter(|l| l.bottom < height * margin || l.top > height * (1.0 - margin))
            .flat_map(|l| &l.words)
            .filter(|w| (w.x1 <= fold) == left)
            .filter_map(|w| {
                let t = w.text.trim();
                (t.len() <= 4).then(|| t.parse::<u32>().ok()).flatten()
            })
            .collect()
    };
    let right = folio(false);
    folio(true)
        .iter()
        .any(|n| right.contains(&(n + 1)))
        .then_some(fold)
}

impl Columns {
    /// The columns of a spread whose pages meet at `fold`: each page's own.
    pub fn spread(fold: f32, left: Option<Columns>, right: Option<Columns>) -> Columns {
        Columns {
            bands: Vec::new(),
            spread: Some(Box::new(Spread {
                fold,
                left: left.unwrap_or_default(),
                right: right.unwrap_or_default(),
            })),
        }
    }
}

/// The columns of a page `width` wide, if it is set in columns anywhere; words inside
/// `boxes` (grids) are left out of the search; `panels` are the page's shaded boxes,
/// whose stack beside the text is a sidebar.
pub fn find(lines: &[Line], width: f32, boxes: &[Rect], panels: &[Rect]) -> Option<Columns> {
    if !(100.0..=5000.0).contains(&width) {
        return None;
    }
    let outside = |w: &Word| {
        let (cx, cy) = ((w.x0 + w.x1) / 2.0, (w.top + w.bottom) / 2.0);
        !boxes.iter().any(|b| b.contains(cx, cy))
    };
    let mut free: Vec<Line> = lines
        .iter()
        .filter_map(|l| Line::from_words(l.words.iter().filter(|w| outside(w)).cloned().collect()))
        .collect();
    if free.is_empty() {
        return None;
    }
    free.sort_by(|a, b| a.top.total_cmp(&b.top));
    let size = median_size(&free);
    // Each accepted gutter with the stretch of the page it holds over.
    let mut spans: Vec<(f32, f32, f32)> = Vec::new();
    // (Running text needs a few lines to show its gutters.)
    let text_candidates = if free.len() >= 8 {
        candidates(&free, width, size)
    } else {
        Vec::new()
    };
    for (x, wide) in text_candidates {
        for (y0, y1, seg) in segments(&free, boxes, x, size) {
            if seg.len() >= 6
                && (gutter_between(&seg, x, wide, size)
                    || sidebar(&seg, x, panels)
                    || boxes_apart(&seg, x, panels, size))
            {
                spans.push((x, y0, y1));
            }
        }
    }
    spans.extend(grid_gutters(&free, boxes, size));
    if spans.is_empty() {
        return None;
    }
    // Cut the page at every stretch's ends; each piece has the gutters over it.
    let mut cuts: Vec<f32> = spans
        .iter()
        .flat_map(|s| [s.1, s.2])
        .filter(|y| y.is_finite())
        .collect();
    cuts.sort_by(f32::total_cmp);
    cuts.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    let mut bands: Vec<Band> = Vec::new();
    let mut top = f32::NEG_INFINITY;
    for y1 in cuts.into_iter().chain([f32::INFINITY]) {
        let mid = if top.is_finite() {
            (top + y1) / 2.0
        } else {
            y1 - 1.0
        };
        let mut xs: Vec<f32> = spans
            .iter()
            .filter(|s| s.1 <= mid && mid <= s.2)
            .map(|s| s.0)
            .collect();
        xs.sort_by(f32::total_cmp);
        xs.dedup_by(|a, b| (*a - *b).abs() < size);
        xs.truncate(MAX_COLUMNS - 1);
        match bands.last_mut() {
            Some(b) if b.xs == xs => b.y1 = y1,
            _ => bands.push(Band { y1, xs }),
        }
        top = y1;
    }
    Some(Columns {
        bands,
        spread: None,
    })
}

/// Gutters that grids show: a white strip no grid crosses, with grids side by side on
/// both sides of it (tables set in two page columns, each under its own heading), each
/// with the stretch of the page it holds over (between the lines that cross it).
fn grid_gutters(free: &[Line], boxes: &[Rect], size: f32) -> Vec<(f32, f32, f32)> {
    let mut spans = Vec::new();
    let mut extents: Vec<(f32, f32)> = boxes.iter().map(|b| (b.x0, b.x1)).collect();
    extents.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f32, f32)> = Vec::new();
    for (x0, x1) in extents {
        match merged.last_mut() {
            Some(m) if x0 <= m.1 + GRID_GUTTER => m.1 = m.1.max(x1),
            _ => merged.push((x0, x1)),
        }
    }
    for pair in merged.windows(2) {
        let x = (pair[0].1 + pair[1].0) / 2.0;
        let (left, right): (Vec<&Rect>, Vec<&Rect>) = boxes.iter().partition(|b| b.x1 <= x);
        let side_by_side = left
            .iter()
            .any(|l| right.iter().any(|r| l.y0 < r.y1 && r.y0 < l.y1));
        if !side_by_side {
            continue;
        }
        for (y0, y1, seg) in segments(free, &[], x, size) {
            let held = |b: &&&Rect| b.y0 >= y0 && b.y1 <= y1;
            if left.iter().any(|b| held(&b)) && right.iter().any(|b| held(&b)) {
                let top = boxes
                    .iter()
                    .filter(|b| b.y0 >= y0 && b.y1 <= y1)
                    .map(|b| b.y0)
                    .fold(f32::INFINITY, f32::min);
                let (l0, r1) = (
                    left.iter().map(|b| b.x0).fold(f32::INFINITY, f32::min),
                    right.iter().map(|b| b.x1).fold(f32::NEG_INFINITY, f32::max),
                );
                spans.push((x, y0.max(columns_top(&seg, x, (l0, r1), top, size)), y1));
            }
        }
    }
    spans
}

/// Where the page columns of grids set side by side at `x` begin, the grids' top at
/// `top`: at the grids, or higher where text stands over the grids on both sides (each
/// grid's heading and note, within the grids' outer edges `(l0, r1)`), as high as the
/// lower of the two sides' text goes.
fn columns_top(lines: &[Line], x: f32, (l0, r1): (f32, f32), top: f32, size: f32) -> f32 {
    let highest = |left: bool| {
        lines
            .iter()
            .filter(|l| l.bottom <= top + 1.0)
            .filter(|l| {
                l.words.iter().any(|w| {
                    if left {
                        w.x1 <= x && w.x0 >= l0 - size
                    } else {
                        w.x0 >= x && w.x1 <= r1 + size
                    }
                })
            })
            .map(|l| l.top)
            .fold(f32::INFINITY, f32::min)
    };
    let both = highest(true).max(highest(false));
    if both.is_finite() {
        both - 1.0
    } else {
        top - size
    }
}

/// The typical type size of the lines.
fn median_size(lines: &[Line]) -> f32 {
    let mut sizes: Vec<f32> = lines
        .iter()
        .flat_map(|l| l.words.iter().map(|w| w.size))
        .collect();
    sizes.sort_by(f32::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(10.0).max(1.0)
}

/// The white vertical strips inside the page that few lines cross (text across the
/// page aside), each bounded by text on both sides: their middles and widths.
fn candidates(lines: &[Line], width: f32, size: f32) -> Vec<(f32, f32)> {
    let bins = width.ceil() as usize + 1;
    let mut coverage = vec![0u32; bins];
    // From the first line with text in two places to the last: the lines above and below
    // (a title, an intro, the end of one column) cannot show where the gutters are.
    // (Where one line at most has, the columns' lines sit on baselines of their own, a
    // sidebar beside the text: all lines count.)
    let two: Vec<usize> = (0..lines.len())
        .filter(|&k| runs(&lines[k], size).len() >= 2)
        .collect();
    let lines = match two[..] {
        [first, .., last] => &lines[first..=last],
        _ => lines,
    };
    for line in lines {
        let mut marked = vec![false; bins];
        for run in runs(line, size) {
            let (x0, x1) = (run[0].x0, run[run.len() - 1].x1);
            if x1 - x0 > 0.6 * width {
                continue; // text across the page: a full-width part, not a column
            }
            let a = (x0.max(0.0) as usize).min(bins - 1);
            let b = (x1.max(0.0).ceil() as usize).min(bins - 1);
            marked[a..=b].iter_mut().for_each(|m| *m = true);
        }
        for (c, m) in coverage.iter_mut().zip(marked) {
            *c += u32::from(m);
        }
    }
    let allowed = (lines.len() / 10) as u32;
    let (lo, hi) = ((width * 0.1) as usize, (width * 0.9) as usize);
    let least = (0.5 * size).max(6.0) as usize;
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut text = false;
    for (b, &c) in coverage.iter().enumerate().take(hi + 1).skip(lo) {
        if c <= allowed {
            if text {
                start.get_or_insert(b);
            }
        } else if let Some(s) = start.take() {
            if b - s >= least {
                // The middle of the emptiest part of the strip.
                let min = coverage[s..b].iter().copied().min().unwrap_or(0);
                let first = s + coverage[s..b].iter().position(|&v| v == min).unwrap_or(0);
                let len = coverage[first..b].iter().take_while(|&&v| v == min).count();
                out.push((first as f32 + len as f32 / 2.0, (b - s) as f32));
            }
        } else {
            text = true;
        }
    }
    out
}

/// A line's runs of words a word space apart.
fn runs(line: &Line, size: f32) -> Vec<&[Word]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=line.words.len() {
        if i == line.words.len() || line.words[i].x0 - line.words[i - 1].x1 > size {
            out.push(&line.words[start..i]);
            start = i;
        }
    }
    out
}

/// Whether a line crosses `x`: a word over it, or words on both sides a word space apart.
fn crosses(line: &Line, x: f32, size: f32) -> bool {
    let left = line
        .words
        .iter()
        .filter(|w| w.x1 <= x)
        .map(|w| w.x1)
        .fold(f32::NAN, f32::max);
    let right = line
        .words
        .iter()
        .filter(|w| w.x0 >= x)
        .map(|w| w.x0)
        .fold(f32::NAN, f32::min);
    line.words.iter().any(|w| w.x0 < x - 0.5 && w.x1 > x + 0.5) || right - left < size
}

/// The stretches of the page between the lines and grids that cross `x`, each with the
/// lines in it: from the bottom of one crossing to the top of the next (the page's
/// ends are open).
fn segments(lines: &[Line], boxes: &[Rect], x: f32, size: f32) -> Vec<(f32, f32, Vec<Line>)> {
    let mut breaks: Vec<(f32, f32)> = lines
        .iter()
        .filter(|l| crosses(l, x, size))
        .map(|l| (l.top, l.bottom))
        .collect();
    breaks.extend(
        boxes
            .iter()
            .filter(|b| b.x0 < x - 1.0 && b.x1 > x + 1.0)
            .map(|b| (b.y0, b.y1)),
    );
    breaks.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = Vec::new();
    let mut from = f32::NEG_INFINITY;
    for (top, bottom) in breaks.into_iter().chain([(f32::INFINITY, f32::INFINITY)]) {
        let inside: Vec<Line> = lines
            .iter()
            .filter(|l| l.top >= from && l.bottom <= top && !crosses(l, x, size))
            .cloned()
            .collect();
        if !inside.is_empty() {
            out.push((from, top, inside));
        }
        from = from.max(bottom);
    }
    out
}

/// The words of a line next to `x` on one side: the run of words from the one nearest
/// `x` outwards while they are a word space apart (the column's text on that line).
fn beside(line: &Line, x: f32, left: bool, size: f32) -> Vec<&Word> {
    let mut side: Vec<&Word> = line
        .words
        .iter()
        .filter(|w| if left { w.x1 <= x } else { w.x0 >= x })
        .collect();
    if left {
        side.reverse();
    }
    let mut run: Vec<&Word> = Vec::new();
    for w in side {
        if let Some(p) = run.last() {
            let gap = if left { p.x0 - w.x1 } else { w.x0 - p.x1 };
            if gap > size {
                break;
            }
        }
        run.push(w);
    }
    run
}

/// Whether the strip at `x`, `wide` points wide, is a gutter over these lines: running
/// text that keeps to a column's edge on both sides, with paragraphs that do not start
/// side by side (as a table's rows do); or, across a strip of two letters and more,
/// a column of running text (eight long lines and more) on one side beside anything (a
/// table set in the next column) whose rows do not start with its paragraphs.
fn gutter_between(lines: &[Line], x: f32, wide: f32, size: f32) -> bool {
    let (left, right) = (side(lines, x, true, size), side(lines, x, false, size));
    // (Page columns share one width; a table's columns are cut to their content.)
    let even = (left.width - right.width).abs() <= 0.2 * left.width.max(right.width);
    if left.column && right.column && even {
        return !rows_side_by_side(lines, x, size);
    }
    let enough = (lines.len() / 4).max(8);
    wide >= 2.0 * size
        && ((left.column && left.long >= enough) || (right.column && right.long >= enough))
        && !rows_side_by_side(lines, x, size)
}

/// Whether the text on one side of `x` is a sidebar: all of it inside shaded panels,
/// two and more stacked with the same left and right edges or one strip as tall as half
/// the text beside it, none reaching across `x`, beside three lines and more of text on
/// the other side.
fn sidebar(lines: &[Line], x: f32, panels: &[Rect]) -> bool {
    let words = |left: bool| {
        lines
            .iter()
            .flat_map(|l| l.words.iter())
            .filter(move |w| if left { w.x1 <= x } else { w.x0 >= x })
    };
    let lines_on = |left: bool| {
        lines
            .iter()
            .filter(|l| {
                l.words
                    .iter()
                    .any(|w| if left { w.x1 <= x } else { w.x0 >= x })
            })
            .count()
    };
    let extent = |left: bool| {
        let (mut top, mut bottom) = (f32::INFINITY, f32::NEG_INFINITY);
        for w in words(left) {
            top = top.min(w.top);
            bottom = bottom.max(w.bottom);
        }
        (bottom - top).max(0.0)
    };
    [true, false].into_iter().any(|left| {
        let mut held: Vec<&Rect> = Vec::new();
        for w in words(left) {
            let (cx, cy) = ((w.x0 + w.x1) / 2.0, (w.top + w.bottom) / 2.0);
            match panels.iter().find(|p| p.contains(cx, cy)) {
                Some(p) if p.x0 > x - 0.5 || p.x1 < x + 0.5 => {
                    if !held.iter().any(|h| std::ptr::eq(*h, p)) {
                        held.push(p);
                    }
                }
                _ => return false,
            }
        }
        let aligned = held
            .windows(2)
            .all(|w| (w[0].x0 - w[1].x0).abs() <= 2.0 && (w[0].x1 - w[1].x1).abs() <= 2.0);
        // (One shaded strip down the page is a sidebar too, where it runs at least half
        // the height of the text beside it.)
        let tall = |p: &Rect| p.y1 - p.y0 >= 0.5 * extent(!left);
        let strip = held.len() == 1 && tall(held[0]);
        (held.len() >= 2 && aligned || strip) && lines_on(!left) >= 3
    })
}

/// Whether shaded boxes stand on both sides of `x` among these lines (fact boxes of
/// cards set in two page columns), two and more on each side, most of them not level
/// with one on the other side: a table's shaded cells line up row by row, the boxes of
/// two columns of cards drift apart.
fn boxes_apart(lines: &[Line], x: f32, panels: &[Rect], size: f32) -> bool {
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return false;
    };
    let (y0, y1) = (first.top - size, last.bottom + size);
    let tops = |left: bool| -> Vec<f32> {
        panels
            .iter()
            .filter(|p| p.y0 >= y0 && p.y1 <= y1)
            .filter(|p| if left { p.x1 <= x } else { p.x0 >= x })
            .map(|p| p.y0)
            .collect()
    };
    let (left, right) = (tops(true), tops(false));
    let level = left
        .iter()
        .filter(|&&a| right.iter().any(|&b| (a - b).abs() <= size))
        .count();
    left.len() >= 2 && right.len() >= 2 && level * 2 < left.len().min(right.len())
}

/// What the text on one side of a strip looks like.
struct Side {
    /// Lines of four words and more beside the strip.
    long: usize,
    /// How wide its text runs, from the strip's side to the farthest word.
    width: f32,
    /// Whether it reads as a column's running text: three such lines and more, a quarter
    /// of its lines (a table's cells hold a word or two), keeping to the column's edge
    /// at the strip (lines right of it start at one left edge; lines left of it mostly
    /// run to near it: right-aligned figures and short labels are a table's cells).
    column: bool,
}

/// The text beside the strip at `x` on one side.
fn side(lines: &[Line], x: f32, left: bool, size: f32) -> Side {
    let runs: Vec<Vec<&Word>> = lines
        .iter()
        .map(|l| beside(l, x, left, size))
        .filter(|r| !r.is_empty())
        .collect();
    let long = runs.iter().filter(|r| r.len() >= 4).count();
    // The edge at the strip of each line: where it starts (right side) or ends (left).
    let near: Vec<f32> = runs
        .iter()
        .map(|r| if left { r[0].x1 } else { r[0].x0 })
        .collect();
    let far: Vec<f32> = runs
        .iter()
        .map(|r| {
            if left {
                r[r.len() - 1].x0
            } else {
                r[r.len() - 1].x1
            }
        })
        .collect();
    // The width of its running text: the middle extent of its long lines (a stray line
    // that runs on into the next column aside), else of all its lines.
    let mut extents: Vec<f32> = runs
        .iter()
        .zip(near.iter().zip(&far))
        .filter(|(r, _)| r.len() >= 4)
        .map(|(_, (n, f))| (n - f).abs())
        .collect();
    if extents.is_empty() {
        extents = near.iter().zip(&far).map(|(n, f)| (n - f).abs()).collect();
    }
    extents.sort_by(f32::total_cmp);
    let width = extents.get(extents.len() / 2).copied().unwrap_or(0.0);
    let kept = if left {
        let end = near.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let start = far.iter().copied().fold(f32::INFINITY, f32::min);
        let full = near
            .iter()
            .filter(|&&e| end - e <= 0.25 * (end - start))
            .count();
        full * 2 >= near.len()
    } else {
        let edge = near.iter().copied().fold(f32::INFINITY, f32::min);
        let aligned = near.iter().filter(|&&e| e - edge <= size).count();
        aligned * 5 >= near.len() * 4
    };
    Side {
        long,
        width: width.max(0.0),
        column: long >= 3 && long * 4 >= runs.len() && kept,
    }
}

/// Whether the paragraphs on both sides of `x` start at the same heights, as the cells
/// of a table's rows do (the first lines of the stretch aside: columns start together).
fn rows_side_by_side(lines: &[Line], x: f32, size: f32) -> bool {
    let top = lines[0].top;
    let tops = |left: bool| -> Vec<f32> {
        lines
            .iter()
            .filter(|l| !beside(l, x, left, size).is_empty())
            .map(|l| l.top)
            .collect()
    };
    let (left, right) = (tops(true), tops(false));
    // The line pitch: the closer of the two sides' usual pitches. A wider gap starts a
    // paragraph, or a row (where one side's cells are one line each, every row).
    let usual = |tops: &[f32]| {
        let mut pitches: Vec<f32> = tops.windows(2).map(|w| w[1] - w[0]).collect();
        pitches.sort_by(f32::total_cmp);
        pitches
            .get(pitches.len() / 2)
            .copied()
            .unwrap_or(f32::INFINITY)
    };
    let pitch = match usual(&left).min(usual(&right)) {
        p if p.is_finite() => p,
        _ => size,
    };
    let starts = |tops: &[f32]| -> Vec<f32> {
        tops.windows(2)
            .filter(|w| w[1] - w[0] > 1.3 * pitch)
            .map(|w| w[1])
            .filter(|&t| t > top + 3.0 * size)
            .collect()
    };
    let (l, r) = (starts(&left), starts(&right));
    let together = l
        .iter()
        .filter(|&&a| r.iter().any(|&b| (a - b).abs() <= 0.3 * size))
        .count();
    let fewer = l.len().min(r.len());
    together >= 1 && together * 10 >= fewer * 6
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line at `top` of 10-point words, each given as (text, left edge); a letter is
    /// 5 points wide.
    fn line(top: f32, words: &[(&str, f32)]) -> Line {
        crate::read::pdf::layout::test_line(top, 10.0, 5.0, words)
    }

    /// Words of one letter-run each, a word space (3 points) apart, from `x0`.
    fn run(x0: f32, words: &[&'static str]) -> Vec<(&'static str, f32)> {
        let mut x = x0;
        words
            .iter()
            .map(|w| {
                let at = x;
                x += 5.0 * w.chars().count() as f32 + 3.0;
                (*w, at)
            })
            .collect()
    }

    #[test]
    fn two_columns_of_running_text_have_a_gutter() {
        // Paragraphs of four lines, the right column's starting half a paragraph later.
        let mut lines = Vec::new();
        for i in 0..16 {
            let top = 100.0 + 13.0 * i as f32 + if i >= 4 { 8.0 } else { 0.0 };
            let mut words = run(50.0, &["ord", "som", "går", "vidare", "i", "texten"]);
            let top_right = if (2..6).contains(&i) { top + 8.0 } else { top };
            let right = run(330.0, &["og", "mer", "tekst", "som", "går", "her"]);
            if top_right == top {
                words.extend(right);
                lines.push(line(top, &words));
            } else {
                lines.push(line(top, &words));
                lines.push(line(top_right, &right));
            }
        }
        lines.sort_by(|a, b| a.top.total_cmp(&b.top));
        let columns = find(&lines, 600.0, &[], &[]).expect("a gutter");
        assert_eq!(columns.key(100.0, 150.0).1, 0);
        assert_eq!(columns.key(400.0, 150.0).1, 1);
    }

    #[test]
    fn tables_set_side_by_side_under_their_headings_are_page_columns() {
        // Two grids in each half of the page, a heading over each; a footer across.
        let grid = |x0: f32, y0: f32| Rect {
            x0,
            y0,
            x1: x0 + 240.0,
            y1: y0 + 120.0,
        };
        let boxes = [
            grid(40.0, 120.0),
            grid(310.0, 120.0),
            grid(40.0, 300.0),
            grid(310.0, 300.0),
        ];
        let mut lines = Vec::new();
        for (top, left, right) in [
            (100.0, "Skolvägar", "Centrum"),
            (280.0, "Cykelnät", "Vinter"),
        ] {
            let mut words = run(40.0, &["1", left]);
            words.extend(run(310.0, &["3", right]));
            lines.push(line(top, &words));
        }
        for k in 0..8 {
            let top = 130.0 + 12.0 * k as f32;
            let mut words = run(45.0, &["1.1", "cell"]);
            words.extend(run(315.0, &["3.1", "cell"]));
            lines.push(line(top, &words));
        }
        lines.push(line(
            600.0,
            &run(
                40.0,
                &[
                    "Kommunen", "·", "Plan", "för", "gång", "och", "cykel", "2026",
                ],
            ),
        ));
        lines.sort_by(|a, b| a.top.total_cmp(&b.top));
        let columns = find(&lines, 600.0, &boxes, &[]).expect("columns");
        assert_eq!(columns.key(100.0, 100.0).1, 0);
        assert_eq!(columns.key(400.0, 100.0).1, 1);
        assert_eq!(columns.key(400.0, 280.0).1, 1);
    }

    #[test]
    fn a_label_column_beside_wrapped_cells_is_a_table_not_page_columns() {
        // A table: a one-line label on the left, a cell of running text wrapped over
        // three lines on the right, every row starting on both sides at once.
        let mut lines = Vec::new();
        for row in 0..6 {
            let top = 100.0 + 50.0 * row as f32;
            let mut first = run(50.0, &["Område"]);
            first.extend(run(180.0, &["Vi", "ska", "göra", "detta", "under", "året"]));
            lines.push(line(top, &first));
            for k in 1..3 {
                let wrapped = run(180.0, &["och", "även", "detta", "som", "följer", "på"]);
                lines.push(line(top + 13.0 * k as f32, &wrapped));
            }
        }
        assert!(find(&lines, 600.0, &[], &[]).is_none());
    }

    #[test]
    fn a_stack_of_shaded_boxes_beside_the_text_is_a_sidebar() {
        // Text on the left; on the right, on baselines of their own, two shaded boxes of
        // a label over a value each.
        let mut lines: Vec<Line> = (0..8)
            .map(|i| {
                line(
                    100.0 + 14.0 * i as f32,
                    &run(50.0, &["tekst", "i", "hovedspalten"]),
                )
            })
            .collect();
        for (top, text) in [
            (104.0, "Ansvar"),
            (117.0, "Eiendom"),
            (160.0, "Tidsplan"),
            (173.0, "2027"),
        ] {
            lines.push(line(top, &[(text, 390.0)]));
        }
        lines.sort_by(|a, b| a.top.total_cmp(&b.top));
        let panel = |y0: f32| Rect {
            x0: 380.0,
            y0,
            x1: 540.0,
            y1: y0 + 40.0,
        };
        assert!(find(&lines, 600.0, &[], &[]).is_none());
        let columns = find(&lines, 600.0, &[], &[panel(98.0), panel(154.0)]).expect("a sidebar");
        assert_eq!(columns.key(400.0, 120.0).1, 1);
        assert_eq!(columns.key(100.0, 120.0).1, 0);
    }

    #[test]
    fn a_sheet_with_two_consecutive_folios_one_in_each_half_is_a_spread() {
        // An A3 landscape sheet (1190 × 842): the left page's text, the right page's,
        // and their folios at the foot.
        let mut lines = vec![
            line(60.0, &[("Forord", 60.0)]),
            line(60.0, &[("Slik", 660.0), ("leser", 690.0)]),
            line(80.0, &[("Programmet", 60.0), ("rulleres", 120.0)]),
            line(810.0, &[("2", 60.0), ("Grimstad", 70.0)]),
            line(810.0, &[("Handlingsprogram", 1000.0), ("3", 1100.0)]),
        ];
        assert_eq!(spread(&lines, 1190.0, 842.0, 0.06), Some(595.0));
        let columns = Columns::spread(595.0, None, None);
        // The whole left page reads before the right one, whatever the heights.
        assert!(columns.key(60.0, 700.0) < columns.key(660.0, 60.0));
        assert_ne!(columns.group(60.0, 80.0), columns.group(660.0, 80.0));
        // Folios that do not follow each other, a portrait page, or text across the
        // middle: no spread.
        assert_eq!(spread(&lines, 842.0, 1190.0, 0.06), None);
        let mut far = lines.clone();
        far[4] = line(810.0, &[("Handlingsprogram", 1000.0), ("7", 1100.0)]);
        assert_eq!(spread(&far, 1190.0, 842.0, 0.06), None);
        lines.push(line(400.0, &[("across", 580.0)]));
        assert_eq!(spread(&lines, 1190.0, 842.0, 0.06), None);
    }
}
