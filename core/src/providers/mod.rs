//! One module per provider: its configuration, wire models and operations.

pub mod passportreader;
