//! Small helpers over lopdf objects: following references with a bound, numbers,
//! names, stream contents with a size limit.

use lopdf::{Document, Object};

/// Largest decompressed stream read (content streams, fonts' CMaps).
pub const STREAM_LIMIT: usize = 64 * 1024 * 1024;

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

/// The decompressed bytes of a stream behind references, bounded by [`STREAM_LIMIT`].
pub fn stream_bytes(doc: &Document, obj: &Object) -> Option<Vec<u8>> {
    match deref(doc, obj) {
        Object::Stream(s) => match s.decompressed_content_with_limit(STREAM_LIMIT) {
            Ok(b) => Some(b),
            Err(_) if s.filters().map(|f| f.is_empty()).unwrap_or(true) => Some(s.content.clone()),
            Err(_) => None,
        },
        _ => None,
    }
}

/// Numbers of an array behind references (`[a b c d]`).
pub fn numbers(doc: &Document, obj: &Object) -> Vec<f32> {
    match deref(doc, obj) {
        Object::Array(a) => a.iter().filter_map(|o| number(doc, o)).collect(),
        _ => Vec::new(),
    }
}
