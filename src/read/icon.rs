//! Status icons: small images (a green disc, a red cross) that follow-up systems and
//! designed plans put in a status cell instead of a word. An icon is read by its
//! dominant colour, which the interpreter then reads like a coloured sign (`●`): through
//! the document's legend, else the traffic-light convention.
//!
//! Only small images are decoded, with their size checked before any pixel is: an icon
//! is at most [`MAX_SIDE`] pixels a side and its file at most [`MAX_FILE`] bytes.

use std::collections::HashMap;

use crate::colour::Rgb;

/// Widest and tallest image decoded as an icon, in pixels.
pub const MAX_SIDE: usize = 512;

/// Largest image file decoded as an icon.
pub const MAX_FILE: usize = 256 * 1024;

/// The sign an icon stands in for in a cell's text.
pub const SIGN: &str = "●";

/// A colour's three channels (or a coarse bin of them).
type Triple = (u8, u8, u8);

/// The dominant colour of an image's pixels (`(r, g, b, alpha)`): the most frequent
/// colour among the opaque, saturated pixels, when at least a tenth of the opaque
/// pixels are saturated. The colour is the exact value that occurs most often in the
/// most frequent coarse bin, so that a flat disc gives back its own colour even after
/// JPEG compression blurred its edge. Without saturated pixels, a pictogram drawn in a
/// mid grey gives its grey (a legend may say what grey means, *grå = avbruten*); a black
/// pictogram, whose anti-aliased edge is grey too, gives none.
pub fn dominant_colour(pixels: impl Iterator<Item = (u8, u8, u8, u8)>) -> Option<Rgb> {
    let mut opaque = 0usize;
    let mut bins: HashMap<Triple, HashMap<Triple, usize>> = HashMap::new();
    let mut greys: HashMap<Triple, HashMap<Triple, usize>> = HashMap::new();
    let mut dark = 0usize;
    for (r, g, b, a) in pixels {
        if a < 128 {
            continue;
        }
        opaque += 1;
        let max = r.max(g).max(b);
        let min = r.min(g).min(b);
        if max < 64 {
            dark += 1;
        } else if max <= 224 && u16::from(max - min) * 100 < u16::from(max) * 12 {
            *greys
                .entry((r >> 4, g >> 4, b >> 4))
                .or_default()
                .entry((r, g, b))
                .or_default() += 1;
        }
        // Saturated: chroma at least a quarter of the range, and not near black.
        if max < 60 || u16::from(max - min) * 100 < u16::from(max) * 35 {
            continue;
        }
        *bins
            .entry((r >> 4, g >> 4, b >> 4))
            .or_default()
            .entry((r, g, b))
            .or_default() += 1;
    }
    let saturated: usize = bins.values().flat_map(|m| m.values()).sum();
    if opaque == 0 {
        return None;
    }
    if saturated * 10 < opaque {
        let grey: usize = greys.values().flat_map(|m| m.values()).sum();
        return (grey * 10 >= opaque && grey > dark)
            .then(|| most_frequent(&greys))
            .flatten();
    }
    most_frequent(&bins)
}

/// The exact colour that occurs most often in the most frequent coarse bin.
fn most_frequent(bins: &HashMap<Triple, HashMap<Triple, usize>>) -> Option<Rgb> {
    let (_, exact) = bins
        .iter()
        .map(|(bin, m)| (m.values().sum::<usize>(), bin, m))
        .max_by_key(|(n, bin, _)| (*n, std::cmp::Reverse(**bin)))
        .map(|(n, _, m)| (n, m))?;
    let ((r, g, b), _) = exact
        .iter()
        .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))?;
    Some(Rgb(*r, *g, *b))
}

/// The dominant colour of a PNG or JPEG file (told by its signature), or `None` when it
/// is neither, too large, damaged, or has no status colour.
pub fn file_colour(bytes: &[u8]) -> Option<Rgb> {
    if bytes.len() > MAX_FILE {
        return None;
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png_colour(bytes)
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg_colour(bytes)
    } else {
        None
    }
}

fn png_colour(bytes: &[u8]) -> Option<Rgb> {
    let mut decoder = png::Decoder::new_with_limits(
        std::io::Cursor::new(bytes),
        png::Limits {
            bytes: MAX_SIDE * MAX_SIDE * 8,
        },
    );
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().ok()?;
    let info = reader.info();
    if info.width as usize > MAX_SIDE || info.height as usize > MAX_SIDE {
        return None;
    }
    let mut buf = vec![0; reader.output_buffer_size()?];
    let frame = reader.next_frame(&mut buf).ok()?;
    let data = &buf[..frame.buffer_size()];
    let channels = frame.color_type.samples();
    samples_colour(data, channels)
}

fn jpeg_colour(bytes: &[u8]) -> Option<Rgb> {
    use zune_jpeg::zune_core::bytestream::ZCursor;
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let options = DecoderOptions::default()
        .set_max_width(MAX_SIDE)
        .set_max_height(MAX_SIDE)
        .jpeg_set_out_colorspace(ColorSpace::RGB);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    let pixels = decoder.decode().ok()?;
    samples_colour(&pixels, 3)
}

/// The dominant colour of 8-bit samples with `channels` per pixel (1 grey, 2 grey and
/// alpha, 3 RGB, 4 RGBA).
pub fn samples_colour(data: &[u8], channels: usize) -> Option<Rgb> {
    match channels {
        3 => dominant_colour(data.chunks_exact(3).map(|p| (p[0], p[1], p[2], 255))),
        4 => dominant_colour(data.chunks_exact(4).map(|p| (p[0], p[1], p[2], p[3]))),
        1 => dominant_colour(data.iter().map(|&v| (v, v, v, 255))),
        2 => dominant_colour(data.chunks_exact(2).map(|p| (p[0], p[0], p[0], p[1]))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flat_disc_gives_its_colour_a_grey_dash_its_grey_and_black_none() {
        let mut px = vec![(0, 0, 0, 0); 100];
        px.extend(vec![(59, 165, 92, 255); 300]);
        px.extend(vec![(60, 166, 93, 255); 20]);
        px.extend(vec![(255, 255, 255, 255); 40]);
        assert_eq!(dominant_colour(px.into_iter()), Some(Rgb(59, 165, 92)));
        let mut dash = vec![(255, 255, 255, 255); 300];
        dash.extend(vec![(150, 150, 150, 255); 60]);
        assert_eq!(dominant_colour(dash.into_iter()), Some(Rgb(150, 150, 150)));
        let mut black = vec![(255, 255, 255, 255); 300];
        black.extend(vec![(20, 20, 20, 255); 60]);
        black.extend(vec![(128, 128, 128, 255); 40]);
        assert_eq!(dominant_colour(black.into_iter()), None);
        assert_eq!(dominant_colour(std::iter::empty()), None);
    }

    #[test]
    fn damaged_or_foreign_files_give_none() {
        assert_eq!(file_colour(b"\x89PNG\r\n\x1a\nbroken"), None);
        assert_eq!(file_colour(&[0xFF, 0xD8, 0xFF, 0x00]), None);
        assert_eq!(file_colour(b"GIF89a"), None);
    }
}
