//! Readers on broken and hostile files, straight through [`read`] (moved here from
//! tests/broken_inputs.rs and tests/pdf_limits.rs: they look at the document model,
//! which is the library's own).

use std::path::{Path, PathBuf};

use super::Format;
use crate::error::ReadError;
use crate::model::{Block, Document};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn broken(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/data/broken").join(name)).unwrap()
}

fn read(name: &str) -> Result<Document, ReadError> {
    let format = Format::from_path(Path::new(name)).unwrap();
    super::read(format, &broken(name))
}

fn all_text(doc: &Document) -> String {
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

/// Reads one broken PDF straight through the reader, with a bound on the time it takes.
fn read_broken(name: &str) -> (Result<Document, String>, std::time::Duration) {
    let bytes = std::fs::read(root().join("tests/data/broken-pdf").join(name)).unwrap();
    let started = std::time::Instant::now();
    let result = super::read(Format::Pdf, &bytes).map_err(|e| e.to_string());
    let elapsed = started.elapsed();
    // A bound against hangs (debug builds are slow), not a speed assertion.
    assert!(elapsed.as_secs() < 30, "{name} took {elapsed:?}");
    (result, elapsed)
}

#[test]
fn encrypted_pdf_needs_a_password() {
    let (result, _) = read_broken("encrypted.pdf");
    assert_eq!(
        result.err().as_deref(),
        Some("encrypted, password required")
    );
}

#[test]
fn pdf_with_an_owner_password_only_is_read() {
    let (result, _) = read_broken("owner-password.pdf");
    let doc = result.expect("opens without a password");
    assert!(
        doc.blocks.iter().any(|b| matches!(b, Block::Table(_))),
        "its table is read"
    );
}

#[test]
fn looping_or_absurd_structure_ends_in_one_line() {
    for (name, reason) in [
        // lopdf follows /Prev once per section; the loop back is dropped.
        ("xref-prev-loop.pdf", None),
        // The walk visits each object at most once per object in the file.
        ("huge-count.pdf", None),
        ("form-chain.pdf", None),
        ("form-fanout.pdf", None),
        ("deep-nesting.pdf", None),
        ("page-tree-cycle.pdf", Some("no pages")),
        ("inflates-huge.pdf", Some("inflates beyond 64 MiB")),
    ] {
        let (result, _) = read_broken(name);
        match (reason, result) {
            (None, Ok(_)) => {}
            (Some(reason), Err(e)) => {
                assert!(e.contains(reason), "{name}: {e}");
                assert!(!e.contains('\n'), "{name}: {e}");
            }
            (want, got) => panic!("{name}: wanted {want:?}, got {:?}", got.map(|d| d.warnings)),
        }
    }
}

#[test]
fn a_form_drawn_over_and_over_spends_the_inflation_budget_once() {
    let (result, _) = read_broken("form-fanout.pdf");
    let doc = result.expect("the page is read as far as the budget goes");
    assert!(
        doc.warnings
            .iter()
            .any(|w| w.contains("inflates to more than 64 MiB in all")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn a_huge_page_count_claim_is_not_believed() {
    let (result, _) = read_broken("huge-count.pdf");
    let doc = result.unwrap();
    assert!(doc.pages.unwrap() <= 5, "{:?}", doc.pages);
}

#[test]
fn a_page_tree_that_loops_back_reads_its_page_once() {
    let (result, _) = read_broken("page-tree-loop.pdf");
    let doc = result.expect("the one page is read");
    assert_eq!(doc.pages, Some(1));
}
