//! How the app hears from outside its frames: [`Waker`] lets background threads (a save that
//! finished, a plan file another program changed) ask for a frame, and a termination signal
//! (SIGTERM, SIGINT, SIGHUP) makes the next frame save everything and close the window.

use std::sync::Arc;

use super::LanyardApp;

/// Asks for a frame from any thread, once the egui context is known (from the first frame on).
#[derive(Clone, Debug, Default)]
pub(crate) struct Waker(Arc<std::sync::OnceLock<egui::Context>>);

impl Waker {
    pub(super) fn set(&self, ctx: &egui::Context) {
        self.0.get_or_init(|| ctx.clone());
    }

    pub(crate) fn wake(&self) {
        if let Some(ctx) = self.0.get() {
            ctx.request_repaint();
        }
    }
}

impl LanyardApp {
    /// The flag a termination signal sets ([`Self::listen_for_termination`]); setting it by hand
    /// does the same (tests).
    pub fn termination_flag(&self) -> Arc<std::sync::atomic::AtomicBool> {
        Arc::clone(&self.terminate)
    }

    /// Saves and closes on SIGTERM, SIGINT and SIGHUP (logout, shutdown, Ctrl+C): the signal
    /// asks for a frame, and that frame saves every document and closes the window. A second
    /// signal leaves at once.
    pub fn listen_for_termination(&self, ctx: &egui::Context) {
        let flag = Arc::clone(&self.terminate);
        let ctx = ctx.clone();
        let installed = ctrlc::set_handler(move || {
            if flag.swap(true, std::sync::atomic::Ordering::SeqCst) {
                std::process::exit(130);
            }
            ctx.request_repaint();
        });
        if let Err(err) = installed {
            log::warn!("cannot save on termination signals: {err}");
        }
    }
}
