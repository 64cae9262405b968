//! Layout: glyphs into words, words into text lines, lines into chunks (runs of words
//! close enough to belong to one cell).

use super::content::Glyph;
use crate::colour::Rgb;

/// A word: glyphs with no space between them.
#[derive(Debug, Clone)]
pub struct Word {
    /// Left.
    pub x0: f32,
    /// Right.
    pub x1: f32,
    /// Top.
    pub top: f32,
    /// Bottom (baseline).
    pub bottom: f32,
    /// Font size.
    pub size: f32,
    /// Text.
    pub text: String,
    /// Whether its first glyph is bold.
    pub bold: bool,
    /// Whether its first glyph is italic.
    pub italic: bool,
    /// The colour of its first glyph, where coloured.
    pub colour: Option<Rgb>,
    /// The marked-content id of its first glyph (see [`Glyph::mcid`]).
    pub mcid: Option<u32>,
    /// Whether its first glyph is an artifact.
    pub artifact: bool,
}

impl Word {
    /// The mean width of its glyphs.
    pub fn glyph_width(&self) -> f32 {
        (self.x1 - self.x0) / self.text.chars().count().max(1) as f32
    }
}

/// A visual text line: words sharing a baseline, left to right.
#[derive(Debug, Clone)]
pub struct Line {
    /// Words in x order.
    pub words: Vec<Word>,
    /// Top.
    pub top: f32,
    /// Bottom.
    pub bottom: f32,
}

impl Line {
    /// The coloured signs of the line (`●` set in a colour apart from the word after
    /// it), each with the words after it up to the next one: a colour legend set as
    /// running text. A mark inside a text all set in one colour (the `=` of a grey
    /// note) is no sign.
    pub fn coloured_signs(&self) -> Vec<(Rgb, String)> {
        let mut out: Vec<(Rgb, String)> = Vec::new();
        for (i, w) in self.words.iter().enumerate() {
            let mut chars = w.text.chars();
            let first = chars
                .next()
                .filter(|c| !c.is_alphanumeric() && !"([\"'«„".contains(*c));
            let apart = self.words.get(i + 1).is_none_or(|n| n.colour != w.colour);
            let colour = w
                .colour
                .filter(|c| c.hue() != crate::colour::Hue::Neutral && apart);
            if let (Some(_), Some(c)) = (first, colour) {
                out.push((c, chars.as_str().to_string()));
            } else if let Some((_, words)) = out.last_mut() {
                words.push(' ');
                words.push_str(&w.text);
            }
        }
        for (_, words) in &mut out {
            *words = crate::text::collapse(words);
        }
        out
    }

    /// A line of these words (left to right), spanning their heights; `None` for none.
    pub fn from_words(words: Vec<Word>) -> Option<Line> {
        if words.is_empty() {
            return None;
        }
        let top = words.iter().map(|w| w.top).fold(f32::INFINITY, f32::min);
        let bottom = words
            .iter()
            .map(|w| w.bottom)
            .fold(f32::NEG_INFINITY, f32::max);
        Some(Line { words, top, bottom })
    }

    /// Left edge.
    pub fn x0(&self) -> f32 {
        self.words.first().map_or(0.0, |w| w.x0)
    }

    /// Right edge.
    pub fn x1(&self) -> f32 {
        self.words.iter().map(|w| w.x1).fold(0.0, f32::max)
    }

    /// Typical font size.
    pub fn size(&self) -> f32 {
        let mut sizes: Vec<f32> = self.words.iter().map(|w| w.size).collect();
        sizes.sort_by(f32::total_cmp);
        sizes.get(sizes.len() / 2).copied().unwrap_or(10.0)
    }

    /// The words as text, one space between them.
    pub fn text(&self) -> String {
        join_words(&self.words)
    }

    /// The text of one of the line's chunks (see [`chunks`]).
    pub fn chunk_text(&self, chunk: &Chunk) -> String {
        join_words(&self.words[chunk.first..chunk.end])
    }
}

/// Words joined by single spaces.
pub fn join_words<'a>(words: impl IntoIterator<Item = &'a Word>) -> String {
    let mut s = String::new();
    for w in words {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&w.text);
    }
    s
}

/// Groups glyphs into lines of words. Rotated glyphs are left out.
pub fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut gs: Vec<&Glyph> = glyphs
        .iter()
        .filter(|g| g.upright && g.size > 0.5)
        .collect();
    gs.sort_by(|a, b| a.bottom.total_cmp(&b.bottom).then(a.x0.total_cmp(&b.x0)));
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    let mut current_bottom = f32::NEG_INFINITY;
    for g in gs {
        let tolerance = (g.size * 0.3).max(1.0);
        if (g.bottom - current_bottom).abs() <= tolerance {
            if let Some(row) = rows.last_mut() {
                row.push(g);
                continue;
            }
        }
        current_bottom = g.bottom;
        rows.push(vec![g]);
    }
    let rows = signs_to_their_lines(rows);
    // Raised footnote markers, moved to the line they belong to (past a host that is
    // itself moved).
    let mut raised = raised_markers(&rows);
    let moved = |k: usize, raised: &[(usize, usize, Glyph)]| raised.iter().any(|r| r.0 == k);
    for k in 0..raised.len() {
        while moved(raised[k].1, &raised) {
            raised[k].1 += 1;
        }
    }
    // Subscripts, moved up to the line they belong to (a host that is not itself moved).
    let lowered: Vec<(usize, usize, Glyph)> = lowered_marks(&rows)
        .into_iter()
        .filter(|(from, to, _)| !moved(*from, &raised) && !moved(*to, &raised))
        .collect();
    let within: Vec<(usize, usize, Glyph)> = rows
        .iter()
        .enumerate()
        .flat_map(|(k, row)| raised_within(row).into_iter().map(move |(i, g)| (k, i, g)))
        .collect();
    let stray: Vec<(usize, usize, usize, Glyph)> = raised_among(&rows)
        .into_iter()
        .filter(|(from, _, to, _)| {
            !moved(*from, &raised)
                && !moved(*to, &raised)
                && !moved(*from, &lowered)
                && !moved(*to, &lowered)
        })
        .collect();
    let mut out = Vec::new();
    for (k, row) in rows.into_iter().enumerate() {
        if moved(k, &raised) || moved(k, &lowered) {
            continue;
        }
        let mut row: Vec<&Glyph> = row
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !stray.iter().any(|s| s.0 == k && s.1 == *i))
            .map(|(i, g)| {
                within
                    .iter()
                    .find(|w| w.0 == k && w.1 == i)
                    .map_or(g, |w| &w.2)
            })
            .collect();
        row.extend(
            raised
                .iter()
                .chain(&lowered)
                .filter(|(_, to, _)| *to == k)
                .map(|(_, _, g)| g)
                .chain(stray.iter().filter(|s| s.2 == k).map(|s| &s.3)),
        );
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        out.extend(Line::from_words(words(&row)));
    }
    out
}

/// Rows of signs alone (status icons and dots, `●`), each set beside a line of text
/// rather than on its baseline (an icon centred on the line's height, reaching below
/// it), moved into that line: the row whose middle lies within the signs' height,
/// nearest their middle, and whose glyphs none of the signs covers.
fn signs_to_their_lines(mut rows: Vec<Vec<&Glyph>>) -> Vec<Vec<&Glyph>> {
    let span = |row: &[&Glyph]| {
        row.iter()
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(t, b), g| {
                (t.min(g.top), b.max(g.bottom))
            })
    };
    let signs_only = |row: &[&Glyph]| {
        row.iter()
            .all(|g| g.text == crate::read::icon::SIGN || g.text.chars().all(char::is_whitespace))
            && row.iter().any(|g| g.text == crate::read::icon::SIGN)
    };
    // Each row's height and whether it holds signs alone, measured once.
    let looks: Vec<((f32, f32), bool)> = rows.iter().map(|r| (span(r), signs_only(r))).collect();
    if !looks.iter().any(|l| l.1) {
        return rows;
    }
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for (k, row) in rows.iter().enumerate() {
        let ((top, bottom), signs) = looks[k];
        if !signs {
            continue;
        }
        let middle = (top + bottom) / 2.0;
        let host = rows
            .iter()
            .zip(&looks)
            .enumerate()
            .filter(|(j, (_, look))| *j != k && !look.1)
            .filter_map(|(j, (other, &((t, b), _)))| {
                let m = (t + b) / 2.0;
                let covers = other
                    .iter()
                    .any(|g| row.iter().any(|s| s.x0 < g.x1 && g.x0 < s.x1));
                (m > top && m < bottom && !covers).then_some((j, (m - middle).abs()))
            })
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((j, _)) = host {
            moves.push((k, j));
        }
    }
    if moves.is_empty() {
        return rows;
    }
    for &(k, j) in &moves {
        let signs = std::mem::take(&mut rows[k]);
        rows[j].extend(signs);
    }
    rows.retain(|r| !r.is_empty());
    rows
}

/// Footnote markers set raised (`elevhälsoteamen²`: a digit or star in smaller type,
/// its baseline above the line's) sort into a row of their own. Each such row of at most
/// three marker characters that starts right where a glyph of the row just below it ends
/// (or ends just before one, opening a footnote), and lies within that row's height,
/// belongs to that row, as superscript digits (a star as it is) set on its baseline, so
/// that the marker stays after its word: (marker row, host row, the glyph as moved), for
/// each of its glyphs.
fn raised_markers(rows: &[Vec<&Glyph>]) -> Vec<(usize, usize, Glyph)> {
    let mut out = Vec::new();
    for (k, pair) in rows.windows(2).enumerate() {
        let (marker, below) = (&pair[0], &pair[1]);
        let text: String = marker.iter().map(|g| g.text.as_str()).collect();
        let text = text.trim();
        let is_marker = !text.is_empty()
            && text.chars().count() <= 3
            && text
                .chars()
                .all(|c| c.is_ascii_digit() || "*)†‡".contains(c));
        if !is_marker {
            continue;
        }
        let last = marker[marker.len() - 1];
        let largest = marker.iter().map(|m| m.size).fold(0.0, f32::max);
        let host = below.iter().find(|g| {
            let (x0, bottom, size) = (marker[0].x0, marker[0].bottom, g.size.max(1.0));
            // Right after a glyph (a word's marker), or just before one (a footnote's).
            let beside =
                touches(x0, g.x1, size) || (g.x0 >= last.x1 && g.x0 - last.x1 <= 0.6 * size);
            !g.text.trim().is_empty() && beside && raised_on(largest, bottom, g.bottom, size)
        });
        let Some(host) = host else { continue };
        // `1)` set raised is the mark `¹`.
        let numbered = text.chars().any(|c| c.is_ascii_digit());
        out.extend(
            marker
                .iter()
                .filter(|g| !(g.text.trim().is_empty() || numbered && g.text == ")"))
                .map(|g| (k, k + 1, raised_onto(g, host))),
        );
    }
    out
}

/// Footnote markers raised so little that they share their line's row (`2026–2028¹`: a
/// digit in type under 0.85 of the glyph before it, right after it, its baseline above
/// that glyph's by a sixth of its size or more), at most two in a run: each marker's
/// place in the row and the glyph as a superscript digit on its host's baseline.
fn raised_within(row: &[&Glyph]) -> Vec<(usize, Glyph)> {
    // Most rows hold no digit set smaller than their largest glyph: nothing to sort.
    let largest = row.iter().map(|g| g.size).fold(0.0, f32::max);
    let candidate = |g: &&Glyph| {
        g.text.len() == 1 && g.text.as_bytes()[0].is_ascii_digit() && g.size <= 0.85 * largest
    };
    if !row.iter().any(candidate) {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..row.len()).collect();
    order.sort_by(|&a, &b| row[a].x0.total_cmp(&row[b].x0));
    let mut out = Vec::new();
    let mut host: Option<&Glyph> = None;
    let mut last: Option<&Glyph> = None;
    let mut run = 0;
    for i in order {
        let g = row[i];
        let marker = host.zip(last).filter(|(h, l)| {
            g.text.len() == 1
                && g.text.chars().all(|c| c.is_ascii_digit())
                && !h.text.trim().is_empty()
                && g.size <= 0.85 * h.size
                && g.bottom < h.bottom - h.size / 6.0
                && g.top >= h.top - 0.1 * h.size
                && touches(g.x0, l.x1, h.size)
                && run < 2
        });
        match marker {
            Some((h, _)) => {
                run += 1;
                out.push((i, raised_onto(g, h)));
            }
            None => {
                host = Some(g);
                run = 0;
            }
        }
        last = Some(g);
    }
    out
}

/// Footnote markers raised beside a word whose line a table's other cells set a little
/// higher (a web page's `<sup>` deepens its own line box, so the cell's words sit lower
/// than the row's): the marker sorts into the other cells' row. A digit or star in
/// smaller type, not touching a glyph of its own row on its left, that starts right
/// where a glyph of the row just below ends, its baseline above that glyph's within the
/// usual raise, belongs to that row: (its row, its place there, the row it belongs to,
/// the glyph as a superscript on its host's baseline), and the marker right after it.
fn raised_among(rows: &[Vec<&Glyph>]) -> Vec<(usize, usize, usize, Glyph)> {
    let mut out = Vec::new();
    for (k, pair) in rows.windows(2).enumerate() {
        let (row, below) = (&pair[0], &pair[1]);
        let largest = row.iter().map(|g| g.size).fold(0.0, f32::max);
        let is_mark = |g: &Glyph| {
            g.text.chars().count() == 1
                && g.text
                    .chars()
                    .all(|c| c.is_ascii_digit() || "*†‡".contains(c))
                && g.size <= 0.85 * largest
        };
        if !row.iter().any(|g| is_mark(g)) {
            continue;
        }
        for (i, g) in row.iter().enumerate().filter(|(_, g)| is_mark(g)) {
            let glued = row.iter().any(|o| {
                !std::ptr::eq(*o, *g)
                    && !o.text.trim().is_empty()
                    && !is_mark(o)
                    && touches(g.x0, o.x1, o.size)
            });
            if glued {
                continue;
            }
            // The host: a glyph of the row below ending where the marker starts.
            let host = below.iter().find(|h| {
                !h.text.trim().is_empty()
                    && raised_on(g.size, g.bottom, h.bottom, h.size)
                    && touches(g.x0, h.x1, h.size)
            });
            if let Some(h) = host {
                out.push((k, i, k + 1, raised_onto(g, h)));
                // A second marker right after it (`¹²`).
                if let Some((j, next)) = row
                    .iter()
                    .enumerate()
                    .find(|(_, n)| is_mark(n) && touches(n.x0, g.x1, h.size))
                {
                    out.push((k, j, k + 1, raised_onto(next, h)));
                }
            }
        }
    }
    out
}

/// Whether a footnote marker in type `size` on the baseline `bottom` stands raised
/// beside a host glyph of `host_size` on `host_bottom`: smaller than it, its baseline
/// above the host's by a tenth of the host's size to seven tenths.
fn raised_on(size: f32, bottom: f32, host_bottom: f32, host_size: f32) -> bool {
    size <= 0.85 * host_size
        && bottom < host_bottom - 0.1 * host_size
        && bottom > host_bottom - 0.7 * host_size
}

/// Whether two glyph edges at `a` and `b` meet, within a point and a tenth of `size`.
fn touches(a: f32, b: f32, size: f32) -> bool {
    (a - b).abs() <= 1.0 + 0.1 * size
}

/// A raised marker's glyph as a superscript digit (a star as it is) set on its host's
/// line: its place across kept, its height the host's.
fn raised_onto(g: &Glyph, host: &Glyph) -> Glyph {
    Glyph {
        text: crate::interpret::footnotes::superscript(&g.text),
        top: host.top,
        bottom: host.bottom,
        size: host.size,
        ..g.clone()
    }
}

/// Subscripts (`CO₂`, `PM₁₀`: smaller digits set below the line's baseline) sort into a
/// row of their own. A row of a few digits each starting right where a formula's letter
/// (or the digit before) of the row just above ends, smaller than it, its top within that glyph's height and its bottom below
/// it, belongs to that row: (subscript row, host row, the glyph set on the host's
/// height), for each of its glyphs.
fn lowered_marks(rows: &[Vec<&Glyph>]) -> Vec<(usize, usize, Glyph)> {
    let mut out = Vec::new();
    for (k, pair) in rows.windows(2).enumerate() {
        let (above, marks) = (&pair[0], &pair[1]);
        let glyphs: Vec<&Glyph> = marks
            .iter()
            .copied()
            .filter(|g| !g.text.trim().is_empty())
            .collect();
        if glyphs.is_empty() || glyphs.len() > 6 {
            continue;
        }
        // Digits after the letters that close the formulas plans print (`CO₂`, `NO₂`,
        // `O₃`, `PM₁₀`, `CH₄`, `H₂O`); other notation set low is left as it stands.
        if !glyphs
            .iter()
            .all(|g| g.text.chars().all(|c| c.is_ascii_digit()))
        {
            continue;
        }
        let host_of = |m: &Glyph| {
            above.iter().copied().find(|h| {
                matches!(h.text.trim(), "O" | "M" | "H")
                    && (m.x0 - h.x1).abs() <= 1.0 + 0.1 * h.size
                    && m.size <= 0.85 * h.size
                    && m.top > h.top
                    && m.top < h.bottom
                    && m.bottom > h.bottom
            })
        };
        // Each glyph follows a host, or the glyph before it (`10` of `PM₁₀`).
        let mut moved: Vec<(usize, usize, Glyph)> = Vec::new();
        for (i, m) in glyphs.iter().enumerate() {
            let place = match host_of(m) {
                Some(h) => Some((h.top, h.bottom)),
                None => moved
                    .last()
                    .map(|(_, _, g)| (g.top, g.bottom))
                    .filter(|_| (m.x0 - glyphs[i - 1].x1).abs() <= 1.0 + 0.1 * m.size),
            };
            let Some((top, bottom)) = place else {
                moved.clear();
                break;
            };
            moved.push((
                k + 1,
                k,
                Glyph {
                    top,
                    bottom,
                    ..(*m).clone()
                },
            ));
        }
        out.extend(moved);
    }
    out
}

/// Whether the white-space glyph `row[i]` lies over the letters on either side of it
/// rather than between them and belongs to another text run (another size or
/// baseline: a larger font's line just below, its spaces in the row), drawn across a
/// word whose letters touch. Such a space does not end the word; a space of the word's
/// own run, or one between touching letters that covers neither, still does.
fn stray_space(row: &[&Glyph], i: usize) -> bool {
    let blank = |g: &Glyph| g.text.chars().all(char::is_whitespace);
    let space = row[i];
    let (Some(p), Some(n)) = (
        row[..i].iter().rev().find(|g| !blank(g)),
        row[i + 1..].iter().find(|g| !blank(g)),
    ) else {
        return false;
    };
    let overlap = |g: &Glyph| (space.x1.min(g.x1) - space.x0.max(g.x0)).max(0.0);
    let width = space.x1 - space.x0;
    let other_run = |g: &Glyph| {
        (space.size - g.size).abs() > 0.1 * g.size || (space.bottom - g.bottom).abs() > 0.1 * g.size
    };
    n.x0 - p.x1 <= 0.18 * n.size.max(1.0)
        && width > 0.0
        && overlap(p) + overlap(n) > 0.5 * width
        && other_run(p)
        && other_run(n)
}

fn words(row: &[&Glyph]) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut last: Option<&Glyph> = None;
    for (i, g) in row.iter().enumerate() {
        // Text drawn twice to look bold: skip the copy, which covers most of the first
        // (the second `l` of `alla`, set right after the first in a narrow font, is a
        // letter of its own).
        if let Some(p) = last {
            let shift = (p.x0 - g.x0).abs();
            if p.text == g.text
                && shift < 0.25 * g.size.max(1.0)
                && shift < 0.5 * (p.x1 - p.x0)
                && (p.bottom - g.bottom).abs() < 1.0
            {
                continue;
            }
        }
        let is_space = g.text.chars().all(char::is_whitespace);
        if is_space && stray_space(row, i) {
            continue;
        }
        let gap = last.map_or(f32::INFINITY, |p| g.x0 - p.x1);
        let new_word = is_space
            || last.is_none_or(|p| p.text.chars().all(char::is_whitespace))
            || gap > 0.18 * g.size.max(1.0);
        last = Some(g);
        if is_space {
            continue;
        }
        match out.last_mut() {
            Some(w) if !new_word => {
                w.text.push_str(&g.text);
                w.x1 = w.x1.max(g.x1);
                w.top = w.top.min(g.top);
                w.bottom = w.bottom.max(g.bottom);
            }
            _ => out.push(Word {
                x0: g.x0,
                x1: g.x1,
                top: g.top,
                bottom: g.bottom,
                size: g.size,
                text: g.text.clone(),
                bold: g.bold,
                italic: g.italic,
                colour: g.colour,
                mcid: g.mcid,
                artifact: g.artifact,
            }),
        }
    }
    out
}

/// A run of words on one line close enough to be one phrase.
#[derive(Debug, Clone)]
pub struct Chunk {
    /// Left.
    pub x0: f32,
    /// Right.
    pub x1: f32,
    /// Index of the first word in the line.
    pub first: usize,
    /// Index after the last word.
    pub end: usize,
}

/// Splits a line into chunks where the gap between words exceeds `factor` × font size.
pub fn chunks(line: &Line, factor: f32) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    for (i, w) in line.words.iter().enumerate() {
        match out.last_mut() {
            Some(c) if w.x0 - c.x1 <= factor * w.size.max(1.0) => {
                c.x1 = c.x1.max(w.x1);
                c.end = i + 1;
            }
            _ => out.push(Chunk {
                x0: w.x0,
                x1: w.x1,
                first: i,
                end: i + 1,
            }),
        }
    }
    out
}

/// A number set alone in a badge beside a title (`1` or `2.3` in a circle left of
/// `Aktiv skolevei`, centred on the title's height, so below its top) is the title's
/// number: it reads at the title's top, just before it, where its own top would put it
/// after (the title starting higher). The title's lines are those right of the badge
/// that reach into its height: set smaller than the badge, or as large or larger and
/// starting well above it (a number on a title's baseline is a table's, no badge).
/// A number of the title's own size is none.
pub fn badges_before_titles(lines: &mut [Line]) {
    let is_badge = |l: &Line| {
        let t = l.words.first().map_or("", |w| w.text.trim());
        let t = t.strip_suffix('.').unwrap_or(t);
        let mut levels = t.split('.');
        let number = |n: Option<&str>| {
            n.is_some_and(|n| (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
        };
        let single = t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()) && !t.is_empty();
        l.words.len() == 1
            && (single
                || (number(levels.next()) && number(levels.next()) && levels.next().is_none()))
    };
    for i in 0..lines.len() {
        if !is_badge(&lines[i]) {
            continue;
        }
        let b = &lines[i].words[0];
        let beside = |l: &Line| {
            let x0 = l.words.first().map_or(f32::INFINITY, |w| w.x0);
            let size = l.words.iter().map(|w| w.size).fold(0.0f32, f32::max);
            let sized = (0.6 * b.size..=b.size / 1.1).contains(&size)
                || ((1.1 * b.size..=1.6 * b.size).contains(&size) && b.top - l.top >= 0.3 * size);
            x0 > b.x1 && x0 - b.x1 <= 3.0 * b.size && l.bottom > b.top && l.top < b.top && sized
        };
        // The title's first line, and the badge set just before it.
        let first = (0..lines.len())
            .filter(|&j| beside(&lines[j]))
            .min_by(|&a, &b| lines[a].top.total_cmp(&lines[b].top));
        if let Some(j) = first {
            lines[i].top = lines[j].top - 0.01;
            if j < i {
                lines[j..=i].rotate_right(1);
            }
        }
    }
}

/// A line for tests: at `top`, of words given as (text, left edge), each letter
/// `letter` points wide, in `size`-point type.
#[cfg(test)]
pub(crate) fn test_line(top: f32, size: f32, letter: f32, words: &[(&str, f32)]) -> Line {
    let words = words
        .iter()
        .map(|&(text, x0)| Word {
            x0,
            x1: x0 + letter * text.chars().count() as f32,
            top,
            bottom: top + size,
            size,
            text: text.to_string(),
            bold: false,
            italic: false,
            colour: None,
            mcid: None,
            artifact: false,
        })
        .collect();
    Line::from_words(words).expect("a test line has words")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_badge_reads_before_the_title_beside_it() {
        // `2` set in a 24-point badge, centred on a title of two lines in 19 points.
        let mut lines = vec![
            test_line(64.6, 19.0, 9.0, &[("Daglig", 115.0), ("fysisk", 190.0)]),
            test_line(75.8, 24.0, 16.0, &[("2", 67.0)]),
            test_line(87.6, 19.0, 9.0, &[("skolen", 115.0)]),
            test_line(151.0, 12.0, 6.0, &[("Aktiviteter", 50.0)]),
        ];
        badges_before_titles(&mut lines);
        // The badge moves before the title's first line, in the order and in height.
        assert_eq!(lines[0].text(), "2");
        assert!(lines[0].top < lines[1].top);
        // A number beside text of its own size on the line below is no badge.
        let mut row = vec![
            test_line(100.0, 10.0, 5.0, &[("Tiltak", 80.0)]),
            test_line(104.0, 10.0, 5.0, &[("3", 60.0)]),
        ];
        badges_before_titles(&mut row);
        assert_eq!(row[1].top, 104.0);
        // `2.2` in an 11-point badge, centred beside a title in 12.5 points.
        let mut card = vec![
            test_line(66.6, 12.5, 6.0, &[("Solcelleanlegg", 100.0)]),
            test_line(75.8, 11.0, 5.0, &[("2.2", 66.0)]),
            test_line(86.9, 9.5, 5.0, &[("Anleggene", 100.0)]),
        ];
        badges_before_titles(&mut card);
        assert_eq!(card[0].text(), "2.2");
        assert!(card[0].top < card[1].top);
        // The same number on the title's baseline is a table's.
        let mut table_row = vec![
            test_line(66.6, 12.5, 6.0, &[("Solcelleanlegg", 100.0)]),
            test_line(68.0, 11.0, 5.0, &[("2.2", 66.0)]),
        ];
        badges_before_titles(&mut table_row);
        assert_eq!(table_row[1].top, 68.0);
    }

    /// A glyph of a 10-point font at `x0`, `width` wide.
    fn glyph(text: &str, x0: f32, width: f32) -> Glyph {
        Glyph {
            x0,
            x1: x0 + width,
            top: 92.5,
            bottom: 100.0,
            size: 10.0,
            text: text.into(),
            bold: false,
            italic: false,
            upright: true,
            colour: None,
            mcid: None,
            artifact: false,
        }
    }

    /// The glyphs of `text` from `x0`, 5 points a letter, on the baseline at 100.
    fn word_glyphs(text: &str, x0: f32, colour: Option<Rgb>) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                colour,
                ..glyph(&c.to_string(), x0 + 5.0 * i as f32, 5.0)
            })
            .collect()
    }

    #[test]
    fn a_marker_raised_into_the_other_cells_row_goes_back_to_its_word() {
        // A table row: `1.2` and `Kirjasto` on the baseline at 98; the cell holding a
        // `<sup>` sits lower (baseline 100), its marker `3` (7 points, baseline 96.5)
        // sorts into the row at 98.
        let shift = |gs: Vec<Glyph>, dy: f32| -> Vec<Glyph> {
            gs.into_iter()
                .map(|g| Glyph {
                    top: g.top + dy,
                    bottom: g.bottom + dy,
                    ..g
                })
                .collect()
        };
        let mut glyphs = shift(word_glyphs("1.2", 10.0, None), -2.0);
        glyphs.extend(shift(word_glyphs("Kirjasto", 200.0, None), -2.0));
        glyphs.extend(word_glyphs("Kurssi", 60.0, None));
        glyphs.push(Glyph {
            top: 91.5,
            bottom: 96.5,
            size: 7.0,
            ..glyph("3", 90.0, 3.5)
        });
        let lines = lines(&glyphs);
        let texts: Vec<String> = lines.iter().map(|l| l.text()).collect();
        assert_eq!(texts, ["1.2 Kirjasto", "Kurssi³"]);
        // A small digit with a word of its own row right before it stays there.
        let mut glyphs = shift(word_glyphs("Osa", 10.0, None), -2.0);
        glyphs.push(Glyph {
            top: 91.5,
            bottom: 96.5,
            size: 7.0,
            ..glyph("3", 25.0, 3.5)
        });
        glyphs.extend(word_glyphs("Kurssi", 200.0, None));
        let texts: Vec<String> = lines_of(&glyphs);
        assert!(!texts.iter().any(|t| t.contains('³')), "{texts:?}");
    }

    fn lines_of(glyphs: &[Glyph]) -> Vec<String> {
        lines(glyphs).iter().map(|l| l.text()).collect()
    }

    #[test]
    fn an_icon_centred_on_a_line_joins_it() {
        // A 13.5-point icon centred on a 10-point line reaches 5 points below its
        // baseline; a line further down stays apart.
        let mut glyphs = word_glyphs("Kurs", 10.0, None);
        glyphs.push(Glyph {
            top: 91.0,
            bottom: 104.5,
            size: 13.5,
            ..glyph(crate::read::icon::SIGN, 200.0, 13.5)
        });
        glyphs.extend(word_glyphs("Nästa", 10.0, None).into_iter().map(|g| Glyph {
            top: g.top + 20.0,
            bottom: g.bottom + 20.0,
            ..g
        }));
        let texts: Vec<String> = lines(&glyphs).iter().map(Line::text).collect();
        assert_eq!(texts, ["Kurs ●", "Nästa"]);
    }

    #[test]
    fn a_subscript_set_below_the_baseline_stays_in_its_word() {
        // `CO₂-udledning`: an 8-point `2` touching `O`, its bottom 3 points below the
        // line's; a heading further down stays apart.
        let mut glyphs = word_glyphs("CO", 10.0, None);
        glyphs.push(Glyph {
            top: 96.0,
            bottom: 103.0,
            size: 8.0,
            ..glyph("2", 20.0, 4.0)
        });
        glyphs.extend(word_glyphs("-udledning", 24.0, None));
        glyphs.extend(
            word_glyphs("Energi", 10.0, None)
                .into_iter()
                .map(|g| Glyph {
                    top: g.top + 30.0,
                    bottom: g.bottom + 30.0,
                    ..g
                }),
        );
        let texts: Vec<String> = lines(&glyphs).iter().map(Line::text).collect();
        assert_eq!(texts, ["CO2-udledning", "Energi"]);
    }

    #[test]
    fn a_mark_in_text_of_one_colour_is_no_coloured_sign() {
        let grey = Some(Rgb(0x66, 0x66, 0x66));
        let red = Some(Rgb(0xC8, 0x31, 0x2C));
        let mut glyphs = word_glyphs("grön", 10.0, grey);
        glyphs.extend(word_glyphs("=", 35.0, grey));
        glyphs.extend(word_glyphs("klar", 45.0, grey));
        glyphs.extend(word_glyphs("■", 80.0, red));
        glyphs.extend(word_glyphs("Ej", 90.0, None));
        glyphs.extend(word_glyphs("påbörjad", 105.0, None));
        let line = &lines(&glyphs)[0];
        assert_eq!(
            line.coloured_signs(),
            [(Rgb(0xC8, 0x31, 0x2C), "Ej påbörjad".to_string())]
        );
    }

    #[test]
    fn a_space_of_another_line_across_a_word_does_not_split_it() {
        // `calculation` in 9 points; a 12-point line's space, its baseline a point
        // lower, drawn across `i` and `o` (seen in an ICDAR 2013 page).
        let mut glyphs: Vec<Glyph> = "calculation"
            .chars()
            .enumerate()
            .map(|(i, c)| glyph(&c.to_string(), 10.0 + 4.0 * i as f32, 4.0))
            .collect();
        let mut stray = glyph(" ", 10.0 + 4.0 * 8.5, 3.0);
        (stray.size, stray.bottom) = (12.0, 101.0);
        glyphs.push(stray);
        glyphs.extend([
            glyph(" ", 54.0, 2.5),
            glyph("o", 56.5, 4.0),
            glyph("f", 60.5, 3.0),
        ]);
        assert_eq!(lines(&glyphs)[0].text(), "calculation of");
        // A narrow space between touching letters, over neither, still ends the word.
        let glyphs = [
            glyph("a", 10.0, 5.0),
            glyph(" ", 15.0, 1.0),
            glyph("b", 16.0, 5.0),
        ];
        assert_eq!(lines(&glyphs)[0].text(), "a b");
        // So does a space of the word's own size and baseline over the letters (words
        // set tight, the space's advance taken back).
        let glyphs = [
            glyph("a", 10.0, 5.0),
            glyph(" ", 14.0, 2.5),
            glyph("b", 15.5, 5.0),
        ];
        assert_eq!(lines(&glyphs)[0].text(), "a b");
    }

    #[test]
    fn a_double_letter_in_a_narrow_font_is_two_letters() {
        // `alla`: each `l` 2.2 points wide, the second right after the first.
        let glyphs = [
            glyph("a", 10.0, 5.6),
            glyph("l", 15.6, 2.2),
            glyph("l", 17.8, 2.2),
            glyph("a", 20.0, 5.6),
        ];
        let lines = lines(&glyphs);
        assert_eq!(lines[0].text(), "alla");
    }

    #[test]
    fn a_letter_drawn_twice_to_look_bold_is_one() {
        let glyphs = [
            glyph("a", 10.0, 5.6),
            glyph("a", 10.3, 5.6),
            glyph("b", 15.6, 5.6),
            glyph("b", 15.9, 5.6),
        ];
        assert_eq!(lines(&glyphs)[0].text(), "ab");
    }
}
