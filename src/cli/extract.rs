//! `planlift extract`: files and folders in, the data set out.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::inputs::{self, Manifest};
use crate::batch::outdir::{self, Staging};
use crate::batch::{self, Reply};
use crate::record::{Activity, DocumentRecord};
use crate::write::{self, columns::Rows};

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
    formats: write::Formats,
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
    #[arg(long, value_enum, default_value_t = write::CsvDialect::Rfc4180)]
    csv_dialect: write::CsvDialect,
    /// Process only the K-th of N balanced shares of the inputs (`1/4` ... `4/4`), for
    /// batches split across machines; `planlift merge` combines the shards' outputs.
    #[arg(long, value_name = "K/N")]
    shard: Option<super::shard::Shard>,
    /// No summary on stderr.
    #[arg(short, long)]
    quiet: bool,
}

/// Everything an extract run produced, in output order: the library's batch result.
pub use crate::api::BatchResult as Outcome;

/// Runs the command; returns the exit code.
pub fn run(args: Args) -> i32 {
    let know = match crate::Knowledge::load(args.vocabulary.as_deref(), args.themes.as_deref()) {
        Ok(k) => k,
        Err(e) => return super::usage_error(&e.to_string()),
    };
    let options = match args
        .isolation
        .options(args.vocabulary.clone(), args.themes.clone())
    {
        Ok(o) => o,
        Err(e) => return super::usage_error(&e),
    };
    let stdin_given = args.inputs.iter().any(|p| p.as_os_str() == "-");
    let paths: Vec<PathBuf> = args
        .inputs
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let mut files = match inputs::collect(&paths) {
        Ok(f) => f,
        Err(e) => return super::usage_error(&e),
    };
    let manifest = match &args.manifest {
        Some(path) => match Manifest::read(path) {
            Ok(m) => m,
            Err(e) => return super::usage_error(&e),
        },
        None => Manifest::default(),
    };
    let to_stdout = args.out.as_os_str() == "-";
    let staging = if to_stdout {
        None
    } else {
        match Staging::begin(&args.out, outdir::Kind::Extract) {
            Ok(s) => Some(s),
            Err(e) => return super::usage_error(&e),
        }
    };
    let spooled = if stdin_given {
        match inputs::spool_stdin(args.name.as_deref()) {
            Ok(s) => Some(s),
            Err(e) => return super::usage_error(&e),
        }
    } else {
        None
    };
    files.extend(spooled.iter().map(|s| s.input.clone()));
    let notices = manifest.notices(&files);
    if let Some(shard) = args.shard {
        files = shard.select(files);
    }
    let (mut extractions, tasks) = inputs::tasks(files, &manifest);
    let progress = progress_bar(tasks.len(), args.quiet);
    let tick = || {
        if let Some(p) = &progress {
            p.inc(1);
        }
    };
    let replies = match batch::run(&tasks, &options, &know, &tick) {
        Ok(r) => r,
        Err(e) => return super::usage_error(&e),
    };
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    extractions.extend(replies.into_iter().filter_map(|r| match r {
        Reply::Extracted(e) => Some(*e),
        Reply::Tables(_) => None,
    }));
    let mut outcome = Outcome::gather(extractions);
    outcome.notices = notices;
    let formats = write::Formats {
        jsonl: args.formats.jsonl || args.jsonl,
        ..args.formats
    };
    drop(spooled);
    let written = match staging {
        Some(staging) => write_outputs(&staging, &outcome, formats, args.csv_dialect)
            .and_then(|()| staging.commit()),
        None => stream(&outcome.activities),
    };
    if let Err(e) = written {
        eprintln!(
            "planlift: error: cannot finish the outputs in {}: {e}; the previous outputs are left as they were",
            args.out.display()
        );
        return 3;
    }
    if !args.quiet {
        eprint!("{}", summary(&outcome, &args.out));
    }
    if outcome.documents.iter().any(|d| d.outcome == "failed") {
        1
    } else {
        0
    }
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

fn progress_bar(len: usize, quiet: bool) -> Option<indicatif::ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// Writes every output file of SPEC.md in the chosen formats into `dir` (the staging
/// folder of the run).
pub fn write_outputs(
    dir: &outdir::Staging,
    o: &Outcome,
    formats: write::Formats,
    dialect: write::CsvDialect,
) -> std::io::Result<()> {
    let tables = [
        Rows::of("activities", &o.activities),
        Rows::of("documents", &o.documents),
        Rows::of("goals", &o.goals),
        Rows::of("plans", &o.plans),
        Rows::of("tracking", &o.tracking),
    ];
    let put = |name: String, bytes: &[u8]| dir.write(&name, bytes);
    for rows in &tables {
        if formats.csv {
            put(
                format!("{}.csv", rows.table),
                &write::csv_rows(rows, dialect),
            )?;
        }
        if formats.json {
            put(
                format!("{}.json", rows.table),
                &write::json_array(&rows.values),
            )?;
        }
        if formats.parquet {
            let bytes = write::parquet::parquet(rows).map_err(std::io::Error::other)?;
            put(format!("{}.parquet", rows.table), &bytes)?;
        }
    }
    if formats.csv {
        put(
            "datapackage.json".into(),
            &write::datapackage::descriptor(dialect),
        )?;
    }
    if formats.jsonl {
        put(
            "activities.jsonl".into(),
            &write::json_lines(&tables[0].values),
        )?;
    }
    if formats.xlsx {
        let bytes = write::xlsx::workbook(&tables).map_err(std::io::Error::other)?;
        put("planlift.xlsx".into(), &bytes)?;
    }
    Ok(())
}

/// The one-screen summary: files by format, records, failures with their reasons.
pub fn summary(o: &Outcome, dir: &Path) -> String {
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
