//! Word text boxes: the paragraphs and tables of a `w:txbxContent`.
//!
//! Word saves a floating text box twice inside `mc:AlternateContent`: as a DrawingML
//! shape (`w:drawing` … `wps:txbx`) in `mc:Choice`, and as a VML shape (`w:pict` …
//! `v:textbox`) in `mc:Fallback` for readers that do not know DrawingML. docx-rs reads
//! the choice into a drawing's [`TextBox`] and skips the fallback, so each box is read
//! once. The walker puts a box's content where its anchor is: after the paragraph that
//! holds the anchor (in the body as blocks, in a table cell as lines of the cell).

use docx_rs::{
    DrawingData, InsertChild, Paragraph, ParagraphChild, Run, RunChild, StructuredDataTagChild,
    TextBox,
};

/// The text boxes anchored in a paragraph, in the order of their anchors (those in
/// deleted runs left out: the document as accepted).
pub(super) fn anchored(p: &Paragraph) -> Vec<&TextBox> {
    let mut out = Vec::new();
    for child in &p.children {
        in_child(child, &mut out);
    }
    out
}

fn in_child<'p>(child: &'p ParagraphChild, out: &mut Vec<&'p TextBox>) {
    match child {
        ParagraphChild::Run(run) => in_run(run, out),
        ParagraphChild::Insert(ins) => {
            for c in &ins.children {
                if let InsertChild::Run(run) = c {
                    in_run(run, out);
                }
            }
        }
        ParagraphChild::Hyperlink(link) => {
            for c in &link.children {
                in_child(c, out);
            }
        }
        ParagraphChild::StructuredDataTag(sdt) => {
            for c in &sdt.children {
                if let StructuredDataTagChild::Run(run) = c {
                    in_run(run, out);
                }
            }
        }
        _ => {}
    }
}

fn in_run<'r>(run: &'r Run, out: &mut Vec<&'r TextBox>) {
    for c in &run.children {
        if let RunChild::Drawing(d) = c {
            if let Some(DrawingData::TextBox(tb)) = &d.data {
                out.push(tb);
            }
        }
    }
}
