//! How alike two activity texts are: token overlap on normalized words, weighted by how
//! rare a word is among the texts compared, tolerant of shortening (a shortened text is
//! contained in the long one), of inflection and of compounds (`utbildning` and
//! `personalutbildningar` share a stem).

use std::collections::HashMap;

/// Words that carry no meaning of their own in the languages of the plans.
const STOP: &[&str] = &[
    "och", "att", "i", "för", "med", "av", "på", "till", "som", "om", "en", "ett", "det", "den",
    "de", "og", "til", "for", "av", "å", "et", "ei", "som", "af", "at", "der", "til", "the", "and",
    "of", "to", "in", "on", "a", "an", "with", "by", "ja", "sekä", "kun", "är", "er", "vara",
    "være", "være", "ska", "skal", "sig", "seg", "sin", "sitt", "sine", "sina", "alla", "alle",
    "all", "be", "is", "are", "will", "from", "från", "fra", "fran", "under", "inom", "innen",
    "inden", "samt", "eller", "or",
];

/// The normalized words of a text: lower case, split at anything not a letter or digit,
/// stop words and one-letter words dropped.
pub fn tokens(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut out: Vec<String> = Vec::new();
    for t in lower.split(|c: char| !c.is_alphanumeric()) {
        if t.chars().count() < 2 || STOP.contains(&t) {
            continue;
        }
        if !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    }
    out
}

/// Whether two words are the same word: equal, one the other's inflection (a shared
/// prefix of at least five letters covering most of the shorter one), or one a part of
/// the other's compound (the shorter, at least five letters, at the end of the longer).
pub fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    let n_short = short.chars().count();
    if n_short < 4 {
        return false;
    }
    let common = short
        .chars()
        .zip(long.chars())
        .take_while(|(x, y)| x == y)
        .count();
    if common >= 5.min(n_short) && common * 4 >= n_short * 3 {
        return true;
    }
    // Compound: the shorter word is the head (or a stem of the head) of the longer one.
    n_short >= 5 && {
        let stem: String = short
            .chars()
            .take(n_short.saturating_sub(2).max(5))
            .collect();
        long.contains(&stem) && !long.starts_with(&stem)
    }
}

/// Word weights: rare words among the compared texts weigh more (inverse document
/// frequency over the texts the weights are built from).
#[derive(Debug, Default)]
pub struct Weights {
    df: HashMap<String, usize>,
    n: usize,
}

impl Weights {
    /// Weights from a set of tokenized texts.
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a Vec<String>>) -> Weights {
        let mut w = Weights::default();
        for t in texts {
            w.n += 1;
            for tok in t {
                *w.df.entry(tok.clone()).or_default() += 1;
            }
        }
        w
    }

    /// The weight of a word.
    pub fn of(&self, tok: &str) -> f64 {
        let df = self.df.get(tok).copied().unwrap_or(0) as f64;
        (1.0 + (self.n as f64 + 1.0) / (df + 1.0)).ln()
    }
}

/// Similarity of two tokenized texts, 0–1: the mean of the weighted share of the shorter
/// text found in the longer one (shortening) and the weighted Dice overlap (paraphrase
/// and additions lower it).
pub fn text_score(a: &[String], b: &[String], w: &Weights) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let total = |t: &[String]| t.iter().map(|x| w.of(x)).sum::<f64>();
    let found = |from: &[String], to: &[String]| {
        from.iter()
            .filter(|x| to.iter().any(|y| same_word(x, y)))
            .map(|x| w.of(x))
            .sum::<f64>()
    };
    let (ta, tb) = (total(a), total(b));
    if ta <= 0.0 || tb <= 0.0 {
        return 0.0;
    }
    let (fa, fb) = (found(a, b) / ta, found(b, a) / tb);
    let containment = fa.max(fb);
    let dice = (found(a, b) + found(b, a)) / (ta + tb);
    (0.5 * containment + 0.5 * dice).clamp(0.0, 1.0)
}

/// An activity id in a comparable form: lower case, without spaces and trailing dots.
pub fn norm_id(id: &str) -> String {
    id.to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .trim_end_matches('.')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_and_compounds_are_the_same_word() {
        assert!(same_word("utbildning", "utbildningar"));
        assert!(same_word("utbildning", "personalutbildning"));
        assert!(same_word("kompetens", "hbtqkompetens"));
        assert!(!same_word("skola", "skall"));
        assert!(!same_word("ansvar", "ansökan"));
    }

    #[test]
    fn a_shortened_text_scores_high_and_another_text_low() {
        let long = tokens("Genomföra en utbildning i hbtq-frågor för all personal inom förskolan");
        let short = tokens("Utbildning hbtq förskolan");
        let other = tokens("Inventera lokaler för tillgänglighet och skyltning");
        let w = Weights::from_texts([&long, &short, &other]);
        assert!(text_score(&long, &short, &w) > 0.6);
        assert!(text_score(&long, &other, &w) < 0.2);
    }
}
