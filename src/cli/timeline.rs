//! `lanyard timeline --plan PLAN [--schedule FILE] [--roster FILE] [--date YYYY-MM-DD]`: one
//! person's timeline, one item a line in time order, then `items=N clashes=N`. With `--roster`,
//! the booth shifts and volunteer slots of the plan's `me` in that roster join the timeline and
//! the clash check, as in the app. Each line is
//!
//! ```text
//! 2027-04-17 19:00-21:30 dinner Team dinner @ Old Port Bistro [clash]
//! ```
//!
//! `DATE` is the conference day (an 01:30 party belongs to the day before), the kind is a stable
//! token (`talk`, `keynote`, `meeting`, `departure`, `dinner`, `volunteer`, `shift`, …), then
//! `[must]`/`[maybe]`/`[watch-later]` for picks and `[clash]` when the item clashes with another.

use std::io::Write;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::io::workspace::WorkspaceSources;
use crate::model::{Priority, TimelineItem};

pub fn run(
    sources: &WorkspaceSources<'_>,
    date: Option<NaiveDate>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> ExitCode {
    let timeline = match super::open_workspace(sources, err) {
        Ok(workspace) => workspace.timeline(),
        Err(message) => {
            writeln!(err, "{message}").ok();
            return ExitCode::FAILURE;
        }
    };
    let shown: Vec<bool> = timeline.items().iter().map(|item| date.is_none_or(|d| item.date == d)).collect();
    for (i, item) in timeline.items().iter().enumerate().filter(|(i, _)| shown[*i]) {
        writeln!(out, "{}", line(item, timeline.has_clash(i))).ok();
    }
    let items = shown.iter().filter(|&&s| s).count();
    let clashes = timeline.clashes().iter().filter(|c| shown[c.a] || shown[c.b]).count();
    writeln!(out, "items={items} clashes={clashes}").ok();
    ExitCode::SUCCESS
}

fn line(item: &TimelineItem, clashes: bool) -> String {
    let mut text = format!(
        "{} {}-{} {} {}",
        item.date.format("%Y-%m-%d"),
        item.starts_at.format("%H:%M"),
        item.ends_at.format("%H:%M"),
        item.kind.token(),
        item.title
    );
    if !item.place.is_empty() {
        text.push_str(" @ ");
        text.push_str(&item.place);
    }
    match (item.is_watch_later, item.priority) {
        (true, _) => text.push_str(" [watch-later]"),
        (false, Some(Priority::Must)) => text.push_str(" [must]"),
        (false, Some(Priority::Maybe)) => text.push_str(" [maybe]"),
        (false, None) => {}
    }
    if clashes {
        text.push_str(" [clash]");
    }
    text
}
