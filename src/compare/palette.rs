//! The report's colours, and the colour science that checks them: WCAG 2 contrast for
//! every text on its background, and the distance between the status colours as people
//! with deuteranopia, protanopia and tritanopia see them (Machado, Oliveira & Fernandes
//! 2009, severity 1, on linear sRGB; distances in CIEDE2000).

/// One status as the report shows it: output name, label, colour, the sign printed
/// beside the label, and the pattern drawn over the colour (CSS class `pat-<name>`).
#[derive(Debug, Clone, Copy)]
pub struct StatusStyle {
    pub name: &'static str,
    pub label: &'static str,
    pub colour: &'static str,
    pub sign: &'static str,
    pub pattern: &'static str,
}

/// The statuses in the report's order, `no_status` last. The colours were chosen by
/// search for the largest smallest CIEDE2000 distance between any two of them under
/// normal vision and the three simulated dichromacies (about 22, see the tests); the
/// sign and the pattern keep them apart where colour is not seen at all.
pub const STATUSES: [StatusStyle; 6] = [
    StatusStyle {
        name: "done",
        label: "Done",
        colour: "#17977d",
        sign: "✓",
        pattern: "solid",
    },
    StatusStyle {
        name: "in_progress",
        label: "In progress",
        colour: "#fbae0e",
        sign: "◐",
        pattern: "diagonal stripes",
    },
    StatusStyle {
        name: "not_started",
        label: "Not started",
        colour: "#a9320b",
        sign: "○",
        pattern: "dots",
    },
    StatusStyle {
        name: "cancelled",
        label: "Cancelled",
        colour: "#333333",
        sign: "✕",
        pattern: "cross-hatch",
    },
    StatusStyle {
        name: "unknown",
        label: "Unknown",
        colour: "#9772dd",
        sign: "?",
        pattern: "horizontal stripes",
    },
    StatusStyle {
        name: "no_status",
        label: "No status given",
        colour: "#e5e5e5",
        sign: "–",
        pattern: "vertical lines",
    },
];

/// Page background, text, muted text, link and focus colours.
pub const BACKGROUND: &str = "#ffffff";
pub const HEADER_BACKGROUND: &str = "#f2f4f6";
pub const TEXT: &str = "#1b2631";
pub const MUTED: &str = "#4d5a66";
pub const ACCENT: &str = "#0b5394";
pub const CURRENT_BACKGROUND: &str = "#fff3c4";

/// The heat map's shades, lightest first, and the text colour on each (the one of
/// `TEXT` and white with the higher contrast).
pub const HEAT: [&str; 5] = ["#e3eef9", "#b3d1ec", "#7fb0dc", "#2a6aa8", "#0d3a66"];

#[cfg(test)]
/// Every text colour on every background the report paints it on.
pub fn text_pairs() -> Vec<(&'static str, &'static str)> {
    let mut pairs = vec![
        (TEXT, BACKGROUND),
        (MUTED, BACKGROUND),
        (ACCENT, BACKGROUND),
        (TEXT, HEADER_BACKGROUND),
        (MUTED, HEADER_BACKGROUND),
        (ACCENT, HEADER_BACKGROUND),
        (TEXT, CURRENT_BACKGROUND),
        (ACCENT, CURRENT_BACKGROUND),
    ];
    for shade in HEAT {
        pairs.push((heat_text(shade), shade));
    }
    pairs
}

/// The text colour on a heat map shade.
pub fn heat_text(shade: &str) -> &'static str {
    if contrast(TEXT, shade) >= contrast("#ffffff", shade) {
        TEXT
    } else {
        "#ffffff"
    }
}

/// `hex` mixed with white, `white` the share of white (0–1), as `#rrggbb`.
pub fn tint(hex: &str, white: f64) -> String {
    let [r, g, b] = rgb(hex).map(|c| ((c * (1.0 - white) + white) * 255.0).round() as u8);
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn rgb(hex: &str) -> [f64; 3] {
    let h = hex.trim_start_matches('#');
    let c = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).unwrap_or(0) as f64 / 255.0;
    [c(0), c(2), c(4)]
}

fn linear(c: f64) -> f64 {
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn linear_rgb(hex: &str) -> [f64; 3] {
    rgb(hex).map(linear)
}

/// WCAG 2 relative luminance.
pub fn luminance(hex: &str) -> f64 {
    let [r, g, b] = linear_rgb(hex);
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

/// WCAG 2 contrast ratio (1–21).
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
/// A dichromacy simulated by Machado et al. 2009 at severity 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vision {
    Normal,
    Protanopia,
    Deuteranopia,
    Tritanopia,
}

#[cfg(test)]
impl Vision {
    pub const ALL: [Vision; 4] = [
        Vision::Normal,
        Vision::Protanopia,
        Vision::Deuteranopia,
        Vision::Tritanopia,
    ];

    fn matrix(self) -> [[f64; 3]; 3] {
        match self {
            Vision::Normal => [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
            Vision::Protanopia => [
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ],
            Vision::Deuteranopia => [
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ],
            Vision::Tritanopia => [
                [1.255528, -0.076749, -0.178779],
                [-0.078411, 0.930809, 0.147602],
                [0.004733, 0.691367, 0.303900],
            ],
        }
    }

    /// The colour as seen, in linear sRGB.
    pub fn simulate(self, hex: &str) -> [f64; 3] {
        let c = linear_rgb(hex);
        let m = self.matrix();
        let mut out = [0.0; 3];
        for (i, row) in m.iter().enumerate() {
            out[i] = (row[0] * c[0] + row[1] * c[1] + row[2] * c[2]).clamp(0.0, 1.0);
        }
        out
    }
}

#[cfg(test)]
/// CIE L*a*b* (D65) of a linear sRGB colour.
pub fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
    let x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
    let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    let z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
    let f = |t: f64| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

#[cfg(test)]
/// CIEDE2000 colour difference (Sharma, Wu & Dalal 2005).
pub fn ciede2000([l1, a1, b1]: [f64; 3], [l2, a2, b2]: [f64; 3]) -> f64 {
    let c1 = a1.hypot(b1);
    let c2 = a2.hypot(b2);
    let cb = (c1 + c2) / 2.0;
    let p7 = 25f64.powi(7);
    let g = 0.5 * (1.0 - (cb.powi(7) / (cb.powi(7) + p7)).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| {
        if b == 0.0 && a == 0.0 {
            0.0
        } else {
            b.atan2(a).to_degrees().rem_euclid(360.0)
        }
    };
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let dl = l2 - l1;
    let dc = c2p - c1p;
    let dh = if c1p * c2p == 0.0 {
        0.0
    } else if (h2p - h1p).abs() <= 180.0 {
        h2p - h1p
    } else if h2p - h1p > 180.0 {
        h2p - h1p - 360.0
    } else {
        h2p - h1p + 360.0
    };
    let dhh = 2.0 * (c1p * c2p).sqrt() * (dh.to_radians() / 2.0).sin();
    let lbp = (l1 + l2) / 2.0;
    let cbp = (c1p + c2p) / 2.0;
    let hbp = if c1p * c2p == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * (hbp - 30.0).to_radians().cos()
        + 0.24 * (2.0 * hbp).to_radians().cos()
        + 0.32 * (3.0 * hbp + 6.0).to_radians().cos()
        - 0.20 * (4.0 * hbp - 63.0).to_radians().cos();
    let dtheta = 30.0 * (-((hbp - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cbp.powi(7) / (cbp.powi(7) + p7)).sqrt();
    let sl = 1.0 + 0.015 * (lbp - 50.0).powi(2) / (20.0 + (lbp - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cbp;
    let sh = 1.0 + 0.015 * cbp * t;
    let rt = -(2.0 * dtheta).to_radians().sin() * rc;
    ((dl / sl).powi(2) + (dc / sc).powi(2) + (dhh / sh).powi(2) + rt * (dc / sc) * (dhh / sh))
        .sqrt()
}

#[cfg(test)]
/// The smallest CIEDE2000 distance between two of `colours` as seen with `vision`, and
/// the pair.
pub fn smallest_distance(colours: &[&str], vision: Vision) -> (f64, usize, usize) {
    let mut best = (f64::INFINITY, 0, 0);
    for i in 0..colours.len() {
        for j in i + 1..colours.len() {
            let d = ciede2000(
                lab(vision.simulate(colours[i])),
                lab(vision.simulate(colours[j])),
            );
            if d < best.0 {
                best = (d, i, j);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sharma, Wu & Dalal's test data (pairs 1, 7, 17, 25 and 34 of their table).
    #[test]
    fn ciede2000_matches_the_published_test_data() {
        let cases = [
            ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
            ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
            ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
            (
                [60.2574, -34.0099, 36.2677],
                [60.4626, -34.1751, 39.4387],
                1.2644,
            ),
            (
                [22.7233, 20.0904, -46.6940],
                [23.0331, 14.9730, -42.5619],
                2.0373,
            ),
        ];
        for (a, b, want) in cases {
            let got = ciede2000(a, b);
            assert!((got - want).abs() < 1e-3, "{a:?} {b:?}: {got} ≠ {want}");
            assert!((ciede2000(b, a) - want).abs() < 1e-3, "symmetric");
        }
    }

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((contrast("#777777", "#ffffff") - 4.48).abs() < 0.01);
        assert!((contrast("#ffffff", "#ffffff") - 1.0).abs() < 1e-9);
    }

    #[test]
    fn simulation_leaves_greys_grey_and_confuses_red_and_green() {
        for v in Vision::ALL {
            let g = v.simulate("#808080");
            assert!(
                (g[0] - g[1]).abs() < 0.01 && (g[1] - g[2]).abs() < 0.01,
                "{v:?}"
            );
        }
        // A red and a green of like lightness, far apart to normal vision, come close
        // for the red-green dichromacies and stay apart for tritanopia.
        let d = |v: Vision| ciede2000(lab(v.simulate("#c0504d")), lab(v.simulate("#6f8f2f")));
        assert!(d(Vision::Normal) > 35.0);
        assert!(
            d(Vision::Deuteranopia) < 15.0,
            "{}",
            d(Vision::Deuteranopia)
        );
        assert!(d(Vision::Protanopia) < 20.0, "{}", d(Vision::Protanopia));
        assert!(d(Vision::Tritanopia) > 25.0);
    }

    /// The status colours stay apart for every vision: at least 20 CIEDE2000 units
    /// between any two. A just noticeable difference is about 1–2.3 units; for small
    /// marks on a chart, read at a glance, Szafir (2017) measured that it takes several
    /// times that, so the palette keeps ten times the upper figure in reserve. The
    /// pattern and the sign on each status are there for whoever still confuses two.
    #[test]
    fn status_colours_stay_apart_under_each_colour_blindness() {
        let colours: Vec<&str> = STATUSES.iter().map(|s| s.colour).collect();
        for v in Vision::ALL {
            let (d, i, j) = smallest_distance(&colours, v);
            eprintln!(
                "{v:?}: smallest CIEDE2000 {d:.1} ({} / {})",
                STATUSES[i].name, STATUSES[j].name
            );
            assert!(
                d >= 20.0,
                "{v:?}: {} and {} are {d:.1} apart",
                STATUSES[i].name,
                STATUSES[j].name
            );
        }
    }

    /// Every status has its own sign and its own pattern, so colour is never the only cue.
    #[test]
    fn each_status_has_its_own_sign_and_pattern() {
        for (i, a) in STATUSES.iter().enumerate() {
            for b in &STATUSES[i + 1..] {
                assert_ne!(a.sign, b.sign);
                assert_ne!(a.pattern, b.pattern);
                assert_ne!(a.colour, b.colour);
            }
        }
    }

    /// WCAG AA: at least 4.5:1 for every text on the background it is painted on.
    #[test]
    fn every_text_has_aa_contrast() {
        for (fg, bg) in text_pairs() {
            let c = contrast(fg, bg);
            eprintln!("{fg} on {bg}: {c:.2}");
            assert!(c >= 4.5, "{fg} on {bg}: {c:.2}");
        }
    }

    /// The heat map's shades grow darker step by step, and the bars' outline (the text
    /// colour) stands at least 3:1 against the page (WCAG 1.4.11); the counts the bars
    /// draw are also written in the table beside them.
    #[test]
    fn heat_shades_darken_step_by_step() {
        for w in HEAT.windows(2) {
            assert!(luminance(w[0]) > luminance(w[1]), "{w:?}");
        }
        assert!(contrast(TEXT, BACKGROUND) >= 3.0);
    }
}
