//! The language of a text, from its most frequent function words (`data/languages.toml`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

fn table() -> &'static Vec<(String, Vec<String>)> {
    static T: OnceLock<Vec<(String, Vec<String>)>> = OnceLock::new();
    T.get_or_init(|| {
        let raw: BTreeMap<String, Vec<String>> =
            toml::from_str(include_str!("../../data/languages.toml"))
                .expect("languages.toml parses");
        raw.into_iter().collect()
    })
}

/// The ISO 639-1 code of the language most of the text's words belong to, or `None` when
/// the text has too few known words to tell.
pub fn detect(text: &str) -> Option<&'static str> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '/')
        .filter(|w| !w.is_empty())
        .take(20_000)
        .map(str::to_lowercase)
        .collect();
    let mut total = 0;
    for (lang, list) in table() {
        let hits = words
            .iter()
            .filter(|w| list.iter().any(|s| s == *w))
            .count();
        total += hits;
        counts.insert(lang.as_str(), hits);
    }
    let (best, hits) = counts
        .iter()
        .max_by_key(|(lang, hits)| (**hits, std::cmp::Reverse(**lang)))?;
    if *hits < 3 || total == 0 {
        return None;
    }
    table()
        .iter()
        .find(|(l, _)| l == best)
        .map(|(l, _)| match l.as_str() {
            "sv" => "sv",
            "nb" => "nb",
            "nn" => "nn",
            "da" => "da",
            "en" => "en",
            _ => "und",
        })
}

/// The country a language points to when nothing else does.
pub fn country_of(lang: &str) -> Option<&'static str> {
    Some(match lang {
        "sv" => "SE",
        "nb" | "nn" => "NO",
        "da" => "DK",
        "fi" => "FI",
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
}
