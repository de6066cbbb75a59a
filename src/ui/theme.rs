//! Every colour and size the views use, in one place. Colours adapt to light and dark mode.

use egui::{Color32, Visuals};

use crate::io::settings::{Looks, ThemeChoice};
use crate::model::Rgb;

/// One-time setup of the egui context (spacing); [`apply_looks`] does the user's choices.
pub fn install(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 3.0);
    });
}

/// DejaVu Sans, after egui's own fonts: names from real schedules (Vietnamese, Greek, Cyrillic,
/// Latin with stacked accents) that egui's Ubuntu-Light lacks still draw as letters, not boxes.
const FALLBACK_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Adds [`FALLBACK_FONT`] behind the default fonts. Once per context; a no-op afterwards.
pub fn install_fonts(ctx: &egui::Context) {
    use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily { family, priority: FontPriority::Lowest })
        .collect();
    ctx.add_font(FontInsert::new("DejaVuSans", egui::FontData::from_static(FALLBACK_FONT), families));
}

/// Applies the user's theme, text size and contrast. Called when they change, not per frame.
pub fn apply_looks(ctx: &egui::Context, looks: Looks) {
    ctx.options_mut(|o| {
        o.theme_preference = match looks.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        };
    });
    ctx.set_zoom_factor(looks.text_size_percent.clamp(80, 200) as f32 / 100.0);
    for theme in [egui::Theme::Light, egui::Theme::Dark] {
        let mut style = (*ctx.style_of(theme)).clone();
        let base = match theme {
            egui::Theme::Light => Visuals::light(),
            egui::Theme::Dark => Visuals::dark(),
        };
        style.visuals = if looks.high_contrast { high_contrast(base) } else { base };
        ctx.set_style_of(theme, style);
    }
}

/// Text at full strength, weak text barely weaker, and firmer outlines on every widget.
fn high_contrast(mut visuals: Visuals) -> Visuals {
    let (text, background) =
        if visuals.dark_mode { (Color32::WHITE, Color32::BLACK) } else { (Color32::BLACK, Color32::WHITE) };
    visuals.override_text_color = Some(text);
    visuals.weak_text_alpha = 0.85;
    visuals.panel_fill = background;
    visuals.window_fill = background;
    visuals.extreme_bg_color = background;
    for widget in [
        &mut visuals.widgets.noninteractive,
        &mut visuals.widgets.inactive,
        &mut visuals.widgets.hovered,
        &mut visuals.widgets.active,
        &mut visuals.widgets.open,
    ] {
        widget.bg_stroke = egui::Stroke::new(widget.bg_stroke.width.max(1.5), text);
        widget.fg_stroke.color = text;
    }
    visuals.selection.stroke = egui::Stroke::new(2.0, text);
    visuals
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

/// A venue map pin whose room has a session on now. Pins sit on the map picture, not on the
/// theme's background, so one colour (with a white rim) serves light and dark.
pub fn pin_live() -> Color32 {
    Color32::from_rgb(0xd9, 0x48, 0x0f)
}

/// A venue map pin whose room has nothing on now.
pub fn pin_idle() -> Color32 {
    Color32::from_rgb(0x4a, 0x55, 0x68)
}

/// The ring around the chosen pin: dark enough on a light floor plan, in either theme.
pub fn pin_ring() -> Color32 {
    Color32::from_rgb(0x1a, 0x5f, 0xb4)
}

pub fn drop_overlay() -> Color32 {
    Color32::from_black_alpha(160)
}

/// Height of one row in the schedule list and the agenda.
pub const ROW_HEIGHT: f32 = 44.0;
/// Width of the coloured track bar at the left of a row.
pub const TRACK_BAR_WIDTH: f32 = 5.0;
