//! Fact boxes of a measure card: a label on a line of its own (a box's heading) over
//! the text it labels (`Ansvar` / `Eiendomsavdelingen`, `Tidsplan` / `2026–2027`), as
//! designed programmes set a measure's facts beside or under its description.

use super::card_tables::label_like;
use super::cards::{text_of, value};
use super::sections::{keyword_section, Section, SectionKind};
use super::RowRecord;
use crate::model::{Block, Table};
use crate::vocab::{Field, Vocabulary};

/// Where a card's label on a line of its own (a fact box's heading) puts the lines
/// under it.
#[derive(Debug, Clone)]
pub enum Label {
    /// A column word: that field (`Ansvar`, `Tidsplan`, `Finansiering`).
    Field(Field, String),
    /// The measure's activities (`Aktiviteter`): lines of its description.
    Description,
    /// The goal it serves (`Mål`).
    Goal,
    /// The area it belongs to (`Innsatsområde`, a sidebar's box).
    Area,
    /// Any other short heading: `extra` under that label (`Samarbeidsaktører`).
    Extra(String),
}

/// The label a heading inside a card gives, if it is one: a column word, or a short
/// heading (three words at most) with a short text under it.
pub fn label_of(text: &str, next: Option<&Block>, vocab: &Vocabulary) -> Option<Label> {
    let name = text.trim().trim_end_matches(':').trim();
    if describes(name, vocab) {
        return Some(Label::Description);
    }
    match vocab.header_field(name) {
        Some(Field::Id) => return None,
        // The area's word alone is a box's label (`INNSATSOMRÅDE` over `1 Gode
        // oppvekstvilkår`); with more after it, it heads an area of its own.
        Some(Field::Area) => {
            let short = next
                .and_then(text_of)
                .is_some_and(|(t, _)| t.split_whitespace().count() <= 12);
            return short.then_some(Label::Area);
        }
        Some(_) => return Some(box_label(name, vocab)),
        None => {}
    }
    let short_text = next
        .and_then(text_of)
        .is_some_and(|(t, heading)| !heading && t.split_whitespace().count() <= 30);
    (name.split_whitespace().count() <= 3 && short_text).then(|| Label::Extra(name.to_string()))
}

/// A text opened by a goal word and its number (`Mål 2`, `Tavoite 1: …`): that goal.
pub fn numbered_goal(text: &str, vocab: &Vocabulary) -> Option<Section> {
    keyword_section(text.trim(), vocab)
        .filter(|(kind, s)| *kind == SectionKind::Goal && s.id.is_some())
        .map(|(_, s)| s)
}

/// A section written as its number and its name (`1.2 Flere unge opplever mestring`).
fn leading_section(text: &str) -> Option<Section> {
    super::sections::leading_id(text).map(|(id, rest)| Section {
        id: Some(id),
        text: rest.trim().to_string(),
    })
}

/// Puts the text under a card's label where the label sends it; under a goal's label, a
/// text opened by a goal word and its number (`Mål 2`, `Mål 2 Barn og unge …`) gives the
/// goal's id.
pub fn put_under(
    record: &mut RowRecord,
    description: &mut Vec<String>,
    label: &Label,
    text: &str,
    vocab: &Vocabulary,
) {
    let joined = |old: Option<&str>| match old {
        Some(o) => crate::text::join_wrapped(o, &crate::text::collapse(text)),
        None => crate::text::collapse(text),
    };
    match label {
        Label::Description => description.extend(
            text.lines()
                .map(|l| crate::text::collapse(crate::text::strip_bullet(l)))
                .filter(|l| !l.is_empty()),
        ),
        // A box names the area by its number and name (`1 Gode oppvekstvilkår`).
        Label::Area => {
            let t = crate::text::collapse(text);
            if record.area.as_ref().is_none_or(|a| a.text.is_empty()) {
                record.area = Some(
                    super::sections::numbered_heading(&t)
                        .or_else(|| leading_section(&t))
                        .unwrap_or(Section { id: None, text: t }),
                );
            }
        }
        Label::Goal => {
            let numbered = numbered_goal(text, vocab)
                .or_else(|| leading_section(&crate::text::collapse(text)));
            let goal = record.goal.get_or_insert_with(Section::default);
            match numbered {
                Some(s) if goal.id.is_none() && goal.text.is_empty() => *goal = s,
                _ => goal.text = joined(Some(goal.text.as_str()).filter(|t| !t.is_empty())),
            }
        }
        Label::Field(field, name) => {
            let text = joined(record.field(*field));
            match record.fields.iter_mut().find(|(f, _)| f == field) {
                Some((_, v)) => v.text = text,
                None => record.fields.push((*field, value(&text, name))),
            }
        }
        Label::Extra(name) => match record.extra.iter_mut().find(|(k, _)| k == name) {
            Some((_, v)) => *v = joined(Some(v)),
            None => record.extra.push((name.clone(), joined(None))),
        },
    }
}

/// The label–value pairs of a table of fact boxes inside a card: rows of labels each over
/// a row of their values (`ANSVARLIG | SAMARBEIDSAKTØRER` over `Oppvekstavdelingen |
/// FRI Tromsø`), or, in two columns, a label beside its value on each row. `None` unless
/// every label is a short name and one of them names a field other than the activity's.
pub fn table_pairs(table: &Table, vocab: &Vocabulary) -> Option<Vec<(String, String)>> {
    let grid = table.grid();
    let text = |i: usize| table.cells[i].text.trim().to_string();
    let cells = |r: usize| super::card_tables::row_cells(&grid[r]);
    let mut pairs = Vec::new();
    let over = grid.len() >= 2
        && grid.len().is_multiple_of(2)
        && (0..grid.len()).step_by(2).all(|r| {
            let labels = cells(r);
            !labels.is_empty()
                && labels.iter().all(|&(_, i)| label_like(&text(i)))
                && cells(r + 1)
                    .iter()
                    .map(|&(c, _)| c)
                    .eq(labels.iter().map(|&(c, _)| c))
        });
    if over {
        for r in (0..grid.len()).step_by(2) {
            for ((_, l), (_, v)) in cells(r).into_iter().zip(cells(r + 1)) {
                pairs.push((text(l), text(v)));
            }
        }
    } else if table.n_cols == 2 {
        for r in 0..grid.len() {
            match cells(r)[..] {
                [(0, l), (1, v)] if label_like(&text(l)) => pairs.push((text(l), text(v))),
                _ => return None,
            }
        }
    }
    let names_field = |l: &str| {
        !matches!(
            vocab.header_field(l.trim_end_matches(':')),
            None | Some(Field::Activity | Field::Id | Field::Area | Field::Goal)
        )
    };
    pairs.iter().any(|(l, _)| names_field(l)).then_some(pairs)
}

/// The label a fact box's title gives: a column word, else `extra` under its name.
pub fn box_label(name: &str, vocab: &Vocabulary) -> Label {
    let name = name.trim().trim_end_matches(':').trim();
    if describes(name, vocab) {
        return Label::Description;
    }
    match vocab.header_field(name) {
        Some(Field::Activity) => Label::Description,
        Some(Field::Goal) => Label::Goal,
        Some(Field::Area) => Label::Area,
        Some(Field::Id) | None => Label::Extra(name.to_string()),
        Some(field) => Label::Field(field, name.to_string()),
    }
}

/// Whether a label says how the measure is carried out (`Gjennomføring`, `Toteutus`).
fn describes(name: &str, vocab: &Vocabulary) -> bool {
    name.split_whitespace().count() <= 4 && vocab.labels_implementation(name)
}

#[cfg(test)]
mod tests {
    use crate::interpret::cards::tests::{h, p};
    use crate::model::Block;
    use crate::vocab::{Field, Vocabulary};

    #[test]
    fn a_box_naming_the_goal_a_measure_serves_gives_its_goal_and_number() {
        let card = |n: &str, title: &str, goal: &[Block]| {
            let mut b = vec![
                h(2, &format!("{n} {title}")),
                h(4, "Tiltak"),
                p("● Kartleggje behovet"),
            ];
            b.extend([h(5, "ANSVARLEG"), p("Kulturkontoret")]);
            b.extend(goal.iter().cloned());
            b
        };
        let mut blocks = vec![h(1, "Kulturplan for Eksempelvik 2026–2029")];
        blocks.extend(card(
            "1",
            "Digitalt arkiv",
            &[
                h(5, "TILTAKET BIDREG TIL MÅL"),
                h(2, "Mål 3"),
                p("Kulturarven er open for alle"),
            ],
        ));
        blocks.extend(card(
            "2",
            "Nye scener",
            &[h(5, "Bidrar til mål"), p("Mål 1: Fleire møteplassar")],
        ));
        blocks.extend(card(
            "3",
            "Rahapelit puheeksi",
            &[
                p("Rahoitus"),
                p("Hankerahoitus"),
                p("Tukee tavoitetta"),
                p("Tavoite 2"),
                p("Apua ajoissa"),
            ],
        ));
        let rows = super::super::cards::find(&blocks, Vocabulary::builtin());
        assert_eq!(rows.len(), 3);
        // Labels set as plain paragraphs: the paragraph right under one is its value,
        // though it names a field too (`Hankerahoitus`, funding).
        assert_eq!(rows[2].field(Field::Cost), Some("Hankerahoitus"));
        let goal = rows[2].goal.as_ref().expect("goal");
        assert_eq!(
            (goal.id.as_deref(), goal.text.as_str()),
            (Some("2"), "Apua ajoissa")
        );
        assert_eq!(rows[0].field(Field::Responsible), Some("Kulturkontoret"));
        let goal = rows[0].goal.as_ref().expect("goal");
        assert_eq!(
            (goal.id.as_deref(), goal.text.as_str()),
            (Some("3"), "Kulturarven er open for alle")
        );
        let goal = rows[1].goal.as_ref().expect("goal");
        assert_eq!(
            (goal.id.as_deref(), goal.text.as_str()),
            (Some("1"), "Fleire møteplassar")
        );
    }
}
