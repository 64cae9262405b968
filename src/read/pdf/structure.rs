//! The structure tree of a tagged PDF (`/StructTreeRoot` in the catalog): the tables,
//! their rows and cells with their spans, and the headings, each pointing at the page
//! content it holds through marked-content ids (`/MCID`), as screen readers read them.
//!
//! The tree is read as it is written: structure elements with a type (`/S`, custom types
//! mapped to standard ones through `/RoleMap`), kids (`/K`: marked-content ids on the
//! element's page `/Pg`, marked-content references `/MCR`, object references `/OBJR`,
//! other elements) and attributes (`/A`: `/RowSpan`, `/ColSpan`). A hostile tree is
//! bounded: its depth, its element and reference counts, and every element is visited
//! once (a tree that loops ends). Whether the tree agrees with the page is for the page
//! to decide ([`super::tagged`]).

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::objects::deref;

/// Roles of elements that are blocks of their own wherever they are nested.
const BLOCK_ROLES: &[&[u8]] = &[
    b"P",
    b"H",
    b"H1",
    b"H2",
    b"H3",
    b"H4",
    b"H5",
    b"H6",
    b"Div",
    b"Sect",
    b"Art",
    b"Part",
    b"Table",
    b"L",
    b"BlockQuote",
    b"Frame",
    b"TextBox",
    b"Aside",
];

/// Deepest nesting of elements followed.
const MAX_DEPTH: usize = 64;
/// Most structure elements visited in a document.
const MAX_ELEMENTS: usize = 200_000;
/// Most marked-content references kept in a document.
const MAX_REFS: usize = 2_000_000;
/// Most columns a cell may span, and a table may have.
const MAX_COLS: usize = 256;
/// Most rows a cell may span.
const MAX_ROW_SPAN: usize = 10_000;
/// Most steps through the role map from a custom type to a standard one.
const MAX_ROLE_STEPS: usize = 8;

/// A marked-content sequence: the 0-based index of its page and its id there.
pub type ContentRef = (usize, u32);

/// A cell of a tagged table, placed on the table's grid.
#[derive(Debug, Clone, PartialEq)]
pub struct TagCell {
    /// 0-based row of its top-left position.
    pub row: usize,
    /// 0-based column of its top-left position.
    pub col: usize,
    /// Rows covered (at least 1).
    pub row_span: usize,
    /// Columns covered (at least 1).
    pub col_span: usize,
    /// The marked content it holds, in tree order.
    pub refs: Vec<ContentRef>,
}

/// A `/Table` element: its cells on a grid.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TagTable {
    /// Cells, row by row, in tree order.
    pub cells: Vec<TagCell>,
    /// Rows of the grid (the `/TR` elements).
    pub n_rows: usize,
    /// Columns of the grid.
    pub n_cols: usize,
}

/// What a marked-content id of a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A cell of a table: the table's index in [`Structure::tables`], the cell's index
    /// in its [`TagTable::cells`].
    Cell(usize, usize),
    /// A heading: its level (1 highest) and its index among the document's headings.
    Heading(u8, usize),
    /// A list item (its label and body, not the lists nested in it): its index among
    /// the document's list items.
    ListItem(usize),
}

/// The tagged structure of a document, as far as tables and headings go.
#[derive(Debug, Clone, Default)]
pub struct Structure {
    /// The tables in tree order (a table nested in a cell is part of that cell).
    pub tables: Vec<TagTable>,
    /// For each page (by 0-based index), what its marked-content ids belong to.
    pub pages: Vec<HashMap<u32, Role>>,
    /// For each page, where its marked-content ids stand in the tree's reading order:
    /// their rank among all marked content, and the ordinal of the element holding them.
    pub order: Vec<HashMap<u32, Place>>,
}

/// Where a marked-content sequence stands in the tree's reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// Its rank among the document's marked content, in tree order.
    pub rank: usize,
    /// The ordinal (in tree order) of the element that holds it.
    pub element: usize,
}

impl Structure {
    /// Reads the structure tree of `doc`, whose pages are `page_ids` in order. `None`
    /// where the document has no tree, or one without tables or headings.
    pub fn read(doc: &Document, page_ids: &[ObjectId]) -> Option<Structure> {
        let catalog = doc.catalog().ok()?;
        let root = deref(doc, catalog.get(b"StructTreeRoot").ok()?)
            .as_dict()
            .ok()?;
        let mut walker = Walker {
            doc,
            pages: page_ids
                .iter()
                .enumerate()
                .map(|(i, id)| (*id, i))
                .collect(),
            roles: role_map(doc, root),
            visited: HashSet::new(),
            elements: 0,
            refs: 0,
            tables: Vec::new(),
            headings: Vec::new(),
            items: Vec::new(),
            order: Vec::new(),
        };
        for kid in kids(doc, root) {
            walker.visit(kid, None, 0);
        }
        if walker.tables.is_empty() && walker.headings.is_empty() && walker.items.is_empty() {
            return None;
        }
        let mut pages: Vec<HashMap<u32, Role>> = vec![HashMap::new(); page_ids.len()];
        for (t, table) in walker.tables.iter().enumerate() {
            for (k, cell) in table.cells.iter().enumerate() {
                for &(p, id) in &cell.refs {
                    pages[p].entry(id).or_insert(Role::Cell(t, k));
                }
            }
        }
        for (h, (level, refs)) in walker.headings.iter().enumerate() {
            for &(p, id) in refs {
                pages[p].entry(id).or_insert(Role::Heading(*level, h));
            }
        }
        for (i, refs) in walker.items.iter().enumerate() {
            for &(p, id) in refs {
                pages[p].entry(id).or_insert(Role::ListItem(i));
            }
        }
        let mut order: Vec<HashMap<u32, Place>> = vec![HashMap::new(); page_ids.len()];
        for (rank, &((p, id), element)) in walker.order.iter().enumerate() {
            order[p].entry(id).or_insert(Place { rank, element });
        }
        Some(Structure {
            tables: walker.tables,
            pages,
            order,
        })
    }
}

/// The `/RoleMap` of the tree root: custom type → the type it stands for.
fn role_map(doc: &Document, root: &Dictionary) -> HashMap<Vec<u8>, Vec<u8>> {
    let Some(map) = root
        .get(b"RoleMap")
        .ok()
        .and_then(|o| deref(doc, o).as_dict().ok())
    else {
        return HashMap::new();
    };
    map.iter()
        .filter_map(|(k, v)| Some((k.clone(), deref(doc, v).as_name().ok()?.to_vec())))
        .take(10_000)
        .collect()
}

/// The kids of an element (`/K`: one object or an array).
fn kids<'a>(doc: &'a Document, dict: &'a Dictionary) -> Vec<&'a Object> {
    match dict.get(b"K").map(|o| deref(doc, o)) {
        Ok(Object::Array(items)) => items.iter().collect(),
        Ok(other) => vec![other],
        Err(_) => Vec::new(),
    }
}

/// The standard structure types this reader knows; a custom type is mapped until one
/// of them is reached.
const STANDARD: &[&[u8]] = &[
    b"Document",
    b"Part",
    b"Art",
    b"Sect",
    b"Div",
    b"P",
    b"H",
    b"H1",
    b"H2",
    b"H3",
    b"H4",
    b"H5",
    b"H6",
    b"L",
    b"LI",
    b"Lbl",
    b"LBody",
    b"Table",
    b"TR",
    b"TH",
    b"TD",
    b"THead",
    b"TBody",
    b"TFoot",
    b"Span",
    b"Link",
    b"Figure",
    b"Caption",
    b"Note",
    b"Reference",
];

/// Walks the tree, collecting tables and headings.
struct Walker<'a> {
    doc: &'a Document,
    /// Page object → 0-based page index.
    pages: HashMap<ObjectId, usize>,
    roles: HashMap<Vec<u8>, Vec<u8>>,
    /// Elements (by object) already visited: each is read once.
    visited: HashSet<ObjectId>,
    elements: usize,
    refs: usize,
    tables: Vec<TagTable>,
    /// Headings: level and content.
    headings: Vec<(u8, Vec<ContentRef>)>,
    /// List items: their content outside the lists nested in them.
    items: Vec<Vec<ContentRef>>,
    /// All marked content in tree order, each with the ordinal of the element last
    /// entered when it was met (the element holding it, or one nested before it).
    order: Vec<(ContentRef, usize)>,
}

impl<'a> Walker<'a> {
    /// The element `obj` stands for, once: `None` for what is not an element (a
    /// marked-content id, a reference dictionary), for an element seen before, and
    /// past the element budget.
    fn element(&mut self, obj: &'a Object) -> Option<&'a Dictionary> {
        if let Object::Reference(id) = obj {
            if !self.visited.insert(*id) {
                return None;
            }
        }
        let dict = deref(self.doc, obj).as_dict().ok()?;
        if !dict.has(b"S") || self.elements >= MAX_ELEMENTS {
            return None;
        }
        self.elements += 1;
        Some(dict)
    }

    /// The element's standard type, through the role map.
    fn role(&self, dict: &Dictionary) -> Vec<u8> {
        let Ok(mut name) = deref(self.doc, dict.get(b"S").ok().unwrap_or(&Object::Null))
            .as_name()
            .map(<[u8]>::to_vec)
        else {
            return Vec::new();
        };
        for _ in 0..MAX_ROLE_STEPS {
            if STANDARD.contains(&name.as_slice()) {
                break;
            }
            match self.roles.get(&name) {
                Some(next) if *next != name => name = next.clone(),
                _ => break,
            }
        }
        name
    }

    /// The page an element (or marked-content reference) names with `/Pg`.
    fn page_of(&self, dict: &Dictionary) -> Option<usize> {
        match dict.get(b"Pg") {
            Ok(Object::Reference(id)) => self.pages.get(id).copied(),
            _ => None,
        }
    }

    /// Visits an element and what lies under it; `page` is the page its parent names.
    fn visit(&mut self, obj: &'a Object, page: Option<usize>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let Some(dict) = self.element(obj) else {
            return;
        };
        let page = self.page_of(dict).or(page);
        let role = self.role(dict);
        match role.as_slice() {
            b"Table" => {
                if let Some(cells) = self.frame_cells(dict, depth) {
                    // A table that only lays out the page: what its cells hold is read
                    // as if it stood on its own (the tables in them are tables).
                    for cell in cells {
                        for kid in kids(self.doc, cell) {
                            self.visit(kid, page, depth + 3);
                        }
                    }
                    return;
                }
                let table = self.table(dict, page, depth);
                if !table.cells.is_empty() {
                    self.tables.push(table);
                }
            }
            b"H" | b"H1" | b"H2" | b"H3" | b"H4" | b"H5" | b"H6" => {
                let level = match role.get(1) {
                    Some(d) => d - b'0',
                    None => 1,
                };
                // A block set inside the heading's element (a text frame anchored to
                // the heading's paragraph, as LibreOffice tags it) is no part of the
                // heading: it is read as a block of its own, after it.
                let mut refs = Vec::new();
                let mut blocks = Vec::new();
                for kid in kids(self.doc, dict) {
                    let block = match deref(self.doc, kid) {
                        Object::Dictionary(d) if d.has(b"S") => {
                            BLOCK_ROLES.contains(&self.role(d).as_slice())
                        }
                        _ => false,
                    };
                    if block {
                        blocks.push(kid);
                    } else {
                        self.content_of(kid, page, depth + 1, &mut refs);
                    }
                }
                if !refs.is_empty() {
                    self.headings.push((level, refs));
                }
                for kid in blocks {
                    self.visit(kid, page, depth + 1);
                }
            }
            b"LI" => {
                let mut refs = Vec::new();
                self.item(dict, page, depth, &mut refs);
                if !refs.is_empty() {
                    self.items.push(refs);
                }
            }
            _ => {
                for kid in kids(self.doc, dict) {
                    match deref(self.doc, kid) {
                        Object::Dictionary(d) if d.has(b"S") => self.visit(kid, page, depth + 1),
                        // Marked content of a paragraph or other element: its place in
                        // the reading order only.
                        _ => self.content_kids(&[kid], page, depth, &mut Vec::new()),
                    }
                }
            }
        }
    }

    /// The content of a list item into `out`; the lists nested in it are visited as
    /// lists of their own, their items items of their own.
    fn item(
        &mut self,
        dict: &'a Dictionary,
        page: Option<usize>,
        depth: usize,
        out: &mut Vec<ContentRef>,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        for kid in kids(self.doc, dict) {
            let el = match deref(self.doc, kid) {
                Object::Dictionary(d) if d.has(b"S") => d,
                _ => {
                    self.content_of(kid, page, depth, out);
                    continue;
                }
            };
            match self.role(el).as_slice() {
                b"L" => self.visit(kid, page, depth + 1),
                b"Lbl" | b"LBody" => {
                    if let Some(el) = self.element(kid) {
                        let page = self.page_of(el).or(page);
                        self.item(el, page, depth + 1, out);
                    }
                }
                _ => self.content_of(kid, page, depth, out),
            }
        }
    }

    /// The content of one kid (a marked-content id, a reference, an element) into `out`.
    fn content_of(
        &mut self,
        kid: &'a Object,
        page: Option<usize>,
        depth: usize,
        out: &mut Vec<ContentRef>,
    ) {
        self.content_kids(&[kid], page, depth, out);
    }

    /// The marked content under an element, in tree order, into `out`.
    fn content(
        &mut self,
        dict: &'a Dictionary,
        page: Option<usize>,
        depth: usize,
        out: &mut Vec<ContentRef>,
    ) {
        let kids = kids(self.doc, dict);
        self.content_kids(&kids, page, depth, out);
    }

    /// The marked content of some kids of an element, in order, into `out`.
    fn content_kids(
        &mut self,
        kids: &[&'a Object],
        page: Option<usize>,
        depth: usize,
        out: &mut Vec<ContentRef>,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        for &kid in kids {
            if self.refs >= MAX_REFS {
                return;
            }
            match deref(self.doc, kid) {
                Object::Integer(n) => {
                    if let (Some(p), Ok(id)) = (page, u32::try_from(*n)) {
                        out.push((p, id));
                        self.order.push(((p, id), self.elements));
                        self.refs += 1;
                    }
                }
                Object::Dictionary(d) if d.has(b"S") => {
                    if let Some(el) = self.element(kid) {
                        let page = self.page_of(el).or(page);
                        self.content(el, page, depth + 1, out);
                    }
                }
                Object::Dictionary(d) => {
                    // A marked-content reference; one into a form's stream (`/Stm`)
                    // or an object reference (`/OBJR`) holds no page text.
                    let is_mcr =
                        d.get(b"Type").and_then(Object::as_name).ok() == Some(b"MCR".as_slice());
                    let mcid = d
                        .get(b"MCID")
                        .ok()
                        .and_then(|o| deref(self.doc, o).as_i64().ok())
                        .and_then(|n| u32::try_from(n).ok());
                    if let (true, false, Some(p), Some(id)) = (
                        is_mcr || !d.has(b"Type"),
                        d.has(b"Stm"),
                        self.page_of(d).or(page),
                        mcid,
                    ) {
                        out.push((p, id));
                        self.order.push(((p, id), self.elements));
                        self.refs += 1;
                    }
                }
                _ => {}
            }
        }
    }

    /// A `/Table` element: its rows (under `/THead`, `/TBody`, `/TFoot` or directly),
    /// their cells placed on a grid as their spans say.
    /// The cells of a table that only lays out the page (one row of at most three cells,
    /// one of which holds a table), in reading order; `None` for a table.
    fn frame_cells(&self, dict: &'a Dictionary, depth: usize) -> Option<Vec<&'a Dictionary>> {
        // Looked at without visiting (the walk marks what it visits).
        let peek = |obj: &'a Object| -> Option<&'a Dictionary> {
            deref(self.doc, obj).as_dict().ok().filter(|d| d.has(b"S"))
        };
        let mut rows: Vec<Vec<&'a Dictionary>> = Vec::new();
        let mut groups = vec![dict];
        let mut level = 0;
        while let Some(group) = groups.pop() {
            level += 1;
            if level > 8 || depth + level > MAX_DEPTH {
                return None;
            }
            for kid in kids(self.doc, group).into_iter().take(64) {
                let Some(el) = peek(kid) else { continue };
                match self.role(el).as_slice() {
                    b"TR" => {
                        let mut cells = Vec::new();
                        for c in kids(self.doc, el).into_iter().take(64) {
                            let Some(cell) = peek(c) else { continue };
                            if matches!(self.role(cell).as_slice(), b"TD" | b"TH") {
                                cells.push(cell);
                            }
                        }
                        rows.push(cells);
                    }
                    b"THead" | b"TBody" | b"TFoot" => groups.push(el),
                    _ => {}
                }
            }
        }
        let holds_table = |cell: &&'a Dictionary| {
            kids(self.doc, cell).into_iter().any(|k| {
                deref(self.doc, k)
                    .as_dict()
                    .is_ok_and(|d| !std::ptr::eq(d, dict) && self.role(d).as_slice() == b"Table")
            })
        };
        let frame = rows.len() == 1
            && rows.iter().all(|r| r.len() <= 3)
            && rows.iter().flatten().any(holds_table);
        frame.then(|| rows.into_iter().flatten().collect())
    }

    fn table(&mut self, dict: &'a Dictionary, page: Option<usize>, depth: usize) -> TagTable {
        let mut rows: Vec<Vec<TagCell>> = Vec::new();
        self.rows(dict, page, depth + 1, &mut rows);
        place(rows)
    }

    /// The `/TR` elements under `dict`, each as its cells (row and column not yet set).
    fn rows(
        &mut self,
        dict: &'a Dictionary,
        page: Option<usize>,
        depth: usize,
        out: &mut Vec<Vec<TagCell>>,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        for kid in kids(self.doc, dict) {
            let Some(el) = self.element(kid) else {
                continue;
            };
            let page = self.page_of(el).or(page);
            match self.role(el).as_slice() {
                b"TR" => {
                    let mut cells = Vec::new();
                    for c in kids(self.doc, el) {
                        let Some(cell) = self.element(c) else {
                            continue;
                        };
                        let role = self.role(cell);
                        if role != b"TD" && role != b"TH" {
                            continue;
                        }
                        let cell_page = self.page_of(cell).or(page);
                        let mut refs = Vec::new();
                        self.content(cell, cell_page, depth + 2, &mut refs);
                        let (row_span, col_span) = self.spans(cell);
                        cells.push(TagCell {
                            row: 0,
                            col: 0,
                            row_span,
                            col_span,
                            refs,
                        });
                    }
                    out.push(cells);
                }
                b"THead" | b"TBody" | b"TFoot" => self.rows(el, page, depth + 1, out),
                _ => {}
            }
        }
    }

    /// A cell's row and column spans from its attributes (`/A`: one dictionary or an
    /// array of them, with revision numbers between), 1 where unset or absurd.
    fn spans(&self, cell: &Dictionary) -> (usize, usize) {
        let attrs: Vec<&Dictionary> = match cell.get(b"A").map(|o| deref(self.doc, o)) {
            Ok(Object::Dictionary(d)) => vec![d],
            Ok(Object::Array(items)) => items
                .iter()
                .take(64)
                .filter_map(|o| deref(self.doc, o).as_dict().ok())
                .collect(),
            _ => Vec::new(),
        };
        let get = |key: &[u8], max: usize| {
            attrs
                .iter()
                .find_map(|d| d.get(key).ok())
                .and_then(|o| deref(self.doc, o).as_i64().ok())
                .map_or(1, |n| (n.max(1) as usize).min(max))
        };
        (get(b"RowSpan", MAX_ROW_SPAN), get(b"ColSpan", MAX_COLS))
    }
}

/// Places rows of cells on a grid: each cell at the first column of its row that no
/// cell above spans into, spans cut at the table's last row and at [`MAX_COLS`].
fn place(rows: Vec<Vec<TagCell>>) -> TagTable {
    let n_rows = rows.len();
    // For each column, the first row not covered by a cell placed above.
    let mut free_from: Vec<usize> = Vec::new();
    let mut cells = Vec::new();
    for (r, row) in rows.into_iter().enumerate() {
        let mut col = 0;
        for mut cell in row {
            while col < MAX_COLS && free_from.get(col).is_some_and(|&f| f > r) {
                col += 1;
            }
            if col >= MAX_COLS {
                break;
            }
            cell.row = r;
            cell.col = col;
            cell.row_span = cell.row_span.min(n_rows - r);
            cell.col_span = cell.col_span.min(MAX_COLS - col);
            if free_from.len() < col + cell.col_span {
                free_from.resize(col + cell.col_span, 0);
            }
            for f in &mut free_from[col..col + cell.col_span] {
                *f = r + cell.row_span;
            }
            col += cell.col_span;
            cells.push(cell);
        }
    }
    TagTable {
        n_cols: cells.iter().map(|c| c.col + c.col_span).max().unwrap_or(0),
        n_rows,
        cells,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(row_span: usize, col_span: usize) -> TagCell {
        TagCell {
            row: 0,
            col: 0,
            row_span,
            col_span,
            refs: Vec::new(),
        }
    }

    #[test]
    fn spans_push_later_cells_right() {
        // | A (2 rows) | B C (2 cols) |
        // |            | D  | E       |
        let t = place(vec![
            vec![cell(2, 1), cell(1, 2)],
            vec![cell(1, 1), cell(1, 1)],
        ]);
        let at: Vec<(usize, usize, usize, usize)> = t
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.row_span, c.col_span))
            .collect();
        assert_eq!(at, [(0, 0, 2, 1), (0, 1, 1, 2), (1, 1, 1, 1), (1, 2, 1, 1)]);
        assert_eq!((t.n_rows, t.n_cols), (2, 3));
    }

    /// A document with one page and the given structure elements under the root
    /// (`elements` builds them, given the page's id and a fresh id for the root).
    fn tree(elements: impl FnOnce(&mut Document, ObjectId) -> Vec<Object>) -> (Document, ObjectId) {
        use lopdf::dictionary;
        let mut doc = Document::with_version("1.7");
        let page = doc.add_object(dictionary! { "Type" => "Page" });
        let kids = elements(&mut doc, page);
        let root = doc.add_object(dictionary! {
            "Type" => "StructTreeRoot",
            "K" => kids,
            "RoleMap" => dictionary! { "Cell" => "TD", "Row" => "TR", "Rubrik" => "H2" },
        });
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "StructTreeRoot" => root });
        doc.trailer.set("Root", catalog);
        (doc, page)
    }

    #[test]
    fn tables_and_headings_are_read_through_the_role_map() {
        use lopdf::dictionary;
        let (doc, page) = tree(|doc, page| {
            let cell = |doc: &mut Document, mcid: i64, attrs: Option<Object>| {
                let mut d = dictionary! { "S" => "Cell", "Pg" => page, "K" => mcid };
                if let Some(a) = attrs {
                    d.set("A", a);
                }
                doc.add_object(d)
            };
            let a = cell(
                doc,
                1,
                Some(dictionary! { "O" => "Table", "ColSpan" => 2 }.into()),
            );
            let b = cell(doc, 2, None);
            let c = cell(doc, 3, None);
            let mcr = doc.add_object(dictionary! { "Type" => "MCR", "MCID" => 4, "Pg" => page });
            let d = doc.add_object(dictionary! { "S" => "TD", "K" => vec![mcr.into()] });
            let r1 = doc.add_object(dictionary! { "S" => "Row", "K" => vec![a.into()] });
            let r2 = doc.add_object(dictionary! { "S" => "TR", "K" => vec![b.into(), c.into()] });
            let r3 =
                doc.add_object(dictionary! { "S" => "TR", "K" => vec![d.into()], "Pg" => page });
            let body =
                doc.add_object(dictionary! { "S" => "TBody", "K" => vec![r2.into(), r3.into()] });
            let table =
                doc.add_object(dictionary! { "S" => "Table", "K" => vec![r1.into(), body.into()] });
            let h = doc.add_object(dictionary! { "S" => "Rubrik", "Pg" => page, "K" => 0 });
            vec![h.into(), table.into()]
        });
        let s = Structure::read(&doc, &[page]).expect("a structure");
        assert_eq!(s.tables.len(), 1);
        let t = &s.tables[0];
        assert_eq!((t.n_rows, t.n_cols), (3, 2));
        let at: Vec<(usize, usize, usize, Vec<ContentRef>)> = t
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.col_span, c.refs.clone()))
            .collect();
        assert_eq!(
            at,
            [
                (0, 0, 2, vec![(0, 1)]),
                (1, 0, 1, vec![(0, 2)]),
                (1, 1, 1, vec![(0, 3)]),
                (2, 0, 1, vec![(0, 4)]),
            ]
        );
        assert_eq!(s.pages[0].get(&0), Some(&Role::Heading(2, 0)));
        assert_eq!(s.pages[0].get(&3), Some(&Role::Cell(0, 2)));
    }

    #[test]
    fn a_frame_nested_in_a_heading_is_no_part_of_it() {
        use lopdf::dictionary;
        // `Insatsområde 1` (mcid 0) with a text frame anchored to it: a heading and a
        // paragraph inside the frame, a span of the heading's own after it.
        let (doc, page) = tree(|doc, page| {
            let title = doc.add_object(dictionary! { "S" => "H2", "Pg" => page, "K" => 1 });
            let fact = doc.add_object(dictionary! { "S" => "P", "Pg" => page, "K" => 2 });
            let frame = doc.add_object(
                dictionary! { "S" => "Frame", "Pg" => page, "K" => vec![title.into(), fact.into()] },
            );
            let span = doc.add_object(dictionary! { "S" => "Span", "Pg" => page, "K" => 3 });
            let h = doc.add_object(dictionary! {
                "S" => "H1", "Pg" => page, "K" => vec![Object::Integer(0), frame.into(), span.into()]
            });
            vec![h.into()]
        });
        let s = Structure::read(&doc, &[page]).expect("a structure");
        assert_eq!(s.pages[0].get(&0), Some(&Role::Heading(1, 0)));
        assert_eq!(s.pages[0].get(&3), Some(&Role::Heading(1, 0)));
        assert!(matches!(s.pages[0].get(&1), Some(Role::Heading(2, _))));
        assert_eq!(s.pages[0].get(&2), None);
    }

    #[test]
    fn a_tree_that_loops_ends() {
        use lopdf::dictionary;
        let (doc, page) = tree(|doc, page| {
            // A section that holds itself, and a row that holds its own table.
            let sect = doc.new_object_id();
            let table = doc.new_object_id();
            let cell = doc.add_object(
                dictionary! { "S" => "TD", "Pg" => page, "K" => vec![5.into(), table.into()] },
            );
            let row =
                doc.add_object(dictionary! { "S" => "TR", "K" => vec![cell.into(), table.into()] });
            doc.objects.insert(
                table,
                dictionary! { "S" => "Table", "K" => vec![row.into(), row.into()] }.into(),
            );
            doc.objects.insert(
                sect,
                dictionary! { "S" => "Sect", "K" => vec![sect.into(), table.into()] }.into(),
            );
            vec![sect.into()]
        });
        let s = Structure::read(&doc, &[page]).expect("a structure");
        assert_eq!(s.tables.len(), 1);
        assert_eq!(s.tables[0].cells.len(), 1);
        assert_eq!(s.tables[0].cells[0].refs, [(0, 5)]);
    }

    #[test]
    fn a_list_item_holds_its_label_and_body_not_its_nested_list() {
        use lopdf::dictionary;
        let (doc, page) = tree(|doc, page| {
            let inner_body = doc.add_object(dictionary! { "S" => "LBody", "Pg" => page, "K" => 3 });
            let inner_li =
                doc.add_object(dictionary! { "S" => "LI", "K" => vec![inner_body.into()] });
            let inner = doc.add_object(dictionary! { "S" => "L", "K" => vec![inner_li.into()] });
            let lbl = doc.add_object(dictionary! { "S" => "Lbl", "Pg" => page, "K" => 1 });
            let body = doc.add_object(
                dictionary! { "S" => "LBody", "Pg" => page, "K" => vec![2.into(), inner.into()] },
            );
            let li =
                doc.add_object(dictionary! { "S" => "LI", "K" => vec![lbl.into(), body.into()] });
            let list = doc.add_object(dictionary! { "S" => "L", "K" => vec![li.into()] });
            vec![list.into()]
        });
        let s = Structure::read(&doc, &[page]).expect("a structure");
        let role = |id: u32| s.pages[0].get(&id).copied();
        // The outer item (label 1, body 2) is one item; the nested one (3) another.
        assert!(matches!(role(1), Some(Role::ListItem(_))));
        assert_eq!(role(1), role(2));
        assert!(matches!(role(3), Some(Role::ListItem(_))));
        assert_ne!(role(1), role(3));
    }

    #[test]
    fn no_tree_is_none() {
        let mut doc = Document::with_version("1.7");
        let page = doc.add_object(lopdf::dictionary! { "Type" => "Page" });
        let catalog = doc.add_object(lopdf::dictionary! { "Type" => "Catalog" });
        doc.trailer.set("Root", catalog);
        assert!(Structure::read(&doc, &[page]).is_none());
    }

    #[test]
    fn a_row_span_past_the_table_is_cut() {
        let t = place(vec![vec![cell(9, 1), cell(1, 1)]]);
        assert_eq!(t.cells[0].row_span, 1);
        assert_eq!(t.n_rows, 1);
    }
}
