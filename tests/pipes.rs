//! Pipes: `-o -` streams the activity records as JSON Lines on standard output (the
//! summary stays on standard error), and INPUT `-` reads one document from standard
//! input, its format from `--name` or from its bytes.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::*;
use serde_json::Value;

fn run_with_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planlift"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("planlift runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn dash_out_streams_the_records_of_a_folder_run() {
    let word = root().join("fixtures/word");
    let (dir, _) = extract(&[&word], &[]);
    let expected = read_json(dir.path(), "activities.json");
    let out = planlift(&["extract", word.to_str().unwrap(), "-o", "-"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let got = lines(&out.stdout);
    assert_eq!(&Value::Array(got), &expected);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("activities written to standard output"),
        "{err}"
    );
    assert!(!std::path::Path::new("-").exists(), "no folder named -");
}

#[test]
fn a_document_from_standard_input_reads_like_the_file() {
    for dir in ["word", "pdf", "sheets", "html", "odt"] {
        let folder = root().join("fixtures").join(dir);
        let Some(file) = std::fs::read_dir(&folder)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .min()
        else {
            continue;
        };
        let name = file.file_name().unwrap().to_str().unwrap().to_string();
        let bytes = std::fs::read(&file).unwrap();
        let (out_dir, _) = extract(&[&file], &[]);
        let expected = read_json(out_dir.path(), "activities.json");

        // Named: the format from the extension, the name as source_file.
        let named = run_with_stdin(&["extract", "-", "--name", &name, "-o", "-", "-q"], &bytes);
        assert_eq!(
            Value::Array(lines(&named.stdout)),
            expected,
            "{name} with --name"
        );

        // Unnamed: the format from the bytes, source_file `stdin.EXT`.
        let sniffed = run_with_stdin(&["extract", "-", "-o", "-", "-q"], &bytes);
        let got = lines(&sniffed.stdout);
        assert_eq!(
            got.len(),
            expected.as_array().unwrap().len(),
            "{name} sniffed"
        );
        for (g, e) in got.iter().zip(expected.as_array().unwrap()) {
            assert_eq!(g["activity"], e["activity"], "{name}");
            let source = g["source_file"].as_str().unwrap();
            assert!(source.starts_with("stdin."), "{source}");
            assert_eq!(g["source_format"], e["source_format"], "{name}");
        }
    }
}

#[test]
fn unreadable_standard_input_is_listed_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let out = run_with_stdin(
        &["extract", "-", "-o", out_dir.to_str().unwrap(), "-q"],
        &[0u8, 1, 2, 3, 255, 254, 0, 7],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let docs = read_json(&out_dir, "documents.json");
    assert_eq!(docs[0]["outcome"], "skipped");
    assert_eq!(docs[0]["source_file"], "stdin");
}
