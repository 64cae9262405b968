//! `planlift compare` over the extraction of the fixtures: rows for every municipality
//! whose counts add up to the activities, a self-contained report, checked in a real
//! browser (headless Chromium) where one is installed — always in CI.

mod common;

use std::collections::BTreeMap;

use common::*;
use serde_json::Value;

/// Extracts the fixtures and compares them counting every file (`--count documents`), so
/// that the comparison adds up to activities.json.
fn extract_and_compare() -> (tempfile::TempDir, tempfile::TempDir, Value, Value) {
    extract_and_compare_by("documents")
}

fn extract_and_compare_by(count: &str) -> (tempfile::TempDir, tempfile::TempDir, Value, Value) {
    let (out, run) = extract(&[&root().join("fixtures")], &[]);
    assert_eq!(run.status.code(), Some(0));
    let cmp = tempfile::tempdir().unwrap();
    let run = planlift(&[
        "compare",
        out.path().to_str().unwrap(),
        "-o",
        cmp.path().to_str().unwrap(),
        "--count",
        count,
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let acts = read_json(out.path(), "activities.json");
    let rows = read_json(cmp.path(), "comparison.json");
    (out, cmp, acts, rows)
}

#[test]
fn comparison_rows_add_up_to_the_activities() {
    let (_out, cmp, acts, rows) = extract_and_compare();
    let mut per_municipality: BTreeMap<String, usize> = BTreeMap::new();
    for a in acts.as_array().unwrap() {
        let m = a["municipality"]
            .as_str()
            .unwrap_or("(unknown)")
            .to_string();
        *per_municipality.entry(m).or_default() += 1;
    }
    for m in ["Kalmar", "Bærum", "Katrineholm", "Söderhamn"] {
        assert!(per_municipality.contains_key(m), "{m} in the fixtures");
    }
    let rows = rows.as_array().unwrap();
    for (m, n) in &per_municipality {
        let all = rows
            .iter()
            .find(|r| r["municipality"] == m.as_str() && r["theme"] == "all")
            .unwrap_or_else(|| panic!("{m}"));
        assert_eq!(all["activities"].as_u64().unwrap() as usize, *n, "{m}");
        // Each theme row counts the activities carrying that theme.
        for r in rows.iter().filter(|r| {
            r["municipality"] == m.as_str() && r["theme"] != "all" && r["theme"] != "none"
        }) {
            let theme = r["theme"].as_str().unwrap();
            let expected = acts
                .as_array()
                .unwrap()
                .iter()
                .filter(|a| a["municipality"].as_str().unwrap_or("(unknown)") == m)
                .filter(|a| a["themes"].as_array().unwrap().iter().any(|t| t == theme))
                .count();
            assert_eq!(
                r["activities"].as_u64().unwrap() as usize,
                expected,
                "{m} {theme}"
            );
        }
    }
    for r in rows {
        let statuses: u64 = [
            "done",
            "in_progress",
            "not_started",
            "cancelled",
            "unknown",
            "no_status",
        ]
        .iter()
        .map(|k| r[*k].as_u64().unwrap())
        .sum();
        assert_eq!(
            statuses,
            r["activities"].as_u64().unwrap(),
            "statuses add up in {r}"
        );
    }
    let baerum_done = rows
        .iter()
        .find(|r| r["municipality"] == "Bærum" && r["theme"] == "all")
        .unwrap()["done"]
        .as_u64();
    assert!(baerum_done.unwrap() > 0);
    let csv_rows = csv::Reader::from_path(cmp.path().join("comparison.csv"))
        .unwrap()
        .records()
        .count();
    assert_eq!(csv_rows, rows.len());
    let summaries = read_json(cmp.path(), "municipalities.json");
    let kalmar = summaries
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["municipality"] == "Kalmar")
        .unwrap();
    assert_eq!(kalmar["with_status"], 0, "Kalmar's plan reports no status");
}

#[test]
fn each_plan_is_counted_once_with_the_status_of_its_latest_follow_up() {
    let (_out, _cmp, _acts, rows) = extract_and_compare_by("plans");
    let all = |m: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["municipality"] == m && r["theme"] == "all")
            .unwrap_or_else(|| panic!("{m}"))
            .clone()
    };
    // Bærum's report is in the fixtures five times, Kalmar's plan three times.
    assert_eq!(all("Bærum")["activities"], 23);
    assert_eq!(all("Kalmar")["activities"], 22);
    assert_eq!(all("Kalmar")["periods"], "2016–2020");
    // Horsens' climate plan states no status; its follow-up does (fixtures/plans/
    // truth.json). Two more plans of Horsens are in the fixtures, each counted once and
    // neither stating a status: the school plan of fixtures/blind8 (11) and the inclusion
    // plan of fixtures/blind9 (9).
    let horsens = all("Horsens");
    assert_eq!(horsens["activities"], 8 + 11 + 9);
    assert_eq!(horsens["no_status"], 11 + 9);
    assert_eq!(horsens["done"], 3);
    assert_eq!(horsens["share"], 1.0);
    assert_eq!(horsens["share_done"], 0.375);
}

/// The activities embedded in a report (`[municipality, id, text, status, file, page,
/// themes, status from]`, dictionaries beside them).
fn report_data(dir: &std::path::Path) -> Value {
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    let start = html
        .find("<script type=\"application/json\" id=\"report-data\">")
        .unwrap();
    let json = &html[start..];
    let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
    serde_json::from_str(json).unwrap()
}

/// A status taken from a follow-up says where it was read: Horsens' plan states none,
/// its status report does.
#[test]
fn report_names_the_follow_up_a_status_was_read_from() {
    let (_out, cmp, _acts, _rows) = extract_and_compare_by("plans");
    let data = report_data(cmp.path());
    let horsens = data["municipalities"]
        .as_array()
        .unwrap()
        .iter()
        .position(|m| m == "Horsens")
        .unwrap();
    // The activities of Horsens whose status a follow-up gave: the climate plan's (its
    // other plans in the fixtures have no follow-up).
    let rows: Vec<&Value> = data["activities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a[0] == horsens && !a[7].is_null())
        .collect();
    assert_eq!(rows.len(), 8);
    for a in rows {
        let file = &data["files"][a[4].as_u64().unwrap() as usize];
        assert!(
            file.as_str().unwrap().contains("horsens-klima-2020"),
            "{file}"
        );
        assert!(
            a[7].as_str().is_some_and(|f| f.contains("statusrapport")),
            "{a}"
        );
    }
}

#[test]
fn report_is_self_contained() {
    let (_out, cmp, acts, _) = extract_and_compare();
    let html = std::fs::read_to_string(cmp.path().join("report.html")).unwrap();
    for needle in [
        "src=\"http",
        "href=\"http",
        "src='http",
        "@import",
        "url(http",
    ] {
        assert!(
            !html.contains(needle),
            "the report loads nothing from the network ({needle})"
        );
    }
    assert!(html.contains("<table id=\"heatmap\"") && html.contains("<table id=\"statuses\""));
    // The activities behind the counts travel inside the page, one entry each.
    let data = report_data(cmp.path());
    assert_eq!(
        data["activities"].as_array().unwrap().len(),
        acts.as_array().unwrap().len()
    );
    assert!(!html.contains("<script src"), "no external script");
}

#[test]
fn report_renders_and_filters_in_headless_chromium() {
    let profile = tempfile::tempdir().unwrap();
    let Some(mut browser) = common::headless_chromium(profile.path()) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Chromium installed (.ci/run installs it)"
        );
        eprintln!("skipped: no Chromium on this machine (CI installs it)");
        return;
    };
    let (_out, cmp, acts, _) = extract_and_compare();
    let kalmar = acts
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["municipality"] == "Kalmar")
        .count();
    let url = format!(
        "file://{}#municipality=Kalmar",
        cmp.path().join("report.html").display()
    );
    let out = browser
        .arg("--virtual-time-budget=3000")
        .args(["--dump-dom", &url])
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("id=\"heatmap\""),
        "the heat map is in the rendered page"
    );
    assert!(
        dom.matches("class=\"count").count() >= 4 * 5,
        "every count is a button"
    );
    assert!(
        dom.matches("fill=\"url(#pat-").count() >= 4 * 2,
        "status bars"
    );
    // The script ran: it read the view from the URL, listed Kalmar's activities and said
    // how many.
    assert!(
        dom.contains(&format!(
            "data-shown=\"{kalmar}\" data-rendered=\"{kalmar}\""
        )),
        "filter applied: {kalmar} Kalmar rows"
    );
    assert!(dom.contains(&format!(
        "{kalmar} activities — Kalmar · all themes · any status"
    )));
    assert_eq!(
        dom.matches("<td data-label=\"Municipality\">Kalmar</td>")
            .count(),
        kalmar
    );
}
