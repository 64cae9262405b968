//! Colours as data: `#RRGGBB` values and the hue families that carry status.

use std::fmt;

/// An sRGB colour: a cell's fill; `Display` writes it as `#RRGGBB`.
///
/// ```
/// assert_eq!(planlift::Rgb(0xFF, 0xC0, 0x00).to_string(), "#FFC000");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(
    /// Red.
    pub u8,
    /// Green.
    pub u8,
    /// Blue.
    pub u8,
);

/// The hue families a status colour is read by (DOMAIN.md: classify by hue, not value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Hue {
    /// Red, from crimson to salmon pink.
    Red,
    /// Orange and amber.
    Orange,
    /// Yellow.
    Yellow,
    /// Green.
    Green,
    /// Blue and cyan.
    Blue,
    /// Purple and magenta.
    Purple,
    /// Mid grey (a shade a legend may give a meaning, *Grå = utgått*).
    Grey,
    /// White, near-white or black: no hue.
    Neutral,
}

impl Rgb {
    /// Parses `RRGGBB` or `#RRGGBB` (case-insensitive); `None` for anything else, `auto` included.
    pub(crate) fn from_hex(s: &str) -> Option<Rgb> {
        let s = s.trim().trim_start_matches('#');
        if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let v = u32::from_str_radix(s, 16).ok()?;
        Some(Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8))
    }

    /// Hue in degrees, saturation and value, each of the last two in 0..=1.
    pub(crate) fn hsv(self) -> (f32, f32, f32) {
        let (r, g, b) = (
            self.0 as f32 / 255.0,
            self.1 as f32 / 255.0,
            self.2 as f32 / 255.0,
        );
        let max = r.max(g).max(b);
        let min = r.min(g).min(b);
        let d = max - min;
        let h = if d == 0.0 {
            0.0
        } else if max == r {
            60.0 * ((g - b) / d).rem_euclid(6.0)
        } else if max == g {
            60.0 * ((b - r) / d + 2.0)
        } else {
            60.0 * ((r - g) / d + 4.0)
        };
        let s = if max == 0.0 { 0.0 } else { d / max };
        (h, s, max)
    }

    /// The hue family: pale office tints (`#C6EFCE`, `#FFC7CE`) keep their hue.
    pub(crate) fn hue(self) -> Hue {
        let (h, s, v) = self.hsv();
        if s < 0.12 || v < 0.15 {
            return if s < 0.12 && (0.25..=0.88).contains(&v) {
                Hue::Grey
            } else {
                Hue::Neutral
            };
        }
        match h {
            h if !(15.0..340.0).contains(&h) => Hue::Red,
            h if h < 50.0 => Hue::Orange,
            h if h < 70.0 => Hue::Yellow,
            h if h < 170.0 => Hue::Green,
            h if h < 260.0 => Hue::Blue,
            _ => Hue::Purple,
        }
    }

    /// Whether this is a text colour that says something: not black, white or grey.
    pub(crate) fn is_coloured(self) -> bool {
        !matches!(self.hue(), Hue::Neutral | Hue::Grey)
    }

    /// Whether this is a light grey, without hue (the empty track of a progress bar).
    pub fn is_light_grey(self) -> bool {
        let (max, min) = (
            self.0.max(self.1).max(self.2),
            self.0.min(self.1).min(self.2),
        );
        min >= 0xB0 && max - min <= 0x18
    }

    /// Whether this is a white or near-white background (no information).
    pub(crate) fn is_blank(self) -> bool {
        self.0 >= 0xF5 && self.1 >= 0xF5 && self.2 >= 0xF5
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
}

impl Hue {
    /// Parses a hue family name as written in the vocabulary file.
    pub fn from_name(name: &str) -> Option<Hue> {
        Some(match name {
            "red" => Hue::Red,
            "orange" => Hue::Orange,
            "yellow" => Hue::Yellow,
            "green" => Hue::Green,
            "blue" => Hue::Blue,
            "purple" => Hue::Purple,
            "grey" => Hue::Grey,
            "neutral" => Hue::Neutral,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_palettes_fall_into_their_families() {
        for (hex, hue) in [
            ("00B050", Hue::Green),
            ("92D050", Hue::Green),
            ("C6EFCE", Hue::Green),
            ("FFC000", Hue::Orange),
            ("F4B183", Hue::Orange),
            ("FFFF00", Hue::Yellow),
            ("FF0000", Hue::Red),
            ("C00000", Hue::Red),
            ("FFC7CE", Hue::Red),
            ("FFFFFF", Hue::Neutral),
            ("D9D9D9", Hue::Grey),
            ("BFBFBF", Hue::Grey),
            ("F2F2F2", Hue::Neutral),
        ] {
            assert_eq!(Rgb::from_hex(hex).unwrap().hue(), hue, "{hex}");
        }
        assert_eq!(Rgb::from_hex("auto"), None);
        assert_eq!(Rgb(0, 0xB0, 0x50).to_string(), "#00B050");
    }
}
