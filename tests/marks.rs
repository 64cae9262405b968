//! Plans whose activity tables tick parties and times (a column per department with an
//! X where it takes part; a column per year, ticked or filled as a Gantt bar), under a
//! header of one row or of a group header over the names: against their truth
//! (tests/data/truth-marks, from fixtures/make/marks_truth.py), in every format the
//! fixture was made in (fixtures/make/make_marks.py).

mod common;

use common::{check_truth_folder, root};

#[test]
fn ticked_parties_and_years_yield_their_truth_in_every_format() {
    let checked = check_truth_folder(
        &root().join("tests/data/truth-marks"),
        &root().join("fixtures/marks"),
        &["docx", "odt", "pdf", "html"],
    );
    assert!(checked >= 5, "{checked} documents checked");
}
