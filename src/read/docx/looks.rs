//! How the runs of a paragraph are set — bold, italic, type size — with Word's
//! inheritance: the run's own properties, then its character style, then the paragraph's
//! style (the default paragraph style where it names none), each through the styles it
//! is based on, then the document defaults. Read to find a cell's title styled apart
//! ([`crate::read::title`]).

use std::collections::HashMap;

use docx_rs::{Paragraph, ParagraphChild, Run, RunChild, StructuredDataTagChild};
use serde_json::Value;

use super::json;
use super::styles::{StyleDef, DOC_DEFAULTS};
use crate::read::title::{Look, Tally};

/// The run properties a style sets, and the style it is based on.
#[derive(Debug, Clone, Default)]
struct Props {
    bold: Option<bool>,
    italic: Option<bool>,
    half_points: Option<usize>,
    based_on: Option<String>,
}

/// The run properties of a document's styles.
#[derive(Debug, Default)]
pub struct Looks {
    styles: HashMap<String, Props>,
    default_paragraph: Option<String>,
}

/// The size Word sets text in where no style says one (10 pt).
const DEFAULT_HALF_POINTS: usize = 20;

/// Most styles followed through `basedOn`.
const CHAIN_LIMIT: usize = 16;

impl Looks {
    /// The run properties of `styles`.
    pub fn new(styles: &[StyleDef]) -> Looks {
        let mut out = Looks::default();
        for s in styles {
            if s.default_paragraph && out.default_paragraph.is_none() {
                out.default_paragraph = Some(s.id.clone());
            }
            out.styles.entry(s.id.clone()).or_insert(Props {
                bold: s.bold,
                italic: s.italic,
                half_points: s.half_points,
                based_on: s.based_on.clone(),
            });
        }
        out
    }

    /// `props` with what it leaves unset filled from style `id` and its bases.
    fn inherit(&self, mut props: Props, id: Option<&str>) -> Props {
        let mut next = id.map(str::to_string);
        for _ in 0..CHAIN_LIMIT {
            let Some(style) = next.as_ref().and_then(|id| self.styles.get(id)) else {
                break;
            };
            props.bold = props.bold.or(style.bold);
            props.italic = props.italic.or(style.italic);
            props.half_points = props.half_points.or(style.half_points);
            next = style.based_on.clone();
        }
        props
    }

    /// The properties a paragraph's runs inherit: its style's (or the default
    /// paragraph style's), then the document defaults.
    fn paragraph_props(&self, p: &Paragraph) -> Props {
        let id = p
            .property
            .style
            .as_ref()
            .map(|s| s.val.clone())
            .or_else(|| self.default_paragraph.clone());
        let props = self.inherit(Props::default(), id.as_deref());
        self.inherit(props, Some(DOC_DEFAULTS))
    }

    /// The letters of a paragraph counted by how they are set.
    pub fn paragraph(&self, p: &Paragraph) -> Tally {
        Tally::merged(&self.paragraph_lines(p))
    }

    /// The letters of each line of a paragraph (its text broken at each line break, as
    /// the reader breaks it), counted by how they are set: a bold title and its plain
    /// description may share one paragraph, a break between them.
    pub fn paragraph_lines(&self, p: &Paragraph) -> Vec<Tally> {
        let base = self.paragraph_props(p);
        let mut lines = vec![Tally::default()];
        for child in &p.children {
            self.child(child, &base, &mut lines);
        }
        lines
    }

    fn child(&self, child: &ParagraphChild, base: &Props, tally: &mut Vec<Tally>) {
        match child {
            ParagraphChild::Run(run) => self.run(run, base, tally),
            ParagraphChild::Insert(ins) => {
                for c in &ins.children {
                    if let docx_rs::InsertChild::Run(run) = c {
                        self.run(run, base, tally);
                    }
                }
            }
            ParagraphChild::Hyperlink(link) => {
                for c in &link.children {
                    self.child(c, base, tally);
                }
            }
            ParagraphChild::StructuredDataTag(sdt) => {
                for c in &sdt.children {
                    if let StructuredDataTagChild::Run(run) = c {
                        self.run(run, base, tally);
                    }
                }
            }
            _ => {}
        }
    }

    fn run(&self, run: &Run, base: &Props, lines: &mut Vec<Tally>) {
        let rp = &run.run_property;
        let own = Props {
            bold: rp.bold.as_ref().map(json).and_then(|v| v.as_bool()),
            italic: rp.italic.as_ref().map(json).and_then(|v| v.as_bool()),
            half_points: rp
                .sz
                .as_ref()
                .map(json)
                .and_then(|v| v.as_u64())
                .and_then(|v| usize::try_from(v).ok()),
            based_on: None,
        };
        let char_style = rp.style.as_ref().map(json);
        let props = self.inherit(own, char_style.as_ref().and_then(Value::as_str));
        let look = Look {
            bold: props.bold.or(base.bold).unwrap_or(false),
            italic: props.italic.or(base.italic).unwrap_or(false),
            size: props
                .half_points
                .or(base.half_points)
                .map_or(DEFAULT_HALF_POINTS as f32 / 2.0, |h| h as f32 / 2.0)
                .into(),
        };
        for c in &run.children {
            match c {
                RunChild::Text(t) => {
                    if let Some(line) = lines.last_mut() {
                        line.add(&t.text, look);
                    }
                }
                RunChild::Break(_) | RunChild::CarriageReturn(_) => lines.push(Tally::default()),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use docx_rs::{BreakType, Run};

    #[test]
    fn a_paragraphs_lines_are_counted_apart_at_its_breaks() {
        let looks = Looks::new(&[]);
        let p = Paragraph::new()
            .add_run(Run::new().add_text("Felles innbyggerportal").bold())
            .add_run(Run::new().add_break(BreakType::TextWrapping))
            .add_run(Run::new().add_text("Alle skjema samles på ett sted."));
        let lines = looks.paragraph_lines(&p);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].uniform().bold);
        assert!(!lines[1].uniform().bold && !lines[1].is_empty());
        assert!(!looks.paragraph(&p).uniform().bold);
    }
}
