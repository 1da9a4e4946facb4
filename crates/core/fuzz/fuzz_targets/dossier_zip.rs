//! Any bytes as a dossier file: the zip layer (and everything behind it).
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::verify_and_import(data);
});
