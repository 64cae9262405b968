//! `planlift merge DIR... -o OUT`: combines the outputs of `extract --shard K/N` runs
//! into the folder one run over all inputs writes, byte for byte. Each shard folder must
//! hold the JSON outputs (`json` among its `--format`); plans and tracking are built
//! again over all documents, since a plan's renditions and follow-ups may sit in
//! different shards.

use std::path::{Path, PathBuf};

use crate::batch::outdir::{self, Staging};
use crate::record::{Activity, DocumentRecord, GoalRecord};
use crate::write;
use crate::Extraction;

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
    formats: write::Formats,
    /// CSV dialect: `rfc4180` (default) or `excel`.
    #[arg(long, value_enum, default_value_t = write::CsvDialect::Rfc4180)]
    csv_dialect: write::CsvDialect,
    /// No summary on stderr.
    #[arg(short, long)]
    quiet: bool,
}

fn read<T: serde::de::DeserializeOwned>(dir: &Path, name: &str) -> Result<Vec<T>, String> {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{}: {e} (merge reads the JSON outputs: run the shards with json among --format)",
            path.display()
        )
    })?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The extractions a shard folder holds, one per document, its records in order.
fn shard_extractions(dir: &Path) -> Result<Vec<Extraction>, String> {
    let documents: Vec<DocumentRecord> = read(dir, "documents.json")?;
    let activities: Vec<Activity> = read(dir, "activities.json")?;
    let goals: Vec<GoalRecord> = read(dir, "goals.json")?;
    let mut out: Vec<Extraction> = documents
        .into_iter()
        .map(|mut document| {
            document.plan_id = None;
            document.rendition_of = None;
            Extraction {
                document,
                activities: Vec::new(),
                goals: Vec::new(),
            }
        })
        .collect();
    let index: std::collections::HashMap<String, usize> = out
        .iter()
        .enumerate()
        .map(|(i, e)| (e.document.source_file.clone(), i))
        .collect();
    let find = |source_file: &str| {
        index.get(source_file).copied().ok_or_else(|| {
            format!(
                "{}: a record of `{source_file}`, which documents.json does not list",
                dir.display()
            )
        })
    };
    for a in activities {
        let i = find(&a.source_file)?;
        out[i].activities.push(a);
    }
    for g in goals {
        let i = find(&g.source_file)?;
        out[i].goals.push(g);
    }
    Ok(out)
}

/// Runs the command; returns the exit code (1 when a shard listed a failed document).
pub fn run(args: Args) -> i32 {
    let mut extractions = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for dir in &args.shards {
        match shard_extractions(dir) {
            Ok(list) => {
                for e in list {
                    if !seen.insert(e.document.source_file.clone()) {
                        return super::usage_error(&format!(
                            "{}: `{}` is also in another shard; merge shards of one batch",
                            dir.display(),
                            e.document.source_file
                        ));
                    }
                    extractions.push(e);
                }
            }
            Err(e) => return super::usage_error(&e),
        }
    }
    let staging = match Staging::begin(&args.out, outdir::Kind::Extract) {
        Ok(s) => s,
        Err(e) => return super::usage_error(&e),
    };
    let outcome = super::extract::Outcome::gather(extractions);
    if let Err(e) =
        super::extract::write_outputs(&staging, &outcome, args.formats, args.csv_dialect)
            .and_then(|()| staging.commit())
    {
        eprintln!(
            "planlift: error: cannot finish the outputs in {}: {e}; the previous outputs are left as they were",
            args.out.display()
        );
        return 3;
    }
    if !args.quiet {
        eprint!("{}", super::extract::summary(&outcome, &args.out));
    }
    i32::from(outcome.documents.iter().any(|d| d.outcome == "failed"))
}
