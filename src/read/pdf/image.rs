//! Image XObjects as status icons: a small image drawn on the page (a coloured disc, a
//! check mark in a circle) is decoded to its dominant colour ([`crate::read::icon`]),
//! which the page then carries as a coloured sign (`●`) where the image stands. Samples
//! are read in DeviceGray/RGB/CMYK, ICCBased and Indexed spaces at 8 bits (Flate, LZW or
//! no filter, through the document's inflation budget) or from a JPEG (DCTDecode); a
//! soft mask (`SMask`) gives the alpha, so a transparent ground does not count.

use lopdf::{Document, Object, Stream};

use super::colour::ColourSpace;
use super::objects::{deref, number, stream_bytes};
use crate::colour::Rgb;
use crate::read::icon;

/// Largest drawn size of an icon, in points (about 1.4 cm): larger images are pictures.
pub const MAX_DRAWN: f32 = 40.0;

/// Smallest drawn size of an icon, in points.
pub const MIN_DRAWN: f32 = 3.0;

fn int(doc: &Document, s: &Stream, key: &[u8]) -> Option<usize> {
    s.dict
        .get(key)
        .ok()
        .and_then(|o| number(doc, o))
        .filter(|n| *n >= 0.0)
        .map(|n| n as usize)
}

fn filters(s: &Stream) -> Vec<Vec<u8>> {
    s.filters()
        .map(|f| f.into_iter().map(|n| n.to_vec()).collect())
        .unwrap_or_default()
}

/// The 8-bit samples of a one-component soft mask of `width` × `height`, if it has one.
fn alpha(doc: &Document, s: &Stream, width: usize, height: usize) -> Option<Vec<u8>> {
    let mask = deref(doc, s.dict.get(b"SMask").ok()?).as_stream().ok()?;
    if int(doc, mask, b"Width")? != width
        || int(doc, mask, b"Height")? != height
        || int(doc, mask, b"BitsPerComponent")? != 8
    {
        return None;
    }
    let mut bytes = stream_bytes(doc, &Object::Stream(mask.clone()))?;
    // `/Decode [1 0]` inverts the mask (LibreOffice writes its masks so).
    let decode = mask
        .dict
        .get(b"Decode")
        .ok()
        .map(|o| super::objects::numbers(doc, o))
        .unwrap_or_default();
    if decode.len() == 2 && decode[0] > decode[1] {
        bytes.iter_mut().for_each(|b| *b = 255 - *b);
    }
    (bytes.len() >= width * height).then_some(bytes)
}

/// The status colour of an image XObject, or `None` when it is too large to be an icon,
/// in a form not decoded here, or has no saturated colour.
pub fn colour(doc: &Document, obj: &Object) -> Option<Rgb> {
    let s = deref(doc, obj).as_stream().ok()?;
    let width = int(doc, s, b"Width")?;
    let height = int(doc, s, b"Height")?;
    if width == 0 || height == 0 || width > icon::MAX_SIDE || height > icon::MAX_SIDE {
        return None;
    }
    if s.dict
        .get(b"ImageMask")
        .ok()
        .and_then(|o| o.as_bool().ok())
        .unwrap_or(false)
    {
        return None;
    }
    let alpha = alpha(doc, s, width, height);
    let filters = filters(s);
    if filters.iter().any(|f| f == b"DCTDecode" || f == b"DCT") {
        if filters.len() != 1 || s.content.len() > icon::MAX_FILE {
            return None;
        }
        // The ground a mask hides is near white or black after JPEG, so the colour of
        // the opaque pixels decides; the mask is not needed.
        return icon::file_colour(&s.content);
    }
    if int(doc, s, b"BitsPerComponent") != Some(8) {
        return None;
    }
    let space = ColourSpace::from_object(doc, s.dict.get(b"ColorSpace").ok()?, 0);
    let channels = match &space {
        ColourSpace::Gray => 1,
        ColourSpace::Rgb => 3,
        ColourSpace::Cmyk => 4,
        ColourSpace::Indexed { .. } => 1,
        _ => return None,
    };
    let samples = stream_bytes(doc, obj)?;
    let n = width * height;
    if samples.len() < n * channels {
        return None;
    }
    let pixel = |i: usize| -> Option<(u8, u8, u8)> {
        let p = &samples[i * channels..(i + 1) * channels];
        match &space {
            ColourSpace::Rgb => Some((p[0], p[1], p[2])),
            ColourSpace::Gray => Some((p[0], p[0], p[0])),
            ColourSpace::Cmyk => {
                let k = 255 - u16::from(p[3]);
                let c = |x: u8| ((255 - u16::from(x)) * k / 255) as u8;
                Some((c(p[0]), c(p[1]), c(p[2])))
            }
            ColourSpace::Indexed { .. } => {
                let rgb = space.rgb(&[f32::from(p[0])])?;
                Some((rgb.0, rgb.1, rgb.2))
            }
            _ => None,
        }
    };
    icon::dominant_colour((0..n).filter_map(|i| {
        let (r, g, b) = pixel(i)?;
        let a = alpha.as_ref().map_or(255, |m| m[i]);
        Some((r, g, b, a))
    }))
}
