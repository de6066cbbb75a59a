//! Every colour and size the views use, in one place. Colours adapt to light and dark mode.

use egui::{Color32, Visuals};

use crate::model::Rgb;

/// One-time setup of the egui context (fonts, spacing).
pub fn install(ctx: &egui::Context) {
    ctx.options_mut(|o| o.theme_preference = egui::ThemePreference::System);
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 3.0);
    });
}

pub fn track(colour: Rgb) -> Color32 {
    let [r, g, b] = colour.0;
    Color32::from_rgb(r, g, b)
}

/// A translucent tint of a track colour for block backgrounds.
pub fn track_fill(colour: Rgb, visuals: &Visuals) -> Color32 {
    let alpha = if visuals.dark_mode { 90 } else { 60 };
    let [r, g, b] = colour.0;
    Color32::from_rgba_unmultiplied(r, g, b, alpha)
}

/// Sessions without a track.
pub fn no_track(visuals: &Visuals) -> Color32 {
    visuals.widgets.inactive.bg_fill
}

pub fn clash(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(0xff, 0x6b, 0x6b) } else { Color32::from_rgb(0xc0, 0x1c, 0x28) }
}

pub fn must(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(0xf5, 0xc2, 0x11) } else { Color32::from_rgb(0xb0, 0x70, 0x00) }
}

pub fn maybe(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(0x8a, 0xb4, 0xf8) } else { Color32::from_rgb(0x1a, 0x5f, 0xb4) }
}

pub fn ok(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(0x7c, 0xd3, 0x8f) } else { Color32::from_rgb(0x1e, 0x7b, 0x34) }
}

/// The current-time line.
pub fn now_line(visuals: &Visuals) -> Color32 {
    clash(visuals)
}

pub fn selected_row(visuals: &Visuals) -> Color32 {
    visuals.selection.bg_fill.gamma_multiply(0.35)
}

pub fn hovered_row(visuals: &Visuals) -> Color32 {
    visuals.widgets.hovered.weak_bg_fill.gamma_multiply(0.6)
}

pub fn banner_fill(level: super::BannerLevel, visuals: &Visuals) -> Color32 {
    let base = match level {
        super::BannerLevel::Info => maybe(visuals),
        super::BannerLevel::Warning => must(visuals),
        super::BannerLevel::Error => clash(visuals),
    };
    base.gamma_multiply(0.18)
}

pub fn drop_overlay() -> Color32 {
    Color32::from_black_alpha(160)
}

/// Height of one row in the schedule list and the agenda.
pub const ROW_HEIGHT: f32 = 44.0;
/// Width of the coloured track bar at the left of a row.
pub const TRACK_BAR_WIDTH: f32 = 5.0;
