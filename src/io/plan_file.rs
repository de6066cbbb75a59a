//! `plan.ron`: the attendee's document on disk. The on-disk shape ([`PlanFileV1`]) is private and
//! versioned, apart from the model's [`Plan`], so old files keep loading as the model grows.
//!
//! Version history:
//! - 1: conference, picks (priority, watch_later, remembered title and start), notes, `me`,
//!   custom events, blocks, dinners, volunteer sign-ups.
//!
//! Adding a field that an older lanyard would drop on save needs a new version (an old lanyard
//! refuses newer files, so it can never lose what it does not know).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::store::{Document, from_ron, ron_options, ron_pretty};
use crate::model::{Block, CustomEvent, Dinner, Pick, Plan, Priority, SessionId, Signup};

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

/// The newest plan format.
pub const PLAN_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct PlanFileV1 {
    version: u32,
    conference: String,
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
}

impl Document for Plan {
    const KIND: &'static str = "plan";
    const VERSION: u32 = PLAN_VERSION;

    fn from_ron(text: &str, _version: u32) -> Result<Self, ron::error::SpannedError> {
        let file: PlanFileV1 = from_ron(text)?;
        Ok(Self {
            conference: file.conference,
            picks: file.picks,
            notes: file.notes,
            me: file.me,
            custom_events: file.custom_events,
            blocks: file.blocks,
            dinners: file.dinners,
            signups: file.signups,
        })
    }

    /// Writes the same shape [`PlanFileV1`] reads. Picks and notes (nearly all of a big plan)
    /// are written directly: ron's serialiser managed about 20 MB/s, so 10,000 picks took over
    /// 50 ms, and a save must stay well under 20 ms. The rest goes through ron. A property test
    /// checks that every plan reads back equal.
    fn to_ron(&self) -> Result<String, ron::Error> {
        let mut out = String::with_capacity(128 + self.picks.len() * 120 + self.notes.len() * 80);
        out.push_str("// Lanyard plan: your picks, notes and your own time for one conference.\n(\n");
        out.push_str(&format!("    version: {PLAN_VERSION},\n    conference: "));
        push_ron_string(&mut out, &self.conference);
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
        (nasty(), proptest::option::of(nasty()), picks, notes, proptest::option::of(custom)).prop_map(
            |(conference, me, picks, notes, custom)| Plan {
                conference,
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
            "// Lanyard plan: your picks, notes and your own time for one conference.\n(\n    version: 1,\n    \
             conference: \"cascadia-py-2027\",\n    picks: {\n        \"cpc27-003\": (priority: Must, title: \
             \"Life after the GIL\"),\n    },\n    notes: {\n        \"cpc27-003\": \"ask about the limited C API\",\n    },\n)\n"
        );
    }
}
