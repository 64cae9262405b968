//! Tagged PDFs: tables read through the structure tree (LibreOffice with tagging on), on
//! plans whose table has no rulings, wrapped cells, merged cells and runs over two pages
//! (fixtures/make/make_tagged.py), against their truth files.

use std::path::{Path, PathBuf};

use planlift::Table;
use serde_json::Value;

fn unseen(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/unseen")
        .join(path)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The truth's activities of a document.
fn activities(truth: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(unseen(&format!("truth/{truth}.json"))).expect("truth");
    let v: Value = serde_json::from_str(&text).expect("json");
    v["activities"].as_array().expect("activities").clone()
}

/// The cell at a grid position (the anchor of the range covering it).
fn at(t: &Table, row: usize, col: usize) -> &planlift::Cell {
    let i = t.grid()[row][col].expect("a cell");
    &t.cells[i]
}

/// Checks one tagged plan: one table over both pages, a header row, full-width goal
/// rows, each activity whole in one cell with its number, unit and timeframe beside it.
fn check(pdf: &str, truth: &str) {
    let tables = planlift::tables(unseen(pdf)).expect("readable");
    assert_eq!(tables.len(), 1, "one table over both pages");
    let t = &tables[0];
    assert_eq!(t.pages, [1, 2]);
    assert_eq!(t.n_cols, 4);
    let acts = activities(truth);
    let goals: Vec<&str> = {
        let mut g: Vec<&str> = acts
            .iter()
            .map(|a| a["goal_id"].as_str().unwrap())
            .collect();
        g.dedup();
        g
    };
    assert_eq!(t.n_rows, 1 + goals.len() + acts.len());
    let mut row = 1;
    let mut goal = None;
    for a in &acts {
        if goal != a["goal_id"].as_str() {
            goal = a["goal_id"].as_str();
            let g = at(t, row, 0);
            assert_eq!(g.col_span, 4, "goal row {row}");
            assert!(g.text.ends_with(a["goal"].as_str().unwrap()), "{}", g.text);
            row += 1;
        }
        let texts: Vec<String> = (0..4).map(|c| collapse(&at(t, row, c).text)).collect();
        assert_eq!(texts[0], a["activity_id"].as_str().unwrap());
        assert_eq!(texts[1], a["activity"].as_str().unwrap());
        assert_eq!(texts[2], a["responsible_raw"].as_str().unwrap());
        assert_eq!(texts[3], a["period_label"].as_str().unwrap());
        row += 1;
    }
    // The responsible cell merged down over two rows is one cell.
    assert!(t.cells.iter().any(|c| c.col == 2 && c.row_span == 2));
}

#[test]
fn a_tagged_table_without_rulings_is_read_from_the_tree() {
    check(
        "tune/harnosand-trafiksakerhet-2025-2028-taggad.pdf",
        "harnosand-trafiksakerhet-2025-2028-taggad",
    );
}

#[test]
fn a_row_broken_over_the_page_is_one_row() {
    // Activity 2.5 starts on page 1 and ends on page 2.
    check(
        "holdout/molde-friluftsliv-2025-2028-tagget.pdf",
        "molde-friluftsliv-2025-2028-tagget",
    );
    // Activity 1.5 likewise, in a plan with long many-line cells.
    check(
        "tune/sandnes-digital-inkludering-2025-2027-tagget.pdf",
        "sandnes-digital-inkludering-2025-2027-tagget",
    );
}
