//! PDF colour spaces to `#RRGGBB`: DeviceGray/RGB/CMYK, ICCBased by component count,
//! Indexed through its lookup table, Separation/DeviceN approximated by tint.

use lopdf::{Document, Object};

use super::objects::{deref, name_of, number, stream_bytes};
use crate::colour::Rgb;

/// A colour space as far as planlift needs it.
#[derive(Debug, Clone, PartialEq)]
pub enum ColourSpace {
    /// One component.
    Gray,
    /// Three components.
    Rgb,
    /// Four components.
    Cmyk,
    /// An index into a palette of `base` colours.
    Indexed {
        base: Box<ColourSpace>,
        lookup: Vec<u8>,
    },
    /// A spot colour: one tint, shown as a grey of that darkness.
    Tint,
    /// Patterns and spaces we cannot turn into RGB.
    Unknown,
}

impl ColourSpace {
    /// Reads a colour space object (`/DeviceRGB`, `[/ICCBased 5 0 R]`, `[/Indexed …]`).
    pub fn from_object(doc: &Document, obj: &Object, depth: usize) -> ColourSpace {
        if depth > 4 {
            return ColourSpace::Unknown;
        }
        match deref(doc, obj) {
            Object::Name(n) => match n.as_slice() {
                b"DeviceGray" | b"CalGray" | b"G" => ColourSpace::Gray,
                b"DeviceRGB" | b"CalRGB" | b"RGB" => ColourSpace::Rgb,
                b"DeviceCMYK" | b"CMYK" => ColourSpace::Cmyk,
                _ => ColourSpace::Unknown,
            },
            Object::Array(items) => {
                let family = items
                    .first()
                    .and_then(|o| name_of(doc, o))
                    .unwrap_or_default();
                match family.as_str() {
                    "ICCBased" => {
                        let n = items
                            .get(1)
                            .map(|o| deref(doc, o))
                            .and_then(|o| o.as_stream().ok())
                            .and_then(|s| s.dict.get(b"N").ok())
                            .and_then(|o| number(doc, o))
                            .unwrap_or(3.0);
                        match n as i64 {
                            1 => ColourSpace::Gray,
                            4 => ColourSpace::Cmyk,
                            _ => ColourSpace::Rgb,
                        }
                    }
                    "CalRGB" | "Lab" => ColourSpace::Rgb,
                    "CalGray" => ColourSpace::Gray,
                    "Indexed" | "I" => {
                        let base = items
                            .get(1)
                            .map(|o| ColourSpace::from_object(doc, o, depth + 1))
                            .unwrap_or(ColourSpace::Rgb);
                        let lookup = match items.get(3).map(|o| deref(doc, o)) {
                            Some(Object::String(bytes, _)) => bytes.clone(),
                            Some(stream @ Object::Stream(_)) => {
                                stream_bytes(doc, stream).unwrap_or_default()
                            }
                            _ => Vec::new(),
                        };
                        ColourSpace::Indexed {
                            base: Box::new(base),
                            lookup,
                        }
                    }
                    "Separation" | "DeviceN" => ColourSpace::Tint,
                    _ => ColourSpace::Unknown,
                }
            }
            _ => ColourSpace::Unknown,
        }
    }

    /// Component values of the space's initial colour (black).
    pub fn initial(&self) -> Vec<f32> {
        match self {
            ColourSpace::Gray | ColourSpace::Indexed { .. } => vec![0.0],
            ColourSpace::Rgb => vec![0.0, 0.0, 0.0],
            ColourSpace::Cmyk => vec![0.0, 0.0, 0.0, 1.0],
            ColourSpace::Tint => vec![1.0],
            ColourSpace::Unknown => Vec::new(),
        }
    }

    /// The colour of component values `v` in this space.
    pub fn rgb(&self, v: &[f32]) -> Option<Rgb> {
        let byte = |x: f32| (x.clamp(0.0, 1.0) * 255.0).round() as u8;
        match self {
            ColourSpace::Gray => v.first().map(|&g| Rgb(byte(g), byte(g), byte(g))),
            ColourSpace::Rgb if v.len() >= 3 => Some(Rgb(byte(v[0]), byte(v[1]), byte(v[2]))),
            ColourSpace::Cmyk if v.len() >= 4 => {
                let (c, m, y, k) = (v[0], v[1], v[2], v[3]);
                Some(Rgb(
                    byte((1.0 - c) * (1.0 - k)),
                    byte((1.0 - m) * (1.0 - k)),
                    byte((1.0 - y) * (1.0 - k)),
                ))
            }
            ColourSpace::Indexed { base, lookup } => {
                let n = match base.as_ref() {
                    ColourSpace::Gray => 1,
                    ColourSpace::Cmyk => 4,
                    _ => 3,
                };
                let i = v.first().copied().unwrap_or(0.0).max(0.0) as usize * n;
                let entry: Vec<f32> = lookup
                    .get(i..i + n)?
                    .iter()
                    .map(|&b| b as f32 / 255.0)
                    .collect();
                base.rgb(&entry)
            }
            ColourSpace::Tint => v
                .first()
                .map(|&t| Rgb(byte(1.0 - t), byte(1.0 - t), byte(1.0 - t))),
            _ => None,
        }
    }
}

/// A colour space with its current component values.
#[derive(Debug, Clone, PartialEq)]
pub struct Paint {
    space: ColourSpace,
    values: Vec<f32>,
}

impl Paint {
    /// Black in DeviceGray.
    pub fn black() -> Paint {
        Paint {
            space: ColourSpace::Gray,
            values: vec![0.0],
        }
    }

    /// A paint in `space` with `values`.
    pub fn new(space: ColourSpace, values: Vec<f32>) -> Paint {
        Paint { space, values }
    }

    /// The same space with new values.
    pub fn with(&self, values: Vec<f32>) -> Paint {
        Paint {
            space: self.space.clone(),
            values,
        }
    }

    /// The colour as RGB, when the space allows.
    pub fn rgb(&self) -> Option<Rgb> {
        self.space.rgb(&self.values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_device_spaces() {
        assert_eq!(
            Paint::new(ColourSpace::Rgb, vec![1.0, 0.0, 0.0]).rgb(),
            Some(Rgb(255, 0, 0))
        );
        assert_eq!(
            Paint::new(ColourSpace::Gray, vec![1.0]).rgb(),
            Some(Rgb(255, 255, 255))
        );
        assert_eq!(
            Paint::new(ColourSpace::Cmyk, vec![0.0, 0.0, 0.0, 1.0]).rgb(),
            Some(Rgb(0, 0, 0))
        );
        let indexed = ColourSpace::Indexed {
            base: Box::new(ColourSpace::Rgb),
            lookup: vec![0, 0, 0, 0, 176, 80],
        };
        assert_eq!(Paint::new(indexed, vec![1.0]).rgb(), Some(Rgb(0, 176, 80)));
    }
}
