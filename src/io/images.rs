//! Images a schedule refers to (a venue map, logos): read only from inside the schedule's folder,
//! refused before reading when the file is too big, and decoded with [`image::Limits`] so a
//! decompression bomb is refused from its header instead of filling memory.
//!
//! What [`load_image`] guarantees, whatever the schedule says:
//! - the path is relative and stays inside `base_dir`: no `..`, no absolute path, and no symlink
//!   (anywhere along the path) that resolves outside the folder;
//! - only a regular file is opened (never a FIFO or device, which could block or never end);
//! - at most [`MAX_IMAGE_FILE_BYTES`] are read;
//! - width and height are at most [`MAX_IMAGE_SIDE`], the pixel count at most
//!   [`MAX_IMAGE_PIXELS`], and the decoder allocates at most [`MAX_DECODE_ALLOC`] bytes.
//!
//! PNG and JPEG are supported (the `image` features lanyard enables). No egui here: the result is
//! a plain RGBA buffer that the UI turns into a texture. Decoding a large image takes a moment, so
//! callers run it on a background thread.

use std::io::Read as _;
use std::path::{Component, Path, PathBuf};

/// Image files larger than this are refused before reading. A detailed venue map is a few MB.
pub const MAX_IMAGE_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// The widest and tallest image decoded, in pixels.
pub const MAX_IMAGE_SIDE: u32 = 8192;
/// The most pixels decoded (40 megapixels: 160 MB as RGBA).
pub const MAX_IMAGE_PIXELS: u64 = 40_000_000;
/// The most the decoder may allocate at once, in bytes.
pub const MAX_DECODE_ALLOC: u64 = 256 * 1024 * 1024;

/// Why an image was not loaded. Paths come last in messages.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("the image path is empty")]
    EmptyPath,
    #[error("the image path {relative:?} leads outside the schedule's folder: {}", base.display())]
    OutsideFolder { relative: String, base: PathBuf },
    #[error("could not read the image: {source}: {}", path.display())]
    Read { source: std::io::Error, path: PathBuf },
    #[error("the image is not a regular file: {}", path.display())]
    NotAFile { path: PathBuf },
    #[error("the image file is {size} bytes, more than the {MAX_IMAGE_FILE_BYTES} an image can be: {}", path.display())]
    TooLarge { size: u64, path: PathBuf },
    #[error(
        "the image is {width}×{height} pixels, more than lanyard decodes \
         ({MAX_IMAGE_SIDE} a side, {MAX_IMAGE_PIXELS} in all): {}",
        path.display()
    )]
    TooManyPixels { width: u32, height: u32, path: PathBuf },
    #[error("the image would need more than {MAX_DECODE_ALLOC} bytes of memory to decode: {}", path.display())]
    TooMuchMemory { path: PathBuf },
    #[error("not an image lanyard can read (PNG or JPEG): {source}: {}", path.display())]
    Decode { source: Box<image::ImageError>, path: PathBuf },
}

/// The limits every decode runs under.
fn limits() -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    limits
}

/// Resolves `relative` inside `base_dir`, refusing anything that leads outside it.
///
/// # Errors
/// [`ImageError::EmptyPath`], [`ImageError::OutsideFolder`], or [`ImageError::Read`] if the file
/// or the folder does not exist.
pub fn resolve_inside(base_dir: &Path, relative: &str) -> Result<PathBuf, ImageError> {
    let outside = || ImageError::OutsideFolder { relative: relative.to_owned(), base: base_dir.to_owned() };
    if relative.trim().is_empty() {
        return Err(ImageError::EmptyPath);
    }
    // Both separators count, whatever platform wrote the schedule.
    let normalised = relative.replace('\\', "/");
    let path = Path::new(&normalised);
    if relative.contains('\0') || !path.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir)) {
        return Err(outside());
    }
    let read_err = |source, path: &Path| ImageError::Read { source, path: path.to_owned() };
    let base = base_dir.canonicalize().map_err(|e| read_err(e, base_dir))?;
    let joined = base.join(path);
    let resolved = joined.canonicalize().map_err(|e| read_err(e, &joined))?;
    if !resolved.starts_with(&base) {
        return Err(outside());
    }
    Ok(resolved)
}

/// Loads the image at `relative` (as the schedule wrote it) inside `base_dir` as RGBA pixels.
///
/// # Errors
/// See [`ImageError`]: a path leading outside `base_dir`, a missing or unreadable file, one over
/// [`MAX_IMAGE_FILE_BYTES`], an image over the pixel or memory limits, or one that does not
/// decode (truncated, corrupt, an unsupported format).
pub fn load_image(base_dir: &Path, relative: &str) -> Result<image::RgbaImage, ImageError> {
    let path = resolve_inside(base_dir, relative)?;
    let bytes = read_capped(&path)?;
    decode(&bytes, &path)
}

/// Loads an image the user chose themselves (in a file dialog, or dropped on the window) as RGBA
/// pixels. There is no folder to stay inside, but every other limit of [`load_image`] holds: a
/// regular file only, at most [`MAX_IMAGE_FILE_BYTES`], and the pixel and memory limits.
///
/// # Errors
/// See [`ImageError`], except [`ImageError::OutsideFolder`].
pub fn load_image_file(path: &Path) -> Result<image::RgbaImage, ImageError> {
    if path.as_os_str().is_empty() {
        return Err(ImageError::EmptyPath);
    }
    let bytes = read_capped(path)?;
    decode(&bytes, path)
}

/// Reads a regular file of at most [`MAX_IMAGE_FILE_BYTES`].
fn read_capped(path: &Path) -> Result<Vec<u8>, ImageError> {
    let read_err = |source| ImageError::Read { source, path: path.to_owned() };
    // Checked before opening: opening a FIFO for reading would block.
    if !std::fs::metadata(path).map_err(read_err)?.is_file() {
        return Err(ImageError::NotAFile { path: path.to_owned() });
    }
    let file = std::fs::File::open(path).map_err(read_err)?;
    let metadata = file.metadata().map_err(read_err)?;
    if !metadata.is_file() {
        return Err(ImageError::NotAFile { path: path.to_owned() });
    }
    if metadata.len() > MAX_IMAGE_FILE_BYTES {
        return Err(ImageError::TooLarge { size: metadata.len(), path: path.to_owned() });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(MAX_IMAGE_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(read_err)?;
    // The file may have grown since it was measured.
    if bytes.len() as u64 > MAX_IMAGE_FILE_BYTES {
        return Err(ImageError::TooLarge { size: bytes.len() as u64, path: path.to_owned() });
    }
    Ok(bytes)
}

/// Decodes image bytes under the limits; `path` is for messages only.
///
/// # Errors
/// [`ImageError::TooManyPixels`], [`ImageError::TooMuchMemory`] or [`ImageError::Decode`].
pub fn decode(bytes: &[u8], path: &Path) -> Result<image::RgbaImage, ImageError> {
    use image::ImageDecoder as _;

    let map = |err: image::ImageError| match &err {
        image::ImageError::Limits(limit) if limit.kind() == image::error::LimitErrorKind::InsufficientMemory => {
            ImageError::TooMuchMemory { path: path.to_owned() }
        }
        _ => ImageError::Decode { source: Box::new(err), path: path.to_owned() },
    };
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ImageError::Read { source: e, path: path.to_owned() })?;
    reader.limits(limits());
    let decoder = reader.into_decoder().map_err(|err| match &err {
        image::ImageError::Limits(limit) if limit.kind() == image::error::LimitErrorKind::DimensionError => {
            // The header already said too big; name the size if the format lets us read it.
            let (width, height) = image::ImageReader::new(std::io::Cursor::new(bytes))
                .with_guessed_format()
                .ok()
                .and_then(|r| r.into_dimensions().ok())
                .unwrap_or((0, 0));
            ImageError::TooManyPixels { width, height, path: path.to_owned() }
        }
        _ => map(err),
    })?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_IMAGE_PIXELS {
        return Err(ImageError::TooManyPixels { width, height, path: path.to_owned() });
    }
    // Not every decoder holds itself to `max_alloc` for its output buffer (PNG does not), so
    // check the decoded size here too; the RGBA copy below is at most as large again.
    if decoder.total_bytes() > MAX_DECODE_ALLOC {
        return Err(ImageError::TooMuchMemory { path: path.to_owned() });
    }
    let image = image::DynamicImage::from_decoder(decoder).map_err(map)?;
    Ok(image.into_rgba8())
}
