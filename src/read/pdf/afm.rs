//! Advance widths of the standard PDF fonts (Helvetica, Times, Courier and their bold
//! faces) for ASCII, from their Adobe font metrics, for PDFs that name a standard font
//! without giving `/Widths`. Other letters take the width of their base letter.

/// Widths of U+0020..=U+007E in Helvetica and Arial.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
/// Widths of U+0020..=U+007E in Helvetica-Bold.
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];
/// Widths of U+0020..=U+007E in Times-Roman.
const TIMES: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611,
    556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722,
    722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
    278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];
/// Widths of U+0020..=U+007E in Times-Bold.
const TIMES_BOLD: [u16; 95] = [
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667,
    611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722,
    722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556,
    278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
];

/// The metrics of a standard font by its base name (`Helvetica-Oblique`, `Arial,Bold`,
/// `ABCDEF+TimesNewRoman`); Courier is 600 throughout.
pub fn standard(base_font: &str) -> Option<Metrics> {
    let name = base_font
        .rsplit('+')
        .next()
        .unwrap_or(base_font)
        .to_lowercase();
    let bold = name.contains("bold") || name.contains("black") || name.contains("heavy");
    if name.contains("courier") || name.contains("mono") {
        return Some(Metrics::Fixed(600));
    }
    if name.contains("times")
        || name.contains("roman")
        || name.contains("serif") && !name.contains("sans")
    {
        return Some(Metrics::Table(if bold { &TIMES_BOLD } else { &TIMES }));
    }
    if name.contains("helvetica") || name.contains("arial") || name.contains("sans") {
        return Some(Metrics::Table(if bold {
            &HELVETICA_BOLD
        } else {
            &HELVETICA
        }));
    }
    None
}

/// Widths of a standard font.
#[derive(Debug, Clone, Copy)]
pub enum Metrics {
    /// Every glyph this wide.
    Fixed(u16),
    /// By character.
    Table(&'static [u16; 95]),
}

impl Metrics {
    /// The width of the glyph showing `text` (its first character), in 1/1000 em.
    pub fn width(self, text: &str) -> f32 {
        let c = text.chars().next().unwrap_or(' ');
        match self {
            Metrics::Fixed(w) => w as f32,
            Metrics::Table(t) => {
                let base = base_letter(c);
                let i = base as usize;
                if (0x20..0x7F).contains(&i) {
                    t[i - 0x20] as f32
                } else {
                    t[(b'n' - 0x20) as usize] as f32
                }
            }
        }
    }
}

fn base_letter(c: char) -> char {
    match c {
        'å' | 'ä' | 'á' | 'à' | 'â' | 'ã' => 'a',
        'Å' | 'Ä' | 'Á' | 'À' | 'Â' | 'Ã' => 'A',
        'ö' | 'ø' | 'ó' | 'ò' | 'ô' | 'õ' => 'o',
        'Ö' | 'Ø' | 'Ó' | 'Ò' | 'Ô' | 'Õ' => 'O',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'ü' | 'ú' | 'ù' | 'û' => 'u',
        'Ü' | 'Ú' | 'Ù' | 'Û' => 'U',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'æ' | 'œ' => 'm',
        'Æ' | 'Œ' => 'W',
        '–' => '-',
        '—' => 'M',
        '’' | '‘' => '\'',
        '“' | '”' => '"',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_widths() {
        let h = standard("Helvetica").unwrap();
        assert_eq!(h.width("m"), 833.0);
        assert_eq!(h.width("å"), 556.0);
        assert_eq!(standard("Times-Bold").unwrap().width("W"), 1000.0);
        assert_eq!(standard("Courier").unwrap().width("i"), 600.0);
        assert!(standard("Wingdings").is_none());
    }
}
