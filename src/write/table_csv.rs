//! Raw table grids for `planlift tables`: one CSV per table (merged cells repeated into
//! every position they cover) and the `<stem>.tables.json` description.

use serde_json::{json, Value};

use crate::model::Document;

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

/// The `tables.json` description of every table in a document.
pub fn tables_json(source_file: &str, doc: &Document) -> Value {
    let tables: Vec<Value> = doc
        .raw_tables()
        .into_iter()
        .enumerate()
        .map(|(i, (kind, t))| {
            let cells: Vec<Value> = t
                .cells
                .iter()
                .map(|c| {
                    json!({
                        "row": c.row, "col": c.col, "row_span": c.row_span, "col_span": c.col_span,
                        "text": c.text, "fill": c.fill.map(|f| f.to_string()), "bold": c.bold,
                    })
                })
                .collect();
            let first_cell = t.origin.map(|(r, c)| cell_name(r, c));
            json!({"index": i + 1, "kind": kind.name(), "pages": t.pages, "sheet": t.sheet, "first_cell": first_cell, "n_rows": t.n_rows, "n_cols": t.n_cols, "cells": cells})
        })
        .collect();
    json!({"source_file": source_file, "tables": tables})
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
