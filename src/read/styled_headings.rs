//! Headings set by hand: a paragraph wholly in bold, or set clearly larger than the
//! running text, short and standing alone, is a heading to a reader, whether or not its
//! writer gave it a heading style (odfpy, pandoc and many templates write plain
//! paragraphs with bold runs). A PDF reader sees the same page and reads such lines as
//! headings by their font; Word and OpenDocument read them here, by the same rule, so
//! that a plan reads alike in every format.
//!
//! The rule: the paragraph's every letter is bold, or most are set at least
//! [`LARGER`] times the body size (the size most letters of the document's running text
//! are set in); it has at most [`HEADING_WORDS`] words, does not end with a colon (a
//! label introducing what follows), is no list item and has no tab (columns set at tab
//! stops). Where most paragraphs are bold,
//! bold marks nothing and only size counts. Levels follow the looks: the largest size is
//! the highest, bold at a size above plain bold at it. A document that styles any of
//! its headings is left as its writer styled it: there, bold paragraphs are lead-ins
//! and labels beside the real headings.

use crate::model::Block;
use crate::read::title::{Tally, LARGER};

/// Most words of a paragraph read as a heading by its look.
pub const HEADING_WORDS: usize = 20;

/// Turns the paragraphs of `blocks` set as headings into headings. `tallies` holds
/// the index in `blocks` of each paragraph of the running text (not of table cells)
/// with its letters counted by how they are set. Nothing changes in a document that
/// has a styled heading.
pub fn apply(blocks: &mut [Block], tallies: &[(usize, Tally)]) {
    if blocks.iter().any(|b| matches!(b, Block::Heading { .. })) {
        return;
    }
    let mut body = Tally::default();
    for (_, t) in tallies {
        body.merge(t);
    }
    let body_size = body.main_size();
    let with_letters = tallies.iter().filter(|(_, t)| !t.is_empty()).count();
    let bold = tallies
        .iter()
        .filter(|(_, t)| !t.is_empty() && t.uniform().bold)
        .count();
    let bold_marks = 2 * bold <= with_letters;
    // Each heading paragraph with its look: size (0 where unknown) and bold.
    let mut found: Vec<(usize, f32, bool)> = Vec::new();
    for (i, t) in tallies {
        let Some(Block::Paragraph { text, .. }) = blocks.get(*i) else {
            continue;
        };
        if t.is_empty() || !reads_as_heading(text) {
            continue;
        }
        let look = t.uniform();
        let size = t.main_size();
        let larger = matches!((size, body_size), (Some(s), Some(b)) if s >= LARGER * b);
        if larger || (bold_marks && look.bold) {
            found.push((*i, size.unwrap_or(0.0), look.bold));
        }
    }
    // Sizes within 2 % of each other are one.
    let same = |(s, b): (f32, bool), (size, bold): (f32, bool)| {
        b == bold && (s - size).abs() <= 0.02 * s.max(size)
    };
    let mut looks: Vec<(f32, bool)> = Vec::new();
    for &(_, size, bold) in &found {
        if !looks.iter().any(|&l| same(l, (size, bold))) {
            looks.push((size, bold));
        }
    }
    looks.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
    for (i, size, bold) in found {
        let rank = looks
            .iter()
            .position(|&l| same(l, (size, bold)))
            .unwrap_or(0);
        let level = u8::try_from(rank + 1).unwrap_or(u8::MAX).min(9);
        if let Some(Block::Paragraph { text, page }) = blocks.get_mut(i) {
            let (text, page) = (std::mem::take(text), *page);
            blocks[i] = Block::Heading { level, text, page };
        }
    }
}

/// Whether a paragraph's words can be a heading: short, not a label ending with a
/// colon, not a list item, not columns set at tab stops.
fn reads_as_heading(text: &str) -> bool {
    let text = text.trim();
    let words = text.split_whitespace().count();
    let listed = text.starts_with(['•', '-', '–', '*', '·', '▪', '■', '◦', '○', '●']);
    // Text set out at tab stops is a row of columns (a matrix's header), not a heading.
    let tabbed = text.contains('\t');
    words > 0 && words <= HEADING_WORDS && !text.ends_with(':') && !listed && !tabbed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::title::Look;

    fn para(text: &str) -> Block {
        Block::Paragraph {
            text: text.into(),
            page: None,
        }
    }

    fn tally(text: &str, bold: bool, size: f32) -> Tally {
        let mut t = Tally::default();
        t.add(
            text,
            Look {
                bold,
                italic: false,
                size: Some(size),
            },
        );
        t
    }

    fn levels(blocks: &[Block]) -> Vec<Option<u8>> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Heading { level, .. } => Some(*level),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn bold_and_larger_paragraphs_are_headings_ranked_by_size() {
        let texts = [
            ("2 Trygg skolveg", true, 14.0),
            (
                "Kommunen skal gjere skolevegane tryggare for alle born.",
                false,
                11.0,
            ),
            ("2.1 Fortau langs Øvre gate", true, 11.0),
            ("Ansvarleg: Samferdsel", false, 11.0),
            ("Ansvar:", true, 11.0),
            ("• Ny gangbru", true, 11.0),
            ("Tiltaket vert gjennomført i 2027.", false, 11.0),
            ("Kostnad: 2 mill. kr", false, 11.0),
        ];
        let mut blocks: Vec<Block> = texts.iter().map(|(t, ..)| para(t)).collect();
        let tallies: Vec<(usize, Tally)> = texts
            .iter()
            .enumerate()
            .map(|(i, (t, b, s))| (i, tally(t, *b, *s)))
            .collect();
        apply(&mut blocks, &tallies);
        assert_eq!(
            levels(&blocks),
            vec![Some(1), None, Some(2), None, None, None, None, None]
        );
    }

    #[test]
    fn a_document_set_in_bold_has_no_bold_headings() {
        let texts = ["Første avsnitt", "Andre avsnitt", "Tredje avsnitt"];
        let mut blocks: Vec<Block> = texts.iter().map(|t| para(t)).collect();
        let tallies: Vec<(usize, Tally)> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (i, tally(t, true, 11.0)))
            .collect();
        apply(&mut blocks, &tallies);
        assert_eq!(levels(&blocks), vec![None, None, None]);
    }
}
