//! Writers: records to CSV, JSON, JSON Lines and a Frictionless Data Package. Writers
//! know only records. Every file is written atomically: to a temporary file beside it,
//! then renamed over the old one, so a crash never leaves half a file in its place.

pub mod columns;
pub mod datapackage;
pub mod parquet;
pub mod table_csv;
pub mod xlsx;

use std::io::Write;
use std::path::Path;

use serde::Serialize;

/// Writes `bytes` to `path` atomically.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A JSON array, pretty-printed, with a final newline.
pub fn json_array<T: Serialize>(items: &[T]) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(items).expect("records serialize");
    out.push(b'\n');
    out
}

/// One JSON object per line.
pub fn json_lines<T: Serialize>(items: &[T]) -> Vec<u8> {
    let mut out = Vec::new();
    for item in items {
        serde_json::to_writer(&mut out, item).expect("records serialize");
        out.push(b'\n');
    }
    out
}

/// Which files `extract` writes (`--format LIST`).
///
/// ```
/// let f: planlift::Formats = "csv,parquet".parse().unwrap();
/// assert!(f.csv && f.parquet && !f.json);
/// assert!("pdf".parse::<planlift::Formats>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// `<table>.csv` and `datapackage.json`.
    pub csv: bool,
    /// `<table>.json`.
    pub json: bool,
    /// `activities.jsonl`.
    pub jsonl: bool,
    /// `<table>.parquet`.
    pub parquet: bool,
    /// `planlift.xlsx`.
    pub xlsx: bool,
}

impl Default for Formats {
    /// `csv,json`.
    fn default() -> Formats {
        Formats {
            csv: true,
            json: true,
            jsonl: false,
            parquet: false,
            xlsx: false,
        }
    }
}

impl std::str::FromStr for Formats {
    type Err = String;

    /// A comma-separated list of `csv`, `json`, `jsonl`, `parquet`, `xlsx` and `all`.
    fn from_str(list: &str) -> Result<Formats, String> {
        let mut f = Formats {
            csv: false,
            json: false,
            jsonl: false,
            parquet: false,
            xlsx: false,
        };
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match name.to_ascii_lowercase().as_str() {
                "csv" => f.csv = true,
                "json" => f.json = true,
                "jsonl" => f.jsonl = true,
                "parquet" => f.parquet = true,
                "xlsx" => f.xlsx = true,
                "all" => {
                    f = Formats {
                        csv: true,
                        json: true,
                        jsonl: true,
                        parquet: true,
                        xlsx: true,
                    }
                }
                other => {
                    return Err(format!(
                    "unknown format `{other}` (choose from csv, json, jsonl, parquet, xlsx, all)"
                ))
                }
            }
        }
        if f == (Formats {
            csv: false,
            json: false,
            jsonl: false,
            parquet: false,
            xlsx: false,
        }) {
            return Err(
                "no format given (choose from csv, json, jsonl, parquet, xlsx, all)".into(),
            );
        }
        Ok(f)
    }
}

/// How CSV files are written.
///
/// ```
/// assert_eq!(planlift::CsvDialect::default(), planlift::CsvDialect::Rfc4180);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum CsvDialect {
    /// RFC 4180: comma-separated, UTF-8 without BOM, quoted where needed.
    #[default]
    Rfc4180,
    /// What Excel expects in Nordic locales: `;`-separated, UTF-8 with BOM, and a `'`
    /// before any cell that would start a formula (`=`, `+`, `-`, `@`).
    Excel,
}

/// Records as CSV with the given columns: null as empty, arrays joined with `; ` (the
/// columns in `double_bar` with ` || `), objects as JSON text.
pub fn csv<T: Serialize>(
    items: &[T],
    columns: &[&str],
    double_bar: &[&str],
    dialect: CsvDialect,
) -> Vec<u8> {
    let values: Vec<serde_json::Value> = items
        .iter()
        .map(|i| serde_json::to_value(i).expect("records serialize"))
        .collect();
    csv_values(&values, columns, |c| double_bar.contains(&c), dialect)
}

/// An output table as CSV, lists joined as [`columns::list_separator`] says.
pub fn csv_rows(rows: &columns::Rows, dialect: CsvDialect) -> Vec<u8> {
    csv_values(
        &rows.values,
        rows.columns,
        |c| columns::list_separator(c) == " || ",
        dialect,
    )
}

fn csv_values(
    values: &[serde_json::Value],
    columns: &[&str],
    double_bar: impl Fn(&str) -> bool,
    dialect: CsvDialect,
) -> Vec<u8> {
    let excel = dialect == CsvDialect::Excel;
    let mut out = if excel {
        vec![0xEF, 0xBB, 0xBF]
    } else {
        Vec::new()
    };
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(if excel { b';' } else { b',' })
        .from_writer(Vec::new());
    writer.write_record(columns).expect("write to memory");
    for value in values {
        let row: Vec<String> = columns
            .iter()
            .map(|c| {
                cell(
                    value.get(*c).unwrap_or(&serde_json::Value::Null),
                    double_bar(c),
                )
            })
            .map(|v| {
                if excel && v.starts_with(['=', '+', '-', '@']) {
                    format!("'{v}")
                } else {
                    v
                }
            })
            .collect();
        writer.write_record(&row).expect("write to memory");
    }
    out.extend(writer.into_inner().expect("flush to memory"));
    out
}

fn cell(value: &serde_json::Value, double_bar: bool) -> String {
    use serde_json::Value;
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items
            .iter()
            .map(|i| cell(i, false))
            .collect::<Vec<_>>()
            .join(if double_bar { " || " } else { "; " }),
        Value::Object(_) => value.to_string(),
    }
}
