//! The pure-function fixtures (`tests/fixtures/functions/*.json`, embedded by `build.rs`), run
//! through the JS surface of the package: every case through its namespace member (the native
//! entry point)
//! (`iban.validate(s)`, `epc.build({amountCents})`, keyword arguments as a camelCase options object
//! or in their positional slot), and again through `callFunction(name, args, kwargs)` with the
//! fixture's own (snake_case) keyword names.

use js_sys::{Array, Object, Reflect};
use serde_json::Map;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::function_cases::{apply, cases, check, wrapper_args, Case};
use crate::support::{camel_case, fixture_value, get, get_path, module};

#[wasm_bindgen_test]
async fn every_function_case_through_its_wrapper_and_call_function() {
    let m = module().await;
    let call_function = get(&m, "callFunction");
    let mut failures = Vec::new();
    let mut ran = 0;
    let mut covered = std::collections::BTreeSet::new();
    for Case { file, case } in cases() {
        let name = format!("{file}: {}", case["name"].as_str().unwrap_or("?"));
        let function = case["fn"].as_str().unwrap();

        // Through the namespace member, as a JS user calls it.
        if let Some(info) = kassa::functions::info(function) {
            covered.insert(info.name);
            let (ns, method) = info.name.rsplit_once('.').unwrap();
            let (ns, method) = (ns.split('.').map(camel_case).collect::<Vec<_>>().join("."), camel_case(method));
            let namespace = get_path(&m, &ns);
            let outcome = wrapper_args(info, &case)
                .and_then(|args| check(&format!("{name} [{ns}.{method}]"), &case, apply(&get(&namespace, &method), &namespace, &args)));
            failures.extend(outcome.err());
        } else if case["error"]["code"] != "unknown_function" {
            failures.push(format!("{name}: no wrapper for `{function}`"));
        }

        // Through the one entry point, keyword names as the fixture spells them.
        let args: Array = case["args"].as_array().into_iter().flatten().map(fixture_value).collect();
        let kwargs = Object::new();
        for (key, value) in case["kwargs"].as_object().unwrap_or(&Map::new()) {
            Reflect::set(&kwargs, &JsValue::from_str(key), &fixture_value(value)).unwrap();
        }
        let result = apply(&call_function, &JsValue::NULL, &[function.into(), args.into(), kwargs.into()]);
        failures.extend(check(&format!("{name} [callFunction]"), &case, result).err());
        ran += 1;
    }
    assert!(failures.is_empty(), "{} of {ran} function cases failed:\n{}", failures.len(), failures.join("\n"));
    assert!(ran > 0, "no function cases");
    // Every function the binding wraps has at least one fixture case.
    let uncovered: Vec<&str> = kassa::functions::list().iter().map(|f| f.name).filter(|n| !covered.contains(n)).collect();
    assert!(uncovered.is_empty(), "functions without a fixture case: {uncovered:?}");
}
