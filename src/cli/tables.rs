//! `planlift tables`: every table a reader sees, as raw cell grids.

use std::path::PathBuf;

use super::inputs;
use crate::batch::outdir::{self, Staging};
use crate::batch::{self, Reply, Task};

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
    let options = match args.isolation.options(None, None) {
        Ok(o) => o,
        Err(e) => return super::usage_error(&e),
    };
    let files = match inputs::collect(std::slice::from_ref(&args.input)) {
        Ok(f) => f,
        Err(e) => return super::usage_error(&e),
    };
    let staging = match Staging::begin(&args.out, outdir::Kind::Tables) {
        Ok(s) => s,
        Err(e) => return super::usage_error(&e),
    };
    let mut failures = Vec::new();
    let mut tasks = Vec::new();
    for input in files {
        match (input.problem, input.format) {
            (Some(problem), _) => failures.push(format!("{}: {problem}", input.source_file)),
            (None, None) => {}
            (None, Some(_)) => tasks.push(Task::Tables {
                source_file: input.source_file,
                path: input.path,
            }),
        }
    }
    let replies = match batch::run(&tasks, &options, &crate::Knowledge::builtin(), &|| {}) {
        Ok(r) => r,
        Err(e) => return super::usage_error(&e),
    };
    let mut total = 0;
    let written = (|| -> std::io::Result<()> {
        for (task, reply) in tasks.iter().zip(replies) {
            let dump = match reply {
                Reply::Tables(Ok(dump)) => dump,
                Reply::Tables(Err(e)) => {
                    failures.push(format!("{}: {e}", task.source_file()));
                    continue;
                }
                Reply::Extracted(_) => continue,
            };
            let source = task.source_file();
            let stem = source.rsplit_once('.').map_or(source, |(s, _)| s);
            let stem = stem.replace('/', "__");
            for (i, csv) in dump.csvs.iter().enumerate() {
                staging.write(&format!("{stem}.table-{}.csv", i + 1), csv.as_bytes())?;
            }
            staging.write(&format!("{stem}.tables.json"), dump.json.as_bytes())?;
            total += dump.csvs.len();
        }
        Ok(())
    })()
    .and_then(|()| staging.commit());
    if let Err(e) = written {
        eprintln!(
            "planlift: error: cannot finish the outputs in {}: {e}; the previous outputs are left as they were",
            args.out.display()
        );
        return 3;
    }
    for f in &failures {
        eprintln!("planlift: failed {f}");
    }
    eprintln!(
        "planlift: {} files, {total} tables, output in {}",
        tasks.len(),
        args.out.display()
    );
    i32::from(!failures.is_empty())
}
