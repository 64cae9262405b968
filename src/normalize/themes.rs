//! Themes: the taxonomy (`data/themes.toml`, or a user's own file) and the tagging of
//! activities by its word patterns, which know that Swedish and Norwegian glue words
//! together (`*utbildning` finds `hbtq-utbildning` and `personalutbildning`).

use serde::Deserialize;

/// One theme of the taxonomy.
#[derive(Debug, Clone, Deserialize)]
pub struct Theme {
    /// Stable code used in the output (`training`).
    pub code: String,
    /// Labels by language (`sv`, `nb`, `en`).
    pub label: std::collections::BTreeMap<String, String>,
    /// Word patterns as written in the file.
    pub keywords: Vec<String>,
}

#[derive(Deserialize)]
struct File {
    theme: Vec<Theme>,
}

/// A compiled pattern.
#[derive(Debug, Clone)]
enum Pattern {
    /// A word starts with it.
    Prefix(String),
    /// It ends a word as the head of a compound (a short inflection may follow).
    Head(String),
    /// The whole word.
    Exact(String),
    /// Consecutive words, each by its stem.
    Phrase(Vec<String>),
}

/// The theme taxonomy with its compiled patterns.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// The themes, in file order.
    pub themes: Vec<Theme>,
    patterns: Vec<Vec<Pattern>>,
}

const DEFAULT: &str = include_str!("../../data/themes.toml");

impl Taxonomy {
    /// The taxonomy shipped with planlift.
    pub fn builtin() -> &'static Taxonomy {
        static T: std::sync::OnceLock<Taxonomy> = std::sync::OnceLock::new();
        T.get_or_init(|| Taxonomy::parse(DEFAULT).expect("the built-in taxonomy parses"))
    }

    /// Parses a taxonomy file.
    pub fn parse(text: &str) -> Result<Taxonomy, String> {
        let file: File =
            toml::from_str(text).map_err(|e| crate::error::one_line(&e.to_string()))?;
        let mut patterns = Vec::new();
        for theme in &file.theme {
            if theme.code.trim().is_empty() {
                return Err("a theme without a code".into());
            }
            patterns.push(theme.keywords.iter().filter_map(|k| compile(k)).collect());
        }
        Ok(Taxonomy {
            themes: file.theme,
            patterns,
        })
    }

    /// The codes of the themes whose patterns match the text, in taxonomy order.
    pub fn tag(&self, text: &str) -> Vec<String> {
        let words = words(text);
        self.themes
            .iter()
            .zip(&self.patterns)
            .filter(|(_, pats)| pats.iter().any(|p| matches(p, &words)))
            .map(|(t, _)| t.code.clone())
            .collect()
    }

    /// The label of a theme in a language (English, then the code, when missing).
    pub fn label(&self, code: &str, lang: &str) -> String {
        self.themes
            .iter()
            .find(|t| t.code == code)
            .and_then(|t| t.label.get(lang).or_else(|| t.label.get("en")))
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }
}

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// Whether `stem` is the head of the compound `word`: it occurs in it with at most a
/// short inflection after it (`utbildningen`, `omklädningsrummen`), not followed by a
/// linking `s` and another word (`utbildningsmaterial` is material, not training).
fn heads(word: &str, stem: &str) -> bool {
    word.match_indices(stem).any(|(i, _)| {
        let rest = &word[i + stem.len()..];
        let n = rest.chars().count();
        n <= 4 && !(n > 1 && rest.starts_with('s'))
    })
}

fn compile(keyword: &str) -> Option<Pattern> {
    let k = keyword.trim().to_lowercase();
    if k.is_empty() {
        return None;
    }
    if let Some(rest) = k.strip_prefix('=') {
        return Some(Pattern::Exact(rest.to_string()));
    }
    if let Some(rest) = k.strip_prefix('*') {
        return Some(Pattern::Head(
            rest.chars().filter(|c| c.is_alphanumeric()).collect(),
        ));
    }
    let parts = words(&k);
    match parts.len() {
        0 => None,
        1 => Some(Pattern::Prefix(parts[0].clone())),
        _ => Some(Pattern::Phrase(parts)),
    }
}

fn matches(p: &Pattern, words: &[String]) -> bool {
    match p {
        Pattern::Prefix(s) => words.iter().any(|w| w.starts_with(s.as_str())),
        Pattern::Head(s) => words.iter().any(|w| heads(w, s)),
        Pattern::Exact(s) => words.iter().any(|w| w == s),
        Pattern::Phrase(parts) => words.windows(parts.len()).any(|win| {
            win.iter()
                .zip(parts)
                .all(|(w, p)| w.starts_with(p.as_str()))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_find_compounds() {
        let t = Taxonomy::builtin();
        assert!(t
            .tag("HBTQ-utbildning för alla")
            .contains(&"training".to_string()));
        assert!(t
            .tag("Översyn av omklädningsrummen")
            .contains(&"facilities".to_string()));
        assert!(t
            .tag("Kompetanseheving av ansatte")
            .contains(&"training".to_string()));
        assert!(t
            .tag("krav-ställningar till upphandlingsunderlagen")
            .contains(&"procurement".to_string()));
        assert!(t
            .tag("Regnbågsflaggan hissas")
            .contains(&"visibility".to_string()));
        assert!(t.tag("Ett möte om budget").is_empty());
        assert!(!t
            .tag("Kommunens utbildningsmaterial")
            .contains(&"training".to_string()));
        assert!(heads("personalutbildningen", "utbildning"));
        assert_eq!(t.label("elderly", "nb"), "Eldre");
    }
}
