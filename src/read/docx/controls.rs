//! Content controls (`w:sdt`), which templates wrap around tables, rows, cells and
//! runs, in a form docx-rs reads.
//!
//! docx-rs keeps a control around a block but not one around a table row or inside a
//! cell, so a template's table would lose the text of its cells. Before docx-rs parses the
//! document, each control is replaced by its content (`w:sdtContent`'s children), its
//! properties dropped; a control that shows its placeholder (`w:showingPlcHdr`: the grey
//! `Click here to enter text` of an unfilled field) is dropped whole, as the text a
//! reader sees there is no content of the plan.

use quick_xml::events::Event;
use quick_xml::Reader;

/// Most controls unwrapped in one part.
const MAX_CONTROLS: usize = 100_000;

/// The part with every content control replaced by its content; `None` when it has none
/// (or does not parse, which [`super::xml_guard`] reports).
pub(super) fn unwrap(xml: &[u8]) -> Option<Vec<u8>> {
    if !super::vml::contains(xml, b"sdtContent") {
        return None;
    }
    let mut reader = Reader::from_reader(xml);
    // Byte ranges to leave out, and what goes in their place.
    let mut drop: Vec<(usize, usize, &[u8])> = Vec::new();
    // Open controls: whether each shows its placeholder.
    let mut open: Vec<bool> = Vec::new();
    // Where the open control's properties, or its placeholder content, started.
    let mut from: Option<usize> = None;
    let mut controls = 0usize;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().ok()?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(e) => match e.name().local_name().as_ref() {
                b"sdt" => {
                    controls += 1;
                    if controls > MAX_CONTROLS {
                        return None;
                    }
                    open.push(false);
                    drop.push((before, after, b""));
                }
                b"sdtPr" | b"sdtEndPr" if !open.is_empty() && from.is_none() => {
                    from = Some(before);
                }
                b"sdtContent" if !open.is_empty() && from.is_none() => {
                    if open.last() == Some(&true) {
                        from = Some(before);
                    } else {
                        drop.push((before, after, b""));
                    }
                }
                _ => {}
            },
            Event::Empty(e) => match e.name().local_name().as_ref() {
                b"showingPlcHdr" => {
                    if let Some(last) = open.last_mut() {
                        *last = true;
                    }
                }
                b"sdt" | b"sdtPr" | b"sdtEndPr" | b"sdtContent" if from.is_none() => {
                    drop.push((before, after, b""));
                }
                _ => {}
            },
            Event::End(e) => match e.name().local_name().as_ref() {
                b"sdtPr" | b"sdtEndPr" => {
                    if let Some(start) = from.take() {
                        drop.push((start, after, b""));
                    }
                }
                b"sdtContent" => match from.take() {
                    // A placeholder that filled paragraphs leaves an empty one (a cell
                    // keeps its paragraph).
                    Some(start) => {
                        let content = &xml[start..after];
                        let paragraphs = super::vml::contains(content, b"<w:p>")
                            || super::vml::contains(content, b"<w:p ");
                        let instead: &[u8] = if paragraphs { b"<w:p/>" } else { b"" };
                        drop.push((start, after, instead));
                    }
                    None => drop.push((before, after, b"")),
                },
                b"sdt" => {
                    open.pop();
                    drop.push((before, after, b""));
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if drop.is_empty() {
        return None;
    }
    drop.sort_unstable();
    let mut out = Vec::with_capacity(xml.len());
    let mut at = 0;
    for (start, end, instead) in drop {
        if start >= at {
            out.extend_from_slice(&xml[at..start]);
            out.extend_from_slice(instead);
        }
        at = at.max(end);
    }
    out.extend_from_slice(&xml[at..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_around_rows_and_in_cells_give_their_content() {
        let xml = br#"<w:tbl><w:sdt><w:sdtPr><w:alias w:val="Rad"/></w:sdtPr><w:sdtContent><w:tr><w:tc><w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>1.1</w:t></w:r></w:p></w:sdtContent></w:sdt></w:tc></w:tr></w:sdtContent></w:sdt></w:tbl>"#;
        let out = String::from_utf8(unwrap(xml).unwrap()).unwrap();
        assert_eq!(
            out,
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1.1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        );
    }

    #[test]
    fn a_control_showing_its_placeholder_is_dropped() {
        let xml = br#"<w:tc><w:sdt><w:sdtPr><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Click here</w:t></w:r></w:p></w:sdtContent></w:sdt></w:tc>"#;
        let out = String::from_utf8(unwrap(xml).unwrap()).unwrap();
        assert_eq!(out, "<w:tc><w:p/></w:tc>");
    }
}
