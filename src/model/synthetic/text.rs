//! The generator's text: session titles from templates, abstracts of paragraphs, sentences and
//! bullet lists, all drawn from the word lists in `words`. Writes strings only; lays out nothing.

use super::generator::Generator;
use super::words::{LATE_NIGHT, NOUNS, SOCIALS, SPECIAL, TITLES, TOPICS, WORDS};
use crate::model::schedule::SessionKind;

impl Generator {
    pub(super) fn title(&mut self, kind: SessionKind, after_midnight: bool) -> String {
        match kind {
            SessionKind::Break => self.rng.pick(&["Lunch", "Coffee break"]).to_owned(),
            SessionKind::Social if after_midnight => self.fill_from(LATE_NIGHT),
            SessionKind::Social => self.fill_from(SOCIALS),
            SessionKind::Keynote => format!("Keynote: {}", self.fill_from(TITLES)),
            SessionKind::Tutorial => format!("Workshop: {}", self.fill_from(TITLES)),
            SessionKind::OpenSpace => self.fill_from(&["{t} BoF", "{t} community meetup", "Ask the {t} maintainers"]),
            SessionKind::Talk | SessionKind::Lightning => self.fill_from(TITLES),
        }
    }

    pub(super) fn fill_from(&mut self, templates: &[&'static str]) -> String {
        let template = self.rng.pick(templates);
        self.fill(template)
    }

    /// Fills `{t}`, `{u}` (topics) and `{n}` (a noun) in a template.
    fn fill(&mut self, template: &str) -> String {
        let mut out = template.to_owned();
        for (key, list) in [("{t}", TOPICS), ("{u}", TOPICS), ("{n}", NOUNS)] {
            if out.contains(key) {
                out = out.replace(key, self.rng.pick(list));
            }
        }
        out
    }

    pub(super) fn abstract_text(&mut self, kind: SessionKind) -> String {
        let paragraphs = match kind {
            SessionKind::Break => 0,
            SessionKind::Social | SessionKind::Lightning => self.rng.range(1, 2),
            SessionKind::Tutorial => self.rng.range(3, 6),
            _ => self.rng.weighted(&[(1, 5), (2, 15), (3, 30), (4, 30), (5, 20)]),
        };
        let mut text = String::new();
        for p in 0..paragraphs {
            if p > 0 {
                text.push_str("\n\n");
            }
            if p > 0 && self.rng.chance(15) {
                self.bullet_list(&mut text);
            } else {
                for s in 0..self.rng.range(3, 9) {
                    if s > 0 {
                        text.push(' ');
                    }
                    self.sentence(&mut text);
                }
            }
        }
        text
    }

    fn bullet_list(&mut self, text: &mut String) {
        for i in 0..self.rng.range(3, 5) {
            if i > 0 {
                text.push('\n');
            }
            text.push_str("• ");
            let words = self.rng.range(3, 8);
            self.words(text, words);
        }
    }

    fn sentence(&mut self, text: &mut String) {
        let start = text.len();
        let words = self.rng.range(7, 22);
        self.words(text, words);
        if let Some(first) = text.get(start..).and_then(|s| s.chars().next()) {
            let upper: String = first.to_uppercase().collect();
            text.replace_range(start..start + first.len_utf8(), &upper);
        }
        text.push(if self.rng.chance(5) { '?' } else { '.' });
    }

    fn words(&mut self, text: &mut String, count: u32) {
        let comma_at = if self.rng.chance(30) { self.rng.range(2, count.max(3) - 1) } else { u32::MAX };
        for w in 0..count {
            if w > 0 {
                text.push(' ');
            }
            let word = match self.rng.below(100) {
                0..=9 => self.rng.pick(TOPICS),
                10..=12 => self.rng.pick(SPECIAL),
                _ => self.rng.pick(WORDS),
            };
            text.push_str(word);
            if w == comma_at {
                text.push(',');
            }
        }
    }
}
