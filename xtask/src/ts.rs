//! The TypeScript/JavaScript surface: written by the JS generator (see the module list in `main.rs`).

use crate::model::Model;
use crate::Generated;

/// Every generated JS-side file.
pub fn generate(_model: &Model) -> Vec<Generated> {
    Vec::new()
}
