//! Every input a fuzzer once broke a reader with (tests/data/fuzz-regressions/<target>/)
//! is read again through the whole extract path (`extract_bytes`, which reads through
//! `read::read`): each must come back
//! (a document, or a one-line error that is not a caught panic) well within the time a
//! hang would take. Files under a target's `pending/` folder broke code owned elsewhere
//! and are only checked with `--ignored` until their fix is merged.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use planlift::{extract_bytes, Format, Knowledge, Overrides};

/// A hang is what this catches; unoptimized builds of the parsers are some 20 times
/// slower than release ones, so they get more time.
const DEADLINE: Duration = Duration::from_secs(if cfg!(debug_assertions) { 240 } else { 30 });

fn regressions() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz-regressions")
}

/// The format a fuzz target reads; for `extract`, the file's first byte picks it, as in
/// the fuzz target.
fn split(target: &str, data: &[u8]) -> Option<(Format, Vec<u8>)> {
    let format = match target {
        "docx" => Format::Docx,
        "pdf" => Format::Pdf,
        "xlsx" => Format::Xlsx,
        "xls" => Format::Xls,
        "ods" => Format::Ods,
        "odt" => Format::Odt,
        "html" => Format::Html,
        "plain" => Format::Txt,
        "markdown" => Format::Md,
        "extract" => {
            let (&first, rest) = data.split_first()?;
            return Some((
                Format::ALL[first as usize % Format::ALL.len()],
                rest.to_vec(),
            ));
        }
        other => panic!("unknown fuzz target folder {other}"),
    };
    Some((format, data.to_vec()))
}

/// The files of each target, `pending` ones or the others.
fn cases(pending: bool) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let Ok(targets) = std::fs::read_dir(regressions()) else {
        return out;
    };
    for target in targets.flatten().filter(|e| e.path().is_dir()) {
        let name = target.file_name().to_string_lossy().into_owned();
        let dir = if pending {
            target.path().join("pending")
        } else {
            target.path()
        };
        let Ok(files) = std::fs::read_dir(dir) else {
            continue;
        };
        for f in files.flatten().filter(|e| e.path().is_file()) {
            out.push((name.clone(), f.path()));
        }
    }
    out.sort();
    out
}

fn check(target: &str, path: &Path) {
    let data = std::fs::read(path).unwrap();
    let Some((format, bytes)) = split(target, &data) else {
        return;
    };
    let started = Instant::now();
    // extract_bytes reads through read::read, whose error becomes the document's error.
    let x = extract_bytes(
        "regression",
        format,
        &bytes,
        &Overrides::default(),
        &Knowledge::builtin(),
    );
    if let Some(e) = &x.document.error {
        assert!(!e.contains('\n'), "{}: {e}", path.display());
        assert!(
            !e.contains("reader gave up"),
            "{}: the reader panicked: {e}",
            path.display()
        );
    }
    let elapsed = started.elapsed();
    assert!(elapsed < DEADLINE, "{} took {elapsed:?}", path.display());
}

#[test]
fn fuzz_findings_stay_fixed() {
    let cases = cases(false);
    for (target, path) in &cases {
        check(target, path);
    }
}

#[test]
#[ignore = "findings in readers hardened on another branch; run with --ignored once merged"]
fn pending_fuzz_findings() {
    for (target, path) in &cases(true) {
        check(target, path);
    }
}

/// The xls findings calamine once panicked on (named after where it panicked) now fail
/// before calamine reads them, each with the reason the guard gives, or read: a file
/// whose only fault was calamine's debug-build arithmetic (a formula naming row 65536)
/// reads as the release build always read it.
#[test]
fn xls_findings_fail_with_their_reason() {
    let cases = [
        (
            "calamine-cfb-320-dd0a350a.xls",
            Some("mini sector beyond the mini stream"),
        ),
        (
            "calamine-utils-29-37d346dd.xls",
            Some("more FAT sectors listed than the file has sectors"),
        ),
        (
            "calamine-utils-38-5edd3350.xls",
            Some("BOUNDSHEET8 record of 0 bytes"),
        ),
        (
            "calamine-utils-43-3c506232.xls",
            Some("SST string's size of phonetic data runs past its record"),
        ),
        (
            "calamine-utils-48-cb575589.xls",
            Some("EXTERNSHEET record of 0 bytes"),
        ),
        (
            "calamine-xls-1506-d9dabee0.xls",
            Some("defined name's formula token 0x3D needs 13 bytes"),
        ),
        (
            "calamine-xls-1531-d07be7ff.xls",
            Some("formula of 28416 bytes runs past its 33-byte FORMULA record"),
        ),
        (
            "calamine-xls-1567-71810b96.xls",
            Some("formula token 0x5B needs 10 bytes"),
        ),
        (
            "calamine-xls-1589-bf1e126b.xls",
            Some("formula token 0x7D needs 10 bytes"),
        ),
        ("calamine-xls-1842-a38f6187.xls", None),
        (
            "calamine-xls-633-66954a15.xls",
            Some("sheet 2 starts at byte 83899045, past the end"),
        ),
        (
            "calamine-xls-665-f4d3823f.xls",
            Some("End of stream 'record length'"),
        ),
        (
            "calamine-xls-772-21abd7b9.xls",
            Some("BOF record of 0 bytes"),
        ),
        (
            "calamine-xls-838-770e0bfd.xls",
            Some("LBL (defined name) record of 0 bytes"),
        ),
        (
            "calamine-xls-847-6b1dc449.xls",
            Some("mini sector beyond the mini stream"),
        ),
        (
            "calamine-xls-850-4505bfb4.xls",
            Some("defined name's formula of 1792 bytes runs past"),
        ),
    ];
    for (name, reason) in cases {
        let path = regressions().join("xls").join(name);
        let bytes = std::fs::read(&path).unwrap();
        let x = extract_bytes(
            name,
            Format::Xls,
            &bytes,
            &Overrides::default(),
            &Knowledge::builtin(),
        );
        match (reason, &x.document.error) {
            (Some(reason), Some(error)) => assert!(
                error.contains(reason) && !error.contains("reader gave up"),
                "{name}: {error}"
            ),
            (None, None) => {}
            (_, error) => panic!("{name}: expected {reason:?}, got {error:?}"),
        }
    }
}

/// One row of 300 000 cells over 20 000 short rows would lay out a grid of 6 billion
/// positions: refused by size, quickly, before interpretation.
#[test]
fn ragged_table_is_refused_not_laid_out() {
    let mut md = "|a".repeat(300_000);
    md.push('\n');
    md.push_str(&"|x\n".repeat(20_000));
    let started = Instant::now();
    let x = extract_bytes(
        "ragged.txt",
        Format::Txt,
        md.as_bytes(),
        &Overrides::default(),
        &Knowledge::builtin(),
    );
    let error = x.document.error.unwrap_or_default();
    assert!(
        error.starts_with("limit exceeded: tables of more than"),
        "{error}"
    );
    assert!(started.elapsed() < DEADLINE);
}

/// The same in Markdown, where a table's short rows are padded to its header's width:
/// a header of 300 000 cells over 20 000 rows of one is no table, and reads quickly.
#[test]
fn markdown_line_too_wide_for_a_table_reads_quickly() {
    let mut md = "|a".repeat(300_000);
    md.push_str("|\n");
    md.push_str(&"|-".repeat(300_000));
    md.push_str("|\n");
    md.push_str(&"|x|\n".repeat(20_000));
    let started = Instant::now();
    let x = extract_bytes(
        "ragged.md",
        Format::Md,
        md.as_bytes(),
        &Overrides::default(),
        &Knowledge::builtin(),
    );
    assert_eq!(x.document.error, None);
    assert_eq!(x.document.tables, 0);
    assert!(started.elapsed() < DEADLINE);
}
