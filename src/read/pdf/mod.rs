//! PDF reader on lopdf. lopdf gives objects and content streams; the layers here give
//! positioned text and tables:
//!
//! - [`content`]: the content-stream interpreter (text and graphics state, form
//!   XObjects) producing glyphs, rulings and filled rectangles in display space;
//! - [`fonts`], [`cmap`], [`encoding`]: codes to Unicode and widths;
//! - [`colour`]: colour spaces to RGB;
//! - [`layout`]: glyphs to words and lines;
//! - [`lattice`] (ruled) and [`stream`] (text alignment): table structure; [`ruled_header`]:
//!   a found table's header rows over the rule under them joined;
//! - [`structure`]: a tagged PDF's structure tree (tables, cells, headings), and
//!   [`tagged`]: a tagged table's part on a page, checked against the page;
//! - [`page`]: one page's blocks; [`pages`]: tables continued across pages;
//!   [`broken_words`]: words a narrow column broke, told from wraps by the document's words.

pub mod afm;
mod bands;
mod broken_words;
pub mod cmap;
pub mod colour;
pub mod columns;
pub mod content;
#[cfg(test)]
mod debug_dump;
pub mod encoding;
mod filled_head;
pub mod fonts;
pub mod geometry;
pub mod grid;
pub mod image;
pub mod lattice;
pub mod layout;
pub mod objects;
pub mod page;
pub mod pages;
pub mod reading_order;
mod ruled_header;
pub mod stream;
pub mod structure;
pub mod tagged;
mod widgets;

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
        let _budget = objects::Budget::for_input(bytes.len());
        let doc = load(bytes)?;
        let page_ids = page_ids(&doc)?;
        let mut fonts = content::FontCache::new();
        let mut ops_left = ops_budget(bytes.len());
        let mut laid_out = Vec::new();
        let tags = structure::Structure::read(&doc, &page_ids);
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
            let bytes = match page_content(&doc, page_id, page_no)? {
                Ok(b) => b,
                Err(warning) => {
                    warnings.push(warning);
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
            let (matrix, mut width, mut height) = geometry::display_space(media, rotate);
            let mut shown = content::Interpreter::new(&doc, &mut fonts, &mut ops_left)
                .run(&bytes, &resources, matrix);
            let mut used = matrix;
            // A page whose text runs up or down (a wide table set sideways on an upright
            // page) is read turned a quarter either way, as a reader turns the paper:
            // whichever turn sets most of its text upright.
            if sideways(&shown) {
                for turn in [90, 270] {
                    let (matrix, w, h) = geometry::display_space(media, rotate + turn);
                    let turned = content::Interpreter::new(&doc, &mut fonts, &mut ops_left)
                        .run(&bytes, &resources, matrix);
                    if upright_share(&turned) > upright_share(&shown) {
                        (shown, width, height, used) = (turned, w, h, matrix);
                    }
                }
            }
            // What the page's form fields show, drawn over the page as a viewer does.
            if let Some((fields, own)) = widgets::appearances(&doc, page) {
                let mut with: Vec<&Dictionary> = vec![&own];
                with.extend(resources.iter().copied());
                let drawn = content::Interpreter::new(&doc, &mut fonts, &mut ops_left)
                    .run(&fields, &with, used);
                shown.glyphs.extend(drawn.glyphs);
                shown.segments.extend(drawn.segments);
                shown.fills.extend(drawn.fills);
            }
            laid_out.push(page::lay_out(shown, page_no, width, height, tags.as_ref()));
        }
        if ops_left == 0 {
            warnings.push(format!(
                "content cut short: more than {} operators in all",
                ops_budget(bytes.len())
            ));
        }
        if objects::Budget::spent() {
            warnings.push(format!(
                "streams skipped: the file inflates to more than {} MiB in all",
                objects::Budget::total() >> 20
            ));
        }
        let mut document = pages::assemble(laid_out);
        document.pages = Some(page_ids.len() as u32);
        document.warnings.extend(warnings);
        Ok(document)
    }
}

/// Whether most of a page's text does not run left to right upright (at least 20
/// glyphs, fewer than half of them upright).
fn sideways(shown: &content::PageContent) -> bool {
    shown.glyphs.len() >= 20 && upright_share(shown) < 0.5
}

/// The share of a page's glyphs that run left to right upright.
fn upright_share(shown: &content::PageContent) -> f32 {
    let upright = shown.glyphs.iter().filter(|g| g.upright).count();
    upright as f32 / shown.glyphs.len().max(1) as f32
}

/// Most content operators run in a whole document of `input_len` bytes: 8 per input
/// byte (a page's operators take several bytes each, before compression), at least one
/// page's worth ([`content::MAX_OPS`]), at most 64 Mi. Forms drawn again and again and
/// pages that share one content stream cannot multiply the work without end.
fn ops_budget(input_len: usize) -> usize {
    input_len
        .saturating_mul(8)
        .clamp(content::MAX_OPS, 64 << 20)
}

/// Loads the object tree. An encrypted file that opens without a password (an owner
/// password only) is decrypted by lopdf and read; one that needs a password is
/// [`ReadError::Encrypted`].
fn load(bytes: &[u8]) -> Result<lopdf::Document, ReadError> {
    let options = LoadOptions {
        max_decompressed_size: Some(PAGE_CONTENT_LIMIT.min(objects::Budget::left())),
        ..LoadOptions::default()
    };
    let doc = lopdf::Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decryption(_)
        | lopdf::Error::InvalidPassword
        | lopdf::Error::UnsupportedSecurityHandler(_) => ReadError::Encrypted,
        e if objects::is_over_limit(&e) => ReadError::Limit(format!(
            "an object stream inflates beyond {} MiB",
            PAGE_CONTENT_LIMIT >> 20
        )),
        e => ReadError::malformed("PDF", e),
    })?;
    // lopdf removes /Encrypt from the trailer once it has decrypted the file.
    if doc.trailer.has(b"Encrypt") {
        return Err(ReadError::Encrypted);
    }
    Ok(doc)
}

/// The pages in page-tree order. lopdf's walk visits at most as many nodes as the file
/// has objects, so a page tree that loops ends; a loop that reaches no page is an error.
/// A page object has one place in the tree, so one met again is the loop coming round
/// and is read once (a damaged tree otherwise yields each page hundreds of times).
/// No `collect`: the walk's size hint trusts `/Count`, which may be absurd (and overflow).
fn page_ids(doc: &lopdf::Document) -> Result<Vec<lopdf::ObjectId>, ReadError> {
    let mut ids = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for id in doc.page_iter() {
        if !seen.insert(id) {
            continue;
        }
        if ids.len() == MAX_PAGES {
            return Err(ReadError::Limit(format!("more than {MAX_PAGES} pages")));
        }
        ids.push(id);
    }
    if ids.is_empty() {
        return Err(ReadError::malformed(
            "PDF",
            "no pages (the page tree is empty or loops)",
        ));
    }
    Ok(ids)
}

/// A page's content streams, inflated and joined, drawn from the document's inflation
/// budget. `Err` for a page too large to read at all, `Ok(Err(warning))` for a page
/// whose content is skipped.
fn page_content(
    doc: &lopdf::Document,
    page_id: lopdf::ObjectId,
    page_no: u32,
) -> Result<Result<Vec<u8>, String>, ReadError> {
    let left = objects::Budget::left();
    let limit = PAGE_CONTENT_LIMIT.min(left);
    match doc.get_page_content_with_limit(page_id, limit) {
        Ok(b) if objects::Budget::take(b.len()) => Ok(Ok(b)),
        Ok(_) => Err(budget_spent()),
        Err(e) if objects::is_over_limit(&e) && limit < PAGE_CONTENT_LIMIT => Err(budget_spent()),
        Err(e) if objects::is_over_limit(&e) => Err(ReadError::Limit(format!(
            "page {page_no}: content inflates beyond {} MiB",
            PAGE_CONTENT_LIMIT >> 20
        ))),
        Err(e) => Ok(Err(format!(
            "page {page_no}: content skipped ({})",
            crate::error::one_line(&e.to_string())
        ))),
    }
}

/// The error for a document whose pages together inflate beyond its budget.
fn budget_spent() -> ReadError {
    ReadError::Limit(format!(
        "content inflates beyond {} MiB in all ({} times the file's size, at least {} MiB)",
        objects::Budget::total() >> 20,
        objects::INFLATE_RATIO,
        objects::INFLATE_FLOOR >> 20
    ))
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
