//! `planlift compare`: an `extract` output folder in, the comparison tables and the
//! HTML report out.

use std::path::PathBuf;

use crate::compare::{self, report, COMPARISON_COLUMNS, SUMMARY_COLUMNS};
use crate::record::{Activity, DocumentRecord, PlanRecord, TrackingRecord};
use crate::write;

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
    #[arg(long, value_enum, default_value_t = write::CsvDialect::Rfc4180)]
    csv_dialect: write::CsvDialect,
}

/// What `compare` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Count {
    /// Each plan once, through its representative.
    Plans,
    /// Every file, renditions and follow-ups included.
    Documents,
}

fn load<T: serde::de::DeserializeOwned>(args: &Args, name: &str) -> Result<Vec<T>, String> {
    let path = args.input.join(name);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{}: {e} (is it a folder written by `planlift extract`?)",
            path.display()
        )
    })?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Runs the command; returns the exit code.
pub fn run(args: Args) -> i32 {
    let know = match crate::Knowledge::load(None, args.themes.as_deref()) {
        Ok(k) => k,
        Err(e) => return super::usage_error(&e.to_string()),
    };
    let (activities, documents): (Vec<Activity>, Vec<DocumentRecord>) = match (
        load(&args, "activities.json"),
        load(&args, "documents.json"),
    ) {
        (Ok(a), Ok(d)) => (a, d),
        (Err(e), _) | (_, Err(e)) => return super::usage_error(&e),
    };
    // Output folders from before plans were grouped have no plans.json: count files.
    let plans: Option<(Vec<PlanRecord>, Vec<TrackingRecord>)> = match args.count {
        Count::Documents => None,
        Count::Plans => match (load(&args, "plans.json"), load(&args, "tracking.json")) {
            (Ok(p), Ok(t)) => Some((p, t)),
            _ => None,
        },
    };
    let (activities, status_from) = match &plans {
        Some((p, t)) => {
            let counted = compare::counted_by_plan(&activities, &documents, p, t);
            let from = compare::status_sources(&counted, &activities, p, t);
            (counted, from)
        }
        None => (activities, Vec::new()),
    };
    let periods = compare::periods(&activities, &documents);
    let rows = compare::comparison(&activities, know.themes(), &periods);
    let summaries = compare::summaries(&activities, &documents);
    let counting = match (&plans, args.count) {
        (Some(_), _) => {
            "Each plan is counted once, through one of its documents; where a plan has follow-ups, its statuses are those of the latest."
        }
        (None, Count::Documents) => "Every file is counted, renditions and follow-ups alike.",
        (None, Count::Plans) => "Every file is counted (this folder has no plans.json).",
    };
    let html = report::render(&rows, &summaries, &activities, &status_from, counting);
    let files: Vec<(&str, Vec<u8>)> = vec![
        (
            "comparison.csv",
            write::csv(&rows, COMPARISON_COLUMNS, &[], args.csv_dialect),
        ),
        ("comparison.json", write::json_array(&rows)),
        (
            "municipalities.csv",
            write::csv(&summaries, SUMMARY_COLUMNS, &[], args.csv_dialect),
        ),
        ("municipalities.json", write::json_array(&summaries)),
        ("report.html", html.into_bytes()),
    ];
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("planlift: error: cannot create {}: {e}", args.out.display());
        return 1;
    }
    for (name, bytes) in files {
        if let Err(e) = write::atomic_write(&args.out.join(name), &bytes) {
            eprintln!(
                "planlift: error: cannot write {}: {e}",
                args.out.join(name).display()
            );
            return 1;
        }
    }
    eprintln!(
        "planlift: {} municipalities, {} comparison rows, report in {}",
        summaries.len(),
        rows.len(),
        args.out.join("report.html").display()
    );
    0
}
