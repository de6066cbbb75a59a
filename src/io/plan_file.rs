//! `plan.ron`: the attendee's document on disk. The on-disk shape ([`PlanFileV2`]) is private and
//! versioned, apart from the model's [`Plan`], so old files keep loading as the model grows.
//!
//! Version history:
//! - 1: conference, picks (priority, watch_later, remembered title and start), notes, `me`,
//!   custom events, blocks, dinners, volunteer sign-ups.
//! - 2: adds `map`, the venue map picture and room pins. A lanyard that reads only version 1
//!   would drop the map on its next save, so it must refuse these files. Version 1 is version 2
//!   without `map`, so one struct reads both.
//!
//! Adding a field that an older lanyard would drop on save needs a new version (an old lanyard
//! refuses newer files, so it can never lose what it does not know).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::store::{Document, from_ron_noting, ron_options, ron_pretty};
use crate::model::{
    Block, ConferenceId, CustomEvent, Dinner, MapPoint, Pick, Plan, Priority, RoomKey, SessionId, Signup, VenueMap,
};

/// Appends `text` as a RON string literal.
fn push_ron_string(out: &mut String, text: &str) {
    out.push('"');
    // Almost every title needs no escaping: copy those in one go.
    if !text.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20 || b == 0x7f) {
        out.push_str(text);
    } else {
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
                c => out.push(c),
            }
        }
    }
    out.push('"');
}

/// Appends `    name: [...],` (through ron; these lists are short) unless `items` is empty.
fn push_ron_list<T: Serialize>(out: &mut String, name: &str, items: &[T]) -> Result<(), ron::Error> {
    if items.is_empty() {
        return Ok(());
    }
    let list = ron_options().to_string_pretty(&items, ron_pretty(2))?;
    out.push_str("    ");
    out.push_str(name);
    out.push_str(": ");
    out.push_str(&list.replace('\n', "\n    "));
    out.push_str(",\n");
    Ok(())
}

/// Appends `    map: (image: "…", pins: { "room": (x, y), … }),`. Coordinates are written with
/// `f32`'s shortest round-tripping form; [`MapPoint`] keeps them to four decimals.
fn push_map(out: &mut String, map: &VenueMap) {
    out.push_str("    map: (");
    if let Some(image) = &map.image {
        // `Edit::SetMap` refuses paths that are not Unicode, so nothing is lost here.
        out.push_str("image: ");
        push_ron_string(out, &image.to_string_lossy());
        out.push_str(", ");
    }
    out.push_str("pins: {");
    for (room, at) in &map.pins {
        out.push_str("\n        ");
        push_ron_string(out, room.as_str());
        out.push_str(&format!(": ({:?}, {:?}),", at.x(), at.y()));
    }
    if !map.pins.is_empty() {
        out.push_str("\n    ");
    }
    out.push_str("}),\n");
}

/// The newest plan format.
pub const PLAN_VERSION: u32 = 2;

/// On-disk shape of [`VenueMap`] (version 2).
#[derive(Serialize, Deserialize)]
struct VenueMapFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    image: Option<std::path::PathBuf>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pins: BTreeMap<RoomKey, MapPoint>,
}

#[derive(Serialize, Deserialize)]
struct PlanFileV2 {
    version: u32,
    conference: ConferenceId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    me: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    picks: BTreeMap<SessionId, Pick>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    notes: BTreeMap<SessionId, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    custom_events: Vec<CustomEvent>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    blocks: Vec<Block>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    dinners: Vec<Dinner>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    signups: Vec<Signup>,
    /// Since version 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    map: Option<VenueMapFile>,
}

impl Document for Plan {
    const KIND: &'static str = "plan";
    const VERSION: u32 = PLAN_VERSION;

    fn from_ron_noting(text: &str, _version: u32, ignored: &mut Vec<String>) -> Result<Self, ron::error::SpannedError> {
        let file: PlanFileV2 = from_ron_noting(text, ignored)?;
        Ok(Self {
            conference: file.conference,
            picks: file.picks,
            notes: file.notes,
            me: file.me,
            custom_events: file.custom_events,
            blocks: file.blocks,
            dinners: file.dinners,
            signups: file.signups,
            map: file.map.map(|m| VenueMap { image: m.image, pins: m.pins }),
        })
    }

    /// Writes the same shape [`PlanFileV2`] reads. Picks and notes (nearly all of a big plan)
    /// are written directly: ron's serialiser managed about 20 MB/s, so 10,000 picks took over
    /// 50 ms, and a save must stay well under 20 ms. The rest goes through ron. A property test
    /// checks that every plan reads back equal.
    fn to_ron(&self) -> Result<String, ron::Error> {
        let mut out = String::with_capacity(128 + self.picks.len() * 120 + self.notes.len() * 80);
        out.push_str("// Lanyard plan: your picks, notes and your own time for one conference.\n(\n");
        out.push_str(&format!("    version: {PLAN_VERSION},\n    conference: "));
        push_ron_string(&mut out, self.conference.as_str());
        out.push_str(",\n");
        if let Some(me) = &self.me {
            out.push_str("    me: ");
            push_ron_string(&mut out, me);
            out.push_str(",\n");
        }
        if !self.picks.is_empty() {
            out.push_str("    picks: {\n");
            for (id, pick) in &self.picks {
                out.push_str("        ");
                push_ron_string(&mut out, id.as_str());
                out.push_str(": (priority: ");
                out.push_str(match pick.priority {
                    Priority::Must => "Must",
                    Priority::Maybe => "Maybe",
                });
                if pick.watch_later {
                    out.push_str(", watch_later: true");
                }
                if !pick.title.is_empty() {
                    out.push_str(", title: ");
                    push_ron_string(&mut out, &pick.title);
                }
                if let Some(starts_at) = pick.starts_at {
                    out.push_str(&format!(", starts_at: \"{}\"", starts_at.format("%Y-%m-%dT%H:%M:%S")));
                }
                out.push_str("),\n");
            }
            out.push_str("    },\n");
        }
        if !self.notes.is_empty() {
            out.push_str("    notes: {\n");
            for (id, note) in &self.notes {
                out.push_str("        ");
                push_ron_string(&mut out, id.as_str());
                out.push_str(": ");
                push_ron_string(&mut out, note);
                out.push_str(",\n");
            }
            out.push_str("    },\n");
        }
        push_ron_list(&mut out, "custom_events", &self.custom_events)?;
        push_ron_list(&mut out, "blocks", &self.blocks)?;
        push_ron_list(&mut out, "dinners", &self.dinners)?;
        push_ron_list(&mut out, "signups", &self.signups)?;
        if let Some(map) = &self.map {
            push_map(&mut out, map);
        }
        out.push_str(")\n");
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::*;
    use crate::model::{CustomKind, ItemId, Pick, SlotKey};

    /// Strings with everything that needs escaping: quotes, backslashes, control characters,
    /// new lines, non-ASCII and RON-looking text.
    fn nasty() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z0-9 ]{0,12}",
            "[\"\\\\\n\r\t\u{0}\u{1b}\u{7f}é€🎤(){}:,]{0,12}",
            Just("Some(\"x\")".to_owned()),
        ]
    }

    fn time() -> impl Strategy<Value = chrono::NaiveDateTime> {
        (0u32..3, 0u32..24, 0u32..60, 0u32..60)
            .prop_map(|(d, h, m, s)| NaiveDate::from_ymd_opt(2027, 4, 16 + d).unwrap().and_hms_opt(h, m, s).unwrap())
    }

    fn plan() -> impl Strategy<Value = Plan> {
        let pick = (any::<bool>(), any::<bool>(), nasty(), proptest::option::of(time())).prop_map(
            |(must, later, title, starts_at)| Pick {
                priority: if must { Priority::Must } else { Priority::Maybe },
                watch_later: later,
                title,
                starts_at,
            },
        );
        let picks = prop::collection::btree_map(nasty().prop_map(SessionId), pick, 0..6);
        let notes = prop::collection::btree_map(nasty().prop_map(SessionId), nasty(), 0..4);
        let custom =
            (nasty(), time(), 0u32..600, nasty()).prop_map(|(title, starts_at, duration_mins, place)| CustomEvent {
                id: ItemId::new("c1"),
                kind: CustomKind::Group,
                title,
                starts_at,
                duration_mins,
                place,
                people: vec!["Ana \"A\"".into()],
                note: "line\nbreak".into(),
            });
        let pins = prop::collection::btree_map(
            nasty().prop_map(RoomKey::from),
            (any::<f32>(), any::<f32>()).prop_map(MapPoint::from),
            0..5,
        );
        let map = proptest::option::of((proptest::option::of(nasty()), pins))
            .prop_map(|map| map.map(|(image, pins)| VenueMap { image: image.map(std::path::PathBuf::from), pins }));
        (nasty(), proptest::option::of(nasty()), picks, notes, proptest::option::of(custom), map).prop_map(
            |(conference, me, picks, notes, custom, map)| Plan {
                conference: conference.into(),
                me,
                picks,
                notes,
                custom_events: custom.into_iter().collect(),
                signups: vec![Signup {
                    key: SlotKey { roster: "r".into(), slot: "s\"1".into() },
                    title: "Swag".into(),
                    starts_at: NaiveDate::from_ymd_opt(2027, 4, 15).unwrap().and_hms_opt(16, 0, 0).unwrap(),
                    ends_at: NaiveDate::from_ymd_opt(2027, 4, 15).unwrap().and_hms_opt(19, 0, 0).unwrap(),
                    place: String::new(),
                }],
                map,
                ..Plan::default()
            },
        )
    }

    proptest! {
        #[test]
        fn every_plan_reads_back_equal(plan in plan()) {
            let text = plan.to_ron().unwrap();
            let back = Plan::from_ron(&text, PLAN_VERSION).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            prop_assert_eq!(back, plan);
        }
    }

    #[test]
    fn the_written_file_reads_like_the_documented_shape() {
        let mut plan = Plan::new("cascadia-py-2027");
        plan.picks.insert(
            SessionId::new("cpc27-003"),
            Pick { priority: Priority::Must, watch_later: false, title: "Life after the GIL".into(), starts_at: None },
        );
        plan.notes.insert(SessionId::new("cpc27-003"), "ask about the limited C API".into());
        assert_eq!(
            plan.to_ron().unwrap(),
            "// Lanyard plan: your picks, notes and your own time for one conference.\n(\n    version: 2,\n    \
             conference: \"cascadia-py-2027\",\n    picks: {\n        \"cpc27-003\": (priority: Must, title: \
             \"Life after the GIL\"),\n    },\n    notes: {\n        \"cpc27-003\": \"ask about the limited C API\",\n    },\n)\n"
        );
    }

    #[test]
    fn the_map_is_written_as_documented_and_reads_back() {
        let mut plan = Plan::new("cascadia-py-2027");
        let mut map = VenueMap::of_picture("/home/ana/maps/harbourside.png");
        map.pins.insert("ballroom".into(), MapPoint::new(0.1969, 0.3875).unwrap());
        map.pins.insert("r101".into(), MapPoint::new(1.0, 0.0).unwrap());
        plan.map = Some(map);
        let text = plan.to_ron().unwrap();
        assert!(
            text.ends_with(
                "    map: (image: \"/home/ana/maps/harbourside.png\", pins: {\n        \"ballroom\": (0.1969, 0.3875),\n        \
                 \"r101\": (1.0, 0.0),\n    }),\n)\n"
            ),
            "{text}"
        );
        assert_eq!(Plan::from_ron(&text, PLAN_VERSION).unwrap(), plan);
        // The bundled picture and no pins yet: the smallest map.
        plan.map = Some(VenueMap::default());
        let text = plan.to_ron().unwrap();
        assert!(text.contains("    map: (pins: {}),\n"), "{text}");
        assert_eq!(Plan::from_ron(&text, PLAN_VERSION).unwrap(), plan);
    }

    #[test]
    fn version_1_plans_read_without_a_map() {
        let text = "(version: 1, conference: \"c\", picks: {\"a\": (priority: Must)})";
        let plan = Plan::from_ron(text, 1).unwrap();
        assert_eq!((plan.picks.len(), plan.map), (1, None));
    }
}
