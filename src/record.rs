//! The output records of the contract (SPEC.md): activities, documents, goals. Field
//! order here is the column order of the CSV files.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::vocab::Status;

/// One activity (SPEC.md, "Activity record").
///
/// ```
/// let out = planlift::extract_batch(&["fixtures/word"], &planlift::BatchOptions::default()).unwrap();
/// let a = &out.activities[0];
/// assert!(!a.activity.is_empty() && a.record_index == 1);
/// println!("{}", serde_json::to_string(a).unwrap());  // as activities.json holds it
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    /// First 16 hex digits of the SHA-256 of the file's bytes.
    pub document_id: String,
    /// Path relative to the input argument that reached the file (the file name for a file argument).
    pub source_file: String,
    /// `docx`, `odt`, `pdf`, `xlsx`, `xls`, `ods`, `html`, `md` or `txt`.
    pub source_format: String,
    /// The municipality, without *kommun*/*kommune* (`Kalmar`, `Bærum`).
    pub municipality: Option<String>,
    /// Its official code, as text (`0880`).
    pub municipality_code: Option<String>,
    /// ISO 3166-1 alpha-2 (`SE`, `NO`, `DK`, `FI`).
    pub country: Option<String>,
    /// ISO 639-1 (`sv`, `nb`, `nn`, `da`, `en`).
    pub language: Option<String>,
    /// The plan's title.
    pub document_title: Option<String>,
    /// 1-based position of the record in its document.
    pub record_index: usize,
    /// The period as written: the row's own timeframe, else the period heading above its table.
    pub period_label: Option<String>,
    /// First year of the period.
    pub period_start: Option<i32>,
    /// Last year of the period.
    pub period_end: Option<i32>,
    /// Number of the goal the record sits under.
    pub goal_id: Option<String>,
    /// Text of the goal the record sits under.
    pub goal: Option<String>,
    /// Number of the area the record sits under.
    pub area_id: Option<String>,
    /// Text of the area the record sits under.
    pub area: Option<String>,
    /// The record's own number as printed, tidied (`4. 2` → `4.2`).
    pub activity_id: Option<String>,
    /// What is to be done; never empty.
    pub activity: String,
    /// How: the text after *Genomförande:* and the like.
    pub implementation: Option<String>,
    /// Responsible units, split.
    pub responsible: Vec<String>,
    /// The responsible cell as written.
    pub responsible_raw: Option<String>,
    /// The status, where the document reports one.
    pub status: Option<Status>,
    /// The status as found: its words, or its colour as `#RRGGBB`.
    pub status_raw: Option<String>,
    /// Comment cell, one bullet or paragraph per line.
    pub comment: Option<String>,
    /// Follow-up or indicator cell.
    pub follow_up: Option<String>,
    /// Cost or budget cell.
    pub cost: Option<String>,
    /// Texts of the footnotes the record's cells point to.
    pub notes: Vec<String>,
    /// Theme codes from the taxonomy.
    pub themes: Vec<String>,
    /// Every other column of the source row, header → text.
    pub extra: Map<String, Value>,
    /// 1-based page where the record starts.
    pub page: Option<u32>,
    /// Sheet name (spreadsheets).
    pub sheet: Option<String>,
    /// 1-based table within the document.
    pub table_index: usize,
    /// 1-based row within that table where the record starts.
    pub row_index: usize,
}

/// One input file (SPEC.md, "Document record").
///
/// ```
/// let out = planlift::extract_batch(&["fixtures/word"], &planlift::BatchOptions::default()).unwrap();
/// let d = &out.documents[0];
/// assert_eq!((d.outcome.as_str(), d.sha256.len()), ("ok", 64));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// First 16 hex digits of the SHA-256 of the file's bytes.
    pub document_id: String,
    /// Path relative to the input argument that reached the file (the file name for a file argument).
    pub source_file: String,
    /// `docx`, `odt`, `pdf`, `xlsx`, `xls`, `ods`, `html`, `md` or `txt`.
    pub source_format: String,
    /// File size.
    pub bytes: u64,
    /// Full hex digest of the file's bytes.
    pub sha256: String,
    /// The municipality, without *kommun*/*kommune* (`Kalmar`, `Bærum`).
    pub municipality: Option<String>,
    /// Its official code, as text (`0880`).
    pub municipality_code: Option<String>,
    /// ISO 3166-1 alpha-2 (`SE`, `NO`, `DK`, `FI`).
    pub country: Option<String>,
    /// ISO 639-1 (`sv`, `nb`, `nn`, `da`, `en`).
    pub language: Option<String>,
    /// The plan's title.
    pub document_title: Option<String>,
    /// `action_plan`, `status_report`, `strategy` or `other`.
    pub document_kind: String,
    /// First year of the plan's own period.
    pub plan_period_start: Option<i32>,
    /// Last year of the plan's own period.
    pub plan_period_end: Option<i32>,
    /// Page count where the format has pages.
    pub pages: Option<u32>,
    /// Tables found.
    pub tables: usize,
    /// Activities (records) counted.
    pub activities: usize,
    /// `ok`, `no_activities`, `failed` or `skipped`.
    pub outcome: String,
    /// Why it failed or was skipped, one line.
    pub error: Option<String>,
    /// What was odd but survived.
    pub warnings: Vec<String>,
    /// The plan this document belongs to (a rendition or a follow-up of it); null for
    /// failed and skipped files.
    #[serde(default)]
    pub plan_id: Option<String>,
    /// The `document_id` of the rendition that represents the plan, or null when this
    /// document is that representative (or a follow-up).
    #[serde(default)]
    pub rendition_of: Option<String>,
}

/// One goal a document states.
///
/// ```
/// let out = planlift::extract_batch(&["fixtures/pdf/baerum-status-2020.pdf"], &planlift::BatchOptions::default()).unwrap();
/// let ids: Vec<_> = out.goals.iter().filter_map(|g| g.goal_id.as_deref()).collect();
/// assert_eq!(ids, ["1", "2"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GoalRecord {
    /// First 16 hex digits of the SHA-256 of the file's bytes.
    pub document_id: String,
    /// Path relative to the input argument that reached the file (the file name for a file argument).
    pub source_file: String,
    /// The municipality, without *kommun*/*kommune* (`Kalmar`, `Bærum`).
    pub municipality: Option<String>,
    /// Number of the goal the record sits under.
    pub goal_id: Option<String>,
    /// Text of the goal the record sits under.
    pub goal: String,
    /// The goal's assessed status, where the document assesses it (a follow-up's
    /// `Bedömning`, `Vurdering`: a word or a coloured sign, read as an activity's status).
    #[serde(default)]
    pub status: Option<Status>,
    /// The assessment as found: its words, or its colour as `#RRGGBB`.
    #[serde(default)]
    pub status_raw: Option<String>,
}

/// Column names of `activities.csv`, in order.
pub const ACTIVITY_COLUMNS: &[&str] = &[
    "document_id",
    "source_file",
    "source_format",
    "municipality",
    "municipality_code",
    "country",
    "language",
    "document_title",
    "record_index",
    "period_label",
    "period_start",
    "period_end",
    "goal_id",
    "goal",
    "area_id",
    "area",
    "activity_id",
    "activity",
    "implementation",
    "responsible",
    "responsible_raw",
    "status",
    "status_raw",
    "comment",
    "follow_up",
    "cost",
    "notes",
    "themes",
    "extra",
    "page",
    "sheet",
    "table_index",
    "row_index",
];

/// Column names of `documents.csv`, in order.
pub const DOCUMENT_COLUMNS: &[&str] = &[
    "document_id",
    "source_file",
    "source_format",
    "bytes",
    "sha256",
    "municipality",
    "municipality_code",
    "country",
    "language",
    "document_title",
    "document_kind",
    "plan_period_start",
    "plan_period_end",
    "pages",
    "tables",
    "activities",
    "outcome",
    "error",
    "warnings",
    "plan_id",
    "rendition_of",
];

/// Column names of `goals.csv`, in order.
pub const GOAL_COLUMNS: &[&str] = &[
    "document_id",
    "source_file",
    "municipality",
    "goal_id",
    "goal",
    "status",
    "status_raw",
];

/// One plan, whatever the number of files it came in.
///
/// ```
/// let out = planlift::extract_batch(&["fixtures/plans"], &planlift::BatchOptions::default()).unwrap();
/// assert!(out.plans.iter().any(|p| !p.follow_ups.is_empty()));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanRecord {
    /// The plan the document belongs to.
    pub plan_id: String,
    /// The municipality, without *kommun*/*kommune* (`Kalmar`, `Bærum`).
    pub municipality: Option<String>,
    /// Its official code, as text (`0880`).
    pub municipality_code: Option<String>,
    /// ISO 3166-1 alpha-2 (`SE`, `NO`, `DK`, `FI`).
    pub country: Option<String>,
    /// The plan's title.
    pub document_title: Option<String>,
    /// `action_plan`, `status_report`, `strategy` or `other`.
    pub document_kind: String,
    /// First year of the plan's own period.
    pub plan_period_start: Option<i32>,
    /// Last year of the plan's own period.
    pub plan_period_end: Option<i32>,
    /// The renditions (`document_id`s), representative first.
    pub documents: Vec<String>,
    /// Follow-up reports (`document_id`s), oldest first.
    pub follow_ups: Vec<String>,
    /// The rendition that represents the plan.
    pub representative: String,
    /// Activities in the representative.
    pub activities: usize,
}

/// A plan activity and the report record that follows it up.
///
/// SPEC.md, "Plans and tracking"; a report record that follows up no plan activity has
/// `plan_activity` null.
///
/// ```
/// let out = planlift::extract_batch(&["fixtures/plans"], &planlift::BatchOptions::default()).unwrap();
/// assert!(out.tracking.iter().any(|t| t.link == "matched" && t.match_score.is_some()));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TrackingRecord {
    /// The plan the document belongs to.
    pub plan_id: String,
    /// The plan activity's `record_index` in the representative.
    pub plan_activity: Option<usize>,
    /// The record's own number as printed, tidied (`4. 2` → `4.2`).
    pub activity_id: Option<String>,
    /// What is to be done; never empty.
    pub activity: String,
    /// The follow-up report's `document_id`.
    pub report_document_id: Option<String>,
    /// The report record's `record_index`.
    pub report_record_index: Option<usize>,
    /// The report's status, `not_reported` where no report mentions the activity.
    pub status: Option<String>,
    /// The status as found: its words, or its colour as `#RRGGBB`.
    pub status_raw: Option<String>,
    /// Comment cell, one bullet or paragraph per line.
    pub comment: Option<String>,
    /// How well the report record matches the plan activity (0–1).
    pub match_score: Option<f64>,
    /// `matched`, `not_reported`, or `new` (a report record no plan activity matches).
    pub link: String,
}

/// Column names of `plans.csv`, in order.
pub const PLAN_COLUMNS: &[&str] = &[
    "plan_id",
    "municipality",
    "municipality_code",
    "country",
    "document_title",
    "document_kind",
    "plan_period_start",
    "plan_period_end",
    "documents",
    "follow_ups",
    "representative",
    "activities",
];

/// Column names of `tracking.csv`, in order.
pub const TRACKING_COLUMNS: &[&str] = &[
    "plan_id",
    "plan_activity",
    "activity_id",
    "activity",
    "report_document_id",
    "report_record_index",
    "status",
    "status_raw",
    "comment",
    "match_score",
    "link",
];
