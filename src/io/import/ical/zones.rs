//! Section 5 of the iCalendar reader: time zones, from `TZID`s and `VTIMEZONE`s to IANA zones.

use std::collections::BTreeMap;

use chrono_tz::{TZ_VARIANTS, Tz};

use super::{MAX_ZONE_GUESSES, MAX_ZONE_NAME, Tally};

// ---------------------------------------------------------------------------------------------
// 5. Time zones.

/// Maps `TZID` values to IANA zones, remembering each distinct answer and which unknown zones
/// were used, for one warning per unknown zone.
#[derive(Debug)]
pub(super) struct ZoneResolver {
    pub(super) vtimezones: BTreeMap<String, String>,
    pub(super) cache: BTreeMap<String, Option<Tz>>,
    /// Unknown `TZID` → (times read as floating, first use).
    pub(super) unknown: BTreeMap<String, Tally>,
}

impl ZoneResolver {
    pub(super) fn new(vtimezones: BTreeMap<String, String>) -> Self {
        Self { vtimezones, cache: BTreeMap::new(), unknown: BTreeMap::new() }
    }

    pub(super) fn lookup(&mut self, tzid: &str) -> Option<Tz> {
        let key = tzid.trim();
        if let Some(&tz) = self.cache.get(key) {
            return tz;
        }
        if self.cache.len() >= MAX_ZONE_GUESSES {
            // Real calendars use a handful of zones; thousands of distinct ones are hostile, and
            // only get the cheap exact lookup.
            return key.parse().ok();
        }
        let tz = recover_zone(key, &self.vtimezones);
        self.cache.insert(key.to_owned(), tz);
        tz
    }

    pub(super) fn note_unknown(&mut self, tzid: &str, line: u32) {
        self.unknown.entry(tzid.trim().to_owned()).or_default().add(line);
    }
}

/// An IANA zone for a `TZID`: the name itself (any case), the `X-LIC-LOCATION` of its
/// `VTIMEZONE`, a Windows zone name, an IANA name after a path prefix
/// (`/mozilla.org/20050126_1/Europe/Berlin`), or a city in an Outlook display name
/// (`(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna`).
pub(super) fn recover_zone(name: &str, vtimezones: &BTreeMap<String, String>) -> Option<Tz> {
    let name = name.trim().trim_matches('"').trim();
    if name.is_empty() || name.len() > MAX_ZONE_NAME {
        return None;
    }
    iana_zone(name)
        .or_else(|| vtimezones.get(name).and_then(|location| iana_zone(location.trim())))
        .or_else(|| windows_zone(name))
        .or_else(|| name.match_indices('/').find_map(|(i, _)| iana_zone(name.get(i + 1..)?)))
        .or_else(|| city_zone(name))
}

pub(super) fn iana_zone(name: &str) -> Option<Tz> {
    name.parse::<Tz>().ok().or_else(|| TZ_VARIANTS.iter().copied().find(|tz| tz.name().eq_ignore_ascii_case(name)))
}

/// The common Windows zone names (CLDR `windowsZones.xml`, territory 001), as Outlook and
/// Exchange write them in `TZID`.
pub(super) const WINDOWS_ZONES: [(&str, &str); 70] = [
    ("Dateline Standard Time", "Etc/GMT+12"),
    ("UTC-11", "Etc/GMT+11"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("Pacific Standard Time (Mexico)", "America/Tijuana"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("Mountain Standard Time (Mexico)", "America/Mazatlan"),
    ("Mountain Standard Time", "America/Denver"),
    ("Central America Standard Time", "America/Guatemala"),
    ("Central Standard Time", "America/Chicago"),
    ("Central Standard Time (Mexico)", "America/Mexico_City"),
    ("Canada Central Standard Time", "America/Regina"),
    ("SA Pacific Standard Time", "America/Bogota"),
    ("Eastern Standard Time (Mexico)", "America/Cancun"),
    ("Eastern Standard Time", "America/New_York"),
    ("US Eastern Standard Time", "America/Indiana/Indianapolis"),
    ("Venezuela Standard Time", "America/Caracas"),
    ("Paraguay Standard Time", "America/Asuncion"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("SA Western Standard Time", "America/La_Paz"),
    ("Pacific SA Standard Time", "America/Santiago"),
    ("Newfoundland Standard Time", "America/St_Johns"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
    ("Argentina Standard Time", "America/Argentina/Buenos_Aires"),
    ("Montevideo Standard Time", "America/Montevideo"),
    ("Greenland Standard Time", "America/Nuuk"),
    ("UTC-02", "Etc/GMT+2"),
    ("Azores Standard Time", "Atlantic/Azores"),
    ("Cape Verde Standard Time", "Atlantic/Cape_Verde"),
    ("UTC", "Etc/UTC"),
    ("GMT Standard Time", "Europe/London"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("Morocco Standard Time", "Africa/Casablanca"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Romance Standard Time", "Europe/Paris"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("W. Central Africa Standard Time", "Africa/Lagos"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("FLE Standard Time", "Europe/Kyiv"),
    ("Egypt Standard Time", "Africa/Cairo"),
    ("South Africa Standard Time", "Africa/Johannesburg"),
    ("Israel Standard Time", "Asia/Jerusalem"),
    ("Jordan Standard Time", "Asia/Amman"),
    ("Middle East Standard Time", "Asia/Beirut"),
    ("Turkey Standard Time", "Europe/Istanbul"),
    ("Kaliningrad Standard Time", "Europe/Kaliningrad"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("Arab Standard Time", "Asia/Riyadh"),
    ("E. Africa Standard Time", "Africa/Nairobi"),
    ("Iran Standard Time", "Asia/Tehran"),
    ("Arabian Standard Time", "Asia/Dubai"),
    ("Pakistan Standard Time", "Asia/Karachi"),
    ("India Standard Time", "Asia/Kolkata"),
    ("Nepal Standard Time", "Asia/Kathmandu"),
    ("Bangladesh Standard Time", "Asia/Dhaka"),
    ("SE Asia Standard Time", "Asia/Bangkok"),
    ("China Standard Time", "Asia/Shanghai"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("Taipei Standard Time", "Asia/Taipei"),
    ("W. Australia Standard Time", "Australia/Perth"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("Cen. Australia Standard Time", "Australia/Adelaide"),
    ("E. Australia Standard Time", "Australia/Brisbane"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
    ("UTC+12", "Etc/GMT-12"),
];

/// A Windows zone name; `… Daylight Time` is accepted for `… Standard Time`.
pub(super) fn windows_zone(name: &str) -> Option<Tz> {
    let standard = match name.get(name.len().saturating_sub(" Daylight Time".len())..) {
        Some(tail) if tail.eq_ignore_ascii_case(" Daylight Time") => {
            format!("{} Standard Time", name.get(..name.len() - tail.len()).unwrap_or_default())
        }
        _ => name.to_owned(),
    };
    WINDOWS_ZONES
        .iter()
        .find(|(windows, _)| windows.eq_ignore_ascii_case(&standard))
        .and_then(|(_, iana)| iana_zone(iana))
}

/// The first word (or pair of words, joined with `_`) that is the last part of an IANA name:
/// `Amsterdam` → `Europe/Amsterdam`, `Pacific Time (US & Canada)` → `Canada/Pacific`.
pub(super) fn city_zone(name: &str) -> Option<Tz> {
    const NOT_CITIES: [&str; 6] = ["UTC", "GMT", "Time", "Standard", "Daylight", "Zone"];
    let words: Vec<&str> = name.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 4).collect();
    let pairs = words.windows(2).map(|pair| pair.join("_"));
    let candidates = words.iter().map(|w| (*w).to_owned()).filter(|w| !NOT_CITIES.contains(&w.as_str()));
    pairs.chain(candidates).find_map(|word| {
        TZ_VARIANTS
            .iter()
            .copied()
            .find(|tz| tz.name().contains('/') && tz.name().rsplit('/').next() == Some(word.as_str()))
    })
}
