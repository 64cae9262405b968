//! The walk through a document's blocks that reads its measure cards: a measure's title
//! opens a record under the area and goal read so far; the lines, fact boxes and
//! responsibility matrices under it fill the record until the next title, or a heading
//! that is no box's label, closes it.

use super::lines::{
    bare_label, block_page, fact_lines, field_label, first_line, implementation_line,
    labelled_field, other_label, value,
};
use super::titles::{area_at, area_goal, measure_re, text_of, Measure};
use crate::interpret::fact_boxes::{
    box_label, label_of, numbered_goal, put_under, table_pairs, Label,
};
use crate::interpret::inline_facts::Fact;
use crate::interpret::matrix::{close_matrix, matrix_line, table_matrix, Matrix};
use crate::interpret::sections::{self, Section};
use crate::interpret::RowRecord;
use crate::model::Block;
use crate::text::{collapse, opens_with_closer, starts_lowercase};
use crate::vocab::{Field, Vocabulary};

/// The state of the walk through the blocks: what is open, what was read last.
pub(super) struct Walk<'a> {
    blocks: &'a [Block],
    vocab: &'a Vocabulary,
    /// The measure that starts at each block, if one does.
    measures: Vec<Option<Measure>>,
    /// The list item at each block that gives a measure with its facts after a dash.
    tailed: Vec<Option<(String, Vec<Fact>)>>,
    /// The areas the plan lists before its first measure: each number and name.
    listed: Vec<(String, String)>,
    /// The records closed so far.
    out: Vec<RowRecord>,
    area: Option<Section>,
    /// The goal an area states in a labelled paragraph under its heading (`Mål: …`),
    /// before its first measure: the goal of the area's measures.
    goal: Option<Section>,
    /// Whether the goal's paragraph is the last block read (a next line may go on with
    /// it).
    goal_open: bool,
    /// The open card: its record and its description's paragraphs.
    current: Option<(RowRecord, Vec<String>)>,
    /// The field whose line was read last, and the block it was read in. A line right
    /// after a field's line continues that field (a value wrapped on the page): any line
    /// without a label of its own in the field's paragraph; in the next paragraph (a page
    /// broken between them), a line in lower case, or one after a value that cannot end
    /// where it stops.
    last_field: Option<(Field, usize)>,
    /// A field's label standing alone (`Status:` with nothing after it): its value is
    /// the next line without a label, if one comes before the next label.
    pending: Option<(Field, String)>,
    /// The label on a line of its own that the lines under it belong to.
    label: Option<Label>,
    /// Whether the label was the last block read (its value still to come).
    label_fresh: bool,
    /// How many blocks the title just read takes after its first.
    skip: usize,
    /// The level of the heading that titles the open card, if a heading does.
    card_level: Option<u8>,
    /// The heading levels the document sets its boxes' labels in: those of two headings
    /// or more that name a field. A page read by font size can set them above the cards'
    /// titles; elsewhere a heading above the titles is a chapter's, never a label.
    label_levels: Vec<u8>,
    /// Whether the open card has given a fact. Text after a card's facts, in a card
    /// whose description came before them, is the card's only where another fact follows
    /// it (else a closing line or a page's footer after the last card).
    facts_seen: bool,
    /// Whether the last line read was a labelled description (`Toteutus: …`), which a
    /// line in lower case goes on with.
    described_last: bool,
    /// Text read after the open card's facts, held until another fact follows.
    trailing: Vec<String>,
    /// The responsibility matrix being read in the open card, and its rows so far.
    matrix: Option<(Matrix, Vec<Vec<String>>)>,
    /// At each block, the goal a numbered title over numbered measures gives, with the
    /// blocks its title takes.
    parents: Vec<Option<(Section, usize)>>,
}

impl<'a> Walk<'a> {
    /// A walk over `blocks` that opens a card at each of `measures` and `tailed`.
    pub(super) fn new(
        blocks: &'a [Block],
        vocab: &'a Vocabulary,
        measures: Vec<Option<Measure>>,
        tailed: Vec<Option<(String, Vec<Fact>)>>,
        listed: Vec<(String, String)>,
    ) -> Self {
        Walk {
            blocks,
            vocab,
            measures,
            tailed,
            listed,
            out: Vec::new(),
            area: None,
            goal: None,
            goal_open: false,
            current: None,
            last_field: None,
            pending: None,
            label: None,
            label_fresh: false,
            skip: 0,
            card_level: None,
            label_levels: label_levels(blocks, vocab),
            facts_seen: false,
            described_last: false,
            trailing: Vec::new(),
            matrix: None,
            parents: Vec::new(),
        }
    }

    /// The walk with the goals of numbered titles over numbered measures at their blocks.
    pub(super) fn with_parents(mut self, parents: Vec<Option<(Section, usize)>>) -> Self {
        self.parents = parents;
        self
    }

    /// The records of the cards, in document order.
    pub(super) fn run(mut self) -> Vec<RowRecord> {
        let blocks = self.blocks;
        for (i, block) in blocks.iter().enumerate() {
            if self.skip > 0 {
                self.skip -= 1;
                continue;
            }
            self.block(i, block);
        }
        close_matrix(&mut self.matrix, &mut self.current);
        self.finish();
        self.out
    }

    /// Reads block `i`.
    fn block(&mut self, i: usize, block: &Block) {
        let Some((text, heading)) = text_of(block) else {
            self.table(block);
            return;
        };
        let text = text.trim();
        if text.is_empty() {
            close_matrix(&mut self.matrix, &mut self.current);
            // A blank line after a box's text ends the box (a note set apart below it).
            if !self.label_fresh {
                self.label = None;
            }
            return;
        }
        if heading {
            close_matrix(&mut self.matrix, &mut self.current);
        }
        if let Some((item, facts)) = self.tailed[i].take() {
            close_matrix(&mut self.matrix, &mut self.current);
            self.finish();
            let mut record = match measure_re().captures(&item) {
                Some(c) => self.opened(i, block, &c[1], &c[2]),
                None => self.opened(i, block, "", &item),
            };
            for (field, label, v) in facts {
                record.fields.push((field, value(&v, &label)));
            }
            self.out.push(record);
            return;
        }
        if let Some(measure) = self.measures[i].take() {
            self.measure(i, block, measure);
            return;
        }
        if let Some((goal, taken)) = self.parents.get_mut(i).and_then(Option::take) {
            close_matrix(&mut self.matrix, &mut self.current);
            self.finish();
            self.skip = taken - 1;
            self.goal = Some(goal);
            self.goal_open = false;
            return;
        }
        // Right under a box's label of the area or the goal, a heading is its value
        // (`INNSATSOMRÅDE` over `1 Gode oppvekstvilkår`), not an area of its own.
        if self.label_fresh && heading {
            if let (Some(l @ (Label::Area | Label::Goal)), Some((record, description))) =
                (&self.label, self.current.as_mut())
            {
                put_under(record, description, l, text, self.vocab);
                self.label_fresh = false;
                return;
            }
        }
        if let Some((section, taken)) = area_at(self.blocks, i, self.vocab) {
            self.finish();
            self.skip = taken - 1;
            self.area = Some(section);
            self.goal = None;
            return;
        }
        // A goal's heading by its word and number (`Tavoite 1: Sujuvat sähköiset
        // palvelut`) over the measures that serve it: their goal, under the area.
        if heading {
            if let Some((sections::SectionKind::Goal, goal)) =
                sections::keyword_section(text, self.vocab)
            {
                if goal.id.is_some() && !goal.text.is_empty() {
                    self.finish();
                    self.goal = Some(goal);
                    self.goal_open = false;
                    return;
                }
            }
        }
        let goal_was_open = std::mem::take(&mut self.goal_open);
        if self.current.is_none() {
            if !heading && self.area.is_some() {
                self.area_goal_line(text, goal_was_open);
            }
            return;
        }
        if !heading && self.area_tag(text) {
            return;
        }
        if heading {
            self.card_heading(i, block, text);
        } else {
            self.paragraph(i, text);
        }
    }

    /// A table in a card: a responsibility matrix, or fact boxes as label and value.
    fn table(&mut self, block: &Block) {
        close_matrix(&mut self.matrix, &mut self.current);
        if let (Block::Table(t), Some((record, description))) = (block, self.current.as_mut()) {
            self.matrix = table_matrix(t, self.vocab);
            if self.matrix.is_none() {
                for (l, v) in table_pairs(t, self.vocab).unwrap_or_default() {
                    put_under(
                        record,
                        description,
                        &box_label(&l, self.vocab),
                        &v,
                        self.vocab,
                    );
                }
            }
        }
    }

    /// A measure's record, opened at block `i` under the area and goal read so far.
    fn opened(&self, i: usize, block: &Block, id: &str, title: &str) -> RowRecord {
        let mut record = RowRecord {
            row_index: i + 1,
            page: block_page(block),
            area: self.area.clone(),
            goal: self.goal.clone(),
            ..RowRecord::default()
        };
        if !id.is_empty() {
            record.fields.push((Field::Id, value(id, "")));
        }
        record
            .fields
            .push((Field::Activity, value(collapse(title).as_str(), "")));
        record
    }

    /// The title of a measure at block `i`: a card of its own, or the card before it
    /// going on.
    fn measure(&mut self, i: usize, block: &Block, (id, title, taken): Measure) {
        self.skip = taken - 1;
        // The measure's title again, marked as going on (`2.2 Samtalsstöd (forts.)` on
        // the next slide, under the area's heading again): the same card goes on.
        if let Some(head) = self.vocab.continued_title(&title) {
            if self.goes_on(&id, head) {
                (self.last_field, self.pending) = (None, None);
                return;
            }
        }
        self.finish();
        self.card_level = match block {
            Block::Heading { level, .. } => Some(*level),
            _ => None,
        };
        self.current = Some((self.opened(i, block, &id, &title), Vec::new()));
        (self.last_field, self.label, self.label_fresh) = (None, None, false);
        self.pending = None;
        self.facts_seen = false;
        self.trailing.clear();
    }

    /// Whether the card of number `id` (or, without one, titled `head`) is open, opening
    /// it again where it was the last one closed.
    fn goes_on(&mut self, id: &str, head: &str) -> bool {
        let same = |r: &RowRecord| {
            let (f, v) = if id.is_empty() {
                (Field::Activity, head)
            } else {
                (Field::Id, id)
            };
            r.field(f).is_some_and(|t| collapse(t) == collapse(v))
        };
        if self.current.is_none() && self.out.last().is_some_and(same) {
            if let Some(mut record) = self.out.pop() {
                let description = record
                    .implementation
                    .take()
                    .map(|t| t.lines().map(str::to_string).collect())
                    .unwrap_or_default();
                self.current = Some((record, description));
            }
        }
        self.current.as_ref().is_some_and(|(r, _)| same(r))
    }

    /// Closes the open card: the description under the heading is how the measure is
    /// carried out; it may close with the measure's facts in brackets, over lines of
    /// its own.
    fn finish(&mut self) {
        let Some((mut record, description)) = self.current.take() else {
            return;
        };
        let mut text = description.join("\n");
        if let Some((head, facts)) = crate::interpret::inline_facts::split(&text, self.vocab) {
            text = head;
            for (field, label, v) in facts {
                if record.field(field).is_none() {
                    let v = v
                        .lines()
                        .fold(String::new(), |a, l| crate::text::join_wrapped(&a, l));
                    record.fields.push((field, value(&collapse(&v), &label)));
                }
            }
        }
        record.implementation = Some(text).filter(|t| !t.trim().is_empty());
        self.out.push(record);
    }

    /// A paragraph under an area's heading, before its first card: the area's goal
    /// where it is labelled so (`Mål: …`), or the goal's sentence going on.
    fn area_goal_line(&mut self, text: &str, goal_was_open: bool) {
        match (area_goal(text, self.vocab), self.goal.as_mut()) {
            (Some(g), _) => {
                self.goal = Some(g);
                self.goal_open = true;
            }
            // A goal's sentence wrapped onto the next line of a page.
            (None, Some(g)) if goal_was_open && !g.text.ends_with(['.', '!', '?']) => {
                g.text = format!("{} {}", g.text, collapse(text));
                self.goal_open = true;
            }
            _ => {}
        }
    }

    /// Whether `text` is a tag right under the card's title naming one of the areas
    /// the plan lists before its measures (`Dagvatten` under the title, `1. Dagvatten`
    /// in the introduction): the measure's area, set on its record.
    fn area_tag(&mut self, text: &str) -> bool {
        let Some((record, description)) = self.current.as_mut() else {
            return false;
        };
        if !description.is_empty() || self.label.is_some() || record.area.is_some() {
            return false;
        }
        let named = collapse(text).to_lowercase();
        let Some((id, name)) = self.listed.iter().find(|(_, n)| n.to_lowercase() == named) else {
            return false;
        };
        record.area = Some(Section {
            id: Some(id.clone()),
            text: name.clone(),
        });
        true
    }

    /// A heading inside the open card at block `i`: a box's value, a box's label, or
    /// another heading, which ends the card.
    fn card_heading(&mut self, i: usize, block: &Block, text: &str) {
        let vocab = self.vocab;
        let Some((record, description)) = self.current.as_mut() else {
            return;
        };
        // The goal's number set as a heading of its own in the goal's box (`Mål 2`).
        if matches!(self.label, Some(Label::Goal))
            && record.goal.as_ref().is_none_or(|g| g.text.is_empty())
            && numbered_goal(text, vocab).is_some()
        {
            put_under(record, description, &Label::Goal, text, vocab);
            return;
        }
        // Right under a field's label, a heading that names no field is its value set
        // in bold (`Status` over a bold `I gang`).
        let next_label = label_of(text, self.blocks.get(i + 1), vocab);
        if self.label_fresh
            && matches!(self.label, Some(Label::Field(..)))
            && matches!(next_label, None | Some(Label::Extra(_)))
        {
            if let Some(l) = self.label.take() {
                put_under(record, description, &l, text, vocab);
            }
            self.label_fresh = false;
            self.facts_seen = true;
            return;
        }
        // A fact box's label, or another heading, which ends the card; a chapter's
        // heading (`Seuranta` a level above the cards' titles) is never a box's label,
        // unless the document sets its labels at that level.
        let above_title = match (block, self.card_level) {
            (Block::Heading { level, .. }, Some(c)) if *level < c => {
                *level == 1 || !self.label_levels.contains(level)
            }
            _ => false,
        };
        self.label = next_label.filter(|_| !above_title);
        self.label_fresh = self.label.is_some();
        self.last_field = None;
        if self.label.is_none() {
            self.finish();
        }
    }

    /// A paragraph inside the open card at block `i`: a box's label set as plain text,
    /// a box's value, or lines of facts and description.
    fn paragraph(&mut self, i: usize, text: &str) {
        let vocab = self.vocab;
        // A paragraph that is only a field's name (`Vastuutaho`, `Tukee tavoitetta`) is
        // a box's label set as plain text: the paragraphs under it are its value.
        // Right under a label, the paragraph is its value, whatever it names.
        let waiting = std::mem::take(&mut self.label_fresh);
        if let Some(l) = field_label(text, vocab).filter(|_| !waiting) {
            self.label = Some(l);
            self.label_fresh = true;
            self.last_field = None;
            return;
        }
        if let Some(l) = &self.label {
            // Under a description's label, a `Label: value` line is a fact again
            // (`Beskrivning` over the text, then `Ansvarig: …`).
            let facts = matches!(l, Label::Description)
                && text
                    .lines()
                    .any(|line| labelled_field(line, vocab).is_some());
            if !facts {
                if let Some((record, description)) = self.current.as_mut() {
                    put_under(record, description, l, text, vocab);
                }
                self.facts_seen |= !matches!(l, Label::Description);
                return;
            }
            self.label = None;
        }
        let lines: Vec<String> = text.lines().flat_map(|l| fact_lines(l, vocab)).collect();
        for k in 0..lines.len() {
            self.line(i, &lines, k);
        }
    }

    /// Line `k` of `lines`, a paragraph of the open card at block `i`: a matrix's row,
    /// a fact, a label standing alone or its value, a field's value going on, or the
    /// description.
    fn line(&mut self, i: usize, lines: &[String], k: usize) {
        let (vocab, blocks) = (self.vocab, self.blocks);
        let line = lines[k].as_str();
        let Some((record, description)) = self.current.as_mut() else {
            return;
        };
        if matrix_line(line, &mut self.matrix, record, vocab) {
            self.last_field = None;
            self.facts_seen = true;
            return;
        }
        // Between two field lines, a line without a label is the first one's value
        // wrapped (a page's lines each a block of their own).
        let between = || {
            lines
                .get(k + 1)
                .map(String::as_str)
                .or_else(|| blocks[i + 1..].iter().find_map(first_line))
                .is_some_and(|n| labelled_field(n, vocab).is_some())
        };
        let continues = self
            .last_field
            .filter(|(f, at)| {
                *at == i
                    || starts_lowercase(line.trim())
                    || opens_with_closer(line)
                    || record.field(*f).is_some_and(crate::text::ends_unfinished)
                    || between()
            })
            .map(|(f, _)| f);
        let field = labelled_field(line, vocab);
        if field.is_some() {
            self.pending = None;
        } else {
            if let Some((f, label)) = bare_label(line, vocab) {
                self.pending = Some((f, label));
                self.last_field = None;
                self.facts_seen = true;
                return;
            }
            if let Some((f, label)) = self
                .pending
                .take()
                .filter(|(f, _)| record.field(*f).is_none())
            {
                record.fields.push((f, value(&collapse(line), &label)));
                self.last_field = Some((f, i));
                return;
            }
            // A line labelled as the way the measure is carried out (`Gjennomføring: …`)
            // is its description.
            if let Some(v) = implementation_line(line, vocab) {
                description.push(v);
                self.last_field = None;
                self.facts_seen = true;
                self.described_last = true;
                return;
            }
            // A line under a label the vocabulary does not know (`Samarbeid: …`) is a
            // fact of its own, kept by its label: no field's value goes on.
            if let Some((label, v)) = other_label(line) {
                record.extra.push((label, v));
                self.last_field = None;
                return;
            }
        }
        match (continues, field) {
            (Some(field), None) => {
                if let Some((_, v)) = record.fields.iter_mut().find(|(f, _)| *f == field) {
                    let line = collapse(line);
                    let gap = if line.starts_with('%') || !opens_with_closer(&line) {
                        " "
                    } else {
                        ""
                    };
                    v.text = format!("{}{gap}{line}", v.text);
                }
            }
            (_, Some((field, label, v))) if record.field(field).is_none() => {
                self.described_last = false;
                record.fields.push((field, value(&v, &label)));
                self.last_field = Some((field, i));
                self.facts_seen = true;
                description.append(&mut self.trailing);
            }
            (_, Some((_, label, v))) => {
                record.extra.push((label, v));
                self.last_field = None;
            }
            (None, None) => {
                // A line in lower case goes on with the sentence above it (a paragraph
                // wrapped on the page, its lines blocks of their own); a line in lower
                // case under a labelled description goes on with it.
                let line = collapse(line);
                let going_on = self.described_last && starts_lowercase(&line);
                let target = if self.facts_seen && !description.is_empty() && !going_on {
                    &mut self.trailing
                } else {
                    description
                };
                self.described_last = going_on;
                match target.last_mut() {
                    Some(last) if starts_lowercase(&line) => {
                        *last = crate::text::join_wrapped(last, &line);
                    }
                    _ => target.push(line),
                }
                self.last_field = None;
            }
        }
    }
}

/// The heading levels at which two headings or more name a field (`Ansvarleg`,
/// `Tidsrom`): the levels the document sets its boxes' labels in.
fn label_levels(blocks: &[Block], vocab: &Vocabulary) -> Vec<u8> {
    let mut counts = [0usize; 8];
    for (i, block) in blocks.iter().enumerate() {
        if let Block::Heading { level, text, .. } = block {
            let named = matches!(
                label_of(text, blocks.get(i + 1), vocab),
                Some(Label::Field(..) | Label::Description)
            );
            if named && (*level as usize) < counts.len() {
                counts[*level as usize] += 1;
            }
        }
    }
    (0..counts.len() as u8)
        .filter(|&l| counts[l as usize] >= 2)
        .collect()
}
