//! Batches across machines: `extract --shard K/N` takes the K-th of N balanced shares,
//! and `merge` combines the shards' outputs into the folder one run writes, byte for byte.

mod common;

use std::process::Command;

use common::*;

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

#[test]
fn three_shards_merge_into_one_run_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let fixtures = root().join("fixtures");
    let fixtures = fixtures.to_str().unwrap();
    // The shards run as separate processes at once, as on three machines.
    let shards: Vec<std::path::PathBuf> =
        (1..=3).map(|k| tmp.path().join(format!("s{k}"))).collect();
    let children: Vec<_> = shards
        .iter()
        .enumerate()
        .map(|(k, dir)| {
            Command::new(env!("CARGO_BIN_EXE_planlift"))
                .args([
                    "extract", fixtures, "--format", "all", "--quiet", "--jobs", "1",
                ])
                .arg("--shard")
                .arg(format!("{}/3", k + 1))
                .arg("-o")
                .arg(dir)
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().code().unwrap() <= 1);
    }
    let one = tmp.path().join("one");
    let status = Command::new(env!("CARGO_BIN_EXE_planlift"))
        .args(["extract", fixtures, "--format", "all", "--quiet", "-o"])
        .arg(&one)
        .status()
        .unwrap();
    assert!(status.code().unwrap() <= 1);

    // Every document in exactly one shard, the shares about equal in bytes.
    let mut all = Vec::new();
    let mut loads = Vec::new();
    for dir in &shards {
        let docs = read_json(dir, "documents.json");
        let docs = docs.as_array().unwrap();
        assert!(!docs.is_empty());
        loads.push(
            docs.iter()
                .map(|d| d["bytes"].as_u64().unwrap())
                .sum::<u64>(),
        );
        all.extend(
            docs.iter()
                .map(|d| d["source_file"].as_str().unwrap().to_string()),
        );
    }
    let total = read_json(&one, "documents.json").as_array().unwrap().len();
    all.sort();
    all.dedup();
    assert_eq!(
        all.len(),
        total,
        "the shares cover the batch without overlap"
    );
    let (min, max) = (loads.iter().min().unwrap(), loads.iter().max().unwrap());
    assert!(
        *max as f64 <= *min as f64 * 1.2,
        "balanced shares: {loads:?}"
    );

    let merged = tmp.path().join("merged");
    let mut args: Vec<String> = vec!["merge".into()];
    args.extend(shards.iter().map(|s| s.display().to_string()));
    args.extend(["--format", "all", "--quiet", "-o"].map(String::from));
    args.push(merged.display().to_string());
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = planlift(&refs);
    assert!(out.status.code().unwrap() <= 1, "{out:?}");
    assert_eq!(names(&merged), names(&one));
    for name in names(&one) {
        let a = std::fs::read(one.join(&name)).unwrap();
        let b = std::fs::read(merged.join(&name)).unwrap();
        assert!(a == b, "{name} differs between the merge and one run");
    }

    // A shard given twice is refused.
    let twice = planlift(&[
        "merge",
        shards[0].to_str().unwrap(),
        shards[0].to_str().unwrap(),
        "-o",
        tmp.path().join("bad").to_str().unwrap(),
    ]);
    assert_eq!(twice.status.code(), Some(2));
}
