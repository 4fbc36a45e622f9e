//! How long the language server takes to catch up with typing, through its
//! real protocol (`canvasc::lsp::serve`, in-process over channels, so the
//! figures leave out only the pipe between two processes):
//!
//! ```sh
//! cargo run --release --example lsp_latency            # 5,000 and 23,000 lines
//! cargo run --release --example lsp_latency -- 40000   # other sizes
//! ```
//!
//! For each size it prints, over repeated runs, the median and the worst of:
//! one `didChange` → its `publishDiagnostics`; a burst of 8 keystrokes sent
//! at once → the diagnostics of the last; 8 keystrokes 30 ms apart, as a
//! fast typist types → from the last keystroke to its diagnostics; a
//! hover sent right after a change, while that change is being checked; and
//! a change with a pull of diagnostics (`textDocument/diagnostic`) → its report.
//! A benchmark, not a test: no time is asserted.

#[path = "../benches/generator.rs"]
mod generator;

use std::io::{Read, Write};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The server's standard input: bytes sent by the client.
struct Input {
    bytes: Receiver<Vec<u8>>,
    pending: Vec<u8>,
    at: usize,
}

impl Read for Input {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.pending.len() {
            match self.bytes.recv() {
                Ok(bytes) => {
                    self.pending = bytes;
                    self.at = 0;
                }
                Err(_) => return Ok(0),
            }
        }
        let count = buffer.len().min(self.pending.len() - self.at);
        buffer[..count].copy_from_slice(&self.pending[self.at..self.at + count]);
        self.at += count;
        Ok(count)
    }
}

/// The server's standard output: one message per flush.
struct Output {
    messages: Sender<Vec<u8>>,
    buffer: Vec<u8>,
}

impl Write for Output {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let message = std::mem::take(&mut self.buffer);
        self.messages
            .send(message)
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))
    }
}

struct Client {
    to_server: Sender<Vec<u8>>,
    from_server: Receiver<Vec<u8>>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let (to_server, bytes) = channel();
        let (messages, from_server) = channel();
        let input = Input {
            bytes,
            pending: Vec::new(),
            at: 0,
        };
        let output = Output {
            messages,
            buffer: Vec::new(),
        };
        std::thread::spawn(move || canvasc::lsp::serve(input, output));
        Client {
            to_server,
            from_server,
            next_id: 1,
        }
    }

    fn frame(message: &Value) -> Vec<u8> {
        let body = message.to_string();
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    fn send(&mut self, messages: &[Value]) {
        let bytes: Vec<u8> = messages.iter().flat_map(Client::frame).collect();
        self.to_server.send(bytes).expect("the server reads");
    }

    fn receive(&mut self) -> Value {
        let message = self.from_server.recv().expect("the server answers");
        let at = message
            .windows(4)
            .position(|window| window == b"\r\n\r\n")
            .expect("a header");
        serde_json::from_slice(&message[at + 4..]).expect("JSON")
    }

    fn wait_for(&mut self, found: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self.receive();
            if found(&message) {
                return message;
            }
        }
    }

    fn id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id
    }
}

const URI: &str = "file:///latency/generated.canvas";

fn change(version: i64, line: u32, character: u32, text: &str) -> Value {
    json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": { "uri": URI, "version": version },
        "contentChanges": [{ "range": {
            "start": { "line": line, "character": character },
            "end": { "line": line, "character": character + u32::from(text.is_empty()) }
        }, "text": text }]
    } })
}

fn published(version: i64) -> impl Fn(&Value) -> bool {
    move |message| {
        message["method"] == "textDocument/publishDiagnostics" && message["params"]["version"] == json!(version)
    }
}

fn milliseconds(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    let median = times[times.len() / 2];
    let worst = times[times.len() - 1];
    format!(
        "median {:6.1} ms, worst {:6.1} ms",
        milliseconds(median),
        milliseconds(worst)
    )
}

fn measure(lines: usize, runs: usize) {
    let mut segments = 1;
    while generator::canvas(segments).lines().count() < lines {
        segments += (lines / 100).max(1) / 4 + 1;
    }
    let text = generator::canvas(segments);
    let line_count = text.lines().count();
    // Keystrokes go into the description string on line 3, which keeps the canvas valid.
    let (line, column) = (2u32, 16u32);
    let mut client = Client::start();
    let id = client.id();
    client.send(&[
        json!({ "jsonrpc": "2.0", "id": id, "method": "initialize", "params": { "processId": null, "capabilities": {} } }),
        json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }),
        json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": {
            "uri": URI, "languageId": "canvas", "version": 1, "text": text } } }),
    ]);
    let opened = Instant::now();
    client.wait_for(published(1));
    println!(
        "{line_count} lines ({} KB, {segments} segments): open → diagnostics {:.1} ms",
        text.len() / 1024,
        milliseconds(opened.elapsed())
    );
    let mut version = 1;

    let mut single = Vec::new();
    for run in 0..runs {
        version += 1;
        let edit = if run % 2 == 0 { "x" } else { "" };
        let sent = Instant::now();
        client.send(&[change(version, line, column, edit)]);
        client.wait_for(published(version));
        single.push(sent.elapsed());
    }
    println!("  didChange → diagnostics:                   {}", summary(single));

    let mut burst = Vec::new();
    for _ in 0..runs {
        let keystrokes: Vec<Value> = (0..8)
            .map(|n| {
                version += 1;
                change(version, line, column + n, "y")
            })
            .collect();
        let sent = Instant::now();
        client.send(&keystrokes);
        client.wait_for(published(version));
        burst.push(sent.elapsed());
        version += 1;
        client.send(&[
            json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": { "uri": URI, "version": version },
            "contentChanges": [{ "range": {
                "start": { "line": line, "character": column },
                "end": { "line": line, "character": column + 8 } }, "text": "" }] } }),
        ]);
        client.wait_for(published(version));
    }
    println!("  8 keystrokes at once → last diagnostics:   {}", summary(burst));

    let mut typed = Vec::new();
    for _ in 0..runs.min(7) {
        let mut last = Instant::now();
        for n in 0..8 {
            version += 1;
            if n > 0 {
                std::thread::sleep(Duration::from_millis(30));
            }
            last = Instant::now();
            client.send(&[change(version, line, column + n, "z")]);
        }
        client.wait_for(published(version));
        typed.push(last.elapsed());
        version += 1;
        client.send(&[
            json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": { "uri": URI, "version": version },
            "contentChanges": [{ "range": {
                "start": { "line": line, "character": column },
                "end": { "line": line, "character": column + 8 } }, "text": "" }] } }),
        ]);
        client.wait_for(published(version));
    }
    println!("  8 keystrokes 30 ms apart → last diagnostics: {}", summary(typed));

    let mut hovers = Vec::new();
    for _ in 0..runs {
        version += 1;
        let id = client.id();
        let sent = Instant::now();
        client.send(&[
            change(version, line, column, "h"),
            json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": {
                "textDocument": { "uri": URI }, "position": { "line": 3, "character": 3 } } }),
        ]);
        client.wait_for(|message| message["id"] == json!(id));
        hovers.push(sent.elapsed());
        client.wait_for(published(version));
        version += 1;
        client.send(&[change(version, line, column, "")]);
        client.wait_for(published(version));
    }
    println!("  hover while the change is checked:         {}", summary(hovers));

    // A client that pulls (`textDocument/diagnostic`) sends the pull with the
    // change; it is answered once the change is checked.
    let mut pulls = Vec::new();
    for run in 0..runs {
        version += 1;
        let id = client.id();
        let edit = if run % 2 == 0 { "p" } else { "" };
        let sent = Instant::now();
        client.send(&[
            change(version, line, column, edit),
            json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/diagnostic",
                "params": { "textDocument": { "uri": URI } } }),
        ]);
        // This client also takes pushes: the push of the version comes just before the report.
        let (mut report, mut pushed) = (None, false);
        while report.is_none() || !pushed {
            let message = client.receive();
            if message["id"] == json!(id) {
                pulls.push(sent.elapsed());
                report = Some(message);
            } else {
                pushed |= published(version)(&message);
            }
        }
        let report = report.unwrap_or_default();
        assert_eq!(report["result"]["kind"], "full", "{report}");
    }
    println!("  didChange + pull → its report:             {}", summary(pulls));
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|arg| arg.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![5_000, 23_000] } else { sizes };
    for lines in sizes {
        measure(lines, 15);
    }
}
