//! Fuzzes the Markdown reader directly (no panic guard), so any panic, hang or blow-up counts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planlift::__private_for_fuzzing::read_unguarded;
use planlift::Format;

fuzz_target!(|data: &[u8]| {
    let _ = read_unguarded(Format::Md, data);
});
