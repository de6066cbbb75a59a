//! The venue map's picture, off the frame path: when the map tab needs a picture it is not showing
//! yet, a named thread reads and decodes it through `io::venue_map` (all of `io::images`' limits
//! hold) and hands back pixels; the frame then turns them into an egui texture, once.
//!
//! Also which map is shown: the plan's, else the one that comes with the conference (the bundled
//! sample's, with its default pins).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

use super::{LanyardApp, MAX_TEXTURE_SIDE};
use crate::command::Command;
use crate::io::venue_map;
use crate::model::{Edit, Plan, VenueMap};
use crate::ui::map_view::{MapCtx, MapPicture};

/// Which picture: the map's image (`None`: bundled) and the plan's folder.
type PictureKey = (Option<PathBuf>, Option<PathBuf>);

type Decoded = Result<egui::ColorImage, String>;

#[derive(Default)]
pub(super) struct MapPictureSlot {
    /// The picture loaded or loading.
    key: Option<PictureKey>,
    loading: Option<Receiver<Decoded>>,
    picture: MapPicture,
    /// The conference the bundled map was looked up for, and that map.
    bundled: Option<(String, Option<VenueMap>)>,
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
    fn sync(&mut self, ctx: &egui::Context, plan: &Plan, conference_id: &str, plan_dir: Option<&Path>, visible: bool) {
        if self.bundled.as_ref().is_none_or(|(id, _)| id != conference_id) {
            self.bundled = Some((conference_id.to_owned(), venue_map::bundled_map(conference_id)));
        }
        if visible {
            let bundled = self.bundled.as_ref().and_then(|(_, map)| map.as_ref());
            let wanted = plan.map.as_ref().or(bundled).map(|map| (map.image.as_deref(), plan_dir));
            // Compared by reference: nothing is allocated while the picture stays the same.
            if wanted != self.key.as_ref().map(|(image, dir)| (image.as_deref(), dir.as_deref())) {
                let wanted = wanted.map(|(image, dir)| (image.map(Path::to_owned), dir.map(Path::to_owned)));
                self.start(ctx, wanted);
            }
        }
        self.poll(ctx);
    }

    /// Forgets the loaded picture, so the next [`Self::sync`] reads it from disk again.
    pub fn reload(&mut self) {
        self.key = None;
    }

    fn start(&mut self, ctx: &egui::Context, wanted: Option<PictureKey>) {
        self.loading = None;
        self.key.clone_from(&wanted);
        let Some((image, plan_dir)) = wanted else {
            self.picture = MapPicture::None;
            return;
        };
        let name = venue_map::display_name(image.as_deref());
        let max_side = u32::try_from(ctx.input(|i| i.max_texture_side).min(MAX_TEXTURE_SIDE)).unwrap_or(2048);
        let (tx, rx) = std::sync::mpsc::channel();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new().name("lanyard-venue-map".to_owned()).spawn(move || {
            let decoded = venue_map::load_picture(image.as_deref(), plan_dir.as_deref())
                .map(|rgba| {
                    let rgba = venue_map::shrink_to(rgba, max_side);
                    let size = [rgba.width() as usize, rgba.height() as usize];
                    egui::ColorImage::from_rgba_unmultiplied(size, rgba.as_raw())
                })
                .map_err(|err| err.to_string());
            tx.send(decoded).ok();
            repaint.request_repaint();
        });
        self.picture = match spawned {
            Ok(_) => {
                self.loading = Some(rx);
                MapPicture::Loading { name }
            }
            Err(err) => MapPicture::Failed { name, message: format!("could not start loading the map: {err}") },
        };
    }

    fn poll(&mut self, ctx: &egui::Context) {
        let Some(rx) = &self.loading else { return };
        let name = match &self.picture {
            MapPicture::Loading { name } => name.clone(),
            _ => String::new(),
        };
        let decoded = match rx.try_recv() {
            Ok(decoded) => decoded,
            Err(TryRecvError::Empty) => {
                // The thread wakes the window when done; this is a fallback.
                ctx.request_repaint_after(std::time::Duration::from_millis(200));
                return;
            }
            Err(TryRecvError::Disconnected) => Err("loading the map stopped unexpectedly".to_owned()),
        };
        self.loading = None;
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

impl LanyardApp {
    /// `Command::LoadMapImage`: makes `path` the plan's map picture (undoable) and shows it. Pins
    /// placed on an earlier picture of the attendee's stay (most often the new file is a newer
    /// version of the same plan); the conference's default pins do not, since they belong to
    /// its own picture.
    pub(super) fn load_map_image(&mut self, path: &Path, time: f64) {
        let image = venue_map::absolute(path);
        let pins = match &self.ws.plan.map {
            Some(map) if map.image.is_some() => map.pins.clone(),
            _ => std::collections::BTreeMap::new(),
        };
        self.map_picture.reload();
        self.ui.tab = crate::ui::Tab::Map;
        let map = VenueMap { image: Some(image), pins };
        self.execute(Command::Edit(Edit::SetMap(Some(Box::new(map)))), time);
    }

    /// Keeps the map picture in step with the plan; see [`MapPictureSlot::sync`]. Relative
    /// picture paths are found in the plan's folder.
    pub(super) fn sync_map_picture(&mut self, ctx: &egui::Context) {
        let plan_dir = self.plan_slot.path.as_deref().and_then(Path::parent);
        let visible = self.ui.tab == crate::ui::Tab::Map;
        self.map_picture.sync(ctx, &self.ws.plan, &self.ws.schedule.conference().id, plan_dir, visible);
    }
}
