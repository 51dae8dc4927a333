//! EPC QR codes as SVG text and PNG bytes.
//!
//! The QR symbol comes from `fast_qr` (error-correction level M, byte mode, smallest version);
//! kassa checks the payload strictly first and refuses a symbol above version 13, then draws the
//! modules itself: SVG as one path of horizontal runs, PNG as a 1-bit greyscale image (the PNG
//! framing written here, the image data deflated by `miniz_oxide`).
//!
//! `fast_qr` was chosen over `qrcode` (measured for this issue, see `core/benches/epc.rs`): it
//! encodes a typical EPC payload about 9 times faster, its wasm code is about as small (24.6 KB vs
//! 25.9 KB gzipped in a minimal cdylib), and `qrcode`'s segment optimiser needs version 14 for a
//! 331-byte payload that fits version 13 in plain byte mode, which would break the EPC limit.

use std::fmt::Write as _;

use super::{parse, Mode};
use crate::error::{Error, ValidationCode};

/// The largest QR version an EPC payload may use.
pub const MAX_QR_VERSION: u8 = 13;

/// How to draw the code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RenderOptions {
    /// Pixels per module, 1 to 32 (the SVG's width and height; the PNG's scale). Default 4.
    pub module_px: u32,
    /// The quiet zone around the symbol in modules, 4 (the minimum of ISO 18004 and EPC069-12)
    /// to 16. Default 4.
    pub border: u32,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions { module_px: 4, border: 4 }
    }
}

impl RenderOptions {
    /// Options with these values (checked when rendering).
    pub fn new(module_px: u32, border: u32) -> Self {
        RenderOptions { module_px, border }
    }

    fn check(&self) -> Result<(), Error> {
        if !(1..=32).contains(&self.module_px) {
            return Err(Error::validation(ValidationCode::QrModulePx, "module_px", "module_px is 1 to 32 pixels per module"));
        }
        if !(4..=16).contains(&self.border) {
            return Err(Error::validation(
                ValidationCode::QrBorder,
                "border",
                "the quiet zone is 4 to 16 modules: scanners need at least 4 (ISO 18004, EPC069-12)",
            ));
        }
        Ok(())
    }
}

/// A QR symbol: its version and its modules (without quiet zone).
#[derive(Clone, PartialEq, Eq)]
pub struct QrCode {
    version: u8,
    width: usize,
    dark: Vec<bool>,
}

impl std::fmt::Debug for QrCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QrCode").field("version", &self.version).field("width", &self.width).finish_non_exhaustive()
    }
}

impl QrCode {
    /// The QR version, 1 to 13.
    pub fn version(&self) -> u8 {
        self.version
    }

    /// The number of modules per side (`4 * version + 17`).
    pub fn width(&self) -> usize {
        self.width
    }

    /// Whether the module at column `x`, row `y` is dark (`false` outside the symbol).
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark.get(y * self.width + x).copied().unwrap_or(false)
    }

    /// The symbol as SVG: `viewBox` in modules (quiet zone included), `width`/`height` in pixels,
    /// a white background and one black path.
    pub fn svg(&self, options: &RenderOptions) -> Result<String, Error> {
        options.check()?;
        let border = options.border as usize;
        let n = self.width + 2 * border;
        let px = n * options.module_px as usize;
        let mut out = String::with_capacity(256 + self.width * self.width * 3);
        let _ = write!(
            out,
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{px}" height="{px}" viewBox="0 0 {n} {n}" shape-rendering="crispEdges"><path fill="#fff" d="M0 0h{n}v{n}H0z"/><path fill="#000" d=""##
        );
        for y in 0..self.width {
            let mut x = 0;
            while x < self.width {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < self.width && self.is_dark(x, y) {
                    x += 1;
                }
                let len = x - start;
                let _ = write!(out, "M{} {}h{len}v1h-{len}z", start + border, y + border);
            }
        }
        out.push_str(r#""/></svg>"#);
        Ok(out)
    }

    /// The symbol as text for a terminal: two rows of modules per line in Unicode half blocks
    /// (`█ ▀ ▄`), `border` modules of quiet zone around it, lines ending in `\n`. The blocks
    /// are the dark modules; with `invert` they are the light ones, for a terminal that draws
    /// light text on a dark background (a scanner needs dark modules on light).
    pub fn text(&self, border: u32, invert: bool) -> String {
        let b = border as usize;
        let n = self.width + 2 * b;
        // The module at (x, y) of the bordered symbol, as ink or not.
        let ink = |x: usize, y: usize| {
            let dark = x >= b && y >= b && self.is_dark(x - b, y - b);
            dark != invert
        };
        let mut out = String::with_capacity((n + 1) * n.div_ceil(2) * 3);
        for y in (0..n).step_by(2) {
            for x in 0..n {
                out.push(match (ink(x, y), y + 1 < n && ink(x, y + 1)) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                });
            }
            out.push('\n');
        }
        out
    }

    /// The symbol as a PNG: 1-bit greyscale, `module_px` pixels per module, quiet zone included.
    pub fn png(&self, options: &RenderOptions) -> Result<Vec<u8>, Error> {
        options.check()?;
        let scale = options.module_px as usize;
        let border = options.border as usize;
        let n = self.width + 2 * border;
        let side = n * scale;
        // Each scanline is its filter type and then its pixels, 8 to a byte (1 white). A row of
        // modules is `scale` identical scanlines: the first is written as is (filter 0, none),
        // the others as their difference to the one above (filter 2, up), all zeros, which
        // deflate stores in a few bytes; so is a row the same as the row above it.
        let line_bytes = side.div_ceil(8);
        let row_bytes = 1 + line_bytes;
        let mut scanlines = Vec::with_capacity(row_bytes * side);
        let mut line = vec![0xFFu8; line_bytes];
        // The pixels of the scanline above (none yet: empty).
        let mut above = Vec::with_capacity(line_bytes);
        for my in 0..n {
            line.fill(0xFF);
            if let Some(y) = my.checked_sub(border) {
                for x in 0..self.width {
                    if self.is_dark(x, y) {
                        for col in (x + border) * scale..(x + border + 1) * scale {
                            if let Some(b) = line.get_mut(col / 8) {
                                *b &= !(0x80 >> (col % 8));
                            }
                        }
                    }
                }
            }
            let repeats = if above == line {
                0
            } else {
                scanlines.push(0);
                scanlines.extend_from_slice(&line);
                1
            };
            for _ in repeats..scale {
                scanlines.push(2);
                scanlines.resize(scanlines.len() + line_bytes, 0);
            }
            above.clear();
            above.extend_from_slice(&line);
        }
        let side32 =
            u32::try_from(side).map_err(|_| Error::validation(ValidationCode::QrModulePx, "module_px", "image too large"))?;
        Ok(png_grey1(side32, row_bytes, &scanlines))
    }
}

/// A PNG of a square 1-bit greyscale image `side` pixels wide: `scanlines` are its rows of
/// `row_bytes` bytes each, a filter type byte and then the (filtered) pixels, most significant bit
/// first.
///
/// PNG's framing is written here (signature, IHDR, one IDAT, IEND, each chunk with its CRC-32) and
/// the image data is a zlib stream from `miniz_oxide`'s compressor: the `png` crate would also
/// link a decompressor and two deflate implementations into every browser build.
fn png_grey1(side: u32, row_bytes: usize, scanlines: &[u8]) -> Vec<u8> {
    debug_assert_eq!(scanlines.len(), row_bytes * side as usize);
    let idat = miniz_oxide::deflate::compress_to_vec_zlib(scanlines, PNG_DEFLATE_LEVEL);
    let mut out = Vec::with_capacity(8 + 25 + 12 + idat.len() + 12);
    out.extend_from_slice(b"\x89PNG\r\n\x1a\n");
    let mut ihdr = [0u8; 13];
    ihdr[..4].copy_from_slice(&side.to_be_bytes());
    ihdr[4..8].copy_from_slice(&side.to_be_bytes());
    // Bit depth 1, colour type 0 (greyscale), compression 0, filter method 0, no interlace.
    ihdr[8] = 1;
    png_chunk(&mut out, b"IHDR", &ihdr);
    png_chunk(&mut out, b"IDAT", &idat);
    png_chunk(&mut out, b"IEND", &[]);
    out
}

/// The compression level of PNG image data (miniz's scale, 0 to 10; 6 is zlib's default).
const PNG_DEFLATE_LEVEL: u8 = 6;

/// Appends one PNG chunk: length, type, data, CRC-32 of type and data.
fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    // Chunk data here is at most the IDAT of a 3,232-pixel square (version 13, module_px 32,
    // border 16: 1.3 MB of scanlines before compression), far below PNG's 2^31 - 1 bytes.
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// CRC-32 (ISO 3309, the polynomial of PNG and zlib's `crc32`), from the `crc` crate with one
/// 256-entry table built at compile time (`crc32fast` would bring 16 KB of tables to the browser).
fn crc32(bytes: &[u8]) -> u32 {
    const CRC32: crc::Crc<u32, crc::Table<1>> = crc::Crc::<u32, crc::Table<1>>::new(&crc::CRC_32_ISO_HDLC);
    CRC32.checksum(bytes)
}

/// The QR symbol of a payload: checked strictly ([`parse`] in [`Mode::Strict`]), encoded in its
/// declared charset, level M, byte mode, smallest version (at most 13).
pub fn qr(payload: &str) -> Result<QrCode, Error> {
    let parsed = parse(payload, Mode::Strict)?;
    let bytes = parsed.epc.charset.encode(payload).map_err(|c| {
        Error::validation(
            ValidationCode::EpcCharsetUnencodable,
            "payload",
            format!("{} cannot write {}", parsed.epc.charset, crate::ident::describe(c)),
        )
    })?;
    encode(&bytes)
}

/// Encodes bytes as a level-M, byte-mode QR symbol of version at most 13.
pub(crate) fn encode(bytes: &[u8]) -> Result<QrCode, Error> {
    let too_big = || {
        Error::validation(
            ValidationCode::EpcTooLong,
            "payload",
            format!("{} bytes do not fit a version 13 QR code at level M", bytes.len()),
        )
    };
    let code = fast_qr::QRBuilder::new(bytes.to_vec())
        .ecl(fast_qr::ECL::M)
        .mode(fast_qr::Mode::Byte)
        .build()
        .map_err(|_| too_big())?;
    let width = code.size;
    let version = width.checked_sub(17).map(|w| w / 4).unwrap_or(0);
    if version == 0 || version > usize::from(MAX_QR_VERSION) {
        return Err(too_big());
    }
    let dark = code.data.get(..width * width).ok_or_else(too_big)?.iter().map(|m| m.value()).collect();
    Ok(QrCode { version: version as u8, width, dark })
}

/// The payload's QR code as SVG text.
pub fn svg(payload: &str, options: &RenderOptions) -> Result<String, Error> {
    options.check()?;
    qr(payload)?.svg(options)
}

/// The payload's QR code as PNG bytes.
pub fn png(payload: &str, options: &RenderOptions) -> Result<Vec<u8>, Error> {
    options.check()?;
    qr(payload)?.png(options)
}

/// The payload's QR code as terminal text ([`QrCode::text`]).
pub fn text(payload: &str, border: u32, invert: bool) -> Result<String, Error> {
    RenderOptions::new(1, border).check()?;
    Ok(qr(payload)?.text(border, invert))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_the_symbol_two_rows_a_line() {
        let code = qr("BCD\n002\n1\nSCT\n\nRed Cross\nBE72000000001616\nEUR1").unwrap();
        let text = code.text(1, false);
        let lines: Vec<&str> = text.lines().collect();
        let n = code.width() + 2;
        assert_eq!(lines.len(), n.div_ceil(2));
        assert!(lines.iter().all(|l| l.chars().count() == n));
        // Read the modules back from the blocks: the same symbol.
        for y in 0..n {
            for x in 0..n {
                let c = lines[y / 2].chars().nth(x).unwrap();
                let ink = if y % 2 == 0 { matches!(c, '█' | '▀') } else { matches!(c, '█' | '▄') };
                let dark = x >= 1 && y >= 1 && code.is_dark(x - 1, y - 1);
                assert_eq!(ink, dark, "({x}, {y})");
            }
        }
        let inverted = code.text(1, true);
        assert!(inverted.lines().next().unwrap().chars().all(|c| c == '█' || c == '▀'));
        assert!(text.lines().next().unwrap().chars().all(|c| c == ' ' || c == '▄'));
    }

    #[test]
    fn versions() {
        assert_eq!(encode(&[b'x'; 331]).unwrap().version(), 13);
        assert_eq!(encode(&[b'x'; 332]).unwrap_err().code(), "epc_too_long");
        assert_eq!(encode(b"BCD").unwrap().version(), 1);
        // Level M, byte mode: version 1 holds 14 bytes, version 2 holds 26.
        assert_eq!(encode(&[b'a'; 14]).unwrap().version(), 1);
        assert_eq!(encode(&[b'a'; 15]).unwrap().version(), 2);
    }

    #[test]
    fn options_are_checked() {
        let qr = encode(b"x").unwrap();
        assert_eq!(qr.svg(&RenderOptions::new(0, 4)).unwrap_err().code(), "qr_module_px");
        assert_eq!(qr.png(&RenderOptions::new(4, 3)).unwrap_err().code(), "qr_border");
        assert_eq!(qr.png(&RenderOptions::new(33, 4)).unwrap_err().code(), "qr_module_px");
        let svg = qr.svg(&RenderOptions::new(2, 4)).unwrap();
        assert!(svg.contains(r#"width="58" height="58" viewBox="0 0 29 29""#), "{svg}");
        let png = qr.png(&RenderOptions::default()).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    }

    #[test]
    fn crc32_is_png_s() {
        // The check value of CRC-32/ISO-HDLC, and the CRC of an empty IEND chunk as every PNG ends.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
        assert_eq!(crc32(b""), 0);
    }

    /// Decodes a PNG with the `png` crate (which checks every chunk's CRC and the zlib stream's
    /// Adler-32) into (width, height, one byte a pixel: 0 black, 255 white).
    fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let info = reader.info();
        assert_eq!((info.color_type, info.bit_depth, info.interlaced), (png::ColorType::Grayscale, png::BitDepth::One, false));
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let frame = reader.next_frame(&mut buf).unwrap();
        assert_eq!(frame.color_type, png::ColorType::Grayscale);
        assert_eq!(frame.bit_depth, png::BitDepth::Eight);
        buf.truncate(frame.buffer_size());
        // Nothing after IEND.
        reader.finish().unwrap();
        (frame.width, frame.height, buf)
    }

    #[test]
    fn png_decodes_to_the_symbol_at_every_scale() {
        let payloads: [&[u8]; 2] = [b"BCD", &[b'x'; 331]];
        for payload in payloads {
            let code = encode(payload).unwrap();
            for (module_px, border) in [(1, 4), (3, 4), (4, 5), (7, 16), (32, 4)] {
                let png = code.png(&RenderOptions::new(module_px, border)).unwrap();
                let (w, h, pixels) = decode_png(&png);
                let (scale, border) = (module_px as usize, border as usize);
                let side = (code.width() + 2 * border) * scale;
                assert_eq!((w as usize, h as usize), (side, side), "v{} {module_px}px", code.version());
                for y in 0..side {
                    for x in 0..side {
                        let (mx, my) = ((x / scale).wrapping_sub(border), (y / scale).wrapping_sub(border));
                        let want = if code.is_dark(mx, my) { 0 } else { 255 };
                        assert_eq!(pixels[y * side + x], want, "v{} {module_px}px ({x}, {y})", code.version());
                    }
                }
            }
        }
    }

    #[test]
    fn png_chunks_are_framed() {
        let png = encode(b"BCD").unwrap().png(&RenderOptions::default()).unwrap();
        // Signature, then IHDR (13 bytes) first and IEND (empty) last, each with a valid CRC.
        let mut at = 8;
        let mut kinds = Vec::new();
        while at < png.len() {
            let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
            let body = &png[at + 4..at + 8 + len];
            let crc = u32::from_be_bytes(png[at + 8 + len..at + 12 + len].try_into().unwrap());
            assert_eq!(crc32(body), crc);
            kinds.push((std::str::from_utf8(&body[..4]).unwrap().to_owned(), len));
            at += 12 + len;
        }
        assert_eq!(at, png.len());
        assert_eq!(kinds.len(), 3);
        assert_eq!(kinds[0], ("IHDR".to_owned(), 13));
        assert_eq!(kinds[1].0, "IDAT");
        assert_eq!(kinds[2], ("IEND".to_owned(), 0));
        // A version 1 code at 4 px a module: 116 x 116 pixels, 1-bit greyscale.
        assert_eq!(&png[16..29], &[0, 0, 0, 116, 0, 0, 0, 116, 1, 0, 0, 0, 0]);
    }
}
