//! A corpus made blind: ten invented plans (truth first, fixtures/make/blind_plans.py;
//! documents by fixtures/make/make_blind.py with python-docx, LibreOffice and Chromium)
//! written by a helper who had not read planlift's code, in layouts real plans use (cards
//! with a field table under a description, follow-up exports, overview cells listing
//! measures, measures as lists under `Tiltak` or `Vi vil:`, a two-column web page of
//! cards). Scored first as held-out documents (0.676 on the build of the day), then used
//! to find the readings they lacked; against their truth in every format they were made
//! in.
//!
//! Eight more blind corpora of the same kind follow (fixtures/make/make_blind3.py,
//! make_blind4.py, make_blind5.py, make_blind6.py, make_blind7.py, each with its plans
//! file, and fixtures/make/blind8/, blind9/ and blind10/): real published layouts; producers and shapes; a
//! fifth set of new layouts; designed and exported layouts; a seventh (measures as
//! numbered list items with their facts in brackets, accordions, signs and emoji with
//! their legends, cards in a grid, fact tables); an eighth (Finnish and Icelandic
//! plans, a Gantt chart of quarters under their years, tables laid across, a table per
//! area under its own title row, tracked changes, pandoc's notes, an ARIA grid, text
//! turned up a narrow column); and a ninth (content controls, conditional formats,
//! outline ids three deep, two-row group headers, layout tables, slides, bold-paragraph
//! measures); and a tenth (the layouts of real published plans again: follow-up system
//! exports with icon status and progress bars, cards with tab-set matrices and with
//! key–value lines, one measure per designed page, overview cells of items, measures
//! as lists, bold titles over descriptions, two-column pages); and an eleventh (those
//! families by other producers: an export drawn by reportlab with bands and vector
//! dots, a web export with embedded icons, key–value tables per measure, merged area
//! cells with closing notes, numbered items in cells, a workbook); and a twelfth (Gantt
//! marks, check-box status columns, abbreviated units, three-level merged tables, a sheet
//! per area, accordion web pages, two-row headers, traffic-light words, pandoc tables, a
//! reportlab landscape table); a thirteenth lost with its machine; a fourteenth (cards as
//! key–value tables, an export with coloured dots, a brochure, slides with bullets and a
//! grid of cards, a sheet per area with fills, goals merged beside area rows, two years
//! of status, a landscape table with year marks, paragraph cards, pandoc tables); and a
//! fifteenth (a follow-up export with icon images and Kommentar rows, a designed
//! programme, an overview table with items, a tab-set matrix, a two-column page, an
//! accordion with emoji status, a two-row-header sheet, sub-activity rows, pipe tables,
//! a table with rules only across); and a sixteenth (measure cards with tab-set facts,
//! a badge over each page's title, two page columns of cards with shaded fact boxes, a
//! sidebar page, overview cells of items, symbol status, narrow hyphenated headers); and a
//! seventeenth (measure cards with a fact table, a follow-up export with dot images and
//! goal rows among the activities, numbered paragraphs with run-in bold titles and facts
//! in brackets, several measures as bullets in one cell, a web page of cards with status
//! pills, a sheet whose status is a fill named by a legend of filled cells, pandoc tables
//! with a footnote, a designed page with a sidebar); and an eighteenth (a presentation's
//! slides with a measure a slide and a card going on over two, a Gantt table of quarters
//! under years shaded, per-measure key–value tables, Markdown and plain text, an old
//! workbook of a sheet per area with Finnish statuses, a web page of accordions printed
//! open, a table without rulings, hierarchically numbered rows with abbreviations, a
//! follow-up with coloured status symbols, two text columns of labelled paragraphs); and
//! a nineteenth (a designed report exported as two-page spreads with badged measure
//! cards, a table turned on its side, a workbook coloured by conditional formatting, a
//! Word form of content controls, a PDF form, tracked changes, a web page of ARIA rows,
//! measures in floating text boxes, a follow-up workbook with subtotals and a two-row
//! header, Markdown with front matter) and a twentieth (key–value tables per measure, a
//! workbook of a sheet per area, a goal table listing its measures as bullets, cards in
//! two columns, status as cell fills explained by a legend table, tables per area under
//! captions, measure headings with label lines, a landscape table with merged area
//! cells, a table without rulings continued without its header, a table with area rows
//! and a repeated foot line).
//! Each was scored held out first (0.802, 0.922, 0.945, 0.869, 0.825, 0.595, 0.567,
//! 0.907, 0.883, 0.810, 0.769, 0.643, 0.844, 0.748, 0.691, 0.831 and 0.937 on the build
//! of its day),
//! then used. Each truth names the
//! formats made but not yet read (`not_checked`) and the fields not compared, in every
//! format or one (`not_compared`), and why: what planlift does not read yet.

mod common;

use common::{check_truth_folder, root};

#[test]
fn blind_plans_yield_their_truth_in_every_format() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-blind"),
        &root().join("fixtures/blind"),
        &["docx", "odt", "pdf", "html"],
    );
    assert!(checked >= 25, "{checked} documents checked");
}

#[test]
fn third_blind_plans_yield_their_truth() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-blind3"),
        &root().join("fixtures/blind3"),
        &[],
    );
    assert!(checked >= 25, "{checked} documents checked");
}

#[test]
fn fourth_blind_plans_yield_their_truth() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-blind4"),
        &root().join("fixtures/blind4"),
        &[],
    );
    assert!(checked >= 25, "{checked} documents checked");
}

#[test]
fn fifth_blind_plans_yield_their_truth() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-blind5"),
        &root().join("fixtures/blind5"),
        &[],
    );
    assert!(checked >= 25, "{checked} documents checked");
}

#[test]
fn sixth_blind_plans_yield_their_truth() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-blind6"),
        &root().join("fixtures/blind6"),
        &[],
    );
    assert!(checked >= 22, "{checked} documents checked");
}

#[test]
fn seventh_blind_plans_yield_their_truth() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-blind7"),
        &root().join("fixtures/blind7"),
        &[],
    );
    assert!(checked >= 21, "{checked} documents checked");
}

#[test]
fn eighth_blind_plans_yield_their_truth() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-blind8"),
        &root().join("fixtures/blind8"),
        &[],
    );
    assert!(checked >= 21, "{checked} documents checked");
}

#[test]
fn ninth_blind_plans_yield_their_truth() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-blind9"),
        &root().join("fixtures/blind9"),
        &[],
    );
    assert!(checked >= 21, "{checked} documents checked");
}

#[test]
fn tenth_blind_plans_yield_their_truth() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-blind10"),
        &root().join("fixtures/blind10"),
        &[],
    );
    assert!(checked >= 18, "{checked} documents checked");
}

#[test]
fn eleventh_blind_plans_yield_their_truth() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-blind11"),
        &root().join("fixtures/blind11"),
        &[],
    );
    assert!(checked >= 20, "{checked} documents checked");
}

#[test]
fn twelfth_blind_plans_yield_their_truth() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-blind12"),
        &root().join("fixtures/blind12"),
        &[],
    );
    assert!(checked >= 22, "{checked} documents checked");
}

#[test]
fn fourteenth_blind_plans_yield_their_truth() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-blind14"),
        &root().join("fixtures/blind14"),
        &[],
    );
    assert!(checked >= 26, "{checked} documents checked");
}

#[test]
fn fifteenth_blind_plans_yield_their_truth() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-blind15"),
        &root().join("fixtures/blind15"),
        &[],
    );
    assert!(checked >= 25, "{checked} documents checked");
}

#[test]
fn sixteenth_blind_plans_yield_their_truth() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-blind16"),
        &root().join("fixtures/blind16"),
        &[],
    );
    assert!(checked >= 24, "{checked} documents checked");
}

#[test]
fn seventeenth_blind_plans_yield_their_truth() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-blind17"),
        &root().join("fixtures/blind17"),
        &[],
    );
    assert!(checked >= 25, "{checked} documents checked");
}

#[test]
fn eighteenth_blind_plans_yield_their_truth() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-blind18"),
        &root().join("fixtures/blind18"),
        &[],
    );
    assert!(checked >= 24, "{checked} documents checked");
}

#[test]
fn nineteenth_blind_plans_yield_their_truth() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-blind19"),
        &root().join("fixtures/blind19"),
        &[],
    );
    assert!(checked >= 22, "{checked} documents checked");
}

#[test]
fn twentieth_blind_plans_yield_their_truth() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-blind20"),
        &root().join("fixtures/blind20"),
        &[],
    );
    assert!(checked >= 22, "{checked} documents checked");
}

#[test]
fn twenty_first_blind_plans_yield_their_truth() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-blind21"),
        &root().join("fixtures/blind21"),
        &[],
    );
    assert!(checked >= 22, "{checked} documents checked");
}
