//! Page furniture of web pages designed for print: a plan laid out as one `<section>`
//! (or `<article>`) per printed page repeats its running footer or header in every one
//! (`<div class="pfoot">Tromsø kommune · Handlingsplan …</div>`) and numbers the pages
//! (`<div class="pno">3</div>`). Such an element is left out, as a PDF's running lines
//! are: elements of the same name and class, one in each of three sections or more and
//! of half the sections at least, all with the same text, each at the edge of its
//! section (no other text before it, or none after it); or all a page number alone,
//! each at the end of its section. A number badge at the head of each measure stays.

use std::collections::{HashMap, HashSet};

use scraper::{ElementRef, Html, Node};

/// Fewest sections whose repetition makes a running element.
const MIN_SECTIONS: usize = 3;
/// Longest text of a running element.
const MAX_TEXT: usize = 200;

/// Detaches the running elements of `html`; returns how many.
pub(super) fn remove(html: &mut Html) -> usize {
    let ids: Vec<_> = running(html.root_element())
        .iter()
        .map(|e| e.id())
        .collect();
    for id in &ids {
        if let Some(mut node) = html.tree.get_mut(*id) {
            node.detach();
        }
    }
    ids.len()
}

/// The running elements under `root`.
fn running(root: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let sections: Vec<ElementRef> = root
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| matches!(e.value().name(), "section" | "article"))
        .collect();
    if sections.len() < MIN_SECTIONS {
        return Vec::new();
    }
    let text = |e: ElementRef| crate::text::collapse(&e.text().collect::<String>());
    // Classed elements by name and class: their section and text.
    let mut groups: HashMap<(String, String), Vec<(usize, ElementRef)>> = HashMap::new();
    for (s, section) in sections.iter().enumerate() {
        for el in section.descendants().skip(1).filter_map(ElementRef::wrap) {
            let Some(class) = el.value().attr("class").filter(|c| !c.trim().is_empty()) else {
                continue;
            };
            let key = (el.value().name().to_string(), class.to_string());
            groups.entry(key).or_default().push((s, el));
        }
    }
    let page_number =
        |t: &str| !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit());
    let mut candidates = HashSet::new();
    let mut numbers = HashSet::new();
    for members in groups.values() {
        let in_sections: HashSet<usize> = members.iter().map(|(s, _)| *s).collect();
        if in_sections.len() < MIN_SECTIONS || in_sections.len() != members.len() {
            continue;
        }
        // Running lines repeat on most pages: an element in a few cards of many (a
        // status label closing three cards of eleven) is the cards' own.
        let names: HashSet<&str> = in_sections
            .iter()
            .map(|&s| sections[s].value().name())
            .collect();
        let peers = sections
            .iter()
            .filter(|s| names.contains(s.value().name()))
            .count();
        if 2 * in_sections.len() < peers {
            continue;
        }
        let texts: Vec<String> = members.iter().map(|(_, e)| text(*e)).collect();
        let same = texts
            .iter()
            .all(|t| t == &texts[0] && !t.is_empty() && t.len() <= MAX_TEXT);
        if same {
            candidates.extend(members.iter().map(|(_, e)| e.id()));
        } else if texts.iter().all(|t| page_number(t)) {
            candidates.extend(members.iter().map(|(_, e)| e.id()));
            numbers.extend(members.iter().map(|(_, e)| e.id()));
        }
    }
    if candidates.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for section in &sections {
        // The section's texts in order, each with the candidate it lies in (if any).
        let texts: Vec<Option<_>> = section
            .descendants()
            .filter(|n| matches!(n.value(), Node::Text(t) if !t.trim().is_empty()))
            .map(|n| {
                n.ancestors()
                    .take_while(|a| a.id() != section.id())
                    .find(|a| candidates.contains(&a.id()))
                    .and_then(ElementRef::wrap)
            })
            .collect();
        let lead = texts.iter().take_while(|c| c.is_some()).count();
        let trail = texts.len() - texts.iter().rev().take_while(|c| c.is_some()).count();
        for (k, c) in texts.iter().enumerate() {
            if let Some(el) = c {
                let edge = k >= trail || (k < lead && !numbers.contains(&el.id()));
                if edge && !out.contains(el) {
                    out.push(*el);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(n: usize, body: &str) -> String {
        format!(
            "<section><div class=\"badge\">{n}</div><h2>Tiltak {n}</h2><p>{body}</p>\
             <div class=\"foot\">Kommune · Plan</div><div class=\"pno\">{}</div></section>",
            n + 2
        )
    }

    #[test]
    fn running_footers_and_page_numbers_go_and_badges_stay() {
        let pages: String = (1..=3).map(|n| page(n, "Tekst")).collect();
        let mut html = Html::parse_document(&format!("<body>{pages}</body>"));
        assert_eq!(remove(&mut html), 6);
        let text: String = html.root_element().text().collect();
        assert!(!text.contains("Kommune · Plan"));
        assert!(text.contains("1Tiltak 1Tekst"), "{text}");
        assert!(!text.contains('5'), "{text}");
    }

    #[test]
    fn two_sections_or_text_after_the_element_keep_it() {
        let pages: String = (1..=2).map(|n| page(n, "Tekst")).collect();
        let mut html = Html::parse_document(&format!("<body>{pages}</body>"));
        assert_eq!(remove(&mut html), 0);
        let pages: String = (1..=3)
            .map(|n| format!("<section><p class=\"x\">Same</p><p>Body {n}</p><p class=\"x2\">{n}</p><p>After</p></section>"))
            .collect();
        let mut html = Html::parse_document(&format!("<body>{pages}</body>"));
        assert_eq!(
            remove(&mut html),
            3,
            "the leading `Same` goes, the numbers in the body stay"
        );
    }
}
