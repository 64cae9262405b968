//! `datapackage.json`: a Frictionless Data Package describing the CSV files, so that
//! `frictionless validate` and data tools read them with the right types.

use serde_json::{json, Value};

use super::columns::{kind, Kind, TABLES};
use super::CsvDialect;

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

/// How a resource is keyed: its primary key and its foreign keys
/// (`(fields, resource, reference fields)`).
struct Keys {
    primary: &'static [&'static str],
    foreign: &'static [(
        &'static [&'static str],
        &'static str,
        &'static [&'static str],
    )],
}

/// The keys of each output table. A document is named by its id and its source file
/// together: identical bytes reached through two paths share a `document_id`, and the
/// source file is unique within a run.
fn keys(table: &str) -> Keys {
    const DOC: &[&str] = &["document_id", "source_file"];
    match table {
        "activities" => Keys {
            primary: &["document_id", "source_file", "record_index"],
            foreign: &[(DOC, "documents", DOC)],
        },
        "documents" => Keys {
            primary: DOC,
            foreign: &[(&["plan_id"], "plans", &["plan_id"])],
        },
        "goals" => Keys {
            primary: &[],
            foreign: &[(DOC, "documents", DOC)],
        },
        "plans" => Keys {
            primary: &["plan_id"],
            foreign: &[],
        },
        "tracking" => Keys {
            primary: &[],
            foreign: &[(&["plan_id"], "plans", &["plan_id"])],
        },
        _ => Keys {
            primary: &[],
            foreign: &[],
        },
    }
}

fn resource(name: &str, columns: &[&str], dialect: CsvDialect) -> Value {
    let fields: Vec<Value> = columns
        .iter()
        .map(|c| {
            let ty = match kind(name, c) {
                Kind::Integer => "integer",
                Kind::Number => "number",
                Kind::Text | Kind::List | Kind::Object => "string",
            };
            let mut f = json!({"name": c, "type": ty});
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
    let keys = keys(name);
    if !keys.primary.is_empty() {
        schema["primaryKey"] = json!(keys.primary);
    }
    if !keys.foreign.is_empty() {
        schema["foreignKeys"] = keys
            .foreign
            .iter()
            .map(|(fields, resource, reference)| {
                json!({"fields": fields, "reference": {"resource": resource, "fields": reference}})
            })
            .collect();
    }
    let (delimiter, encoding) = match dialect {
        CsvDialect::Rfc4180 => (",", "utf-8"),
        CsvDialect::Excel => (";", "utf-8-sig"),
    };
    json!({
        "name": name,
        "path": format!("{name}.csv"),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": encoding,
        "dialect": {"delimiter": delimiter, "quoteChar": "\"", "doubleQuote": true, "header": true},
        "schema": schema,
    })
}

/// The package descriptor of the CSV files written in `dialect`, as pretty JSON with a
/// final newline.
pub fn descriptor(dialect: CsvDialect) -> Vec<u8> {
    let resources: Vec<Value> = TABLES
        .iter()
        .map(|(name, columns)| resource(name, columns, dialect))
        .collect();
    let package = json!({
        "profile": "tabular-data-package",
        "name": "planlift-output",
        "title": "Activities extracted from municipal action plans by planlift",
        "resources": resources,
    });
    let mut out = serde_json::to_vec_pretty(&package).expect("descriptor serializes");
    out.push(b'\n');
    out
}
