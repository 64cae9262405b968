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
    let mut folder = match OutputFolder::for_tables(&args.out) {
        Ok(f) => f,
        Err(e) => return super::usage_error(&e.to_string()),
    };
    // Files that share a stem (`plan.docx`, `plan.pdf`) keep their tables apart.
    match planlift::input_names(std::slice::from_ref(&args.input)) {
        Ok(names) => folder.expect_tables_of(&names),
        Err(e) => return super::usage_error(&e.to_string()),
    }
    // Each file's tables are written as soon as they are read, while the others are.
    let unwritten: std::sync::Mutex<Option<planlift::Error>> = Default::default();
    let write = |file: Result<&planlift::TableFiles, planlift::Error>| {
        if let Ok(file) = file {
            if let Err(e) = folder.write_tables(file) {
                if let Ok(mut first) = unwritten.lock() {
                    first.get_or_insert(e);
                }
            }
        }
    };
    let files =
        match planlift::tables_batch_each(std::slice::from_ref(&args.input), &options, &write) {
            Ok(f) => f,
            Err(e) => return super::usage_error(&e.to_string()),
        };
    let (read, failed): (Vec<_>, Vec<_>) = files.into_iter().partition(Result::is_ok);
    let read: Vec<_> = read.into_iter().flatten().collect();
    let unwritten = unwritten.into_inner().unwrap_or_else(|e| e.into_inner());
    let written = match unwritten {
        Some(e) => Err(e),
        None => folder.commit(),
    };
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
