//! Words a narrow column broke over two lines, told from words that wrapped there.
//!
//! Where a cell's line is one word that reaches the column's edge and the next line
//! goes on in lower case, the page alone cannot tell a word too long for the column
//! (`verkostotietojärjestelm` / `än`) from two words that happened to fill the line
//! (`Kaupunkiympäristön` / `palvelualue`). The page marks such a join with [`JOIN`];
//! once the whole document is read, its own words decide, as a reader would: the two
//! parts written as one word elsewhere join; written as two words side by side
//! elsewhere, they are two words; else they join (the column broke a word the document
//! uses nowhere else; each part a word of its own elsewhere says nothing, as compounds
//! are made of words: `Kollektivtrafik` / `förvaltningen`).

use std::collections::{HashMap, HashSet};

use crate::model::{Block, Document};

/// Marks a join of two cell lines that may be one word broken by the column's edge: a
/// noncharacter, never in a document's own text.
pub const JOIN: char = '\u{FDD0}';

/// Settles every marked join in the document's text.
pub fn resolve(doc: &mut Document) {
    let marked = |t: &str| t.contains(JOIN);
    let texts = || {
        doc.blocks
            .iter()
            .flat_map(|b| -> Box<dyn Iterator<Item = &str>> {
                match b {
                    Block::Table(t) => Box::new(t.cells.iter().map(|c| c.text.as_str())),
                    other => Box::new(other.text().into_iter()),
                }
            })
    };
    // Paragraphs whose next one goes on in lower case: a word the page broke between
    // two lines read as two paragraphs (a narrow box's lines).
    let broken_lines: Vec<usize> = (1..doc.blocks.len())
        .filter(|&i| goes_on(&doc.blocks[i - 1], &doc.blocks[i]))
        .collect();
    if !texts().any(marked) && broken_lines.is_empty() {
        return;
    }
    let mut words: HashSet<String> = HashSet::new();
    // How often each word stands in the text (a broken part stands once, where broken).
    let mut uses: HashMap<String, usize> = HashMap::new();
    let mut pairs: HashSet<(String, String)> = HashSet::new();
    for text in texts() {
        let tokens: Vec<String> = text.split_whitespace().map(bare).collect();
        for pair in tokens.windows(2) {
            if !pair[0].contains(JOIN) && !pair[1].contains(JOIN) {
                pairs.insert((pair[0].clone(), pair[1].clone()));
            }
        }
        for t in tokens {
            if !t.is_empty() && !t.contains(JOIN) {
                *uses.entry(t.clone()).or_default() += 1;
                words.insert(t);
            }
        }
    }
    let settle = |text: &mut String| {
        if text.contains(JOIN) {
            *text = settled(text, &words, &pairs);
        }
    };
    for block in &mut doc.blocks {
        match block {
            Block::Table(t) => t.cells.iter_mut().for_each(|c| settle(&mut c.text)),
            Block::Heading { text, .. } | Block::Paragraph { text, .. } => settle(text),
        }
    }
    // Back to front, so that the indices before stay good.
    for &i in broken_lines.iter().rev() {
        let (Some(left), Some(right)) = (doc.blocks[i - 1].text(), doc.blocks[i].text()) else {
            continue;
        };
        let l = bare(left.rsplit(char::is_whitespace).next().unwrap_or(""));
        let r = bare(right.split(char::is_whitespace).next().unwrap_or(""));
        let whole = format!("{l}{r}");
        let once = |w: &str| uses.get(w).copied().unwrap_or(0) <= 1;
        if words.contains(&whole) && once(&l) && !pairs.contains(&(l, r)) {
            let joined = format!("{}{}", left.trim_end(), right.trim_start());
            doc.blocks.remove(i);
            if let Block::Paragraph { text, .. } = &mut doc.blocks[i - 1] {
                *text = joined;
            }
        }
    }
}

/// Whether paragraph `b` may go on with a word paragraph `a` broke off: both plain
/// paragraphs of one page, `a` one word alone on its line (a word too long for the
/// box, cut where it ends) ending in a letter, `b` starting in a lower-case one.
fn goes_on(a: &Block, b: &Block) -> bool {
    match (a, b) {
        (Block::Paragraph { text: a, page: pa }, Block::Paragraph { text: b, page: pb }) => {
            pa == pb
                && a.split_whitespace().count() == 1
                && a.trim_end().chars().last().is_some_and(char::is_alphabetic)
                && b.trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
        }
        _ => false,
    }
}

/// A word as compared: lower case, without the punctuation around it.
fn bare(token: &str) -> String {
    token
        .trim_matches(|c: char| !c.is_alphanumeric() && c != JOIN)
        .to_lowercase()
}

/// The text with each marked join settled by the document's `words` and word `pairs`.
fn settled(text: &str, words: &HashSet<String>, pairs: &HashSet<(String, String)>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(JOIN) {
        let (before, after) = (&rest[..at], &rest[at + JOIN.len_utf8()..]);
        let left = bare(before.rsplit(char::is_whitespace).next().unwrap_or(""));
        let right = bare(after.split(char::is_whitespace).next().unwrap_or(""));
        let right = right.split(JOIN).next().unwrap_or("").to_string();
        let whole = format!("{left}{right}");
        let two = !words.contains(&whole) && pairs.contains(&(left.clone(), right.clone()));
        out.push_str(before);
        if two {
            out.push(' ');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Table};

    fn doc(paragraph: &str, cells: &[&str]) -> Document {
        let cells = cells
            .iter()
            .enumerate()
            .map(|(row, t)| Cell {
                row,
                col: 0,
                row_span: 1,
                col_span: 1,
                text: t.replace('|', &JOIN.to_string()),
                ..Cell::default()
            })
            .collect();
        Document {
            blocks: vec![
                Block::Paragraph {
                    text: paragraph.into(),
                    page: Some(1),
                },
                Block::Table(Table::from_cells(cells)),
            ],
            ..Document::default()
        }
    }

    fn cells(doc: &Document) -> Vec<String> {
        match &doc.blocks[1] {
            Block::Table(t) => t.cells.iter().map(|c| c.text.clone()).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn the_documents_own_words_tell_a_broken_word_from_a_wrap() {
        let mut d = doc(
            "Kuopion kaupunki, Kaupunkiympäristön palvelualue raportoi vuosittain. Här en \
             fritidsförvaltning. Kollektivtrafik och förvaltningen.",
            &[
                "fritidsförvaltning|en",
                "Kollektivtrafik|förvaltningen",
                "Kaupunkiympäristön|palvelualue",
                "vuositta|in",
                "Stadsbyggnadsförv|altningen",
                "Kuopion Vesi Oy ja Kaupunkiympäristön|palvelualue, Tietohallinto",
            ],
        );
        resolve(&mut d);
        assert_eq!(
            cells(&d),
            [
                "fritidsförvaltningen",
                "Kollektivtrafikförvaltningen",
                "Kaupunkiympäristön palvelualue",
                "vuosittain",
                "Stadsbyggnadsförvaltningen",
                "Kuopion Vesi Oy ja Kaupunkiympäristön palvelualue, Tietohallinto"
            ]
        );
    }

    #[test]
    fn a_word_broken_between_two_lines_of_a_box_joins_where_the_document_has_it_whole() {
        let para = |t: &str| Block::Paragraph {
            text: t.into(),
            page: Some(3),
        };
        let mut d = Document {
            blocks: vec![
                para("Kontakt: Folkehelsekoordinator Marte"),
                para("Folkehelsekoordin"),
                para("ator"),
                para("Arbeid for"),
                para("mål i planen"),
                para("for"),
                para("mål"),
                para("formål"),
            ],
            ..Document::default()
        };
        resolve(&mut d);
        let texts: Vec<&str> = d.blocks.iter().filter_map(|b| b.text()).collect();
        // `for` over `mål` is two words: not one word alone cut short, or a word of
        // its own elsewhere.
        assert_eq!(
            texts,
            [
                "Kontakt: Folkehelsekoordinator Marte",
                "Folkehelsekoordinator",
                "Arbeid for",
                "mål i planen",
                "for",
                "mål",
                "formål"
            ]
        );
    }
}
