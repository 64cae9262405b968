//! Responsible cells split into units (DOMAIN.md): on separators and joining phrases,
//! never inside a suspended compound (`Barn- och ungdomsförvaltningen`, `Kultur-,
//! fritids- och utbildningsförvaltningen`), and on `och`/`og`/`and` only where the part
//! before it is a unit by itself (see `[responsible]` in the vocabulary).

use crate::vocab::Vocabulary;

/// The units of a responsible cell, spelled as written. `language` (ISO 639-1) tells
/// whether a capital after a conjunction starts a new name.
pub fn split(raw: &str, vocab: &Vocabulary, language: Option<&str>) -> Vec<String> {
    let capitals_start_names = !language.is_some_and(|l| {
        vocab
            .title_case_languages
            .iter()
            .any(|t| t.eq_ignore_ascii_case(l))
    });
    // English names its units with bare nouns and articles, not definite endings.
    let scandinavian = !language.is_some_and(|l| l.eq_ignore_ascii_case("en"));
    let mut units = Vec::new();
    for piece in pieces(raw, vocab, scandinavian) {
        let langs = (capitals_start_names, scandinavian);
        split_conjunctions(&piece, vocab, langs, &mut units);
    }
    units
}

/// The cell cut at separators and joining phrases; a piece after a comma joins the one
/// before it when that one ends in `-` or names fields in lower case, unless it is one
/// word that names a unit by itself (`…, fritidsväsendet`, a definite noun, or a head
/// word's compound).
fn pieces(raw: &str, vocab: &Vocabulary, scandinavian: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut start = 0;
    let mut after_comma = false;
    let mut push = |piece: &str, after_comma: bool| {
        let piece = tidy(piece);
        if piece.is_empty() {
            return;
        }
        if let Some(last) = out.last_mut().filter(|_| after_comma) {
            let last_word = last.split_whitespace().last().unwrap_or("");
            let unit_alone = match piece.split_whitespace().collect::<Vec<_>>()[..] {
                [word] => definite(word, vocab, scandinavian) || is_head(word, vocab),
                _ => false,
            };
            let continues_name = piece.starts_with(char::is_lowercase)
                && last_word.starts_with(char::is_lowercase)
                && !is_head(last_word, vocab)
                && !unit_alone;
            if last.ends_with('-') || continues_name {
                last.push_str(", ");
                last.push_str(&piece);
                return;
            }
        }
        out.push(piece);
    };
    for m in vocab.responsible_split.find_iter(raw) {
        if m.as_str() == "/" && abbreviation_slash(&raw[..m.start()], &raw[m.end()..]) {
            continue; // A/S, I/S
        }
        push(&raw[start..m.start()], after_comma);
        after_comma = m.as_str().trim() == ",";
        start = m.end();
    }
    push(&raw[start..], after_comma);
    out
}

/// Whether a `/` stands inside an abbreviation (`A/S`, `I/S`): one letter on each side.
fn abbreviation_slash(before: &str, after: &str) -> bool {
    let one_letter = |w: Option<&str>| {
        w.is_some_and(|w| w.chars().count() == 1 && w.chars().all(char::is_alphabetic))
    };
    let left = before.rsplit(|c: char| !c.is_alphanumeric()).next();
    let right = after.split(|c: char| !c.is_alphanumeric()).next();
    one_letter(left) && one_letter(right)
}

/// Splits one piece at the conjunctions that join two units.
/// `langs`: whether a capital after a conjunction starts a name, and whether the text is
/// Scandinavian (its definite nouns name units).
/// Whether the abbreviation in brackets that ends `right` spells a name that runs over
/// the conjunction: its letters are the initials of the capitalised words on both sides,
/// in order, the first word's first (`Renovasjonsselskapet for Grimstad og Arendal (RGA)`).
fn spelled_across(left: &str, right: &str) -> bool {
    let Some(inner) = right
        .trim_end()
        .strip_suffix(')')
        .and_then(|r| r.rsplit_once('('))
    else {
        return false;
    };
    let (before, abbreviation) = inner;
    let letters: Vec<char> = abbreviation.chars().collect();
    if letters.len() < 2 || !letters.iter().all(|c| c.is_uppercase()) {
        return false;
    }
    let initial = |w: &str| w.chars().next().filter(|c| c.is_uppercase());
    let left_initials: Vec<char> = left.split_whitespace().filter_map(initial).collect();
    let right_initials: Vec<char> = before.split_whitespace().filter_map(initial).collect();
    let initials: Vec<char> = left_initials
        .iter()
        .chain(&right_initials)
        .copied()
        .collect();
    left_initials.first() == letters.first() && !right_initials.is_empty() && initials == letters
}

fn split_conjunctions(
    piece: &str,
    vocab: &Vocabulary,
    (capitals, scandinavian): (bool, bool),
    units: &mut Vec<String>,
) {
    let mut start = 0;
    for m in vocab.responsible_conjunction.find_iter(piece) {
        let left = piece[start..m.start()].trim_end();
        let right = piece[m.end()..].trim_start();
        let Some(last_word) = left.split_whitespace().last() else {
            continue;
        };
        if last_word.ends_with('-') {
            continue; // "Kultur- och fritidsförvaltningen" is one unit
        }
        if spelled_across(left, right) {
            continue; // "Renovasjonsselskapet for Grimstad og Arendal (RGA)" is one body
        }
        // A bare head word alone (`Skole og barnehage`) names a field, not a unit.
        let alone = left.split_whitespace().count() == 1;
        // A company's name ends with its legal form (`Joensuun Kodit Oy ja …`).
        let left_is_unit = (is_head(last_word, vocab)
            && !(alone && is_bare_head(last_word, vocab)))
            || (!alone && vocab.legal_forms.iter().any(|f| f == last_word))
            || is_abbreviation(last_word)
            || (alone && vocab.unit_roles.contains(&bare(last_word)));
        // A company's name may hold a conjunction (`Vatten och Avfall AB`: one word
        // before its legal form); a name of several words before the form is a company
        // of its own (`Eiendom og Tynset Energi AS`).
        let right_words: Vec<&str> = right.split_whitespace().collect();
        let right_is_company =
            right_words.len() == 2 && vocab.legal_forms.iter().any(|f| f == right_words[1]);
        // `&` joins the words of one name (`Kultur & Fritid`), so a capital after it
        // starts no new one.
        let ampersand = m.as_str().trim() == "&";
        let left_words: Vec<&str> = left.split_whitespace().collect();
        let capitalised = |w: &&str| w.starts_with(|c: char| !c.is_lowercase());
        // In a name of capitalised words, one more capitalised word after the
        // conjunction, no unit or body by itself, goes on with it (`Eskilstuna Energi
        // och Miljö`, a company).
        let name_goes_on = match right_words[..] {
            [word] => {
                left_words.len() >= 2
                    && left_words.iter().all(capitalised)
                    && capitalised(&word)
                    && !is_head(word, vocab)
                    && !is_head(last_word, vocab)
                    && !is_abbreviation(word)
                    && !definite(word, vocab, scandinavian)
            }
            _ => false,
        };
        let right_starts_name = capitals
            && !ampersand
            && right.starts_with(char::is_uppercase)
            && !right_is_company
            && !name_goes_on;
        // A name whose words `&` joins is whole (`Teknik & Miljø`): a conjunction after
        // it joins the next name.
        let after_ampersand_name = !ampersand
            && left_words.len() >= 3
            && left_words.contains(&"&")
            && right.starts_with(char::is_uppercase);
        // One compound word that is a unit by itself after the conjunction (`… og
        // Digitaliseringsenheden`) ends the name before it in any language; a bare head
        // word names a field (`Børn og Skole`).
        let right_is_unit = match right.split_whitespace().collect::<Vec<_>>()[..] {
            [word] => {
                word.starts_with(char::is_uppercase)
                    && is_head(word, vocab)
                    && !is_bare_head(word, vocab)
            }
            _ => false,
        };
        // A definite noun on either side names a body of its own (`Oppvekstsektoren og
        // elevrådene`), unless one bare word before a unit's head word is a compound
        // whose hyphen was left out (`Kultur og fritidsetaten`).
        let right_last = right_words.last().copied().unwrap_or("");
        let left_definite = definite(last_word, vocab, scandinavian);
        let hyphen_left_out = alone && !left_definite && is_head(right_last, vocab);
        let definite_side = !hyphen_left_out
            && (left_definite
                || definite(right_last, vocab, scandinavian)
                || right_words
                    .first()
                    .is_some_and(|w| vocab.definite_articles.contains(&w.to_lowercase())));
        // Where names are capitalised throughout, a name of several capitalised words
        // ends before a lower-case word (`SSP Sønderborg and local volunteers`).
        let left_named = !capitals
            && left.split_whitespace().count() >= 2
            && left
                .split_whitespace()
                .all(|w| w.starts_with(|c: char| !c.is_lowercase()) || w.chars().count() <= 3);
        let lower_after_name = !ampersand && left_named && right.starts_with(char::is_lowercase);
        // An abbreviation of three letters or more after such a name is a body of its own
        // (`Urban Environment Sector and HOAS`; `Økonomi og HR` stays one unit).
        let abbreviation_after_name = !ampersand
            && left_named
            && matches!(right_words[..], [w] if is_abbreviation(w) && bare(w).chars().count() >= 3);
        // Where names are capitalised throughout, a name of two words or more before the
        // conjunction is whole where a name of its own follows: one that ends in a unit's
        // head word (`Basic Education Services and Environment Centre`), or two words
        // joined as names of fields are (`Youth Club Sønderborg and Culture and Leisure`).
        let right_capitalised = right_words
            .iter()
            .all(|w| capitalised(w) || vocab.responsible_conjunction.is_match(&format!(" {w} ")));
        let named_pair = match right_words[..] {
            [a, and, b] => {
                capitalised(&a)
                    && capitalised(&b)
                    && vocab.responsible_conjunction.is_match(&format!(" {and} "))
            }
            _ => false,
        };
        // Two names of two capitalised words or more, neither with a word in lower case
        // (`Jobcenter Svendborg og Sprogcenter Svendborg`, `Social Services and Home
        // Care`), are two bodies; one with a lower-case link (`Department of Health and
        // Social Care`) may join two fields in its last part.
        let all_capitalised = |words: &[&str]| words.iter().all(capitalised);
        let two_full_names = left_words.len() >= 2
            && right_words.len() >= 2
            && all_capitalised(&left_words)
            && all_capitalised(&right_words);
        let name_after_name = !ampersand
            && left_named
            && right_capitalised
            && ((right_words.len() >= 2 && is_head(right_last, vocab))
                || named_pair
                || two_full_names);
        // A unit named by its head word and then its fields (`Förvaltningen förskola
        // och skola`, `Avdelingen for kultur og idrett`): a lower-case word after the
        // conjunction is one more of its fields.
        let fields_of_named_unit = left_words.len() >= 2
            && left_words.first().is_some_and(|w| {
                w.starts_with(char::is_uppercase)
                    && is_head(w, vocab)
                    && definite(w, vocab, scandinavian)
            })
            && right_words
                .first()
                .is_some_and(|w| w.starts_with(char::is_lowercase));
        if fields_of_named_unit {
            continue;
        }
        // A name holds one conjunction (`Kultur og Fritid`): another after it joins the
        // next name (`… og Silkeborg Pride`).
        let second_conjunction = !ampersand
            && right.starts_with(char::is_uppercase)
            && vocab.responsible_conjunction.is_match(&format!(" {left} "));
        // An abbreviation and one capitalised word joined name one unit (`HR og
        // Udvikling`), as two words do (`Kultur og Fritid`).
        let abbreviation_pair = alone
            && is_abbreviation(last_word)
            && matches!(right_words[..], [w] if w.starts_with(char::is_uppercase)
                && !is_head(w, vocab)
                && !is_abbreviation(w)
                && !definite(w, vocab, scandinavian));
        if (left_is_unit && !abbreviation_pair)
            || second_conjunction
            || right_starts_name
            || right_is_unit
            || definite_side
            || lower_after_name
            || after_ampersand_name
            || abbreviation_after_name
            || name_after_name
        {
            push_unit(units, left);
            start = m.end();
        }
    }
    push_unit(units, &piece[start..]);
}

/// Whether a word is a noun in its definite form (`rektorene`, `Beredskabet`), by its
/// ending: a word of six letters and more, in a Scandinavian text.
fn definite(word: &str, vocab: &Vocabulary, scandinavian: bool) -> bool {
    let w = bare(word);
    scandinavian
        && w.chars().count() >= 6
        && w.chars().all(char::is_alphabetic)
        && vocab
            .definite_endings
            .iter()
            .any(|e| w.ends_with(e.as_str()))
        && !vocab.not_definite.iter().any(|e| w.ends_with(e.as_str()))
}

/// Whether a word ends in a unit head (`kommundelsförvaltning`, `Department`).
fn is_head(word: &str, vocab: &Vocabulary) -> bool {
    let w = bare(word);
    vocab.unit_heads.iter().any(|h| w.ends_with(h.as_str()))
}

/// A word without the punctuation around it, in lower case.
fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Whether a word is a head word itself rather than a compound ending in one.
fn is_bare_head(word: &str, vocab: &Vocabulary) -> bool {
    vocab.unit_heads.contains(&bare(word))
}

/// Whether a word is an abbreviation in capitals (`RFSL`, `KF`, `NAV`).
fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    !w.is_empty() && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn tidy(piece: &str) -> String {
    let unit = crate::text::collapse(crate::text::strip_bullet(piece));
    unit.trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .to_string()
}

fn push_unit(units: &mut Vec<String>, piece: &str) {
    let unit = tidy(piece);
    if !unit.is_empty() && unit.chars().any(char::is_alphanumeric) {
        units.push(unit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(raw: &str, language: Option<&str>) -> Vec<String> {
        split(raw, Vocabulary::builtin(), language)
    }

    #[test]
    fn splits_as_domain_says() {
        assert_eq!(
            units(
                "Kommunledningskontoret tillsammans med resp. förvaltning",
                None
            ),
            ["Kommunledningskontoret", "resp. förvaltning"]
        );
        assert_eq!(
            units(
                "Barn- och ungdomsförvaltningen och Södermöre kommundelsförvaltning",
                Some("sv")
            ),
            [
                "Barn- och ungdomsförvaltningen",
                "Södermöre kommundelsförvaltning"
            ]
        );
        assert_eq!(
            units("Samtliga men särskilt kommunledningskontoret", Some("sv")),
            ["Samtliga", "kommunledningskontoret"]
        );
        assert_eq!(
            units("Kultur- og fritidsetaten", Some("nb")),
            ["Kultur- og fritidsetaten"]
        );
        assert_eq!(units("A, B;\nC samt D", None), ["A", "B", "C", "D"]);
        assert!(units("  ", None).is_empty());
    }

    #[test]
    fn suspended_compounds_and_named_fields_stay_whole() {
        assert_eq!(
            units("Miljö-, hälso- och byggförvaltningen", Some("sv")),
            ["Miljö-, hälso- och byggförvaltningen"]
        );
        assert_eq!(
            units("Avdeling for plan, bygg og geodata", Some("nb")),
            ["Avdeling for plan, bygg og geodata"]
        );
        assert_eq!(
            units(
                "Teknik og Miljø i samarbejde med Aarhus Vand A/S",
                Some("da")
            ),
            ["Teknik og Miljø", "Aarhus Vand A/S"]
        );
        assert_eq!(
            units("Socialförvaltningen, Fritid/Kultur", Some("sv")),
            ["Socialförvaltningen", "Fritid", "Kultur"]
        );
    }

    #[test]
    fn a_conjunction_joins_units_only_after_a_unit() {
        assert_eq!(
            units("Oppvekst og levekår", Some("nb")),
            ["Oppvekst og levekår"]
        );
        assert_eq!(
            units("Eiendom og Tynset Energi AS", Some("nb")),
            ["Eiendom", "Tynset Energi AS"]
        );
        assert_eq!(
            units("Vatten och Avfall AB", Some("sv")),
            ["Vatten och Avfall AB"]
        );
        assert_eq!(
            units("Skole og barnehage og Bydrift", Some("nn")),
            ["Skole og barnehage", "Bydrift"]
        );
        assert_eq!(
            units("RFSL och kommunstyrelseförvaltningen", Some("sv")),
            ["RFSL", "kommunstyrelseförvaltningen"]
        );
        assert_eq!(units("Miljø og Teknik", Some("da")), ["Miljø og Teknik"]);
        // A unit named by its head word, then its fields joined by a conjunction.
        assert_eq!(
            units(
                "Förvaltningen förskola och skola, Kulturförvaltningen",
                Some("sv")
            ),
            ["Förvaltningen förskola och skola", "Kulturförvaltningen"]
        );
        // A name holds one conjunction; an abbreviation and a word make one name.
        assert_eq!(
            units("Fritid og Idræt og Odder Roklub", Some("da")),
            ["Fritid og Idræt", "Odder Roklub"]
        );
        assert_eq!(
            units("IT og Digitalisering", Some("da")),
            ["IT og Digitalisering"]
        );
        // A company's legal form ends its name.
        assert_eq!(
            units("Savonlinnan Vesi Oy ja Ympäristöpalvelut", Some("fi")),
            ["Savonlinnan Vesi Oy", "Ympäristöpalvelut"]
        );
        // An abbreviation that spells the name over the conjunction keeps it whole.
        assert_eq!(
            units(
                "Renovasjonsselskapet for Grimstad og Arendal (RGA)",
                Some("nb")
            ),
            ["Renovasjonsselskapet for Grimstad og Arendal (RGA)"]
        );
        assert_eq!(
            units("Teknisk drift og Skolekontoret (SK)", Some("nb")),
            ["Teknisk drift", "Skolekontoret (SK)"]
        );
        // `sekä` (as well as) joins two units as `ja` does.
        assert_eq!(
            units("Kaupunkiympäristön palvelut sekä tietohallinto", Some("fi")),
            ["Kaupunkiympäristön palvelut", "tietohallinto"]
        );
        // A definite noun names a body of its own; bare nouns name a field.
        assert_eq!(
            units("Oppvekstsektoren og elevrådene", Some("nb")),
            ["Oppvekstsektoren", "elevrådene"]
        );
        assert_eq!(
            units("Beredskabet og Hirtshals Havn", Some("da")),
            ["Beredskabet", "Hirtshals Havn"]
        );
        assert_eq!(
            units("SLT-koordinator og ungdomsklubben", Some("nn")),
            ["SLT-koordinator", "ungdomsklubben"]
        );
        assert_eq!(
            units("Communications and the local police", Some("en")),
            ["Communications", "the local police"]
        );
        assert_eq!(units("Plan og byggesak", Some("nb")), ["Plan og byggesak"]);
        // A company's name of capitalised words goes on after its conjunction; a name
        // joined by `&` is whole; an abbreviation after a name is a body of its own.
        assert_eq!(
            units(
                "Stadsbyggnadsförvaltningen och Eskilstuna Energi och Miljö",
                Some("sv")
            ),
            ["Stadsbyggnadsförvaltningen", "Eskilstuna Energi och Miljö"]
        );
        assert_eq!(
            units("Teknik & Miljø og Esbjerg Havn", Some("da")),
            ["Teknik & Miljø", "Esbjerg Havn"]
        );
        assert_eq!(
            units("Urban Environment Sector and HOAS", Some("en")),
            ["Urban Environment Sector", "HOAS"]
        );
        assert_eq!(units("Økonomi og HR", Some("da")), ["Økonomi og HR"]);
        assert_eq!(units("Sundhed og Ældre", Some("da")), ["Sundhed og Ældre"]);
        assert_eq!(
            units("Kvalitet och säkerhet", Some("sv")),
            ["Kvalitet och säkerhet"]
        );
        assert_eq!(
            units("Kultur og fritidsetaten", Some("nb")),
            ["Kultur og fritidsetaten"]
        );
        assert_eq!(
            units("SSP Sønderborg and local volunteers", Some("en")),
            ["SSP Sønderborg", "local volunteers"]
        );
        assert_eq!(
            units("Center for sundhed og omsorg", Some("da")),
            ["Center for sundhed og omsorg"]
        );
        assert_eq!(
            units("Youth and Children", Some("en")),
            ["Youth and Children"]
        );
        assert_eq!(units("Børn og Skole", Some("da")), ["Børn og Skole"]);
        // One word after it that is a unit by itself ends the name before it.
        assert_eq!(
            units("Svendborg Forsyning og Digitaliseringsenheden", Some("da")),
            ["Svendborg Forsyning", "Digitaliseringsenheden"]
        );
        assert_eq!(
            units("Sundhedsteamet og Arbejdsmiljøorganisationen", Some("da")),
            ["Sundhedsteamet", "Arbejdsmiljøorganisationen"]
        );
        assert_eq!(
            units(
                "Parks and Recreation in partnership with the Youth Council",
                Some("en")
            ),
            ["Parks and Recreation", "the Youth Council"]
        );
        assert_eq!(
            units(
                "Kommunstyrelsen i samarbete med Mälarvatten och Avfall AB",
                Some("sv")
            ),
            ["Kommunstyrelsen", "Mälarvatten och Avfall AB"]
        );
        assert_eq!(
            units("Planning Office and Housing Department", Some("en")),
            ["Planning Office", "Housing Department"]
        );
        // `&` joins one name; roles are units of their own.
        assert_eq!(
            units("Kultur & Fritid, Gavlefastigheter AB", Some("sv")),
            ["Kultur & Fritid", "Gavlefastigheter AB"]
        );
        assert_eq!(
            units("Miljøforvaltningen & Teknik", Some("da")),
            ["Miljøforvaltningen", "Teknik"]
        );
        assert_eq!(
            units("Principals and Special Education Unit", Some("en")),
            ["Principals", "Special Education Unit"]
        );
        // After a comma, one word that names a unit by itself starts a unit of its own.
        assert_eq!(
            units("Österbottens välfärdsområde, fritidsväsendet", Some("sv")),
            ["Österbottens välfärdsområde", "fritidsväsendet"]
        );
    }

    #[test]
    fn english_names_joined_by_and() {
        assert_eq!(
            units(
                "Basic Education Services and Environment Centre",
                Some("en")
            ),
            ["Basic Education Services", "Environment Centre"]
        );
        assert_eq!(
            units(
                "Water and Nature and Natural History Museum Aarhus",
                Some("en")
            ),
            ["Water and Nature", "Natural History Museum Aarhus"]
        );
        assert_eq!(
            units("Youth Club Sønderborg and Culture and Leisure", Some("en")),
            ["Youth Club Sønderborg", "Culture and Leisure"]
        );
        assert_eq!(
            units("Technical Services and Environment", Some("en")),
            ["Technical Services and Environment"]
        );
        assert_eq!(
            units("Growth and Learning Sector", Some("en")),
            ["Growth and Learning Sector"]
        );
        assert_eq!(
            units("Social Services and Home Care", Some("en")),
            ["Social Services", "Home Care"]
        );
        assert_eq!(
            units("Department of Health and Social Care", Some("en")),
            ["Department of Health and Social Care"]
        );
        assert_eq!(
            units("Jobcenter Svendborg og Sprogcenter Svendborg", Some("da")),
            ["Jobcenter Svendborg", "Sprogcenter Svendborg"]
        );
        assert_eq!(units("Børn og Unge", Some("da")), ["Børn og Unge"]);
    }
}
