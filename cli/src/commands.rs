//! The commands of `kassa` other than `sandbox`: each one calls a pure function of the core
//! (`kassa::functions::call_json`, the same entry point every binding uses) and prints its result.
//!
//! Output: the result alone on stdout (a normalised identifier, an EPC payload, an SVG, PNG bytes,
//! pretty JSON for structured results), or with `--json` one line `{"ok": true, "value": ...}` /
//! `{"ok": false, "error": {"kind", "code", "field", "message"}}`. Errors otherwise go to stderr as
//! `invalid <what>: <code>: <message>`. Exit codes: [`EXIT_OK`], [`EXIT_INVALID`], [`EXIT_USAGE`],
//! [`EXIT_FAILURE`].

use std::io::{IsTerminal, Read, Write};

use base64::Engine as _;
use clap::{Args, Parser, Subcommand};
use serde_json::{json, Map, Value};

use crate::sandbox::SandboxArgs;

/// Success: the input is valid, the command did what it was asked.
pub const EXIT_OK: i32 = 0;
/// The input is invalid: kassa refused it with a typed error (its code and field are printed).
pub const EXIT_INVALID: i32 = 1;
/// Wrong usage: unknown command or flag, missing argument, unreadable input (clap's own code).
pub const EXIT_USAGE: i32 = 2;
/// The environment failed: a port already in use, an output file that cannot be written.
pub const EXIT_FAILURE: i32 = 3;

/// `kassa`: European e-invoicing, payments and identity verification on the command line.
#[derive(Debug, Parser)]
#[command(name = "kassa", version, about, long_about = None, propagate_version = false)]
pub struct Cli {
    /// Print one line of JSON: {"ok": true, "value": ...} or {"ok": false, "error": {...}}.
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// EPC069-12 "SEPA credit transfer" QR payloads: build, parse, render.
    Epc {
        /// What to do with a payload.
        #[command(subcommand)]
        command: EpcCommand,
    },
    /// IBANs (ISO 13616, with the national check digits).
    Iban {
        /// validate or format.
        #[command(subcommand)]
        command: IbanCommand,
    },
    /// BICs (SWIFT codes).
    Bic {
        /// validate or format.
        #[command(subcommand)]
        command: PlainCommand,
    },
    /// Belgian structured communications (OGM/VCS, +++090/9337/55493+++).
    Ogm {
        /// validate, format or generate.
        #[command(subcommand)]
        command: GenerateCommand,
    },
    /// ISO 11649 creditor references (RF18 5390 0754 7034).
    Rf {
        /// validate, format or generate.
        #[command(subcommand)]
        command: GenerateCommand,
    },
    /// Belgian VAT (enterprise) numbers.
    Vat {
        /// validate or format.
        #[command(subcommand)]
        command: PlainCommand,
    },
    /// PEPPOL participant identifiers (0208:0123456749).
    Peppol {
        /// validate or format.
        #[command(subcommand)]
        command: PlainCommand,
    },
    /// Incoming webhooks: verify a body (read from stdin, raw bytes) and its signature.
    Webhook {
        /// verify.
        #[command(subcommand)]
        command: WebhookCommand,
    },
    /// Run the sandbox: a stateful emulator of Digiteal, Billit, Solaris and PassportReader.
    Sandbox(SandboxArgs),
}

/// `kassa epc ...`.
#[derive(Debug, Subcommand)]
pub enum EpcCommand {
    /// Build a payload and print it.
    Build(EpcBuildArgs),
    /// Read a payload (argument, or the raw bytes on stdin) and print its fields.
    Parse(EpcParseArgs),
    /// Render a payload (argument or stdin) as an SVG QR code.
    Svg(RenderArgs),
    /// Render a payload (argument or stdin) as a PNG QR code.
    Png(RenderArgs),
}

/// `kassa epc build`.
#[derive(Debug, Args)]
pub struct EpcBuildArgs {
    /// The beneficiary's name.
    #[arg(long)]
    pub name: String,
    /// The beneficiary's IBAN.
    #[arg(long)]
    pub iban: String,
    /// The amount in euro, as a decimal ("12.30").
    #[arg(long)]
    pub amount: Option<String>,
    /// The amount in integer cents, instead of --amount.
    #[arg(long, allow_negative_numbers = true)]
    pub amount_cents: Option<i64>,
    /// The beneficiary's BIC.
    #[arg(long)]
    pub bic: Option<String>,
    /// The ISO 20022 purpose code (4 letters).
    #[arg(long)]
    pub purpose: Option<String>,
    /// A structured reference: RF creditor reference or Belgian OGM.
    #[arg(long)]
    pub reference: Option<String>,
    /// Unstructured remittance text, instead of --reference.
    #[arg(long)]
    pub text: Option<String>,
    /// Beneficiary to originator information.
    #[arg(long)]
    pub information: Option<String>,
    /// The payload version: 001 or 002 (default).
    #[arg(long = "version")]
    pub epc_version: Option<String>,
    /// The character set: 1 to 8 or its name (UTF-8, ISO-8859-15, ...); automatic by default.
    #[arg(long)]
    pub charset: Option<String>,
    /// Allow a payload without an amount.
    #[arg(long)]
    pub allow_no_amount: bool,
}

/// `kassa epc parse`.
#[derive(Debug, Args)]
pub struct EpcParseArgs {
    /// The payload; read from stdin (as bytes) when absent.
    pub payload: Option<String>,
    /// Tolerate real-world deviations and list them, instead of refusing them.
    #[arg(long)]
    pub lenient: bool,
    /// Keep stdin exactly as read (by default one trailing newline is dropped).
    #[arg(long)]
    pub raw: bool,
}

/// `kassa epc svg|png`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The payload; read from stdin when absent (one trailing newline dropped).
    pub payload: Option<String>,
    /// The size of one module in pixels.
    #[arg(long, default_value_t = 4)]
    pub module_px: i64,
    /// The quiet zone in modules (at least 4).
    #[arg(long, default_value_t = 4)]
    pub border: i64,
    /// Write the image to this file instead of stdout.
    #[arg(long, short)]
    pub output: Option<std::path::PathBuf>,
    /// Keep stdin exactly as read.
    #[arg(long)]
    pub raw: bool,
}

/// `kassa iban ...`.
#[derive(Debug, Subcommand)]
pub enum IbanCommand {
    /// Check an IBAN and print its electronic form.
    Validate(IbanArgs),
    /// Check an IBAN and print its print form (groups of four).
    Format(IbanArgs),
}

/// An IBAN and how strictly to check it.
#[derive(Debug, Args)]
pub struct IbanArgs {
    /// The IBAN.
    pub value: String,
    /// Do not check the national check digits inside the account number.
    #[arg(long)]
    pub no_national_check: bool,
}

/// `validate` or `format` of a value.
#[derive(Debug, Subcommand)]
pub enum PlainCommand {
    /// Check VALUE and print its normal (electronic) form.
    Validate(Value1),
    /// Check VALUE and print its display form.
    Format(Value1),
}

/// `validate`, `format` or `generate`.
#[derive(Debug, Subcommand)]
pub enum GenerateCommand {
    /// Check VALUE and print its normal form.
    Validate(Value1),
    /// Check VALUE and print its display form.
    Format(Value1),
    /// Make one from a base (OGM: up to 10 digits; RF: your own reference).
    Generate(Value1),
}

/// One value.
#[derive(Debug, Args)]
pub struct Value1 {
    /// The value, as typed.
    pub value: String,
}

/// `kassa webhook ...`.
#[derive(Debug, Subcommand)]
pub enum WebhookCommand {
    /// Verify a webhook: the body on stdin (raw bytes), the signature or credentials as flags.
    Verify {
        /// Which provider sent it.
        #[command(subcommand)]
        provider: VerifyProvider,
    },
}

/// The provider of a webhook to verify.
#[derive(Debug, Subcommand)]
pub enum VerifyProvider {
    /// Billit: `Billit-Signature: t=<unix>,s=<hex>`, HMAC-SHA256 of `"<t>.<body>"`.
    Billit {
        /// The Billit-Signature header.
        #[arg(long)]
        signature: String,
        /// The webhook secret.
        #[arg(long, env = "KASSA_BILLIT_WEBHOOK_SECRET", hide_env_values = true)]
        secret: String,
        /// Now, in unix seconds (default: the system clock).
        #[arg(long)]
        now: Option<u64>,
        /// How far the signature's timestamp may be from now, in seconds.
        #[arg(long, default_value_t = 300)]
        tolerance: u64,
    },
    /// Solaris: `Solaris-Webhook-Signature: sha256=<hex>`, HMAC-SHA256 of the body.
    Solaris {
        /// The Solaris-Webhook-Signature header.
        #[arg(long)]
        signature: String,
        /// The webhook secret.
        #[arg(long, env = "KASSA_SOLARIS_WEBHOOK_SECRET", hide_env_values = true)]
        secret: String,
    },
    /// Digiteal: `Authorization: Basic base64(login:password)` as configured for the webhooks.
    Digiteal {
        /// The Authorization header Digiteal sent.
        #[arg(long)]
        authorization: Option<String>,
        /// The login set with the webhook configuration.
        #[arg(long)]
        login: String,
        /// The password set with it.
        #[arg(long, env = "KASSA_DIGITEAL_WEBHOOK_PASSWORD", hide_env_values = true)]
        password: String,
        /// The webhook type (the route it arrived on), e.g. PAYMENT_INITIATED.
        #[arg(long = "type")]
        kind: Option<String>,
    },
}

/// What a command produced.
pub enum Produced {
    /// A text result (printed with a final newline).
    Text(String),
    /// A structured result (pretty JSON; compact inside `--json`).
    Json(Value),
    /// Bytes (a PNG): raw on stdout, base64 inside `--json`.
    Bytes(Vec<u8>),
}

/// Why a command did not produce.
pub enum Failure {
    /// kassa refused the input: what was checked, and the typed error.
    Invalid(&'static str, kassa::Error),
    /// Usage: a message.
    Usage(String),
    /// The environment failed: a message.
    Io(String),
}

fn invoke(what: &'static str, function: &str, args: Vec<Value>, kwargs: Map<String, Value>) -> Result<Value, Failure> {
    kassa::functions::call_json(function, &args, &kwargs).map_err(|e| Failure::Invalid(what, e))
}

fn text(value: Value) -> Produced {
    match value {
        Value::String(s) => Produced::Text(s),
        other => Produced::Json(other),
    }
}

fn kwargs(pairs: Vec<(&str, Option<Value>)>) -> Map<String, Value> {
    pairs.into_iter().filter_map(|(k, v)| v.map(|v| (k.to_owned(), v))).collect()
}

/// Reads stdin whole; drops one trailing newline unless `raw`.
fn stdin_bytes(raw: bool) -> Result<Vec<u8>, Failure> {
    let mut buf = Vec::new();
    std::io::stdin().read_to_end(&mut buf).map_err(|e| Failure::Usage(format!("cannot read stdin: {e}")))?;
    if !raw {
        if buf.ends_with(b"\r\n") {
            buf.truncate(buf.len() - 2);
        } else if buf.ends_with(b"\n") {
            buf.pop();
        }
    }
    Ok(buf)
}

fn stdin_text(raw: bool) -> Result<String, Failure> {
    String::from_utf8(stdin_bytes(raw)?).map_err(|_| Failure::Usage("stdin is not UTF-8 text".to_owned()))
}

fn bytes_value(bytes: &[u8]) -> Value {
    Value::Array(bytes.iter().map(|b| Value::from(*b)).collect())
}

/// A charset or version flag: a number when it is all digits and short, else text.
fn number_or_text(s: &str) -> Value {
    match s.parse::<i64>() {
        Ok(n) if s.len() < 3 => Value::from(n),
        _ => Value::from(s),
    }
}

/// Runs one command other than `sandbox`.
pub fn run(command: Command) -> Result<Produced, Failure> {
    match command {
        Command::Epc { command } => epc(command),
        Command::Iban { command } => {
            let (function, a) = match command {
                IbanCommand::Validate(a) => ("iban.validate", a),
                IbanCommand::Format(a) => ("iban.format", a),
            };
            let kw = kwargs(vec![("national_check", Some(Value::Bool(!a.no_national_check)))]);
            invoke("iban", function, vec![a.value.into()], kw).map(text)
        }
        Command::Bic { command } => {
            let (PlainCommand::Validate(v) | PlainCommand::Format(v)) = command;
            invoke("bic", "bic.validate", vec![v.value.into()], Map::new()).map(text)
        }
        Command::Ogm { command } => match command {
            GenerateCommand::Validate(v) | GenerateCommand::Format(v) => {
                invoke("ogm", "ogm.validate", vec![v.value.into()], Map::new()).map(text)
            }
            GenerateCommand::Generate(v) => invoke("ogm", "ogm.generate", vec![v.value.into()], Map::new()).map(text),
        },
        Command::Rf { command } => match command {
            GenerateCommand::Validate(v) => invoke("rf", "rf.validate", vec![v.value.into()], Map::new()).map(text),
            GenerateCommand::Format(v) => invoke("rf", "rf.format", vec![v.value.into()], Map::new()).map(text),
            GenerateCommand::Generate(v) => invoke("rf", "rf.generate", vec![v.value.into()], Map::new()).map(text),
        },
        Command::Vat { command } => match command {
            PlainCommand::Validate(v) => invoke("vat", "be.vat_number", vec![v.value.into()], Map::new()).map(text),
            PlainCommand::Format(v) => kassa::ident::be::format_enterprise_number(&v.value)
                .map(|d| Produced::Text(format!("BE {d}")))
                .map_err(|e| Failure::Invalid("vat", e)),
        },
        Command::Peppol { command } => {
            let (PlainCommand::Validate(v) | PlainCommand::Format(v)) = command;
            invoke("peppol", "peppol.validate", vec![v.value.into()], Map::new()).map(text)
        }
        Command::Webhook { command: WebhookCommand::Verify { provider } } => verify(provider),
        Command::Sandbox(_) => Err(Failure::Usage("the sandbox is run by main".to_owned())),
    }
}

fn epc(command: EpcCommand) -> Result<Produced, Failure> {
    match command {
        EpcCommand::Build(a) => {
            let kw = kwargs(vec![
                ("name", Some(a.name.into())),
                ("iban", Some(a.iban.into())),
                ("amount", a.amount.map(Value::from)),
                ("amount_cents", a.amount_cents.map(Value::from)),
                ("bic", a.bic.map(Value::from)),
                ("purpose", a.purpose.map(Value::from)),
                ("reference", a.reference.map(Value::from)),
                ("text", a.text.map(Value::from)),
                ("information", a.information.map(Value::from)),
                ("version", a.epc_version.as_deref().map(number_or_text)),
                ("charset", a.charset.as_deref().map(number_or_text)),
                ("allow_no_amount", a.allow_no_amount.then_some(Value::Bool(true))),
            ]);
            invoke("epc payload", "epc.build", vec![], kw).map(text)
        }
        EpcCommand::Parse(a) => {
            let payload = match a.payload {
                Some(p) => Value::from(p),
                None => bytes_value(&stdin_bytes(a.raw)?),
            };
            let kw = kwargs(vec![("strict", Some(Value::Bool(!a.lenient)))]);
            invoke("epc payload", "epc.parse", vec![payload], kw).map(Produced::Json)
        }
        EpcCommand::Svg(a) => {
            let (payload, kw, output) = render_inputs(a)?;
            let svg = invoke("epc payload", "epc.svg", vec![payload], kw)?;
            let Value::String(svg) = svg else { unreachable!("epc.svg returns text") };
            match output {
                Some(path) => {
                    write_file(&path, svg.as_bytes()).map(|()| Produced::Text(format!("wrote {}", path.display())))
                }
                None => Ok(Produced::Text(svg)),
            }
        }
        EpcCommand::Png(a) => {
            let (payload, kw, output) = render_inputs(a)?;
            let png = invoke("epc payload", "epc.png", vec![payload], kw)?;
            let bytes: Vec<u8> =
                png.as_array().into_iter().flatten().filter_map(Value::as_u64).map(|b| b as u8).collect();
            match output {
                Some(path) => write_file(&path, &bytes).map(|()| Produced::Text(format!("wrote {}", path.display()))),
                None => Ok(Produced::Bytes(bytes)),
            }
        }
    }
}

type RenderInputs = (Value, Map<String, Value>, Option<std::path::PathBuf>);

fn render_inputs(a: RenderArgs) -> Result<RenderInputs, Failure> {
    let payload = match a.payload {
        Some(p) => p,
        None => stdin_text(a.raw)?,
    };
    let kw = kwargs(vec![("module_px", Some(a.module_px.into())), ("border", Some(a.border.into()))]);
    Ok((Value::from(payload), kw, a.output))
}

fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|e| Failure::Io(format!("cannot write {}: {e}", path.display())))
}

fn verify(provider: VerifyProvider) -> Result<Produced, Failure> {
    let body = bytes_value(&stdin_bytes(true)?);
    match provider {
        VerifyProvider::Billit { signature, secret, now, tolerance } => {
            let now = now.unwrap_or_else(|| {
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
            });
            let kw = kwargs(vec![("now", Some(now.into())), ("tolerance", Some(tolerance.into()))]);
            invoke("billit webhook", "billit.verify_webhook", vec![body, signature.into(), secret.into()], kw)
                .map(Produced::Json)
        }
        VerifyProvider::Solaris { signature, secret } => {
            invoke("solaris webhook", "solaris.verify_webhook", vec![body, signature.into(), secret.into()], Map::new())
                .map(Produced::Json)
        }
        VerifyProvider::Digiteal { authorization, login, password, kind } => {
            let kw = kwargs(vec![
                ("login", Some(login.into())),
                ("password", Some(password.into())),
                ("type", kind.map(Value::from)),
            ]);
            invoke(
                "digiteal webhook",
                "digiteal.webhooks.verify",
                vec![body, authorization.map_or(Value::Null, Value::from)],
                kw,
            )
            .map(Produced::Json)
        }
    }
}

/// The JSON object of a kassa error: `{kind, code, field, message}` (`field` null when the error
/// names none).
pub fn error_json(e: &kassa::Error) -> Value {
    let field = match e {
        kassa::Error::Validation(v) => Some(v.field.to_string()),
        kassa::Error::Decode(d) => d.field.clone(),
        _ => None,
    };
    json!({"kind": e.kind(), "code": e.code(), "field": field, "message": e.to_string()})
}

/// Prints what `run` returned and gives the exit code.
pub fn report(result: Result<Produced, Failure>, as_json: bool) -> i32 {
    let mut out = std::io::stdout().lock();
    let written = match (&result, as_json) {
        (Ok(Produced::Text(s)), false) => writeln!(out, "{s}"),
        (Ok(Produced::Json(v)), false) => {
            writeln!(out, "{}", serde_json::to_string_pretty(v).unwrap_or_default())
        }
        (Ok(Produced::Bytes(b)), false) => {
            if out.is_terminal() {
                drop(out);
                eprintln!("kassa: refusing to write PNG bytes to a terminal; redirect stdout or use --output FILE");
                return EXIT_USAGE;
            }
            out.write_all(b)
        }
        (Ok(produced), true) => {
            let value = match produced {
                Produced::Text(s) => Value::from(s.as_str()),
                Produced::Json(v) => v.clone(),
                Produced::Bytes(b) => Value::from(base64::engine::general_purpose::STANDARD.encode(b)),
            };
            writeln!(out, "{{\"ok\":true,\"value\":{value}}}")
        }
        (Err(Failure::Invalid(what, e)), false) => {
            drop(out);
            eprintln!("invalid {what}: {}: {e}", e.code());
            return EXIT_INVALID;
        }
        (Err(Failure::Invalid(_, e)), true) => {
            let _ = writeln!(out, "{{\"ok\":false,\"error\":{}}}", error_json(e));
            return EXIT_INVALID;
        }
        (Err(Failure::Usage(m)), _) => {
            drop(out);
            eprintln!("kassa: {m}");
            return EXIT_USAGE;
        }
        (Err(Failure::Io(m)), _) => {
            drop(out);
            eprintln!("kassa: {m}");
            return EXIT_FAILURE;
        }
    };
    let flushed = written.and_then(|()| std::io::stdout().flush());
    match flushed {
        Ok(()) => EXIT_OK,
        // A closed pipe (`kassa ... | head`) is not worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            eprintln!("kassa: cannot write to stdout: {e}");
            EXIT_FAILURE
        }
    }
}
