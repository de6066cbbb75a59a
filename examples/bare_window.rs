//! The baseline for the memory benchmark (`scripts/bench-memory.sh`): an eframe window with
//! lanyard's eframe features, window size and texture cap, showing a screenful of labels, and
//! nothing else of lanyard. What it costs under Xvfb is what any egui app costs there, most of
//! it Mesa's software renderer; lanyard's peak less this one is what lanyard itself adds.
//!   cargo run --release --example bare_window -- [FRAMES]   (quits after FRAMES, default 60)

struct BareWindow {
    rows: Vec<String>,
    frames: u64,
    quit_after: u64,
}

impl eframe::App for BareWindow {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frames += 1;
        ui.heading("A bare eframe window");
        for row in &self.rows {
            ui.label(row.as_str());
        }
        if self.frames >= self.quit_after {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        ui.ctx().request_repaint();
    }

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        lanyard::app::cap_texture_side(raw_input);
    }
}

fn main() -> eframe::Result {
    let quit_after = std::env::args().nth(1).and_then(|arg| arg.parse().ok()).unwrap_or(60);
    let rows =
        (0..40).map(|row| format!("{row:02}:00  A session title in a list, with a speaker and a room")).collect();
    let viewport = egui::ViewportBuilder::default().with_inner_size([1200.0, 800.0]);
    let options = eframe::NativeOptions { viewport, ..Default::default() };
    eframe::run_native(
        "bare window",
        options,
        Box::new(move |_cc| Ok(Box::new(BareWindow { rows, frames: 0, quit_after }))),
    )
}
