//! Layering rules the compiler cannot check inside a single crate (STYLE.md S3).
#![expect(clippy::unwrap_used, reason = "helpers outside #[test] fns; panicking is fine in tests")]

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

fn src(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir)
}

#[test]
fn model_is_pure() {
    let files = rust_files(&src("model"));
    assert!(!files.is_empty());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        for needle in
            ["egui::", "eframe::", "std::fs", "::now()", "std::thread", "crate::io", "crate::ui", "crate::app"]
        {
            assert!(!text.contains(needle), "{path:?} uses `{needle}`: the model must stay pure");
        }
    }
}

#[test]
fn io_never_draws() {
    for path in rust_files(&src("io")) {
        let text = std::fs::read_to_string(&path).unwrap();
        for needle in ["egui::", "eframe::", "crate::ui", "crate::app", "::now()"] {
            assert!(!text.contains(needle), "{path:?} uses `{needle}`: io must not know about the UI or the clock");
        }
    }
}

#[test]
fn views_never_touch_files() {
    for path in rust_files(&src("ui")) {
        let text = std::fs::read_to_string(&path).unwrap();
        for needle in ["std::fs", "crate::io::store", "crate::app", "::now()"] {
            assert!(!text.contains(needle), "{path:?} uses `{needle}`: views draw state and push commands");
        }
    }
}
