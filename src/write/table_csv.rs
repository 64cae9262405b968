//! Raw table grids for `planlift tables`: one CSV per table (merged cells repeated into
//! every position they cover) and the `<stem>.tables.json` description.

use serde::Serialize;

use crate::model::{Table, TableKind};

/// A table's grid as CSV, merged text repeated into every covered position.
pub fn grid_csv(table: &crate::model::Table) -> Vec<u8> {
    let grid = table.grid();
    let mut writer = ::csv::WriterBuilder::new().from_writer(Vec::new());
    for row in grid {
        let cells: Vec<&str> = row
            .iter()
            .map(|slot| slot.map_or("", |i| table.cells[i].text.as_str()))
            .collect();
        writer.write_record(&cells).expect("write to memory");
    }
    writer.into_inner().expect("flush to memory")
}

/// `<stem>.tables.json` as written: one file's tables.
#[derive(Serialize)]
struct TablesFile<'a> {
    source_file: &'a str,
    tables: Vec<TableOut<'a>>,
}

/// One table of `tables.json`.
#[derive(Serialize)]
struct TableOut<'a> {
    index: usize,
    kind: &'static str,
    pages: &'a [u32],
    sheet: Option<&'a str>,
    first_cell: Option<String>,
    n_rows: usize,
    n_cols: usize,
    hidden_rows: &'a [usize],
    hidden_cols: &'a [usize],
    cells: Vec<CellOut<'a>>,
}

/// One cell of `tables.json`.
#[derive(Serialize)]
struct CellOut<'a> {
    row: usize,
    col: usize,
    row_span: usize,
    col_span: usize,
    text: &'a str,
    fill: Option<String>,
    bold: Option<bool>,
}

/// The `tables.json` description of a document's tables (as [`Document::raw_tables`]
/// gives them), pretty-printed, with a final newline.
pub fn tables_json(source_file: &str, raw: &[(TableKind, &Table)]) -> String {
    let tables = raw
        .iter()
        .enumerate()
        .map(|(i, (kind, t))| TableOut {
            index: i + 1,
            kind: kind.name(),
            pages: &t.pages,
            sheet: t.sheet.as_deref(),
            first_cell: t.origin.map(|(r, c)| cell_name(r, c)),
            n_rows: t.n_rows,
            n_cols: t.n_cols,
            hidden_rows: &t.hidden_rows,
            hidden_cols: &t.hidden_cols,
            cells: t
                .cells
                .iter()
                .map(|c| CellOut {
                    row: c.row,
                    col: c.col,
                    row_span: c.row_span,
                    col_span: c.col_span,
                    text: &c.text,
                    fill: c.fill.map(|f| f.to_string()),
                    bold: c.bold,
                })
                .collect(),
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&TablesFile {
        source_file,
        tables,
    })
    .expect("tables serialize");
    out.push('\n');
    out
}

/// A sheet position's name: row 0, column 0 is `A1`; column 26 is `AA`.
fn cell_name(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn cell_names_count_columns_as_letters() {
        assert_eq!(super::cell_name(0, 0), "A1");
        assert_eq!(super::cell_name(4, 25), "Z5");
        assert_eq!(super::cell_name(9, 26), "AA10");
        assert_eq!(super::cell_name(0, 16_383), "XFD1");
    }
}
