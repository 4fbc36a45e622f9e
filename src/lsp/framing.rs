//! The base protocol's framing: `Content-Length: N`, a blank line, then N
//! bytes of JSON. This module owns reading it, because a language server
//! must outlive any client's mistakes and `lsp-server`'s reader ends the
//! server on the first bad header or body.
//!
//! Invariants:
//!
//! - Memory is bounded by what arrives, never by what a header claims: a
//!   length over [`MAX_MESSAGE_SIZE`] is refused before anything is read
//!   for it, and a body grows only as its bytes come in.
//! - A header line is read up to [`MAX_HEADER_LINE`] bytes; of a longer one
//!   only the end is kept, where a `Content-Length` glued to the rest of a
//!   bad body would be.
//! - After a bad frame the reader finds its feet again at the next line
//!   holding `Content-Length:` (in any case), so one bad message costs at
//!   most itself and the message its bytes ran into.

use std::io::{self, BufRead, Read};

/// The largest message body read: twice the largest file canvasc checks
/// (JSON escaping can double a text), 512 MiB.
pub(crate) const MAX_MESSAGE_SIZE: u64 = 2 * crate::limits::MAX_FILE_SIZE;

/// The longest header line kept; the base protocol's headers are a few dozen bytes.
pub(super) const MAX_HEADER_LINE: usize = 4096;

/// What the reader found in the stream.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Frame {
    /// A whole body of the length its header gave.
    Body(Vec<u8>),
    /// A frame that could not be read, and why; its bytes are skipped.
    Bad(String),
}

/// Reads the next frame; `Ok(None)` at the end of the input (a body cut
/// short by the end of input ends it too).
pub(super) fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut length: Option<Result<u64, String>> = None;
    let mut junk = false;
    let mut headers = false;
    loop {
        let Some(line) = read_line(input)? else {
            return Ok(None);
        };
        let text = String::from_utf8_lossy(&line);
        let trimmed = text.trim_end_matches(['\r', '\n']);
        if trimmed.is_empty() {
            match length.take() {
                Some(Ok(length)) => return read_body(input, length),
                Some(Err(problem)) => return Ok(Some(Frame::Bad(problem))),
                // Blank lines between frames are harmless.
                None if !junk && !headers => continue,
                None => return Ok(Some(Frame::Bad("a message without a `Content-Length` header".into()))),
            }
        }
        let lower = trimmed.to_ascii_lowercase();
        if let Some(at) = lower.find("content-length:") {
            // Whatever came before it on the line is what is left of a bad body.
            let value = trimmed[at + "content-length:".len()..].trim();
            length = Some(parse_length(value));
        } else if looks_like_header(trimmed) {
            headers = true;
        } else {
            junk = true;
            length = None;
        }
    }
}

/// `Content-Type: ...` and the like: a token, a colon, a value.
fn looks_like_header(line: &str) -> bool {
    line.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty() && name.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
    })
}

fn parse_length(value: &str) -> Result<u64, String> {
    if value.is_empty() || !value.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(format!("`Content-Length: {}` is not a length", cut(value)));
    }
    match value.parse::<u64>() {
        Ok(length) if length <= MAX_MESSAGE_SIZE => Ok(length),
        _ => Err(format!(
            "a message of {} bytes is over the {MAX_MESSAGE_SIZE}-byte limit",
            cut(value)
        )),
    }
}

fn cut(value: &str) -> &str {
    &value[..crate::lines::floor_char_boundary(value, 40)]
}

fn read_body(input: &mut impl BufRead, length: u64) -> io::Result<Option<Frame>> {
    let mut body = Vec::new();
    // `take` reads what arrives: a claimed length commits no memory.
    input.take(length).read_to_end(&mut body)?;
    if (body.len() as u64) < length {
        return Ok(None);
    }
    Ok(Some(Frame::Body(body)))
}

/// The next line with its `\n`, or only the last [`MAX_HEADER_LINE`] bytes
/// of a longer one; `None` at the end of the input.
fn read_line(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    let mut any = false;
    loop {
        let buffer = match input.fill_buf() {
            Ok(buffer) => buffer,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if buffer.is_empty() {
            return Ok(any.then_some(line));
        }
        any = true;
        let (used, done) = match buffer.iter().position(|byte| *byte == b'\n') {
            Some(end) => (end + 1, true),
            None => (buffer.len(), false),
        };
        line.extend_from_slice(&buffer[..used]);
        input.consume(used);
        if line.len() > MAX_HEADER_LINE {
            line.drain(..line.len() - MAX_HEADER_LINE);
        }
        if done {
            return Ok(Some(line));
        }
    }
}

/// The `"id"` of a message whose JSON does not parse, when the text still
/// shows it plainly (`"id": 7` or `"id": "a"` at the top level), so that
/// the client's request gets its parse error rather than waiting forever.
pub(super) fn guess_id(body: &[u8]) -> Option<lsp_server::RequestId> {
    let text = String::from_utf8_lossy(body);
    let mut depth = 0usize;
    let mut in_string = false;
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if in_string {
            match byte {
                b'\\' => index += 1,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match byte {
                b'{' | b'[' => depth += 1,
                b'}' | b']' => depth = depth.saturating_sub(1),
                b'"' if depth == 1 && text[index..].starts_with("\"id\"") => {
                    let rest = text[index + 4..].trim_start().strip_prefix(':')?.trim_start();
                    return id_value(rest);
                }
                b'"' => in_string = true,
                _ => {}
            }
        }
        index += 1;
    }
    None
}

fn id_value(rest: &str) -> Option<lsp_server::RequestId> {
    if let Some(string) = rest.strip_prefix('"') {
        let end = string.find(['"', '\\'])?;
        return string[end..].starts_with('"').then(|| string[..end].to_string().into());
    }
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
    digits.parse::<i32>().ok().map(Into::into)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Frame> {
        let mut reader = io::BufReader::new(input);
        let mut found = Vec::new();
        while let Some(frame) = read_frame(&mut reader).expect("reading a slice") {
            found.push(frame);
        }
        found
    }

    fn body(text: &str) -> Frame {
        Frame::Body(text.as_bytes().to_vec())
    }

    #[test]
    fn good_frames_with_and_without_other_headers() {
        assert_eq!(
            frames(b"Content-Length: 2\r\n\r\n{}Content-Type: x\r\ncontent-length: 3\r\n\r\n[1]"),
            [body("{}"), body("[1]")]
        );
    }

    #[test]
    fn bad_lengths_are_skipped_and_the_next_frame_is_read() {
        for length in ["18446744073709551615", "99999999999999", "3000000000", "-1", "x", ""] {
            let input = format!("Content-Length: {length}\r\n\r\n{{}}Content-Length: 2\r\n\r\n[]");
            let found = frames(input.as_bytes());
            assert!(matches!(found[0], Frame::Bad(_)), "{length}: {found:?}");
            assert_eq!(found[1..], [body("[]")], "{length}");
        }
    }

    #[test]
    fn a_missing_length_and_junk_are_skipped() {
        assert_eq!(
            frames(b"Content-Type: x\r\n\r\n{}\nContent-Length: 2\r\n\r\n[]")[1..],
            [body("[]")]
        );
        let long_junk = format!("{}Content-Length: 2\r\n\r\n[]", "x".repeat(100_000));
        assert_eq!(frames(long_junk.as_bytes()), [body("[]")]);
    }

    #[test]
    fn a_body_cut_short_ends_the_input() {
        assert_eq!(frames(b"Content-Length: 10\r\n\r\n{}"), []);
    }

    #[test]
    fn ids_are_found_in_broken_json() {
        assert_eq!(guess_id(br#"{"jsonrpc":"2.0","id":7,"method":"x""#), Some(7.into()));
        assert_eq!(
            guess_id(br#"{"params":{"id":1},"id": "a", oops"#),
            Some("a".to_string().into())
        );
        assert_eq!(guess_id(br#"{"params":{"id":1}"#), None);
        assert_eq!(guess_id(b"\xff\xfe"), None);
    }
}
