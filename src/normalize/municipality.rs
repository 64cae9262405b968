//! The municipality a document belongs to, from where plans name it (`Kalmar kommun`,
//! `Bærum kommune`, `Katrineholms kommun`), and its official code from
//! `data/municipalities.csv`.

use std::sync::OnceLock;

use regex::Regex;

/// One row of the municipality table.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Municipality {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Name without *kommun*/*kommune*.
    pub name: String,
    /// Official four-digit code.
    pub code: String,
    /// First year the code is valid (inclusive), if limited.
    pub valid_from: Option<i32>,
    /// Last year the code is valid (inclusive), if limited.
    pub valid_to: Option<i32>,
    /// Other names the municipality goes by (`Stockholms stad`), `;`-separated.
    pub aliases: Option<String>,
}

fn table() -> &'static Vec<Municipality> {
    static T: OnceLock<Vec<Municipality>> = OnceLock::new();
    T.get_or_init(|| {
        csv::Reader::from_reader(include_str!("../../data/municipalities.csv").as_bytes())
            .deserialize()
            .collect::<Result<Vec<Municipality>, _>>()
            .expect("municipalities.csv parses")
    })
}

fn mention_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\b(\p{Lu}[\p{L}]+(?:[- ]\p{Lu}[\p{L}]+)?)\s+(?:[Kk]ommuns?|[Kk]ommunes?|[Ss]tad|[Kk]ommunne)\b")
            .expect("valid regex")
    })
}

/// Words that stand before *kommun* without being a name.
const NOT_NAMES: &[&str] = &[
    "Att", "Den", "Det", "Denna", "Vår", "Hela", "Varje", "En", "Ett", "Som", "Hver", "Vår", "Vi",
    "Og", "Och", "I", "Om", "Alle", "Alla", "Hele", "Din", "Er", "Nya", "Nye", "Egen", "Egna",
    "Samme",
];

/// Finds the municipality named most often, weighting the title and the first texts.
/// `texts` are (text, weight) pairs.
pub fn infer<'a>(texts: impl IntoIterator<Item = (&'a str, usize)>) -> Option<String> {
    let mut scores: Vec<(String, usize)> = Vec::new();
    for (text, weight) in texts {
        for caps in mention_re().captures_iter(text) {
            let raw = &caps[1];
            if NOT_NAMES.contains(&raw) {
                continue;
            }
            let name = canonical_name(raw);
            match scores.iter_mut().find(|(n, _)| *n == name) {
                Some((_, s)) => *s += weight,
                None => scores.push((name, weight)),
            }
        }
    }
    // Known municipalities first among equals; otherwise the highest score, first seen.
    let best = scores.iter().map(|(_, s)| *s).max()?;
    scores
        .iter()
        .filter(|(_, s)| *s == best)
        .find(|(n, _)| lookup(n).is_some())
        .or_else(|| scores.iter().find(|(_, s)| *s == best))
        .map(|(n, _)| n.clone())
}

/// The name as the table spells it: a Swedish genitive `-s` (`Katrineholms kommun`) is
/// dropped when the table knows the shorter name, or when the name could not end in `s`.
fn canonical_name(raw: &str) -> String {
    if lookup(raw).is_some() {
        return raw.to_string();
    }
    if let Some(stem) = raw.strip_suffix('s') {
        if lookup(stem).is_some() {
            return stem.to_string();
        }
        let before = stem.chars().last().unwrap_or('a');
        if !"aeiouyåäöæøs".contains(before.to_ascii_lowercase()) {
            return stem.to_string();
        }
    }
    raw.to_string()
}

fn lookup(name: &str) -> Option<&'static Municipality> {
    let lower = name.to_lowercase();
    table().iter().find(|m| {
        m.name.to_lowercase() == lower
            || m.aliases
                .as_deref()
                .is_some_and(|a| a.split(';').any(|x| x.trim().to_lowercase() == lower))
    })
}

/// The known municipality a file name names (`katrineholm-2020.xlsx`,
/// `Baerum_status.pdf`), for documents that do not name it themselves.
pub fn from_file_name(source_file: &str) -> Option<String> {
    let stem = source_file.rsplit('/').next().unwrap_or(source_file);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    let tokens: Vec<String> = stem
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| t.len() > 2)
        .map(fold)
        .collect();
    table()
        .iter()
        .find(|m| tokens.contains(&fold(&m.name)))
        .map(|m| m.name.clone())
}

/// Lower case with the Nordic letters spelled in ASCII, as file names often have them.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.to_lowercase().chars() {
        match c {
            'å' | 'ä' | 'á' | 'à' => out.push('a'),
            'ö' | 'ø' | 'ó' => out.push('o'),
            'æ' => out.push_str("ae"),
            'é' | 'è' => out.push('e'),
            'ü' => out.push('u'),
            c => out.push(c),
        }
    }
    out
}

/// Country and code of a municipality; `year` picks the code valid then (Norway renumbered
/// in 2020 and 2024), the newest when `year` is unknown.
pub fn code_of(name: &str, year: Option<i32>) -> Option<(String, String)> {
    let lower = name.to_lowercase();
    let rows: Vec<&Municipality> = table()
        .iter()
        .filter(|m| m.name.to_lowercase() == lower)
        .collect();
    let pick = match year {
        Some(y) => rows
            .iter()
            .find(|m| m.valid_from.is_none_or(|f| f <= y) && m.valid_to.is_none_or(|t| y <= t)),
        None => rows.iter().max_by_key(|m| m.valid_from.unwrap_or(0)),
    };
    pick.or(rows.last())
        .map(|m| (m.country.clone(), m.code.clone()))
}

/// The country of a known municipality.
pub fn country_of(name: &str) -> Option<String> {
    lookup(name).map(|m| m.country.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes() {
        assert_eq!(
            infer([("Katrineholms kommun fortsätter", 1)]).as_deref(),
            Some("Katrineholm")
        );
        assert_eq!(
            infer([("Att kommunen. Kalmar kommuns policy", 1)]).as_deref(),
            Some("Kalmar")
        );
        assert_eq!(
            infer([("Bærum kommune og Oslo kommune. Bærum kommune", 1)]).as_deref(),
            Some("Bærum")
        );
        assert_eq!(
            code_of("Bærum", Some(2020)),
            Some(("NO".into(), "3024".into()))
        );
        assert_eq!(
            code_of("Bærum", Some(2024)),
            Some(("NO".into(), "3201".into()))
        );
        assert_eq!(code_of("Bærum", None), Some(("NO".into(), "3201".into())));
        assert_eq!(
            code_of("Kalmar", Some(2016)),
            Some(("SE".into(), "0880".into()))
        );
        assert_eq!(code_of("Nowhere", None), None);
        assert_eq!(
            from_file_name("plans/soderhamn-2016.ods").as_deref(),
            Some("Söderhamn")
        );
        assert_eq!(
            from_file_name("Baerum_status.pdf").as_deref(),
            Some("Bærum")
        );
        assert_eq!(from_file_name("plan-2016.pdf"), None);
    }
}
