//! Every fuzz target ([`kassa::fuzz::TARGETS`]) over its committed corpus (`core/fuzz/seeds/`), on
//! the stable toolchain: a crash a fuzzer once found stays fixed. The older per-identifier corpora
//! (`iban`, `bic`, ...) replay through the `identifiers` target. And a property test: random
//! answers to every catalog operation parse to a value or a typed error, never a panic.

use std::path::PathBuf;

use kassa::catalog::operations;
use kassa::{Headers, HttpResponse, JsonSink};
use proptest::prelude::*;

fn corpus(dir: &str) -> Vec<Vec<u8>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds").join(dir);
    let Ok(entries) = std::fs::read_dir(&path) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    files.into_iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn every_target_replays_its_corpus() {
    for (name, target) in kassa::fuzz::TARGETS {
        let seeds = corpus(name);
        assert!(!seeds.is_empty(), "no corpus for the fuzz target {name}");
        for seed in &seeds {
            target(seed);
        }
    }
    for old in ["iban", "bic", "ogm", "rf", "be", "peppol"] {
        for seed in corpus(old) {
            kassa::fuzz::identifiers(&seed);
        }
    }
}

fn arb_headers() -> impl Strategy<Value = Vec<(String, String)>> {
    let name = prop_oneof![
        Just("content-type".to_owned()),
        Just("uuid".to_owned()),
        Just("location".to_owned()),
        Just("retry-after".to_owned()),
        Just("status".to_owned()),
        Just("autoPaymentDate".to_owned()),
        Just("deliveryMethod".to_owned()),
        Just("correlation-id".to_owned()),
        "[a-zA-Z-]{1,12}",
    ];
    proptest::collection::vec((name, ".{0,40}"), 0..6)
}

fn arb_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..200),
        Just(b"{}".to_vec()),
        Just(b"[]".to_vec()),
        Just(b"\x89PNG\r\n\x1a\n".to_vec()),
        Just(b"BCD\n002\n1\nSCT\n\nA\nBE68539007547034\nEUR1.00".to_vec()),
        "\\{\"[a-zA-Z_]{1,10}\": (null|1|\"x\"|\\[\\]|\\{\\}|true|-1|1.5)\\}".prop_map(String::into_bytes),
        "\\{\"errorCode\": \"[A-Z_]{1,20}\", \"message\": \".{0,20}\"\\}".prop_map(String::into_bytes),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn every_parser_returns_a_value_or_a_typed_error(
        op in 0..operations().len(),
        status in 100u16..600,
        headers in arb_headers(),
        body in arb_body(),
        now in proptest::option::of(any::<u64>()),
    ) {
        let response = HttpResponse::new(status, headers.into_iter().collect::<Headers>(), body);
        let id = operations()[op].id;
        match kassa::parse_response_at(id, &response, now, JsonSink) {
            Ok(Ok(_)) | Err(_) => {}
            Ok(Err(e)) => prop_assert!(false, "{id}: the output does not serialise: {e}"),
        }
    }
}
