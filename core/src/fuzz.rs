//! The bodies of kassa's fuzz targets: each takes arbitrary bytes, feeds them to a parser that
//! reads outside input, and checks that it returns a value or a typed error (a panic is the bug
//! the fuzzer looks for). `core/fuzz/fuzz_targets/*.rs` (cargo-fuzz, nightly) call them; the
//! stable test `core/tests/fuzz_replay.rs` runs every target over its committed corpus
//! (`core/fuzz/seeds/<target>/`), so a crash once found stays fixed.
//!
//! Inputs are split into fields at `0x00` bytes ([`fields`]), so that the fuzzer can vary each
//! part of a structured input (status, headers, body) independently.

use crate::catalog::{self, operations};
use crate::epc::{self, Mode};
use crate::functions;
use crate::http::{Headers, HttpResponse};
use crate::operation::JsonSink;
use crate::providers::{billit, solaris};

/// The fuzz targets, by name (the names of `core/fuzz/fuzz_targets/` and `core/fuzz/seeds/`).
pub const TARGETS: &[(&str, fn(&[u8]))] = &[
    ("responses", responses),
    ("webhooks", webhooks),
    ("callbacks", callbacks),
    ("functions", function_args),
    ("epc_parse", epc_parse),
    ("identifiers", identifiers),
];

/// `data` split at `0x00` bytes, at most `n` fields (the last keeps the rest, zeros included).
pub fn fields(data: &[u8], n: usize) -> Vec<&[u8]> {
    data.splitn(n, |&b| b == 0).collect()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every catalog operation's parser on an arbitrary answer: byte 0 picks the operation, bytes
/// 1-2 the status (100-599), then `name: value` header lines and the body.
pub fn responses(data: &[u8]) {
    if data.len() < 3 {
        return;
    }
    let ops = operations();
    let op = &ops[usize::from(data[0]) % ops.len()];
    let status = 100 + u16::from_be_bytes([data[1], data[2]]) % 500;
    let parts = fields(&data[3..], 2);
    let mut headers = Headers::new();
    for line in text(parts.first().copied().unwrap_or_default()).lines() {
        if let Some((name, value)) = line.split_once(':') {
            headers.append(name.trim(), value.trim());
        }
    }
    let body = parts.get(1).copied().unwrap_or_default().to_vec();
    let response = HttpResponse::new(status, headers, body);
    let _ = catalog::parse_response_at(op.id, &response, Some(1_700_000_000), JsonSink);
}

/// The webhook verifiers: the signature header, the body and the secret as three fields.
pub fn webhooks(data: &[u8]) {
    let parts = fields(data, 3);
    let [signature, body, secret] = [0, 1, 2].map(|i| parts.get(i).copied().unwrap_or_default());
    let signature = text(signature);
    let _ = billit::verify_webhook(body, &signature, secret, 1_700_000_000, 300);
    let _ = solaris::verify_webhook(body, &signature, secret);
}

/// The redirect parsers and the identification flow's readers of provider evidence.
pub fn callbacks(data: &[u8]) {
    let parts = fields(data, 2);
    let url = text(parts.first().copied().unwrap_or_default());
    let _ = billit::parse_callback(&url);
    let evidence = parts.get(1).copied().unwrap_or_default();
    if let Ok(evidence) = serde_json::from_slice::<crate::identity::Evidence>(evidence) {
        for reference in ["billit:42", "solaris:p1:s1", "passportreader:1", &url] {
            let _ = crate::identity::finish(reference, &evidence, Some(1_700_000_000));
        }
    }
}

/// Every pure function on arbitrary JSON arguments: byte 0 picks the function, the rest is a JSON
/// object of keyword arguments (or an array of positional ones).
pub fn function_args(data: &[u8]) {
    let Some((&pick, json)) = data.split_first() else { return };
    let list = functions::list();
    let name = list[usize::from(pick) % list.len()].name;
    match serde_json::from_slice::<serde_json::Value>(json) {
        Ok(serde_json::Value::Object(kwargs)) => drop(functions::call_json(name, &[], &kwargs)),
        Ok(serde_json::Value::Array(args)) => drop(functions::call_json(name, &args, &Default::default())),
        Ok(other) => drop(functions::call_json(name, &[other], &Default::default())),
        Err(_) => drop(functions::call_json(name, &[serde_json::Value::String(text(json))], &Default::default())),
    }
}

/// EPC payloads, both modes, as bytes and as text. Invariants: lenient accepts what strict
/// accepts; a strictly valid payload re-renders to a payload that parses to the same payment.
pub fn epc_parse(data: &[u8]) {
    let strict = epc::parse_bytes(data, Mode::Strict);
    let lenient = epc::parse_bytes(data, Mode::Lenient);
    if let Ok(p) = &strict {
        let l = lenient.as_ref().unwrap_or_else(|e| panic!("lenient refuses what strict accepts: {e}"));
        assert_eq!(l.epc, p.epc);
        let again = epc::parse(&p.epc.payload(), Mode::Strict).unwrap_or_else(|e| panic!("canonical payload: {e}"));
        assert_eq!(again.epc, p.epc);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = epc::parse(text, Mode::Lenient);
        if epc::parse(text, Mode::Strict).is_ok() {
            let qr = epc::qr(text).unwrap_or_else(|e| panic!("a strictly valid payload renders: {e}"));
            assert!(qr.version() <= 13);
        }
    }
}

/// Every identifier validator on arbitrary text; a valid value validates again to itself.
pub fn identifiers(data: &[u8]) {
    let s = text(data);
    type Check = fn(&str) -> Result<String, crate::Error>;
    let checks: [Check; 9] = [
        crate::ident::iban::validate,
        crate::ident::iban::format,
        crate::ident::bic::validate,
        crate::ident::ogm::validate,
        crate::ident::rf::validate,
        crate::ident::rf::generate,
        crate::ident::be::vat_number,
        crate::ident::be::enterprise_number,
        crate::ident::peppol::validate,
    ];
    for (i, check) in checks.iter().enumerate() {
        if let Ok(v) = check(&s) {
            // Idempotent on its own output (rf.generate and iban.format aside: they change form).
            if i != 1 && i != 5 {
                assert_eq!(check(&v).as_deref().ok(), Some(v.as_str()), "not idempotent on {v:?}");
            }
        }
    }
    let _ = crate::ident::ogm::generate_str(&s);
    let _ = crate::ident::peppol::be_participant_ids(&s);
}
