//! What calamine does not give of an xlsx worksheet, read in one streaming pass over its
//! part: merged ranges (`<mergeCell ref="B2:E2">`) and hidden rows and columns
//! (`<row r="5" hidden="1">`, `<col min="3" max="3" hidden="1">`). The worksheet parts
//! are found by name through the workbook's relationships.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader as XmlReader;

use super::grid::Merge;
use super::hidden::Hidden;
use super::package::Package;
use super::relationships;
use crate::error::ReadError;

/// Most merged ranges one sheet may declare.
pub const MERGE_LIMIT: usize = 50_000;

/// A worksheet's merged ranges and hidden rows and columns.
#[derive(Debug, Default)]
pub struct Layout {
    /// Merged ranges, in 0-based sheet coordinates.
    pub merges: Vec<Merge>,
    /// Hidden rows and columns.
    pub hidden: Hidden,
}

/// The part of each sheet of `xl/workbook.xml`, by sheet name.
pub fn sheet_parts(package: &mut Package) -> Result<HashMap<String, String>, ReadError> {
    const WORKBOOK: &str = "xl/workbook.xml";
    let targets: HashMap<String, String> = relationships::of_part(package, WORKBOOK, "Excel")?
        .into_iter()
        .map(|r| (r.id, r.target))
        .collect();
    let Some(xml) = package.read(WORKBOOK)? else {
        return Ok(HashMap::new());
    };
    let mut reader = XmlReader::from_reader(&xml[..]);
    let mut parts = HashMap::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"sheet" => {
                let (mut name, mut id) = (None, None);
                for a in e.attributes().flatten() {
                    let value = a.unescape_value().ok().map(|v| v.into_owned());
                    match (a.key.prefix().is_some(), a.key.local_name().as_ref()) {
                        (false, b"name") => name = value,
                        (true, b"id") => id = value,
                        _ => {}
                    }
                }
                if let (Some(name), Some(part)) = (name, id.and_then(|id| targets.get(&id))) {
                    parts.insert(name, part.clone());
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    Ok(parts)
}

/// Reads a worksheet part's merged ranges and hidden rows and columns. A damaged part
/// gives what was read before the damage (calamine reports the damage itself).
pub fn read(xml: &[u8], sheet: &str) -> Result<Layout, ReadError> {
    let mut layout = Layout::default();
    let mut reader = XmlReader::from_reader(xml);
    // The row a `<row>` without `r` is: the one after the previous.
    let mut next_row = 0u32;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                b"row" => {
                    let row = number(&e, b"r").map_or(next_row, |r| r.saturating_sub(1));
                    next_row = row.saturating_add(1);
                    if flag(&e, b"hidden") {
                        layout.hidden.rows.add(row, row);
                    }
                }
                b"col" if flag(&e, b"hidden") => {
                    if let (Some(min), Some(max)) = (number(&e, b"min"), number(&e, b"max")) {
                        layout
                            .hidden
                            .cols
                            .add(min.saturating_sub(1), max.saturating_sub(1));
                    }
                }
                b"mergeCell" => {
                    let merge = attr(&e, b"ref").and_then(|r| range(&r));
                    if let Some(merge) = merge {
                        if layout.merges.len() >= MERGE_LIMIT {
                            return Err(ReadError::Limit(format!(
                                "sheet {sheet} declares more than {MERGE_LIMIT} merged ranges"
                            )));
                        }
                        layout.merges.push(merge);
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    Ok(layout)
}

fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

fn number(e: &BytesStart, key: &[u8]) -> Option<u32> {
    attr(e, key)?.trim().parse().ok()
}

/// An `xsd:boolean` attribute that is true (`1` or `true`).
fn flag(e: &BytesStart, key: &[u8]) -> bool {
    attr(e, key).is_some_and(|v| matches!(v.trim(), "1" | "true"))
}

/// `B2:E3` (or one cell, `B2`) as 0-based corners.
fn range(text: &str) -> Option<Merge> {
    let (a, b) = text.split_once(':').unwrap_or((text, text));
    let (a, b) = (cell(a)?, cell(b)?);
    Some((a, b))
}

/// `AA10` as 0-based (row, column); `$` signs allowed.
fn cell(name: &str) -> Option<(u32, u32)> {
    let name = name.trim().replace('$', "");
    let split = name.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = name.split_at(split);
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut col = 0u32;
    for c in letters.chars() {
        if !c.is_ascii_alphabetic() {
            return None;
        }
        col = col * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
    }
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_and_hidden_rows_and_columns() {
        let xml = br#"<worksheet xmlns="x"><cols><col min="2" max="3" hidden="1"/><col min="5" max="5" width="3"/></cols>
            <sheetData><row r="2"><c r="A2"/></row><row hidden="1"/><row r="7" hidden="true"/></sheetData>
            <mergeCells count="2"><mergeCell ref="B2:E3"/><mergeCell ref="$AA$10"/><mergeCell ref="nonsense"/></mergeCells></worksheet>"#;
        let layout = read(xml, "S").unwrap();
        assert_eq!(layout.merges, [((1, 1), (2, 4)), ((9, 26), (9, 26))]);
        assert_eq!(layout.hidden.rows.ranges(), [(2, 2), (6, 6)]);
        assert_eq!(layout.hidden.cols.ranges(), [(1, 2)]);
    }

    #[test]
    fn damaged_parts_give_what_was_read() {
        let layout = read(b"<worksheet><sheetData><row r=\"3\" hidden=\"1\"><c", "S").unwrap();
        assert_eq!(layout.hidden.rows.ranges(), [(2, 2)]);
        assert!(read(b"\xff\xfe<<<", "S").unwrap().merges.is_empty());
    }
}
