//! The format-neutral document model every reader produces and the interpreter reads.
//!
//! A [`Document`] is a sequence of [`Block`]s in reading order: headings, paragraphs and
//! tables. A [`Table`] lists only its anchor cells; a merged range is one [`Cell`] with a
//! row or column span. Nothing here knows about activities or file formats.

use crate::colour::Rgb;

/// One input document as the readers see it.
#[derive(Debug, Default, Clone)]
pub struct Document {
    /// Headings, paragraphs and tables in reading order.
    pub blocks: Vec<Block>,
    /// Page count where the format has pages.
    pub pages: Option<u32>,
    /// The title the format declares (a Title paragraph, `<title>`, document metadata).
    pub title: Option<String>,
    /// Texts from page headers and footers, which often name the municipality.
    pub margin_texts: Vec<String>,
    /// Tables of the page headers, each once however many sections repeat it; shown by
    /// `planlift tables` before the body's, never read for activities (their texts are
    /// in [`Document::margin_texts`]).
    pub header_tables: Vec<Table>,
    /// Tables of the page footers, each once; shown after the body's, like
    /// [`Document::header_tables`].
    pub footer_tables: Vec<Table>,
    /// Oddities the reader survived.
    pub warnings: Vec<String>,
    /// Coloured signs in running text, each with the words after it up to the next
    /// sign (`●` in grey, then `Avbruten`): a colour legend set in a paragraph, which
    /// the text alone cannot show.
    pub sign_legend: Vec<(crate::colour::Rgb, String)>,
    /// Each worksheet's used range as the sheet shows it (workbook order; empty for
    /// formats without sheets). [`Document::blocks`] holds the table blocks found in them.
    pub sheets: Vec<Table>,
}

/// What a table of [`Document::raw_tables`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// A table of a document (Word, PDF, HTML, text).
    Table,
    /// A worksheet's whole used range.
    Sheet,
    /// A table block found inside a worksheet that is not its whole used range.
    Block,
    /// A table of a page header (Word).
    Header,
    /// A table of a page footer (Word).
    Footer,
}

impl TableKind {
    /// The name `tables.json` gives it.
    pub fn name(self) -> &'static str {
        match self {
            TableKind::Table => "table",
            TableKind::Sheet => "sheet",
            TableKind::Block => "block",
            TableKind::Header => "header",
            TableKind::Footer => "footer",
        }
    }
}

impl Document {
    /// The tables `planlift tables` shows: a document's tables, those of its page
    /// headers before and of its footers after them; for a workbook, each sheet's used
    /// range followed by the blocks found in it that differ from it.
    pub fn raw_tables(&self) -> Vec<(TableKind, &Table)> {
        let blocks = self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        });
        if self.sheets.is_empty() {
            let headers = self.header_tables.iter().map(|t| (TableKind::Header, t));
            let footers = self.footer_tables.iter().map(|t| (TableKind::Footer, t));
            return headers
                .chain(blocks.map(|t| (TableKind::Table, t)))
                .chain(footers)
                .collect();
        }
        let blocks: Vec<&Table> = blocks.collect();
        let mut out = Vec::new();
        for sheet in &self.sheets {
            out.push((TableKind::Sheet, sheet));
            for b in blocks.iter().filter(|b| b.sheet == sheet.sheet) {
                if !b.same_cells(sheet) {
                    out.push((TableKind::Block, b));
                }
            }
        }
        out
    }
}

/// A block of the document.
#[derive(Debug, Clone)]
pub enum Block {
    /// A heading; `level` 1 is the highest.
    Heading {
        level: u8,
        text: String,
        page: Option<u32>,
    },
    /// A paragraph of running text; list items keep their number or bullet sign.
    Paragraph { text: String, page: Option<u32> },
    /// A table.
    Table(Table),
}

impl Block {
    /// The text of a heading or paragraph; `None` for a table.
    pub fn text(&self) -> Option<&str> {
        match self {
            Block::Heading { text, .. } | Block::Paragraph { text, .. } => Some(text),
            Block::Table(_) => None,
        }
    }
}

/// A table: anchor cells with spans, on a grid of `n_rows` × `n_cols`.
///
/// ```
/// let t = &planlift::tables("fixtures/sheets/katrineholm-2020.xlsx").unwrap()[0];
/// assert_eq!(t.sheet.as_deref(), Some("Handlingsplan"));
/// assert!(t.cells.iter().all(|c| c.row < t.n_rows && c.col < t.n_cols));
/// ```
#[derive(Debug, Default, Clone)]
pub struct Table {
    /// Anchor cells, in row-major order.
    pub cells: Vec<Cell>,
    /// Rows of the grid.
    pub n_rows: usize,
    /// Columns of the grid.
    pub n_cols: usize,
    /// 1-based pages the table lies on (empty where the format has no pages).
    pub pages: Vec<u32>,
    /// Sheet name for spreadsheets.
    pub sheet: Option<String>,
    /// For a sheet's table, the sheet row and column (0-based) of the grid's top-left
    /// position; `None` elsewhere, and where a vast sheet's grid was compacted.
    pub origin: Option<(usize, usize)>,
    /// Rows of the grid (0-based, ascending) that the sheet hides; kept in a sheet's used
    /// range, left out of the blocks that `extract` reads ([`crate::read::hidden`]).
    pub hidden_rows: Vec<usize>,
    /// Columns of the grid (0-based, ascending) that the sheet hides.
    pub hidden_cols: Vec<usize>,
}

/// One cell (the anchor of a merged range).
///
/// ```
/// let t = &planlift::tables("fixtures/pdf/baerum-status-2020.pdf").unwrap()[0];
/// assert!(t.cells.iter().any(|c| c.fill.is_some()), "status fills");
/// ```
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Cell {
    /// 0-based row of the top-left position.
    pub row: usize,
    /// 0-based column of the top-left position.
    pub col: usize,
    /// Rows covered (at least 1).
    pub row_span: usize,
    /// Columns covered (at least 1).
    pub col_span: usize,
    /// The text; paragraphs and list items on their own lines.
    pub text: String,
    /// Background fill.
    pub fill: Option<Rgb>,
    /// The colour of the cell's text where it is set and not black or automatic (a
    /// status given as a coloured word or sign).
    pub color: Option<Rgb>,
    /// Whether the text starts with a bold run (`None` where the format cannot tell).
    pub bold: Option<bool>,
    /// How many leading lines are styled apart from the rest (bold over plain: a title
    /// over its description); 0 where the text is styled as one, or the format cannot
    /// tell.
    pub title_lines: usize,
    /// 1-based page where the cell starts.
    pub page: Option<u32>,
}

impl Document {
    /// Joins a number badge to the heading it stands before: a designed page sets a
    /// measure's number apart (`1.1` in a circle or a box, then `Skolegater ved …` as the
    /// heading), and a reader reads them as one numbered heading (`1.1 Skolegater ved …`).
    pub fn join_badges(&mut self) {
        let badge = |b: &Block| match b {
            Block::Paragraph { text, .. } | Block::Heading { text, .. } => {
                let t = text.trim();
                !t.is_empty()
                    && t.len() <= 8
                    && t.split('.').filter(|p| !p.is_empty()).count() <= 3
                    && t.split('.')
                        .all(|p| p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
            }
            Block::Table(_) => false,
        };
        let mut i = 0;
        while i + 1 < self.blocks.len() {
            let joins = badge(&self.blocks[i])
                && matches!(&self.blocks[i + 1], Block::Heading { text, .. } if !badge(&self.blocks[i + 1]) && !text.trim().is_empty());
            if joins {
                let number = self
                    .blocks
                    .remove(i)
                    .text()
                    .unwrap_or("")
                    .trim()
                    .to_string();
                if let Block::Heading { text, .. } = &mut self.blocks[i] {
                    *text = format!("{number} {}", text.trim());
                }
            }
            i += 1;
        }
    }

    /// Spells out typographic ligatures (`ﬁ` → `fi`, `ﬂ` → `fl`) in every text, as a
    /// reader of the page sees them; PDFs and text pasted from them carry the ligature
    /// characters themselves.
    pub fn unfold_ligatures(&mut self) {
        let unfold = |s: &mut String| {
            if s.chars().any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)) {
                *s = crate::text::unfold_ligatures(s);
            }
        };
        for block in &mut self.blocks {
            match block {
                Block::Heading { text, .. } | Block::Paragraph { text, .. } => unfold(text),
                Block::Table(t) => t.cells.iter_mut().for_each(|c| unfold(&mut c.text)),
            }
        }
        self.margin_texts.iter_mut().for_each(unfold);
        for t in self.header_tables.iter_mut().chain(&mut self.footer_tables) {
            t.cells.iter_mut().for_each(|c| unfold(&mut c.text));
        }
        if let Some(t) = self.title.as_mut() {
            unfold(t);
        }
    }
}

impl Table {
    /// Whether two tables have the same grid and the same texts at the same places.
    pub(crate) fn same_cells(&self, other: &Table) -> bool {
        let texts = |t: &Table| -> Vec<(usize, usize, usize, usize, String)> {
            t.cells
                .iter()
                .filter(|c| !c.text.is_empty())
                .map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.clone()))
                .collect()
        };
        (self.n_rows, self.n_cols, self.origin) == (other.n_rows, other.n_cols, other.origin)
            && texts(self) == texts(other)
    }

    /// For every grid position, the index in `cells` of the cell covering it.
    ///
    /// ```
    /// let t = &planlift::tables_of_bytes(planlift::Format::Md, b"| A | B |\n|---|---|\n| 1 | 2 |\n").unwrap()[0];
    /// let texts: Vec<Vec<&str>> = t.grid().iter()
    ///     .map(|row| row.iter().map(|c| c.map_or("", |i| t.cells[i].text.as_str())).collect())
    ///     .collect();
    /// assert_eq!(texts, [["A", "B"], ["1", "2"]]);
    /// ```
    pub fn grid(&self) -> Vec<Vec<Option<usize>>> {
        let mut grid = vec![vec![None; self.n_cols]; self.n_rows];
        for (i, cell) in self.cells.iter().enumerate() {
            let rows = cell.row..(cell.row + cell.row_span.max(1)).min(self.n_rows);
            for row in rows {
                let cols = cell.col..(cell.col + cell.col_span.max(1)).min(self.n_cols);
                for col in cols {
                    if grid[row][col].is_none() {
                        grid[row][col] = Some(i);
                    }
                }
            }
        }
        grid
    }

    /// The table turned on its diagonal: its rows become columns (a table that lays its
    /// labels down the first column, one record per column, read as the usual way round).
    ///
    /// ```
    /// let t = &planlift::tables_of_bytes(planlift::Format::Md, b"| A | 1 |\n|---|---|\n| B | 2 |\n").unwrap()[0];
    /// let turned = t.transposed();
    /// let texts: Vec<&str> = turned.cells.iter().map(|c| c.text.as_str()).collect();
    /// assert_eq!(texts, ["A", "B", "1", "2"]);
    /// ```
    pub fn transposed(&self) -> Table {
        let mut cells: Vec<Cell> = self
            .cells
            .iter()
            .map(|c| Cell {
                row: c.col,
                col: c.row,
                row_span: c.col_span,
                col_span: c.row_span,
                ..c.clone()
            })
            .collect();
        cells.sort_by_key(|c| (c.row, c.col));
        Table {
            cells,
            n_rows: self.n_cols,
            n_cols: self.n_rows,
            origin: None,
            hidden_rows: self.hidden_cols.clone(),
            hidden_cols: self.hidden_rows.clone(),
            ..self.clone()
        }
    }

    /// The table as lines of text, one per row, its cells' texts joined by ` | ` (how a
    /// table nested in a cell keeps its content in that cell).
    pub(crate) fn row_lines(&self) -> Vec<String> {
        self.grid()
            .into_iter()
            .map(|row| {
                let mut seen: Vec<usize> = Vec::new();
                for idx in row.into_iter().flatten() {
                    if !seen.contains(&idx) {
                        seen.push(idx);
                    }
                }
                let texts: Vec<String> = seen
                    .iter()
                    .map(|&i| crate::text::collapse(&self.cells[i].text))
                    .filter(|s| !s.is_empty())
                    .collect();
                texts.join(" | ")
            })
            .collect()
    }

    /// Builds a table from anchor cells, sizing the grid to hold them all.
    pub(crate) fn from_cells(cells: Vec<Cell>) -> Table {
        let n_rows = cells
            .iter()
            .map(|c| c.row + c.row_span.max(1))
            .max()
            .unwrap_or(0);
        let n_cols = cells
            .iter()
            .map(|c| c.col + c.col_span.max(1))
            .max()
            .unwrap_or(0);
        Table {
            cells,
            n_rows,
            n_cols,
            ..Table::default()
        }
    }
}
