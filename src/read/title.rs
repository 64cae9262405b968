//! A cell whose first line is styled apart from the rest — bold, italic or larger — is a
//! title over a description. Readers count the letters of each paragraph (or, in a PDF,
//! each visual line) by how they are set ([`Tally`]); [`lead`] decides how many leading
//! lines are such a title, as a reader of the table would.
//!
//! The rule: the leading lines are set alike (all bold, all italic, or one size), and
//! apart from the rest of the cell (bold over not bold, italic over not italic, or at
//! least [`LARGER`] times its size); the rest is plain (not mostly bold). A bold lead is
//! a title wherever it stands apart; an italic or larger one, a weaker sign, only where
//! it is short (at most [`SHORT_LINES`] lines and [`SHORT_WORDS`] words) and the rest is
//! longer than it or runs over several lines. A cell set all in italic or all in one size
//! is never split. Whether the words read as a title (no colon at its end, the rest not
//! going on with its sentence) is [`crate::text::is_title_over`]'s to say.

/// How a run of text is set.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Look {
    /// Bold (a bold weight or font).
    pub bold: bool,
    /// Italic or oblique.
    pub italic: bool,
    /// The type size in points, where the format tells it.
    pub size: Option<f32>,
}

/// How much larger than the rest a lead must be set to stand apart by size alone (15 %).
pub const LARGER: f32 = 1.15;

/// Most lines a title styled apart only by italic or size runs over.
pub const SHORT_LINES: usize = 3;

/// Most words of a title styled apart only by italic or size.
pub const SHORT_WORDS: usize = 16;

/// The letters of one paragraph or line counted by how they are set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    letters: usize,
    bold: usize,
    italic: usize,
    words: usize,
    /// How the first counted text is set.
    first: Option<Look>,
    /// Letters by size (sizes within 2 % of each other are one).
    sizes: Vec<(f32, usize)>,
    /// The text counted while every letter was bold, from the first.
    bold_lead: String,
    /// Whether a letter not in bold has been counted after it.
    lead_closed: bool,
}

impl Tally {
    /// Counts the letters and digits of `text`, set as `look` says.
    pub fn add(&mut self, text: &str, look: Look) {
        let n = text.chars().filter(|c| c.is_alphanumeric()).count();
        if !self.lead_closed {
            if look.bold || n == 0 {
                self.bold_lead.push_str(text);
            } else {
                self.lead_closed = true;
            }
        }
        if n == 0 {
            return;
        }
        self.letters += n;
        self.words += text.split_whitespace().count();
        self.first.get_or_insert(look);
        if look.bold {
            self.bold += n;
        }
        if look.italic {
            self.italic += n;
        }
        if let Some(size) = look.size.filter(|s| s.is_finite() && *s > 0.0) {
            self.add_size(size, n);
        }
    }

    /// Counts `n` letters set in `size`, with the sizes within 2 % of it.
    fn add_size(&mut self, size: f32, n: usize) {
        match self
            .sizes
            .iter_mut()
            .find(|(s, _)| (*s - size).abs() <= 0.02 * *s)
        {
            Some((_, k)) => *k += n,
            None => self.sizes.push((size, n)),
        }
    }

    /// The bold text a paragraph opens with, where text not in bold follows it (`1.1
    /// Mobilfria skoldagar.` before its plain description), white space trimmed.
    pub fn bold_lead(&self) -> Option<&str> {
        let lead = self.bold_lead.trim();
        (self.lead_closed && lead.chars().any(char::is_alphanumeric)).then_some(lead)
    }

    /// Whether no letter has been counted.
    pub fn is_empty(&self) -> bool {
        self.letters == 0
    }

    /// The letters of several lines counted together.
    pub fn merged(lines: &[Tally]) -> Tally {
        let mut all = Tally::default();
        for line in lines {
            all.merge(line);
        }
        all
    }

    pub(crate) fn merge(&mut self, other: &Tally) {
        if !self.lead_closed {
            if self.letters == 0 || other.letters > 0 {
                self.bold_lead.push_str(&other.bold_lead);
            }
            self.lead_closed = other.lead_closed;
        }
        self.letters += other.letters;
        self.bold += other.bold;
        self.italic += other.italic;
        self.words += other.words;
        self.first = self.first.or(other.first);
        for &(size, n) in &other.sizes {
            self.add_size(size, n);
        }
    }

    /// The one size every letter is set in (where every letter's size is known).
    fn one_size(&self) -> Option<f32> {
        match self.sizes.as_slice() {
            [(s, n)] if *n == self.letters => Some(*s),
            _ => None,
        }
    }

    /// The size most letters are set in, where the sizes of most are known.
    pub(crate) fn main_size(&self) -> Option<f32> {
        let known: usize = self.sizes.iter().map(|(_, n)| n).sum();
        let &(s, _) = self.sizes.iter().max_by_key(|(_, n)| *n)?;
        (2 * known > self.letters).then_some(s)
    }

    /// The look every letter shares: bold and italic where all are, the size where one.
    pub(crate) fn uniform(&self) -> Look {
        Look {
            bold: self.letters > 0 && self.bold == self.letters,
            italic: self.letters > 0 && self.italic == self.letters,
            size: self.one_size(),
        }
    }

    /// The look of most letters.
    fn mostly(&self) -> Look {
        Look {
            bold: 2 * self.bold > self.letters,
            italic: 2 * self.italic > self.letters,
            size: self.main_size(),
        }
    }
}

/// How a lead set as `title` stands apart from a rest mostly set as `rest`.
#[derive(Debug, PartialEq)]
enum Apart {
    Bold,
    ItalicOrSize,
}

fn apart(title: Look, rest: Look) -> Option<Apart> {
    if rest.bold {
        return None;
    }
    if title.bold {
        return Some(Apart::Bold);
    }
    let larger = matches!((title.size, rest.size), (Some(t), Some(r)) if t >= LARGER * r);
    (title.italic && !rest.italic || larger).then_some(Apart::ItalicOrSize)
}

/// How many leading lines of a cell are a title styled apart from the rest, given the
/// cell's paragraphs (or lines) in order, each as its text (which may hold line breaks)
/// and the tally of its letters; 0 for none. Blank paragraphs before the first are
/// skipped, as the cell's trimmed text skips them; the title ends at a blank one.
///
/// An italic `Solar panels on schools` over a plain description gives 1; the same
/// cell all in italic, 0.
pub fn lead(paragraphs: &[(&str, Tally)]) -> usize {
    let start = paragraphs
        .iter()
        .position(|(_, t)| !t.is_empty())
        .unwrap_or(paragraphs.len());
    let paragraphs = &paragraphs[start..];
    let Some((_, first)) = paragraphs.first() else {
        return 0;
    };
    let look = first.uniform();
    if !(look.bold || look.italic || look.size.is_some()) {
        return 0;
    }
    let alike = |t: &Tally| {
        let l = t.uniform();
        !t.is_empty()
            && l.bold == look.bold
            && l.italic == look.italic
            && match (l.size, look.size) {
                (Some(a), Some(b)) => (a - b).abs() <= 0.02 * b,
                (None, None) => true,
                _ => false,
            }
    };
    let k = paragraphs.iter().take_while(|(_, t)| alike(t)).count();
    let mut title = Tally::default();
    let mut rest = Tally::default();
    for (_, t) in &paragraphs[..k] {
        title.merge(t);
    }
    for (_, t) in &paragraphs[k..] {
        rest.merge(t);
    }
    if rest.is_empty() {
        return 0;
    }
    let lines = |ps: &[(&str, Tally)]| -> usize {
        ps.iter()
            .filter(|(_, t)| !t.is_empty())
            .map(|(s, _)| s.trim_matches('\n').lines().count().max(1))
            .sum()
    };
    let n = lines(&paragraphs[..k]);
    // The title ends where its look does: the rest opens set apart from it too (a bold
    // lead-in whose bold runs on into the next line is no title).
    let title_look = title.uniform();
    if rest.first.is_some_and(|f| apart(title_look, f).is_none()) {
        return 0;
    }
    // The title's own look against the rest's (a lead both bold and larger is bold).
    match apart(title_look, rest.mostly()) {
        Some(Apart::Bold) => n,
        Some(Apart::ItalicOrSize) => {
            let rest_lines = lines(&paragraphs[k..]);
            let short = n <= SHORT_LINES && title.words <= SHORT_WORDS;
            let longer = rest.letters > title.letters || rest_lines >= 2;
            if short && longer {
                n
            } else {
                0
            }
        }
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str, look: Look) -> (&str, Tally) {
        let mut t = Tally::default();
        t.add(text, look);
        (text, t)
    }

    const PLAIN: Look = Look {
        bold: false,
        italic: false,
        size: Some(10.0),
    };

    #[test]
    fn italic_larger_and_bold_leads_are_titles() {
        let desc = "Anställda erbjuds förmånscyklar och säkra cykelparkeringar.";
        let italic = Look {
            italic: true,
            ..PLAIN
        };
        let larger = Look {
            size: Some(12.0),
            ..PLAIN
        };
        let bold = Look {
            bold: true,
            ..PLAIN
        };
        for look in [italic, larger, bold] {
            assert_eq!(lead(&[para("Cykelpendling", look), para(desc, PLAIN)]), 1);
        }
        // Two title lines, a blank paragraph before.
        assert_eq!(
            lead(&[
                para("", PLAIN),
                para("Cykelpendling", italic),
                para("till jobbet", italic),
                para(desc, PLAIN)
            ]),
            2
        );
    }

    #[test]
    fn a_cell_set_as_one_is_not_split() {
        let italic = Look {
            italic: true,
            ..PLAIN
        };
        let a = "Kommentar fra enheten";
        let b = "Arbeidet er forsinket til neste år.";
        assert_eq!(lead(&[para(a, italic), para(b, italic)]), 0);
        assert_eq!(lead(&[para(a, PLAIN), para(b, PLAIN)]), 0);
        // 10 % larger is not apart.
        let slightly = Look {
            size: Some(11.0),
            ..PLAIN
        };
        assert_eq!(lead(&[para(a, slightly), para(b, PLAIN)]), 0);
        // Sizes unknown: nothing to compare.
        let unknown = Look {
            size: None,
            ..PLAIN
        };
        assert_eq!(lead(&[para(a, unknown), para(b, unknown)]), 0);
    }

    #[test]
    fn a_lead_whose_look_runs_on_into_the_next_line_is_no_title() {
        let bold = Look {
            bold: true,
            ..PLAIN
        };
        let mut next = Tally::default();
        next.add("Idrettsråd", bold);
        next.add("om tema som raushet og", PLAIN);
        let rest = "åpenhet, anti-mobbing og opplæring av trenere og ledere.";
        assert_eq!(
            lead(&[
                para("Samarbeid med Bærum", bold),
                ("Idrettsråd om tema som raushet og", next),
                para(rest, PLAIN)
            ]),
            0
        );
    }

    #[test]
    fn a_long_italic_lead_over_a_short_rest_is_no_title() {
        let italic = Look {
            italic: true,
            ..PLAIN
        };
        let long = "Et langt sitat i kursiv som fortsetter over mange ord og er ingen tittel over noe som helst";
        assert_eq!(lead(&[para(long, italic), para("Ja.", PLAIN)]), 0);
        assert_eq!(lead(&[para("Kort", italic), para("Ja.", PLAIN)]), 0);
    }
}
