//! Text helpers shared by the outputs for people (HTML, SVG, Markdown), and
//! by the terminal and log outputs (`check --format github`, `fmt --diff`):
//! the characters none of them shows raw are `hazards`' one list.
//!
//! Invariants: every piece of user text passes through [`clean`] exactly
//! once, at the point where it is written into a document, so it is never
//! escaped twice; [`clean`] drops what XML forbids (control characters but
//! tab and newline, noncharacters) and makes the invisible characters that
//! can reorder or hide text (bidi overrides and isolates, zero-width
//! characters) visible as `\u{..}`; money is formatted like the JSON model,
//! rounded half away from zero, with thousands separators for people.

use std::borrow::Cow;

use num_bigint::BigInt;
use num_rational::BigRational;

use crate::model::derive::format_money_grouped;
use crate::model::{Rate, Reference};

/// Whether XML (and so SVG and an HTML page) forbids `c` in a document.
/// Carriage returns count as forbidden here: [`clean`] turns them into newlines.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || is_noncharacter(c)
}

/// The Unicode noncharacters: U+FDD0–U+FDEF and the last two code points of every plane.
fn is_noncharacter(c: char) -> bool {
    let code = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE
}

pub use crate::hazards::{is_hazard, is_invisible};

/// Text for a terminal or a log, lines kept: every [hazard](is_hazard)
/// written as a visible `\u{..}` escape, but a carriage return that ends a
/// line (`\r\n`), which is harmless.
pub fn escape_hazards(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hazard) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_hazard(c) && !(c == '\r' && chars.peek() == Some(&'\n')) {
            escaped.extend(c.escape_unicode());
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

/// User text made safe to show anywhere: forbidden characters dropped
/// (a carriage return becomes a newline), invisible ones written as `\u{..}`.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_forbidden(c) || is_invisible(c)) {
        return Cow::Borrowed(text);
    }
    let mut cleaned = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() != Some(&'\n') {
                cleaned.push('\n');
            }
        } else if is_invisible(c) {
            cleaned.extend(c.escape_unicode());
        } else if !is_forbidden(c) {
            cleaned.push(c);
        }
    }
    Cow::Owned(cleaned)
}

/// User text for an XML or HTML text node or attribute value (either quote).
pub fn xml(text: &str) -> String {
    let cleaned = clean(text);
    let mut escaped = String::with_capacity(cleaned.len());
    for c in cleaned.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// User text for Markdown, inline in a list item, heading or table cell:
/// the characters Markdown gives a meaning escaped with a backslash, `<` and
/// `&` as entities so no HTML or entity reaches the page, and a line break
/// as `<br>` so it stays in its cell or item; and what GitHub would make a
/// link or a mention of (`://`, `www.`, `@`) broken where it starts. This
/// is the one escaping of user text for every Markdown canvasc writes
/// (`build --format md`, `diff --format md`).
pub fn markdown(text: &str) -> String {
    let cleaned = clean(text);
    let mut escaped = String::with_capacity(cleaned.len() + 8);
    for (index, c) in cleaned.char_indices() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '\n' => escaped.push_str("<br>"),
            '\t' => escaped.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '>' | '#' | '|' | '!' | '~' | '$' => {
                escaped.push('\\');
                escaped.push(c);
            }
            // GitHub turns `https://...`, `www.` and `name@host` into links
            // and `@name` into a mention: break each trigger where it is.
            ':' if rest_starts_with(&cleaned, index, "://") => escaped.push_str("\\:"),
            '.' if ends_with_www(&escaped) => escaped.push_str("\\."),
            '@' => escaped.push_str("@\u{2060}"),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// Whether `text` from byte `index` on starts with `prefix`.
fn rest_starts_with(text: &str, index: usize, prefix: &str) -> bool {
    text.get(index..).is_some_and(|rest| rest.starts_with(prefix))
}

/// Whether Markdown written so far ends with a `www` that starts a word.
fn ends_with_www(written: &str) -> bool {
    let Some(before) = written
        .len()
        .checked_sub(3)
        .and_then(|start| written.get(start..).map(|www| (start, www)))
        .filter(|(_, www)| www.eq_ignore_ascii_case("www"))
        .map(|(start, _)| &written[..start])
    else {
        return false;
    };
    !before.chars().next_back().is_some_and(char::is_alphanumeric)
}

/// User text that starts a line of Markdown (a paragraph of its own): as
/// [`markdown`], and a leading list marker, heading underline or ordered-list
/// number escaped too, leading spaces dropped (they would make code).
pub fn markdown_paragraph(text: &str) -> String {
    let escaped = markdown(text.trim_start());
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    match escaped.chars().next() {
        Some('-' | '+' | '=') => format!("\\{escaped}"),
        Some(_) if digits > 0 && matches!(escaped[digits..].chars().next(), Some('.' | ')')) => {
            format!("{}\\{}", &escaped[..digits], &escaped[digits..])
        }
        _ => escaped,
    }
}

/// Money for people: `1,846,900.00 EUR`.
pub fn money(value: &BigRational, currency: Option<&str>) -> String {
    match currency {
        Some(currency) => format!("{} {currency}", format_money_grouped(value)),
        None => format_money_grouped(value),
    }
}

/// A rate as people read it: `12.00 EUR per customer per month`.
pub fn rate(rate: &Rate, canvas_currency: Option<&str>) -> String {
    let currency = rate
        .amount
        .currency
        .as_ref()
        .map(|currency| currency.value.as_str())
        .or(canvas_currency);
    let mut text = money(&rate.amount.value, currency);
    if rate.per_new_customer {
        text.push_str(" per new customer");
        return text;
    }
    if rate.per_customer {
        text.push_str(" per customer");
    }
    match rate.period {
        Some(period) => {
            text.push_str(" per ");
            text.push_str(period.as_str());
        }
        None => text.push_str(" one-off"),
    }
    text
}

/// A whole number with thousands separators: `120,000`.
pub fn count(value: &BigInt) -> String {
    let digits = value.to_string();
    let (sign, digits) = digits
        .strip_prefix('-')
        .map_or(("", digits.as_str()), |rest| ("-", rest));
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{sign}{grouped}")
}

/// The names as written in a list of references: `young-women, skin-care`.
pub fn names(references: &[Reference]) -> String {
    references
        .iter()
        .map(|reference| reference.name.value.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Values joined by `, `.
pub fn list<T: std::fmt::Display>(values: impl IntoIterator<Item = T>) -> String {
    values
        .into_iter()
        .map(|value| value.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_drops_what_xml_forbids_and_shows_bidi() {
        assert_eq!(clean("a\u{1}b\u{7F}c\u{FFFE}d\u{FFFF}e\u{9}f"), "abcde\tf");
        assert_eq!(clean("x\r\ny\rz"), "x\ny\nz");
        assert_eq!(clean("evil\u{202E}txt"), "evil\\u{202e}txt");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn xml_escapes_once() {
        assert_eq!(
            xml("<a href=\"x\">'&amp;'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn markdown_escapes_tables_and_html() {
        assert_eq!(markdown("a|b\nc <i> & *d*"), "a\\|b<br>c &lt;i\\> &amp; \\*d\\*");
        assert_eq!(markdown("12.00 EUR - x"), "12.00 EUR - x");
        assert_eq!(markdown_paragraph("- item"), "\\- item");
        assert_eq!(markdown_paragraph("  12. point"), "12\\. point");
        assert_eq!(markdown_paragraph("12.5 a"), "12\\.5 a");
        assert_eq!(markdown_paragraph("a-b 1.5"), "a-b 1.5");
    }

    #[test]
    fn counts_are_grouped() {
        assert_eq!(count(&BigInt::from(120_000)), "120,000");
        assert_eq!(count(&BigInt::from(60)), "60");
        assert_eq!(count(&BigInt::from(1_234_567)), "1,234,567");
    }
}
