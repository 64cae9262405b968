//! Readers: one file per format, each turning bytes into the [`Document`] model.
//!
//! Dispatch happens here and only here: [`Format::from_path`] picks the format from the
//! file name, [`read`] hands the bytes to that format's [`Reader`]. Adding a format is
//! one new file plus one line in [`Format::reader`].

#[cfg(test)]
mod broken_tests;
pub mod compound;
pub mod docx;
pub mod encryption;
pub mod grid;
pub mod hidden;
pub mod html;
pub mod icon;
pub mod markdown;
pub mod opendocument;
pub mod package;
pub mod pdf;
pub mod plain;
pub mod relationships;
pub mod run_in;
pub mod sheet;
pub mod sniff;
pub mod styled_headings;
pub mod title;
pub mod xls_format;
pub mod xls_guard;
pub mod xlsb;
pub mod xlsx_layout;
pub mod xml_guard;

use std::path::Path;

use crate::error::ReadError;
use crate::model::Document;

/// Every input format planlift knows.
///
/// ```
/// use planlift::Format;
/// assert_eq!(Format::from_path("plan.XLSM".as_ref()), Some(Format::Xlsx));
/// assert_eq!(Format::from_path("mall.dotx".as_ref()), Some(Format::Docx));
/// assert_eq!(Format::sniff(b"%PDF-1.7\n"), Some(Format::Pdf));
/// assert_eq!((Format::Docx.name(), Format::Html.extension()), ("docx", "html"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Word (Office Open XML).
    Docx,
    /// Plain text renderings (tab cell lines, prose).
    Txt,
    /// Markdown renderings (pipe tables with inline HTML).
    Md,
    /// PDF.
    Pdf,
    /// Excel workbook (`.xlsx`, `.xlsm`, binary `.xlsb`).
    Xlsx,
    /// Excel 97-2003 workbook.
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
    /// OpenDocument text.
    Odt,
    /// Web page.
    Html,
}

/// A reader of one format.
pub trait Reader {
    /// Reads a whole file's bytes into the document model.
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError>;
}

impl Format {
    /// The format a file name's extension announces, or `None` for unknown types.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            // Macro-enabled files and templates hold the same parts as their documents.
            "docx" | "docm" | "dotx" | "dotm" => Format::Docx,
            "pdf" => Format::Pdf,
            // A binary workbook is an Excel workbook too (its package says which).
            "xlsx" | "xlsm" | "xltx" | "xltm" | "xlsb" => Format::Xlsx,
            "xls" => Format::Xls,
            "ods" | "ots" => Format::Ods,
            "odt" | "ott" => Format::Odt,
            "html" | "htm" | "xhtml" | "xht" => Format::Html,
            "txt" => Format::Txt,
            "md" | "markdown" => Format::Md,
            _ => return None,
        })
    }

    /// The format `bytes` are in, told from their content (magic numbers, the parts of a
    /// zip package, markup), or `None`.
    pub fn sniff(bytes: &[u8]) -> Option<Format> {
        sniff::sniff(bytes)
    }

    /// The usual file extension of this format.
    pub fn extension(self) -> &'static str {
        self.name()
    }

    /// The `source_format` name used in the output.
    pub fn name(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Odt => "odt",
            Format::Html => "html",
        }
    }

    /// Every format, in a fixed order.
    pub const ALL: [Format; 9] = [
        Format::Docx,
        Format::Txt,
        Format::Md,
        Format::Pdf,
        Format::Xlsx,
        Format::Xls,
        Format::Ods,
        Format::Odt,
        Format::Html,
    ];

    /// The reader of this format, to call directly (no [`read`]'s panic guard): for
    /// fuzzing and tests that must see a reader's panic as a panic.
    pub(crate) fn reader(self) -> &'static dyn Reader {
        match self {
            Format::Docx => &docx::DocxReader,
            Format::Txt => &plain::PlainReader,
            Format::Md => &markdown::MarkdownReader,
            Format::Pdf => &pdf::PdfReader,
            Format::Xlsx => &sheet::XlsxReader,
            Format::Xls => &sheet::XlsReader,
            Format::Ods => &OdsReader,
            Format::Odt => &OdtReader,
            Format::Html => &html::HtmlReader,
        }
    }
}

/// Reads OpenDocument spreadsheets.
pub struct OdsReader;

/// Reads OpenDocument text documents.
pub struct OdtReader;

impl Reader for OdsReader {
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError> {
        opendocument::read(
            bytes,
            opendocument::Kind::Spreadsheet,
            "OpenDocument spreadsheet",
        )
    }
}

impl Reader for OdtReader {
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError> {
        opendocument::read(bytes, opendocument::Kind::Text, "OpenDocument text")
    }
}

/// Most grid positions (rows times columns, summed over a document's tables) read from
/// an input of `input_len` bytes: 16 per input byte, between 4 Mi and 16 Mi. Interpreting
/// a table lays out its whole grid, so a ragged table (one row of a million cells over
/// many short rows) costs rows times columns, not the size of its cells.
pub fn grid_limit(input_len: usize) -> usize {
    input_len.saturating_mul(16).clamp(4 << 20, 16 << 20)
}

/// `doc`, or [`ReadError::Limit`] when its tables' grids exceed [`grid_limit`].
fn within_grid_limit(doc: Document, input_len: usize) -> Result<Document, ReadError> {
    let limit = grid_limit(input_len);
    let mut positions = 0usize;
    for block in &doc.blocks {
        if let crate::model::Block::Table(t) = block {
            positions = positions.saturating_add(t.n_rows.saturating_mul(t.n_cols));
            if positions > limit {
                return Err(ReadError::Limit(format!(
                    "tables of more than {limit} cells in all (a table of {} rows by {} columns)",
                    t.n_rows, t.n_cols
                )));
            }
        }
    }
    Ok(doc)
}

/// Reads `bytes` as `format`. Never panics: a reader that panics on hostile input is
/// turned into a [`ReadError`].
pub fn read(format: Format, bytes: &[u8]) -> Result<Document, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let reader = format.reader();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| reader.read(bytes))) {
        Ok(result) => result
            .and_then(|doc| within_grid_limit(doc, bytes.len()))
            .map(|mut doc| {
                doc.unfold_ligatures();
                doc.join_badges();
                doc
            }),
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".into());
            Err(ReadError::malformed(
                format.name(),
                format!("reader gave up ({why})"),
            ))
        }
    }
}
