//! `planlift compare`: an `extract` output folder in, the comparison tables and the
//! HTML report out.

use std::path::PathBuf;

use planlift::{BatchResult, Count, CsvDialect, Knowledge};

/// Arguments of `planlift compare`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A folder written by `planlift extract`.
    #[arg(value_name = "DIR")]
    input: PathBuf,
    /// Output folder.
    #[arg(short = 'o', long = "out", default_value = "planlift-compare")]
    out: PathBuf,
    /// A theme taxonomy for the labels (see data/themes.toml).
    #[arg(long)]
    themes: Option<PathBuf>,
    /// What is counted: each plan once through its representative, with statuses from
    /// its latest follow-up (`plans`, the default), or every file (`documents`).
    #[arg(long, value_enum, default_value_t = Count::Plans)]
    count: Count,
    /// CSV dialect: `rfc4180` (default) or `excel`.
    #[arg(long, value_enum, default_value_t = CsvDialect::Rfc4180)]
    csv_dialect: CsvDialect,
}

/// Runs the command; returns the exit code.
pub fn run(args: Args) -> i32 {
    let know = match Knowledge::load(None, args.themes.as_deref()) {
        Ok(k) => k,
        Err(e) => return super::usage_error(&e.to_string()),
    };
    let result = match BatchResult::read_from(&args.input) {
        Ok(r) => r,
        Err(e) => return super::usage_error(&e.to_string()),
    };
    let comparison = planlift::compare(&result, args.count, &know);
    if let Err(e) = comparison.write_into(&args.out, args.csv_dialect) {
        eprintln!("planlift: error: cannot write {e}");
        return 1;
    }
    eprintln!(
        "planlift: {} municipalities, {} comparison rows, report in {}",
        comparison.municipalities.len(),
        comparison.rows.len(),
        args.out.join("report.html").display()
    );
    0
}
