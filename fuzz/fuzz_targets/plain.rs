//! Fuzzes the plain reader directly (no panic guard), so any panic, hang or blow-up counts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planlift::read::Format;

fuzz_target!(|data: &[u8]| {
    let _ = Format::Txt.reader().read(data);
});
