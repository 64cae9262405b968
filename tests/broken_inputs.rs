//! Broken inputs end in one line naming the file and the reason, exit code 1, and the
//! other files' records are still written.

mod common;

use common::*;
use planlift::model::Block;
use planlift::read::{self, Format};

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

fn broken(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/data/broken").join(name)).unwrap()
}

fn read(name: &str) -> Result<planlift::model::Document, planlift::error::ReadError> {
    let format = Format::from_path(std::path::Path::new(name)).unwrap();
    read::read(format, &broken(name))
}

fn all_text(doc: &planlift::model::Document) -> String {
    let mut out = String::new();
    for block in &doc.blocks {
        match block {
            Block::Table(t) => {
                if let Some(sheet) = &t.sheet {
                    out.push_str(sheet);
                    out.push('\n');
                }
                for c in &t.cells {
                    out.push_str(&c.text);
                    out.push('\n');
                }
            }
            Block::Paragraph { text, .. } | Block::Heading { text, .. } => {
                out.push_str(text);
                out.push('\n');
            }
        }
    }
    out
}

#[test]
fn opendocument_references_decode_in_cells_paragraphs_and_names() {
    let doc = read("references.ods").expect("an & does not break a spreadsheet");
    let text = all_text(&doc);
    assert!(text.contains("Mål & medel <1> ää"), "{text}");
    assert!(text.contains("Plan & uppföljning"), "{text}");
    assert!(!text.contains("&amp;") && !text.contains("&#"), "{text}");
}

#[test]
fn opendocument_repeats_stay_bounded_by_the_file_size() {
    let start = std::time::Instant::now();
    let doc = read("repeats.ods").expect("repeats read");
    let cells: usize = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Table(t) => t.cells.len(),
            _ => 0,
        })
        .sum();
    // 8 rows claim 1,048,576 × 16,384 text cells each; a 949-byte file gets a budget of
    // 100,000 + 16 per byte of content.xml.
    assert!(cells > 1000 && cells < 200_000, "{cells} cells");
    assert!(
        doc.warnings.iter().any(|w| w.contains("not expanded")),
        "{:?}",
        doc.warnings
    );
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

#[test]
fn chart_sheets_are_skipped_with_a_warning() {
    let doc = read("chartsheet.xlsx").expect("a chart sheet does not fail the workbook");
    assert!(all_text(&doc).contains("Energieffektivisering av skolor"));
    assert_eq!(
        doc.warnings,
        vec!["sheet Diagram skipped: a chart sheet holds no cells".to_string()]
    );
}

#[test]
fn deeply_nested_html_neither_overflows_nor_loses_the_page() {
    // 10,000 nested tables and 10,000 nested divs, read on a thread with a small stack.
    let doc = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| read("nested.html"))
        .unwrap()
        .join()
        .expect("no stack overflow")
        .expect("nested markup reads");
    assert!(all_text(&doc).contains("Djup"));
}

#[test]
fn word_guard_runs_before_docx_rs_on_a_small_stack() {
    // The guard turns what docx-rs would loop on, or recurse through, into a reason.
    for name in [
        "unclosed.docx",
        "unclosed-styles.docx",
        "nested-tables.docx",
    ] {
        let result = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || read(name).map(|_| ()).map_err(|e| e.to_string()))
            .unwrap()
            .join()
            .expect("no stack overflow");
        let error = result.expect_err(name);
        assert!(error.contains("word/"), "{name}: {error}");
    }
}
