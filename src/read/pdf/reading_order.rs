//! A tagged page read in its structure tree's order, as a screen reader reads it: lines
//! on one baseline whose words belong to elements far apart in the tree are cut (two
//! columns of cards side by side), an unruled table that joins far parts of the tree is
//! looked for in each part, and the page's items are put in the tree's order.

use std::collections::HashMap;

use super::grid::Rect;
use super::layout::{Line, Word};
use super::page::{Item, Place};
use super::stream;
use super::structure::{Place as TreePlace, Role};

/// Words of a tagged page whose elements lie further apart in the tree than this are not
/// one line's, though they stand on one baseline (two columns of cards side by side).
const ELEMENT_JUMP: usize = 8;

/// On a tagged page, each line cut where its words jump between elements far apart in
/// the tree's reading order (the left and the right column of a designed page, set on one
/// baseline); table cells keep their lines, a tagged table is read on its own.
pub(super) fn split_at_tree_jumps(
    lines: Vec<Line>,
    order: &HashMap<u32, TreePlace>,
    roles: Option<&HashMap<u32, Role>>,
) -> Vec<Line> {
    let element = |w: &Word| {
        w.mcid
            .filter(|_| !in_tagged_table(w, roles))
            .and_then(|m| order.get(&m))
            .map(|p| p.element)
    };
    let mut out = Vec::with_capacity(lines.len());
    let mut cut = false;
    for line in lines {
        let cuts: Vec<usize> = (1..line.words.len())
            .filter(
                |&i| match (element(&line.words[i - 1]), element(&line.words[i])) {
                    (Some(a), Some(b)) => {
                        a.abs_diff(b) > ELEMENT_JUMP
                            || (a != b && set_apart(&line.words[i - 1], &line.words[i]))
                    }
                    _ => false,
                },
            )
            .collect();
        if cuts.is_empty() {
            out.push(line);
            continue;
        }
        cut = true;
        let mut words = line.words;
        for &at in cuts.iter().rev() {
            let tail = words.split_off(at);
            out.extend(Line::from_words(tail));
        }
        out.extend(Line::from_words(words));
    }
    if cut {
        out.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0().total_cmp(&b.x0())));
    }
    out
}

/// Whether two words on one baseline stand further apart than a wide space (more than
/// their type's size): two elements set side by side (a number badge beside the second
/// line of the title it heads), not one element's words. A status sign (an icon read as
/// `●`) stays with the text it is set beside.
fn set_apart(a: &Word, b: &Word) -> bool {
    let sign = |w: &Word| w.text == crate::read::icon::SIGN;
    b.x0 - a.x1 > a.size.max(b.size) && !sign(a) && !sign(b)
}

/// On a tagged page whose items nearly all have a rank in the tree's reading order, the
/// items in that order, as a screen reader reads them (a designed page's columns and
/// boxes in the order their author set); an item without a rank keeps its place after
/// the item before it. Elsewhere the page's own order stays.
pub(super) fn in_tree_order(items: &mut Vec<(Place, Item)>) {
    let ranked = items.iter().filter(|(p, _)| p.3.is_some()).count();
    if ranked == 0 || ranked * 10 < items.len() * 9 {
        return;
    }
    let mut last = 0;
    let mut keyed: Vec<(usize, (Place, Item))> = items
        .drain(..)
        .map(|it| {
            last = it.0 .3.unwrap_or(last);
            (last, it)
        })
        .collect();
    keyed.sort_by_key(|(rank, _)| *rank);
    items.extend(keyed.into_iter().map(|(_, it)| it));
}

/// Most times a page's unruled tables are cut into the parts of the tree they join.
pub(super) const MAX_TREE_SPLITS: usize = 32;

/// The tree element a line's first word (outside tagged tables) belongs to.
fn line_element(
    line: &Line,
    order: &HashMap<u32, TreePlace>,
    roles: Option<&HashMap<u32, Role>>,
) -> Option<usize> {
    line.words
        .iter()
        .filter(|w| !in_tagged_table(w, roles))
        .find_map(|w| Some(order.get(&w.mcid?)?.element))
}

/// Whether a word belongs to a cell of a tagged table.
fn in_tagged_table(w: &Word, roles: Option<&HashMap<u32, Role>>) -> bool {
    w.mcid
        .and_then(|m| roles.and_then(|r| r.get(&m)))
        .is_some_and(|r| matches!(r, Role::Cell(..)))
}

/// Where an unruled table joins lines from parts of the tree far apart (its rows are
/// consecutive elements of the tree where it is one table): its lines cut into those two
/// parts at the widest jump between their elements.
pub(super) fn tree_parts(
    found: &stream::Found,
    lines: &[Line],
    order: &HashMap<u32, TreePlace>,
    roles: Option<&HashMap<u32, Role>>,
) -> Option<[Vec<usize>; 2]> {
    let mut keyed: Vec<(usize, usize)> = found
        .lines
        .iter()
        .map(|&i| Some((line_element(&lines[i], order, roles)?, i)))
        .collect::<Option<_>>()?;
    keyed.sort_unstable();
    let (at, gap) = keyed
        .windows(2)
        .enumerate()
        .map(|(k, w)| (k + 1, w[1].0 - w[0].0))
        .max_by_key(|&(_, g)| g)?;
    if gap <= ELEMENT_JUMP {
        return None;
    }
    let (a, b) = keyed.split_at(at);
    Some([
        a.iter().map(|p| p.1).collect(),
        b.iter().map(|p| p.1).collect(),
    ])
}

/// The first rank in the tree's reading order of the words inside `bbox` (of `ranked`:
/// each word's centre and rank).
pub(super) fn box_rank(bbox: &Rect, ranked: &[(f32, f32, usize)]) -> Option<usize> {
    ranked
        .iter()
        .filter(|(x, y, _)| bbox.contains(*x, *y))
        .map(|r| r.2)
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x0: f32, x1: f32, top: f32, size: f32, mcid: u32) -> Word {
        Word {
            x0,
            x1,
            top,
            bottom: top + size,
            size,
            text: text.into(),
            bold: true,
            italic: false,
            colour: None,
            mcid: Some(mcid),
            artifact: false,
        }
    }

    #[test]
    fn a_badge_beside_a_titles_second_line_is_cut_from_it_but_a_lines_spans_are_not() {
        // A badge (element 1) set beside the middle line of a title (element 2); a
        // paragraph (element 3) whose bold run is its own element (4), a space apart.
        let order: HashMap<u32, TreePlace> = (1..=4)
            .map(|m| {
                (
                    m,
                    TreePlace {
                        rank: m as usize,
                        element: m as usize,
                    },
                )
            })
            .collect();
        let lines = vec![
            Line::from_words(vec![word("Digitalt", 113.0, 200.0, 100.0, 19.0, 2)]).unwrap(),
            Line::from_words(vec![
                word("1", 68.0, 82.0, 122.0, 19.0, 1),
                word("arkiv", 113.0, 170.0, 122.0, 19.0, 2),
            ])
            .unwrap(),
            Line::from_words(vec![
                word("Mål", 50.0, 70.0, 200.0, 10.0, 4),
                word("1", 73.0, 78.0, 200.0, 10.0, 4),
                word("Kulturarven", 81.0, 140.0, 200.0, 10.0, 3),
            ])
            .unwrap(),
        ];
        let out = split_at_tree_jumps(lines, &order, None);
        let texts: Vec<String> = out.iter().map(|l| l.text()).collect();
        assert_eq!(texts, ["Digitalt", "1", "arkiv", "Mål 1 Kulturarven"]);
    }
}
