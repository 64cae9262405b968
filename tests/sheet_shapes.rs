//! Sheets as calamine's own tests expect them, and the blocks extract reads from them:
//! tests/data/sheet-shapes/truth.json was written first; shapes.xlsx was built from it
//! by openpyxl and saved by LibreOffice as shapes.ods and shapes.xls
//! (fixtures/make/make_sheet_shapes.py).

mod common;

use common::*;
use serde_json::Value;

fn truth() -> Value {
    let text = std::fs::read_to_string(root().join("tests/data/sheet-shapes/truth.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// `planlift tables` over one of the workbooks: its tables.
fn tables(file: &str) -> Vec<Value> {
    tables_of(&root().join("tests/data/sheet-shapes").join(file))
}

/// A table's texts on its grid, merged ranges listed at their anchors only.
fn grid(table: &Value) -> Vec<Vec<String>> {
    let (rows, cols) = (
        table["n_rows"].as_u64().unwrap(),
        table["n_cols"].as_u64().unwrap(),
    );
    let mut g = vec![vec![String::new(); cols as usize]; rows as usize];
    for c in table["cells"].as_array().unwrap() {
        let (r, k) = (c["row"].as_u64().unwrap(), c["col"].as_u64().unwrap());
        g[r as usize][k as usize] = c["text"].as_str().unwrap().to_string();
    }
    g
}

fn check(file: &str) {
    let tables = tables(file);
    let truth = truth();
    for sheet in truth["sheets"].as_array().unwrap() {
        let name = &sheet["name"];
        let of_sheet: Vec<&Value> = tables.iter().filter(|t| &t["sheet"] == name).collect();
        let range = of_sheet
            .iter()
            .find(|t| t["kind"] == "sheet")
            .unwrap_or_else(|| panic!("{file}: no used range for sheet {name}"));
        assert_eq!(range["first_cell"], sheet["first_cell"], "{file}: {name}");
        let expected: Vec<Vec<String>> = serde_json::from_value(sheet["grid"].clone()).unwrap();
        assert_eq!(grid(range), expected, "{file}: {name}");
        // The blocks: those that are not the whole used range are listed after it.
        let shown: Vec<(Value, Value, Value)> = of_sheet
            .iter()
            .filter(|t| t["kind"] == "block")
            .map(|t| {
                (
                    t["first_cell"].clone(),
                    t["n_rows"].clone(),
                    t["n_cols"].clone(),
                )
            })
            .collect();
        let whole = (
            range["first_cell"].clone(),
            range["n_rows"].clone(),
            range["n_cols"].clone(),
        );
        let expected: Vec<(Value, Value, Value)> = sheet["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                (
                    b["first_cell"].clone(),
                    b["n_rows"].clone(),
                    b["n_cols"].clone(),
                )
            })
            .filter(|b| *b != whole)
            .collect();
        assert_eq!(shown, expected, "{file}: blocks of {name}");
    }
    for name in truth["chart_sheets"].as_array().unwrap() {
        assert!(
            !tables.iter().any(|t| &t["sheet"] == name),
            "{file}: chart sheet {name} read"
        );
    }
}

#[test]
fn xlsx_by_openpyxl() {
    check("shapes.xlsx");
}

#[test]
fn ods_by_libreoffice() {
    check("shapes.ods");
}

#[test]
fn xls_by_libreoffice() {
    check("shapes.xls");
}

/// extract reads the table block, not the legend, the note list or the one-column sheet,
/// and says that it skipped the chart sheet.
#[test]
fn extract_reads_the_blocks_and_skips_the_chart_sheet() {
    let path = root().join("tests/data/sheet-shapes/shapes.xlsx");
    let (dir, out) = extract(&[&path], &[]);
    assert!(out.status.success(), "{out:?}");
    let acts = read_json(dir.path(), "activities.json");
    let names: Vec<&str> = records_of(&acts, "shapes.xlsx")
        .iter()
        .map(|r| r["activity"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Lesestunder i alle barnehager",
            "Boksamtaler for eldre",
            "Ny nettside for biblioteket"
        ]
    );
    let docs = read_json(dir.path(), "documents.json");
    let warnings = docs[0]["warnings"].to_string();
    assert!(
        warnings.contains("sheet Diagram skipped: a chart sheet"),
        "{warnings}"
    );
}
