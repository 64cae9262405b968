//! Activity cells whose first paragraph is a title styled apart from its description —
//! bold (Västerås), italic (Jönköping) — against their truth in the unseen corpus's tune
//! half (fixtures/unseen/truth), in every format the plans were made in. Jönköping's
//! comment column is all in italic and one of its activity cells is italic throughout:
//! neither is split into a title and a description.

mod common;

use common::{diff_records, extract, read_json, records_of, root};
use serde_json::Value;

#[test]
fn titles_styled_apart_are_activities_over_their_implementation() {
    let tune = root().join("fixtures/unseen/tune");
    let truth_dir = root().join("fixtures/unseen/truth");
    let plans = [
        "jonkoping-tillganglighet-2025-2027",
        "vasteras-klimat-atgarder-2025-2027",
    ];
    let renditions = [
        (".docx", ""),
        ("-lo.pdf", "-lo"),
        ("-odf.odt", "-odf"),
        ("-webb.html", "-webb"),
        ("-utskrift.pdf", "-utskrift"),
    ];
    let mut files = Vec::new();
    for plan in plans {
        for (suffix, truth_suffix) in renditions {
            let file = tune.join(format!("{plan}{suffix}"));
            if file.exists() {
                files.push((file, truth_dir.join(format!("{plan}{truth_suffix}.json"))));
            }
        }
    }
    assert!(files.len() >= 9, "{files:?}");
    let inputs: Vec<&std::path::Path> = files.iter().map(|(f, _)| f.as_path()).collect();
    let (out, result) = extract(&inputs, &[]);
    assert_eq!(result.status.code(), Some(0), "{result:?}");
    let acts = read_json(out.path(), "activities.json");
    for (file, truth) in &files {
        let truth: Value = serde_json::from_str(&std::fs::read_to_string(truth).unwrap()).unwrap();
        let name = file.file_name().unwrap().to_str().unwrap();
        let got = records_of(&acts, name);
        let diffs = diff_records(&got, truth["activities"].as_array().unwrap(), &[]);
        assert!(diffs.is_empty(), "{name}:\n{}", diffs.join("\n"));
    }
}
