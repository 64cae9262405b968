//! Footnotes: a paragraph opened by a marker (`*)`, `**)`, `1)`, `(1)`, `[1]`, `¹`) with
//! the paragraphs that follow it, and the markers in cells that point to them. A numbered
//! footnote is one note whichever way a cell points to it: `1)`, `(1)`, `[1]` (plain
//! text's way) or a superscript `¹` (the readers render superscript digits so).

use std::sync::OnceLock;

use regex::Regex;

use crate::model::Block;
use crate::vocab::Vocabulary;

/// The footnotes of a document, by marker.
#[derive(Debug, Default, Clone)]
pub struct Footnotes {
    defs: Vec<(String, String)>,
}

fn def_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\s*(\*{1,3}\)|\d{1,2}\)|\(\d{1,2}\)|\[\d{1,2}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2})\s*(\S.*)$")
            .expect("valid regex")
    })
}

/// Whether a text is a footnote's own line, opened by its marker (`1) Källa …`).
pub fn is_definition(text: &str) -> bool {
    def_re().is_match(text.trim())
}

const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// A digit string in superscript digits (`12` → `¹²`).
pub fn superscript(digits: &str) -> String {
    digits
        .chars()
        .map(|c| c.to_digit(10).map_or(c, |d| SUPERSCRIPTS[d as usize]))
        .collect()
}

/// The key of a marker as written: `*)`, `**)` for stars, the number for `1)`, `(1)`,
/// `[1]` and `¹`.
fn key(marker: &str) -> String {
    if marker.starts_with('*') {
        return marker.to_string();
    }
    marker
        .chars()
        .filter_map(|c| {
            c.to_digit(10)
                .or_else(|| SUPERSCRIPTS.iter().position(|s| *s == c).map(|p| p as u32))
        })
        .map(|d| char::from_digit(d, 10).unwrap_or('0'))
        .collect()
}

/// The ways a cell may point to the footnote of `key`.
fn forms(key: &str) -> Vec<String> {
    if key.starts_with('*') {
        return vec![key.to_string()];
    }
    vec![
        format!("({key})"),
        format!("{key})"),
        format!("[{key}]"),
        superscript(key),
    ]
}

impl Footnotes {
    /// Collects footnote definitions from the document's paragraphs: the marker paragraph
    /// and the paragraphs after it, up to an empty paragraph, a heading, a table, the
    /// next marker or a line under a note's label of its own (`Kilde: …`, `Source: …`).
    /// Lines keep their order; bullet signs are dropped.
    pub fn collect(blocks: &[Block], vocab: &Vocabulary) -> Footnotes {
        let mut defs: Vec<(String, String)> = Vec::new();
        let mut open: Option<(String, Vec<String>)> = None;
        let close = |open: &mut Option<(String, Vec<String>)>, defs: &mut Vec<(String, String)>| {
            if let Some((marker, lines)) = open.take() {
                if !defs.iter().any(|(m, _)| *m == marker) {
                    defs.push((marker, lines.join("\n")));
                }
            }
        };
        for block in blocks {
            match block {
                Block::Paragraph { text, .. } if !text.trim().is_empty() => {
                    if let Some(caps) = def_re().captures(text.trim()) {
                        close(&mut open, &mut defs);
                        open = Some((key(&caps[1]), vec![crate::text::bullet_lines(&caps[2])]));
                    } else if vocab.labels_note(text) {
                        close(&mut open, &mut defs);
                    } else if let Some((_, lines)) = open.as_mut() {
                        lines.push(crate::text::bullet_lines(text));
                    }
                }
                Block::Table(table) => {
                    close(&mut open, &mut defs);
                    for (marker, text) in trailing_notes(table) {
                        if !defs.iter().any(|(m, _)| *m == marker) {
                            defs.push((marker, text));
                        }
                    }
                }
                _ => close(&mut open, &mut defs),
            }
        }
        close(&mut open, &mut defs);
        plain_numbered(blocks, &mut defs);
        Footnotes { defs }
    }

    /// The footnotes defined in this document that `text` points to (a digit marker only
    /// where it does not open a line, so numbered lists are not mistaken for references).
    pub fn markers_in(&self, text: &str) -> Vec<&str> {
        self.defs
            .iter()
            .filter(|(k, _)| forms(k).iter().any(|f| find_marker(text, f).is_some()))
            .map(|(k, _)| k.as_str())
            .collect()
    }

    /// The text of a footnote, by the key [`Footnotes::markers_in`] gives.
    pub fn text(&self, marker: &str) -> Option<&str> {
        self.defs
            .iter()
            .find(|(m, _)| m == marker)
            .map(|(_, t)| t.as_str())
    }

    /// `text` with the markers of this document removed.
    pub fn strip(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (key, _) in &self.defs {
            for form in forms(key) {
                while let Some(at) = find_marker(&out, &form) {
                    out.replace_range(at..at + form.len(), "");
                }
            }
        }
        out.lines()
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }
}

/// Footnotes numbered in plain digits (`1 Subject to …`, as a word processor prints its
/// footnote area), added where the document points to that number in superscript
/// after a word or a year (`Luossajärvi¹`, `2026–2028¹`) and defines it no other way: the paragraph and the lines after it
/// that go on in lower case. A paragraph opened by a number and a space is otherwise a
/// numbered heading or item, so a superscript reference must call for it.
fn plain_numbered(blocks: &[Block], defs: &mut Vec<(String, String)>) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"^\s*(\d{1,2}) (\p{Lu}.*)$").expect("valid regex"));
    let mut raised: Vec<String> = Vec::new();
    let mut look = |text: &str| {
        for (at, c) in text.char_indices() {
            // After a word or a year, not a unit (`m²`, `km²`).
            let word = text[..at]
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .count();
            let year = text[..at]
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .count()
                == 4;
            if SUPERSCRIPTS.contains(&c) && (word >= 4 || year) {
                let k = key(&c.to_string());
                if !raised.contains(&k) {
                    raised.push(k);
                }
            }
        }
    };
    for block in blocks {
        match block {
            Block::Table(t) => t.cells.iter().for_each(|c| look(&c.text)),
            other => look(other.text().unwrap_or("")),
        }
    }
    for (i, block) in blocks.iter().enumerate() {
        let Block::Paragraph { text, .. } = block else {
            continue;
        };
        let Some(caps) = re.captures(text.trim()) else {
            continue;
        };
        let k = caps[1].to_string();
        if !raised.contains(&k) || defs.iter().any(|(m, _)| *m == k) {
            continue;
        }
        let mut lines = vec![caps[2].to_string()];
        for next in &blocks[i + 1..] {
            match next {
                Block::Paragraph { text, .. } if crate::text::starts_lowercase(text.trim()) => {
                    lines.push(text.trim().to_string())
                }
                _ => break,
            }
        }
        defs.push((k, lines.join(" ")));
    }
}

/// The footnotes written in a table's last rows, under its records, as a sheet holds
/// them: after the last row of two filled cells and more, rows of one text opened by a
/// marker, one note each.
fn trailing_notes(table: &crate::model::Table) -> Vec<(String, String)> {
    let texts = |r: usize| -> Vec<&str> {
        let mut t: Vec<&str> = table
            .cells
            .iter()
            .filter(|c| c.row == r && !c.text.trim().is_empty())
            .map(|c| c.text.trim())
            .collect();
        t.dedup();
        t
    };
    let Some(last_record) = (0..table.n_rows).rev().find(|&r| texts(r).len() >= 2) else {
        return Vec::new();
    };
    (last_record + 1..table.n_rows)
        .filter_map(|r| match texts(r)[..] {
            [one] => def_re()
                .captures(one)
                .map(|c| (key(&c[1]), crate::text::bullet_lines(&c[2]))),
            _ => None,
        })
        .collect()
}

/// Where `marker` stands in `text` as a reference.
fn find_marker(text: &str, marker: &str) -> Option<usize> {
    let starred = marker.starts_with('*');
    let raised = marker.starts_with(SUPERSCRIPTS);
    let mut from = 0;
    while let Some(i) = text[from..].find(marker) {
        let at = from + i;
        let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        let opens_line = text[line_start..at].trim().is_empty();
        // `*)` must not be the tail of a longer `**)`; a digit marker must not be part of
        // a number, nor `1)` the tail of `(1)`.
        let prev = text[..at].chars().next_back();
        let next = text[at + marker.len()..].chars().next();
        let clean = if starred {
            prev != Some('*')
        } else if marker.starts_with('[') {
            // (`Bokstart.[1]`: plain text's reference after the full stop.)
            !prev.is_some_and(|c| c == '[' || c == ']')
        } else if raised {
            !next.is_some_and(|c| SUPERSCRIPTS.contains(&c))
                && !prev.is_some_and(|c| SUPERSCRIPTS.contains(&c))
        } else {
            !prev.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == '(')
        };
        if clean && (starred || !opens_line) {
            return Some(at);
        }
        from = at + marker.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(t: &str) -> Block {
        Block::Paragraph {
            text: t.into(),
            page: None,
        }
    }

    #[test]
    fn collects_and_resolves() {
        let v = Vocabulary::builtin();
        let blocks = vec![
            para("*) Note one."),
            para("Line two:"),
            para("· bullet"),
            para(""),
            para("After"),
        ];
        let f = Footnotes::collect(&blocks, v);
        assert_eq!(f.text("*)"), Some("Note one.\nLine two:\nbullet"));
        assert_eq!(f.markers_in("Kompetensutveckla *)"), vec!["*)"]);
        assert!(f.markers_in("Kompetensutveckla").is_empty());
        assert_eq!(f.strip("Kompetensutveckla *)"), "Kompetensutveckla");
        let g = Footnotes::collect(&[para("1) Källa: SCB")], v);
        assert!(g.markers_in("1) Ekonomiskt bidrag").is_empty());
        assert_eq!(g.markers_in("Andel 1)"), vec!["1"]);
        assert_eq!(g.markers_in("Andel (1)"), vec!["1"]);
        assert_eq!(g.markers_in("Skulehelsetenesta¹"), vec!["1"]);
        assert_eq!(g.strip("Andel (1) i år"), "Andel  i år");
        let h = Footnotes::collect(&[para("(2) Tal frå 2023."), para("¹ Ny ordning.")], v);
        assert_eq!(h.text("2"), Some("Tal frå 2023."));
        assert_eq!(h.markers_in("Helsestasjon²"), vec!["2"]);
        assert_eq!(h.markers_in("Helsestasjon¹"), vec!["1"]);
        assert!(h.markers_in("Helsestasjon¹²").is_empty());
        // Plain text's bracketed numbers, after a word or a full stop.
        let b = Footnotes::collect(&[para("[1] Del av Bokstart."), para("2026.")], v);
        assert_eq!(b.text("1"), Some("Del av Bokstart.\n2026."));
        assert_eq!(b.markers_in("Programmet Bokstart.[1]"), vec!["1"]);
        assert!(b.markers_in("[1] Opning").is_empty());
        assert_eq!(b.strip("Programmet Bokstart.[1]"), "Programmet Bokstart.");
        // A source's line under the note is no part of it.
        let k = Footnotes::collect(&[para("¹ Før tilskudd."), para("Kilde: SSB")], v);
        assert_eq!(k.text("1"), Some("Før tilskudd."));
    }
}
