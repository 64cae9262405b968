//! Word (.docx) reader on docx-rs.
//!
//! The package is opened through [`Package`], which inflates only the members read, each
//! with bounds and all together with a bound. Its parts are found through the package's
//! own relationships (`_rels/.rels` → the main document, its `.rels` → styles,
//! numbering, headers, footers), and each part planlift reads is checked by
//! [`xml_guard`] (well-formed, nested at most 96 deep); the main document is checked
//! before docx-rs parses it, because docx-rs hangs on an unclosed element and recurses
//! once per nesting level. Only those parts are inflated: themes, settings, comments,
//! fonts, images and `stylesWithEffects.xml` are never read.
//!
//! docx-rs parses the main document and the page headers and footers ([`margins`]: their
//! texts, and their tables apart from the body's). The styles and numbering parts are
//! read by [`styles`] in the same streaming pass that checks them: a style sheet is often
//! many times larger than the document, and the reader needs a handful of facts from it.
//!
//! Body paragraphs and tables are walked in order; vertical merges (`w:vMerge`) and
//! horizontal merges (`w:gridSpan`) become spans, cell shading (`w:shd/@w:fill`) the
//! fill, list numbering is rendered into the text (`1.`, `•`) so that lists survive as
//! lines. Text boxes ([`textbox`]) are read where they are anchored. docx-rs keeps some
//! properties private but serializes them, so those are read through their serialized
//! form.

use std::collections::HashMap;

use docx_rs::{
    DocumentChild, FromXML, Paragraph, ParagraphChild, Run, RunChild, StructuredDataTagChild,
    Table, TableCellContent, TableChild, TableRowChild, TextBox, TextBoxContentChild,
};
use serde::Serialize;
use serde_json::Value;

use self::styles::{Numbering, StyleDef};
use super::package::Package;
use super::relationships::{self, Relationship};
use super::title::{self, Tally};
use super::{encryption, icon, xml_guard, Reader};
use crate::colour::Rgb;
use crate::error::ReadError;
use crate::model::{self, Block, Cell, Document};

mod controls;
mod looks;
mod margins;
mod notes;
mod styles;
mod textbox;
mod vml;

/// Reads Word documents.
pub struct DocxReader;

/// The name errors give the format.
const FORMAT: &str = "Word";

impl Reader for DocxReader {
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError> {
        encryption::refuse_ole(bytes)?;
        let mut package = Package::open(bytes, FORMAT)?;
        let main = main_part(&mut package)?;
        let document = checked_part(&mut package, &main)?
            .ok_or_else(|| ReadError::MissingPart(main.clone()))?;
        let rels = relationships::of_part(&mut package, &main, FORMAT)?;
        let styles = match first_of(&rels, "styles") {
            Some(part) => match part_bytes(&mut package, part)? {
                Some(xml) => styles::read_styles(&xml, part, FORMAT)?,
                None => Vec::new(),
            },
            None => Vec::new(),
        };
        let numbering = match first_of(&rels, "numbering") {
            Some(part) => match part_bytes(&mut package, part)? {
                Some(xml) => styles::read_numbering(&xml, part, FORMAT)?,
                None => Numbering::default(),
            },
            None => Numbering::default(),
        };
        let margins = margins::read(&mut package, &rels, &styles, &numbering)?;
        let icons = icons(&mut package, &rels);
        let document = controls::unwrap(&document).unwrap_or(document);
        let document = vml::lift_text_boxes(&document).unwrap_or(document);
        let (document, references) = notes::mark_references(&document)
            .unwrap_or_else(|| (document, notes::References::default()));
        let body = docx_rs::Document::from_xml(&document[..]).map_err(|e| docx_error(&main, e))?;
        let mut walker = Walker::new(&styles, &numbering, &icons);
        for child in &body.children {
            walker.document_child(child);
        }
        let mut doc = walker.doc;
        crate::read::styled_headings::apply(&mut doc.blocks, &walker.body_looks);
        crate::read::run_in::apply(&mut doc.blocks, &walker.body_looks);
        doc.blocks
            .extend(note_blocks(&mut package, &rels, &references)?);
        doc.margin_texts = margins.texts;
        doc.header_tables = margins.header_tables;
        doc.footer_tables = margins.footer_tables;
        doc.warnings.extend(margins.warnings);
        Ok(doc)
    }
}

/// The texts of the footnotes and endnotes the document points to, each a paragraph
/// opened by the number its reference shows (`¹ Inventeringen omfattar …`), after an
/// empty paragraph that sets them apart from the text.
fn note_blocks(
    package: &mut Package,
    rels: &[Relationship],
    references: &notes::References,
) -> Result<Vec<Block>, ReadError> {
    if references.is_empty() {
        return Ok(Vec::new());
    }
    let mut parts = [None, None];
    for (k, kind) in ["footnotes", "endnotes"].iter().enumerate() {
        if let Some(part) = first_of(rels, kind) {
            if let Some(xml) = checked_part(package, part)? {
                parts[k] = Some(notes::read_notes(&xml));
            }
        }
    }
    let mut blocks = vec![Block::Paragraph {
        text: String::new(),
        page: None,
    }];
    for (endnote, id, number) in references.notes() {
        if let Some(text) = parts[endnote as usize].as_ref().and_then(|n| n.get(id)) {
            let shown = crate::interpret::footnotes::superscript(&number.to_string());
            blocks.push(Block::Paragraph {
                text: format!("{shown} {text}"),
                page: None,
            });
        }
    }
    Ok(if blocks.len() > 1 { blocks } else { Vec::new() })
}

/// Most frames within frames read as page layout.
const MAX_FRAMES: usize = 4;

/// Whether a table only lays out the page: one row of at most three cells side by side,
/// one of which holds a table (a table with a header row over a cell that holds a
/// table is a table).
fn is_frame(t: &Table) -> bool {
    let rows: Vec<&docx_rs::TableRow> = t
        .rows
        .iter()
        .map(|r| {
            let TableChild::TableRow(row) = r;
            row
        })
        .collect();
    rows.len() == 1
        && rows.iter().all(|r| r.cells.len() <= 3)
        && rows.iter().any(|r| {
            r.cells.iter().any(|TableRowChild::TableCell(tc)| {
                tc.children
                    .iter()
                    .any(|c| matches!(c, TableCellContent::Table(_)))
            })
        })
}

/// The main document part, named by the package relationship `officeDocument`
/// (`word/document.xml` when the package has no relationships part).
fn main_part(package: &mut Package) -> Result<String, ReadError> {
    let rels = relationships::of_part(package, "", FORMAT)?;
    if rels.is_empty() {
        return Ok("word/document.xml".into());
    }
    first_of(&rels, "officeDocument")
        .map(String::from)
        .ok_or_else(|| ReadError::MissingPart("the officeDocument relationship".into()))
}

fn first_of<'r>(rels: &'r [Relationship], kind: &str) -> Option<&'r str> {
    rels.iter()
        .find(|r| r.kind == kind)
        .map(|r| r.target.as_str())
}

/// A part's bytes, byte order mark removed; `None` when the package has no such part.
fn part_bytes(package: &mut Package, part: &str) -> Result<Option<Vec<u8>>, ReadError> {
    let Some(mut xml) = package.read(part)? else {
        return Ok(None);
    };
    if xml.starts_with(&[0xef, 0xbb, 0xbf]) {
        xml.drain(..3);
    }
    Ok(Some(xml))
}

/// A part's bytes (byte order mark removed) once [`xml_guard::check`] passed them.
fn checked_part(package: &mut Package, part: &str) -> Result<Option<Vec<u8>>, ReadError> {
    let Some(xml) = part_bytes(package, part)? else {
        return Ok(None);
    };
    xml_guard::check(&xml, part, FORMAT)?;
    Ok(Some(xml))
}

fn docx_error(part: &str, e: impl std::fmt::Display) -> ReadError {
    ReadError::malformed(FORMAT, format!("{part}: {e}"))
}

fn json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// What a paragraph style contributes: heading level, title, numbering.
#[derive(Default, Clone)]
struct StyleInfo {
    heading: Option<u8>,
    title: bool,
    numbering: Option<(usize, usize)>,
    based_on: Option<String>,
}

/// A heading level from an outline level (0 is the top level, heading 1).
fn outline_heading(level: usize) -> u8 {
    u8::try_from(level).unwrap_or(u8::MAX).saturating_add(1)
}

struct Walker<'a> {
    numbering: &'a Numbering,
    looks: looks::Looks,
    icons: &'a Icons,
    styles: HashMap<String, StyleInfo>,
    counters: HashMap<usize, Vec<usize>>,
    /// The running text's paragraphs: their block index and letters by look.
    body_looks: Vec<(usize, Tally)>,
    doc: Document,
}

impl<'a> Walker<'a> {
    fn new(all_styles: &[StyleDef], numbering: &'a Numbering, icons: &'a Icons) -> Walker<'a> {
        let mut styles = HashMap::new();
        for style in all_styles {
            let name = style.name.to_lowercase();
            let id = style.id.to_lowercase();
            let info = StyleInfo {
                heading: heading_level(&id)
                    .or_else(|| heading_level(&name))
                    .or_else(|| style.outline_level.map(outline_heading)),
                title: ["title", "titel", "tittel"].contains(&id.as_str())
                    || ["title", "titel", "tittel"].contains(&name.as_str()),
                numbering: style.numbering,
                based_on: style.based_on.clone(),
            };
            styles.insert(style.id.clone(), info);
        }
        Walker {
            numbering,
            looks: looks::Looks::new(all_styles),
            icons,
            styles,
            counters: HashMap::new(),
            body_looks: Vec::new(),
            doc: Document::default(),
        }
    }

    /// The style's information, with numbering inherited through `basedOn`.
    fn style(&self, id: &str) -> StyleInfo {
        let mut info = self.styles.get(id).cloned().unwrap_or_default();
        let mut parent = info.based_on.clone();
        let mut depth = 0;
        while let (None, Some(p)) = (info.numbering, parent.clone()) {
            depth += 1;
            if depth > 16 {
                break;
            }
            let Some(base) = self.styles.get(&p) else {
                break;
            };
            info.numbering = base.numbering;
            parent = base.based_on.clone();
        }
        info
    }

    fn document_child(&mut self, child: &DocumentChild) {
        match child {
            DocumentChild::Paragraph(p) => self.paragraph_block(p),
            DocumentChild::Table(t) => self.table_block(t, 0),
            DocumentChild::StructuredDataTag(sdt) => {
                for c in &sdt.children {
                    match c {
                        StructuredDataTagChild::Paragraph(p) => self.paragraph_block(p),
                        StructuredDataTagChild::Table(t) => self.table_block(t, 0),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    /// A table of the body: as a table, or where it only lays out the page (a frame of
    /// one row of a few cells, one holding a table: prose on the left, the measures'
    /// table on the right), its cells' paragraphs and tables in reading order.
    fn table_block(&mut self, t: &Table, depth: usize) {
        if depth < MAX_FRAMES && is_frame(t) {
            for TableChild::TableRow(row) in &t.rows {
                for TableRowChild::TableCell(tc) in &row.cells {
                    for content in &tc.children {
                        match content {
                            TableCellContent::Paragraph(p) => self.paragraph_block(p),
                            TableCellContent::Table(nested) => self.table_block(nested, depth + 1),
                            _ => {}
                        }
                    }
                }
            }
            return;
        }
        let table = self.table(t);
        self.doc.blocks.push(Block::Table(table));
    }

    /// The style a paragraph names, resolved.
    fn paragraph_style(&self, p: &Paragraph) -> StyleInfo {
        p.property
            .style
            .as_ref()
            .map(|s| self.style(&s.val))
            .unwrap_or_default()
    }

    fn paragraph_block(&mut self, p: &Paragraph) {
        let style = self.paragraph_style(p);
        let text = self.paragraph_text(p, &style).0;
        let text = text.trim().to_string();
        if style.title && self.doc.title.is_none() && !text.is_empty() {
            self.doc.title = Some(crate::text::collapse(&text));
        }
        let level = p
            .property
            .outline_lvl
            .as_ref()
            .map(|o| outline_heading(o.v))
            .or(style.heading);
        match level {
            Some(level) if !text.is_empty() => self.doc.blocks.push(Block::Heading {
                level,
                text,
                page: None,
            }),
            _ => {
                let looks = self.looks.paragraph(p);
                self.body_looks.push((self.doc.blocks.len(), looks));
                self.doc.blocks.push(Block::Paragraph { text, page: None });
            }
        }
        self.doc.sign_legend.extend(coloured_signs(p, self.icons));
        for tb in textbox::anchored(p) {
            self.text_box(tb);
        }
    }

    /// A text box's paragraphs and tables as blocks, at its anchor.
    fn text_box(&mut self, tb: &TextBox) {
        for child in &tb.children {
            match child {
                TextBoxContentChild::Paragraph(p) => self.paragraph_block(p),
                TextBoxContentChild::Table(t) => {
                    let table = self.table(t);
                    self.doc.blocks.push(Block::Table(table));
                }
            }
        }
    }

    /// A text box's paragraphs and tables (one line per row) as lines of a cell.
    fn text_box_lines(&mut self, tb: &TextBox) -> Vec<String> {
        let mut lines = Vec::new();
        for child in &tb.children {
            match child {
                TextBoxContentChild::Paragraph(p) => {
                    let style = self.paragraph_style(p);
                    lines.push(self.paragraph_text(p, &style).0);
                }
                TextBoxContentChild::Table(t) => lines.extend(self.table(t).row_lines()),
            }
        }
        lines
    }

    /// A paragraph's text with its list label, and whether it starts bold.
    fn paragraph_text(&mut self, p: &Paragraph, style: &StyleInfo) -> (String, Option<bool>) {
        let mut text = String::new();
        let mut bold = None;
        for child in &p.children {
            paragraph_child(child, self.icons, &mut text, &mut bold);
        }
        let numbering = numbering_of(&p.property.numbering_property).or(style.numbering);
        if let Some((num_id, level)) = numbering {
            if num_id != 0 && !text.trim().is_empty() {
                if let Some(label) = self.list_label(num_id, level) {
                    text = format!("{label} {}", text.trim_start());
                }
            }
        }
        (text, bold)
    }

    /// The rendered label of the next item of list `num_id` at `level`.
    fn list_label(&mut self, num_id: usize, level: usize) -> Option<String> {
        let level = level.min(8);
        let numbering = self.numbering;
        let formats: Vec<Option<&styles::LevelDef>> =
            (0..=level).map(|l| numbering.level(num_id, l)).collect();
        let this = formats[level]?;
        if this.format == "bullet" {
            return Some("•".into());
        }
        if this.format == "none" {
            return None;
        }
        let counters = self.counters.entry(num_id).or_insert_with(|| vec![0; 9]);
        for (l, counter) in counters.iter_mut().enumerate().take(level) {
            if *counter == 0 {
                *counter = formats[l].as_ref().map(|f| f.start).unwrap_or(1);
            }
        }
        counters[level] = if counters[level] == 0 {
            this.start
        } else {
            counters[level] + 1
        };
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        let mut label = this.text.clone();
        for (l, format) in formats.iter().enumerate() {
            let value = counters[l];
            let rendered = format_number(value, format.as_ref().map_or("decimal", |f| &f.format));
            label = label.replace(&format!("%{}", l + 1), &rendered);
        }
        Some(if label.trim().is_empty() {
            format!("{}.", counters[level])
        } else {
            label
        })
    }

    fn table(&mut self, t: &Table) -> model::Table {
        let mut cells: Vec<Cell> = Vec::new();
        let mut r = 0usize;
        for row in &t.rows {
            let TableChild::TableRow(row) = row;
            // The document as accepted: a row whose deletion is tracked is gone.
            if row.property.del.is_some() {
                continue;
            }
            // A row indented by grid columns it skips (`w:gridBefore`) starts further right.
            let mut col = json(&row.property)
                .get("gridBefore")
                .and_then(Value::as_u64)
                .unwrap_or(0)
                .min(512) as usize;
            for TableRowChild::TableCell(tc) in &row.cells {
                let prop = json(&tc.property);
                let span = prop
                    .get("gridSpan")
                    .and_then(Value::as_u64)
                    .unwrap_or(1)
                    .clamp(1, 512);
                let span = span as usize;
                let vmerge = prop
                    .get("verticalMerge")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                if vmerge == "continue" {
                    if let Some(anchor) = cells
                        .iter_mut()
                        .rev()
                        .find(|c| c.col == col && c.row + c.row_span == r)
                    {
                        anchor.row_span += 1;
                        col += span;
                        continue;
                    }
                }
                let fill = prop
                    .get("shading")
                    .and_then(|s| s.get("fill"))
                    .and_then(Value::as_str)
                    .and_then(Rgb::from_hex);
                let (text, bold, title_lines) = self.cell_content(&tc.children);
                cells.push(Cell {
                    row: r,
                    col,
                    row_span: 1,
                    col_span: span,
                    text,
                    fill,
                    color: text_colour(&tc.children, self.icons),
                    bold,
                    title_lines,
                    page: None,
                });
                col += span;
            }
            r += 1;
        }
        model::Table::from_cells(cells)
    }

    /// A cell's text, whether it starts bold, and how many of its lines are a title
    /// (leading paragraphs styled apart from the rest, [`crate::read::title::lead`], that
    /// read as a title, [`crate::text::is_title_over`]).
    fn cell_content(&mut self, children: &[TableCellContent]) -> (String, Option<bool>, usize) {
        let mut lines: Vec<String> = Vec::new();
        let mut bold = None;
        // Each line's letters by how they are set (none for text boxes and nested tables).
        let mut tallies: Vec<Tally> = Vec::new();
        for child in children {
            match child {
                TableCellContent::Paragraph(p) => {
                    let style = self.paragraph_style(p);
                    let (text, b) = self.paragraph_text(p, &style);
                    if bold.is_none() && !text.trim().is_empty() {
                        bold = b;
                    }
                    // Each line of the paragraph with its own letters, where the
                    // breaks agree (a bold title, a break, its description).
                    let per_line = self.looks.paragraph_lines(p);
                    if per_line.len() > 1 && per_line.len() == text.split('\n').count() {
                        for (line, tally) in text.split('\n').zip(per_line) {
                            tallies.push(tally);
                            lines.push(line.to_string());
                        }
                    } else {
                        tallies.push(Tally::merged(&per_line));
                        lines.push(text);
                    }
                    for tb in textbox::anchored(p) {
                        let box_lines = self.text_box_lines(tb);
                        tallies.extend(box_lines.iter().map(|_| Tally::default()));
                        lines.extend(box_lines);
                    }
                }
                TableCellContent::Table(nested) => {
                    // A nested table keeps its text: one line per row, cells joined by " | ".
                    let inner = self.table(nested);
                    let rows = inner.row_lines();
                    tallies.extend(rows.iter().map(|_| Tally::default()));
                    lines.extend(rows);
                }
                _ => {}
            }
        }
        let paragraphs: Vec<(&str, Tally)> =
            lines.iter().map(String::as_str).zip(tallies).collect();
        let lead = title::lead(&paragraphs);
        let text = lines
            .iter()
            .map(|l| l.trim_end())
            .collect::<Vec<_>>()
            .join("\n");
        let text = text.trim_matches('\n').to_string();
        let title_lines = match lead {
            0 => 0,
            n => crate::text::title_lines(&text, n),
        };
        (text, bold.or(Some(false)), title_lines)
    }
}

fn heading_level(name: &str) -> Option<u8> {
    for prefix in ["heading", "rubrik", "overskrift", "otsikko"] {
        if let Some(rest) = name.strip_prefix(prefix) {
            if let Ok(n) = rest.trim().parse::<u8>() {
                return Some(n.clamp(1, 9));
            }
        }
    }
    None
}

fn numbering_of(np: &Option<docx_rs::NumberingProperty>) -> Option<(usize, usize)> {
    let np = np.as_ref()?;
    Some((np.id.as_ref()?.id, np.level.as_ref().map_or(0, |l| l.val)))
}

fn format_number(n: usize, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

fn letters(mut n: usize) -> String {
    let mut s = Vec::new();
    while n > 0 {
        n -= 1;
        s.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (value, digits) in TABLE {
        while n >= value && s.len() < 32 {
            s.push_str(digits);
            n -= value;
        }
    }
    s
}

fn paragraph_child(
    child: &ParagraphChild,
    icons: &Icons,
    text: &mut String,
    bold: &mut Option<bool>,
) {
    match child {
        ParagraphChild::Run(run) => run_text(run, icons, text, bold),
        ParagraphChild::Insert(ins) => {
            for c in &ins.children {
                if let docx_rs::InsertChild::Run(run) = c {
                    run_text(run, icons, text, bold);
                }
            }
        }
        ParagraphChild::Hyperlink(link) => {
            for c in &link.children {
                paragraph_child(c, icons, text, bold);
            }
        }
        ParagraphChild::StructuredDataTag(sdt) => {
            for c in &sdt.children {
                if let StructuredDataTagChild::Run(run) = c {
                    run_text(run, icons, text, bold);
                }
            }
        }
        _ => {}
    }
}

/// The colour of the first run in a cell that shows one ([`run_colour`]): a status
/// icon, or a text colour (`w:color`) with a hue or grey.
fn text_colour(children: &[TableCellContent], icons: &Icons) -> Option<Rgb> {
    children.iter().find_map(|child| {
        let TableCellContent::Paragraph(p) = child else {
            return None;
        };
        p.children.iter().find_map(|c| {
            let ParagraphChild::Run(run) = c else {
                return None;
            };
            run_colour(run, icons)
        })
    })
}

/// The colour a run shows: its status icon's, or its text colour where that has a hue
/// or is grey (not black, white or automatic).
fn run_colour(run: &Run, icons: &Icons) -> Option<Rgb> {
    run.children
        .iter()
        .find_map(|rc| icon_of(rc, icons))
        .or_else(|| {
            run.run_property
                .color
                .as_ref()
                .map(json)
                .and_then(|v| v.as_str().and_then(Rgb::from_hex))
        })
        .filter(|c| c.hue() != crate::colour::Hue::Neutral)
}

/// The coloured signs of a paragraph (a run of one sign set in a colour, or a status
/// icon), each with the text after it up to the next one.
fn coloured_signs(p: &Paragraph, icons: &Icons) -> Vec<(Rgb, String)> {
    let mut out: Vec<(Rgb, String)> = Vec::new();
    for child in &p.children {
        let ParagraphChild::Run(run) = child else {
            continue;
        };
        let mut text = String::new();
        let mut bold = None;
        run_text(run, icons, &mut text, &mut bold);
        let sign = {
            let t = text.trim();
            let mut chars = t.chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if !c.is_alphanumeric())
        };
        // Only a sign's colour is looked up (a run's colour is read through JSON).
        match sign.then(|| run_colour(run, icons)).flatten() {
            Some(c) => out.push((c, String::new())),
            None => {
                if let Some((_, words)) = out.last_mut() {
                    words.push_str(&text);
                }
            }
        }
    }
    for (_, words) in &mut out {
        *words = crate::text::collapse(words);
    }
    out
}

/// The status colours of the images the main document relates to, by relationship id:
/// only small PNG and JPEG files are decoded ([`icon`]), at most [`MAX_ICONS`] of them.
type Icons = HashMap<String, Rgb>;

/// Most images decoded as possible status icons in one document.
const MAX_ICONS: usize = 200;

fn icons(package: &mut Package, rels: &[Relationship]) -> Icons {
    let mut out = Icons::new();
    for r in rels.iter().filter(|r| r.kind == "image").take(MAX_ICONS) {
        let bytes = package.read_small(&r.target, icon::MAX_FILE as u64);
        if let Some(colour) = bytes.as_deref().and_then(icon::file_colour) {
            out.insert(r.id.clone(), colour);
        }
    }
    out
}

/// The colour of a picture that is a status icon.
fn icon_of(child: &RunChild, icons: &Icons) -> Option<Rgb> {
    let RunChild::Drawing(d) = child else {
        return None;
    };
    let Some(docx_rs::DrawingData::Pic(pic)) = &d.data else {
        return None;
    };
    icons.get(&pic.id).copied()
}

fn run_text(run: &Run, icons: &Icons, text: &mut String, bold: &mut Option<bool>) {
    let before = text.len();
    let raised = run
        .run_property
        .vert_align
        .as_ref()
        .map(json)
        .is_some_and(|v| v.as_str() == Some("superscript"));
    for child in &run.children {
        match child {
            RunChild::Text(t) if raised => text.push_str(&crate::text::raised(&t.text)),
            RunChild::Text(t) => text.push_str(&t.text),
            RunChild::Tab(_) | RunChild::PTab(_) => text.push('\t'),
            RunChild::Break(_) | RunChild::CarriageReturn(_) => text.push('\n'),
            other if icon_of(other, icons).is_some() => text.push_str(icon::SIGN),
            _ => {}
        }
    }
    if bold.is_none() && text[before..].chars().any(|c| !c.is_whitespace()) {
        let b = run
            .run_property
            .bold
            .as_ref()
            .map(json)
            .and_then(|v| v.as_bool());
        *bold = Some(b.unwrap_or(false));
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// A minimal package: content types, package relationships to `main`, and `main`.
    fn package(main: &str, document: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let members = [
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_string(),
            ),
            (
                "_rels/.rels",
                format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{main}"/></Relationships>"#),
            ),
            (main, document.to_string()),
        ];
        for (name, text) in members {
            zip.start_file(name.trim_start_matches('/'), options)
                .unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// A package whose main document relates to a styles and a numbering part.
    fn package_with_lists(document: &str, styles: &str, numbering: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let rel = |id: &str, kind: &str, target: &str| {
            format!(
                r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>"#
            )
        };
        let rels = |inner: String| {
            format!(
                r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{inner}</Relationships>"#
            )
        };
        let members = [
            (
                "_rels/.rels",
                rels(rel("rId1", "officeDocument", "word/document.xml")),
            ),
            (
                "word/_rels/document.xml.rels",
                rels(
                    rel("rId1", "styles", "styles.xml")
                        + &rel("rId2", "numbering", "numbering.xml"),
                ),
            ),
            ("word/document.xml", document.to_string()),
            ("word/styles.xml", styles.to_string()),
            ("word/numbering.xml", numbering.to_string()),
        ];
        for (name, text) in members {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn document(body: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
    }

    fn nested_tables(n: usize) -> String {
        let open = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p>";
        document(&(open.repeat(n) + &"<w:p/></w:tc></w:tr></w:tbl>".repeat(n)))
    }

    #[test]
    fn nesting_just_within_the_guard_fits_a_small_stack() {
        // document and body, three levels a table, the innermost text three more:
        // 30 tables are 95 deep (docx-rs and the walker overflow a 2 MiB stack near 40
        // nested tables in a debug build, so the limit leaves room).
        let bytes = package("word/document.xml", &nested_tables(30));
        let doc = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || DocxReader.read(&bytes).map_err(|e| e.to_string()))
            .unwrap()
            .join()
            .expect("no stack overflow")
            .expect("reads");
        // The outer tables lay out a table each (frames, read for what they hold): their
        // paragraphs, and the one table the last frame holds.
        let tables = doc.blocks.iter().filter(|b| matches!(b, Block::Table(_)));
        assert_eq!(tables.count(), 1);
        let deeper = package("word/document.xml", &nested_tables(32));
        let error = DocxReader.read(&deeper).unwrap_err().to_string();
        assert!(error.contains("nested deeper than 96"), "{error}");
    }

    #[test]
    fn the_main_part_is_found_through_the_relationships() {
        let body = "<w:p><w:r><w:t>Hej &amp; v&#228;lkommen</w:t></w:r></w:p>";
        let doc = DocxReader
            .read(&package("/word/main-text.xml", &document(body)))
            .unwrap();
        assert!(
            matches!(&doc.blocks[0], Block::Paragraph { text, .. } if text == "Hej & välkommen")
        );
    }

    #[test]
    fn a_body_cut_short_fails_with_the_open_element() {
        let whole = document("<w:p><w:r><w:t>x</w:t></w:r></w:p>");
        let cut = &whole[..whole.find("</w:t>").unwrap()];
        let error = DocxReader
            .read(&package("word/document.xml", cut))
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("malformed Word: word/document.xml: unclosed element w:t at byte "),
            "{error}"
        );
    }

    #[test]
    fn styles_and_numbering_give_headings_and_list_labels() {
        let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
        let styles = format!(
            r#"<w:styles {w}><w:style w:styleId="Title"><w:name w:val="Title"/></w:style>
            <w:style w:styleId="Chapter"><w:name w:val="Chapter"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
            <w:style w:styleId="ListBase"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
            <w:style w:styleId="Steps"><w:basedOn w:val="ListBase"/></w:style></w:styles>"#
        );
        let numbering = format!(
            r#"<w:numbering {w}><w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%2)"/></w:lvl>
            </w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
        );
        let para = |style: &str, extra: &str, text: &str| {
            format!(
                r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let body = para("Title", "", "Plan")
            + &para("Chapter", "", "Goals")
            + &para("Steps", "", "First")
            + &para(
                "Steps",
                r#"<w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr>"#,
                "Sub",
            )
            + &para("Steps", "", "Second");
        let bytes = package_with_lists(&document(&body), &styles, &numbering);
        let doc = DocxReader.read(&bytes).unwrap();
        assert_eq!(doc.title.as_deref(), Some("Plan"));
        let texts: Vec<String> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading { level, text, .. } => format!("h{level} {text}"),
                Block::Paragraph { text, .. } => text.clone(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(
            texts,
            ["Plan", "h1 Goals", "1. First", "1.a) Sub", "2. Second"]
        );
    }

    /// The content of a text box as Word saves it: DrawingML in `mc:Choice`, the same
    /// again as VML in `mc:Fallback`.
    fn text_box_run(content: &str) -> String {
        format!(
            r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="1" name="Boks"/><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#
        )
    }

    /// A document whose root declares the namespaces text boxes use.
    fn drawing_document(body: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>{body}</w:body></w:document>"#
        )
    }

    fn block_texts(doc: &Document) -> Vec<String> {
        doc.blocks
            .iter()
            .map(|b| match b {
                Block::Table(t) => format!("table {}", t.row_lines().join(" / ")),
                other => other.text().unwrap_or_default().to_string(),
            })
            .collect()
    }

    #[test]
    fn a_text_box_is_read_once_after_its_anchoring_paragraph() {
        let p = |t: &str| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>");
        let table = format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
            p("Frist"),
            p("2025")
        );
        let content = p("I boksen") + &table;
        let anchor = format!(
            "<w:p><w:r><w:t>Ankeret</w:t></w:r>{}</w:p>",
            text_box_run(&content)
        );
        let body = p("Før") + &anchor + &p("Etter");
        let doc = DocxReader
            .read(&package("word/document.xml", &drawing_document(&body)))
            .unwrap();
        assert_eq!(
            block_texts(&doc),
            ["Før", "Ankeret", "I boksen", "table Frist | 2025", "Etter"]
        );
    }

    #[test]
    fn a_bare_vml_text_box_is_read_and_keeps_the_text_around_it() {
        // Without mc:AlternateContent (older writers), in a VML shape other than v:shape:
        // read as a text box, and the text after it in its paragraph is kept.
        let body = r#"<w:p><w:r><w:t>Ankeret</w:t></w:r><w:r><w:pict><v:rect><v:textbox><w:txbxContent><w:p><w:r><w:t>I boksen</w:t></w:r></w:p></w:txbxContent></v:textbox></v:rect></w:pict></w:r><w:r><w:t> og mer</w:t></w:r></w:p><w:p><w:r><w:t>Etter</w:t></w:r></w:p>"#;
        let doc = DocxReader
            .read(&package("word/document.xml", &drawing_document(body)))
            .unwrap();
        assert_eq!(block_texts(&doc), ["Ankeret og mer", "I boksen", "Etter"]);
    }
}
