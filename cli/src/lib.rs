//! The `kassa` command line (binary `kassa`): the core's pure functions on the command line
//! ([`commands`]) and `kassa sandbox` ([`sandbox`]), a stateful emulator of the four providers'
//! APIs to develop and test against with no credentials. See `cli/README.md`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
// `kassa::Error` is the core's one error type, returned as it is (its code and field are what the
// CLI prints): boxing it here would only hide that.
#![allow(clippy::result_large_err)]

pub mod commands;
pub mod sandbox;
