//! Cell fills of Excel 97-2003 workbooks reach the tables and the statuses read through
//! a legend. The workbooks in tests/data/xls are written by xlwt and by LibreOffice
//! (fixtures/make/make_xls_fills.py); fixtures/unseen/tune/gavle-kultur-status-2023.xls
//! is a third check.

mod common;

use common::*;
use serde_json::Value;

/// `planlift tables` over `file`: its tables.
fn tables(file: &str) -> Vec<Value> {
    tables_of(&root().join(file))
}

/// The cell at (`row`, `col`) of the table read from `sheet` (the block found in it
/// where that is not the whole used range): its text and its fill.
fn cell<'a>(tables: &'a [Value], sheet: &str, row: u64, col: u64) -> (&'a str, &'a Value) {
    let of_sheet = |kind: &str| {
        tables
            .iter()
            .find(|t| t["sheet"] == sheet && t["kind"] == kind)
    };
    let table = of_sheet("block")
        .or_else(|| of_sheet("sheet"))
        .unwrap_or_else(|| panic!("sheet {sheet}"));
    let c = table["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["row"] == row && c["col"] == col)
        .unwrap_or_else(|| panic!("{sheet} ({row}, {col})"));
    (c["text"].as_str().unwrap(), &c["fill"])
}

/// The (status, status_raw) of each record extracted from `file`.
fn statuses(file: &str) -> Vec<(String, String)> {
    let path = root().join(file);
    let (dir, out) = extract(&[&path], &[]);
    assert!(out.status.success(), "{out:?}");
    let acts = read_json(dir.path(), "activities.json");
    let name = path.file_name().unwrap().to_str().unwrap();
    records_of(&acts, name)
        .iter()
        .map(|r| {
            (
                r["status"].as_str().unwrap_or("-").to_string(),
                r["status_raw"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect()
}

#[test]
fn xlwt_fills_reach_the_cells_of_each_sheet() {
    let t = tables("tests/data/xls/xlwt-status-fills.xls");
    // The first sheet: NUMBER, RK and MULRK cells in default-palette colours; a striped
    // pattern is no fill; a MULBLANK record gives three blank cells their own colours.
    assert_eq!(cell(&t, "Oversikt", 0, 1), ("6", &Value::from("#3366FF")));
    assert_eq!(cell(&t, "Oversikt", 1, 1), ("0.5", &Value::from("#FF6600")));
    assert_eq!(cell(&t, "Oversikt", 1, 2), ("2", &Value::from("#FF6600")));
    assert_eq!(
        cell(&t, "Oversikt", 2, 1),
        ("1234567.891", &Value::from("#FF99CC"))
    );
    assert_eq!(cell(&t, "Oversikt", 2, 2), ("stripet", &Value::Null));
    assert_eq!(cell(&t, "Oversikt", 3, 0), ("Fordeling", &Value::Null));
    for (col, fill) in [(1, "#008000"), (2, "#FFFF00"), (3, "#FF0000")] {
        assert_eq!(cell(&t, "Oversikt", 3, col), ("", &Value::from(fill)));
    }
    // Blank cells painted white add no rows or columns.
    let first = t
        .iter()
        .find(|t| t["sheet"] == "Oversikt" && t["kind"] == "sheet")
        .unwrap();
    assert_eq!((&first["n_rows"], &first["n_cols"]), (&6.into(), &4.into()));
    // The second sheet: header fills, and Status cells with no text but a fill (one set
    // through the workbook's PALETTE record).
    assert_eq!(
        cell(&t, "Tiltak", 0, 4),
        ("Status", &Value::from("#C0C0C0"))
    );
    assert_eq!(cell(&t, "Tiltak", 1, 1).1, &Value::Null);
    let status: Vec<&Value> = (1..=6).map(|r| cell(&t, "Tiltak", r, 4).1).collect();
    assert_eq!(
        status,
        ["#008000", "#FFFF00", "#FF0000", "#00B050", "#FFFF00", "#FF0000"]
    );
    // The legend below the table, two empty rows down, is a block of its own; in the
    // sheet's used range it keeps its place (row 12).
    let range: Vec<Value> = t.iter().filter(|t| t["kind"] == "sheet").cloned().collect();
    assert_eq!(cell(&range, "Tiltak", 11, 0), ("", &Value::from("#008000")));
    assert_eq!(cell(&range, "Tiltak", 11, 1), ("Gjennomført", &Value::Null));
    let legend = t
        .iter()
        .find(|t| t["sheet"] == "Tiltak" && t["first_cell"] == "A12")
        .expect("the legend block");
    assert_eq!(legend["n_cols"], 2);
}

#[test]
fn libreoffice_fills_reach_the_cells() {
    let t = tables("tests/data/xls/libreoffice-status-fills.xls");
    let sheet = "Oppfølging";
    assert_eq!(cell(&t, sheet, 0, 0), ("Nr", &Value::from("#D9D9D9")));
    // The merged section row keeps its fill on its anchor.
    assert_eq!(
        cell(&t, sheet, 1, 0),
        ("1 Turstier", &Value::from("#DDEBF7"))
    );
    let status: Vec<&Value> = (2..=7).map(|r| cell(&t, sheet, r, 4).1).collect();
    assert_eq!(
        status,
        ["#92D050", "#FFC000", "#FF0000", "#92D050", "#FFC000", "#FF0000"]
    );
    assert_eq!(cell(&t, sheet, 10, 0), ("", &Value::from("#FFC000")));
}

#[test]
fn statuses_given_as_fills_are_read_through_the_legend() {
    let words = [
        "done",
        "in_progress",
        "not_started",
        "done",
        "in_progress",
        "not_started",
    ];
    for (file, raws) in [
        (
            "tests/data/xls/xlwt-status-fills.xls",
            [
                "#008000", "#FFFF00", "#FF0000", "#00B050", "#FFFF00", "#FF0000",
            ],
        ),
        (
            "tests/data/xls/libreoffice-status-fills.xls",
            [
                "#92D050", "#FFC000", "#FF0000", "#92D050", "#FFC000", "#FF0000",
            ],
        ),
    ] {
        let got = statuses(file);
        let want: Vec<(String, String)> = words
            .iter()
            .zip(raws)
            .map(|(w, r)| (w.to_string(), r.to_string()))
            .collect();
        assert_eq!(got, want, "{file}");
    }
}

#[test]
fn gavle_status_fills_match_its_truth() {
    let file = "fixtures/unseen/tune/gavle-kultur-status-2023.xls";
    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(
            root().join("fixtures/unseen/truth/gavle-kultur-status-2023.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let want: Vec<(String, String)> = truth["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["status"].as_str().unwrap().to_string(),
                a["status_raw"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(statuses(file), want);
}
