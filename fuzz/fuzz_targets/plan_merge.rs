//! Fuzz target `plan_merge`: see `fuzz/checks.rs` for the property it checks.
#![no_main]

#[path = "../checks.rs"]
#[allow(dead_code, reason = "each target uses one check")]
mod checks;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| checks::plan_merge(bytes));
