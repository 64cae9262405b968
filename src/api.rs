//! The library's front door: a batch of files and folders in, the data set out (with the
//! command line's options: jobs, isolation, manifest, vocabulary, themes); the raw tables
//! of one document; the worker side of isolation for programs that embed planlift.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::batch::{self, Reply};
use crate::cli::inputs::{self, Manifest};
use crate::compare::{ComparisonRow, MunicipalitySummary};
use crate::model::Table;
use crate::read::Format;
use crate::record::{Activity, DocumentRecord, GoalRecord, PlanRecord, TrackingRecord};
use crate::{Extraction, Knowledge};

pub use crate::batch::Isolation;

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
    fn new(path: Option<&Path>, reason: impl Into<String>) -> Error {
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
    extract_batch_with_progress(inputs, options, &|| {})
}

/// [`extract_batch`], calling `done` once for every file read (for a progress bar).
pub(crate) fn extract_batch_with_progress<P: AsRef<Path>>(
    inputs: &[P],
    options: &BatchOptions,
    done: &(dyn Fn() + Sync),
) -> Result<BatchResult, Error> {
    let know = Knowledge::load(options.vocabulary.as_deref(), options.themes.as_deref())?;
    let batch_options = batch_options(options)?;
    let manifest = match &options.manifest {
        Some(path) => Manifest::read(path).map_err(|e| Error::new(None, e))?,
        None => Manifest::default(),
    };
    let files = collect(inputs)?;
    let notices = manifest.notices(&files);
    let (mut extractions, tasks) = inputs::tasks(files, &manifest);
    let replies =
        batch::run(&tasks, &batch_options, &know, done).map_err(|e| Error::new(None, e))?;
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
    let format =
        Format::from_path(path).ok_or_else(|| Error::new(Some(path), inputs::unsupported(path)))?;
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, &e))?;
    if !meta.is_file() {
        let kind = crate::file_kind(&meta);
        return Err(Error::new(
            Some(path),
            format!("not a regular file ({kind})"),
        ));
    }
    if meta.len() > crate::FILE_LIMIT {
        let limit = crate::FILE_LIMIT >> 20;
        return Err(Error::new(
            Some(path),
            format!("file is larger than {limit} MiB"),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
    tables_of_bytes(format, &bytes).map_err(|e| Error::new(Some(path), e.reason))
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
