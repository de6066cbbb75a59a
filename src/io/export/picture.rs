//! "Save as picture": the current view as a PNG, for printing or a phone lock screen. The pixels
//! come from eframe's screenshot; this module only encodes and writes them atomically.

use std::path::Path;

use image::{ImageFormat, RgbaImage};

#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    #[error("the picture is {width}×{height} pixels but holds {len} bytes")]
    WrongSize { width: usize, height: usize, len: usize },
    #[error("could not encode the picture as PNG: {0}")]
    Encode(#[from] image::ImageError),
    #[error("could not save the picture: {source}: {}", path.display())]
    Write { source: std::io::Error, path: std::path::PathBuf },
}

/// PNG bytes of an RGBA image, `width × height` pixels, rows top to bottom.
///
/// # Errors
/// If the pixel buffer does not match the size, or encoding fails.
pub fn png_bytes(width: usize, height: usize, rgba: &[u8]) -> Result<Vec<u8>, PictureError> {
    let wrong = || PictureError::WrongSize { width, height, len: rgba.len() };
    let (w, h) = (u32::try_from(width).map_err(|_| wrong())?, u32::try_from(height).map_err(|_| wrong())?);
    let image = RgbaImage::from_raw(w, h, rgba.to_vec()).ok_or_else(wrong)?;
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, ImageFormat::Png)?;
    Ok(bytes.into_inner())
}

/// Encodes and writes a PNG atomically.
///
/// # Errors
/// See [`png_bytes`], or if the file cannot be written.
pub fn save_png(path: &Path, width: usize, height: usize, rgba: &[u8]) -> Result<(), PictureError> {
    let bytes = png_bytes(width, height, rgba)?;
    crate::io::store::write_atomic(path, &bytes).map_err(|source| PictureError::Write { source, path: path.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixels_round_trip_through_png() {
        let (w, h) = (3, 2);
        let rgba: Vec<u8> = (0..w * h * 4).map(|i| u8::try_from(i * 10 % 256).unwrap()).collect();
        let png = png_bytes(w, h, &rgba).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        let back = image::load_from_memory_with_format(&png, ImageFormat::Png).unwrap().to_rgba8();
        assert_eq!(back.dimensions(), (3, 2));
        assert_eq!(back.into_raw(), rgba);
    }

    #[test]
    fn a_buffer_of_the_wrong_size_is_refused() {
        assert!(matches!(png_bytes(10, 10, &[0; 12]), Err(PictureError::WrongSize { .. })));
    }

    #[test]
    fn saves_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("agenda.png");
        save_png(&path, 1, 1, &[255, 0, 0, 255]).unwrap();
        let back = image::open(&path).unwrap().to_rgba8();
        assert_eq!(back.get_pixel(0, 0).0, [255, 0, 0, 255]);
    }
}
