//! Small helpers over lopdf objects: following references with a bound, numbers,
//! names, stream contents within the document's inflation budget.

use std::cell::Cell;

use lopdf::{Document, Object};

/// Largest decompressed stream read (content streams, fonts' CMaps).
pub const STREAM_LIMIT: usize = 64 * 1024 * 1024;
/// How many times its own size a document may inflate to in all (every page's
/// content, every form, CMap and colour table, each time it is read).
pub const INFLATE_RATIO: usize = 100;
/// The inflation budget of a small document.
pub const INFLATE_FLOOR: usize = 64 * 1024 * 1024;
/// The inflation budget of any document, however large.
pub const INFLATE_CAP: usize = 1024 * 1024 * 1024;

thread_local! {
    /// Bytes the document being read on this thread may still inflate.
    static BUDGET: Cell<Option<usize>> = const { Cell::new(None) };
    /// The whole budget of the document being read on this thread.
    static TOTAL: Cell<usize> = const { Cell::new(0) };
}

/// The inflation budget of the document being read: while it lives, [`stream_bytes`]
/// and [`Budget::take`] draw from it, so a stream shared by many pages, forms or fonts
/// cannot be inflated again and again without end. One per reading thread.
pub struct Budget {
    previous: Option<usize>,
    previous_total: usize,
}

impl Budget {
    /// Sets the budget for a document of `input_len` bytes: [`INFLATE_RATIO`] times its
    /// size, at least [`INFLATE_FLOOR`], at most [`INFLATE_CAP`].
    pub fn for_input(input_len: usize) -> Budget {
        let total = input_len
            .saturating_mul(INFLATE_RATIO)
            .clamp(INFLATE_FLOOR, INFLATE_CAP);
        Budget {
            previous: BUDGET.with(|b| b.replace(Some(total))),
            previous_total: TOTAL.with(|t| t.replace(total)),
        }
    }

    /// The whole budget of the document being read.
    pub fn total() -> usize {
        TOTAL.with(|t| t.get())
    }

    /// Bytes left to inflate (unbounded when no budget is set).
    pub fn left() -> usize {
        BUDGET.with(|b| b.get()).unwrap_or(usize::MAX)
    }

    /// Draws `n` bytes; `false` (and the budget spent) when fewer were left.
    pub fn take(n: usize) -> bool {
        BUDGET.with(|b| match b.get() {
            Some(left) if n > left => {
                b.set(Some(0));
                false
            }
            Some(left) => {
                b.set(Some(left - n));
                true
            }
            None => true,
        })
    }

    /// Whether the budget has run out.
    pub fn spent() -> bool {
        Budget::left() == 0
    }
}

impl Drop for Budget {
    fn drop(&mut self) {
        BUDGET.with(|b| b.set(self.previous));
        TOTAL.with(|t| t.set(self.previous_total));
    }
}

/// Follows references (at most 32 hops, so cycles end).
pub fn deref<'a>(doc: &'a Document, mut obj: &'a Object) -> &'a Object {
    for _ in 0..32 {
        match obj {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(o) => obj = o,
                Err(_) => return &Object::Null,
            },
            _ => return obj,
        }
    }
    &Object::Null
}

/// A number (integer or real) behind references.
pub fn number(doc: &Document, obj: &Object) -> Option<f32> {
    match deref(doc, obj) {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

/// A name behind references, as text.
pub fn name_of(doc: &Document, obj: &Object) -> Option<String> {
    match deref(doc, obj) {
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    }
}

/// The decompressed bytes of a stream behind references, bounded by [`STREAM_LIMIT`]
/// and drawn from the document's [`Budget`]; `None` once the budget is spent.
pub fn stream_bytes(doc: &Document, obj: &Object) -> Option<Vec<u8>> {
    match deref(doc, obj) {
        Object::Stream(_) if Budget::spent() => None,
        Object::Stream(s) => {
            let limit = STREAM_LIMIT.min(Budget::left());
            let bytes = match s.decompressed_content_with_limit(limit) {
                Ok(b) => b,
                Err(_) if s.filters().map(|f| f.is_empty()).unwrap_or(true) => s.content.clone(),
                Err(e) => {
                    if is_over_limit(&e) && limit < STREAM_LIMIT {
                        Budget::take(usize::MAX);
                    }
                    return None;
                }
            };
            Budget::take(bytes.len()).then_some(bytes)
        }
        _ => None,
    }
}

/// Whether a lopdf error says that inflating went over the limit it was given.
pub fn is_over_limit(e: &lopdf::Error) -> bool {
    matches!(
        e,
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })
    )
}

/// Numbers of an array behind references (`[a b c d]`).
pub fn numbers(doc: &Document, obj: &Object) -> Vec<f32> {
    match deref(doc, obj) {
        Object::Array(a) => a.iter().filter_map(|o| number(doc, o)).collect(),
        _ => Vec::new(),
    }
}
