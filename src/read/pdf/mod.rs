//! PDF reader on lopdf. lopdf gives objects and content streams; the layers here give
//! positioned text and tables:
//!
//! - [`content`]: the content-stream interpreter (text and graphics state, form
//!   XObjects) producing glyphs, rulings and filled rectangles in display space;
//! - [`fonts`], [`cmap`], [`encoding`]: codes to Unicode and widths;
//! - [`colour`]: colour spaces to RGB;
//! - [`layout`]: glyphs to words and lines;
//! - [`lattice`] (ruled) and [`stream`] (text alignment): table structure;
//! - [`page`]: one page's blocks; [`pages`]: tables continued across pages.

pub mod afm;
pub mod cmap;
pub mod colour;
pub mod content;
pub mod encoding;
pub mod fonts;
pub mod geometry;
pub mod grid;
pub mod lattice;
pub mod layout;
pub mod objects;
pub mod page;
pub mod pages;
pub mod stream;

use lopdf::{Dictionary, LoadOptions, Object};

use super::Reader;
use crate::error::ReadError;
use crate::model::Document;
use objects::{deref, number, numbers};

/// Most pages read.
const MAX_PAGES: usize = 10_000;
/// Largest decompressed content of one page.
const PAGE_CONTENT_LIMIT: usize = 64 * 1024 * 1024;

/// Reads PDF files.
pub struct PdfReader;

impl Reader for PdfReader {
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError> {
        let head = &bytes[..bytes.len().min(1024)];
        if !head.windows(5).any(|w| w == b"%PDF-") {
            return Err(ReadError::NotFormat {
                expected: "PDF",
                detail: "no %PDF header".into(),
            });
        }
        let options = LoadOptions {
            max_decompressed_size: Some(PAGE_CONTENT_LIMIT),
            ..LoadOptions::default()
        };
        let doc = lopdf::Document::load_mem_with_options(bytes, options)
            .map_err(|e| ReadError::malformed("PDF", e))?;
        let page_ids: Vec<_> = doc.page_iter().take(MAX_PAGES + 1).collect();
        if page_ids.len() > MAX_PAGES {
            return Err(ReadError::Limit(format!("more than {MAX_PAGES} pages")));
        }
        if page_ids.is_empty() {
            return Err(ReadError::malformed(
                "PDF",
                "no pages (the page tree is empty or loops)",
            ));
        }
        let mut fonts = content::FontCache::new();
        let mut laid_out = Vec::new();
        let mut warnings = Vec::new();
        if let Some(recovery) = &doc.xref_recovery {
            warnings.push(format!(
                "damaged cross-reference table repaired ({recovery:?})"
            ));
        }
        for (i, &page_id) in page_ids.iter().enumerate() {
            let page_no = i as u32 + 1;
            let Ok(page) = doc.get_dictionary(page_id) else {
                warnings.push(format!("page {page_no}: not a dictionary"));
                continue;
            };
            let media = inherited(&doc, page, b"CropBox")
                .or_else(|| inherited(&doc, page, b"MediaBox"))
                .map(|o| numbers(&doc, o))
                .filter(|v| v.len() == 4 && v.iter().all(|x| x.is_finite()))
                .map(|v| [v[0], v[1], v[2], v[3]])
                .unwrap_or([0.0, 0.0, 612.0, 792.0]);
            let rotate = inherited(&doc, page, b"Rotate")
                .and_then(|o| number(&doc, o))
                .unwrap_or(0.0) as i64;
            let bytes = match doc.get_page_content_with_limit(page_id, PAGE_CONTENT_LIMIT) {
                Ok(b) => b,
                Err(lopdf::Error::Decompress(_)) => {
                    return Err(ReadError::Limit(format!(
                        "page {page_no}: content inflates beyond {} MiB",
                        PAGE_CONTENT_LIMIT >> 20
                    )));
                }
                Err(e) => {
                    warnings.push(format!(
                        "page {page_no}: content skipped ({})",
                        crate::error::one_line(&e.to_string())
                    ));
                    continue;
                }
            };
            if bytes.iter().all(u8::is_ascii_whitespace) {
                warnings.push(format!("page {page_no}: no readable content"));
            }
            let (own, ids) = doc
                .get_page_resources(page_id)
                .unwrap_or((None, Vec::new()));
            let mut resources: Vec<&Dictionary> = own.into_iter().collect();
            resources.extend(ids.iter().filter_map(|id| doc.get_dictionary(*id).ok()));
            let (matrix, width, height) = geometry::display_space(media, rotate);
            let shown = content::Interpreter::new(&doc, &mut fonts).run(&bytes, &resources, matrix);
            laid_out.push(page::lay_out(shown, page_no, width, height));
        }
        let mut document = pages::assemble(laid_out);
        document.pages = Some(page_ids.len() as u32);
        document.warnings.extend(warnings);
        Ok(document)
    }
}

/// A page attribute, inherited from the page tree when the page does not set it.
fn inherited<'a>(doc: &'a lopdf::Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Ok(v) = node.get(key) {
            return Some(deref(doc, v));
        }
        node = node
            .get(b"Parent")
            .ok()
            .map(|p| deref(doc, p))
            .and_then(|p| p.as_dict().ok())?;
    }
    None
}
