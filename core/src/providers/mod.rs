//! One module per provider: its configuration, wire models and operations.

pub mod billit;
pub mod digiteal;
pub mod passportreader;
pub mod solaris;
