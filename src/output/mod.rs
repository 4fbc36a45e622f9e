//! Outputs: the checked model and its diagnostics in forms for machines and
//! people. Every JSON document carries `"schema_version": 1`.

pub mod json;
pub mod report;

/// The version of every JSON schema canvasc prints.
pub const SCHEMA_VERSION: u32 = 1;
