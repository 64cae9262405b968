//! Keeps the table extractor from sliding back: `planlift tables` over the ICDAR 2013
//! PDFs in ../shared/bench, scored with the competition's adjacency relations exactly as
//! `shared/bench/score_tables.py` does, must stay above a floor a little under the
//! score reached (0.927 when this floor was set).

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::*;
use serde_json::Value;

const FLOOR: f64 = 0.91;

type Cell = (i64, i64, i64, i64, String);

fn norm(t: &str) -> String {
    t.split_whitespace().collect::<String>().to_lowercase()
}

/// The relation multiset of one table (score_tables.py `relations`).
fn relations(cells: &[Cell]) -> HashMap<(String, String, char), usize> {
    let mut occ: HashMap<(i64, i64), usize> = HashMap::new();
    for (i, (r0, c0, r1, c1, _)) in cells.iter().enumerate() {
        for r in *r0..=*r1 {
            for c in *c0..=*c1 {
                occ.insert((r, c), i);
            }
        }
    }
    let mut out = HashMap::new();
    if occ.is_empty() {
        return out;
    }
    let max_r = occ.keys().map(|k| k.0).max().unwrap();
    let max_c = occ.keys().map(|k| k.1).max().unwrap();
    let mut rel = std::collections::HashSet::new();
    for (i, (r0, c0, r1, c1, t)) in cells.iter().enumerate() {
        if norm(t).is_empty() {
            continue;
        }
        for r in *r0..=*r1 {
            let mut c = c1 + 1;
            while c <= max_c {
                if let Some(&j) = occ.get(&(r, c)) {
                    if j != i && !norm(&cells[j].4).is_empty() {
                        rel.insert((i, j, 'h'));
                        break;
                    }
                }
                c += 1;
            }
        }
        for c in *c0..=*c1 {
            let mut r = r1 + 1;
            while r <= max_r {
                if let Some(&j) = occ.get(&(r, c)) {
                    if j != i && !norm(&cells[j].4).is_empty() {
                        rel.insert((i, j, 'v'));
                        break;
                    }
                }
                r += 1;
            }
        }
    }
    for (i, j, d) in rel {
        *out.entry((norm(&cells[i].4), norm(&cells[j].4), d))
            .or_insert(0) += 1;
    }
    out
}

fn tables(path: &Path, truth: bool) -> Vec<Vec<Cell>> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let v: Value = serde_json::from_str(&text).unwrap();
    v["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            t["cells"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    let (r, col) = (c["row"].as_i64().unwrap(), c["col"].as_i64().unwrap());
                    let (r1, c1) = if truth {
                        (
                            c["end_row"].as_i64().unwrap_or(r),
                            c["end_col"].as_i64().unwrap_or(col),
                        )
                    } else {
                        (
                            r + c["row_span"].as_i64().unwrap_or(1).max(1) - 1,
                            col + c["col_span"].as_i64().unwrap_or(1).max(1) - 1,
                        )
                    };
                    (r, col, r1, c1, c["text"].as_str().unwrap_or("").to_string())
                })
                .collect()
        })
        .collect()
}

fn shared(
    counts_a: &HashMap<(String, String, char), usize>,
    counts_b: &HashMap<(String, String, char), usize>,
) -> usize {
    counts_a
        .iter()
        .map(|(k, n)| (*n).min(*counts_b.get(k).unwrap_or(&0)))
        .sum()
}

#[test]
fn icdar_2013_relation_f1_stays_above_the_floor() {
    let bench = root().join("../shared/bench/icdar2013");
    if !bench.is_dir() {
        eprintln!(
            "skipped: the ICDAR 2013 benchmark is not at {} (it lives in ../shared beside the project)",
            bench.display()
        );
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let run = planlift(&[
        "tables",
        bench.to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(&bench)
        .unwrap()
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".expected.json")
                .map(String::from)
        })
        .collect();
    names.sort();
    assert_eq!(names.len(), 67);
    let (mut tp_all, mut exp_all, mut pred_all) = (0usize, 0usize, 0usize);
    for name in &names {
        let expected: Vec<_> = tables(&bench.join(format!("{name}.expected.json")), true)
            .iter()
            .map(|t| relations(t))
            .collect();
        let predicted: Vec<_> = tables(&out.path().join(format!("{name}.tables.json")), false)
            .iter()
            .map(|t| relations(t))
            .collect();
        let mut used = std::collections::HashSet::new();
        for t in &expected {
            let mut best = (0, None);
            for (j, p) in predicted.iter().enumerate() {
                if used.contains(&j) {
                    continue;
                }
                let s = shared(t, p);
                if s > best.0 {
                    best = (s, Some(j));
                }
            }
            exp_all += t.values().sum::<usize>();
            if let (s, Some(j)) = best {
                used.insert(j);
                tp_all += s;
                pred_all += predicted[j].values().sum::<usize>();
            }
        }
        pred_all += (0..predicted.len())
            .filter(|j| !used.contains(j))
            .map(|j| predicted[j].values().sum::<usize>())
            .sum::<usize>();
    }
    let precision = tp_all as f64 / pred_all.max(1) as f64;
    let recall = tp_all as f64 / exp_all.max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall);
    eprintln!("ICDAR 2013 relations: precision {precision:.3} recall {recall:.3} F1 {f1:.3}");
    assert!(f1 >= FLOOR, "relation F1 {f1:.3} fell below {FLOOR}");
}
