//! A table cell that opens with an element styled apart — bold (`<strong>`, `<b>`,
//! `font-weight: bold`), italic (a class-less `<em>` or `<i>`, `font-style: italic`) or a
//! heading (`<h1>`…`<h6>`) — over plain text: a title over its description, decided by
//! [`crate::read::title::lead`] from how each text of the cell is set.

use scraper::{ElementRef, Node};

use crate::read::title::{self, Look, Tally};

/// Deepest element walked into (the cell text's own walk stops deeper too).
const DEPTH: usize = 6;

/// How an element sets the text inside it, on top of what it is in.
fn look_of(el: ElementRef, outer: Look) -> Look {
    let e = el.value();
    let name = e.name();
    let style = e
        .attr("style")
        .map(|s| s.to_ascii_lowercase().replace(' ', ""))
        .unwrap_or_default();
    // An `<i>` or `<em>` with a class is often restyled (an icon font's `<i class="fa …">`).
    let italic = matches!(name, "em" | "i") && e.attr("class").is_none()
        || style.contains("font-style:italic")
        || style.contains("font-style:oblique");
    let bold = matches!(name, "b" | "strong")
        || style.contains("font-weight:bold")
        || style.contains("font-weight:700")
        || style.contains("font-weight:800")
        || style.contains("font-weight:900");
    // Browsers' default sizes of the headings (h4 is set bold at the body's size).
    let heading = match name {
        "h1" => Some(2.0),
        "h2" => Some(1.5),
        "h3" => Some(1.17),
        "h4" => Some(1.0),
        "h5" => Some(0.83),
        "h6" => Some(0.67),
        _ => None,
    };
    Look {
        bold: outer.bold || bold || heading.is_some(),
        italic: outer.italic || italic,
        size: heading.or(outer.size),
    }
}

/// Whether an element styles its text apart from the text around it.
fn styles_apart(el: ElementRef) -> bool {
    let plain = Look {
        size: Some(1.0),
        ..Look::default()
    };
    look_of(el, plain) != plain
}

/// The first element a cell opens with, found through the first child at each level,
/// that styles its text apart.
pub fn first_apart(cell: ElementRef) -> Option<ElementRef> {
    let mut node = cell;
    for _ in 0..DEPTH {
        let first = node.children().find(|c| match c.value() {
            Node::Text(t) => !t.trim().is_empty(),
            Node::Element(_) => true,
            _ => false,
        });
        let first = first.and_then(ElementRef::wrap)?;
        if styles_apart(first) {
            return Some(first);
        }
        node = first;
    }
    None
}

/// Counts the letters of the texts under `el` set as they are, into `lead` where they
/// lie inside `apart`, else into `rest`.
fn tally(el: ElementRef, look: Look, apart: ElementRef, inside: bool, out: &mut [Tally; 2]) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out[usize::from(!inside)].add(t, look),
            Node::Element(_) => {
                let Some(c) = ElementRef::wrap(child) else {
                    continue;
                };
                let within = inside || c.id() == apart.id();
                tally(c, look_of(c, look), apart, within, out);
            }
            _ => {}
        }
    }
}

/// How many leading lines of a cell's `text` are a title styled apart over the rest:
/// the text of its opening element styled apart (`lead`, as the cell's text shows it),
/// where it is the start of the text and [`title::lead`] finds it apart from the rest.
pub fn title_lines(cell: ElementRef, text: &str, lead: &str) -> usize {
    let Some(apart) = first_apart(cell) else {
        return 0;
    };
    let n = lead.lines().count();
    let lines: Vec<&str> = text.lines().collect();
    if n == 0 || n >= lines.len() || lines[..n].join("\n") != lead {
        return 0;
    }
    let rest = lines[n..].join("\n");
    let plain = Look {
        size: Some(1.0),
        ..Look::default()
    };
    let mut counts = [Tally::default(), Tally::default()];
    tally(cell, plain, apart, false, &mut counts);
    let [lead_count, rest_count] = counts;
    match title::lead(&[(lead, lead_count), (&rest, rest_count)]) {
        0 => 0,
        k if k == n && crate::text::is_title_over(lead, &rest) => n,
        _ => 0,
    }
}
