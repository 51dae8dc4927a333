//! Criterion benchmarks of the EPC payload (build, parse, render) and of each identifier validator.
//!
//! Run: `cargo bench -p kassa --bench epc` (add `-- --measurement-time 2 --warm-up-time 1` for a
//! quick run).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use kassa::epc::{self, Amount, EpcBuilder, EpcFields, Mode, RenderOptions};
use kassa::ident::{be, bic, iban, national, ogm, peppol, rf};

fn builder() -> EpcBuilder {
    EpcBuilder::new("Red Cross of Belgium", "BE72 0000 0000 1616")
        .bic("BPOTBEB1")
        .amount(Amount::parse("1234.56").unwrap())
        .purpose("CHAR")
        .reference("+++123/4567/89002+++")
        .information("Thank you for your donation")
}

fn epc_benches(c: &mut Criterion) {
    let b = builder();
    let payload = b.build().unwrap();
    c.bench_function("epc/build", |bench| bench.iter(|| black_box(&b).build().unwrap()));
    c.bench_function("epc/parse_strict", |bench| bench.iter(|| epc::parse(black_box(&payload), Mode::Strict).unwrap()));
    c.bench_function("epc/parse_lenient", |bench| {
        bench.iter(|| epc::parse(black_box(&payload), Mode::Lenient).unwrap())
    });
    let options = RenderOptions::default();
    c.bench_function("epc/qr", |bench| bench.iter(|| epc::qr(black_box(&payload)).unwrap()));
    c.bench_function("epc/svg", |bench| bench.iter(|| epc::svg(black_box(&payload), &options).unwrap()));
    c.bench_function("epc/png", |bench| bench.iter(|| epc::png(black_box(&payload), &options).unwrap()));
}

fn ident_benches(c: &mut Criterion) {
    // One IBAN per national check scheme (DE: none, the bank decides), the registry examples.
    let mut group = c.benchmark_group("iban/validate");
    for example in [
        "BE68 5390 0754 7034",
        "FR14 2004 1010 0505 0001 3M02 606",
        "IT60 X054 2811 1010 0000 0123 456",
        "ES91 2100 0418 4502 0005 1332",
        "DE89 3704 0044 0532 0130 00",
        "NO93 8601 1117 947",
        "FI21 1234 5600 0007 85",
    ] {
        group.bench_function(&example[..2], |b| b.iter(|| iban::validate(black_box(example)).unwrap()));
    }
    group.finish();
    // The national check alone, on the electronic form's BBAN (what `validate` adds to the ISO rules).
    let mut group = c.benchmark_group("iban/national_check");
    for example in [
        "BE68539007547034",
        "FR1420041010050500013M02606",
        "IT60X0542811101000000123456",
        "ES9121000418450200051332",
        "DE89370400440532013000",
        "NO9386011117947",
        "FI2112345600000785",
    ] {
        let (country, bban) = (&example[..2], &example[4..]);
        group.bench_function(country, |b| b.iter(|| national::check(black_box(country), black_box(bban)).unwrap()));
    }
    group.finish();
    c.bench_function("iban/format", |b| b.iter(|| iban::format(black_box("FR1420041010050500013M02606")).unwrap()));
    c.bench_function("bic/validate", |b| b.iter(|| bic::validate(black_box("DEUTDEFF500")).unwrap()));
    c.bench_function("ogm/validate", |b| b.iter(|| ogm::validate(black_box("***123/4567/89002***")).unwrap()));
    c.bench_function("ogm/generate", |b| b.iter(|| ogm::generate(black_box(1234567890)).unwrap()));
    c.bench_function("rf/validate", |b| b.iter(|| rf::validate(black_box("RF18 5390 0754 7034")).unwrap()));
    c.bench_function("rf/generate", |b| b.iter(|| rf::generate(black_box("539007547034")).unwrap()));
    c.bench_function("be/vat_number", |b| b.iter(|| be::vat_number(black_box("BE 0123.456.749")).unwrap()));
    c.bench_function("peppol/validate", |b| b.iter(|| peppol::validate(black_box("9925:BE0123456749")).unwrap()));
    c.bench_function("peppol/be_participant_ids", |b| {
        b.iter(|| peppol::be_participant_ids(black_box("0123456749")).unwrap())
    });
}

/// The inputs of `bindings-python/bench/peers.py` and `bindings-node/bench/peers.mjs`, each list
/// cycled the way the peer scripts cycle it: the core's own time per call of those rows (one
/// iteration = one pass over the list; divide by its length), so a binding's call overhead is
/// the peer script's time minus this.
fn peer_inputs(c: &mut Criterion) {
    const IBANS: &[&str] = &[
        "BE71 0961 2345 6769",
        "DE89 3704 0044 0532 0130 00",
        "FR14 2004 1010 0505 0001 3M02 606",
        "NL91 ABNA 0417 1643 00",
        "GB82 WEST 1234 5698 7654 32",
        "IT60 X054 2811 1010 0000 0123 456",
    ];
    const VATS: &[&str] = &["BE0123456749", "BE 0123.456.749", "BE1234567894", "0403170701", "BE0417497106"];
    const OGMS: &[&str] = &["+++123/4567/89002+++", "+++000/0000/09797+++", "+++010/8068/17183+++", "010/8068/17183"];
    const RFS: &[&str] = &["RF18 5390 0754 7034", "RF712348231", "rf18539007547034"];
    const BICS: &[&str] = &["GEBABEBB", "KREDBEBB", "DEUTDEFF500", "BNPAFRPP", "ABNANL2A", "NEDSZAJJXXX", "GKCCBEBB", "RABONL2U"];
    const EPC: &[(&str, &str, &str, &str)] = &[
        ("Jan Peeters", "BE68539007547034", "12.30", "RF18539007547034"),
        ("Red Cross Belgium", "BE72000000001616", "25.00", "RF712348231"),
        ("Stadt Wien", "AT611904300234573201", "1999.99", "RF18539007547034"),
    ];
    let mut group = c.benchmark_group("peers");
    let each = |inputs: &'static [&'static str], f: fn(&str) -> Result<String, kassa::Error>| {
        move || {
            for s in inputs {
                black_box(f(black_box(s)).unwrap());
            }
        }
    };
    group.bench_function("iban_validate_x6", |b| b.iter(each(IBANS, iban::validate)));
    group.bench_function("be_vat_number_x5", |b| b.iter(each(VATS, be::vat_number)));
    group.bench_function("ogm_validate_x4", |b| b.iter(each(OGMS, ogm::validate)));
    group.bench_function("rf_validate_x3", |b| b.iter(each(RFS, rf::validate)));
    group.bench_function("bic_validate_x8", |b| b.iter(each(BICS, bic::validate)));
    group.bench_function("epc_build_x3", |b| {
        b.iter(|| {
            for (name, iban, amount, reference) in EPC {
                let builder = EpcBuilder::new(*name, *iban).amount(Amount::parse(amount).unwrap()).reference(*reference);
                black_box(black_box(builder).build().unwrap());
            }
        })
    });
    // The same payloads from borrowed inputs (what the bindings' keyword forms build): no
    // builder strings, one allocation per payload.
    group.bench_function("epc_fields_x3", |b| {
        b.iter(|| {
            for (name, iban, amount, reference) in EPC {
                let fields = EpcFields {
                    name,
                    iban,
                    amount: Some(Amount::parse(amount).unwrap()),
                    reference: Some(reference),
                    ..EpcFields::default()
                };
                black_box(black_box(fields).build().unwrap());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, epc_benches, ident_benches, peer_inputs);
criterion_main!(benches);
