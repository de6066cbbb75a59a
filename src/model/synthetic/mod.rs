//! A deterministic synthetic conference, for large test fixtures and benchmarks (`lanyard gen`).
//!
//! [`generate`] turns a seed and a few sizes into a [`Schedule`] shaped like the big real ones
//! (FOSDEM: ~900 events in ~30 rooms over 2 days; CCC: 1,000–1,400 events over 4 days). It owns a
//! small PRNG (SplitMix64) and uses no clock, no hashing with random keys and no global state, so
//! the same parameters always give the same schedule, and so the same bytes from every writer.
//!
//! The distributions, chosen to match published schedules:
//! - **Rooms** each hold about the same number of events per day, laid out back to back from a
//!   morning start (09:00–10:30) with 0–15 minute gaps and a lunch gap. Every fifth room lists its
//!   lunch and coffee breaks as events. Every tenth room (and the last) is a night room: it starts
//!   at 11:00 and ends its day with an evening social and an event after midnight (00:00–03:00),
//!   which belongs to the previous conference day under the `day_change` of 04:00.
//! - **Durations** run from 5 to 240 minutes: talks mostly 25–50 (median 40), lightning talks
//!   5–15, workshops 90–240, socials 60–180, breaks 20–60.
//! - **Kinds**: about 77 % talks, 8 % lightning talks, 7 % workshops, 4 % open spaces, plus a
//!   keynote opening each day in the first room, breaks and socials.
//! - **Speakers**: 1 speaker (70 %), 2 (22 %) or 3 (8 %) from a pool of ¾ as many people as
//!   events; one pick in ten goes to the first 5 % of the pool, so a few regulars give several
//!   talks, as in real schedules. Names include non-ASCII letters and repeat now and then.
//! - **Text**: titles from templates over real project names (some with `&`, `<`, quotes); abstracts
//!   of 1–6 paragraphs (workshops longer, breaks empty), some with bullet lists, which the frab
//!   writers turn into HTML.
//! - **Identity**: every session has a UUID, like c3voc's `guid`. About one event in 300 is a
//!   repeat of an earlier workshop or talk with the same id, as in real merged files: the builder
//!   keeps both (the second becomes `id#2`) and warns.
//!
//! The conference is in `Europe/Brussels`, starts on Saturday 2027-02-06 and has a `day_change`
//! of 04:00. Known limitation: when a room holds more events than fit between its start and
//! 03:30, the rest wrap around to the morning and overlap; the default sizes never do this.
//!
//! This module owns the public surface ([`SyntheticParams`], [`generate`], [`MAX_DAYS`], and
//! [`generate_roster`] for booth rosters); the generator itself is private: `generator` lays out
//! rooms, days and sessions, `text` writes titles and abstracts, `rng` is the PRNG, `words` the
//! word lists and `roster` the booth roster. Nothing here reads a file,
//! the clock or the environment.

use super::schedule::Schedule;

mod generator;
mod rng;
mod roster;
mod text;
mod words;

use generator::Generator;
pub use roster::{SyntheticRosterParams, generate_roster};

/// The most days [`generate`] spreads a conference over; larger values are clamped.
pub const MAX_DAYS: u32 = 31;

/// What to generate. [`Self::new`] picks realistic room and day counts for a number of events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntheticParams {
    /// Exactly this many sessions are generated.
    pub events: usize,
    /// Rooms; 0 is taken as 1.
    pub rooms: usize,
    /// Conference days, 1 to [`MAX_DAYS`]; values outside are clamped.
    pub days: u32,
    /// Same seed, same schedule.
    pub seed: u64,
    /// Abstracts are cut to this many characters (`None`: whole, 1–3 KB each). Cutting draws
    /// nothing from the generator, so everything else is the same as without it.
    pub abstract_chars: Option<usize>,
}

impl SyntheticParams {
    /// FOSDEM-like sizes for up to 1,000 events (2 days), CCC-like above (4 days), with about 15
    /// events per room and day: 900 events give 30 rooms.
    pub fn new(events: usize, seed: u64) -> Self {
        let days = if events <= 1000 { 2 } else { 4 };
        let rooms = events.div_ceil(15 * days as usize).max(1);
        Self { events, rooms, days, seed, abstract_chars: None }
    }
}

/// Generates the conference. Deterministic: equal parameters give equal schedules.
pub fn generate(params: &SyntheticParams) -> Schedule {
    let params = SyntheticParams { rooms: params.rooms.max(1), days: params.days.clamp(1, MAX_DAYS), ..*params };
    Generator::new(&params).run()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveTime;

    use super::*;
    use crate::model::schedule::{Session, SessionKind};
    use crate::model::time::conference_date;

    fn fosdem() -> Schedule {
        generate(&SyntheticParams::new(900, 7))
    }

    #[test]
    fn exactly_the_requested_number_of_events() {
        for events in [0, 1, 5, 29, 30, 31, 299, 900, 2000] {
            let schedule = generate(&SyntheticParams::new(events, 3));
            assert_eq!(schedule.sessions().len(), events, "{events} events");
        }
        let odd = generate(&SyntheticParams { events: 77, rooms: 1, days: 5, seed: 1, abstract_chars: None });
        assert_eq!(odd.sessions().len(), 77);
        let clamped = generate(&SyntheticParams { events: 10, rooms: 0, days: 0, seed: 1, abstract_chars: None });
        assert_eq!(clamped.sessions().len(), 10);
    }

    #[test]
    fn fosdem_size_defaults() {
        let params = SyntheticParams::new(900, 1);
        assert_eq!((params.rooms, params.days), (30, 2));
        let schedule = fosdem();
        let stats = schedule.stats();
        assert_eq!((stats.events, stats.rooms, stats.days), (900, 30, 2));
        assert!(stats.tracks >= 15, "{stats:?}");
        assert_eq!(SyntheticParams::new(1200, 1).days, 4);
    }

    #[test]
    fn deterministic_per_seed() {
        let (a, b) = (fosdem(), fosdem());
        assert_eq!(a.sessions(), b.sessions());
        assert_eq!(a.rooms(), b.rooms());
        assert_eq!(a.conference(), b.conference());
        let c = generate(&SyntheticParams::new(900, 8));
        assert_ne!(a.sessions(), c.sessions());
    }

    #[test]
    fn durations_are_realistic() {
        let schedule = fosdem();
        let mut durations: Vec<u32> = schedule.sessions().iter().map(|s| s.duration_mins).collect();
        durations.sort_unstable();
        assert!(durations.iter().all(|d| (5..=240).contains(d)), "{:?}", (durations.first(), durations.last()));
        let median = durations.get(durations.len() / 2).copied().unwrap_or(0);
        assert!((25..=50).contains(&median), "median {median}");
        let typical = durations.iter().filter(|d| (25..=50).contains(*d)).count();
        assert!(typical * 2 > durations.len(), "most are 25–50 minutes: {typical}");
        assert!(durations.iter().any(|&d| d <= 15) && durations.iter().any(|&d| d >= 120));
    }

    #[test]
    fn kinds_speakers_and_text_look_real() {
        let schedule = fosdem();
        let sessions = schedule.sessions();
        for kind in SessionKind::ALL {
            assert!(sessions.iter().any(|s| s.kind == kind), "no {kind:?}");
        }
        let talks: Vec<&Session> = sessions.iter().filter(|s| s.kind == SessionKind::Talk).collect();
        assert!(talks.len() * 10 > sessions.len() * 6, "mostly talks");
        assert!(talks.iter().all(|s| (1..=3).contains(&s.speakers.len())));
        let mut per_speaker = std::collections::BTreeMap::<&str, usize>::new();
        for name in sessions.iter().flat_map(|s| &s.speakers) {
            *per_speaker.entry(name).or_default() += 1;
        }
        assert!(per_speaker.values().any(|&n| n >= 4), "some people give several talks");
        let mean = talks.iter().map(|s| s.abstract_text.len()).sum::<usize>() / talks.len();
        assert!((1000..=3000).contains(&mean), "mean abstract {mean} bytes");
        assert!(sessions.iter().any(|s| s.abstract_text.contains("\n• ")), "some bullet lists");
        assert!(sessions.iter().any(|s| s.title.contains('&') || s.abstract_text.contains('<')));
        assert!(sessions.iter().all(|s| s.links.last().is_none_or(|l| l.title == "Event page")));
    }

    #[test]
    fn after_midnight_events_belong_to_the_previous_day() {
        let schedule = fosdem();
        let day_change = schedule.conference().day_change;
        assert_eq!(day_change, NaiveTime::from_hms_opt(4, 0, 0).unwrap());
        let late: Vec<&Session> = schedule.sessions().iter().filter(|s| s.starts_at.time() < day_change).collect();
        assert!(late.len() >= 4, "{} after-midnight events", late.len());
        for session in late {
            let day = schedule.day(session.day).unwrap();
            assert_eq!(day.date, session.starts_at.date().pred_opt().unwrap());
            assert_eq!(conference_date(session.starts_at, day_change), day.date);
        }
    }

    #[test]
    fn a_few_repeats_like_merged_files() {
        let schedule = fosdem();
        let repeats = schedule.sessions().iter().filter(|s| s.id.as_str().contains('#')).count();
        assert!((1..=3).contains(&repeats), "{repeats}");
        assert_eq!(schedule.warnings().len(), repeats);
        let repeat = schedule.sessions().iter().find(|s| s.id.as_str().ends_with("#2")).unwrap();
        let original = schedule.session_by_id(&repeat.id.as_str().trim_end_matches("#2").into()).unwrap();
        assert_eq!((&original.title, &original.speakers), (&repeat.title, &repeat.speakers));
        assert_ne!(original.starts_at, repeat.starts_at);
    }

    #[test]
    fn ids_are_uuids_and_rooms_distinct() {
        let schedule = generate(&SyntheticParams { events: 3000, rooms: 200, days: 3, seed: 5, abstract_chars: None });
        let names: std::collections::BTreeSet<&str> = schedule.rooms().iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names.len(), 200);
        for session in schedule.sessions() {
            let id = session.id.as_str().split('#').next().unwrap();
            let groups: Vec<usize> = id.split('-').map(str::len).collect();
            assert_eq!(groups, [8, 4, 4, 4, 12], "{id}");
            assert_eq!(id.chars().nth(14), Some('4'));
        }
    }
}
