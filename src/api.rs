//! The library's front door: a batch of files and folders in, the data set out (with the
//! command line's options: jobs, isolation, manifest, vocabulary, themes); the raw tables
//! of one document; the worker side of isolation for programs that embed planlift.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::batch::{self, Reply};
use crate::compare::{ComparisonRow, MunicipalitySummary};
use crate::inputs::{self, Manifest};
use crate::model::Table;
use crate::read::Format;
use crate::record::{Activity, DocumentRecord, GoalRecord, PlanRecord, TrackingRecord};
use crate::{Extraction, Knowledge};

pub use crate::batch::Isolation;
pub use crate::inputs::shard::Shard;

/// Why a call failed as a whole; one line naming the file.
///
/// An input, manifest, vocabulary or taxonomy that could not be read, or a document whose
/// tables could not be read.
///
/// ```
/// let e = planlift::tables("no/such/plan.docx").unwrap_err();
/// assert!(e.not_found);
/// assert!(e.to_string().starts_with("no/such/plan.docx: "));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The file the error is about, where there is one.
    pub path: Option<PathBuf>,
    /// What went wrong, one line, without the path.
    pub reason: String,
    /// Whether the file does not exist.
    pub not_found: bool,
}

impl Error {
    /// An error about `path` (where there is one), its reason made one line.
    ///
    /// ```
    /// let e = planlift::Error::new(Some("a.pdf".as_ref()), "damaged\nxref");
    /// assert_eq!(e.to_string(), "a.pdf: damaged xref");
    /// ```
    pub fn new(path: Option<&Path>, reason: impl Into<String>) -> Error {
        Error {
            path: path.map(Path::to_path_buf),
            reason: crate::error::one_line(&reason.into()),
            not_found: false,
        }
    }

    fn io(path: &Path, e: &std::io::Error) -> Error {
        Error {
            not_found: e.kind() == std::io::ErrorKind::NotFound,
            ..Error::new(Some(path), e.to_string())
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}: {}", p.display(), self.reason),
            None => f.write_str(&self.reason),
        }
    }
}

impl std::error::Error for Error {}

/// The program a worker process runs.
///
/// `program`, then `args`, then the worker's own arguments (`worker --max-memory …`),
/// which it hands to [`serve_worker`]. By default the running executable itself
/// (`planlift worker …`).
///
/// ```
/// // A Python interpreter serving as worker (as the Python package does).
/// let w = planlift::WorkerCommand {
///     program: "python3".into(),
///     args: vec!["-c".into(), "import planlift._native as n, sys; sys.exit(n._serve_worker(sys.argv[1:]))".into()],
/// };
/// let options = planlift::BatchOptions { worker: Some(w), ..Default::default() };
/// # let _ = options;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerCommand {
    /// The executable.
    pub program: PathBuf,
    /// Arguments before the worker's own.
    pub args: Vec<OsString>,
}

/// How [`extract_batch`] runs: the options of `planlift extract`.
///
/// The default: one file per core at once, read in this process
/// ([`Isolation::InProcess`]), the built-in vocabulary and themes. The command line reads
/// each file in a worker process instead ([`Isolation::Workers`]: 60 s, 2 GiB by default);
/// a worker is the running executable (`planlift` answers `worker …` itself) unless
/// [`BatchOptions::worker`] names another program, which hands its arguments to
/// [`serve_worker`].
///
/// ```
/// use planlift::{BatchOptions, Isolation};
/// let options = BatchOptions {
///     jobs: Some(2),
///     isolation: Isolation::workers(30.0, "1G").unwrap(),
///     manifest: Some("manifest.csv".into()),
///     ..BatchOptions::default()
/// };
/// # let _ = options;
/// ```
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Files processed at once; `None` for one per core.
    pub jobs: Option<usize>,
    /// Worker processes under a deadline and a memory cap (the default: 60 s, 2 GiB), or
    /// this process.
    pub isolation: Isolation,
    /// A manifest CSV whose `file` column names the files its values apply to.
    pub manifest: Option<PathBuf>,
    /// A vocabulary file in place of the built-in one.
    pub vocabulary: Option<PathBuf>,
    /// A theme taxonomy in place of the built-in one.
    pub themes: Option<PathBuf>,
    /// The worker program; `None` for the running executable.
    pub worker: Option<WorkerCommand>,
    /// Only this share of the inputs (`planlift extract --shard K/N`): the shares of N
    /// runs together are the whole batch, and [`BatchResult::merge_folders`] combines
    /// their outputs.
    pub shard: Option<Shard>,
    /// The name of the document read from standard input (an input `-`): its format
    /// comes from the extension, and it is the document's `source_file`. `None`: the
    /// format is told from the bytes, and the name is `stdin.EXT`.
    pub stdin_name: Option<String>,
}

impl Default for BatchOptions {
    fn default() -> BatchOptions {
        BatchOptions {
            jobs: None,
            isolation: Isolation::InProcess,
            manifest: None,
            vocabulary: None,
            themes: None,
            worker: None,
            shard: None,
            stdin_name: None,
        }
    }
}

/// Everything a batch produced: the tables `planlift extract` writes.
///
/// ```
/// let out = planlift::extract_batch(&["fixtures/plans"], &planlift::BatchOptions::default()).unwrap();
/// assert_eq!(out.documents.len(), 11);
/// assert!(out.plans.len() < out.documents.len(), "renditions and follow-ups grouped");
/// assert!(out.tracking.iter().any(|t| t.status.is_some()));
/// ```
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BatchResult {
    /// Document records sorted by source file, failed and skipped ones included.
    pub documents: Vec<DocumentRecord>,
    /// Activities in document order.
    pub activities: Vec<Activity>,
    /// Goals in document order.
    pub goals: Vec<GoalRecord>,
    /// Plans: renditions grouped, follow-ups attached.
    pub plans: Vec<PlanRecord>,
    /// Plan activities tracked through their follow-ups.
    pub tracking: Vec<TrackingRecord>,
    /// What was odd about the batch as a whole (a manifest row that matches no file).
    pub notices: Vec<String>,
}

impl BatchResult {
    /// Orders extractions (documents by source file, records in document order) and
    /// groups the documents into plans.
    ///
    /// ```
    /// use planlift::{extract_path, BatchResult, Knowledge, Overrides};
    /// let one = extract_path("a.docx", "fixtures/word/kalmar-handlingsplan-2016-2020.docx".as_ref(), &Overrides::default(), &Knowledge::builtin());
    /// let out = BatchResult::gather(vec![one]);
    /// assert_eq!((out.documents.len(), out.plans.len()), (1, 1));
    /// ```
    pub fn gather(mut extractions: Vec<Extraction>) -> BatchResult {
        extractions.sort_by(|a, b| a.document.source_file.cmp(&b.document.source_file));
        let mut out = BatchResult::default();
        for e in extractions {
            out.documents.push(e.document);
            out.activities.extend(e.activities);
            out.goals.extend(e.goals);
        }
        let plans = crate::plans::build(&mut out.documents, &out.activities);
        out.plans = plans.plans;
        out.tracking = plans.tracking;
        out
    }

    /// The documents that failed.
    ///
    /// ```
    /// let out = planlift::extract_batch(&["tests/data/broken/truncated.docx"], &planlift::BatchOptions::default()).unwrap();
    /// assert_eq!(out.failed().count(), 1);
    /// ```
    pub fn failed(&self) -> impl Iterator<Item = &DocumentRecord> {
        self.documents.iter().filter(|d| d.outcome == "failed")
    }
}

impl Knowledge {
    /// Loads the vocabulary and theme taxonomy named (the built-in ones where `None`,
    /// parsed when first used).
    ///
    /// ```
    /// let know = planlift::Knowledge::load(None, Some("data/themes.toml".as_ref())).unwrap();
    /// # let _ = know;
    /// let e = planlift::Knowledge::load(Some("no/such/vocabulary.toml".as_ref()), None).unwrap_err();
    /// assert!(e.not_found);
    /// ```
    pub fn load(vocabulary: Option<&Path>, themes: Option<&Path>) -> Result<Knowledge, Error> {
        let vocab = match vocabulary {
            None => None,
            Some(p) => {
                let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, &e))?;
                let v =
                    crate::vocab::Vocabulary::parse(&text).map_err(|e| Error::new(Some(p), e))?;
                Some(std::sync::Arc::new(v))
            }
        };
        let themes = match themes {
            None => None,
            Some(p) => {
                let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, &e))?;
                let t = crate::normalize::themes::Taxonomy::parse(&text)
                    .map_err(|e| Error::new(Some(p), e))?;
                Some(std::sync::Arc::new(t))
            }
        };
        Ok(Knowledge { vocab, themes })
    }
}

/// Extracts files and folders into the data set, like `planlift extract`.
///
/// Folders are walked recursively, hidden entries skipped. A file that cannot be read is
/// a `failed` document with its reason and the batch goes on; a file of a type planlift
/// does not read is `skipped`. `Err` only where the batch cannot start: an input that
/// does not exist, a manifest, vocabulary or taxonomy that cannot be read.
///
/// ```
/// let out = planlift::extract_batch(&["fixtures/word"], &planlift::BatchOptions::default()).unwrap();
/// assert!(out.activities.iter().any(|a| a.municipality_code.as_deref() == Some("0880")));
/// let e = planlift::extract_batch(&["no/such/folder"], &planlift::BatchOptions::default()).unwrap_err();
/// assert!(e.not_found);
/// ```
pub fn extract_batch<P: AsRef<Path>>(
    inputs: &[P],
    options: &BatchOptions,
) -> Result<BatchResult, Error> {
    extract_batch_with_progress(inputs, options, &|_, _| true)
}

/// [`extract_batch`], calling `progress(done, total)` each time a file has been read
/// (for a progress bar), from any thread; it returns whether to go on.
///
/// Once `progress` returns `false`, no further file starts; the files being read finish
/// (each within its deadline) and the batch is `Err`, cancelled (as on Ctrl-C).
///
/// ```
/// let last = std::sync::Mutex::new((0, 0));
/// let progress = |done, total| { *last.lock().unwrap() = (done, total); true };
/// let out = planlift::extract_batch_with_progress(&["fixtures/word"], &Default::default(), &progress).unwrap();
/// assert_eq!(*last.lock().unwrap(), (out.documents.len(), out.documents.len()));
///
/// let options = planlift::BatchOptions { jobs: Some(1), ..Default::default() };
/// let stop = planlift::extract_batch_with_progress(&["fixtures"], &options, &|done, _| done < 2);
/// assert!(stop.unwrap_err().reason.contains("cancelled"));
/// ```
pub fn extract_batch_with_progress<P: AsRef<Path>>(
    inputs: &[P],
    options: &BatchOptions,
    progress: &(dyn Fn(usize, usize) -> bool + Sync),
) -> Result<BatchResult, Error> {
    let know = Knowledge::load(options.vocabulary.as_deref(), options.themes.as_deref())?;
    let batch_options = batch_options(options)?;
    let manifest = match &options.manifest {
        Some(path) => Manifest::read(path).map_err(|e| Error::new(None, e))?,
        None => Manifest::default(),
    };
    let (stdin, paths): (Vec<&Path>, Vec<&Path>) = inputs
        .iter()
        .map(AsRef::as_ref)
        .partition(|p| p.as_os_str() == "-");
    let mut files = collect(&paths)?;
    let spooled = match stdin.is_empty() {
        true => None,
        false => Some(
            inputs::spool_stdin(options.stdin_name.as_deref()).map_err(|e| Error::new(None, e))?,
        ),
    };
    files.extend(spooled.iter().map(|s| s.input.clone()));
    let notices = manifest.notices(&files);
    if let Some(shard) = options.shard {
        files = shard.select(files);
    }
    let (mut extractions, tasks) = inputs::tasks(files, &manifest);
    let finished = std::sync::atomic::AtomicUsize::new(0);
    let done = |_: usize, _: &Reply| {
        let n = finished.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        progress(n, tasks.len())
    };
    let replies =
        batch::run(&tasks, &batch_options, &know, &done).map_err(|e| Error::new(None, e))?;
    drop(spooled);
    extractions.extend(replies.into_iter().filter_map(|r| match r {
        Reply::Extracted(e) => Some(*e),
        Reply::Tables(_) => None,
    }));
    let mut out = BatchResult::gather(extractions);
    out.notices = notices;
    Ok(out)
}

fn collect<P: AsRef<Path>>(inputs: &[P]) -> Result<Vec<inputs::Input>, Error> {
    let paths: Vec<PathBuf> = inputs.iter().map(|p| p.as_ref().to_path_buf()).collect();
    for p in &paths {
        if let Err(e) = std::fs::metadata(p) {
            return Err(Error::io(p, &e));
        }
    }
    inputs::collect(&paths).map_err(|e| Error::new(None, e))
}

fn batch_options(options: &BatchOptions) -> Result<batch::Options, Error> {
    if let Isolation::Workers {
        timeout,
        max_memory,
    } = options.isolation
    {
        if timeout.is_zero() {
            return Err(Error::new(None, "timeout: give a time above 0"));
        }
        if max_memory < 64 << 20 {
            return Err(Error::new(None, "max_memory: give at least 64 MiB"));
        }
    }
    let jobs = options
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    Ok(batch::Options {
        jobs: jobs.max(1),
        isolation: options.isolation,
        vocabulary: options.vocabulary.clone(),
        themes: options.themes.clone(),
        worker: options.worker.clone(),
    })
}

/// Every table of a document, like `planlift tables`.
///
/// The tables as the readers see them (anchor cells with spans, fills and bold), read in
/// this process. `Err` names the file and the reason.
///
/// ```
/// let tables = planlift::tables("fixtures/word/kalmar-handlingsplan-2016-2020.docx").unwrap();
/// assert_eq!(tables.len(), 3);
/// let broken = planlift::tables("tests/data/broken/truncated.docx").unwrap_err();
/// assert!(broken.to_string().contains("truncated.docx"));
/// ```
pub fn tables(path: impl AsRef<Path>) -> Result<Vec<Table>, Error> {
    let path = path.as_ref();
    let (format, bytes) = crate::read_checked(path).map_err(|reason| Error {
        not_found: matches!(std::fs::metadata(path), Err(e) if e.kind() == std::io::ErrorKind::NotFound),
        ..Error::new(Some(path), reason)
    })?;
    tables_of_bytes(format, &bytes).map_err(|e| Error::new(Some(path), e.reason))
}

/// The raw tables of one file as `planlift tables` writes them.
///
/// Read by [`tables_batch`], written by [`crate::OutputFolder::write_tables`].
///
/// ```
/// let files = planlift::tables_batch(&["fixtures/word/kalmar-handlingsplan-2016-2020.docx"], &Default::default()).unwrap();
/// let kalmar = files[0].as_ref().unwrap();
/// assert!(kalmar.json.contains("\"tables\""));
/// assert!(kalmar.csvs[0].lines().count() > 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TableFiles {
    /// The file's name in the batch (its path below the folder given).
    pub source_file: String,
    /// `<stem>.tables.json`: every table with its cells, spans and fills.
    pub json: String,
    /// One CSV of each table's grid, in order.
    pub csvs: Vec<String>,
}

/// The names (`source_file`) of the files a batch over `inputs` reads, in the order the
/// batch walks them; files of a type planlift does not read are left out.
pub fn input_names<P: AsRef<Path>>(inputs: &[P]) -> Result<Vec<String>, Error> {
    Ok(collect(inputs)?
        .into_iter()
        .filter(|i| i.problem.is_none() && i.format.is_some())
        .map(|i| i.source_file)
        .collect())
}

/// The raw tables of every file of the inputs, like `planlift tables`.
///
/// Folders are walked as by [`extract_batch`], with its jobs and isolation; files of a
/// type planlift does not read are left out. One entry per file read, in name order:
/// its tables, or why they could not be read. `Err` only where the batch cannot start.
///
/// ```
/// let files = planlift::tables_batch(&["fixtures/word"], &Default::default()).unwrap();
/// let kalmar = files.iter().flatten().find(|f| f.source_file.starts_with("kalmar")).unwrap();
/// assert_eq!(kalmar.csvs.len(), 3);
/// let broken = planlift::tables_batch(&["tests/data/broken/truncated.docx"], &Default::default()).unwrap();
/// assert!(broken[0].as_ref().unwrap_err().to_string().starts_with("truncated.docx: "));
/// ```
pub fn tables_batch<P: AsRef<Path>>(
    inputs: &[P],
    options: &BatchOptions,
) -> Result<Vec<Result<TableFiles, Error>>, Error> {
    tables_batch_each(inputs, options, &|_| ())
}

/// [`tables_batch`], calling `each` with every file's tables as soon as they are read,
/// from any thread, in the order the files finish (so that they can be written while
/// the others are read); files that could not be read reach `each` too, those planlift
/// cannot open before reading (a missing file) only the returned list.
///
/// ```
/// let seen = std::sync::Mutex::new(Vec::new());
/// let each = |f: Result<&planlift::TableFiles, planlift::Error>| seen.lock().unwrap().push(f.is_ok());
/// let files = planlift::tables_batch_each(&["fixtures/word"], &Default::default(), &each).unwrap();
/// assert_eq!(seen.lock().unwrap().len(), files.len());
/// ```
pub fn tables_batch_each<P: AsRef<Path>>(
    inputs: &[P],
    options: &BatchOptions,
    each: &(dyn Fn(Result<&TableFiles, Error>) + Sync),
) -> Result<Vec<Result<TableFiles, Error>>, Error> {
    let batch_options = batch_options(options)?;
    let mut out = Vec::new();
    let mut tasks = Vec::new();
    for input in collect(inputs)? {
        match (input.problem, input.format) {
            (Some(problem), _) => out.push((
                input.source_file.clone(),
                Err(Error::new(Some(Path::new(&input.source_file)), problem)),
            )),
            (None, None) => {}
            (None, Some(_)) => tasks.push(batch::Task::Tables {
                source_file: input.source_file,
                path: input.path,
            }),
        }
    }
    let failed = |task: &batch::Task, e: String| Error::new(Some(Path::new(task.source_file())), e);
    let done = |i: usize, reply: &Reply| {
        if let (Some(task), Reply::Tables(r)) = (tasks.get(i), reply) {
            each(r.as_ref().map_err(|e| failed(task, e.clone())));
        }
        true
    };
    let replies = batch::run(&tasks, &batch_options, &Knowledge::builtin(), &done)
        .map_err(|e| Error::new(None, e))?;
    for (task, reply) in tasks.iter().zip(replies) {
        if let Reply::Tables(r) = reply {
            out.push((
                task.source_file().to_string(),
                r.map_err(|e| failed(task, e)),
            ));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out.into_iter().map(|(_, r)| r).collect())
}

/// Every table of a document's bytes read as `format`; never panics.
///
/// ```
/// let t = planlift::tables_of_bytes(planlift::Format::Md, b"| A | B |\n|---|---|\n| 1 | 2 |\n").unwrap();
/// assert_eq!((t[0].n_rows, t[0].n_cols), (2, 2));
/// assert!(planlift::tables_of_bytes(planlift::Format::Pdf, b"not a pdf").is_err());
/// ```
pub fn tables_of_bytes(format: Format, bytes: &[u8]) -> Result<Vec<Table>, Error> {
    let doc = crate::read::read(format, bytes).map_err(|e| Error::new(None, e.to_string()))?;
    Ok(doc
        .raw_tables()
        .into_iter()
        .map(|(_, t)| t.clone())
        .collect())
}

/// Serves as an isolation worker: for programs that run their own workers.
///
/// For a [`WorkerCommand`] other than `planlift`: `args` are those that follow the worker
/// program's own (`worker --max-memory N --parent PID …`). Serves tasks on standard input
/// and output until standard input ends; returns the exit code.
///
/// ```no_run
/// // The main of a worker program: `my-worker worker --max-memory … --parent …`.
/// std::process::exit(planlift::serve_worker(std::env::args().skip(1)));
/// ```
pub fn serve_worker<I, S>(args: I) -> i32
where
    I: IntoIterator<Item = S>,
    S: Into<OsString> + Clone,
{
    use clap::Parser;
    match batch::worker::Args::try_parse_from(args) {
        Ok(args) => batch::worker::serve(args),
        Err(e) => {
            eprintln!("planlift worker: {e}");
            2
        }
    }
}

impl Isolation {
    /// Worker processes with a deadline in seconds and a memory cap as people write it
    /// (`2G`, `512M`, `1.5GiB`, or bytes), checked as the command line checks them:
    /// the deadline above 0, the cap at least 64 MiB.
    ///
    /// ```
    /// use planlift::Isolation;
    /// let i = Isolation::workers(30.0, "1G").unwrap();
    /// assert_eq!(i, Isolation::Workers { timeout: std::time::Duration::from_secs(30), max_memory: 1 << 30 });
    /// assert!(Isolation::workers(0.0, "1G").is_err());
    /// ```
    pub fn workers(timeout_seconds: f64, max_memory: &str) -> Result<Isolation, Error> {
        if !(timeout_seconds.is_finite() && timeout_seconds > 0.0) {
            return Err(Error::new(
                None,
                format!("timeout {timeout_seconds}: give a number of seconds above 0"),
            ));
        }
        let bytes = batch::size::parse(max_memory)
            .map_err(|e| Error::new(None, format!("max memory: {e}")))?;
        if bytes < 64 << 20 {
            return Err(Error::new(
                None,
                format!("max memory {max_memory}: give at least 64M"),
            ));
        }
        Ok(Isolation::Workers {
            timeout: Duration::from_secs_f64(timeout_seconds),
            max_memory: bytes,
        })
    }
}

/// What [`compare`] counts.
///
/// ```
/// assert_ne!(planlift::Count::Plans, planlift::Count::Documents);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Count {
    /// Each plan once, through its representative, with the statuses of its latest
    /// follow-up (`planlift compare`'s default).
    #[default]
    Plans,
    /// Every document, renditions and follow-ups included.
    Documents,
}

/// Municipalities compared: what `planlift compare` writes.
///
/// ```
/// let out = planlift::extract_batch(&["fixtures/word"], &planlift::BatchOptions::default()).unwrap();
/// let c = planlift::compare(&out, planlift::Count::Plans, &planlift::Knowledge::builtin());
/// assert!(c.rows.iter().any(|r| r.municipality == "Kalmar" && r.theme == "all"));
/// assert!(c.report_html.starts_with("<!DOCTYPE html>"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// One row per municipality and theme (`comparison.csv`).
    pub rows: Vec<ComparisonRow>,
    /// One row per municipality (`municipalities.csv`).
    pub municipalities: Vec<MunicipalitySummary>,
    /// The self-contained HTML report (`report.html`).
    pub report_html: String,
}

/// Compares the municipalities of a batch, like `planlift compare`.
///
/// Activities counted by municipality and theme with their statuses, a summary per
/// municipality, and the HTML report. The theme labels come from `know`'s taxonomy.
///
/// ```
/// let out = planlift::extract_batch(&["fixtures/plans"], &planlift::BatchOptions::default()).unwrap();
/// let by_plan = planlift::compare(&out, planlift::Count::Plans, &planlift::Knowledge::builtin());
/// let by_file = planlift::compare(&out, planlift::Count::Documents, &planlift::Knowledge::builtin());
/// let all = |c: &planlift::Comparison| c.rows.iter().filter(|r| r.theme == "all").map(|r| r.activities).sum::<usize>();
/// assert!(all(&by_plan) < all(&by_file));
/// ```
pub fn compare(result: &BatchResult, count: Count, know: &Knowledge) -> Comparison {
    let (activities, status_from, counting) = match count {
        // A result without plans (read from a folder written before plans were grouped)
        // counts its files.
        Count::Plans if result.plans.is_empty() && !result.documents.is_empty() => (
            result.activities.clone(),
            Vec::new(),
            "Every file is counted (this result has no plans).",
        ),
        Count::Plans => {
            let counted = crate::compare::counted_by_plan(
                &result.activities,
                &result.documents,
                &result.plans,
                &result.tracking,
            );
            let from = crate::compare::status_sources(
                &counted,
                &result.activities,
                &result.plans,
                &result.tracking,
            );
            (
                counted,
                from,
                "Each plan is counted once, through one of its documents; where a plan has follow-ups, its statuses are those of the latest.",
            )
        }
        Count::Documents => (
            result.activities.clone(),
            Vec::new(),
            "Every file is counted, renditions and follow-ups alike.",
        ),
    };
    let periods = crate::compare::periods(&activities, &result.documents);
    let rows = crate::compare::comparison(&activities, know.themes(), &periods);
    let municipalities = crate::compare::summaries(&activities, &result.documents);
    let report_html =
        crate::compare::report::render(&rows, &municipalities, &activities, &status_from, counting);
    Comparison {
        rows,
        municipalities,
        report_html,
    }
}
