//! Theme tagging measured on the activities of the truth plans, labelled by hand
//! (tests/data/themes-labelled.json): precision and recall over all theme assignments.

mod common;

use common::*;
use serde_json::Value;

/// Which extracted document stands for each labelled truth file.
const SOURCES: &[(&str, &str)] = &[
    (
        "kalmar-2016-2020.json",
        "word/kalmar-handlingsplan-2016-2020.docx",
    ),
    ("baerum-status-2020.json", "pdf/baerum-status-2020.pdf"),
    ("katrineholm-2020.json", "sheets/katrineholm-2020.xlsx"),
    ("soderhamn-2016.json", "sheets/soderhamn-2016.ods"),
];

#[test]
fn tagging_reaches_the_precision_and_recall_floors() {
    let (dir, out) = extract(&[&root().join("fixtures")], &[]);
    assert_eq!(out.status.code(), Some(0));
    let acts = read_json(dir.path(), "activities.json");
    let labelled: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/themes-labelled.json")).unwrap(),
    )
    .unwrap();
    let (mut tp, mut fp, mut fn_, mut n) = (0usize, 0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for (truth_file, source) in SOURCES {
        let expected = labelled["labels"][truth_file].as_array().unwrap();
        let got = records_of(&acts, source);
        assert_eq!(got.len(), expected.len(), "{source}");
        for (i, (g, e)) in got.iter().zip(expected).enumerate() {
            n += 1;
            let got: Vec<&str> = g["themes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap())
                .collect();
            let want: Vec<&str> = e
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap())
                .collect();
            tp += got.iter().filter(|t| want.contains(t)).count();
            fp += got.iter().filter(|t| !want.contains(t)).count();
            fn_ += want.iter().filter(|t| !got.contains(t)).count();
            if got != want {
                misses.push(format!(
                    "{source} #{}: got {got:?}, labelled {want:?}",
                    i + 1
                ));
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    eprintln!(
        "themes on {n} activities: precision {precision:.3}, recall {recall:.3}\n{}",
        misses.join("\n")
    );
    assert!(n >= 40);
    assert!(precision >= 0.85, "precision {precision:.3}");
    assert!(recall >= 0.80, "recall {recall:.3}");
}
