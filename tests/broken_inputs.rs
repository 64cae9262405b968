//! Broken inputs end in one line naming the file and the reason, exit code 1, and the
//! other files' records are still written.

mod common;

use common::*;

#[test]
fn each_broken_file_fails_alone_with_its_reason() {
    let broken = root().join("tests/data/broken");
    let good = root().join("fixtures/word/kalmar-handlingsplan-2016-2020.docx");
    let dir = tempfile::tempdir().unwrap();
    let out = planlift(&[
        "extract",
        broken.to_str().unwrap(),
        good.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let docs = read_json(dir.path(), "documents.json");
    let expect = [
        ("binary.txt", "binary content"),
        ("bomb.docx", "limit exceeded"),
        ("empty.docx", "empty file"),
        ("no-document.docx", "word/document.xml is missing"),
        ("not-a-zip.docx", "not a zip"),
        ("truncated.docx", "not a zip"),
        ("truncated.xlsx", "not a zip"),
        ("bomb.xlsx", "inflates beyond"),
        ("entities.xlsx", "unrecognized entity"),
        ("entities.ods", "DOCTYPE"),
        (
            "unclosed.docx",
            "malformed Word: word/document.xml: unclosed element w:tcPr at byte ",
        ),
        (
            "unclosed-styles.docx",
            "malformed Word: word/styles.xml: unclosed element",
        ),
        (
            "nested-tables.docx",
            "limit exceeded: word/document.xml: elements nested deeper than 96",
        ),
        ("encrypted.docx", "encrypted, password required"),
        ("encrypted.xlsx", "encrypted, password required"),
        ("encrypted.ods", "encrypted, password required"),
        (
            "far-cell.xls",
            "limit exceeded: sheet 1 spans 16777216 cells",
        ),
        (
            "huge-dimensions.xls",
            "limit exceeded: sheet 1 spans 4294967295 cells",
        ),
    ];
    for (name, reason) in expect {
        let d = docs
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["source_file"] == name)
            .unwrap_or_else(|| panic!("{name} listed"));
        assert_eq!(d["outcome"], "failed", "{name}");
        let error = d["error"].as_str().unwrap();
        assert!(error.contains(reason), "{name}: {error}");
        assert!(!error.contains('\n'));
        let line = stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} in summary: {stderr}"));
        assert!(line.contains(reason), "{line}");
    }
    let acts = read_json(dir.path(), "activities.json");
    assert_eq!(
        records_of(&acts, "kalmar-handlingsplan-2016-2020.docx").len(),
        22,
        "the good file still yields"
    );
    assert_eq!(
        records_of(&acts, "renamed-parts.docx").len(),
        22,
        "parts with other names are found through the relationships"
    );
    let encrypted = docs
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["source_file"] == "encrypted.ods")
        .unwrap();
    assert_eq!(encrypted["error"], "encrypted, password required");
}
