//! Embeds the shared fixtures for the browser tests: writes `$OUT_DIR/fixtures.rs` with one
//! `include_str!` per file of `tests/fixtures/*.json` (operations, `FIXTURES`) and of
//! `tests/fixtures/functions/*.json` (pure functions, `FUNCTION_FIXTURES`), so a fixture file
//! added later is run without editing the tests.

use std::path::{Path, PathBuf};

/// The `*.json` files directly in `dir`, sorted.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// `pub const NAME: &[(&str, &str)] = &[(file name, include_str!(path)), ...];`
fn table(name: &str, doc: &str, files: &[PathBuf]) -> String {
    let mut out = format!("/// `(file name, contents)` of every {doc}.\npub const {name}: &[(&str, &str)] = &[\n");
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let file = path.file_name().unwrap().to_string_lossy();
        let path = path.canonicalize().unwrap();
        out.push_str(&format!("    ({file:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    out.push_str("];\n");
    out
}

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../tests/fixtures");
    let mut out = table("FIXTURES", "`tests/fixtures/*.json`", &json_files(&dir));
    out.push_str(&table(
        "FUNCTION_FIXTURES",
        "`tests/fixtures/functions/*.json`",
        &json_files(&dir.join("functions")),
    ));
    let target = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("fixtures.rs");
    std::fs::write(target, out).unwrap();
}
