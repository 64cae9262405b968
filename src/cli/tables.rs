//! `planlift tables`: every table a reader sees, as raw cell grids.

use std::path::PathBuf;

use planlift::OutputFolder;

/// Arguments of `planlift tables`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A file, or a folder whose files are all read.
    #[arg(value_name = "FILE")]
    input: PathBuf,
    /// Output folder (replaced as a whole when the run is done).
    #[arg(short = 'o', long = "out", default_value = "planlift-tables")]
    out: PathBuf,
    #[command(flatten)]
    isolation: super::isolation::IsolationArgs,
}

/// Runs the command; returns the exit code.
pub fn run(args: Args) -> i32 {
    let options = match args.isolation.options() {
        Ok(o) => o,
        Err(e) => return super::usage_error(&e),
    };
    let folder = match OutputFolder::for_tables(&args.out) {
        Ok(f) => f,
        Err(e) => return super::usage_error(&e.to_string()),
    };
    let files = match planlift::tables_batch(std::slice::from_ref(&args.input), &options) {
        Ok(f) => f,
        Err(e) => return super::usage_error(&e.to_string()),
    };
    let (read, failed): (Vec<_>, Vec<_>) = files.into_iter().partition(Result::is_ok);
    let read: Vec<_> = read.into_iter().flatten().collect();
    let written = read
        .iter()
        .try_for_each(|f| folder.write_tables(f))
        .and_then(|()| folder.commit());
    if let Err(e) = written {
        return super::unfinished(&args.out, &e);
    }
    for f in failed.iter().filter_map(|f| f.as_ref().err()) {
        eprintln!("planlift: failed {f}");
    }
    let total: usize = read.iter().map(|f| f.csvs.len()).sum();
    eprintln!(
        "planlift: {} files, {total} tables, output in {}",
        read.len() + failed.len(),
        args.out.display()
    );
    i32::from(!failed.is_empty())
}
