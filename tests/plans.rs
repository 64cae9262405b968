//! Plans and tracking against the truth of fixtures/plans (truth.json, written before
//! the documents): every plan grouped right (renditions and follow-ups), the links of
//! plan activities to report records (F1), and the status of the linked pairs.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use common::*;
use serde_json::Value;

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

struct Run {
    truth: Value,
    documents: Vec<Value>,
    plans: Vec<Value>,
    tracking: Vec<Value>,
    /// (document_id, record_index) → activity text.
    texts: HashMap<(String, u64), String>,
    _dir: tempfile::TempDir,
}

fn run() -> Run {
    let fixtures = root().join("fixtures/plans");
    let (dir, out) = extract(&[&fixtures], &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures.join("truth.json")).unwrap())
            .unwrap();
    let arr = |name: &str| read_json(dir.path(), name).as_array().unwrap().clone();
    let texts = arr("activities.json")
        .iter()
        .map(|a| {
            (
                (
                    a["document_id"].as_str().unwrap().to_string(),
                    a["record_index"].as_u64().unwrap(),
                ),
                norm(a["activity"].as_str().unwrap()),
            )
        })
        .collect();
    Run {
        truth,
        documents: arr("documents.json"),
        plans: arr("plans.json"),
        tracking: arr("tracking.json"),
        texts,
        _dir: dir,
    }
}

impl Run {
    fn file_of(&self, id: &str) -> String {
        self.documents
            .iter()
            .find(|d| d["document_id"] == id)
            .map(|d| d["source_file"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("document {id}"))
    }

    fn id_of(&self, file: &str) -> String {
        self.documents
            .iter()
            .find(|d| d["source_file"] == file)
            .map(|d| d["document_id"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("file {file}"))
    }

    fn files(&self, ids: &Value) -> BTreeSet<String> {
        ids.as_array()
            .unwrap()
            .iter()
            .map(|i| self.file_of(i.as_str().unwrap()))
            .collect()
    }
}

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// Expected links of a plan: plan activity index → (report file, record index, status),
/// from the latest report (by its year) whose records follow the activity.
fn expected_links(truth: &Value, plan_key: &str) -> BTreeMap<usize, (String, usize, String)> {
    let mut reports: Vec<(&String, &Value)> = truth["reports"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, r)| r["plan"] == plan_key)
        .collect();
    reports.sort_by_key(|(_, r)| r["year"].as_i64());
    let mut out = BTreeMap::new();
    for (file, r) in reports {
        for (j, rec) in r["records"].as_array().unwrap().iter().enumerate() {
            if let Some(i) = rec["follows"].as_u64() {
                out.insert(
                    i as usize,
                    (file.clone(), j, rec["status"].as_str().unwrap().to_string()),
                );
            }
        }
    }
    out
}

#[test]
fn plans_are_grouped_and_followed_up_as_the_truth_says() {
    let r = run();
    let mut wrong = Vec::new();
    for (key, plan) in r.truth["plans"].as_object().unwrap() {
        let first = plan["renditions"][0].as_str().unwrap();
        let id = r.id_of(first);
        let found = r.plans.iter().find(|p| {
            p["documents"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d == id.as_str())
        });
        let Some(found) = found else {
            wrong.push(format!("{key}: no plan holds {first}"));
            continue;
        };
        if r.files(&found["documents"]) != strings(&plan["renditions"]) {
            wrong.push(format!(
                "{key}: renditions {:?}",
                r.files(&found["documents"])
            ));
        }
        if r.files(&found["follow_ups"]) != strings(&plan["follow_ups"]) {
            wrong.push(format!(
                "{key}: follow-ups {:?}",
                r.files(&found["follow_ups"])
            ));
        }
        for d in r.documents.iter().filter(|d| {
            plan["follow_ups"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f == &d["source_file"])
        }) {
            if d["plan_id"] != found["plan_id"] || !d["rendition_of"].is_null() {
                wrong.push(format!("{key}: follow-up {} not marked", d["source_file"]));
            }
        }
    }
    let truth_plans = r.truth["plans"].as_object().unwrap().len();
    eprintln!(
        "plans: {} of {truth_plans} grouped right",
        truth_plans - wrong.len()
    );
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert_eq!(r.plans.len(), truth_plans, "one plan per truth plan");
}

#[test]
fn tracking_links_plan_activities_to_report_records() {
    let r = run();
    let (mut tp, mut predicted, mut expected_n) = (0usize, 0usize, 0usize);
    let (mut status_right, mut misses) = (0usize, Vec::new());
    for (key, plan) in r.truth["plans"].as_object().unwrap() {
        if plan["follow_ups"].as_array().unwrap().is_empty() {
            continue;
        }
        let expected = expected_links(&r.truth, key);
        expected_n += expected.len();
        let plan_texts: Vec<String> = plan["activities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| norm(a["text"].as_str().unwrap()))
            .collect();
        let rep = r
            .plans
            .iter()
            .find(|p| {
                p["documents"].as_array().unwrap().iter().any(|d| {
                    d.as_str().unwrap() == r.id_of(plan["renditions"][0].as_str().unwrap())
                })
            })
            .expect("plan found")["representative"]
            .as_str()
            .unwrap()
            .to_string();
        let plan_id = r
            .plans
            .iter()
            .find(|p| p["representative"] == rep.as_str())
            .unwrap()["plan_id"]
            .clone();
        for row in r
            .tracking
            .iter()
            .filter(|t| t["link"] == "matched" && t["plan_id"] == plan_id)
        {
            predicted += 1;
            let pa = row["plan_activity"].as_u64().unwrap();
            let text = &r.texts[&(rep.clone(), pa)];
            let i = plan_texts
                .iter()
                .position(|t| t == text)
                .expect("plan activity in truth");
            let report_id = row["report_document_id"].as_str().unwrap().to_string();
            let report_file = r.file_of(&report_id);
            let rec_text = &r.texts[&(report_id, row["report_record_index"].as_u64().unwrap())];
            let j = r.truth["reports"][&report_file]["records"]
                .as_array()
                .unwrap()
                .iter()
                .position(|x| &norm(x["text"].as_str().unwrap()) == rec_text)
                .expect("report record in truth");
            match expected.get(&i) {
                Some((f, jj, status)) if *f == report_file && *jj == j => {
                    tp += 1;
                    if row["status"] == status.as_str() {
                        status_right += 1;
                    } else {
                        misses.push(format!("{key} #{i}: status {} not {status}", row["status"]));
                    }
                }
                _ => misses.push(format!(
                    "{key} #{i}: linked to {report_file} #{j}, truth {:?}",
                    expected.get(&i)
                )),
            }
        }
    }
    let precision = tp as f64 / predicted.max(1) as f64;
    let recall = tp as f64 / expected_n.max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE);
    let status = status_right as f64 / tp.max(1) as f64;
    eprintln!(
        "links: {tp} right of {predicted} predicted, {expected_n} expected: P {precision:.3} R {recall:.3} F1 {f1:.3}; status right {status:.3}"
    );
    assert!(f1 >= 0.95, "link F1 {f1:.3}: {misses:#?}");
    assert!(status >= 0.97, "status {status:.3}: {misses:#?}");
}
