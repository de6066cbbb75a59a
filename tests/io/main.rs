//! Files in and out: the importers, the iCalendar export, the store and its versioned documents,
//! faults and hostile inputs, and the fuzz targets' checks. One test binary of modules, so a
//! change to the crate is linked once here, not once a file.
//!
//! Big files and the crash-kill test measure the whole process (peak memory, timing), so they
//! stay binaries of their own: `tests/hostile_big_files.rs`, `tests/crash_kill.rs`.

#[path = "../../fuzz/checks.rs"]
mod checks;
#[path = "../common/mod.rs"]
mod common;

mod export_ical;
mod fuzz_equivalent;
mod hostile_images;
mod hostile_inputs;
mod import_frab_json;
mod import_frab_xml;
mod import_ical;
mod io_roundtrip;
mod roundtrip;
mod sample_plan;
mod store_faults;
mod store_safety;
mod typed_ids_text;
mod versioned_documents;
