//! The format of a file told from its bytes, for input that has no name (standard
//! input): the PDF header, the parts a zip package holds, the compound-file signature of
//! Excel 97-2003, HTML markup, else text (Markdown where it holds pipe tables).

use super::Format;

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The format `bytes` are in, or `None` when they are no format planlift reads (a zip
/// package of another kind, binary data).
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    let head = &bytes[..bytes.len().min(1024)];
    if contains(head, b"%PDF-") {
        return Some(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // OpenDocument stores its media type first and uncompressed; OOXML packages are
        // told by their main part's name, which every local header carries in clear.
        if contains(head, b"opendocument.spreadsheet") {
            return Some(Format::Ods);
        }
        if contains(head, b"opendocument.text") {
            return Some(Format::Odt);
        }
        if contains(bytes, b"word/document.xml") {
            return Some(Format::Docx);
        }
        if contains(bytes, b"xl/workbook.xml") || contains(bytes, b"xl/workbook.bin") {
            return Some(Format::Xlsx);
        }
        return None;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some(Format::Xls);
    }
    let text = std::str::from_utf8(&bytes[..bytes.len().min(64 * 1024)])
        .ok()
        .or_else(|| {
            // A cut in the middle of a character at the sample's end is still text.
            let sample = &bytes[..bytes.len().min(64 * 1024)];
            std::str::from_utf8(&sample[..sample.len().saturating_sub(3)]).ok()
        })?;
    if text.contains('\0') {
        return None;
    }
    let lower = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") || lower.contains("<table")
    {
        return Some(Format::Html);
    }
    let pipe_rows = text
        .lines()
        .filter(|l| l.trim_start().starts_with('|') && l.trim_end().ends_with('|'))
        .count();
    Some(if pipe_rows >= 2 {
        Format::Md
    } else {
        Format::Txt
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_kinds() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(Format::Pdf));
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), Some(Format::Html));
        assert_eq!(
            sniff(b"| a | b |\n|---|---|\n| 1 | 2 |\n"),
            Some(Format::Md)
        );
        assert_eq!(sniff("Åtgärd\tAnsvar\n".as_bytes()), Some(Format::Txt));
        assert_eq!(sniff(b"\x00\x01\x02binary"), None);
        assert_eq!(sniff(b"PK\x03\x04....other.xml"), None);
    }

    #[test]
    fn a_binary_workbook_is_excel() {
        let xlsb = include_bytes!("../../fixtures/xlsb/tynset-klima-tiltak-2026-2029.xlsb");
        assert_eq!(sniff(xlsb), Some(Format::Xlsx));
        assert_eq!(
            Format::from_path("tiltak.XLSB".as_ref()),
            Some(Format::Xlsx)
        );
    }
}
