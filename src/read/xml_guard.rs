//! A quick streaming check that an XML part is well-formed and within bounds, run before
//! a parser that would hang or overflow its stack on bad XML sees the part.
//!
//! docx-rs loops forever on an element that is never closed and recurses once per
//! nesting level; quick-xml reads the same bytes as a flat stream of events, so checking
//! here first costs little and turns those cases into a one-line reason naming the part,
//! the element and the byte where it opened.

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader as XmlReader;

use crate::error::ReadError;

/// Deepest element nesting accepted in a checked part.
pub const DEPTH_LIMIT: usize = 96;

/// The character an XML reference names: one of the five predefined entities (`&amp;`,
/// `&lt;`, `&gt;`, `&quot;`, `&apos;`) or a character reference (`&#228;`, `&#xE4;`).
/// `None` for anything else (XML knows no other entity without a DTD).
pub fn xml_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

/// The character of a general reference event, or a reason naming it.
pub fn reference_char(r: &BytesRef) -> Result<char, String> {
    let name = String::from_utf8_lossy(r.as_ref());
    xml_entity(&name).ok_or_else(|| format!("undefined entity &{name};"))
}

/// Checks that `xml` (the part `part` of a `format` package) is well-formed: every
/// element closed in order, attributes well-formed, only predefined entities and
/// character references, no DOCTYPE, nesting at most [`DEPTH_LIMIT`] deep.
pub fn check(xml: &[u8], part: &str, format: &'static str) -> Result<(), ReadError> {
    let malformed = |detail: String| ReadError::malformed(format, format!("{part}: {detail}"));
    let mut reader = XmlReader::from_reader(xml);
    reader.config_mut().check_end_names = true;
    let mut open: Vec<(Vec<u8>, u64)> = Vec::new();
    let mut buf = Vec::new();
    let mut root_seen = false;
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| malformed(format!("{e} at byte {}", reader.error_position())))?;
        match event {
            Event::Start(ref e) => {
                if open.is_empty() && root_seen {
                    return Err(malformed(format!("a second root element at byte {at}")));
                }
                check_attributes(e).map_err(|d| malformed(format!("{d} at byte {at}")))?;
                if open.len() >= DEPTH_LIMIT {
                    return Err(ReadError::Limit(format!(
                        "{part}: elements nested deeper than {DEPTH_LIMIT} (byte {at})"
                    )));
                }
                open.push((e.name().as_ref().to_vec(), at));
                root_seen = true;
            }
            Event::Empty(ref e) => {
                if open.is_empty() && root_seen {
                    return Err(malformed(format!("a second root element at byte {at}")));
                }
                check_attributes(e).map_err(|d| malformed(format!("{d} at byte {at}")))?;
                root_seen = true;
            }
            Event::End(_) => {
                open.pop();
            }
            Event::GeneralRef(ref r) => {
                reference_char(r).map_err(|d| malformed(format!("{d} at byte {at}")))?;
            }
            Event::DocType(_) => {
                return Err(malformed(format!(
                    "a DOCTYPE at byte {at} (entity declarations are not accepted)"
                )));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if let Some((name, at)) = open.last() {
        return Err(malformed(format!(
            "unclosed element {} at byte {at}",
            String::from_utf8_lossy(name)
        )));
    }
    if !root_seen {
        return Err(malformed("no root element".into()));
    }
    Ok(())
}

/// Checks an element's attributes: well-formed, unique, values with known references.
fn check_attributes(e: &BytesStart) -> Result<(), String> {
    for attr in e.attributes().with_checks(true) {
        let attr = attr.map_err(|err| format!("bad attribute in {}: {err}", name_of(e)))?;
        attr.unescape_value()
            .map_err(|err| format!("bad attribute value in {}: {err}", name_of(e)))?;
    }
    Ok(())
}

fn name_of(e: &BytesStart) -> String {
    String::from_utf8_lossy(e.name().as_ref()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(xml: &str) -> String {
        check(xml.as_bytes(), "word/document.xml", "Word")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn well_formed_passes() {
        check(
            b"<?xml version=\"1.0\"?><a x=\"&amp;&#228;\"><b>&lt;&#xE4;</b><c/></a>",
            "p",
            "Word",
        )
        .unwrap();
    }

    #[test]
    fn unclosed_element_is_named_with_its_byte() {
        let r = reason("<w:document><w:body><w:tbl><w:tr>");
        assert!(r.contains("unclosed element w:tr at byte 27"), "{r}");
        assert!(r.starts_with("malformed Word: word/document.xml:"), "{r}");
    }

    #[test]
    fn mismatched_end_fails() {
        assert!(reason("<a><b></a>").contains("word/document.xml"));
    }

    #[test]
    fn deep_nesting_hits_the_limit() {
        let xml = "<a>".repeat(DEPTH_LIMIT + 1) + &"</a>".repeat(DEPTH_LIMIT + 1);
        assert!(reason(&xml).contains("nested deeper than 96"));
        let ok = "<a>".repeat(DEPTH_LIMIT) + &"</a>".repeat(DEPTH_LIMIT);
        check(ok.as_bytes(), "p", "Word").unwrap();
    }

    #[test]
    fn doctype_and_unknown_entities_fail() {
        assert!(reason("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>").contains("DOCTYPE"));
        assert!(reason("<a>&nbsp;</a>").contains("undefined entity &nbsp;"));
        assert!(reason("<a b=\"&x;\"/>").contains("bad attribute value"));
    }

    #[test]
    fn empty_and_text_only_fail() {
        assert!(reason("").contains("no root element"));
        assert!(reason("<a/><b/>").contains("second root"));
    }

    #[test]
    fn entities_decode() {
        assert_eq!(xml_entity("amp"), Some('&'));
        assert_eq!(xml_entity("#228"), Some('ä'));
        assert_eq!(xml_entity("#xE4"), Some('ä'));
        assert_eq!(xml_entity("#0"), None);
        assert_eq!(xml_entity("nbsp"), None);
    }
}
