//! Why a file could not be read: one error type for every reader.

use thiserror::Error;

/// A reader's failure; its `Display` is the one-line reason shown to the user.
#[derive(Debug, Error)]
pub enum ReadError {
    /// The file is empty.
    #[error("empty file")]
    Empty,
    /// The bytes are not the container the extension promises (not a zip, not a PDF, …).
    #[error("not a valid {expected} file: {detail}")]
    NotFormat {
        expected: &'static str,
        detail: String,
    },
    /// The container is there but a required part is missing.
    #[error("{0} is missing from the package")]
    MissingPart(String),
    /// The content is malformed.
    #[error("malformed {format}: {detail}")]
    Malformed {
        format: &'static str,
        detail: String,
    },
    /// The file is encrypted and needs a password (PDF, OOXML or OpenDocument).
    #[error("encrypted, password required")]
    Encrypted,
    /// A safety limit was hit (decompressed size, nesting, object count …).
    #[error("limit exceeded: {0}")]
    Limit(String),
    /// Reading the file failed.
    #[error("cannot read file: {0}")]
    Io(#[from] std::io::Error),
}

impl ReadError {
    /// Shorthand for [`ReadError::Malformed`].
    pub fn malformed(format: &'static str, detail: impl ToString) -> ReadError {
        ReadError::Malformed {
            format,
            detail: one_line(&detail.to_string()),
        }
    }
}

/// Folds a message onto one line.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
