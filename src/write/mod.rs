//! Writers: records to CSV, JSON, JSON Lines and a Frictionless Data Package. Writers
//! know only records. Every file is written atomically: to a temporary file beside it,
//! then renamed over the old one, so a crash never leaves half a file in its place.

pub mod datapackage;
pub mod table_csv;

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

/// How CSV files are written.
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
    for item in items {
        let value = serde_json::to_value(item).expect("records serialize");
        let row: Vec<String> = columns
            .iter()
            .map(|c| {
                cell(
                    value.get(*c).unwrap_or(&serde_json::Value::Null),
                    double_bar.contains(c),
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
