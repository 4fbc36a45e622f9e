//! Outputs: the checked model and its diagnostics in forms for machines and
//! people. Every JSON document carries `"schema_version": 1`. The outputs
//! for people (HTML, SVG, Markdown) read the model once into a
//! [`board::Board`] and escape user text with the helpers of [`text`].

pub mod board;
pub mod html;
pub mod json;
pub mod markdown;
pub mod report;
pub mod svg;
pub mod text;

/// The version of every JSON schema canvasc prints.
pub const SCHEMA_VERSION: u32 = 1;
