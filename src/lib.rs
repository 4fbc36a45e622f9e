//! canvasc: the Business Model Canvas as code.
//!
//! A `.canvas` file goes through one pipeline, one module per stage:
//!
//! 1. `syntax`: text → syntax tree (pest grammar in `grammar/canvas.pest`),
//!    with syntax errors in plain words;
//! 2. [`model`]: syntax tree → [`Model`]: statements read, names
//!    resolved, derived facts (journeys, intimacy, directness, economics);
//! 3. `rules`: the model checked against the rules of the canvas method;
//! 4. [`Diagnostic`]: the findings as plain data, [`render`]ed by miette;
//! 5. [`output`]: the model compiled to JSON and other forms.
//!
//! [`check`] runs stages 1–3 and is the one entry point most programs need.
//!
//! ```
//! let source = r#"
//! canvas "Tea Club" { currency EUR }
//! segment tea-lovers { type niche }
//! "#;
//! let checked = canvasc::check("tea.canvas", source);
//! assert_eq!(checked.model.segments.len(), 1);
//! // A segment with no relationship, channel or proposition has gaps:
//! let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code.as_str()).collect();
//! assert_eq!(codes, ["no-relationship", "no-channel", "no-value-proposition"]);
//! assert!(!checked.has_errors());
//! ```

#![warn(missing_docs, unreachable_pub)]
// The pedantic lints that found something worth changing, and cost no
// ceremony where they find nothing.
#![warn(
    clippy::manual_let_else,
    clippy::needless_for_each,
    clippy::semicolon_if_nothing_returned,
    clippy::uninlined_format_args
)]

// pest is built without `std` (no per-call stack probe: the grammar does not
// recurse, see grammar/canvas.pest), and its derived parser names `alloc`.
extern crate alloc;

mod blocks;
#[cfg(feature = "cli")]
pub mod cli;
pub mod code;
mod diagnostic;
// Being rewritten on another branch; documented after the merge.
#[allow(missing_docs)]
pub mod diff;
pub mod fix;
pub mod fmt;
mod hazards;
pub mod levels;
mod limits;
mod lines;
#[cfg(feature = "cli")]
pub mod lsp;
// The model's fields are documented with the change of their types (memory).
#[allow(missing_docs)]
pub mod model;
pub mod output;
// Finding `canvas.toml` is for the command line and the language server.
#[cfg(feature = "cli")]
mod project;
pub mod render;
mod rules;
pub mod span;
mod suggest;
mod syntax;
#[doc(hidden)]
pub mod testing;

/// The parser's former path, for `diff` until its rewrite (another branch)
/// names [`syntax`].
pub(crate) use syntax as parse;

pub use code::{Code, Severity};
pub use diagnostic::{Diagnostic, Edit, Label};
pub use model::Model;

use model::resolve::Names;

/// The version of the language this build implements (`LANGUAGE.md`).
pub const LANGUAGE_VERSION: &str = "0.2";

/// Everything known about one checked source.
#[derive(Clone, Debug)]
pub struct Checked {
    /// The name the source was checked under (a path, or `-`).
    pub name: String,
    /// The text checked (the valid prefix, shown lossily, when it was not UTF-8).
    pub source: String,
    /// What the canvas means: its blocks, references resolved, and the facts derived from them.
    pub model: Model,
    /// The identifiers of the canvas, per namespace.
    pub names: Names,
    /// Every diagnostic, in source order, `allow` applied.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// How many diagnostics there are of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == severity)
            .count()
    }

    /// Whether the syntax tree is whole (no `syntax` diagnostic).
    pub fn parsed_cleanly(&self) -> bool {
        !self
            .diagnostics
            .iter()
            .any(|diagnostic| diagnostic.code == Code::Syntax)
    }
}

/// Parses, builds and checks one source text.
///
/// Never panics and never fails: every problem is a diagnostic in the
/// result. `name` is only used to show where diagnostics come from.
pub fn check(name: impl Into<String>, source: &str) -> Checked {
    check_text(name.into(), source.to_string())
}

/// [`check`], keeping the text it is given rather than a copy.
fn check_text(name: String, source: String) -> Checked {
    if source.len() as u64 > limits::MAX_FILE_SIZE {
        // Spans are 32-bit offsets; the command line never reads this much.
        let diagnostic = limits::too_large(&name, Some(source.len() as u64));
        return Checked {
            name,
            source,
            model: Model::default(),
            names: Names::default(),
            diagnostics: vec![diagnostic],
        };
    }
    // Each item goes into the model as soon as it is parsed and is dropped
    // then: the syntax tree of the whole file never exists at once.
    let (builder, parsed) = syntax::parse_into::<model::build::Builder>(&source);
    // Diagnostics are capped as they are found, never all held at once
    // (`limits::Capped`); each rule's are sifted by `allow` before they join.
    let mut diagnostics = limits::Capped::default();
    diagnostics.extend(parsed);
    let (mut model, built) = builder.finish_capped();
    diagnostics.absorb(built);
    let names = model::resolve::resolve(&mut model);
    diagnostics.extend(model::scenario::resolve(&mut model, &names));
    // What parsing and building find is errors, which `allow` never drops;
    // should a warning ever come from there, it is sifted here, before the
    // rules add theirs (already sifted), so that nothing the cap let go
    // could have been kept.
    let allowed: Vec<Code> = model.allows.iter().map(|allow| allow.value).collect();
    if !allowed.is_empty() {
        diagnostics.retain(|diagnostic| diagnostic.is_error() || !allowed.contains(&diagnostic.code));
    }
    model.facts = model::Facts::of(&model);
    let has_scenarios = !model.scenarios.is_empty();
    // Scenarios report what they add to the base, so they need the base's
    // findings as the rules gave them (before `allow`): kept only when there
    // are scenarios to compare.
    let mut base: Vec<Diagnostic> = Vec::new();
    let sift = rules::Sift {
        allow: true,
        keep_unsifted: has_scenarios,
    };
    rules::run_each(&model, &names, sift, |found, unsifted| {
        base.extend(unsifted);
        diagnostics.absorb(found);
        diagnostics.horizon()
    });
    diagnostics.set_rank(rules::AFTER_RULES);
    let mut on_text = rules::run_on_text(&source);
    if has_scenarios {
        base.extend(on_text.iter().cloned());
    }
    rules::apply_allows(&model, &mut on_text);
    diagnostics.extend(on_text);
    if has_scenarios {
        let mut introduced = rules::scenarios::introduced(&model, &names, &base);
        rules::apply_allows(&model, &mut introduced);
        diagnostics.extend(introduced);
    }
    let diagnostics = diagnostics.finish();
    Checked {
        name,
        source,
        model,
        names,
        diagnostics,
    }
}

/// The check of one scenario's canvas (the base with its overrides
/// applied), or `None` when `checked` has no scenario `id`: its model, and
/// the rules' diagnostics on it, `allow` applied.
pub fn scenario_checked(checked: &Checked, id: &str) -> Option<Checked> {
    let scenario = model::scenario::find(&checked.model, id)?;
    let model = model::scenario::apply(&checked.model, scenario);
    let mut diagnostics = rules::run(&model, &checked.names);
    rules::apply_allows(&model, &mut diagnostics);
    diagnostic::sort_in_source_order(&mut diagnostics);
    Some(Checked {
        name: checked.name.clone(),
        source: checked.source.clone(),
        model,
        names: checked.names.clone(),
        diagnostics,
    })
}

/// Checks raw bytes: decoding problems (not UTF-8, UTF-16) are diagnostics.
///
/// Given a `Vec<u8>`, the text is checked in place, without a copy.
pub fn check_bytes(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Checked {
    let name = name.into();
    match String::from_utf8(bytes.into()) {
        Ok(text) => check_text(name, text),
        Err(error) => {
            let bytes = error.as_bytes();
            let diagnostic = decoding_diagnostic(bytes, error.utf8_error().valid_up_to());
            // Show the valid prefix so the label has text to point into.
            let shown = String::from_utf8_lossy(bytes).into_owned();
            Checked {
                name,
                source: shown,
                model: Model::default(),
                names: Names::default(),
                diagnostics: vec![diagnostic],
            }
        }
    }
}

fn decoding_diagnostic(bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if utf16 {
        return Diagnostic::whole_file(Code::Syntax, "this file is UTF-16; canvas files are UTF-8")
            .with_help("save the file as UTF-8 (most editors offer it under \"Save with encoding\")");
    }
    Diagnostic::new(
        Code::Syntax,
        format!("this file is not valid UTF-8 (byte {valid_up_to})"),
        span::Span::new(valid_up_to, valid_up_to + 1),
        "invalid byte",
    )
    .with_help("save the file as UTF-8")
}
