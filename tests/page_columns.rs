//! Pages set in columns (fixtures/make/make_columns.py, truth in
//! tests/data/columns/truth.json, written first): a full-width title over two or three
//! columns, each area a heading, a paragraph and a small table inside one column. Each
//! column reads on its own, top to bottom, left column first: every activity with its
//! own area, responsible and year, none glued to the column beside it.

mod common;

use common::*;
use serde_json::Value;

/// The records of one plan, as (area, activity, responsible, period) in reading order.
fn records(file: &str) -> Vec<[String; 4]> {
    let path = root().join("tests/data/columns").join(file);
    let dir = extract_ok(&[&path], &[]);
    let acts = read_json(dir.path(), "activities.json");
    let field = |r: &Value, k: &str| r[k].as_str().unwrap_or_default().to_string();
    records_of(&acts, file)
        .iter()
        .map(|r| {
            [
                field(r, "area"),
                field(r, "activity"),
                field(r, "responsible_raw"),
                field(r, "period_label"),
            ]
        })
        .collect()
}

/// The truth of one plan in the same shape.
fn truth(file: &str) -> Vec<[String; 4]> {
    let t: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/columns/truth.json")).unwrap(),
    )
    .unwrap();
    let plan = t["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["file"] == file)
        .expect("plan in truth");
    let s = |v: &Value| v.as_str().unwrap().to_string();
    plan["areas"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| {
            a["activities"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |act| [s(&a["area"]), s(&act[0]), s(&act[1]), s(&act[2])])
        })
        .collect()
}

fn check(file: &str) {
    let got = records(file);
    let want = truth(file);
    for (k, w) in want.iter().enumerate() {
        assert_eq!(got.get(k), Some(w), "record {k} of {file}; all: {got:#?}");
    }
    assert_eq!(got.len(), want.len(), "{file}: {got:#?}");
}

#[test]
fn three_columns_of_reportlab_read_one_by_one() {
    // Every activity in its column's area, in reading order, and all but two whole: a
    // word broken inside a narrow cell without a hyphen (`Voksenopp` / `læring`) stays two
    // words, and the last row's capitalised wrapped line (`Familieveiledere i` / `NAV`)
    // is left out of the table. A cell run on to within a letter of the next column
    // (`Ungdomsråd med` `Kultur`) reads as two cells.
    let file = "ringsaker-folkehelse-2025-2028.pdf";
    let got = records(file);
    let want = truth(file);
    let areas = |r: &[[String; 4]]| r.iter().map(|x| x[0].clone()).collect::<Vec<_>>();
    assert_eq!(areas(&got), areas(&want), "{got:#?}");
    let right = got.iter().zip(&want).filter(|(g, w)| g == w).count();
    assert!(right >= 16, "{right} of 18 records whole: {got:#?}");
}

#[test]
fn two_columns_of_libreoffice_read_one_by_one() {
    check("ljusdal-klimat-2026-2029.pdf");
}
