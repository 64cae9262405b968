//! `planlift extract`: files and folders in, the data set out.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use planlift::{Activity, BatchResult, CsvDialect, DocumentRecord, Formats, OutputFolder};

/// Arguments of `planlift extract`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or folders (walked recursively, hidden files skipped).
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Output folder (replaced as a whole when the run is done); `-` writes the activity
    /// records as JSON Lines to standard output instead.
    #[arg(short = 'o', long = "out", default_value = "planlift-out")]
    out: PathBuf,
    /// The file name of the document read from standard input (INPUT `-`): its format
    /// comes from the extension, and it is the record's `source_file`. Without it the
    /// format is told from the bytes.
    #[arg(long, value_name = "FILE.EXT")]
    name: Option<String>,
    #[command(flatten)]
    isolation: super::isolation::IsolationArgs,
    /// CSV with a `file` column whose values override what is inferred.
    #[arg(long)]
    manifest: Option<PathBuf>,
    /// Output formats, comma-separated: `csv`, `json`, `jsonl`, `parquet`, `xlsx`, `all`.
    #[arg(long = "format", value_name = "LIST", default_value = "csv,json")]
    formats: Formats,
    /// Also write activities.jsonl (the same as adding `jsonl` to `--format`).
    #[arg(long)]
    jsonl: bool,
    /// A vocabulary file to use instead of the built-in one (see data/vocabulary.toml).
    #[arg(long)]
    vocabulary: Option<PathBuf>,
    /// A theme taxonomy to use instead of the built-in one (see data/themes.toml).
    #[arg(long)]
    themes: Option<PathBuf>,
    /// CSV dialect: `rfc4180` (default) or `excel` (`;`, UTF-8 BOM, formula guard).
    #[arg(long, value_enum, default_value_t = CsvDialect::Rfc4180)]
    csv_dialect: CsvDialect,
    /// Process only the K-th of N balanced shares of the inputs (`1/4` ... `4/4`), for
    /// batches split across machines; `planlift merge` combines the shards' outputs.
    #[arg(long, value_name = "K/N")]
    shard: Option<planlift::Shard>,
    /// No summary on stderr.
    #[arg(short, long)]
    quiet: bool,
}

/// Runs the command; returns the exit code.
pub fn run(args: Args) -> i32 {
    let options = match args.isolation.options() {
        Ok(o) => planlift::BatchOptions {
            manifest: args.manifest.clone(),
            vocabulary: args.vocabulary.clone(),
            themes: args.themes.clone(),
            shard: args.shard,
            stdin_name: args.name.clone(),
            ..o
        },
        Err(e) => return super::usage_error(&e),
    };
    let to_stdout = args.out.as_os_str() == "-";
    let folder = match to_stdout {
        true => None,
        false => match OutputFolder::for_extract(&args.out) {
            Ok(f) => Some(f),
            Err(e) => return super::usage_error(&e.to_string()),
        },
    };
    let progress = progress_bar(&args);
    let tick = |done: usize, total: usize| {
        if let Some(p) = &progress {
            p.set_length(total as u64);
            p.set_position(done as u64);
        }
        true
    };
    let outcome = match planlift::extract_batch_with_progress(&args.inputs, &options, &tick) {
        Ok(o) => o,
        Err(e) => return super::usage_error(&e.to_string()),
    };
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    let formats = Formats {
        jsonl: args.formats.jsonl || args.jsonl,
        ..args.formats
    };
    let written = match folder {
        Some(folder) => folder
            .write_result(&outcome, formats, args.csv_dialect)
            .and_then(|()| folder.commit()),
        None => stream(&outcome.activities)
            .map_err(|e| planlift::Error::new(None, format!("standard output: {e}"))),
    };
    if let Err(e) = written {
        return super::unfinished(&args.out, &e);
    }
    if !args.quiet {
        eprint!("{}", summary(&outcome, &args.out));
    }
    let failed = outcome.failed().next().is_some();
    i32::from(failed)
}

/// Writes the activity records as JSON Lines to standard output. A reader that stops
/// early (`| head`) ends the stream without an error.
fn stream(activities: &[Activity]) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let result = activities.iter().try_for_each(|a| {
        serde_json::to_writer(&mut out, a)?;
        out.write_all(b"\n")
    });
    match result.and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// A bar of files read, on a terminal.
fn progress_bar(args: &Args) -> Option<indicatif::ProgressBar> {
    if args.quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// The one-screen summary: files by format, records, failures with their reasons.
pub fn summary(o: &BatchResult, dir: &Path) -> String {
    let mut by_format: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for d in &o.documents {
        let entry = by_format.entry(d.source_format.as_str()).or_default();
        entry.0 += 1;
        entry.1 += d.activities;
    }
    let failed: Vec<&DocumentRecord> = o
        .documents
        .iter()
        .filter(|d| d.outcome == "failed")
        .collect();
    let skipped: Vec<&DocumentRecord> = o
        .documents
        .iter()
        .filter(|d| d.outcome == "skipped")
        .collect();
    let mut s = String::new();
    s.push_str(&format!(
        "planlift: {} files, {} activities, {} goals, {} failed, {} skipped\n",
        o.documents.len(),
        o.activities.len(),
        o.goals.len(),
        failed.len(),
        skipped.len()
    ));
    for (format, (files, acts)) in &by_format {
        s.push_str(&format!(
            "  {format:<6} {files:>5} files {acts:>7} activities\n"
        ));
    }
    for d in failed.iter().take(20) {
        s.push_str(&format!(
            "  failed  {}: {}\n",
            d.source_file,
            d.error.as_deref().unwrap_or("unknown error")
        ));
    }
    if failed.len() > 20 {
        s.push_str(&format!(
            "  … and {} more failures (see documents.csv)\n",
            failed.len() - 20
        ));
    }
    let unread: Vec<&DocumentRecord> = o
        .documents
        .iter()
        .filter(|d| d.outcome == "no_activities" && d.tables > 0)
        .collect();
    for d in unread.iter().take(10) {
        let why = d
            .warnings
            .iter()
            .find(|w| w.contains("but no activities"))
            .map_or("tables but no activities", String::as_str);
        s.push_str(&format!("  no activities {}: {why}\n", d.source_file));
    }
    if unread.len() > 10 {
        s.push_str(&format!(
            "  … and {} more documents with tables but no activities\n",
            unread.len() - 10
        ));
    }
    for n in &o.notices {
        s.push_str(&format!("  warning {n}\n"));
    }
    for d in skipped.iter().take(10) {
        s.push_str(&format!(
            "  skipped {}: {}\n",
            d.source_file,
            d.error.as_deref().unwrap_or("unsupported file type")
        ));
    }
    if skipped.len() > 10 {
        s.push_str(&format!("  … and {} more skipped\n", skipped.len() - 10));
    }
    if dir.as_os_str() == "-" {
        s.push_str("  activities written to standard output\n");
    } else {
        s.push_str(&format!("  output in {}\n", dir.display()));
    }
    s
}
