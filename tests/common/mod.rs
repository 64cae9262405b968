//! Helpers shared by the integration tests: running the binary, reading outputs, and
//! comparing records with the truth files as `shared/truth/README.md` says (white space
//! collapsed, `–` and `-` alike).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the planlift binary with `args`.
pub fn planlift(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planlift"))
        .args(args)
        .output()
        .expect("planlift runs")
}

/// Runs `planlift tables` over `path` and returns the tables of its `<stem>.tables.json`.
pub fn tables_of(path: &Path) -> Vec<Value> {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = planlift(&[
        "tables",
        path.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    let stem = path.file_stem().unwrap().to_str().unwrap();
    read_json(dir.path(), &format!("{stem}.tables.json"))["tables"]
        .as_array()
        .expect("tables")
        .clone()
}

/// Runs `planlift extract` over `inputs` into a fresh temporary folder.
pub fn extract(inputs: &[&Path], extra: &[&str]) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut args: Vec<String> = vec!["extract".into()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend([
        "-o".into(),
        dir.path().display().to_string(),
        "--quiet".into(),
    ]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = planlift(&refs);
    (dir, out)
}

/// `planlift extract` over `inputs`, which must succeed (exit 0): its output folder.
pub fn extract_ok(inputs: &[&Path], extra: &[&str]) -> tempfile::TempDir {
    let (dir, out) = extract(inputs, extra);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// Reads a JSON output file.
pub fn read_json(dir: &Path, name: &str) -> Value {
    let text = std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A truth file.
pub fn truth(name: &str) -> Value {
    let path = root().join("tests/data/truth").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).expect("truth file"))
        .expect("truth parses")
}

/// The records of one source file, in order.
pub fn records_of<'a>(activities: &'a Value, source_file: &str) -> Vec<&'a Value> {
    activities
        .as_array()
        .expect("array")
        .iter()
        .filter(|a| a["source_file"] == source_file)
        .collect()
}

/// Text as the truth README compares it.
pub fn norm(s: &str) -> String {
    s.replace(['–', '—'], "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn norm_value(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(norm(s)),
        Value::Array(a) => Value::Array(a.iter().map(norm_value).collect()),
        other => other.clone(),
    }
}

/// Compares every field the truth gives, for every record; returns the differences.
pub fn diff_records(got: &[&Value], expected: &[Value], skip: &[&str]) -> Vec<String> {
    let mut diffs = Vec::new();
    if got.len() != expected.len() {
        diffs.push(format!(
            "{} records, expected {}",
            got.len(),
            expected.len()
        ));
    }
    for (i, (g, e)) in got.iter().zip(expected).enumerate() {
        for (field, want) in e.as_object().expect("truth record is an object") {
            if skip.contains(&field.as_str()) {
                continue;
            }
            let have = g.get(field).unwrap_or(&Value::Null);
            if norm_value(have) != norm_value(want) {
                diffs.push(format!(
                    "record {} field {field}: got {have}, expected {want}",
                    i + 1
                ));
            }
        }
    }
    diffs
}

/// Compares the document-level facts the truth gives with a document record.
pub fn diff_document(doc: &Value, truth: &Value, fields: &[&str]) -> Vec<String> {
    fields
        .iter()
        .filter(|f| norm_value(&doc[**f]) != norm_value(&truth[**f]))
        .map(|f| {
            format!(
                "document field {f}: got {}, expected {}",
                doc[*f], truth[*f]
            )
        })
        .collect()
}

/// Extracts `fixtures` and compares every document a truth file of `truth_dir` names
/// (`<stem>.<ext>` for each of its `formats`, else of `default_formats`) with that truth:
/// its records field by field and its municipality, code, country, language and title,
/// except the fields its `not_compared` names (`field`, or `ext:field` for one format).
/// Panics with the differences of the first document that differs; returns how many
/// documents were checked.
pub fn check_truth_folder(truth_dir: &Path, fixtures: &Path, default_formats: &[&str]) -> usize {
    let (out, result) = extract(&[fixtures], &[]);
    assert_eq!(result.status.code(), Some(0), "{result:?}");
    let acts = read_json(out.path(), "activities.json");
    let docs = read_json(out.path(), "documents.json");
    let mut checked = 0;
    let mut truths: Vec<PathBuf> = std::fs::read_dir(truth_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    truths.sort();
    for path in truths {
        let truth: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let formats: Vec<&str> = truth["formats"].as_array().map_or_else(
            || default_formats.to_vec(),
            |f| f.iter().filter_map(Value::as_str).collect(),
        );
        for ext in formats {
            let file = format!("{stem}.{ext}");
            let got = records_of(&acts, &file);
            // Fields a truth leaves uncompared, saying why (`not_compared`): `field` in
            // every format, `ext:field` in one.
            let skip: Vec<&str> = truth["not_compared"]
                .as_object()
                .map(|o| {
                    o.keys()
                        .filter_map(|k| match k.split_once(':') {
                            Some((e, field)) => (e == ext).then_some(field),
                            None => Some(k.as_str()),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let mut diffs = diff_records(&got, truth["activities"].as_array().unwrap(), &skip);
            let doc = docs
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["source_file"] == file.as_str())
                .unwrap_or_else(|| panic!("{file} not in documents.json"));
            let facts: Vec<&str> = [
                "municipality",
                "municipality_code",
                "country",
                "language",
                "document_title",
            ]
            .into_iter()
            .filter(|f| !skip.contains(f))
            .collect();
            diffs.extend(diff_document(doc, &truth, &facts));
            assert!(diffs.is_empty(), "{file}:\n{}", diffs.join("\n"));
            checked += 1;
        }
    }
    checked
}

/// Headless Chromium as these tests start it (no network, a fresh profile in `profile`),
/// or `None` where no Chromium is installed.
pub fn headless_chromium(profile: &Path) -> Option<Command> {
    let name = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })?;
    let mut cmd = Command::new(name);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    Some(cmd)
}
