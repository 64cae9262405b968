//! `datapackage.json`: a Frictionless Data Package describing the CSV files, so that
//! `frictionless validate` and data tools read them with the right types.

use serde_json::{json, Value};

use crate::record::{
    ACTIVITY_COLUMNS, DOCUMENT_COLUMNS, GOAL_COLUMNS, PLAN_COLUMNS, TRACKING_COLUMNS,
};

fn field_type(resource: &str, name: &str) -> &'static str {
    match (resource, name) {
        (
            _,
            "record_index" | "period_start" | "period_end" | "page" | "table_index" | "row_index",
        ) => "integer",
        (
            "documents",
            "bytes" | "plan_period_start" | "plan_period_end" | "pages" | "tables" | "activities",
        ) => "integer",
        ("plans", "plan_period_start" | "plan_period_end" | "activities") => "integer",
        ("tracking", "plan_activity" | "report_record_index") => "integer",
        ("tracking", "match_score") => "number",
        _ => "string",
    }
}

fn describe(name: &str) -> &'static str {
    match name {
        "responsible" | "themes" => "list joined with '; '",
        "notes" | "warnings" => "list joined with ' || '",
        "extra" => "JSON object: other columns of the source row, header to text",
        "status" => "done, in_progress, not_started, cancelled, unknown (tracking: or not_reported)",
        "documents" => "document_ids of the plan's renditions, representative first, joined with '; '",
        "follow_ups" => "document_ids of the plan's follow-up reports, oldest first, joined with '; '",
        "plan_id" => "the plan a record belongs to (see plans.csv)",
        "rendition_of" => "document_id of the rendition that represents the plan; empty for the representative and for follow-ups",
        "match_score" => "0-1, how sure the link of plan activity and report record is",
        "municipality_code" => "official four-digit code, leading zeros kept",
        _ => "",
    }
}

fn resource(name: &str, columns: &[&str], key: &[&str]) -> Value {
    let fields: Vec<Value> = columns
        .iter()
        .map(|c| {
            let mut f = json!({"name": c, "type": field_type(name, c)});
            let d = describe(c);
            if !d.is_empty() {
                f["description"] = json!(d);
            }
            if *c == "status" {
                let mut statuses =
                    vec!["done", "in_progress", "not_started", "cancelled", "unknown"];
                if name == "tracking" {
                    statuses.push("not_reported");
                }
                f["constraints"] = json!({ "enum": statuses });
            }
            f
        })
        .collect();
    let mut schema = json!({"fields": fields, "missingValues": [""]});
    if !key.is_empty() {
        schema["primaryKey"] = json!(key);
    }
    json!({
        "name": name,
        "path": format!("{name}.csv"),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    })
}

/// The package descriptor as pretty JSON with a final newline.
pub fn descriptor() -> Vec<u8> {
    let package = json!({
        "profile": "tabular-data-package",
        "name": "planlift-output",
        "title": "Activities extracted from municipal action plans by planlift",
        "resources": [
            resource("activities", ACTIVITY_COLUMNS, &["document_id", "record_index"]),
            resource("documents", DOCUMENT_COLUMNS, &["document_id", "source_file"]),
            resource("goals", GOAL_COLUMNS, &[]),
            resource("plans", PLAN_COLUMNS, &["plan_id"]),
            resource("tracking", TRACKING_COLUMNS, &[]),
        ],
    });
    let mut out = serde_json::to_vec_pretty(&package).expect("descriptor serializes");
    out.push(b'\n');
    out
}
