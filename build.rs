//! Packs the binaries' relative relocations (`-z pack-relative-relocs`, DT_RELR) when building
//! for this machine's glibc and it is 2.36 or newer, the first that loads them.
//!
//! A position-independent binary carries a 24-byte record for every pointer the loader patches
//! at start-up: 51,000 in lanyard, 1.2 MB read into memory on every start and never released.
//! Packed, they take 21 KB. Peak RSS with a FOSDEM-size schedule: 118,036 → 116,804 KiB
//! (BENCHMARKS.md, "Memory"). On an older glibc a packed binary would not start at all
//! ("version `GLIBC_ABI_DT_RELR' not found"), so there, and when cross-compiling, nothing changes.
//!
//! It also names the commit being built in `LANYARD_COMMIT` (for `lanyard --version`): the short
//! hash of git's `HEAD`, or `unknown` outside a git checkout (a source tarball, `cargo install`
//! from crates.io).

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rustc-env=LANYARD_COMMIT={}", commit());
    let target = std::env::var("TARGET").unwrap_or_default();
    let host = std::env::var("HOST").unwrap_or_default();
    if target == host && target.ends_with("-linux-gnu") && glibc_version().is_some_and(|v| v >= (2, 36)) {
        println!("cargo:rustc-link-arg=-Wl,-z,pack-relative-relocs");
    }
}

/// This machine's glibc version, from the first line of `ldd --version`, which ends with it:
/// "ldd (Debian GLIBC 2.36-9+deb12u14) 2.36", "ldd (GNU libc) 2.40".
fn glibc_version() -> Option<(u32, u32)> {
    let output = Command::new("ldd").arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    let (major, minor) = text.lines().next()?.split_whitespace().last()?.split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

/// The commit being built, and asks cargo to build again when it changes.
fn commit() -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|out| out.status.success())
            .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
    };
    let Some(hash) = git(&["rev-parse", "--short=12", "HEAD"]) else { return "unknown".to_owned() };
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        println!("cargo:rerun-if-changed={dir}/HEAD");
        if let Some(reference) = git(&["symbolic-ref", "-q", "HEAD"]) {
            println!("cargo:rerun-if-changed={dir}/{reference}");
        }
    }
    hash
}
