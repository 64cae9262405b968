//! Web-page tables of every shape issue 12 names, asserted cell by cell:
//! tests/data/html-shapes/truth.json was written first; the pages were written from it
//! by hand as a CMS publishes them (fixtures/make/make_table_shapes.py).

mod common;
mod shapes_check;

use common::*;
use serde_json::Value;

fn check(file: &str) {
    let text = std::fs::read_to_string(root().join("tests/data/html-shapes/truth.json")).unwrap();
    let truth: Value = serde_json::from_str(&text).unwrap();
    shapes_check::check(
        &root().join("tests/data/html-shapes").join(file),
        &truth["files"][file],
    );
}

/// rowspan and colspan, rowspan="0" to the end of its row group, spans longer than the
/// table clipped, thead/tbody/tfoot with the tfoot rows last, th as bold header cells.
#[test]
fn spans_and_row_groups() {
    check("spans.html");
}

/// A caption is not a cell; <br>, paragraphs, divs and list items are line breaks in a
/// cell; a nested table's rows are lines of its cell; entities decode.
#[test]
fn cell_contents() {
    check("cells.html");
}

/// Elements hidden by `hidden`, display:none or visibility:hidden are not read.
#[test]
fn hidden_elements() {
    check("hidden.html");
}

/// Elements hidden by the page's `<style>` rules (class, id, element, element.class,
/// comma lists, `@media screen`) are not read; rules for print, in comments, behind a
/// media condition or with complex selectors hide nothing.
#[test]
fn hidden_by_style_sheet() {
    check("css-hidden.html");
}

/// divs with ARIA table roles are tables, a div "table" without roles and a
/// role="presentation" layout table are not.
#[test]
fn cms_markup() {
    check("cms.html");
}

/// A page in windows-1252 that says so in <meta charset>.
#[test]
fn windows_1252_by_meta_charset() {
    check("cp1252.html");
}

/// A page in ISO-8859-1 that says so in an http-equiv Content-Type.
#[test]
fn iso_8859_1_by_http_equiv() {
    check("latin1.html");
}
