//! (Moved here from tests/municipalities.rs: it needs the finder's internals.)
//! The municipality register (data/municipalities.csv) against the official lists, and
//! inference of the municipality from invented titles, footers and file names in every
//! country and language the register covers.

use super::language;
use super::municipality::{self, code_in, resolve, Found, Hints};

#[derive(serde::Deserialize)]
struct Row {
    country: String,
    code: String,
    valid_from: Option<i32>,
    valid_to: Option<i32>,
}

fn rows() -> Vec<Row> {
    csv::Reader::from_path(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/municipalities.csv"
    ))
    .expect("municipalities.csv opens")
    .deserialize()
    .collect::<Result<_, _>>()
    .expect("municipalities.csv parses")
}

fn count(country: &str, year: i32) -> usize {
    rows()
        .iter()
        .filter(|r| {
            r.country == country
                && r.valid_from.is_none_or(|f| f <= year)
                && r.valid_to.is_none_or(|t| year <= t)
        })
        .count()
}

#[test]
fn counts_per_country() {
    assert_eq!(count("SE", 2024), 290);
    assert_eq!(count("NO", 2024), 357);
    // 2020-2023: Ålesund and Haram were one municipality.
    assert_eq!(count("NO", 2022), 356);
    assert_eq!(count("DK", 2024), 98);
    // Statistics Finland's count from 2021 (Valtimo joined Nurmes in 2020, Honkajoki
    // Kankaanpää in 2021); see data/municipalities.md.
    assert_eq!(count("FI", 2024), 309);
    assert_eq!(count("FI", 2019), 311);
    // Hagstofa Íslands' division as of 1 January 2026.
    assert_eq!(count("IS", 2026), 62);
}

#[test]
fn codes_have_the_official_form() {
    for r in rows() {
        let digits = match r.country.as_str() {
            "SE" | "NO" | "IS" => 4,
            "DK" | "FI" => 3,
            other => panic!("unexpected country {other}"),
        };
        assert!(
            r.code.len() == digits && r.code.chars().all(|c| c.is_ascii_digit()),
            "{} {}",
            r.country,
            r.code
        );
    }
}

/// Codes written here from the official lists (SCB, SSB Klass 131, Danmarks Statistik /
/// danmarksadresser.dk, Statistics Finland).
#[test]
fn sample_codes_match_the_official_lists() {
    let cases: &[(&str, &str, i32, &str)] = &[
        ("SE", "Stockholm", 2024, "0180"),
        ("SE", "Kalmar", 2016, "0880"),
        ("SE", "Katrineholm", 2020, "0483"),
        ("SE", "Söderhamn", 2016, "2182"),
        ("SE", "Göteborg", 2024, "1480"),
        ("SE", "Upplands Väsby", 2024, "0114"),
        ("SE", "Arjeplog", 2024, "2506"),
        ("SE", "Gotland", 2024, "0980"),
        ("SE", "Lund", 2024, "1281"),
        ("SE", "Bromölla", 2024, "1272"),
        ("SE", "Tranås", 2024, "0687"),
        ("NO", "Oslo", 2024, "0301"),
        ("NO", "Bærum", 2024, "3201"),
        ("NO", "Bærum", 2021, "3024"),
        ("NO", "Bærum", 2016, "0219"),
        ("NO", "Bergen", 2024, "4601"),
        ("NO", "Tromsø", 2024, "5501"),
        ("NO", "Tromsø", 2023, "5401"),
        ("NO", "Færder", 2022, "3811"),
        ("NO", "Færder", 2024, "3911"),
        ("NO", "Ålesund", 2023, "1507"),
        ("NO", "Ålesund", 2024, "1508"),
        ("NO", "Haram", 2024, "1580"),
        ("NO", "Kautokeino", 2024, "5612"),
        ("NO", "Guovdageaidnu", 2021, "5430"),
        ("NO", "Lund", 2024, "1112"),
        ("NO", "Halden", 2020, "3001"),
        ("DK", "København", 2024, "101"),
        ("DK", "Frederiksberg", 2024, "147"),
        ("DK", "Aarhus", 2024, "751"),
        ("DK", "Aalborg", 2024, "851"),
        ("DK", "Odense", 2024, "461"),
        ("DK", "Bornholm", 2024, "400"),
        ("DK", "Læsø", 2024, "825"),
        ("DK", "Fanø", 2024, "563"),
        ("DK", "Vejle", 2024, "630"),
        ("DK", "Ærø", 2024, "492"),
        ("DK", "Høje-Taastrup", 2024, "169"),
        ("FI", "Helsinki", 2024, "091"),
        ("FI", "Helsingfors", 2024, "091"),
        ("FI", "Espoo", 2024, "049"),
        ("FI", "Esbo", 2024, "049"),
        ("FI", "Vantaa", 2024, "092"),
        ("FI", "Åbo", 2024, "853"),
        ("FI", "Tampere", 2024, "837"),
        ("FI", "Oulu", 2024, "564"),
        ("FI", "Vasa", 2024, "905"),
        ("FI", "Mariehamn", 2024, "478"),
        ("FI", "Borgå", 2024, "638"),
        ("FI", "Grankulla", 2024, "235"),
        ("FI", "Pedersöre", 2024, "599"),
        ("FI", "Inari", 2024, "148"),
    ];
    for &(country, name, year, code) in cases {
        assert_eq!(
            code_in(name, country, Some(year)).as_deref(),
            Some(code),
            "{country} {name} {year}"
        );
    }
    // Two Herøy in Norway: the name alone does not tell the code.
    assert_eq!(code_in("Herøy", "NO", Some(2024)), None);
}

fn found(
    texts: &[(&str, usize)],
    file: Option<&str>,
    language: Option<&str>,
    year: Option<i32>,
) -> Option<Found> {
    resolve(texts.iter().copied(), file, Hints { language, year })
}

fn expect(f: Option<Found>, name: &str, country: &str, code: Option<&str>) {
    let f = f.unwrap_or_else(|| panic!("nothing found, expected {name}"));
    assert_eq!(f.name, name);
    assert_eq!(f.country.as_deref(), Some(country), "{name}");
    assert_eq!(f.code.as_deref(), code, "{name}");
}

#[test]
fn swedish_titles_and_footers() {
    expect(
        found(
            &[
                ("Handlingsplan för hbtq-frågor 2022–2025", 10),
                ("Katrineholms kommun | Sida 3", 5),
            ],
            None,
            Some("sv"),
            Some(2025),
        ),
        "Katrineholm",
        "SE",
        Some("0483"),
    );
    expect(
        found(
            &[("Göteborgs Stad – plan för likabehandling", 10)],
            None,
            Some("sv"),
            None,
        ),
        "Göteborg",
        "SE",
        Some("1480"),
    );
    expect(
        found(
            &[("Upplands Väsby kommun: aktiviteter 2024", 10)],
            None,
            Some("sv"),
            None,
        ),
        "Upplands Väsby",
        "SE",
        Some("0114"),
    );
    // A region is not a municipality; Region Gotland is one.
    expect(
        found(
            &[(
                "Region Skåne och Malmö stad samverkar om trygga mötesplatser",
                10,
            )],
            None,
            Some("sv"),
            None,
        ),
        "Malmö",
        "SE",
        Some("1280"),
    );
    assert_eq!(
        found(
            &[("Region Kalmar län – regional plan för jämlik hälsa", 10)],
            None,
            Some("sv"),
            None
        ),
        None
    );
    expect(
        found(
            &[("Region Gotland – handlingsplan", 10)],
            None,
            Some("sv"),
            None,
        ),
        "Gotland",
        "SE",
        Some("0980"),
    );
}

#[test]
fn norwegian_bokmaal_and_nynorsk() {
    let title = "Handlingsplan for kjønns- og seksualitetsmangfold, Bærum kommune";
    expect(
        found(&[(title, 10)], None, Some("nb"), Some(2022)),
        "Bærum",
        "NO",
        Some("3024"),
    );
    expect(
        found(&[(title, 10)], None, Some("nb"), Some(2026)),
        "Bærum",
        "NO",
        Some("3201"),
    );
    expect(
        found(
            &[
                ("Tiltaksplan 2024–2027 for Stad kommune", 10),
                (
                    "Dei tilsette skal få kunnskap om korleis dei kan møte ungdom.",
                    1,
                ),
            ],
            None,
            Some("nn"),
            Some(2027),
        ),
        "Stad",
        "NO",
        Some("4649"),
    );
    // Namesakes in one country: the county named in the text decides.
    expect(
        found(
            &[
                ("Herøy kommune", 10),
                ("Herøy ligg på Helgelandskysten i Nordland.", 1),
            ],
            None,
            Some("nn"),
            Some(2024),
        ),
        "Herøy",
        "NO",
        Some("1818"),
    );
    expect(
        found(&[("Herøy kommune", 10)], None, Some("nn"), Some(2024)),
        "Herøy",
        "NO",
        None,
    );
}

#[test]
fn names_shared_between_countries() {
    expect(
        found(
            &[("Plan for mangfold, Lund kommune", 10)],
            None,
            Some("nb"),
            Some(2024),
        ),
        "Lund",
        "NO",
        Some("1112"),
    );
    expect(
        found(
            &[("Lunds kommun: handlingsplan", 10)],
            None,
            Some("sv"),
            Some(2024),
        ),
        "Lund",
        "SE",
        Some("1281"),
    );
    // Rauma is in Norway and in Finland: the place word tells.
    expect(
        found(
            &[("Rauman kaupungin tasa-arvosuunnitelma", 10)],
            None,
            Some("fi"),
            None,
        ),
        "Rauma",
        "FI",
        Some("684"),
    );
    expect(
        found(
            &[("Rauma kommune – tiltaksplan", 10)],
            None,
            Some("nb"),
            None,
        ),
        "Rauma",
        "NO",
        Some("1539"),
    );
}

#[test]
fn danish_kommune() {
    expect(
        found(
            &[("Handlingsplan for LGBT+ 2024–2026, Københavns Kommune", 10)],
            None,
            Some("da"),
            None,
        ),
        "København",
        "DK",
        Some("101"),
    );
    expect(
        found(&[("Aarhus Kommune | side 2", 5)], None, Some("da"), None),
        "Aarhus",
        "DK",
        Some("751"),
    );
}

#[test]
fn finnish_and_finland_swedish() {
    expect(
        found(
            &[("Helsingin kaupungin yhdenvertaisuussuunnitelma 2024", 10)],
            None,
            Some("fi"),
            None,
        ),
        "Helsinki",
        "FI",
        Some("091"),
    );
    expect(
        found(
            &[("Turun kaupunki – toimenpiteet", 10)],
            None,
            Some("fi"),
            None,
        ),
        "Turku",
        "FI",
        Some("853"),
    );
    expect(
        found(&[("Sipoon kunta", 10)], None, Some("fi"), None),
        "Sipoo",
        "FI",
        Some("753"),
    );
    expect(
        found(
            &[("Helsingfors stads jämställdhetsplan", 10)],
            None,
            Some("sv"),
            None,
        ),
        "Helsingfors",
        "FI",
        Some("091"),
    );
    expect(
        found(
            &[("Kyrkslätts kommun – åtgärder 2023", 10)],
            None,
            Some("sv"),
            None,
        ),
        "Kyrkslätt",
        "FI",
        Some("257"),
    );
}

#[test]
fn english_plans() {
    expect(
        found(
            &[("LGBTIQ action plan of the Municipality of Bergen", 10)],
            None,
            Some("en"),
            None,
        ),
        "Bergen",
        "NO",
        Some("4601"),
    );
}

#[test]
fn file_names_use_the_whole_register() {
    let by_file = |f: &str| found(&[], Some(f), None, Some(2024));
    expect(
        by_file("plans/upplands-vasby-handlingsplan.pdf"),
        "Upplands Väsby",
        "SE",
        Some("0114"),
    );
    expect(
        by_file("kobenhavn_lgbt_2024.docx"),
        "København",
        "DK",
        Some("101"),
    );
    expect(
        by_file("Guovdageaidnu-tiltak.pdf"),
        "Kautokeino",
        "NO",
        Some("5612"),
    );
    assert_eq!(by_file("region-kalmar-lan-2024.pdf"), None);
    assert_eq!(by_file("plan-time-2020.pdf"), None);
    assert_eq!(
        municipality::from_file_name("arkiv/Vasteras_plan.xlsx").as_deref(),
        Some("Västerås")
    );
}

#[test]
fn languages_on_short_texts() {
    let cases = [
        (
            "Alla medarbetare ska få utbildning i hbtq-frågor. Arbetet följs upp varje år av förvaltningen.",
            "sv",
        ),
        (
            "Alle ansatte skal få opplæring i hvordan de kan møte ungdom som ikke føler seg trygge. Tiltaket blir fulgt opp av kommunen hvert år.",
            "nb",
        ),
        (
            "Alle tilsette skal få opplæring i korleis dei kan møte ungdom som ikkje kjenner seg trygge. Tiltaket vert følgt opp av kommunen kvart år.",
            "nn",
        ),
        (
            "Alle medarbejdere skal have undervisning i, hvordan de kan møde unge, som ikke føler sig trygge. Indsatsen bliver fulgt op af kommunen hvert år.",
            "da",
        ),
        (
            "Kaikki työntekijät saavat koulutusta siitä, miten nuoria kohdataan. Toimenpide arvioidaan vuosittain ja vastuu on kunnan henkilöstöllä.",
            "fi",
        ),
        (
            "All staff will receive training on how to meet young people who do not feel safe. The measure is followed up by the municipality every year.",
            "en",
        ),
        (
            "Staden ordnar utbildning för personalen och följer upp åtgärderna varje år.",
            "sv",
        ),
        ("Utbildning för personal | Ansvarig: HR-enheten | 2024", "sv"),
        ("Kurs for ansatte | Ansvar: HR | Status: ikke startet | gjennomføres i 2024", "nb"),
        ("Kurs for tilsette | Ansvar: HR | Status: ikkje starta | vert gjennomført i 2024", "nn"),
        ("Kursus for medarbejdere | Ansvar: HR | Status: ikke startet | gennemføres af HR", "da"),
    ];
    for (text, lang) in cases {
        assert_eq!(language::detect(text), Some(lang), "{text}");
    }
    assert_eq!(language::detect("2024 | HR | hbtq"), None);
}

#[test]
fn icelandic_municipalities_by_their_official_names() {
    // The official name and its genitive (`Akureyrarbæjar`, as titles write it) name the
    // place the register calls the municipality by.
    expect(
        found(
            &[
                ("Loftslagsstefna Akureyrarbæjar 2024–2030", 10),
                ("Akureyrarbær", 5),
            ],
            None,
            Some("is"),
            Some(2025),
        ),
        "Akureyri",
        "IS",
        Some("6000"),
    );
    expect(
        found(
            &[("Aðgerðaáætlun Reykjavíkurborgar", 10)],
            None,
            Some("is"),
            None,
        ),
        "Reykjavík",
        "IS",
        Some("0000"),
    );
}
