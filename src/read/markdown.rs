//! Markdown (`.md`): CommonMark with the extensions plans written in it use (pipe
//! tables, footnotes, a YAML title block), parsed by `pulldown-cmark` into the document
//! model as a reader sees the rendered page:
//!
//! - headings as headings; a title block's `title`, `subtitle`, `author` and `date` as
//!   the opening lines (the title a heading), as pandoc prints them;
//! - each line of a paragraph as it is shown (soft breaks join, hard breaks break) a
//!   paragraph block of its own, a list item's first line with its label (`• `, `1. `),
//!   as the HTML reader gives a page's lines;
//! - emphasis dropped, links as their text, footnote references raised (`¹`) and
//!   footnotes as `¹ text` paragraphs;
//! - pipe tables as tables, a cell bold where it opens in bold, `<br>` and list items
//!   of inline HTML as line breaks.

use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::plain::html_table;
use super::Reader;
use crate::error::ReadError;
use crate::model::{Block, Document};
use crate::text::collapse;

/// Reads Markdown files.
pub struct MarkdownReader;

impl Reader for MarkdownReader {
    fn read(&self, bytes: &[u8]) -> Result<Document, ReadError> {
        let text = String::from_utf8_lossy(bytes);
        if text.contains('\0') {
            return Err(ReadError::NotFormat {
                expected: "Markdown",
                detail: "binary content (NUL bytes)".into(),
            });
        }
        parse(&text)
    }
}

/// What the text being gathered will become.
enum Open {
    /// A paragraph or a list item's text: its label for the first line.
    Text(Option<String>),
    /// A heading of a level.
    Heading(u8),
    /// A footnote's text, after its raised number.
    Note(String),
}

/// The walk over the parser's events.
#[derive(Default)]
struct Walk {
    blocks: Vec<Block>,
    /// Text gathered for the open block.
    text: String,
    open: Option<Open>,
    /// Ordered lists' next numbers (`None` for a bulleted list), innermost last.
    lists: Vec<Option<u64>>,
    /// The label the next text of a list item opens with.
    item_label: Option<String>,
    /// The table being read: rows of cells as inline HTML.
    table: Option<Vec<Vec<String>>>,
    metadata: Option<String>,
    /// Inside a footnote's definition: its raised number.
    note: Option<String>,
    /// Table cells read so far.
    cells: usize,
}

/// Most cells a line of a pipe table may have.
const WIDEST: usize = 1000;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// Reads the text, stopping once its tables hold more cells than
/// [`super::grid_limit`] allows (a table's short rows are padded to its header's width,
/// so a ragged table costs rows times columns).
fn parse(text: &str) -> Result<Document, ReadError> {
    let mut walk = Walk::default();
    let limit = super::grid_limit(text.len());
    // A line of more than [`WIDEST`] cells is no plan's table; the parser's tables
    // grow slow with their width, so such a text is read without tables.
    let widest = text
        .lines()
        .map(|l| l.matches('|').count())
        .max()
        .unwrap_or(0);
    let options = if widest > WIDEST {
        options() - Options::ENABLE_TABLES
    } else {
        options()
    };
    for event in Parser::new_ext(text, options) {
        walk.event(event);
        if walk.cells > limit {
            return Err(ReadError::Limit(format!(
                "tables of more than {limit} cells in all (Markdown tables)"
            )));
        }
    }
    walk.close();
    Ok(Document {
        blocks: walk.blocks,
        ..Document::default()
    })
}

impl Walk {
    fn event(&mut self, event: Event) {
        if let Some(meta) = &mut self.metadata {
            match event {
                Event::Text(t) => meta.push_str(&t),
                Event::End(TagEnd::MetadataBlock(_)) => {
                    let meta = self.metadata.take().unwrap_or_default();
                    self.blocks.extend(title_block(&meta));
                }
                _ => {}
            }
            return;
        }
        if self.table.is_some() {
            self.table_event(event);
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) => self.push_text(&t),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.push_text(&t),
            Event::SoftBreak => self.push_text(" "),
            Event::HardBreak => self.push_text("\n"),
            Event::InlineHtml(h) | Event::Html(h) => {
                if is_break(&h) {
                    self.push_text("\n");
                }
            }
            Event::FootnoteReference(label) => {
                self.push_text(&crate::text::raised(&label));
            }
            Event::TaskListMarker(done) => self.push_text(if done { "☑ " } else { "☐ " }),
            Event::Rule => self.close(),
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph | Tag::CodeBlock(_) | Tag::HtmlBlock if self.open.is_none() => {
                let label = self.item_label.take();
                self.begin(Open::Text(label));
            }
            Tag::Heading { level, .. } => {
                self.close();
                self.begin(Open::Heading(heading_level(level)));
            }
            Tag::List(first) => {
                self.close();
                self.lists.push(first);
            }
            Tag::Item => {
                self.close();
                let label = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let label = format!("{n}.");
                        *n += 1;
                        label
                    }
                    _ => "•".to_string(),
                };
                self.item_label = Some(label);
            }
            Tag::FootnoteDefinition(label) => {
                self.close();
                self.note = Some(crate::text::raised(&label));
            }
            Tag::Table(_) => {
                self.close();
                self.table = Some(Vec::new());
            }
            Tag::MetadataBlock(MetadataBlockKind::YamlStyle | MetadataBlockKind::PlusesStyle) => {
                self.close();
                self.metadata = Some(String::new());
            }
            // Emphasis, links, images and quotes add no break: their text runs on.
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::Item => self.close(),
            TagEnd::List(_) => {
                self.close();
                self.lists.pop();
            }
            TagEnd::FootnoteDefinition => {
                self.close();
                self.note = None;
            }
            _ => {}
        }
    }

    /// Opens a block; text inside a footnote's definition is the note's.
    fn begin(&mut self, kind: Open) {
        let kind = match (&kind, self.note.take()) {
            (Open::Text(_), Some(n)) => Open::Note(n),
            (_, n) => {
                self.note = n;
                kind
            }
        };
        self.open = Some(kind);
    }

    fn push_text(&mut self, t: &str) {
        if self.open.is_none() {
            // A tight list's item holds its text without a paragraph.
            let label = self.item_label.take();
            self.begin(Open::Text(label));
        }
        self.text.push_str(t);
    }

    /// Ends the open block: its lines as blocks.
    fn close(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        let text = std::mem::take(&mut self.text);
        let mut lines = text.lines().map(collapse).filter(|l| !l.is_empty());
        match open {
            Open::Heading(level) => {
                let text = lines.collect::<Vec<_>>().join(" ");
                if !text.is_empty() {
                    self.blocks.push(Block::Heading {
                        level,
                        text,
                        page: None,
                    });
                }
            }
            Open::Text(label) => {
                let first = lines.next().map(|l| match &label {
                    Some(label) => format!("{label} {l}"),
                    None => l,
                });
                self.push_lines(first.into_iter().chain(lines));
            }
            Open::Note(number) => {
                let first = lines.next().map(|l| match number.as_str() {
                    "" => l,
                    n => format!("{n} {l}"),
                });
                // A footnote's further paragraphs are its own (its number once).
                self.note = Some(String::new());
                self.push_lines(first.into_iter().chain(lines));
            }
        }
    }

    fn push_lines(&mut self, lines: impl Iterator<Item = String>) {
        self.blocks
            .extend(lines.map(|text| Block::Paragraph { text, page: None }));
    }

    /// An event inside a pipe table: cells gathered as inline HTML for [`html_cell`].
    fn table_event(&mut self, event: Event) {
        let Some(rows) = self.table.as_mut() else {
            return;
        };
        let piece: std::borrow::Cow<str> = match event {
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                rows.push(Vec::new());
                return;
            }
            Event::Start(Tag::TableCell) => {
                self.cells += 1;
                if let Some(row) = rows.last_mut() {
                    row.push(String::new());
                }
                return;
            }
            Event::End(TagEnd::Table) => {
                let rows = self.table.take().unwrap_or_default();
                if let Some(table) = html_table(&rows, true) {
                    self.blocks.push(Block::Table(table));
                }
                return;
            }
            Event::Start(Tag::Strong) => "<b>".into(),
            Event::End(TagEnd::Strong) => "</b>".into(),
            Event::Text(t) | Event::Code(t) => t.replace('&', "&amp;").replace('<', "&lt;").into(),
            Event::InlineHtml(h) | Event::Html(h) => h.to_string().into(),
            Event::SoftBreak => " ".into(),
            Event::HardBreak => "<br>".into(),
            Event::FootnoteReference(label) => crate::text::raised(&label).into(),
            _ => return,
        };
        if let Some(cell) = rows.last_mut().and_then(|r| r.last_mut()) {
            cell.push_str(&piece);
        }
    }
}

/// Whether inline HTML breaks the line (`<br>`, `<br/>`, `</p>`).
fn is_break(html: &str) -> bool {
    let h = html.trim().to_ascii_lowercase();
    h.starts_with("<br") || h == "</p>" || h == "<p>"
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A title block's lines as pandoc prints them: the title as a heading, then the
/// subtitle, the authors and the date. Values may be quoted; lists of authors are one
/// line each.
fn title_block(meta: &str) -> Vec<Block> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in meta.lines() {
        let trimmed = line.trim();
        if let Some(item) = trimmed.strip_prefix("- ") {
            if let Some((key, v)) = fields.last_mut() {
                if key == "author" {
                    v.push('\n');
                    v.push_str(unquoted(item));
                }
            }
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        if line.starts_with(char::is_whitespace) {
            continue;
        }
        fields.push((key.trim().to_ascii_lowercase(), unquoted(value).to_string()));
    }
    let get = |k: &str| {
        fields
            .iter()
            .find(|(key, v)| key == k && !v.trim().is_empty())
            .map(|(_, v)| v.clone())
    };
    let mut out = Vec::new();
    if let Some(title) = get("title") {
        out.push(Block::Heading {
            level: 1,
            text: collapse(&title),
            page: None,
        });
    }
    for key in ["subtitle", "author", "date"] {
        if let Some(v) = get(key) {
            out.extend(
                v.lines()
                    .map(collapse)
                    .filter(|l| !l.is_empty())
                    .map(|text| Block::Paragraph { text, page: None }),
            );
        }
    }
    out
}

/// A YAML scalar without its quotes.
fn unquoted(v: &str) -> &str {
    let v = v.trim();
    v.strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &Document) -> Vec<String> {
        doc.blocks
            .iter()
            .map(|b| match b {
                Block::Heading { level, text, .. } => format!("H{level} {text}"),
                Block::Paragraph { text, .. } => format!("P {text}"),
                Block::Table(t) => format!("T {}x{}", t.n_rows, t.n_cols),
            })
            .collect()
    }

    #[test]
    fn title_block_headings_and_list_items_with_their_lines() {
        let md = "---\ntitle: \"Plan 2026\"\nsubtitle: Del 2\nlang: nn\n---\n\n# Tiltak\n\nA wrapped\nparagraph.\n\n- **1.1 Do it**  \n  Ansvar: Unit\n- plain *item*\n\n1. first\n2. second\n";
        let doc = parse(md).unwrap();
        assert_eq!(
            texts(&doc),
            [
                "H1 Plan 2026",
                "P Del 2",
                "H1 Tiltak",
                "P A wrapped paragraph.",
                "P • 1.1 Do it",
                "P Ansvar: Unit",
                "P • plain item",
                "P 1. first",
                "P 2. second",
            ]
        );
    }

    #[test]
    fn footnotes_are_raised_and_kept_whole() {
        let md = "Text.[^1]\n\n[^1]: The note,\n    wrapped.\n\n    Its second paragraph.\n";
        let doc = parse(md).unwrap();
        assert_eq!(
            texts(&doc),
            [
                "P Text.¹",
                "P ¹ The note, wrapped.",
                "P Its second paragraph."
            ]
        );
    }

    #[test]
    fn pipe_tables_keep_bold_and_html_breaks() {
        let md = "| Nr | Tiltak |\n|---|---|\n| 1 | **Do** this<br>and that |\n| 2 | a < b & c |\n";
        let doc = parse(md).unwrap();
        let Block::Table(t) = &doc.blocks[0] else {
            panic!("{:?}", texts(&doc))
        };
        assert_eq!((t.n_rows, t.n_cols), (3, 2));
        assert_eq!(t.cells[3].text, "Do this\nand that");
        assert_eq!(t.cells[3].bold, Some(true));
        assert_eq!(t.cells[5].text, "a < b & c");
    }
}
