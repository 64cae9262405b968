//! Document-level context: the title, and goals stated in prose (numbered goal headings,
//! numbered lists introduced by a goal word).

use std::sync::OnceLock;

use regex::Regex;

use super::sections::{self, SectionKind};
use super::GoalFound;
use crate::model::{Block, Document};
use crate::vocab::Vocabulary;

/// The title: the one the format declares, else the first of the document's opening
/// lines (publisher lines such as `Aalborg Kommune` above it are passed over) that names
/// a kind of plan and its years, else the first heading that names a kind of plan
/// (*handlingsplan*, *strategi*, *status*), else the first top-level heading that opens
/// the document. A subtitle naming what the document is (`Uppföljning 2025`,
/// `Åtgärdsprogram`) closes it, after a dash, as a reader would cite the document; a
/// report's title set under the plan it reports on follows that plan's name.
pub fn title(doc: &Document, vocab: &Vocabulary) -> Option<String> {
    let title = main_title(doc, vocab)?;
    if let Some(plan) = plan_above(doc, &title, vocab) {
        return Some(format!("{plan} – {title}"));
    }
    Some(match subtitle(doc, &title, vocab) {
        Some(sub) => format!("{title} – {sub}"),
        None => title,
    })
}

/// Opening lines looked at for the title (a publisher line, a department, the title).
const OPENING_LINES: usize = 4;

/// Opening lines looked at for the lines around the title (the plan a report's title
/// follows, its subtitle).
const AROUND_TITLE: usize = 8;

fn main_title(doc: &Document, vocab: &Vocabulary) -> Option<String> {
    if let Some(t) = &doc.title {
        return Some(t.clone());
    }
    // The opening line naming a kind of plan and its years is the title, set as a
    // heading or not (`Liikunnan ja urheilun toimenpideohjelma 2026–2028`).
    let names_plan = |t: &String| {
        vocab.kind_of_title(t).is_some()
            && !crate::normalize::period::years(t).is_empty()
            && t.split_whitespace().count() <= 16
            && !t.ends_with('.')
    };
    let opening = opening_texts(doc).take(OPENING_LINES).find(names_plan);
    if opening.is_some() {
        return opening;
    }
    let headings = doc.blocks.iter().filter_map(|b| match b {
        Block::Heading { text, level, .. } => Some((text, *level)),
        _ => None,
    });
    let mut first_top = None;
    for (text, level) in headings {
        let text = crate::text::collapse(text);
        let words = text.split_whitespace().count();
        if vocab.kind_of_title(&text).is_some() && (2..=16).contains(&words) && !text.ends_with('.')
        {
            return Some(text);
        }
        if first_top.is_none() && level <= 1 {
            first_top = Some(text);
        }
    }
    // A running title on every page (a sheet's print title) that names the plan.
    let running = doc
        .margin_texts
        .iter()
        .map(|t| crate::text::collapse(t))
        .find(names_plan);
    if running.is_some() {
        return running;
    }
    let opens_with_heading = matches!(
        doc.blocks
            .iter()
            .find(|b| b.text().is_none_or(|t| !t.trim().is_empty())),
        Some(Block::Heading { .. })
    );
    first_top.filter(|_| opens_with_heading)
}

/// The document's texts before its first table, collapsed, empty ones skipped.
fn opening_texts(doc: &Document) -> impl Iterator<Item = String> + '_ {
    opening_spaced(doc).map(|(t, _)| t)
}

/// [`opening_texts`], each with the number of empty paragraphs right before it.
fn opening_spaced(doc: &Document) -> impl Iterator<Item = (String, usize)> + '_ {
    let mut blank = 0;
    doc.blocks
        .iter()
        .take_while(|b| !matches!(b, Block::Table(_)))
        .filter_map(|b| b.text())
        .map(crate::text::collapse)
        .filter_map(move |t| {
            if t.is_empty() {
                blank += 1;
                return None;
            }
            Some((t, std::mem::take(&mut blank)))
        })
}

/// The plan a report's title reports on, named in the line right above it
/// (`Miljöprogram 2022–2030` over `Uppföljning av aktiviteter 2025`, the report's line
/// set larger): a short line naming a kind of plan and its years.
fn plan_above(doc: &Document, title: &str, vocab: &Vocabulary) -> Option<String> {
    if vocab.kind_of_title(title) != Some("status_report") {
        return None;
    }
    let texts: Vec<String> = opening_texts(doc).take(AROUND_TITLE).collect();
    let at = texts.iter().position(|t| t == title)?;
    let above = texts.get(at.checked_sub(1)?)?;
    let names_plan = matches!(vocab.kind_of_title(above), Some(k) if k != "status_report");
    let reads = names_plan
        && above.split_whitespace().count() <= 10
        && !crate::normalize::period::years(above).is_empty()
        && !above.ends_with(['.', ':']);
    reads.then(|| above.clone())
}

/// The most empty paragraphs between a title and its subtitle.
const MAX_SUBTITLE_GAP: usize = 2;

/// The line right under the title among the opening lines, where it is a short
/// subtitle naming a kind of document (`Uppföljning 2025`, `Status 2025`,
/// `Åtgärdsprogram`), not a sentence and not part of the title already.
fn subtitle(doc: &Document, title: &str, vocab: &Vocabulary) -> Option<String> {
    let spaced: Vec<(String, usize)> = opening_spaced(doc).take(AROUND_TITLE).collect();
    let texts: Vec<&String> = spaced.iter().map(|(t, _)| t).collect();
    // The title's own line, or a heading that opens with the title and goes on in the
    // smaller subtitle the title was told apart from (`Kulturplan 2023–2026` set large
    // over `Statusrapport 2025`, one heading block). A line set far below the title
    // (empty paragraphs pushing it to a title page's foot) is no subtitle.
    let sub = match texts.iter().position(|t| *t == title) {
        Some(at) => match spaced.get(at + 1)? {
            (t, gap) if *gap <= MAX_SUBTITLE_GAP => t.clone(),
            _ => return None,
        },
        None => texts
            .iter()
            .find_map(|t| t.strip_prefix(title))
            .filter(|rest| rest.starts_with(' '))?
            .trim()
            .to_string(),
    };
    // (A line of facts set apart by dots or bars, `Tiltaksdel · vedteken 11. desember
    // 2025`, is the document's meta line, not its subtitle.)
    let reads = sub.split_whitespace().count() <= 8
        && !sub.ends_with(['.', ':'])
        && !sub.contains(" · ")
        && !sub.contains(" | ")
        && vocab.kind_of_title(&sub).is_some()
        && !title.to_lowercase().contains(&sub.to_lowercase());
    reads.then_some(sub)
}

fn list_item_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^\s*(\d{1,2})[.)]\s+(\S.*)$").expect("valid regex"))
}

/// Goals in prose: a heading or paragraph opened by a goal word and a number
/// (*Strategiområde 1*, with its text after it or in the next paragraph), and the items
/// of a numbered list whose introduction (the paragraph or heading before the list)
/// speaks of goals (*Fyra strategiområden har formulerats*). First seen wins per number.
pub fn prose_goals(blocks: &[Block], vocab: &Vocabulary) -> Vec<GoalFound> {
    let mut goals: Vec<GoalFound> = Vec::new();
    let push = |goals: &mut Vec<GoalFound>, id: String, text: String| {
        if !text.is_empty() && !goals.iter().any(|g| g.id.as_deref() == Some(id.as_str())) {
            goals.push(GoalFound {
                id: Some(id),
                text,
                status: None,
                status_raw: None,
            });
        }
    };
    let texts: Vec<Option<&str>> = blocks.iter().map(Block::text).collect();
    for (i, text) in texts.iter().enumerate() {
        let Some(text) = text.map(str::trim) else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        if let Some(caps) = list_item_re().captures(text) {
            if list_intro(&texts, i).is_some_and(|intro| speaks_of_goals(intro, vocab)) {
                push(
                    &mut goals,
                    caps[1].to_string(),
                    crate::text::collapse(&caps[2]),
                );
            }
            continue;
        }
        if let Some((SectionKind::Goal, section)) = sections::keyword_section(text, vocab) {
            let Some(id) = section.id else { continue };
            let body = if section.text.is_empty() {
                texts[i + 1..]
                    .iter()
                    .flatten()
                    .map(|t| t.trim())
                    .find(|t| !t.is_empty())
                    .map(crate::text::collapse)
            } else {
                Some(section.text)
            };
            if let Some(body) = body {
                push(&mut goals, id, body);
            }
        }
    }
    goals
}

/// The text that introduces the numbered list item at `i`: the first non-empty block
/// before the run of list items it belongs to.
fn list_intro<'a>(texts: &[Option<&'a str>], i: usize) -> Option<&'a str> {
    let mut j = i;
    while j > 0 {
        j -= 1;
        match texts[j] {
            None => return None,
            Some(t) if t.trim().is_empty() => continue,
            Some(t) if list_item_re().is_match(t) => continue,
            Some(t) => return Some(t),
        }
    }
    None
}

fn speaks_of_goals(text: &str, vocab: &Vocabulary) -> bool {
    let lower = text.to_lowercase();
    lower.split(|c: char| !c.is_alphanumeric()).any(|w| {
        vocab
            .goal_words
            .iter()
            .any(|g| !g.contains(' ') && w.starts_with(g.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(lines: &[&str]) -> Document {
        Document {
            blocks: lines
                .iter()
                .map(|t| Block::Paragraph {
                    text: t.to_string(),
                    page: None,
                })
                .collect(),
            ..Document::default()
        }
    }

    #[test]
    fn the_title_passes_over_the_publisher_and_takes_a_subtitle_naming_the_document() {
        let vocab = Vocabulary::builtin();
        let d = doc(&[
            "Lunds kommun · Miljöförvaltningen",
            "Cykelplan 2026–2030",
            "Uppföljning 2026",
            "Antagen av kommunstyrelsen 2025-12-03.",
        ]);
        assert_eq!(
            title(&d, vocab).as_deref(),
            Some("Cykelplan 2026–2030 – Uppföljning 2026")
        );
        let d = doc(&[
            "Lunds kommun",
            "Cykelplan 2026–2030",
            "Antagen av kommunstyrelsen 2025-12-03",
        ]);
        assert_eq!(title(&d, vocab).as_deref(), Some("Cykelplan 2026–2030"));
        // Pushed to the title page's foot by empty paragraphs: no subtitle.
        let d = doc(&[
            "Lunds kommun",
            "Cykelplan 2026–2030",
            "",
            "",
            "",
            "",
            "Uppföljning 2026",
        ]);
        assert_eq!(title(&d, vocab).as_deref(), Some("Cykelplan 2026–2030"));
    }

    #[test]
    fn a_report_title_follows_the_plan_named_above_it() {
        let vocab = Vocabulary::builtin();
        let mut d = doc(&[
            "Tiltaksplan for friluftsliv 2025–2028",
            "Statusrapport 2026",
        ]);
        d.title = Some("Statusrapport 2026".into());
        assert_eq!(
            title(&d, vocab).as_deref(),
            Some("Tiltaksplan for friluftsliv 2025–2028 – Statusrapport 2026")
        );
    }

    #[test]
    fn a_running_title_naming_the_plan_is_its_title_and_a_sentence_is_none() {
        let vocab = Vocabulary::builtin();
        let mut d = doc(&["Kaupunki · Painopiste 1: Koulumatka"]);
        d.blocks.push(Block::Heading {
            level: 2,
            text: "Ohjelma on laadittu yhdessä oppilaskuntien kanssa syksyllä 2025.".into(),
            page: None,
        });
        assert_eq!(title(&d, vocab), None);
        d.margin_texts = vec![
            "Jyväskylän kaupunki".into(),
            "Turvallinen koulupäivä – toimenpideohjelma 2026–2028".into(),
        ];
        assert_eq!(
            title(&d, vocab).as_deref(),
            Some("Turvallinen koulupäivä – toimenpideohjelma 2026–2028")
        );
    }
}
