//! Many files at once: the tasks a batch runs, run either in worker processes under a
//! deadline and a memory cap ([`pool`], the default) or in this process
//! ([`Isolation::InProcess`], for benchmarks and debugging); and the output folder that
//! is replaced as a whole ([`outdir`]).
//!
//! The library itself stays single-process: a task is one call of
//! [`crate::extract_path`] or of the readers, wherever it runs.

pub mod outdir;
pub mod pool;
pub mod protocol;
pub mod size;
pub mod worker;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::facts::Overrides;
use crate::read::Format;
use crate::{Extraction, Knowledge};

/// One file to work on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Task {
    /// Extract the file's records (`planlift extract`).
    Extract {
        /// The name used in the output.
        source_file: String,
        /// Where the file is.
        path: PathBuf,
        /// Manifest values for this file.
        overrides: Overrides,
    },
    /// Read the file's raw tables (`planlift tables`).
    Tables {
        /// The name used in the output.
        source_file: String,
        /// Where the file is.
        path: PathBuf,
    },
}

/// What a task yields.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Reply {
    /// The extraction of one file (failed ones included).
    Extracted(Box<Extraction>),
    /// The raw tables of one file, or why they could not be read.
    Tables(Result<crate::api::TableFiles, String>),
}

/// Where a batch's files are read.
///
/// ```
/// use planlift::Isolation;
/// let isolated = Isolation::Workers { timeout: std::time::Duration::from_secs(60), max_memory: 2 << 30 };
/// assert_eq!(Isolation::workers(60.0, "2G").unwrap(), isolated);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Isolation {
    /// In worker processes, each file under a deadline and a memory cap.
    Workers {
        /// Longest time one file may take.
        timeout: Duration,
        /// Most memory (address space) a worker may use, in bytes.
        max_memory: u64,
    },
    /// In this process, on a thread pool (no protection against hangs or crashes).
    InProcess,
}

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Files processed at once.
    pub jobs: usize,
    /// Workers or in-process.
    pub isolation: Isolation,
    /// A vocabulary file in place of the built-in one (passed on to workers).
    pub vocabulary: Option<PathBuf>,
    /// A theme taxonomy in place of the built-in one (passed on to workers).
    pub themes: Option<PathBuf>,
    /// The program workers run; `None` for this executable (`planlift worker`).
    pub worker: Option<crate::api::WorkerCommand>,
}

impl Task {
    /// The name used in the output.
    pub fn source_file(&self) -> &str {
        match self {
            Task::Extract { source_file, .. } | Task::Tables { source_file, .. } => source_file,
        }
    }

    /// Runs the task here, in this process.
    pub fn run(&self, know: &Knowledge) -> Reply {
        match self {
            Task::Extract {
                source_file,
                path,
                overrides,
            } => Reply::Extracted(Box::new(crate::extract_path(
                source_file,
                path,
                overrides,
                know,
            ))),
            Task::Tables { source_file, path } => Reply::Tables(dump_tables(source_file, path)),
        }
    }

    /// The reply for a task whose worker failed (timed out, ran out of memory, crashed).
    pub fn failure(&self, reason: String) -> Reply {
        match self {
            Task::Extract {
                source_file, path, ..
            } => Reply::Extracted(Box::new(crate::failed_path(
                source_file,
                path,
                Format::from_path(path),
                reason,
            ))),
            Task::Tables { .. } => Reply::Tables(Err(reason)),
        }
    }
}

fn dump_tables(
    source_file: &str,
    path: &std::path::Path,
) -> Result<crate::api::TableFiles, String> {
    let (format, bytes) = crate::read_checked(path)?;
    let doc = crate::read::read(format, &bytes).map_err(|e| e.to_string())?;
    let name = source_file.rsplit('/').next().unwrap_or(source_file);
    let raw = doc.raw_tables();
    let json = crate::write::table_csv::tables_json(name, &raw);
    let csvs = raw
        .iter()
        .map(|(_, t)| String::from_utf8_lossy(&crate::write::table_csv::grid_csv(t)).into_owned())
        .collect();
    Ok(crate::api::TableFiles {
        source_file: source_file.to_string(),
        json,
        csvs,
    })
}

/// Runs every task and returns the replies in task order. `done` is called once per
/// finished task with its index and reply, from any thread (for a progress bar, or to
/// write the task's output while others are read), and says whether to go on: once it
/// says no, no further task starts (those running finish) and the batch is `Err`,
/// cancelled.
pub fn run(
    tasks: &[Task],
    options: &Options,
    know: &Knowledge,
    done: &(dyn Fn(usize, &Reply) -> bool + Sync),
) -> Result<Vec<Reply>, String> {
    // Set once `done` says no; checked before each task starts.
    let stop = AtomicBool::new(false);
    let finished = |i: usize, reply: &Reply| {
        if !done(i, reply) {
            stop.store(true, Ordering::Relaxed);
        }
    };
    let jobs = options.jobs.max(1);
    let replies = match options.isolation {
        Isolation::Workers {
            timeout,
            max_memory,
        } => {
            let pool = pool::Pool {
                workers: jobs,
                timeout,
                max_memory,
                vocabulary: options.vocabulary.clone(),
                themes: options.themes.clone(),
                command: options.worker.clone(),
            };
            pool.run(tasks, &finished, &stop)
        }
        Isolation::InProcess => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(jobs)
                .build()
                .map_err(|e| format!("cannot start {jobs} threads: {e}"))?;
            pool.install(|| {
                tasks
                    .par_iter()
                    .enumerate()
                    .map(|(i, t)| {
                        if stop.load(Ordering::Relaxed) {
                            return t.failure("cancelled".into());
                        }
                        let reply = t.run(know);
                        finished(i, &reply);
                        reply
                    })
                    .collect()
            })
        }
    };
    if stop.load(Ordering::Relaxed) {
        return Err("cancelled before every file was read".into());
    }
    Ok(replies)
}
