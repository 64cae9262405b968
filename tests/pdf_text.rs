//! PDF text in tables as the printed page shows it, on a plan written with python-docx
//! and printed by LibreOffice (fixtures/make/make_pdf_text.py): words the writer broke at
//! a narrow cell's edge joined again, a row split by the page break joined to its first
//! part, the area carried over the break, the running footer kept out of the records.

mod common;

use common::*;
use serde_json::Value;

#[test]
fn libreoffice_table_reads_as_the_page_shows_it() {
    let dir = root().join("tests/data/pdf-text");
    let (out_dir, out) = extract(&[&dir.join("sjovik-trafik-2023.pdf")], &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let acts = read_json(out_dir.path(), "activities.json");
    let got = records_of(&acts, "sjovik-trafik-2023.pdf");
    let t: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("sjovik-truth.json")).expect("truth file"),
    )
    .expect("truth parses");
    let want = t["activities"].as_array().expect("activities");
    let ids: Vec<&str> = got
        .iter()
        .filter_map(|r| r["activity_id"].as_str())
        .collect();
    let want_ids: Vec<&str> = want
        .iter()
        .filter_map(|r| r["activity_id"].as_str())
        .collect();
    assert_eq!(
        ids, want_ids,
        "one record per activity, none from a split row"
    );
    for (g, w) in got.iter().zip(want) {
        for field in ["area", "activity", "responsible_raw", "status_raw"] {
            assert_eq!(g[field], w[field], "{} {field}", w["activity_id"]);
        }
    }
    let footer = t["margin_text"].as_str().expect("margin text");
    let all = serde_json::to_string(&acts).expect("json");
    assert!(
        !all.contains(footer),
        "the running footer is not record text"
    );
}
