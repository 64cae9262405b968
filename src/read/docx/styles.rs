//! The styles part (`word/styles.xml`) and the numbering part (`word/numbering.xml`) of
//! a Word package, read in one streaming pass each.
//!
//! The Word reader needs only a few facts from these parts: each style's id, name,
//! outline level, list numbering and the style it is based on; each list level's number
//! format, label template and start. A style sheet is often far larger than the
//! document (python-docx's default template carries 350 KB of latent and table styles),
//! so instead of building docx-rs's full model of it, the facts are picked out of the
//! event stream of [`xml_guard::walk`], which checks the part in the same pass.
//!
//! Elements are matched by local name (any namespace prefix), as docx-rs does. Values
//! that do not parse (`w:ilvl w:val="x"`) leave out what they would have set instead of
//! failing the document.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

use crate::error::ReadError;
use crate::read::xml_guard;

/// What a style definition (`w:style`) says that the Word reader uses.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct StyleDef {
    /// `w:styleId`.
    pub id: String,
    /// `w:name/@w:val`.
    pub name: String,
    /// `w:basedOn/@w:val`.
    pub based_on: Option<String>,
    /// `w:pPr/w:outlineLvl/@w:val` (0 is the top level).
    pub outline_level: Option<usize>,
    /// `w:pPr/w:numPr`: (`w:numId`, `w:ilvl`, 0 when absent); `None` without a `w:numId`.
    pub numbering: Option<(usize, usize)>,
    /// `w:rPr/w:b`: bold set on or off.
    pub bold: Option<bool>,
    /// `w:rPr/w:i`: italic set on or off.
    pub italic: Option<bool>,
    /// `w:rPr/w:sz/@w:val`: the type size in half-points.
    pub half_points: Option<usize>,
    /// `@w:default="1"` on a paragraph style: the style of paragraphs that name none.
    pub default_paragraph: bool,
}

/// The id under which [`read_styles`] gives the document defaults
/// (`w:docDefaults/w:rPrDefault/w:rPr`) as a style.
pub const DOC_DEFAULTS: &str = ":docDefaults";

/// A toggle property (`<w:b/>`, `<w:b w:val="0"/>`): on unless its value says off.
fn toggle(e: &BytesStart) -> bool {
    !matches!(attr(e, b"val").as_deref(), Some("0" | "false" | "off"))
}

/// One list level (`w:lvl`) of an abstract numbering or of a level override.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelDef {
    /// `w:ilvl` (0 when absent).
    pub level: usize,
    /// `w:numFmt/@w:val` (`decimal` when absent).
    pub format: String,
    /// `w:lvlText/@w:val`, the label template (`%1.`); empty when absent.
    pub text: String,
    /// `w:start/@w:val` (0 when absent, as the schema's default).
    pub start: usize,
}

impl LevelDef {
    fn new(level: usize) -> LevelDef {
        LevelDef {
            level,
            format: "decimal".into(),
            text: String::new(),
            start: 0,
        }
    }
}

/// An abstract numbering (`w:abstractNum`): its levels.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct AbstractNum {
    id: usize,
    levels: Vec<LevelDef>,
}

/// A numbering instance (`w:num`): the abstract numbering it uses and its overrides.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Num {
    id: usize,
    abstract_id: usize,
    /// (`w:lvlOverride/@w:ilvl`, the overriding `w:lvl` if any).
    overrides: Vec<(usize, Option<LevelDef>)>,
}

/// The list definitions of a numbering part.
#[derive(Debug, Default)]
pub struct Numbering {
    nums: Vec<Num>,
    abstracts: Vec<AbstractNum>,
    /// `w:numId` → the first `w:num` of that id.
    num_index: HashMap<usize, usize>,
    /// `w:abstractNumId` → the first `w:abstractNum` of that id.
    abstract_index: HashMap<usize, usize>,
}

impl Numbering {
    /// The definition of `level` in list `num_id`: the level override of the `w:num` if it
    /// carries a `w:lvl`, else the level of its abstract numbering. The first definition
    /// wins where ids repeat.
    pub fn level(&self, num_id: usize, level: usize) -> Option<&LevelDef> {
        let num = &self.nums[*self.num_index.get(&num_id)?];
        let overridden = num
            .overrides
            .iter()
            .find(|(l, _)| *l == level)
            .and_then(|(_, lvl)| lvl.as_ref());
        overridden.or_else(|| {
            let abstract_num = &self.abstracts[*self.abstract_index.get(&num.abstract_id)?];
            abstract_num.levels.iter().find(|l| l.level == level)
        })
    }
}

/// The unescaped value of the attribute whose local name is `local` (`val` for `w:val`).
fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// The attribute `local` as a number: `None` when absent, `Some(Err(()))` when it does
/// not parse.
fn number(e: &BytesStart, local: &[u8]) -> Option<Result<usize, ()>> {
    attr(e, local).map(|v| v.trim().parse().map_err(|_| ()))
}

/// Calls `open(element, depth)` for each element as it opens (depth 1 is the root) and
/// `close(depth)` as it closes, an empty element doing both, while [`xml_guard::walk`]
/// checks the part.
fn stream<'x>(
    xml: &'x [u8],
    part: &str,
    format: &'static str,
    mut open: impl FnMut(&BytesStart<'x>, usize),
    mut close: impl FnMut(usize),
) -> Result<(), ReadError> {
    let mut depth = 0usize;
    xml_guard::walk(xml, part, format, |event| match event {
        Event::Start(e) => {
            depth += 1;
            open(e, depth);
        }
        Event::Empty(e) => {
            open(e, depth + 1);
            close(depth + 1);
        }
        Event::End(_) => {
            close(depth);
            depth = depth.saturating_sub(1);
        }
        _ => {}
    })
}

/// The style definitions of a styles part, in document order; checks the part as
/// [`xml_guard::check`] does.
pub fn read_styles(
    xml: &[u8],
    part: &str,
    format: &'static str,
) -> Result<Vec<StyleDef>, ReadError> {
    /// The style being read and where its pieces opened.
    struct Open {
        style: StyleDef,
        depth: usize,
        ppr: Option<usize>,
        /// Depth of the open `w:rPr` (not the paragraph mark's, inside `w:pPr`).
        rpr: Option<usize>,
        /// (depth, numId, ilvl, whether both parsed) of the open `w:numPr`.
        num_pr: Option<(usize, Option<usize>, Option<usize>, bool)>,
    }
    let mut styles = Vec::new();
    let mut current: Option<Open> = None;
    let styles_ref = &mut styles;
    let current_ref = std::cell::RefCell::new(&mut current);
    stream(
        xml,
        part,
        format,
        |e, depth| {
            let mut current = current_ref.borrow_mut();
            let local = e.local_name();
            let local = local.as_ref();
            let Some(open) = current.as_mut() else {
                if local == b"style" || local == b"docDefaults" {
                    let id = match local {
                        b"style" => attr(e, b"styleId").unwrap_or_default(),
                        _ => DOC_DEFAULTS.to_string(),
                    };
                    **current = Some(Open {
                        style: StyleDef {
                            id,
                            default_paragraph: attr(e, b"type").as_deref() == Some("paragraph")
                                && attr(e, b"default").is_some_and(|v| v == "1" || v == "true"),
                            ..StyleDef::default()
                        },
                        depth,
                        ppr: None,
                        rpr: None,
                        num_pr: None,
                    });
                }
                return;
            };
            let child_of = |parent: Option<usize>| parent.is_some_and(|p| p + 1 == depth);
            match local {
                b"name" if depth == open.depth + 1 => {
                    open.style.name = attr(e, b"val").unwrap_or_default();
                }
                b"basedOn" if depth == open.depth + 1 => {
                    if let Some(v) = attr(e, b"val") {
                        open.style.based_on = Some(v);
                    }
                }
                b"pPr" if depth == open.depth + 1 => {
                    open.ppr = Some(depth);
                    open.style.outline_level = None;
                    open.style.numbering = None;
                }
                b"rPr"
                    if depth == open.depth + 1
                        || (open.style.id == DOC_DEFAULTS && depth == open.depth + 2) =>
                {
                    open.rpr = Some(depth);
                }
                b"b" if child_of(open.rpr) => open.style.bold = Some(toggle(e)),
                b"i" if child_of(open.rpr) => open.style.italic = Some(toggle(e)),
                b"sz" if child_of(open.rpr) => {
                    if let Some(Ok(v)) = number(e, b"val") {
                        open.style.half_points = Some(v);
                    }
                }
                b"outlineLvl" if child_of(open.ppr) => {
                    if let Some(Ok(v)) = number(e, b"val") {
                        open.style.outline_level = Some(v);
                    }
                }
                b"numPr" if child_of(open.ppr) => {
                    open.num_pr = Some((depth, None, None, true));
                }
                b"numId" | b"ilvl" if child_of(open.num_pr.map(|n| n.0)) => {
                    if let Some((_, id, lvl, ok)) = open.num_pr.as_mut() {
                        let slot = if local == b"numId" { id } else { lvl };
                        match number(e, b"val") {
                            Some(Ok(v)) => *slot = Some(v),
                            Some(Err(())) => *ok = false,
                            None => {}
                        }
                    }
                }
                _ => {}
            }
        },
        |depth| {
            let mut current = current_ref.borrow_mut();
            let Some(open) = current.as_mut() else {
                return;
            };
            if let Some((d, id, lvl, ok)) = open.num_pr {
                if d == depth {
                    open.num_pr = None;
                    if ok {
                        open.style.numbering = id.map(|id| (id, lvl.unwrap_or(0)));
                    }
                }
            }
            if open.ppr == Some(depth) {
                open.ppr = None;
            }
            if open.rpr == Some(depth) {
                open.rpr = None;
            }
            if open.depth == depth {
                if let Some(open) = current.take() {
                    styles_ref.push(open.style);
                }
            }
        },
    )?;
    Ok(styles)
}

/// The list definitions of a numbering part; checks the part as [`xml_guard::check`]
/// does.
pub fn read_numbering(
    xml: &[u8],
    part: &str,
    format: &'static str,
) -> Result<Numbering, ReadError> {
    #[derive(Default)]
    struct State {
        numbering: Numbering,
        /// The open `w:abstractNum` (`None` inside when its id did not parse) and its depth.
        abstract_num: Option<(Option<AbstractNum>, usize)>,
        num: Option<(Option<Num>, usize)>,
        /// The open `w:lvlOverride`: its level (`None` when it did not parse), the
        /// overriding `w:lvl`, its depth.
        level_override: Option<(Option<usize>, Option<LevelDef>, usize)>,
        /// The open `w:lvl` (`None` when its `w:ilvl` did not parse) and its depth.
        level: Option<(Option<LevelDef>, usize)>,
    }
    let state = std::cell::RefCell::new(State::default());
    stream(
        xml,
        part,
        format,
        |e, depth| {
            let mut s = state.borrow_mut();
            let s = &mut *s;
            let local = e.local_name();
            let local = local.as_ref();
            if let Some((level, d)) = s.level.as_mut() {
                if depth == *d + 1 {
                    if let Some(level) = level.as_mut() {
                        match local {
                            b"start" => {
                                if let Some(Ok(v)) = number(e, b"val") {
                                    level.start = v;
                                }
                            }
                            b"numFmt" => {
                                if let Some(v) = attr(e, b"val") {
                                    level.format = v;
                                }
                            }
                            b"lvlText" => {
                                if let Some(v) = attr(e, b"val") {
                                    level.text = v;
                                }
                            }
                            _ => {}
                        }
                    }
                }
                return;
            }
            let new_level = || match number(e, b"ilvl") {
                None => Some(LevelDef::new(0)),
                Some(Ok(l)) => Some(LevelDef::new(l)),
                Some(Err(())) => None,
            };
            if let Some((_, d)) = s.abstract_num {
                if local == b"lvl" && depth == d + 1 {
                    s.level = Some((new_level(), depth));
                }
                return;
            }
            if let Some((_, _, d)) = s.level_override {
                if local == b"lvl" && depth == d + 1 {
                    s.level = Some((new_level(), depth));
                }
                return;
            }
            if let Some((num, d)) = s.num.as_mut() {
                if depth == *d + 1 {
                    match local {
                        b"abstractNumId" => {
                            if let (Some(num), Some(Ok(v))) = (num.as_mut(), number(e, b"val")) {
                                num.abstract_id = v;
                            }
                        }
                        b"lvlOverride" => {
                            let level = number(e, b"ilvl").and_then(Result::ok);
                            s.level_override = Some((level, None, depth));
                        }
                        _ => {}
                    }
                }
                return;
            }
            let id = |key: &[u8]| match number(e, key) {
                None => Some(0),
                Some(r) => r.ok(),
            };
            match local {
                b"abstractNum" => {
                    let a = id(b"abstractNumId").map(|id| AbstractNum {
                        id,
                        levels: Vec::new(),
                    });
                    s.abstract_num = Some((a, depth));
                }
                b"num" => {
                    let n = id(b"numId").map(|id| Num {
                        id,
                        ..Num::default()
                    });
                    s.num = Some((n, depth));
                }
                _ => {}
            }
        },
        |depth| {
            let mut s = state.borrow_mut();
            let s = &mut *s;
            if let Some((_, d)) = s.level {
                if d == depth {
                    let Some((level, _)) = s.level.take() else {
                        return;
                    };
                    if let Some((Some(a), _)) = s.abstract_num.as_mut() {
                        a.levels.extend(level);
                    } else if let Some((_, slot, _)) = s.level_override.as_mut() {
                        if let Some(level) = level {
                            *slot = Some(level);
                        }
                    }
                }
                return;
            }
            if s.level_override
                .as_ref()
                .is_some_and(|(_, _, d)| *d == depth)
            {
                if let (Some((Some(level), lvl, _)), Some((Some(num), _))) =
                    (s.level_override.take(), s.num.as_mut())
                {
                    num.overrides.push((level, lvl));
                }
                return;
            }
            if s.abstract_num.as_ref().is_some_and(|(_, d)| *d == depth) {
                if let Some((Some(a), _)) = s.abstract_num.take() {
                    let index = s.numbering.abstracts.len();
                    s.numbering.abstract_index.entry(a.id).or_insert(index);
                    s.numbering.abstracts.push(a);
                }
                return;
            }
            if s.num.as_ref().is_some_and(|(_, d)| *d == depth) {
                if let Some((Some(n), _)) = s.num.take() {
                    let index = s.numbering.nums.len();
                    s.numbering.num_index.entry(n.id).or_insert(index);
                    s.numbering.nums.push(n);
                }
            }
        },
    )?;
    Ok(state.into_inner().numbering)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn styles_give_name_heading_numbering_and_parent() {
        let xml = format!(
            r#"<?xml version="1.0"?><w:styles {W}>
            <w:latentStyles><w:lsdException w:name="heading 1" w:uiPriority="9"/></w:latentStyles>
            <w:style w:type="paragraph" w:styleId="Rubrik2"><w:name w:val="heading 2"/>
              <w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="1"/>
              <w:numPr><w:ilvl w:val="1"/><w:numId w:val="4"/></w:numPr></w:pPr>
              <w:rPr><w:b/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="List"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Odd"><w:pPr><w:numPr><w:ilvl w:val="x"/><w:numId w:val="7"/></w:numPr>
              <w:pPrChange><w:pPr><w:outlineLvl w:val="3"/></w:pPr></w:pPrChange></w:pPr></w:style>
            <w:style w:type="table" w:styleId="Grid"><w:tblStylePr w:type="firstRow"><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:tblStylePr></w:style>
            <w:style w:styleId="Empty"/>
            </w:styles>"#
        );
        let styles = read_styles(xml.as_bytes(), "word/styles.xml", "Word").unwrap();
        let ids: Vec<&str> = styles.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["Rubrik2", "List", "Odd", "Grid", "Empty"]);
        assert_eq!(
            styles[0],
            StyleDef {
                id: "Rubrik2".into(),
                name: "heading 2".into(),
                based_on: Some("Normal".into()),
                outline_level: Some(1),
                numbering: Some((4, 1)),
                bold: Some(true),
                ..StyleDef::default()
            }
        );
        assert_eq!(styles[1].numbering, Some((7, 0)));
        // An unparsable level drops the numbering; a proposed change is not the style.
        assert_eq!(styles[2].numbering, None);
        assert_eq!(styles[2].outline_level, None);
        assert_eq!(styles[3].outline_level, None);
    }

    #[test]
    fn styles_give_run_properties_and_the_defaults() {
        let xml = format!(
            r#"<?xml version="1.0"?><w:styles {W}>
            <w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr><w:sz w:val="18"/></w:rPr></w:style>
            <w:style w:type="character" w:styleId="Emph"><w:rPr><w:i/><w:b w:val="0"/></w:rPr></w:style>
            <w:style w:type="table" w:styleId="Grid"><w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr></w:tblStylePr></w:style>
            </w:styles>"#
        );
        let styles = read_styles(xml.as_bytes(), "word/styles.xml", "Word").unwrap();
        assert_eq!(styles[0].id, DOC_DEFAULTS);
        assert_eq!(styles[0].half_points, Some(22));
        assert!(styles[1].default_paragraph);
        assert_eq!(styles[1].half_points, Some(18));
        assert_eq!(
            (styles[2].italic, styles[2].bold),
            (Some(true), Some(false))
        );
        assert!(!styles[2].default_paragraph);
        // A table style's conditional formatting is not the style's own.
        assert_eq!(styles[3].bold, None);
    }

    #[test]
    fn a_broken_style_sheet_fails_with_the_part() {
        let xml = format!(r#"<w:styles {W}><w:style w:styleId="a"><w:name w:val="x"/>"#);
        let error = read_styles(xml.as_bytes(), "word/styles.xml", "Word")
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("malformed Word: word/styles.xml: unclosed element w:style"),
            "{error}"
        );
    }

    #[test]
    fn numbering_levels_come_from_the_abstract_or_the_override() {
        let xml = format!(
            r#"<w:numbering {W}>
            <w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>
              <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/>
                <w:pPr><w:ind w:left="720"/></w:pPr></w:lvl>
              <w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#8226;"/></w:lvl>
            </w:abstractNum>
            <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="lowerLetter"/></w:lvl></w:abstractNum>
            <w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
            <w:num w:numId="6"><w:abstractNumId w:val="1"/>
              <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>
              <w:lvlOverride w:ilvl="1"><w:lvl w:ilvl="1"><w:start w:val="2"/><w:lvlText w:val="(%2)"/></w:lvl></w:lvlOverride>
            </w:num>
            <w:num w:numId="bad"><w:abstractNumId w:val="1"/></w:num>
            </w:numbering>"#
        );
        let n = read_numbering(xml.as_bytes(), "word/numbering.xml", "Word").unwrap();
        let top = n.level(5, 0).unwrap();
        assert_eq!(
            (top.format.as_str(), top.text.as_str(), top.start),
            ("upperRoman", "%1.", 3)
        );
        assert_eq!(n.level(5, 1).unwrap().text, "•");
        assert_eq!(n.level(5, 2), None);
        // An override without a level keeps the abstract one; one with a level replaces it.
        assert_eq!(n.level(6, 0), n.level(5, 0));
        let over = n.level(6, 1).unwrap();
        assert_eq!(
            (over.format.as_str(), over.text.as_str(), over.start),
            ("decimal", "(%2)", 2)
        );
        assert_eq!(n.level(7, 0), None);
        assert_eq!(n.nums.len(), 2);
    }
}
