//! Word's footnotes and endnotes, which docx-rs does not read.
//!
//! Word keeps a note's text in its own part (`word/footnotes.xml`, `word/endnotes.xml`)
//! and leaves in the text a `w:footnoteReference w:id="…"` that it shows as the note's
//! number, counted in the order the references appear (the ids are the writer's own:
//! pandoc starts at 20). Before docx-rs parses the document, each reference becomes the
//! text it shows, the number in superscript digits (`¹`); the notes' texts, each opened
//! by its number, go after the document's last block, where the footnotes of a plan are
//! read from (`crate::interpret::footnotes`).

use std::collections::HashMap;

use quick_xml::events::Event;
use quick_xml::Reader;

/// Most note references numbered in one document.
const MAX_REFERENCES: usize = 10_000;

/// The notes a document points to: for each kind (`footnote`, `endnote`), the shown
/// number of each id, in the order the references appear.
#[derive(Debug, Default)]
pub(super) struct References {
    numbers: HashMap<(bool, String), usize>,
    order: Vec<(bool, String)>,
}

impl References {
    /// The notes referenced, as (endnote?, id, shown number), in number order.
    pub(super) fn notes(&self) -> impl Iterator<Item = (bool, &str, usize)> + '_ {
        self.order
            .iter()
            .map(|k| (k.0, k.1.as_str(), self.numbers[k]))
    }

    /// Whether the document has any.
    pub(super) fn is_empty(&self) -> bool {
        self.order.is_empty()
    }
}

/// The document with each footnote and endnote reference replaced by its shown number
/// as text, and the references found; `None` when it has none (or does not parse, which
/// [`super::xml_guard`] reports).
pub(super) fn mark_references(xml: &[u8]) -> Option<(Vec<u8>, References)> {
    if !super::vml::contains(xml, b"noteReference") {
        return None;
    }
    let mut reader = Reader::from_reader(xml);
    let mut refs = References::default();
    let mut counts = [0usize; 2];
    let mut splices: Vec<(usize, usize, Vec<u8>)> = Vec::new();
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().ok()?;
        let after = reader.buffer_position() as usize;
        let e = match &event {
            Event::Empty(e) | Event::Start(e) => e,
            Event::Eof => break,
            _ => continue,
        };
        let name = e.name();
        let endnote = match name.local_name().as_ref() {
            b"footnoteReference" => false,
            b"endnoteReference" => true,
            _ => continue,
        };
        if splices.len() >= MAX_REFERENCES {
            break;
        }
        let Some(id) = e
            .attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == b"id")
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
        else {
            continue;
        };
        let key = (endnote, id);
        let number = match refs.numbers.get(&key) {
            Some(n) => *n,
            None => {
                counts[endnote as usize] += 1;
                let n = counts[endnote as usize];
                refs.numbers.insert(key.clone(), n);
                refs.order.push(key);
                n
            }
        };
        if matches!(event, Event::Start(_)) {
            // A reference written with content of its own: leave it to docx-rs.
            continue;
        }
        let prefix = name
            .prefix()
            .map(|p| format!("{}:", String::from_utf8_lossy(p.as_ref())))
            .unwrap_or_default();
        let shown = crate::interpret::footnotes::superscript(&number.to_string());
        let text = format!("<{prefix}t>{shown}</{prefix}t>").into_bytes();
        splices.push((before, after, text));
    }
    if splices.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(xml.len());
    let mut at = 0;
    for (start, end, text) in splices {
        out.extend_from_slice(&xml[at..start]);
        out.extend_from_slice(&text);
        at = end;
    }
    out.extend_from_slice(&xml[at..]);
    Some((out, refs))
}

/// The notes of a notes part (`word/footnotes.xml`) by id: each note's paragraphs as
/// text, one per line (the separator notes Word keeps there are empty and left out).
pub(super) fn read_notes(xml: &[u8]) -> HashMap<String, String> {
    let mut reader = Reader::from_reader(xml);
    let mut out = HashMap::new();
    let mut note: Option<(String, Vec<String>)> = None;
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.name().local_name().as_ref() {
                b"footnote" | b"endnote" => {
                    let id = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == b"id")
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned());
                    note = id.map(|id| (id, Vec::new()));
                }
                b"p" => {
                    if let Some((_, paras)) = note.as_mut() {
                        paras.push(String::new());
                    }
                }
                b"t" => in_text = true,
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                if let (Some((_, paras)), Ok(text)) = (note.as_mut(), t.decode()) {
                    if let Some(p) = paras.last_mut() {
                        p.push_str(&text);
                    }
                }
            }
            Ok(Event::GeneralRef(r)) if in_text => {
                let c = crate::read::xml_guard::reference_char(&r);
                if let (Some((_, paras)), Ok(c)) = (note.as_mut(), c) {
                    if let Some(p) = paras.last_mut() {
                        p.push(c);
                    }
                }
            }
            Ok(Event::End(e)) => match e.name().local_name().as_ref() {
                b"t" => in_text = false,
                b"footnote" | b"endnote" => {
                    if let Some((id, paras)) = note.take() {
                        let text: Vec<String> = paras
                            .iter()
                            .map(|p| crate::text::collapse(p))
                            .filter(|p| !p.is_empty())
                            .collect();
                        if !text.is_empty() {
                            out.insert(id, text.join("\n"));
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_show_their_numbers_in_order() {
        let xml = br#"<w:p><w:r><w:t>Konst</w:t></w:r><w:r><w:footnoteReference w:id="22"/></w:r><w:r><w:footnoteReference w:id="20"/></w:r></w:p>"#;
        let (out, refs) = mark_references(xml).expect("references");
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains("<w:t>¹</w:t>") && out.contains("<w:t>²</w:t>"),
            "{out}"
        );
        let notes: Vec<_> = refs.notes().collect();
        assert_eq!(notes, [(false, "22", 1), (false, "20", 2)]);
    }

    #[test]
    fn notes_are_read_without_their_separators() {
        let xml = r#"<w:footnotes><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="22"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r><w:r><w:t>Gäller &amp; omfattar.</w:t></w:r></w:p><w:p><w:r><w:t>Andra stycket.</w:t></w:r></w:p></w:footnote></w:footnotes>"#.as_bytes();
        let notes = read_notes(xml);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes["22"], "Gäller & omfattar.\nAndra stycket.");
    }
}
