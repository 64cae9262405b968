//! `<table>.parquet`: the output tables with real types, for pandas, polars, R arrow and
//! DuckDB. Codes and ids are strings, years and counts 64-bit integers, lists are lists
//! of strings, `extra` is its JSON text; every column is nullable where the record's
//! field can be null.

use std::sync::Arc;

use arrow_array::builder::{Float64Builder, Int64Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use serde_json::Value;

use super::columns::{kind, Kind, Rows};

/// The Arrow type of a column kind.
fn data_type(k: Kind) -> DataType {
    match k {
        Kind::Text | Kind::Object => DataType::Utf8,
        Kind::Integer => DataType::Int64,
        Kind::Number => DataType::Float64,
        Kind::List => DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
    }
}

/// The text of a scalar value (numbers and booleans as written in JSON).
fn text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Object(_) | Value::Array(_) => Some(v.to_string()),
        other => Some(other.to_string()),
    }
}

fn column(rows: &Rows, name: &str, k: Kind) -> ArrayRef {
    let n = rows.values.len();
    match k {
        Kind::Text | Kind::Object => {
            let mut b = StringBuilder::with_capacity(n, n * 16);
            for i in 0..n {
                b.append_option(text(rows.get(i, name)));
            }
            Arc::new(b.finish())
        }
        Kind::Integer => {
            let mut b = Int64Builder::with_capacity(n);
            for i in 0..n {
                b.append_option(rows.get(i, name).as_i64());
            }
            Arc::new(b.finish())
        }
        Kind::Number => {
            let mut b = Float64Builder::with_capacity(n);
            for i in 0..n {
                b.append_option(rows.get(i, name).as_f64());
            }
            Arc::new(b.finish())
        }
        Kind::List => {
            let mut b = ListBuilder::new(StringBuilder::new());
            for i in 0..n {
                match rows.get(i, name) {
                    Value::Array(items) => {
                        for item in items {
                            b.values().append_option(text(item));
                        }
                        b.append(true);
                    }
                    Value::Null => b.append(false),
                    other => {
                        b.values().append_option(text(other));
                        b.append(true);
                    }
                }
            }
            Arc::new(b.finish())
        }
    }
}

/// The `pandas` schema metadata that pyarrow reads back into pandas dtypes: nullable
/// `Int64` for whole numbers (not float64 with NaN where a year is missing), `string`
/// for text, lists as lists.
fn pandas_metadata(rows: &Rows) -> String {
    let columns: Vec<Value> = rows
        .columns
        .iter()
        .map(|c| {
            let (pandas_type, numpy_type) = match kind(rows.table, c) {
                Kind::Text | Kind::Object => ("unicode", "string"),
                Kind::Integer => ("int64", "Int64"),
                Kind::Number => ("float64", "Float64"),
                Kind::List => ("list[unicode]", "object"),
            };
            serde_json::json!({
                "name": c, "field_name": c, "pandas_type": pandas_type,
                "numpy_type": numpy_type, "metadata": null,
            })
        })
        .collect();
    serde_json::json!({
        "index_columns": [], "column_indexes": [], "columns": columns,
        "creator": {"library": "planlift", "version": env!("CARGO_PKG_VERSION")},
        "pandas_version": "2.0.0",
    })
    .to_string()
}

/// The table as a Parquet file (Snappy-compressed, one row group per 64 Ki rows).
pub fn parquet(rows: &Rows) -> Result<Vec<u8>, String> {
    let fields: Vec<Field> = rows
        .columns
        .iter()
        .map(|c| Field::new(*c, data_type(kind(rows.table, c)), true))
        .collect();
    let schema = Arc::new(
        Schema::new(fields).with_metadata(std::collections::HashMap::from([(
            "pandas".to_string(),
            pandas_metadata(rows),
        )])),
    );
    let arrays: Vec<ArrayRef> = rows
        .columns
        .iter()
        .map(|c| column(rows, c, kind(rows.table, c)))
        .collect();
    let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(|e| e.to_string())?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(1 << 16))
        .build();
    let mut out = Vec::new();
    let mut writer =
        ArrowWriter::try_new(&mut out, schema, Some(props)).map_err(|e| e.to_string())?;
    writer.write(&batch).map_err(|e| e.to_string())?;
    writer.close().map_err(|e| e.to_string())?;
    Ok(out)
}
