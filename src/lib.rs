//! planlift lifts the activity tables out of municipal action plans (Word, PDF,
//! spreadsheets, OpenDocument, web pages, text) into one normalized data set (SPEC.md):
//! one document with [`extract_path`] or [`extract_bytes`], a batch with
//! [`extract_batch`], the raw tables with [`tables`], municipalities with [`compare`].
//!
//! ```
//! let options = planlift::BatchOptions::default(); // in-process; see its docs for workers
//! let out = planlift::extract_batch(&["fixtures/word"], &options).unwrap();
//! let kalmar = out.activities.iter().find(|a| a.municipality.as_deref() == Some("Kalmar"));
//! assert_eq!(kalmar.unwrap().municipality_code.as_deref(), Some("0880"));
//! ```

#![deny(missing_docs)]

mod api;
pub(crate) mod assemble;
pub(crate) mod batch;
pub(crate) mod colour;
pub(crate) mod compare;
pub(crate) mod error;
pub(crate) mod facts;
pub(crate) mod inputs;
pub(crate) mod interpret;
pub(crate) mod model;
pub(crate) mod normalize;
mod output;
pub(crate) mod plans;
pub(crate) mod read;
pub(crate) mod record;
pub(crate) mod text;
pub(crate) mod vocab;
pub(crate) mod write;

pub use api::{
    compare, extract_batch, extract_batch_with_progress, input_names, serve_worker, tables,
    tables_batch, tables_batch_each, tables_of_bytes, BatchOptions, BatchResult, Comparison, Count,
    Error, Isolation, Shard, TableFiles, WorkerCommand,
};
pub use colour::Rgb;
pub use compare::{ComparisonRow, MunicipalitySummary};
pub use facts::Overrides;
pub use model::{Cell, Table};
pub use output::{CsvDialect, Formats, OutputFolder};
pub use read::Format;
pub use record::{Activity, DocumentRecord, GoalRecord, PlanRecord, TrackingRecord};
pub use vocab::Status;

/// Not part of the API: the readers without the panic guard that every public function
/// has, for the fuzz targets in `fuzz/fuzz_targets`, which must see a reader's panics.
/// May change or go at any time.
#[doc(hidden)]
pub mod __private_for_fuzzing {
    /// Reads `bytes` as `format` straight through the format's reader: no panic guard,
    /// no limit on the tables' size. The error is the reader's one-line reason.
    pub fn read_unguarded(format: crate::Format, bytes: &[u8]) -> Result<(), String> {
        format
            .reader()
            .read(bytes)
            .map(drop)
            .map_err(|e| e.to_string())
    }
}

/// Not part of the API: the blocks of a document as planlift reads them, one line each
/// (`H2 text`, `P text`, `T rows×cols first cells`), for looking at what a reader gave
/// (`cargo run --example blocks FILE`). May change or go at any time.
#[doc(hidden)]
pub mod __private_for_debugging {
    /// One line per block of `bytes` read as `format`.
    pub fn outline(format: crate::Format, bytes: &[u8]) -> Result<Vec<String>, String> {
        use crate::model::Block;
        let doc = crate::read::read(format, bytes).map_err(|e| e.to_string())?;
        // (OUTLINE_WIDTH sets how many characters of a text are shown; line breaks
        // show as ⏎.)
        let width = std::env::var("OUTLINE_WIDTH")
            .ok()
            .and_then(|w| w.parse().ok())
            .unwrap_or(70);
        let short = |t: &str| {
            crate::text::collapse(&t.replace('\n', " ⏎ "))
                .chars()
                .take(width)
                .collect::<String>()
        };
        Ok(doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading { level, text, page } => {
                    format!("H{level} p{} {}", page.unwrap_or(0), short(text))
                }
                Block::Paragraph { text, page, .. } => {
                    format!("P  p{} {}", page.unwrap_or(0), short(text))
                }
                Block::Table(t) => {
                    let first: Vec<String> =
                        t.cells.iter().take(4).map(|c| short(&c.text)).collect();
                    format!(
                        "T  {}×{} {:?} | {}",
                        t.n_rows,
                        t.n_cols,
                        t.pages,
                        first.join(" | ")
                    )
                }
            })
            .chain(
                doc.sign_legend
                    .iter()
                    .map(|(c, words)| format!("S  {c} {}", short(words))),
            )
            .collect())
    }
}

/// Not part of the API: the text of a document as planlift reads it, for the text-layer
/// test (`tests/text_layer.rs`) that compares it with other tools' text. May change or
/// go at any time.
#[doc(hidden)]
pub mod __private_for_tests {
    /// The texts of `bytes` read as `format`: each heading and paragraph, each table
    /// cell (those of the page headers and footers too), each margin text, in reading
    /// order; lines inside a text kept. The error is the reader's one-line reason.
    pub fn texts_of_bytes(format: crate::Format, bytes: &[u8]) -> Result<Vec<String>, String> {
        let doc = crate::read::read(format, bytes).map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        let cells = |t: &crate::Table, out: &mut Vec<String>| {
            out.extend(t.cells.iter().map(|c| c.text.clone()));
        };
        for t in &doc.header_tables {
            cells(t, &mut out);
        }
        for b in &doc.blocks {
            match b {
                crate::model::Block::Table(t) => cells(t, &mut out),
                b => out.extend(b.text().map(str::to_string)),
            }
        }
        for t in &doc.footer_tables {
            cells(t, &mut out);
        }
        out.extend(doc.margin_texts.iter().cloned());
        Ok(out)
    }
}

use std::path::Path;

use sha2::{Digest, Sha256};

use vocab::Vocabulary;

/// The vocabulary and the theme taxonomy extraction uses.
///
/// The vocabulary holds header, status, colour and section words.
///
/// ```
/// let know = planlift::Knowledge::builtin();
/// let own = planlift::Knowledge::load(Some("data/vocabulary.toml".as_ref()), None).unwrap();
/// # let _ = (know, own);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Knowledge {
    /// A vocabulary of the user's; `None` for the built-in one, parsed when first used.
    vocab: Option<std::sync::Arc<Vocabulary>>,
    /// A taxonomy of the user's; `None` for the built-in one, parsed when first used.
    themes: Option<std::sync::Arc<normalize::themes::Taxonomy>>,
}

impl Knowledge {
    /// The vocabulary and taxonomy shipped with planlift.
    ///
    /// ```
    /// let know = planlift::Knowledge::builtin();
    /// # let _ = know;
    /// ```
    pub fn builtin() -> Knowledge {
        Knowledge::default()
    }

    /// The vocabulary: the user's, else the built-in one.
    pub(crate) fn vocab(&self) -> &Vocabulary {
        match self.vocab.as_deref() {
            Some(v) => v,
            None => Vocabulary::builtin(),
        }
    }

    /// The theme taxonomy: the user's, else the built-in one.
    pub(crate) fn themes(&self) -> &normalize::themes::Taxonomy {
        match self.themes.as_deref() {
            Some(t) => t,
            None => normalize::themes::Taxonomy::builtin(),
        }
    }
}

/// What extraction yields for one file.
///
/// Its document record (facts, outcome, warnings), its activities and its goals.
///
/// ```
/// let e = planlift::extract_path("plan.docx", "fixtures/word/kalmar-handlingsplan-2016-2020.docx".as_ref(),
///     &planlift::Overrides::default(), &planlift::Knowledge::builtin());
/// assert_eq!((e.document.outcome.as_str(), e.activities.len()), ("ok", 22));
/// ```
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Extraction {
    /// The document record (failed ones included).
    pub document: DocumentRecord,
    /// Its activities in document order.
    pub activities: Vec<Activity>,
    /// Its goals.
    pub goals: Vec<GoalRecord>,
}

/// Largest input file read.
pub(crate) const FILE_LIMIT: u64 = 1 << 30;

/// A file's bytes, where it is a regular file of at most [`FILE_LIMIT`] bytes; else why
/// not, one line without the path.
pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => Err(format!("not a regular file ({})", file_kind(&m))),
        Ok(m) if m.len() > FILE_LIMIT => {
            Err(format!("file is larger than {} MiB", FILE_LIMIT >> 20))
        }
        Err(e) => Err(format!("cannot read file: {e}")),
        Ok(_) => std::fs::read(path).map_err(|e| format!("cannot read file: {e}")),
    }
}

/// [`read_file`] of a file whose type planlift reads, with its format.
pub(crate) fn read_checked(path: &Path) -> Result<(Format, Vec<u8>), String> {
    let format = Format::from_path(path).ok_or_else(|| inputs::unsupported(path))?;
    Ok((format, read_file(path)?))
}

/// Extracts one file; `source_file` is its name in the output.
///
/// Never panics: a file that cannot be read comes back as a failed document with its
/// reason.
///
/// ```
/// use planlift::{extract_path, Knowledge, Overrides};
/// let over = Overrides { municipality: Some("Kalmar".into()), ..Overrides::default() };
/// let e = extract_path("kalmar.docx", "fixtures/word/kalmar-handlingsplan-2016-2020.docx".as_ref(), &over, &Knowledge::builtin());
/// assert!(e.activities.iter().all(|a| a.municipality.as_deref() == Some("Kalmar")));
/// let missing = extract_path("none.docx", "no/such/file.docx".as_ref(), &over, &Knowledge::builtin());
/// assert_eq!(missing.document.outcome, "failed");
/// ```
pub fn extract_path(
    source_file: &str,
    path: &Path,
    over: &Overrides,
    know: &Knowledge,
) -> Extraction {
    let format = Format::from_path(path);
    let bytes = read_file(path);
    match (format, bytes) {
        (Some(format), Ok(bytes)) => extract_bytes(source_file, format, &bytes, over, know),
        (format, Err(error)) => failed(source_file, format, &[], error),
        (None, Ok(bytes)) => failed(source_file, None, &bytes, "unknown file type".into()),
    }
}

/// Extracts a file's bytes as `format`; `source_file` is its name in the output.
///
/// ```
/// use planlift::{extract_bytes, Format, Knowledge, Overrides};
/// let text = "| Aktivitet | Ansvarig | Status |\n|---|---|---|\n| Utbilda personalen | HR och IT | Klar |\n";
/// let e = extract_bytes("plan.md", Format::Md, text.as_bytes(), &Overrides::default(), &Knowledge::builtin());
/// assert_eq!(e.activities[0].responsible, ["HR", "IT"]);
/// assert_eq!(e.activities[0].status, Some(planlift::Status::Done));
/// ```
pub fn extract_bytes(
    source_file: &str,
    format: Format,
    bytes: &[u8],
    over: &Overrides,
    know: &Knowledge,
) -> Extraction {
    let vocab = know.vocab();
    let doc = match read::read(format, bytes) {
        Ok(doc) => doc,
        Err(e) => return failed(source_file, Some(format), bytes, e.to_string()),
    };
    let interp = interpret::interpret(&doc, vocab);
    let language = facts::language(&doc, over);
    let mut activities = assemble::activities(&interp, vocab, language.as_deref());
    let facts = facts::infer(
        &doc,
        &interp,
        activities.len(),
        source_file,
        over,
        vocab,
        language,
    );
    let mut document = document_base(source_file, Some(format), bytes);
    for a in &mut activities {
        a.document_id = document.document_id.clone();
        a.source_file = source_file.to_string();
        a.source_format = format.name().to_string();
        a.municipality = facts.municipality.clone();
        a.municipality_code = facts.municipality_code.clone();
        a.country = facts.country.clone();
        a.language = facts.language.clone();
        a.document_title = facts.title.clone();
        a.themes = know.themes().tag(&format!(
            "{}\n{}",
            a.activity,
            a.implementation.as_deref().unwrap_or("")
        ));
        if a.themes.is_empty() {
            if let Some(area) = &a.area {
                a.themes = know.themes().tag(area);
            }
        }
    }
    let goals = interp
        .goals
        .iter()
        .map(|g| GoalRecord {
            document_id: document.document_id.clone(),
            source_file: source_file.to_string(),
            municipality: facts.municipality.clone(),
            goal_id: g.id.clone(),
            goal: g.text.clone(),
            status: g.status,
            status_raw: g.status_raw.clone(),
        })
        .collect();
    document.municipality = facts.municipality;
    document.municipality_code = facts.municipality_code;
    document.country = facts.country;
    document.language = facts.language;
    document.document_title = facts.title;
    document.document_kind = facts.kind;
    document.plan_period_start = facts.period_start;
    document.plan_period_end = facts.period_end;
    document.pages = doc.pages;
    document.tables = interp.tables;
    document.activities = activities.len();
    document.outcome = if activities.is_empty() {
        "no_activities"
    } else {
        "ok"
    }
    .into();
    document.warnings = doc.warnings;
    document.warnings.extend(interp.warnings.iter().cloned());
    Extraction {
        document,
        activities,
        goals,
    }
}

/// The document record of a file that failed outside the readers (a worker that timed
/// out, ran out of memory or crashed): its size and digest are read from the file again,
/// streaming, so that the record still identifies the file.
pub(crate) fn failed_path(
    source_file: &str,
    path: &Path,
    format: Option<Format>,
    reason: String,
) -> Extraction {
    let mut out = failed(source_file, format, &[], reason);
    if let Ok((sha, bytes)) = sha256_file(path) {
        out.document.document_id = sha[..16].to_string();
        out.document.sha256 = sha;
        out.document.bytes = bytes;
    }
    out
}

/// The document record of a file planlift does not read (`outcome` `skipped`), with
/// `error` naming why.
pub(crate) fn skipped_path(source_file: &str, path: &Path, reason: String) -> Extraction {
    let mut out = failed_path(source_file, path, None, reason);
    out.document.outcome = "skipped".into();
    out
}

fn sha256_file(path: &Path) -> std::io::Result<(String, u64)> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let bytes = std::io::copy(&mut file, &mut hasher)?;
    Ok((hex(&hasher.finalize()), bytes))
}

/// What kind of file system object `meta` describes, for messages.
pub(crate) fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

fn document_base(source_file: &str, format: Option<Format>, bytes: &[u8]) -> DocumentRecord {
    let sha = hex(&Sha256::digest(bytes));
    DocumentRecord {
        document_id: sha[..16].to_string(),
        sha256: sha,
        source_file: source_file.to_string(),
        source_format: format.map_or("unknown", Format::name).to_string(),
        bytes: bytes.len() as u64,
        document_kind: "other".into(),
        ..DocumentRecord::default()
    }
}

fn failed(source_file: &str, format: Option<Format>, bytes: &[u8], error: String) -> Extraction {
    let mut document = document_base(source_file, format, bytes);
    document.outcome = "failed".into();
    document.error = Some(error::one_line(&error));
    Extraction {
        document,
        activities: Vec::new(),
        goals: Vec::new(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
