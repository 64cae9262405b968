//! Rules drawn across a table found by alignment: a rule between two lines parts their
//! rows, and every line above the first rule (two or three of them) is the one header
//! row (`Nr` / `o`, `Aikataul` / `u`: header words too wide for their narrow columns,
//! wrapped over two lines and set at the bottom of the row).

use super::content::Segment;
use super::layout::Line;

/// Most lines above the rule under a header that can be that header.
const HEADER_LINES: usize = 3;

/// The heights of the horizontal rules that run across the table between `x0` and `x1`
/// (all but a tenth of its width at either end).
pub fn across(rules: &[Segment], x0: f32, x1: f32) -> Vec<f32> {
    let width = x1 - x0;
    rules
        .iter()
        .filter(|s| (s.y0 - s.y1).abs() < 1.0)
        .filter(|s| s.x0.min(s.x1) <= x0 + 0.1 * width && s.x0.max(s.x1) >= x1 - 0.1 * width)
        .map(|s| (s.y0 + s.y1) / 2.0)
        .collect()
}

/// Whether a rule runs between line `a` and the line `b` under it.
pub fn ruled_between(a: &Line, b: &Line, across: &[f32]) -> bool {
    across
        .iter()
        .any(|&y| y >= a.bottom - 0.5 && y <= b.top + 0.5)
}

/// How many of the table's first lines (`run`, top to bottom) make its header row: the
/// lines above the first rule between two of its lines, when two or three lines stand
/// above it; else none.
pub fn header_lines(lines: &[Line], run: &[usize], across: &[f32]) -> usize {
    (1..run.len().min(HEADER_LINES + 1))
        .find(|&n| ruled_between(&lines[run[n - 1]], &lines[run[n]], across))
        .filter(|&n| n >= 2)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::pdf::layout::test_line;

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
        assert_eq!(across(&[rule(121.0)], 50.0, 250.0), [121.0]);
        assert!(across(&[rule(121.0)], 10.0, 400.0).is_empty());
    }
}
