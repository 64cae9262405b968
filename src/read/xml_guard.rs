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
    walk(xml, part, format, |_| {})
}

/// [`check`] that also hands every event to `visit` as it streams past, so a reader
/// that needs a few facts from a part gets them in the same pass as the check. The
/// events borrow from `xml`; `visit` sees an event only once the check accepted it
/// (attributes of `Start` and `Empty` included), and the whole part is still checked
/// to its end (an error after the events seen so far ends the walk).
pub fn walk<'x>(
    xml: &'x [u8],
    part: &str,
    format: &'static str,
    mut visit: impl FnMut(&Event<'x>),
) -> Result<(), ReadError> {
    let malformed = |detail: String| ReadError::malformed(format, format!("{part}: {detail}"));
    let mut reader = XmlReader::from_reader(xml);
    reader.config_mut().check_end_names = true;
    // The names of the open elements, one after the other in `names`; `open` holds where
    // each starts there and the byte where it opened (no allocation per element).
    let mut names: Vec<u8> = Vec::new();
    let mut open: Vec<(usize, u64)> = Vec::new();
    let mut keys: Vec<(usize, usize)> = Vec::new();
    let mut root_seen = false;
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| malformed(format!("{e} at byte {}", reader.error_position())))?;
        match event {
            Event::Start(ref e) => {
                if open.is_empty() && root_seen {
                    return Err(malformed(format!("a second root element at byte {at}")));
                }
                check_attributes(e, &mut keys)
                    .map_err(|d| malformed(format!("{d} at byte {at}")))?;
                if open.len() >= DEPTH_LIMIT {
                    return Err(ReadError::Limit(format!(
                        "{part}: elements nested deeper than {DEPTH_LIMIT} (byte {at})"
                    )));
                }
                open.push((names.len(), at));
                names.extend_from_slice(e.name().as_ref());
                root_seen = true;
            }
            Event::Empty(ref e) => {
                if open.is_empty() && root_seen {
                    return Err(malformed(format!("a second root element at byte {at}")));
                }
                check_attributes(e, &mut keys)
                    .map_err(|d| malformed(format!("{d} at byte {at}")))?;
                root_seen = true;
            }
            Event::End(_) => {
                if let Some((start, _)) = open.pop() {
                    names.truncate(start);
                }
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
        visit(&event);
    }
    if let Some((start, at)) = open.last() {
        return Err(malformed(format!(
            "unclosed element {} at byte {at}",
            String::from_utf8_lossy(&names[*start..])
        )));
    }
    if !root_seen {
        return Err(malformed("no root element".into()));
    }
    Ok(())
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Checks an element's attributes in one scan of its tag: each a name, `=` and a quoted
/// value, separated by white space, no name twice, values without `<` and with only
/// known references. `keys` is scratch space (where each name starts and its length).
fn check_attributes(e: &BytesStart, keys: &mut Vec<(usize, usize)>) -> Result<(), String> {
    let raw = e.attributes_raw();
    let bad = |what: &str| format!("bad attribute in {}: {what}", name_of(e));
    keys.clear();
    let mut i = 0;
    loop {
        let before = i;
        while i < raw.len() && is_space(raw[i]) {
            i += 1;
        }
        if i == raw.len() {
            return Ok(());
        }
        if i == before && !keys.is_empty() {
            return Err(bad("no white space between attributes"));
        }
        let key_start = i;
        while i < raw.len() && !is_space(raw[i]) && raw[i] != b'=' {
            if matches!(raw[i], b'"' | b'\'' | b'<' | b'>') {
                return Err(bad("a quote or bracket in an attribute name"));
            }
            i += 1;
        }
        let key = &raw[key_start..i];
        while i < raw.len() && is_space(raw[i]) {
            i += 1;
        }
        if raw.get(i) != Some(&b'=') {
            return Err(bad(&format!(
                "attribute {} has no value",
                String::from_utf8_lossy(key)
            )));
        }
        i += 1;
        while i < raw.len() && is_space(raw[i]) {
            i += 1;
        }
        let quote = match raw.get(i) {
            Some(q @ (b'"' | b'\'')) => *q,
            _ => return Err(bad("an attribute value without quotes")),
        };
        i += 1;
        let Some(len) = raw[i..].iter().position(|&b| b == quote) else {
            return Err(bad("an attribute value that is never closed"));
        };
        check_value(&raw[i..i + len])
            .map_err(|d| format!("bad attribute value in {}: {d}", name_of(e)))?;
        i += len + 1;
        if keys.iter().any(|&(s, l)| &raw[s..s + l] == key) {
            return Err(bad(&format!(
                "attribute {} given twice",
                String::from_utf8_lossy(key)
            )));
        }
        keys.push((key_start, key.len()));
    }
}

/// Checks an attribute value: no `<`, every `&` a known reference ended by `;`.
fn check_value(value: &[u8]) -> Result<(), String> {
    let mut rest = value;
    while let Some(i) = rest.iter().position(|&b| b == b'&' || b == b'<') {
        if rest[i] == b'<' {
            return Err("'<' in a value".into());
        }
        rest = &rest[i + 1..];
        let Some(end) = rest.iter().position(|&b| b == b';') else {
            return Err("a reference without ';'".into());
        };
        let name = String::from_utf8_lossy(&rest[..end]);
        if xml_entity(&name).is_none() {
            return Err(format!("undefined entity &{name};"));
        }
        rest = &rest[end + 1..];
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
        assert!(reason("<a b=\"&amp\"/>").contains("bad attribute value"));
        assert!(reason("<a b=\"<\"/>").contains("bad attribute value"));
    }

    #[test]
    fn bad_attributes_fail() {
        for xml in [
            "<a b=\"1\" b=\"2\"/>",
            "<a b/>",
            "<a b=1/>",
            "<a b=\"1\"c=\"2\"/>",
            "<a b<c=\"1\"></a>",
        ] {
            assert!(
                reason(xml).contains("bad attribute"),
                "{xml}: {}",
                reason(xml)
            );
        }
        check(b"<a b = '1' c=\"x'y\"\n d=\"&#x41;\"/>", "p", "Word").unwrap();
    }

    #[test]
    fn walk_hands_on_the_events() {
        let mut starts = Vec::new();
        walk(b"<a><b x=\"1\"/><c>t</c></a>", "p", "Word", |e| {
            if let Event::Start(s) | Event::Empty(s) = e {
                starts.push(String::from_utf8_lossy(s.name().as_ref()).into_owned());
            }
        })
        .unwrap();
        assert_eq!(starts, ["a", "b", "c"]);
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
