//! Where measures and areas begin: measures' titles (numbered, worded, badges, list
//! items with their facts, unnumbered cards), areas' headings and goals, and the areas
//! a plan lists before its measures.

use std::sync::OnceLock;

use regex::Regex;

use super::lines::{field_label, field_re, first_line, labelled_field};
use crate::interpret::fact_boxes::{label_of, table_pairs, Label};
use crate::interpret::inline_facts::{split_tail, Fact};
use crate::interpret::matrix::table_matrix;
use crate::interpret::sections::{self, Section};
use crate::model::Block;
use crate::vocab::{Field, Vocabulary};

/// A measure found at a block: its number (empty where it has none), its title and how
/// many blocks it takes.
pub(super) type Measure = (String, String, usize);

/// A measure heading: a number of two or three levels and a title (`2.3 Laddplatser`).
pub(super) fn measure_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\s*(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\.?\s+(\S.{2,})$").expect("valid regex")
    })
}

/// A heading that starts with a word and a number of up to three levels, then the title
/// (`Tiltak 1.1: Opplæring av leiarar`).
fn worded_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\s*(\p{L}+)\s+(\d{1,2}(?:\.\d{1,2}){0,2})\.?\s*[:–—·|-]?\s+(\S.{2,})$")
            .expect("valid regex")
    })
}

/// The items of a numbered list of short names (`1. Dagvatten`, `• 2. Sjöar och
/// vattendrag`), two and more, as an introduction lists a plan's areas: each number and
/// name.
pub(super) fn listed_areas(blocks: &[Block]) -> Vec<(String, String)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(?:[•·▪–-]\s*)?(\d{1,2})[.)]\s+(\p{L}[^.:;]{1,60})$").expect("valid regex")
    });
    let items: Vec<(String, String)> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text, .. } => Some(text),
            _ => None,
        })
        .flat_map(|t| t.lines())
        .filter_map(|l| {
            let c = re.captures(l.trim())?;
            (c[2].split_whitespace().count() <= 6)
                .then(|| (c[1].to_string(), c[2].trim().to_string()))
        })
        .collect();
    if items.len() >= 2 {
        items
    } else {
        Vec::new()
    }
}

/// The goal an area's paragraph states under a goal word as its label (`Mål: Minska
/// energianvändningen med 20 procent`, `Målsetting: …`), without the label.
pub(super) fn area_goal(text: &str, vocab: &Vocabulary) -> Option<Section> {
    let caps = field_re().captures(text)?;
    (vocab.header_field(&caps[1]) == Some(Field::Goal)).then(|| Section {
        id: None,
        text: crate::text::collapse(&caps[2]),
    })
}

/// A text block's text and whether it is a heading.
/// A leading disclosure marker (`▾`, `▸`, `▶`: an expandable section of a web page as
/// printed) is no part of the text.
pub(in crate::interpret) fn text_of(block: &Block) -> Option<(&str, bool)> {
    match block {
        Block::Heading { text, .. } => Some((unmarked_heading(text), true)),
        Block::Paragraph { text, .. } => Some((unmarked(text), false)),
        Block::Table(_) => None,
    }
}

fn unmarked(t: &str) -> &str {
    let rest = t.trim_start();
    match rest.chars().next() {
        Some(c) if is_disclosure(c) => rest[c.len_utf8()..].trim_start(),
        _ => t,
    }
}

/// A heading without a leading disclosure marker, or the sign a page prints before a
/// section that opens and closes (`+ Indsats 1.1`, `– Indsats 1.1` for one open): a
/// heading has no bullet of its own.
fn unmarked_heading(t: &str) -> &str {
    let rest = unmarked(t).trim_start();
    match rest.split_once(' ') {
        Some(("+" | "–" | "−" | "-", title)) if !title.trim().is_empty() => title.trim_start(),
        _ => rest,
    }
}

/// Whether a sign is a disclosure triangle or arrow.
fn is_disclosure(c: char) -> bool {
    matches!(
        c,
        '▾' | '▸' | '▶' | '▼' | '►' | '▹' | '▿' | '⏵' | '⏷' | '↓' | '→' | '⯆' | '⯈'
    )
}

/// The area that block `i` opens, and how many blocks it takes: [`area_heading`], or an
/// area's word and number standing alone (a kicker, `Innsatsområde 1`) over the
/// heading that names it (`Transport og mobilitet`), two blocks.
pub(super) fn area_at(blocks: &[Block], i: usize, vocab: &Vocabulary) -> Option<(Section, usize)> {
    let (text, heading) = text_of(&blocks[i])?;
    // An area's heading repeated on the next page with its mark (`(forts.)`) is the area.
    let text = vocab.continued_title(text.trim()).unwrap_or(text.trim());
    let mut section = area_heading(text, heading, vocab)?;
    if section.text.is_empty() && section.id.is_some() {
        let name = blocks
            .get(i + 1)
            .and_then(text_of)
            .filter(|(name, heading)| {
                *heading
                    && !name.trim().is_empty()
                    && !name.contains('\n')
                    && area_heading(name.trim(), true, vocab).is_none()
                    && measure_at(blocks, i + 1, true, vocab).is_none()
            });
        if let Some((name, _)) = name {
            section.text = crate::text::collapse(name);
            return Some((section, 2));
        }
    }
    Some((section, 1))
}

/// A short numbered heading of one level (`1. Minskad energianvändning`, `Område 2: …`).
pub(super) fn area_heading(text: &str, heading: bool, vocab: &Vocabulary) -> Option<Section> {
    if let Some((kind, s)) = sections::keyword_section(text, vocab) {
        return (kind == sections::SectionKind::Area).then_some(s);
    }
    heading.then(|| sections::numbered_heading(text)).flatten()
}

/// A measure heading of one level (`3 Utslippsfri bilpark`, a number badge set beside
/// its title).
fn single_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^\s*(\d{1,3})\.?\s+(\S.{2,})$").expect("valid regex"))
}

/// The measure that starts at block `i`, if one does: its number, its title and how
/// many blocks it takes. Measures are numbered at two levels (`1.1 …`); in a programme
/// whose areas are named by a section word (`Innsatsområde 2: Transport`) at one level
/// (`single`): a numbered heading, or a number alone (a badge) over a heading.
pub(super) fn measure_at(
    blocks: &[Block],
    i: usize,
    single: bool,
    vocab: &Vocabulary,
) -> Option<Measure> {
    let (text, heading) = text_of(&blocks[i])?;
    let t = text.trim();
    let fits = |t: &str| !t.contains('\n') && !t.ends_with(['.', ':']);
    // A numbered paragraph or heading under a label of a goal or an area (`Mål` over
    // `1.2 Flere unge …`, a sidebar's box) is that section, not a measure.
    let under_section_label = i > 0
        && text_of(&blocks[i - 1]).is_some_and(|(l, _)| {
            matches!(
                vocab.header_field(l.trim().trim_end_matches(':')),
                Some(Field::Goal | Field::Area)
            )
        });
    if let Some(c) = measure_re().captures(t) {
        if fits(t) && (heading || t.chars().count() <= 160) && !under_section_label {
            return Some((c[1].to_string(), c[2].to_string(), 1));
        }
    }
    // A numbered paragraph is a measure's title where its facts' lines follow it right
    // away (`1. Ungdomsbudget …` over `Ansvar: …`, a numbered list of measures; a bold
    // `Tiltak 1.1 …` paragraph in a document whose headings are its areas').
    let facts_follow = || {
        t.chars().count() <= 160
            && blocks
                .get(i + 1)
                .and_then(first_line)
                .is_some_and(|l| labelled_field(l, vocab).is_some())
    };
    // A list item whose text is a numbered measure's title, its facts on the lines
    // below (`• 1.1 Meirope bibliotek` over `Ansvarleg: …`).
    if crate::text::starts_with_bullet(t) {
        let inner = crate::text::strip_bullet(t);
        let numbered = measure_re().captures(inner).or_else(|| {
            worded_re()
                .captures(inner)
                .filter(|c| vocab.header_field(&c[1]) == Some(Field::Activity))
        });
        return numbered
            .filter(|_| fits(inner) && facts_follow() && !under_section_label)
            .map(|c| {
                let n = c.len() - 1;
                (c[n - 1].to_string(), c[n].to_string(), 1)
            });
    }
    // A heading that names its measure by the activity word (`Tiltak 1.1: Opplæring`,
    // `Åtgärd 3 – Laddplatser`), at one level or more.
    if let Some(c) = worded_re().captures(t) {
        if (heading || facts_follow())
            && fits(t)
            && vocab.header_field(&c[1]) == Some(Field::Activity)
        {
            return Some((c[2].to_string(), c[3].to_string(), 1));
        }
    }
    // The activity word and a number alone (`Åtgärd 1.1`, a card's band) over a title
    // set as a paragraph of one line, the measure's facts right under it.
    if let Some(n) = vocab.measure_badge(t) {
        let facts_under = blocks
            .get(i + 2)
            .and_then(first_line)
            .is_some_and(|l| labelled_field(l, vocab).is_some());
        if let Some((title, false)) = blocks.get(i + 1).and_then(text_of) {
            let title = title.trim();
            if facts_under
                && fits(title)
                && title.chars().count() > 2
                && title.chars().count() <= 160
                && labelled_field(title, vocab).is_none()
                && vocab.measure_badge(title).is_none()
            {
                return Some((n.to_string(), title.to_string(), 2));
            }
        }
    }
    if !single {
        return None;
    }
    if under_section_label {
        return None;
    }
    if let Some(c) = single_re().captures(t) {
        return (fits(t) && (heading || facts_follow()))
            .then(|| (c[1].to_string(), c[2].to_string(), 1));
    }
    // A number alone, or the activity word and a number alone (`Åtgärd 4` in a band
    // over the title).
    let worded_badge = || vocab.measure_badge(t).map(str::to_string);
    let bare = t.len() <= 3 && !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    let number = if bare {
        Some(t.to_string())
    } else {
        worded_badge()
    };
    match blocks.get(i + 1).and_then(text_of) {
        Some((title, true))
            if number.is_some()
                && fits(title.trim())
                && title.trim().len() > 2
                && single_re().captures(title.trim()).is_none() =>
        {
            number.map(|n| (n, title.trim().to_string(), 2))
        }
        _ => None,
    }
}

/// A list item that names its unit and time after a dash ([`split_tail`]): the item's
/// text without its bullet, and the facts.
pub(super) fn tailed_item(block: &Block, vocab: &Vocabulary) -> Option<(String, Vec<Fact>)> {
    let Block::Paragraph { text, .. } = block else {
        return None;
    };
    let text = crate::text::collapse(text);
    if !crate::text::starts_with_bullet(&text) {
        return None;
    }
    split_tail(crate::text::strip_bullet(&text), vocab)
}

/// Whether the heading at block `i` opens a card without a number: a short heading, no
/// section's, with at least two facts of distinct fields given on `Label: value` lines
/// in the paragraphs under it (before the next heading), after no more than a short
/// description (`Trafikkopplæring i barnehagar` over a paragraph, `Ansvar: …`, `Når:
/// …`).
pub(super) fn plain_card(blocks: &[Block], i: usize, vocab: &Vocabulary) -> bool {
    let Some(Block::Heading { text, .. }) = blocks.get(i) else {
        return false;
    };
    let t = text.trim();
    if t.is_empty() || t.contains('\n') || t.ends_with([':', '.']) || t.chars().count() > 160 {
        return false;
    }
    // A numbered heading is an area's or a measure's, read as such.
    if sections::keyword_section(t, vocab).is_some()
        || field_label(t, vocab).is_some()
        || sections::numbered_heading(t).is_some()
    {
        return false;
    }
    let mut fields: Vec<Field> = Vec::new();
    let mut before_facts = 0;
    for (j, block) in blocks.iter().enumerate().skip(i + 1) {
        let Block::Paragraph { text, .. } = block else {
            break;
        };
        if measure_at(blocks, j, true, vocab).is_some() {
            break;
        }
        let mut facts_here = false;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            if let Some((field, _, _)) = labelled_field(line, vocab) {
                facts_here = true;
                if !fields.contains(&field) {
                    fields.push(field);
                }
            }
        }
        if !facts_here && fields.is_empty() {
            before_facts += 1;
            if before_facts > DESCRIPTION_LIMIT {
                return false;
            }
        }
    }
    fields.len() >= 2
}

/// How many paragraphs may describe a card without a number before its facts.
const DESCRIPTION_LIMIT: usize = 3;

/// A card's title as its number and its words (`Tiltak 1.1 Opplæring` → `1.1`,
/// `Opplæring`); the number empty where the title has none.
pub(in crate::interpret) fn card_title(text: &str, vocab: &Vocabulary) -> Measure {
    let t = text.trim();
    let worded = worded_re()
        .captures(t)
        .filter(|c| vocab.header_field(&c[1]) == Some(Field::Activity))
        .map(|c| (c[2].to_string(), c[3].to_string()));
    let numbered = || {
        measure_re()
            .captures(t)
            .or_else(|| single_re().captures(t))
            .map(|c| (c[1].to_string(), c[2].to_string()))
    };
    let (id, title) = worded
        .or_else(numbered)
        .unwrap_or_else(|| (String::new(), t.to_string()));
    (id, title, 1)
}

/// Whether the text under the measure heading at block `i`, up to the next one, gives a
/// measure's facts: a fact box's label, a `Label: value` line, facts in brackets, a
/// responsibility matrix or a table of fact boxes.
pub(super) fn has_card_fields(blocks: &[Block], i: usize, vocab: &Vocabulary) -> bool {
    let names_field = |l: Option<Label>| matches!(l, Some(Label::Field(..)));
    // Whether the block before was a box's label of the area or the goal, whose value
    // the next heading is.
    let mut section_label = false;
    for j in i + 1..blocks.len().min(i + 80) {
        if std::mem::take(&mut section_label) && matches!(blocks[j], Block::Heading { .. }) {
            continue;
        }
        if measure_at(blocks, j, true, vocab).is_some()
            || plain_card(blocks, j, vocab)
            || tailed_item(&blocks[j], vocab).is_some()
        {
            return false;
        }
        let found = match &blocks[j] {
            Block::Table(t) => table_matrix(t, vocab).is_some() || table_pairs(t, vocab).is_some(),
            // A heading that is no fact box's label ends the card, as it does in
            // [`cards`].
            Block::Heading { text, .. } => match label_of(text, blocks.get(j + 1), vocab) {
                None => return false,
                label => {
                    section_label = matches!(label, Some(Label::Area | Label::Goal));
                    names_field(label)
                }
            },
            // A `Label: value` line, or facts in brackets after a description
            // (`… (Ansvar: rektorerna; tidtabell: hösten 2026)`).
            Block::Paragraph { text, .. } => text.lines().any(|l| {
                labelled_field(l, vocab).is_some()
                    || crate::interpret::inline_facts::split(l, vocab).is_some()
            }),
        };
        if found {
            return true;
        }
    }
    false
}
