//! The page `canvasc serve` shows: the HTML board of `build --format html`
//! with the live-reload script added, and the messages it receives.
//!
//! Invariants: the script exists only here, never in `build` output; the
//! served page keeps the board's policy (nothing loads from elsewhere) and
//! allows exactly one script, by a nonce made for each response, and a
//! WebSocket to this server alone. Diagnostics reach the page as text and
//! are shown with `textContent`, never parsed as HTML.

use std::hash::{BuildHasher, Hasher};

use crate::output::html::CONTENT_SECURITY_POLICY;
use crate::output::text::xml;

/// The live-reload script. It swaps the body for each new board without
/// reloading (keeping the scroll position), lays the diagnostics over the
/// last good board while the canvas has errors, and reconnects when the
/// server goes away. `data-canvasc-*` attributes on the root element say
/// what it shows, for people's developer tools and the browser test.
const SCRIPT: &str = r##"
(() => {
  const root = document.documentElement;
  let board = Number(document.currentScript.dataset.board);
  let overlay = null;
  root.dataset.canvascBoard = String(board);
  const css = (element, rules) => Object.assign(element.style, rules);
  function problems(text) {
    if (overlay) { overlay.remove(); overlay = null; }
    if (!text) { root.dataset.canvascState = "good"; return; }
    overlay = document.createElement("aside");
    overlay.id = "canvasc-problems";
    overlay.setAttribute("role", "alert");
    css(overlay, { position: "fixed", left: "0", right: "0", top: "0", maxHeight: "60vh", overflow: "auto",
      zIndex: "10", background: "rgba(255, 246, 245, 0.97)", borderBottom: "3px solid #a00",
      boxShadow: "0 2px 10px rgba(0,0,0,.25)", padding: "10px 24px", color: "#222" });
    const heading = document.createElement("p");
    heading.textContent = board > 0
      ? "The canvas has errors; below is the last board without errors."
      : "The canvas has errors; the board appears when it has none.";
    css(heading, { margin: "0 0 6px", fontWeight: "bold", color: "#a00" });
    const report = document.createElement("pre");
    report.textContent = text;
    css(report, { margin: "0", fontSize: "12px", lineHeight: "1.35", whiteSpace: "pre",
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace' });
    overlay.append(heading, report);
    document.body.append(overlay);
    root.dataset.canvascState = "problems";
  }
  function swap(html) {
    const fresh = new DOMParser().parseFromString(html, "text/html");
    const x = window.scrollX, y = window.scrollY;
    document.title = fresh.title;
    document.head.querySelectorAll("style").forEach((style) => style.remove());
    fresh.head.querySelectorAll("style").forEach((style) => document.head.append(document.adoptNode(style)));
    overlay = null;
    document.body.replaceWith(document.adoptNode(fresh.body));
    window.scrollTo(x, y);
  }
  function connect() {
    const socket = new WebSocket(`ws://${location.host}/events`);
    socket.onopen = () => { root.dataset.canvascConnection = "open"; };
    socket.onmessage = (message) => {
      const state = JSON.parse(message.data);
      if (state.html !== null && state.board !== board) {
        swap(state.html);
        board = state.board;
        root.dataset.canvascBoard = String(board);
      }
      problems(state.problems);
    };
    socket.onclose = () => {
      root.dataset.canvascConnection = "closed";
      setTimeout(connect, 1000);
    };
  }
  connect();
})();
"##;

/// A nonce for one response's script: 128 bits from the standard library's
/// randomly keyed hasher (no cryptography crate for a defence in depth).
pub(super) fn nonce() -> String {
    let mut nonce = String::with_capacity(32);
    for part in 0..2u8 {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u8(part);
        nonce.push_str(&format!("{:016x}", hasher.finish()));
    }
    nonce
}

/// The served page's policy: the board's, one script by its nonce, and a
/// WebSocket to this server.
pub(super) fn content_security_policy(nonce: &str, port: u16) -> String {
    format!(
        "{CONTENT_SECURITY_POLICY}; script-src 'nonce-{nonce}'; connect-src ws://127.0.0.1:{port} ws://localhost:{port}"
    )
}

fn script(nonce: &str, board: u64) -> String {
    format!(r#"<script nonce="{nonce}" data-board="{board}">{SCRIPT}</script>"#)
}

/// The board's page (`build --format html` output) made live: its policy
/// widened to allow the script, and the script added to its head. `board`
/// is the number the server gave this board, so the page knows it.
pub(super) fn live_board(html: &str, board: u64, nonce: &str, port: u16) -> String {
    let policy = format!(r#"content="{CONTENT_SECURITY_POLICY}""#);
    let live_policy = format!(r#"content="{}""#, content_security_policy(nonce, port));
    // Both are in the head, which comes before any user text; and user text
    // has its quotes escaped, so it cannot hold either.
    let page = html.replacen(&policy, &live_policy, 1);
    page.replacen("</head>", &format!("{}\n</head>", script(nonce, board)), 1)
}

/// The page before the canvas has ever been without errors: a heading and
/// the script, which shows the diagnostics.
pub(super) fn waiting(file: &str, nonce: &str, port: u16) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{file} — canvasc serve</title>
<style>body {{ margin: 0; padding: 24px; background: #fafaf7; color: #222; font: 14px/1.4 Helvetica, Arial, "Liberation Sans", sans-serif; }}</style>
{script}
</head>
<body>
<main><h1>{file}</h1><p>No board yet: the canvas has errors.</p></main>
</body>
</html>
"#,
        policy = content_security_policy(nonce, port),
        file = xml(file),
        script = script(nonce, 0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_differ() {
        let (first, second) = (nonce(), nonce());
        assert_eq!(first.len(), 32);
        assert!(first.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(first, second);
    }

    #[test]
    fn the_live_board_has_the_script_and_a_policy_allowing_only_it() {
        let checked = crate::check("a.canvas", "canvas \"Shop 'quoted' <b>\"\n");
        let html = crate::output::html::html(&checked);
        assert!(!html.contains("<script"));
        let live = live_board(&html, 3, "abc", 8123);
        assert_eq!(live.matches("<script").count(), 1);
        assert!(live.contains(r#"<script nonce="abc" data-board="3">"#));
        assert!(live.contains("script-src 'nonce-abc'; connect-src ws://127.0.0.1:8123 ws://localhost:8123"));
        assert_eq!(live.matches("Content-Security-Policy").count(), 1);
        // The rest of the page is the board, unchanged.
        let head_end = live.find("<script").unwrap_or(0);
        assert!(live[head_end..].contains("Shop &#39;quoted&#39; &lt;b&gt;"));
    }

    #[test]
    fn the_waiting_page_escapes_the_file_name() {
        let page = waiting("<x>.canvas", "n", 1);
        assert!(page.contains("&lt;x&gt;.canvas"));
        assert!(!page.contains("<x>"));
    }
}
