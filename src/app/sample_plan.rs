//! The bundled sample plan (`assets/sample-plan.ron`) for the bundled sample conference: an
//! attendee's picks with clashes, their own events, a dinner, a volunteer sign-up and the name
//! the sample roster knows them by. Loading it replaces the current plan as one undoable step, so
//! Ctrl+Z brings the user's own plan back.

use super::{LanyardApp, ScheduleSource};
use crate::io::store;
use crate::model::Plan;
use crate::ui::{Banner, Tab};

pub use crate::io::samples::{SAMPLE_PLAN, sample_plan};

impl LanyardApp {
    /// Replaces the plan with the sample plan, as one undoable step, when the sample conference
    /// is open; says why not otherwise.
    pub(super) fn load_sample_plan(&mut self, time: f64) {
        if let Some(reason) = &self.plan_slot.read_only {
            self.ui.banners.push(Banner::warning(format!("Your plan is read-only: {reason}")));
            return;
        }
        let plan = match sample_plan() {
            Ok(plan) => plan,
            Err(err) => {
                log::error!("the bundled sample plan does not load: {err}");
                self.ui.banners.push(Banner::error(format!("The sample plan does not load: {err}")));
                return;
            }
        };
        if self.ws.source != ScheduleSource::Sample || plan.conference != self.ws.schedule.conference().id {
            self.ui.banners.push(Banner::warning(
                "The sample plan belongs to the sample conference. Show the sample conference first \
                 (Samples menu), then load the sample plan.",
            ));
            return;
        }
        if plan == self.ws.plan {
            self.ui.banners.push(Banner::info("The sample plan is already loaded."));
            return;
        }
        // Undo brings the user's plan back in this session; a copy on disk keeps it beyond that
        // (the `.bak` would be overwritten by the next save of the sample plan).
        let kept = match self.keep_own_plan() {
            Ok(kept) => kept,
            Err(err) => {
                log::error!("{err}");
                self.ui.banners.push(Banner::error(format!(
                    "The sample plan was not loaded: your own plan could not be set aside first: {err}"
                )));
                return;
            }
        };
        let before = self.ws.clone();
        self.ws.plan = plan;
        self.undo.push(before);
        self.workspace_changed(time);
        self.ui.tab = Tab::Agenda;
        let plan = &self.ws.plan;
        let own = plan.custom_events.len() + plan.blocks.len() + plan.dinners.len() + plan.signups.len();
        let mut text = format!(
            "Loaded the sample plan{}: {} picks and {own} items of their own, {} clashes. \
             Undo (Ctrl+Z) brings your own plan back.",
            plan.me.as_deref().map(|me| format!(" ({me})")).unwrap_or_default(),
            plan.picks.len(),
            self.timeline.clashes().len()
        );
        if let Some(kept) = kept {
            text.push_str(&format!(" A copy of your plan is kept as {}.", kept.display()));
        }
        if self.ws.roster.is_none() {
            text.push_str(" Open the sample roster (Samples menu) to see the booth shifts too.");
        }
        self.ui.banners.push(Banner::info(text));
    }

    /// Writes the current plan beside the plan file as `plan.before-sample.ron` (or `-2`, … if
    /// taken), unless it holds nothing of the user's. Returns where it went.
    fn keep_own_plan(&self) -> Result<Option<std::path::PathBuf>, String> {
        let empty = Plan { conference: self.ws.plan.conference.clone(), ..Plan::default() };
        let Some(path) = &self.plan_slot.path else { return Ok(None) };
        if self.ws.plan == empty {
            return Ok(None);
        }
        let text = store::Document::to_ron(&self.ws.plan).map_err(|err| format!("could not write your plan: {err}"))?;
        let target = (1..1000)
            .map(|n| match n {
                1 => path.with_file_name("plan.before-sample.ron"),
                n => path.with_file_name(format!("plan.before-sample-{n}.ron")),
            })
            .find(|candidate| !candidate.exists())
            .ok_or_else(|| "too many earlier copies of your plan".to_owned())?;
        store::write_atomic(&target, text.as_bytes())
            .map_err(|err| format!("could not save a copy of your plan: {err}: {}", target.display()))?;
        Ok(Some(target))
    }
}
