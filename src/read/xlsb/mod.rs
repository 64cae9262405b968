//! Excel binary workbooks (`.xlsb`, MS-XLSB) through our own record reader: the
//! workbook part lists the sheets (`BrtBundleSh`), each sheet part holds its cells in
//! full records (with their column) and short ones (the column after the last,
//! `BrtShort*`, which Excel and SheetJS write and calamine skips), then its merged
//! ranges; hidden rows and columns come from the row headers and column infos. Cell
//! styles give dates, fills, bold and text colours ([`styles`]). The parts are found
//! through the package's relationships, as in an xlsx.

mod records;
mod styles;

use std::collections::HashMap;

use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};

use self::records::{f64_at, records, rk_number, u32_at, wide_string};
use self::styles::Styles;
use super::grid::{bool_text, number_text, used_range, Merge, SheetCell, CELL_LIMIT};
use super::hidden::{visible_blocks, Hidden};
use super::package::Package;
use super::relationships::{self, Relationship};
use super::sheet::{date_text, first_paragraph};
use super::xlsx_layout::MERGE_LIMIT;
use crate::error::ReadError;
use crate::model::Document;

const FORMAT: &str = "Excel";
/// The last row and column a sheet can have (1,048,576 rows, 16,384 columns).
const MAX_ROW: u32 = 0xF_FFFF;
const MAX_COL: u32 = 0x3FFF;

/// Whether `package` is a binary workbook (its main part is `xl/workbook.bin`).
pub fn is_binary(package: &Package) -> bool {
    package.has("xl/workbook.bin") && !package.has("xl/workbook.xml")
}

/// Reads a binary workbook's package into the document model.
pub fn read(package: &mut Package) -> Result<Document, ReadError> {
    let workbook_part = relationships::of_part(package, "", FORMAT)?
        .into_iter()
        .find(|r| r.kind == "officeDocument" && r.target.ends_with(".bin"))
        .map_or_else(|| "xl/workbook.bin".to_string(), |r| r.target);
    let workbook = package
        .read(&workbook_part)?
        .ok_or_else(|| ReadError::MissingPart(workbook_part.clone()))?;
    let rels = relationships::of_part(package, &workbook_part, FORMAT)?;
    let part_of = |kind: &str| {
        rels.iter()
            .find(|r| r.kind == kind)
            .map(|r| r.target.clone())
    };
    let strings = match part_of("sharedStrings") {
        Some(part) => shared_strings(&package.read(&part)?.unwrap_or_default())?,
        None => Vec::new(),
    };
    let styles = match part_of("styles") {
        Some(part) => {
            let theme = match part_of("theme") {
                Some(theme) => package.read(&theme)?.unwrap_or_default(),
                None => Vec::new(),
            };
            styles::read(&package.read(&part)?.unwrap_or_default(), &theme)
        }
        None => Styles::default(),
    };
    let book = Book::read(&workbook);
    let targets: HashMap<&str, &Relationship> = rels.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut doc = Document::default();
    for (name, id) in &book.sheets {
        let Some(rel) = targets.get(id.as_str()) else {
            doc.warnings.push(format!(
                "sheet {name} skipped: its part is not in the package"
            ));
            continue;
        };
        if rel.kind != "worksheet" {
            doc.warnings.push(format!(
                "sheet {name} skipped: a {} holds no cells",
                rel.kind
            ));
            continue;
        }
        let Some(part) = package.read(&rel.target)? else {
            doc.warnings
                .push(format!("sheet {name} skipped: {} is missing", rel.target));
            continue;
        };
        let sheet = Sheet::read(&part, name, &strings, &styles, book.is_1904)?;
        doc.sheets
            .extend(used_range(name, &sheet.cells, &sheet.merges, &sheet.hidden));
        doc.blocks.extend(visible_blocks(
            name,
            sheet.cells,
            &sheet.merges,
            &sheet.hidden,
        ));
    }
    doc.title = first_paragraph(&doc);
    Ok(doc)
}

/// What the workbook part says: the sheets in order (name, relationship id) and the
/// date system.
struct Book {
    sheets: Vec<(String, String)>,
    is_1904: bool,
}

impl Book {
    fn read(part: &[u8]) -> Book {
        const BRT_WB_PROP: u16 = 0x99;
        const BRT_BUNDLE_SH: u16 = 0x9C;
        let mut book = Book {
            sheets: Vec::new(),
            is_1904: false,
        };
        for r in records(part) {
            match r.typ {
                BRT_WB_PROP => book.is_1904 = u32_at(r.data, 0).is_some_and(|f| f & 1 != 0),
                BRT_BUNDLE_SH => {
                    let sheet = wide_string(r.data, 8)
                        .and_then(|(id, at)| Some((wide_string(r.data, at)?.0, id)));
                    book.sheets.extend(sheet);
                }
                _ => {}
            }
        }
        book
    }
}

/// The shared strings (`BrtSSTItem`: flags, then the text), refused when one record
/// does not hold its string.
fn shared_strings(part: &[u8]) -> Result<Vec<String>, ReadError> {
    const BRT_SST_ITEM: u16 = 0x13;
    let mut out = Vec::new();
    for r in records(part).filter(|r| r.typ == BRT_SST_ITEM) {
        let (text, _) = wide_string(r.data, 1)
            .ok_or_else(|| ReadError::malformed(FORMAT, "a shared string runs past its record"))?;
        out.push(text);
    }
    Ok(out)
}

/// One worksheet's cells, merged ranges and hidden rows and columns.
struct Sheet {
    cells: Vec<SheetCell>,
    merges: Vec<Merge>,
    hidden: Hidden,
}

impl Sheet {
    fn read(
        part: &[u8],
        name: &str,
        strings: &[String],
        styles: &Styles,
        is_1904: bool,
    ) -> Result<Sheet, ReadError> {
        const BRT_ROW_HDR: u16 = 0x00;
        const BRT_COL_INFO: u16 = 0x3C;
        const BRT_MERGE_CELL: u16 = 0xB0;
        let mut sheet = Sheet {
            cells: Vec::new(),
            merges: Vec::new(),
            hidden: Hidden::default(),
        };
        let (mut row, mut next_col) = (0u32, 0u32);
        for r in records(part) {
            let d = r.data;
            match r.typ {
                BRT_ROW_HDR => {
                    row = u32_at(d, 0).unwrap_or(u32::MAX);
                    next_col = 0;
                    // fDyZero: the row is hidden.
                    if d.get(11).is_some_and(|f| f & 0x10 != 0) && row <= MAX_ROW {
                        sheet.hidden.rows.add(row, row);
                    }
                }
                BRT_COL_INFO => {
                    if let (Some(first), Some(last), Some(flags)) =
                        (u32_at(d, 0), u32_at(d, 4), d.get(16))
                    {
                        if flags & 1 != 0 {
                            sheet.hidden.cols.add(first.min(MAX_COL), last.min(MAX_COL));
                        }
                    }
                }
                BRT_MERGE_CELL if sheet.merges.len() < MERGE_LIMIT => {
                    if let (Some(r0), Some(r1), Some(c0), Some(c1)) =
                        (u32_at(d, 0), u32_at(d, 4), u32_at(d, 8), u32_at(d, 12))
                    {
                        if r0 <= r1 && c0 <= c1 && r1 <= MAX_ROW && c1 <= MAX_COL {
                            sheet.merges.push(((r0, c0), (r1, c1)));
                        }
                    }
                }
                typ => {
                    let Some(cell) = Cell::read(typ, d, next_col) else {
                        continue;
                    };
                    next_col = cell.col.saturating_add(1);
                    if row > MAX_ROW || cell.col > MAX_COL {
                        continue;
                    }
                    if sheet.cells.len() >= CELL_LIMIT {
                        return Err(ReadError::Limit(format!(
                            "sheet {name} has more than {CELL_LIMIT} cells"
                        )));
                    }
                    let style = styles.get(cell.style);
                    let (text, valued) = match cell.value {
                        Value::Blank if style.fill.is_none() => continue,
                        Value::Blank => (String::new(), false),
                        Value::Number(v) if style.date => (
                            date_text(&ExcelDateTime::new(v, ExcelDateTimeType::DateTime, is_1904)),
                            true,
                        ),
                        Value::Number(v) => (number_text(v), true),
                        Value::Bool(b) => (bool_text(b), true),
                        Value::Error(e) => (error_text(e), true),
                        Value::Text(s) => (s, true),
                        Value::Shared(i) => {
                            (strings.get(i as usize).cloned().unwrap_or_default(), true)
                        }
                    };
                    sheet.cells.push(SheetCell {
                        row,
                        col: cell.col,
                        text,
                        valued,
                        fill: style.fill,
                        color: style.color,
                        bold: Some(style.bold),
                        title_lines: 0,
                    });
                }
            }
        }
        Ok(sheet)
    }
}

/// A cell record's value.
enum Value {
    Blank,
    Number(f64),
    Bool(bool),
    Error(u8),
    Text(String),
    Shared(u32),
}

/// A cell record: its column, style and value.
struct Cell {
    col: u32,
    style: u32,
    value: Value,
}

impl Cell {
    /// The cell a record of type `typ` holds, or `None` when the record is no cell (or
    /// a damaged one). A short record (types 12–18) has no column: it is `next_col`.
    fn read(typ: u16, d: &[u8], next_col: u32) -> Option<Cell> {
        let short = (0x0C..=0x12).contains(&typ);
        let (col, at) = if short {
            (next_col, 0)
        } else {
            (u32_at(d, 0)?, 4)
        };
        // The style index is the low 24 bits (the high byte holds flags).
        let style = u32_at(d, at)? & 0x00FF_FFFF;
        let v = at + 4;
        let value = match typ {
            0x01 | 0x0C => Value::Blank,
            0x02 | 0x0D => Value::Number(rk_number(u32_at(d, v)?)),
            0x03 | 0x0B | 0x0E => Value::Error(*d.get(v)?),
            0x04 | 0x0A | 0x0F => Value::Bool(*d.get(v)? != 0),
            0x05 | 0x09 | 0x10 => Value::Number(f64_at(d, v)?),
            0x06 | 0x08 | 0x11 => Value::Text(wide_string(d, v)?.0),
            0x07 | 0x12 => Value::Shared(u32_at(d, v)?),
            // BrtCellRString: a rich-text flag byte, then the text.
            0x3E => Value::Text(wide_string(d, v + 1)?.0),
            _ => return None,
        };
        Some(Cell { col, style, value })
    }
}

/// The text Excel shows for an error code.
fn error_text(code: u8) -> String {
    let e = match code {
        0x00 => CellErrorType::Null,
        0x07 => CellErrorType::Div0,
        0x0F => CellErrorType::Value,
        0x17 => CellErrorType::Ref,
        0x1D => CellErrorType::Name,
        0x24 => CellErrorType::Num,
        0x2A => CellErrorType::NA,
        _ => CellErrorType::GettingData,
    };
    e.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// A part of the Ljusdal fixture (SheetJS, which writes its strings in the cells,
    /// not in a shared-string part).
    fn fixture_part(name: &str) -> Vec<u8> {
        let bytes =
            include_bytes!("../../../fixtures/xlsb/ljusdal-fysisk-aktivitet-2026-2028.xlsb");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
        let mut out = Vec::new();
        zip.by_name(name).unwrap().read_to_end(&mut out).unwrap();
        out
    }

    /// A shared-string part of `strings`, as Excel writes one (`BrtSSTItem` records
    /// between a begin and an end record).
    fn string_part(strings: &[&str]) -> Vec<u8> {
        let mut part = vec![0x9F, 0x01, 8, 0, 0, 0, 0, 0, 0, 0, 0];
        for s in strings {
            let units: Vec<u16> = s.encode_utf16().collect();
            let mut data = vec![0u8];
            data.extend((units.len() as u32).to_le_bytes());
            data.extend(units.iter().flat_map(|u| u.to_le_bytes()));
            part.extend([0x13, data.len() as u8]);
            part.extend(data);
        }
        part.extend([0xA0, 0x01, 0]);
        part
    }

    #[test]
    fn shared_strings_in_order() {
        let part = string_part(&["Åtgärd", "", "Ansvarig"]);
        assert_eq!(shared_strings(&part).unwrap(), ["Åtgärd", "", "Ansvarig"]);
        // A string whose count runs past its record is refused.
        let mut cut = string_part(&["Åtgärd"]);
        let at = cut.iter().position(|&b| b == 0x13).unwrap();
        cut[at + 3] = 200;
        assert!(shared_strings(&cut).is_err());
    }

    #[test]
    fn short_records_take_the_column_after_the_last() {
        let sheet = Sheet::read(
            &fixture_part("xl/worksheets/sheet1.bin"),
            "Åtgärder",
            &[],
            &Styles::default(),
            false,
        )
        .unwrap();
        let at = |row, col| {
            sheet
                .cells
                .iter()
                .find(|c| (c.row, c.col) == (row, col))
                .map(|c| c.text.as_str())
        };
        assert_eq!(at(3, 0), Some("Nr"));
        assert_eq!(at(3, 7), Some("Uppdaterad"));
        assert_eq!(at(5, 2), Some("Barn- och utbildningsförvaltningen"));
        assert_eq!(at(5, 4), Some("120000"));
        // Without styles a date is its serial number.
        assert_eq!(at(5, 7), Some("46096"));
        assert!(sheet.merges.contains(&((0, 0), (0, 7))));
        assert!(sheet.hidden.rows.contains(7) && sheet.hidden.cols.contains(6));
    }

    #[test]
    fn damaged_parts_never_panic() {
        let parts = [
            fixture_part("xl/worksheets/sheet1.bin"),
            string_part(&["Åtgärd", "Ansvarig", "Status"]),
            fixture_part("xl/styles.bin"),
            fixture_part("xl/workbook.bin"),
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for part in &parts {
            for cut in 0..part.len() {
                let p = &part[..cut];
                let _ = Sheet::read(p, "x", &[], &Styles::default(), false);
                let _ = shared_strings(p);
                let _ = styles::read(p, b"");
                let _ = Book::read(p);
            }
            for _ in 0..2000 {
                let mut p = part.clone();
                for _ in 0..4 {
                    let i = (next() as usize) % p.len();
                    p[i] = next() as u8;
                }
                let _ = Sheet::read(&p, "x", &["a".into()], &Styles::default(), true);
                let _ = shared_strings(&p);
                let _ = styles::read(&p, b"<a:clrScheme>");
                let _ = Book::read(&p);
            }
        }
    }
}
