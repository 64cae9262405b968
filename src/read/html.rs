//! Web pages (`.html`, `.htm`) through scraper (html5ever): headings, paragraphs and list
//! items in order, tables with `rowspan`/`colspan`, cell colours from `bgcolor` or an
//! inline `background` style, the page title. Navigation, page headers and footers,
//! scripts and forms are left out: they hold no activities.
//!
//! Tables are laid out as a browser shows them: row groups in the order thead, tbody,
//! tfoot; `rowspan="0"` and longer row spans end with their row group; column spans
//! end at the last column a cell starts in; `th` cells bold. A caption is a paragraph
//! before its table, a nested table's rows are lines of its cell. Elements with ARIA
//! table roles (`role="table"`, `row`, `cell`, `columnheader`…) are tables too; a
//! `role="presentation"` table of one cell is layout, read as its content. Hidden
//! elements (`hidden`, `display: none`, `visibility: hidden`, inline or by the page's
//! own `<style>` rules, [`css`]) are not read. Pages not in
//! UTF-8 decode by their `<meta charset>` (or Content-Type), else as windows-1252.

use scraper::{ElementRef, Html, Node};

use super::Reader;
use crate::colour::Rgb;
use crate::error::ReadError;
use crate::model::{Block, Cell, Document, Table};

mod css;
mod images;
mod running;
mod title;

/// Reads web pages.
pub struct HtmlReader;

/// Elements whose content is not part of the document's text.
const SKIP: &[&str] = &[
    "script", "style", "nav", "header", "footer", "aside", "noscript", "form", "button", "select",
    "svg", "iframe", "template", "head",
];
/// Whether an element's content is left out: an element of [`SKIP`], save a `header`,
/// `footer` or `aside` inside an `article`, `section` or `main`, which belongs to that
/// content (a measure's heading band, its sidebar of facts) and is not the site's,
/// unless another of its kind says the same (a page's running footer, printed under
/// every section).
fn skipped(el: ElementRef) -> bool {
    let name = el.value().name();
    if !SKIP.contains(&name) {
        return false;
    }
    if !matches!(name, "header" | "footer" | "aside") {
        return true;
    }
    let in_content = el
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| matches!(a.value().name(), "article" | "section" | "main"));
    !in_content || repeated(el)
}

/// Longest text kept from one of a site's header or footer elements.
const MARGIN_TEXT_LIMIT: usize = 400;

/// What a page says in its margins, as a printed document's header and footer: the
/// browser title and the site's own header and footer (left out of the text), which
/// name the publisher (`Stavanger kommune · Postboks 8001`).
fn margin_texts(root: ElementRef, title: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = title.map(String::from).into_iter().collect();
    for el in root.descendants().filter_map(ElementRef::wrap) {
        if matches!(el.value().name(), "header" | "footer") && skipped(el) {
            let text: String = crate::text::collapse(&el.text().collect::<String>())
                .chars()
                .take(MARGIN_TEXT_LIMIT)
                .collect();
            if !text.is_empty() && !out.contains(&text) {
                out.push(text);
            }
        }
    }
    out
}

/// Whether the element's text comes back in at least half of the page's elements of its
/// name, two or more (a running footer printed under every section); a sidebar that
/// names the area of a few cards in a row, then another, is the cards' own.
fn repeated(el: ElementRef) -> bool {
    let text = |e: ElementRef| crate::text::collapse(&e.text().collect::<String>());
    let own = text(el);
    let Some(root) = el.ancestors().last() else {
        return false;
    };
    if own.is_empty() {
        return false;
    }
    let (mut same, mut all) = (0usize, 0usize);
    for o in root
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|o| o.value().name() == el.value().name())
    {
        all += 1;
        same += usize::from(text(o) == own);
    }
    same >= 2 && same * 2 >= all
}

/// Elements that are a block of text of their own.
const TEXT_BLOCKS: &[&str] = &[
    "p",
    "li",
    "dt",
    "dd",
    "caption",
    "blockquote",
    "pre",
    "figcaption",
    "address",
];
/// Deepest nesting walked.
const DEPTH_LIMIT: usize = 200;
/// Largest row or column span accepted.
const SPAN_LIMIT: usize = 1000;
/// Most rows read from one table.
const ROW_LIMIT: usize = 100_000;

impl Reader for HtmlReader {
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError> {
        let text = decode(bytes);
        if text.contains('\0') {
            return Err(ReadError::NotFormat {
                expected: "HTML",
                detail: "binary content (NUL bytes)".into(),
            });
        }
        let mut html = Html::parse_document(&text);
        css::remove_hidden(&mut html);
        running::remove(&mut html);
        let mut doc = Document::default();
        let root = html.root_element();
        let ctx = Ctx {
            classes: class_colours(root),
        };
        let title = root
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "title")
            .map(|e| crate::text::collapse(&e.text().collect::<String>()))
            .filter(|t| !placeholder_title(t));
        // A paragraph styled as the title (office exports) names the document too.
        // A container of blocks classed `title` (a slide deck's title slide) is no title
        // line; its heading is found as the first `<h1>`.
        let holds_blocks = |e: &ElementRef| {
            e.descendants()
                .skip(1)
                .filter_map(ElementRef::wrap)
                .any(|d| {
                    matches!(
                        d.value().name(),
                        "p" | "div"
                            | "section"
                            | "h1"
                            | "h2"
                            | "h3"
                            | "h4"
                            | "h5"
                            | "h6"
                            | "ul"
                            | "ol"
                            | "table"
                    )
                })
        };
        // The text of the first element classed so that holds no blocks.
        let styled = |class: &str| {
            root.descendants()
                .filter_map(ElementRef::wrap)
                .find(|e| {
                    e.value().classes().any(|c| c.eq_ignore_ascii_case(class)) && !holds_blocks(e)
                })
                .map(|e| crate::text::collapse(&e.text().collect::<String>()))
                .filter(|t| !t.is_empty())
        };
        let styled_title = styled("title");
        // A subtitle styled as one (`<p class="subtitle">`, pandoc's title block).
        let subtitle = styled("subtitle");
        walk(root, &mut doc.blocks, 0, &ctx);
        // A title block the walk passes over (a page's `<header>`) opens the text as
        // the page shows it, its subtitle under the title.
        if let (Some(t), Some(sub)) = (&styled_title, &subtitle) {
            let shown = |x: &str| doc.blocks.iter().any(|b| b.text() == Some(x));
            if !shown(t) && !shown(sub) {
                doc.blocks.splice(
                    0..0,
                    [
                        Block::Paragraph {
                            text: t.clone(),
                            page: None,
                        },
                        Block::Paragraph {
                            text: sub.clone(),
                            page: None,
                        },
                    ],
                );
            }
        }
        let first_h1 = doc.blocks.iter().find_map(|b| match b {
            Block::Heading { level: 1, text, .. } => Some(text.clone()),
            _ => None,
        });
        // The same heading as the page sets it, a subtitle on a line of its own.
        let first_h1 = first_h1.map(|shown| {
            root.descendants()
                .filter_map(ElementRef::wrap)
                .filter(|e| e.value().name() == "h1")
                .find(|e| crate::text::collapse(&inline_text(*e, 0)) == shown)
                .map_or(shown, heading_title)
        });
        doc.margin_texts = margin_texts(root, title.as_deref());
        doc.title = styled_title.or(first_h1).or(title);
        Ok(doc)
    }
}

/// The page's text: by its byte order mark; as UTF-8 where it is valid UTF-8; else in
/// the encoding its `<meta charset>` or `http-equiv` Content-Type names; else as UTF-8
/// with the odd broken byte replaced when most of its non-ASCII text is UTF-8, and as
/// windows-1252 (what browsers assume for Nordic pages) when it is not.
fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom..]).0;
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.into();
    }
    let declared = declared_charset(bytes)
        .and_then(|label| Encoding::for_label(label.as_bytes()))
        // A page that claims UTF-16 but has no byte order mark is read as ASCII-based.
        .map(|e| {
            if e.is_single_byte() || e == UTF_8 {
                e
            } else {
                e.output_encoding()
            }
        });
    if let Some(encoding) = declared {
        return encoding.decode_without_bom_handling(bytes).0;
    }
    let lossy = String::from_utf8_lossy(bytes);
    let broken = lossy.matches('\u{FFFD}').count();
    let good = lossy
        .chars()
        .filter(|c| !c.is_ascii() && *c != '\u{FFFD}')
        .count();
    if good > broken {
        lossy
    } else {
        WINDOWS_1252.decode_without_bom_handling(bytes).0
    }
}

/// The charset a page declares in its first 4 KiB: `<meta charset="…">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=…">`.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        let tag = &rest[at..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if let Some(i) = tag.find("charset") {
            let value = tag[i + "charset".len()..].trim_start();
            if let Some(value) = value.strip_prefix('=') {
                let value = value.trim_start().trim_start_matches(['"', '\'']);
                let end = value
                    .find(|c: char| {
                        c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace()
                    })
                    .unwrap_or(value.len());
                if end > 0 {
                    return Some(value[..end].to_string());
                }
            }
        }
        rest = &rest[at + 5..];
    }
    None
}

/// What the page's style sheets say, as far as planlift needs it.
struct Ctx {
    /// Background colours by class name.
    classes: std::collections::HashMap<String, Rgb>,
}

/// Class names and the background colours `<style>` rules give them (`.Table1_B3 {
/// background-color:#ff0000 }`).
fn class_colours(root: ElementRef) -> std::collections::HashMap<String, Rgb> {
    let mut out = std::collections::HashMap::new();
    for style in root
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "style")
    {
        let css: String = style.text().collect();
        for rule in css.split('}').take(20_000) {
            let Some((selectors, decls)) = rule.split_once('{') else {
                continue;
            };
            let colour = decls.split(';').find_map(|d| {
                let (k, v) = d.split_once(':')?;
                matches!(
                    k.trim().to_ascii_lowercase().as_str(),
                    "background-color" | "background"
                )
                .then(|| parse_css_colour(v))
                .flatten()
            });
            let Some(colour) = colour else { continue };
            for selector in selectors.split(',') {
                let last = selector.split_whitespace().last().unwrap_or("");
                if let Some((_, class)) = last.rsplit_once('.') {
                    let class = class.split(':').next().unwrap_or(class);
                    if !class.is_empty() {
                        out.insert(class.to_string(), colour);
                    }
                }
            }
        }
    }
    out
}

/// Titles that say no title was set.
fn placeholder_title(t: &str) -> bool {
    let lower = t.to_lowercase();
    t.is_empty()
        || t.starts_with('-')
        || ["untitled", "no title", "document", "dokument"]
            .iter()
            .any(|p| lower.trim() == *p || lower.contains("no title"))
}

fn walk(el: ElementRef, out: &mut Vec<Block>, depth: usize, ctx: &Ctx) {
    if depth > DEPTH_LIMIT {
        return;
    }
    let mut loose = String::new();
    for child in el.children() {
        match child.value() {
            Node::Text(t) => loose.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if name == "br" {
                    loose.push('\n');
                    continue;
                }
                let Some(child_el) = ElementRef::wrap(child) else {
                    continue;
                };
                if skipped(child_el) || is_hidden(e) {
                    continue;
                }
                if is_aria_table(child_el) {
                    flush(&mut loose, out);
                    out.push(Block::Table(table(child_el, depth + 1, ctx)));
                    continue;
                }
                // A label set above its value in a box: the box's heading.
                if glued_label(child_el) && loose.trim().is_empty() {
                    flush(&mut loose, out);
                    let text = crate::text::collapse(&inline_text(child_el, depth + 1));
                    out.push(Block::Heading {
                        level: 6,
                        text,
                        page: None,
                    });
                    continue;
                }
                if is_inline(name) {
                    loose.push_str(&inline_text(child_el, depth + 1));
                    continue;
                }
                flush(&mut loose, out);
                // An accordion's summary names the section it opens (`<details>`): a
                // heading of the lowest level, under whatever heading the page set above.
                let summary = (name == "summary" && !has_block_children(child_el)).then_some(6);
                if let Some(level) = heading_level(name).or(summary) {
                    let text = crate::text::collapse(&inline_text(child_el, depth + 1));
                    if !text.is_empty() {
                        out.push(Block::Heading {
                            level,
                            text,
                            page: None,
                        });
                    }
                } else if name == "table" {
                    match layout_cell(child_el) {
                        Some(Some(cell)) => walk(cell, out, depth + 1, ctx),
                        Some(None) => {}
                        None => {
                            // A caption is the table's title, a paragraph before it.
                            for caption in captions(child_el) {
                                let text = cell_text(caption, depth + 1, ctx);
                                out.extend(text.lines().map(|l| Block::Paragraph {
                                    text: l.to_string(),
                                    page: None,
                                }));
                            }
                            out.push(Block::Table(table(child_el, depth + 1, ctx)));
                        }
                    }
                } else if name == "dl" {
                    out.extend(
                        definitions(child_el, depth + 1, ctx)
                            .into_iter()
                            .map(|text| Block::Paragraph { text, page: None }),
                    );
                } else if TEXT_BLOCKS.contains(&name) && !has_block_children(child_el) {
                    let mut text = cell_text(child_el, depth + 1, ctx);
                    if name == "li" {
                        text = labelled(child_el, &text);
                    }
                    out.extend(
                        text.lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty())
                            .map(|l| Block::Paragraph {
                                text: l.to_string(),
                                page: None,
                            }),
                    );
                } else {
                    walk(child_el, out, depth + 1, ctx);
                }
            }
            _ => {}
        }
    }
    flush(&mut loose, out);
}

/// A definition list as `Term: definition` lines (`Lead: Digital Services Unit`), the
/// way a page sets a card's labelled facts; a term without a definition stands alone,
/// several definitions of one term join with `; `.
fn definitions(dl: ElementRef, depth: usize, ctx: &Ctx) -> Vec<String> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    // Items may be wrapped in `div`s (HTML allows one level).
    let items = dl.children().filter_map(ElementRef::wrap).flat_map(|c| {
        if c.value().name() == "div" {
            c.children()
                .filter_map(ElementRef::wrap)
                .collect::<Vec<_>>()
        } else {
            vec![c]
        }
    });
    for item in items {
        let text = crate::text::collapse(&cell_text(item, depth + 1, ctx));
        if text.is_empty() {
            continue;
        }
        match item.value().name() {
            "dd" => match out.last_mut() {
                Some((_, values)) => values.push(text),
                None => out.push((String::new(), vec![text])),
            },
            _ => out.push((text, Vec::new())),
        }
    }
    out.into_iter()
        .map(
            |(term, values)| match (term.is_empty(), values.is_empty()) {
                (true, _) => values.join("; "),
                (false, true) => term,
                (false, false) => {
                    format!("{}: {}", term.trim_end_matches(':'), values.join("; "))
                }
            },
        )
        .collect()
}

fn flush(loose: &mut String, out: &mut Vec<Block>) {
    for line in loose.lines() {
        let line = crate::text::collapse(line);
        if !line.is_empty() {
            out.push(Block::Paragraph {
                text: line,
                page: None,
            });
        }
    }
    loose.clear();
}

fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "strong"
            | "i"
            | "em"
            | "span"
            | "font"
            | "u"
            | "sup"
            | "sub"
            | "small"
            | "big"
            | "abbr"
            | "code"
            | "mark"
            | "s"
            | "strike"
            | "time"
            | "cite"
            | "q"
            | "label"
            | "img"
    )
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

fn has_block_children(el: ElementRef) -> bool {
    el.children().filter_map(ElementRef::wrap).any(|c| {
        let n = c.value().name();
        n == "table" || n == "ul" || n == "ol" || heading_level(n).is_some()
    })
}

/// A list item's text with one label before its first line: the label the page wrote
/// (a bullet glyph, `1.`) or, when it wrote none, `•` or the item's number. Its lines
/// (`<br>`, paragraphs) stay lines, as a browser shows them.
fn labelled(li: ElementRef, text: &str) -> String {
    let mut lines = text
        .lines()
        .map(crate::text::collapse)
        .filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or_default();
    std::iter::once(label_line(li, &first))
        .chain(lines)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first line of a list item with its label.
fn label_line(li: ElementRef, flat: &str) -> String {
    let body = flat.trim_start_matches(|c: char| {
        c == '•' || c == '·' || c == '\u{F0B7}' || c == '\u{F0A7}' || c.is_whitespace()
    });
    let bulleted = body.len() != flat.len();
    let numbered = regex_like_number(body);
    if numbered {
        let cut = body.find(['.', ')']).map_or(0, |i| i + 1);
        format!("{} {}", &body[..cut], body[cut..].trim_start())
    } else if bulleted {
        format!("• {body}")
    } else {
        format!("{} {body}", list_label(li))
    }
}

/// Whether a text opens with a list number (`1.`, `2)`, `a.`).
fn regex_like_number(s: &str) -> bool {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    // (`1.1 …` is a measure's number, not a list's.)
    digits > 0
        && digits < 4
        && s[digits..].starts_with(['.', ')'])
        && !s[digits + 1..].starts_with(|c: char| c.is_ascii_digit())
}

/// `1.` for an item of an ordered list (its position), `•` otherwise.
fn list_label(li: ElementRef) -> String {
    let parent = li.parent().and_then(ElementRef::wrap);
    match parent {
        Some(p) if p.value().name() == "ol" => {
            let start: usize = p
                .value()
                .attr("start")
                .and_then(|s| s.parse().ok())
                .unwrap_or(1);
            let pos = p
                .children()
                .filter_map(ElementRef::wrap)
                .take_while(|c| c.id() != li.id())
                .filter(|c| c.value().name() == "li")
                .count();
            if in_notes(li) {
                crate::text::raised(&(start + pos).to_string())
            } else {
                format!("{}.", start + pos)
            }
        }
        _ => "•".into(),
    }
}

/// Whether a list item is a note of a page's notes section (pandoc's `section
/// class="footnotes"`, `role="doc-endnotes"`, a CMS's `ol class="references"`): its
/// number is the note's marker, as the text's superscript link shows it (`¹`).
fn in_notes(li: ElementRef) -> bool {
    li.ancestors()
        .filter_map(ElementRef::wrap)
        .take(4)
        .any(|a| {
            let e = a.value();
            let role = e.attr("role").unwrap_or("");
            let class = e.attr("class").unwrap_or("").to_ascii_lowercase();
            matches!(role, "doc-endnotes" | "doc-footnotes")
                || class.split_whitespace().any(|c| {
                    c.starts_with("footnotes") || c.starts_with("endnotes") || c == "references"
                })
        })
}

/// Whether an element is a note's link back to where the text points to it (`↩︎`).
fn is_backlink(e: &scraper::node::Element) -> bool {
    e.name() == "a"
        && (e.attr("role") == Some("doc-backlink")
            || e.attr("class").is_some_and(|c| {
                c.split_whitespace()
                    .any(|c| c.starts_with("footnote-back") || c == "backref")
            }))
}

fn inline_text(el: ElementRef, depth: usize) -> String {
    if depth > DEPTH_LIMIT {
        return String::new();
    }
    let mut s = String::new();
    for child in el.children() {
        match child.value() {
            Node::Text(t) => s.push_str(t),
            Node::Element(e) if is_hidden(e) || is_backlink(e) => {}
            Node::Element(e) if e.name() == "br" => s.push('\n'),
            Node::Element(e) if e.name() == "sup" => {
                if let Some(c) = ElementRef::wrap(child) {
                    s.push_str(&crate::text::raised(&inline_text(c, depth + 1)));
                }
            }
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child).filter(|c| !skipped(*c)) {
                    let text = inline_text(c, depth + 1);
                    if set_apart(&s, c, &text) {
                        s.push('\n');
                    }
                    s.push_str(&text);
                }
            }
            _ => {}
        }
    }
    s
}

/// Whether a run of text glued to the words before it, with no space between
/// (`Kulturplan 2023–2026<small>Statusrapport 2025</small>`), stands on a line of its
/// own: a `small`, `span` or emphasis opening with a capital after a letter or digit,
/// as the page's style sets it apart (no writer glues two words on purpose).
fn set_apart(before: &str, el: ElementRef, text: &str) -> bool {
    matches!(
        el.value().name(),
        "small" | "span" | "b" | "strong" | "em" | "i"
    ) && before.ends_with(char::is_alphanumeric)
        && text.starts_with(char::is_uppercase)
}

/// A title set in one heading over two lines, the second a short subtitle
/// (`<h1>Kulturplan 2023–2026<small>Statusrapport 2025</small></h1>`): the two lines
/// joined by a dash, as a reader cites the document. A second line that goes on in lower
/// case is the title wrapping; the lines are then joined by a space.
fn heading_title(el: ElementRef) -> String {
    let raw = inline_text(el, 0);
    let lines: Vec<String> = raw
        .lines()
        .map(crate::text::collapse)
        .filter(|l| !l.is_empty())
        .collect();
    match lines.as_slice() {
        [title, sub]
            if sub.starts_with(char::is_uppercase) && sub.split_whitespace().count() <= 8 =>
        {
            format!("{title} – {sub}")
        }
        _ => lines.join(" "),
    }
}

/// The text of a cell or block: line breaks at `<br>`, paragraphs, list items and rows
/// of nested tables; spaces collapsed within lines.
fn cell_text(el: ElementRef, depth: usize, ctx: &Ctx) -> String {
    let mut raw = String::new();
    collect(el, &mut raw, depth, ctx);
    raw.lines()
        .map(crate::text::collapse)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn collect(el: ElementRef, out: &mut String, depth: usize, ctx: &Ctx) {
    if depth > DEPTH_LIMIT {
        return;
    }
    for child in el.children() {
        match child.value() {
            // A line break in the source is white space, as a browser shows it (only
            // `<br>` and block elements break lines), except in preformatted text.
            Node::Text(t) if el.value().name() == "pre" => out.push_str(t),
            Node::Text(t) => {
                out.extend(
                    t.chars()
                        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
                )
            }
            Node::Element(e) => {
                let name = e.name();
                let Some(c) = ElementRef::wrap(child) else {
                    continue;
                };
                if skipped(c) || is_hidden(e) || is_backlink(e) {
                    continue;
                }
                match name {
                    "br" => out.push('\n'),
                    // An image says what its alternative text says, as to a screen reader.
                    "img" => {
                        if let Some(alt) = e.attr("alt").map(str::trim).filter(|a| !a.is_empty()) {
                            out.push(' ');
                            out.push_str(alt);
                            out.push(' ');
                        } else if images::icon_colour(c).is_some() {
                            out.push_str(crate::read::icon::SIGN);
                        }
                    }
                    _ if dot_colour(c, ctx).is_some() => out.push_str(crate::read::icon::SIGN),
                    "sup" => {
                        let mut raised = String::new();
                        collect(c, &mut raised, depth + 1, ctx);
                        out.push_str(&crate::text::raised(&raised));
                    }
                    _ if name == "table" || is_aria_table(c) => {
                        let inner = table(c, depth + 1, ctx);
                        for line in inner.row_lines() {
                            out.push('\n');
                            out.push_str(&line);
                        }
                        out.push('\n');
                    }
                    "li" => {
                        let mut item = String::new();
                        collect(c, &mut item, depth + 1, ctx);
                        out.push('\n');
                        out.push_str(&labelled(c, &item));
                        out.push('\n');
                    }
                    _ if is_inline(name) => {
                        collect(c, out, depth + 1, ctx);
                        if glued_label(c) {
                            out.push('\n');
                        }
                    }
                    _ => {
                        out.push('\n');
                        collect(c, out, depth + 1, ctx);
                        out.push('\n');
                    }
                }
            }
            _ => {}
        }
    }
}

/// Whether a bold run or a span opens its element and the text after it runs on without
/// a space (`<b>Vastuutaho</b>Kasvatuspalvelut`, `<span class="k">Ansvar</span><span
/// class="v">Eigedomsavdelinga</span>`): a label that the page's style sets on a line of
/// its own above its value (`.k { display: block }`), as no writer glues two words on
/// purpose. A part of a word (`<b>Pää</b>kaupunki`) goes on in lower case.
fn glued_label(el: ElementRef) -> bool {
    let name = el.value().name();
    if !matches!(name, "b" | "strong" | "span" | "label") {
        return false;
    }
    let opens = el
        .prev_siblings()
        .all(|n| n.value().as_text().is_some_and(|t| t.trim().is_empty()));
    let label = el.text().collect::<String>();
    let next: Option<String> = el.next_sibling().and_then(|n| match n.value() {
        scraper::Node::Text(t) if matches!(name, "b" | "strong") => Some(t.to_string()),
        scraper::Node::Element(_) if matches!(name, "span" | "label") => {
            ElementRef::wrap(n).map(|e| e.text().collect())
        }
        _ => None,
    });
    opens
        && label.chars().count() <= 40
        && label.ends_with(char::is_alphanumeric)
        && next.is_some_and(|t| t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
}

/// ARIA roles that make an element a table, a row, a cell and a header cell.
const TABLE_ROLES: &[&str] = &["table", "grid", "treegrid"];
const CELL_ROLES: &[&str] = &["cell", "gridcell", "columnheader", "rowheader"];
const HEADER_ROLES: &[&str] = &["columnheader", "rowheader"];

/// An element's ARIA role (the first token, lower case).
fn role(el: ElementRef) -> Option<String> {
    el.value()
        .attr("role")
        .and_then(|r| r.split_whitespace().next())
        .map(str::to_ascii_lowercase)
}

/// Whether an element that is not a `table` is a table by its ARIA role (and has rows:
/// a `div role="table"` wrapped around a real table is only a wrapper).
fn is_aria_table(el: ElementRef) -> bool {
    el.value().name() != "table"
        && role(el).is_some_and(|r| TABLE_ROLES.contains(&r.as_str()))
        && aria_rows(el).iter().flatten().next().is_some()
}

/// The classes that web frameworks and CMSs give text meant for screen readers only,
/// clipped to a point on the page (Bootstrap's `sr-only`, `visually-hidden`,
/// WordPress's `screen-reader-text`, Drupal's `element-invisible`).
fn visually_hidden(class: &str) -> bool {
    const CLASSES: [&str; 9] = [
        "sr-only",
        "visually-hidden",
        "visuallyhidden",
        "screen-reader-text",
        "screen-reader-only",
        "element-invisible",
        "hidden-visually",
        "u-visually-hidden",
        "a11y-hidden",
    ];
    CLASSES.iter().any(|c| class.eq_ignore_ascii_case(c))
}

/// Whether an element is not shown: the `hidden` attribute, a class for screen readers
/// only ([`visually_hidden`]), or `display: none` or `visibility: hidden` in its inline
/// style.
fn is_hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() || el.classes().any(visually_hidden) {
        return true;
    }
    el.attr("style").is_some_and(|style| {
        style.split(';').any(|decl| {
            let Some((k, v)) = decl.split_once(':') else {
                return false;
            };
            let k = k.trim().to_ascii_lowercase();
            let v = v.to_ascii_lowercase();
            let v = v.trim().trim_end_matches("!important").trim();
            (k == "display" && v == "none")
                || (k == "visibility" && (v == "hidden" || v == "collapse"))
        })
    })
}

/// A layout table: `role="presentation"` (or `none`) holding at most one cell, read as
/// the blocks of that cell rather than as a table.
fn layout_cell(table: ElementRef) -> Option<Option<ElementRef>> {
    let r = role(table)?;
    if r != "presentation" && r != "none" {
        return None;
    }
    let cells: Vec<ElementRef> = row_groups(table)
        .into_iter()
        .flatten()
        .flat_map(|row| row.cells)
        .take(2)
        .collect();
    match cells.as_slice() {
        [] => Some(None),
        [one] => Some(Some(*one)),
        _ => None,
    }
}

/// The shown captions of a table.
fn captions(table: ElementRef) -> impl Iterator<Item = ElementRef> {
    table
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|c| c.value().name() == "caption" && !is_hidden(c.value()))
}

/// A shown row and its shown cells.
struct Row<'a> {
    row: ElementRef<'a>,
    cells: Vec<ElementRef<'a>>,
}

/// A table's shown rows by row group, as a browser lays them out: the first `thead`
/// first, the first `tfoot` last, other groups and rows outside groups in source order.
fn row_groups(table: ElementRef) -> Vec<Vec<Row>> {
    fn cells_of(row: ElementRef) -> Vec<ElementRef> {
        row.children()
            .filter_map(ElementRef::wrap)
            .filter(|c| matches!(c.value().name(), "td" | "th") && !is_hidden(c.value()))
            .collect()
    }
    fn rows_in(group: ElementRef) -> Vec<Row> {
        group
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|r| r.value().name() == "tr" && !is_hidden(r.value()))
            .map(|row| Row {
                row,
                cells: cells_of(row),
            })
            .collect()
    }
    /// Rows met outside any row group make a row group of their own.
    fn flush_loose<'a>(loose: &mut Vec<ElementRef<'a>>, body: &mut Vec<Vec<Row<'a>>>) {
        if !loose.is_empty() {
            body.push(
                loose
                    .drain(..)
                    .map(|row| Row {
                        row,
                        cells: cells_of(row),
                    })
                    .collect(),
            );
        }
    }
    let (mut head, mut body, mut foot) = (None, Vec::new(), None);
    let mut loose: Vec<ElementRef> = Vec::new();
    for child in table.children().filter_map(ElementRef::wrap) {
        if is_hidden(child.value()) {
            continue;
        }
        let name = child.value().name();
        if name == "tr" {
            loose.push(child);
            continue;
        }
        flush_loose(&mut loose, &mut body);
        match name {
            "thead" if head.is_none() => head = Some(rows_in(child)),
            "tfoot" if foot.is_none() => foot = Some(rows_in(child)),
            "thead" | "tbody" | "tfoot" => body.push(rows_in(child)),
            _ => {}
        }
    }
    flush_loose(&mut loose, &mut body);
    head.into_iter().chain(body).chain(foot).collect()
}

/// The rows and cells of an ARIA table (`role="row"` inside it, `role="cell"`,
/// `gridcell`, `columnheader` or `rowheader` inside a row), a table nested in it left
/// to its cell.
fn aria_rows(table: ElementRef) -> Vec<Vec<Row>> {
    fn find<'a>(el: ElementRef<'a>, want: &[&str], out: &mut Vec<ElementRef<'a>>, depth: usize) {
        if depth > DEPTH_LIMIT {
            return;
        }
        for child in el.children().filter_map(ElementRef::wrap) {
            if is_hidden(child.value()) || skipped(child) {
                continue;
            }
            let r = role(child);
            match r.as_deref() {
                Some(r) if want.contains(&r) => out.push(child),
                Some(r) if TABLE_ROLES.contains(&r) || r == "row" => {}
                _ if child.value().name() == "table" => {}
                _ => find(child, want, out, depth + 1),
            }
        }
    }
    let mut rows = Vec::new();
    find(table, &["row"], &mut rows, 0);
    let rows = rows
        .into_iter()
        .map(|row| {
            let mut cells = Vec::new();
            find(row, CELL_ROLES, &mut cells, 0);
            Row { row, cells }
        })
        .collect();
    vec![rows]
}

/// A span attribute read as HTML reads a non-negative integer (leading digits; none
/// read as absent).
fn span_attr(cell: ElementRef, name: &str) -> Option<usize> {
    let v = cell.value().attr(name)?.trim_start();
    let digits = v.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    Some(v[..digits].parse::<usize>().unwrap_or(SPAN_LIMIT))
}

/// Whether a cell is a header cell: `th`, or `columnheader`/`rowheader` by role.
fn is_header(cell: ElementRef) -> bool {
    cell.value().name() == "th" || role(cell).is_some_and(|r| HEADER_ROLES.contains(&r.as_str()))
}

fn table(el: ElementRef, depth: usize, ctx: &Ctx) -> Table {
    let groups = if el.value().name() == "table" {
        row_groups(el)
    } else {
        aria_rows(el)
    };
    let aria = el.value().name() != "table";
    let mut cells: Vec<Cell> = Vec::new();
    let table_fill = fill_of(el, ctx);
    let mut base = 0;
    for group in groups {
        let n = group.len().min(ROW_LIMIT.saturating_sub(base));
        // Columns taken by rowspans from rows above: (column, last row covered).
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for (
            i,
            Row {
                row,
                cells: row_cells,
            },
        ) in group.into_iter().take(n).enumerate()
        {
            let r = base + i;
            let row_fill = fill_of(row, ctx).or(table_fill);
            let mut col = 0;
            for cell in row_cells {
                while taken.iter().any(|&(c, last)| c == col && last >= r) {
                    col += 1;
                }
                let html_cell = matches!(cell.value().name(), "td" | "th");
                let (rs_name, cs_name) = if html_cell && !aria {
                    ("rowspan", "colspan")
                } else {
                    ("aria-rowspan", "aria-colspan")
                };
                // rowspan="0" and spans past the row group end with the row group.
                let left = n - i;
                let row_span = match span_attr(cell, rs_name) {
                    Some(0) => left,
                    Some(k) => k.min(left),
                    None => 1,
                }
                .clamp(1, SPAN_LIMIT);
                let col_span = span_attr(cell, cs_name).unwrap_or(1).clamp(1, SPAN_LIMIT);
                if row_span > 1 {
                    taken.extend((col..col + col_span).map(|c| (c, r + row_span - 1)));
                }
                let text = cell_text(cell, depth + 1, ctx);
                let title_lines = title_lines(cell, &text, ctx);
                cells.push(Cell {
                    row: r,
                    col,
                    row_span,
                    col_span,
                    text,
                    fill: fill_of(cell, ctx).or(row_fill),
                    color: text_colour(cell, ctx),
                    bold: Some(is_header(cell) || starts_bold(cell)),
                    title_lines,
                    page: None,
                });
                col += col_span;
            }
            taken.retain(|&(_, last)| last > r);
        }
        base += n;
    }
    // A span past the last column any cell starts in is clipped there, as a browser
    // shows it: the columns it alone reaches have no width.
    let width = cells.iter().map(|c| c.col + 1).max().unwrap_or(0);
    for c in &mut cells {
        c.col_span = c.col_span.min(width - c.col);
    }
    Table::from_cells(cells)
}

/// The first bold element a cell opens with (`<strong>`, `<b>`, bold by style), found
/// through the first child at each level as [`starts_bold`] walks.
fn first_bold(el: ElementRef) -> Option<ElementRef> {
    let mut node = el;
    for _ in 0..6 {
        let first = node.children().find(|c| match c.value() {
            Node::Text(t) => !t.trim().is_empty(),
            Node::Element(_) => true,
            _ => false,
        });
        let first = first.and_then(ElementRef::wrap)?;
        let name = first.value().name();
        let style_bold = first
            .value()
            .attr("style")
            .is_some_and(|s| s.replace(' ', "").contains("font-weight:bold"));
        if name == "b" || name == "strong" || style_bold {
            return Some(first);
        }
        node = first;
    }
    None
}

/// How many leading lines of a cell's `text` are a title styled apart over plain text
/// (see [`crate::model::Cell::title_lines`] and [`title::title_lines`]).
fn title_lines(cell: ElementRef, text: &str, ctx: &Ctx) -> usize {
    match title::first_apart(cell) {
        Some(lead) => title::title_lines(cell, text, &cell_text(lead, 1, ctx)),
        None => 0,
    }
}

fn starts_bold(el: ElementRef) -> bool {
    first_bold(el).is_some()
}

/// A cell's background: `background`/`background-color` in its style, `bgcolor`, or
/// the background a style sheet gives one of its classes.
/// The colour a cell's text is set in: the colour of a status dot in it, else a `color`
/// in its own style or in the style or `color` attribute of the first element inside it
/// that sets one.
fn text_colour(cell: ElementRef, ctx: &Ctx) -> Option<Rgb> {
    let dot = cell
        .descendants()
        .filter_map(ElementRef::wrap)
        .take(64)
        .find_map(|e| dot_colour(e, ctx));
    if dot.is_some() {
        return dot;
    }
    let of = |el: ElementRef| {
        el.value()
            .attr("style")
            .and_then(|s| {
                s.split(';').find_map(|decl| {
                    let (k, val) = decl.split_once(':')?;
                    (k.trim().eq_ignore_ascii_case("color"))
                        .then(|| parse_css_colour(val))
                        .flatten()
                })
            })
            .or_else(|| el.value().attr("color").and_then(parse_css_colour))
    };
    of(cell)
        .or_else(|| {
            cell.descendants()
                .filter_map(ElementRef::wrap)
                .take(64)
                .find_map(of)
        })
        .filter(|c| c.is_coloured())
}

/// The colour of a status dot: an element with no text and no children whose
/// background is a colour (a rounded `span` in a follow-up system's page), or an icon
/// picture embedded in the page ([`images::icon_colour`]).
fn dot_colour(el: ElementRef, ctx: &Ctx) -> Option<Rgb> {
    if el.value().name() == "img" {
        return images::icon_colour(el);
    }
    if el.children().next().is_some() || matches!(el.value().name(), "td" | "th" | "tr" | "table") {
        return None;
    }
    fill_of(el, ctx).filter(|c| c.is_coloured())
}

fn fill_of(el: ElementRef, ctx: &Ctx) -> Option<Rgb> {
    let v = el.value();
    let from_class = || v.classes().find_map(|c| ctx.classes.get(c).copied());
    let from_style = v.attr("style").and_then(|s| {
        s.split(';').find_map(|decl| {
            let (k, val) = decl.split_once(':')?;
            let k = k.trim().to_ascii_lowercase();
            (k == "background-color" || k == "background")
                .then(|| parse_css_colour(val))
                .flatten()
        })
    });
    from_style
        .or_else(|| v.attr("bgcolor").and_then(parse_css_colour))
        .or_else(from_class)
        .filter(|c| !c.is_blank())
}

/// `#rgb`, `#rrggbb`, `rgb(r, g, b)` or a basic colour name.
pub fn parse_css_colour(s: &str) -> Option<Rgb> {
    let s = s.trim().to_ascii_lowercase();
    let token = s.split_whitespace().find(|t| {
        t.starts_with('#') || t.starts_with("rgb") || t.chars().all(|c| c.is_ascii_alphabetic())
    })?;
    if let Some(hex) = token.strip_prefix('#') {
        let hex = hex.trim_end_matches(['!', ';']);
        return match hex.len() {
            3 => {
                let d: Vec<u8> = hex
                    .chars()
                    .filter_map(|c| c.to_digit(16))
                    .map(|d| d as u8 * 17)
                    .collect();
                (d.len() == 3).then(|| Rgb(d[0], d[1], d[2]))
            }
            6 => Rgb::from_hex(hex),
            _ => None,
        };
    }
    if token.starts_with("rgb") {
        let inner = s.split_once('(')?.1.split_once(')')?.0;
        let v: Vec<u8> = inner
            .split(',')
            .filter_map(|x| x.trim().parse::<f32>().ok())
            .map(|x| x.clamp(0.0, 255.0) as u8)
            .collect();
        return (v.len() >= 3).then(|| Rgb(v[0], v[1], v[2]));
    }
    Some(match token {
        "red" => Rgb(255, 0, 0),
        "green" => Rgb(0, 128, 0),
        "lime" => Rgb(0, 255, 0),
        "yellow" => Rgb(255, 255, 0),
        "orange" => Rgb(255, 165, 0),
        "gold" => Rgb(255, 215, 0),
        "blue" => Rgb(0, 0, 255),
        "gray" | "grey" => Rgb(128, 128, 128),
        "white" => Rgb(255, 255, 255),
        "lightgreen" => Rgb(144, 238, 144),
        "salmon" => Rgb(250, 128, 114),
        "pink" => Rgb(255, 192, 203),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_paragraph_names_the_document_and_a_title_slide_does_not() {
        let office = "<p class='title'>Kulturplan 2026–2029</p><p>Text.</p>";
        let doc = HtmlReader.read(office.as_bytes()).unwrap();
        assert_eq!(doc.title.as_deref(), Some("Kulturplan 2026–2029"));
        let slides = "<section class='slide title'><h1>Sykkelbyen</h1>\
                      <p>Handlingsplan 2026–2029</p><p>10. desember 2025</p></section>";
        let doc = HtmlReader.read(slides.as_bytes()).unwrap();
        assert_eq!(doc.title.as_deref(), Some("Sykkelbyen"));
    }

    #[test]
    fn a_subtitle_set_apart_in_the_title_heading_follows_a_dash() {
        let styled = "<h1>Kulturplan 2023–2026<small>Statusrapport 2025</small></h1><p>Tekst.</p>";
        let doc = HtmlReader.read(styled.as_bytes()).unwrap();
        assert_eq!(
            doc.title.as_deref(),
            Some("Kulturplan 2023–2026 – Statusrapport 2025")
        );
        // A title that wraps on into lower case is one title.
        let wrapped = "<h1>Handlingsplan for<br>likestilling 2026</h1>";
        let doc = HtmlReader.read(wrapped.as_bytes()).unwrap();
        assert_eq!(
            doc.title.as_deref(),
            Some("Handlingsplan for likestilling 2026")
        );
        // Emphasis after a space runs on in the line.
        let emphasis = "<h1>Plan for <em>Moss</em> 2026</h1>";
        let doc = HtmlReader.read(emphasis.as_bytes()).unwrap();
        assert_eq!(doc.title.as_deref(), Some("Plan for Moss 2026"));
    }

    #[test]
    fn text_for_screen_readers_only_is_not_on_the_page() {
        let html = "<h3><span class=\"sr-only\">Tiltak 1.1: </span>Ladeinfrastruktur</h3>\
                    <p>Tekst <span class='visually-hidden'>(åpnes i nytt vindu)</span>her.</p>";
        let doc = HtmlReader.read(html.as_bytes()).unwrap();
        let texts: Vec<&str> = doc.blocks.iter().filter_map(Block::text).collect();
        assert_eq!(texts, ["Ladeinfrastruktur", "Tekst her."]);
    }

    #[test]
    fn a_bold_label_glued_to_its_value_is_the_boxs_heading() {
        let html = "<div class='box'><b>Vastuutaho</b>Kasvatuspalvelut</div>\
                    <div class='box'><b>Aikataulu</b>2027</div>\
                    <p><b>Pää</b>kaupunki on Helsinki</p>";
        let doc = HtmlReader.read(html.as_bytes()).unwrap();
        let texts: Vec<(bool, &str)> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { text, .. } => Some((true, text.as_str())),
                Block::Paragraph { text, .. } => Some((false, text.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            texts,
            [
                (true, "Vastuutaho"),
                (false, "Kasvatuspalvelut"),
                (true, "Aikataulu"),
                (false, "2027"),
                (false, "Pääkaupunki on Helsinki")
            ]
        );
    }

    #[test]
    fn the_sites_header_footer_and_browser_title_are_margin_texts() {
        let html = r##"<html><head><title>Sykkelplan - Sandnes kommune</title></head><body>
            <header><b>Sandnes kommune</b> <a href="#">Tjenester</a></header>
            <main><h1>Sykkelplan</h1><p>Planen.</p></main>
            <footer>Sandnes kommune · Postboks 583</footer></body></html>"##;
        let doc = HtmlReader.read(html.as_bytes()).unwrap();
        assert_eq!(
            doc.margin_texts,
            [
                "Sykkelplan - Sandnes kommune",
                "Sandnes kommune Tjenester",
                "Sandnes kommune · Postboks 583"
            ]
        );
        assert!(doc
            .blocks
            .iter()
            .all(|b| !b.text().unwrap_or("").contains("Postboks")));
    }

    #[test]
    fn a_sidebar_inside_the_content_is_read_and_the_sites_is_not() {
        let html = r##"<html><body><header>Kommunen</header><aside>Snarveier</aside>
            <main><section><header><h2>3 Bilpark</h2></header><p>Biler byttes.</p>
            <aside><h4>Ansvar</h4><p>Innkjøp</p></aside><footer>Side 3</footer></section></main>
            <footer>Kontakt oss</footer></body></html>"##;
        let doc = HtmlReader.read(html.as_bytes()).unwrap();
        let texts: Vec<&str> = doc.blocks.iter().filter_map(|b| b.text()).collect();
        assert_eq!(
            texts,
            ["3 Bilpark", "Biler byttes.", "Ansvar", "Innkjøp", "Side 3"]
        );
    }

    #[test]
    fn an_accordions_summary_is_a_heading_of_the_lowest_level() {
        let html = "<html><body><h2>Aktiviteter</h2><details><summary><span>Läsfrämjande</span>\
            </summary><table><tr><th>Aktivitet</th></tr><tr><td>Bokstart</td></tr></table>\
            </details></body></html>";
        let doc = HtmlReader.read(html.as_bytes()).unwrap();
        assert!(matches!(
            &doc.blocks[1],
            Block::Heading { level: 6, text, .. } if text == "Läsfrämjande"
        ));
    }

    #[test]
    fn source_line_breaks_are_spaces_and_a_badge_joins_its_heading() {
        let html = "<html><body><p>The plan lists\nthe actions\r\nfor the period.</p>\
            <div class=\"head\"><span class=\"no\">1.1</span><h3>School streets</h3></div>\
            <p>Closed to cars<br>at school start.</p><pre>a\nb</pre></body></html>";
        let mut doc = HtmlReader.read(html.as_bytes()).unwrap();
        doc.join_badges();
        let texts: Vec<&str> = doc.blocks.iter().filter_map(|b| b.text()).collect();
        assert_eq!(
            texts,
            [
                "The plan lists the actions for the period.",
                "1.1 School streets",
                "Closed to cars",
                "at school start.",
                "a",
                "b"
            ]
        );
    }

    #[test]
    fn spans_colours_and_blocks() {
        let html = r##"<html><head><title>Plan 2020</title></head><body><nav><table><tr><td>a</td><td>b</td></tr></table></nav>
            <h1>Handlingsplan</h1><p>Intro <b>text</b></p><ul><li>one</li><li>two</li></ul>
            <table><tr><th>Område</th><th>Aktivitet</th></tr>
            <tr><td rowspan="2">Bemöta</td><td style="background-color: #00B050">Gör A</td></tr>
            <tr><td bgcolor="#ff0000">Gör <br/>B</td></tr></table></body></html>"##;
        let doc = HtmlReader.read(html.as_bytes()).unwrap();
        assert_eq!(
            doc.title.as_deref(),
            Some("Handlingsplan"),
            "the first h1 names the page"
        );
        let tables: Vec<&Table> = doc
            .blocks
            .iter()
            .filter_map(|b| {
                if let Block::Table(t) = b {
                    Some(t)
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(tables.len(), 1, "navigation is not a table of activities");
        let t = tables[0];
        assert_eq!(t.cells[2].row_span, 2);
        let b = t
            .cells
            .iter()
            .find(|c| c.text.starts_with("Gör\nB"))
            .unwrap();
        assert_eq!((b.row, b.col, b.fill), (2, 1, Some(Rgb(255, 0, 0))));
        assert_eq!(t.cells[3].fill, Some(Rgb(0, 0xB0, 0x50)));
        assert!(doc.blocks.iter().any(|b| b.text() == Some("• two")));
        assert_eq!(parse_css_colour("#FC0"), Some(Rgb(255, 204, 0)));
        let styled = "<html><head><style>.T_B3 { border: 1px; background-color:#ff0000; }</style></head><body>\
            <table><tr><td>Tiltak</td><td>Status</td></tr><tr><td>1.1 Gjøre</td><td class=\"T_B3\"></td></tr></table></body></html>";
        let doc = HtmlReader.read(styled.as_bytes()).unwrap();
        let Some(Block::Table(t)) = doc.blocks.first() else {
            panic!()
        };
        assert_eq!(
            t.cells[3].fill,
            Some(Rgb(255, 0, 0)),
            "class colours from the style sheet"
        );
        assert_eq!(parse_css_colour("rgb(255, 192, 0)"), Some(Rgb(255, 192, 0)));
    }

    fn texts(doc: &Document) -> Vec<String> {
        doc.blocks
            .iter()
            .map(|b| match b {
                Block::Table(t) => format!("[table {}x{}]", t.n_rows, t.n_cols),
                b => b.text().unwrap_or_default().to_string(),
            })
            .collect()
    }

    /// A caption is a paragraph before its table; hidden blocks are not read; a layout
    /// table of one cell is read as its blocks, one of several cells stays a table.
    #[test]
    fn captions_hidden_blocks_and_layout_tables() {
        let html = r#"<body><p hidden>Dold</p><div style="display:none"><p>Också dold</p></div>
            <table><caption>Tabell 1. <b>Mål</b></caption><tr><td>a</td><td>b</td></tr></table>
            <table role="presentation"><tr><td><h2>Rubrik</h2><p>Text</p></td></tr></table>
            <table role="none"><tr><td>x</td><td>y</td></tr></table></body>"#;
        let doc = HtmlReader.read(html.as_bytes()).unwrap();
        assert_eq!(
            texts(&doc),
            [
                "Tabell 1. Mål",
                "[table 1x2]",
                "Rubrik",
                "Text",
                "[table 1x2]"
            ]
        );
    }

    /// A `div role="table"` around a real table is a wrapper; one with rows is a table.
    #[test]
    fn aria_tables() {
        let html = r#"<body><div role="table"><table><tr><td>a</td><td>b</td></tr></table></div>
            <div role="grid"><div role="row"><div role="gridcell">x</div><div role="gridcell"><div role="table">
            <div role="row"><span role="cell">1</span><span role="cell">2</span></div></div></div></div>
            <div role="row" hidden><div role="gridcell">dold</div></div></div></body>"#;
        let doc = HtmlReader.read(html.as_bytes()).unwrap();
        assert_eq!(texts(&doc), ["[table 1x2]", "[table 1x2]"]);
        let Some(Block::Table(t)) = doc.blocks.last() else {
            panic!()
        };
        assert_eq!(
            t.cells[1].text, "1 | 2",
            "a nested ARIA table is lines of its cell"
        );
    }

    /// Pages not in UTF-8: by their declared charset, else windows-1252 unless most of
    /// the non-ASCII text is UTF-8; a byte order mark wins.
    #[test]
    fn encodings() {
        let read = |bytes: &[u8]| texts(&HtmlReader.read(bytes).unwrap());
        assert_eq!(read(b"<p>Bj\xf6rn \x80 \x96</p>"), ["Björn € –"]);
        assert_eq!(
            read(b"<meta charset='iso-8859-15'><p>\xa4 \xf6</p>"),
            ["€ ö"],
            "latin-9 has the euro sign at A4"
        );
        assert_eq!(
            read(
                "<p>Björn går å</p><p>\u{00e4}"
                    .as_bytes()
                    .iter()
                    .copied()
                    .chain(*b"\xff</p>")
                    .collect::<Vec<u8>>()
                    .as_slice()
            ),
            ["Björn går å", "ä\u{FFFD}"],
            "a stray byte in a UTF-8 page"
        );
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("<p>Öl</p>".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(read(&utf16), ["Öl"]);
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=Content-Type content=\"text/html;charset=Windows-1252\">"
            )
            .as_deref(),
            Some("windows-1252")
        );
    }
}
