//! Rule codes: the stable names of every diagnostic canvasc reports.
//!
//! Invariants: a code is never reused or renamed once released; every code
//! has a severity and an explanation (`docs/rules/CODE.md`, compiled in), and
//! [`Code::ALL`] lists them in the order of the language reference.

use std::fmt;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The business model has room to grow; never fails a check.
    Advice,
    /// The canvas is valid but the business model has a gap.
    Warning,
    /// The canvas is wrong.
    Error,
}

impl Severity {
    /// The code as written: `unknown-reference`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident;)*) => {
        /// A rule code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $(#[doc = concat!("`", $name, "`")] $variant,)*
        }

        impl Code {
            /// Every code, in the order of the language reference.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as users write it (`unknown-reference`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// How serious a diagnostic of this code is.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// The long explanation printed by `canvasc explain`.
            pub fn explanation(self) -> &'static str {
                match self {
                    $(Code::$variant => include_str!(concat!("../docs/rules/", $name, ".md")),)*
                }
            }
        }
    };
}

codes! {
    Syntax = "syntax", Error;
    MissingHeader = "missing-header", Error;
    DuplicateHeader = "duplicate-header", Error;
    DuplicateDefinition = "duplicate-definition", Error;
    UnknownReference = "unknown-reference", Error;
    WrongKind = "wrong-kind", Error;
    UnknownValue = "unknown-value", Error;
    MissingField = "missing-field", Error;
    DuplicateField = "duplicate-field", Error;
    InvalidValue = "invalid-value", Error;
    CurrencyMismatch = "currency-mismatch", Error;
    Contradiction = "contradiction", Error;
    TooLarge = "too-large", Error;
    TooManyDiagnostics = "too-many-diagnostics", Error;
    NoRelationship = "no-relationship", Warning;
    NoChannel = "no-channel", Warning;
    IncompleteJourney = "incomplete-journey", Warning;
    NoValueProposition = "no-value-proposition", Warning;
    UnmetNeed = "unmet-need", Warning;
    UnknownNeed = "unknown-need", Warning;
    UnmetExpectation = "unmet-expectation", Warning;
    CostlyRelationship = "costly-relationship", Warning;
    NoRetention = "no-retention", Warning;
    UnprofitableRelationship = "unprofitable-relationship", Warning;
    Undifferentiated = "undifferentiated", Warning;
    LonelySide = "lonely-side", Warning;
    UnrelievedPain = "unrelieved-pain", Warning;
    UnaddressedJob = "unaddressed-job", Warning;
    BidiControl = "bidi-control", Warning;
    ConfusableName = "confusable-name", Warning;
    UnrecoveredAcquisition = "unrecovered-acquisition", Warning;
    Unclassified = "unclassified", Advice;
    UnmetGain = "unmet-gain", Advice;
    UnsupportedProposition = "unsupported-proposition", Advice;
    SlowPayback = "slow-payback", Advice;
}

impl Code {
    /// Looks a code up by its name.
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|code| code.as_str() == name)
    }

    /// The first paragraph after the title: a one-sentence summary.
    pub fn summary(self) -> String {
        self.explanation()
            .split("\n\n")
            .skip(1)
            .map(|paragraph| paragraph.split_whitespace().collect::<Vec<_>>().join(" "))
            .find(|paragraph| !paragraph.is_empty())
            .unwrap_or_default()
    }

    /// The text of one `## TITLE` section of the explanation, trimmed, such
    /// as `What it checks`.
    pub fn section(self, title: &str) -> Option<&'static str> {
        let explanation = self.explanation();
        let heading = format!("\n## {title}\n");
        let start = explanation.find(&heading)? + heading.len();
        let rest = &explanation[start..];
        let end = rest.find("\n## ").unwrap_or(rest.len());
        Some(rest[..end].trim())
    }
}

/// The index of `docs/rules/README.md`: a table of every code, in the order
/// of [`Code::ALL`], with its severity, its summary and a link to its page.
/// `tests/docs.rs` checks the file against this text, so the index cannot
/// drift from the pages `canvasc explain` prints.
pub fn rules_index() -> String {
    let mut text = String::from(
        "# Rule codes\n\n\
         <!-- Generated from the pages of this folder by `UPDATE_DOCS=1 cargo test --test docs`; \
         do not edit by hand. -->\n\n\
         Every diagnostic canvasc reports has one of these codes, and each code has a page here: the\n\
         text `canvasc explain CODE` prints, with what the rule checks, why it matters, an example and\n\
         its fix. Errors mean the canvas is wrong; warnings mean the business model has a gap; advice\n\
         never fails a check. Warnings and advice can be allowed in a canvas (`allow CODE`), and set\n\
         to `allow`, `warn` or `deny` on the command line (`-A`, `-W`, `-D`) or in a `canvas.toml`\n\
         project file ([reference](../reference.md#lint-levels)).\n\n\
         | code | severity | summary |\n\
         | --- | --- | --- |\n",
    );
    for code in Code::ALL {
        text.push_str(&format!(
            "| [`{name}`]({name}.md) | {severity} | {summary} |\n",
            name = code.as_str(),
            severity = code.severity(),
            summary = code.summary().replace('|', "\\|"),
        ));
    }
    text
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
