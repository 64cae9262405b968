//! OpenDocument text tables of the shapes issue 12 names, asserted cell by cell:
//! tests/data/odt-shapes/truth.json was written first; shapes.odt was built from it
//! (python-docx, LibreOffice headless, raw content.xml edits:
//! fixtures/make/make_table_shapes.py).

mod common;
mod shapes_check;

use common::*;
use serde_json::Value;

/// Covered cells (one holding stale text) as parts of spans, a nested table as lines of
/// its cell, a table inside a text:section in order, soft page breaks between rows and
/// inside a cell's paragraph, a repeated header row (table:table-header-rows) as the
/// table's first row, tracked changes as accepted.
#[test]
fn odt_by_libreoffice() {
    let text = std::fs::read_to_string(root().join("tests/data/odt-shapes/truth.json")).unwrap();
    let truth: Value = serde_json::from_str(&text).unwrap();
    shapes_check::check(&root().join("tests/data/odt-shapes/shapes.odt"), &truth);
}
