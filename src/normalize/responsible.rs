//! Responsible cells split into units (DOMAIN.md): on separators and joining phrases,
//! never inside a suspended compound (`Barn- och ungdomsförvaltningen`).

use crate::vocab::Vocabulary;

/// The units of a responsible cell, spelled as written.
pub fn split(raw: &str, vocab: &Vocabulary) -> Vec<String> {
    let mut units = Vec::new();
    let mut start = 0;
    for m in vocab.responsible_split.find_iter(raw) {
        let before = raw[..m.start()].trim_end();
        let joiner_is_word =
            m.as_str().trim().chars().all(char::is_alphabetic) && !m.as_str().trim().is_empty();
        if joiner_is_word && before.ends_with('-') {
            continue; // "Kultur- och fritidsförvaltningen" is one unit
        }
        push_unit(&mut units, &raw[start..m.start()]);
        start = m.end();
    }
    push_unit(&mut units, &raw[start..]);
    units
}

fn push_unit(units: &mut Vec<String>, piece: &str) {
    let unit = crate::text::collapse(crate::text::strip_bullet(piece));
    let unit = unit.trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace());
    if !unit.is_empty() && unit.chars().any(char::is_alphanumeric) {
        units.push(unit.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_as_domain_says() {
        let v = Vocabulary::builtin();
        assert_eq!(
            split(
                "Kommunledningskontoret tillsammans med resp. förvaltning",
                v
            ),
            ["Kommunledningskontoret", "resp. förvaltning"]
        );
        assert_eq!(
            split(
                "Barn- och ungdomsförvaltningen och Södermöre kommundelsförvaltning",
                v
            ),
            [
                "Barn- och ungdomsförvaltningen",
                "Södermöre kommundelsförvaltning"
            ]
        );
        assert_eq!(
            split("Samtliga men särskilt kommunledningskontoret", v),
            ["Samtliga", "kommunledningskontoret"]
        );
        assert_eq!(
            split("Kultur- og fritidsetaten", v),
            ["Kultur- og fritidsetaten"]
        );
        assert_eq!(split("A, B;\nC samt D", v), ["A", "B", "C", "D"]);
        assert!(split("  ", v).is_empty());
    }
}
