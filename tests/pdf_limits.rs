//! Malformed PDFs end in a clear one-line error, or in what could be read with a
//! warning, quickly and without a crash; the rest of the batch still completes.

mod common;

use common::*;

#[test]
fn malformed_pdfs_fail_alone_or_are_repaired() {
    let broken = root().join("tests/data/broken-pdf");
    let good = root().join("fixtures/pdf/soderhamn-landscape-rotated.pdf");
    let dir = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let out = planlift(&[
        "extract",
        broken.to_str().unwrap(),
        good.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    let elapsed = started.elapsed();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = read_json(dir.path(), "documents.json");
    let find = |name: &str| {
        docs.as_array()
            .unwrap()
            .iter()
            .find(|d| d["source_file"] == name)
            .unwrap()
            .clone()
    };
    for (name, reason) in [
        ("not-a-pdf.pdf", "not a valid PDF file"),
        ("truncated.pdf", "malformed PDF"),
        ("page-tree-cycle.pdf", "no pages"),
        ("inflates-huge.pdf", "inflates beyond"),
    ] {
        let d = find(name);
        assert_eq!(d["outcome"], "failed", "{name}");
        assert!(
            d["error"].as_str().unwrap().contains(reason),
            "{name}: {}",
            d["error"]
        );
    }
    for (name, warning) in [
        ("broken-xref.pdf", "cross-reference table repaired"),
        ("reference-cycle.pdf", "no readable content"),
    ] {
        let d = find(name);
        assert_eq!(d["outcome"], "no_activities", "{name}");
        let warnings = d["warnings"].as_array().unwrap();
        assert!(
            warnings
                .iter()
                .any(|w| w.as_str().unwrap().contains(warning)),
            "{name}: {warnings:?}"
        );
    }
    for name in ["absurd-length.pdf", "form-recursion.pdf"] {
        assert_eq!(
            find(name)["outcome"],
            "no_activities",
            "{name} is read as far as it goes"
        );
    }
    let acts = read_json(dir.path(), "activities.json");
    assert_eq!(
        records_of(&acts, "soderhamn-landscape-rotated.pdf").len(),
        10
    );
    // Not a timing assertion on speed, a bound against hangs: the whole batch is small.
    assert!(elapsed.as_secs() < 60, "took {elapsed:?}");
}

/// Reads one broken PDF straight through the reader, with a bound on the time it takes.
fn read_broken(
    name: &str,
) -> (
    Result<planlift::model::Document, String>,
    std::time::Duration,
) {
    let bytes = std::fs::read(root().join("tests/data/broken-pdf").join(name)).unwrap();
    let started = std::time::Instant::now();
    let result =
        planlift::read::read(planlift::read::Format::Pdf, &bytes).map_err(|e| e.to_string());
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
        doc.blocks
            .iter()
            .any(|b| matches!(b, planlift::model::Block::Table(_))),
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
