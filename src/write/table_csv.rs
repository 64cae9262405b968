//! Raw table grids for `planlift tables`: one CSV per table (merged cells repeated into
//! every position they cover) and the `<stem>.tables.json` description.

use serde_json::{json, Value};

use crate::model::{Block, Document};

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
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .enumerate()
        .map(|(i, t)| {
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
            json!({"index": i + 1, "pages": t.pages, "sheet": t.sheet, "n_rows": t.n_rows, "n_cols": t.n_cols, "cells": cells})
        })
        .collect();
    json!({"source_file": source_file, "tables": tables})
}
