//! The venue map's picture: the one bundled with the sample conference (with its room pins), or
//! a file the attendee chose. Pictures load through [`super::images`], so every size, pixel and
//! memory limit holds; decoding takes a moment, so callers run [`load_picture`] off the frame
//! path.
//!
//! `assets/venue-map.png` and `assets/venue-map.ron` (the sample's default pins) are generated
//! together by `scripts/venue_map.py`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::images::{self, ImageError};
use super::store::from_ron;
use crate::model::{ConferenceId, MapPoint, RoomKey, VenueMap};

/// The bundled sample conference's venue map.
pub const SAMPLE_MAP_PNG: &[u8] = include_bytes!("../../assets/venue-map.png");
/// Where each of the sample's rooms sits on [`SAMPLE_MAP_PNG`].
pub const SAMPLE_MAP_PINS: &str = include_str!("../../assets/venue-map.ron");

/// What `assets/venue-map.ron` holds.
#[derive(Debug, Deserialize)]
pub struct BundledPins {
    /// The conference the map belongs to.
    pub conference: ConferenceId,
    /// The picture's size in pixels, so a test can check the two files still agree.
    pub width: u32,
    pub height: u32,
    pub pins: BTreeMap<RoomKey, MapPoint>,
}

/// Parses a bundled pins file.
///
/// # Errors
/// The RON error, with its position.
pub fn parse_bundled_pins(text: &str) -> Result<BundledPins, ron::error::SpannedError> {
    from_ron(text)
}

/// The map that comes with the conference `conference_id`: the bundled sample's picture
/// (`image: None`) and its default pins. `None` for every other conference.
pub fn bundled_map(conference_id: &ConferenceId) -> Option<VenueMap> {
    let bundled = parse_bundled_pins(SAMPLE_MAP_PINS).ok()?;
    (&bundled.conference == conference_id).then_some(VenueMap { image: None, pins: bundled.pins })
}

/// Loads a map's picture as RGBA pixels: `None` is the bundled sample map; an absolute path is a
/// file the attendee chose; a relative path is resolved inside `plan_dir` (the plan's folder)
/// and may not lead out of it.
///
/// # Errors
/// See [`ImageError`]; every message names the file.
pub fn load_picture(image: Option<&Path>, plan_dir: Option<&Path>) -> Result<image::RgbaImage, ImageError> {
    let Some(image) = image else {
        return images::decode(SAMPLE_MAP_PNG, Path::new("venue-map.png (bundled)"));
    };
    if image.is_absolute() {
        return images::load_image_file(image);
    }
    let Some(plan_dir) = plan_dir else {
        let source = std::io::Error::new(std::io::ErrorKind::NotFound, "a relative path needs the plan's folder");
        return Err(ImageError::Read { source, path: image.to_owned() });
    };
    images::load_image(plan_dir, &image.to_string_lossy())
}

/// `image` scaled down (keeping its aspect ratio) so neither side exceeds `max_side`; unchanged
/// if it already fits. Graphics cards refuse textures past a size (often 8192 or 16384).
pub fn shrink_to(image: image::RgbaImage, max_side: u32) -> image::RgbaImage {
    let (width, height) = image.dimensions();
    let longest = width.max(height);
    if longest <= max_side || max_side == 0 {
        return image;
    }
    let scale = f64::from(max_side) / f64::from(longest);
    let scaled = |side: u32| ((f64::from(side) * scale).round() as u32).max(1);
    image::imageops::resize(&image, scaled(width), scaled(height), image::imageops::FilterType::Triangle)
}

/// The path to show for a map picture in messages and the map view.
pub fn display_name(image: Option<&Path>) -> String {
    image.map_or_else(|| "the bundled venue map".to_owned(), |path| path.display().to_string())
}

/// A path as the plan should keep it: absolute paths as they are, others made absolute against
/// the current folder (a dropped or chosen file is absolute already; a command-line one may not
/// be).
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_map_fits_its_pins_and_the_sample_rooms() {
        let bundled = parse_bundled_pins(SAMPLE_MAP_PINS).unwrap();
        let picture = load_picture(None, None).unwrap();
        assert_eq!(picture.dimensions(), (bundled.width, bundled.height), "run scripts/venue_map.py again");
        assert!(SAMPLE_MAP_PNG.len() < 200 * 1024, "the bundled map should stay small");
        let sample =
            crate::io::import::parse(include_bytes!("../../assets/sample-conference.ron"), "sample-conference.ron")
                .unwrap();
        assert_eq!(sample.conference().id, bundled.conference);
        let rooms: Vec<&str> = sample.rooms().iter().map(|r| r.key.as_str()).collect();
        let mut pinned: Vec<&str> = bundled.pins.keys().map(RoomKey::as_str).collect();
        let mut expected = rooms.clone();
        pinned.sort_unstable();
        expected.sort_unstable();
        assert_eq!(pinned, expected, "every sample room has a default pin, and only those");
        assert_eq!(bundled_map(&sample.conference().id).unwrap().pins.len(), rooms.len());
        assert_eq!(bundled_map(&"another-conference".into()), None);
    }

    #[test]
    fn pictures_load_from_absolute_and_plan_relative_paths() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("venue.png");
        crate::io::store::write_atomic(&path, SAMPLE_MAP_PNG).unwrap();
        assert_eq!(load_picture(Some(&path), None).unwrap().width(), 1600);
        assert_eq!(load_picture(Some(Path::new("venue.png")), Some(dir.path())).unwrap().width(), 1600);
        // A relative path stays inside the plan's folder.
        let outside = load_picture(Some(Path::new("../venue.png")), Some(dir.path())).unwrap_err();
        assert!(matches!(outside, ImageError::OutsideFolder { .. }), "{outside}");
        let no_folder = load_picture(Some(Path::new("venue.png")), None).unwrap_err();
        assert!(no_folder.to_string().contains("venue.png"), "{no_folder}");
    }

    #[test]
    fn a_broken_picture_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let garbage = dir.path().join("garbage.png");
        crate::io::store::write_atomic(&garbage, b"not a picture at all").unwrap();
        for path in [garbage, dir.path().join("missing.png"), dir.path().to_owned()] {
            let err = load_picture(Some(&path), None).unwrap_err();
            assert!(err.to_string().contains(&path.display().to_string()), "{err}");
        }
    }

    #[test]
    fn big_pictures_shrink_to_fit_keeping_their_shape() {
        let picture = image::RgbaImage::new(4000, 1000);
        assert_eq!(shrink_to(picture.clone(), 2000).dimensions(), (2000, 500));
        assert_eq!(shrink_to(picture, 8000).dimensions(), (4000, 1000));
    }
}
