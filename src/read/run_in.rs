//! Run-in headings: a paragraph that opens with a few words in bold closed by a full
//! stop, the plain text going on after them on the same line (`**1.1 Mobilfria
//! skoldagar.** Ordningsreglerna uppdateras …`), is a heading set into its paragraph,
//! as typesetters call it. A reader takes the bold words as the heading of the text
//! after them, so they are read as a heading here, in a level under the document's
//! lowest, and the rest as its paragraph. A writer sets run-in headings as a pattern:
//! a document with only one is left as it is (a bold `Obs.` is a remark), and a bold
//! lead closed by a colon is a label (`Ansvar:`), not a heading.

use crate::model::Block;
use crate::read::styled_headings::HEADING_WORDS;
use crate::read::title::Tally;

/// Splits the paragraphs of `blocks` that open with a run-in heading into a heading
/// and a paragraph. `tallies` holds the index in `blocks` of each paragraph of the
/// running text with its letters counted by how they are set.
pub fn apply(blocks: &mut Vec<Block>, tallies: &[(usize, Tally)]) {
    let leads: Vec<(usize, &str)> = tallies
        .iter()
        .filter_map(|(i, t)| Some((*i, t.bold_lead()?)))
        .collect();
    apply_leads(blocks, &leads);
}

/// As [`apply`], given the bold text each paragraph opens with (by index in `blocks`,
/// in order), where text not in bold follows it on its first line.
pub fn apply_leads(blocks: &mut Vec<Block>, leads: &[(usize, &str)]) {
    let splits: Vec<(usize, String, String)> = leads
        .iter()
        .filter_map(|&(i, lead)| {
            let Some(Block::Paragraph { text, .. }) = blocks.get(i) else {
                return None;
            };
            let (head, rest) = run_in(text, lead)?;
            Some((i, head, rest))
        })
        .collect();
    if splits.len() < 2 {
        return;
    }
    let level = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .max()
        .map_or(1, |l| l.saturating_add(1).min(9));
    let old = std::mem::take(blocks);
    let mut splits = splits.into_iter().peekable();
    for (i, block) in old.into_iter().enumerate() {
        match splits.next_if(|(k, ..)| *k == i) {
            Some((_, head, rest)) => {
                let page = match &block {
                    Block::Paragraph { page, .. } => *page,
                    _ => None,
                };
                blocks.push(Block::Heading {
                    level,
                    text: head,
                    page,
                });
                blocks.push(Block::Paragraph { text: rest, page });
            }
            None => blocks.push(block),
        }
    }
}

/// The heading and the rest of a paragraph whose text opens with the bold `lead`: a
/// lead of a few words on the paragraph's first line, closed by a full stop, plain
/// text after it on the same line. The heading loses its full stop.
fn run_in(text: &str, lead: &str) -> Option<(String, String)> {
    let lead = crate::text::collapse(lead);
    if !lead.ends_with('.')
        || lead.ends_with("..")
        || lead.split_whitespace().count() > HEADING_WORDS
    {
        return None;
    }
    let first_line = text.trim_start().lines().next()?;
    let collapsed = crate::text::collapse(first_line);
    let rest_of_line = collapsed.strip_prefix(lead.as_str())?;
    if !rest_of_line.starts_with(' ') || rest_of_line.trim().is_empty() {
        return None;
    }
    // The rest of the paragraph: its first line after the lead, then its other lines.
    let after_first = &text.trim_start()[first_line.len()..];
    let rest = format!("{}{}", rest_of_line.trim_start(), after_first);
    let head = lead.trim_end_matches('.').trim_end().to_string();
    (head.chars().any(char::is_alphabetic)).then_some((head, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bold_lead_closed_by_a_stop_runs_in() {
        assert_eq!(
            run_in(
                "1.1 Mobilfria skoldagar. Reglerna uppdateras.\nMer text.",
                "1.1 Mobilfria skoldagar."
            ),
            Some((
                "1.1 Mobilfria skoldagar".to_string(),
                "Reglerna uppdateras.\nMer text.".to_string()
            ))
        );
        // A label, a bold paragraph alone and a lead over a line break are no run-ins.
        assert_eq!(run_in("Ansvar: kansliet", "Ansvar:"), None);
        assert_eq!(run_in("Uppföljning.", "Uppföljning."), None);
        assert_eq!(
            run_in("Uppföljning.\nPlanen följs upp.", "Uppföljning."),
            None
        );
    }
}
