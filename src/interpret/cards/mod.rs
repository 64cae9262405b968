//! Activities written as text rather than as table rows, for plans without activity
//! tables:
//!
//! - **Measure cards**: a measure is a heading numbered below its area (`1.1 Tilläggsisolera
//!   …` under `1. Minskad energianvändning`); the paragraphs under it describe it (its
//!   `implementation`), and lines `Label: value` whose label is a column word give its
//!   fields (`Ansvarig: …`, `Tidplan: …`, `Kostnad: …`, `Ansvarlig:`, `Frist:`).
//! - **Lists of measures**: the items of a list under a heading that says it lists
//!   measures (`Åtgärder`, `Tiltak`, `Indsatser`, `Actions`), one activity per item, with
//!   the area of the numbered heading above.
//!
//! Records found here carry `table_index` 0 (no table) and the 1-based position of their
//! first block in `row_index`.
//!
//! The module's parts: [`titles`] finds measures' titles and areas' headings, [`lines`]
//! reads a card's labelled lines, [`walk`] reads the cards in document order and
//! [`lists`] the lists of measures.

mod lines;
mod lists;
mod titles;
mod walk;

pub(super) use lines::{fact_field, implementation_line, labelled_field, value};
pub(super) use titles::{card_title, text_of};

use super::inline_facts::Fact;
use super::sections::{self, Section};
use super::RowRecord;
use crate::model::Block;
use crate::vocab::Vocabulary;
use titles::{has_card_fields, listed_areas, measure_at, plain_card, tailed_item};

/// The record rows a document's text gives, in document order.
pub fn find(blocks: &[Block], vocab: &Vocabulary) -> Vec<RowRecord> {
    find_titled(blocks, &[], vocab)
}

/// [`find`] where the blocks at `titled` are known to be measures' titles (the cards of
/// a grid), numbered or not.
pub fn find_titled(blocks: &[Block], titled: &[usize], vocab: &Vocabulary) -> Vec<RowRecord> {
    let mut out = cards(blocks, titled, vocab);
    if out.is_empty() {
        out = lists::lists(blocks, vocab);
    }
    out
}

/// Measure cards: at least two measure headings, each a heading block or a short
/// paragraph of its own.
fn cards(blocks: &[Block], titled: &[usize], vocab: &Vocabulary) -> Vec<RowRecord> {
    let count = |single: bool| {
        (0..blocks.len())
            .filter(|&i| measure_at(blocks, i, single, vocab).is_some())
            .count()
    };
    let keyword_areas = blocks.iter().any(|b| {
        text_of(b).is_some_and(|(t, _)| {
            sections::keyword_section(t.trim(), vocab)
                .is_some_and(|(kind, _)| kind == sections::SectionKind::Area)
        })
    });
    // Measures numbered at one level: in a programme whose areas are named by a section
    // word, or where the numbered headings open cards that give a measure's facts.
    let single = count(false) < 2;
    let fielded = single && !keyword_areas;
    let mut measures: Vec<Option<titles::Measure>> = (0..blocks.len())
        .map(|i| {
            measure_at(blocks, i, single, vocab)
                .filter(|m| !fielded || has_card_fields(blocks, i + m.2 - 1, vocab))
        })
        .collect();
    for &i in titled {
        if let Some((text, _)) = blocks.get(i).and_then(text_of) {
            measures[i] = Some(card_title(text, vocab));
        }
    }
    let parents = parent_measures(&mut measures);
    without_facts_chapters(blocks, &mut measures, vocab);
    // Where the plan numbers its measures, a card without a number is none of them (a
    // contact card after the last).
    let numbered = measures
        .iter()
        .flatten()
        .filter(|m| !m.0.is_empty())
        .count()
        >= 2;
    for (i, m) in measures.iter_mut().enumerate() {
        if m.is_none() && !numbered && plain_card(blocks, i, vocab) {
            *m = text_of(&blocks[i]).map(|(t, _)| (String::new(), t.trim().to_string(), 1));
        }
    }
    // List items that carry their unit and time after a dash (`… — Teknisk drift ·
    // 2027`), two or more of them: each a measure of its own.
    let mut tailed: Vec<Option<(String, Vec<Fact>)>> =
        blocks.iter().map(|b| tailed_item(b, vocab)).collect();
    if tailed.iter().flatten().count() < 2 {
        tailed.iter_mut().for_each(|t| *t = None);
    }
    if measures.iter().flatten().count() + tailed.iter().flatten().count() < 2 {
        return Vec::new();
    }
    let first = measures
        .iter()
        .position(Option::is_some)
        .unwrap_or(blocks.len());
    let listed = listed_areas(&blocks[..first]);
    walk::Walk::new(blocks, vocab, measures, tailed, listed)
        .with_parents(parents)
        .run()
}

/// Numbered titles with numbered titles under them (`2.1 Mer skyddad natur` over
/// `2.1.1 Inventera …` and `2.1.2 …`): goals (or sections) of the measures numbered
/// below them, not measures. Each such title is taken out of `measures`; the result has
/// its goal at its block (and `None` elsewhere), with the blocks its title takes.
fn parent_measures(measures: &mut [Option<titles::Measure>]) -> Vec<Option<(Section, usize)>> {
    let ids: Vec<(usize, String)> = measures
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.as_ref().map(|m| (i, m.0.clone())))
        .filter(|(_, id)| !id.is_empty())
        .collect();
    let mut parents = vec![None; measures.len()];
    for (i, id) in &ids {
        let prefix = format!("{id}.");
        if ids
            .iter()
            .any(|(j, other)| j > i && other.starts_with(&prefix))
        {
            if let Some((id, text, taken)) = measures[*i].take() {
                let goal = Section { id: Some(id), text };
                parents[*i] = Some((goal, taken));
            }
        }
    }
    parents
}

/// Where most numbered measures give facts (`Ansvar: …`), a numbered title that gives
/// none, in a chapter (its number's first part) where no title gives any, is a chapter's
/// section (`1.1 Syfte` under `1 Inledning`, `5.1 Kontakt`), not a measure.
fn without_facts_chapters(
    blocks: &[Block],
    measures: &mut [Option<titles::Measure>],
    vocab: &Vocabulary,
) {
    let facts: Vec<(usize, String, bool)> = measures
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let m = m.as_ref()?;
            let chapter = m.0.split('.').next().filter(|c| !c.is_empty())?;
            Some((
                i,
                chapter.to_string(),
                has_card_fields(blocks, i + m.2 - 1, vocab),
            ))
        })
        .collect();
    let with = facts.iter().filter(|f| f.2).count();
    if with < 2 || 2 * with < facts.len() {
        return;
    }
    for (i, chapter, _) in &facts {
        if !facts.iter().any(|(_, c, f)| *f && c == chapter) {
            measures[*i] = None;
        }
    }
}

#[cfg(test)]
pub(super) mod tests;
