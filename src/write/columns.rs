//! The output tables of `extract` and the type of each of their columns, shared by every
//! writer: CSV joins lists into text, Parquet keeps them as lists, the workbook writes
//! numbers as numbers and everything else as text, the datapackage declares the types.

use serde::Serialize;
use serde_json::Value;

use crate::record::{
    ACTIVITY_COLUMNS, DOCUMENT_COLUMNS, GOAL_COLUMNS, PLAN_COLUMNS, TRACKING_COLUMNS,
};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text, codes and ids included (`0880` stays `0880`).
    Text,
    /// A whole number (years, counts, indexes).
    Integer,
    /// A fraction (`match_score`).
    Number,
    /// A list of texts (`themes`, `responsible`, `warnings`, ...).
    List,
    /// A JSON object (`extra`), written as its JSON text where the format has no objects.
    Object,
}

/// The type of `column` in the output table `table`.
pub fn kind(table: &str, column: &str) -> Kind {
    match (table, column) {
        (
            _,
            "record_index" | "period_start" | "period_end" | "page" | "table_index" | "row_index",
        ) => Kind::Integer,
        (
            "documents",
            "bytes" | "plan_period_start" | "plan_period_end" | "pages" | "tables" | "activities",
        ) => Kind::Integer,
        ("plans", "plan_period_start" | "plan_period_end" | "activities") => Kind::Integer,
        ("tracking", "plan_activity" | "report_record_index") => Kind::Integer,
        ("tracking", "match_score") => Kind::Number,
        (_, "responsible" | "themes" | "notes" | "warnings" | "documents" | "follow_ups") => {
            Kind::List
        }
        (_, "extra") => Kind::Object,
        _ => Kind::Text,
    }
}

/// How a list column is joined in CSV: ` || ` for lists of sentences (`notes`,
/// `warnings`), `; ` for lists of names and codes.
pub fn list_separator(column: &str) -> &'static str {
    match column {
        "notes" | "warnings" => " || ",
        _ => "; ",
    }
}

/// The output tables of `extract`, in the order they are written.
pub const TABLES: [(&str, &[&str]); 5] = [
    ("activities", ACTIVITY_COLUMNS),
    ("documents", DOCUMENT_COLUMNS),
    ("goals", GOAL_COLUMNS),
    ("plans", PLAN_COLUMNS),
    ("tracking", TRACKING_COLUMNS),
];

/// One output table's records as JSON values, ready for any writer.
#[derive(Debug, Clone)]
pub struct Rows {
    /// The table's name (`activities`, ...), the stem of its files.
    pub table: &'static str,
    /// Its columns, in order.
    pub columns: &'static [&'static str],
    /// One JSON object per record.
    pub values: Vec<Value>,
}

impl Rows {
    /// The records of `table` (one of [`TABLES`]).
    pub fn of<T: Serialize>(table: &'static str, items: &[T]) -> Rows {
        let columns = TABLES
            .iter()
            .find(|(name, _)| *name == table)
            .map_or(&[][..], |(_, columns)| *columns);
        Rows {
            table,
            columns,
            values: items
                .iter()
                .map(|i| serde_json::to_value(i).expect("records serialize"))
                .collect(),
        }
    }

    /// The value of `column` in record `row` (null where absent).
    pub fn get(&self, row: usize, column: &str) -> &Value {
        self.values[row].get(column).unwrap_or(&Value::Null)
    }
}
