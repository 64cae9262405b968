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
