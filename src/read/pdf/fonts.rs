//! Fonts: turning the bytes of a shown string into codes, codes into Unicode text and
//! advance widths. Simple fonts (Type1, TrueType, Type3) use one byte per code, decoded by
//! `ToUnicode` or by their encoding with `/Differences`; composite fonts (Type0) use the
//! code lengths of their CMap (Identity-H: two bytes) and the widths of their CIDFont.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::cmap::CMap;
use super::encoding::{glyph_to_unicode, Base};
use super::objects::{deref, name_of, number, stream_bytes};

/// A font ready to decode strings.
#[derive(Debug, Clone)]
pub struct Font {
    composite: bool,
    to_unicode: Option<CMap>,
    /// Embedded encoding CMap of a composite font (code → CID, code lengths).
    cid_cmap: Option<CMap>,
    /// Code → text for simple fonts (base encoding plus differences).
    simple: Vec<Option<String>>,
    first_char: u32,
    widths: Vec<f32>,
    cid_widths: HashMap<u32, f32>,
    default_width: f32,
    /// Glyph space to text space for Type3 fonts (1/1000 for the others).
    scale: f32,
    /// Standard-font metrics for a font without `/Widths`.
    metrics: Option<super::afm::Metrics>,
    /// Whether the font is bold (name, weight or flags).
    pub bold: bool,
    /// Whether the font is italic or oblique (name, italic angle or flags).
    pub italic: bool,
    /// Whether the font writes vertically (Identity-V).
    pub vertical: bool,
}

impl Font {
    /// A font used when a page names a font it does not define.
    pub fn fallback() -> Font {
        Font {
            composite: false,
            to_unicode: None,
            cid_cmap: None,
            simple: (0..256u32)
                .map(|c| Base::WinAnsi.char(c as u8).map(String::from))
                .collect(),
            first_char: 0,
            widths: Vec::new(),
            cid_widths: HashMap::new(),
            default_width: 500.0,
            scale: 0.001,
            metrics: None,
            bold: false,
            italic: false,
            vertical: false,
        }
    }

    /// Reads a font dictionary.
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = dict
            .get(b"Subtype")
            .ok()
            .and_then(|o| name_of(doc, o))
            .unwrap_or_default();
        let base_font = dict
            .get(b"BaseFont")
            .ok()
            .and_then(|o| name_of(doc, o))
            .unwrap_or_default();
        let to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| stream_bytes(doc, o))
            .map(|b| CMap::parse(&b))
            .filter(|c| !c.is_empty());
        let mut font = Font {
            to_unicode,
            ..Font::fallback()
        };
        let mut descriptor = dict
            .get(b"FontDescriptor")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        if subtype == "Type0" {
            font.composite = true;
            font.default_width = 1000.0;
            let encoding = dict.get(b"Encoding").ok().map(|o| deref(doc, o));
            match encoding {
                Some(Object::Name(n)) => font.vertical = n.ends_with(b"-V"),
                Some(Object::Stream(_)) => {
                    font.cid_cmap = encoding
                        .and_then(|o| stream_bytes(doc, o))
                        .map(|b| CMap::parse(&b));
                }
                _ => {}
            }
            let descendant = dict
                .get(b"DescendantFonts")
                .ok()
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_dict().ok());
            if let Some(d) = descendant {
                font.default_width = d
                    .get(b"DW")
                    .ok()
                    .and_then(|o| number(doc, o))
                    .unwrap_or(1000.0);
                if let Some(w) = d
                    .get(b"W")
                    .ok()
                    .map(|o| deref(doc, o))
                    .and_then(|o| o.as_array().ok())
                {
                    font.cid_widths = cid_widths(doc, w);
                }
                descriptor = descriptor.or_else(|| {
                    d.get(b"FontDescriptor")
                        .ok()
                        .map(|o| deref(doc, o))
                        .and_then(|o| o.as_dict().ok())
                });
            }
        } else {
            let base = match subtype.as_str() {
                "Type1" | "MMType1" if is_symbolic(doc, descriptor) => None,
                "Type1" | "MMType1" | "Type3" => Some(Base::Standard),
                _ => Some(Base::WinAnsi),
            };
            font.simple = simple_encoding(doc, dict.get(b"Encoding").ok(), base);
            font.first_char = dict
                .get(b"FirstChar")
                .ok()
                .and_then(|o| number(doc, o))
                .unwrap_or(0.0)
                .max(0.0) as u32;
            if let Some(w) = dict
                .get(b"Widths")
                .ok()
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_array().ok())
            {
                font.widths = w
                    .iter()
                    .take(65_536)
                    .map(|o| number(doc, o).unwrap_or(0.0))
                    .collect();
            }
            let missing = descriptor
                .and_then(|d| d.get(b"MissingWidth").ok())
                .and_then(|o| number(doc, o));
            font.default_width = missing
                .filter(|w| *w > 0.0)
                .unwrap_or_else(|| standard_width(&base_font));
            if subtype == "Type3" {
                let m = dict
                    .get(b"FontMatrix")
                    .ok()
                    .map(|o| deref(doc, o))
                    .and_then(|o| o.as_array().ok());
                if let Some(a) = m.and_then(|m| m.first()).and_then(|o| number(doc, o)) {
                    font.scale = a;
                }
            } else {
                font.metrics = super::afm::standard(&base_font);
            }
        }
        let weight = descriptor
            .and_then(|d| d.get(b"FontWeight").ok())
            .and_then(|o| number(doc, o))
            .unwrap_or(0.0);
        let flags = descriptor
            .and_then(|d| d.get(b"Flags").ok())
            .and_then(|o| number(doc, o))
            .unwrap_or(0.0) as u32;
        let lower = base_font.to_lowercase();
        font.bold = weight >= 600.0
            || flags & (1 << 18) != 0
            || ["bold", "black", "heavy", "demi", "semibold", "extrabold"]
                .iter()
                .any(|w| lower.contains(w));
        let angle = descriptor
            .and_then(|d| d.get(b"ItalicAngle").ok())
            .and_then(|o| number(doc, o))
            .unwrap_or(0.0);
        font.italic = flags & (1 << 6) != 0
            || (angle.is_finite() && angle.abs() >= 5.0)
            || ["italic", "oblique", "kursiv"]
                .iter()
                .any(|w| lower.contains(w));
        font
    }

    /// Splits a shown string into codes and their byte lengths.
    pub fn codes(&self, bytes: &[u8]) -> Vec<(u32, usize)> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let len = if self.composite {
                match (&self.cid_cmap, &self.to_unicode) {
                    (Some(c), _) if !c.codespaces.is_empty() => c.code_len(&bytes[i..], 2),
                    (_, Some(t)) if !t.codespaces.is_empty() => t.code_len(&bytes[i..], 2),
                    _ => 2,
                }
            } else {
                1
            };
            let len = len.min(bytes.len() - i).max(1);
            let code = bytes[i..i + len]
                .iter()
                .fold(0u32, |a, &b| (a << 8) | b as u32);
            out.push((code, len));
            i += len;
        }
        out
    }

    /// The Unicode text of a code (empty when the font does not say).
    pub fn text(&self, code: u32) -> String {
        if let Some(s) = self.to_unicode.as_ref().and_then(|t| t.get(code)) {
            // One glyph mapped to white space around a visible character (a `.` to
            // " .", the right text given only as marked content's ActualText) draws
            // the character alone: the white space would split the word it is in.
            let visible = s.trim();
            return if visible.is_empty() { s } else { visible }.to_string();
        }
        if self.composite {
            return String::new();
        }
        self.simple
            .get(code as usize)
            .cloned()
            .flatten()
            .unwrap_or_default()
    }

    /// The advance of a code in text space units (per unit of font size).
    pub fn width(&self, code: u32) -> f32 {
        let w = if self.composite {
            let cid = self
                .cid_cmap
                .as_ref()
                .and_then(|c| c.cid(code))
                .unwrap_or(code);
            self.cid_widths
                .get(&cid)
                .copied()
                .unwrap_or(self.default_width)
        } else {
            let given = code
                .checked_sub(self.first_char)
                .and_then(|i| self.widths.get(i as usize))
                .copied();
            match (given.filter(|w| *w > 0.0), self.metrics) {
                (Some(w), _) => w,
                (None, Some(m)) => m.width(&self.text(code)),
                (None, None) => self.default_width,
            }
        };
        w * self.scale
    }

    /// Whether a code is the single-byte space (word spacing applies to it).
    pub fn is_space(&self, code: u32, len: usize) -> bool {
        len == 1 && code == 32
    }
}

fn is_symbolic(doc: &Document, descriptor: Option<&Dictionary>) -> bool {
    let flags = descriptor
        .and_then(|d| d.get(b"Flags").ok())
        .and_then(|o| number(doc, o))
        .unwrap_or(0.0) as u32;
    flags & 4 != 0 && flags & 32 == 0
}

/// Average advance of the standard fonts when a PDF gives no widths.
fn standard_width(base_font: &str) -> f32 {
    let lower = base_font.to_lowercase();
    if lower.contains("courier") || lower.contains("mono") {
        600.0
    } else if lower.contains("times") || lower.contains("serif") {
        480.0
    } else {
        530.0
    }
}

fn simple_encoding(
    doc: &Document,
    encoding: Option<&Object>,
    default: Option<Base>,
) -> Vec<Option<String>> {
    let mut base = default;
    let mut differences: Option<&Vec<Object>> = None;
    match encoding.map(|o| deref(doc, o)) {
        Some(Object::Name(n)) => base = Base::from_name(n).or(base),
        Some(Object::Dictionary(d)) => {
            if let Some(b) = d.get(b"BaseEncoding").ok().and_then(|o| name_of(doc, o)) {
                base = Base::from_name(b.as_bytes()).or(base);
            }
            differences = d
                .get(b"Differences")
                .ok()
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_array().ok());
        }
        _ => {}
    }
    let mut table: Vec<Option<String>> = (0..256u32)
        .map(|c| match base {
            Some(b) => b.char(c as u8).map(String::from),
            None => char::from_u32(c)
                .filter(|ch| !ch.is_control())
                .map(String::from),
        })
        .collect();
    if let Some(diffs) = differences {
        let mut code: usize = 0;
        for item in diffs.iter().take(4096) {
            match deref(doc, item) {
                Object::Integer(n) => code = (*n).clamp(0, 255) as usize,
                Object::Name(n) => {
                    if code < 256 {
                        let name = String::from_utf8_lossy(n);
                        table[code] = glyph_to_unicode(&name).or_else(|| table[code].clone());
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    table
}

/// The `/W` array of a CIDFont: `c [w1 w2 …]` and `c_first c_last w`.
fn cid_widths(doc: &Document, w: &[Object]) -> HashMap<u32, f32> {
    let mut out = HashMap::new();
    let mut i = 0;
    while i < w.len() && out.len() < 200_000 {
        let Some(first) = number(doc, &w[i]) else {
            break;
        };
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, item) in list.iter().enumerate().take(65_536) {
                    out.insert(first as u32 + k as u32, number(doc, item).unwrap_or(0.0));
                }
                i += 2;
            }
            Some(other) => {
                let last = number(doc, other).unwrap_or(first);
                let width = w.get(i + 2).and_then(|o| number(doc, o)).unwrap_or(0.0);
                let (a, b) = (first as u32, (last as u32).min(first as u32 + 65_536));
                for cid in a..=b {
                    out.insert(cid, width);
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_glyph_mapped_to_white_space_and_a_character_is_the_character() {
        let cmap = b"1 begincodespacerange <00> <FF> endcodespacerange
            3 beginbfchar <2E> <0020002E> <20> <0020> <41> <00410042> endbfchar";
        let font = Font {
            to_unicode: Some(CMap::parse(cmap)),
            ..Font::fallback()
        };
        assert_eq!(font.text(0x2E), ".");
        assert_eq!(font.text(0x20), " ", "a space stays a space");
        assert_eq!(font.text(0x41), "AB");
    }
}
