//! `--format`: Parquet and the workbook hold the same records as the JSON files, with
//! their types (codes as text, years as integers, lists as lists).

mod common;

use arrow_array::{Array, Int64Array, ListArray, RecordBatch, StringArray};
use calamine::{Data, Reader};
use common::*;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde_json::Value;

fn files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn read_parquet(path: &std::path::Path) -> RecordBatch {
    let file = std::fs::File::open(path).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .with_batch_size(1 << 20)
        .build()
        .unwrap();
    let batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
    arrow_select_concat(&batches)
}

fn arrow_select_concat(batches: &[RecordBatch]) -> RecordBatch {
    assert_eq!(batches.len(), 1, "one batch for the whole table");
    batches[0].clone()
}

fn strings<'a>(batch: &'a RecordBatch, column: &str) -> &'a StringArray {
    batch
        .column_by_name(column)
        .unwrap_or_else(|| panic!("column {column}"))
        .as_any()
        .downcast_ref::<StringArray>()
        .unwrap_or_else(|| panic!("{column} is text"))
}

#[test]
fn format_all_writes_every_file_and_parquet_keeps_types() {
    let (dir, out) = extract(&[&root().join("fixtures")], &["--format", "all"]);
    assert!(out.status.code().unwrap() <= 1, "{out:?}");
    let names = files(dir.path());
    for table in ["activities", "documents", "goals", "plans", "tracking"] {
        for ext in ["csv", "json", "parquet"] {
            let name = format!("{table}.{ext}");
            assert!(names.contains(&name), "{name} missing in {names:?}");
        }
    }
    for name in ["activities.jsonl", "datapackage.json", "planlift.xlsx"] {
        assert!(names.contains(&name.to_string()), "{name} missing");
    }

    let json = read_json(dir.path(), "activities.json");
    let records = json.as_array().unwrap();
    let batch = read_parquet(&dir.path().join("activities.parquet"));
    assert_eq!(batch.num_rows(), records.len());
    let codes = strings(&batch, "municipality_code");
    let ids = strings(&batch, "activity_id");
    let starts = batch
        .column_by_name("period_start")
        .unwrap()
        .as_any()
        .downcast_ref::<Int64Array>()
        .expect("period_start is a 64-bit integer");
    let themes = batch
        .column_by_name("themes")
        .unwrap()
        .as_any()
        .downcast_ref::<ListArray>()
        .expect("themes is a list");
    let mut leading_zero = 0;
    for (i, r) in records.iter().enumerate() {
        let code = r["municipality_code"].as_str();
        assert_eq!(codes.is_null(i), code.is_none(), "record {i}");
        if let Some(code) = code {
            assert_eq!(codes.value(i), code, "record {i}");
            leading_zero += usize::from(code.starts_with('0'));
        }
        if let Some(id) = r["activity_id"].as_str() {
            assert_eq!(ids.value(i), id);
        }
        match r["period_start"].as_i64() {
            Some(y) => assert_eq!(starts.value(i), y),
            None => assert!(starts.is_null(i)),
        }
        let got = themes.value(i);
        let got = got.as_any().downcast_ref::<StringArray>().unwrap();
        let want: Vec<&str> = r["themes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        let got: Vec<&str> = (0..got.len()).map(|k| got.value(k)).collect();
        assert_eq!(got, want, "themes of record {i}");
    }
    assert!(
        leading_zero > 0,
        "the fixtures hold codes with a leading zero"
    );
}

#[test]
fn workbook_has_one_sheet_per_table_with_text_kept_as_text() {
    let (dir, _) = extract(&[&root().join("fixtures")], &["--format", "xlsx"]);
    assert_eq!(files(dir.path()), ["planlift.xlsx"], "only the workbook");
    let (json_dir, _) = extract(&[&root().join("fixtures")], &["--format", "json"]);
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(dir.path().join("planlift.xlsx")).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["activities", "documents", "goals", "plans", "tracking"]
    );
    let range = book.worksheet_range("activities").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let records = read_json(json_dir.path(), "activities.json");
    let records = records.as_array().unwrap();
    assert_eq!(range.height(), records.len() + 1);
    for (row, r) in range.rows().skip(1).zip(records) {
        match &r["municipality_code"] {
            Value::String(code) => {
                assert_eq!(row[col("municipality_code")], Data::String(code.clone()))
            }
            _ => assert_eq!(row[col("municipality_code")], Data::Empty),
        }
        if let Some(id) = r["activity_id"].as_str() {
            assert_eq!(row[col("activity_id")], Data::String(id.to_string()));
        }
        assert_eq!(
            row[col("record_index")],
            Data::Float(r["record_index"].as_f64().unwrap())
        );
        let themes: Vec<&str> = r["themes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        match &row[col("themes")] {
            Data::String(s) => assert_eq!(s, &themes.join("; ")),
            other => assert!(themes.is_empty(), "themes {other:?}"),
        }
    }
}

#[test]
fn parquet_alone_and_bad_formats() {
    let (dir, _) = extract(&[&root().join("fixtures/seeds")], &["--format", "parquet"]);
    let names = files(dir.path());
    assert!(names.iter().all(|n| n.ends_with(".parquet")), "{names:?}");
    let out = planlift(&["extract", "fixtures", "--format", "csv,yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("yaml"), "{err}");
}

#[test]
fn two_runs_give_byte_identical_parquet_and_workbook() {
    let fixtures = root().join("fixtures");
    let (a, _) = extract(&[&fixtures], &["--format", "parquet,xlsx", "--jobs", "2"]);
    let (b, _) = extract(&[&fixtures], &["--format", "parquet,xlsx", "--jobs", "1"]);
    for name in files(a.path()) {
        let x = std::fs::read(a.path().join(&name)).unwrap();
        let y = std::fs::read(b.path().join(&name)).unwrap();
        assert!(x == y, "{name} differs between runs");
    }
}
