//! Inputs: files and folders walked into a sorted list, and the manifest that overrides
//! inferred facts.

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
}

/// Expands the arguments into files, folders walked recursively with hidden entries
/// skipped. A path that does not exist is an error (a usage error for the caller).
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
            });
            continue;
        }
        let walker = walkdir::WalkDir::new(arg)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker.flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(arg).unwrap_or(entry.path());
            let source_file = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push(Input {
                source_file,
                path: entry.path().to_path_buf(),
                format: Format::from_path(entry.path()),
            });
        }
    }
    out.sort_by(|a, b| a.source_file.cmp(&b.source_file).then(a.path.cmp(&b.path)));
    Ok(out)
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
