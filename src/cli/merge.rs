//! `planlift merge DIR... -o OUT`: combines the outputs of `extract --shard K/N` runs
//! into the folder one run over all inputs writes, byte for byte. Each shard folder must
//! hold the JSON outputs (`json` among its `--format`); plans and tracking are built
//! again over all documents, since a plan's renditions and follow-ups may sit in
//! different shards.

use std::path::PathBuf;

use planlift::{BatchResult, CsvDialect, Formats, OutputFolder};

/// Arguments of `planlift merge`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The output folders of the shards (`extract --shard K/N`), each with its JSON files.
    #[arg(required = true, value_name = "DIR")]
    shards: Vec<PathBuf>,
    /// Output folder (replaced as a whole when the merge is done).
    #[arg(short = 'o', long = "out", default_value = "planlift-out")]
    out: PathBuf,
    /// Output formats, comma-separated: `csv`, `json`, `jsonl`, `parquet`, `xlsx`, `all`.
    #[arg(long = "format", value_name = "LIST", default_value = "csv,json")]
    formats: Formats,
    /// CSV dialect: `rfc4180` (default) or `excel`.
    #[arg(long, value_enum, default_value_t = CsvDialect::Rfc4180)]
    csv_dialect: CsvDialect,
    /// No summary on stderr.
    #[arg(short, long)]
    quiet: bool,
}

/// Runs the command; returns the exit code (1 when a shard listed a failed document).
pub fn run(args: Args) -> i32 {
    let outcome = match BatchResult::merge_folders(&args.shards) {
        Ok(o) => o,
        Err(e) => return super::usage_error(&e.to_string()),
    };
    let folder = match OutputFolder::for_extract(&args.out) {
        Ok(f) => f,
        Err(e) => return super::usage_error(&e.to_string()),
    };
    if let Err(e) = folder
        .write_result(&outcome, args.formats, args.csv_dialect)
        .and_then(|()| folder.commit())
    {
        return super::unfinished(&args.out, &e);
    }
    if !args.quiet {
        eprint!("{}", super::extract::summary(&outcome, &args.out));
    }
    let failed = outcome.failed().next().is_some();
    i32::from(failed)
}
