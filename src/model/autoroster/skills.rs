//! [`Skills`]: the skills shifts require, interned once, and who has which, so the solver's hot
//! path compares small numbers instead of lower-casing strings. Only skills some shift requires
//! are kept; a person's other skills do not matter to the rules.

use std::collections::BTreeMap;

use crate::model::roster::{Shift, Staff};

#[derive(Debug, Default)]
pub(super) struct Skills {
    /// Per skill id: how the first shift requiring it spells it (trimmed).
    names: Vec<String>,
    /// Per shift: the skill ids it requires, without repeats, in its order.
    of_shift: Vec<Vec<u32>>,
    /// Per person: the required skill ids they have, sorted.
    of_person: Vec<Vec<u32>>,
}

impl Skills {
    pub(super) fn new(shifts: &[&Shift], people: &[&Staff]) -> Self {
        let mut ids: BTreeMap<String, u32> = BTreeMap::new();
        let mut names = Vec::new();
        let of_shift = shifts
            .iter()
            .map(|shift| {
                let mut own: Vec<u32> = Vec::new();
                for skill in shift.requires.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
                    let next = u32::try_from(names.len()).unwrap_or(u32::MAX);
                    let id = *ids.entry(skill.to_lowercase()).or_insert_with(|| {
                        names.push(skill.to_owned());
                        next
                    });
                    if !own.contains(&id) {
                        own.push(id);
                    }
                }
                own
            })
            .collect();
        let of_person = people
            .iter()
            .map(|staff| {
                let mut own: Vec<u32> =
                    staff.skills.iter().filter_map(|s| ids.get(&s.trim().to_lowercase()).copied()).collect();
                own.sort_unstable();
                own.dedup();
                own
            })
            .collect();
        Self { names, of_shift, of_person }
    }

    /// The skills shift `s` requires.
    pub(super) fn required(&self, s: usize) -> &[u32] {
        self.of_shift.get(s).map_or(&[], Vec::as_slice)
    }

    pub(super) fn has(&self, p: usize, skill: u32) -> bool {
        self.of_person.get(p).is_some_and(|own| own.binary_search(&skill).is_ok())
    }

    pub(super) fn name(&self, skill: u32) -> &str {
        usize::try_from(skill).ok().and_then(|k| self.names.get(k)).map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::autoroster::test_support::shift;
    use crate::model::roster::Experience;

    #[test]
    fn skills_are_interned_case_insensitively() {
        let mut a = shift("a", "2027-04-16 09:00", "2027-04-16 10:00", 2);
        a.requires = vec![" DE ".into(), "de".into(), "".into(), "demo".into()];
        let mut b = shift("b", "2027-04-16 09:00", "2027-04-16 10:00", 2);
        b.requires = vec!["Demo".into()];
        let mut ana = Staff::new("Ana", Experience::Experienced);
        ana.skills = vec!["De".into(), "juggling".into()];
        let ben = Staff::new("Ben", Experience::Experienced);
        let skills = Skills::new(&[&a, &b], &[&ana, &ben]);
        assert_eq!(skills.required(0), [0, 1]);
        assert_eq!(skills.required(1), [1]);
        assert_eq!((skills.name(0), skills.name(1)), ("DE", "demo"));
        assert!(skills.has(0, 0) && !skills.has(0, 1) && !skills.has(1, 0));
        assert!(skills.required(7).is_empty());
    }
}
