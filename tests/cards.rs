//! Plans written as measure cards (no activity table) against their truth
//! (tests/data/truth-cards), in every format the fixture was made in: numbered headings
//! with key-value lines (fixtures/make/make_cards.py) and a designed programme of one
//! measure a page with a number badge and labelled fact boxes (make_programme.py); cards
//! as tables (make_card_tables.py), also with their labels in a row above the values
//! (make_header_cards.py, truth from header_cards_truth.py); and cards whose responsibility is a matrix of
//! organisation, role and deadline, set with tab stops, as a borderless Word table or as
//! an HTML table (make_matrix_cards.py, truth from matrix_cards_truth.py); cards laid
//! out two to a row in the cells of a Word table, and a slide deck whose measures are
//! bullets ending in `— unit · time` beside a grid of unnumbered cards
//! (make_card_grids.py, truth from card_grids_truth.py).

mod common;

use common::{check_truth_folder, root};

#[test]
fn measure_cards_yield_their_truth_in_every_format() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-cards"),
        &root().join("fixtures/cards"),
        &["docx", "odt", "pdf", "html"],
    );
    assert!(checked >= 31, "{checked} documents checked");
}
