//! `canvasc serve FILE [--port N] [--open]`: a live preview of the board.
//!
//! One thread watches the canvas and its `canvas.toml` (by polling, as
//! `check --watch` does, with its [`Snapshot`]) and checks it again after
//! every save; the main thread accepts connections on 127.0.0.1; each
//! connection gets a thread that answers one request. `GET /` is the page,
//! `GET /events` a WebSocket that carries what the page must show, first on
//! connecting and then after every change: the last board without errors,
//! and the diagnostics while the canvas has errors.
//!
//! Invariants: the server binds to the loopback address only and answers
//! only `GET` of those two paths (4xx otherwise), reading nothing from the
//! file system but the watched canvas and its project file; a request whose
//! `Host` or WebSocket `Origin` is not this server is refused, so neither
//! another site nor a rebound DNS name can read the board. Every resource
//! is bounded: [`MAX_CLIENTS`] open pages, [`MAX_REQUESTS`] requests being
//! answered, a request head of [`MAX_HEAD`] bytes read within
//! [`READ_TIMEOUT`]; a closed page's thread ends as soon as it sees the
//! connection closed, within [`CLIENT_CHECK_INTERVAL`]. Nothing panics on what a client sends. Ctrl-C
//! (or SIGTERM) ends the process with status 0.

mod page;
mod websocket;

use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use super::inputs::Input;
use super::terminal::plural;
use super::watch::{changed, Snapshot};
use super::Status;
use crate::render::{escape_control, Style};
use crate::Severity;

/// The port used when none is given; when it is taken, any free one is.
pub(super) const DEFAULT_PORT: u16 = 7480;
/// How many pages may be open at once; one more is answered 503.
pub(super) const MAX_CLIENTS: usize = 64;
/// How many requests other than open pages may be answered at once: room
/// for every page to reconnect at once after a restart.
pub(super) const MAX_REQUESTS: usize = 128;
/// The longest request head (request line and headers) read.
pub(super) const MAX_HEAD: usize = 8 * 1024;
/// How long a client may take to send its request or accept an answer.
pub(super) const READ_TIMEOUT: Duration = Duration::from_secs(5);
/// How often an open page's connection looks for a change to send.
pub(super) const CLIENT_CHECK_INTERVAL: Duration = Duration::from_millis(50);
/// How often the files are looked at: quicker than `check --watch`, since
/// the page should follow a save within a blink.
const POLL_INTERVAL: Duration = Duration::from_millis(100);
/// After a change, how long the files must stay still before they are read,
/// so that a save in several writes is read once, whole.
const SETTLE: Duration = Duration::from_millis(40);
/// How many errors the page shows, as `check` on a terminal.
const MAX_SHOWN: usize = 200;

#[derive(clap::Args)]
pub(super) struct Args {
    /// The canvas to preview.
    file: PathBuf,
    /// The port on 127.0.0.1 (0: any free port; default 7480, or any free port when it is taken).
    #[arg(long)]
    port: Option<u16>,
    /// Open the page in the default browser.
    #[arg(long)]
    open: bool,
}

/// What the canvas looks like now.
enum Look {
    /// No errors: the board's page.
    Board(String),
    /// Errors (or the file or its project file cannot be read): the report
    /// `check` prints, without colour.
    Problems(String),
}

/// What the page shows, numbered so that a page knows whether it has it.
struct State {
    /// Goes up by one whenever what the page shows changes.
    generation: u64,
    /// The last board without errors and its number, if there was one.
    board: Option<(u64, Arc<String>)>,
    /// The report while the canvas has errors.
    problems: Option<String>,
    /// The message for pages, made once per change: JSON of the board's
    /// number, its page and the report.
    message: Arc<Vec<u8>>,
}

impl State {
    fn new(look: Look) -> State {
        let mut state = State {
            generation: 0,
            board: None,
            problems: None,
            message: Arc::new(Vec::new()),
        };
        state.update(look);
        state
    }

    /// Takes in a new look; whether the page must change.
    fn update(&mut self, look: Look) -> bool {
        match look {
            Look::Board(html) => {
                let same_board = self.board.as_ref().is_some_and(|(_, old)| **old == html);
                if same_board && self.problems.is_none() {
                    return false;
                }
                self.generation += 1;
                // A fix back to the board the page has keeps its number:
                // the page only drops the errors.
                if !same_board {
                    self.board = Some((self.generation, Arc::new(html)));
                }
                self.problems = None;
            }
            Look::Problems(report) => {
                if self.problems.as_ref() == Some(&report) {
                    return false;
                }
                self.generation += 1;
                self.problems = Some(report);
            }
        }
        let message = serde_json::json!({
            "board": self.board.as_ref().map_or(0, |(number, _)| *number),
            "html": self.board.as_ref().map(|(_, html)| html.as_str()),
            "problems": self.problems,
        });
        self.message = Arc::new(websocket::text_frame(&message.to_string()));
        true
    }
}

/// What every thread shares.
struct Shared {
    state: Mutex<State>,
    /// Open pages.
    clients: AtomicUsize,
    /// Requests being answered, open pages aside.
    requests: AtomicUsize,
    /// The canvas's name as diagnostics show it.
    name: String,
    port: u16,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        // No thread panics holding the lock; if one did, its state is whole.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

pub(super) fn run(args: Args) -> Status {
    let path = args.file;
    if let Err(problem) = Input::File(path.clone()).read() {
        problem.print(&path.display().to_string());
        return Status::Trouble;
    }
    let listener = match bind(args.port) {
        Ok(listener) => listener,
        Err(message) => {
            eprintln!("error: {message}");
            return Status::Trouble;
        }
    };
    let port = match listener.local_addr() {
        Ok(address) => address.port(),
        Err(error) => {
            eprintln!("error: cannot tell which port the server is on: {error}");
            return Status::Trouble;
        }
    };
    let name = path.display().to_string();
    let mut seen = Snapshot::take(std::slice::from_ref(&path));
    let look = look_at(&path, &name);
    eprint!("{}", summary(&look, &name));
    let shared = Arc::new(Shared {
        state: Mutex::new(State::new(look)),
        clients: AtomicUsize::new(0),
        requests: AtomicUsize::new(0),
        name,
        port,
    });
    if let Err(error) = stop_on_signals() {
        eprintln!("error: cannot listen for Ctrl-C: {error}");
        return Status::Trouble;
    }
    let watcher = Arc::clone(&shared);
    let watching = std::thread::Builder::new()
        .name("watch".to_string())
        .spawn(move || loop {
            std::thread::sleep(POLL_INTERVAL);
            let mut now = Snapshot::take(std::slice::from_ref(&path));
            if !changed(&seen, &now) {
                continue;
            }
            // A save may take several writes (or a rename after a write):
            // read once the files have stood still for a moment.
            for _ in 0..25 {
                std::thread::sleep(SETTLE);
                let later = Snapshot::take(std::slice::from_ref(&path));
                if !changed(&now, &later) {
                    break;
                }
                now = later;
            }
            seen = now;
            let look = look_at(&path, &watcher.name);
            let said = summary(&look, &watcher.name);
            if watcher.state().update(look) {
                eprint!("{said}");
            }
        });
    if let Err(error) = watching {
        eprintln!("error: cannot start watching the file: {error}");
        return Status::Trouble;
    }
    let address = format!("http://127.0.0.1:{port}/");
    // Written, not printed: a closed standard output must not panic.
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "serving {address} — Ctrl-C to stop").and_then(|()| stdout.flush());
    if args.open {
        open_browser(&address);
    }
    accept(&listener, &shared);
    Status::Trouble
}

/// What standard error is told of a look: the report of a canvas with
/// errors (as `check` prints it, without colour), or that the board is
/// current.
fn summary(look: &Look, name: &str) -> String {
    match look {
        Look::Board(_) => format!("{}: the board is up to date\n", escape_control(name)),
        Look::Problems(text) => text.clone(),
    }
}

/// Binds the listening socket on the loopback address.
fn bind(port: Option<u16>) -> Result<TcpListener, String> {
    let at = |port: u16| TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)));
    match port {
        Some(port) => at(port).map_err(|error| format!("cannot serve on 127.0.0.1:{port}: {error}")),
        None => match at(DEFAULT_PORT) {
            Ok(listener) => Ok(listener),
            Err(error) if error.kind() == ErrorKind::AddrInUse => {
                at(0).map_err(|error| format!("cannot serve on 127.0.0.1: {error}"))
            }
            Err(error) => Err(format!("cannot serve on 127.0.0.1:{DEFAULT_PORT}: {error}")),
        },
    }
}

/// Ends the process with status 0 on Ctrl-C (SIGINT) or SIGTERM: the server
/// holds nothing that needs saving.
fn stop_on_signals() -> std::io::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])?;
    std::thread::Builder::new().name("signals".to_string()).spawn(move || {
        if signals.forever().next().is_some() {
            eprintln!("stopped");
            std::process::exit(0);
        }
    })?;
    Ok(())
}

fn open_browser(address: &str) {
    let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    let started = std::process::Command::new(opener)
        .arg(address)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match started {
        // Waited for in the background, so it leaves no zombie.
        Ok(mut child) => {
            let _ = std::thread::Builder::new().spawn(move || child.wait());
        }
        Err(error) => eprintln!("warning: cannot open a browser ({opener}: {error}); open {address} yourself"),
    }
}

/// Checks the canvas as `check` would (its project file's levels applied).
fn look_at(path: &Path, name: &str) -> Look {
    let bytes = match Input::File(path.to_path_buf()).read() {
        Ok(bytes) => bytes,
        Err(problem) => {
            return Look::Problems(match problem.diagnostic() {
                Some(diagnostic) => crate::render::ShownSource::new(name, "").render(diagnostic, Style::plain()),
                None => format!("error: {}\n", escape_control(problem.message())),
            })
        }
    };
    let levels = match crate::project::levels_for_path(path) {
        Ok(levels) => levels,
        Err(message) => {
            let lines: Vec<String> = message.lines().map(escape_control).collect();
            return Look::Problems(format!("error: {}\n", lines.join("\n")));
        }
    };
    let mut checked = crate::check_bytes(name, bytes);
    levels.apply(&mut checked.diagnostics);
    if !checked.has_errors() {
        return Look::Board(crate::output::html::html(&checked));
    }
    let style = Style {
        color: false,
        width: 100,
    };
    let source = crate::render::ShownSource::new(&checked.name, &checked.source);
    // Errors only, as `check --quiet` shows them: the warnings are on the
    // board, and would bury the error that keeps it from updating.
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.is_error())
        .collect();
    let mut text: String = errors
        .iter()
        .take(MAX_SHOWN)
        .map(|diagnostic| source.render(diagnostic, style))
        .collect();
    if let Some(more) = errors.len().checked_sub(MAX_SHOWN).filter(|more| *more > 0) {
        text.push_str(&format!("... and {more} more\n\n"));
    }
    let mut counts = vec![
        plural(checked.count(Severity::Error), "error", "errors"),
        plural(checked.count(Severity::Warning), "warning", "warnings"),
    ];
    let advice = checked.count(Severity::Advice);
    if advice > 0 {
        counts.push(format!("{advice} advice"));
    }
    text.push_str(&format!("{} in 1 file\n", counts.join(", ")));
    Look::Problems(text)
}

/// Accepts connections until the process ends; each request is answered by
/// a thread of its own, within the bounds.
fn accept(listener: &TcpListener, shared: &Arc<Shared>) {
    for connection in listener.incoming() {
        let Ok(stream) = connection else {
            // Out of file descriptors, most likely: let some close.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        if !take_slot(&shared.requests, MAX_REQUESTS) {
            refuse_busy(stream);
            continue;
        }
        let shared_here = Arc::clone(shared);
        let spawned = std::thread::Builder::new().name("request".to_string()).spawn(move || {
            answer(stream, &shared_here);
        });
        if spawned.is_err() {
            shared.requests.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Takes one of `limit` slots counted by `counter`, if one is free.
fn take_slot(counter: &AtomicUsize, limit: usize) -> bool {
    counter
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |taken| {
            (taken < limit).then_some(taken + 1)
        })
        .is_ok()
}

/// A 503 written without waiting: the answer is small enough for the
/// socket's buffer, and a client that does not read gets nothing.
fn refuse_busy(stream: TcpStream) {
    if stream.set_nonblocking(true).is_ok() {
        let mut stream = stream;
        let _ = stream.write_all(&plain(503, "Service Unavailable", "too many connections; try again\n"));
    }
}

/// A request head, as much of it as the server reads.
struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Whether a comma-separated header holds `token` (any case).
    fn header_has(&self, name: &str, token: &str) -> bool {
        self.header(name)
            .is_some_and(|value| value.split(',').any(|part| part.trim().eq_ignore_ascii_case(token)))
    }
}

/// Why a request head was not read.
enum HeadError {
    /// The client went away or was too slow: no answer.
    Gone,
    TooLarge,
    Malformed,
}

/// Reads a request head: up to the blank line, at most [`MAX_HEAD`] bytes.
fn read_head(stream: &mut TcpStream) -> Result<Request, HeadError> {
    let mut head = Vec::with_capacity(1024);
    let mut buffer = [0u8; 1024];
    loop {
        if let Some(end) = head.windows(4).position(|window| window == b"\r\n\r\n") {
            head.truncate(end);
            break;
        }
        if head.len() >= MAX_HEAD {
            return Err(HeadError::TooLarge);
        }
        let room = (MAX_HEAD + 4 - head.len()).min(buffer.len());
        match stream.read(&mut buffer[..room]) {
            Ok(0) | Err(_) => return Err(HeadError::Gone),
            Ok(read) => head.extend_from_slice(&buffer[..read]),
        }
    }
    let text = std::str::from_utf8(&head).map_err(|_| HeadError::Malformed)?;
    let mut lines = text.split("\r\n");
    let mut request_line = lines.next().unwrap_or("").split(' ');
    let (Some(method), Some(target), Some(version), None) = (
        request_line.next(),
        request_line.next(),
        request_line.next(),
        request_line.next(),
    ) else {
        return Err(HeadError::Malformed);
    };
    if method.is_empty() || !target.starts_with('/') || !version.starts_with("HTTP/1.") {
        return Err(HeadError::Malformed);
    }
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line.split_once(':').ok_or(HeadError::Malformed)?;
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(HeadError::Malformed);
        }
        headers.push((name.to_string(), value.trim().to_string()));
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        headers,
    })
}

/// A complete response with a plain-text body.
fn plain(code: u16, reason: &str, body: &str) -> Vec<u8> {
    response(code, reason, "text/plain; charset=utf-8", &[], body.as_bytes())
}

fn response(code: u16, reason: &str, content_type: &str, extra: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {code} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in extra {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// Answers one request; an open page's connection stays with this thread
/// until the page goes.
fn answer(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let _ = stream.set_write_timeout(Some(READ_TIMEOUT));
    let answer = match read_head(&mut stream) {
        Err(HeadError::Gone) => None,
        Err(HeadError::TooLarge) => Some(plain(
            431,
            "Request Header Fields Too Large",
            "request head too large\n",
        )),
        Err(HeadError::Malformed) => Some(plain(400, "Bad Request", "malformed request\n")),
        Ok(request) => route(&request, shared, &mut stream),
    };
    if let Some(bytes) = answer {
        let _ = stream.write_all(&bytes);
        let _ = stream.flush();
        linger(&mut stream);
    }
    shared.requests.fetch_sub(1, Ordering::SeqCst);
}

/// Closes our side, then reads what the client still sends (a request
/// refused before it was read whole), a little and briefly: closing a
/// socket with unread data resets the connection, and the client would lose
/// the answer.
fn linger(stream: &mut TcpStream) {
    const MOST: usize = 64 * 1024;
    if stream.shutdown(std::net::Shutdown::Write).is_err()
        || stream.set_read_timeout(Some(Duration::from_secs(1))).is_err()
    {
        return;
    }
    let mut buffer = [0u8; 4096];
    let mut drained = 0;
    while drained < MOST {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(read) => drained += read,
        }
    }
}

/// Whether a `Host` (or an origin's host) names this server.
fn is_this_server(host: &str, port: u16) -> bool {
    host == format!("127.0.0.1:{port}") || host == format!("localhost:{port}")
}

/// The answer to a well-formed request; `None` when the connection became
/// an open page and was served to its end.
fn route(request: &Request, shared: &Shared, stream: &mut TcpStream) -> Option<Vec<u8>> {
    if request.method != "GET" {
        let mut answer = plain(405, "Method Not Allowed", "only GET is served\n");
        // `Allow` goes among the headers, before the blank line.
        if let Some(end) = answer.windows(4).position(|window| window == b"\r\n\r\n") {
            answer.splice(end + 2..end + 2, b"Allow: GET\r\n".iter().copied());
        }
        return Some(answer);
    }
    if !request
        .header("Host")
        .is_some_and(|host| is_this_server(host, shared.port))
    {
        return Some(plain(
            421,
            "Misdirected Request",
            "this server answers only to 127.0.0.1 and localhost\n",
        ));
    }
    let path = request.target.split('?').next().unwrap_or("");
    match path {
        "/" => Some(page_response(shared)),
        "/events" => events(request, shared, stream),
        _ => Some(plain(404, "Not Found", "not found: the board is at /\n")),
    }
}

fn page_response(shared: &Shared) -> Vec<u8> {
    let nonce = page::nonce();
    let page = match &shared.state().board {
        Some((number, html)) => page::live_board(html, *number, &nonce, shared.port),
        None => page::waiting(&shared.name, &nonce, shared.port),
    };
    let policy = page::content_security_policy(&nonce, shared.port);
    response(
        200,
        "OK",
        "text/html; charset=utf-8",
        &[("Content-Security-Policy", &policy)],
        page.as_bytes(),
    )
}

/// Opens a page's WebSocket and sends it what to show, now and after each
/// change, until the page goes.
fn events(request: &Request, shared: &Shared, stream: &mut TcpStream) -> Option<Vec<u8>> {
    let key = request.header("Sec-WebSocket-Key");
    let upgrade = request.header_has("Upgrade", "websocket") && request.header_has("Connection", "upgrade");
    let (true, Some(key), Some("13")) = (upgrade, key, request.header("Sec-WebSocket-Version")) else {
        return Some(response(
            426,
            "Upgrade Required",
            "text/plain; charset=utf-8",
            &[("Upgrade", "websocket"), ("Sec-WebSocket-Version", "13")],
            b"the events are a WebSocket\n",
        ));
    };
    // Browsers always send an origin; another site's page must not read the
    // board, so only this server's own page is let in.
    let origin_ok = request.header("Origin").is_some_and(|origin| {
        origin
            .strip_prefix("http://")
            .is_some_and(|host| is_this_server(host, shared.port))
    });
    if !origin_ok {
        return Some(plain(
            403,
            "Forbidden",
            "only the page of this server may open the events\n",
        ));
    }
    if !take_slot(&shared.clients, MAX_CLIENTS) {
        return Some(plain(503, "Service Unavailable", "too many pages are open\n"));
    }
    // An open page does not count as a request being answered.
    shared.requests.fetch_sub(1, Ordering::SeqCst);
    follow(stream, shared, key);
    shared.clients.fetch_sub(1, Ordering::SeqCst);
    shared.requests.fetch_add(1, Ordering::SeqCst);
    None
}

/// The life of an open page's connection: what to show now, then after
/// each change, until the page goes. Waiting is a read with a short
/// timeout, which also notices at once that the page went (its end closed,
/// or its close frame came).
fn follow(stream: &mut TcpStream, shared: &Shared, key: &str) {
    let handshake = format!(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {}\r\n\r\n",
        websocket::accept_key(key)
    );
    if stream.write_all(handshake.as_bytes()).is_err() || stream.set_read_timeout(Some(CLIENT_CHECK_INTERVAL)).is_err()
    {
        return;
    }
    let mut sent: Option<u64> = None;
    let mut buffer = [0u8; 256];
    loop {
        let message = {
            let state = shared.state();
            (Some(state.generation) != sent).then(|| {
                sent = Some(state.generation);
                Arc::clone(&state.message)
            })
        };
        if let Some(message) = message {
            if stream.write_all(&message).and_then(|()| stream.flush()).is_err() {
                return;
            }
        }
        match stream.read(&mut buffer) {
            Err(error) if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Ok(0) | Err(_) => return,
            Ok(_) => {
                let _ = stream.write_all(&websocket::CLOSE_FRAME);
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_changes_only_when_the_page_would() {
        let mut state = State::new(Look::Problems("error: x\n".to_string()));
        assert_eq!(state.generation, 1);
        assert!(state.board.is_none());
        assert!(!state.update(Look::Problems("error: x\n".to_string())));
        assert!(state.update(Look::Board("<p>a</p>".to_string())));
        assert_eq!(state.board.as_ref().map(|(number, _)| *number), Some(2));
        assert!(!state.update(Look::Board("<p>a</p>".to_string())));
        assert!(state.update(Look::Problems("error: y\n".to_string())));
        // The last good board stays, with its number.
        assert_eq!(state.board.as_ref().map(|(number, _)| *number), Some(2));
        assert!(state.update(Look::Board("<p>a</p>".to_string())));
        assert_eq!(state.board.as_ref().map(|(number, _)| *number), Some(2));
        assert!(state.problems.is_none());
    }

    #[test]
    fn the_message_carries_the_board_and_the_problems() -> Result<(), serde_json::Error> {
        let mut state = State::new(Look::Board("<p>a</p>".to_string()));
        state.update(Look::Problems("error: y\n".to_string()));
        // Past the frame's header: two bytes for a message this short.
        assert_eq!(usize::from(state.message[1]), state.message.len() - 2);
        let json: serde_json::Value = serde_json::from_slice(&state.message[2..])?;
        assert_eq!(json["board"], 1);
        assert_eq!(json["html"], "<p>a</p>");
        assert_eq!(json["problems"], "error: y\n");
        Ok(())
    }

    #[test]
    fn only_this_server_is_this_server() {
        assert!(is_this_server("127.0.0.1:80", 80));
        assert!(is_this_server("localhost:80", 80));
        assert!(!is_this_server("127.0.0.1:81", 80));
        assert!(!is_this_server("evil.example:80", 80));
        assert!(!is_this_server("127.0.0.1", 80));
    }
}
