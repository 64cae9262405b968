//! Raw table grids for `planlift tables`: one CSV per table (merged cells repeated into
//! every position they cover) and the `<stem>.tables.json` description.

use serde::Serialize;

use crate::model::{Table, TableKind};

/// A table's grid as CSV, merged text repeated into every covered position.
pub fn grid_csv(table: &crate::model::Table) -> Vec<u8> {
    let grid = table.grid();
    let mut writer = ::csv::WriterBuilder::new().from_writer(Vec::new());
    for row in grid {
        let cells: Vec<&str> = row
            .iter()
            .map(|slot| slot.map_or("", |i| table.cells[i].text.as_str()))
            .collect();
        writer.write_record(&cells).expect("write to memory");
    }
    writer.into_inner().expect("flush to memory")
}

/// One table of `tables.json`, without its cells (written one per line after it).
#[derive(Serialize)]
struct TableOut<'a> {
    index: usize,
    kind: &'static str,
    pages: &'a [u32],
    sheet: Option<&'a str>,
    first_cell: Option<String>,
    n_rows: usize,
    n_cols: usize,
    hidden_rows: &'a [usize],
    hidden_cols: &'a [usize],
}

/// One cell of `tables.json`.
#[derive(Serialize)]
struct CellOut<'a> {
    row: usize,
    col: usize,
    row_span: usize,
    col_span: usize,
    text: &'a str,
    fill: Option<String>,
    bold: Option<bool>,
}

/// The `tables.json` description of a document's tables (as [`Document::raw_tables`]
/// gives them), in the form SPEC shows: each table's facts on one line, then its cells
/// one per line, with a final newline. Compact enough to write fast and still read
/// line by line.
pub fn tables_json(source_file: &str, raw: &[(TableKind, &Table)]) -> String {
    let mut out =
        Vec::with_capacity(256 + raw.iter().map(|(_, t)| t.cells.len() * 96).sum::<usize>());
    out.extend_from_slice(b"{\"source_file\": ");
    spaced(&mut out, &source_file);
    out.extend_from_slice(b", \"tables\": [");
    for (i, (kind, t)) in raw.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n  " } else { b",\n  " });
        let head = TableOut {
            index: i + 1,
            kind: kind.name(),
            pages: &t.pages,
            sheet: t.sheet.as_deref(),
            first_cell: t.origin.map(|(r, c)| cell_name(r, c)),
            n_rows: t.n_rows,
            n_cols: t.n_cols,
            hidden_rows: &t.hidden_rows,
            hidden_cols: &t.hidden_cols,
        };
        spaced(&mut out, &head);
        out.pop(); // the table's closing brace: its cells follow
        out.extend_from_slice(b", \"cells\": [");
        for (j, c) in t.cells.iter().enumerate() {
            out.extend_from_slice(if j == 0 { b"\n    " } else { b",\n    " });
            let cell = CellOut {
                row: c.row,
                col: c.col,
                row_span: c.row_span,
                col_span: c.col_span,
                text: &c.text,
                fill: c.fill.map(|f| f.to_string()),
                bold: c.bold,
            };
            spaced(&mut out, &cell);
        }
        out.extend_from_slice(b"]}");
    }
    out.extend_from_slice(b"]}\n");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// Appends `value` as one line of JSON with a space after each `:` and `,`.
fn spaced<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Spaced);
    value.serialize(&mut ser).expect("tables serialize");
}

/// serde_json's compact form with a space after `:` and between entries, as SPEC
/// writes JSON on one line.
struct Spaced;

impl serde_json::ser::Formatter for Spaced {
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.begin_array_value(writer, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
    ) -> std::io::Result<()> {
        writer.write_all(b": ")
    }
}

/// A sheet position's name: row 0, column 0 is `A1`; column 26 is `AA`.
fn cell_name(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn cell_names_count_columns_as_letters() {
        assert_eq!(super::cell_name(0, 0), "A1");
        assert_eq!(super::cell_name(4, 25), "Z5");
        assert_eq!(super::cell_name(9, 26), "AA10");
        assert_eq!(super::cell_name(0, 16_383), "XFD1");
    }
}
