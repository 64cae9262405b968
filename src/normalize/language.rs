//! The language of a text, from weighted function words and spelling markers
//! (`data/languages.toml`): Swedish, Norwegian Bokmål and Nynorsk, Danish, Finnish and
//! English, told apart on texts as short as a table of activities.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

#[derive(serde::Deserialize)]
struct Entry {
    words: BTreeMap<String, u32>,
    #[serde(default)]
    letters: BTreeMap<String, u32>,
    #[serde(default)]
    endings: BTreeMap<String, u32>,
}

/// The word lists, built once into lookups.
struct Model {
    /// Languages in the order of the file's tables, sorted by code.
    langs: Vec<String>,
    /// Word → (language index, weight).
    words: HashMap<String, Vec<(usize, u32)>>,
    /// Letter → (language index, weight).
    letters: Vec<(char, usize, u32)>,
    /// Word ending → (language index, weight).
    endings: Vec<(String, usize, u32)>,
}

fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        let raw: BTreeMap<String, Entry> =
            toml::from_str(include_str!("../../data/languages.toml"))
                .expect("languages.toml parses");
        let mut langs = Vec::new();
        let mut words: HashMap<String, Vec<(usize, u32)>> = HashMap::new();
        let mut letters = Vec::new();
        let mut endings = Vec::new();
        for (i, (lang, entry)) in raw.into_iter().enumerate() {
            for (e, weight) in entry.endings {
                endings.push((e, i, weight));
            }
            langs.push(lang);
            for (w, weight) in entry.words {
                words.entry(w).or_default().push((i, weight));
            }
            for (l, weight) in entry.letters {
                if let Some(c) = l.chars().next() {
                    letters.push((c, i, weight));
                }
            }
        }
        Model {
            langs,
            words,
            letters,
            endings,
        }
    })
}

/// The weighted score of each language for `text` (in the model's language order), and the
/// number of listed words the text holds.
fn scores(text: &str) -> (Vec<u32>, usize) {
    let m = model();
    let mut score = vec![0u32; m.langs.len()];
    let mut known = 0;
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(20_000)
    {
        let lower = word.to_lowercase();
        if let Some(hits) = m.words.get(&lower) {
            known += 1;
            for &(i, w) in hits {
                score[i] += w;
            }
        }
        for &(c, i, w) in &m.letters {
            if lower.contains(c) {
                score[i] += w;
            }
        }
        for (e, i, w) in &m.endings {
            // The longest ending a language lists counts once (-heten, not also -het).
            if lower.len() >= e.len() + 4 && lower.ends_with(e.as_str()) {
                let longer = m.endings.iter().any(|(o, j, _)| {
                    j == i
                        && o.len() > e.len()
                        && o.ends_with(e.as_str())
                        && lower.ends_with(o.as_str())
                });
                if !longer {
                    score[*i] += w;
                }
            }
        }
    }
    (score, known)
}

/// The ISO 639-1 code of the language whose words weigh most in the text, or `None` when the
/// text has too few known words to tell (fewer than three) or two languages weigh the same.
pub fn detect(text: &str) -> Option<&'static str> {
    let m = model();
    let (score, known) = scores(text);
    if known < 3 {
        return None;
    }
    let best = *score.iter().max()?;
    let mut winners = score.iter().enumerate().filter(|(_, s)| **s == best);
    let (i, _) = winners.next()?;
    if best < 4 || winners.next().is_some() {
        return None;
    }
    Some(m.langs[i].as_str())
}

/// The country a language points to when nothing else does.
pub fn country_of(lang: &str) -> Option<&'static str> {
    Some(match lang {
        "sv" => "SE",
        "nb" | "nn" => "NO",
        "da" => "DK",
        "fi" => "FI",
        "is" => "IS",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_nordic_languages_apart() {
        assert_eq!(
            detect("Kommunen ska arbeta för att alla är trygga och att det finns stöd"),
            Some("sv")
        );
        assert_eq!(detect("Kommunen skal arbeide for at alle er trygge og at det ikke finnes hindringer gjennom året"), Some("nb"));
        assert_eq!(detect("Kommunen skal arbejde for at alle er trygge og at der ikke er nogen hindringer gennem året"), Some("da"));
        assert_eq!(
            detect("The municipality will work with all of the partners to ensure that"),
            Some("en")
        );
        assert_eq!(detect("hbtq"), None);
    }

    #[test]
    fn noun_suffixes_tell_bokmal_from_nynorsk() {
        // The same few shared words; only -het/-lig against -heit/-leg differ.
        assert_eq!(
            detect("Tiltak for tilgjengelighet og likeverdighet i kommunen, mulig for alle"),
            Some("nb")
        );
        assert_eq!(
            detect("Tiltak for tilgjengeheit og likeverd i kommunen, mogleg for alle"),
            Some("nn")
        );
        assert_eq!(
            detect("Tiltag for tilgængelighed og ligeværd i kommunen, muligt for alle"),
            Some("da")
        );
    }
}
