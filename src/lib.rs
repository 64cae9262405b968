//! planlift lifts the activity tables out of municipal action plans (Word, PDF,
//! spreadsheets, web pages, text renderings) into one normalized data set.
//!
//! The data flows one way: [`read`] (one reader per format) → [`model`] (blocks, tables,
//! cells with spans and fills) → [`interpret`] (headers, sections, continuation rows,
//! footnotes) → [`normalize`] and [`assemble`] (status, periods, responsible units,
//! municipality) → [`write`] (CSV, JSON, datapackage).
//!
//! ```no_run
//! use planlift::{extract_path, facts::Overrides, Knowledge};
//! let out = extract_path("plan.docx", std::path::Path::new("plan.docx"), &Overrides::default(), &Knowledge::builtin());
//! println!("{} activities", out.activities.len());
//! ```

pub mod api;
pub mod assemble;
pub mod batch;
pub mod cli;
pub mod colour;
pub mod compare;
pub mod error;
pub mod facts;
pub mod interpret;
pub mod model;
pub mod normalize;
pub mod plans;
pub mod read;
pub mod record;
pub mod text;
pub mod vocab;
pub mod write;

use std::path::Path;

use sha2::{Digest, Sha256};

use facts::Overrides;
use read::Format;
use record::{Activity, DocumentRecord, GoalRecord};
use vocab::Vocabulary;

/// What extraction knows about plans besides the file: the vocabulary and the themes.
#[derive(Debug, Clone, Copy)]
pub struct Knowledge<'a> {
    /// Header, status, colour and section words.
    pub vocab: &'a Vocabulary,
    /// The theme taxonomy.
    pub themes: &'a normalize::themes::Taxonomy,
}

impl Knowledge<'static> {
    /// The vocabulary and taxonomy shipped with planlift.
    pub fn builtin() -> Knowledge<'static> {
        Knowledge {
            vocab: Vocabulary::builtin(),
            themes: normalize::themes::Taxonomy::builtin(),
        }
    }
}

/// What extraction yields for one file.
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
pub const FILE_LIMIT: u64 = 1 << 30;

/// Extracts one file. `source_file` is the name used in the output. Never panics: a file
/// that cannot be read comes back as a failed document with its reason.
pub fn extract_path(
    source_file: &str,
    path: &Path,
    over: &Overrides,
    know: &Knowledge,
) -> Extraction {
    let format = Format::from_path(path);
    let bytes = match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => Err(format!("not a regular file ({})", file_kind(&m))),
        Ok(m) if m.len() > FILE_LIMIT => {
            Err(format!("file is larger than {} MiB", FILE_LIMIT >> 20))
        }
        Err(e) => Err(format!("cannot read file: {e}")),
        Ok(_) => std::fs::read(path).map_err(|e| format!("cannot read file: {e}")),
    };
    match (format, bytes) {
        (Some(format), Ok(bytes)) => extract_bytes(source_file, format, &bytes, over, know),
        (format, Err(error)) => failed(source_file, format, &[], error),
        (None, Ok(bytes)) => failed(source_file, None, &bytes, "unknown file type".into()),
    }
}

/// Extracts a file's bytes as `format`.
pub fn extract_bytes(
    source_file: &str,
    format: Format,
    bytes: &[u8],
    over: &Overrides,
    know: &Knowledge,
) -> Extraction {
    let vocab = know.vocab;
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
        a.themes = know.themes.tag(&format!(
            "{}\n{}",
            a.activity,
            a.implementation.as_deref().unwrap_or("")
        ));
        if a.themes.is_empty() {
            if let Some(area) = &a.area {
                a.themes = know.themes.tag(area);
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
pub fn failed_path(
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
pub fn skipped_path(source_file: &str, path: &Path, reason: String) -> Extraction {
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
pub fn file_kind(meta: &std::fs::Metadata) -> &'static str {
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
