//! `planlift extract`: files and folders in, the data set out.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::inputs::{self, Input, Manifest};
use crate::record::{
    Activity, DocumentRecord, GoalRecord, ACTIVITY_COLUMNS, DOCUMENT_COLUMNS, GOAL_COLUMNS,
};
use crate::write;
use crate::Extraction;

/// Arguments of `planlift extract`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or folders (walked recursively, hidden files skipped).
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Output folder.
    #[arg(short = 'o', long = "out", default_value = "planlift-out")]
    out: PathBuf,
    /// Files processed at once (default: all cores).
    #[arg(long)]
    jobs: Option<usize>,
    /// CSV with a `file` column whose values override what is inferred.
    #[arg(long)]
    manifest: Option<PathBuf>,
    /// Also write activities.jsonl.
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
    /// No summary on stderr.
    #[arg(short, long)]
    quiet: bool,
}

/// Everything an extract run produced, in output order.
pub struct Outcome {
    /// Document records, sorted by source file.
    pub documents: Vec<DocumentRecord>,
    /// Activities in document order.
    pub activities: Vec<Activity>,
    /// Goals in document order.
    pub goals: Vec<GoalRecord>,
    /// Files of unknown type.
    pub skipped: Vec<String>,
}

/// Runs the command; returns the exit code.
pub fn run(args: Args) -> i32 {
    let vocab = match super::load_vocabulary(args.vocabulary.as_ref()) {
        Ok(v) => v,
        Err(e) => return super::usage_error(&e),
    };
    let themes = match super::load_themes(args.themes.as_ref()) {
        Ok(t) => t,
        Err(e) => return super::usage_error(&e),
    };
    let know = crate::Knowledge { vocab, themes };
    let files = match inputs::collect(&args.inputs) {
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
    let (known, unknown): (Vec<Input>, Vec<Input>) =
        files.into_iter().partition(|i| i.format.is_some());
    let progress = progress_bar(known.len(), args.quiet);
    let work = || {
        known
            .par_iter()
            .map(|input| {
                let over = manifest.for_file(&input.source_file);
                let out = crate::extract_path(&input.source_file, &input.path, &over, &know);
                if let Some(p) = &progress {
                    p.inc(1);
                }
                out
            })
            .collect::<Vec<Extraction>>()
    };
    let extractions = match args.jobs {
        Some(n) => match rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
        {
            Ok(pool) => pool.install(work),
            Err(e) => return super::usage_error(&format!("cannot start {n} workers: {e}")),
        },
        None => work(),
    };
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    let outcome = gather(
        extractions,
        unknown.into_iter().map(|i| i.source_file).collect(),
    );
    if let Err(e) = write_outputs(&args.out, &outcome, args.jsonl, args.csv_dialect) {
        eprintln!(
            "planlift: error: cannot write to {}: {e}",
            args.out.display()
        );
        return 1;
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

/// Orders the extractions: documents by source file, records in document order.
pub fn gather(mut extractions: Vec<Extraction>, skipped: Vec<String>) -> Outcome {
    extractions.sort_by(|a, b| a.document.source_file.cmp(&b.document.source_file));
    let mut outcome = Outcome {
        documents: Vec::new(),
        activities: Vec::new(),
        goals: Vec::new(),
        skipped,
    };
    for e in extractions {
        outcome.documents.push(e.document);
        outcome.activities.extend(e.activities);
        outcome.goals.extend(e.goals);
    }
    outcome
}

/// Writes every output file of SPEC.md into `dir`.
pub fn write_outputs(
    dir: &Path,
    o: &Outcome,
    jsonl: bool,
    dialect: write::CsvDialect,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let files: Vec<(&str, Vec<u8>)> = vec![
        (
            "activities.csv",
            write::csv(&o.activities, ACTIVITY_COLUMNS, &["notes"], dialect),
        ),
        ("activities.json", write::json_array(&o.activities)),
        (
            "documents.csv",
            write::csv(&o.documents, DOCUMENT_COLUMNS, &["warnings"], dialect),
        ),
        ("documents.json", write::json_array(&o.documents)),
        (
            "goals.csv",
            write::csv(&o.goals, GOAL_COLUMNS, &[], dialect),
        ),
        ("goals.json", write::json_array(&o.goals)),
        ("datapackage.json", write::datapackage::descriptor()),
    ];
    for (name, bytes) in files {
        write::atomic_write(&dir.join(name), &bytes)?;
    }
    if jsonl {
        write::atomic_write(
            &dir.join("activities.jsonl"),
            &write::json_lines(&o.activities),
        )?;
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
    let mut s = String::new();
    s.push_str(&format!(
        "planlift: {} files, {} activities, {} goals, {} failed, {} skipped\n",
        o.documents.len(),
        o.activities.len(),
        o.goals.len(),
        failed.len(),
        o.skipped.len()
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
    for f in o.skipped.iter().take(10) {
        s.push_str(&format!("  skipped {f}: unknown file type\n"));
    }
    if o.skipped.len() > 10 {
        s.push_str(&format!("  … and {} more skipped\n", o.skipped.len() - 10));
    }
    s.push_str(&format!("  output in {}\n", dir.display()));
    s
}
