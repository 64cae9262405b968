//! Page headers and footers (`word/header*.xml`, `footer*.xml`, found through the main
//! document's relationships): their texts, which often name the municipality, and the
//! tables a plan puts in them.
//!
//! Every section of a document may have its own headers (first page, even pages,
//! default), and a plan that repeats its letterhead in each section repeats the same
//! table. Each part is read once and a table equal to one read before (same grid, same
//! texts) is left out, so a letterhead is one table however many sections show it.

use docx_rs::{DocumentChild, FooterChild, FromXML, HeaderChild};

use super::styles::{Numbering, StyleDef};
use super::{checked_part, Icons, Walker};
use crate::error::ReadError;
use crate::model::{Block, Table};
use crate::read::package::Package;
use crate::read::relationships::Relationship;

/// What the page headers and footers hold.
#[derive(Default)]
pub(super) struct Margins {
    /// Each part's text, paragraphs on their own lines (headers first, in part-name order).
    pub texts: Vec<String>,
    /// The headers' tables, each once.
    pub header_tables: Vec<Table>,
    /// The footers' tables, each once.
    pub footer_tables: Vec<Table>,
    /// Parts whose tables could not be read.
    pub warnings: Vec<String>,
}

/// Reads the headers and footers `rels` (the main document's relationships) name.
pub(super) fn read(
    package: &mut Package,
    rels: &[Relationship],
    styles: &[StyleDef],
    numbering: &Numbering,
) -> Result<Margins, ReadError> {
    let mut parts: Vec<(&str, &str)> = rels
        .iter()
        .filter(|r| r.kind == "header" || r.kind == "footer")
        .map(|r| (r.kind.as_str(), r.target.as_str()))
        .collect();
    parts.sort_by_key(|(kind, target)| (*kind != "header", natural_key(target)));
    parts.dedup();
    let mut margins = Margins::default();
    // Images of a header are related from the header's own part: no status icons here.
    let icons = Icons::new();
    for (kind, part) in parts {
        let Some(xml) = checked_part(package, part)? else {
            continue;
        };
        let text = xml_text(&String::from_utf8_lossy(&xml));
        if !text.is_empty() {
            margins.texts.push(text);
        }
        let xml = super::vml::lift_text_boxes(&xml).unwrap_or(xml);
        let children = match children(kind, &xml) {
            Ok(children) => children,
            Err(e) => {
                margins
                    .warnings
                    .push(format!("{part}: tables not read ({e})"));
                continue;
            }
        };
        let mut walker = Walker::new(styles, numbering, &icons);
        for child in &children {
            walker.document_child(child);
        }
        let list = if kind == "header" {
            &mut margins.header_tables
        } else {
            &mut margins.footer_tables
        };
        for block in walker.doc.blocks {
            let Block::Table(table) = block else {
                continue;
            };
            let has_text = table.cells.iter().any(|c| !c.text.trim().is_empty());
            if has_text && !list.iter().any(|t| t.same_cells(&table)) {
                list.push(table);
            }
        }
    }
    Ok(margins)
}

/// A header's or footer's paragraphs, tables and content controls, as body children.
fn children(kind: &str, xml: &[u8]) -> Result<Vec<DocumentChild>, docx_rs::ReaderError> {
    Ok(if kind == "header" {
        docx_rs::Header::from_xml(xml)?
            .children
            .into_iter()
            .map(|c| match c {
                HeaderChild::Paragraph(p) => DocumentChild::Paragraph(p),
                HeaderChild::Table(t) => DocumentChild::Table(t),
                HeaderChild::StructuredDataTag(s) => DocumentChild::StructuredDataTag(s),
            })
            .collect()
    } else {
        docx_rs::Footer::from_xml(xml)?
            .children
            .into_iter()
            .map(|c| match c {
                FooterChild::Paragraph(p) => DocumentChild::Paragraph(p),
                FooterChild::Table(t) => DocumentChild::Table(t),
                FooterChild::StructuredDataTag(s) => DocumentChild::StructuredDataTag(s),
            })
            .collect()
    })
}

/// A part name as (text before its number, number, rest), so `header10` sorts after `header2`.
fn natural_key(name: &str) -> (String, u64, String) {
    let start = name
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(name.len());
    let digits = name[start..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(name.len(), |i| start + i);
    (
        name[..start].to_string(),
        name[start..digits].parse().unwrap_or(0),
        name[digits..].to_string(),
    )
}

/// The text runs (`<w:t>`) of a WordprocessingML part, paragraphs on their own lines.
fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    for para in xml.split("</w:p>") {
        let mut line = String::new();
        let mut rest = para;
        while let Some(start) = rest.find("<w:t") {
            rest = &rest[start + 4..];
            if !(rest.starts_with('>') || rest.starts_with(' ')) {
                continue;
            }
            let Some(open_end) = rest.find('>') else {
                break;
            };
            let Some(close) = rest.find("</w:t>") else {
                break;
            };
            if open_end < close {
                line.push_str(&crate::text::decode_entities(&rest[open_end + 1..close]));
            }
            rest = &rest[close..];
        }
        let line = line.trim();
        if !line.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(line);
        }
    }
    out
}
