//! Lint levels: what the command line (`-A`, `-W`, `-D`) and a project file
//! (`canvas.toml`) say about each rule code, and applying that to diagnostics.
//!
//! A level is set for a code (`no-retention`) or for a group (`warnings`,
//! `advice`: every code of that severity). One [`Levels`] holds what one
//! source says; [`Levels::over`] stacks a higher source over a lower one.
//!
//! Invariants:
//!
//! - Errors are never lowered: setting `allow` or `warn` for an error code
//!   is refused when the level is set ([`LevelError::CannotLower`]), so no
//!   [`Levels`] can hold it, and [`apply`] never touches an error.
//! - `allow` written in a canvas wins over every level: the library has
//!   already dropped those diagnostics before levels are applied, and a level
//!   never brings a diagnostic back.
//! - Within one source the level of a code beats the level of its group
//!   (`-D warnings -A no-retention` denies every warning but `no-retention`);
//!   the same name set twice keeps the later level. Between sources, the
//!   higher decides everything it names, group or code, before the lower is
//!   asked.
//! - A denied diagnostic keeps its code and message and becomes an error, so
//!   every output shows it as one and it fails the check.
//!
//! This module does no I/O: reading `canvas.toml` is the command line's
//! business; parsing its text is [`Levels::from_toml`]'s.

use std::collections::BTreeMap;
use std::fmt;

use crate::code::{Code, Severity};
use crate::diagnostic::{did_you_mean, Diagnostic};

/// What to do with the diagnostics of a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    /// Drop them.
    Allow,
    /// Keep them at their own severity (undoes an `allow` or `deny` of a group
    /// or of a lower source).
    Warn,
    /// Report them as errors: they fail the check.
    Deny,
}

impl Level {
    /// The level as written: `allow`, `warn` or `deny`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }

    /// Reads `allow`, `warn` or `deny`.
    pub fn from_name(name: &str) -> Option<Level> {
        match name {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that takes a level: a code, or a group of codes by severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// One code.
    Code(Code),
    /// Every code of this severity: `warnings` or `advice`.
    Group(Severity),
}

/// The group names, as users write them.
pub const GROUPS: &[(&str, Severity)] = &[("warnings", Severity::Warning), ("advice", Severity::Advice)];

impl Target {
    /// Reads a code or a group name.
    pub fn from_name(name: &str) -> Result<Target, LevelError> {
        if let Some(code) = Code::from_name(name) {
            return Ok(Target::Code(code));
        }
        if let Some((_, severity)) = GROUPS.iter().find(|(group, _)| *group == name) {
            return Ok(Target::Group(*severity));
        }
        let candidates = Code::ALL
            .iter()
            .map(|code| code.as_str())
            .chain(GROUPS.iter().map(|(group, _)| *group));
        Err(LevelError::UnknownName {
            name: name.to_string(),
            suggestion: did_you_mean(name, candidates).map(str::to_string),
        })
    }

    /// The name as written: a code, `warnings` or `advice`.
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Code(code) => code.as_str(),
            Target::Group(severity) => GROUPS
                .iter()
                .find(|(_, group)| *group == severity)
                .map_or("errors", |(name, _)| name),
        }
    }
}

/// Why a level could not be set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LevelError {
    /// Neither a code nor a group; the nearest name when one is close.
    UnknownName {
        /// The name as given.
        name: String,
        /// The nearest valid name, when one is close.
        suggestion: Option<String>,
    },
    /// `allow` or `warn` for an error code.
    CannotLower {
        /// The error code.
        code: Code,
        /// The level it cannot take.
        level: Level,
    },
    /// Not `allow`, `warn` or `deny`.
    UnknownLevel {
        /// The name it was given for.
        name: String,
        /// The level as written.
        level: String,
    },
    /// The project file is not what it should be (TOML syntax, shape).
    Invalid(String),
}

impl fmt::Display for LevelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LevelError::UnknownName { name, suggestion } => {
                write!(f, "unknown rule code `{name}`")?;
                match suggestion {
                    Some(suggestion) => write!(f, "; did you mean `{suggestion}`?"),
                    None => write!(f, "; `canvasc explain` lists every code"),
                }
            }
            LevelError::CannotLower { code, level } => write!(
                f,
                "`{code}` is an error and cannot be set to `{level}`: errors mean the canvas is wrong, \
                 so they are never allowed or lowered"
            ),
            LevelError::UnknownLevel { name, level } => write!(
                f,
                "unknown level `{level}` for `{name}`; a level is \"allow\", \"warn\" or \"deny\""
            ),
            LevelError::Invalid(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for LevelError {}

/// The levels one source sets, or several stacked with [`Levels::over`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Levels {
    /// Per code, resolved from this source (or from the stack, after `over`).
    codes: BTreeMap<Code, Level>,
    /// Per group, for a single source; empty after `over`, which resolves
    /// groups into codes.
    groups: BTreeMap<Severity, Level>,
}

impl Levels {
    /// No level set.
    pub fn new() -> Self {
        Levels::default()
    }

    /// Whether this sets nothing at all.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty() && self.groups.is_empty()
    }

    /// Sets `name` (a code or group) to `level`; a later call for the same
    /// name replaces an earlier one.
    pub fn set(&mut self, name: &str, level: Level) -> Result<(), LevelError> {
        let target = Target::from_name(name)?;
        self.set_target(target, level)
    }

    /// Sets `target` to `level`, refusing to lower an error code.
    pub fn set_target(&mut self, target: Target, level: Level) -> Result<(), LevelError> {
        match target {
            Target::Code(code) => {
                if code.severity() == Severity::Error && level != Level::Deny {
                    return Err(LevelError::CannotLower { code, level });
                }
                self.codes.insert(code, level);
            }
            // No group names the errors, so a group never lowers one.
            Target::Group(severity) => {
                self.groups.insert(severity, level);
            }
        }
        Ok(())
    }

    /// The level this source gives `code`, if any: its own before its group's.
    pub fn level_of(&self, code: Code) -> Option<Level> {
        self.codes
            .get(&code)
            .or_else(|| self.groups.get(&code.severity()))
            .copied()
    }

    /// `self` stacked over `lower`: every code takes the level `self` gives it,
    /// else the one `lower` gives it.
    pub fn over(&self, lower: &Levels) -> Levels {
        let codes = Code::ALL
            .iter()
            .filter_map(|code| {
                self.level_of(*code)
                    .or_else(|| lower.level_of(*code))
                    .map(|level| (*code, level))
            })
            .collect();
        Levels {
            codes,
            groups: BTreeMap::new(),
        }
    }

    /// Reads the `[levels]` table of a project file (`canvas.toml`):
    ///
    /// ```toml
    /// [levels]
    /// unclassified = "allow"
    /// no-retention = "deny"
    /// warnings = "deny"
    /// ```
    ///
    /// Any other key or table is refused, so a misspelt `[level]` is an error
    /// rather than a file that silently does nothing.
    pub fn from_toml(text: &str) -> Result<Levels, LevelError> {
        let table: toml::Table = text
            .parse()
            .map_err(|error: toml::de::Error| LevelError::Invalid(error.to_string().trim_end().to_string()))?;
        let mut levels = Levels::new();
        for (key, value) in &table {
            if key != "levels" {
                return Err(LevelError::Invalid(format!(
                    "unknown key `{key}`; a project file has only a `[levels]` table"
                )));
            }
            let Some(entries) = value.as_table() else {
                return Err(LevelError::Invalid(
                    "`levels` must be a table: `[levels]` followed by lines such as `no-retention = \"deny\"`"
                        .to_string(),
                ));
            };
            for (name, level) in entries {
                let level_name = level.as_str().ok_or_else(|| LevelError::UnknownLevel {
                    name: name.clone(),
                    level: level.to_string(),
                })?;
                let level = Level::from_name(level_name).ok_or_else(|| LevelError::UnknownLevel {
                    name: name.clone(),
                    level: level_name.to_string(),
                })?;
                levels.set(name, level)?;
            }
        }
        Ok(levels)
    }

    /// Applies these levels to the diagnostics of one canvas: drops the
    /// allowed ones and turns the denied ones into errors. Errors are kept
    /// as they are.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.is_empty() {
            return;
        }
        // The diagnostics a `too-many-diagnostics` stands for are gone, and
        // any of them might have been denied: under any `deny` it is an
        // error, so the cap never lets a failing check pass.
        let denies = self
            .codes
            .values()
            .chain(self.groups.values())
            .any(|level| *level == Level::Deny);
        diagnostics.retain_mut(|diagnostic| {
            if diagnostic.is_error() {
                return true;
            }
            if diagnostic.code == Code::TooManyDiagnostics {
                if denies {
                    diagnostic.severity = Severity::Error;
                }
                return true;
            }
            match self.level_of(diagnostic.code) {
                Some(Level::Allow) => false,
                Some(Level::Deny) => {
                    diagnostic.severity = Severity::Error;
                    true
                }
                Some(Level::Warn) | None => true,
            }
        });
    }

    /// The targets this source names, for messages and tests.
    pub fn targets(&self) -> Vec<(Target, Level)> {
        let codes = self.codes.iter().map(|(code, level)| (Target::Code(*code), *level));
        let groups = self
            .groups
            .iter()
            .map(|(severity, level)| (Target::Group(*severity), *level));
        codes.chain(groups).collect()
    }
}

/// Applies `levels` to `diagnostics` (see [`Levels::apply`]).
pub fn apply(levels: &Levels, diagnostics: &mut Vec<Diagnostic>) {
    levels.apply(diagnostics);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(code: Code) -> Diagnostic {
        Diagnostic::whole_file(code, "m")
    }

    fn kept(levels: &Levels, codes: &[Code]) -> Vec<(Code, Severity)> {
        let mut diagnostics: Vec<Diagnostic> = codes.iter().copied().map(diagnostic).collect();
        levels.apply(&mut diagnostics);
        diagnostics.iter().map(|d| (d.code, d.severity)).collect()
    }

    #[test]
    fn allow_drops_deny_raises_warn_keeps() -> Result<(), LevelError> {
        let mut levels = Levels::new();
        levels.set("unclassified", Level::Allow)?;
        levels.set("no-retention", Level::Deny)?;
        levels.set("no-channel", Level::Warn)?;
        assert_eq!(
            kept(&levels, &[Code::Unclassified, Code::NoRetention, Code::NoChannel]),
            [
                (Code::NoRetention, Severity::Error),
                (Code::NoChannel, Severity::Warning)
            ]
        );
        Ok(())
    }

    #[test]
    fn any_deny_makes_too_many_diagnostics_an_error() -> Result<(), LevelError> {
        let mut warning = diagnostic(Code::TooManyDiagnostics);
        warning.severity = Severity::Warning;
        let mut levels = Levels::new();
        levels.set("unclassified", Level::Allow)?;
        let mut kept = vec![warning.clone()];
        levels.apply(&mut kept);
        assert_eq!(kept[0].severity, Severity::Warning);
        levels.set("no-retention", Level::Deny)?;
        let mut kept = vec![warning];
        levels.over(&Levels::new()).apply(&mut kept);
        assert_eq!(kept[0].severity, Severity::Error);
        Ok(())
    }

    #[test]
    fn errors_cannot_be_lowered_but_may_be_denied() {
        let mut levels = Levels::new();
        assert_eq!(
            levels.set("unknown-reference", Level::Allow),
            Err(LevelError::CannotLower {
                code: Code::UnknownReference,
                level: Level::Allow
            })
        );
        assert!(levels.set("syntax", Level::Warn).is_err());
        assert!(levels.set("syntax", Level::Deny).is_ok());
    }

    #[test]
    fn unknown_names_get_a_did_you_mean() {
        let error = Target::from_name("no-retension").err();
        assert_eq!(
            error,
            Some(LevelError::UnknownName {
                name: "no-retension".to_string(),
                suggestion: Some("no-retention".to_string())
            })
        );
        assert_eq!(Target::from_name("warnings"), Ok(Target::Group(Severity::Warning)));
    }

    #[test]
    fn a_code_beats_its_group_within_a_source() -> Result<(), LevelError> {
        let mut levels = Levels::new();
        levels.set("no-retention", Level::Allow)?;
        levels.set("warnings", Level::Deny)?;
        assert_eq!(
            kept(&levels, &[Code::NoRetention, Code::NoChannel, Code::Unclassified]),
            [
                (Code::NoChannel, Severity::Error),
                (Code::Unclassified, Severity::Advice)
            ]
        );
        Ok(())
    }

    #[test]
    fn the_higher_source_decides_what_it_names() -> Result<(), LevelError> {
        let mut project = Levels::new();
        project.set("no-retention", Level::Allow)?;
        project.set("unclassified", Level::Allow)?;
        let mut command_line = Levels::new();
        command_line.set("warnings", Level::Deny)?;
        let levels = command_line.over(&project);
        assert_eq!(
            kept(&levels, &[Code::NoRetention, Code::Unclassified, Code::MissingField]),
            [
                (Code::NoRetention, Severity::Error),
                (Code::MissingField, Severity::Error)
            ]
        );
        Ok(())
    }

    #[test]
    fn project_files_are_read_strictly() {
        let levels = Levels::from_toml("[levels]\nunclassified = \"allow\"\nno-retention = \"deny\"\n");
        assert_eq!(
            levels.map(|levels| levels.targets()),
            Ok(vec![
                (Target::Code(Code::NoRetention), Level::Deny),
                (Target::Code(Code::Unclassified), Level::Allow)
            ])
        );
        assert!(matches!(
            Levels::from_toml("[level]\nx = \"allow\"\n"),
            Err(LevelError::Invalid(_))
        ));
        assert!(matches!(
            Levels::from_toml("[levels]\nunclassified = \"off\"\n"),
            Err(LevelError::UnknownLevel { .. })
        ));
        assert!(matches!(
            Levels::from_toml("[levels]\nunclassified = 1\n"),
            Err(LevelError::UnknownLevel { .. })
        ));
        assert!(matches!(
            Levels::from_toml("[levels]\nsyntax = \"allow\"\n"),
            Err(LevelError::CannotLower { .. })
        ));
        assert!(matches!(Levels::from_toml("[levels\n"), Err(LevelError::Invalid(_))));
        assert_eq!(Levels::from_toml(""), Ok(Levels::new()));
    }
}
