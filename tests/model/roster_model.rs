//! Booth rosters end to end: the sample roster and staff plans through the real loaders, the
//! auto-roster's promises as properties over random rosters, the roster document on disk, the
//! staff-plan folder, and the exports read back by independent parsers.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns; panicking is fine in tests")]

use lanyard::model::roster::AssignEdit;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDateTime, NaiveTime};
use icalendar::parser::{read_calendar, unfold};
use lanyard::io::export::roster::{CSV_HEADER, export_all, person_ics, roster_csv, roster_html};
use lanyard::io::staff_plans::{self, StaffFiles};
use lanyard::io::store::{self, Fingerprint, StoreError};
use lanyard::model::autoroster::{AutoRosterOptions, auto_roster, seat_bound};
use lanyard::model::busy::{BusyTime, Commitment, StaffBusy};
use lanyard::model::roster::{
    Assignment, Booth, BoothId, Experience, PersonName, Roster, RosterEdit, RosterParts, RosterRules, Shift, ShiftId,
    Staff, ViolationKind, VolunteerTaskId, Window, generate_chair_slots,
};
use lanyard::model::{ItemKind, Plan, Schedule, SessionId, Timeline};
use proptest::prelude::*;

use crate::common::{self, at, sample_roster, write_raw as write};

fn sample_plans(roster: &Roster, schedule: &Schedule) -> StaffFiles {
    staff_plans::load_folder(&common::repo_path("assets/staff-plans"), roster, Some(schedule)).unwrap()
}

// ---------------------------------------------------------------------------------------------
// The sample

#[test]
fn sample_roster_has_the_promised_shape() {
    let roster = sample_roster();
    let schedule = common::sample();
    assert_eq!(roster.conference(), &schedule.conference().id);
    assert_eq!(roster.booths().len(), 2);
    let days: std::collections::BTreeSet<_> = roster.shifts().iter().map(|s| roster.day_of(s)).collect();
    assert_eq!(days.len(), 3);
    assert!(roster.staff().len() >= 12);
    assert_eq!(roster.staff().iter().filter(|s| s.is_newcomer()).count(), 4);
    let swag = roster.tasks().iter().find(|t| t.name == "Swag-bag stuffing").unwrap();
    let swag_slot = roster.slots().iter().find(|s| s.task == swag.id).unwrap();
    assert_eq!(
        (swag_slot.starts_at, swag_slot.ends_at, swag_slot.needed),
        (at("2027-04-15 16:00"), at("2027-04-15 19:00"), 10)
    );
    assert!(roster.tasks().iter().any(|t| t.name == "Registration desk"));
    // The chair slots are exactly what the generator makes for the Hemlock Room.
    let chair = VolunteerTaskId::new("chair");
    let mut generated = generate_chair_slots(&schedule, "r103", 10, 5, &chair);
    let in_roster: Vec<_> = roster.slots().iter().filter(|s| s.task == chair).collect();
    assert_eq!(in_roster.len(), generated.len());
    for (slot, fresh) in in_roster.iter().zip(&mut generated) {
        fresh.signups.clone_from(&slot.signups);
        assert_eq!(*slot, fresh);
    }
    let coverage = roster.volunteer_coverage();
    let swag_coverage = coverage.iter().find(|c| c.task == swag.id).unwrap();
    assert_eq!((swag_coverage.signed_up, swag_coverage.needed), (6, 10));
    let worked = roster.worked_minutes();
    assert_eq!(worked.get("Tom Becker"), Some(&(120 + 120 + 55 + 55)), "2 h stuffing recorded, the desk, two chairs");
    assert_eq!(worked.get("Sam Okoro"), None, "a no-show worked nothing");
}

#[test]
fn sample_violations_with_and_without_staff_plans() {
    let roster = sample_roster();
    let schedule = common::sample();
    let alone: Vec<_> = roster.violations(&StaffBusy::new()).into_iter().map(|v| (v.person, v.kind)).collect();
    assert_eq!(alone, [(PersonName::new("Mo Adeyemi"), ViolationKind::NewcomerAlone)]);
    let files = sample_plans(&roster, &schedule);
    assert!(files.problems.is_empty(), "{:?}", files.problems);
    let matched: Vec<&str> = files.matched.iter().map(|(_, p)| p.as_str()).collect();
    assert_eq!(matched, ["Ana Lima", "Ben Ortiz", "Chen Wei", "Kai Tanaka"], "kai-tanaka.ron has no `me`");
    let with_plans = roster.violations(&files.busy);
    assert_eq!(with_plans.len(), 2);
    assert_eq!(
        with_plans[0].kind,
        ViolationKind::DuringMustSee {
            session: SessionId::new("cpc27-003"),
            title: "Life after the GIL: porting a C extension to free-threaded Python".into()
        }
    );
    // Chen's watch-later must-see makes nobody busy; maybe picks are soft clashes only.
    assert!(files.busy.of("Chen Wei").iter().all(|t| t.commitment != Commitment::MustSee(SessionId::new("cpc27-028"))));
    assert!(roster.soft_clashes(&files.busy).is_empty());
}

#[test]
fn sample_auto_roster_fills_most_and_breaks_nothing() {
    let roster = sample_roster();
    let schedule = common::sample();
    let busy = sample_plans(&roster, &schedule).busy;
    let result = auto_roster(&roster, &busy, AutoRosterOptions::default());
    assert_eq!((result.seats, result.filled, result.bound), (37, 36, 37));
    assert!(result.released.iter().any(|a| a.person.as_str() == "Ana Lima" && a.shift.as_str() == "fri-found-am"));
    let mut after = roster.clone();
    after.apply(RosterEdit::Assign(AssignEdit::SetAll(result.assignments.clone()))).unwrap();
    assert!(after.violations(&busy).is_empty(), "{:?}", after.violations(&busy));
    for a in roster.assignments().iter().filter(|a| a.locked) {
        assert!(result.assignments.contains(a), "locked {a:?} kept");
    }
    assert_eq!(result.unfilled.len(), 1);
    assert_eq!(auto_roster(&roster, &busy, AutoRosterOptions::default()), result, "deterministic");
}

#[test]
fn shifts_join_the_attendees_timeline_and_clash() {
    let roster = sample_roster();
    let schedule = common::sample();
    let plan: Plan = store::load(&common::repo_path("assets/staff-plans/ana-lima.ron")).unwrap().document.unwrap();
    let me = plan.me.clone().unwrap();
    let timeline = Timeline::build_with(&schedule, &plan, roster.timeline_items(&me));
    let shifts: Vec<_> = timeline.items().iter().filter(|i| i.kind == ItemKind::Shift).collect();
    assert_eq!(shifts.len(), 2);
    assert_eq!(shifts[0].title, "Booth: Cascadia Python Foundation");
    assert_eq!(shifts[0].place, "Harbour Foyer, stand 3");
    let shift = timeline.items().iter().position(|i| i.kind == ItemKind::Shift).unwrap();
    let clash = timeline.clashes_with(shift);
    assert_eq!(clash.len(), 1);
    assert_eq!(timeline.items()[clash[0]].session_id(), Some(&SessionId::new("cpc27-003")));
    let signup = roster.slot_signup("swag-thu").unwrap();
    assert_eq!((signup.title.as_str(), signup.place.as_str()), ("Swag-bag stuffing", "Harbour Foyer, loading bay"));
}

// ---------------------------------------------------------------------------------------------
// Random rosters

fn base() -> NaiveDateTime {
    at("2027-04-16 08:00")
}

fn minutes(n: i64) -> NaiveDateTime {
    base() + Duration::minutes(n)
}

#[derive(Clone, Debug)]
struct RawStaff {
    is_newcomer: bool,
    max_day: Option<u32>,
    max_total: Option<u32>,
    windows: Vec<(i64, i64)>,
    unavailable: Vec<(i64, i64)>,
    busy: Vec<(i64, i64, bool)>,
    skills: Vec<&'static str>,
}

/// The skills random shifts require and random staff have (in varying case).
const SKILLS: [&str; 3] = ["de", "ES", "demo"];

fn raw_staff() -> impl Strategy<Value = RawStaff> {
    (
        any::<bool>(),
        prop::option::of(1u32..7),
        prop::option::of(2u32..14),
        prop::collection::vec((0i64..2400, 60i64..900), 0..3),
        prop::collection::vec((0i64..2400, 15i64..240), 0..2),
        prop::collection::vec((0i64..2400, 15i64..120, any::<bool>()), 0..3),
        prop::sample::subsequence(SKILLS.to_vec(), 0..=2),
    )
        .prop_map(|(is_newcomer, max_day, max_total, windows, unavailable, busy, skills)| RawStaff {
            skills,
            is_newcomer,
            max_day,
            max_total,
            windows: windows.into_iter().map(|(s, l)| (s, s + l)).collect(),
            unavailable: unavailable.into_iter().map(|(s, l)| (s, s + l)).collect(),
            busy: busy.into_iter().map(|(s, l, hard)| (s, s + l, hard)).collect(),
        })
}

/// The random staff as `Staff`, and their busy times.
fn build_staff(raw_staff: &[RawStaff]) -> (Vec<Staff>, StaffBusy) {
    let mut busy = StaffBusy::new();
    let staff: Vec<Staff> = raw_staff
        .iter()
        .enumerate()
        .map(|(i, raw)| {
            let name = format!("p{i}");
            let experience = if raw.is_newcomer { Experience::Newcomer } else { Experience::Experienced };
            let mut staff = Staff::new(name.clone(), experience);
            staff.max_hours_per_day = raw.max_day;
            staff.max_hours_total = raw.max_total;
            staff.skills = raw.skills.iter().map(|s| (*s).to_owned()).collect();
            staff.availability = raw.windows.iter().map(|&(a, b)| Window::new(minutes(a), minutes(b))).collect();
            staff.unavailable = raw.unavailable.iter().map(|&(a, b)| Window::new(minutes(a), minutes(b))).collect();
            busy.add(
                PersonName::new(name),
                raw.busy.iter().map(|&(a, b, hard)| BusyTime {
                    starts_at: minutes(a),
                    ends_at: minutes(b),
                    title: "talk".into(),
                    commitment: if hard {
                        Commitment::MustSee(SessionId::new("t"))
                    } else {
                        Commitment::Maybe(SessionId::new("t"))
                    },
                }),
            );
            staff
        })
        .collect();
    (staff, busy)
}

/// A random roster over two days with random existing (some locked) assignments, and the staff's
/// busy times.
fn random_roster() -> impl Strategy<Value = (Roster, StaffBusy)> {
    (
        1usize..4,
        prop::collection::vec((0usize..3, 0i64..160, 2i64..16, 1u32..4, 0usize..12), 1..14),
        prop::collection::vec(raw_staff(), 1..9),
        prop::collection::vec((0usize..14, 0usize..9, any::<bool>()), 0..20),
        prop::sample::select(vec![0u32, 30, 60]),
        any::<bool>(),
        prop::option::of(prop::sample::select(vec![60u32, 150, 240])),
    )
        .prop_map(|(n_booths, raw_shifts, raw_staff, raw_assignments, min_rest, late_day_change, max_stretch)| {
            let booths: Vec<Booth> = (0..n_booths)
                .map(|b| Booth {
                    id: BoothId::new(format!("b{b}")),
                    name: format!("Booth {b}"),
                    location: String::new(),
                })
                .collect();
            let shifts: Vec<Shift> = raw_shifts
                .iter()
                .enumerate()
                .map(|(i, &(booth, start, len, seats, needs))| Shift {
                    // Most shifts require nothing; some one skill, a few two.
                    requires: match needs {
                        0..=2 => vec![SKILLS[needs].to_lowercase()],
                        3 => vec!["DE".into(), "es".into()],
                        _ => Vec::new(),
                    },
                    id: ShiftId::new(format!("s{i:02}")),
                    booth: BoothId::new(format!("b{}", booth % n_booths)),
                    starts_at: minutes(start * 15),
                    ends_at: minutes(start * 15 + len * 15),
                    seats,
                    role: String::new(),
                })
                .collect();
            let (staff, busy) = build_staff(&raw_staff);
            // Existing assignments that keep the structural invariants (no duplicates, no
            // overfull shifts); they may break any rule.
            let mut assignments: Vec<Assignment> = Vec::new();
            for (s, p, locked) in raw_assignments {
                let (Some(shift), Some(person)) = (shifts.get(s % shifts.len()), staff.get(p % staff.len())) else {
                    continue;
                };
                let on = assignments.iter().filter(|a| a.shift == shift.id).count() as u32;
                if on < shift.seats && !assignments.iter().any(|a| a.shift == shift.id && a.person == person.name) {
                    assignments.push(Assignment { shift: shift.id.clone(), person: person.name.clone(), locked });
                }
            }
            let rules = RosterRules {
                max_consecutive_mins: max_stretch,
                min_rest_mins: min_rest,
                day_change: if late_day_change { NaiveTime::from_hms_opt(4, 0, 0).unwrap() } else { NaiveTime::MIN },
            };
            let parts =
                RosterParts { id: "r".into(), rules, booths, shifts, staff, assignments, ..RosterParts::default() };
            (Roster::from_parts(parts).unwrap(), busy)
        })
}

fn with_assignments(roster: &Roster, assignments: Vec<Assignment>) -> Roster {
    let mut out = roster.clone();
    out.apply(RosterEdit::Assign(AssignEdit::SetAll(assignments))).unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever the roster (required skills and a longest stretch included), the auto-roster adds
    /// no broken rule: every violation left is one the locked assignments alone already have. Filled never exceeds the bound, which never
    /// exceeds the seats; locked assignments stay; it is deterministic.
    #[test]
    fn auto_roster_never_breaks_a_hard_rule((roster, busy) in random_roster(), keep in any::<bool>()) {
        let result = auto_roster(&roster, &busy, AutoRosterOptions { keep_unlocked: keep });
        let after = with_assignments(&roster, result.assignments.clone());
        let locked: Vec<Assignment> = roster.assignments().iter().filter(|a| a.locked).cloned().collect();
        let locked_only = with_assignments(&roster, locked.clone());
        let allowed = locked_only.violations(&busy);
        for violation in after.violations(&busy) {
            prop_assert!(allowed.contains(&violation), "new violation {:?}", violation);
        }
        for a in &locked {
            prop_assert!(result.assignments.contains(a));
        }
        prop_assert!(result.filled <= result.bound, "filled {} > bound {}", result.filled, result.bound);
        prop_assert!(result.bound <= result.seats);
        prop_assert_eq!(result.filled, after.filled());
        prop_assert_eq!(result.bound, seat_bound(&roster, &busy));
        prop_assert_eq!(&auto_roster(&roster, &busy, AutoRosterOptions { keep_unlocked: keep }), &result);
        let open: u32 = result.unfilled.iter().map(|u| u.open_seats).sum();
        prop_assert_eq!(open, result.seats - result.filled);
    }
}

/// A roster built around a hidden perfect answer: shifts on a grid of time slots, every shift
/// fully staffed with an experienced person first; each hidden person is available exactly for
/// their hidden shifts, with hour limits that fit them. Spare people, locks taken from the
/// answer and maybe picks are sprinkled on top; none of them can make a perfect roster
/// impossible.
fn perfect_roster() -> impl Strategy<Value = (Roster, StaffBusy)> {
    (
        prop::collection::vec((60i64..180, 0i64..90), 1..6),
        1usize..4,
        prop::collection::vec(1u32..4, 1..16),
        prop::collection::vec(any::<(bool, u8)>(), 1..60),
        prop::sample::select(vec![0u32, 30, 60]),
        prop::collection::vec((any::<bool>(), prop::option::of(1u32..10)), 0..4),
        prop::collection::vec(any::<bool>(), 0..60),
        prop::collection::vec((0i64..900, 10i64..120), 0..6),
    )
        .prop_map(|(slots, n_booths, seat_counts, choices, min_rest, spares, locks, maybes)| {
            build_perfect(&slots, n_booths, &seat_counts, &choices, min_rest, &spares, &locks, &maybes)
        })
}

struct Hidden {
    is_newcomer: bool,
    shifts: Vec<usize>,
}

/// Booths, shifts, each shift's slot, and each slot's `[start, end)` in minutes.
type Grid = (Vec<Booth>, Vec<Shift>, Vec<usize>, Vec<(i64, i64)>);

/// Shifts on a grid: every booth has one shift in every time slot.
fn grid(slots: &[(i64, i64)], n_booths: usize, seat_counts: &[u32]) -> Grid {
    let mut times = Vec::new();
    let mut t = 60;
    for &(len, gap) in slots {
        times.push((t, t + len));
        t += len + gap;
    }
    let booths: Vec<Booth> = (0..n_booths)
        .map(|b| Booth { id: BoothId::new(format!("b{b}")), name: format!("B{b}"), location: String::new() })
        .collect();
    let mut shifts = Vec::new();
    let mut slot_of = Vec::new();
    for (k, &(a, b)) in times.iter().enumerate() {
        for booth in 0..n_booths {
            let seats = seat_counts[(k * n_booths + booth) % seat_counts.len()];
            slot_of.push(k);
            shifts.push(Shift {
                requires: Vec::new(),
                id: ShiftId::new(format!("k{k}b{booth}")),
                booth: BoothId::new(format!("b{booth}")),
                starts_at: minutes(a),
                ends_at: minutes(b),
                seats,
                role: String::new(),
            });
        }
    }
    (booths, shifts, slot_of, times)
}

/// Every seat handed out: the first of each shift to an experienced person, the rest to either;
/// people are reused across slots when the minimum rest allows.
fn hand_out(
    shifts: &[Shift],
    slot_of: &[usize],
    times: &[(i64, i64)],
    choices: &[(bool, u8)],
    min_rest: u32,
) -> (Vec<Hidden>, Vec<(usize, usize)>) {
    let rest_ok = |person: &Hidden, k: usize, slot_of: &[usize]| {
        person.shifts.iter().all(|&s| {
            let j = slot_of[s];
            if j == k {
                return false;
            }
            let (first, second) = if j < k { (times[j], times[k]) } else { (times[k], times[j]) };
            second.0 - first.1 >= i64::from(min_rest)
        })
    };
    let mut people: Vec<Hidden> = Vec::new();
    let mut hidden: Vec<(usize, usize)> = Vec::new();
    let mut choice = choices.iter().cycle();
    for (s, shift) in shifts.iter().enumerate() {
        for seat in 0..shift.seats {
            let &(reuse, pick) = choice.next().unwrap();
            let newcomer = seat > 0 && pick % 3 == 0;
            let k = slot_of[s];
            let fitting: Vec<usize> = (0..people.len())
                .filter(|&p| people[p].is_newcomer == newcomer && rest_ok(&people[p], k, slot_of))
                .collect();
            let p = if reuse && !fitting.is_empty() {
                fitting[usize::from(pick) % fitting.len()]
            } else {
                people.push(Hidden { is_newcomer: newcomer, shifts: Vec::new() });
                people.len() - 1
            };
            people[p].shifts.push(s);
            hidden.push((s, p));
        }
    }
    (people, hidden)
}

#[expect(clippy::too_many_arguments, reason = "one argument per random ingredient")]
fn build_perfect(
    slots: &[(i64, i64)],
    n_booths: usize,
    seat_counts: &[u32],
    choices: &[(bool, u8)],
    min_rest: u32,
    spares: &[(bool, Option<u32>)],
    locks: &[bool],
    maybes: &[(i64, i64)],
) -> (Roster, StaffBusy) {
    let (booths, shifts, slot_of, times) = grid(slots, n_booths, seat_counts);
    let (people, hidden) = hand_out(&shifts, &slot_of, &times, choices, min_rest);
    let mut staff: Vec<Staff> = people
        .iter()
        .enumerate()
        .map(|(p, h)| {
            let experience = if h.is_newcomer { Experience::Newcomer } else { Experience::Experienced };
            let mut staff = Staff::new(format!("h{p:02}"), experience);
            staff.availability =
                h.shifts.iter().map(|&s| Window::new(shifts[s].starts_at, shifts[s].ends_at)).collect();
            let total: u32 = h.shifts.iter().map(|&s| shifts[s].duration_mins()).sum();
            staff.max_hours_total = Some(total.div_ceil(60));
            staff.max_hours_per_day = Some(total.div_ceil(60)); // One day: the same.
            staff
        })
        .collect();
    for (i, &(newcomer, max_total)) in spares.iter().enumerate() {
        let experience = if newcomer { Experience::Newcomer } else { Experience::Experienced };
        let mut spare = Staff::new(format!("spare{i}"), experience);
        spare.max_hours_total = max_total;
        staff.push(spare);
    }
    let assignments: Vec<Assignment> = hidden
        .iter()
        .zip(locks.iter().chain(std::iter::repeat(&false)))
        .filter(|(_, locked)| **locked)
        .map(|(&(s, p), _)| Assignment { shift: shifts[s].id.clone(), person: staff[p].name.clone(), locked: true })
        .collect();
    let mut busy = StaffBusy::new();
    for (i, &(start, len)) in maybes.iter().enumerate() {
        let person = staff[i % staff.len()].name.clone();
        let time = BusyTime {
            starts_at: minutes(start),
            ends_at: minutes(start + len),
            title: "maybe".into(),
            commitment: Commitment::Maybe(SessionId::new("m")),
        };
        busy.add(person, [time]);
    }
    let rules = RosterRules { min_rest_mins: min_rest, day_change: NaiveTime::MIN, max_consecutive_mins: None };
    let parts =
        RosterParts { id: "perfect".into(), rules, booths, shifts, staff, assignments, ..RosterParts::default() };
    (Roster::from_parts(parts).unwrap(), busy)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// When a perfect roster exists by construction, the auto-roster finds one, and the bound
    /// says so.
    #[test]
    fn a_roster_with_a_perfect_answer_is_filled((roster, busy) in perfect_roster()) {
        let result = auto_roster(&roster, &busy, AutoRosterOptions::default());
        prop_assert_eq!(result.filled, result.seats, "unfilled: {:?}", result.unfilled);
        prop_assert_eq!(result.bound, result.seats);
        let after = with_assignments(&roster, result.assignments);
        prop_assert!(after.violations(&busy).is_empty(), "{:?}", after.violations(&busy));
    }
}

// ---------------------------------------------------------------------------------------------
// The roster document on disk

#[test]
fn roster_saves_and_loads_back_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roster.ron");
    let roster = sample_roster();
    let fingerprint = store::save(&path, &roster, Fingerprint::Missing).unwrap();
    let loaded = store::load::<Roster>(&path).unwrap();
    assert_eq!(loaded.document.as_ref(), Some(&roster));
    assert_eq!(loaded.fingerprint, fingerprint);
    let mut changed = roster.clone();
    changed
        .apply(RosterEdit::Assign(AssignEdit::Assign {
            shift: "sun-found-pm".into(),
            person: "Chen Wei".into(),
            locked: false,
        }))
        .unwrap();
    store::save(&path, &changed, fingerprint).unwrap();
    let backup = store::load::<Roster>(&store::backup_path(&path)).unwrap().document.unwrap();
    assert_eq!(backup, roster);
}

#[test]
fn version_one_fixture_keeps_loading() {
    let roster =
        store::load::<Roster>(&common::repo_path("tests/fixtures/roster/roster_v1.ron")).unwrap().document.unwrap();
    assert_eq!(roster.id(), "fixture");
    assert_eq!(roster.shifts().len(), 4);
    assert_eq!(roster.rules().min_rest_mins, 30);
}

#[test]
fn newer_and_broken_rosters_are_refused_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    let newer = dir.path().join("newer.ron");
    std::fs::File::create(&newer)
        .and_then(|mut f| std::io::Write::write_all(&mut f, b"(version: 3, id: \"x\", future: true)"))
        .unwrap();
    assert!(matches!(store::load::<Roster>(&newer), Err(StoreError::TooNew { found: 3, .. })));
    let cases: [(&str, &[u8], &str); 4] = [
        ("garbage.ron", b"\x00\xffnot ron", ":1:2:"),
        ("truncated.ron", b"(version: 1, id: \"x\", booths: [(id: ", ":1:"),
        ("unknown-booth.ron", b"(version: 1, id: \"x\",\nshifts: [(id: \"s\", booth: \"nope\", starts_at: \"2027-04-16T09:00:00\", ends_at: \"2027-04-16T10:00:00\")])", ":2:27:"),
        ("empty-shift.ron", b"(version: 1, id: \"x\", booths: [(id: \"b\", name: \"B\")],\nshifts: [(id: \"s\", booth: \"b\", starts_at: \"2027-04-16T09:00:00\", ends_at: \"2027-04-16T09:00:00\")])", ":2:15:"),
    ];
    for (name, bytes, position) in cases {
        let path = dir.path().join(name);
        std::fs::File::create(&path).and_then(|mut f| std::io::Write::write_all(&mut f, bytes)).unwrap();
        let err = store::load::<Roster>(&path).unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { .. }), "{name}: {err}");
        assert!(err.to_string().contains(position), "{name}: {err}");
    }
}

// ---------------------------------------------------------------------------------------------
// Staff files

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
            (path.clone(), (std::fs::read(&path).unwrap(), modified))
        })
        .collect()
}

#[test]
fn a_folder_of_staff_files_is_read_and_never_written() {
    let roster = sample_roster();
    let schedule = common::sample();
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("ben.ron"),
        "(version: 1, conference: \"cascadia-py-2027\", me: \"Ben Ortiz\", picks: {\"cpc27-002\": (priority: Must), \"gone-1\": (priority: Must)})",
    );
    write(
        &dir.path().join("Dana_Whitehorse.ics"),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:1@test\r\nDTSTART:20270416T170000Z\r\nDTEND:20270416T180000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    write(&dir.path().join("stranger.ron"), "(version: 1, conference: \"cascadia-py-2027\", me: \"Nobody Here\")");
    write(&dir.path().join("broken.ron"), "(version: 1, conference: ");
    write(&dir.path().join("other-conf.ron"), "(version: 1, conference: \"elsewhere\", me: \"Jo Mbeki\")");
    write(&dir.path().join("notes.txt"), "not a plan");
    let before = snapshot(dir.path());
    let files = staff_plans::load_folder(dir.path(), &roster, Some(&schedule)).unwrap();
    assert_eq!(snapshot(dir.path()), before, "staff files are never modified");
    let name = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
    let matched: Vec<(String, &str)> = files.matched.iter().map(|(p, who)| (name(p), who.as_str())).collect();
    assert_eq!(
        matched,
        [
            ("Dana_Whitehorse.ics".into(), "Dana Whitehorse"),
            ("ben.ron".into(), "Ben Ortiz"),
            ("other-conf.ron".into(), "Jo Mbeki")
        ]
    );
    let problems: Vec<(String, bool)> = files.problems.iter().map(|p| (name(&p.path), p.is_error)).collect();
    assert_eq!(
        problems,
        [
            ("ben.ron".into(), false),
            ("broken.ron".into(), true),
            ("other-conf.ron".into(), false),
            ("stranger.ron".into(), false)
        ]
    );
    assert!(files.has_errors());
    assert!(files.problems[1].to_string().contains("broken.ron:1:"), "{}", files.problems[1]);
    // 17:00 UTC is 10:00 in Vancouver; the keynote is 09:00–09:45.
    let dana = files.busy.of("Dana Whitehorse");
    assert_eq!((dana[0].starts_at, dana[0].ends_at), (at("2027-04-16 10:00"), at("2027-04-16 11:00")));
    let ben = files.busy.of("Ben Ortiz");
    assert_eq!((ben[0].starts_at, ben[0].ends_at), (at("2027-04-16 09:00"), at("2027-04-16 09:45")));
    // Without a schedule, a plan with picks is an error; one without is fine.
    let files = staff_plans::load_folder(dir.path(), &roster, None).unwrap();
    assert!(files.problems.iter().any(|p| p.is_error && name(&p.path) == "ben.ron"));
    assert!(files.matched.iter().any(|(p, _)| name(p) == "other-conf.ron"));
}

// ---------------------------------------------------------------------------------------------
// Exports

#[test]
fn a_persons_calendar_parses_back_with_their_shifts_at_the_right_instants() {
    let roster = sample_roster();
    let text = person_ics(&roster, "Hana Sato");
    let unfolded = unfold(&text);
    let calendar = read_calendar(&unfolded).unwrap();
    let events: Vec<_> = calendar.components.iter().filter(|c| c.name == "VEVENT").collect();
    let prop = |event: &icalendar::parser::Component<'_>, name: &str| {
        event.properties.iter().find(|p| p.name == name).map(|p| p.val.to_string()).unwrap()
    };
    let got: Vec<(String, String, String, String)> =
        events.iter().map(|e| (prop(e, "SUMMARY"), prop(e, "DTSTART"), prop(e, "DTEND"), prop(e, "UID"))).collect();
    // 09:45 PDT is 16:45 UTC.
    assert_eq!(
        got,
        [
            (
                "Booth: Tidewater Data (sponsor)".into(),
                "20270416T164500Z".into(),
                "20270416T190000Z".into(),
                "shift-cpc27-booths-fri-spon-am@cascadia-py-2027.lanyard".into()
            ),
            (
                "Booth: Cascadia Python Foundation".into(),
                "20270417T190000Z".into(),
                "20270417T211500Z".into(),
                "shift-cpc27-booths-sat-found-mid@cascadia-py-2027.lanyard".into()
            ),
            (
                "Booth: Tidewater Data (sponsor)".into(),
                "20270418T164500Z".into(),
                "20270418T190000Z".into(),
                "shift-cpc27-booths-sun-spon-am@cascadia-py-2027.lanyard".into()
            ),
        ]
    );
    assert_eq!(prop(events[0], "LOCATION"), "Harbour Foyer, stand 8");
    assert_eq!(person_ics(&roster, "Hana Sato"), text, "deterministic");
    let nobody = person_ics(&roster, "Nobody");
    let nobody = unfold(&nobody);
    let empty = read_calendar(&nobody).unwrap();
    assert!(empty.components.iter().all(|c| c.name != "VEVENT"), "no shifts, no events");
}

#[test]
fn the_csv_has_one_row_per_seat() {
    let roster = sample_roster();
    let csv = roster_csv(&roster);
    let rows: Vec<&str> = csv.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows[0], CSV_HEADER.join(","));
    assert_eq!(rows.len() - 1, 37);
    assert_eq!(
        rows[1],
        "fri-found-am,Cascadia Python Foundation,\"Harbour Foyer, stand 3\",2027-04-16,2027-04-16T09:45,2027-04-16T12:00,open the booth,1,Ana Lima,experienced,no,ana@example.org"
    );
    let open_rows = rows.iter().skip(1).filter(|r| r.split(',').nth(9) == Some("")).count();
    assert_eq!(open_rows, 37 - 25, "open seats have an empty person");
    assert!(rows.iter().any(|r| r.starts_with("fri-found-mid,") && r.contains(",Ben Ortiz,experienced,yes,")));
}

#[test]
fn the_printable_roster_lists_days_booths_people_and_problems() {
    let roster = sample_roster();
    let html = roster_html(&roster, &roster.violations(&StaffBusy::new()));
    assert!(html.starts_with("<!DOCTYPE html>"));
    for needle in [
        "<h2>Fri 16 Apr</h2>",
        "<h2>Sun 18 Apr</h2>",
        "Tidewater Data (sponsor) — Harbour Foyer, stand 8",
        "<span class=\"new\">Kai Tanaka (new)</span>",
        "<span class=\"open\">open seat</span>",
        "Mo Adeyemi is a newcomer with no experienced partner",
        "25 of 37 seats filled",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    let mut hostile = roster.into_parts();
    hostile.name = "<script>alert(1)</script>".into();
    let html = roster_html(&Roster::from_parts(hostile).unwrap(), &[]);
    assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
}

#[test]
fn export_all_writes_every_file() {
    let roster = sample_roster();
    let dir = tempfile::tempdir().unwrap();
    let written = export_all(&roster, &[], &dir.path().join("out")).unwrap();
    assert_eq!(std::fs::read_to_string(&written.csv).unwrap(), roster_csv(&roster));
    assert!(written.html.exists());
    let staffed = roster.hours().values().filter(|h| h.shifts > 0).count();
    assert_eq!(written.calendars.len(), staffed);
    assert!(written.calendars.iter().any(|p| p.ends_with("Ana-Lima.ics")));
}
