//! Goal-assessment tables of follow-up exports (`Nämndmål | Bedömning`, `Hovedmål |
//! Vurdering`, the assessment a coloured icon): their rows are goals in goals.json, each
//! with its number, text and assessed status, in every rendition (Word, ODT, tagged and
//! untagged PDF); truth in fixtures/unseen/truth, written before the documents
//! (fixtures/make/make_assessments.py).

mod common;

use common::root;
use serde_json::Value;

/// Whether two `#RRGGBB` colours are the same up to a lossy image's rounding.
fn near(a: &str, b: &str) -> bool {
    let rgb = |s: &str| -> Option<Vec<i32>> {
        let s = s.strip_prefix('#')?;
        (0..3)
            .map(|i| i32::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok())
            .collect()
    };
    match (rgb(a), rgb(b)) {
        (Some(x), Some(y)) => x.iter().zip(&y).all(|(p, q)| (p - q).abs() <= 4),
        _ => a == b,
    }
}

#[test]
fn goal_assessments_are_goals_with_their_status() {
    let truth_dir = root().join("fixtures/unseen/truth");
    let mut checked = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&truth_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let truth: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let Some(goals) = truth["goals"].as_array() else {
            continue;
        };
        let doc = root()
            .join("fixtures/unseen")
            .join(truth["document"].as_str().unwrap());
        let e = planlift::extract_path(
            "plan",
            &doc,
            &planlift::Overrides::default(),
            &planlift::Knowledge::builtin(),
        );
        let name = doc.display();
        assert_eq!(e.goals.len(), goals.len(), "{name}: {:?}", e.goals);
        for (got, want) in e.goals.iter().zip(goals) {
            assert_eq!(got.goal_id.as_deref(), want["goal_id"].as_str(), "{name}");
            assert_eq!(got.goal, want["goal"].as_str().unwrap(), "{name}");
            let status = serde_json::to_value(got.status).unwrap();
            assert_eq!(status, want["status"], "{name}: {}", got.goal);
            let raw = got.status_raw.as_deref().unwrap_or("");
            assert!(
                near(raw, want["status_raw"].as_str().unwrap()),
                "{name}: {raw}"
            );
        }
        checked += 1;
    }
    assert!(
        checked >= 8,
        "only {checked} documents with goal assessments"
    );
}
