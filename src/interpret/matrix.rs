//! Responsibility matrices inside measure cards: a small table, or lines set with tab
//! stops, with one row per department or municipal company (`Förvaltning/Bolag |
//! Ansvarig | Tidsplan`), the role responsible and a deadline beside each; most rows
//! empty beyond the organisation.
//!
//! Read as a planner reads it: the organisations whose row says anything are
//! responsible, in the matrix's order; a second responsible column names their roles
//! (kept in `extra` as `Organisation: role; …`); the distinct deadlines are the period
//! (the latest is its end); other columns go to `extra` the same way.

use super::cards::value;
use super::RowRecord;
use crate::vocab::{Field, Vocabulary};

/// What a matrix column holds.
#[derive(Debug, Clone, PartialEq)]
enum Column {
    /// The organisations.
    Organisation,
    /// A record field, with the header as written.
    Field(Field, String),
    /// A column no field word names (`Kontaktperson`), kept in `extra` by its header.
    Other(String),
}

/// A matrix's header: its columns, left to right.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    columns: Vec<Column>,
}

impl Matrix {
    /// The matrix a header row opens, if it is one: two or more labels naming fields
    /// other than the activity's (or the organisations), with one column of
    /// organisations (a `[matrix]` word, else the first responsible column) and another
    /// that says something of them. Beside a column named by a `[matrix]` word, one label
    /// that names no field may stand (`Kontaktperson`).
    pub fn header(cells: &[&str], vocab: &Vocabulary) -> Option<Matrix> {
        let cells: Vec<&str> = cells.iter().map(|c| c.trim()).collect();
        // (A cell without a letter is a value, not a column's name: `2026–2027`.)
        if cells.len() < 2
            || cells.iter().any(|c| {
                c.is_empty() || c.chars().count() > 40 || !c.chars().any(char::is_alphabetic)
            })
        {
            return None;
        }
        let mut org = cells.iter().position(|c| vocab.names_organisation(c));
        let mut columns = Vec::new();
        for (i, c) in cells.iter().enumerate() {
            if Some(i) == org {
                columns.push(Column::Organisation);
                continue;
            }
            match vocab.header_field(c) {
                Some(Field::Activity | Field::Id | Field::Area | Field::Goal) => return None,
                Some(Field::Responsible) if org.is_none() => {
                    org = Some(i);
                    columns.push(Column::Organisation);
                }
                Some(f) => columns.push(Column::Field(f, c.to_string())),
                None => columns.push(Column::Other(c.to_string())),
            }
        }
        let named = cells.iter().any(|c| vocab.names_organisation(c));
        let others = columns
            .iter()
            .filter(|c| matches!(c, Column::Other(_)))
            .count();
        let fields = columns
            .iter()
            .filter(|c| matches!(c, Column::Field(..)))
            .count();
        (org.is_some() && fields >= 1 && (others == 0 || (named && others == 1)))
            .then_some(Matrix { columns })
    }

    /// The number of columns.
    pub fn width(&self) -> usize {
        self.columns.len()
    }

    /// Fills `record` from the matrix's rows (without the header): fields the record
    /// already has from elsewhere in the card are kept.
    pub fn apply(&self, rows: &[Vec<String>], record: &mut RowRecord) {
        let Some(org) = self.columns.iter().position(|c| *c == Column::Organisation) else {
            return;
        };
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|t| crate::text::collapse(t)).collect())
            .collect();
        fn cell(row: &[String], c: usize) -> &str {
            row.get(c).map_or("", String::as_str)
        }
        let taking: Vec<&Vec<String>> = rows
            .iter()
            .filter(|r| {
                !cell(r, org).is_empty()
                    && (0..self.width()).any(|c| c != org && !cell(r, c).is_empty())
            })
            .collect();
        if taking.is_empty() {
            return;
        }
        let orgs: Vec<&str> = taking.iter().map(|r| cell(r, org)).collect();
        set(record, Field::Responsible, &orgs.join(", "), "");
        for (c, column) in self.columns.iter().enumerate() {
            let (field, header) = match column {
                Column::Organisation => continue,
                Column::Field(f, h) => (Some(*f), h),
                Column::Other(h) => (None, h),
            };
            let mut distinct: Vec<&str> = Vec::new();
            for r in &taking {
                let v = cell(r, c);
                if !v.is_empty() && !distinct.contains(&v) {
                    distinct.push(v);
                }
            }
            let per_org = || {
                taking
                    .iter()
                    .filter(|r| !cell(r, c).is_empty())
                    .map(|r| format!("{}: {}", cell(r, org), cell(r, c)))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            // Deadlines and costs add up to the measure's; a role is said of its
            // organisation; any other field one value says of the whole measure.
            let whole = matches!(field, Some(Field::Timeframe | Field::Cost))
                || (!matches!(field, Some(Field::Responsible) | None) && distinct.len() == 1);
            if distinct.is_empty() {
                continue;
            }
            match field {
                Some(f) if whole && record.field(f).is_none() => {
                    set(record, f, &distinct.join(", "), header);
                }
                _ => {
                    record.extra.push((header.clone(), per_org()));
                }
            }
        }
    }
}

/// Fills the card from the matrix being read, and ends it.
pub(super) fn close_matrix(
    matrix: &mut Option<(Matrix, Vec<Vec<String>>)>,
    current: &mut Option<(RowRecord, Vec<String>)>,
) {
    if let (Some((m, rows)), Some((record, _))) = (matrix.take(), current.as_mut()) {
        m.apply(&rows, record);
    }
}

/// A table in a card that is its responsibility matrix, with its rows: left open for
/// lines under it that a page's layout cut from it (rows of an organisation's name
/// alone), and applied to the card when it closes.
pub(super) fn table_matrix(
    table: &crate::model::Table,
    vocab: &Vocabulary,
) -> Option<(Matrix, Vec<Vec<String>>)> {
    let grid = table.grid();
    let texts = |row: &[Option<usize>]| -> Vec<String> {
        super::card_tables::row_cells(row)
            .into_iter()
            .map(|(_, i)| table.cells[i].text.clone())
            .collect()
    };
    let header = texts(grid.first()?);
    let m = Matrix::header(
        &header.iter().map(String::as_str).collect::<Vec<_>>(),
        vocab,
    )?;
    // A cell spanning several columns stands in the first of them only.
    let rows: Vec<Vec<String>> = grid[1..]
        .iter()
        .map(|row| {
            let mut cells = vec![String::new(); row.len()];
            for (c, i) in super::card_tables::row_cells(row) {
                cells[c].clone_from(&table.cells[i].text);
            }
            cells
        })
        .collect();
    Some((m, rows))
}

/// Whether a line of a card's text belongs to a responsibility matrix: a header line set
/// with tab stops opens one; while one is open, a line with tabs is a row, and so is a
/// short line that is only a name (an organisation without role or deadline).
pub(super) fn matrix_line(
    line: &str,
    matrix: &mut Option<(Matrix, Vec<Vec<String>>)>,
    record: &mut RowRecord,
    vocab: &Vocabulary,
) -> bool {
    if let Some((m, rows)) = matrix.as_mut() {
        let t = line.trim();
        let name_only = !t.ends_with(['.', ':', ';'])
            && t.split_whitespace().count() <= 6
            && t.chars().next().is_some_and(|c| c.is_uppercase())
            && super::cards::labelled_field(t, vocab).is_none();
        if line.contains('\t') || name_only {
            rows.push(tab_cells(line, m.width()));
            return true;
        }
        if let Some((m, rows)) = matrix.take() {
            m.apply(&rows, record);
        }
        return false;
    }
    if !line.contains('\t') {
        return false;
    }
    let cells = tab_cells(line, usize::MAX);
    let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
    match Matrix::header(&cells, vocab) {
        Some(m) => {
            *matrix = Some((m, Vec::new()));
            true
        }
        None => false,
    }
}

/// Sets a field the record does not have yet.
fn set(record: &mut RowRecord, field: Field, text: &str, header: &str) {
    if record.field(field).is_none() {
        record.fields.push((field, value(text, header)));
    }
}

/// The cells of a line set with tab stops: split at each tab, so that an empty cell
/// keeps its place; where that gives more cells than the header has (several tabs to
/// reach one stop), split at runs of tabs instead.
pub fn tab_cells(line: &str, width: usize) -> Vec<String> {
    let cells: Vec<String> = line.split('\t').map(|c| c.trim().to_string()).collect();
    if cells.len() <= width.max(1) {
        return cells;
    }
    line.split('\t')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn the_organisations_with_a_role_or_deadline_are_responsible() {
        let vocab = Vocabulary::builtin();
        let m = Matrix::header(&["Förvaltning/Bolag", "Ansvarig", "Tidsplan"], vocab).unwrap();
        let mut record = RowRecord::default();
        m.apply(
            &rows(&[
                &["Kommunledningsförvaltningen", "", ""],
                &[
                    "Samhällsbyggnadsförvaltningen",
                    "Fastighetschef",
                    "31 dec 2027",
                ],
                &["Socialförvaltningen"],
                &["Bostadsbolaget AB", "VD", "2028"],
                &["Energibolaget AB", "", "2028"],
            ]),
            &mut record,
        );
        assert_eq!(
            record.field(Field::Responsible),
            Some("Samhällsbyggnadsförvaltningen, Bostadsbolaget AB, Energibolaget AB")
        );
        assert_eq!(record.field(Field::Timeframe), Some("31 dec 2027, 2028"));
        assert_eq!(
            record.extra,
            [(
                "Ansvarig".to_string(),
                "Samhällsbyggnadsförvaltningen: Fastighetschef; Bostadsbolaget AB: VD".to_string()
            )]
        );
    }

    #[test]
    fn a_header_with_an_activity_column_or_one_label_is_no_matrix() {
        let vocab = Vocabulary::builtin();
        assert!(Matrix::header(&["Tiltak", "Ansvarlig", "Frist"], vocab).is_none());
        assert!(Matrix::header(&["Enhet"], vocab).is_none());
        assert!(Matrix::header(&["Enhet", "Ansvarlig", "Frist"], vocab).is_some());
        // Without an organisation word the first responsible column holds them.
        assert!(Matrix::header(&["Ansvarlig", "Tidsramme"], vocab).is_some());
        assert!(Matrix::header(&["Tidsramme", "Status"], vocab).is_none());
        // One column no field word names stands beside a named organisation column.
        assert!(Matrix::header(&["Förvaltning", "Kontaktperson", "Klart"], vocab).is_some());
        assert!(Matrix::header(&["Ansvarig", "Kontaktperson", "Klart"], vocab).is_none());
        assert!(Matrix::header(&["Förvaltning", "Kontaktperson", "Telefon"], vocab).is_none());
    }

    #[test]
    fn tab_lines_keep_empty_cells_in_place() {
        assert_eq!(tab_cells("Enhet\t\t2027", 3), ["Enhet", "", "2027"]);
        assert_eq!(
            tab_cells("Enhet\t\t\tRolle\t2027", 3),
            ["Enhet", "Rolle", "2027"]
        );
    }
}
