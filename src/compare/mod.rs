//! Comparing municipalities: activities counted by municipality and theme, with their
//! statuses, from an `extract` output folder; and the HTML report.

pub mod palette;
pub mod report;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::normalize::themes::Taxonomy;
use crate::record::{Activity, DocumentRecord, PlanRecord, TrackingRecord};
use crate::vocab::Status;

/// Theme name of the row that counts every activity of a municipality.
pub const ALL: &str = "all";
/// Theme name of the row that counts activities no theme matched.
pub const NONE: &str = "none";

/// One row of `comparison.csv`: a municipality and a theme.
///
/// ```
/// let out = planlift::extract_batch(&["fixtures/word"], &planlift::BatchOptions::default()).unwrap();
/// let c = planlift::compare(&out, planlift::Count::Plans, &planlift::Knowledge::builtin());
/// let all = c.rows.iter().find(|r| r.municipality == "Kalmar" && r.theme == "all").unwrap();
/// assert_eq!(all.share, Some(1.0));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ComparisonRow {
    /// The municipality, without *kommun*/*kommune* (`Kalmar`, `Bærum`).
    pub municipality: String,
    /// Its official code, as text (`0880`).
    pub municipality_code: Option<String>,
    /// ISO 3166-1 alpha-2 (`SE`, `NO`, `DK`, `FI`).
    pub country: Option<String>,
    /// Theme code (`all` for every activity, `none` for those without a theme).
    pub theme: String,
    /// The theme's label.
    pub theme_label: String,
    /// Activities (records) counted.
    pub activities: usize,
    /// Activities done.
    pub done: usize,
    /// Activities in progress.
    pub in_progress: usize,
    /// Activities not started.
    pub not_started: usize,
    /// Activities cancelled.
    pub cancelled: usize,
    /// Activities whose status is unknown.
    pub unknown: usize,
    /// Activities without a status.
    pub no_status: usize,
    /// This theme's share of the municipality's activities (1 for `all`).
    pub share: Option<f64>,
    /// Share `done` among the activities with a status.
    pub share_done: Option<f64>,
    /// The periods of the plans counted (`2016–2020; 2024–2026`).
    pub periods: String,
}

/// One row of `municipalities.csv`: a municipality's plans in numbers.
///
/// ```
/// let out = planlift::extract_batch(&["fixtures/word"], &planlift::BatchOptions::default()).unwrap();
/// let c = planlift::compare(&out, planlift::Count::Plans, &planlift::Knowledge::builtin());
/// assert!(c.municipalities.iter().any(|m| m.municipality == "Kalmar" && m.activities > 0));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MunicipalitySummary {
    /// The municipality, without *kommun*/*kommune* (`Kalmar`, `Bærum`).
    pub municipality: String,
    /// Its official code, as text (`0880`).
    pub municipality_code: Option<String>,
    /// ISO 3166-1 alpha-2 (`SE`, `NO`, `DK`, `FI`).
    pub country: Option<String>,
    /// Documents counted.
    pub documents: usize,
    /// Activities (records) counted.
    pub activities: usize,
    /// Activities with a status.
    pub with_status: usize,
    /// Share of activities with a status.
    pub share_with_status: Option<f64>,
    /// Activities done.
    pub done: usize,
    /// Share `done` among the activities with a status.
    pub share_done: Option<f64>,
}

/// Column names of `comparison.csv`.
pub const COMPARISON_COLUMNS: &[&str] = &[
    "municipality",
    "municipality_code",
    "country",
    "theme",
    "theme_label",
    "activities",
    "done",
    "in_progress",
    "not_started",
    "cancelled",
    "unknown",
    "no_status",
    "share",
    "share_done",
    "periods",
];

/// Column names of `municipalities.csv`.
pub const SUMMARY_COLUMNS: &[&str] = &[
    "municipality",
    "municipality_code",
    "country",
    "documents",
    "activities",
    "with_status",
    "share_with_status",
    "done",
    "share_done",
];

/// The name a record's municipality goes by in the comparison.
pub fn municipality_of(m: &Option<String>) -> String {
    m.clone().unwrap_or_else(|| "(unknown)".into())
}

fn share(n: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| ((n as f64 / of as f64) * 1000.0).round() / 1000.0)
}

/// The activities `compare` counts by plan: those of each plan's representative (not its
/// other renditions, not its follow-ups), with the status of the latest follow-up where
/// the plan has one (`not_reported` counts as no status).
pub fn counted_by_plan(
    activities: &[Activity],
    documents: &[DocumentRecord],
    plans: &[PlanRecord],
    tracking: &[TrackingRecord],
) -> Vec<Activity> {
    let representatives: std::collections::HashSet<(&str, &str)> = documents
        .iter()
        .filter(|d| d.rendition_of.is_none())
        .filter(|d| plans.iter().any(|p| p.representative == d.document_id))
        .map(|d| (d.document_id.as_str(), d.source_file.as_str()))
        .collect();
    let followed: std::collections::HashSet<&str> = plans
        .iter()
        .filter(|p| !p.follow_ups.is_empty())
        .map(|p| p.plan_id.as_str())
        .collect();
    let plan_of: std::collections::HashMap<&str, &str> = plans
        .iter()
        .map(|p| (p.representative.as_str(), p.plan_id.as_str()))
        .collect();
    let status: std::collections::HashMap<(&str, usize), Option<Status>> =
        latest_tracking(tracking)
            .into_iter()
            .map(|(k, t)| {
                let s = t
                    .status
                    .as_deref()
                    .and_then(|s| serde_json::from_value(serde_json::json!(s)).ok());
                (k, s)
            })
            .collect();
    activities
        .iter()
        .filter(|a| representatives.contains(&(a.document_id.as_str(), a.source_file.as_str())))
        .map(|a| {
            let mut a = a.clone();
            if let Some(plan) = plan_of.get(a.document_id.as_str()) {
                if followed.contains(plan) {
                    a.status = status.get(&(*plan, a.record_index)).copied().flatten();
                }
            }
            a
        })
        .collect()
}

/// The tracking row each plan activity's status is taken from (by plan and the plan
/// activity's `record_index`; the last row for an activity wins).
fn latest_tracking(
    tracking: &[TrackingRecord],
) -> std::collections::HashMap<(&str, usize), &TrackingRecord> {
    tracking
        .iter()
        .filter_map(|t| t.plan_activity.map(|i| ((t.plan_id.as_str(), i), t)))
        .collect()
}

/// Where the status of each activity `counted_by_plan` returned was read, when it was
/// read from a follow-up: the report's file and page (or sheet), as the report shows it
/// (`horsens-status-2022.pdf, page 3`); `None` for a status the plan states itself.
pub fn status_sources(
    counted: &[Activity],
    all: &[Activity],
    plans: &[PlanRecord],
    tracking: &[TrackingRecord],
) -> Vec<Option<String>> {
    let followed: std::collections::HashMap<&str, &str> = plans
        .iter()
        .filter(|p| !p.follow_ups.is_empty())
        .map(|p| (p.representative.as_str(), p.plan_id.as_str()))
        .collect();
    let latest = latest_tracking(tracking);
    let by_record: std::collections::HashMap<(&str, usize), &Activity> = all
        .iter()
        .map(|a| ((a.document_id.as_str(), a.record_index), a))
        .collect();
    counted
        .iter()
        .map(|a| {
            let plan = followed.get(a.document_id.as_str())?;
            let t = latest.get(&(*plan, a.record_index))?;
            let r = by_record.get(&(t.report_document_id.as_deref()?, t.report_record_index?))?;
            Some(match (r.page, &r.sheet) {
                (Some(p), _) => format!("{}, page {p}", r.source_file),
                (None, Some(sheet)) => format!("{}, {sheet}", r.source_file),
                (None, None) => r.source_file.clone(),
            })
        })
        .collect()
}

/// The period of every document counted, by municipality (`2016–2020`, `?` unknown).
pub fn periods(activities: &[Activity], documents: &[DocumentRecord]) -> BTreeMap<String, String> {
    let counted: std::collections::HashSet<(&str, &str)> = activities
        .iter()
        .map(|a| (a.document_id.as_str(), a.source_file.as_str()))
        .collect();
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in documents {
        if !counted.contains(&(d.document_id.as_str(), d.source_file.as_str())) {
            continue;
        }
        let p = match (d.plan_period_start, d.plan_period_end) {
            (Some(s), Some(e)) if s != e => format!("{s}–{e}"),
            (Some(y), _) | (None, Some(y)) => y.to_string(),
            (None, None) => "?".into(),
        };
        let list = out.entry(municipality_of(&d.municipality)).or_default();
        if !list.contains(&p) {
            list.push(p);
        }
    }
    out.into_iter()
        .map(|(m, mut ps)| {
            ps.sort();
            (m, ps.join("; "))
        })
        .collect()
}

fn count(row: &mut ComparisonRow, status: Option<Status>) {
    row.activities += 1;
    match status {
        Some(Status::Done) => row.done += 1,
        Some(Status::InProgress) => row.in_progress += 1,
        Some(Status::NotStarted) => row.not_started += 1,
        Some(Status::Cancelled) => row.cancelled += 1,
        Some(Status::Unknown) => row.unknown += 1,
        None => row.no_status += 1,
    }
}

/// Counts activities by municipality and theme: per municipality a row for every theme
/// with activities (taxonomy order), one for activities without a theme, and one for all.
pub fn comparison(
    activities: &[Activity],
    themes: &Taxonomy,
    periods: &BTreeMap<String, String>,
) -> Vec<ComparisonRow> {
    let mut by_municipality: BTreeMap<String, Vec<&Activity>> = BTreeMap::new();
    for a in activities {
        by_municipality
            .entry(municipality_of(&a.municipality))
            .or_default()
            .push(a);
    }
    let mut rows = Vec::new();
    for (name, acts) in by_municipality {
        let code = acts.iter().find_map(|a| a.municipality_code.clone());
        let country = acts.iter().find_map(|a| a.country.clone());
        let mut theme_codes: Vec<(String, String)> = themes
            .themes
            .iter()
            .map(|t| (t.code.clone(), themes.label(&t.code, "en")))
            .collect();
        // Themes a record carries that this taxonomy does not know still get a row.
        for a in &acts {
            for t in &a.themes {
                if !theme_codes.iter().any(|(c, _)| c == t) {
                    theme_codes.push((t.clone(), t.clone()));
                }
            }
        }
        theme_codes.push((NONE.into(), "No theme".into()));
        theme_codes.push((ALL.into(), "All activities".into()));
        for (code_t, label) in theme_codes {
            let mut row = ComparisonRow {
                municipality: name.clone(),
                municipality_code: code.clone(),
                country: country.clone(),
                theme: code_t.clone(),
                theme_label: label,
                ..ComparisonRow::default()
            };
            for a in &acts {
                let member = match code_t.as_str() {
                    ALL => true,
                    NONE => a.themes.is_empty(),
                    t => a.themes.iter().any(|x| x == t),
                };
                if member {
                    count(&mut row, a.status);
                }
            }
            if row.activities > 0 || code_t == ALL {
                rows.push(row);
            }
        }
        let total = acts.len();
        for row in rows.iter_mut().filter(|r| r.municipality == name) {
            row.share = share(row.activities, total);
            row.share_done = share(row.done, row.activities - row.no_status);
            row.periods = periods.get(&name).cloned().unwrap_or_default();
        }
    }
    rows
}

/// One summary per municipality: documents, activities, how many carry a status, how
/// many are done.
pub fn summaries(
    activities: &[Activity],
    documents: &[DocumentRecord],
) -> Vec<MunicipalitySummary> {
    let mut out: BTreeMap<String, MunicipalitySummary> = BTreeMap::new();
    for d in documents.iter().filter(|d| d.outcome != "failed") {
        let name = municipality_of(&d.municipality);
        let s = out
            .entry(name.clone())
            .or_insert_with(|| MunicipalitySummary {
                municipality: name,
                ..Default::default()
            });
        s.documents += 1;
        s.municipality_code = s
            .municipality_code
            .clone()
            .or_else(|| d.municipality_code.clone());
        s.country = s.country.clone().or_else(|| d.country.clone());
    }
    for a in activities {
        let name = municipality_of(&a.municipality);
        let s = out
            .entry(name.clone())
            .or_insert_with(|| MunicipalitySummary {
                municipality: name,
                ..Default::default()
            });
        s.activities += 1;
        if a.status.is_some() {
            s.with_status += 1;
        }
        if a.status == Some(Status::Done) {
            s.done += 1;
        }
    }
    out.into_values()
        .map(|mut s| {
            s.share_with_status = share(s.with_status, s.activities);
            s.share_done = share(s.done, s.with_status);
            s
        })
        .collect()
}
