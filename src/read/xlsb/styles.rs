//! What a binary workbook's cell styles say about a cell (`xl/styles.bin`): whether its
//! number format shows a date, its solid fill, its font's weight and colour. Colours are
//! given as RGB, as an index into the default palette, or as a theme colour with a tint
//! (the theme's colour scheme, `xl/theme/theme1.xml`).

use quick_xml::events::Event;
use quick_xml::Reader as XmlReader;

use super::records::{records, u16_at, u32_at, wide_string};
use crate::colour::Rgb;
use crate::read::xls_format::default_colour;

const BRT_FONT: u16 = 0x2B;
const BRT_FMT: u16 = 0x2C;
const BRT_FILL: u16 = 0x2D;
const BRT_XF: u16 = 0x2F;
const BRT_BEGIN_CELL_XFS: u16 = 0x269;
const BRT_END_CELL_XFS: u16 = 0x26A;

/// Most styles, fonts, fills and formats kept (Excel itself allows 64,000 styles).
const STYLE_LIMIT: usize = 65_536;

/// The look of one cell style (`BrtXF` of the cell formats).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CellStyle {
    /// Its number format shows a date or time.
    pub date: bool,
    /// Its solid fill.
    pub fill: Option<Rgb>,
    /// Its font is bold.
    pub bold: bool,
    /// Its font's colour, when not black or automatic.
    pub color: Option<Rgb>,
}

/// The cell styles of a workbook, by index.
#[derive(Debug, Default)]
pub struct Styles(Vec<CellStyle>);

impl Styles {
    /// The style a cell names; the default look for an index out of range.
    pub fn get(&self, index: u32) -> CellStyle {
        self.0.get(index as usize).copied().unwrap_or_default()
    }
}

#[derive(Clone, Copy, Default)]
struct Font {
    bold: bool,
    color: Option<Rgb>,
}

/// Reads the cell styles of `styles` (the `xl/styles.bin` part) with the colour scheme
/// of `theme` (the `xl/theme/theme1.xml` part, empty when there is none).
pub fn read(styles: &[u8], theme: &[u8]) -> Styles {
    let scheme = theme_colours(theme);
    let colour = |b: &[u8], at: usize| brt_color(b, at, &scheme);
    let (mut fonts, mut fills, mut formats, mut xfs) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut in_cell_xfs = false;
    for r in records(styles) {
        let d = r.data;
        match r.typ {
            BRT_FONT if fonts.len() < STYLE_LIMIT => fonts.push(Font {
                bold: u16_at(d, 4).is_some_and(|weight| weight >= 700),
                color: colour(d, 12).filter(|c| c.is_coloured()),
            }),
            BRT_FILL if fills.len() < STYLE_LIMIT => {
                // Pattern 1 is solid: the foreground colour covers the cell.
                let solid = u32_at(d, 0) == Some(1);
                fills.push(if solid { colour(d, 4) } else { None });
            }
            BRT_FMT if formats.len() < STYLE_LIMIT => {
                if let (Some(id), Some((code, _))) = (u16_at(d, 0), wide_string(d, 2)) {
                    formats.push((id, is_date_code(&code)));
                }
            }
            BRT_BEGIN_CELL_XFS => in_cell_xfs = true,
            BRT_END_CELL_XFS => in_cell_xfs = false,
            BRT_XF if in_cell_xfs && xfs.len() < STYLE_LIMIT => {
                let at = |i| u16_at(d, i).map(usize::from);
                let format = u16_at(d, 2).unwrap_or(0);
                let font = at(4)
                    .and_then(|i| fonts.get(i))
                    .copied()
                    .unwrap_or_default();
                let fill = at(6).and_then(|i| fills.get(i)).copied().flatten();
                let custom = formats.iter().find(|(id, _)| *id == format).map(|f| f.1);
                xfs.push(CellStyle {
                    date: custom.unwrap_or_else(|| is_date_id(format)),
                    fill,
                    bold: font.bold,
                    color: font.color,
                });
            }
            _ => {}
        }
    }
    Styles(xfs)
}

/// The built-in number formats that show dates and times (ECMA-376 18.8.30, with the
/// East Asian date formats).
fn is_date_id(id: u16) -> bool {
    matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58)
}

/// Whether a format code shows a date or time: a day, month, year, hour or second
/// letter outside quoted text, brackets (`[Red]`, `[$-41D]`) and escaped characters.
fn is_date_code(code: &str) -> bool {
    let mut chars = code.chars();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                // `[h]`, `[mm]`, `[ss]` are elapsed time; other brackets are colours
                // and locales.
                let inner: String = chars.by_ref().take_while(|&c| c != ']').collect();
                if inner
                    .chars()
                    .all(|c| matches!(c.to_ascii_lowercase(), 'h' | 'm' | 's'))
                    && !inner.is_empty()
                {
                    return true;
                }
            }
            _ if matches!(c.to_ascii_lowercase(), 'd' | 'm' | 'y' | 'h' | 's') => return true,
            _ => {}
        }
    }
    false
}

/// A `BrtColor` at `at` (MS-XLSB 2.5.8): automatic, an index into the default
/// palette, RGB, or a theme colour, each with a tint.
fn brt_color(b: &[u8], at: usize, scheme: &[Rgb]) -> Option<Rgb> {
    let raw = b.get(at..at + 8)?;
    let tint = f64::from(i16::from_le_bytes([raw[2], raw[3]])) / 32767.0;
    let base = match raw[0] >> 1 {
        1 => default_colour(u16::from(raw[1]))?,
        2 => Rgb(raw[4], raw[5], raw[6]),
        // Theme colours 0–3 name light 1, dark 1, light 2, dark 2: the scheme lists the
        // dark colour of each pair first.
        3 => {
            let i = usize::from(raw[1]);
            let i = if i < 4 { i ^ 1 } else { i };
            *scheme.get(i)?
        }
        _ => return None,
    };
    Some(tinted(base, tint))
}

/// `c` lightened (tint above 0) or darkened (below 0) in HSL lightness, as Excel applies
/// a tint.
fn tinted(c: Rgb, tint: f64) -> Rgb {
    if tint.abs() < 1e-6 {
        return c;
    }
    let [r, g, b] = [c.0, c.1, c.2].map(|v| f64::from(v) / 255.0);
    let (max, min) = (r.max(g).max(b), r.min(g).min(b));
    let l = (max + min) / 2.0;
    let d = max - min;
    let s = if d == 0.0 {
        0.0
    } else {
        d / (1.0 - (2.0 * l - 1.0).abs())
    };
    let h = if d == 0.0 {
        0.0
    } else if max == r {
        ((g - b) / d).rem_euclid(6.0)
    } else if max == g {
        (b - r) / d + 2.0
    } else {
        (r - g) / d + 4.0
    };
    let l = if tint < 0.0 {
        l * (1.0 + tint)
    } else {
        l * (1.0 - tint) + tint
    };
    let chroma = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = chroma * (1.0 - (h.rem_euclid(2.0) - 1.0).abs());
    let (r, g, b) = match h as u32 {
        0 => (chroma, x, 0.0),
        1 => (x, chroma, 0.0),
        2 => (0.0, chroma, x),
        3 => (0.0, x, chroma),
        4 => (x, 0.0, chroma),
        _ => (chroma, 0.0, x),
    };
    let m = l - chroma / 2.0;
    let byte = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    Rgb(byte(r), byte(g), byte(b))
}

/// The twelve colours of a theme's colour scheme, in the order it lists them (dark 1,
/// light 1, dark 2, light 2, six accents, two hyperlink colours).
fn theme_colours(theme: &[u8]) -> Vec<Rgb> {
    let mut reader = XmlReader::from_reader(theme);
    let mut out = Vec::new();
    let mut in_scheme = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"clrScheme" => in_scheme = true,
            Ok(Event::End(e)) if e.local_name().as_ref() == b"clrScheme" => break,
            Ok(Event::Start(e) | Event::Empty(e)) if in_scheme => {
                let key: &[u8] = match e.local_name().as_ref() {
                    b"srgbClr" => b"val",
                    b"sysClr" => b"lastClr",
                    _ => continue,
                };
                let hex = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == key)
                    .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()));
                out.extend(hex.and_then(|h| parse_hex(&h)));
                if out.len() >= 12 {
                    break;
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

fn parse_hex(h: &str) -> Option<Rgb> {
    let v = u32::from_str_radix(h.get(..6)?, 16).ok()?;
    Some(Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_codes() {
        for code in [
            "yyyy-mm-dd",
            "d/m/yy",
            "[$-41D]d mmmm yyyy",
            "h:mm",
            "[h]:mm:ss",
        ] {
            assert!(is_date_code(code), "{code}");
        }
        for code in [
            "General",
            "0.00",
            "#,##0 \"kr\"",
            "[Red]0%",
            "0\\ \"st\"",
            "_-* #,##0",
        ] {
            assert!(!is_date_code(code), "{code}");
        }
        assert!(is_date_id(14) && !is_date_id(0) && !is_date_id(9));
    }

    #[test]
    fn tints_lighten_and_darken() {
        let red = Rgb(0xC0, 0x00, 0x00);
        assert_eq!(tinted(red, 0.0), red);
        // Lightness 0.38 → 0.38 × 0.4 + 0.6 = 0.75, saturation kept.
        assert_eq!(tinted(red, 0.6), Rgb(0xFF, 0x80, 0x80));
        let dark = tinted(Rgb(0x70, 0xAD, 0x47), -0.5);
        assert!(dark.1 < 0x60 && dark.1 > dark.0, "{dark}");
    }

    #[test]
    fn theme_scheme_and_colour_kinds() {
        let theme = br#"<a:theme xmlns:a="x"><a:themeElements><a:clrScheme name="O">
            <a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>
            <a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>
            <a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>
            <a:accent1><a:srgbClr val="4472C4"/></a:accent1></a:clrScheme></a:themeElements></a:theme>"#;
        let scheme = theme_colours(theme);
        assert_eq!(scheme.len(), 5);
        // Theme index 0 is light 1 (white), 4 the first accent.
        assert_eq!(
            brt_color(&[3 << 1, 0, 0, 0, 0, 0, 0, 0], 0, &scheme),
            Some(Rgb(255, 255, 255))
        );
        assert_eq!(
            brt_color(&[3 << 1, 4, 0, 0, 0, 0, 0, 0], 0, &scheme),
            Some(Rgb(0x44, 0x72, 0xC4))
        );
        assert_eq!(
            brt_color(&[(2 << 1) | 1, 0, 0, 0, 1, 2, 3, 255], 0, &scheme),
            Some(Rgb(1, 2, 3))
        );
        assert_eq!(
            brt_color(&[1 << 1, 10, 0, 0, 0, 0, 0, 0], 0, &scheme),
            Some(Rgb(255, 0, 0))
        );
        assert_eq!(brt_color(&[0, 0, 0, 0, 0, 0, 0, 0], 0, &scheme), None);
        assert_eq!(brt_color(&[3 << 1, 9, 0, 0], 0, &scheme), None);
    }
}
