//! The venue map's picture, off the frame path: when the map tab needs a picture it is not showing
//! yet, a named thread reads and decodes it through `io::venue_map` (all of `io::images`' limits
//! hold) and hands back pixels; the frame then turns them into an egui texture, once.
//!
//! Also which map is shown: the plan's, else the one that comes with the conference (the bundled
//! sample's, with its default pins).

use std::path::{Path, PathBuf};

use super::MAX_TEXTURE_SIDE;
use super::documents::Documents;
use super::tasks::{Task, Tasks};
use crate::command::{Command, Done, Parcel};
use crate::io::venue_map;
use crate::model::{ConferenceId, Edit, Plan, VenueMap};
use crate::ui::map_view::{MapCtx, MapPicture};

/// Which picture: the map's image path and the plan's folder (relative paths are relative to it).
pub type MapKey = (Option<PathBuf>, Option<PathBuf>);

type Decoded = Result<egui::ColorImage, String>;

#[derive(Default)]
pub(super) struct MapPictureSlot {
    /// The picture loaded or loading.
    key: Option<MapKey>,
    /// Decoded pixels for `key`, to become a texture on the next frame.
    pending: Option<Decoded>,
    picture: MapPicture,
    /// The conference the bundled map was looked up for, and that map.
    bundled: Option<(ConferenceId, Option<VenueMap>)>,
}

impl MapPictureSlot {
    /// The map shown for `plan` of conference `conference_id`, with its picture's state.
    pub fn view_ctx<'a>(&'a self, plan: &'a Plan) -> MapCtx<'a> {
        let bundled = self.bundled.as_ref().and_then(|(_, map)| map.as_ref());
        MapCtx {
            map: plan.map.as_ref().or(bundled),
            from_conference: plan.map.is_none() && bundled.is_some(),
            picture: &self.picture,
        }
    }

    /// Keeps the picture in step with the map: looks up the conference's own map when the
    /// conference changes, starts loading a picture that changed (only while `visible`: the
    /// Map tab shows), and takes a finished load. Cheap when nothing changed: called every frame.
    /// Starts loading the picture the map tab needs (when `visible`), and turns decoded pixels
    /// into a texture. Called once per frame; compares by reference, so it allocates nothing
    /// while the picture stays the same.
    pub fn sync(
        &mut self,
        ctx: &egui::Context,
        tasks: &mut Tasks,
        plan: &Plan,
        conference_id: &ConferenceId,
        plan_dir: Option<&Path>,
        visible: bool,
    ) {
        if self.bundled.as_ref().is_none_or(|(id, _)| id != conference_id) {
            self.bundled = Some((conference_id.clone(), venue_map::bundled_map(conference_id)));
        }
        if visible {
            let bundled = self.bundled.as_ref().and_then(|(_, map)| map.as_ref());
            let wanted = plan.map.as_ref().or(bundled).map(|map| (map.image.as_deref(), plan_dir));
            if wanted != self.key.as_ref().map(|(image, dir)| (image.as_deref(), dir.as_deref())) {
                let wanted = wanted.map(|(image, dir)| (image.map(Path::to_owned), dir.map(Path::to_owned)));
                self.start(ctx, tasks, wanted);
            }
        }
        if let Some(decoded) = self.pending.take() {
            self.show(ctx, decoded);
        } else if matches!(self.picture, MapPicture::Loading { .. }) && !tasks.is_running(Task::MapPicture) {
            // The task died without a result (its banner says so); do not spin forever.
            self.show(ctx, Err("loading the map stopped unexpectedly".to_owned()));
        }
    }

    /// Forgets the loaded picture, so the next [`Self::sync`] reads it from disk again.
    pub fn reload(&mut self) {
        self.key = None;
    }

    fn start(&mut self, ctx: &egui::Context, tasks: &mut Tasks, wanted: Option<MapKey>) {
        self.pending = None;
        self.key.clone_from(&wanted);
        let Some(key) = wanted else {
            self.picture = MapPicture::None;
            return;
        };
        let name = venue_map::display_name(key.0.as_deref());
        let max_side = u32::try_from(ctx.input(|i| i.max_texture_side).min(MAX_TEXTURE_SIDE)).unwrap_or(2048);
        let started = tasks.spawn(Task::MapPicture, move || {
            let decoded = venue_map::load_picture(key.0.as_deref(), key.1.as_deref())
                .map(|rgba| {
                    let rgba = venue_map::shrink_to(rgba, max_side);
                    let size = [rgba.width() as usize, rgba.height() as usize];
                    egui::ColorImage::from_rgba_unmultiplied(size, rgba.as_raw())
                })
                .map_err(|err| err.to_string());
            Some(Command::Done(Done::MapDecoded { key, result: Parcel::new(decoded) }))
        });
        self.picture = match started {
            Ok(()) => MapPicture::Loading { name },
            Err(message) => MapPicture::Failed { name, message },
        };
    }

    /// Pixels decoded in the background, kept if they are still the picture wanted.
    pub fn decoded(&mut self, key: &MapKey, result: &Parcel<Decoded>) {
        if self.key.as_ref() == Some(key) {
            self.pending = result.take();
        }
    }

    fn show(&mut self, ctx: &egui::Context, decoded: Decoded) {
        let name = match &self.picture {
            MapPicture::Loading { name } => name.clone(),
            _ => String::new(),
        };
        self.picture = match decoded {
            Ok(image) => {
                let options = egui::TextureOptions {
                    mipmap_mode: Some(egui::TextureFilter::Linear),
                    ..egui::TextureOptions::LINEAR
                };
                let size = egui::vec2(image.size[0] as f32, image.size[1] as f32);
                MapPicture::Ready { texture: ctx.load_texture("venue-map", image, options), size, name }
            }
            Err(message) => {
                log::warn!("{message}");
                MapPicture::Failed { name, message }
            }
        };
    }
}

impl Documents {
    /// Makes the picture at `path` the plan's venue map (one undoable edit), keeping the pins of
    /// a picture chosen before.
    pub(super) fn set_map_image(&mut self, path: &Path, time: f64) {
        let image = venue_map::absolute(path);
        let pins = match &self.ws.plan.map {
            Some(map) if map.image.is_some() => map.pins.clone(),
            _ => std::collections::BTreeMap::new(),
        };
        self.show(crate::ui::Tab::Map);
        self.edit_plan(Edit::SetMap(Some(Box::new(VenueMap { image: Some(image), pins }))), time);
    }
}
