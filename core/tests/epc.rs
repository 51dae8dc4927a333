//! EPC payloads end to end: build then parse returns the input for every charset and version
//! (property tests), and the rendered QR codes, PNG and SVG, decode back to the payload's bytes
//! with an independent decoder (rqrr).

use kassa::epc::{self, Amount, Charset, EpcBuilder, Mode, RenderOptions, Version};
use proptest::prelude::*;

/// IBANs inside the EEA (BIC optional in 002) and outside (BIC required).
const EEA_IBANS: &[&str] =
    &["BE68539007547034", "DE89370400440532013000", "FR1420041010050500013M02606", "NL91ABNA0417164300"];
const OTHER_IBANS: &[&str] = &["CH9300762011623852957", "GB29NWBK60161331926819"];

/// The printable characters of a charset: ASCII plus, for the single-byte sets, their upper
/// half; for UTF-8 a mix of scripts, emoji and combining marks.
fn repertoire(charset: Charset) -> Vec<char> {
    let mut chars: Vec<char> = (0x20u8..0x7F).map(char::from).collect();
    match charset {
        Charset::Utf8 => chars.extend("éèçàüößøåœłżźąęčšžđğışăîâ€£¥ΩπжЯ中文日本語한국🙂😀👍🏽\u{301}\u{200d}".chars()),
        other => chars.extend(
            (0xA0u8..=0xFF).filter_map(|b| other.decode(&[b]).ok()).flat_map(|s| s.chars().collect::<Vec<_>>()),
        ),
    }
    chars.retain(|c| !c.is_control());
    chars
}

fn text_in(charset: Charset, max: usize) -> impl Strategy<Value = String> {
    let chars = repertoire(charset);
    proptest::collection::vec(proptest::sample::select(chars), 0..=max).prop_map(|v| v.into_iter().collect())
}

fn builder() -> impl Strategy<Value = EpcBuilder> {
    let charset = proptest::sample::select(Charset::ALL.to_vec());
    let version = prop_oneof![Just(Version::V001), Just(Version::V002)];
    (charset, version).prop_flat_map(|(charset, version)| {
        (
            text_in(charset, 70).prop_filter("name must not be blank", |s| !s.trim().is_empty()),
            proptest::sample::select([EEA_IBANS, OTHER_IBANS].concat()),
            proptest::option::of(1u64..=99_999_999_999),
            proptest::option::of(prop_oneof![Just("GEBABEBB"), Just("deutdeff500"), Just("UBSWCHZH80A")]),
            proptest::option::of("[A-Z]{4}"),
            // 0: nothing, 1: RF reference, 2: OGM, 3: text
            (0u8..4, "[0-9A-Z]{1,21}", 0u64..10_000_000_000, text_in(charset, 140)),
            proptest::option::of(text_in(charset, 70)),
            any::<bool>(),
        )
            .prop_map(move |(name, iban, cents, bic, purpose, (kind, rf, ogm, text), information, forced)| {
                let mut b = EpcBuilder::new(name, iban);
                b.version = version;
                b.amount = cents.map(|c| Amount::from_cents(c as i64).unwrap());
                b.allow_no_amount = b.amount.is_none();
                b.bic = bic.map(str::to_owned);
                if b.bic.is_none() && (version == Version::V001 || !iban.starts_with(|c| "BDFN".contains(c))) {
                    b.bic = Some("GEBABEBB".into());
                }
                b.purpose = purpose;
                match kind {
                    1 => b.reference = Some(kassa::ident::rf::generate(&rf).unwrap()),
                    2 => b.reference = Some(kassa::ident::ogm::generate(ogm).unwrap()),
                    3 => b.text = Some(text),
                    _ => {}
                }
                b.information = information;
                b.charset = forced.then_some(charset);
                b
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// build -> parse (text and bytes) returns the same payment, for every charset and version.
    #[test]
    fn build_then_parse_round_trips(b in builder()) {
        let epc = match b.validate() {
            Ok(epc) => epc,
            Err(e) => {
                // The only refusal of a generated input: too long for 331 bytes.
                prop_assert_eq!(e.code(), "epc_too_long", "{:?}", e);
                return Ok(());
            }
        };
        let payload = b.build().unwrap();
        prop_assert_eq!(&payload, &epc.payload());
        let parsed = epc::parse(&payload, Mode::Strict).unwrap();
        prop_assert!(parsed.tolerated.is_empty());
        prop_assert_eq!(&parsed.epc, &epc);
        let bytes = epc.payload_bytes().unwrap();
        prop_assert!(bytes.len() <= epc::MAX_PAYLOAD_BYTES);
        let from_bytes = epc::parse_bytes(&bytes, Mode::Strict).unwrap();
        prop_assert_eq!(&from_bytes.epc, &epc);
        // Lenient reading of a valid payload tolerates nothing.
        prop_assert!(epc::parse(&payload, Mode::Lenient).unwrap().tolerated.is_empty());
        // The parsed payment builds the same payload again.
        prop_assert_eq!(parsed.epc.to_builder().build().unwrap(), payload.clone());
        if let Some(forced) = b.charset {
            prop_assert_eq!(epc.charset, forced);
        }
        // CRLF reads the same (when the extra CR bytes still fit 331 bytes: they count too).
        let crlf = payload.replace('\n', "\r\n");
        if epc.charset.encoded_len(&crlf).unwrap() <= epc::MAX_PAYLOAD_BYTES {
            prop_assert_eq!(epc::parse(&crlf, Mode::Strict).unwrap().epc, epc);
        } else {
            let e = epc::parse(&crlf, Mode::Strict).unwrap_err();
            prop_assert_eq!(e.code(), "epc_too_long");
        }
    }

    /// Lenient parsing never panics and strict parsing never accepts what lenient reports.
    #[test]
    fn parsing_arbitrary_text_is_total(s in "(BCD\n00[12]\n[1-9]\nSCT\n)?\\PC{0,120}(\n\\PC{0,40}){0,12}") {
        let strict = epc::parse(&s, Mode::Strict);
        let lenient = epc::parse(&s, Mode::Lenient);
        if let Ok(p) = &strict {
            prop_assert_eq!(&lenient.as_ref().unwrap().epc, &p.epc);
            prop_assert!(lenient.unwrap().tolerated.is_empty());
        }
        let _ = epc::parse_bytes(s.as_bytes(), Mode::Lenient);
    }
}

/// Decodes a greyscale image with rqrr: (version, ecc level bits, bytes).
fn decode(width: usize, height: usize, pixel: impl Fn(usize, usize) -> u8) -> (usize, u16, Vec<u8>) {
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(width, height, pixel);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    let mut bytes = Vec::new();
    let meta = grids[0].decode_to(&mut bytes).expect("rqrr decodes the code");
    (meta.version.0, meta.ecc_level, bytes)
}

fn decode_png(png: &[u8]) -> (usize, u16, Vec<u8>) {
    let img = image::load_from_memory_with_format(png, image::ImageFormat::Png).unwrap().to_luma8();
    decode(img.width() as usize, img.height() as usize, |x, y| img.get_pixel(x as u32, y as u32).0[0])
}

/// Reads kassa's SVG back into a module grid: checks the frame, then fills the `M x y h n v1 h-n z`
/// runs of the black path.
fn svg_grid(svg: &str) -> (usize, Vec<bool>) {
    let view = svg.split("viewBox=\"0 0 ").nth(1).unwrap();
    let n: usize = view.split(' ').next().unwrap().parse().unwrap();
    let d = svg.split(r##"<path fill="#000" d=""##).nth(1).unwrap().split('"').next().unwrap();
    let mut grid = vec![false; n * n];
    for run in d.split('M').filter(|r| !r.is_empty()) {
        let (xy, rest) = run.split_once('h').unwrap();
        let (x, y) = xy.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let len: usize = rest.split('v').next().unwrap().parse().unwrap();
        assert_eq!(rest, format!("{len}v1h-{len}z"));
        for dx in 0..len {
            grid[y * n + x + dx] = true;
        }
    }
    (n, grid)
}

fn check_renders(payload: &str, charset: Charset) -> usize {
    let bytes = charset.encode(payload).unwrap();
    let qr = epc::qr(payload).unwrap();
    assert!(qr.version() <= 13);
    // PNG, decoded by the image crate then rqrr.
    let png = epc::png(payload, &RenderOptions::new(3, 4)).unwrap();
    let (version, ecc, decoded) = decode_png(&png);
    assert_eq!(decoded, bytes, "PNG content");
    assert_eq!(version, usize::from(qr.version()));
    assert_eq!(ecc, 0, "error correction level M (format bits 00)");
    // SVG: the module grid matches the symbol, quiet zone included, and rasterised it decodes.
    let options = RenderOptions::new(1, 4);
    let svg = epc::svg(payload, &options).unwrap();
    let (n, grid) = svg_grid(&svg);
    assert_eq!(n, qr.width() + 8);
    for y in 0..n {
        for x in 0..n {
            let inside = (4..qr.width() + 4).contains(&x) && (4..qr.width() + 4).contains(&y);
            let expected = inside && qr.is_dark(x - 4, y - 4);
            assert_eq!(grid[y * n + x], expected, "module {x},{y}");
        }
    }
    let scale = 3;
    let (_, _, decoded) = decode(n * scale, n * scale, |x, y| if grid[(y / scale) * n + x / scale] { 0 } else { 255 });
    assert_eq!(decoded, bytes, "SVG content");
    usize::from(qr.version())
}

#[test]
fn rendered_codes_decode_to_the_payload_in_every_charset() {
    let texts = [
        (Charset::Utf8, "Café 😀 中文"),
        (Charset::Iso8859_1, "Café Müller"),
        (Charset::Iso8859_2, "Łódź Żółć"),
        (Charset::Iso8859_4, "Ķekava ŗ"),
        (Charset::Iso8859_5, "Жук Москва"),
        (Charset::Iso8859_7, "Αθήνα €"),
        (Charset::Iso8859_10, "Þórshöfn Ŋ"),
        (Charset::Iso8859_15, "Œuvre 10 €"),
    ];
    for (charset, text) in texts {
        let payload = EpcBuilder::new("Jan Peeters", "BE68539007547034")
            .amount(Amount::parse("12.30").unwrap())
            .text(text)
            .charset(charset)
            .build()
            .unwrap();
        assert!(payload.starts_with(&format!("BCD\n002\n{}\n", charset.number())));
        check_renders(&payload, charset);
    }
}

#[test]
fn the_largest_payload_is_version_13() {
    // Exactly 331 bytes.
    let base = EpcBuilder::new("N".repeat(70), "BE68539007547034")
        .bic("GEBABEBB")
        .amount(Amount::MAX)
        .purpose("GDDS")
        .text("x".repeat(140))
        .information("y");
    let len = base.build().unwrap().len();
    let payload = base.information("y".repeat(331 - len + 1)).build().unwrap();
    assert_eq!(payload.len(), 331);
    assert_eq!(check_renders(&payload, Charset::Utf8), 13);
    // 331 bytes in ISO-8859-1 (more in UTF-8) is also version 13.
    let latin = EpcBuilder::new("Jan Peeters", "BE68539007547034")
        .amount(Amount::parse("1").unwrap())
        .text("é".repeat(140))
        .information("é".repeat(70))
        .build()
        .unwrap();
    assert!(latin.starts_with("BCD\n002\n2\n"));
    assert!(latin.len() > 331);
    check_renders(&latin, Charset::Iso8859_1);
}

#[test]
fn the_epc_example_renders_small() {
    let payload = "BCD\n001\n1\nSCT\nBPOTBEB1\nRed Cross of Belgium\nBE72000000001616\nEUR1\nCHAR\n\nUrgency fund\nSample EPC QR code";
    // 103 bytes: version 6 at level M (version 5 holds 84 bytes).
    assert_eq!(check_renders(payload, Charset::Utf8), 6);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Random valid payloads of every charset decode back from their PNG and SVG.
    #[test]
    fn random_payloads_decode(b in builder()) {
        if let Ok(epc) = b.validate() {
            let payload = epc.payload();
            let version = check_renders(&payload, epc.charset);
            prop_assert!(version <= 13);
        }
    }
}
