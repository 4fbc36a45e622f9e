//! The characters no output shows raw, as written in a user's file: control
//! characters (escape sequences start with one) and the invisible ones that
//! reorder or hide text. The one list every output uses: pages
//! (`output::text`), terminals and logs (`render`), and the parser's error
//! messages, which quote the text they stop at.
//!
//! A leaf: it imports nothing of the crate.

/// Invisible characters that reorder or hide text: shown, never obeyed.
/// The Arabic letter mark, zero-width spaces and joiners, directional marks,
/// embeddings, overrides and isolates, the word joiner and invisible
/// operators, and the byte-order mark.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// Whether a character must never reach a terminal or a log raw: a control
/// character (escape sequences start with one; tab and line feed excepted)
/// or an [invisible](is_invisible) one.
pub fn is_hazard(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_invisible(c)
}

/// Makes hazards in a message visible as `\u{..}` escapes.
pub fn escape_control(text: &str) -> String {
    if !text.chars().any(|c| is_hazard(c) || c == '\n') {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if is_hazard(c) || c == '\n' {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
