//! Word tables in the shapes Word writes: tests/data/word-shapes/truth.json was written
//! first; word-shapes.docx was built by python-docx with Word's own XML for what
//! python-docx cannot express (text boxes among them), and word-shapes-strict.docx is the
//! same in Strict OOXML namespaces (fixtures/make/make_word_shapes.py). The tables of the
//! page headers and footers come first and last, marked by their kind.

mod common;

use common::*;
use serde_json::Value;

fn truth() -> Value {
    let text = std::fs::read_to_string(root().join("tests/data/word-shapes/truth.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A table's texts on its grid (merged ranges at their anchors only) and its spans as
/// `[row, col, row_span, col_span]` where a span is more than one position.
fn grid_and_spans(table: &Value) -> (Vec<Vec<String>>, Vec<[u64; 4]>) {
    let (rows, cols) = (
        table["n_rows"].as_u64().unwrap(),
        table["n_cols"].as_u64().unwrap(),
    );
    let mut g = vec![vec![String::new(); cols as usize]; rows as usize];
    let mut spans = Vec::new();
    for c in table["cells"].as_array().unwrap() {
        let at = |k: &str| c[k].as_u64().unwrap();
        g[at("row") as usize][at("col") as usize] = c["text"].as_str().unwrap().to_string();
        if at("row_span") > 1 || at("col_span") > 1 {
            spans.push([at("row"), at("col"), at("row_span"), at("col_span")]);
        }
    }
    (g, spans)
}

fn check(file: &str) {
    let tables = tables_of(&root().join("tests/data/word-shapes").join(file));
    let truth = truth();
    let expected = truth["tables"].as_array().unwrap();
    let kinds = |ts: &[Value], key: &str| -> Vec<String> {
        ts.iter()
            .map(|t| t[key].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(kinds(&tables, "kind"), kinds(expected, "kind"), "{file}");
    for (t, e) in tables.iter().zip(expected) {
        let (grid, spans) = grid_and_spans(t);
        let want: Vec<Vec<String>> = serde_json::from_value(e["grid"].clone()).unwrap();
        let want_spans: Vec<[u64; 4]> = serde_json::from_value(e["spans"].clone()).unwrap();
        assert_eq!(grid, want, "{file}: {}", e["what"]);
        assert_eq!(spans, want_spans, "{file}: {}", e["what"]);
    }
}

#[test]
fn transitional_word_tables_read_as_shown() {
    check("word-shapes.docx");
}

#[test]
fn strict_ooxml_reads_like_transitional() {
    check("word-shapes-strict.docx");
}

/// The table in the page header is a header table of `tables` and gives the
/// municipality as margin text; it is not read for activities.
#[test]
fn a_header_table_names_the_municipality() {
    let truth = truth();
    let header = &truth["tables"][0];
    assert_eq!(header["kind"], "header");
    let first = header["grid"][0][0].as_str().unwrap();
    let municipality = first.trim_end_matches(" kommune");
    for file in ["word-shapes.docx", "word-shapes-strict.docx"] {
        let path = root().join("tests/data/word-shapes").join(file);
        let (dir, out) = extract(&[&path], &[]);
        assert!(out.status.success(), "{out:?}");
        let docs = read_json(dir.path(), "documents.json");
        assert_eq!(docs[0]["municipality"], municipality, "{file}");
        assert_eq!(docs[0]["country"], "NO", "{file}");
        let activities = read_json(dir.path(), "activities.json");
        let from_margins: Vec<&Value> = activities
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| {
                let text = a.to_string();
                text.contains("Vedtatt 12.03.2025") || text.contains(first)
            })
            .collect();
        assert!(from_margins.is_empty(), "{file}: {from_margins:?}");
    }
}
