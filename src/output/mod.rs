//! Outputs: the checked model and its diagnostics in forms for machines and
//! people. Every JSON document of canvasc's own carries `"schema_version": 1`
//! (SARIF, a standard, carries its own `version`). The outputs for people
//! (HTML, SVG, Markdown) read the model once into a [`board::Board`] and
//! escape user text with the helpers of [`text`].

pub mod board;
// Being rewritten on another branch; documented after the merge.
#[allow(missing_docs)]
pub mod economics;
pub mod github;
pub mod html;
// PNG and PDF need resvg and svg2pdf, which only the command line brings
// (the browser playground draws the SVG itself).
#[cfg(feature = "cli")]
pub mod image;
pub mod json;
pub mod markdown;
pub mod report;
pub mod sarif;
pub mod short;
pub mod svg;
pub mod text;

use crate::{Checked, Diagnostic};

/// The version of every JSON schema canvasc prints.
pub const SCHEMA_VERSION: u32 = 1;

/// One input of a `check` run, as the machine-readable reports see it.
#[derive(Clone, Copy, Debug)]
pub enum FileOutcome<'a> {
    /// A file that was read and checked.
    Checked(&'a Checked),
    /// A path that could not be read, and why; a file refused for its size
    /// also has its `too-large` diagnostic.
    Unreadable {
        /// The path as the user named it.
        path: &'a str,
        /// Why it could not be read.
        problem: &'a str,
        /// The `too-large` diagnostic, when that is why.
        diagnostic: Option<&'a Diagnostic>,
    },
}

impl FileOutcome<'_> {
    /// The diagnostics of a file: a checked file's, or the one of a file
    /// refused for its size.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            FileOutcome::Checked(checked) => &checked.diagnostics,
            FileOutcome::Unreadable { diagnostic, .. } => diagnostic.map_or(&[], std::slice::from_ref),
        }
    }
}
