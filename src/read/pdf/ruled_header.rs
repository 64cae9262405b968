//! Rules drawn across a table found by alignment: a rule between two lines parts their
//! rows, and every line above the first rule (two or three of them) is the one header
//! row (`Nr` / `o`, `Aikataul` / `u`: header words too wide for their narrow columns,
//! wrapped over two lines and set at the bottom of the row).

use super::content::Segment;
use super::layout::Line;

/// Most lines above the rule under a header that can be that header.
const HEADER_LINES: usize = 3;

/// A horizontal rule: its height, left and right.
pub type Rule = (f32, f32, f32);

/// The horizontal rules under the table between `x0` and `x1`: those that run across it
/// (all but a tenth of its width at either end), and those that run under the words of
/// the two lines they part (a rule under a title spanning every column but the stub's,
/// whose box runs down beside it). A rule drawn in pieces, cell by cell (as office
/// programs draw each cell's border), is one rule where the pieces meet.
pub fn across(rules: &[Segment], x0: f32, x1: f32) -> Vec<Rule> {
    let width = x1 - x0;
    // Horizontal pieces as (height, left, right), by height then left.
    let mut pieces: Vec<Rule> = rules
        .iter()
        .filter(|s| (s.y0 - s.y1).abs() < 1.0)
        .map(|s| ((s.y0 + s.y1) / 2.0, s.x0.min(s.x1), s.x0.max(s.x1)))
        .collect();
    pieces.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut joined: Vec<Rule> = Vec::new();
    for (y, a, b) in pieces {
        match joined
            .iter_mut()
            .rev()
            .find(|(jy, _, _)| (*jy - y).abs() < 0.5)
        {
            Some(j) if a <= j.2 + 2.0 => j.2 = j.2.max(b),
            _ => joined.push((y, a, b)),
        }
    }
    // A rule that reaches at least half across the table may part the lines above and
    // below it; a shorter one underlines a cell.
    joined
        .into_iter()
        .filter(|(_, a, b)| *b - *a >= 0.5 * width && *a < x1 && *b > x0)
        .map(|(y, a, b)| {
            let full = a <= x0 + 0.1 * width && b >= x1 - 0.1 * width;
            if full {
                (y, f32::NEG_INFINITY, f32::INFINITY)
            } else {
                (y, a, b)
            }
        })
        .collect()
}

/// Whether a rule runs between line `a` and the line `b` under it: across the table, or
/// under every word of both lines.
pub fn ruled_between(a: &Line, b: &Line, across: &[Rule]) -> bool {
    let (left, right) = (a.x0().min(b.x0()), a.x1().max(b.x1()));
    across.iter().any(|&(y, l, r)| {
        y >= a.bottom - 0.5 && y <= b.top + 0.5 && l <= left + 1.0 && r >= right - 1.0
    })
}

/// How many of the table's first lines (`run`, top to bottom) make its header row: the
/// lines above the first rule between two of its lines, when two or three lines stand
/// above it; else none.
pub fn header_lines(lines: &[Line], run: &[usize], across: &[Rule]) -> usize {
    // The lines of one header row follow each other at their leading; a line set apart
    // above them (a legend over the table) is none of them.
    let close = |n: usize| {
        let (a, b) = (&lines[run[n - 1]], &lines[run[n]]);
        b.top - a.top <= 1.6 * a.size().max(b.size()).max(1.0)
    };
    (1..run.len().min(HEADER_LINES + 1))
        .find(|&n| ruled_between(&lines[run[n - 1]], &lines[run[n]], across))
        .filter(|&n| n >= 2 && (1..n).all(close))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::pdf::layout::test_line;

    /// The heights of the rules that run across the whole table.
    fn full(rules: &[Segment], x0: f32, x1: f32) -> Vec<f32> {
        across(rules, x0, x1)
            .into_iter()
            .filter(|r| r.1.is_infinite())
            .map(|r| r.0)
            .collect()
    }

    fn rule(y: f32) -> Segment {
        Segment {
            x0: 45.0,
            y0: y,
            x1: 240.0,
            y1: y,
        }
    }

    #[test]
    fn the_lines_over_the_rule_under_the_header_are_one_row_and_rules_part_rows() {
        let lines = vec![
            test_line(100.0, 8.0, 4.0, &[("Nr", 50.0), ("Aikataul", 200.0)]),
            test_line(
                110.0,
                8.0,
                4.0,
                &[("o", 50.0), ("Toimenpide", 80.0), ("u", 200.0)],
            ),
            test_line(125.0, 8.0, 4.0, &[("rakentaminen", 80.0), ("2026", 200.0)]),
            test_line(
                140.0,
                8.0,
                4.0,
                &[("1.2", 50.0), ("Uusia", 80.0), ("2027", 200.0)],
            ),
        ];
        let rows = |rules: &[Segment]| {
            let found = crate::read::pdf::stream::detect_ruled(&lines, &[false; 4], rules)
                .pop()
                .expect("a table");
            found.row_of
        };
        // A rule over the table (its top border) joins nothing.
        assert_eq!(rows(&[rule(97.0)]), [0, 1, 1, 2]);
        // Under the header: its two lines are one row, and the line under the rule
        // starts a row whatever its case.
        assert_eq!(rows(&[rule(97.0), rule(121.0)]), [0, 0, 1, 2]);
        assert_eq!(full(&[rule(121.0)], 50.0, 250.0), [121.0]);
        assert!(full(&[rule(121.0)], 10.0, 400.0).is_empty());
        assert!(across(&[rule(121.0)], 10.0, 800.0).is_empty());
    }

    #[test]
    fn a_rule_drawn_cell_by_cell_runs_across() {
        let piece = |x0: f32, x1: f32| Segment {
            x0,
            y0: 200.0,
            x1,
            y1: 200.0,
        };
        let pieces = [piece(50.0, 120.0), piece(120.0, 300.0), piece(300.4, 500.0)];
        assert_eq!(full(&pieces, 50.0, 500.0), vec![200.0]);
        // Pieces with a gap between them are no rule across.
        let gapped = [piece(50.0, 120.0), piece(200.0, 500.0)];
        assert!(full(&gapped, 50.0, 500.0).is_empty());
    }

    #[test]
    fn a_rule_under_a_title_over_all_columns_but_the_stub_parts_it_from_the_header() {
        // `Intl Pax Traffic` over `Pax | y.o.y(%) | RPK`, the stub column's box running
        // down beside both: the rule under the title starts at the stub's edge.
        let title = test_line(120.0, 12.0, 6.0, &[("Traffic", 290.0)]);
        let header = test_line(
            142.0,
            8.0,
            4.0,
            &[("Pax", 165.0), ("y.o.y(%)", 220.0), ("RPK", 500.0)],
        );
        let under_title = Segment {
            x0: 140.0,
            y0: 138.4,
            x1: 549.0,
            y1: 138.4,
        };
        let rules = across(&[under_title], 57.0, 546.0);
        assert!(ruled_between(&title, &header, &rules));
        // Under a line with a word in the stub's column, the same rule parts nothing.
        let stubbed = test_line(120.0, 12.0, 6.0, &[("FY2013", 79.0), ("Traffic", 290.0)]);
        assert!(!ruled_between(&stubbed, &header, &rules));
    }
}
