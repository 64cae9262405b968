//! Status from words or from a cell's fill colour, through the document's legend.

use regex::Regex;

use crate::colour::{Hue, Rgb};
use crate::vocab::{Status, Vocabulary};

/// What the document says its colours mean (*Grønt = implementert*, *Röd: ej påbörjad*).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Legend {
    entries: Vec<(Hue, Status)>,
}

impl Legend {
    /// Reads legend lines out of the document's texts: a colour word, `=`/`:`/`–`, and a
    /// meaning with a status word in it.
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>, vocab: &Vocabulary) -> Legend {
        static LINE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
        let line_re = LINE.get_or_init(|| {
            Regex::new(r"^\s*([\p{L}]+)\s*(?:=|:|–|-|—)\s*(.+)$").expect("valid regex")
        });
        let mut legend = Legend::default();
        for text in texts {
            for line in text.lines() {
                let Some(caps) = line_re.captures(line) else {
                    continue;
                };
                let Some(hue) = vocab.colour_word(&caps[1]) else {
                    continue;
                };
                let Some(status) = vocab.status_of_text(&caps[2]) else {
                    continue;
                };
                if !legend.entries.iter().any(|(h, _)| *h == hue) {
                    legend.entries.push((hue, status));
                }
            }
        }
        legend
    }

    /// Whether the document explained any colour.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The status a hue stands for in this legend; orange and yellow stand in for each
    /// other when the legend names only one of them.
    pub fn status(&self, hue: Hue) -> Option<Status> {
        let find = |h: Hue| self.entries.iter().find(|(e, _)| *e == h).map(|(_, s)| *s);
        find(hue).or_else(|| match hue {
            Hue::Orange => find(Hue::Yellow),
            Hue::Yellow => find(Hue::Orange),
            _ => None,
        })
    }
}

/// The status of a record and how it was found (`status_raw`): the cell's words when it
/// has any, else its fill colour read through the legend or, without one, by hue.
pub fn status_of_cell(
    text: &str,
    fill: Option<Rgb>,
    legend: &Legend,
    vocab: &Vocabulary,
) -> (Option<Status>, Option<String>) {
    let text = crate::text::collapse(text);
    if !text.is_empty() {
        let status = vocab.status_of_text(&text).unwrap_or(Status::Unknown);
        return (Some(status), Some(text));
    }
    match fill {
        Some(rgb) if !rgb.is_blank() && rgb.hue() != Hue::Neutral => {
            let hue = rgb.hue();
            let status = if legend.is_empty() {
                vocab.default_status(hue)
            } else {
                legend.status(hue).or_else(|| vocab.default_status(hue))
            };
            (
                Some(status.unwrap_or(Status::Unknown)),
                Some(rgb.to_string()),
            )
        }
        _ => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legend_maps_colours() {
        let v = Vocabulary::builtin();
        let legend = Legend::from_texts(
            [
                "Grønt= tiltaket er implementert eller avsluttet",
                "Orange= tiltaket påbegynt og/eller pågår",
                "Rødt= tiltaket er ikke påbegynt",
                "Blått er fint",
            ],
            v,
        );
        assert_eq!(legend.status(Hue::Green), Some(Status::Done));
        assert_eq!(legend.status(Hue::Orange), Some(Status::InProgress));
        assert_eq!(legend.status(Hue::Yellow), Some(Status::InProgress));
        assert_eq!(legend.status(Hue::Red), Some(Status::NotStarted));
        assert_eq!(legend.status(Hue::Blue), None);
        let red = Rgb::from_hex("FF0000");
        assert_eq!(
            status_of_cell("", red, &legend, v),
            (Some(Status::NotStarted), Some("#FF0000".into()))
        );
        assert_eq!(status_of_cell("", None, &legend, v), (None, None));
        assert_eq!(
            status_of_cell("Pågår", None, &legend, v).0,
            Some(Status::InProgress)
        );
        assert_eq!(
            status_of_cell("?", None, &legend, v).0,
            Some(Status::Unknown)
        );
    }

    #[test]
    fn a_legend_can_reverse_the_usual_meaning() {
        let v = Vocabulary::builtin();
        let legend = Legend::from_texts(["Gul: klart", "Grön: ej påbörjad"], v);
        let (status, _) = status_of_cell("", Rgb::from_hex("FFFF00"), &legend, v);
        assert_eq!(status, Some(Status::Done));
        let (status, _) = status_of_cell("", Rgb::from_hex("00B050"), &legend, v);
        assert_eq!(status, Some(Status::NotStarted));
    }
}
