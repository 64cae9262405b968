//! Status from words or from a cell's fill colour, through the document's legend.

use regex::Regex;

use crate::colour::{Hue, Rgb};
use crate::vocab::{Sign, Status, Vocabulary};

/// What the document says its colours and signs mean (*Grønt = implementert*, *Röd: ej
/// påbörjad*, *✓ Genomförd*, a green cell beside *Gjennomført*).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Legend {
    entries: Vec<(Hue, Status)>,
    signs: Vec<(String, Status)>,
}

impl Legend {
    /// Reads legend lines out of the document's texts: a colour word or a sign,
    /// optionally `=`/`:`/`–`, and a meaning with a status word in it.
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>, vocab: &Vocabulary) -> Legend {
        static LINE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
        let line_re = LINE.get_or_init(|| {
            Regex::new(r"^\s*([\p{L}]+)\s*(?:=|:|–|-|—)\s*(.+)$").expect("valid regex")
        });
        let mut legend = Legend::default();
        for text in texts {
            for line in legend_entries(text, vocab) {
                let line = line.as_str();
                if let Some((mark, sign)) = vocab.sign_of_text(line) {
                    let meaning = after_sign(line.trim(), mark);
                    // `● grön = genomförd`: the sign carries a colour, the colour means.
                    if let Some(caps) = line_re.captures(meaning) {
                        if let (Some(hue), Some(status)) =
                            (vocab.colour_word(&caps[1]), vocab.status_of_text(&caps[2]))
                        {
                            legend.add(hue, status);
                            continue;
                        }
                    }
                    if let Some(status) = vocab.status_of_text(meaning) {
                        // A coloured sign explains its colour; every sign explains itself
                        // (`⚪ Udgår`, a white circle that has no hue).
                        if let Sign::Hue(hue) = sign {
                            legend.add(hue, status);
                        }
                        legend.add_sign(mark, status);
                    }
                    continue;
                }
                // A sign the vocabulary does not know, explained here (`→ i gang`).
                if let Some((mark, meaning)) = unknown_sign(line) {
                    if let Some(status) = vocab.status_of_text(meaning) {
                        legend.add_sign(mark, status);
                        continue;
                    }
                }
                // A step of a numbered scale (`1 = ikkje starta`, `4: fullført`).
                if let Some(caps) = scale_re().captures(line) {
                    let (mark, meaning) = (caps.get(1).map_or("", |m| m.as_str()), &caps[2]);
                    if let Some(status) = vocab.status_of_text(meaning) {
                        legend.add_sign(mark, status);
                    }
                    continue;
                }
                let Some(caps) = line_re.captures(line) else {
                    continue;
                };
                let Some(hue) = vocab.colour_word(&caps[1]) else {
                    continue;
                };
                if let Some(status) = vocab.status_of_text(&caps[2]) {
                    legend.add(hue, status);
                }
            }
        }
        legend
    }

    /// Records that `hue` stands for `status`, unless the legend already says what it
    /// stands for.
    pub fn add(&mut self, hue: Hue, status: Status) {
        if hue != Hue::Neutral && !self.entries.iter().any(|(h, _)| *h == hue) {
            self.entries.push((hue, status));
        }
    }

    /// Records that the sign `mark` stands for `status`, unless the legend already says
    /// what it stands for.
    fn add_sign(&mut self, mark: &str, status: Status) {
        if !self.signs.iter().any(|(m, _)| m == mark) {
            self.signs.push((mark.to_string(), status));
        }
    }

    /// Whether the document explained any colour.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The status a hue stands for: the legend's word where it has one, else the
    /// vocabulary's convention for the hue.
    fn hue_status(&self, hue: Hue, vocab: &Vocabulary) -> Option<Status> {
        self.status(hue).or_else(|| vocab.default_status(hue))
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

/// The meaning after a legend entry's sign: `text` without `mark` at its start and the
/// space, `=`, `:` or dash between them (`● = Genomförd` gives `Genomförd`).
pub fn after_sign<'a>(text: &'a str, mark: &str) -> &'a str {
    text.strip_prefix(mark)
        .unwrap_or(text)
        .trim_start_matches(|c: char| c.is_whitespace() || "=:–-—".contains(c))
}

/// A legend entry that opens with a sign of one character (a symbol, not a letter, digit
/// or bracket) and then its meaning: the sign and the meaning.
fn unknown_sign(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    let c = line.chars().next()?;
    if c.is_alphanumeric() || "([{\"'«».,:;!?".contains(c) {
        return None;
    }
    let (mark, rest) = line.split_at(c.len_utf8());
    let meaning = after_sign(rest, "");
    (rest.starts_with(|c: char| c.is_whitespace() || c == '=' || c == ':') && !meaning.is_empty())
        .then_some((mark, meaning))
}

/// A legend line that explains one step of a numbered scale: one digit, `=`, `:` or a
/// dash, and the meaning.
fn scale_re() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^\s*(\d)\s*(?:=|:|–|—|-)\s*(\S.*)$").expect("valid regex"))
}

/// The entries of a legend text: its lines (without a list item's dash or bullet), and
/// within a line the parts between commas and semicolons (and middle dots and bars, in
/// a line that sets one apart by spaces), each also without a label before a colon (`Status: grønn =
/// gjennomført, gul = påbegynt` gives `grønn = gjennomført` and `gul = påbegynt`).
fn legend_entries(text: &str, vocab: &Vocabulary) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        // A legend set as a list: `– ✓ genomförd`, `• grön = klar`.
        let line = line
            .trim_start()
            .strip_prefix(['–', '—', '-', '•', '·', '▪', '*'])
            .filter(|rest| rest.starts_with(char::is_whitespace))
            .unwrap_or(line);
        // The parts first: the first meaning found for a colour is kept, and the whole
        // line would read every part's words as the first colour's.
        if line.contains([',', ';']) || line.contains(" · ") || line.contains(" | ") {
            for part in line.split([',', ';', '·', '|']) {
                out.push(part.trim().to_string());
                if let Some((_, after)) = part.split_once(':') {
                    out.push(after.trim().to_string());
                }
            }
        }
        // Signs side by side with their words (`🟢 Gennemført 🟡 I gang ⚪ Udgår`):
        // each sign opens a part.
        let starts: Vec<usize> = line
            .char_indices()
            .filter(|&(i, _)| {
                let before = line[..i].chars().next_back();
                before.is_none_or(|c| c.is_whitespace() || c == ':')
                    && vocab.sign_of_text(&line[i..]).is_some()
            })
            .map(|(i, _)| i)
            .collect();
        if starts.len() >= 2 {
            for (k, &at) in starts.iter().enumerate() {
                let end = starts.get(k + 1).copied().unwrap_or(line.len());
                out.push(line[at..end].trim().to_string());
            }
        }
        out.push(line.to_string());
    }
    out
}

/// The colours of a status cell: its fill and the colour of its text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Colours {
    /// Background fill.
    pub fill: Option<Rgb>,
    /// Text colour (not black or automatic).
    pub text: Option<Rgb>,
}

impl From<Option<Rgb>> for Colours {
    fn from(fill: Option<Rgb>) -> Colours {
        Colours { fill, text: None }
    }
}

/// The status of a record and how it was found (`status_raw`): a sign set in a colour
/// (`●` in green) by its colour; the cell's words when it has any (a sign such as ✓ or
/// 🟢, a percentage, or status words); else its fill colour read through the legend
/// or, without one, by hue.
pub fn status_of_cell(
    text: &str,
    colours: impl Into<Colours>,
    legend: &Legend,
    vocab: &Vocabulary,
) -> (Option<Status>, Option<String>) {
    let Colours { fill, text: ink } = colours.into();
    let text = crate::text::collapse(text);
    if let Some(ink) = ink.filter(|_| !text.is_empty()) {
        // A coloured sign is a colour code; coloured words are read as words.
        let sign_only = vocab
            .sign_of_text(&text)
            .is_some_and(|(mark, _)| text.trim() == mark);
        if sign_only {
            if let Some(status) = legend.hue_status(ink.hue(), vocab) {
                return (Some(status), Some(ink.to_string()));
            }
            // A grey sign says something only where the legend says what.
            if ink.hue() == Hue::Grey {
                return (Some(Status::Unknown), Some(ink.to_string()));
            }
        }
    }
    if !text.is_empty() {
        let status = status_of_words(&text, legend, vocab).unwrap_or(Status::Unknown);
        return (Some(status), Some(text));
    }
    match fill {
        // Grey means something only where the legend says what.
        Some(rgb) if rgb.hue() == Hue::Grey && legend.status(Hue::Grey).is_none() => (None, None),
        Some(rgb) if !rgb.is_blank() && rgb.hue() != Hue::Neutral => {
            let status = legend.hue_status(rgb.hue(), vocab);
            (
                Some(status.unwrap_or(Status::Unknown)),
                Some(rgb.to_string()),
            )
        }
        _ => (None, None),
    }
}

/// The status a cell's text states: a leading sign (through the legend), a share done
/// (`100 %` done, `0 %` not started, between in progress), or status words.
fn status_of_words(text: &str, legend: &Legend, vocab: &Vocabulary) -> Option<Status> {
    match vocab.sign_of_text(text) {
        Some((mark, sign)) => {
            let own = legend
                .signs
                .iter()
                .find(|(m, _)| m == mark)
                .map(|(_, s)| *s);
            return match sign {
                Sign::Status(s) => Some(own.unwrap_or(s)),
                Sign::Hue(hue) => own.or_else(|| legend.hue_status(hue, vocab)),
            };
        }
        // A sign only the document's legend explains.
        None => {
            let explained = legend.signs.iter().find(|(m, _)| {
                text.strip_prefix(m.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
            });
            if let Some((_, status)) = explained {
                return Some(*status);
            }
        }
    }
    static PERCENT: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let percent =
        PERCENT.get_or_init(|| Regex::new(r"^(\d{1,3})(?:[.,]\d+)?\s*%").expect("valid regex"));
    if let Some(share) = percent
        .captures(text)
        .and_then(|c| c[1].parse::<u32>().ok())
        .filter(|p| *p <= 100)
    {
        return Some(match share {
            0 => Status::NotStarted,
            100 => Status::Done,
            _ => Status::InProgress,
        });
    }
    // A colour named in words (`Grøn`, `Gul`): a traffic light written out, read as its
    // colour through the legend.
    let word = text.trim().trim_end_matches(['.', '!']);
    if let Some(hue) = vocab.colour_word(word) {
        return legend.hue_status(hue, vocab);
    }
    vocab.status_of_text(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_numbered_scale_with_its_legend_reads_as_statuses() {
        let v = Vocabulary::builtin();
        let legend = Legend::from_texts(
            ["Status: 1 = ikkje starta, 2 = starta, 3 = godt i gang, 4 = fullført"],
            v,
        );
        let at = |t: &str| status_of_words(t, &legend, v);
        assert_eq!(at("1"), Some(Status::NotStarted));
        assert_eq!(at("3"), Some(Status::InProgress));
        assert_eq!(at("4"), Some(Status::Done));
        assert_eq!(at("2025"), None);
        // A scale whose steps say "in preparation" and "mostly done" (fi): both under way.
        let legend = Legend::from_texts(
            ["Asteikko: 1 = ei aloitettu, 2 = valmistelussa, 3 = pääosin toteutunut, 4 = toteutunut"],
            v,
        );
        let at = |t: &str| status_of_words(t, &legend, v);
        assert_eq!(at("1"), Some(Status::NotStarted));
        assert_eq!(at("2"), Some(Status::InProgress));
        assert_eq!(at("3"), Some(Status::InProgress));
        assert_eq!(at("4"), Some(Status::Done));
    }

    #[test]
    fn a_traffic_light_written_as_a_colour_word_reads_through_the_legend() {
        let v = Vocabulary::builtin();
        let none = Legend::default();
        let at = |t: &str, legend: &Legend| status_of_cell(t, None, legend, v).0;
        assert_eq!(at("Grøn", &none), Some(Status::Done));
        assert_eq!(at("Gul", &none), Some(Status::InProgress));
        assert_eq!(at("Punainen", &none), Some(Status::NotStarted));
        // Grey says something only where the legend says what.
        assert_eq!(at("Grå", &none), Some(Status::Unknown));
        let legend = Legend::from_texts(["Grå = indsatsen er udgået"], v);
        assert_eq!(at("Grå", &legend), Some(Status::Cancelled));
    }

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
        let grey = Rgb::from_hex("BFBFBF");
        assert_eq!(status_of_cell("", grey, &legend, v), (None, None));
        let with_grey = Legend::from_texts(["Grått: tiltaket er utgått"], v);
        assert_eq!(
            status_of_cell("", grey, &with_grey, v).0,
            Some(Status::Cancelled)
        );
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
    fn signs_and_shares_are_statuses() {
        let v = Vocabulary::builtin();
        let none = Legend::default();
        let status = |t: &str, l: &Legend| status_of_cell(t, None, l, v).0;
        assert_eq!(status("✓", &none), Some(Status::Done));
        assert_eq!(status("🟡", &none), Some(Status::InProgress));
        assert_eq!(status("🔴 Försenad", &none), Some(Status::NotStarted));
        assert_eq!(status("○", &none), Some(Status::NotStarted));
        assert_eq!(status("100 %", &none), Some(Status::Done));
        assert_eq!(status("40%", &none), Some(Status::InProgress));
        assert_eq!(status("0 %", &none), Some(Status::NotStarted));
        let legend = Legend::from_texts(
            [
                "● Genomförd",
                "◐ = Påbörjad",
                "○ Ej påbörjad",
                "🔵 = Avslutad",
            ],
            v,
        );
        assert_eq!(status("◐", &legend), Some(Status::InProgress));
        assert_eq!(status("🔵", &legend), Some(Status::Done));
        assert_eq!(status("🔵", &none), Some(Status::Unknown));
        let one_line = Legend::from_texts(
            ["Status: grønn = gjennomført, gul = påbegynt, rød = ikke påbegynt, grå = avlyst."],
            v,
        );
        assert_eq!(one_line.status(Hue::Grey), Some(Status::Cancelled));
        assert_eq!(one_line.status(Hue::Red), Some(Status::NotStarted));
        assert_eq!(one_line.status(Hue::Yellow), Some(Status::InProgress));
        let odd = Legend::from_texts(["✗ = utgår"], v);
        assert_eq!(status("✗", &odd), Some(Status::Cancelled));
    }

    #[test]
    fn a_coloured_sign_is_read_by_its_colour() {
        let v = Vocabulary::builtin();
        let legend = Legend::from_texts(
            ["● grön = genomförd", "● gul = pågår", "● röd = ej påbörjad"],
            v,
        );
        let ink = |hex: &str| Colours {
            fill: None,
            text: Rgb::from_hex(hex),
        };
        assert_eq!(
            status_of_cell("●", ink("FFC000"), &legend, v),
            (Some(Status::InProgress), Some("#FFC000".into()))
        );
        assert_eq!(
            status_of_cell("●", ink("00B050"), &Legend::default(), v).0,
            Some(Status::Done)
        );
        assert_eq!(
            status_of_cell("●", ink("FF0000"), &legend, v).0,
            Some(Status::NotStarted)
        );
        // Coloured words are read as words.
        assert_eq!(
            status_of_cell("Pågår", ink("00B050"), &legend, v).0,
            Some(Status::InProgress)
        );
    }

    #[test]
    fn a_legend_set_as_a_list_is_read() {
        let v = Vocabulary::builtin();
        let legend = Legend::from_texts(["–  ● pågår", "• ✗ utgår", "- grön = klar"], v);
        assert_eq!(
            status_of_cell("●", None, &legend, v).0,
            Some(Status::InProgress)
        );
        assert_eq!(
            status_of_cell("✗", None, &legend, v).0,
            Some(Status::Cancelled)
        );
        let (status, _) = status_of_cell("", Rgb::from_hex("00B050"), &legend, v);
        assert_eq!(status, Some(Status::Done));
    }

    #[test]
    fn signs_side_by_side_each_explain_themselves_and_grey_needs_a_legend() {
        let v = Vocabulary::builtin();
        let ink = |hex: &str| Colours {
            fill: None,
            text: Rgb::from_hex(hex),
        };
        let legend = Legend::from_texts(
            ["Status: 🟢 Gennemført 🟡 I gang 🔴 Ikke påbegyndt ⚪ Udgår"],
            v,
        );
        assert_eq!(
            status_of_cell("⚪", None, &legend, v).0,
            Some(Status::Cancelled)
        );
        assert_eq!(
            status_of_cell("🟡", None, &legend, v).0,
            Some(Status::InProgress)
        );
        // A grey sign without a legend entry says nothing; with one, what it says.
        let none = Legend::default();
        assert_eq!(
            status_of_cell("●", ink("A6A6A6"), &none, v).0,
            Some(Status::Unknown)
        );
        let mut grey = Legend::default();
        grey.add(Hue::Grey, Status::Cancelled);
        assert_eq!(
            status_of_cell("●", ink("A6A6A6"), &grey, v).0,
            Some(Status::Cancelled)
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
