//! `planlift.xlsx`: every output table as one sheet of one workbook, for the people who
//! live in Excel or LibreOffice. Text stays text (`0880`, `1.10`), whole numbers and
//! scores are numbers, lists are joined as in CSV; the header row is bold, frozen and
//! filtered, and the columns are sized to their contents. The file is the same bytes for
//! the same records (its creation date is fixed).

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};
use serde_json::Value;

use super::columns::{kind, list_separator, Kind, Rows};

/// Most characters a workbook cell holds.
const CELL_LIMIT: usize = 32_767;

/// Widest column, in characters, when sizing columns to their contents.
const MAX_WIDTH: u32 = 60;

fn cell_text(v: &Value, separator: &str) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|i| cell_text(i, "; "))
            .collect::<Vec<_>>()
            .join(separator),
        other => other.to_string(),
    }
}

fn clip(text: String) -> String {
    if text.chars().count() <= CELL_LIMIT {
        return text;
    }
    let mut clipped: String = text.chars().take(CELL_LIMIT - 1).collect();
    clipped.push('…');
    clipped
}

/// The tables as one workbook, one sheet each, in the order given.
pub fn workbook(tables: &[Rows]) -> Result<Vec<u8>, String> {
    build(tables).map_err(|e| e.to_string())
}

fn build(tables: &[Rows]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_title("Activities extracted from municipal action plans by planlift")
            .set_creation_datetime(&created),
    );
    let header = Format::new().set_bold();
    for rows in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(rows.table)?;
        for (c, name) in rows.columns.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *name, &header)?;
        }
        for i in 0..rows.values.len() {
            let r = i as u32 + 1;
            for (c, name) in rows.columns.iter().enumerate() {
                let col = c as u16;
                let value = rows.get(i, name);
                match (kind(rows.table, name), value) {
                    (_, Value::Null) => {}
                    (Kind::Integer | Kind::Number, Value::Number(n)) => {
                        sheet.write_number(r, col, n.as_f64().unwrap_or(0.0))?;
                    }
                    _ => {
                        let text = clip(cell_text(value, list_separator(name)));
                        if !text.is_empty() {
                            sheet.write_string(r, col, text)?;
                        }
                    }
                }
            }
        }
        let last_col = rows.columns.len().saturating_sub(1) as u16;
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, rows.values.len() as u32, last_col)?;
        sheet.set_autofit_max_width(MAX_WIDTH * 7);
        sheet.autofit();
    }
    book.save_to_buffer()
}
