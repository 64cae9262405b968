//! The output records of the contract (SPEC.md): activities, documents, goals. Field
//! order here is the column order of the CSV files.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::vocab::Status;

/// One activity (SPEC.md, "Activity record").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub document_id: String,
    pub source_file: String,
    pub source_format: String,
    pub municipality: Option<String>,
    pub municipality_code: Option<String>,
    pub country: Option<String>,
    pub language: Option<String>,
    pub document_title: Option<String>,
    pub record_index: usize,
    pub period_label: Option<String>,
    pub period_start: Option<i32>,
    pub period_end: Option<i32>,
    pub goal_id: Option<String>,
    pub goal: Option<String>,
    pub area_id: Option<String>,
    pub area: Option<String>,
    pub activity_id: Option<String>,
    pub activity: String,
    pub implementation: Option<String>,
    pub responsible: Vec<String>,
    pub responsible_raw: Option<String>,
    pub status: Option<Status>,
    pub status_raw: Option<String>,
    pub comment: Option<String>,
    pub follow_up: Option<String>,
    pub cost: Option<String>,
    pub notes: Vec<String>,
    pub themes: Vec<String>,
    pub extra: Map<String, Value>,
    pub page: Option<u32>,
    pub sheet: Option<String>,
    pub table_index: usize,
    pub row_index: usize,
}

/// One input file (SPEC.md, "Document record").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub document_id: String,
    pub source_file: String,
    pub source_format: String,
    pub bytes: u64,
    pub sha256: String,
    pub municipality: Option<String>,
    pub municipality_code: Option<String>,
    pub country: Option<String>,
    pub language: Option<String>,
    pub document_title: Option<String>,
    pub document_kind: String,
    pub plan_period_start: Option<i32>,
    pub plan_period_end: Option<i32>,
    pub pages: Option<u32>,
    pub tables: usize,
    pub activities: usize,
    pub outcome: String,
    pub error: Option<String>,
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GoalRecord {
    pub document_id: String,
    pub source_file: String,
    pub municipality: Option<String>,
    pub goal_id: Option<String>,
    pub goal: String,
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
];

/// One plan, whatever the number of files it came in (SPEC.md, "Plans and tracking").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanRecord {
    pub plan_id: String,
    pub municipality: Option<String>,
    pub municipality_code: Option<String>,
    pub country: Option<String>,
    pub document_title: Option<String>,
    pub document_kind: String,
    pub plan_period_start: Option<i32>,
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

/// One plan activity and the report record that follows it up (SPEC.md, "Plans and
/// tracking"); a report record that follows up no plan activity has `plan_activity` null.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TrackingRecord {
    pub plan_id: String,
    /// The plan activity's `record_index` in the representative.
    pub plan_activity: Option<usize>,
    pub activity_id: Option<String>,
    pub activity: String,
    pub report_document_id: Option<String>,
    pub report_record_index: Option<usize>,
    /// The report's status, `not_reported` where no report mentions the activity.
    pub status: Option<String>,
    pub status_raw: Option<String>,
    pub comment: Option<String>,
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
