//! The cell-by-cell check shared by the table-shape tests (html_shapes.rs,
//! odt_shapes.rs): `planlift tables` over one file, compared with a truth's tables.

#![allow(dead_code)]

use std::path::Path;

use serde_json::Value;

/// `planlift tables` over one file: its tables.
pub fn tables(path: &Path) -> Vec<Value> {
    super::common::tables_of(path)
}

/// A table's texts on its grid, spanning cells at their anchors only.
pub fn grid(table: &Value) -> Vec<Vec<String>> {
    let (rows, cols) = (
        table["n_rows"].as_u64().unwrap() as usize,
        table["n_cols"].as_u64().unwrap() as usize,
    );
    let mut g = vec![vec![String::new(); cols]; rows];
    for c in table["cells"].as_array().unwrap() {
        let (r, k) = (c["row"].as_u64().unwrap(), c["col"].as_u64().unwrap());
        g[r as usize][k as usize] = c["text"].as_str().unwrap().to_string();
    }
    g
}

/// `[row, col, row_span, col_span]` of the cells that span more than one position.
fn spans(table: &Value) -> Vec<[u64; 4]> {
    let mut out: Vec<[u64; 4]> = table["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| ["row", "col", "row_span", "col_span"].map(|k| c[k].as_u64().unwrap()))
        .filter(|s| s[2] > 1 || s[3] > 1)
        .collect();
    out.sort();
    out
}

/// `[row, col]` of the bold cells.
fn bold(table: &Value) -> Vec<[u64; 2]> {
    let mut out: Vec<[u64; 2]> = table["cells"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["bold"] == true)
        .map(|c| ["row", "col"].map(|k| c[k].as_u64().unwrap()))
        .collect();
    out.sort();
    out
}

/// Asserts the tables `planlift tables` sees in `path` against `truth` (an object with
/// `tables`, each `grid`, `spans` and `bold`, and `not_text`), cell by cell.
pub fn check(path: &Path, truth: &Value) {
    let name = path.file_name().unwrap().to_str().unwrap();
    let got = tables(path);
    let expected = truth["tables"].as_array().unwrap();
    let grids: Vec<Vec<Vec<String>>> = got.iter().map(grid).collect();
    assert_eq!(
        got.len(),
        expected.len(),
        "{name}: number of tables; got {grids:#?}"
    );
    for (i, (t, want)) in got.iter().zip(expected).enumerate() {
        let want_grid: Vec<Vec<String>> = serde_json::from_value(want["grid"].clone()).unwrap();
        let g = grid(t);
        assert_eq!(
            g.len(),
            want_grid.len(),
            "{name} table {}: rows; got {g:#?}",
            i + 1
        );
        for (r, (row, want_row)) in g.iter().zip(&want_grid).enumerate() {
            assert_eq!(row, want_row, "{name} table {}: row {r}", i + 1);
        }
        let want_spans: Vec<[u64; 4]> = serde_json::from_value(want["spans"].clone()).unwrap();
        let mut want_spans = want_spans;
        want_spans.sort();
        assert_eq!(spans(t), want_spans, "{name} table {}: spans", i + 1);
        let mut want_bold: Vec<[u64; 2]> = serde_json::from_value(want["bold"].clone()).unwrap();
        want_bold.sort();
        assert_eq!(bold(t), want_bold, "{name} table {}: bold cells", i + 1);
    }
    let all: String = grids
        .iter()
        .flatten()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    for s in truth["not_text"].as_array().into_iter().flatten() {
        let s = s.as_str().unwrap();
        assert!(!all.contains(s), "{name}: {s:?} read into a table");
    }
}
