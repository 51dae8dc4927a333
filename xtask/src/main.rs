//! kassa's generator of the typed surfaces.
//!
//! ```text
//! cargo run -p xtask -- codegen           # (re)writes every generated file
//! cargo run -p xtask -- codegen --check   # fails when a committed file differs from a fresh generation
//! ```
//!
//! The core is the only place an operation, a function, a field or a doc comment is written:
//! [`kassa::catalog::describe`] hands over every operation, function and config with the JSON
//! schemas of their types (doc comments as descriptions). From that one description this crate
//! writes `docs/surface.json` (the description itself, for review), the Python stubs, TypedDicts,
//! modules and clients, the TypeScript declarations shared by the Node and browser packages, and
//! the per-function native entry points of each binding. Every generated file starts with
//! [`model::HEADER`].

mod model;
mod python;
mod ts;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One generated file: its path below the repository root and its contents.
pub struct Generated {
    /// The path, relative to the repository root.
    pub path: PathBuf,
    /// The whole contents.
    pub contents: String,
}

impl Generated {
    /// A generated file.
    pub fn new(path: impl Into<PathBuf>, contents: String) -> Self {
        Generated { path: path.into(), contents }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_path_buf()
}

fn generate() -> Vec<Generated> {
    let description = kassa::catalog::describe();
    let json = serde_json::to_value(&description).expect("the description serialises");
    let model = model::Model::new(json);
    let mut files = vec![Generated::new("docs/surface.json", model.surface_json())];
    files.extend(python::generate(&model));
    let facade = std::fs::read_to_string(root().join("bindings-js/facade.js")).expect("read bindings-js/facade.js");
    files.extend(ts::generate(&model, &facade));
    files
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    if args.first().map(String::as_str) != Some("codegen") {
        eprintln!("usage: cargo run -p xtask -- codegen [--check]");
        return ExitCode::from(2);
    }
    let root = root();
    let mut stale = Vec::new();
    for file in generate() {
        let path = root.join(&file.path);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(file.contents.as_str()) {
            continue;
        }
        if check {
            stale.push(file.path.display().to_string());
            continue;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create the directory");
        }
        std::fs::write(&path, &file.contents).expect("write the generated file");
        println!("wrote {}", file.path.display());
    }
    if !stale.is_empty() {
        eprintln!("generated files differ from the core (run `cargo run -p xtask -- codegen`):");
        for path in stale {
            eprintln!("  {path}");
        }
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
