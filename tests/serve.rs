//! `canvasc serve`: the live preview, driven over real sockets on
//! 127.0.0.1. A save, a syntax error, its fix by rename (as vim and
//! JetBrains save) and a project-file change each reach an open page; bad
//! requests get 4xx; 50 pages reconnecting again and again, and a burst of
//! bad requests, leave the server answering and every page slot free; Ctrl-C
//! ends it with status 0. (The page itself, in Chromium, is tested by
//! `tests/browser/serve.sh`.)

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

type Result<T = ()> = std::result::Result<T, String>;

fn fail(error: impl std::fmt::Display) -> String {
    error.to_string()
}

/// A running `canvasc serve`, stopped however the test ends.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts the server on `file` in `directory`, on a free port, and
    /// reads the address it prints.
    fn start(directory: &Path, file: &str) -> Result<Server> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_canvasc"))
            .args(["serve", file, "--port", "0"])
            .current_dir(directory)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(fail)?;
        let stdout = child.stdout.take().ok_or("no standard output")?;
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).map_err(fail)?;
        let mut server = Server { child, port: 0 };
        server.port = line
            .strip_prefix("serving http://127.0.0.1:")
            .and_then(|rest| rest.strip_suffix("/ — Ctrl-C to stop\n"))
            .and_then(|port| port.parse().ok())
            .ok_or_else(|| format!("unexpected first line {line:?}"))?;
        Ok(server)
    }

    fn connect(&self) -> Result<TcpStream> {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).map_err(fail)?;
        stream.set_read_timeout(Some(Duration::from_secs(10))).map_err(fail)?;
        Ok(stream)
    }

    /// Sends raw bytes and reads the whole answer.
    fn raw(&self, request: &[u8]) -> Result<String> {
        let mut stream = self.connect()?;
        // A request the server refuses early may find the socket closed.
        let _ = stream.write_all(request);
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        Ok(String::from_utf8_lossy(&answer).into_owned())
    }

    fn get(&self, path: &str) -> Result<String> {
        self.raw(format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", self.port).as_bytes())
    }

    /// Opens the page's WebSocket as a browser would.
    fn open_page(&self) -> Result<Page> {
        let mut stream = self.connect()?;
        let request = format!(
            "GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
            port = self.port
        );
        stream.write_all(request.as_bytes()).map_err(fail)?;
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            stream.read_exact(&mut byte).map_err(fail)?;
            head.push(byte[0]);
            if head.len() > 4096 {
                return Err("handshake too long".to_string());
            }
        }
        let head = String::from_utf8_lossy(&head).into_owned();
        if !head.starts_with("HTTP/1.1 101 ") {
            return Err(format!("not upgraded: {head}"));
        }
        if !head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n") {
            return Err(format!("wrong accept key: {head}"));
        }
        Ok(Page { stream })
    }
}

impl Server {
    /// Opens a page's WebSocket, retrying while the server says it is busy
    /// (503), as the page does: for at most 5 s.
    fn open_page_retrying(&self) -> Result<Page> {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            match self.open_page() {
                Err(error) if error.contains(" 503 ") && Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                other => return other,
            }
        }
    }
}

/// An open page's WebSocket.
struct Page {
    stream: TcpStream,
}

/// What the server tells a page.
#[derive(Debug)]
struct Shown {
    board: u64,
    html: Option<String>,
    problems: Option<String>,
}

impl Page {
    /// The next message (a text frame of JSON).
    fn next(&mut self) -> Result<Shown> {
        let mut header = [0u8; 2];
        self.stream.read_exact(&mut header).map_err(fail)?;
        if header[0] != 0x81 {
            return Err(format!("not a final text frame: {:#x}", header[0]));
        }
        let length = match header[1] {
            126 => {
                let mut bytes = [0u8; 2];
                self.stream.read_exact(&mut bytes).map_err(fail)?;
                u64::from(u16::from_be_bytes(bytes))
            }
            127 => {
                let mut bytes = [0u8; 8];
                self.stream.read_exact(&mut bytes).map_err(fail)?;
                u64::from_be_bytes(bytes)
            }
            length => u64::from(length),
        };
        if length > 64 * 1024 * 1024 {
            return Err(format!("a message of {length} bytes"));
        }
        let mut payload = vec![0u8; usize::try_from(length).map_err(fail)?];
        self.stream.read_exact(&mut payload).map_err(fail)?;
        let json: serde_json::Value = serde_json::from_slice(&payload).map_err(fail)?;
        Ok(Shown {
            board: json["board"].as_u64().ok_or("no board number")?,
            html: json["html"].as_str().map(str::to_string),
            problems: json["problems"].as_str().map(str::to_string),
        })
    }
}

const GOOD: &str = "canvas \"Shop A\" { currency EUR }\nsegment shoppers \"Shoppers\" { size 1000 }\n";

/// Replaces the file the way vim and JetBrains save: a new file renamed
/// over the old one.
fn rename_save(path: &Path, text: &str) -> Result {
    let temporary = path.with_extension("canvas~new");
    std::fs::write(&temporary, text).map_err(fail)?;
    std::fs::rename(&temporary, path).map_err(fail)
}

#[test]
fn a_page_follows_saves_errors_their_fix_and_the_project_file() -> Result {
    let directory = tempfile::tempdir().map_err(fail)?;
    let path = directory.path().join("shop.canvas");
    std::fs::write(&path, GOOD).map_err(fail)?;
    let server = Server::start(directory.path(), "shop.canvas")?;

    let page = server.get("/")?;
    assert!(page.starts_with("HTTP/1.1 200 OK\r\n"), "{page}");
    assert!(page.contains("<h1>Shop A</h1>"), "{page}");
    assert!(page.contains("Content-Security-Policy: default-src 'none'"), "{page}");
    assert_eq!(page.matches("<script nonce=").count(), 1);

    let mut open = server.open_page()?;
    let first = open.next()?;
    assert_eq!((first.board, first.problems.as_deref()), (1, None));
    assert!(first
        .html
        .as_deref()
        .is_some_and(|html| html.contains("<h1>Shop A</h1>")));

    // A good change, written in place.
    let started = Instant::now();
    std::fs::write(&path, GOOD.replace("Shop A", "Shop B")).map_err(fail)?;
    let changed = open.next()?;
    eprintln!("save → message: {} ms", started.elapsed().as_millis());
    assert_eq!((changed.board, changed.problems.as_deref()), (2, None));
    assert!(changed
        .html
        .as_deref()
        .is_some_and(|html| html.contains("<h1>Shop B</h1>")));

    // A syntax error: the last good board stays, the report comes.
    std::fs::write(&path, GOOD.replace("Shop A", "Shop B").replace("{ size", "{ size {")).map_err(fail)?;
    let broken = open.next()?;
    assert_eq!(broken.board, 2);
    assert!(broken
        .html
        .as_deref()
        .is_some_and(|html| html.contains("<h1>Shop B</h1>")));
    let report = broken.problems.ok_or("no problems shown")?;
    assert!(report.contains("error[syntax]: "), "{report}");
    assert!(report.contains("shop.canvas:2:"), "{report}");
    assert!(report.ends_with("in 1 file\n"), "{report}");
    // Errors only: the canvas's warnings are on the board.
    assert!(!report.contains("warning["), "{report}");
    // A page opened now sees the same.
    let late = server.open_page()?.next()?;
    assert_eq!((late.board, late.problems.is_some()), (2, true));

    // The fix, saved by rename.
    rename_save(&path, &GOOD.replace("Shop A", "Shop C"))?;
    let fixed = open.next()?;
    assert_eq!((fixed.board, fixed.problems.as_deref()), (4, None));
    assert!(fixed
        .html
        .as_deref()
        .is_some_and(|html| html.contains("<h1>Shop C</h1>")));
    assert!(server.get("/")?.contains("<h1>Shop C</h1>"));

    // A project file that denies warnings turns them into errors.
    std::fs::write(directory.path().join("canvas.toml"), "[levels]\nwarnings = \"deny\"\n").map_err(fail)?;
    let denied = open.next()?;
    assert_eq!(denied.board, 4);
    let report = denied.problems.ok_or("no problems shown")?;
    assert!(
        report.contains("error[no-") && report.contains("0 warnings"),
        "{report}"
    );
    Ok(())
}

#[test]
fn a_canvas_with_errors_from_the_start_waits_for_its_first_board() -> Result {
    let directory = tempfile::tempdir().map_err(fail)?;
    let path = directory.path().join("x.canvas");
    std::fs::write(&path, "canvas \"X\" {\n").map_err(fail)?;
    let server = Server::start(directory.path(), "x.canvas")?;
    let page = server.get("/")?;
    assert!(page.contains("No board yet"), "{page}");
    let mut open = server.open_page()?;
    let first = open.next()?;
    assert_eq!((first.board, first.html.is_none()), (0, true));
    assert!(first
        .problems
        .is_some_and(|report| report.contains("error[syntax]") && report.contains("x.canvas:1:")));
    std::fs::write(&path, GOOD).map_err(fail)?;
    let good = open.next()?;
    assert_eq!((good.board, good.problems.is_none()), (2, true));
    Ok(())
}

/// The status line of an answer.
fn status(answer: &str) -> &str {
    answer.lines().next().unwrap_or("")
}

#[test]
fn bad_requests_get_4xx_and_change_nothing() -> Result {
    let directory = tempfile::tempdir().map_err(fail)?;
    std::fs::write(directory.path().join("shop.canvas"), GOOD).map_err(fail)?;
    let server = Server::start(directory.path(), "shop.canvas")?;
    let port = server.port;
    let host = format!("Host: 127.0.0.1:{port}\r\n");
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (format!("POST / HTTP/1.1\r\n{host}Content-Length: 0\r\n\r\n").into_bytes(), "405"),
        (format!("HEAD / HTTP/1.1\r\n{host}\r\n").into_bytes(), "405"),
        (format!("DELETE /events HTTP/1.1\r\n{host}\r\n").into_bytes(), "405"),
        (format!("GET /shop.canvas HTTP/1.1\r\n{host}\r\n").into_bytes(), "404"),
        (format!("GET /../../etc/passwd HTTP/1.1\r\n{host}\r\n").into_bytes(), "404"),
        (format!("GET /%2e%2e/Cargo.toml HTTP/1.1\r\n{host}\r\n").into_bytes(), "404"),
        (format!("GET /favicon.ico HTTP/1.1\r\n{host}\r\n").into_bytes(), "404"),
        (format!("GET http://evil/ HTTP/1.1\r\n{host}\r\n").into_bytes(), "400"),
        (b"GET / HTTP/1.1\r\n\r\n".to_vec(), "421"),
        (b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n".to_vec(), "421"),
        (format!("GET /events HTTP/1.1\r\n{host}\r\n").into_bytes(), "426"),
        (
            format!("GET /events HTTP/1.1\r\n{host}Origin: http://evil.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: x\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .into_bytes(),
            "403",
        ),
        (b"\x00\x01\x02garbage\r\n\r\n".to_vec(), "400"),
        (b"GET / HTTP/1.1\r\nno colon here\r\n\r\n".to_vec(), "400"),
        (b"GET / SPDY/9\r\n\r\n".to_vec(), "400"),
        (b"\xff\xfe / HTTP/1.1\r\n\r\n".to_vec(), "400"),
        (format!("GET / HTTP/1.1\r\n{host}X: {}\r\n\r\n", "a".repeat(20_000)).into_bytes(), "431"),
    ];
    // A burst: every case ten times, from several threads at once.
    let server = std::sync::Arc::new(server);
    let mut threads = Vec::new();
    for thread in 0..4 {
        let server = std::sync::Arc::clone(&server);
        let cases = cases.clone();
        threads.push(std::thread::spawn(move || -> Result {
            for round in 0..10 {
                for (request, expected) in &cases {
                    let answer = server.raw(request)?;
                    let line = status(&answer);
                    // Under a burst the server may also say it is busy.
                    if !(line.starts_with(&format!("HTTP/1.1 {expected} ")) || line.starts_with("HTTP/1.1 503 ")) {
                        return Err(format!(
                            "thread {thread} round {round}: {:?} got {line:?}, not {expected}",
                            String::from_utf8_lossy(&request[..request.len().min(60)])
                        ));
                    }
                }
            }
            Ok(())
        }));
    }
    // Connections that send nothing, or half a request, then go.
    for _ in 0..50 {
        let mut stream = server.connect()?;
        let _ = stream.write_all(b"GET / HT");
    }
    for thread in threads {
        thread.join().map_err(|_| "a client thread panicked")??;
    }
    // Every case once more, alone: no 503 now.
    for (request, expected) in &cases {
        let answer = server.raw(request)?;
        assert!(
            status(&answer).starts_with(&format!("HTTP/1.1 {expected} ")),
            "{answer}"
        );
    }
    let page = server.get("/")?;
    assert!(page.starts_with("HTTP/1.1 200 OK\r\n") && page.contains("<h1>Shop A</h1>"));
    Ok(())
}

#[test]
fn fifty_reconnecting_pages_leave_every_slot_free() -> Result {
    let directory = tempfile::tempdir().map_err(fail)?;
    std::fs::write(directory.path().join("shop.canvas"), GOOD).map_err(fail)?;
    let server = std::sync::Arc::new(Server::start(directory.path(), "shop.canvas")?);
    let started = Instant::now();
    let mut threads = Vec::new();
    for _ in 0..50 {
        let server = std::sync::Arc::clone(&server);
        threads.push(std::thread::spawn(move || -> Result {
            for _ in 0..5 {
                let mut page = server.open_page_retrying()?;
                if page.next()?.board != 1 {
                    return Err("wrong board".to_string());
                }
                // The page goes without a word, as a closed tab does.
            }
            Ok(())
        }));
    }
    for thread in threads {
        thread.join().map_err(|_| "a client thread panicked")??;
    }
    eprintln!("250 page connections in {} ms", started.elapsed().as_millis());
    // Closed pages are noticed at once; then all 64 slots are free again,
    // and the 65th page is refused.
    std::thread::sleep(Duration::from_millis(300));
    let mut open = Vec::new();
    for _ in 0..64 {
        let mut page = server.open_page()?;
        page.next()?;
        open.push(page);
    }
    let refused = server.raw(
        format!(
            "GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: x\r\nSec-WebSocket-Version: 13\r\n\r\n",
            port = server.port
        )
        .as_bytes(),
    )?;
    assert!(status(&refused).starts_with("HTTP/1.1 503 "), "{refused}");
    // The page itself is still served meanwhile.
    assert!(server.get("/")?.starts_with("HTTP/1.1 200 OK\r\n"));
    Ok(())
}

#[test]
fn ctrl_c_stops_the_server_with_status_0() -> Result {
    let directory = tempfile::tempdir().map_err(fail)?;
    std::fs::write(directory.path().join("shop.canvas"), GOOD).map_err(fail)?;
    let mut server = Server::start(directory.path(), "shop.canvas")?;
    let _page = server.open_page()?;
    let interrupted = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .map_err(fail)?;
    assert!(interrupted.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = server.child.try_wait().map_err(fail)? {
            assert_eq!(status.code(), Some(0));
            break;
        }
        if Instant::now() > deadline {
            return Err("still running 10 s after Ctrl-C".to_string());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(())
}

#[test]
fn a_missing_file_or_a_taken_port_is_trouble() -> Result {
    let directory = tempfile::tempdir().map_err(fail)?;
    let missing = Command::new(env!("CARGO_BIN_EXE_canvasc"))
        .args(["serve", "missing.canvas", "--port", "0"])
        .current_dir(directory.path())
        .output()
        .map_err(fail)?;
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("missing.canvas"));

    std::fs::write(directory.path().join("shop.canvas"), GOOD).map_err(fail)?;
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).map_err(fail)?;
    let port = taken.local_addr().map_err(fail)?.port().to_string();
    let busy = Command::new(env!("CARGO_BIN_EXE_canvasc"))
        .args(["serve", "shop.canvas", "--port", &port])
        .current_dir(directory.path())
        .output()
        .map_err(fail)?;
    assert_eq!(busy.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&busy.stderr).contains(&format!("127.0.0.1:{port}")));
    Ok(())
}
