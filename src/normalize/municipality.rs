//! The municipality a document belongs to, from where plans name it (`Kalmar kommun`,
//! `Katrineholms kommun`, `Bærum kommune`, `Københavns Kommune`, `Helsingin kaupunki`,
//! `Helsingfors stad`), and its official code from `data/municipalities.csv`: the full
//! registers of Sweden, Norway, Denmark and Finland (`fixtures/make/make_municipalities.py`
//! builds the table and names its sources).
//!
//! Matching works on lookups built once: a map from every lower-cased name and alias to its
//! rows, and one from the ASCII-folded names for file names. A mention is a place word
//! (*kommun*, *kommune*, *stad*, *kaupunki*, *kunta*, …) with a name before it; the words
//! before the place word are tried longest first against the map, so multi-word names
//! (`Upplands Väsby`, `Evje og Hornnes`) need no pattern of their own. The place word also
//! says which countries the name can belong to (*kommun* is Swedish or Finland-Swedish,
//! *kommune* Norwegian or Danish, *kaupunki* Finnish), and the text's language and country
//! words decide between the remaining namesakes (Lund in Sweden and in Norway).

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

/// One row of the municipality table.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Municipality {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Name without *kommun*/*kommune*.
    pub name: String,
    /// Official code: four digits in Sweden and Norway, three in Denmark and Finland.
    pub code: String,
    /// First year the code is valid (inclusive), if limited.
    pub valid_from: Option<i32>,
    /// Last year the code is valid (inclusive), if limited.
    pub valid_to: Option<i32>,
    /// Other names the municipality goes by (`Stockholms stad`, `Helsingfors`), `;`-separated.
    pub aliases: Option<String>,
}

impl Municipality {
    fn alias_list(&self) -> impl Iterator<Item = &str> {
        self.aliases
            .as_deref()
            .unwrap_or("")
            .split(';')
            .map(str::trim)
            .filter(|a| !a.is_empty())
    }

    fn valid_in(&self, year: i32) -> bool {
        self.valid_from.is_none_or(|f| f <= year) && self.valid_to.is_none_or(|t| year <= t)
    }
}

/// The table and its lookups, built once.
struct Register {
    rows: Vec<Municipality>,
    /// Lower-cased name or alias → rows.
    by_name: HashMap<String, Vec<usize>>,
    /// ASCII-folded name or alias (spaces kept) → rows, for file names.
    by_folded: HashMap<String, Vec<usize>>,
    /// First three lower-cased letters of a Finnish name → rows, for genitive forms.
    fi_by_prefix: HashMap<String, Vec<usize>>,
}

fn register() -> &'static Register {
    static R: OnceLock<Register> = OnceLock::new();
    R.get_or_init(|| {
        let rows: Vec<Municipality> =
            csv::Reader::from_reader(include_str!("../../data/municipalities.csv").as_bytes())
                .deserialize()
                .collect::<Result<_, _>>()
                .expect("municipalities.csv parses");
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_folded: HashMap<String, Vec<usize>> = HashMap::new();
        let mut fi_by_prefix: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, m) in rows.iter().enumerate() {
            for n in std::iter::once(m.name.as_str()).chain(m.alias_list()) {
                push_unique(by_name.entry(n.to_lowercase()).or_default(), i);
                let folded = fold(&n.replace('-', " "));
                push_unique(by_folded.entry(folded).or_default(), i);
            }
            if m.country == "FI" {
                let prefix: String = m.name.to_lowercase().chars().take(3).collect();
                fi_by_prefix.entry(prefix).or_default().push(i);
            }
        }
        Register {
            rows,
            by_name,
            by_folded,
            fi_by_prefix,
        }
    })
}

fn push_unique(v: &mut Vec<usize>, i: usize) {
    if !v.contains(&i) {
        v.push(i);
    }
}

/// What a place word says about the name before it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    /// *kommun*, *stad* (Swedish, also Finland-Swedish).
    Swedish,
    /// *kommune* (Norwegian or Danish).
    NorwegianOrDanish,
    /// *Kommune*, *Regionskommune* (Danish style).
    Danish,
    /// *kaupunki*, *kunta* and their genitives: the name is in the Finnish genitive.
    Finnish,
    /// *municipality*: any country.
    English,
}

impl Place {
    fn countries(self) -> &'static [&'static str] {
        match self {
            Place::Swedish => &["SE", "FI"],
            Place::NorwegianOrDanish => &["NO", "DK"],
            Place::Danish => &["DK", "NO"],
            Place::Finnish => &["FI"],
            Place::English => &["SE", "NO", "DK", "FI", "IS"],
        }
    }
}

fn place_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)\b(kommuns?|kommunes?|regionskommunes?|stads?|kaupunki|kaupungin|kunta|kunnan|municipality)\b",
        )
        .expect("valid regex")
    })
}

fn prefix_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\b(?:Municipality|City|Town|Region) of (\p{Lu}[\p{L}-]+(?: \p{Lu}[\p{L}-]+)?)|\b(Region \p{Lu}[\p{L}-]+)")
            .expect("valid regex")
    })
}

fn country_word_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\b(Sverige|Sweden|Norge|Noreg|Norway|Danmark|Denmark|Finland|Suomi|Suomen|Suomessa|Ísland|Íslands|Iceland)\b")
            .expect("valid regex")
    })
}

fn place_of(word: &str) -> Place {
    let lower = word.to_lowercase();
    if lower.starts_with("kaupun") || lower.starts_with("kun") {
        Place::Finnish
    } else if lower.starts_with("regionskommune") {
        Place::Danish
    } else if lower.starts_with("kommune") {
        if word.starts_with('K') {
            Place::Danish
        } else {
            Place::NorwegianOrDanish
        }
    } else if lower.starts_with("municipality") {
        Place::English
    } else {
        Place::Swedish
    }
}

/// Words that stand capitalised before *kommun* without being a name, for the case where no
/// known municipality is named at all.
const NOT_NAMES: &[&str] = &[
    "Att", "Den", "Det", "Denna", "Vår", "Hela", "Varje", "En", "Ett", "Som", "Hver", "Vi", "Og",
    "Och", "I", "Om", "Alle", "Alla", "Hele", "Din", "Er", "Nya", "Nye", "Egen", "Egna", "Samme",
    "The", "A", "Each", "Every", "Our", "Your", "Annan", "Anden", "Ny", "Ein", "Eit", "Kvar",
    "Kaikki", "Oma",
];

/// Endings of the adjectives that name what a municipality is certified or aims to be
/// (`Trafikksikker kommune`, `Demensvennlig kommune`, `Helsefremmende kommune`,
/// `Barnvänlig kommun`), not which one it is.
const QUALITY_ENDINGS: &[&str] = &[
    "sikker",
    "vennlig",
    "venlig",
    "vänlig",
    "fremmende",
    "främjande",
    "smart",
    "inkluderende",
    "inkluderande",
    "bærekraftig",
    "hållbar",
    "grønn",
    "grön",
];

/// Whether an unknown word before a place word is an adjective of quality (see
/// [`QUALITY_ENDINGS`]).
fn is_quality(word: &str) -> bool {
    let lower = word.to_lowercase();
    QUALITY_ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// A municipality found in a document: its name as the plan should show it, and, where the
/// register knows it, its country and code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The name (`Katrineholm`, `Bærum`; a Finnish municipality as the plan names it,
    /// `Helsingfors` in a Swedish plan, `Helsinki` in a Finnish one).
    pub name: String,
    /// ISO 3166-1 alpha-2, when the municipality is known.
    pub country: Option<String>,
    /// The official code valid in the plan's year, when the municipality is known and not
    /// ambiguous (two Herøy in Norway with no county named).
    pub code: Option<String>,
}

/// The evidence a document gives besides the mentions themselves.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints<'a> {
    /// The document's language (ISO 639-1), if known.
    pub language: Option<&'a str>,
    /// The year the plan is about (its last year), to pick the code valid then.
    pub year: Option<i32>,
}

/// A candidate municipality: country and canonical name (the same municipality under several
/// codes over the years is one candidate).
type Key = (String, String);

#[derive(Default)]
struct Tally {
    scores: HashMap<Key, f64>,
    /// The form the text used for a candidate, first seen (for Finnish names).
    written: HashMap<Key, String>,
    order: Vec<Key>,
    unknown: Vec<(String, usize)>,
}

impl Tally {
    fn add(&mut self, key: Key, written: &str, weight: f64) {
        if !self.scores.contains_key(&key) {
            self.order.push(key.clone());
            self.written.insert(key.clone(), written.to_string());
        }
        *self.scores.entry(key).or_default() += weight;
    }
}

/// Finds the municipality texts name most often ((text, weight) pairs), the language
/// detected from the texts themselves; the name only ([`resolve`] also gives the country
/// and code). For the tests.
#[cfg(test)]
pub fn infer<'a>(texts: impl IntoIterator<Item = (&'a str, usize)>) -> Option<String> {
    let texts: Vec<(&str, usize)> = texts.into_iter().collect();
    let joined: String = texts.iter().map(|(t, _)| format!("{t}\n")).collect();
    let lang = super::language::detect(&joined);
    resolve(
        texts,
        None,
        Hints {
            language: lang,
            year: None,
        },
    )
    .map(|f| f.name)
}

/// The municipality of a document from its texts ((text, weight) pairs: title, header and
/// footer, first page weigh more), else from its file name, with country and code decided by
/// the place words, the language and the year in `hints`.
pub fn resolve<'a>(
    texts: impl IntoIterator<Item = (&'a str, usize)>,
    source_file: Option<&str>,
    hints: Hints<'_>,
) -> Option<Found> {
    let reg = register();
    let mut tally = Tally::default();
    let mut country_words: HashMap<&'static str, usize> = HashMap::new();
    let mut all_text = String::new();
    for (text, weight) in texts {
        collect(text, weight as f64, &mut tally);
        collect_icelandic(text, weight as f64, &mut tally);
        for c in country_word_re().find_iter(text) {
            let country = match c.as_str() {
                "Sverige" | "Sweden" => "SE",
                "Norge" | "Noreg" | "Norway" => "NO",
                "Danmark" | "Denmark" => "DK",
                "Ísland" | "Íslands" | "Iceland" => "IS",
                _ => "FI",
            };
            *country_words.entry(country).or_default() += 1;
        }
        if all_text.len() < 100_000 {
            all_text.push_str(text);
            all_text.push('\n');
        }
    }
    let lang_countries: &[&str] = match hints.language {
        Some("sv") => &["SE", "FI"],
        Some("nb") | Some("nn") => &["NO"],
        Some("da") => &["DK"],
        Some("fi") => &["FI"],
        Some("is") => &["IS"],
        _ => &[],
    };
    let evidence = |country: &str| -> f64 {
        let mut f = 1.0;
        if lang_countries.contains(&country) {
            f *= 2.0;
        }
        if let Some(n) = country_words.get(country) {
            f *= 1.0 + (*n as f64).min(5.0) / 5.0;
        }
        f
    };
    let best = tally
        .order
        .iter()
        .map(|k| (k, tally.scores[k] * evidence(&k.0)))
        .fold(None::<(&Key, f64)>, |acc, (k, s)| match acc {
            Some((_, bs)) if bs >= s => acc,
            _ => Some((k, s)),
        });
    if let Some((key, _)) = best {
        let written = tally.written[key].clone();
        // A bilingual Finnish municipality is named as its document names it; a text not
        // in Swedish that also writes its Finnish name (`City of Oulu` beside the
        // masthead's `Uleåborgs stad`) takes that.
        let finnish_named = hints.language != Some("sv")
            && crate::vocab::contains_words(&all_text.to_lowercase(), &key.1.to_lowercase());
        // A Swedish text names a bilingual municipality by its Swedish name where it
        // writes it anywhere (`Kimitoöns kommun` beside `Kemiönsaaren kunta`).
        let name = if key.0 == "FI" && hints.language == Some("sv") {
            swedish_name(reg, key, &all_text).unwrap_or(written)
        } else if key.0 == "FI" && !finnish_named {
            written
        } else {
            key.1.clone()
        };
        let code = pick_code(reg, key, hints.year, &all_text);
        return Some(Found {
            name,
            country: Some(key.0.clone()),
            code,
        });
    }
    if let Some((name, _)) = tally
        .unknown
        .iter()
        .fold(None::<&(String, usize)>, |acc, x| match acc {
            Some(a) if a.1 >= x.1 => acc,
            _ => Some(x),
        })
    {
        return Some(Found {
            name: name.clone(),
            country: None,
            code: None,
        });
    }
    let file = source_file?;
    let rows = file_name_rows(file)?;
    let key = rows
        .iter()
        .map(|&i| (reg.rows[i].country.clone(), reg.rows[i].name.clone()))
        .max_by(|a, b| {
            evidence(&a.0)
                .partial_cmp(&evidence(&b.0))
                .unwrap_or(std::cmp::Ordering::Equal)
                // Among equals, the first in the table (Sweden, Norway, Denmark, Finland).
                .then_with(|| first_row(reg, b).cmp(&first_row(reg, a)))
        })?;
    // (A Swedish text names a bilingual municipality in Swedish, as above.)
    let name = match (key.0.as_str(), hints.language) {
        ("FI", Some("sv")) => swedish_name(reg, &key, &all_text)
            .or_else(|| swedish_name(reg, &key, file))
            .unwrap_or_else(|| key.1.clone()),
        _ => key.1.clone(),
    };
    Some(Found {
        name,
        code: pick_code(reg, &key, hints.year, ""),
        country: Some(key.0),
    })
}

/// The Swedish name (an alias in the register) of a Finnish municipality that `text`
/// writes, in any inflection (`Kimitoöns` for Kimitoön), letters folded as a file name
/// writes them (`kimitoon`).
fn swedish_name(reg: &Register, key: &Key, text: &str) -> Option<String> {
    let folded = fold(text);
    reg.by_name
        .get(&key.1.to_lowercase())?
        .iter()
        .map(|&i| &reg.rows[i])
        .filter(|m| m.country == key.0)
        .flat_map(Municipality::alias_list)
        // (Not a Finnish form or a pair of both: `Pedersören kunta`, `A - B`.)
        .filter(|alias| !alias.contains(" - ") && !alias.ends_with(" kunta"))
        .find(|alias| folded.contains(&fold(alias)))
        .map(str::to_string)
}

fn first_row(reg: &Register, key: &Key) -> usize {
    reg.rows
        .iter()
        .position(|m| m.country == key.0 && m.name == key.1)
        .unwrap_or(usize::MAX)
}

/// The code of a candidate valid in `year` (the newest when the year is unknown); where
/// two municipalities share the name in one country (Herøy, Våler), the one whose county the
/// text names, else none.
fn pick_code(reg: &Register, key: &Key, year: Option<i32>, text: &str) -> Option<String> {
    let rows: Vec<&Municipality> = reg
        .rows
        .iter()
        .filter(|m| m.country == key.0 && m.name == key.1)
        .collect();
    let in_year: Vec<&&Municipality> = match year {
        Some(y) => rows.iter().filter(|m| m.valid_in(y)).collect(),
        None => rows.iter().filter(|m| m.valid_to.is_none()).collect(),
    };
    let pool: Vec<&&Municipality> = if in_year.is_empty() {
        // A year outside every row's validity: the newest rows.
        let newest = rows.iter().map(|m| m.valid_from.unwrap_or(0)).max()?;
        rows.iter()
            .filter(|m| m.valid_from.unwrap_or(0) == newest)
            .collect()
    } else {
        in_year
    };
    if pool.len() == 1 {
        return Some(pool[0].code.clone());
    }
    // Namesakes: an alias `Herøy (Nordland)` names the county; the text may too.
    let named: Vec<&&&Municipality> = pool
        .iter()
        .filter(|m| {
            m.alias_list().any(|a| {
                a.split_once(" (")
                    .and_then(|(_, c)| c.strip_suffix(')'))
                    .is_some_and(|county| !text.is_empty() && text.contains(county))
            })
        })
        .collect();
    (named.len() == 1).then(|| named[0].code.clone())
}

/// Adds every mention in `text` to the tally.
fn collect(text: &str, weight: f64, tally: &mut Tally) {
    let reg = register();
    for m in place_re().find_iter(text) {
        let place = place_of(m.as_str());
        let before = &text[..m.start()];
        let words: Vec<&str> = before
            .rsplit(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .take(4)
            .collect();
        // A name stands right before the place word: no punctuation in between.
        if words.is_empty() || before.ends_with(|c: char| !c.is_whitespace()) {
            continue;
        }
        let mut found = false;
        for n in (1..=words.len()).rev() {
            let parts: Vec<&str> = words[..n].iter().rev().copied().collect();
            let first = parts[0].trim_start_matches(['(', '"', '\'', '«', '“']);
            if !first.starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            if parts.iter().any(|p| p.ends_with([',', '.', ':', ';', ')'])) {
                continue;
            }
            let candidate = std::iter::once(first)
                .chain(parts[1..].iter().copied())
                .collect::<Vec<_>>()
                .join(" ");
            let rows = lookup_mention(reg, &candidate, place);
            if !rows.is_empty() {
                for (key, written) in rows {
                    tally.add(key, &written, weight);
                }
                found = true;
                break;
            }
        }
        if !found {
            let last = words[0].trim_start_matches(['(', '"', '\'']);
            let name = if matches!(place, Place::Swedish) {
                last.strip_suffix('s').unwrap_or(last)
            } else {
                last
            };
            if name.starts_with(|c: char| c.is_uppercase())
                && name.chars().all(|c| c.is_alphabetic() || c == '-')
                && name.chars().count() > 1
                && !NOT_NAMES.contains(&last)
                && !NOT_NAMES.contains(&name)
                && !is_quality(name)
                && !matches!(place, Place::Finnish)
            {
                match tally.unknown.iter_mut().find(|(n, _)| n == name) {
                    Some((_, s)) => *s += weight as usize,
                    None => tally.unknown.push((name.to_string(), weight as usize)),
                }
            }
        }
    }
    for caps in prefix_re().captures_iter(text) {
        if let Some(name) = caps.get(1) {
            // A name of two words, or one before the next capitalised word (`City of
            // Salo Preparedness and …`, a running head).
            let name = name.as_str();
            let mut found = lookup_mention(reg, name, Place::English);
            if found.is_empty() {
                if let Some((first, _)) = name.split_once(' ') {
                    found = lookup_mention(reg, first, Place::English);
                }
            }
            for (key, written) in found {
                tally.add(key, &written, weight);
            }
        } else if let Some(alias) = caps.get(2) {
            // `Region Gotland`: a municipality only where the register says so, never a county.
            if let Some(rows) = reg.by_name.get(&alias.as_str().to_lowercase()) {
                for &i in rows {
                    let m = &reg.rows[i];
                    tally.add((m.country.clone(), m.name.clone()), &m.name, weight);
                }
            }
        }
    }
}

/// The words that end an Icelandic municipality's official name (Akureyrar*bær*,
/// Reykjavíkur*borg*, Kjósar*hreppur*, Borgar*byggð*) and their genitives.
const ICELANDIC_KINDS: &[&str] = &[
    "bær",
    "bæjar",
    "borg",
    "borgar",
    "kaupstaður",
    "kaupstaðar",
    "hreppur",
    "hrepps",
    "byggð",
    "byggðar",
    "sveit",
    "sveitar",
    "þing",
    "þings",
];

/// Icelandic municipalities write their kind inside the name (`Akureyrarbær`,
/// `Loftslagsstefna Akureyrarbæjar`, `Sveitarfélagið Árborg`), with no place word after
/// it: a capitalised word (or `Sveitarfélagið`/`Sveitarfélagsins` and the word after it)
/// that is such an official name of the register, or its genitive, names the municipality.
fn collect_icelandic(text: &str, weight: f64, tally: &mut Tally) {
    let reg = register();
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphabetic() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        if !w.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let lower = w.to_lowercase();
        let form = match words.get(i + 1) {
            Some(next) if lower == "sveitarfélagið" || lower == "sveitarfélagsins" => {
                format!("{lower} {}", next.to_lowercase())
            }
            _ if ICELANDIC_KINDS
                .iter()
                .any(|k| lower.ends_with(k) && lower != *k) =>
            {
                lower
            }
            _ => continue,
        };
        for &r in reg.by_name.get(&form).into_iter().flatten() {
            let m = &reg.rows[r];
            if m.country == "IS" {
                tally.add((m.country.clone(), m.name.clone()), &m.name, weight);
            }
        }
    }
}

/// The candidates a mention can be, as (key, written form): the name as written, without a
/// genitive `-s`, or (before *kaupunki*/*kunta*) a Finnish genitive.
fn lookup_mention(reg: &Register, candidate: &str, place: Place) -> Vec<(Key, String)> {
    let allowed = place.countries();
    let pick = |rows: &[usize], written: &str| -> Vec<(Key, String)> {
        let mut out: Vec<(Key, String)> = Vec::new();
        for &i in rows {
            let m = &reg.rows[i];
            if !allowed.contains(&m.country.as_str()) {
                continue;
            }
            let key = (m.country.clone(), m.name.clone());
            if !out.iter().any(|(k, _)| *k == key) {
                out.push((key, written.to_string()));
            }
        }
        out
    };
    let lower = candidate.to_lowercase();
    let mut forms: Vec<String> = vec![candidate.to_string()];
    if let Some(stem) = candidate.strip_suffix('s') {
        forms.push(stem.to_string());
    }
    for form in &forms {
        if let Some(rows) = reg.by_name.get(&form.to_lowercase()) {
            let out = pick(rows, &display_form(reg, rows, form));
            if !out.is_empty() {
                return out;
            }
        }
    }
    if place == Place::Finnish {
        if let Some(i) = finnish_genitive(reg, &lower) {
            let m = &reg.rows[i];
            return vec![((m.country.clone(), m.name.clone()), m.name.clone())];
        }
    }
    Vec::new()
}

/// The form to show for a mention: the register's spelling of the matched name or alias
/// (`helsingfors` → `Helsingfors`), the whole alias for `X (county)` forms stripped.
fn display_form(reg: &Register, rows: &[usize], form: &str) -> String {
    let lower = form.to_lowercase();
    for &i in rows {
        let m = &reg.rows[i];
        for n in std::iter::once(m.name.as_str()).chain(m.alias_list()) {
            if n.to_lowercase() == lower {
                if n.contains(" - ") || n.contains(" (") || (n.contains(' ') && m.country != "FI") {
                    return m.name.clone();
                }
                return n.to_string();
            }
        }
    }
    form.to_string()
}

/// The Finnish municipality whose genitive `word` is (`helsingin` → Helsinki, `turun` →
/// Turku, `tampereen` → Tampere): a word ending in `-n` whose stem is within two edits of a
/// Finnish name with the same first three letters, the closest one, if unique.
fn finnish_genitive(reg: &Register, word: &str) -> Option<usize> {
    let stem = word.strip_suffix('n')?;
    let prefix: String = word.chars().take(3).collect();
    let rows = reg.fi_by_prefix.get(&prefix)?;
    let mut best: Option<(usize, usize)> = None;
    let mut tie = false;
    for &i in rows {
        let name = reg.rows[i].name.to_lowercase();
        let d = edit_distance(stem, &name);
        if d > 2 || d * 3 > name.chars().count() {
            continue;
        }
        match best {
            Some((_, bd)) if bd < d => {}
            Some((bi, bd)) if bd == d => tie = reg.rows[bi].name != reg.rows[i].name,
            _ => {
                best = Some((i, d));
                tie = false;
            }
        }
    }
    if tie {
        None
    } else {
        best.map(|(i, _)| i)
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Words that are municipality names but in a file name more likely mean something else
/// (`time`, `stad`, `plan`-like words across the languages).
const FILE_NAME_STOP: &[&str] = &[
    "time", "stad", "mark", "vara", "moss", "fjord", "heim", "sund", "vik", "nes", "sel", "gol",
    "hol", "lom", "kil", "berg", "sala", "vega", "leka", "kinn", "tinn", "nome", "strand", "aura",
    "eura", "salo", "ale", "habo", "nora", "mora", "kemi", "sande", "rana", "fjaler",
];

/// Words that make the name next to them a county or region, not a municipality
/// (`region-kalmar-lan`, `troms-fylke`).
const FILE_NAME_REGION: &[&str] = &[
    "lan",
    "lans",
    "fylke",
    "fylkeskommune",
    "county",
    "maakunta",
];

fn file_name_rows(source_file: &str) -> Option<Vec<usize>> {
    let reg = register();
    let stem = source_file
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(source_file);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    let tokens: Vec<String> = stem
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(fold)
        .collect();
    for n in (1..=3).rev() {
        for start in 0..tokens.len().saturating_sub(n - 1) {
            let words = &tokens[start..start + n];
            if n == 1 && (words[0].len() < 3 || FILE_NAME_STOP.contains(&words[0].as_str())) {
                continue;
            }
            if start > 0 && tokens[start - 1] == "region" {
                continue;
            }
            if tokens
                .get(start + n)
                .is_some_and(|t| FILE_NAME_REGION.contains(&t.as_str()))
            {
                continue;
            }
            if let Some(rows) = reg.by_folded.get(&words.join(" ")) {
                return Some(rows.clone());
            }
        }
    }
    None
}

/// The known municipality a file name names (`katrineholm-2020.xlsx`, `Baerum_status.pdf`,
/// `upplands-vasby-plan.docx`), for documents that do not name it themselves.
#[cfg(test)]
pub fn from_file_name(source_file: &str) -> Option<String> {
    let reg = register();
    let rows = file_name_rows(source_file)?;
    rows.first().map(|&i| reg.rows[i].name.clone())
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

/// Country and code of a municipality by name or alias; `year` picks the code valid then
/// (Norway renumbered in 2020 and 2024), the current one when `year` is unknown. A name that
/// several countries share (Lund) gives the first in the table (Sweden, Norway, Denmark,
/// Finland); [`code_in`] takes the country.
pub fn code_of(name: &str, year: Option<i32>) -> Option<(String, String)> {
    let reg = register();
    let rows = reg.by_name.get(&name.to_lowercase())?;
    let first = &reg.rows[*rows.first()?];
    let country = first.country.clone();
    code_in(name, &country, year).map(|code| (country, code))
}

/// The code of a municipality (by name or alias) in `country`, valid in `year` (the current
/// one when unknown); none for namesakes the name alone cannot tell apart.
pub fn code_in(name: &str, country: &str, year: Option<i32>) -> Option<String> {
    let reg = register();
    let rows = reg.by_name.get(&name.to_lowercase())?;
    let m = rows
        .iter()
        .map(|&i| &reg.rows[i])
        .find(|m| m.country == country)?;
    pick_code(reg, &(m.country.clone(), m.name.clone()), year, "")
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
        assert_eq!(
            code_of("Bærum", Some(2016)),
            Some(("NO".into(), "0219".into()))
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

    #[test]
    fn finnish_genitives() {
        let reg = register();
        let name = |w: &str| finnish_genitive(reg, w).map(|i| reg.rows[i].name.clone());
        assert_eq!(name("helsingin").as_deref(), Some("Helsinki"));
        assert_eq!(name("turun").as_deref(), Some("Turku"));
        assert_eq!(name("tampereen").as_deref(), Some("Tampere"));
        assert_eq!(name("espoon").as_deref(), Some("Espoo"));
        assert_eq!(name("helsinki"), None);
    }

    #[test]
    fn a_swedish_text_names_a_bilingual_municipality_in_swedish() {
        let hints = Hints {
            language: Some("sv"),
            year: None,
        };
        let found = |text: &str| resolve([(text, 3)], None, hints).map(|f| f.name);
        assert_eq!(
            found("Kemiönsaaren kunta · Kimitoöns kommun. Välfärdsplan").as_deref(),
            Some("Kimitoön")
        );
        assert_eq!(
            found("Pedersöre kommun · Pedersören kunta. Välfärdsplan").as_deref(),
            Some("Pedersöre")
        );
    }

    #[test]
    fn city_of_a_name_before_the_next_capitalised_word() {
        let hints = Hints {
            language: Some("en"),
            year: None,
        };
        let found = |text: &str| resolve([(text, 3)], None, hints).map(|f| f.name);
        assert_eq!(
            found("City of Salo Preparedness and Civil Safety Action Plan 2026–2028").as_deref(),
            Some("Salo")
        );
    }

    #[test]
    fn a_quality_before_the_place_word_names_no_municipality() {
        assert_eq!(infer([("Godkjenning som Trafikksikker kommune", 1)]), None);
        assert_eq!(infer([("Demensvennlig kommune", 1)]), None);
        assert_eq!(
            infer([
                ("Godkjenning som Trafikksikker kommune", 1),
                ("Stavanger kommune", 5)
            ])
            .as_deref(),
            Some("Stavanger")
        );
    }
}
