//! Roster exports: one calendar per person with their booth shifts, a CSV of every seat, and a
//! printable HTML roster for the booth wall.
//!
//! Rendering ([`person_ics`], [`roster_csv`], [`roster_html`]) is pure and deterministic; only
//! [`export_all`] writes files, each atomically.
//!
//! CSV follows RFC 4180 (CRLF line ends; fields with `,`, `"`, CR or LF quoted, quotes doubled).
//! Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR)
//! is prefixed with `'`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{ExportError, ical, write_file};
use crate::io::paths::safe_folder_name;
use crate::model::roster::{Booth, Experience, Roster, Staff, Violation};
use crate::model::time::{format_day, format_hm, format_minutes};

/// `person`'s booth shifts as an iCalendar file (see [`ical::items_to_ics`]).
pub fn person_ics(roster: &Roster, person: &str) -> String {
    let title = if roster.name().trim().is_empty() { roster.id() } else { roster.name() };
    let name = format!("{title} — {}", person.trim());
    ical::items_to_ics(&name, roster.conference(), roster.zone(), &roster.timeline_items(person))
}

/// The header row of [`roster_csv`].
pub const CSV_HEADER: [&str; 12] = [
    "shift",
    "booth",
    "location",
    "date",
    "starts_at",
    "ends_at",
    "role",
    "seat",
    "person",
    "experience",
    "locked",
    "contact",
];

/// Every seat of every shift, in shift order: one row per seat, people in the order they were
/// assigned, then one row with an empty `person` per open seat. Times are `YYYY-MM-DDTHH:MM`,
/// `date` the conference day.
pub fn roster_csv(roster: &Roster) -> String {
    let mut out = String::new();
    push_row(&mut out, CSV_HEADER.iter().map(|h| (*h).to_owned()));
    for shift in roster.shifts_in_order() {
        let booth = roster.booth(shift.booth.as_str());
        let people = roster.people_on(shift.id.as_str());
        let seats = usize::try_from(shift.seats).unwrap_or(usize::MAX).max(people.len());
        for seat in 0..seats {
            let assignment = people.get(seat);
            let staff = assignment.and_then(|a| roster.staff_member(a.person.as_str()));
            push_row(
                &mut out,
                [
                    shift.id.to_string(),
                    booth.map_or_else(|| shift.booth.to_string(), |b| b.label().to_owned()),
                    booth.map(|b| b.location.clone()).unwrap_or_default(),
                    roster.day_of(shift).format("%Y-%m-%d").to_string(),
                    shift.starts_at.format("%Y-%m-%dT%H:%M").to_string(),
                    shift.ends_at.format("%Y-%m-%dT%H:%M").to_string(),
                    shift.role.clone(),
                    (seat + 1).to_string(),
                    assignment.map(|a| a.person.to_string()).unwrap_or_default(),
                    staff.map(|s| experience_word(s.experience).to_owned()).unwrap_or_default(),
                    assignment.map(|a| if a.locked { "yes" } else { "no" }.to_owned()).unwrap_or_default(),
                    staff.map(|s| s.contact.clone()).unwrap_or_default(),
                ],
            );
        }
    }
    out
}

fn experience_word(experience: Experience) -> &'static str {
    match experience {
        Experience::Newcomer => "newcomer",
        Experience::Experienced => "experienced",
    }
}

fn push_row(out: &mut String, fields: impl IntoIterator<Item = String>) {
    let fields: Vec<String> = fields.into_iter().map(|f| csv_field(&f)).collect();
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

fn csv_field(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() };
    if guarded.contains([',', '"', '\r', '\n']) { format!("\"{}\"", guarded.replace('"', "\"\"")) } else { guarded }
}

fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const HTML_STYLE: &str = "body{font-family:system-ui,sans-serif;margin:1.5em;color:#111}\
h1{font-size:1.4em}h2{font-size:1.2em;margin-top:1.5em;border-bottom:2px solid #333}\
h3{font-size:1em;margin:1em 0 .3em}table{border-collapse:collapse;width:100%;margin-bottom:.8em}\
th,td{border:1px solid #999;padding:.25em .5em;text-align:left;vertical-align:top}\
th{background:#eee}.open{color:#a00;font-weight:bold}.new{font-style:italic}\
.problems li{color:#a00}@media print{body{margin:0}h2{page-break-before:always}h2:first-of-type{page-break-before:avoid}}";

/// A printable roster: problems first (pass `roster.violations(&busy)`, or nothing), then per
/// conference day and booth a table of shifts with their people (newcomers marked) and open
/// seats, then everyone's hours. Self-contained HTML with print styles; all text escaped.
pub fn roster_html(roster: &Roster, violations: &[Violation]) -> String {
    let title = if roster.name().trim().is_empty() { roster.id() } else { roster.name() };
    let mut out = String::new();
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>{HTML_STYLE}</style></head><body>\n<h1>{}</h1>\n",
        html_escape(title),
        html_escape(title)
    )
    .ok();
    let (seats, filled) = (roster.seats_total(), roster.filled());
    writeln!(out, "<p>{filled} of {seats} seats filled.</p>").ok();
    if !violations.is_empty() {
        out.push_str("<h3>Needs attention</h3>\n<ul class=\"problems\">\n");
        for violation in violations {
            writeln!(out, "<li>{}</li>", html_escape(&violation.describe(roster))).ok();
        }
        out.push_str("</ul>\n");
    }
    let shifts = roster.shifts_in_order();
    let days: BTreeSet<_> = shifts.iter().map(|s| roster.day_of(s)).collect();
    for day in days {
        writeln!(out, "<h2>{}</h2>", html_escape(&format_day(day))).ok();
        for booth in roster.booths() {
            let today: Vec<_> = shifts.iter().filter(|s| s.booth == booth.id && roster.day_of(s) == day).collect();
            if today.is_empty() {
                continue;
            }
            booth_table(&mut out, roster, booth, &today);
        }
    }
    hours_table(&mut out, roster);
    out.push_str("</body></html>\n");
    out
}

fn booth_table(out: &mut String, roster: &Roster, booth: &Booth, shifts: &[&&crate::model::roster::Shift]) {
    let place = if booth.location.trim().is_empty() { String::new() } else { format!(" — {}", booth.location) };
    writeln!(out, "<h3>{}{}</h3>", html_escape(booth.label()), html_escape(&place)).ok();
    out.push_str("<table><tr><th>Time</th><th>Role</th><th>People</th></tr>\n");
    for shift in shifts {
        let mut people: Vec<String> = roster
            .people_on(shift.id.as_str())
            .iter()
            .map(|a| {
                let name = html_escape(a.person.as_str());
                match roster.staff_member(a.person.as_str()).map(Staff::is_newcomer) {
                    Some(true) => format!("<span class=\"new\">{name} (new)</span>"),
                    _ => name,
                }
            })
            .collect();
        let open = usize::try_from(shift.seats).unwrap_or(0).saturating_sub(people.len());
        people.extend((0..open).map(|_| "<span class=\"open\">open seat</span>".to_owned()));
        writeln!(
            out,
            "<tr><td>{}–{}</td><td>{}</td><td>{}</td></tr>",
            format_hm(shift.starts_at),
            format_hm(shift.ends_at),
            html_escape(&shift.role),
            people.join(", ")
        )
        .ok();
    }
    out.push_str("</table>\n");
}

fn hours_table(out: &mut String, roster: &Roster) {
    out.push_str("<h2>Hours</h2>\n<table><tr><th>Name</th><th>Shifts</th><th>Hours</th><th>Contact</th></tr>\n");
    let hours = roster.hours();
    for staff in roster.staff() {
        let Some(h) = hours.get(staff.name.as_str()) else { continue };
        writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            html_escape(staff.name.as_str()),
            h.shifts,
            format_minutes(i64::from(h.total_mins)),
            html_escape(&staff.contact)
        )
        .ok();
    }
    out.push_str("</table>\n");
}

/// What [`export_all`] wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportedFiles {
    pub csv: PathBuf,
    pub html: PathBuf,
    /// One calendar per person with at least one shift, in name order.
    pub calendars: Vec<PathBuf>,
}

/// Writes `roster.csv`, `roster.html` and `<name>.ics` for everyone with a shift into `dir`
/// (created if missing). File names are the person's name made safe for any file system; a name
/// that would clash with an earlier one gets `-2`, `-3`, … Each file is written atomically.
///
/// # Errors
/// [`ExportError::Write`] for the first file that cannot be written.
pub fn export_all(roster: &Roster, violations: &[Violation], dir: &Path) -> Result<ExportedFiles, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Write { source, path: dir.to_owned() })?;
    let csv = dir.join("roster.csv");
    write_file(&csv, &roster_csv(roster))?;
    let html = dir.join("roster.html");
    write_file(&html, &roster_html(roster, violations))?;
    let mut names: BTreeSet<String> = ["roster".to_owned()].into();
    let mut people: Vec<&Staff> = roster.staff().iter().collect();
    people.sort_by(|a, b| a.name.cmp(&b.name));
    let mut calendars = Vec::new();
    for staff in people {
        if roster.timeline_items(staff.name.as_str()).is_empty() {
            continue;
        }
        let base = safe_folder_name(staff.name.as_str());
        let mut name = base.clone();
        let mut n = 1;
        while !names.insert(name.to_lowercase()) {
            n += 1;
            name = format!("{base}-{n}");
        }
        let path = dir.join(format!("{name}.ics"));
        write_file(&path, &person_ics(roster, staff.name.as_str()))?;
        calendars.push(path);
    }
    Ok(ExportedFiles { csv, html, calendars })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_guarded() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_field("-1,5"), "\"'-1,5\"");
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(html_escape("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
    }
}
