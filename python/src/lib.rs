//! `planlift._native`: the Rust side of the Python package. It does the work with the
//! GIL released and hands the records over as JSON text in columns (one list per
//! field), from which `planlift/__init__.py` builds typed DataFrames.

use std::path::PathBuf;

use planlift::{BatchOptions, Isolation, WorkerCommand};
use pyo3::exceptions::{PyException, PyFileNotFoundError};
use pyo3::prelude::*;
use serde_json::{Map, Value};

pyo3::create_exception!(
    _native,
    PlanliftError,
    PyException,
    "An error of planlift: its message names the file and the reason."
);

fn to_py(e: planlift::Error) -> PyErr {
    if e.not_found {
        let filename = e
            .path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        // FileNotFoundError(errno, strerror, filename), as `open` raises it.
        PyFileNotFoundError::new_err((2, e.reason.clone(), filename))
    } else {
        PlanliftError::new_err(e.to_string())
    }
}

/// Records in columns: `{"field": [value, …], …}`, fields in record order.
fn columns<T: serde::Serialize>(records: &[T], names: &[String]) -> Value {
    let mut cols: Map<String, Value> = names
        .iter()
        .map(|n| (n.clone(), Value::Array(Vec::with_capacity(records.len()))))
        .collect();
    for r in records {
        let Ok(Value::Object(mut fields)) = serde_json::to_value(r) else {
            continue;
        };
        for (name, col) in cols.iter_mut() {
            if let Value::Array(v) = col {
                v.push(fields.remove(name).unwrap_or(Value::Null));
            }
        }
    }
    Value::Object(cols)
}

/// The JSON Schemas of the records, by table name.
const SCHEMAS: &[(&str, &str)] = &[
    (
        "activities",
        include_str!("../../schemas/activity.schema.json"),
    ),
    (
        "documents",
        include_str!("../../schemas/document.schema.json"),
    ),
    ("goals", include_str!("../../schemas/goal.schema.json")),
    ("plans", include_str!("../../schemas/plan.schema.json")),
    (
        "tracking",
        include_str!("../../schemas/tracking.schema.json"),
    ),
];

/// The field names of a table, in column order, from its schema.
fn field_names(schema: &str) -> Vec<String> {
    serde_json::from_str::<Value>(schema)
        .ok()
        .and_then(|v| v.get("properties").and_then(Value::as_object).cloned())
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// `{table: schema JSON text}` for the five tables.
#[pyfunction]
fn schemas() -> Vec<(&'static str, &'static str)> {
    SCHEMAS.to_vec()
}

/// Extracts the files and folders in `paths`; returns `{table: columns JSON text}`.
#[pyfunction]
#[pyo3(signature = (paths, *, jobs=None, isolation=true, timeout=60.0, max_memory="2G".to_string(), manifest=None, vocabulary=None, themes=None, worker=None))]
#[allow(clippy::too_many_arguments)]
fn extract(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    jobs: Option<usize>,
    isolation: bool,
    timeout: f64,
    max_memory: String,
    manifest: Option<PathBuf>,
    vocabulary: Option<PathBuf>,
    themes: Option<PathBuf>,
    worker: Option<Vec<String>>,
) -> PyResult<Vec<(&'static str, String)>> {
    let isolation = if isolation {
        Isolation::workers(timeout, &max_memory).map_err(to_py)?
    } else {
        Isolation::InProcess
    };
    let worker = worker.and_then(|w| {
        let mut w = w.into_iter();
        w.next().map(|program| WorkerCommand {
            program: program.into(),
            args: w.map(Into::into).collect(),
        })
    });
    let options = BatchOptions {
        jobs,
        isolation,
        manifest,
        vocabulary,
        themes,
        worker,
        ..BatchOptions::default()
    };
    let out = batch_interruptibly(py, &paths, &options)?;
    py.detach(move || {
        let names = |table: &str| {
            SCHEMAS
                .iter()
                .find(|(t, _)| *t == table)
                .map(|(_, s)| field_names(s))
                .unwrap_or_default()
        };
        let notices = out.notices.clone();
        let tables = [
            ("activities", columns(&out.activities, &names("activities"))),
            ("documents", columns(&out.documents, &names("documents"))),
            ("goals", columns(&out.goals, &names("goals"))),
            ("plans", columns(&out.plans, &names("plans"))),
            ("tracking", columns(&out.tracking, &names("tracking"))),
        ];
        let mut out: Vec<(&'static str, String)> = tables
            .into_iter()
            .map(|(name, cols)| (name, cols.to_string()))
            .collect();
        out.push(("notices", Value::from(notices).to_string()));
        Ok(out)
    })
}

/// Runs the batch without the GIL on a thread of its own, while this thread looks for
/// signals every 50 ms: on Ctrl-C no further file starts, the files being read finish,
/// and the `KeyboardInterrupt` is raised.
fn batch_interruptibly(
    py: Python<'_>,
    paths: &[PathBuf],
    options: &BatchOptions,
) -> PyResult<planlift::BatchResult> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let cancel = AtomicBool::new(false);
    let go_on = |_: usize, _: usize| !cancel.load(Ordering::Relaxed);
    py.detach(|| {
        std::thread::scope(|scope| {
            let batch =
                scope.spawn(|| planlift::extract_batch_with_progress(paths, options, &go_on));
            let mut interrupted = None;
            while !batch.is_finished() {
                std::thread::sleep(std::time::Duration::from_millis(50));
                if interrupted.is_none() {
                    if let Err(e) = Python::attach(|py| py.check_signals()) {
                        cancel.store(true, Ordering::Relaxed);
                        interrupted = Some(e);
                    }
                }
            }
            let out = batch
                .join()
                .unwrap_or_else(|_| Err(planlift::Error::new(None, "the batch panicked")));
            match interrupted {
                Some(e) => Err(e),
                None => out.map_err(to_py),
            }
        })
    })
}

/// The tables of one document: a JSON list of
/// `{index, pages, sheet, n_rows, n_cols, grid, cells}`, `grid` with merged text repeated
/// into every position it covers.
#[pyfunction]
fn tables(py: Python<'_>, path: PathBuf) -> PyResult<String> {
    py.detach(move || {
        let tables = planlift::tables(&path)?;
        let out: Vec<Value> = tables
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let grid: Vec<Vec<&str>> = t
                    .grid()
                    .into_iter()
                    .map(|row| {
                        row.into_iter()
                            .map(|slot| slot.map_or("", |c| t.cells[c].text.as_str()))
                            .collect()
                    })
                    .collect();
                let cells: Vec<Value> = t
                    .cells
                    .iter()
                    .map(|c| {
                        serde_json::json!({
                            "row": c.row, "col": c.col, "row_span": c.row_span,
                            "col_span": c.col_span, "text": c.text,
                            "fill": c.fill.map(|f| f.to_string()), "bold": c.bold,
                        })
                    })
                    .collect();
                serde_json::json!({
                    "index": i + 1, "pages": t.pages, "sheet": t.sheet,
                    "n_rows": t.n_rows, "n_cols": t.n_cols, "grid": grid, "cells": cells,
                })
            })
            .collect();
        Ok::<_, planlift::Error>(Value::Array(out).to_string())
    })
    .map_err(to_py)
}

/// Serves as an isolation worker on standard input and output (started by `extract`
/// itself; not for people). `args` begin with `worker`.
#[pyfunction]
fn _serve_worker(py: Python<'_>, args: Vec<String>) -> i32 {
    py.detach(move || planlift::serve_worker(args))
}

/// The Rust side of planlift's Python package.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("PlanliftError", m.py().get_type::<PlanliftError>())?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(tables, m)?)?;
    m.add_function(wrap_pyfunction!(schemas, m)?)?;
    m.add_function(wrap_pyfunction!(_serve_worker, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
