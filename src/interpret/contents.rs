//! A table of contents typed as paragraphs (`1.1 Syfte ........ 3`): its entries repeat
//! the numbered headings of the plan, areas and measures alike, with their page numbers.
//! They are no activities and no sections, so they are left out before interpretation.
//!
//! An entry is a paragraph of one line that ends in a page number set apart from its
//! title by a tab, dot leaders or spaces. A run of three entries or more is a table of
//! contents where its page numbers never fall, and where a contents word stands right
//! above it (`Innehåll`, `Sisällys`, `Contents`; `[cells] contents` in the vocabulary)
//! or every entry sets its number apart by a tab or leaders.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;

use crate::model::{Block, Document};
use crate::vocab::Vocabulary;

/// Fewest entries that make a table of contents.
const MIN_ENTRIES: usize = 3;

/// `doc` without the paragraphs of its tables of contents (the contents word above one
/// too); borrowed unchanged where it has none.
pub fn without_contents<'d>(doc: Cow<'d, Document>, vocab: &Vocabulary) -> Cow<'d, Document> {
    let drop = contents_blocks(&doc.blocks, vocab);
    if !drop.iter().any(|&d| d) {
        return doc;
    }
    let mut owned = doc.into_owned();
    let mut k = 0;
    owned.blocks.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
    Cow::Owned(owned)
}

/// Which blocks belong to a table of contents.
pub fn contents_blocks(blocks: &[Block], vocab: &Vocabulary) -> Vec<bool> {
    let mut drop = vec![false; blocks.len()];
    let mut i = 0;
    while i < blocks.len() {
        let mut j = i;
        let mut pages: Vec<(u32, bool)> = Vec::new();
        while let Some(entry) = blocks.get(j).and_then(entry) {
            pages.push(entry);
            j += 1;
        }
        if pages.len() >= MIN_ENTRIES && pages.windows(2).all(|w| w[0].0 <= w[1].0) {
            // The contents word: the nearest text above the entries, one of them.
            let titled = (1..=2)
                .filter_map(|back| i.checked_sub(back))
                .find(|&b| blocks[b].text().is_some_and(|t| !t.trim().is_empty()))
                .filter(|&b| blocks[b].text().is_some_and(|t| vocab.is_contents_word(t)));
            let set_apart = pages.iter().all(|p| p.1);
            if titled.is_some() || set_apart {
                drop[i..j].iter_mut().for_each(|d| *d = true);
                if let Some(b) = titled {
                    drop[b] = true;
                }
            }
        }
        i = j.max(i + 1);
    }
    drop
}

/// An entry's page number, and whether a tab or leaders set it apart: a paragraph (or
/// heading) of one line, text, then the number at its end.
fn entry(block: &Block) -> Option<(u32, bool)> {
    static ENTRY: OnceLock<Regex> = OnceLock::new();
    let re = ENTRY.get_or_init(|| {
        Regex::new(r"^(\S.*?\p{L}.*?)(\t+|\s*(?:\.\s?){3,}\s*|\s*…+\s*| +)(\d{1,3})$")
            .expect("contents entry pattern")
    });
    let text = block.text()?.trim();
    if text.contains('\n') || matches!(block, Block::Table(_)) {
        return None;
    }
    let c = re.captures(text)?;
    let page = c[3].parse().ok()?;
    let apart = c[2].contains('\t') || c[2].contains('.') || c[2].contains('…');
    Some((page, apart))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::cards::tests::{h, p};

    fn dropped(blocks: &[Block]) -> Vec<bool> {
        contents_blocks(blocks, Vocabulary::builtin())
    }

    #[test]
    fn entries_under_a_contents_word_or_set_apart_by_leaders_are_a_table_of_contents() {
        let blocks = vec![
            p("Sisällys"),
            p("1 Johdanto 3"),
            p("1.1 Tavoitteet 3"),
            p("2 Toimenpiteet 5"),
            h(1, "1 Johdanto"),
        ];
        assert_eq!(dropped(&blocks), [true, true, true, true, false]);
        let blocks = vec![
            p("Mål og tiltak\t4"),
            p("Oppfølging ........ 9"),
            p("Vedlegg\t12"),
        ];
        assert_eq!(dropped(&blocks), [true, true, true]);
    }

    #[test]
    fn numbered_lines_ending_in_numbers_without_contents_are_kept() {
        // No contents word, numbers set apart by a space only: measures with a count.
        let blocks = vec![
            p("1.1 Nya laddplatser 40"),
            p("1.2 Cykelställ vid skolor 120"),
            p("1.3 Pendlarparkeringar 3"),
        ];
        assert_eq!(dropped(&blocks), [false, false, false]);
        // Page numbers that fall are no contents.
        let blocks = vec![
            p("Innehåll"),
            p("Inledning 5"),
            p("Åtgärder 3"),
            p("Uppföljning 2"),
        ];
        assert_eq!(dropped(&blocks), [false; 4]);
    }
}
