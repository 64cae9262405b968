//! Plain-text renderings (`.txt`): the form the seed documents come in.
//!
//! Three shapes are recognised, line by line:
//! - tab cell lines: a line starting with a tab opens a cell, lines without a tab
//!   continue it, a blank line ends the row; rows in a run form one table;
//! - pipe tables (`| a | b |` with a `|---|` separator) whose cells may hold inline
//!   HTML (`<b>`, `<br/>`, `<p>`, `<ul><li>`); an all-empty header line is dropped;
//! - prose: `#` headings, and paragraphs, one a line.
//!
//! Rendering artefacts (`[bookmark: …]`) are dropped; a line that carried a table-of-
//! contents bookmark (`_Toc…`) was a heading in the original and becomes one.

use std::sync::OnceLock;

use regex::Regex;

use super::Reader;
use crate::error::ReadError;
use crate::model::{Block, Cell, Document, Table};
use crate::text::{collapse, decode_entities};

/// Reads `.txt` and `.md` renderings.
pub struct PlainReader;

impl Reader for PlainReader {
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError> {
        let text = String::from_utf8_lossy(bytes);
        if text.contains('\0') {
            return Err(ReadError::NotFormat {
                expected: "text",
                detail: "binary content (NUL bytes)".into(),
            });
        }
        Ok(parse(&text))
    }
}

fn bookmark_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\[bookmark:\s*([^\]]*)\]").expect("valid regex"))
}

/// Builder of the table of tab cell lines being read.
#[derive(Default)]
struct TabTable {
    rows: Vec<Vec<String>>,
    row_open: bool,
}

impl TabTable {
    fn into_table(self) -> Option<Table> {
        if self.rows.is_empty() {
            return None;
        }
        let cells = self
            .rows
            .into_iter()
            .enumerate()
            .flat_map(|(r, row)| {
                row.into_iter().enumerate().map(move |(c, text)| Cell {
                    row: r,
                    col: c,
                    row_span: 1,
                    col_span: 1,
                    text: text
                        .lines()
                        .map(str::trim)
                        .collect::<Vec<_>>()
                        .join("\n")
                        .trim()
                        .into(),
                    fill: None,
                    color: None,
                    bold: None,
                    title_lines: 0,
                    page: None,
                })
            })
            .collect();
        Some(Table::from_cells(cells))
    }
}

fn parse(text: &str) -> Document {
    let mut doc = Document::default();
    let mut tab = TabTable::default();
    let mut pipe: Vec<&str> = Vec::new();
    for raw in text.lines() {
        let is_toc_heading = bookmark_re()
            .captures(raw)
            .is_some_and(|c| c[1].starts_with("_Toc"));
        let cleaned = bookmark_re().replace_all(raw, "");
        let line: &str = &cleaned;
        if line.trim_start().starts_with('|') {
            flush_tab(&mut doc, &mut tab);
            pipe.push(raw.trim());
            continue;
        }
        flush_pipe(&mut doc, &mut pipe);
        if let Some(cell) = line.strip_prefix('\t') {
            if !tab.row_open {
                tab.rows.push(Vec::new());
                tab.row_open = true;
            }
            if let Some(row) = tab.rows.last_mut() {
                row.push(cell.to_string());
            }
        } else if line.trim().is_empty() {
            tab.row_open = false;
        } else if tab.row_open {
            if let Some(cell) = tab.rows.last_mut().and_then(|r| r.last_mut()) {
                cell.push('\n');
                cell.push_str(line);
            }
        } else {
            flush_tab(&mut doc, &mut tab);
            doc.blocks.push(prose(line, is_toc_heading));
        }
    }
    flush_pipe(&mut doc, &mut pipe);
    flush_tab(&mut doc, &mut tab);
    doc
}

fn prose(line: &str, toc_heading: bool) -> Block {
    let trimmed = line.trim();
    let hashes = trimmed.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
        let text = collapse(&trimmed[hashes..]);
        return Block::Heading {
            level: hashes as u8,
            text,
            page: None,
        };
    }
    if toc_heading {
        return Block::Heading {
            level: 1,
            text: collapse(trimmed),
            page: None,
        };
    }
    Block::Paragraph {
        text: trimmed.to_string(),
        page: None,
    }
}

fn flush_tab(doc: &mut Document, tab: &mut TabTable) {
    if let Some(table) = std::mem::take(tab).into_table() {
        doc.blocks.push(Block::Table(table));
    }
}

fn flush_pipe(doc: &mut Document, lines: &mut Vec<&str>) {
    if lines.is_empty() {
        return;
    }
    let rows: Vec<Vec<&str>> = lines.drain(..).map(split_pipe_row).collect();
    let is_separator = |row: &Vec<&str>| {
        row.iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| "-: ".contains(ch)))
    };
    let header = rows.get(1).is_some_and(is_separator);
    let kept: Vec<&Vec<&str>> = rows.iter().filter(|r| !is_separator(r)).collect();
    if let Some(table) = html_table(&kept, header) {
        doc.blocks.push(Block::Table(table));
    }
}

/// A table of rows of cells written as inline HTML ([`html_cell`]), one cell a column;
/// where the first row is a header line, one of empty cells is dropped.
pub(super) fn html_table<R: AsRef<[S]>, S: AsRef<str>>(rows: &[R], header: bool) -> Option<Table> {
    let mut cells = Vec::new();
    let mut r = 0;
    for (i, row) in rows.iter().enumerate() {
        let converted: Vec<(String, bool)> =
            row.as_ref().iter().map(|c| html_cell(c.as_ref())).collect();
        if i == 0 && header && converted.iter().all(|(t, _)| t.is_empty()) {
            continue;
        }
        for (c, (text, bold)) in converted.into_iter().enumerate() {
            cells.push(Cell {
                row: r,
                col: c,
                row_span: 1,
                col_span: 1,
                text,
                fill: None,
                color: None,
                bold: Some(bold),
                title_lines: 0,
                page: None,
            });
        }
        r += 1;
    }
    (!cells.is_empty()).then(|| Table::from_cells(cells))
}

fn split_pipe_row(line: &str) -> Vec<&str> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(str::trim).collect()
}

/// A cell's inline HTML as text lines, and whether it starts bold.
fn html_cell(html: &str) -> (String, bool) {
    static BREAKS: OnceLock<Regex> = OnceLock::new();
    static TAGS: OnceLock<Regex> = OnceLock::new();
    static BOLD: OnceLock<Regex> = OnceLock::new();
    let breaks = BREAKS.get_or_init(|| {
        Regex::new(r"(?i)<br\s*/?>|</p\s*>|</li\s*>|<li[^>]*>|</?ul[^>]*>|</?ol[^>]*>")
            .expect("valid regex")
    });
    let tags = TAGS.get_or_init(|| Regex::new(r"<[^>]*>").expect("valid regex"));
    let bold = BOLD.get_or_init(|| {
        Regex::new(r"(?i)^\s*(?:<p[^>]*>\s*)*<(?:b|strong)\b").expect("valid regex")
    });
    let starts_bold = bold.is_match(html);
    let text = breaks.replace_all(html, "\n");
    let text = tags.replace_all(&text, "");
    let text = decode_entities(&text);
    let lines: Vec<String> = text
        .lines()
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect();
    (lines.join("\n"), starts_bold)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_cells_rows_and_continuations() {
        let doc = parse(" 2016\n\tA\n\tB\nmore\n\n\tC\n\t\n\nAfter\n");
        assert!(matches!(&doc.blocks[0], Block::Paragraph { text, .. } if text == "2016"));
        let Block::Table(t) = &doc.blocks[1] else {
            panic!("table expected")
        };
        assert_eq!((t.n_rows, t.n_cols), (2, 2));
        assert_eq!(t.cells[1].text, "B\nmore");
        assert_eq!(t.cells[3].text, "");
        assert!(matches!(&doc.blocks[2], Block::Paragraph { text, .. } if text == "After"));
    }

    #[test]
    fn pipe_tables_with_html() {
        let md = "| H1 | H2 |\n|---|---|\n| <b>1.1 Do</b> this | <ul><li>• a</li><li>• b</li></ul> |\n\n|  |  |\n|--|--|\n| x&amp;y | |\n";
        let doc = parse(md);
        let Block::Table(t) = &doc.blocks[0] else {
            panic!()
        };
        assert_eq!(t.n_rows, 2);
        assert_eq!(t.cells[2].text, "1.1 Do this");
        assert_eq!(t.cells[2].bold, Some(true));
        assert_eq!(t.cells[3].text, "• a\n• b");
        let Block::Table(t2) = &doc.blocks[1] else {
            panic!()
        };
        assert_eq!(t2.n_rows, 1, "the empty header line is dropped");
        assert_eq!(t2.cells[0].text, "x&y");
    }

    #[test]
    fn bookmarks_dropped_toc_lines_are_headings() {
        let doc = parse("[bookmark: _Toc1]Inledning\n[bookmark: bmRubrik]*) Note\n");
        assert!(matches!(&doc.blocks[0], Block::Heading { text, .. } if text == "Inledning"));
        assert!(matches!(&doc.blocks[1], Block::Paragraph { text, .. } if text == "*) Note"));
    }
}
