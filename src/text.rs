//! Small text helpers shared by readers and interpretation.

/// Collapses every run of white space (newlines included) into one space and trims.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Collapses spaces within each line, drops empty lines, keeps the line structure.
pub fn tidy_lines(s: &str) -> String {
    s.lines()
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Bullet signs that start a list line.
const BULLETS: &[char] = &[
    '•', '·', '▪', '◦', '●', '■', '□', '‣', '⁃', '-', '–', '*', '\u{F0B7}', '\u{F0A7}',
];

/// Whether a line starts with a bullet sign followed by space.
pub fn starts_with_bullet(line: &str) -> bool {
    let line = line.trim_start();
    let mut chars = line.chars();
    match (chars.next(), chars.next()) {
        (Some(c), Some(n)) => BULLETS.contains(&c) && n.is_whitespace(),
        _ => false,
    }
}

/// Drops a leading bullet sign (and the space after it) from a line.
pub fn strip_bullet(line: &str) -> &str {
    let trimmed = line.trim_start();
    if starts_with_bullet(trimmed) {
        let c = trimmed.chars().next().map_or(0, char::len_utf8);
        trimmed[c..].trim_start()
    } else {
        trimmed
    }
}

/// Whether a text is a bullet sign alone (`•`, `▪`, `–`, a Symbol-font bullet), as set
/// before a list item; not `-` or `*` (which stand alone in tables for "none") nor the
/// filled and empty shapes that also mark a status (`●`, `■`, `□`).
pub fn is_bullet_sign(text: &str) -> bool {
    let mut chars = text.trim().chars();
    matches!((chars.next(), chars.next()), (Some(c), None)
        if BULLETS.contains(&c) && !matches!(c, '-' | '*' | '●' | '■' | '□'))
}

/// Lines tidied and with their bullet signs dropped: one list item or paragraph per line.
pub fn bullet_lines(s: &str) -> String {
    s.lines()
        .map(|l| collapse(strip_bullet(l)))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Decodes the XML/HTML character references that occur in office and web text.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // Bytes, not a str slice: twelve bytes may end inside a character.
        let end = rest.as_bytes()[..rest.len().min(12)]
            .iter()
            .position(|&b| b == b';');
        let decoded = end.and_then(|e| decode_entity(&rest[1..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "laquo" => '«',
        "raquo" => '»',
        "rdquo" => '”',
        "ldquo" => '“',
        "rsquo" => '’',
        "lsquo" => '‘',
        "bull" => '•',
        "middot" => '·',
        "aring" => 'å',
        "Aring" => 'Å',
        "auml" => 'ä',
        "Auml" => 'Ä',
        "ouml" => 'ö',
        "Ouml" => 'Ö',
        "oslash" => 'ø',
        "Oslash" => 'Ø',
        "aelig" => 'æ',
        "AElig" => 'Æ',
        "eacute" => 'é',
        _ => return None,
    })
}

/// Joins a line to the text before it, where a layout (a page, a narrow cell) may have
/// wrapped it: a line that opens a list item, or follows a finished sentence with a
/// capital, starts a new line; a line broken after a dash goes on without a space
/// (`hbtq-` `frågor`, `2019–` `2022`) unless a conjunction follows (`Barn-` `och`), and
/// so does a line broken after a slash that ends a word (`Økonomiavdelingen/`
/// `Boligkontoret`); any other line joins with a space.
pub fn join_wrapped(before: &str, line: &str) -> String {
    let before = before.trim_end();
    let line = line.trim();
    if before.is_empty() || line.is_empty() {
        return format!("{before}{line}");
    }
    let ends_sentence = before.ends_with(['.', ':', '!', '?', ';']);
    let starts_new = line
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let after_slash = before.ends_with('/') && !before.ends_with(" /");
    let sep = if starts_with_bullet(line) || (ends_sentence && starts_new) {
        "\n"
    } else if goes_on_after_dash(before, line) || after_slash {
        ""
    } else {
        " "
    };
    format!("{before}{sep}{line}")
}

/// Whether a line broken after a dash that ends a word (`hbtq-`, `2019–`) goes on
/// without a space: unless a conjunction follows (`Barn-` / `och`, `sosiaali-` / `ja`,
/// a suspended compound).
fn goes_on_after_dash(before: &str, line: &str) -> bool {
    let after_dash =
        before.ends_with(['-', '–']) && !before.ends_with(" -") && !before.ends_with(" –");
    let first_word = line.split_whitespace().next().unwrap_or("").to_lowercase();
    let conjunction = [
        "och", "og", "and", "eller", "samt", "or", "und", "ja", "tai", "sekä",
    ]
    .contains(&first_word.as_str());
    after_dash && !conjunction
}

/// Two lines of a wrapped heading or title joined: with a space, but none after a year
/// range broken at its dash (`2025–` / `2028`) or a compound broken at its hyphen.
pub fn join_heading(before: &str, line: &str) -> String {
    let (before, line) = (before.trim_end(), line.trim_start());
    let mut tail = before.chars().rev();
    let broken_range = matches!((tail.next(), tail.next()), (Some('–' | '-' | '—'), Some(d)) if d.is_ascii_digit())
        && line.starts_with(|c: char| c.is_ascii_digit());
    // A compound broken at its hyphen (`Helmet-` / `området`) goes on without a space.
    let compound = before.ends_with('-')
        && before
            .chars()
            .rev()
            .nth(1)
            .is_some_and(char::is_alphanumeric)
        && line.starts_with(char::is_lowercase)
        && goes_on_after_dash(before, line);
    if broken_range || compound || before.is_empty() {
        format!("{before}{line}")
    } else {
        format!("{before} {line}")
    }
}

/// Whether a word is a leader: a row of four or more dots (`.....`, `····`) that
/// leads the eye from a label to its value across a table or a list of contents. A reader
/// does not read it as text. Three dots (`...`) stay: statistical tables write them for
/// a figure not available.
pub fn is_leader(word: &str) -> bool {
    word.chars().count() >= 4 && word.chars().all(|c| matches!(c, '.' | '·' | '…' | '․'))
}

/// Whether the first letter of the text is lower case.
pub fn starts_lowercase(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_lowercase())
}

/// Whether a line can only be the rest of the line before it: it opens with a sign that
/// closes a sentence or follows a number (`%.` wrapped onto a line of its own).
pub fn opens_with_closer(s: &str) -> bool {
    s.trim_start().starts_with(['%', '.', ',', ';', ')', ']'])
}

/// A raised footnote number as the interpreter reads it: a run set in superscript that
/// holds only a number (`1`, `12`, `1)`) becomes superscript digits (`¹`, `¹²`); anything
/// else stays as written.
pub fn raised(run: &str) -> String {
    let t = run.trim();
    // (`1)` set raised is the same mark as `¹`.)
    let t = t
        .strip_suffix(')')
        .filter(|d| !d.contains('('))
        .unwrap_or(t);
    if !t.is_empty() && t.len() <= 2 && t.chars().all(|c| c.is_ascii_digit()) {
        crate::interpret::footnotes::superscript(t)
    } else {
        run.to_string()
    }
}

/// `s` with the Latin ligature characters (U+FB00–U+FB06) spelled as their letters.
pub fn unfold_ligatures(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            c => out.push(c),
        }
    }
    out
}

/// Whether a text is only the name of a municipality or city, as a publisher line above
/// a title (`Helsingør Kommune`, `Espoon kaupunki`, `City of Vaasa`): a name of one or two
/// capitalised words with its kind word after it or before it, nothing else.
pub fn is_publisher_line(text: &str) -> bool {
    const AFTER: &[&str] = &[
        "kommun",
        "kommune",
        "stad",
        "kaupunki",
        "kunta",
        "municipality",
        "fylkeskommune",
        "regionskommune",
        "sveitarfélag",
    ];
    const BEFORE: &[&str] = &["city of", "municipality of", "town of"];
    let t = collapse(text);
    let lower = t.to_lowercase();
    let capitalised = |words: &[&str]| {
        !words.is_empty()
            && words.len() <= 2
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    };
    let words: Vec<&str> = t.split(' ').collect();
    if let Some(prefix) = BEFORE.iter().find(|p| lower.starts_with(*p)) {
        let n = prefix.split(' ').count();
        return capitalised(&words[n.min(words.len())..]);
    }
    words.split_last().is_some_and(|(last, name)| {
        AFTER.contains(&last.to_lowercase().as_str()) && capitalised(name)
    })
}

/// Whether a leading part of a text styled apart (`title`, e.g. its bold lines) is a
/// title over the `rest`, not a lead-in that runs on into it: the title does not end in
/// a colon (`Kompetanseheving av foresatte:` introduces what follows), and the rest does
/// not go on with the title's sentence (it does not start in lower case).
pub fn is_title_over(title: &str, rest: &str) -> bool {
    let title = title.trim();
    let rest = rest.trim_start();
    !title.is_empty()
        && !rest.is_empty()
        && !title.ends_with(':')
        && !rest.chars().next().is_some_and(char::is_lowercase)
}

/// How many of `text`'s first `lines` lines are a title over the rest
/// ([`is_title_over`]): `lines` (at most all of them) where they are, else 0.
pub fn title_lines(text: &str, lines: usize) -> usize {
    let all: Vec<&str> = text.lines().collect();
    let n = lines.min(all.len());
    let (title, rest) = (all[..n].join("\n"), all[n..].join("\n"));
    if is_title_over(&title, &rest) {
        n
    } else {
        0
    }
}

/// Whether a text stops at a finished word: its last character a letter or a digit, and
/// nothing that calls for more ([`ends_unfinished`]).
pub fn ends_finished(text: &str) -> bool {
    text.trim_end().ends_with(char::is_alphanumeric) && !ends_unfinished(text)
}

/// Whether `rest`, going on from `before` over a break (a page's, or a line's short of a
/// cell's edge), stands on a line of its own: it opens with a capital after a finished
/// word (a unit's name under another, `Rektor` / `Oppvekstkontoret`), as a wrapped
/// sentence would not.
pub fn stands_apart(before: &str, rest: &str) -> bool {
    ends_finished(before) && rest.trim_start().starts_with(char::is_uppercase)
}

/// Whether a text stops where it cannot end, so that the next line goes on with it: after
/// a comma, a dash, a slash, an ampersand or a plus, or after a conjunction or a
/// preposition (`Kultur- og`, `2025–`, `Pilotprojekt med`).
pub fn ends_unfinished(text: &str) -> bool {
    let text = text.trim_end();
    if text.ends_with([',', '-', '–', '/', '&', '+']) {
        return true;
    }
    let last = text.rsplit(' ').next().unwrap_or("").to_lowercase();
    matches!(
        last.as_str(),
        "og" | "och"
            | "samt"
            | "eller"
            | "and"
            | "or"
            | "sekä"
            | "ja"
            | "i"
            | "for"
            | "för"
            | "med"
            | "of"
            | "på"
            | "af"
            | "av"
            | "til"
            | "till"
            | "ved"
            | "vid"
            | "mellem"
            | "mellom"
            | "with"
            | "the"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_municipality_name_alone_is_a_publisher_line() {
        assert!(is_publisher_line("Helsingør Kommune"));
        assert!(is_publisher_line("Espoon kaupunki"));
        assert!(is_publisher_line("City of Vaasa"));
        assert!(is_publisher_line("Upplands Väsby kommun"));
        assert!(!is_publisher_line("Kulturplan för Ystads kommun"));
        assert!(!is_publisher_line("Östersunds kommun – uppföljning 2024"));
        assert!(!is_publisher_line("Skolepolitik 2024–2027"));
    }

    #[test]
    fn leaders_are_rows_of_four_dots_or_more() {
        assert!(is_leader("................"));
        assert!(is_leader("····"));
        assert!(!is_leader("..."));
        assert!(!is_leader("0.99"));
        assert!(!is_leader("."));
    }

    #[test]
    fn an_ampersand_before_non_ascii_text_is_kept() {
        // The twelfth byte after `&` falls inside `å`.
        assert_eq!(decode_entities("Kultur & fritå"), "Kultur & fritå");
        assert_eq!(decode_entities("&&&&&&&&&&&åå"), "&&&&&&&&&&&åå");
    }

    #[test]
    fn helpers_do_what_they_say() {
        assert_eq!(collapse("  a \n b\t c "), "a b c");
        assert_eq!(bullet_lines("• one\n\n· two\nthree"), "one\ntwo\nthree");
        assert_eq!(
            decode_entities("a &amp; b &#229; &lt;x&gt; &bogus; &"),
            "a & b å <x> &bogus; &"
        );
        assert!(starts_lowercase("«og unge"));
        assert!(!starts_with_bullet("-1 grader"));
        assert_eq!(join_wrapped("Pride-", "tåget"), "Pride-tåget");
        assert_eq!(join_wrapped("Barn-", "och ungdom"), "Barn- och ungdom");
        assert_eq!(
            join_wrapped("sosiaali-", "ja terveys"),
            "sosiaali- ja terveys"
        );
        // A heading broken at a compound's hyphen, or at a suspended compound's.
        assert_eq!(
            join_heading("biblioteken i Helmet-", "området"),
            "biblioteken i Helmet-området"
        );
        assert_eq!(join_heading("Kultur-", "och fritid"), "Kultur- och fritid");
        assert_eq!(join_heading("Planen 2025–", "2028"), "Planen 2025–2028");
        assert_eq!(join_wrapped("blant barn", "og unge"), "blant barn og unge");
        assert_eq!(join_wrapped("Økonomi/", "Bolig"), "Økonomi/Bolig");
        assert_eq!(join_wrapped("Kultur /", "Fritid"), "Kultur / Fritid");
        assert_eq!(join_wrapped("i 2020", "• Neste"), "i 2020\n• Neste");
        assert_eq!(join_wrapped("Klart.", "Nästa steg"), "Klart.\nNästa steg");
    }
}
