//! `planlift tables`: every table a reader sees, as raw cell grids.

use std::path::PathBuf;

use rayon::prelude::*;

use super::inputs;
use crate::write::{self, table_csv};

/// Arguments of `planlift tables`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A file, or a folder whose files are all read.
    #[arg(value_name = "FILE")]
    input: PathBuf,
    /// Output folder.
    #[arg(short = 'o', long = "out", default_value = "planlift-tables")]
    out: PathBuf,
}

/// Runs the command; returns the exit code.
pub fn run(args: Args) -> i32 {
    let files = match inputs::collect(std::slice::from_ref(&args.input)) {
        Ok(f) => f,
        Err(e) => return super::usage_error(&e),
    };
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("planlift: error: cannot create {}: {e}", args.out.display());
        return 1;
    }
    let results: Vec<Result<usize, String>> = files
        .par_iter()
        .filter_map(|input| input.format.map(|f| (input, f)))
        .map(|(input, format)| {
            let fail = |e: String| format!("{}: {e}", input.source_file);
            let bytes = std::fs::read(&input.path).map_err(|e| fail(e.to_string()))?;
            let doc = crate::read::read(format, &bytes).map_err(|e| fail(e.to_string()))?;
            let stem = input
                .source_file
                .rsplit_once('.')
                .map_or(input.source_file.as_str(), |(s, _)| s);
            let stem = stem.replace('/', "__");
            let tables: Vec<&crate::model::Table> = doc
                .blocks
                .iter()
                .filter_map(|b| match b {
                    crate::model::Block::Table(t) => Some(t),
                    _ => None,
                })
                .collect();
            for (i, t) in tables.iter().enumerate() {
                let path = args.out.join(format!("{stem}.table-{}.csv", i + 1));
                write::atomic_write(&path, &table_csv::grid_csv(t))
                    .map_err(|e| fail(e.to_string()))?;
            }
            let name = input
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let json = table_csv::tables_json(&name, &doc);
            let mut bytes = serde_json::to_vec_pretty(&json).expect("json serializes");
            bytes.push(b'\n');
            write::atomic_write(&args.out.join(format!("{stem}.tables.json")), &bytes)
                .map_err(|e| fail(e.to_string()))?;
            Ok(tables.len())
        })
        .collect();
    let mut code = 0;
    let mut total = 0;
    for r in &results {
        match r {
            Ok(n) => total += n,
            Err(e) => {
                eprintln!("planlift: failed {e}");
                code = 1;
            }
        }
    }
    eprintln!(
        "planlift: {} files, {total} tables, output in {}",
        results.len(),
        args.out.display()
    );
    code
}
