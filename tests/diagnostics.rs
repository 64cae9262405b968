//! Saying why: a document with tables but no activities carries a warning that says
//! why, a manifest row that matches no file is a warning, and the summary lists both.

mod common;

use common::*;

#[test]
fn tables_without_activities_and_unmatched_manifest_rows_are_explained() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(
        input.join("unknown-header.md"),
        "# Budget 2025\n\n| Konto | Belopp | Kvartal |\n|---|---|---|\n| 4010 | 120 000 | Q1 |\n| 4020 | 80 000 | Q2 |\n",
    )
    .unwrap();
    std::fs::write(
        input.join("empty-activities.md"),
        "# Handlingsplan\n\n| Åtgärd | Ansvar | Tidsplan |\n|---|---|---|\n|  | Kultur | 2025 |\n|  | Skola | 2026 |\n",
    )
    .unwrap();
    let manifest = tmp.path().join("manifest.csv");
    std::fs::write(
        &manifest,
        "file,municipality\nunknown-header.md,Umeå\nmissing-plan.docx,Luleå\n",
    )
    .unwrap();
    let out_dir = tmp.path().join("out");
    let out = planlift(&[
        "extract",
        input.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
        "--manifest",
        manifest.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let docs = read_json(&out_dir, "documents.json");
    let warning = |file: &str| -> String {
        let d = docs
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["source_file"] == file)
            .unwrap();
        assert_eq!(d["outcome"], "no_activities", "{file}");
        d["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|w| w.as_str())
            .find(|w| w.contains("but no activities"))
            .unwrap_or_else(|| panic!("{file} says why: {d}"))
            .to_string()
    };
    let unknown = warning("unknown-header.md");
    assert!(unknown.contains("no header row recognised"), "{unknown}");
    assert!(
        unknown.contains("`Konto`"),
        "names the cells it saw: {unknown}"
    );
    let empty = warning("empty-activities.md");
    assert!(empty.contains("header row"), "{empty}");
    assert!(empty.contains("`Åtgärd`"), "{empty}");
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(
        summary.contains("manifest row `missing-plan.docx` matches no input file"),
        "{summary}"
    );
    assert!(
        summary.contains("no activities unknown-header.md"),
        "{summary}"
    );
    assert!(
        !summary.contains("`unknown-header.md` matches no"),
        "{summary}"
    );
}
