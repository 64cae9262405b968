//! Binary Excel workbooks (`.xlsb`) written by SheetJS (fixtures/make/make_xlsb.js) against
//! the truth they were made from (tests/data/truth-xlsb): full and short cell records,
//! shared strings, merged title and area rows, an area merged down, date cells, a hidden
//! row and a hidden column left out, a sheet of prose beside the plan.

mod common;

use common::{check_truth_folder, root, tables_of};

#[test]
fn binary_workbooks_yield_their_truth() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-xlsb"),
        &root().join("fixtures/xlsb"),
        &["xlsb"],
    );
    assert_eq!(checked, 2);
}

#[test]
fn tables_marks_the_hidden_row_and_column_of_a_binary_workbook() {
    let file = root().join("fixtures/xlsb/ljusdal-fysisk-aktivitet-2026-2028.xlsb");
    let tables = tables_of(&file);
    let range = tables
        .iter()
        .find(|t| t["sheet"] == "Åtgärder" && t["kind"] == "sheet")
        .unwrap_or_else(|| panic!("no used range of sheet Åtgärder: {tables:?}"));
    // Grid positions from the first cell, A1: the struck activity 1.3 is the eighth
    // row, the internal note the seventh column.
    assert_eq!(range["first_cell"], "A1", "{range}");
    assert_eq!(range["hidden_rows"], serde_json::json!([7]), "{range}");
    assert_eq!(range["hidden_cols"], serde_json::json!([6]), "{range}");
    let prose = tables
        .iter()
        .filter(|t| t["sheet"] == "Förklaringar")
        .count();
    assert!(prose >= 1, "the prose sheet has its used range: {tables:?}");
}
