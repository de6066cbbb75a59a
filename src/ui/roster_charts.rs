//! Charts of a roster (egui_plot): seats filled against seats needed over the day, per booth, and
//! hours per person against their limits. A picture reads better than a table here: the gaps
//! show up as dips. The numbers come from the model ([`booth_coverage`],
//! [`loads_busiest_first`](crate::model::roster_report::RosterReport::loads_busiest_first)); this file only turns them into plot points, rebuilt
//! when the roster or the day changes.

use chrono::{NaiveDate, NaiveDateTime, Timelike as _};
use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints};

use super::roster_view::RosterCtx;
use super::{Memo, theme};
use crate::model::Rgb;
use crate::model::roster_report::{BoothCoverage, booth_coverage};
use crate::model::schedule::palette_colour;

/// One booth's step lines: seats needed and seats filled, hours since midnight against people.
struct BoothSeries {
    name: String,
    needed: Vec<[f64; 2]>,
    filled: Vec<[f64; 2]>,
    colour: Rgb,
}

/// One person's hours and limit, in hours.
struct PersonBar {
    name: String,
    hours: f64,
    limit: Option<f64>,
    is_over_limit: bool,
}

#[derive(Default)]
pub struct RosterCharts {
    /// The plotted series, for `(roster revision, day shown)`.
    series: Memo<(u64, Option<NaiveDate>), Series>,
}

#[derive(Default)]
struct Series {
    booths: Vec<BoothSeries>,
    people: Vec<PersonBar>,
}

/// The x of a time on a chart of `date`: hours since its midnight.
fn hours_of(t: NaiveDateTime, date: NaiveDate) -> f64 {
    let days = (t.date() - date).num_days() as f64;
    days * 24.0 + f64::from(t.hour()) + f64::from(t.minute()) / 60.0
}

/// Adds a flat step from `x0` to `x1` at `y`, skipping a point equal to the last one: egui's
/// line tessellator turns a zero-length segment into a stray filled shape.
fn push_step(points: &mut Vec<[f64; 2]>, x0: f64, x1: f64, y: f64) {
    for point in [[x0, y], [x1, y]] {
        if points.last() != Some(&point) {
            points.push(point);
        }
    }
}

/// A booth's coverage steps as the chart's two step lines; `b` is its place among the booths.
fn booth_series(b: usize, booth: BoothCoverage, date: NaiveDate) -> BoothSeries {
    let (mut needed, mut filled) = (Vec::new(), Vec::new());
    for step in &booth.steps {
        let (x0, x1) = (hours_of(step.from, date), hours_of(step.to, date));
        push_step(&mut needed, x0, x1, f64::from(step.seats));
        push_step(&mut filled, x0, x1, f64::from(step.people));
    }
    BoothSeries { name: booth.name, needed, filled, colour: palette_colour(b) }
}

impl RosterCharts {
    fn build(r: &RosterCtx<'_>, date: Option<NaiveDate>) -> Series {
        let booths = date.map_or_else(Vec::new, |date| {
            booth_coverage(r.roster, date)
                .into_iter()
                .enumerate()
                .map(|(b, booth)| booth_series(b, booth, date))
                .collect()
        });
        let people = r
            .report
            .loads_busiest_first(r.roster)
            .into_iter()
            .map(|load| PersonBar {
                is_over_limit: load.is_over_limit(),
                name: load.name.to_string(),
                hours: f64::from(load.minutes) / 60.0,
                limit: load.limit_mins.map(|m| f64::from(m) / 60.0),
            })
            .collect();
        Series { booths, people }
    }

    pub fn ui(&mut self, ui: &mut Ui, r: &RosterCtx<'_>, date: Option<NaiveDate>) {
        let series = self.series.get((r.revision, date), || Self::build(r, date));
        let visuals = ui.visuals().clone();
        ui.label(
            RichText::new("Seats needed (wide, faint) and filled (thin), per booth: a gap shows as a dip").strong(),
        );
        let height = (ui.available_height() / 2.0 - 30.0).max(160.0);
        Plot::new("roster_coverage")
            .height(height)
            .legend(Legend::default())
            .allow_scroll(false)
            .x_axis_label("hour of the day")
            .y_axis_label("people")
            .include_y(0.0)
            .x_axis_formatter(|mark, _| format!("{:02}:00", (mark.value.rem_euclid(24.0)) as u32))
            .show(ui, |plot| {
                for booth in &series.booths {
                    let colour = theme::track(booth.colour);
                    plot.line(
                        Line::new(format!("{} needed", booth.name), PlotPoints::new(booth.needed.clone()))
                            .color(colour.gamma_multiply(0.45))
                            .width(5.0)
                            .allow_band(false),
                    );
                    // Steps have vertical segments: egui_plot would merge those into a filled band.
                    plot.line(
                        Line::new(format!("{} filled", booth.name), PlotPoints::new(booth.filled.clone()))
                            .color(colour)
                            .width(2.0)
                            .allow_band(false),
                    );
                }
            });
        ui.add_space(6.0);
        ui.label(RichText::new("Hours per person (red: over their limit)").strong());
        let names: Vec<String> = series.people.iter().map(|p| p.name.clone()).collect();
        let bars: Vec<Bar> = series
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let colour = if p.is_over_limit { theme::clash(&visuals) } else { theme::maybe(&visuals) };
                Bar::new(i as f64, p.hours).name(&p.name).fill(colour).width(0.7)
            })
            .collect();
        let limits: Vec<Bar> = series
            .people
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                p.limit.map(|limit| Bar::new(i as f64, limit).name(format!("{} limit", p.name)).width(0.9))
            })
            .collect();
        Plot::new("roster_hours")
            .height((ui.available_height() - 8.0).max(160.0))
            .allow_scroll(false)
            .y_axis_label("hours")
            .x_axis_formatter(move |mark, _| {
                let i = mark.value.round();
                if (mark.value - i).abs() > 0.01 || i < 0.0 {
                    return String::new();
                }
                names.get(i as usize).map(|n| n.split_whitespace().next().unwrap_or("").to_owned()).unwrap_or_default()
            })
            .show(ui, |plot| {
                plot.bar_chart(BarChart::new("limit", limits).color(visuals.weak_text_color().gamma_multiply(0.5)));
                plot.bar_chart(BarChart::new("hours", bars));
            });
    }
}
