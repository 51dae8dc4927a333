//! `kassa`: see `cli/README.md`.

use clap::Parser;
use kassa_cli::commands::{self, Cli, Command};

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Sandbox(args) => kassa_cli::sandbox::main(args),
        other => commands::report(commands::run(other), cli.json),
    };
    std::process::exit(code);
}
