//! Fuzzes the whole extract path (read, interpret, assemble, facts, themes): the first
//! byte picks the format, the rest is the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planlift::{extract_bytes, Format, Knowledge, Overrides};

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let format = Format::ALL[first as usize % Format::ALL.len()];
    let _ = extract_bytes(
        "fuzz",
        format,
        bytes,
        &Overrides::default(),
        &Knowledge::builtin(),
    );
});
