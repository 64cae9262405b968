//! OpenDocument (`.ods`, `.odt`): `content.xml` read with quick-xml as a stream. Tables
//! give rows and cells with `number-columns-spanned`/`number-rows-spanned`, covered cells
//! and repeats (an empty repeated cell only moves the column, so a row claiming 16 384
//! columns costs nothing); automatic cell styles give `fo:background-color` and bold.
//! A spreadsheet's rows and columns whose `table:visibility` is `collapse` or `filter`
//! are hidden ([`super::hidden`]).
//! Text documents also give headings (`text:h`), paragraphs and lists in order.
//!
//! The five predefined entities and character references decode in text and attributes;
//! a DOCTYPE is refused. Repeats that hold content are expanded only within a budget
//! that grows with the size of `content.xml`, so a small file cannot claim millions of
//! cells. A package whose manifest declares encrypted members fails as encrypted.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader as XmlReader;

use super::grid::{used_range, Merge, SheetCell, CELL_LIMIT};
use super::hidden::{visible_blocks, Hidden};
use super::package::Package;
use super::title::{self, Look, Tally};
use super::xml_guard::reference_char;
use super::{encryption, icon};
use crate::colour::Rgb;
use crate::error::ReadError;
use crate::model::{Block, Document};

/// Most times one non-empty cell is repeated into the grid.
const REPEAT_LIMIT: u32 = 1024;
/// Deepest element nesting accepted.
const DEPTH_LIMIT: usize = 256;
/// Cells that repeats may add per byte of `content.xml` (beyond [`REPEAT_FLOOR`]).
const REPEAT_PER_BYTE: usize = 16;
/// Cells that repeats may add to any document, however small.
const REPEAT_FLOOR: usize = 100_000;

/// What an automatic style gives a cell or a text run.
#[derive(Debug, Clone, Default)]
struct StyleInfo {
    fill: Option<Rgb>,
    color: Option<Rgb>,
    bold: bool,
    /// `fo:font-style` italic or oblique (`Some(false)`: set upright).
    italic: Option<bool>,
    /// `fo:font-size` in points (absolute sizes only).
    size: Option<f32>,
    /// `style:text-position` raises the text (`super`, a positive percentage): a
    /// footnote marker.
    raised: bool,
    parent: Option<String>,
}

/// The name under which the default paragraph style (`style:default-style`) is kept.
const DEFAULT_PARAGRAPH: &str = ":default-paragraph";

/// A `fo:font-size` in points: `12pt`, `0.5cm`, `4mm`, `0.2in`; `None` for a
/// percentage or what does not parse.
fn font_size(v: &str) -> Option<f32> {
    let v = v.trim();
    let (number, factor) = [
        ("pt", 1.0),
        ("cm", 72.0 / 2.54),
        ("mm", 72.0 / 25.4),
        ("in", 72.0),
    ]
    .iter()
    .find_map(|(unit, f)| v.strip_suffix(unit).map(|n| (n, *f)))?;
    let size = number.trim().parse::<f32>().ok()? * factor;
    (size.is_finite() && size > 0.0).then_some(size)
}

/// How the document is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A spreadsheet: each table a sheet.
    Spreadsheet,
    /// A text document.
    Text,
}

/// Reads an OpenDocument package.
pub fn read(bytes: &[u8], kind: Kind, format: &'static str) -> Result<Document, ReadError> {
    let mut package = Package::open(bytes, format)?;
    package.check_all()?;
    encryption::refuse_encrypted_manifest(&mut package)?;
    let content = package
        .read("content.xml")?
        .ok_or_else(|| ReadError::MissingPart("content.xml".into()))?;
    let icons = icons(&mut package);
    let mut parser = Parser {
        kind,
        format,
        icons,
        styles: HashMap::new(),
        numbered: Default::default(),
        doc: Document::default(),
        repeat_budget: REPEAT_FLOOR.saturating_add(content.len().saturating_mul(REPEAT_PER_BYTE)),
        repeats_cut: false,
        notes: Vec::new(),
    };
    if let Some(styles) = package.read("styles.xml")? {
        parser.read_styles(&styles)?;
    }
    parser.parse(&content)?;
    // The notes' texts, each opened by its citation raised (`¹ …`), after the text.
    if !parser.notes.is_empty() {
        parser.doc.blocks.push(Block::Paragraph {
            text: String::new(),
            page: None,
        });
        for (citation, text) in std::mem::take(&mut parser.notes) {
            parser.doc.blocks.push(Block::Paragraph {
                text: format!("{} {text}", crate::text::raised(&citation)),
                page: None,
            });
        }
    }
    Ok(parser.doc)
}

struct Parser {
    kind: Kind,
    format: &'static str,
    /// Status colours of the package's small pictures, by their path (`Pictures/…`).
    icons: HashMap<String, Rgb>,
    styles: HashMap<String, StyleInfo>,
    /// List styles whose first level is numbered (`text:list-level-style-number`).
    numbered: std::collections::HashSet<String>,
    doc: Document,
    /// Cells repeats may still add.
    repeat_budget: usize,
    /// Whether some repeat was cut short for want of budget.
    repeats_cut: bool,
    /// The document's footnotes and endnotes, as (citation, text), in the order met.
    notes: Vec<(String, String)>,
}

/// Most pictures decoded as possible status icons in one document.
const MAX_ICONS: usize = 200;

/// The status colours of the package's small pictures ([`icon`]), by member name.
fn icons(package: &mut Package) -> HashMap<String, Rgb> {
    let mut out = HashMap::new();
    let names: Vec<String> = package
        .names()
        .into_iter()
        .filter(|n| n.starts_with("Pictures/"))
        .take(MAX_ICONS)
        .collect();
    for name in names {
        let bytes = package.read_small(&name, icon::MAX_FILE as u64);
        if let Some(colour) = bytes.as_deref().and_then(icon::file_colour) {
            out.insert(name, colour);
        }
    }
    out
}

/// A picture in a cell that is a status icon: its sign joins the cell's text and its
/// colour is the cell's text colour (unless a coloured run came first).
fn add_icon(icons: &HashMap<String, Rgb>, e: &BytesStart, cell: &mut Option<CellState>) {
    let (Some(c), Some(href)) = (cell.as_mut(), attr(e, b"xlink:href")) else {
        return;
    };
    if let Some(colour) = icons.get(href.trim_start_matches("./")) {
        c.text.push_str(icon::SIGN);
        c.color.get_or_insert(*colour);
    }
}

/// An attribute's value with its references decoded (the raw text where they are not
/// valid XML references).
fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    let a = e.attributes().flatten().find(|a| a.key.as_ref() == name)?;
    Some(match a.unescape_value() {
        Ok(v) => v.into_owned(),
        Err(_) => String::from_utf8_lossy(&a.value).into_owned(),
    })
}

fn number_attr(e: &BytesStart, name: &[u8]) -> u32 {
    attr(e, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1)
}

/// Whether a row or column element is hidden: collapsed, or filtered out.
fn hidden(e: &BytesStart) -> bool {
    matches!(
        attr(e, b"table:visibility").as_deref(),
        Some("collapse" | "filter")
    )
}

impl TableState {
    /// Counts a `table:table-column` element's columns, marking them when hidden.
    fn declare_columns(&mut self, e: &BytesStart) {
        let repeat = number_attr(e, b"table:number-columns-repeated");
        let last = self.columns.saturating_add(repeat - 1);
        if hidden(e) {
            self.hidden.cols.add(self.columns, last);
        }
        self.columns = last.saturating_add(1);
    }
}

/// A table being read: its cells and merges, the current row and column.
#[derive(Default)]
struct TableState {
    name: String,
    cells: Vec<SheetCell>,
    merges: Vec<Merge>,
    /// Rows and columns with `table:visibility` collapse or filter.
    hidden: Hidden,
    /// Columns declared so far (`table:table-column`, repeats counted).
    columns: u32,
    /// The row being read is hidden.
    row_hidden: bool,
    row: u32,
    col: u32,
    row_repeat: u32,
    row_start_cells: usize,
}

/// A cell being read.
struct CellState {
    repeat: u32,
    spans: (u32, u32),
    fill: Option<Rgb>,
    color: Option<Rgb>,
    bold: Option<bool>,
    text: String,
    covered: bool,
    title: TitleTrack,
    /// Lists open when the cell began (deeper ones are inside it).
    lists: usize,
}

/// A cell's paragraphs with their letters counted by how they are set, to find a title
/// styled apart from the rest ([`title::lead`]).
#[derive(Default)]
struct TitleTrack {
    /// How the paragraph being read is set by its style.
    para_look: Look,
    /// Where the paragraph being read starts in the cell's text.
    start: usize,
    /// Letters of the paragraph being read.
    letters: Tally,
    /// The paragraphs read: their text and letters.
    paragraphs: Vec<(String, Tally)>,
}

impl TitleTrack {
    /// Starts a paragraph set as `look` at `start` of the cell's text.
    fn begin_paragraph(&mut self, look: Look, start: usize) {
        self.para_look = look;
        self.start = start;
        self.letters = Tally::default();
    }

    /// Counts the letters of `text`, set as `look` says.
    fn add(&mut self, text: &str, look: Look) {
        self.letters.add(text, look);
    }

    /// Ends a line inside a paragraph at a line break (after `text`, the cell's text so
    /// far, which holds the break) and goes on with the next, set as the paragraph is.
    fn break_line(&mut self, text: &str) {
        let own = text.get(self.start..).unwrap_or_default();
        let own = own.strip_suffix('\n').unwrap_or(own);
        let letters = std::mem::take(&mut self.letters);
        self.paragraphs.push((own.to_string(), letters));
        self.start = text.len();
    }

    /// Closes a paragraph; `text` is the cell's text so far.
    fn end_paragraph(&mut self, text: &str) {
        let letters = std::mem::take(&mut self.letters);
        let own = text.get(self.start..).unwrap_or_default();
        self.paragraphs.push((own.to_string(), letters));
    }

    /// The number of title lines of the cell's whole `text`, where its lead styled
    /// apart reads as a title over the rest.
    fn title_lines(&self, text: &str) -> usize {
        let paragraphs: Vec<(&str, Tally)> = self
            .paragraphs
            .iter()
            .map(|(t, l)| (t.as_str(), l.clone()))
            .collect();
        match title::lead(&paragraphs) {
            0 => 0,
            n => crate::text::title_lines(text, n),
        }
    }
}

impl Parser {
    fn xml_error(&self, e: impl std::fmt::Display) -> ReadError {
        ReadError::malformed(self.format, e)
    }

    fn read_styles(&mut self, xml: &[u8]) -> Result<(), ReadError> {
        let mut reader = XmlReader::from_reader(xml);
        let mut buf = Vec::new();
        let mut current: Option<String> = None;
        loop {
            match reader
                .read_event_into(&mut buf)
                .map_err(|e| self.xml_error(e))?
            {
                Event::Start(e) | Event::Empty(e) => self.style_element(&e, &mut current),
                Event::End(e)
                    if matches!(
                        e.name().as_ref(),
                        b"style:style" | b"text:list-style" | b"style:default-style"
                    ) =>
                {
                    current = None
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        Ok(())
    }

    fn style_element(&mut self, e: &BytesStart, current: &mut Option<String>) {
        match e.name().as_ref() {
            b"style:default-style" => {
                *current = None;
                if attr(e, b"style:family").as_deref() == Some("paragraph") {
                    self.styles
                        .insert(DEFAULT_PARAGRAPH.to_string(), StyleInfo::default());
                    *current = Some(DEFAULT_PARAGRAPH.to_string());
                }
            }
            b"style:style" => {
                if let Some(name) = attr(e, b"style:name") {
                    let parent = attr(e, b"style:parent-style-name");
                    self.styles.insert(
                        name.clone(),
                        StyleInfo {
                            parent,
                            ..StyleInfo::default()
                        },
                    );
                    *current = Some(name);
                }
            }
            b"text:list-style" => *current = attr(e, b"style:name"),
            b"text:list-level-style-number" => {
                if let (Some(name), Some("1")) =
                    (current.as_ref(), attr(e, b"text:level").as_deref())
                {
                    self.numbered.insert(name.clone());
                }
            }
            b"style:table-cell-properties" | b"style:paragraph-properties" => {
                if let (Some(name), Some(bg)) = (current.as_ref(), attr(e, b"fo:background-color"))
                {
                    if let Some(s) = self.styles.get_mut(name) {
                        s.fill = Rgb::from_hex(&bg).filter(|c| !c.is_blank());
                    }
                }
            }
            b"style:text-properties" => {
                if let (Some(name), Some(c)) = (current.as_ref(), attr(e, b"fo:color")) {
                    if let Some(s) = self.styles.get_mut(name) {
                        s.color = Rgb::from_hex(&c).filter(|c| c.is_coloured());
                    }
                }
                if let (Some(name), Some(w)) = (current.as_ref(), attr(e, b"fo:font-weight")) {
                    if let Some(s) = self.styles.get_mut(name) {
                        s.bold = w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600);
                    }
                }
                if let Some(s) = current.as_ref().and_then(|n| self.styles.get_mut(n)) {
                    if let Some(v) = attr(e, b"fo:font-style") {
                        s.italic = Some(v == "italic" || v == "oblique");
                    }
                    if let Some(size) = attr(e, b"fo:font-size").as_deref().and_then(font_size) {
                        s.size = Some(size);
                    }
                    if let Some(position) = attr(e, b"style:text-position") {
                        let first = position.split_whitespace().next().unwrap_or("");
                        s.raised = first == "super"
                            || first
                                .trim_end_matches('%')
                                .parse::<f32>()
                                .is_ok_and(|p| p > 0.0);
                    }
                }
            }
            _ => {}
        }
    }

    /// Whether a paragraph style is the Title style or derives from it.
    fn is_title_style(&self, name: Option<&str>) -> bool {
        let mut next = name.map(String::from);
        for _ in 0..8 {
            let Some(n) = next.take() else { break };
            if n == "Title" {
                return true;
            }
            next = self.styles.get(&n).and_then(|s| s.parent.clone());
        }
        false
    }

    fn style(&self, name: Option<&str>) -> StyleInfo {
        let mut out = StyleInfo::default();
        let mut next = name.map(String::from);
        for _ in 0..8 {
            let Some(n) = next.take() else { break };
            let Some(s) = self.styles.get(&n) else { break };
            out.fill = out.fill.or(s.fill);
            out.color = out.color.or(s.color);
            out.bold |= s.bold;
            out.italic = out.italic.or(s.italic);
            out.size = out.size.or(s.size);
            out.raised |= s.raised;
            next = s.parent.clone();
        }
        out
    }

    /// How a paragraph in style `name` is set: its style's bold, italic and size, the
    /// size of the default paragraph style where its own styles set none.
    fn paragraph_look(&self, name: Option<&str>) -> Look {
        let s = self.style(name);
        Look {
            bold: s.bold,
            italic: s.italic.unwrap_or(false),
            size: s
                .size
                .or_else(|| self.styles.get(DEFAULT_PARAGRAPH).and_then(|d| d.size)),
        }
    }

    fn parse(&mut self, xml: &[u8]) -> Result<(), ReadError> {
        let mut reader = XmlReader::from_reader(xml);
        let mut buf = Vec::new();
        let mut depth = 0usize;
        let mut style_current: Option<String> = None;
        let mut in_styles = false;
        let mut tables: Vec<TableState> = Vec::new();
        let mut cell: Option<CellState> = None;
        // The cells that tables nested in them interrupted, outermost first.
        let mut outer_cells: Vec<Option<CellState>> = Vec::new();
        // Text of the paragraph or heading being read outside tables, with its kind.
        let mut para: Option<(String, Option<u8>)> = None;
        let mut list_depth = 0usize;
        // Whether each open `text:span` is raised (superscript).
        let mut raised_spans: Vec<bool> = Vec::new();
        let mut list_counters: Vec<u32> = Vec::new();
        let mut list_numbered: Vec<bool> = Vec::new();
        // Each open list's `xml:id` and style, and where closed lists' numbers ended
        // (by id and by style), for lists that continue another's numbering.
        let mut list_names: Vec<(Option<String>, String)> = Vec::new();
        let mut list_ends: HashMap<String, u32> = HashMap::new();
        let mut in_cell_para = false;
        // Whether each open span in a cell's paragraph is set bold (with what it is in).
        // How each open span in a cell's paragraph is set (with what it is in).
        let mut span_look: Vec<Look> = Vec::new();
        // How the paragraph being read outside tables is set by its style, its letters
        // by look, and those of every such paragraph read (with its block's index).
        let mut body_look = Look::default();
        let mut body_letters = Tally::default();
        let mut body_looks: Vec<(usize, Tally)> = Vec::new();
        loop {
            let event = reader
                .read_event_into(&mut buf)
                .map_err(|e| self.xml_error(e))?;
            match event {
                Event::Start(ref e) => {
                    descend(&mut depth)?;
                    let name = e.name();
                    match name.as_ref() {
                        b"office:automatic-styles" => in_styles = true,
                        _ if in_styles => self.style_element(e, &mut style_current),
                        // A comment on a cell or a passage is not its text, nor is the
                        // text a tracked change deleted (kept aside in the tracked-changes
                        // region: the document reads as accepted), nor a hidden section.
                        // A note shows its citation where it stands (raised, `¹`); its
                        // text goes after the document's text.
                        b"text:note" => {
                            let (citation, body) = read_note(&mut reader, self.format)?;
                            depth -= 1;
                            if let Some(t) = text_target(&mut cell, &mut para, in_cell_para) {
                                t.push_str(&crate::text::raised(&citation));
                            }
                            if !body.is_empty() && self.notes.len() < MAX_NOTES {
                                self.notes.push((citation, body));
                            }
                        }
                        // Comments, recorded deletions and a validation's help and error
                        // messages are not on the page.
                        b"office:annotation"
                        | b"text:tracked-changes"
                        | b"table:content-validations" => {
                            skip(&mut reader, name.as_ref(), self.format)?;
                            depth -= 1;
                        }
                        b"text:section" if attr(e, b"text:display").as_deref() == Some("none") => {
                            skip(&mut reader, name.as_ref(), self.format)?;
                            depth -= 1;
                        }
                        b"table:table" => {
                            // A table nested in a cell: that cell waits for it.
                            outer_cells.push(cell.take());
                            let name = attr(e, b"table:name").unwrap_or_default();
                            tables.push(TableState {
                                name,
                                ..TableState::default()
                            });
                        }
                        b"table:table-row" => {
                            if let Some(t) = tables.last_mut() {
                                t.col = 0;
                                t.row_repeat = number_attr(e, b"table:number-rows-repeated");
                                t.row_start_cells = t.cells.len();
                                t.row_hidden = hidden(e);
                            }
                        }
                        b"table:table-column" => {
                            if let Some(t) = tables.last_mut() {
                                t.declare_columns(e);
                            }
                        }
                        b"table:table-cell" | b"table:covered-table-cell" => {
                            let style = self.style(attr(e, b"table:style-name").as_deref());
                            cell = Some(CellState {
                                repeat: number_attr(e, b"table:number-columns-repeated"),
                                spans: (
                                    number_attr(e, b"table:number-rows-spanned"),
                                    number_attr(e, b"table:number-columns-spanned"),
                                ),
                                fill: style.fill,
                                color: style.color,
                                bold: None,
                                text: String::new(),
                                covered: name.as_ref() == b"table:covered-table-cell",
                                title: TitleTrack::default(),
                                lists: list_depth,
                            });
                        }
                        b"text:p" | b"text:h" => {
                            if let Some(c) = cell.as_mut() {
                                if !c.text.is_empty() {
                                    c.text.push('\n');
                                }
                                // An item of a list inside the cell keeps its sign.
                                if list_depth > c.lists {
                                    c.text
                                        .push_str(&list_prefix(&list_numbered, &mut list_counters));
                                }
                                in_cell_para = true;
                                let name = attr(e, b"text:style-name");
                                let s = self.style(name.as_deref());
                                let look = self.paragraph_look(name.as_deref());
                                c.title.begin_paragraph(look, c.text.len());
                                span_look.clear();
                                if c.bold.is_none() && s.bold {
                                    c.bold = Some(true);
                                }
                                // The cell's text colour: that of the paragraph or run
                                // its text opens with (an activity written in a key's
                                // colour).
                                if c.text.trim().is_empty() {
                                    c.color = c.color.or(s.color);
                                }
                            } else if tables.is_empty() {
                                // A paragraph in the Title style heads the document.
                                let title = name.as_ref() == b"text:p"
                                    && self.is_title_style(attr(e, b"text:style-name").as_deref());
                                let level = (name.as_ref() == b"text:h").then(|| {
                                    attr(e, b"text:outline-level")
                                        .and_then(|l| l.parse().ok())
                                        .unwrap_or(1)
                                });
                                let level = if title { Some(1) } else { level };
                                let prefix = if list_depth > 0 {
                                    list_prefix(&list_numbered, &mut list_counters)
                                } else {
                                    String::new()
                                };
                                para = Some((prefix, level));
                                body_look =
                                    self.paragraph_look(attr(e, b"text:style-name").as_deref());
                                body_letters = Tally::default();
                                span_look.clear();
                            }
                        }
                        b"text:list" => {
                            list_depth += 1;
                            let style = attr(e, b"text:style-name").unwrap_or_default();
                            list_numbered.push(self.numbered.contains(&style));
                            list_counters.push(continued_number(e, &style, &list_ends));
                            list_names.push((attr(e, b"xml:id"), style));
                        }
                        b"draw:image" => add_icon(&self.icons, e, &mut cell),
                        b"text:span" => {
                            let s = self.style(attr(e, b"text:style-name").as_deref());
                            raised_spans.push(s.raised || raised_spans.last() == Some(&true));
                            // The span's look over the paragraph's: a cell's, else the
                            // running text's.
                            let mut para_look = body_look;
                            if let Some(c) = cell.as_mut() {
                                if c.bold.is_none() && c.text.trim().is_empty() {
                                    c.bold = Some(s.bold);
                                }
                                if c.text.trim().is_empty() {
                                    c.color = c.color.or(s.color);
                                }
                                para_look = c.title.para_look;
                            }
                            let outer = span_look.last().copied().unwrap_or(para_look);
                            span_look.push(Look {
                                bold: s.bold || outer.bold,
                                italic: s.italic.unwrap_or(outer.italic),
                                size: s.size.or(outer.size),
                            });
                        }
                        _ => {}
                    }
                }
                Event::Empty(ref e) => {
                    let name = e.name();
                    match name.as_ref() {
                        _ if in_styles => {
                            self.style_element(e, &mut style_current);
                        }
                        b"table:table-column" => {
                            if let Some(t) = tables.last_mut() {
                                t.declare_columns(e);
                            }
                        }
                        b"table:table-cell" | b"table:covered-table-cell" => {
                            let repeat = number_attr(e, b"table:number-columns-repeated");
                            let style = self.style(attr(e, b"table:style-name").as_deref());
                            if let Some(t) = tables.last_mut() {
                                if style.fill.is_some() {
                                    let n = self.copies(repeat.min(REPEAT_LIMIT), 1);
                                    for k in 0..n {
                                        push_cell(
                                            t,
                                            t.col.saturating_add(k),
                                            String::new(),
                                            (style.fill, None),
                                            None,
                                        )?;
                                    }
                                }
                                t.col = t.col.saturating_add(repeat);
                            }
                        }
                        b"draw:image" => add_icon(&self.icons, e, &mut cell),
                        b"text:s" => {
                            let n = number_attr(e, b"text:c").min(64) as usize;
                            if let Some(t) = text_target(&mut cell, &mut para, in_cell_para) {
                                t.push_str(&" ".repeat(n));
                            }
                        }
                        b"text:tab" => {
                            if let Some(t) = text_target(&mut cell, &mut para, in_cell_para) {
                                t.push('\t');
                            }
                        }
                        b"text:line-break" => {
                            if let Some(t) = text_target(&mut cell, &mut para, in_cell_para) {
                                t.push('\n');
                            }
                            // Each line of a cell's paragraph counts apart (a bold title,
                            // a break, its description).
                            if let Some(c) = cell.as_mut().filter(|_| in_cell_para) {
                                c.title.break_line(&c.text);
                            }
                        }
                        b"text:p" | b"text:h" => {
                            if let Some(c) = cell.as_mut() {
                                if !c.text.is_empty() {
                                    c.text.push('\n');
                                }
                            } else if tables.is_empty() {
                                // An empty paragraph sets text apart (a footnote from the
                                // note after it), as Word's empty paragraph does.
                                self.doc.blocks.push(Block::Paragraph {
                                    text: String::new(),
                                    page: None,
                                });
                            }
                        }
                        _ => {}
                    }
                }
                Event::Text(ref t) => {
                    let mut text = t.decode().map_err(|e| self.xml_error(e))?;
                    if raised_spans.last() == Some(&true) {
                        text = crate::text::raised(&text).into();
                    }
                    if let Some(c) = cell.as_mut().filter(|_| in_cell_para) {
                        let look = span_look.last().copied().unwrap_or(c.title.para_look);
                        c.title.add(&text, look);
                    } else if cell.is_none() && para.is_some() {
                        body_letters.add(&text, span_look.last().copied().unwrap_or(body_look));
                    }
                    if let Some(target) = text_target(&mut cell, &mut para, in_cell_para) {
                        target.push_str(&text);
                    }
                }
                Event::GeneralRef(ref r) => {
                    let c = reference_char(r).map_err(|e| self.xml_error(e))?;
                    if let Some(target) = text_target(&mut cell, &mut para, in_cell_para) {
                        target.push(c);
                    }
                }
                Event::DocType(_) => {
                    return Err(self.xml_error(
                        "a DOCTYPE in content.xml (entity declarations are not accepted)",
                    ));
                }
                Event::End(ref e) => {
                    depth = depth.saturating_sub(1);
                    match e.name().as_ref() {
                        b"office:automatic-styles" => in_styles = false,
                        b"style:style" | b"text:list-style" => style_current = None,
                        b"table:table-cell" | b"table:covered-table-cell" => {
                            if let (Some(mut c), Some(t)) = (cell.take(), tables.last_mut()) {
                                // In a text document, a carriage return written as
                                // `&#x0d;` (LibreOffice closes a Word form field's text
                                // with one) breaks a line; a sheet's cell keeps it.
                                if self.kind == Kind::Text && c.text.contains('\r') {
                                    c.text = c.text.replace("\r\n", "\n").replace('\r', "\n");
                                }
                                // Empty paragraphs closing a cell (Word's after a nested
                                // table) add no line.
                                let kept = c.text.trim_end_matches('\n').len();
                                c.text.truncate(kept);
                                let n = if c.text.trim().is_empty() && c.fill.is_none() {
                                    0
                                } else {
                                    self.copies(c.repeat.min(REPEAT_LIMIT), 1)
                                };
                                let title_lines = c.title.title_lines(&c.text);
                                for k in 0..n {
                                    if !c.covered {
                                        let col = t.col.saturating_add(k);
                                        push_cell(
                                            t,
                                            col,
                                            c.text.clone(),
                                            (c.fill, c.color),
                                            c.bold.or(Some(false)),
                                        )?;
                                        if let Some(last) = t.cells.last_mut() {
                                            last.title_lines = title_lines;
                                        }
                                        if c.spans != (1, 1) {
                                            t.merges.push(merge(t.row, col, c.spans));
                                        }
                                    }
                                }
                                if !c.covered && c.spans != (1, 1) && n == 0 {
                                    t.merges.push(merge(t.row, t.col, c.spans));
                                }
                                t.col = t.col.saturating_add(c.repeat);
                            }
                            in_cell_para = false;
                        }
                        b"text:span" => {
                            span_look.pop();
                            raised_spans.pop();
                        }
                        b"text:p" | b"text:h" => {
                            if let Some(c) = cell.as_mut().filter(|_| in_cell_para) {
                                c.title.end_paragraph(&c.text);
                            }
                            in_cell_para = false;
                            if let Some((text, level)) = para.take() {
                                let text = text.trim().to_string();
                                let letters = std::mem::take(&mut body_letters);
                                match level {
                                    Some(l) if !text.is_empty() => {
                                        self.doc.blocks.push(Block::Heading {
                                            level: l.clamp(1, 9),
                                            text,
                                            page: None,
                                        })
                                    }
                                    _ => {
                                        body_looks.push((self.doc.blocks.len(), letters));
                                        self.doc.blocks.push(Block::Paragraph { text, page: None });
                                    }
                                }
                            }
                        }
                        b"text:list" => {
                            list_depth = list_depth.saturating_sub(1);
                            list_numbered.pop();
                            let last = list_counters.pop().unwrap_or(0);
                            if let Some((id, style)) = list_names.pop() {
                                if list_names.is_empty() {
                                    list_ends.insert(format!("style:{style}"), last);
                                    if let Some(id) = id {
                                        list_ends.insert(format!("id:{id}"), last);
                                    }
                                }
                            }
                        }
                        b"table:table-row" => {
                            if let Some(t) = tables.last_mut() {
                                // A repeated row with content is copied (bounded); an empty one only moves on.
                                let row_cells: Vec<SheetCell> = t
                                    .cells
                                    .get(t.row_start_cells..)
                                    .unwrap_or_default()
                                    .to_vec();
                                let repeats = if row_cells.is_empty() {
                                    0
                                } else {
                                    let wanted = t.row_repeat.min(REPEAT_LIMIT) - 1;
                                    self.copies(wanted, row_cells.len())
                                };
                                for k in 1..=repeats {
                                    for c in &row_cells {
                                        push_cell(
                                            t,
                                            c.col,
                                            c.text.clone(),
                                            (c.fill, c.color),
                                            c.bold,
                                        )?;
                                        if let Some(last) = t.cells.last_mut() {
                                            last.row = c.row.saturating_add(k);
                                        }
                                    }
                                }
                                if t.row_hidden {
                                    let last = t.row.saturating_add(t.row_repeat - 1);
                                    t.hidden.rows.add(t.row, last);
                                }
                                t.row = t.row.saturating_add(t.row_repeat);
                            }
                        }
                        b"table:table" => {
                            if let Some(t) = tables.pop() {
                                cell = outer_cells.pop().flatten();
                                self.finish_table(t, &mut cell);
                            }
                        }
                        _ => {}
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        if self.kind == Kind::Text {
            super::styled_headings::apply(&mut self.doc.blocks, &body_looks);
            super::run_in::apply(&mut self.doc.blocks, &body_looks);
        }
        if self.repeats_cut {
            self.doc.warnings.push(format!(
                "repeated cells beyond {} were not expanded (more than the file's size warrants)",
                REPEAT_FLOOR.saturating_add(xml.len().saturating_mul(REPEAT_PER_BYTE))
            ));
        }
        if self.kind == Kind::Spreadsheet {
            self.doc.title = super::sheet::first_paragraph(&self.doc);
        }
        Ok(())
    }

    /// How many of `wanted` copies of `width` cells the repeat budget still allows;
    /// takes them from the budget and notes when it cut the repeat short.
    fn copies(&mut self, wanted: u32, width: usize) -> u32 {
        let width = width.max(1);
        let affordable = (self.repeat_budget / width).min(wanted as usize) as u32;
        if affordable < wanted {
            self.repeats_cut = true;
        }
        self.repeat_budget -= affordable as usize * width;
        affordable
    }

    fn finish_table(&mut self, t: TableState, cell: &mut Option<CellState>) {
        // Hidden rows and columns are a sheet's (a text document's table shows them).
        let hidden = match self.kind {
            Kind::Spreadsheet => t.hidden,
            _ => Hidden::default(),
        };
        if self.kind == Kind::Spreadsheet && cell.is_none() {
            self.doc
                .sheets
                .extend(used_range(&t.name, &t.cells, &t.merges, &hidden));
        }
        // A sheet may hold several tables and notes; a text document's table is one
        // table, its title rows and empty rows included, as in Word.
        let blocks = match self.kind {
            Kind::Spreadsheet => visible_blocks(&t.name, t.cells, &t.merges, &hidden),
            Kind::Text => used_range(&t.name, &t.cells, &t.merges, &hidden)
                .map(|mut table| {
                    table.sheet = None;
                    table.origin = None;
                    vec![Block::Table(table)]
                })
                .unwrap_or_default(),
        };
        match cell.as_mut() {
            // A table nested in a cell keeps its text in that cell, a row a line.
            Some(outer) => {
                for b in blocks {
                    match b {
                        Block::Table(inner) => {
                            for line in inner.row_lines() {
                                new_line(&mut outer.text);
                                outer.text.push_str(&line);
                            }
                        }
                        Block::Paragraph { text, .. } | Block::Heading { text, .. } => {
                            new_line(&mut outer.text);
                            outer.text.push_str(&text);
                        }
                    }
                }
            }
            None => self.doc.blocks.extend(blocks),
        }
    }
}

/// Starts a new line of a cell's text, unless the text is empty (a table first in its
/// cell starts no blank line).
fn new_line(text: &mut String) {
    if !text.is_empty() {
        text.push('\n');
    }
}

/// Reads past the end of the element `name` just opened.
/// One element deeper into the XML; deeper than [`DEPTH_LIMIT`] is an error.
fn descend(depth: &mut usize) -> Result<(), ReadError> {
    *depth += 1;
    if *depth > DEPTH_LIMIT {
        return Err(ReadError::Limit(format!(
            "XML nested deeper than {DEPTH_LIMIT}"
        )));
    }
    Ok(())
}

/// Most notes kept from one document.
const MAX_NOTES: usize = 10_000;

/// Reads a `text:note` (its start already read) to its end: the citation it shows and
/// the text of its body, one line per paragraph.
fn read_note(
    reader: &mut XmlReader<&[u8]>,
    format: &'static str,
) -> Result<(String, String), ReadError> {
    let mut buf = Vec::new();
    let mut depth = 1usize;
    let mut citation = String::new();
    let mut body: Vec<String> = Vec::new();
    // Where text goes: 1 citation, 2 body.
    let mut into = 0u8;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| ReadError::malformed(format, e))?;
        match event {
            Event::Start(ref e) => {
                descend(&mut depth)?;
                match e.name().as_ref() {
                    b"text:note-citation" => into = 1,
                    b"text:note-body" => into = 2,
                    b"text:p" | b"text:h" if into == 2 => body.push(String::new()),
                    _ => {}
                }
            }
            Event::End(ref e) => {
                depth -= 1;
                if matches!(e.name().as_ref(), b"text:note-citation" | b"text:note-body") {
                    into = 0;
                }
                if depth == 0 {
                    break;
                }
            }
            Event::Empty(ref e) if into == 2 && e.name().as_ref() == b"text:s" => {
                if let Some(p) = body.last_mut() {
                    p.push(' ');
                }
            }
            Event::Text(ref t) => {
                let text = t.decode().map_err(|e| ReadError::malformed(format, e))?;
                match (into, body.last_mut()) {
                    (1, _) => citation.push_str(&text),
                    (2, Some(p)) => p.push_str(&text),
                    _ => {}
                }
            }
            Event::GeneralRef(ref r) => {
                let c = reference_char(r).map_err(|e| ReadError::malformed(format, e))?;
                match (into, body.last_mut()) {
                    (1, _) => citation.push(c),
                    (2, Some(p)) => p.push(c),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let body: Vec<String> = body
        .iter()
        .map(|p| crate::text::collapse(p))
        .filter(|p| !p.is_empty())
        .collect();
    Ok((crate::text::collapse(&citation), body.join("\n")))
}

fn skip(reader: &mut XmlReader<&[u8]>, name: &[u8], format: &'static str) -> Result<(), ReadError> {
    let mut skipped = Vec::new();
    reader
        .read_to_end_into(quick_xml::name::QName(name), &mut skipped)
        .map_err(|e| ReadError::malformed(format, e))?;
    Ok(())
}

/// The merged range a cell at (`row`, `col`) spanning (`rows`, `cols`) covers.
fn merge(row: u32, col: u32, (rows, cols): (u32, u32)) -> Merge {
    (
        (row, col),
        (
            row.saturating_add(rows.saturating_sub(1)),
            col.saturating_add(cols.saturating_sub(1)),
        ),
    )
}

fn push_cell(
    t: &mut TableState,
    col: u32,
    text: String,
    (fill, color): (Option<Rgb>, Option<Rgb>),
    bold: Option<bool>,
) -> Result<(), ReadError> {
    if t.cells.len() >= CELL_LIMIT {
        return Err(ReadError::Limit(format!(
            "table {} has more than {CELL_LIMIT} cells",
            t.name
        )));
    }
    t.cells.push(SheetCell {
        row: t.row,
        col,
        text,
        fill,
        color,
        bold,
        valued: false,
        title_lines: 0,
    });
    Ok(())
}

/// The number a list starts counting from: where the list it continues ended
/// (`text:continue-list` names it; `text:continue-numbering` means the last list of the
/// same style), else 0.
fn continued_number(e: &BytesStart, style: &str, ends: &HashMap<String, u32>) -> u32 {
    if let Some(id) = attr(e, b"text:continue-list") {
        return ends.get(&format!("id:{id}")).copied().unwrap_or(0);
    }
    if attr(e, b"text:continue-numbering").as_deref() == Some("true") {
        return ends.get(&format!("style:{style}")).copied().unwrap_or(0);
    }
    0
}

/// The sign of the next item of the innermost open list: its number (`3. `) where the
/// list is numbered, else a bullet.
fn list_prefix(numbered: &[bool], counters: &mut [u32]) -> String {
    match (numbered.last(), counters.last_mut()) {
        (Some(true), Some(n)) => {
            *n += 1;
            format!("{n}. ")
        }
        _ => "• ".to_string(),
    }
}

fn text_target<'a>(
    cell: &'a mut Option<CellState>,
    para: &'a mut Option<(String, Option<u8>)>,
    in_cell_para: bool,
) -> Option<&'a mut String> {
    match cell {
        Some(c) if in_cell_para => Some(&mut c.text),
        Some(_) => None,
        None => para.as_mut().map(|(t, _)| t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An ODT package of one `content.xml`.
    fn text_package(content: &[u8]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("mimetype", options).unwrap();
        std::io::Write::write_all(&mut zip, b"application/vnd.oasis.opendocument.text").unwrap();
        zip.start_file("content.xml", options).unwrap();
        std::io::Write::write_all(&mut zip, content).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_list_that_continues_another_goes_on_counting() {
        let content = br#"<?xml version="1.0"?><office:document-content
            xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
            xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
            xmlns:xml="http://www.w3.org/XML/1998/namespace">
            <office:automatic-styles><text:list-style style:name="N">
            <text:list-level-style-number text:level="1"/></text:list-style></office:automatic-styles>
            <office:body><office:text>
            <text:list xml:id="a" text:style-name="N"><text:list-item><text:p>Ett</text:p></text:list-item>
            <text:list-item><text:p>Tva</text:p></text:list-item></text:list>
            <text:h text:outline-level="1">Omrade 2</text:h>
            <text:list text:continue-numbering="true" text:style-name="N"><text:list-item><text:p>Tre</text:p></text:list-item></text:list>
            <text:list text:continue-list="a" text:style-name="N"><text:list-item><text:p>Fyra</text:p></text:list-item></text:list>
            <text:list text:style-name="N"><text:list-item><text:p>Ny</text:p></text:list-item></text:list>
            </office:text></office:body></office:document-content>"#;
        let doc = read(&text_package(content), Kind::Text, "ODT").unwrap();
        let texts: Vec<&str> = doc.blocks.iter().filter_map(Block::text).collect();
        assert_eq!(
            texts,
            ["1. Ett", "2. Tva", "Omrade 2", "3. Tre", "3. Fyra", "1. Ny"]
        );
    }

    /// The paragraphs of the shapes fixture read as accepted: the text tracked changes
    /// deleted (kept aside in text:tracked-changes) is not read, the inserted text is.
    #[test]
    fn tracked_changes_read_as_accepted() {
        let bytes = include_bytes!("../../tests/data/odt-shapes/shapes.odt");
        let truth: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/data/odt-shapes/truth.json")).unwrap();
        let doc = read(bytes, Kind::Text, "ODT").unwrap();
        let texts: Vec<&str> = doc
            .blocks
            .iter()
            .filter(|b| !matches!(b, Block::Table(_)))
            .filter_map(Block::text)
            .filter(|t| !t.is_empty())
            .collect();
        let expected: Vec<&str> = truth["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        assert_eq!(texts, expected);
    }

    /// A table first in its cell starts no blank line; a carriage return from a
    /// character reference ends a line, at the end of the cell none.
    #[test]
    fn nested_tables_first_in_a_cell_and_carriage_returns() {
        let bytes = text_package(
            br#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>
            <table:table table:name="T1"><table:table-row>
            <table:table-cell><text:p><text:text-input>Tiltak&#x0d;</text:text-input></text:p></table:table-cell>
            <table:table-cell><table:table table:name="T2"><table:table-row><table:table-cell><text:p>Barn</text:p></table:table-cell><table:table-cell><text:p>2025</text:p></table:table-cell></table:table-row></table:table><text:p/></table:table-cell>
            <table:table-cell><text:p>a&#13;b</text:p></table:table-cell>
            </table:table-row></table:table></office:text></office:body></office:document-content>"#,
        );
        let doc = read(&bytes, Kind::Text, "ODT").unwrap();
        let Block::Table(t) = &doc.blocks[0] else {
            panic!("{:?}", doc.blocks);
        };
        let texts: Vec<&str> = t.cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["Tiltak", "Barn | 2025", "a\nb"]);
    }

    /// A cell whose paragraph holds a bold title, a line break and a plain description
    /// has a title line; a cell in one look has none.
    #[test]
    fn a_bold_line_broken_from_its_description_is_the_cells_title() {
        let bytes = text_package(
            br#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">
            <office:automatic-styles><style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>
            <office:body><office:text><table:table table:name="T1"><table:table-row>
            <table:table-cell><text:p><text:span text:style-name="B">Felles innbyggerportal</text:span><text:line-break/>Alle skjema samles i ett skjema for innbyggerne.</text:p></table:table-cell>
            <table:table-cell><text:p>Samme stil<text:line-break/>hele veien gjennom cellen.</text:p></table:table-cell>
            </table:table-row></table:table></office:text></office:body></office:document-content>"#,
        );
        let doc = read(&bytes, Kind::Text, "ODT").unwrap();
        let Block::Table(t) = &doc.blocks[0] else {
            panic!("{:?}", doc.blocks);
        };
        let titles: Vec<usize> = t.cells.iter().map(|c| c.title_lines).collect();
        assert_eq!(titles, [1, 0]);
    }

    /// A validation's help message is not on the page.
    #[test]
    fn a_validation_help_message_is_not_read() {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("mimetype", options).unwrap();
        std::io::Write::write_all(&mut zip, b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        zip.start_file("content.xml", options).unwrap();
        std::io::Write::write_all(
            &mut zip,
            br#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet>
            <table:content-validations><table:content-validation table:name="v1"><table:help-message><text:p>1 = Ej p&#229;b&#246;rjad</text:p></table:help-message></table:content-validation></table:content-validations>
            <table:table table:name="S"><table:table-row><table:table-cell><text:p>Plan 2026</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#,
        )
        .unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let doc = read(&bytes, Kind::Spreadsheet, "ODS").unwrap();
        let texts: Vec<&str> = doc.blocks.iter().filter_map(Block::text).collect();
        assert!(!texts.iter().any(|t| t.contains("påbörjad")), "{texts:?}");
    }

    /// A section hidden by `text:display="none"` is not read.
    #[test]
    fn hidden_sections_are_not_read() {
        let bytes = text_package(
            br#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>
            <text:p>Synlig</text:p><text:section text:name="S1" text:display="none"><text:p>Skjult</text:p></text:section>
            <text:section text:name="S2"><text:p>Ogs&#229; synlig</text:p></text:section></office:text></office:body></office:document-content>"#,
        );
        let doc = read(&bytes, Kind::Text, "ODT").unwrap();
        let texts: Vec<&str> = doc.blocks.iter().filter_map(Block::text).collect();
        assert_eq!(texts, ["Synlig", "Også synlig"]);
    }
}
