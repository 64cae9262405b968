//! Tests of measure cards and lists of measures.

use super::*;
use crate::vocab::Field;

/// A heading block for tests.
pub(in crate::interpret) fn h(level: u8, t: &str) -> Block {
    Block::Heading {
        level,
        text: t.into(),
        page: None,
    }
}

/// A paragraph block for tests.
pub(in crate::interpret) fn p(t: &str) -> Block {
    Block::Paragraph {
        text: t.into(),
        page: None,
    }
}

#[test]
fn a_sidebar_set_after_a_cards_title_gives_its_area_and_goal_and_a_note_under_it_is_no_fact() {
    // A designed page printed to PDF: the badge and title, the activities, then the
    // sidebar's labelled boxes (each label a heading, the area's name one too), then
    // the fact boxes, then a note set apart by a blank line.
    let card = |n: &str, title: &str, area: &str, goal: &[&str], unit: &str| {
        let mut b = vec![
            h(1, &format!("{n} {title}")),
            h(2, "Aktiviteter"),
            p("• Kartlegge behovet"),
            h(2, "INNSATSOMRÅDE"),
            h(2, area),
            h(2, "MÅL"),
        ];
        b.extend(goal.iter().map(|g| p(g)));
        b.extend([
            p(""),
            h(2, "ANSVARLIG"),
            p(unit),
            h(2, "TIDSPLAN"),
            p("2026–2027"),
            p(""),
            p("Tiltaket bidrar også til FNs bærekraftsmål 3"),
        ]);
        b
    };
    let mut blocks = vec![h(1, "Folkehelseplan 2026–2029")];
    blocks.extend(card(
        "1",
        "Aktiv skolevei",
        "1 Gode oppvekstvilkår",
        &["1.1 Flere barn er fysisk", "aktive hver dag"],
        "Oppvekst",
    ));
    blocks.extend(card(
        "2",
        "Seniorsentre som møteplass",
        "3 Helsefremmende lokalsamfunn",
        &["3.1 Flere eldre er sosialt aktive"],
        "Helse og omsorg",
    ));
    let rows = find(&blocks, Vocabulary::builtin());
    assert_eq!(rows.len(), 2);
    let area = rows[1].area.as_ref().expect("an area");
    assert_eq!(
        (area.id.as_deref(), area.text.as_str()),
        (Some("3"), "Helsefremmende lokalsamfunn")
    );
    let goal = rows[0].goal.as_ref().expect("a goal");
    assert_eq!(
        (goal.id.as_deref(), goal.text.as_str()),
        (Some("1.1"), "Flere barn er fysisk aktive hver dag")
    );
    assert_eq!(rows[0].field(Field::Responsible), Some("Oppvekst"));
    assert_eq!(rows[1].field(Field::Timeframe), Some("2026–2027"));
    assert_eq!(rows[1].implementation.as_deref(), Some("Kartlegge behovet"));
}

#[test]
fn a_goal_heading_by_its_word_and_number_is_the_goal_of_the_measures_under_it() {
    let blocks = vec![
        h(1, "Toimenpiteet"),
        h(2, "Tavoite 1: Sujuvat palvelut"),
        h(3, "1.1 Sähköinen asiointi"),
        p("Vastuutaho: Konsernipalvelut"),
        p("Aikataulu: 2026"),
        h(3, "1.2 Chat-palvelu"),
        p("Vastuutaho: Viestintä"),
        h(2, "Tavoite 2: Osaava henkilöstö"),
        h(3, "2.1 Koulutus"),
        p("Vastuutaho: Henkilöstöpalvelut"),
    ];
    let rows = find(&blocks, Vocabulary::builtin());
    assert_eq!(rows.len(), 3);
    let goal = |r: &RowRecord| r.goal.clone().map(|g| (g.id, g.text));
    assert_eq!(
        goal(&rows[1]),
        Some((Some("1".into()), "Sujuvat palvelut".into()))
    );
    assert_eq!(
        goal(&rows[2]),
        Some((Some("2".into()), "Osaava henkilöstö".into()))
    );
    assert!(rows.iter().all(|r| r.area.is_none()));
}

#[test]
fn a_chapter_heading_above_the_cards_titles_ends_the_last_card_unless_labels_are_set_there() {
    // Labels as plain paragraphs under level-3 titles; the closing chapter
    // `Uppföljning` (a field's word, at level 2) is not the last card's box.
    let blocks = vec![
        h(2, "2 Trygga miljöer"),
        h(3, "2.1 Belysning längs skolvägar"),
        p("Ansvar"),
        p("Tekniska förvaltningen"),
        p("Tidplan"),
        p("2027"),
        h(3, "2.2 Nattvandring"),
        p("Ansvar"),
        p("Fritidsgårdarna"),
        h(2, "Uppföljning"),
        p("Planen följs upp varje höst i kommunstyrelsen."),
    ];
    let rows = find(&blocks, Vocabulary::builtin());
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].field(Field::Responsible), Some("Fritidsgårdarna"));
    assert_eq!(rows[1].field(Field::FollowUp), None);
    // A page read by font size sets every label a level above the titles: labels still.
    let blocks = vec![
        h(3, "1.1 Ny krisledningsplan"),
        h(2, "Ansvar"),
        p("Säkerhetssamordnaren"),
        h(2, "Tidplan"),
        p("Våren 2026"),
        h(3, "1.2 Övning med räddningstjänsten"),
        h(2, "Ansvar"),
        p("Kommundirektören"),
    ];
    let rows = find(&blocks, Vocabulary::builtin());
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].field(Field::Timeframe), Some("Våren 2026"));
    assert_eq!(rows[1].field(Field::Responsible), Some("Kommundirektören"));
}

#[test]
fn three_numbered_levels_are_area_goal_and_measure_and_chapters_without_facts_no_measures() {
    // `N Area`, `N.M Goal`, `N.M.K Measure` with facts; the introduction's numbered
    // sections (`1.1 Bakgrunn`) and the closing `4.1 Kontakt` give no facts anywhere in
    // their chapter: no measures.
    let blocks = vec![
        h(1, "1 Innledning"),
        h(2, "1.1 Bakgrunn"),
        p("Planen bygger på kartleggingen fra 2024."),
        h(2, "1.2 Leseveiledning"),
        p("Hvert kapittel har mål og tiltak."),
        h(1, "2 Trygge nærmiljø"),
        h(2, "2.1 Flere møteplasser"),
        h(3, "2.1.1 Åpne skolegårdene om kvelden"),
        p("Ansvar: Oppvekst"),
        p("Tid: 2026"),
        h(3, "2.1.2 Nærmiljøkafé i bydelshusene"),
        p("Ansvar: Kultur"),
        h(2, "2.2 Bedre belysning"),
        h(3, "2.2.1 Lys langs turveiene"),
        p("Ansvar: Teknisk drift"),
        h(1, "4 Oppfølging"),
        h(2, "4.1 Kontakt"),
        p("Spørsmål til planen rettes til folkehelsekoordinator."),
    ];
    let rows = find(&blocks, Vocabulary::builtin());
    let ids: Vec<_> = rows
        .iter()
        .map(|r| r.field(Field::Id).unwrap_or(""))
        .collect();
    assert_eq!(ids, ["2.1.1", "2.1.2", "2.2.1"]);
    let goal = |r: &RowRecord| r.goal.clone().map(|g| (g.id.unwrap_or_default(), g.text));
    assert_eq!(
        goal(&rows[1]),
        Some(("2.1".into(), "Flere møteplasser".into()))
    );
    assert_eq!(
        goal(&rows[2]),
        Some(("2.2".into(), "Bedre belysning".into()))
    );
    assert_eq!(
        rows[2].area.as_ref().map(|a| a.text.as_str()),
        Some("Trygge nærmiljø")
    );
    // Facts in brackets after the description are facts too: the chapter keeps its
    // measures.
    let blocks = vec![
        h(1, "1 Skole"),
        h(2, "1.1 Leksehjelp"),
        p("Alle skoler tilbyr leksehjelp. (Ansvar: rektorene; tid: 2026)"),
        h(1, "2 Fritid"),
        h(2, "2.1 Fritidskort"),
        p("Ansvar: Kultur"),
        h(2, "2.2 Ferieaktiviteter"),
        p("Ansvar: Kultur"),
    ];
    assert_eq!(find(&blocks, Vocabulary::builtin()).len(), 3);
}

#[test]
fn an_areas_heading_repeated_with_its_continued_mark_is_the_same_area() {
    let blocks = vec![
        h(1, "2 Trafik"),
        h(2, "2.1 Nya övergångsställen"),
        p("Ansvar: Gatuenheten"),
        h(1, "2 Trafik (forts.)"),
        h(2, "2.2 Sänkta kantstenar"),
        p("Ansvar: Gatuenheten"),
    ];
    let rows = find(&blocks, Vocabulary::builtin());
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[1].area.as_ref().map(|a| a.text.as_str()),
        Some("Trafik")
    );
}

#[test]
fn facts_set_apart_from_their_labels_by_a_tab_are_read_under_any_label() {
    // Tab-aligned label lines under a worded measure heading (`Measure 1.2 · …`);
    // an unknown label (`Partners`) is a fact of its own, a year range no label.
    let blocks = vec![
        h(1, "1 Wellbeing and belonging"),
        h(2, "Measure 1.1 · Class spirit lessons"),
        p("Grades 1, 3 and 7 spend two weeks on group-building."),
        p("Lead\tBasic Education Services"),
        p("Partners\tSchool Health Promotion Study team"),
        p("Timeline\tAnnually in August"),
        h(2, "Measure 1.2 · Drop-in hours"),
        p("Lead\tVantaa and Kerava Wellbeing Services County"),
        p("Timeline\t2026–2027"),
        p("Cost\tNo cost to the city"),
        p("Indicator\tNumber of drop-in visits"),
    ];
    let rows = find(&blocks, Vocabulary::builtin());
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].field(Field::Activity), Some("Class spirit lessons"));
    assert_eq!(
        rows[0].field(Field::Responsible),
        Some("Basic Education Services")
    );
    assert_eq!(
        rows[0].extra,
        [(
            "Partners".to_string(),
            "School Health Promotion Study team".to_string()
        )]
    );
    assert_eq!(rows[1].field(Field::Id), Some("1.2"));
    assert_eq!(rows[1].field(Field::Timeframe), Some("2026–2027"));
    assert_eq!(rows[1].field(Field::Cost), Some("No cost to the city"));
}

#[test]
fn a_worded_badge_over_a_title_opens_a_measure_and_a_tag_naming_a_listed_area_is_its_area() {
    let card = |n: &str, title: &str, tag: &str| {
        vec![
            h(2, &format!("Åtgärd {n}")),
            h(1, title),
            p(tag),
            h(2, "Beskrivning"),
            p("En damm anläggs."),
            p("Ansvarig: Planenheten"),
        ]
    };
    let mut blocks = vec![
        h(1, "Om programmet"),
        p("1. Dagvatten"),
        p("2. Sjöar och vattendrag"),
    ];
    blocks.extend(card("1", "Dagvattendamm vid Kyrkviken", "Dagvatten"));
    blocks.extend(card(
        "2",
        "Restaurering av Skurubäcken",
        "Sjöar och vattendrag",
    ));
    let rows = find(&blocks, Vocabulary::builtin());
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].field(Field::Id), Some("2"));
    assert_eq!(
        rows[1].field(Field::Activity),
        Some("Restaurering av Skurubäcken")
    );
    let area = rows[1].area.as_ref().expect("an area");
    assert_eq!(
        (area.id.as_deref(), area.text.as_str()),
        (Some("2"), "Sjöar och vattendrag")
    );
    assert_eq!(rows[0].implementation.as_deref(), Some("En damm anläggs."));
    assert_eq!(rows[0].field(Field::Responsible), Some("Planenheten"));
}

#[test]
fn measure_cards_give_records_with_their_fields() {
    let blocks = vec![
        h(1, "Energi- och klimatplan för Exempelby 2025–2030"),
        h(2, "1. Minskad energianvändning"),
        p("Mål: Energianvändningen i kommunens lokaler minskar med 20 procent."),
        h(3, "1.1 Byt till LED-belysning i idrottshallar"),
        p("Alla hallar får LED och närvarostyrning."),
        p("Ansvarig: Fastighetsförvaltningen\nTidplan: 2026\nKostnad: 4 mnkr"),
        h(3, "1.2 Energikartlägg skolorna"),
        p("Ansvarig: Fastighetsförvaltningen och Skolförvaltningen"),
        h(2, "2. Fossilfria resor"),
        h(3, "2.1 Laddplatser vid kommunens arbetsplatser"),
        p("Frist: 2027"),
    ];
    let rows = find(&blocks, Vocabulary::builtin());
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].field(Field::Id), Some("1.1"));
    assert_eq!(
        rows[0].field(Field::Activity),
        Some("Byt till LED-belysning i idrottshallar")
    );
    assert_eq!(
        rows[0].implementation.as_deref(),
        Some("Alla hallar får LED och närvarostyrning.")
    );
    assert_eq!(
        rows[0].field(Field::Responsible),
        Some("Fastighetsförvaltningen")
    );
    assert_eq!(rows[0].field(Field::Timeframe), Some("2026"));
    assert_eq!(rows[0].field(Field::Cost), Some("4 mnkr"));
    assert_eq!(
        rows[0].area.as_ref().map(|a| a.text.as_str()),
        Some("Minskad energianvändning")
    );
    // The area's labelled goal is its measures' goal, and ends with the area.
    let goal = |r: &RowRecord| r.goal.as_ref().map(|g| g.text.clone());
    assert_eq!(
        goal(&rows[1]).as_deref(),
        Some("Energianvändningen i kommunens lokaler minskar med 20 procent.")
    );
    assert_eq!(goal(&rows[2]), None);
    assert_eq!(
        rows[2].area.as_ref().and_then(|a| a.id.as_deref()),
        Some("2")
    );
    assert_eq!(rows[2].field(Field::Timeframe), Some("2027"));
}

#[test]
fn numbered_paragraphs_over_their_facts_lines_are_measures_and_a_plain_list_is_not() {
    let blocks = vec![
        h(1, "Ungdomsplan"),
        p("Planens mål är:"),
        p("1. fler unga deltar"),
        p("2. tryggare mötesplatser"),
        h(2, "1 Delaktighet"),
        p("1. Årlig ungdomsbudget som de unga fördelar"),
        p("Ansvar: Ungdomstjänster"),
        p("Tid: Årligen"),
        p("2. Digital enkät om ungas fritid"),
        p("Ansvar: Ungdomstjänster"),
    ];
    let rows = find(&blocks, Vocabulary::builtin());
    let titles: Vec<Option<&str>> = rows.iter().map(|r| r.field(Field::Activity)).collect();
    assert_eq!(
        titles,
        [
            Some("Årlig ungdomsbudget som de unga fördelar"),
            Some("Digital enkät om ungas fritid")
        ]
    );
    assert_eq!(rows[0].field(Field::Timeframe), Some("Årligen"));
}

#[test]
fn measures_named_by_the_activity_word_and_a_labelled_implementation() {
    // A web page's accordion: `Tiltak 1.1: …` over `Label: value` lines, and the
    // same card with its labels set as headings (a PDF print of it).
    let card = |n: &str, title: &str, boxed: bool| {
        let facts = [
            ("Gjennomføring", "Ei samling kvar haust."),
            ("Ansvarleg", "Kulturavdelinga"),
            ("Tidsrom", "2027"),
        ];
        let mut b = vec![h(3, &format!("Tiltak {n}: {title}"))];
        for (label, value) in facts {
            if boxed {
                b.extend([h(4, label), p(value)]);
            } else {
                b.push(p(&format!("{label}: {value}")));
            }
        }
        b
    };
    for boxed in [false, true] {
        let mut blocks = vec![h(2, "1 Kunnskap")];
        blocks.extend(card("1.1", "Opplæring av leiarar", boxed));
        blocks.extend(card("1.2", "Fagdag for tilsette", boxed));
        let rows = find(&blocks, Vocabulary::builtin());
        assert_eq!(rows.len(), 2, "boxed {boxed}");
        assert_eq!(rows[1].field(Field::Id), Some("1.2"));
        assert_eq!(rows[1].field(Field::Activity), Some("Fagdag for tilsette"));
        assert_eq!(
            rows[1].implementation.as_deref(),
            Some("Ei samling kvar haust.")
        );
        assert_eq!(rows[1].field(Field::Responsible), Some("Kulturavdelinga"));
        assert!(rows[1].extra.is_empty(), "{:?}", rows[1].extra);
    }
}

#[test]
fn lists_under_a_measures_heading_are_activities_and_prose_lists_are_not() {
    let blocks = vec![
        h(2, "1. Trygga mötesplatser"),
        p("Bakgrund:"),
        p("• Unga hbtq-personer saknar mötesplatser"),
        h(3, "Tiltak"),
        p("• Åpne en regnbuekafé på biblioteket\n• Kurse ansatte i fritidsklubbene"),
        h(2, "2. Kunnskap"),
        h(3, "Tiltak"),
        p("• Temadag for lærere"),
    ];
    let rows = find(&blocks, Vocabulary::builtin());
    let acts: Vec<_> = rows
        .iter()
        .filter_map(|r| r.field(Field::Activity))
        .collect();
    assert_eq!(
        acts,
        [
            "Åpne en regnbuekafé på biblioteket",
            "Kurse ansatte i fritidsklubbene",
            "Temadag for lærere"
        ]
    );
    assert_eq!(
        rows[2].area.as_ref().map(|a| a.text.as_str()),
        Some("Kunnskap")
    );
}
