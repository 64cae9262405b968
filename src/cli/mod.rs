//! The command line: argument parsing and the four commands of SPEC.md.

mod compare;
mod extract;
mod isolation;
mod merge;
mod tables;

use std::ffi::OsString;
use std::path::Path;

use clap::{Parser, Subcommand};

/// Lifts the activity tables out of municipal action plans into one normalized data set.
#[derive(Parser, Debug)]
#[command(name = "planlift", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract activities, documents and goals from files and folders into CSV and JSON.
    Extract(extract::Args),
    /// Write every table of a file (or of every file in a folder) as its raw cell grid.
    Tables(tables::Args),
    /// Compare municipalities: counts by theme and status, and an HTML report.
    Compare(compare::Args),
    /// Combine the outputs of `extract --shard K/N` runs into the outputs of one run.
    Merge(merge::Args),
    /// Serve files to a batch over standard input and output (started by `extract` and
    /// `tables` themselves; not for people).
    #[command(hide = true, disable_help_flag = true)]
    Worker {
        /// The worker's own arguments, handed to the library.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<OsString>,
    },
    /// Print the JSON Schema of a record or of a JSON output file.
    Schema {
        /// `activity`, `document`, `goal`, `plan`, `tracking` (records of `extract`),
        /// `comparison`, `municipality` (rows of `compare`) or `tables` (a
        /// `<stem>.tables.json` of `tables`).
        #[arg(value_parser = SCHEMAS.map(|(name, _)| name), default_value = "activity")]
        record: String,
    },
    /// Print a shell completion script (`planlift completions bash > /etc/bash_completion.d/planlift`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (`planlift man > planlift.1`).
    Man,
}

/// Every JSON Schema `planlift schema` prints, by name.
const SCHEMAS: [(&str, &str); 8] = [
    ("activity", ACTIVITY_SCHEMA),
    ("document", DOCUMENT_SCHEMA),
    ("goal", GOAL_SCHEMA),
    ("plan", PLAN_SCHEMA),
    ("tracking", TRACKING_SCHEMA),
    (
        "comparison",
        include_str!("../../schemas/comparison.schema.json"),
    ),
    (
        "municipality",
        include_str!("../../schemas/municipality.schema.json"),
    ),
    ("tables", include_str!("../../schemas/tables.schema.json")),
];

/// The JSON Schema of activity records.
const ACTIVITY_SCHEMA: &str = include_str!("../../schemas/activity.schema.json");
/// The JSON Schema of goal records.
const GOAL_SCHEMA: &str = include_str!("../../schemas/goal.schema.json");
/// The JSON Schema of document records.
const DOCUMENT_SCHEMA: &str = include_str!("../../schemas/document.schema.json");
/// The JSON Schema of plan records.
const PLAN_SCHEMA: &str = include_str!("../../schemas/plan.schema.json");
/// The JSON Schema of tracking records.
const TRACKING_SCHEMA: &str = include_str!("../../schemas/tracking.schema.json");

/// Runs the command line and returns the process exit code (0 ok, 1 some input failed,
/// 2 usage error, 3 the outputs could not be finished).
pub fn run() -> i32 {
    // A file-size limit (`ulimit -f`) must fail a write, not kill the process, so that
    // the run can report it and leave the previous outputs in place.
    // SAFETY: setting a signal's disposition to ignore.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Tables(args) => tables::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Worker { args } => {
            planlift::serve_worker(std::iter::once(OsString::from("worker")).chain(args))
        }
        Command::Schema { record } => {
            let schema = SCHEMAS
                .iter()
                .find(|(name, _)| *name == record)
                .map_or(ACTIVITY_SCHEMA, |(_, s)| s);
            emit(schema.as_bytes())
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut cmd = Cli::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "planlift", &mut script);
            emit(&script)
        }
        Command::Man => {
            use clap::CommandFactory;
            let mut page = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut page) {
                Ok(()) => emit(&page),
                Err(e) => {
                    eprintln!("planlift: error: {e}");
                    1
                }
            }
        }
    }
}

/// Writes `bytes` to standard output; a reader that stops early (`| head`) is no error.
fn emit(bytes: &[u8]) -> i32 {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("planlift: error: cannot write to standard output: {e}");
            1
        }
        _ => 0,
    }
}

/// Reports outputs that could not be finished and returns exit code 3.
pub fn unfinished(out: &Path, e: &planlift::Error) -> i32 {
    eprintln!(
        "planlift: error: cannot finish the outputs in {}: {}; the previous outputs are left as they were",
        out.display(),
        e.reason
    );
    3
}

/// Prints a usage error and returns exit code 2.
pub fn usage_error(message: &str) -> i32 {
    eprintln!("planlift: error: {message}");
    2
}
