//! The Debian package's files: the man page and shell completions are generated from the clap
//! definitions and must match what is committed in `packaging/` (run with `UPDATE_PACKAGING=1`
//! to rewrite them); the version in Cargo.toml is the one the changelog, the AppStream release
//! notes and the man page name; every file `cargo deb` packs exists; the desktop entry, the MIME
//! types and the metainfo agree.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use std::path::{Path, PathBuf};

use clap::CommandFactory as _;

fn repo(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(repo(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// The command as packaged: the version without the commit, so the files change with releases,
/// not with every commit.
fn command() -> clap::Command {
    lanyard::cli::Cli::command().version(env!("CARGO_PKG_VERSION"))
}

/// Checks `generated` against the committed file, or writes it with `UPDATE_PACKAGING=1`.
fn check_generated(relative: &str, generated: &[u8]) {
    let path = repo(relative);
    if std::env::var_os("UPDATE_PACKAGING").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut file = std::fs::File::create(&path).unwrap();
        std::io::Write::write_all(&mut file, generated).unwrap();
        return;
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{relative} is stale: the CLI changed. Run `UPDATE_PACKAGING=1 cargo test --test cli packaging` and commit it."
    );
}

/// `man lanyard`: the command, then each subcommand's synopsis and options, where its files are
/// kept and what its exit status means.
fn man_page() -> Vec<u8> {
    let command = command();
    let man = clap_mangen::Man::new(command.clone());
    let mut out = Vec::new();
    man.render_title(&mut out).unwrap();
    man.render_name_section(&mut out).unwrap();
    man.render_synopsis_section(&mut out).unwrap();
    man.render_description_section(&mut out).unwrap();
    man.render_options_section(&mut out).unwrap();
    man.render_subcommands_section(&mut out).unwrap();
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        let name = format!("lanyard {}", sub.get_name());
        let sub_man = clap_mangen::Man::new(sub.clone().bin_name(name.clone()));
        let mut part = Vec::new();
        sub_man.render_synopsis_section(&mut part).unwrap();
        sub_man.render_description_section(&mut part).unwrap();
        sub_man.render_options_section(&mut part).unwrap();
        // One section per subcommand, its parts as subsections.
        let part = String::from_utf8(part).unwrap().replace(".SH ", ".SS ");
        out.extend_from_slice(format!(".SH \"{}\"\n", name.to_uppercase()).as_bytes());
        out.extend_from_slice(part.as_bytes());
    }
    out.extend_from_slice(
        concat!(
            ".SH FILES\n",
            ".TP\n\\fI~/.local/share/lanyard/CONFERENCE/plan.ron\\fR\n",
            "Your picks, notes and your own time for one conference, with \\fIplan.ron.bak\\fR, the version before \\\n",
            "the last save. Lanyard never deletes a file of yours: damaged ones are kept as \\fIplan.corrupt\\-N.ron\\fR, \\\n",
            "backups it recovered as \\fIplan.recovered\\-N.ron\\fR.\n",
            ".TP\n\\fI~/.local/share/lanyard/settings.ron\\fR\n",
            "The last schedule, looks, filters and the roster remembered for each conference.\n",
            ".TP\n\\fB$LANYARD_DATA_DIR\\fR, \\fB\\-\\-data\\-dir\\fR\n",
            "Keep plans and settings in another folder.\n",
            ".SH \"EXIT STATUS\"\n",
            "0 when everything worked; 1 when a file could not be read or written, reported on standard \\\n",
            "error as \\fIFILE:LINE:COL: error: MESSAGE\\fR.\n",
            ".SH \"SEE ALSO\"\n",
            "/usr/share/doc/lanyard/FORMATS.md: every file format lanyard reads and writes.\n",
        )
        .as_bytes(),
    );
    man.render_version_section(&mut out).unwrap();
    out
}

#[test]
fn the_man_page_and_completions_match_the_cli() {
    let man = man_page();
    check_generated("packaging/lanyard.1", &man);
    let text = String::from_utf8(man).unwrap();
    assert!(text.contains("roster") && text.contains("export\\-ics"), "every subcommand is listed");

    for (shell, file) in [
        (clap_complete::Shell::Bash, "packaging/completions/lanyard.bash"),
        (clap_complete::Shell::Zsh, "packaging/completions/_lanyard"),
        (clap_complete::Shell::Fish, "packaging/completions/lanyard.fish"),
    ] {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut command(), "lanyard", &mut script);
        check_generated(file, &script);
    }
}

#[test]
fn the_version_in_cargo_toml_is_the_one_everything_names() {
    let version = env!("CARGO_PKG_VERSION");
    let changelog = read("CHANGELOG.md");
    let newest = changelog.lines().find(|l| l.starts_with("## [") && !l.starts_with("## [Unreleased]")).unwrap();
    assert!(newest.starts_with(&format!("## [{version}] - ")), "CHANGELOG's newest release is {newest}");
    assert!(changelog.contains("## [Unreleased]"), "Keep a Changelog keeps an Unreleased section");
    let metainfo = read("packaging/org.lanyard.Lanyard.metainfo.xml");
    let release = metainfo.split("<release ").nth(1).unwrap();
    assert!(release.starts_with(&format!("version=\"{version}\"")), "metainfo's newest release: {release}");
    assert!(lanyard::cli::VERSION.starts_with(&format!("{version} (")), "{}", lanyard::cli::VERSION);
}

#[test]
fn every_file_the_package_packs_exists() {
    let manifest = read("Cargo.toml");
    let deb = manifest.split("[package.metadata.deb]").nth(1).unwrap();
    let assets = deb.split("assets = [").nth(1).unwrap().split("\n]").next().unwrap();
    let mut count = 0;
    for line in assets.lines().filter(|l| l.trim_start().starts_with("[\"")) {
        let source = line.trim_start().trim_start_matches("[\"").split('"').next().unwrap();
        if source.starts_with("target/") {
            continue; // built by `cargo deb`
        }
        assert!(repo(source).is_file(), "{source} is packed but missing");
        count += 1;
    }
    assert!(count >= 15, "{count} assets");
}

#[test]
fn the_desktop_entry_mime_types_and_metainfo_agree() {
    let desktop = read("packaging/org.lanyard.Lanyard.desktop");
    let mime = read("packaging/lanyard-mime.xml");
    let metainfo = read("packaging/org.lanyard.Lanyard.metainfo.xml");
    let types: Vec<&str> = desktop
        .lines()
        .find_map(|l| l.strip_prefix("MimeType="))
        .unwrap()
        .split(';')
        .filter(|t| !t.is_empty())
        .collect();
    assert!(types.contains(&"text/calendar"));
    for mime_type in types {
        let known = mime_type == "text/calendar" || mime.contains(&format!("type=\"{mime_type}\""));
        assert!(known, "{mime_type} is neither standard nor defined in lanyard-mime.xml");
        assert!(metainfo.contains(&format!("<mediatype>{mime_type}</mediatype>")), "{mime_type} not in metainfo");
    }
    assert!(desktop.contains("Icon=org.lanyard.Lanyard") && desktop.contains("StartupWMClass=org.lanyard.Lanyard"));
    assert!(metainfo.contains("<launchable type=\"desktop-id\">org.lanyard.Lanyard.desktop</launchable>"));
    // The window says it is this app, so the launcher's icon and entry go with it.
    assert_eq!(lanyard::app::APP_ID, "org.lanyard.Lanyard");
}
