//! Reads `METHOD ACCOUNT` lines (`13 0532013000`) on stdin and prints, a line each, whether kassa's
//! German check digit method passes the account: `1`, `0`, or `-` (method not implemented, or not
//! 1 to 10 digits). Used by `scripts/de_vs_schwifty.py` to compare kassa with schwifty.
use std::io::{BufRead, Write};

fn main() -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let (method, account) = line.split_once(' ').unwrap_or((line.as_str(), ""));
        let verdict = match kassa::ident::national::check_german_account(method, account) {
            Some(true) => "1",
            Some(false) => "0",
            None => "-",
        };
        writeln!(out, "{verdict}")?;
    }
    out.flush()
}
