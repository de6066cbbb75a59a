//! Hostile images for `io::images::load_image`: decompression bombs, oversized images, truncated
//! files, FIFOs, huge files, and paths that escape the schedule's folder (`..`, absolute paths,
//! symlinks). Each is refused with a typed error, quickly, without a hang and without memory
//! growing past a small budget. Every bomb is generated at test time.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use std::path::Path;
use std::time::{Duration, Instant};

use lanyard::io::images::{self, ImageError};

use crate::common::write_raw as write;

// ---- PNG and zlib written by hand, so a bomb can declare anything and stay small on disk. ----

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffff_u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A PNG declaring `width`×`height` at `bit_depth`/`colour_type`, whose image data is `idat`.
fn png(width: u32, height: u32, bit_depth: u8, colour_type: u8, idat: &[u8]) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[bit_depth, colour_type, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", idat);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// LSB-first bit writer (deflate's order).
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    len: u32,
}

impl Bits {
    fn put(&mut self, value: u64, n: u32) {
        self.acc |= value << self.len;
        self.len += n;
        while self.len >= 8 {
            self.out.push((self.acc & 0xff) as u8);
            self.acc >>= 8;
            self.len -= 8;
        }
    }

    /// A Huffman code, which deflate stores most significant bit first.
    fn code(&mut self, code: u64, n: u32) {
        let reversed = (0..n).fold(0, |r, i| (r << 1) | ((code >> i) & 1));
        self.put(reversed, n);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.len > 0 {
            self.put(0, 8 - self.len);
        }
        self.out
    }
}

/// A zlib stream inflating to `n` zero bytes, about 13 bits per 258 bytes: the shape of a
/// decompression bomb. Zero is also PNG's "no filter" byte, so any all-zero stream is valid
/// image data.
fn zlib_zeros(n: u64) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.put(0x78, 8);
    bits.put(0x01, 8);
    bits.put(1, 1); // BFINAL
    bits.put(1, 2); // fixed Huffman codes
    let literal_zero = |bits: &mut Bits| bits.code(0x30, 8);
    literal_zero(&mut bits);
    let rest = n.saturating_sub(1);
    for _ in 0..rest / 258 {
        bits.code(0xc5, 8); // length 258 (code 285)
        bits.code(0, 5); // distance 1
    }
    for _ in 0..rest % 258 {
        literal_zero(&mut bits);
    }
    bits.code(0, 7); // end of block
    let mut out = bits.finish();
    let adler = ((n % 65_521) << 16) | 1;
    out.extend_from_slice(&u32::try_from(adler).unwrap().to_be_bytes());
    out
}

/// A real PNG of `width`×`height` through the `image` crate's encoder.
fn encoded_png(width: u32, height: u32) -> Vec<u8> {
    let image =
        image::RgbaImage::from_fn(width, height, |x, y| image::Rgba([(x % 256) as u8, (y % 256) as u8, 7, 255]));
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// Peak resident memory of this process so far, in KiB (`VmHWM`).
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// The error of a load that must fail; on success panics naming only the size (never the pixels).
fn refused(result: Result<image::RgbaImage, ImageError>) -> ImageError {
    match result {
        Ok(image) => panic!("a {}×{} image was loaded", image.width(), image.height()),
        Err(err) => err,
    }
}

/// Runs `load_image` on `name` inside `dir`, checking it is quick and keeps memory bounded.
fn load_bounded(dir: &Path, name: &str) -> Result<image::RgbaImage, ImageError> {
    let start = Instant::now();
    let result = images::load_image(dir, name);
    assert!(start.elapsed() < Duration::from_secs(10), "{name} took {:?}", start.elapsed());
    // Tests run in parallel threads of one process, so this is a loose bound for all of them:
    // far below the 1.5 GB budget and below what any of the bombs would need.
    assert!(peak_rss_kib() < 1_000_000, "peak memory {} KiB after {name}", peak_rss_kib());
    result
}

#[test]
fn a_png_declaring_100000_by_100000_pixels_is_refused_from_its_header() {
    let dir = tempfile::tempdir().unwrap();
    // 10^10 pixels of grey; the data that follows is a 1 MB start of the zero stream.
    write(&dir.path().join("bomb.png"), &png(100_000, 100_000, 8, 0, &zlib_zeros(1_000_000)));
    let err = refused(load_bounded(dir.path(), "bomb.png"));
    assert!(matches!(err, ImageError::TooManyPixels { width: 100_000, height: 100_000, .. }), "{err}");
    assert!(err.to_string().contains("100000×100000"), "{err}");
}

#[test]
fn a_real_decompression_bomb_within_the_side_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // 8192×8192 RGBA at 16 bits: 537 MB of pixels in a 3.4 MB file.
    let raw = 8192 * (1 + 8192 * 8);
    let bomb = png(8192, 8192, 16, 6, &zlib_zeros(raw));
    assert!(bomb.len() < 4_000_000, "{}", bomb.len());
    write(&dir.path().join("bomb.png"), &bomb);
    let err = refused(load_bounded(dir.path(), "bomb.png"));
    assert!(matches!(err, ImageError::TooManyPixels { .. } | ImageError::TooMuchMemory { .. }), "{err}");
    // Under the pixel limit but over the memory limit: 6000×6000 RGBA at 16 bits is 288 MB.
    let raw = 6000 * (1 + 6000 * 8);
    write(&dir.path().join("wide.png"), &png(6000, 6000, 16, 6, &zlib_zeros(raw)));
    let err = refused(load_bounded(dir.path(), "wide.png"));
    assert!(matches!(err, ImageError::TooMuchMemory { .. }), "{err}");
}

#[test]
fn the_zero_stream_is_a_valid_image_when_small() {
    // Proves the bomb generator writes real image data: a small one decodes to black.
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("small.png"), &png(300, 200, 8, 6, &zlib_zeros(200 * (1 + 300 * 4))));
    let image = load_bounded(dir.path(), "small.png").unwrap();
    assert_eq!(image.dimensions(), (300, 200));
    assert!(image.pixels().all(|p| p.0 == [0, 0, 0, 0]));
}

#[test]
fn oversized_images_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("wide.png"), &encoded_png(9_000, 4));
    let err = refused(load_bounded(dir.path(), "wide.png"));
    assert!(matches!(err, ImageError::TooManyPixels { width: 9_000, height: 4, .. }), "{err}");
    // A file over the size cap is refused before it is read (sparse: no disk used).
    let huge = std::fs::File::create(dir.path().join("huge.png")).unwrap();
    huge.set_len(images::MAX_IMAGE_FILE_BYTES + 1).unwrap();
    let err = refused(load_bounded(dir.path(), "huge.png"));
    assert!(matches!(err, ImageError::TooLarge { .. }), "{err}");
}

#[test]
fn truncated_and_garbage_images_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let good = encoded_png(64, 64);
    for cut in [good.len() / 2, 40, 8, 3] {
        write(&dir.path().join("cut.png"), &good[..cut]);
        let err = refused(load_bounded(dir.path(), "cut.png"));
        assert!(matches!(err, ImageError::Decode { .. }), "cut at {cut}: {err}");
    }
    write(&dir.path().join("junk.png"), b"\x00\xffnot an image at all");
    assert!(matches!(refused(load_bounded(dir.path(), "junk.png")), ImageError::Decode { .. }));
    write(&dir.path().join("empty.png"), b"");
    assert!(matches!(refused(load_bounded(dir.path(), "empty.png")), ImageError::Decode { .. }));
}

#[test]
fn good_png_and_jpeg_load() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("maps")).unwrap();
    write(&dir.path().join("maps/venue.png"), &encoded_png(120, 80));
    let image = load_bounded(dir.path(), "maps/venue.png").unwrap();
    assert_eq!(image.dimensions(), (120, 80));
    assert_eq!(image.get_pixel(5, 6).0, [5, 6, 7, 255]);
    // Windows separators and `./` are fine.
    assert!(load_bounded(dir.path(), "maps\\venue.png").is_ok());
    assert!(load_bounded(dir.path(), "./maps/venue.png").is_ok());
    let rgb = image::RgbImage::from_pixel(32, 16, image::Rgb([200, 100, 50]));
    let mut jpeg = std::io::Cursor::new(Vec::new());
    rgb.write_to(&mut jpeg, image::ImageFormat::Jpeg).unwrap();
    write(&dir.path().join("logo.jpg"), jpeg.get_ref());
    assert_eq!(load_bounded(dir.path(), "logo.jpg").unwrap().dimensions(), (32, 16));
}

#[test]
fn paths_that_leave_the_folder_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let base = tmp.path().join("schedule");
    std::fs::create_dir_all(base.join("maps")).unwrap();
    write(&tmp.path().join("secret.png"), &encoded_png(4, 4));
    write(&base.join("maps/venue.png"), &encoded_png(4, 4));
    for path in [
        "../../etc/passwd",
        "../secret.png",
        "maps/../../secret.png",
        "..\\secret.png",
        "/etc/passwd",
        "\\etc\\passwd",
        &tmp.path().join("secret.png").to_string_lossy(),
        "maps/venue.png\0.txt",
    ] {
        let err = refused(images::load_image(&base, path));
        assert!(matches!(err, ImageError::OutsideFolder { .. }), "{path:?}: {err}");
    }
    assert!(matches!(refused(images::load_image(&base, "")), ImageError::EmptyPath));
    assert!(matches!(refused(images::load_image(&base, "  ")), ImageError::EmptyPath));
    // Going up and back down inside the folder is refused too: no `..` at all.
    assert!(matches!(refused(images::load_image(&base, "maps/../maps/venue.png")), ImageError::OutsideFolder { .. }));
    assert!(matches!(refused(images::load_image(&base, "missing.png")), ImageError::Read { .. }));
}

#[test]
fn symlinks_out_of_the_folder_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let base = tmp.path().join("schedule");
    let outside = tmp.path().join("outside");
    std::fs::create_dir_all(&base).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    write(&outside.join("secret.png"), &encoded_png(4, 4));
    write(&base.join("inside.png"), &encoded_png(4, 4));
    std::os::unix::fs::symlink(outside.join("secret.png"), base.join("map.png")).unwrap();
    std::os::unix::fs::symlink(&outside, base.join("maps")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", base.join("passwd.png")).unwrap();
    for path in ["map.png", "maps/secret.png", "passwd.png"] {
        let err = refused(images::load_image(&base, path));
        assert!(matches!(err, ImageError::OutsideFolder { .. }), "{path}: {err}");
    }
    // A symlink that stays inside is fine.
    std::os::unix::fs::symlink(base.join("inside.png"), base.join("alias.png")).unwrap();
    assert!(images::load_image(&base, "alias.png").is_ok());
}

#[test]
fn a_fifo_or_a_device_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("map.png");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let err = refused(load_bounded(dir.path(), "map.png"));
    assert!(matches!(err, ImageError::NotAFile { .. }), "{err}");
    // A folder named like an image is not a file either.
    std::fs::create_dir(dir.path().join("folder.png")).unwrap();
    assert!(matches!(refused(load_bounded(dir.path(), "folder.png")), ImageError::NotAFile { .. }));
}
