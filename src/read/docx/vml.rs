//! Text boxes docx-rs would misread, put in a form it reads.
//!
//! A `w:pict` with a `v:textbox` outside any `mc:AlternateContent` (documents from
//! writers before Word 2010, or converted from `.doc`): docx-rs reads a run's children
//! by name whatever encloses them, so the paragraphs of such a box would spill into the
//! run that holds it and end it early, and the text after the box would be lost. A
//! `w:drawing` holding several boxes (a group shape, `wpg:wgp`): docx-rs keeps one text
//! box per drawing, the last. Before docx-rs parses a part, each such element is replaced
//! by one drawing per box that holds the same `w:txbxContent` bytes, which docx-rs reads
//! as a text box like Word 2010's. Elements inside `mc:Fallback` (the VML copy of a
//! DrawingML box, skipped by docx-rs), drawings of one box and pictures without a text
//! box are left as they are.

use quick_xml::events::Event;
use quick_xml::Reader;

/// Most text boxes lifted from one part.
const MAX_BOXES: usize = 10_000;

/// A bare `w:pict` or a group's `w:drawing` to replace: its byte range, its prefix,
/// whether it is a drawing, and its text boxes' ranges.
struct Splice {
    start: usize,
    end: usize,
    prefix: Vec<u8>,
    drawing: bool,
    boxes: Vec<(usize, usize)>,
}

/// The part with every bare VML text box and every box of a group turned into a
/// drawing's text box of its own; `None` when there is none (or the part does not parse,
/// which [`super::xml_guard`] reports).
pub(super) fn lift_text_boxes(xml: &[u8]) -> Option<Vec<u8>> {
    if !contains(xml, b"txbxContent") {
        return None;
    }
    let mut reader = Reader::from_reader(xml);
    let mut depth = 0usize;
    let mut fallback: Option<usize> = None;
    let mut host: Option<(Splice, usize)> = None;
    let mut open_box: Option<(usize, usize)> = None;
    let mut splices = Vec::new();
    let mut boxes = 0usize;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().ok()?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(e) => {
                depth += 1;
                let name = e.name();
                match name.local_name().as_ref() {
                    b"Fallback" if fallback.is_none() => fallback = Some(depth),
                    local @ (b"pict" | b"drawing") if fallback.is_none() && host.is_none() => {
                        let prefix = name.prefix().map(|p| p.as_ref().to_vec());
                        let splice = Splice {
                            start: before,
                            end: after,
                            prefix: prefix.unwrap_or_default(),
                            drawing: local == b"drawing",
                            boxes: Vec::new(),
                        };
                        host = Some((splice, depth));
                    }
                    b"txbxContent" if host.is_some() && open_box.is_none() => {
                        open_box = Some((before, depth));
                    }
                    _ => {}
                }
            }
            Event::End(_) => {
                if let (Some((start, d)), Some((splice, _))) = (open_box, host.as_mut()) {
                    if d == depth {
                        splice.boxes.push((start, after));
                        open_box = None;
                        boxes += 1;
                    }
                }
                if host.as_ref().is_some_and(|(_, d)| *d == depth) {
                    let (mut splice, _) = host.take()?;
                    splice.end = after;
                    if splice.boxes.len() > usize::from(splice.drawing) {
                        splices.push(splice);
                    }
                }
                if fallback == Some(depth) {
                    fallback = None;
                }
                depth = depth.saturating_sub(1);
                if boxes > MAX_BOXES {
                    break;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if splices.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(xml.len());
    let mut at = 0;
    for s in splices {
        out.extend_from_slice(&xml[at..s.start]);
        for (start, end) in s.boxes {
            tag(&mut out, &s.prefix, b"drawing", false);
            tag(&mut out, &s.prefix, b"txbx", false);
            out.extend_from_slice(&xml[start..end]);
            tag(&mut out, &s.prefix, b"txbx", true);
            tag(&mut out, &s.prefix, b"drawing", true);
        }
        at = s.end;
    }
    out.extend_from_slice(&xml[at..]);
    Some(out)
}

/// Writes `<prefix:name>` (or its end tag).
fn tag(out: &mut Vec<u8>, prefix: &[u8], name: &[u8], end: bool) {
    out.extend_from_slice(if end { b"</" } else { b"<" });
    if !prefix.is_empty() {
        out.extend_from_slice(prefix);
        out.push(b':');
    }
    out.extend_from_slice(name);
    out.push(b'>');
}

/// Whether `needle` occurs in `haystack` (a cheap look before parsing a part).
pub(super) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_pict_becomes_a_drawing_and_a_fallback_stays() {
        let xml = br#"<w:body><w:r><w:pict><v:rect><v:textbox><w:txbxContent><w:p/></w:txbxContent></v:textbox></v:rect></w:pict></w:r><mc:Fallback><w:pict><v:textbox><w:txbxContent/></v:textbox></w:pict></mc:Fallback></w:body>"#;
        let out = lift_text_boxes(xml).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"<w:body><w:r><w:drawing><w:txbx><w:txbxContent><w:p/></w:txbxContent></w:txbx></w:drawing></w:r><mc:Fallback><w:pict><v:textbox><w:txbxContent/></v:textbox></w:pict></mc:Fallback></w:body>"#
        );
        assert!(lift_text_boxes(b"<w:body><w:pict><v:shape/></w:pict></w:body>").is_none());
    }

    #[test]
    fn a_group_of_boxes_becomes_one_drawing_each_and_a_single_box_stays() {
        let one = "<wps:txbx><w:txbxContent><w:p/></w:txbxContent></wps:txbx>";
        let single = format!("<w:r><w:drawing><wp:anchor>{one}</wp:anchor></w:drawing></w:r>");
        assert!(lift_text_boxes(single.as_bytes()).is_none());
        let group = format!(
            "<w:r><w:drawing><wpg:wgp><wps:wsp>{}</wps:wsp><wps:wsp>{}</wps:wsp></wpg:wgp></w:drawing></w:r>",
            one.replace("<w:p/>", "<w:p>1</w:p>"),
            one.replace("<w:p/>", "<w:p>2</w:p>")
        );
        let out = String::from_utf8(lift_text_boxes(group.as_bytes()).unwrap()).unwrap();
        assert_eq!(
            out,
            "<w:r><w:drawing><w:txbx><w:txbxContent><w:p>1</w:p></w:txbxContent></w:txbx></w:drawing>\
             <w:drawing><w:txbx><w:txbxContent><w:p>2</w:p></w:txbxContent></w:txbx></w:drawing></w:r>"
        );
    }
}
