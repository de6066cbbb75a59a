//! The baseline for the memory benchmark (`scripts/bench-memory.sh`): an eframe window with
//! lanyard's eframe features and window size and a screenful of labels, and nothing of lanyard.
//! What it costs under Xvfb is what any egui app costs there, most of it Mesa's software
//! renderer; lanyard's peak less this one is what lanyard itself adds.
//!   cargo run --release --example bare_window -- [FRAMES]   (quits after FRAMES, default 60)

fn main() -> eframe::Result {
    let quit_after: u64 = std::env::args().nth(1).and_then(|arg| arg.parse().ok()).unwrap_or(60);
    let viewport = egui::ViewportBuilder::default().with_inner_size([1200.0, 800.0]);
    let options = eframe::NativeOptions { viewport, ..Default::default() };
    let rows: Vec<String> =
        (0..40).map(|row| format!("{row:02}:00  A session title in a list, with a speaker and a room")).collect();
    let mut frames = 0_u64;
    eframe::run_ui_native("bare window", options, move |ui, _frame| {
        frames += 1;
        ui.heading("A bare eframe window");
        for row in &rows {
            ui.label(row.as_str());
        }
        if frames >= quit_after {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        ui.ctx().request_repaint();
    })
}
