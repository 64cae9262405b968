//! Tables set sideways on upright pages (a wide table turned a quarter anticlockwise on
//! page 1 and clockwise on page 2, written by reportlab: fixtures/make/make_sideways.py)
//! read as their upright selves, against tests/data/sideways/truth.json.

use std::path::Path;

use serde_json::Value;

#[test]
fn a_table_turned_either_way_reads_upright() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sideways");
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("truth.json")).unwrap()).unwrap();
    let grid: Vec<Vec<&str>> = truth["grid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap())
                .collect()
        })
        .collect();
    let tables = planlift::tables(dir.join("vestvik-klimatiltak.pdf")).expect("readable");
    assert_eq!(tables.len(), 1, "one table continued over both pages");
    let t = &tables[0];
    assert_eq!(t.pages, [1, 2]);
    // The header once, then the rows of page 1 (turned anticlockwise) and of page 2
    // (turned clockwise).
    let want: Vec<&Vec<&str>> = std::iter::once(&grid[0])
        .chain(grid[1..].iter())
        .chain(grid[1..].iter())
        .collect();
    let got: Vec<Vec<String>> = t
        .grid()
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| c.map_or(String::new(), |i| t.cells[i].text.clone()))
                .collect()
        })
        .collect();
    assert_eq!(got.len(), want.len(), "{got:?}");
    for (r, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, *w, "row {r}");
    }
}
