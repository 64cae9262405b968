//! Form fields: the values a PDF form shows in its fields (text fields, choices, check
//! boxes) are drawn by each widget annotation's appearance stream, outside the page's
//! content. They are read as the page shows them: each appearance drawn in its
//! annotation's rectangle, as a form XObject placed there (PDF 32000-1, 12.5.5).

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::geometry::Matrix;
use super::objects::{deref, numbers};

/// Most annotations of a page whose appearances are read.
const MAX_ANNOTS: usize = 2_000;

/// The content stream and resources that draw a page's widget appearances: one
/// `q … cm /Name Do Q` per shown annotation with a normal appearance, and a resource
/// dictionary naming those appearances (with the form's default resources, for
/// appearances that name fonts without resources of their own). `None` where the page
/// has none.
pub fn appearances(doc: &Document, page: &Dictionary) -> Option<(Vec<u8>, Dictionary)> {
    let annots = deref(doc, page.get(b"Annots").ok()?).as_array().ok()?;
    let mut content = Vec::new();
    let mut xobjects = Dictionary::new();
    for (k, annot) in annots.iter().take(MAX_ANNOTS).enumerate() {
        let Ok(a) = deref(doc, annot).as_dict() else {
            continue;
        };
        let subtype = a.get(b"Subtype").ok().and_then(|o| o.as_name().ok());
        if !matches!(subtype, Some(b"Widget" | b"FreeText")) {
            continue;
        }
        // Hidden (2), or not shown on the screen (32).
        let flags = a
            .get(b"F")
            .ok()
            .and_then(|o| deref(doc, o).as_i64().ok())
            .unwrap_or(0);
        if flags & (2 | 32) != 0 {
            continue;
        }
        let Some(id) = normal_appearance(doc, a) else {
            continue;
        };
        let Ok(Object::Stream(stream)) = doc.get_object(id) else {
            continue;
        };
        let rect = a.get(b"Rect").map(|o| numbers(doc, o)).unwrap_or_default();
        let bbox = stream
            .dict
            .get(b"BBox")
            .map(|o| numbers(doc, o))
            .unwrap_or_default();
        let matrix = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| Matrix::from_slice(&numbers(doc, o)))
            .unwrap_or(Matrix::IDENTITY);
        let Some(place) = placement(&rect, &bbox, &matrix) else {
            continue;
        };
        let name = format!("PlanliftAp{k}");
        let [a, b, c, d, e, f] = place.0;
        content
            .extend_from_slice(format!("q {a} {b} {c} {d} {e} {f} cm /{name} Do Q\n").as_bytes());
        xobjects.set(name.into_bytes(), Object::Reference(id));
    }
    if content.is_empty() {
        return None;
    }
    let mut resources = default_resources(doc).unwrap_or_default();
    resources.set("XObject", Object::Dictionary(xobjects));
    Some((content, resources))
}

/// The form's default resources (`/AcroForm /DR`): the fonts its fields' appearances
/// name.
fn default_resources(doc: &Document) -> Option<Dictionary> {
    let root = deref(doc, doc.trailer.get(b"Root").ok()?).as_dict().ok()?;
    let form = deref(doc, root.get(b"AcroForm").ok()?).as_dict().ok()?;
    let dr = deref(doc, form.get(b"DR").ok()?).as_dict().ok()?;
    let mut out = Dictionary::new();
    if let Ok(fonts) = dr.get(b"Font") {
        out.set("Font", fonts.clone());
    }
    Some(out)
}

/// The normal appearance of an annotation: `/AP /N`, a stream, or the one that `/AS`
/// names in a dictionary of states (a check box's `/Yes`).
fn normal_appearance(doc: &Document, annot: &Dictionary) -> Option<ObjectId> {
    let ap = deref(doc, annot.get(b"AP").ok()?).as_dict().ok()?;
    match ap.get(b"N").ok()? {
        Object::Reference(id) => match doc.get_object(*id).ok()? {
            Object::Stream(_) => Some(*id),
            Object::Dictionary(states) => state(annot, states),
            _ => None,
        },
        Object::Dictionary(states) => state(annot, states),
        _ => None,
    }
}

/// The appearance of the state an annotation is in, among `states`.
fn state(annot: &Dictionary, states: &Dictionary) -> Option<ObjectId> {
    let on = annot.get(b"AS").ok()?.as_name().ok()?;
    match states.get(on).ok()? {
        Object::Reference(id) => Some(*id),
        _ => None,
    }
}

/// The matrix that sets an appearance whose box is `bbox` (under its own `matrix`) into
/// the annotation's rectangle `rect`: the box as the matrix turns it, scaled and moved
/// onto the rectangle.
fn placement(rect: &[f32], bbox: &[f32], matrix: &Matrix) -> Option<Matrix> {
    let [x0, y0, x1, y1] = <[f32; 4]>::try_from(rect).ok()?;
    let [b0, b1, b2, b3] = <[f32; 4]>::try_from(bbox).ok()?;
    let corners = [(b0, b1), (b2, b1), (b0, b3), (b2, b3)].map(|(x, y)| matrix.apply(x, y));
    let span = |v: [f32; 4]| {
        (
            v.iter().copied().fold(f32::INFINITY, f32::min),
            v.iter().copied().fold(f32::NEG_INFINITY, f32::max),
        )
    };
    let (bx0, bx1) = span(corners.map(|c| c.0));
    let (by0, by1) = span(corners.map(|c| c.1));
    let (rx0, rx1) = (x0.min(x1), x0.max(x1));
    let (ry0, ry1) = (y0.min(y1), y0.max(y1));
    let (w, h) = (bx1 - bx0, by1 - by0);
    if !(w > 0.0 && h > 0.0) {
        return None;
    }
    let (sx, sy) = ((rx1 - rx0) / w, (ry1 - ry0) / h);
    let m = Matrix([sx, 0.0, 0.0, sy, rx0 - bx0 * sx, ry0 - by0 * sy]);
    m.0.iter().all(|v| v.is_finite()).then_some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_appearance_is_set_into_its_rectangle() {
        // A box of 100 × 20 drawn at the origin, into a field at (50, 700)–(250, 720).
        let m = placement(
            &[50.0, 700.0, 250.0, 720.0],
            &[0.0, 0.0, 100.0, 20.0],
            &Matrix::IDENTITY,
        )
        .expect("a placement");
        assert_eq!(m.apply(0.0, 0.0), (50.0, 700.0));
        assert_eq!(m.apply(100.0, 20.0), (250.0, 720.0));
        assert!(placement(
            &[0.0, 0.0, 1.0, 1.0],
            &[0.0, 0.0, 0.0, 0.0],
            &Matrix::IDENTITY
        )
        .is_none());
        assert!(placement(&[0.0, 0.0, 1.0], &[0.0, 0.0, 1.0, 1.0], &Matrix::IDENTITY).is_none());
    }
}
