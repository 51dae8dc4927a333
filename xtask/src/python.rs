//! The Python surface: written by the Python generator (see the module list in `main.rs`).

use crate::model::Model;
use crate::Generated;

/// Every generated Python-side file.
pub fn generate(_model: &Model) -> Vec<Generated> {
    Vec::new()
}
