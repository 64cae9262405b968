//! The content-stream interpreter: text state and matrices, graphics state, paths and
//! colours, form XObjects. It produces positioned glyphs, ruling segments and filled
//! rectangles in display space, and nothing else.

use std::collections::HashMap;
use std::sync::Arc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::colour::{ColourSpace, Paint};
use super::fonts::Font;
use super::geometry::{self, Bounds, Corner, Matrix};
use super::image;
use super::objects::{deref, number, numbers, stream_bytes};
use crate::colour::{Hue, Rgb};

/// A glyph placed on the page (display space: origin top-left, y down).
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Top of the glyph box.
    pub top: f32,
    /// Baseline.
    pub bottom: f32,
    /// Font size in display units.
    pub size: f32,
    /// The text (usually one character; ligatures give several).
    pub text: String,
    /// Whether the font is bold.
    pub bold: bool,
    /// Whether the font is italic.
    pub italic: bool,
    /// Whether the glyph runs left to right, upright.
    pub upright: bool,
    /// The fill colour the glyph is painted in, where it is a colour (not black, white
    /// or grey).
    pub colour: Option<Rgb>,
    /// The marked-content id (`/MCID`) of the innermost marked-content sequence of the
    /// page's own content stream around it, by which a tagged PDF's structure tree
    /// points at it.
    pub mcid: Option<u32>,
    /// Whether it is marked as an artifact (running headers, page numbers, repeated
    /// table headers: not part of the tagged content).
    pub artifact: bool,
}

/// A straight stroked or thin filled line, horizontal or vertical.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// Start x.
    pub x0: f32,
    /// Start y.
    pub y0: f32,
    /// End x.
    pub x1: f32,
    /// End y.
    pub y1: f32,
}

/// A filled rectangle with its colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FilledRect {
    /// Left.
    pub x0: f32,
    /// Top.
    pub y0: f32,
    /// Right.
    pub x1: f32,
    /// Bottom.
    pub y1: f32,
    /// Colour, when it can be told.
    pub colour: Option<Rgb>,
}

/// What a page shows.
#[derive(Debug, Default)]
pub struct PageContent {
    /// Glyphs in content order.
    pub glyphs: Vec<Glyph>,
    /// Horizontal and vertical rulings.
    pub segments: Vec<Segment>,
    /// Filled rectangles (cell backgrounds and more).
    pub fills: Vec<FilledRect>,
    /// Every marked-content id the page's content stream opens, drawn or not (a tagged
    /// element whose id is missing here points at nothing on the page).
    pub mcids: std::collections::HashSet<u32>,
}

/// Limits that keep a hostile page bounded.
/// Most operators run on one page.
pub const MAX_OPS: usize = 4_000_000;
const MAX_GLYPHS: usize = 1_000_000;
const MAX_SHAPES: usize = 400_000;
const MAX_FORM_DEPTH: usize = 12;
/// Largest status dot drawn as a vector shape, in points a side.
const MAX_DOT: f32 = 24.0;
/// Widest disc read as a list's bullet, in points.
const MAX_BULLET: f32 = 6.0;

impl Bounds {
    /// Whether both sides are between [`image::MIN_DRAWN`] and `max` points.
    fn sized(&self, max: f32) -> bool {
        let range = image::MIN_DRAWN..=max;
        range.contains(&(self.x1 - self.x0)) && range.contains(&(self.bottom - self.top))
    }

    /// Whether it is about as wide as high (neither side half again the other).
    fn round(&self) -> bool {
        let (w, h) = (self.x1 - self.x0, self.bottom - self.top);
        w <= h * 1.5 && h <= w * 1.5
    }
}

/// Most shape–glyph pairs a page compares to find type set on a drawn shape.
const MAX_COVER_CHECKS: usize = 20_000_000;
/// Most distinct images one page decodes as possible icons.
const MAX_ICONS: usize = 500;
const MAX_STACK: usize = 128;

/// An open marked-content sequence (`BMC`/`BDC` … `EMC`).
#[derive(Debug, Clone, Copy)]
struct Mark {
    /// Its `/MCID`, on the page's own content stream.
    mcid: Option<u32>,
    /// Whether it is an `/Artifact`.
    artifact: bool,
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    fill: Paint,
    stroke: Paint,
    char_spacing: f32,
    word_spacing: f32,
    h_scale: f32,
    leading: f32,
    font: Option<Arc<Font>>,
    font_size: f32,
    rise: f32,
    render: i64,
}

/// Fonts shared across pages, by object.
pub type FontCache = HashMap<ObjectId, Arc<Font>>;

/// Interprets a page.
pub struct Interpreter<'a> {
    doc: &'a Document,
    fonts: &'a mut FontCache,
    out: PageContent,
    ops: usize,
    /// Operators the whole document may still run (shared by its pages).
    ops_left: &'a mut usize,
    forms: Vec<ObjectId>,
    /// The font used where a named font is missing, made once.
    fallback: Option<Arc<Font>>,
    /// Fonts written inline in a resource dictionary (no object id), by address: a
    /// page that selects one again and again loads it once.
    inline_fonts: HashMap<usize, Arc<Font>>,
    /// Status colours of the image XObjects decoded on this page, by object.
    icons: HashMap<ObjectId, Option<Rgb>>,
    /// Open marked-content sequences, innermost last.
    marks: Vec<Mark>,
    /// Sequences opened past [`MAX_STACK`] and not recorded (their `EMC`s pop nothing).
    marks_over: usize,
    /// The glyphs put for drawn shapes (signs, bullets), by index, with the shape's box.
    drawn: Vec<(usize, Bounds)>,
}

impl<'a> Interpreter<'a> {
    /// A new interpreter writing into an empty [`PageContent`]; it runs at most
    /// `ops_left` operators (counting down), and at most [`MAX_OPS`] on this page.
    pub fn new(
        doc: &'a Document,
        fonts: &'a mut FontCache,
        ops_left: &'a mut usize,
    ) -> Interpreter<'a> {
        Interpreter {
            doc,
            fonts,
            out: PageContent::default(),
            ops: 0,
            ops_left,
            forms: Vec::new(),
            fallback: None,
            inline_fonts: HashMap::new(),
            icons: HashMap::new(),
            marks: Vec::new(),
            marks_over: 0,
            drawn: Vec::new(),
        }
    }

    /// Runs a content stream with its resources under `ctm`; returns what it showed.
    pub fn run(mut self, content: &[u8], resources: &[&'a Dictionary], ctm: Matrix) -> PageContent {
        let gs = GState {
            ctm,
            fill: Paint::black(),
            stroke: Paint::black(),
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            font: None,
            font_size: 0.0,
            rise: 0.0,
            render: 0,
        };
        self.stream(content, resources, gs);
        self.drop_backgrounds();
        self.out
    }

    /// A drawn shape with type set on it (a number badge: a coloured disc or rounded box
    /// with `3` in it) is the type's background, not a sign or a bullet of its own.
    fn drop_backgrounds(&mut self) {
        if self.drawn.is_empty() || self.drawn.len() * self.out.glyphs.len() > MAX_COVER_CHECKS {
            return;
        }
        let drawn: std::collections::HashSet<usize> = self.drawn.iter().map(|d| d.0).collect();
        let mut gone = std::collections::HashSet::new();
        for (i, b) in &self.drawn {
            let covers = self.out.glyphs.iter().enumerate().any(|(k, g)| {
                let (cx, cy) = ((g.x0 + g.x1) / 2.0, (g.top + g.bottom) / 2.0);
                !drawn.contains(&k) && cx > b.x0 && cx < b.x1 && cy > b.top && cy < b.bottom
            });
            if covers {
                gone.insert(*i);
            }
        }
        let mut k = 0;
        self.out.glyphs.retain(|_| {
            k += 1;
            !gone.contains(&(k - 1))
        });
    }

    fn resource(
        &self,
        resources: &[&'a Dictionary],
        kind: &[u8],
        name: &[u8],
    ) -> Option<(&'a Object, Option<ObjectId>)> {
        for dict in resources {
            let Ok(category) = dict.get(kind) else {
                continue;
            };
            let Ok(category) = deref(self.doc, category).as_dict() else {
                continue;
            };
            if let Ok(obj) = category.get(name) {
                let id = match obj {
                    Object::Reference(id) => Some(*id),
                    _ => None,
                };
                return Some((deref(self.doc, obj), id));
            }
        }
        None
    }

    fn font(&mut self, resources: &[&'a Dictionary], name: &[u8]) -> Arc<Font> {
        let Some((obj, id)) = self.resource(resources, b"Font", name) else {
            return self.fallback();
        };
        let address = obj as *const Object as usize;
        let cached = match id {
            Some(id) => self.fonts.get(&id),
            None => self.inline_fonts.get(&address),
        };
        if let Some(f) = cached {
            return f.clone();
        }
        let font = match obj.as_dict() {
            Ok(d) => Arc::new(Font::load(self.doc, d)),
            Err(_) => self.fallback(),
        };
        match id {
            Some(id) => self.fonts.insert(id, font.clone()),
            None => self.inline_fonts.insert(address, font.clone()),
        };
        font
    }

    fn fallback(&mut self) -> Arc<Font> {
        self.fallback
            .get_or_insert_with(|| Arc::new(Font::fallback()))
            .clone()
    }

    fn stream(&mut self, content: &[u8], resources: &[&'a Dictionary], mut gs: GState) {
        let doc = self.doc;
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        let mut path: Vec<Vec<(f32, f32)>> = Vec::new();
        // Each curve that rounds a corner: its subpath, its place there, the corner.
        let mut corners: Vec<Corner> = Vec::new();
        for op in Content::decode_iter(content) {
            let Ok(op) = op else { break };
            self.ops += 1;
            if self.ops > MAX_OPS || *self.ops_left == 0 {
                break;
            }
            *self.ops_left -= 1;
            let nums = |n: usize| -> Option<Vec<f32>> {
                let v: Vec<f32> = op.operands.iter().filter_map(|o| number(doc, o)).collect();
                (v.len() >= n).then_some(v)
            };
            match op.operator.as_str() {
                "q" if stack.len() < MAX_STACK => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    if let Some(m) = nums(6).and_then(|v| Matrix::from_slice(&v[v.len() - 6..])) {
                        gs.ctm = m.then(&gs.ctm);
                    }
                }
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                "Tc" => gs.char_spacing = nums(1).map_or(0.0, |v| v[0]),
                "Tw" => gs.word_spacing = nums(1).map_or(0.0, |v| v[0]),
                "Tz" => gs.h_scale = nums(1).map_or(100.0, |v| v[0]) / 100.0,
                "TL" => gs.leading = nums(1).map_or(0.0, |v| v[0]),
                "Ts" => gs.rise = nums(1).map_or(0.0, |v| v[0]),
                "Tr" => gs.render = nums(1).map_or(0, |v| v[0] as i64),
                "Tf" => {
                    if let Some(Object::Name(name)) = op.operands.first() {
                        gs.font = Some(self.font(resources, name));
                    }
                    gs.font_size = op
                        .operands
                        .get(1)
                        .and_then(|o| number(doc, o))
                        .unwrap_or(0.0);
                }
                "Td" | "TD" => {
                    if let Some(v) = nums(2) {
                        if op.operator == "TD" {
                            gs.leading = -v[1];
                        }
                        tlm = Matrix::translate(v[0], v[1]).then(&tlm);
                        tm = tlm;
                    }
                }
                "Tm" => {
                    if let Some(m) = nums(6).and_then(|v| Matrix::from_slice(&v[..6])) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" => {
                    if op.operator == "\"" {
                        if let Some(v) = nums(2) {
                            gs.word_spacing = v[0];
                            gs.char_spacing = v[1];
                        }
                    }
                    if op.operator != "Tj" {
                        tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                        tm = tlm;
                    }
                    if let Some(Object::String(bytes, _)) = op.operands.last() {
                        self.show(bytes, &gs, &mut tm);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = op.operands.first() {
                        for item in items {
                            match item {
                                Object::String(bytes, _) => self.show(bytes, &gs, &mut tm),
                                other => {
                                    if let Some(n) = number(doc, other) {
                                        let tx = -n / 1000.0 * gs.font_size * gs.h_scale;
                                        tm = Matrix::translate(tx, 0.0).then(&tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "m" => {
                    if let Some(v) = nums(2) {
                        path.push(vec![gs.ctm.apply(v[0], v[1])]);
                    }
                }
                "l" => {
                    if let (Some(v), Some(sub)) = (nums(2), path.last_mut()) {
                        sub.push(gs.ctm.apply(v[0], v[1]));
                    }
                }
                "c" | "v" | "y" => {
                    let need = if op.operator == "c" { 6 } else { 4 };
                    let at = path.len().wrapping_sub(1);
                    if let (Some(v), Some(sub)) = (nums(need), path.last_mut()) {
                        let p = |i: usize| gs.ctm.apply(v[i], v[i + 1]);
                        let end = p(need - 2);
                        if let Some(&start) = sub.last() {
                            let (c1, c2) = match op.operator.as_str() {
                                "c" => (p(0), p(2)),
                                "v" => (start, p(0)),
                                _ => (p(0), end),
                            };
                            if let Some(corner) = geometry::rounded_corner(start, c1, c2, end) {
                                corners.push(Corner {
                                    sub: at,
                                    point: sub.len(),
                                    at: corner,
                                });
                            }
                        }
                        // Curves are not rulings: poison the subpath with a non-axis
                        // point (a rounded corner is put back where the path is a box).
                        sub.push((f32::NAN, f32::NAN));
                        sub.push(end);
                    }
                }
                "h" => {
                    if let Some(sub) = path.last_mut() {
                        if let Some(&first) = sub.first() {
                            sub.push(first);
                        }
                    }
                }
                "re" => {
                    if let Some(v) = nums(4) {
                        let (x, y, w, h) = (v[0], v[1], v[2], v[3]);
                        let pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
                        path.push(pts.iter().map(|&(a, b)| gs.ctm.apply(a, b)).collect());
                    }
                }
                "S" | "s" => {
                    geometry::square_corners(&mut path, &corners, MAX_DOT);
                    self.stroke(&path);
                    path.clear();
                    corners.clear();
                }
                "f" | "F" | "f*" => {
                    geometry::square_corners(&mut path, &corners, MAX_DOT);
                    self.fill(&path, &gs.fill);
                    path.clear();
                    corners.clear();
                }
                "B" | "B*" | "b" | "b*" => {
                    geometry::square_corners(&mut path, &corners, MAX_DOT);
                    self.fill(&path, &gs.fill);
                    self.stroke(&path);
                    path.clear();
                    corners.clear();
                }
                "n" => {
                    path.clear();
                    corners.clear();
                }
                "g" | "rg" | "k" => {
                    let space = match op.operator.as_str() {
                        "g" => ColourSpace::Gray,
                        "rg" => ColourSpace::Rgb,
                        _ => ColourSpace::Cmyk,
                    };
                    gs.fill = Paint::new(space, nums(0).unwrap_or_default());
                }
                "G" | "RG" | "K" => {
                    let space = match op.operator.as_str() {
                        "G" => ColourSpace::Gray,
                        "RG" => ColourSpace::Rgb,
                        _ => ColourSpace::Cmyk,
                    };
                    gs.stroke = Paint::new(space, nums(0).unwrap_or_default());
                }
                "cs" | "CS" => {
                    let space = op
                        .operands
                        .first()
                        .map(|o| self.colour_space(resources, o))
                        .unwrap_or(ColourSpace::Gray);
                    let paint = Paint::new(space.clone(), space.initial());
                    if op.operator == "cs" {
                        gs.fill = paint;
                    } else {
                        gs.stroke = paint;
                    }
                }
                "sc" | "scn" => gs.fill = gs.fill.with(nums(0).unwrap_or_default()),
                "SC" | "SCN" => gs.stroke = gs.stroke.with(nums(0).unwrap_or_default()),
                "Do" => {
                    if let Some(Object::Name(name)) = op.operands.first() {
                        self.xobject(resources, name, &gs);
                    }
                }
                "BMC" | "BDC" => self.begin_mark(resources, &op.operands),
                "EMC" => {
                    if self.marks_over > 0 {
                        self.marks_over -= 1;
                    } else {
                        self.marks.pop();
                    }
                }
                _ => {}
            }
        }
    }

    /// Opens a marked-content sequence: its tag (`/Artifact`) and its properties, given
    /// inline or named in the resources' `/Properties`. Ids inside form XObjects number
    /// the form's own stream, not the page's, and are not recorded.
    fn begin_mark(&mut self, resources: &[&'a Dictionary], operands: &[Object]) {
        if self.marks.len() >= MAX_STACK {
            self.marks_over += 1;
            return;
        }
        let artifact = matches!(operands.first(), Some(Object::Name(n)) if n == b"Artifact");
        let props = match operands.get(1) {
            Some(Object::Name(name)) => self
                .resource(resources, b"Properties", name)
                .and_then(|(o, _)| o.as_dict().ok()),
            Some(o) => deref(self.doc, o).as_dict().ok(),
            None => None,
        };
        let mcid = props
            .and_then(|d| d.get(b"MCID").ok())
            .and_then(|o| deref(self.doc, o).as_i64().ok())
            .and_then(|n| u32::try_from(n).ok())
            .filter(|_| self.forms.is_empty());
        if let Some(id) = mcid {
            if self.out.mcids.len() < MAX_GLYPHS {
                self.out.mcids.insert(id);
            }
        }
        self.marks.push(Mark { mcid, artifact });
    }

    /// The marked-content id and artifact flag of what is drawn now.
    fn mark(&self) -> (Option<u32>, bool) {
        let mcid = self.marks.iter().rev().find_map(|m| m.mcid);
        (mcid, self.marks.iter().any(|m| m.artifact))
    }

    fn colour_space(&self, resources: &[&'a Dictionary], obj: &Object) -> ColourSpace {
        match obj {
            Object::Name(n) => match n.as_slice() {
                b"DeviceGray" | b"G" | b"CalGray" => ColourSpace::Gray,
                b"DeviceRGB" | b"RGB" | b"CalRGB" => ColourSpace::Rgb,
                b"DeviceCMYK" | b"CMYK" => ColourSpace::Cmyk,
                b"Pattern" => ColourSpace::Unknown,
                name => match self.resource(resources, b"ColorSpace", name) {
                    Some((o, _)) => ColourSpace::from_object(self.doc, o, 0),
                    None => ColourSpace::Unknown,
                },
            },
            other => ColourSpace::from_object(self.doc, other, 0),
        }
    }

    fn xobject(&mut self, resources: &[&'a Dictionary], name: &[u8], gs: &GState) {
        let Some((obj, id)) = self.resource(resources, b"XObject", name) else {
            return;
        };
        let Object::Stream(stream) = obj else { return };
        let subtype = stream
            .dict
            .get(b"Subtype")
            .ok()
            .and_then(|o| o.as_name().ok());
        if subtype == Some(b"Image".as_slice()) {
            self.image(obj, id, gs);
            return;
        }
        if subtype != Some(b"Form".as_slice()) {
            return;
        }
        if self.forms.len() >= MAX_FORM_DEPTH || id.is_some_and(|id| self.forms.contains(&id)) {
            return;
        }
        let Some(bytes) = stream_bytes(self.doc, obj) else {
            return;
        };
        let matrix = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| Matrix::from_slice(&numbers(self.doc, o)))
            .unwrap_or(Matrix::IDENTITY);
        let mut inner: Vec<&'a Dictionary> = Vec::new();
        if let Some(d) = stream
            .dict
            .get(b"Resources")
            .ok()
            .map(|o| deref(self.doc, o))
            .and_then(|o| o.as_dict().ok())
        {
            inner.push(d);
        }
        inner.extend_from_slice(resources);
        let mut form_gs = gs.clone();
        form_gs.ctm = matrix.then(&gs.ctm);
        self.forms.push(id.unwrap_or((0, 0)));
        let (marks, over) = (self.marks.len(), self.marks_over);
        self.stream(&bytes, &inner, form_gs);
        self.marks.truncate(marks);
        self.marks_over = over;
        self.forms.pop();
    }

    /// Puts a sign (`●`) in `colour` over `bounds`, standing for a status icon or dot.
    fn sign(&mut self, bounds: Bounds, colour: Rgb) {
        let size = bounds.bottom - bounds.top;
        self.drawn_glyph(
            bounds,
            (bounds.top, bounds.bottom, size),
            crate::read::icon::SIGN,
            Some(colour),
        );
    }

    /// A glyph for something drawn rather than set in type (a status sign, a list's
    /// bullet): the shape's left and right, the given top, bottom and size.
    fn drawn_glyph(
        &mut self,
        b: Bounds,
        (top, bottom, size): (f32, f32, f32),
        text: &str,
        colour: Option<Rgb>,
    ) {
        if self.out.glyphs.len() >= MAX_GLYPHS {
            return;
        }
        let (mcid, artifact) = self.mark();
        self.drawn.push((self.out.glyphs.len(), b));
        self.out.glyphs.push(Glyph {
            x0: b.x0,
            x1: b.x1,
            top,
            bottom,
            size,
            text: text.to_string(),
            bold: false,
            italic: false,
            upright: true,
            colour,
            mcid,
            artifact,
        });
    }

    /// A small round shape filled in a colour (one subpath of curves, about as wide as
    /// high: a status dot drawn as vectors, as browsers print a rounded box and office
    /// programs a circle shape) is a sign in that colour, like an icon image.
    /// A small round shape in black or grey is a list item's bullet, as browsers print
    /// the disc of a list (a `•` where it stands, as tall as the text beside it).
    fn dot(&mut self, sub: &[(f32, f32)], paint: &Paint) {
        if !sub.iter().any(|p| p.0.is_nan()) {
            return;
        }
        let points: Vec<(f32, f32)> = sub
            .iter()
            .copied()
            .filter(|p| p.0.is_finite() && p.1.is_finite())
            .collect();
        let b = Bounds::of(&points);
        if points.len() < 4 || !b.sized(MAX_DOT) || !b.round() {
            return;
        }
        match paint.rgb() {
            Some(colour) if colour.is_coloured() => self.sign(b, colour),
            Some(_) if b.x1 - b.x0 <= MAX_BULLET => self.bullet(b),
            _ => {}
        }
    }

    /// A bullet drawn as a disc, as a glyph `•` centred on it, its height that of text
    /// whose bullet it is (a disc is about a third of the type size).
    fn bullet(&mut self, b: Bounds) {
        let d = b.x1 - b.x0;
        let (mid, size) = ((b.top + b.bottom) / 2.0, 3.0 * d);
        self.drawn_glyph(b, (mid - 0.6 * size, mid + 0.4 * size, size), "•", None);
    }

    /// An image drawn small enough to be a status icon becomes a sign (`●`) in its
    /// dominant colour where it stands, so that the cell holding it reads like a cell
    /// holding a coloured sign.
    fn image(&mut self, obj: &Object, id: Option<ObjectId>, gs: &GState) {
        let corners =
            [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].map(|(x, y)| gs.ctm.apply(x, y));
        let b = Bounds::of(&corners);
        if !b.sized(image::MAX_DRAWN) || self.out.glyphs.len() >= MAX_GLYPHS {
            return;
        }
        let colour = match id.and_then(|id| self.icons.get(&id)) {
            Some(c) => *c,
            None if self.icons.len() >= MAX_ICONS => return,
            None => {
                let c = image::colour(self.doc, obj);
                if let Some(id) = id {
                    self.icons.insert(id, c);
                }
                c
            }
        };
        if let Some(colour) = colour {
            self.sign(b, colour);
        }
    }

    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut Matrix) {
        let Some(font) = gs.font.clone() else { return };
        let size = gs.font_size;
        for (code, len) in font.codes(bytes) {
            let w0 = font.width(code);
            let trm = Matrix([size * gs.h_scale, 0.0, 0.0, size, 0.0, gs.rise])
                .then(tm)
                .then(&gs.ctm);
            let text = font.text(code);
            if !text.is_empty() && gs.render != 7 && self.out.glyphs.len() < MAX_GLYPHS {
                let (ox, oy) = trm.apply(0.0, 0.0);
                let (ex, ey) = trm.apply(w0, 0.0);
                let (tx, ty) = trm.apply(0.0, 0.75);
                let (_, dy) = trm.apply(0.0, -0.2);
                let upright =
                    (ey - oy).abs() < 0.01 * (ex - ox).abs().max(0.01) && ex >= ox && ty < oy;
                let glyph_size = ((tx - ox).powi(2) + (ty - oy).powi(2)).sqrt() / 0.75;
                if glyph_size.is_finite() && ox.is_finite() && oy.is_finite() {
                    let (mcid, artifact) = self.mark();
                    self.out.glyphs.push(Glyph {
                        x0: ox.min(ex),
                        x1: ox.max(ex),
                        top: ty.min(oy),
                        bottom: if upright { oy } else { dy.max(oy) },
                        size: glyph_size,
                        text,
                        bold: font.bold || gs.render == 2,
                        italic: font.italic,
                        upright,
                        colour: gs
                            .fill
                            .rgb()
                            .filter(|c| c.is_coloured() || c.hue() == Hue::Grey),
                        mcid,
                        artifact,
                    });
                }
            }
            let spacing = gs.char_spacing
                + if font.is_space(code, len) {
                    gs.word_spacing
                } else {
                    0.0
                };
            let tx = (w0 * size + spacing) * gs.h_scale;
            *tm = Matrix::translate(tx, 0.0).then(tm);
        }
    }

    fn stroke(&mut self, path: &[Vec<(f32, f32)>]) {
        for sub in path {
            for pair in sub.windows(2) {
                let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
                if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
                    continue;
                }
                let horizontal = (y1 - y0).abs() < 1.0 && (x1 - x0).abs() >= 1.0;
                let vertical = (x1 - x0).abs() < 1.0 && (y1 - y0).abs() >= 1.0;
                if (horizontal || vertical) && self.out.segments.len() < MAX_SHAPES {
                    self.out.segments.push(Segment {
                        x0: x0.min(x1),
                        y0: y0.min(y1),
                        x1: x0.max(x1),
                        y1: y0.max(y1),
                    });
                }
            }
        }
    }

    fn fill(&mut self, path: &[Vec<(f32, f32)>], paint: &Paint) {
        if let [sub] = path {
            self.dot(sub, paint);
        }
        for sub in path {
            if sub.len() < 4 || sub.iter().any(|(x, y)| !x.is_finite() || !y.is_finite()) {
                continue;
            }
            // Axis-aligned rectangles only: every edge horizontal or vertical.
            let axis = sub
                .windows(2)
                .all(|p| (p[0].0 - p[1].0).abs() < 0.5 || (p[0].1 - p[1].1).abs() < 0.5);
            if !axis {
                continue;
            }
            let x0 = sub.iter().map(|p| p.0).fold(f32::INFINITY, f32::min);
            let x1 = sub.iter().map(|p| p.0).fold(f32::NEG_INFINITY, f32::max);
            let y0 = sub.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
            let y1 = sub.iter().map(|p| p.1).fold(f32::NEG_INFINITY, f32::max);
            let (w, h) = (x1 - x0, y1 - y0);
            if self.out.fills.len() + self.out.segments.len() >= MAX_SHAPES {
                return;
            }
            if h <= 2.5 && w > 2.0 {
                let y = (y0 + y1) / 2.0;
                self.out.segments.push(Segment {
                    x0,
                    y0: y,
                    x1,
                    y1: y,
                });
            } else if w <= 2.5 && h > 2.0 {
                let x = (x0 + x1) / 2.0;
                self.out.segments.push(Segment {
                    x0: x,
                    y0,
                    x1: x,
                    y1,
                });
            } else if w > 2.0 && h > 2.0 {
                self.out.fills.push(FilledRect {
                    x0,
                    y0,
                    x1,
                    y1,
                    colour: paint.rgb(),
                });
            }
        }
    }
}
