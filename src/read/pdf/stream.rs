//! Unruled tables from text alignment: runs of lines that break into several aligned
//! chunks, columns where no chunk of those lines lies, one row per line.

use super::content::Segment;
use super::grid::{Grid, GridCell, Rect};
use super::layout::{chunks, Chunk, Line};
use super::ruled_header;

/// Gap between words, in font sizes, that separates chunks (cells) on a line.
pub const CHUNK_GAP: f32 = 0.9;
/// Narrowest white gap that separates columns, in points.
const MIN_COLUMN_GAP: f32 = 2.5;

/// A table found in text: its grid and the indices of the lines it holds.
pub struct Found {
    /// Geometry and cells.
    pub grid: Grid,
    /// The lines of the table, in order, one per row.
    pub lines: Vec<usize>,
    /// The chunks of each of those lines.
    pub chunks: Vec<Vec<Chunk>>,
    /// The grid row each line belongs to (wrapped cell lines share a row).
    pub row_of: Vec<usize>,
}

/// Finds unruled tables among `lines` (sorted top to bottom). `skip` marks lines that
/// belong to other tables already.
#[cfg(test)]
pub fn detect(lines: &[Line], skip: &[bool]) -> Vec<Found> {
    detect_ruled(lines, skip, &[])
}

/// Finds unruled tables among `lines` (sorted top to bottom; `skip` marks lines of other
/// tables already), where the page's horizontal `rules` part rows and set off a header
/// ([`super::ruled_header`]).
pub fn detect_ruled(lines: &[Line], skip: &[bool], rules: &[Segment]) -> Vec<Found> {
    let chunked: Vec<Vec<Chunk>> = lines
        .iter()
        .map(|l| with_bullet_joined(l, split_figures(l, chunks(l, CHUNK_GAP))))
        .collect();
    let multi = |i: usize| !skip[i] && chunked[i].len() >= 2;
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !multi(i) {
            i += 1;
            continue;
        }
        // Grow the run: multi-chunk lines; single lines indented from the table's left
        // edge (wrapped cell text); and up to two single lines at the edge between them.
        // Indented single lines just above the run (a row split by the page) lead it.
        let mut left = lines[i].x0();
        let mut right = lines[i].x1();
        let mut run = Vec::new();
        let mut back = i;
        while back > 0
            && !skip[back - 1]
            && chunked[back - 1].len() == 1
            && lines[back - 1].x0() > left + 8.0
            && close(&lines[back - 1], &lines[back])
            && i - back < 3
        {
            back -= 1;
        }
        // A section row at the table's left edge opens it where a page break left it
        // above the first row: one bold line of the table's size, set tight above it.
        if back == i
            && back > 0
            && !skip[back - 1]
            && chunked[back - 1].len() == 1
            && lines[back - 1].words.iter().all(|w| w.bold)
            && (lines[back - 1].x0() - left).abs() <= 8.0
            && same_size(lines[back - 1].size(), lines[i].size())
            && close(&lines[back - 1], &lines[i])
            && starts_page_run(lines, back - 1)
        {
            back -= 1;
        }
        run.extend(back..=i);
        let mut j = i + 1;
        while j < lines.len() && !skip[j] && close(&lines[j - 1], &lines[j]) {
            if multi(j) {
                left = left.min(lines[j].x0());
                right = right.max(lines[j].x1());
                run.push(j);
                j += 1;
                continue;
            }
            if lines[j].x0() > left + 8.0 {
                run.push(j);
                j += 1;
                continue;
            }
            // Lines in the first column alone (rows with nothing beside their first
            // cell: an organisation of a matrix without a role) go on as long as the
            // table does: any number of them before the next row of several cells, and
            // after the last one where such rows stood between its rows already.
            if first_cell_only(lines, &chunked, &run, j) {
                let more = (j + 1..lines.len())
                    .take_while(|&m| {
                        !skip[m]
                            && close(&lines[m - 1], &lines[m])
                            && same_size(lines[m].size(), lines[j].size())
                    })
                    .find(|&m| !first_cell_only(lines, &chunked, &run, m));
                let sparse = run.iter().any(|&k| chunked[k].len() == 1)
                    && same_size(lines[j].size(), lines[run[run.len() - 1]].size());
                match more {
                    Some(m) if multi(m) && same_size(lines[m].size(), lines[j].size()) => {
                        run.extend(j..m);
                        j = m;
                        continue;
                    }
                    _ if sparse
                        && (even_pitch(lines, &run, j) || wrapped_under(lines, &run, j)) =>
                    {
                        run.push(j);
                        j += 1;
                        continue;
                    }
                    _ => {}
                }
            }
            // Across one or two lines at the edge (a section row, a note), or up to four
            // short labels (a wrapped name, a section and its subsection: `Native`,
            // `Sex, by race`, `Male`), the table goes on only in lines of its own type
            // size: text of another size below them (the page's running text, set in
            // columns) is not more rows.
            let short = |m: usize| lines[m].x1() - lines[m].x0() < 0.3 * (right - left);
            let reach = if (j..(j + 4).min(lines.len()))
                .take_while(|&m| !multi(m))
                .all(short)
            {
                5
            } else {
                3
            };
            let lookahead = (j + 1..(j + reach).min(lines.len())).find(|&k| multi(k));
            let last_size = lines[*run.last().unwrap_or(&i)].size();
            // The run's header set again after lines of text is the next table's header:
            // the text between is not rows (a card's heading and description between two
            // matrices).
            let header_again = |k: usize| {
                let texts = |m: usize| -> Vec<String> {
                    chunked[m].iter().map(|c| lines[m].chunk_text(c)).collect()
                };
                texts(k) == texts(run[0])
            };
            match lookahead {
                Some(k)
                    if same_size(lines[k].size(), last_size)
                        && !header_again(k)
                        // A heading set larger than the table's text ends it.
                        && (j..k).all(|m| !larger(lines[m].size(), last_size))
                        && (j..k).all(|m| !skip[m])
                        && (j..=k).all(|m| close(&lines[m - 1], &lines[m])) =>
                {
                    run.extend(j..=k);
                    j = k + 1;
                }
                _ => break,
            }
        }
        // The last row's text wrapped onto lines of its own under it, at the table's
        // line pitch and inside one of the row's cells: the rest of that row (in the
        // first cell only where it reads as the rest of a phrase).
        if let Some(&row) = run.iter().rev().find(|&&k| chunked[k].len() >= 2) {
            let cells = &chunked[row];
            while j < lines.len() && !skip[j] && chunked[j].len() == 1 {
                let (prev, line) = (&lines[run[run.len() - 1]], &lines[j]);
                let tight = line.top > prev.top
                    && line.top - prev.bottom < 0.6 * line.size()
                    && same_size(line.size(), prev.size());
                let cell = cells.iter().enumerate().position(|(c, ch)| {
                    line.x0() >= ch.x0 - 2.0
                        && cells.get(c + 1).is_none_or(|n| line.x1() < n.x0 - 2.0)
                });
                let rest = |t: &str| crate::text::starts_lowercase(t) || t.starts_with('(');
                match cell {
                    Some(c) if tight && (c > 0 || rest(&line.text())) => {
                        run.push(j);
                        j += 1;
                    }
                    _ => break,
                }
            }
        }
        i = j;
        let mut rest: &[usize] = &run;
        while let Some(cut) = stacked(lines, &chunked, rules, rest) {
            out.extend(table_of(lines, &chunked, rules, &rest[..cut]));
            rest = &rest[cut..];
        }
        out.extend(table_of(lines, &chunked, rules, rest));
    }
    out
}

/// A line's chunks with each lone bullet sign joined to the text right after it: a list
/// item set with a hanging indent (`•` and its text a tab apart, also inside a cell) is
/// one piece of text, not two columns. The text must follow within two and a half
/// letter heights (a sign standing in a column of its own is farther from its
/// neighbour).
pub(super) fn with_bullet_joined(line: &Line, chunks: Vec<Chunk>) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::with_capacity(chunks.len());
    let mut sign: Option<Chunk> = None;
    for c in chunks {
        if let Some(s) = sign.take() {
            let size = line.words[c.first].size.max(1.0);
            let opens_text = line.words[c.first]
                .text
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            if opens_text && c.x0 - s.x1 <= 2.5 * size {
                out.push(Chunk {
                    x0: s.x0,
                    first: s.first,
                    ..c
                });
                continue;
            }
            out.push(s);
        }
        if crate::text::is_bullet_sign(&line.chunk_text(&c)) {
            sign = Some(c);
        } else {
            out.push(c);
        }
    }
    out.extend(sign);
    out
}

/// The table of a run of lines, if it has one. A caption or title line on top of the run
/// can hide the columns: it is dropped and the rest tried again.
fn table_of(
    lines: &[Line],
    chunked: &[Vec<Chunk>],
    rules: &[Segment],
    run: &[usize],
) -> Option<Found> {
    let multi_count = run.iter().filter(|&&k| chunked[k].len() >= 2).count();
    if multi_count < 2 {
        return None;
    }
    (0..3.min(run.len())).find_map(|drop| build(lines, chunked, rules, &run[drop..]))
}

/// Where a run holds two tables stacked one over the other: the widest space between its
/// lines (well over their usual spacing), when the lines below it open with a header
/// line of the run's own opening lines (the header set again), the lines above and
/// below are each a table, and their columns do not line up. A table whose row groups
/// are set apart by space (`Actual`, `Projected`) stays one.
fn stacked(
    lines: &[Line],
    chunked: &[Vec<Chunk>],
    rules: &[Segment],
    run: &[usize],
) -> Option<usize> {
    let pitches: Vec<f32> = run
        .windows(2)
        .map(|w| lines[w[1]].top - lines[w[0]].top)
        .collect();
    if pitches.len() < 5 {
        return None;
    }
    let mut sorted = pitches.clone();
    sorted.sort_by(f32::total_cmp);
    let usual = sorted[sorted.len() / 2];
    let (widest, &pitch) = pitches
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))?;
    if pitch < 1.6 * usual {
        return None;
    }
    let cut = widest + 1;
    // The lines below the space open as the run does (the header again).
    let opening = |part: &[usize]| -> Vec<String> {
        part.iter()
            .take(3)
            .filter_map(|&k| {
                let c = chunked[k].first()?;
                let text = lines[k].chunk_text(c);
                (!figure(&text) && text.chars().any(char::is_alphabetic)).then_some(text)
            })
            .collect()
    };
    let top = opening(run);
    if !opening(&run[cut..]).iter().any(|t| top.contains(t)) {
        return None;
    }
    let above = table_of(lines, chunked, rules, &run[..cut])?;
    let below = table_of(lines, chunked, rules, &run[cut..])?;
    let aligned = above.grid.n_cols == below.grid.n_cols
        && fits(&above.grid.xs, &below.chunks)
        && fits(&below.grid.xs, &above.chunks);
    (!aligned).then_some(cut)
}

/// Whether the inner column boundaries `xs` run clear of the text of `rows` (each a
/// line's chunks), save a few lines that cross (a header wider than its column).
fn fits(xs: &[f32], rows: &[Vec<Chunk>]) -> bool {
    let inner = &xs[1..xs.len().saturating_sub(1).max(1)];
    let crossing = rows
        .iter()
        .filter(|row| {
            row.len() >= 2
                && row
                    .iter()
                    .any(|c| inner.iter().any(|&x| c.x0 + 1.0 < x && x < c.x1 - 1.0))
        })
        .count();
    crossing as f32 <= (rows.len() as f32 * 0.15).max(1.0)
}

/// Whether a word is a figure: digits with the signs that go with them (`1,205`,
/// `(13.8–17.1)`, `45%`, `−3`), and no letters.
fn figure(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || ".,%()[]–—-−+±/:".contains(c))
}

/// Whether `next` continues the number `prev` as a thousands group set off by a space
/// (`12 500`, `1 000 000`, `2 500,50`), as Nordic and French texts write them.
fn thousands_group(prev: &str, next: &str) -> bool {
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let group = next.split([',', '.']).next().unwrap_or(next);
    let lead = prev.trim_start_matches(['(', '−', '-', '+']);
    group.len() == 3 && digits(group) && !lead.is_empty() && digits(lead) && lead.len() <= 3
}

/// Splits a chunk between two figures that follow each other (`1,205 52.7`): numbers
/// set in neighbouring columns of a tight table sit closer than a word gap, while a
/// phrase never holds two numbers in a row, save a number in thousands groups.
fn split_figures(line: &Line, chunks: Vec<Chunk>) -> Vec<Chunk> {
    let mut out = Vec::with_capacity(chunks.len());
    for c in chunks {
        let mut first = c.first;
        for i in c.first + 1..c.end {
            let (prev, w) = (&line.words[i - 1].text, &line.words[i].text);
            if figure(prev) && figure(w) && !thousands_group(prev, w) {
                out.push(span(line, first, i));
                first = i;
            }
        }
        out.push(span(line, first, c.end));
    }
    out
}

/// The chunk of words `first..end` of a line.
fn span(line: &Line, first: usize, end: usize) -> Chunk {
    let words = &line.words[first..end];
    Chunk {
        x0: words.iter().map(|w| w.x0).fold(f32::INFINITY, f32::min),
        x1: words.iter().map(|w| w.x1).fold(f32::NEG_INFINITY, f32::max),
        first,
        end,
    }
}

/// Splits chunks where a column separator falls in a gap between their words. On a line
/// of several cells, a chunk is also split before a word that starts where the next
/// column's text starts (the separator's right edge): a narrow cell's text run on to
/// within a word space of its neighbour (`Ungdomsråd med` `Kultur`).
fn split_at(chunks: &[Chunk], line: &Line, seps: &[(f32, f32)]) -> Vec<Chunk> {
    let multi = chunks.len() >= 2;
    let mut out = Vec::new();
    for c in chunks {
        let mut cur = Chunk {
            x0: line.words[c.first].x0,
            x1: line.words[c.first].x1,
            first: c.first,
            end: c.first + 1,
        };
        for i in c.first + 1..c.end {
            let (prev, w) = (&line.words[i - 1], &line.words[i]);
            let space = 0.15 * w.size.max(1.0);
            let cut = seps.iter().any(|&(a, b)| {
                let mid = (a + b) / 2.0;
                (prev.x1 <= mid && w.x0 >= mid)
                    || (multi && (w.x0 - b).abs() <= 1.0 && w.x0 - prev.x1 >= space)
            });
            if cut {
                out.push(cur.clone());
                cur = Chunk {
                    x0: w.x0,
                    x1: w.x1,
                    first: i,
                    end: i + 1,
                };
            } else {
                cur.x1 = cur.x1.max(w.x1);
                cur.end = i + 1;
            }
        }
        out.push(cur);
    }
    out
}

/// Whether a line continues the row above (a cell's text wrapped onto a new line): its
/// first column is empty, each of its cells lies under a cell of the row, and it is not
/// a row of numbers. A line with text in the first column continues the row when each of
/// its cells reads as the rest of a phrase (lower case, a parenthesis).
fn continues(prev: &[GridCell], cells: &[GridCell], texts: &[String]) -> bool {
    let Some(first) = cells.first() else {
        return false;
    };
    let under = cells.iter().all(|c| {
        prev.iter()
            .any(|p| p.col <= c.col && c.col < p.col + p.col_span)
    });
    if !under
        || texts
            .iter()
            .all(|t| t.chars().any(|ch| ch.is_ascii_digit()) && !t.chars().any(char::is_alphabetic))
    {
        return false;
    }
    let key = prev.iter().map(|p| p.col).min().unwrap_or(0);
    if first.col > key {
        return true;
    }
    // Text in the first column too: the line continues the row when every one of its
    // cells reads as the rest of a phrase (several cells wrapped at once:
    // `nærområdene | | | ferdige.`).
    let rest = |t: &String| crate::text::starts_lowercase(t) || t.starts_with('(');
    !texts.is_empty() && texts.iter().all(rest)
}

/// Whether line `j` stands in the first column of the table that `run` has grown so far
/// and in no other: it starts at the table's left edge and ends before every second cell
/// of the run's lines of several cells.
fn first_cell_only(lines: &[Line], chunked: &[Vec<Chunk>], run: &[usize], j: usize) -> bool {
    if chunked[j].len() != 1 {
        return false;
    }
    let rows = run.iter().filter(|&&k| chunked[k].len() >= 2);
    let left = rows
        .clone()
        .map(|&k| chunked[k][0].x0)
        .fold(f32::INFINITY, f32::min);
    let second = rows
        .map(|&k| chunked[k][1].x0)
        .fold(f32::INFINITY, f32::min);
    let line = &lines[j];
    second.is_finite() && (line.x0() - left).abs() <= 4.0 && line.x1() < second - MIN_COLUMN_GAP
}

/// Whether line `j` stands much closer under the run's last line than the run's rows
/// stand to each other: the last row's text wrapped.
fn wrapped_under(lines: &[Line], run: &[usize], j: usize) -> bool {
    let last = &lines[run[run.len() - 1]];
    median_pitch(lines, run)
        .is_some_and(|p| lines[j].top > last.top && lines[j].top - last.top < 0.75 * p)
}

/// The leading of a run whose rows are set apart by more: the least top-to-top distance
/// of its neighbouring lines, where two or more lines follow at it and two or more rows
/// stand farther apart (by a fifth of a type size or more: a cell's padding); `None`
/// where the lines are evenly set.
fn row_leading(lines: &[Line], run: &[usize]) -> Option<f32> {
    let size = lines[run[0]].size().max(1.0);
    let gaps: Vec<f32> = run
        .windows(2)
        .map(|w| lines[w[1]].top - lines[w[0]].top)
        .filter(|g| *g > 0.0)
        .collect();
    let least = gaps.iter().copied().fold(f32::INFINITY, f32::min);
    let near = gaps.iter().filter(|g| **g <= least + 0.1 * size).count();
    let apart = gaps.iter().filter(|g| **g >= least + 0.2 * size).count();
    (least.is_finite() && near >= 2 && apart >= 2).then_some(least)
}

/// Whether a cell's text on a line reads as the rest of the text `above` it in its
/// column: it opens in lower case, with a bracket or a dash before a word (not a
/// figure's sign), it is the rest of a number broken after its dot (`1` under `1.`), or
/// the text above cannot end where it stops.
fn reads_on(text: &str, above: Option<&str>) -> bool {
    let t = text.trim_start();
    let mut chars = t.chars();
    // A dash or bracket before a word: `– Q2 2027`, `(Helse)`; not `-`, `(106,870)`.
    let before_word = matches!(chars.next(), Some('–' | '-' | '—' | '('))
        && chars
            .find(|c| !c.is_whitespace())
            .is_some_and(char::is_alphabetic);
    let broken_number = above.is_some_and(|a| {
        let a = a.trim_end();
        a.ends_with('.')
            && a.len() <= 4
            && a[..a.len() - 1]
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.')
            && t.len() <= 3
            && t.chars().all(|c| c.is_ascii_digit())
    });
    // Under a text that cannot end where it stops (`Kultur- og`, `2025–`).
    let unfinished = above.is_some_and(crate::text::ends_unfinished);
    crate::text::starts_lowercase(t) || before_word || broken_number || unfinished
}

/// The median top-to-top distance between a run's neighbouring lines.
fn run_pitch(lines: &[Line], run: &[usize]) -> Option<f32> {
    let mut pitches: Vec<f32> = run
        .windows(2)
        .map(|w| lines[w[1]].top - lines[w[0]].top)
        .collect();
    pitches.sort_by(f32::total_cmp);
    pitches.get(pitches.len() / 2).copied()
}

/// The run's line pitch where rows are set apart from the lines of one cell: the median
/// top-to-top distance of three or more, when it is more than one and a half type sizes
/// (not a run of lines set at plain leading, where every line is a row).
fn median_pitch(lines: &[Line], run: &[usize]) -> Option<f32> {
    let size = lines[run[0]].size().max(1.0);
    run_pitch(lines, run).filter(|&p| run.len() >= 4 && p > 1.5 * size)
}

/// Whether line `j` follows the run's last line at the run's own line pitch (within a
/// fifth of a type size), so that it reads as one more row rather than a note under it.
fn even_pitch(lines: &[Line], run: &[usize], j: usize) -> bool {
    let last = &lines[run[run.len() - 1]];
    run_pitch(lines, run)
        .is_some_and(|pitch| (lines[j].top - last.top - pitch).abs() <= 0.2 * last.size().max(1.0))
}

/// Whether line `k` is the first of its page's body: no line above it but the running
/// header (lines far above it, at the page's top edge, set apart by more than a line).
fn starts_page_run(lines: &[Line], k: usize) -> bool {
    k == 0
        || lines[k - 1].bottom < lines[k].top - 2.5 * lines[k].size()
        || lines[k - 1].top > lines[k].top
}

/// Whether type of size `a` is set clearly larger than `b` (a heading over body text).
fn larger(a: f32, b: f32) -> bool {
    a > b * 1.2 + 0.5
}

/// Whether two type sizes are the same size as a reader sees it (within a tenth).
fn same_size(a: f32, b: f32) -> bool {
    (a - b).abs() <= 0.1 * a.max(b)
}

/// Whether `b` follows `a` closely enough to be in the same table.
fn close(a: &Line, b: &Line) -> bool {
    let size = a.size().max(b.size()).max(1.0);
    b.top - a.bottom < 2.2 * size && b.top > a.top - 0.5 * size
}

/// Column starts that the rows' text shows without a white gap down the table: an `x`
/// where the words of half the lines of several chunks and more (four at least) begin,
/// the first line (the header) among them, after words that differ from line to line,
/// no word of those lines running across it (save as many as a gap allows), and away
/// from the gaps found already. A column of
/// left-aligned cells whose neighbour's longer lines run on to within a word space of it
/// (`Complete the Kerava–Järvenpää cycle` `Urban Engineering`) starts there all the
/// same. Each is returned as a gap from the nearest word end before it to `x`.
fn aligned_starts(
    lines: &[Line],
    multi: &[usize],
    seps: &[(f32, f32)],
    allowed: u32,
) -> Vec<(f32, f32)> {
    const NEAR: f32 = 1.0;
    let need = (multi.len() / 2).max(4);
    let Some(&head) = multi.first() else {
        return Vec::new();
    };
    let mut found: Vec<(f32, f32)> = Vec::new();
    for (i, w) in lines[head].words.iter().enumerate().skip(1) {
        let x = w.x0;
        let space = 0.15 * w.size.max(1.0);
        if w.x0 - lines[head].words[i - 1].x1 < space
            || seps
                .iter()
                .any(|&(a, b)| x > a - 4.0 * space && x < b + 4.0 * space)
            || found.iter().any(|&(_, b)| (x - b).abs() < 4.0 * space)
        {
            continue;
        }
        let starts = multi
            .iter()
            .filter(|&&k| lines[k].words.iter().any(|v| (v.x0 - x).abs() <= NEAR))
            .count();
        // The text before the start differs from line to line (a cell's ragged end): the
        // same words in every line (`CITIBANK - TRAVEL CBA CARD`) are one phrase set
        // alike, not two columns.
        let mut before_texts: Vec<&str> = multi
            .iter()
            .filter_map(|&k| {
                let words = &lines[k].words;
                let at = words.iter().position(|v| (v.x0 - x).abs() <= NEAR)?;
                Some(words.get(at.checked_sub(1)?)?.text.as_str())
            })
            .collect();
        before_texts.sort_unstable();
        before_texts.dedup();
        if before_texts.len() < 2 {
            continue;
        }
        let across = multi
            .iter()
            .filter(|&&k| {
                lines[k]
                    .words
                    .iter()
                    .any(|v| v.x0 < x - NEAR && v.x1 > x + NEAR)
            })
            .count();
        if starts < need || across as u32 > allowed {
            continue;
        }
        let before = multi
            .iter()
            .flat_map(|&k| lines[k].words.iter())
            .filter(|v| v.x1 <= x + NEAR && v.x0 < x - NEAR)
            .map(|v| v.x1)
            .fold(f32::NEG_INFINITY, f32::max);
        if before.is_finite() && x - before >= space {
            found.push((before, x));
        }
    }
    found
}

/// The middle of the longest stretch of `(a, b)` that no chunk covers (`coverage` has a
/// bin per point from `x0`), else the middle of `(a, b)`.
fn clear_middle(coverage: &[u32], x0: f32, a: f32, b: f32) -> f32 {
    let (lo, hi) = ((a - x0) as usize, ((b - x0) as usize).min(coverage.len()));
    let mut best: Option<(usize, usize)> = None;
    let mut start = None;
    let lo = lo.min(hi);
    let clear_at = coverage[lo..hi].iter().map(|&v| v == 0).chain([false]);
    for (i, clear) in (lo..=hi).zip(clear_at) {
        match (clear, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if best.is_none_or(|(bs, be)| i - s > be - bs) {
                    best = Some((s, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    match best {
        Some((s, e)) if e > s && (s, e) != (lo, hi) => x0 + (s + e) as f32 / 2.0,
        _ => (a + b) / 2.0,
    }
}

fn build(
    lines: &[Line],
    chunked: &[Vec<Chunk>],
    rules: &[Segment],
    run: &[usize],
) -> Option<Found> {
    let x0 = run
        .iter()
        .flat_map(|&k| chunked[k].iter().map(|c| c.x0))
        .fold(f32::INFINITY, f32::min);
    let x1 = run
        .iter()
        .flat_map(|&k| chunked[k].iter().map(|c| c.x1))
        .fold(f32::NEG_INFINITY, f32::max);
    if x1.is_nan() || x0.is_nan() || x1 <= x0 || x1 - x0 > 5000.0 {
        return None;
    }
    let bins = (x1 - x0).ceil() as usize + 1;
    let mut coverage = vec![0u32; bins];
    let multi: Vec<usize> = run
        .iter()
        .copied()
        .filter(|&k| chunked[k].len() >= 2)
        .collect();
    if multi.len() < 2 {
        return None;
    }
    // Columns are where the chunks of the multi-chunk lines leave the same white gap.
    let cover = |coverage: &mut [u32], chunks: &[Chunk]| {
        for c in chunks {
            let (a, b) = (
                ((c.x0 - x0).floor().max(0.0) as usize).min(bins - 1),
                ((c.x1 - x0).ceil() as usize).min(bins - 1),
            );
            for v in &mut coverage[a..=b] {
                *v += 1;
            }
        }
    };
    for &k in &multi {
        cover(&mut coverage, &chunked[k]);
    }
    let allowed = if multi.len() >= 4 {
        ((multi.len() as f32 * 0.15).floor() as u32).max(1)
    } else {
        0
    };
    let mut seps: Vec<(f32, f32)> = Vec::new();
    let mut start: Option<usize> = None;
    for (b, &v) in coverage.iter().enumerate() {
        if v <= allowed {
            start.get_or_insert(b);
        } else if let Some(s) = start.take() {
            if s > 0 && (b - s) as f32 >= MIN_COLUMN_GAP {
                seps.push((x0 + s as f32, x0 + b as f32));
            }
        }
    }
    for sep in aligned_starts(lines, &multi, &seps, allowed) {
        let at = seps.partition_point(|&(a, _)| a < sep.0);
        seps.insert(at, sep);
    }
    if seps.is_empty() {
        return None;
    }
    // The chunks cut at the separators cover less: a cell run on into the gap leaves it.
    coverage.iter_mut().for_each(|v| *v = 0);
    for &k in &multi {
        cover(&mut coverage, &split_at(&chunked[k], &lines[k], &seps));
    }
    // Each boundary in the middle of its gap; where some lines' text reaches into the
    // gap (a header wider than its narrow column), in the middle of the part no text
    // crosses, if there is one.
    let mut xs = vec![x0];
    xs.extend(seps.iter().map(|&(a, b)| clear_middle(&coverage, x0, a, b)));
    xs.push(x1);
    let n_cols = xs.len() - 1;
    let col_of = |x: f32| {
        xs.windows(2)
            .position(|w| x >= w[0] && x <= w[1])
            .unwrap_or(if x < x0 { 0 } else { n_cols - 1 })
    };
    let mut cells = Vec::new();
    let mut rows_chunks = Vec::new();
    let mut rows: Vec<Vec<GridCell>> = Vec::new();
    let mut row_of = Vec::new();
    let pitch = median_pitch(lines, run);
    let leading = row_leading(lines, run);
    // The last line's cell texts by column.
    let mut last_texts: Vec<(usize, String)> = Vec::new();
    let across = ruled_header::across(rules, x0, x1);
    let header = ruled_header::header_lines(lines, run, &across);
    for (n, &k) in run.iter().enumerate() {
        let line = &lines[k];
        let mut line_cells: Vec<GridCell> = Vec::new();
        for c in &split_at(&chunked[k], line, &seps) {
            let first = col_of(c.x0 + 0.5);
            let last = col_of(c.x1 - 0.5).max(first);
            match line_cells.last_mut() {
                Some(prev) if prev.col + prev.col_span > first => {
                    prev.col_span = (last + 1).saturating_sub(prev.col).max(prev.col_span);
                    prev.rect.x1 = prev.rect.x1.max(c.x1);
                }
                _ => line_cells.push(GridCell {
                    row: rows.len(),
                    col: first,
                    row_span: 1,
                    col_span: last - first + 1,
                    rect: Rect {
                        x0: c.x0,
                        y0: line.top,
                        x1: c.x1,
                        y1: line.bottom,
                    },
                }),
            }
        }
        rows_chunks.push(chunked[k].clone());
        let texts: Vec<String> = line_cells
            .iter()
            .map(|c| {
                super::layout::join_words(
                    line.words
                        .iter()
                        .filter(|w| w.x0 + 0.5 >= c.rect.x0 && w.x1 - 0.5 <= c.rect.x1),
                )
            })
            .collect();
        // A line much closer under the one before than the rows are to each other is
        // that row's text wrapped (rows set apart by their cells' padding), whatever
        // its case.
        let tight = n > 0
            && pitch.is_some_and(|p| line.top - lines[run[n - 1]].top < 0.75 * p)
            && line_cells.len() == 1;
        // In a run whose rows stand apart by more than its lines' leading, a line at
        // the leading under a line with a first cell, half of whose cells read as the
        // rest of the text above them, is that row's text wrapped (an id wrapped too:
        // `1.` over `1`).
        let at_leading = n > 0
            && leading.is_some_and(|l| line.top - lines[run[n - 1]].top <= l + 0.1 * line.size());
        let going_on = line_cells
            .iter()
            .zip(&texts)
            .filter(|(c, t)| {
                let above = last_texts.iter().find(|(col, _)| *col == c.col);
                reads_on(t, above.map(|(_, a)| a.as_str()))
            })
            .count();
        let keyed = last_texts
            .iter()
            .any(|(col, t)| *col == 0 && !t.trim().is_empty());
        let wrapped = at_leading && keyed && going_on > 0 && going_on * 2 >= texts.len();
        // A line of one cell under a phrase of its column that cannot end where it
        // stops (`Renovasjonsselskapet for` over `Grimstad og Arendal (RGA)`) goes on
        // with it, whatever its case.
        let unfinished_above = n > 0
            && line_cells.len() == 1
            && last_texts.iter().any(|(col, t)| {
                *col == line_cells[0].col
                    && t.split_whitespace().count() >= 2
                    && crate::text::ends_unfinished(t)
            });
        let tight = tight || wrapped || unfinished_above;
        last_texts = line_cells
            .iter()
            .map(|c| c.col)
            .zip(texts.iter().cloned())
            .collect();
        let in_header = n > 0 && n < header;
        let rows_len = rows.len();
        let ruled = n > 0 && ruled_header::ruled_between(&lines[run[n - 1]], line, &across);
        match rows.last_mut() {
            Some(prev)
                if in_header || (!ruled && (tight || continues(prev, &line_cells, &texts))) =>
            {
                for cell in line_cells {
                    match prev
                        .iter_mut()
                        .find(|p| p.col <= cell.col && cell.col < p.col + p.col_span)
                    {
                        Some(p) => {
                            p.rect.x0 = p.rect.x0.min(cell.rect.x0);
                            p.rect.x1 = p.rect.x1.max(cell.rect.x1);
                            p.rect.y1 = p.rect.y1.max(cell.rect.y1);
                        }
                        // A cell the row's first line left empty (a header word set
                        // at the bottom of its row).
                        None => {
                            let at = prev.partition_point(|p| p.col < cell.col);
                            prev.insert(
                                at,
                                GridCell {
                                    row: rows_len - 1,
                                    ..cell
                                },
                            );
                        }
                    }
                }
                row_of.push(rows.len() - 1);
            }
            _ => {
                row_of.push(rows.len());
                rows.push(line_cells);
            }
        }
    }
    let n_rows = rows.len();
    cells.extend(rows.into_iter().flatten());
    let y0 = lines[run[0]].top;
    let y1 = lines[*run.last()?].bottom;
    let grid = Grid {
        bbox: Rect { x0, y0, x1, y1 },
        xs,
        n_rows,
        n_cols,
        cells,
        ruled: false,
        ruled_columns: false,
    };
    Some(Found {
        grid,
        lines: run.to_vec(),
        chunks: rows_chunks,
        row_of,
    })
}

#[cfg(test)]
mod tests {
    use super::{clear_middle, detect, figure, fits, same_size, thousands_group, Chunk};
    use crate::read::pdf::layout::Line;

    /// A line at `top` of 8-point words given as (text, left edge), 4 points a letter.
    fn line(top: f32, words: &[(&str, f32)]) -> Line {
        crate::read::pdf::layout::test_line(top, 8.0, 4.0, words)
    }

    fn chunk(x0: f32, x1: f32) -> Chunk {
        Chunk {
            x0,
            x1,
            first: 0,
            end: 1,
        }
    }

    #[test]
    fn rows_with_only_a_first_cell_stay_in_the_table() {
        // A responsibility matrix: a header, then organisations, most without role or
        // deadline, one line every 12 points; then a line of another size (a heading).
        let row = |top: f32, org: &str, rest: bool| {
            let mut words = vec![(org, 10.0)];
            if rest {
                words.extend([("Leder", 200.0), ("2027", 300.0)]);
            }
            line(top, &words)
        };
        let mut lines = vec![line(
            0.0,
            &[("Enhet", 10.0), ("Ansvarlig", 200.0), ("Frist", 300.0)],
        )];
        lines.push(row(12.0, "Kommunalteknikk", false));
        lines.push(row(24.0, "Eiendom", true));
        for (k, org) in ["Oppvekst", "Helse", "Kultur", "Tomteselskap"]
            .iter()
            .enumerate()
        {
            lines.push(row(36.0 + 12.0 * k as f32, org, false));
        }
        lines.push(row(84.0, "Energi", true));
        lines.push(row(96.0, "Havn", false));
        lines.push(crate::read::pdf::layout::test_line(
            130.0,
            14.0,
            7.0,
            &[("2.1", 10.0), ("Sykkel", 40.0)],
        ));
        let skip = vec![false; lines.len()];
        let found = detect(&lines, &skip);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].lines, (0..9).collect::<Vec<_>>());
        assert_eq!(found[0].grid.n_rows, 9);
    }

    #[test]
    fn a_column_start_the_rows_share_parts_text_run_on_to_it() {
        // Left-aligned cells: the action's longer lines end a word space before the
        // lead's column, so no white gap runs down the table between them.
        let mut lines = vec![line(
            0.0,
            &[
                ("No.", 10.0),
                ("Action", 40.0),
                ("Lead", 140.0),
                ("Year", 240.0),
            ],
        )];
        for k in 0..8 {
            let top = 14.0 * (k + 1) as f32;
            let words: &[(&str, f32)] = if k % 2 == 0 {
                &[
                    ("1.1", 10.0),
                    ("Build", 40.0),
                    ("a", 62.0),
                    ("new", 68.0),
                    ("long", 82.0),
                    ("cycle", 100.0),
                    ("path", 122.0),
                    ("Urban", 140.0),
                    ("2026", 240.0),
                ]
            } else {
                &[
                    ("1.2", 10.0),
                    ("Plan", 40.0),
                    ("Parks", 140.0),
                    ("2027", 240.0),
                ]
            };
            lines.push(line(top, words));
        }
        let skip = vec![false; lines.len()];
        let found = detect(&lines, &skip);
        assert_eq!(found.len(), 1);
        let xs = &found[0].grid.xs;
        assert_eq!(xs.len(), 5, "{xs:?}");
        // The lead's words start its column; the action's last word stays before it.
        assert!(xs[2] > 138.0 && xs[2] <= 140.0, "{xs:?}");
    }

    #[test]
    fn one_phrase_set_alike_in_every_row_is_one_cell() {
        let lines: Vec<Line> = (0..6)
            .map(|k| {
                let id = format!("D{k}");
                line(
                    14.0 * k as f32,
                    &[
                        (id.as_str(), 10.0),
                        ("CITI", 60.0),
                        ("-", 78.0),
                        ("TRAVEL", 84.0),
                        ("9.0", 200.0),
                    ],
                )
            })
            .collect();
        let skip = vec![false; lines.len()];
        let found = detect(&lines, &skip);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].grid.xs.len(), 4, "{:?}", found[0].grid.xs);
    }

    #[test]
    fn boundaries_fit_lines_whose_text_they_do_not_cross() {
        let xs = [0.0, 50.0, 100.0, 150.0];
        let row = |a: f32| vec![chunk(0.0, 40.0), chunk(a, a + 30.0), chunk(110.0, 140.0)];
        let rows: Vec<Vec<Chunk>> = (0..10).map(|_| row(60.0)).collect();
        assert!(fits(&xs, &rows));
        // Every line's second cell straddles the boundary at 100: the columns differ.
        let shifted: Vec<Vec<Chunk>> = (0..10).map(|_| row(85.0)).collect();
        assert!(!fits(&xs, &shifted));
        // One line of ten crossing (a wide header) still fits.
        let mut one = rows.clone();
        one[0] = row(85.0);
        assert!(fits(&xs, &one));
    }

    #[test]
    fn figures_and_thousands_groups() {
        for f in ["1,205", "52.7", "(13.8–17.1)", "45%", "−3", "2026"] {
            assert!(figure(f), "{f}");
        }
        for w in ["maj", "1.1a", "CO2e", "(yrs)", "–"] {
            assert!(!figure(w), "{w}");
        }
        // A number in thousands groups stays one: `12 500`, `1 000 000`, `2 500,50`.
        assert!(thousands_group("12", "500"));
        assert!(thousands_group("000", "000"));
        assert!(thousands_group("2", "500,50"));
        // Neighbouring columns do not: `1,205 | 52.7`, `345 | 15.5`, `2022 | 2023`.
        assert!(!thousands_group("1,205", "52.7"));
        assert!(!thousands_group("345", "15.5"));
        assert!(!thousands_group("2022", "2023"));
        assert!(!thousands_group("45", "2024"));
    }

    #[test]
    fn type_sizes_within_a_tenth_are_one_size() {
        assert!(same_size(8.0, 8.5));
        assert!(!same_size(8.0, 10.0));
    }

    #[test]
    fn a_boundary_keeps_clear_of_text_reaching_into_the_gap() {
        // A gap from 10 to 30 whose left part (10..22) one header line's text covers.
        let mut coverage = vec![3u32; 40];
        coverage[10..30].fill(0);
        coverage[10..22].fill(1);
        assert_eq!(clear_middle(&coverage, 0.0, 10.0, 30.0), 26.0);
        // A gap no text reaches into: its middle.
        coverage[10..22].fill(0);
        assert_eq!(clear_middle(&coverage, 0.0, 10.0, 30.0), 20.0);
        // A gap covered throughout (allowed overlaps only): its middle.
        coverage[10..30].fill(1);
        assert_eq!(clear_middle(&coverage, 0.0, 10.0, 30.0), 20.0);
    }

    #[test]
    fn a_narrow_cell_run_on_to_the_next_column_is_two_cells() {
        // Three columns starting at 40, 120 and 170; in the last row the first cell's
        // `egen` ends six points (under a chunk gap) before `Kultur`, the next column's
        // text, starts.
        let lines = [
            line(100.0, &[("Tiltak", 40.0), ("Ansvar", 120.0), ("År", 170.0)]),
            line(
                112.0,
                &[("Gratis", 40.0), ("Kultur", 120.0), ("2025", 170.0)],
            ),
            line(
                124.0,
                &[("Kurs", 40.0), ("Personal", 120.0), ("2026", 170.0)],
            ),
            line(
                136.0,
                &[("Merke", 40.0), ("Teknisk", 120.0), ("2026", 170.0)],
            ),
            line(
                148.0,
                &[
                    ("Ungdomsråd", 40.0),
                    ("med", 83.0),
                    ("egen", 98.0),
                    ("Kultur", 120.0),
                    ("2027", 170.0),
                ],
            ),
        ];
        let found = detect(&lines, &[false; 5]);
        assert_eq!(found.len(), 1);
        let grid = &found[0].grid;
        assert_eq!(grid.n_cols, 3);
        let last: Vec<_> = grid.cells.iter().filter(|c| c.row == 4).collect();
        assert_eq!(last.len(), 3, "{last:?}");
        assert!(last.iter().all(|c| c.col_span == 1), "{last:?}");
    }
}
