//! The hostile corpus in one batch: every file `fixtures/make/make_hostile.py` makes
//! (truncated, bit-flipped, re-zipped, mislabelled, empty, bombs, entity expansion,
//! repeats in the millions, deep nesting, PDF cycles, looping compound files, unknown
//! types, encrypted files) goes through one `planlift extract` run. The run must end with
//! exit code 1, list every file with its outcome and a one-line reason, never panic,
//! write complete JSON, and stay under 1 GiB of memory (the peak resident size of the
//! process and its workers, from `getrusage(RUSAGE_CHILDREN)`).
//!
//! Skipped with a message where `python3` is not installed.

#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use common::*;
use serde_json::Value;

const GIB: u64 = 1 << 30;

/// The peak resident size of the largest child (or grandchild a child waited for) that
/// has ended, in bytes.
fn children_peak_rss() -> u64 {
    // SAFETY: getrusage only writes into the struct it is given.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru) };
    assert_eq!(rc, 0, "getrusage");
    let max = ru.ru_maxrss as u64;
    if cfg!(target_os = "macos") {
        max
    } else {
        max * 1024
    }
}

fn python3() -> bool {
    Command::new("python3")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Every file under `dir`, as the `source_file` planlift gives it (relative, `/`).
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap();
                let parts: Vec<_> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn hostile_corpus_in_one_batch() {
    if !python3() {
        eprintln!("hostile_batch: skipped, python3 is not installed");
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let corpus = work.path().join("corpus");
    let made = Command::new("python3")
        .arg(root().join("fixtures/make/make_hostile.py"))
        .arg(&corpus)
        .output()
        .expect("python3 runs");
    assert!(
        made.status.success(),
        "make_hostile.py: {}",
        String::from_utf8_lossy(&made.stderr)
    );
    let generator_peak = children_peak_rss();
    let files = files_under(&corpus);
    assert!(files.len() >= 150, "{} files", files.len());

    let out_dir = work.path().join("out");
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_planlift"))
        .arg("extract")
        .arg(&corpus)
        .arg("-o")
        .arg(&out_dir)
        .args(["--timeout", "10", "--jobs", "2"])
        .output()
        .expect("planlift runs");
    let wall = start.elapsed();
    let peak = children_peak_rss();
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!(
        "hostile_batch: {} files in {:.1} s, peak RSS {} MiB (the generator's {} MiB; \
         a planlift peak below it shows as the generator's)",
        files.len(),
        wall.as_secs_f64(),
        peak >> 20,
        generator_peak >> 20
    );

    for line in stderr.lines() {
        assert!(
            !line.contains("panicked") && !line.contains("RUST_BACKTRACE"),
            "a panic reached stderr: {line}"
        );
    }
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");

    // Every JSON output is complete.
    let mut json_outputs = 0;
    for entry in std::fs::read_dir(&out_dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            serde_json::from_str::<Value>(&text)
                .unwrap_or_else(|e| panic!("{} is not complete JSON: {e}", path.display()));
            json_outputs += 1;
        }
    }
    assert!(json_outputs >= 4, "{json_outputs} JSON outputs");

    let docs = read_json(&out_dir, "documents.json");
    let by_name: BTreeMap<&str, &Value> = docs
        .as_array()
        .expect("documents.json is an array")
        .iter()
        .map(|d| (d["source_file"].as_str().expect("source_file"), d))
        .collect();
    // class → outcome → count, printed for the record.
    let mut tally: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for f in &files {
        let d = by_name
            .get(f.as_str())
            .unwrap_or_else(|| panic!("{f} is not in documents.json"));
        let outcome = d["outcome"].as_str().expect("outcome");
        assert!(
            ["ok", "no_activities", "failed", "skipped"].contains(&outcome),
            "{f}: outcome {outcome}"
        );
        if outcome == "failed" || outcome == "skipped" {
            let error = d["error"].as_str().unwrap_or("");
            assert!(!error.trim().is_empty(), "{f}: {outcome} without a reason");
            assert!(!error.contains('\n'), "{f}: reason on several lines");
        }
        let class = f.split('/').next().unwrap();
        *tally.entry(class).or_default().entry(outcome).or_default() += 1;
    }
    for (class, outcomes) in &tally {
        eprintln!("  {class:<10} {outcomes:?}");
    }
    let timed_out: Vec<&str> = by_name
        .iter()
        .filter(|(_, d)| d["error"].as_str().is_some_and(|e| e.contains("timed out")))
        .map(|(n, _)| *n)
        .collect();
    eprintln!("  timed out: {timed_out:?}");

    // The class checks and the memory bound, all reported together.
    let doc = |name: &str| by_name[name];
    let mut problems = Vec::new();
    for name in [
        "seed/encrypted.docx",
        "seed/encrypted.xlsx",
        "seed/encrypted.pdf",
    ] {
        if doc(name)["outcome"] != "failed" || doc(name)["error"] != "encrypted, password required"
        {
            problems.push(format!(
                "{name}: {} {} (want failed, encrypted, password required)",
                doc(name)["outcome"],
                doc(name)["error"]
            ));
        }
    }
    for f in &files {
        let outcome = doc(f)["outcome"].as_str().unwrap_or("");
        let want = if f.starts_with("unknown/") {
            "skipped"
        } else if f.starts_with("empty/empty.") || f.starts_with("bomb/") {
            "failed"
        } else {
            continue;
        };
        if outcome != want {
            problems.push(format!("{f}: {outcome} (want {want})"));
        }
    }
    if peak >= GIB {
        let oom: Vec<&str> = by_name
            .iter()
            .filter(|(_, d)| d["error"].as_str().is_some_and(|e| e.contains("memory")))
            .map(|(n, _)| *n)
            .collect();
        problems.push(format!(
            "peak resident size {} MiB is not under 1 GiB (out of memory: {oom:?})",
            peak >> 20
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
