//! The `kassa` commands against the shared fixtures of the pure functions
//! (`tests/fixtures/functions/*.json`, the cases every binding runs): each case of a function the
//! CLI has a command for is run through the binary with `--json`, and its value or error code and
//! field compared. Then the human output, the exit codes and `kassa sandbox`'s first line.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use base64::Engine as _;
use serde_json::{Map, Value};

const BIN: &str = env!("CARGO_BIN_EXE_kassa");

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

fn run(args: &[String], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove("KASSA_BILLIT_WEBHOOK_SECRET")
        .env_remove("KASSA_SOLARIS_WEBHOOK_SECRET")
        .env_remove("KASSA_DIGITEAL_WEBHOOK_PASSWORD")
        .spawn()
        .expect("spawn kassa");
    {
        let mut input = child.stdin.take().unwrap();
        if let Some(bytes) = stdin {
            input.write_all(bytes).unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn s(v: &str) -> String {
    v.to_owned()
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn hex_bytes(v: &Value) -> Option<Vec<u8>> {
    let hex = v.get("hex")?.as_str()?;
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok()).collect()
}

fn kw<'a>(kwargs: &'a Map<String, Value>, names: &[&str]) -> Option<&'a Value> {
    names.iter().find_map(|n| kwargs.get(*n)).filter(|v| !v.is_null())
}

/// The command line (and stdin) of a fixture case, or `None` when the CLI has no command for it
/// or cannot express its arguments (a float amount, a list of credentials).
fn command_of(function: &str, args: &[Value], kwargs: &Map<String, Value>) -> Option<(Vec<String>, Option<Vec<u8>>)> {
    let mut cmd = vec![s("--json")];
    let first = || args.first().and_then(text_of);
    let plain = |c: &[&str], value: Option<String>| -> Option<(Vec<String>, Option<Vec<u8>>)> {
        let mut v = vec![s("--json")];
        v.extend(c.iter().map(|x| s(x)));
        v.push(s("--"));
        v.push(value?);
        Some((v, None))
    };
    match function {
        "iban.validate" | "iban.format" => {
            cmd.extend([s("iban"), s(if function == "iban.validate" { "validate" } else { "format" })]);
            match kw(kwargs, &["national_check", "nationalCheck"]) {
                Some(Value::Bool(false)) => cmd.push(s("--no-national-check")),
                Some(Value::Bool(true)) | None => {}
                Some(_) => return None,
            }
            if kwargs.keys().any(|k| k != "national_check" && k != "nationalCheck") {
                return None;
            }
            cmd.push(s("--"));
            cmd.push(args.first()?.as_str()?.to_owned());
            Some((cmd, None))
        }
        "bic.validate" => plain(&["bic", "validate"], args.first()?.as_str().map(str::to_owned)),
        "ogm.validate" => plain(&["ogm", "validate"], args.first()?.as_str().map(str::to_owned)),
        "ogm.generate" => plain(&["ogm", "generate"], first()),
        "rf.validate" => plain(&["rf", "validate"], args.first()?.as_str().map(str::to_owned)),
        "rf.format" => plain(&["rf", "format"], args.first()?.as_str().map(str::to_owned)),
        "rf.generate" => plain(&["rf", "generate"], args.first()?.as_str().map(str::to_owned)),
        "be.vat_number" => plain(&["vat", "validate"], args.first()?.as_str().map(str::to_owned)),
        "peppol.validate" => plain(&["peppol", "validate"], args.first()?.as_str().map(str::to_owned)),
        "epc.build" => {
            cmd.extend([s("epc"), s("build")]);
            for (k, v) in kwargs {
                let flag = match k.as_str() {
                    "name" | "iban" | "bic" | "purpose" | "reference" | "text" | "information" | "amount" => {
                        k.replace('_', "-")
                    }
                    "amount_cents" | "amountCents" => s("amount-cents"),
                    "version" => s("version"),
                    "charset" => s("charset"),
                    "allow_no_amount" | "allowNoAmount" => {
                        match v {
                            Value::Bool(true) => cmd.push(s("--allow-no-amount")),
                            Value::Bool(false) => {}
                            _ => return None,
                        }
                        continue;
                    }
                    _ => return None,
                };
                let value = match (flag.as_str(), v) {
                    (_, Value::Null) => continue,
                    ("amount-cents", Value::Number(n)) if n.is_i64() => n.to_string(),
                    ("amount-cents", _) => return None,
                    ("charset", Value::Number(n)) => n.to_string(),
                    ("version", Value::String(s)) if s.len() == 3 => s.clone(),
                    (_, Value::String(s)) => s.clone(),
                    _ => return None,
                };
                cmd.push(format!("--{flag}={value}"));
            }
            Some((cmd, None))
        }
        "epc.parse" => {
            cmd.extend([s("epc"), s("parse")]);
            match kw(kwargs, &["strict"]) {
                Some(Value::Bool(false)) => cmd.push(s("--lenient")),
                Some(Value::Bool(true)) | None => {}
                _ => return None,
            }
            let payload = args.first()?;
            if let Some(bytes) = hex_bytes(payload) {
                cmd.push(s("--raw"));
                return Some((cmd, Some(bytes)));
            }
            cmd.push(s("--"));
            cmd.push(payload.as_str()?.to_owned());
            Some((cmd, None))
        }
        "epc.svg" | "epc.png" => {
            cmd.extend([s("epc"), s(if function == "epc.svg" { "svg" } else { "png" })]);
            for (k, v) in kwargs {
                let flag = match k.as_str() {
                    "module_px" | "modulePx" => "module-px",
                    "border" => "border",
                    _ => return None,
                };
                cmd.push(format!("--{flag}={}", v.as_i64()?));
            }
            cmd.push(s("--"));
            cmd.push(args.first()?.as_str()?.to_owned());
            Some((cmd, None))
        }
        "billit.verify_webhook" | "solaris.verify_webhook" => {
            let provider = if function.starts_with("billit") { "billit" } else { "solaris" };
            cmd.extend([s("webhook"), s("verify"), s(provider)]);
            let body = args.first()?.as_str()?.as_bytes().to_vec();
            cmd.push(format!("--signature={}", args.get(1)?.as_str()?));
            cmd.push(format!("--secret={}", args.get(2)?.as_str()?));
            for (k, v) in kwargs {
                match k.as_str() {
                    "now" | "tolerance" if provider == "billit" => cmd.push(format!("--{k}={}", v.as_u64()?)),
                    _ => return None,
                }
            }
            Some((cmd, Some(body)))
        }
        "digiteal.webhooks.verify" => {
            cmd.extend([s("webhook"), s("verify"), s("digiteal")]);
            let body = args.first()?.as_str()?.as_bytes().to_vec();
            if let Some(a) = args.get(1).and_then(Value::as_str) {
                cmd.push(format!("--authorization={a}"));
            }
            for (k, v) in kwargs {
                match k.as_str() {
                    "login" | "password" | "type" => cmd.push(format!("--{k}={}", v.as_str()?)),
                    _ => return None,
                }
            }
            if !kwargs.contains_key("login") || !kwargs.contains_key("password") {
                return None;
            }
            Some((cmd, Some(body)))
        }
        _ => None,
    }
}

#[test]
fn commands_match_the_function_fixtures() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/functions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let (mut ran, mut skipped) = (0, 0);
    let mut failures = Vec::new();
    for file in files {
        let fixture: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for case in fixture["cases"].as_array().unwrap() {
            let name = format!("{}: {}", file.file_name().unwrap().to_string_lossy(), case["name"].as_str().unwrap());
            let function = case["fn"].as_str().unwrap();
            let args: Vec<Value> = case["args"].as_array().cloned().unwrap_or_default();
            let kwargs = case.get("kwargs").and_then(Value::as_object).cloned().unwrap_or_default();
            let Some((cmd, stdin)) = command_of(function, &args, &kwargs) else {
                skipped += 1;
                continue;
            };
            ran += 1;
            let out = run(&cmd, stdin.as_deref());
            let line: Value = match serde_json::from_slice(&out.stdout) {
                Ok(v) => v,
                Err(e) => {
                    failures.push(format!(
                        "{name}: stdout is not JSON ({e}): {} / {}",
                        String::from_utf8_lossy(&out.stdout),
                        out.stderr
                    ));
                    continue;
                }
            };
            if let Some(expected) = case.get("error") {
                let kind = expected.get("kind").and_then(Value::as_str).unwrap_or("validation");
                let ok = out.code == 1
                    && line["ok"] == false
                    && line["error"]["code"] == expected["code"]
                    && line["error"]["kind"] == kind
                    && expected.get("field").is_none_or(|f| line["error"]["field"] == *f);
                if !ok {
                    failures.push(format!("{name}: expected {expected}, got exit {} {line}", out.code));
                }
                continue;
            }
            if out.code != 0 || line["ok"] != true {
                failures.push(format!("{name}: expected success, got exit {} {line}", out.code));
                continue;
            }
            let value = &line["value"];
            if let Some(expected) = case.get("output") {
                if value != expected {
                    failures.push(format!("{name}: expected {expected}, got {value}"));
                }
            } else if let Some(prefix) = case.get("output_startswith").and_then(Value::as_str) {
                if !value.as_str().is_some_and(|v| v.starts_with(prefix)) {
                    failures.push(format!("{name}: expected a text starting with {prefix}"));
                }
            } else if let Some(prefix) = case.get("output_startswith_hex").and_then(Value::as_str) {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(value.as_str().unwrap_or_default())
                    .unwrap_or_default();
                let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
                if !hex.starts_with(prefix) {
                    failures.push(format!("{name}: expected bytes starting with {prefix}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {ran} cases failed:\n{}", failures.len(), failures.join("\n"));
    assert!(ran >= 150, "only {ran} fixture cases ran through the CLI ({skipped} skipped)");
    eprintln!("{ran} fixture cases through the CLI, {skipped} without a command");
}

#[test]
fn human_output_and_exit_codes() {
    let ok = run(&[s("iban"), s("format"), s("BE68539007547034")], None);
    assert_eq!((ok.code, String::from_utf8_lossy(&ok.stdout).as_ref()), (0, "BE68 5390 0754 7034\n"));
    let bad = run(&[s("iban"), s("validate"), s("BE68539007547035")], None);
    assert_eq!(bad.code, 1);
    assert!(bad.stdout.is_empty());
    assert!(bad.stderr.starts_with("invalid iban: iban_checksum: invalid `iban`"), "{}", bad.stderr);
    let usage = run(&[s("iban"), s("frobnicate"), s("x")], None);
    assert_eq!(usage.code, 2, "{}", usage.stderr);
    let missing = run(&[s("epc"), s("build"), s("--iban"), s("BE68539007547034")], None);
    assert_eq!(missing.code, 2);
    let vat = run(&[s("vat"), s("format"), s("BE0123.456.749")], None);
    assert_eq!(String::from_utf8_lossy(&vat.stdout), "BE 0123.456.749\n");
    let ogm = run(&[s("ogm"), s("generate"), s("1234567890")], None);
    assert_eq!(String::from_utf8_lossy(&ogm.stdout), "+++123/4567/89002+++\n");

    // build | parse | png, the payload through stdin (its trailing newline dropped).
    let built = run(
        &[
            s("epc"),
            s("build"),
            s("--name=Jan Peeters"),
            s("--iban=BE68539007547034"),
            s("--amount=12.30"),
            s("--reference=+++090/9337/55493+++"),
            s("--version=001"),
            s("--bic=GEBABEBB"),
        ],
        None,
    );
    assert_eq!(built.code, 0, "{}", built.stderr);
    let parsed = run(&[s("--json"), s("epc"), s("parse")], Some(&built.stdout));
    let parsed: Value = serde_json::from_slice(&parsed.stdout).unwrap();
    assert_eq!((parsed["value"]["amount"].as_str(), parsed["value"]["version"].as_str()), (Some("12.30"), Some("001")));
    let png = run(&[s("epc"), s("png"), s("--module-px=2")], Some(&built.stdout));
    assert_eq!(png.code, 0, "{}", png.stderr);
    assert!(png.stdout.starts_with(b"\x89PNG\r\n\x1a\n"));
    let file = std::env::temp_dir().join(format!("kassa-cli-test-{}.svg", std::process::id()));
    let svg = run(&[s("epc"), s("svg"), format!("--output={}", file.display())], Some(&built.stdout));
    assert_eq!(svg.code, 0, "{}", svg.stderr);
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("<svg"));
    let _ = std::fs::remove_file(&file);
    let unwritable = run(&[s("epc"), s("svg"), s("--output=/nonexistent-dir/x.svg")], Some(&built.stdout));
    assert_eq!(unwritable.code, 3);

    // Webhooks: the body on stdin, byte for byte.
    let body = br#"{"EventType":"Identification","RegistrationID":"42","Success":true}"#;
    let t = "1763900000";
    let sig = kassa::webhook::sign_hmac_sha256(b"whsec", &[t.as_bytes(), b".", body]);
    let args = |secret: &str| {
        vec![
            s("webhook"),
            s("verify"),
            s("billit"),
            format!("--signature=t={t},s={sig}"),
            format!("--secret={secret}"),
            s("--now=1763900001"),
        ]
    };
    let good = run(&args("whsec"), Some(body));
    assert_eq!(good.code, 0, "{}", good.stderr);
    let wrong = run(&args("other"), Some(body));
    assert_eq!(wrong.code, 1);
    assert!(wrong.stderr.contains("signature_mismatch"), "{}", wrong.stderr);
}

#[test]
fn sandbox_prints_its_address_first() {
    let port_file = std::env::temp_dir().join(format!("kassa-cli-test-{}.port", std::process::id()));
    let mut child = Command::new(BIN)
        .args(["sandbox", "--port", "0", "--seed", "7", "--port-file"])
        .arg(&port_file)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let elapsed = started.elapsed();
    let mut written = String::new();
    for _ in 0..100 {
        written = std::fs::read_to_string(&port_file).unwrap_or_default();
        if !written.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let _ = std::fs::remove_file(&port_file);
    let _ = child.kill();
    let _ = child.wait();
    let url = line.trim().strip_prefix("kassa sandbox listening on http://127.0.0.1:").map(str::to_owned);
    assert!(url.as_deref().is_some_and(|p| p.parse::<u16>().is_ok_and(|p| p > 0)), "{line:?}");
    assert!(elapsed < std::time::Duration::from_secs(5), "{elapsed:?}");
    assert!(line.trim().ends_with(&format!(":{written}")), "{line:?} and the port file {written:?}");
    let bad = run(&[s("sandbox"), s("--faults"), s("5xx=2")], None);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--faults"), "{}", bad.stderr);
}
