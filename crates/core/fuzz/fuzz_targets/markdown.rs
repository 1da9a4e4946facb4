#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pacta_core_fuzz::markdown::run(data));
