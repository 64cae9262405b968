//! Inputs: files and folders walked into a sorted list, and the manifest that overrides
//! inferred facts.

pub mod shard;

use std::path::{Path, PathBuf};

use crate::facts::Overrides;
use crate::read::Format;

/// One file to process.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// The name used in the output: path relative to the folder argument, or the file name.
    pub source_file: String,
    /// Where it is.
    pub path: PathBuf,
    /// The format, `None` for a file of unknown type (listed as skipped).
    pub format: Option<Format>,
    /// Why the walk could not reach this entry (a link loop, a folder that cannot be
    /// read); such an entry is listed as failed with this reason.
    pub problem: Option<String>,
}

/// Expands the arguments into files, folders walked recursively with hidden entries
/// skipped and symbolic links followed (a link loop or an unreadable folder becomes an
/// entry with its problem). A path that does not exist is an error (a usage error for
/// the caller).
pub fn collect(args: &[PathBuf]) -> Result<Vec<Input>, String> {
    let mut out = Vec::new();
    for arg in args {
        let meta = std::fs::metadata(arg).map_err(|e| format!("{}: {e}", arg.display()))?;
        if meta.is_file() {
            let name = arg
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push(Input {
                source_file: name,
                path: arg.clone(),
                format: Format::from_path(arg),
                problem: None,
            });
            continue;
        }
        let walker = walkdir::WalkDir::new(arg)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        let relative = |path: &Path| {
            path.strip_prefix(arg)
                .unwrap_or(path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        };
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let Some(path) = e.path().map(Path::to_path_buf) else {
                        continue;
                    };
                    let problem = if e.loop_ancestor().is_some() {
                        "symbolic link loop".to_string()
                    } else {
                        match e.io_error() {
                            Some(io) => format!("cannot read: {io}"),
                            None => e.to_string(),
                        }
                    };
                    out.push(Input {
                        source_file: relative(&path),
                        format: Format::from_path(&path),
                        path,
                        problem: Some(problem),
                    });
                    continue;
                }
            };
            if entry.file_type().is_dir() {
                continue;
            }
            out.push(Input {
                source_file: relative(entry.path()),
                path: entry.path().to_path_buf(),
                format: Format::from_path(entry.path()),
                problem: None,
            });
        }
    }
    out.sort_by(|a, b| a.source_file.cmp(&b.source_file).then(a.path.cmp(&b.path)));
    Ok(unique_names(out))
}

/// Makes every `source_file` unique, so that a document is named by its id and source
/// file together: where two arguments reach files of the same relative name
/// (`a/plan.docx` and `b/plan.docx` given as `a b`), each is named by its full path as
/// given instead; the same path reached twice (a folder given twice) is listed once, a
/// link to a file is an entry of its own.
fn unique_names(mut inputs: Vec<Input>) -> Vec<Input> {
    let mut seen = std::collections::HashSet::new();
    inputs.retain(|i| seen.insert(i.path.clone()));
    let mut count = std::collections::HashMap::new();
    for i in &inputs {
        *count.entry(i.source_file.clone()).or_insert(0usize) += 1;
    }
    for i in &mut inputs {
        if count[&i.source_file] > 1 {
            i.source_file = i
                .path
                .components()
                .filter(|c| !matches!(c, std::path::Component::CurDir))
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
                .replace("//", "/");
        }
    }
    inputs.sort_by(|a, b| a.source_file.cmp(&b.source_file).then(a.path.cmp(&b.path)));
    inputs
}

/// The manifest: rows keyed by `file`.
#[derive(Debug, Default)]
pub struct Manifest {
    rows: Vec<(String, Overrides)>,
}

impl Manifest {
    /// Reads a manifest CSV with a `file` column.
    pub fn read(path: &Path) -> Result<Manifest, String> {
        let mut reader =
            csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let headers = reader
            .headers()
            .map_err(|e| format!("{}: {e}", path.display()))?
            .clone();
        let col = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
        };
        let file_col =
            col("file").ok_or_else(|| format!("{}: no `file` column", path.display()))?;
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
            let get = |name: &str| {
                col(name)
                    .and_then(|i| record.get(i))
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
            };
            let Some(file) = record.get(file_col).map(|f| f.trim().replace('\\', "/")) else {
                continue;
            };
            rows.push((
                file,
                Overrides {
                    municipality: get("municipality"),
                    municipality_code: get("municipality_code"),
                    country: get("country"),
                    language: get("language"),
                    document_title: get("document_title"),
                    period: get("period"),
                },
            ));
        }
        Ok(Manifest { rows })
    }

    /// The manifest's `file` values that match none of `files` (by relative path or by
    /// file name), in manifest order.
    pub fn unmatched(&self, files: &[Input]) -> Vec<String> {
        self.rows
            .iter()
            .map(|(f, _)| f)
            .filter(|f| {
                !files.iter().any(|i| {
                    let name = i.source_file.rsplit('/').next().unwrap_or(&i.source_file);
                    i.source_file == **f
                        || name == f.as_str()
                        || i.source_file.ends_with(&format!("/{f}"))
                })
            })
            .cloned()
            .collect()
    }

    /// A warning for every manifest row that matches none of `files`.
    pub fn notices(&self, files: &[Input]) -> Vec<String> {
        self.unmatched(files)
            .into_iter()
            .map(|f| format!("manifest row `{f}` matches no input file"))
            .collect()
    }

    /// The overrides for a file: its relative path first, then its file name.
    pub fn for_file(&self, source_file: &str) -> Overrides {
        let name = source_file.rsplit('/').next().unwrap_or(source_file);
        self.rows
            .iter()
            .find(|(f, _)| f == source_file)
            .or_else(|| self.rows.iter().find(|(f, _)| f == name))
            .map(|(_, o)| o.clone())
            .unwrap_or_default()
    }
}

/// A document read from standard input, kept in a temporary file for the run (workers
/// read files) and removed when this is dropped.
#[derive(Debug)]
pub struct Spooled {
    /// The input to process.
    pub input: Input,
}

impl Drop for Spooled {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.input.path);
    }
}

/// Reads one document from standard input (at most [`crate::FILE_LIMIT`] bytes). Its
/// format comes from `name`'s extension (`--name FILE.EXT`), else from its bytes; its
/// `source_file` is `name`, else `stdin.EXT`.
pub fn spool_stdin(name: Option<&str>) -> Result<Spooled, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(crate::FILE_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("-: cannot read standard input: {e}"))?;
    if bytes.len() as u64 > crate::FILE_LIMIT {
        return Err(format!(
            "-: standard input is larger than {} MiB",
            crate::FILE_LIMIT >> 20
        ));
    }
    let format = match name {
        Some(n) => Format::from_path(Path::new(n)),
        None => Format::sniff(&bytes),
    };
    let source_file = match (name, format) {
        (Some(n), _) => n.to_string(),
        (None, Some(f)) => format!("stdin.{}", f.extension()),
        (None, None) => "stdin".to_string(),
    };
    let ext = format.map_or("bin", Format::extension);
    let path = std::env::temp_dir().join(format!(
        "planlift-stdin-{}-{}.{ext}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos())
    ));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| format!("-: cannot keep standard input in {}: {e}", path.display()))?;
    std::io::Write::write_all(&mut file, &bytes)
        .map_err(|e| format!("-: cannot keep standard input in {}: {e}", path.display()))?;
    Ok(Spooled {
        input: Input {
            source_file,
            path,
            format,
            problem: None,
        },
    })
}

/// Why a file is skipped: its type, named by its extension.
pub fn unsupported(path: &Path) -> String {
    match path.extension() {
        Some(ext) => format!(
            "unsupported file type (.{})",
            ext.to_string_lossy().to_lowercase()
        ),
        None => "unsupported file type (no extension)".into(),
    }
}

/// Splits a batch's inputs into what needs no reader (an entry the walk could not reach
/// is a failed document, a file of unknown type a skipped one) and the files to extract,
/// each with its manifest values.
pub fn tasks(
    files: Vec<Input>,
    manifest: &Manifest,
) -> (Vec<crate::Extraction>, Vec<crate::batch::Task>) {
    let mut extractions = Vec::new();
    let mut tasks = Vec::new();
    for input in files {
        match (&input.problem, input.format) {
            (Some(problem), format) => extractions.push(crate::failed_path(
                &input.source_file,
                &input.path,
                format,
                problem.clone(),
            )),
            (None, None) => extractions.push(crate::skipped_path(
                &input.source_file,
                &input.path,
                unsupported(&input.path),
            )),
            (None, Some(_)) => tasks.push(crate::batch::Task::Extract {
                overrides: manifest.for_file(&input.source_file),
                source_file: input.source_file,
                path: input.path,
            }),
        }
    }
    (extractions, tasks)
}
