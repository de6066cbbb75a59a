//! The `lanyard` binary: a shim over the library (see `lanyard::cli` and `lanyard::app`).

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = lanyard::cli::Cli::parse();
    if let Some(code) = lanyard::cli::run_headless(&cli) {
        return code;
    }
    let config = lanyard::app::AppConfig {
        data_dir: lanyard::io::paths::data_dir(cli.data_dir.as_deref()),
        schedule_path: cli.schedule,
        quit_after_frames: cli.quit_after_frames,
        screenshot: cli.screenshot,
        roster: cli.roster,
        view: cli.view,
        theme: cli.theme,
        now: cli.now,
    };
    match lanyard::app::run_native(config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            log::error!("lanyard could not open its window: {err}");
            ExitCode::FAILURE
        }
    }
}
