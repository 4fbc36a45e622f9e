//! Links from a rule's code to its page (`docs/rules/<code>.md`): the
//! `codeDescription` of each diagnostic, and a document link on each code
//! written after `allow`, as rust-analyzer links a lint to its page.
//!
//! Invariants: this module alone decides the rule pages' addresses; only
//! known codes are linked (an unknown code after `allow` is a diagnostic,
//! not a link), and a client can turn the links off.

use lsp_types::{CodeDescription, Diagnostic as LspDiagnostic, DocumentLink, NumberOrString, Uri};
use serde_json::Value;

use super::Document;
use crate::code::Code;

/// The placeholder a template replaces by a rule's code.
const CODE: &str = "{code}";

/// Where the rule pages are: the repository of `Cargo.toml`, on its main
/// branch, so that a page is one click from any editor.
fn default_template() -> String {
    format!("{}/blob/main/docs/rules/{CODE}.md", env!("CARGO_PKG_REPOSITORY"))
}

/// The address of every rule page, from a template such as
/// `https://example.org/rules/{code}.html`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct RulePages {
    /// `None`: the client asked for no links.
    template: Option<String>,
}

/// The longest template a client may set: an address, not a document.
const MAX_TEMPLATE: usize = 2048;

impl Default for RulePages {
    fn default() -> Self {
        RulePages {
            template: Some(default_template()),
        }
    }
}

impl RulePages {
    /// The pages the client's `initializationOptions.rulePages` names: a
    /// template with `{code}`, a base address to which `<code>.md` is
    /// appended, or `false` (or `""`) for no links. Anything else, or an
    /// address that would not be a URI, keeps the default.
    pub(super) fn from_options(options: Option<&Value>) -> Self {
        let Some(setting) = options.and_then(|options| options.get("rulePages")) else {
            return RulePages::default();
        };
        let template = match setting {
            Value::Bool(false) => return RulePages { template: None },
            Value::String(text) if text.trim().is_empty() => return RulePages { template: None },
            Value::String(text) if text.len() <= MAX_TEMPLATE => text.trim(),
            _ => return RulePages::default(),
        };
        let template = if template.contains(CODE) {
            template.to_string()
        } else {
            format!("{}/{CODE}.md", template.trim_end_matches('/'))
        };
        let pages = RulePages {
            template: Some(template),
        };
        // Every page must be a URI; one code stands for all (they are all
        // lowercase ASCII words with hyphens).
        match pages.url(Code::Syntax) {
            Some(_) => pages,
            None => RulePages::default(),
        }
    }

    /// The page of `code`, or `None` when links are off.
    pub(super) fn url(&self, code: Code) -> Option<Uri> {
        let template = self.template.as_ref()?;
        let address = template.replace(CODE, code.as_str());
        // A URI has a scheme: a bare path is no address for a client.
        let scheme = address.split_once(':')?.0;
        let valid_scheme = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if !valid_scheme {
            return None;
        }
        address.parse().ok()
    }

    /// Gives each diagnostic the page of its rule.
    pub(super) fn describe(&self, diagnostics: &mut [LspDiagnostic]) {
        for diagnostic in diagnostics {
            let code = match &diagnostic.code {
                Some(NumberOrString::String(code)) => Code::from_name(code),
                _ => None,
            };
            diagnostic.code_description = code
                .and_then(|code| self.url(code))
                .map(|href| CodeDescription { href });
        }
    }

    /// A link on each code written after `allow`, to its page.
    pub(super) fn document_links(&self, document: &Document) -> Vec<DocumentLink> {
        let model = &document.checked.model;
        let text = document.text();
        let blocks = model.blocks().flat_map(|(_, block)| block.allows.iter());
        let scenarios = model.scenarios.iter().flat_map(|scenario| scenario.allows.iter());
        let mut links: Vec<DocumentLink> = model
            .allows
            .iter()
            .chain(blocks)
            .chain(scenarios)
            .filter_map(|allow| {
                Some(DocumentLink {
                    range: text.range(allow.span),
                    target: Some(self.url(allow.value)?),
                    tooltip: Some(format!("the rule `{}`", allow.value.as_str())),
                    data: None,
                })
            })
            .collect();
        links.sort_by_key(|link| (link.range.start.line, link.range.start.character));
        links
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn page(options: Value, code: Code) -> Option<String> {
        RulePages::from_options(Some(&options))
            .url(code)
            .map(|uri| uri.as_str().to_string())
    }

    #[test]
    fn the_default_is_the_repository_page() {
        let url = RulePages::default()
            .url(Code::UnmetNeed)
            .map(|uri| uri.as_str().to_string());
        assert_eq!(
            url.as_deref(),
            Some(concat!(
                env!("CARGO_PKG_REPOSITORY"),
                "/blob/main/docs/rules/unmet-need.md"
            ))
        );
        // Every code has a page.
        assert!(Code::ALL.iter().all(|code| RulePages::default().url(*code).is_some()));
    }

    #[test]
    fn a_client_sets_a_template_a_base_or_no_links() {
        assert_eq!(
            page(
                json!({ "rulePages": "https://example.org/r/{code}.html" }),
                Code::NoChannel
            )
            .as_deref(),
            Some("https://example.org/r/no-channel.html")
        );
        assert_eq!(
            page(
                json!({ "rulePages": "file:///opt/canvasc/docs/rules/" }),
                Code::NoChannel
            )
            .as_deref(),
            Some("file:///opt/canvasc/docs/rules/no-channel.md")
        );
        assert_eq!(page(json!({ "rulePages": false }), Code::NoChannel), None);
        assert_eq!(page(json!({ "rulePages": "  " }), Code::NoChannel), None);
        // What is no address keeps the default.
        let default = RulePages::default()
            .url(Code::NoChannel)
            .map(|uri| uri.as_str().to_string());
        for bad in [
            json!({ "rulePages": "docs/rules/{code}.md" }),
            json!({ "rulePages": "1http://x/{code}" }),
            json!({ "rulePages": "http://exa mple.org/{code}" }),
            json!({ "rulePages": 3 }),
            json!({ "rulePages": "x".repeat(MAX_TEMPLATE + 1) }),
            json!("not an object"),
            json!({}),
        ] {
            assert_eq!(page(bad.clone(), Code::NoChannel), default, "{bad}");
        }
    }
}
