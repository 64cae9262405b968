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

/// A JSON array's items; none for a missing value.
fn list(v: &Value) -> Vec<Value> {
    v.as_array().cloned().unwrap_or_default()
}

/// `C3` as 0-based (row, column).
fn position(cell: &str) -> (u64, u64) {
    let split = cell.find(|c: char| c.is_ascii_digit()).unwrap();
    let col = cell[..split]
        .bytes()
        .fold(0, |n, b| n * 26 + u64::from(b - b'A' + 1));
    (cell[split..].parse::<u64>().unwrap() - 1, col - 1)
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
        // Hidden rows and columns are kept in the used range and marked at their grid
        // positions (counted from the first cell); the blocks have none.
        let (row0, col0) = position(sheet["first_cell"].as_str().unwrap());
        let hidden_rows: Vec<u64> = list(&sheet["hidden_rows"])
            .iter()
            .map(|r| r.as_u64().unwrap() - 1 - row0)
            .collect();
        let hidden_cols: Vec<u64> = list(&sheet["hidden_cols"])
            .iter()
            .map(|c| position(&format!("{}1", c.as_str().unwrap())).1 - col0)
            .collect();
        assert_eq!(
            (list(&range["hidden_rows"]), list(&range["hidden_cols"])),
            (
                hidden_rows.iter().map(|&r| r.into()).collect(),
                hidden_cols.iter().map(|&c| c.into()).collect()
            ),
            "{file}: hidden rows and columns of {name}"
        );
        for t in &of_sheet {
            if t["kind"] == "block" {
                assert_eq!(
                    list(&t["hidden_rows"]).len() + list(&t["hidden_cols"]).len(),
                    0
                );
            }
        }
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

/// extract reads the table blocks, not the legend, the note list or the one-column sheet,
/// nor the rows and columns a sheet hides, and says that it skipped the chart sheet.
#[test]
fn extract_reads_the_blocks_and_skips_the_chart_sheet() {
    for file in ["shapes.xlsx", "shapes.ods", "shapes.xls"] {
        extract_reads(file);
    }
}

fn extract_reads(file: &str) {
    let path = root().join("tests/data/sheet-shapes").join(file);
    let (dir, out) = extract(&[&path], &[]);
    assert!(out.status.success(), "{out:?}");
    let acts = read_json(dir.path(), "activities.json");
    let names: Vec<&str> = records_of(&acts, file)
        .iter()
        .map(|r| r["activity"].as_str().unwrap())
        .collect();
    let truth = truth();
    let mut expected = vec![
        "Lesestunder i alle barnehager",
        "Boksamtaler for eldre",
        "Ny nettside for biblioteket",
    ];
    let follow_up = list(&truth["sheets"][3]["records"]);
    expected.extend(follow_up.iter().map(|r| r.as_str().unwrap()));
    assert_eq!(names, expected, "{file}");
    // Nothing of the hidden row or the hidden column reaches a record.
    let text = acts.to_string();
    for hidden in ["Utgått tiltak", "Sjekk budsjettet", "Intern merknad"] {
        assert!(!text.contains(hidden), "{file}: {hidden}");
    }
    let docs = read_json(dir.path(), "documents.json");
    let warnings = docs[0]["warnings"].to_string();
    if file == "shapes.xlsx" {
        assert!(
            warnings.contains("sheet Diagram skipped: a chart sheet"),
            "{warnings}"
        );
    }
}
