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

use std::sync::OnceLock;

use regex::Regex;

use super::fact_boxes::{box_label, label_of, numbered_goal, put_under, table_pairs, Label};
use super::inline_facts::{split_tail, Fact};
use super::matrix::{close_matrix, matrix_line, table_matrix, Matrix};
use super::sections::{self, Section};
use super::{FieldValue, RowRecord};
use crate::model::Block;
use crate::vocab::{Field, Vocabulary};

/// A measure heading: a number of two or three levels and a title (`2.3 Laddplatser`).
fn measure_re() -> &'static Regex {
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
fn listed_areas(blocks: &[Block]) -> Vec<(String, String)> {
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

/// A `Label: value` line, or a label set apart from its value by a tab (`Lead⇥Basic
/// Education Services`, the label in a column of its own).
fn field_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\s*([\p{L}][\p{L} /&-]{1,40}?)(?:\s*:\s*|[ ]*\t\s*)(\S.*)$")
            .expect("valid regex")
    })
}

/// The record rows a document's text gives, in document order.
pub fn find(blocks: &[Block], vocab: &Vocabulary) -> Vec<RowRecord> {
    find_titled(blocks, &[], vocab)
}

/// [`find`] where the blocks at `titled` are known to be measures' titles (the cards of
/// a grid), numbered or not.
pub fn find_titled(blocks: &[Block], titled: &[usize], vocab: &Vocabulary) -> Vec<RowRecord> {
    let mut out = cards(blocks, titled, vocab);
    if out.is_empty() {
        out = lists(blocks, vocab);
    }
    out
}

/// The goal an area's paragraph states under a goal word as its label (`Mål: Minska
/// energianvändningen med 20 procent`, `Målsetting: …`), without the label.
fn area_goal(text: &str, vocab: &Vocabulary) -> Option<Section> {
    let caps = field_re().captures(text)?;
    (vocab.header_field(&caps[1]) == Some(Field::Goal)).then(|| Section {
        id: None,
        text: crate::text::collapse(&caps[2]),
    })
}

/// A text block's text and whether it is a heading.
/// A leading disclosure marker (`▾`, `▸`, `▶`: an expandable section of a web page as
/// printed) is no part of the text.
pub(super) fn text_of(block: &Block) -> Option<(&str, bool)> {
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

/// A short numbered heading of one level (`1. Minskad energianvändning`, `Område 2: …`).
fn area_heading(text: &str, heading: bool, vocab: &Vocabulary) -> Option<Section> {
    if let Some((kind, s)) = sections::keyword_section(text, vocab) {
        return (kind == sections::SectionKind::Area).then_some(s);
    }
    heading.then(|| sections::numbered_heading(text)).flatten()
}

pub(super) fn value(text: &str, header: &str) -> FieldValue {
    FieldValue {
        text: text.to_string(),
        header: header.to_string(),
        ..FieldValue::default()
    }
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
fn measure_at(
    blocks: &[Block],
    i: usize,
    single: bool,
    vocab: &Vocabulary,
) -> Option<(String, String, usize)> {
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
fn tailed_item(block: &Block, vocab: &Vocabulary) -> Option<(String, Vec<Fact>)> {
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
fn plain_card(blocks: &[Block], i: usize, vocab: &Vocabulary) -> bool {
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
pub(super) fn card_title(text: &str, vocab: &Vocabulary) -> (String, String, usize) {
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
/// measure's facts: a fact box's label, a `Label: value` line, a responsibility matrix
/// or a table of fact boxes.
fn has_card_fields(blocks: &[Block], i: usize, vocab: &Vocabulary) -> bool {
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
            Block::Paragraph { text, .. } => {
                text.lines().any(|l| labelled_field(l, vocab).is_some())
            }
        };
        if found {
            return true;
        }
    }
    false
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
    let mut measures: Vec<Option<(String, String, usize)>> = (0..blocks.len())
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
    let mut out: Vec<RowRecord> = Vec::new();
    let mut area: Option<Section> = None;
    // The goal an area states in a labelled paragraph under its heading (`Mål: …`),
    // before its first measure: the goal of the area's measures.
    let mut goal: Option<Section> = None;
    // Whether the goal's paragraph is the last block read (a next line may go on with it).
    let mut goal_open = false;
    let mut current: Option<(RowRecord, Vec<String>)> = None;
    // A line right after a field's line continues that field (a value wrapped on the
    // page): any line without a label of its own in the field's paragraph; in the next
    // paragraph (a page broken between them), a line in lower case, or one after a value
    // that cannot end where it stops.
    let mut last_field: Option<(Field, usize)> = None;
    // A field's label standing alone (`Status:` with nothing after it): its value is
    // the next line without a label, if one comes before the next label.
    let mut pending: Option<(Field, String)> = None;
    // The label on a line of its own that the lines under it belong to.
    let mut label: Option<Label> = None;
    // Whether the label was the last block read (its value still to come).
    let mut label_fresh = false;
    let finish = |current: &mut Option<(RowRecord, Vec<String>)>, out: &mut Vec<RowRecord>| {
        if let Some((mut record, description)) = current.take() {
            // The description under the heading is how the measure is carried out; it
            // may close with the measure's facts in brackets, over lines of its own.
            let mut text = description.join("\n");
            if let Some((head, facts)) = super::inline_facts::split(&text, vocab) {
                text = head;
                for (field, label, v) in facts {
                    if record.field(field).is_none() {
                        let v = v
                            .lines()
                            .fold(String::new(), |a, l| crate::text::join_wrapped(&a, l));
                        let v = crate::text::collapse(&v);
                        record.fields.push((field, value(&v, &label)));
                    }
                }
            }
            record.implementation = Some(text).filter(|t| !t.trim().is_empty());
            out.push(record);
        }
    };
    let mut skip = 0;
    // The level of the heading that titles the open card, if a heading does.
    let mut card_level: Option<u8> = None;
    // Text after a card's facts, in a card whose description came before them: the
    // card's only where another fact follows it (else a closing line or a page's
    // footer after the last card).
    let mut facts_seen = false;
    // Whether the last line read was a labelled description (`Toteutus: …`), which a
    // line in lower case goes on with.
    let mut described_last = false;
    let mut trailing: Vec<String> = Vec::new();
    // The responsibility matrix being read in the current card, and its rows so far.
    let mut matrix: Option<(Matrix, Vec<Vec<String>>)> = None;
    for (i, block) in blocks.iter().enumerate() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let Some((text, heading)) = text_of(block) else {
            close_matrix(&mut matrix, &mut current);
            if let (Block::Table(t), Some((record, description))) = (block, current.as_mut()) {
                matrix = table_matrix(t, vocab);
                if matrix.is_none() {
                    for (l, v) in table_pairs(t, vocab).unwrap_or_default() {
                        put_under(record, description, &box_label(&l, vocab), &v, vocab);
                    }
                }
            }
            continue;
        };
        let text = text.trim();
        if text.is_empty() {
            close_matrix(&mut matrix, &mut current);
            // A blank line after a box's text ends the box (a note set apart below it).
            if !label_fresh {
                label = None;
            }
            continue;
        }
        if heading {
            close_matrix(&mut matrix, &mut current);
        }
        // A measure's record, opened at this block under the area and goal read so far.
        let opened = |id: &str, title: &str| {
            let mut record = RowRecord {
                row_index: i + 1,
                page: block_page(block),
                area: area.clone(),
                goal: goal.clone(),
                ..RowRecord::default()
            };
            if !id.is_empty() {
                record.fields.push((Field::Id, value(id, "")));
            }
            record.fields.push((
                Field::Activity,
                value(crate::text::collapse(title).as_str(), ""),
            ));
            record
        };
        if let Some((item, facts)) = tailed[i].take() {
            close_matrix(&mut matrix, &mut current);
            finish(&mut current, &mut out);
            let mut record = match measure_re().captures(&item) {
                Some(c) => opened(&c[1], &c[2]),
                None => opened("", &item),
            };
            for (field, label, v) in facts {
                record.fields.push((field, value(&v, &label)));
            }
            out.push(record);
            continue;
        }
        if let Some((id, title, taken)) = measures[i].take() {
            // The measure's title again, marked as going on (`2.2 Samtalsstöd (forts.)`
            // on the next slide, under the area's heading again): the same card goes on.
            if let Some(head) = vocab.continued_title(&title) {
                let same = |r: &RowRecord| {
                    let (f, v) = if id.is_empty() {
                        (Field::Activity, head)
                    } else {
                        (Field::Id, id.as_str())
                    };
                    r.field(f)
                        .is_some_and(|t| crate::text::collapse(t) == crate::text::collapse(v))
                };
                if current.is_none() && out.last().is_some_and(same) {
                    if let Some(mut record) = out.pop() {
                        let description = record
                            .implementation
                            .take()
                            .map(|t| t.lines().map(str::to_string).collect())
                            .unwrap_or_default();
                        current = Some((record, description));
                    }
                }
                if current.as_ref().is_some_and(|(r, _)| same(r)) {
                    skip = taken - 1;
                    (last_field, pending) = (None, None);
                    continue;
                }
            }
            finish(&mut current, &mut out);
            skip = taken - 1;
            card_level = match block {
                Block::Heading { level, .. } => Some(*level),
                _ => None,
            };
            let record = opened(&id, &title);
            current = Some((record, Vec::new()));
            (last_field, label, label_fresh) = (None, None, false);
            pending = None;
            facts_seen = false;
            trailing.clear();
            continue;
        }
        // Right under a box's label of the area or the goal, a heading is its value
        // (`INNSATSOMRÅDE` over `1 Gode oppvekstvilkår`), not an area of its own.
        let section_label = matches!(label, Some(Label::Area | Label::Goal));
        if let (true, true, Some((record, description))) =
            (label_fresh && section_label, heading, current.as_mut())
        {
            if let Some(l) = &label {
                put_under(record, description, l, text, vocab);
            }
            label_fresh = false;
            continue;
        }
        if let Some(section) = area_heading(text, heading, vocab) {
            finish(&mut current, &mut out);
            area = Some(section);
            goal = None;
            continue;
        }
        let goal_was_open = std::mem::take(&mut goal_open);
        let Some((record, description)) = current.as_mut() else {
            if !heading && area.is_some() {
                match (area_goal(text, vocab), goal.as_mut()) {
                    (Some(g), _) => {
                        goal = Some(g);
                        goal_open = true;
                    }
                    // A goal's sentence wrapped onto the next line of a page.
                    (None, Some(g)) if goal_was_open && !g.text.ends_with(['.', '!', '?']) => {
                        g.text = format!("{} {}", g.text, crate::text::collapse(text));
                        goal_open = true;
                    }
                    _ => {}
                }
            }
            continue;
        };
        // A tag right under the title naming one of the areas the plan lists before its
        // measures (`Dagvatten` under the title, `1. Dagvatten` in the introduction):
        // the measure's area.
        if !heading && description.is_empty() && label.is_none() && record.area.is_none() {
            let named = crate::text::collapse(text).to_lowercase();
            if let Some((id, name)) = listed.iter().find(|(_, n)| n.to_lowercase() == named) {
                record.area = Some(Section {
                    id: Some(id.clone()),
                    text: name.clone(),
                });
                continue;
            }
        }
        if heading {
            // The goal's number set as a heading of its own in the goal's box (`Mål 2`).
            if matches!(label, Some(Label::Goal))
                && record.goal.as_ref().is_none_or(|g| g.text.is_empty())
                && numbered_goal(text, vocab).is_some()
            {
                put_under(record, description, &Label::Goal, text, vocab);
                continue;
            }
            // Right under a field's label, a heading that names no field is its value
            // set in bold (`Status` over a bold `I gang`).
            let next_label = label_of(text, blocks.get(i + 1), vocab);
            if label_fresh
                && matches!(label, Some(Label::Field(..)))
                && matches!(next_label, None | Some(Label::Extra(_)))
            {
                if let Some(l) = label.take() {
                    put_under(record, description, &l, text, vocab);
                }
                label_fresh = false;
                facts_seen = true;
                continue;
            }
            // A fact box's label, or another heading, which ends the card; a chapter's
            // heading (`Uppföljning och kontakt` at the top level, the cards' titles
            // below it) is never a box's label.
            let above_title =
                matches!((block, card_level), (Block::Heading { level: 1, .. }, Some(c)) if c > 1);
            label = next_label.filter(|_| !above_title);
            label_fresh = label.is_some();
            last_field = None;
            if label.is_none() {
                finish(&mut current, &mut out);
            }
            continue;
        }
        // A paragraph that is only a field's name (`Vastuutaho`, `Tukee tavoitetta`) is
        // a box's label set as plain text: the paragraphs under it are its value.
        // Right under a label, the paragraph is its value, whatever it names.
        let waiting = std::mem::take(&mut label_fresh);
        if let Some(l) = field_label(text, vocab).filter(|_| !waiting) {
            label = Some(l);
            label_fresh = true;
            last_field = None;
            continue;
        }
        if let Some(l) = &label {
            // Under a description's label, a `Label: value` line is a fact again
            // (`Beskrivning` over the text, then `Ansvarig: …`).
            let facts = matches!(l, Label::Description)
                && text
                    .lines()
                    .any(|line| labelled_field(line, vocab).is_some());
            if !facts {
                put_under(record, description, l, text, vocab);
                facts_seen |= !matches!(l, Label::Description);
                continue;
            }
            label = None;
        }
        let lines: Vec<String> = text.lines().flat_map(|l| fact_lines(l, vocab)).collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        for (k, &line) in lines.iter().enumerate() {
            if matrix_line(line, &mut matrix, record, vocab) {
                last_field = None;
                facts_seen = true;
                continue;
            }
            let unfinished = |field: &Field| {
                record
                    .field(*field)
                    .is_some_and(crate::text::ends_unfinished)
            };
            // Between two field lines, a line without a label is the first one's value
            // wrapped (a page's lines each a block of their own).
            let between = || {
                lines
                    .get(k + 1)
                    .copied()
                    .or_else(|| blocks[i + 1..].iter().find_map(first_line))
                    .is_some_and(|n| labelled_field(n, vocab).is_some())
            };
            let continues = last_field
                .filter(|(f, at)| {
                    *at == i
                        || crate::text::starts_lowercase(line.trim())
                        || crate::text::opens_with_closer(line)
                        || unfinished(f)
                        || between()
                })
                .map(|(f, _)| f);
            let field = labelled_field(line, vocab);
            if field.is_some() {
                pending = None;
            } else {
                if let Some((f, label)) = bare_label(line, vocab) {
                    pending = Some((f, label));
                    last_field = None;
                    facts_seen = true;
                    continue;
                }
                if let Some((f, label)) = pending.take().filter(|(f, _)| record.field(*f).is_none())
                {
                    record
                        .fields
                        .push((f, value(&crate::text::collapse(line), &label)));
                    last_field = Some((f, i));
                    continue;
                }
                // A line labelled as the way the measure is carried out (`Gjennomføring:
                // …`) is its description.
                if let Some(v) = implementation_line(line, vocab) {
                    description.push(v);
                    last_field = None;
                    facts_seen = true;
                    described_last = true;
                    continue;
                }
                // A line under a label the vocabulary does not know (`Samarbeid: …`)
                // is a fact of its own, kept by its label: no field's value goes on.
                if let Some((label, v)) = other_label(line) {
                    record.extra.push((label, v));
                    last_field = None;
                    continue;
                }
            }
            match (continues, field) {
                (Some(field), None) => {
                    if let Some((_, v)) = record.fields.iter_mut().find(|(f, _)| *f == field) {
                        let line = crate::text::collapse(line);
                        let gap = if line.starts_with('%') || !crate::text::opens_with_closer(&line)
                        {
                            " "
                        } else {
                            ""
                        };
                        v.text = format!("{}{gap}{line}", v.text);
                    }
                }
                (_, Some((field, label, v))) if record.field(field).is_none() => {
                    described_last = false;
                    record.fields.push((field, value(&v, &label)));
                    last_field = Some((field, i));
                    facts_seen = true;
                    description.append(&mut trailing);
                }
                (_, Some((_, label, v))) => {
                    record.extra.push((label, v));
                    last_field = None;
                }
                (None, None) => {
                    // A line in lower case goes on with the sentence above it (a
                    // paragraph wrapped on the page, its lines blocks of their own).
                    let line = crate::text::collapse(line);
                    // (A line in lower case under a labelled description goes on with it.)
                    let going_on = described_last && crate::text::starts_lowercase(&line);
                    let description = if facts_seen && !description.is_empty() && !going_on {
                        &mut trailing
                    } else {
                        &mut *description
                    };
                    described_last = going_on;
                    match description.last_mut() {
                        Some(last) if crate::text::starts_lowercase(&line) => {
                            *last = crate::text::join_wrapped(last, &line);
                        }
                        _ => description.push(line),
                    }
                    last_field = None;
                }
            }
        }
    }
    close_matrix(&mut matrix, &mut current);
    finish(&mut current, &mut out);
    out
}

/// The label a paragraph of one short line gives when it names a field the vocabulary
/// knows, other than an id or an area (`Vastuutaho`, `Aikataulu`, `Tukee tavoitetta`).
fn field_label(text: &str, vocab: &Vocabulary) -> Option<Label> {
    let name = text.trim();
    // (A tab sets a value apart after the label: `Timeline⇥2026–2027` is a fact.)
    if name.contains(['\n', '\t'])
        || name.ends_with([':', '.'])
        || name.split_whitespace().count() > 4
    {
        return None;
    }
    // A numbered goal or area (`Tavoite 1`) names a section, not a field.
    if sections::keyword_section(name, vocab).is_some_and(|(_, s)| s.id.is_some()) {
        return None;
    }
    match vocab.header_field(name)? {
        Field::Id => None,
        _ => Some(box_label(name, vocab)),
    }
}

/// The first non-empty line of a text block.
fn first_line(block: &Block) -> Option<&str> {
    let (text, _) = text_of(block)?;
    text.lines().find(|l| !l.trim().is_empty())
}

/// A `Label: value` line whose label is a short capitalised name (one to three words)
/// that is no column word: the label and the value.
fn other_label(line: &str) -> Option<(String, String)> {
    let caps = field_re().captures(line)?;
    // A label's colon stands before a space; one inside a word is none (`NTF:s`). A
    // tab sets a label apart as well (`Partners⇥Pupil councils`).
    let colon = caps.get(1)?.end();
    let after = line[colon..].trim_start_matches(' ');
    let tabbed = after.starts_with('\t');
    let after = after.trim_start();
    if !tabbed && (!after.starts_with(':') || !after[1..].starts_with(char::is_whitespace)) {
        return None;
    }
    let label = caps[1].trim();
    let short = (1..=3).contains(&label.split_whitespace().count());
    (short && label.chars().next().is_some_and(char::is_uppercase))
        .then(|| (label.to_string(), caps[2].trim().to_string()))
}

/// A line of a card as the lines it holds: several facts set on one line, each
/// labelled, between middle dots, bars or semicolons (`Ansvar: kansliet · Tidtabell:
/// 2027`), one line each; a sentence that closes with its facts in brackets
/// (`… utan tidsbokning. (Ansvar: bildningsväsendet; tidtabell: 2026)`), the sentence
/// and then each fact. Any other line is itself.
fn fact_lines(line: &str, vocab: &Vocabulary) -> Vec<String> {
    if let Some((head, facts)) = super::inline_facts::split(line, vocab) {
        let mut out = vec![head];
        out.extend(
            facts
                .into_iter()
                .map(|(_, label, v)| format!("{label}: {v}")),
        );
        return out;
    }
    for sep in [" · ", " | ", "; "] {
        let pieces: Vec<&str> = line.split(sep).map(str::trim).collect();
        if pieces.len() >= 2 && pieces.iter().all(|p| labelled_field(p, vocab).is_some()) {
            return pieces.into_iter().map(str::to_string).collect();
        }
    }
    vec![line.to_string()]
}

/// A line that is only a fact's label and its colon (`Status:`), the value left empty
/// or set on the line below: the field and the label.
fn bare_label(line: &str, vocab: &Vocabulary) -> Option<(Field, String)> {
    let label = crate::text::strip_bullet(line)
        .trim()
        .strip_suffix(':')?
        .trim();
    fact_field(label, vocab).map(|f| (f, label.to_string()))
}

/// A `Label: value` line whose label is a column word other than the activity's.
/// A bullet before the label is none of it (`• Ansvar: …`, facts set as a list).
pub(super) fn labelled_field(line: &str, vocab: &Vocabulary) -> Option<(Field, String, String)> {
    let caps = field_re().captures(crate::text::strip_bullet(line))?;
    let label = caps[1].trim().to_string();
    let field = fact_field(&label, vocab)?;
    Some((field, label, caps[2].trim().to_string()))
}

/// The text of a line whose label says how the measure is carried out (`Gjennomføring:
/// …`, `Toteutus: …`).
pub(super) fn implementation_line(line: &str, vocab: &Vocabulary) -> Option<String> {
    let caps = field_re().captures(crate::text::strip_bullet(line))?;
    vocab
        .labels_implementation(&caps[1])
        .then(|| crate::text::collapse(&caps[2]))
}

/// The field a label names when it gives a fact of an activity (responsible, time,
/// cost, …): a column word other than the activity's, its number, area or goal.
pub(super) fn fact_field(label: &str, vocab: &Vocabulary) -> Option<Field> {
    vocab.header_field(label).filter(|field| {
        !matches!(
            field,
            Field::Activity | Field::Id | Field::Area | Field::Goal
        )
    })
}

fn block_page(block: &Block) -> Option<u32> {
    match block {
        Block::Heading { page, .. } | Block::Paragraph { page, .. } => *page,
        Block::Table(_) => None,
    }
}

/// Items of lists under headings that name measures. A line that is no item carries on
/// the item above it where that item is plainly unfinished (a bracket left open, or the
/// line starts in lower case or with a bracket), as a wrapped item comes out of a PDF.
fn lists(blocks: &[Block], vocab: &Vocabulary) -> Vec<RowRecord> {
    let mut items: Vec<(RowRecord, String)> = Vec::new();
    let mut area: Option<Section> = None;
    let mut in_measures = false;
    for (i, block) in blocks.iter().enumerate() {
        let Some((text, heading)) = text_of(block) else {
            in_measures = false;
            continue;
        };
        let text = text.trim();
        if heading {
            if let Some(section) = area_heading(text, true, vocab) {
                area = Some(section);
                in_measures = false;
                continue;
            }
            let label = text.trim_end_matches(':');
            in_measures = vocab.header_field(label) == Some(Field::Activity)
                && label.split_whitespace().count() <= 4;
            continue;
        }
        // A paragraph that introduces measures (`Åtgärder:`) opens a list too.
        if let Some(label) = text.strip_suffix(':') {
            if vocab.header_field(label) == Some(Field::Activity) {
                in_measures = true;
                continue;
            }
        }
        if !in_measures {
            continue;
        }
        for line in text.lines() {
            let item = crate::text::strip_bullet(line);
            let is_item = crate::text::starts_with_bullet(line.trim_start())
                || sections::leading_id(line).is_some();
            if !is_item {
                match items.last_mut() {
                    Some((_, last)) if carries_on(last, line) => {
                        last.push(' ');
                        last.push_str(line.trim());
                    }
                    _ => in_measures = false,
                }
                continue;
            }
            if item.trim().is_empty() {
                in_measures = false;
                continue;
            }
            let record = RowRecord {
                row_index: i + 1,
                page: block_page(block),
                area: area.clone(),
                ..RowRecord::default()
            };
            items.push((record, item.to_string()));
        }
    }
    items
        .into_iter()
        .map(|(mut record, item)| {
            let item = crate::text::collapse(&item);
            match super::inline_facts::split(&item, vocab) {
                Some((text, facts)) => {
                    record.fields.push((Field::Activity, value(&text, "")));
                    for (field, label, v) in facts {
                        record.fields.push((field, value(&v, &label)));
                    }
                }
                None => record.fields.push((Field::Activity, value(&item, ""))),
            }
            record
        })
        .collect()
}

/// Whether `line`, no list item itself, carries on the item `item`: the item left a
/// bracket open, or the line starts in lower case or with an opening bracket.
fn carries_on(item: &str, line: &str) -> bool {
    let line = line.trim();
    let open = item.matches('(').count() > item.matches(')').count();
    open || line.starts_with('(') || line.chars().next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A heading block for tests.
    pub(in crate::interpret) fn h(level: u8, t: &str) -> Block {
        Block::Heading {
            level,
            text: t.into(),
            page: None,
        }
    }

    /// A paragraph block for tests.
    pub(in crate::interpret) fn p(t: &str) -> Block {
        Block::Paragraph {
            text: t.into(),
            page: None,
        }
    }

    #[test]
    fn a_sidebar_set_after_a_cards_title_gives_its_area_and_goal_and_a_note_under_it_is_no_fact() {
        // A designed page printed to PDF: the badge and title, the activities, then the
        // sidebar's labelled boxes (each label a heading, the area's name one too), then
        // the fact boxes, then a note set apart by a blank line.
        let card = |n: &str, title: &str, area: &str, goal: &[&str], unit: &str| {
            let mut b = vec![
                h(1, &format!("{n} {title}")),
                h(2, "Aktiviteter"),
                p("• Kartlegge behovet"),
                h(2, "INNSATSOMRÅDE"),
                h(2, area),
                h(2, "MÅL"),
            ];
            b.extend(goal.iter().map(|g| p(g)));
            b.extend([
                p(""),
                h(2, "ANSVARLIG"),
                p(unit),
                h(2, "TIDSPLAN"),
                p("2026–2027"),
                p(""),
                p("Tiltaket bidrar også til FNs bærekraftsmål 3"),
            ]);
            b
        };
        let mut blocks = vec![h(1, "Folkehelseplan 2026–2029")];
        blocks.extend(card(
            "1",
            "Aktiv skolevei",
            "1 Gode oppvekstvilkår",
            &["1.1 Flere barn er fysisk", "aktive hver dag"],
            "Oppvekst",
        ));
        blocks.extend(card(
            "2",
            "Seniorsentre som møteplass",
            "3 Helsefremmende lokalsamfunn",
            &["3.1 Flere eldre er sosialt aktive"],
            "Helse og omsorg",
        ));
        let rows = find(&blocks, Vocabulary::builtin());
        assert_eq!(rows.len(), 2);
        let area = rows[1].area.as_ref().expect("an area");
        assert_eq!(
            (area.id.as_deref(), area.text.as_str()),
            (Some("3"), "Helsefremmende lokalsamfunn")
        );
        let goal = rows[0].goal.as_ref().expect("a goal");
        assert_eq!(
            (goal.id.as_deref(), goal.text.as_str()),
            (Some("1.1"), "Flere barn er fysisk aktive hver dag")
        );
        assert_eq!(rows[0].field(Field::Responsible), Some("Oppvekst"));
        assert_eq!(rows[1].field(Field::Timeframe), Some("2026–2027"));
        assert_eq!(rows[1].implementation.as_deref(), Some("Kartlegge behovet"));
    }

    #[test]
    fn facts_set_apart_from_their_labels_by_a_tab_are_read_under_any_label() {
        // Tab-aligned label lines under a worded measure heading (`Measure 1.2 · …`);
        // an unknown label (`Partners`) is a fact of its own, a year range no label.
        let blocks = vec![
            h(1, "1 Wellbeing and belonging"),
            h(2, "Measure 1.1 · Class spirit lessons"),
            p("Grades 1, 3 and 7 spend two weeks on group-building."),
            p("Lead\tBasic Education Services"),
            p("Partners\tSchool Health Promotion Study team"),
            p("Timeline\tAnnually in August"),
            h(2, "Measure 1.2 · Drop-in hours"),
            p("Lead\tVantaa and Kerava Wellbeing Services County"),
            p("Timeline\t2026–2027"),
            p("Cost\tNo cost to the city"),
            p("Indicator\tNumber of drop-in visits"),
        ];
        let rows = find(&blocks, Vocabulary::builtin());
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].field(Field::Activity), Some("Class spirit lessons"));
        assert_eq!(
            rows[0].field(Field::Responsible),
            Some("Basic Education Services")
        );
        assert_eq!(
            rows[0].extra,
            [(
                "Partners".to_string(),
                "School Health Promotion Study team".to_string()
            )]
        );
        assert_eq!(rows[1].field(Field::Id), Some("1.2"));
        assert_eq!(rows[1].field(Field::Timeframe), Some("2026–2027"));
        assert_eq!(rows[1].field(Field::Cost), Some("No cost to the city"));
    }

    #[test]
    fn a_worded_badge_over_a_title_opens_a_measure_and_a_tag_naming_a_listed_area_is_its_area() {
        let card = |n: &str, title: &str, tag: &str| {
            vec![
                h(2, &format!("Åtgärd {n}")),
                h(1, title),
                p(tag),
                h(2, "Beskrivning"),
                p("En damm anläggs."),
                p("Ansvarig: Planenheten"),
            ]
        };
        let mut blocks = vec![
            h(1, "Om programmet"),
            p("1. Dagvatten"),
            p("2. Sjöar och vattendrag"),
        ];
        blocks.extend(card("1", "Dagvattendamm vid Kyrkviken", "Dagvatten"));
        blocks.extend(card(
            "2",
            "Restaurering av Skurubäcken",
            "Sjöar och vattendrag",
        ));
        let rows = find(&blocks, Vocabulary::builtin());
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].field(Field::Id), Some("2"));
        assert_eq!(
            rows[1].field(Field::Activity),
            Some("Restaurering av Skurubäcken")
        );
        let area = rows[1].area.as_ref().expect("an area");
        assert_eq!(
            (area.id.as_deref(), area.text.as_str()),
            (Some("2"), "Sjöar och vattendrag")
        );
        assert_eq!(rows[0].implementation.as_deref(), Some("En damm anläggs."));
        assert_eq!(rows[0].field(Field::Responsible), Some("Planenheten"));
    }

    #[test]
    fn measure_cards_give_records_with_their_fields() {
        let blocks = vec![
            h(1, "Energi- och klimatplan för Exempelby 2025–2030"),
            h(2, "1. Minskad energianvändning"),
            p("Mål: Energianvändningen i kommunens lokaler minskar med 20 procent."),
            h(3, "1.1 Byt till LED-belysning i idrottshallar"),
            p("Alla hallar får LED och närvarostyrning."),
            p("Ansvarig: Fastighetsförvaltningen\nTidplan: 2026\nKostnad: 4 mnkr"),
            h(3, "1.2 Energikartlägg skolorna"),
            p("Ansvarig: Fastighetsförvaltningen och Skolförvaltningen"),
            h(2, "2. Fossilfria resor"),
            h(3, "2.1 Laddplatser vid kommunens arbetsplatser"),
            p("Frist: 2027"),
        ];
        let rows = find(&blocks, Vocabulary::builtin());
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].field(Field::Id), Some("1.1"));
        assert_eq!(
            rows[0].field(Field::Activity),
            Some("Byt till LED-belysning i idrottshallar")
        );
        assert_eq!(
            rows[0].implementation.as_deref(),
            Some("Alla hallar får LED och närvarostyrning.")
        );
        assert_eq!(
            rows[0].field(Field::Responsible),
            Some("Fastighetsförvaltningen")
        );
        assert_eq!(rows[0].field(Field::Timeframe), Some("2026"));
        assert_eq!(rows[0].field(Field::Cost), Some("4 mnkr"));
        assert_eq!(
            rows[0].area.as_ref().map(|a| a.text.as_str()),
            Some("Minskad energianvändning")
        );
        // The area's labelled goal is its measures' goal, and ends with the area.
        let goal = |r: &RowRecord| r.goal.as_ref().map(|g| g.text.clone());
        assert_eq!(
            goal(&rows[1]).as_deref(),
            Some("Energianvändningen i kommunens lokaler minskar med 20 procent.")
        );
        assert_eq!(goal(&rows[2]), None);
        assert_eq!(
            rows[2].area.as_ref().and_then(|a| a.id.as_deref()),
            Some("2")
        );
        assert_eq!(rows[2].field(Field::Timeframe), Some("2027"));
    }

    #[test]
    fn numbered_paragraphs_over_their_facts_lines_are_measures_and_a_plain_list_is_not() {
        let blocks = vec![
            h(1, "Ungdomsplan"),
            p("Planens mål är:"),
            p("1. fler unga deltar"),
            p("2. tryggare mötesplatser"),
            h(2, "1 Delaktighet"),
            p("1. Årlig ungdomsbudget som de unga fördelar"),
            p("Ansvar: Ungdomstjänster"),
            p("Tid: Årligen"),
            p("2. Digital enkät om ungas fritid"),
            p("Ansvar: Ungdomstjänster"),
        ];
        let rows = find(&blocks, Vocabulary::builtin());
        let titles: Vec<Option<&str>> = rows.iter().map(|r| r.field(Field::Activity)).collect();
        assert_eq!(
            titles,
            [
                Some("Årlig ungdomsbudget som de unga fördelar"),
                Some("Digital enkät om ungas fritid")
            ]
        );
        assert_eq!(rows[0].field(Field::Timeframe), Some("Årligen"));
    }

    #[test]
    fn measures_named_by_the_activity_word_and_a_labelled_implementation() {
        // A web page's accordion: `Tiltak 1.1: …` over `Label: value` lines, and the
        // same card with its labels set as headings (a PDF print of it).
        let card = |n: &str, title: &str, boxed: bool| {
            let facts = [
                ("Gjennomføring", "Ei samling kvar haust."),
                ("Ansvarleg", "Kulturavdelinga"),
                ("Tidsrom", "2027"),
            ];
            let mut b = vec![h(3, &format!("Tiltak {n}: {title}"))];
            for (label, value) in facts {
                if boxed {
                    b.extend([h(4, label), p(value)]);
                } else {
                    b.push(p(&format!("{label}: {value}")));
                }
            }
            b
        };
        for boxed in [false, true] {
            let mut blocks = vec![h(2, "1 Kunnskap")];
            blocks.extend(card("1.1", "Opplæring av leiarar", boxed));
            blocks.extend(card("1.2", "Fagdag for tilsette", boxed));
            let rows = find(&blocks, Vocabulary::builtin());
            assert_eq!(rows.len(), 2, "boxed {boxed}");
            assert_eq!(rows[1].field(Field::Id), Some("1.2"));
            assert_eq!(rows[1].field(Field::Activity), Some("Fagdag for tilsette"));
            assert_eq!(
                rows[1].implementation.as_deref(),
                Some("Ei samling kvar haust.")
            );
            assert_eq!(rows[1].field(Field::Responsible), Some("Kulturavdelinga"));
            assert!(rows[1].extra.is_empty(), "{:?}", rows[1].extra);
        }
    }

    #[test]
    fn lists_under_a_measures_heading_are_activities_and_prose_lists_are_not() {
        let blocks = vec![
            h(2, "1. Trygga mötesplatser"),
            p("Bakgrund:"),
            p("• Unga hbtq-personer saknar mötesplatser"),
            h(3, "Tiltak"),
            p("• Åpne en regnbuekafé på biblioteket\n• Kurse ansatte i fritidsklubbene"),
            h(2, "2. Kunnskap"),
            h(3, "Tiltak"),
            p("• Temadag for lærere"),
        ];
        let rows = find(&blocks, Vocabulary::builtin());
        let acts: Vec<_> = rows
            .iter()
            .filter_map(|r| r.field(Field::Activity))
            .collect();
        assert_eq!(
            acts,
            [
                "Åpne en regnbuekafé på biblioteket",
                "Kurse ansatte i fritidsklubbene",
                "Temadag for lærere"
            ]
        );
        assert_eq!(
            rows[2].area.as_ref().map(|a| a.text.as_str()),
            Some("Kunnskap")
        );
    }
}
