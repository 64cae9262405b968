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
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '/')
        .filter(|w| !w.is_empty())
        .take(20_000)
        .map(str::to_lowercase)
        .collect();
    let hits: Vec<(&'static str, usize)> = table()
        .iter()
        .map(|(lang, list)| {
            (
                lang.as_str(),
                words
                    .iter()
                    .filter(|w| list.iter().any(|s| s == *w))
                    .count(),
            )
        })
        .collect();
    // Most hits wins; among equals, the language first in alphabetical order.
    let &(best, most) = hits
        .iter()
        .max_by_key(|(lang, n)| (*n, std::cmp::Reverse(*lang)))?;
    (most >= 3).then_some(best)
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
