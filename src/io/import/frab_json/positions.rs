//! Where things start in the text: one pass over JSON serde_json has accepted, so that errors
//! and warnings can name a line and column.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::model::Location;

// ---------------------------------------------------------------------------------------------
// Positions.

/// Byte offsets of where things start in the text, found by [`scan`].
#[derive(Debug, Default)]
pub(super) struct Offsets {
    pub(super) conference: Option<usize>,
    /// The offset of each value directly inside `conference`, by key.
    pub(super) conference_fields: BTreeMap<String, usize>,
    pub(super) days: Vec<usize>,
    pub(super) events: Vec<usize>,
}

/// What a JSON container is, along the path root → schedule → conference → days → day → rooms →
/// room → event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    Root,
    Schedule,
    Conference,
    Days,
    Day,
    DayRooms,
    RoomEvents,
    Event,
    Other,
}

pub(super) struct Frame<'a> {
    pub(super) role: Role,
    pub(super) is_object: bool,
    /// The key of the value being read, for objects.
    pub(super) key: Option<Cow<'a, str>>,
    pub(super) expects_key: bool,
    pub(super) awaits_value: bool,
}

impl Frame<'_> {
    /// The role of a container opened by `open` (`{` or `[`) inside this frame.
    pub(super) fn child_role(&self, open: u8) -> Role {
        let key = self.key.as_deref();
        match (self.role, key, open) {
            (Role::Root, Some("schedule"), b'{') => Role::Schedule,
            (Role::Schedule, Some("conference"), b'{') => Role::Conference,
            (Role::Conference, Some("days"), b'[') => Role::Days,
            (Role::Conference, Some("days"), b'{') | (Role::Days, _, b'{') => Role::Day,
            (Role::Day, Some("rooms"), b'{') => Role::DayRooms,
            (Role::DayRooms, _, b'[') => Role::RoomEvents,
            (Role::DayRooms | Role::RoomEvents, _, b'{') => Role::Event,
            _ => Role::Other,
        }
    }
}

/// One linear pass over JSON that serde_json has already accepted, recording the offsets of the
/// conference, its fields, its days and their events. It never panics on any input, but only
/// gives meaningful answers for valid JSON; callers check the counts against the DTOs.
pub(super) fn scan(text: &str) -> Offsets {
    let bytes = text.as_bytes();
    let mut offsets = Offsets::default();
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let end = string_end(text, i + 1);
                let raw = text.get(i + 1..end).unwrap_or_default();
                match stack.last_mut() {
                    Some(top) if top.is_object && top.expects_key => {
                        top.key = Some(if raw.as_bytes().contains(&b'\\') {
                            serde_json::from_str::<String>(text.get(i..=end).unwrap_or_default())
                                .map_or(Cow::Borrowed(raw), Cow::Owned)
                        } else {
                            Cow::Borrowed(raw)
                        });
                    }
                    _ => value_started(&mut stack, &mut offsets, i),
                }
                i = end;
            }
            b'{' | b'[' => {
                let role = match stack.last() {
                    None if b == b'{' => Role::Root,
                    None => Role::Other,
                    Some(top) => top.child_role(b),
                };
                value_started(&mut stack, &mut offsets, i);
                match role {
                    Role::Conference => offsets.conference = Some(i),
                    Role::Day => offsets.days.push(i),
                    Role::Event => offsets.events.push(i),
                    _ => {}
                }
                let is_object = b == b'{';
                stack.push(Frame { role, is_object, key: None, expects_key: is_object, awaits_value: !is_object });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(top) = stack.last_mut() {
                    top.expects_key = false;
                    top.awaits_value = true;
                }
            }
            b',' => {
                if let Some(top) = stack.last_mut() {
                    top.expects_key = top.is_object;
                    top.awaits_value = !top.is_object;
                }
            }
            b' ' | b'\t' | b'\r' | b'\n' => {}
            _ => value_started(&mut stack, &mut offsets, i),
        }
        i += 1;
    }
    offsets
}

/// The offset of the closing quote of a string whose content starts at `start` (just after an
/// opening quote), or the end of the text. `str::find` keeps this fast on long strings.
pub(super) fn string_end(text: &str, start: usize) -> usize {
    let mut from = start;
    loop {
        let Some(quote) = text.get(from..).and_then(|rest| rest.find('"')).map(|q| q + from) else {
            return text.len();
        };
        let content = text.as_bytes().get(start..quote).unwrap_or_default();
        let backslashes = content.iter().rev().take_while(|&&b| b == b'\\').count();
        if backslashes % 2 == 0 {
            return quote;
        }
        from = quote + 1;
    }
}

/// Notes the first byte of a value: records conference fields, and stops the frame waiting.
pub(super) fn value_started(stack: &mut [Frame<'_>], offsets: &mut Offsets, at: usize) {
    let Some(top) = stack.last_mut() else { return };
    if !top.awaits_value {
        return;
    }
    top.awaits_value = false;
    if top.role == Role::Conference
        && let Some(key) = &top.key
    {
        offsets.conference_fields.entry(key.clone().into_owned()).or_insert(at);
    }
}

/// Line:col of ascending byte offsets in one forward pass (calling [`location_at`] for each
/// would be quadratic on a 100,000-event file). Offsets out of order or off a character boundary
/// give `None`.
pub(super) fn locate_ascending(text: &str, offsets: &[usize]) -> Vec<Option<Location>> {
    let (mut at, mut line, mut col) = (0_usize, 1_u32, 1_u32);
    let mut out = Vec::with_capacity(offsets.len());
    for &target in offsets {
        let Some(mut span) = text.get(at..target) else {
            out.push(None);
            continue;
        };
        while let Some(newline) = span.find('\n') {
            line = line.saturating_add(1);
            col = 1;
            span = span.get(newline + 1..).unwrap_or_default();
        }
        col = col.saturating_add(u32::try_from(span.chars().count()).unwrap_or(u32::MAX));
        at = target;
        out.push(Some(Location { line, col }));
    }
    out
}
