//! Spreadsheets through calamine: `.xlsx`/`.xlsm` (binary `.xlsb` packages go to
//! [`xlsb`]; cells streamed with their styles, so
//! memory follows the cells present, not the sheet's claimed dimension; fills with theme
//! and indexed colours and tints resolved by calamine; merged ranges and hidden rows and
//! columns from [`xlsx_layout`]) and `.xls` (values and merged ranges from calamine, cell
//! fills and hidden rows and columns from [`xls_format`], since calamine does not expose
//! xls cell formatting). Hidden rows and columns are marked in a sheet's used range and
//! left out of the blocks extract reads ([`super::hidden`]). Chart and dialog
//! sheets hold no cells: they are skipped with a warning. An encrypted xlsx (an OLE
//! compound file, not a zip) fails as encrypted. An `.xls` is measured by
//! [`xls_guard`] before calamine opens it, since calamine allocates each sheet's
//! bounding box.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Reader as _, SheetType, Xls, Xlsx};

use super::encryption;
use super::grid::{bool_text, number_text, used_range, Merge, SheetCell, CELL_LIMIT};
use super::hidden::{visible_blocks, Hidden};
use super::package::Package;
use super::xls_format;
use super::xls_guard;
use super::xlsb;
use super::xlsx_layout::{self, Layout, MERGE_LIMIT};
use super::Reader;
use crate::colour::Rgb;
use crate::error::ReadError;
use crate::model::Document;

/// Reads `.xlsx` and `.xlsm` workbooks.
pub struct XlsxReader;

/// Reads `.xls` workbooks.
pub struct XlsReader;

/// A count of shared strings small enough that reserving room for it costs little
/// (a few MiB), whatever the table's size.
const HARMLESS_STRING_COUNT: u64 = 100_000;

/// Refuses a shared-string table that claims more strings than its bytes can hold
/// (calamine reserves room for the claimed count before reading one). The claim is on
/// the root element: a table whose first bytes claim a harmless count is not inflated
/// as a whole for the check.
fn check_shared_strings(package: &mut Package) -> Result<(), ReadError> {
    const NAME: &str = "xl/sharedStrings.xml";
    if let Some(head) = package.read_prefix(NAME, 4096) {
        if claimed_strings(&head).is_some_and(|n| n <= HARMLESS_STRING_COUNT) {
            return Ok(());
        }
    }
    if let Some(strings) = package.read(NAME)? {
        check_string_count(&strings)?;
    }
    Ok(())
}

/// The larger of the `count` and `uniqueCount` claims on the first element of `xml`;
/// `None` when the first element is not there whole.
fn claimed_strings(xml: &[u8]) -> Option<u64> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                let mut most = 0u64;
                for a in e.attributes() {
                    let a = a.ok()?;
                    if matches!(a.key.local_name().as_ref(), b"count" | b"uniqueCount") {
                        let claimed = std::str::from_utf8(&a.value)
                            .ok()
                            .and_then(|v| v.trim().parse().ok())?;
                        most = most.max(claimed);
                    }
                }
                return Some(most);
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return None,
            _ => buf.clear(),
        }
    }
}

/// Refuses a shared-string table that claims more strings than its bytes can hold.
fn check_string_count(xml: &[u8]) -> Result<(), ReadError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                for a in e.attributes().flatten() {
                    if matches!(a.key.local_name().as_ref(), b"count" | b"uniqueCount") {
                        let claimed: u64 = std::str::from_utf8(&a.value)
                            .ok()
                            .and_then(|v| v.trim().parse().ok())
                            .unwrap_or(0);
                        // The shortest string item, `<si/>`, takes five bytes.
                        if claimed > xml.len() as u64 / 5 + 1 {
                            return Err(ReadError::Limit(format!(
                                "xl/sharedStrings.xml claims {claimed} strings in {} bytes",
                                xml.len()
                            )));
                        }
                    }
                }
                return Ok(());
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return Ok(()),
            _ => buf.clear(),
        }
    }
}

impl Reader for XlsxReader {
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError> {
        encryption::refuse_ole(bytes)?;
        let mut package = Package::open(bytes, "Excel")?;
        if xlsb::is_binary(&package) {
            package.check_all()?;
            return xlsb::read(&mut package);
        }
        if !package.has("xl/workbook.xml") {
            return Err(ReadError::MissingPart("xl/workbook.xml".into()));
        }
        package.check_all()?;
        check_shared_strings(&mut package)?;
        // Merged ranges and hidden rows and columns, which calamine does not give.
        let parts = xlsx_layout::sheet_parts(&mut package)?;
        let mut book: Xlsx<_> =
            Xlsx::new(Cursor::new(bytes)).map_err(|e| ReadError::malformed("Excel", e))?;
        let mut doc = Document::default();
        let sheets = book.sheets_metadata().to_vec();
        for sheet in sheets {
            let name = sheet.name;
            if sheet.typ != SheetType::WorkSheet {
                doc.warnings.push(format!(
                    "sheet {name} skipped: a {} holds no cells",
                    kind_name(sheet.typ)
                ));
                continue;
            }
            let mut cells = Vec::new();
            {
                let mut reader = book
                    .worksheet_cells_reader(&name)
                    .map_err(|e| ReadError::malformed("Excel", e))?;
                while let Some((cell, style_id)) = reader
                    .next_cell_with_style_id()
                    .map_err(|e| ReadError::malformed("Excel", e))?
                {
                    if cells.len() >= CELL_LIMIT {
                        return Err(ReadError::Limit(format!(
                            "sheet {name} has more than {CELL_LIMIT} cells"
                        )));
                    }
                    let (row, col) = cell.get_position();
                    let style = reader.styles().get(style_id);
                    let fill = style
                        .and_then(|s| s.fill.as_ref())
                        .filter(|f| f.is_visible())
                        .and_then(|f| f.get_color())
                        .map(|c| Rgb(c.red, c.green, c.blue));
                    let font = style.and_then(|s| s.font.as_ref());
                    let bold = font.map(|f| f.is_bold());
                    let color = font
                        .and_then(|f| f.color.as_ref())
                        .map(|c| Rgb(c.red, c.green, c.blue))
                        .filter(|c| c.is_coloured());
                    cells.push(SheetCell {
                        row,
                        col,
                        text: percent_text(cell.get_value(), number_format(style))
                            .unwrap_or_else(|| data_ref_text(cell.get_value())),
                        valued: !matches!(cell.get_value(), DataRef::Empty),
                        fill,
                        color,
                        bold,
                        title_lines: 0,
                    });
                }
            }
            let layout = match parts.get(&name) {
                Some(part) => match package.read(part)? {
                    Some(xml) => xlsx_layout::read(&xml, &name)?,
                    None => Layout::default(),
                },
                None => Layout::default(),
            };
            doc.sheets
                .extend(used_range(&name, &cells, &layout.merges, &layout.hidden));
            doc.blocks
                .extend(visible_blocks(&name, cells, &layout.merges, &layout.hidden));
        }
        doc.title = first_paragraph(&doc);
        Ok(doc)
    }
}

impl Reader for XlsReader {
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError> {
        let stream = xls_guard::check(bytes)?;
        let mut book: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| match e {
            calamine::XlsError::Password => ReadError::Encrypted,
            e => ReadError::NotFormat {
                expected: "Excel 97-2003",
                detail: crate::error::one_line(&e.to_string()),
            },
        })?;
        let fills = match &stream {
            Some(stream) => xls_format::read(stream)?,
            None => xls_format::XlsFills::default(),
        };
        let mut doc = Document::default();
        // calamine lists the sheets in BOUNDSHEET8 order, as the fills do; a workbook
        // whose two lists disagree keeps its values without fills.
        let names = book.sheet_names();
        let fills_match = fills.sheet_count() == names.len();
        for (index, name) in names.into_iter().enumerate() {
            let range = book
                .worksheet_range(&name)
                .map_err(|e| ReadError::malformed("Excel 97-2003", e))?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let mut cells: Vec<SheetCell> = range
                .used_cells()
                .take(CELL_LIMIT)
                .map(|(r, c, v)| SheetCell {
                    row: r0 + r as u32,
                    col: c0 + c as u32,
                    text: data_text(v),
                    valued: true,
                    ..SheetCell::default()
                })
                .collect();
            let hidden = if fills_match {
                attach_fills(&mut cells, fills.sheet(index));
                fills.hidden(index)
            } else {
                Hidden::default()
            };
            let merges: Vec<Merge> = book
                .merge_cells_by_sheet_name(&name)
                .unwrap_or_default()
                .iter()
                .take(MERGE_LIMIT)
                .map(|d| (d.start, d.end))
                .collect();
            doc.sheets
                .extend(used_range(&name, &cells, &merges, &hidden));
            doc.blocks
                .extend(visible_blocks(&name, cells, &merges, &hidden));
        }
        doc.title = first_paragraph(&doc);
        Ok(doc)
    }
}

/// Gives each cell its fill from `fills` (row, column, colour; a later record for the
/// same cell wins), adding a cell without text for each filled position calamine gave
/// no value (a blank cell that only carries a colour), up to [`CELL_LIMIT`] cells. A
/// blank cell filled white says nothing (sheets are often painted white to hide the
/// grid lines) and is not added.
fn attach_fills(cells: &mut Vec<SheetCell>, fills: &[(u32, u32, Rgb)]) {
    if fills.is_empty() {
        return;
    }
    let mut at: HashMap<(u32, u32), usize> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.row, c.col), i))
        .collect();
    for &(row, col, rgb) in fills {
        match at.get(&(row, col)) {
            Some(&i) => cells[i].fill = Some(rgb),
            None if cells.len() < CELL_LIMIT && !rgb.is_blank() => {
                at.insert((row, col), cells.len());
                cells.push(SheetCell {
                    row,
                    col,
                    fill: Some(rgb),
                    ..SheetCell::default()
                });
            }
            None => {}
        }
    }
}

fn kind_name(typ: SheetType) -> &'static str {
    match typ {
        SheetType::WorkSheet => "worksheet",
        SheetType::ChartSheet => "chart sheet",
        SheetType::DialogSheet => "dialog sheet",
        SheetType::MacroSheet => "macro sheet",
        SheetType::Vba => "VBA module",
    }
}

/// A workbook's title: of the texts above its first table (title rows, a sheet of
/// notes before the plan), the first that is not a sentence (`Om planen` sheets open
/// with prose ending in a full stop) nor only the municipality's name above the title
/// ([`crate::text::is_publisher_line`]), else the first text if the workbook opens with one.
pub(crate) fn first_paragraph(doc: &Document) -> Option<String> {
    use crate::model::Block;
    let lead: Vec<&str> = doc
        .blocks
        .iter()
        .take_while(|b| !matches!(b, Block::Table(_)))
        .filter_map(|b| match b {
            Block::Paragraph { text, .. } if !text.trim().is_empty() => Some(text.as_str()),
            _ => None,
        })
        .collect();
    let is_sentence = |t: &str| t.trim_end().ends_with(['.', '!', '?', ':']);
    let title = lead
        .iter()
        .copied()
        .find(|t| !is_sentence(t) && !crate::text::is_publisher_line(t))
        .or(match doc.blocks.first() {
            Some(Block::Paragraph { text, .. }) => Some(text.as_str()),
            _ => None,
        });
    title.map(crate::text::collapse)
}

pub(super) fn date_text(dt: &calamine::ExcelDateTime) -> String {
    let (y, m, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    if dt.is_duration() || (h, mi, s) != (0, 0, 0) && y <= 1900 {
        format!("{h:02}:{mi:02}:{s:02}")
    } else if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}")
    }
}

/// A number shown as a percentage (a format code with `%` outside quotes: `0%`, `0.0 %`)
/// as the cell shows it (`0.6` → `60%`), for a status read from it.
fn percent_text(v: &DataRef, code: Option<&str>) -> Option<String> {
    let value = match v {
        DataRef::Int(i) => *i as f64,
        DataRef::Float(f) => *f,
        _ => return None,
    };
    let code = code?;
    // The first section (positive numbers), its quoted literals left out.
    let first = code.split(';').next().unwrap_or("");
    let unquoted: String = first.split('"').step_by(2).collect();
    let at = unquoted.find('%')?;
    let decimals = unquoted[..at]
        .split_once('.')
        .map_or(0, |(_, d)| d.chars().filter(|c| *c == '0').count());
    let space = if unquoted[..at].ends_with(' ') {
        " "
    } else {
        ""
    };
    Some(format!("{:.*}{space}%", decimals, value * 100.0))
}

/// The number format code of a cell's style.
fn number_format(style: Option<&calamine::Style>) -> Option<&str> {
    Some(style?.number_format.as_ref()?.format_code.as_str())
}

fn data_ref_text(v: &DataRef) -> String {
    match v {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Bool(b) => bool_text(*b),
        DataRef::DateTime(dt) => date_text(dt),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

fn data_text(v: &Data) -> String {
    match v {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::String(s) => s.clone(),
        Data::Bool(b) => bool_text(*b),
        Data::DateTime(dt) => date_text(dt),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

#[cfg(test)]
mod percent_tests {
    use super::*;

    #[test]
    fn percentages_read_as_the_cell_shows_them() {
        let at = |v: f64, code: &str| percent_text(&DataRef::Float(v), Some(code));
        assert_eq!(at(0.6, "0%").as_deref(), Some("60%"));
        assert_eq!(at(1.0, "0 %").as_deref(), Some("100 %"));
        assert_eq!(at(0.125, "0.0%").as_deref(), Some("12.5%"));
        assert_eq!(at(0.6, "0.00").as_deref(), None);
        assert_eq!(at(0.6, "0\"%\"").as_deref(), None);
        assert_eq!(percent_text(&DataRef::Float(0.6), None), None);
    }
}
