//! Plans written as measure cards (no activity table) against their truth
//! (tests/data/truth-cards), in every format the fixture was made in: numbered headings
//! with key-value lines (fixtures/make/make_cards.py) and a designed programme of one
//! measure a page with a number badge and labelled fact boxes (make_programme.py).

mod common;

use common::{check_truth_folder, root};

#[test]
fn measure_cards_yield_their_truth_in_every_format() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-cards"),
        &root().join("fixtures/cards"),
        &["docx", "odt", "pdf", "html"],
    );
    assert!(checked >= 10, "{checked} documents checked");
}
