//! The language server end to end: spawn `canvasc lsp` and speak JSON-RPC
//! over its standard input and output, as an editor does.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{json, Value};

struct Client {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_canvasc"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        Client {
            child,
            stdin,
            stdout,
            next_id: 1,
        }
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    /// Bytes as they are, framed or not.
    fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("the server reads");
        self.stdin.flush().expect("flushed");
    }

    /// Several messages in one write, as a fast client sends them.
    fn send_all(&mut self, messages: &[Value]) {
        let mut bytes = Vec::new();
        for message in messages {
            let body = message.to_string();
            bytes.extend_from_slice(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
        }
        self.send_raw(&bytes);
    }

    fn take_id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id - 1
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            self.stdout.read_line(&mut line).expect("a header line");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse().expect("a length");
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).expect("a body");
        serde_json::from_slice(&body).expect("JSON")
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let message = self.receive();
            if message.get("id") == Some(&json!(id)) {
                return message;
            }
        }
    }

    /// The response with `id`, skipping notifications.
    fn receive_id(&mut self, id: i64) -> Value {
        loop {
            let message = self.receive();
            if message.get("id") == Some(&json!(id)) {
                return message;
            }
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// The next publishDiagnostics notification.
    fn diagnostics(&mut self) -> Value {
        loop {
            let message = self.receive();
            if message["method"] == "textDocument/publishDiagnostics" {
                return message["params"].clone();
            }
        }
    }

    fn initialize(&mut self, encodings: &[&str]) -> Value {
        self.initialize_with(json!({ "general": { "positionEncodings": encodings } }))
    }

    fn initialize_with(&mut self, capabilities: Value) -> Value {
        let response = self.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
        );
        self.notify("initialized", json!({}));
        response
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "canvas", "version": 1, "text": text } }),
        );
    }

    /// The publishDiagnostics of `version`, skipping any others.
    fn diagnostics_of(&mut self, version: i64) -> Value {
        loop {
            let published = self.diagnostics();
            if published["version"] == json!(version) {
                return published;
            }
        }
    }

    /// `exit`, then the status the server ends with.
    fn exit(self) -> Option<i32> {
        let Client {
            mut child, mut stdin, ..
        } = self;
        let body = json!({ "jsonrpc": "2.0", "method": "exit" }).to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("the server reads");
        stdin.flush().expect("flushed");
        // The input stays open: `exit` alone must end the server.
        let status = child.wait().expect("the server exits");
        drop(stdin);
        status.code()
    }

    fn shutdown(mut self) {
        let response = self.request("shutdown", Value::Null);
        assert!(response.get("error").is_none(), "{response}");
        assert_eq!(self.exit(), Some(0));
    }
}

const URI: &str = "file:///tmp/shop.canvas";

const SHOP: &str = r#"canvas "Shop" { currency EUR }

segment young-women "Young women" {
  type niche
  need "affordable products"
  pain "slow delivery"
}

proposition cheap { for young-woman; meets "affordable products" }

proposition fast {
  for young-women
  relieves 
}

channel webshop {
  reaches young-women
  owner own
  type direct
}
"#;

fn position_of(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let offset = text.match_indices(needle).nth(nth).expect("the needle is there").0;
    let line = text[..offset].matches('\n').count();
    let column = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1);
    (line, column)
}

#[test]
fn a_whole_editing_session() {
    let mut client = Client::start();
    let init = client.initialize(&["utf-16"]);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");

    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "canvas", "version": 1, "text": SHOP } }),
    );
    let published = client.diagnostics();
    let diagnostics = published["diagnostics"].as_array().expect("a list");
    let unknown = diagnostics
        .iter()
        .find(|d| d["code"] == "unknown-reference")
        .expect("the misspelling is reported");
    assert_eq!(unknown["severity"], 1);
    assert_eq!(unknown["range"]["start"], json!({ "line": 8, "character": 24 }));

    // Code action: apply the did-you-mean.
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": unknown["range"], "context": { "diagnostics": [] } }),
    );
    let action = &actions["result"][0];
    assert_eq!(action["title"], "replace with `young-women`");
    assert_eq!(action["edit"]["changes"][URI][0]["newText"], "young-women");

    // Hover on a reference shows the block; on a value, what it means.
    let (line, character) = position_of(SHOP, "young-women", 2);
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": character + 2 } }),
    );
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .contains("segment"),
        "{hover}"
    );
    let (line, character) = position_of(SHOP, "niche", 0);
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": character } }),
    );
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .contains("specialised"),
        "{hover}"
    );

    // Definition of a reference.
    let (line, character) = position_of(SHOP, "for young-women", 0);
    let definition = client.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": character + 6 } }),
    );
    assert_eq!(
        definition["result"]["range"]["start"],
        json!({ "line": 2, "character": 8 }),
        "{definition}"
    );

    // Completion: statements of a channel, values after `type`, texts after `relieves`.
    let (line, _) = position_of(SHOP, "  relieves", 0);
    let completion = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": 11 } }),
    );
    let labels: Vec<&str> = completion["result"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert_eq!(labels, ["slow delivery"]);
    let (line, _) = position_of(SHOP, "  type direct", 0);
    let completion = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": 7 } }),
    );
    let labels: Vec<&str> = completion["result"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert_eq!(labels, ["direct", "indirect"]);
    let completion = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": 3 } }),
    );
    let labels: Vec<&str> = completion["result"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert!(labels.contains(&"reaches") && labels.contains(&"phase"), "{labels:?}");

    // Rename a segment: its definition and every reference, the misspelt one
    // included, since it is read as naming the segment (§4).
    let rename = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 2, "character": 10 }, "newName": "young-adults" }),
    );
    // The misspelt `young-woman` is read as its one close candidate (reference
    // §4), so it is a reference to `young-women` and is renamed too.
    let edits = rename["result"]["changes"][URI].as_array().expect("edits");
    assert_eq!(edits.len(), 4, "{rename}");
    let references = client.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 2, "character": 10 }, "context": { "includeDeclaration": false } }),
    );
    assert_eq!(references["result"].as_array().expect("locations").len(), 3);

    // Outline and formatting.
    let symbols = client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": URI } }));
    let names: Vec<&str> = symbols["result"]
        .as_array()
        .expect("symbols")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "canvas Shop",
            "segment young-women",
            "proposition cheap",
            "proposition fast",
            "channel webshop"
        ]
    );
    let formatting = client.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": URI }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    let new_text = formatting["result"][0]["newText"].as_str().unwrap_or_default();
    assert!(
        new_text.contains("proposition cheap {\n  for young-woman\n"),
        "{formatting}"
    );

    // A change with a syntax error elsewhere: diagnostics still come, for the rest too.
    let broken = SHOP.replace("owner own", "owner own\n  need \"unclosed");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "text": broken }] }),
    );
    let published = client.diagnostics();
    let codes: Vec<&str> = published["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(
        codes.contains(&"syntax") && codes.contains(&"unknown-reference"),
        "{codes:?}"
    );

    client.shutdown();
}

#[test]
fn utf8_positions_when_the_client_offers_them_and_non_ascii_text() {
    let mut client = Client::start();
    let init = client.initialize(&["utf-8", "utf-16"]);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    let text = "canvas \"Café 😀\" { currency EUR }\nsegment jóvenes { type nich }\n";
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "canvas", "version": 1, "text": text } }),
    );
    let published = client.diagnostics();
    let unknown = published["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|d| d["code"] == "unknown-value")
        .cloned()
        .expect("nich");
    // `jóvenes` is 8 bytes: `type` starts at byte 19 and `nich` at 24.
    assert_eq!(unknown["range"]["start"], json!({ "line": 1, "character": 24 }));
    client.shutdown();

    let mut client = Client::start();
    client.initialize(&["utf-16"]);
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "canvas", "version": 1, "text": text } }),
    );
    let published = client.diagnostics();
    let unknown = published["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|d| d["code"] == "unknown-value")
        .cloned()
        .expect("nich");
    assert_eq!(unknown["range"]["start"], json!({ "line": 1, "character": 23 }));
    client.shutdown();
}

#[test]
fn garbage_never_stops_the_server() {
    let mut client = Client::start();
    client.initialize(&[]);
    for text in [
        "{{{{",
        "\"",
        "segment \u{0}\u{202E} {",
        "",
        "canvas \"x\" { currency EUR }\n}}}}}",
    ] {
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": URI, "languageId": "canvas", "version": 1, "text": text } }),
        );
        client.diagnostics();
        let hover = client.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": URI }, "position": { "line": 99, "character": 99 } }),
        );
        assert!(hover.get("error").is_none(), "{hover}");
        let completion = client.request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": URI }, "position": { "line": 0, "character": 3 } }),
        );
        assert!(completion.get("error").is_none(), "{completion}");
    }
    let unknown = client.request("textDocument/unknownThing", json!({}));
    assert!(unknown.get("error").is_some());
    client.shutdown();
}

#[test]
fn the_project_file_sets_levels_as_for_canvasc_check() {
    let directory = tempfile::tempdir().expect("a temp dir");
    std::fs::write(
        directory.path().join("canvas.toml"),
        "[levels]\nno-channel = \"deny\"\nno-relationship = \"allow\"\n",
    )
    .expect("temp files are writable");
    let uri = format!("file://{}/x.canvas", directory.path().display());
    let mut client = Client::start();
    client.initialize(&["utf-8"]);
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "canvas", "version": 1,
                "text": "canvas \"X\" { currency EUR }\nsegment a { type niche }\n" } }),
    );
    let published = client.diagnostics();
    let found: Vec<(String, i64)> = published["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["severity"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    // Denied: an error (1); allowed: gone; the rest as usual (2, a warning).
    assert_eq!(
        found,
        [("no-channel".to_string(), 1), ("no-value-proposition".to_string(), 2)]
    );
    client.shutdown();
}

/// The language server runs the pipeline of `canvasc check`, so it keeps
/// "one mistake, one diagnostic" (§4) too: a lost `}` and a misspelt block
/// kind are one diagnostic each, with nothing after them.
#[test]
fn one_mistake_is_one_published_diagnostic() {
    let mut client = Client::start();
    client.initialize(&[]);
    let complete = "canvas \"Tea\" { currency EUR }\n\
        segment tea-lovers \"Tea lovers\" {\n  type niche\n  need \"rare teas\"\n  size 10\n}\n\
        proposition teas \"Teas\" {\n  for tea-lovers\n  meets \"rare teas\"\n}\n\
        relationship self-service \"Shop\" {\n  for tea-lovers\n  link transactional\n  goal acquisition, retention\n  via web\n}\n\
        channel web \"Web\" {\n  reaches tea-lovers\n  owner own\n  type direct\n  phase awareness, evaluation, purchase, delivery, after-sales\n}\n";
    let lost_brace = complete.replacen("  size 10\n}\n", "  size 10\n", 1);
    let misspelt_kind = complete.replacen("segment tea-lovers", "segmnet tea-lovers", 1);
    for (version, text, code) in [(1, &lost_brace, "syntax"), (2, &misspelt_kind, "unknown-value")] {
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": URI, "languageId": "canvas", "version": version, "text": text } }),
        );
        let published = client.diagnostics();
        let codes: Vec<&Value> = published["diagnostics"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|diagnostic| &diagnostic["code"])
            .collect();
        assert_eq!(codes, [&json!(code)], "{text}");
    }
    client.shutdown();
}

/// A canvas of about `segments * 6` lines: segments, each with a proposition and a channel.
fn large_canvas(segments: usize) -> String {
    let mut text = String::from("canvas \"Large\" { currency EUR }\n");
    for n in 0..segments {
        text.push_str(&format!(
            "segment s{n} \"Segment {n}\" {{\n  type niche\n  need \"n{n}\"\n}}\nproposition p{n} {{ for s{n}; meets \"n{n}\" }}\nchannel c{n} {{ reaches s{n}; owner own; type direct }}\n"
        ));
    }
    text
}

fn error_code(response: &Value) -> Option<i64> {
    response["error"]["code"].as_i64()
}

#[test]
fn hostile_framing_and_json_never_stop_the_server() {
    let mut client = Client::start();
    client.initialize(&["utf-8"]);
    client.open(URI, SHOP);
    client.diagnostics();
    let hover = |id: i64| {
        json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
                "params": { "textDocument": { "uri": URI }, "position": { "line": 3, "character": 8 } } })
        .to_string()
    };
    // Lengths no machine holds, or that would commit gigabytes before any body.
    for length in ["18446744073709551615", "99999999999999", "3000000000", "-4", "lots"] {
        client.send_raw(format!("Content-Length: {length}\r\n\r\n{}", hover(900)).as_bytes());
        let answer = client.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": URI }, "position": { "line": 3, "character": 8 } }),
        );
        assert!(
            answer["result"]["contents"]["value"].is_string(),
            "after {length}: {answer}"
        );
    }
    // Invalid JSON whose id can be read: a parse error for that id.
    let broken = r#"{"jsonrpc":"2.0","id":41,"method":"textDocument/hover","params":{"#;
    client.send_raw(format!("Content-Length: {}\r\n\r\n{broken}", broken.len()).as_bytes());
    let error = client.receive_id(41);
    assert_eq!(error_code(&error), Some(-32700), "{error}");
    // A length too short: the cut body is a parse error for its id, and the
    // rest of it is skipped.
    let body = hover(42);
    client.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len() - 6).as_bytes());
    let error = client.receive_id(42);
    assert_eq!(error_code(&error), Some(-32700), "{error}");
    // No length at all, and plain junk.
    client.send_raw(b"Content-Type: application/vscode-jsonrpc\r\n\r\n{}\r\n");
    client.send_raw(b"GET / HTTP/1.1\r\n\r\n");
    // Valid JSON that is no message: an invalid request when it has an id.
    let body = r#"{"jsonrpc":"2.0","id":43}"#.to_string() + "   ";
    let body = body.replace(r#""id":43}"#, r#""id":43,"method":7}"#);
    client.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    let error = client.receive_id(43);
    assert_eq!(error_code(&error), Some(-32600), "{error}");
    let answer = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 3, "character": 8 } }),
    );
    assert!(answer["result"]["contents"]["value"].is_string(), "{answer}");
    client.shutdown();
}

#[test]
fn the_lifecycle_as_the_protocol_says() {
    // `exit` without `shutdown`: status 1.
    let mut client = Client::start();
    client.initialize(&[]);
    assert_eq!(client.exit(), Some(1));

    // Requests before `initialize` are refused; a second `initialize` is an
    // error, and the server goes on.
    let mut client = Client::start();
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(error_code(&early), Some(-32002), "{early}");
    client.initialize(&[]);
    let again = client.request("initialize", json!({ "processId": null, "capabilities": {} }));
    assert_eq!(error_code(&again), Some(-32600), "{again}");
    client.open(URI, SHOP);
    assert!(client.diagnostics()["diagnostics"]
        .as_array()
        .is_some_and(|d| !d.is_empty()));
    let response = client.request("shutdown", Value::Null);
    assert!(response.get("error").is_none());
    let late = client.request("textDocument/hover", json!({}));
    assert_eq!(error_code(&late), Some(-32600), "{late}");
    assert_eq!(client.exit(), Some(0));
}

#[test]
fn incremental_changes_are_applied_at_their_ranges() {
    let mut client = Client::start();
    let init = client.initialize(&["utf-16"]);
    assert_eq!(init["result"]["capabilities"]["textDocumentSync"]["change"], 2);
    let text = "canvas \"Café 😀\" { currency EUR }\nsegment jóvenes { type niche }\n";
    client.open(URI, text);
    client.diagnostics();
    // Delete the `e` of `niche` (UTF-16 columns), then, in one notification,
    // insert a line after the header and retype `niche` as `nichr`.
    let (line, column) = (1, "segment jóvenes { type nich".encode_utf16().count());
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [
            { "range": { "start": { "line": line, "character": column }, "end": { "line": line, "character": column + 1 } }, "text": "" }
        ] }),
    );
    let published = client.diagnostics_of(2);
    let unknown: Vec<&Value> = published["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .filter(|d| d["code"] == "unknown-value")
        .collect();
    assert_eq!(unknown.len(), 1, "{published}");
    assert_eq!(unknown[0]["range"]["start"], json!({ "line": 1, "character": 23 }));
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 3 }, "contentChanges": [
            { "range": { "start": { "line": 1, "character": 0 }, "end": { "line": 1, "character": 0 } }, "text": "# a comment 😀\n" },
            { "range": { "start": { "line": 2, "character": 27 }, "end": { "line": 2, "character": 27 } }, "text": "e" },
        ] }),
    );
    let published = client.diagnostics_of(3);
    assert!(
        !published["diagnostics"]
            .as_array()
            .expect("a list")
            .iter()
            .any(|d| d["code"] == "unknown-value"),
        "{published}"
    );
    // The whole text still replaces everything when a change has no range.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 4 }, "contentChanges": [{ "text": "segment x {" }] }),
    );
    let published = client.diagnostics_of(4);
    assert!(published["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .any(|d| d["code"] == "syntax"));
    client.shutdown();
}

#[test]
fn a_burst_of_changes_publishes_only_the_newest_version() {
    let mut client = Client::start();
    client.initialize(&["utf-8"]);
    let text = large_canvas(400);
    client.open(URI, &text);
    client.diagnostics_of(1);
    // Eight keystrokes at the start of the last line, the last one a stray `}`.
    let line = text.lines().count() - 1;
    let mut burst = Vec::new();
    for (n, letter) in "xxxxxxx}".chars().enumerate() {
        burst.push(json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": { "uri": URI, "version": 2 + n },
            "contentChanges": [{ "range": { "start": { "line": line, "character": 0 }, "end": { "line": line, "character": 0 } }, "text": letter.to_string() }]
        } }));
    }
    client.send_all(&burst);
    let mut versions = Vec::new();
    loop {
        let published = client.diagnostics();
        let version = published["version"].as_i64().expect("a version");
        versions.push(version);
        if version == 9 {
            // `}xxxxxxxchannel` does not parse: what the newest text says.
            let diagnostics = published["diagnostics"].as_array().expect("a list");
            assert!(diagnostics.iter().any(|d| d["code"] == "syntax"), "{published}");
            break;
        }
    }
    assert!(versions.windows(2).all(|pair| pair[0] < pair[1]), "{versions:?}");
    assert!(versions.len() < 8, "every keystroke was published: {versions:?}");
    client.shutdown();
}

#[test]
fn hover_answers_while_a_large_file_is_checked_and_cancelled_requests_are_answered() {
    let mut client = Client::start();
    client.initialize(&["utf-8"]);
    let text = large_canvas(4000);
    client.open(URI, &text);
    client.diagnostics_of(1);
    let change = json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": { "uri": URI, "version": 2 },
        "contentChanges": [{ "range": { "start": { "line": 2, "character": 0 }, "end": { "line": 2, "character": 0 } }, "text": "  # typed\n" }]
    } });
    let hover_id = client.take_id();
    // `type niche` of the first segment, on its line after the inserted one.
    let hover = json!({ "jsonrpc": "2.0", "id": hover_id, "method": "textDocument/hover",
        "params": { "textDocument": { "uri": URI }, "position": { "line": 3, "character": 8 } } });
    let symbols_id = client.take_id();
    let symbols = json!({ "jsonrpc": "2.0", "id": symbols_id, "method": "textDocument/documentSymbol",
        "params": { "textDocument": { "uri": URI } } });
    let cancel = json!({ "jsonrpc": "2.0", "method": "$/cancelRequest", "params": { "id": symbols_id } });
    client.send_all(&[change, hover, symbols, cancel]);
    let mut order = Vec::new();
    loop {
        let message = client.receive();
        if message["id"] == json!(hover_id) {
            let value = message["result"]["contents"]["value"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            assert!(value.contains("niche"), "{message}");
            assert_eq!(
                message["result"]["range"]["start"],
                json!({ "line": 3, "character": 7 }),
                "{message}"
            );
            order.push("hover");
        } else if message["id"] == json!(symbols_id) {
            assert_eq!(error_code(&message), Some(-32800), "{message}");
            order.push("cancelled");
        } else if message["method"] == "textDocument/publishDiagnostics" && message["params"]["version"] == 2 {
            order.push("diagnostics");
            break;
        }
    }
    assert_eq!(order, ["hover", "cancelled", "diagnostics"]);
    client.shutdown();
}

#[test]
fn rename_refuses_a_name_in_use_and_accepts_every_identifier() {
    let mut client = Client::start();
    client.initialize(&["utf-8"]);
    let text = "canvas \"R\" { currency EUR }\nsegment skin-care { type niche }\nsegment young-women { type niche }\nchannel skin-care { reaches young-women; owner own; type direct }\n";
    client.open(URI, text);
    client.diagnostics();
    let rename = |client: &mut Client, name: &str| {
        client.request(
            "textDocument/rename",
            json!({ "textDocument": { "uri": URI }, "position": { "line": 1, "character": 10 }, "newName": name }),
        )
    };
    let taken = rename(&mut client, "young-women");
    assert_eq!(error_code(&taken), Some(-32602), "{taken}");
    assert!(
        taken["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("already"),
        "{taken}"
    );
    // The other way round too.
    let channel = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 2, "character": 10 }, "newName": "skin-care" }),
    );
    assert_eq!(
        error_code(&channel),
        Some(-32602),
        "a segment `skin-care` exists: {channel}"
    );
    for name in ["a\u{301}", "jóvenes", "日本", "x_1-b"] {
        let renamed = rename(&mut client, name);
        assert!(renamed.get("error").is_none(), "{name}: {renamed}");
        assert_eq!(renamed["result"]["changes"][URI][0]["newText"], name);
    }
    for name in ["1a", "-a", "a b", "", "a\"", "\u{301}a"] {
        let refused = rename(&mut client, name);
        assert_eq!(error_code(&refused), Some(-32602), "{name:?}: {refused}");
    }
    // A rename to a name that only a channel has is fine for a segment.
    let text =
        "canvas \"R\" { currency EUR }\nsegment a { type niche }\nchannel web { reaches a; owner own; type direct }\n";
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "text": text }] }),
    );
    client.diagnostics_of(2);
    let renamed = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 1, "character": 8 }, "newName": "web" }),
    );
    assert_eq!(
        renamed["result"]["changes"][URI].as_array().map(Vec::len),
        Some(2),
        "{renamed}"
    );
    client.shutdown();
}

fn labels_and_edits(completion: &Value) -> Vec<(String, String, Value)> {
    completion["result"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| {
            (
                item["label"].as_str().unwrap_or_default().to_string(),
                item["textEdit"]["newText"].as_str().unwrap_or_default().to_string(),
                item["textEdit"]["range"].clone(),
            )
        })
        .collect()
}

#[test]
fn completion_replaces_what_is_typed_never_repeats_and_closes_quotes() {
    let mut client = Client::start();
    client.initialize(&["utf-8"]);
    let text = "canvas \"C\" { currency EUR }\nsegment s { type niche; need \"cheap\"; need \"fast\" }\nproposition p { for s; kind price, \n  meets \"\n  meets \"ch\"\n  meets \n  ki\n}\n";
    client.open(URI, text);
    client.diagnostics();
    let complete = |client: &mut Client, line: usize, character: usize| {
        client.request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": character } }),
        )
    };
    // `kind price, `: every value kind but `price`.
    let kinds = labels_and_edits(&complete(&mut client, 2, 35));
    assert!(!kinds.is_empty());
    assert!(kinds.iter().all(|(label, _, _)| label != "price"), "{kinds:?}");
    // After `meets "`: the needs, each closing its string.
    let needs = labels_and_edits(&complete(&mut client, 3, 9));
    assert_eq!(
        needs
            .iter()
            .map(|(label, text, _)| (label.as_str(), text.as_str()))
            .collect::<Vec<_>>(),
        [("cheap", "cheap\""), ("fast", "fast\"")]
    );
    assert_eq!(needs[0].2["start"], json!({ "line": 3, "character": 9 }));
    // Inside `"ch"`, before its closing quote: the typed `ch` is replaced, no second quote.
    let inside = labels_and_edits(&complete(&mut client, 4, 11));
    assert_eq!(inside[0].1, "cheap");
    assert_eq!(
        inside[0].2,
        json!({ "start": { "line": 4, "character": 9 }, "end": { "line": 4, "character": 11 } })
    );
    // After `meets `: quoted texts.
    let bare = labels_and_edits(&complete(&mut client, 5, 8));
    assert_eq!(bare[0].1, "\"cheap\"");
    // A statement keyword replaces what is typed of it.
    let keywords = labels_and_edits(&complete(&mut client, 6, 4));
    let (_, text, range) = keywords.iter().find(|(label, _, _)| label == "kind").expect("kind");
    assert_eq!(text, "kind");
    assert_eq!(
        *range,
        json!({ "start": { "line": 6, "character": 2 }, "end": { "line": 6, "character": 4 } })
    );
    client.shutdown();
}

#[test]
fn a_changed_project_file_is_applied_when_the_client_says_so() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let project = directory.path().join("canvas.toml");
    std::fs::write(&project, "[levels]\nno-channel = \"deny\"\n").expect("temp files are writable");
    let uri = format!("file://{}/x.canvas", directory.path().display());
    let mut client = Client::start();
    let capabilities = json!({ "general": { "positionEncodings": ["utf-8"] },
        "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    let id = client.take_id();
    client.send(&json!({ "jsonrpc": "2.0", "id": id, "method": "initialize",
        "params": { "processId": null, "capabilities": capabilities } }));
    client.receive_id(id);
    client.notify("initialized", json!({}));
    // The server asks to be told of `canvas.toml` changes.
    let registration = loop {
        let message = client.receive();
        if message["method"] == "client/registerCapability" {
            break message;
        }
    };
    let registered = &registration["params"]["registrations"][0];
    assert_eq!(registered["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        registered["registerOptions"]["watchers"][0]["globPattern"],
        "**/canvas.toml"
    );
    client.send(&json!({ "jsonrpc": "2.0", "id": registration["id"], "result": null }));

    client.open(&uri, "canvas \"X\" { currency EUR }\nsegment a { type niche }\n");
    let severity = |published: &Value| {
        published["diagnostics"]
            .as_array()
            .expect("a list")
            .iter()
            .find(|d| d["code"] == "no-channel")
            .map(|d| d["severity"].clone())
    };
    assert_eq!(severity(&client.diagnostics()), Some(json!(1)));
    std::fs::write(&project, "[levels]\nno-channel = \"allow\"\n").expect("temp files are writable");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": format!("file://{}", project.display()), "type": 2 }] }),
    );
    assert_eq!(severity(&client.diagnostics()), None);
    client.shutdown();
}

const SHOP_WITH_ECONOMICS: &str = r#"# Maria's shop
# two comment lines fold
canvas "Shop" { currency EUR }

segment young-women "Young women" {
  type niche
  need "affordable products"
  size 1_000
}

proposition cheap { for young-women; meets "affordable products"; kind price }

relationship personal-assistance "Chat" {
  for young-women
  link long-term
  via webshop
}

channel webshop {
  reaches young-women
  owner own
  type direct
  phase awareness
  phase evaluation
  phase purchase
  phase delivery
}

revenue sales {
  from young-women
  type subscription
  price 13 EUR per customer per year
}
"#;

fn line_of(text: &str, needle: &str) -> usize {
    position_of(text, needle, 0).0
}

#[test]
fn structure_and_insight_features_through_the_protocol() {
    let mut client = Client::start();
    let init = client.initialize(&["utf-8"]);
    let capabilities = &init["result"]["capabilities"];
    for capability in [
        "documentHighlightProvider",
        "foldingRangeProvider",
        "selectionRangeProvider",
        "documentRangeFormattingProvider",
        "inlayHintProvider",
        "codeLensProvider",
        "semanticTokensProvider",
    ] {
        assert!(!capabilities[capability].is_null(), "{capability} is not offered");
    }
    let text = SHOP_WITH_ECONOMICS;
    client.open(URI, text);
    client.diagnostics();
    let doc = json!({ "uri": URI });
    let segment_line = line_of(text, "segment young-women");

    // Document highlight: the definition (written) and each reference (read).
    let highlights = client.request(
        "textDocument/documentHighlight",
        json!({ "textDocument": doc, "position": { "line": segment_line, "character": 10 } }),
    );
    let kinds: Vec<i64> = highlights["result"]
        .as_array()
        .expect("highlights")
        .iter()
        .filter_map(|h| h["kind"].as_i64())
        .collect();
    assert_eq!(kinds, [3, 2, 2, 2, 2], "{highlights}");

    // Folding: the blocks of more than one line, and the two comment lines.
    let folds = client.request("textDocument/foldingRange", json!({ "textDocument": doc }));
    let folds: Vec<(i64, i64, String)> = folds["result"]
        .as_array()
        .expect("folds")
        .iter()
        .map(|f| {
            (
                f["startLine"].as_i64().unwrap_or(-1),
                f["endLine"].as_i64().unwrap_or(-1),
                f["kind"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(folds[0], (0, 1, "comment".to_string()));
    assert!(
        folds.contains(&(segment_line as i64, segment_line as i64 + 4, "region".to_string())),
        "{folds:?}"
    );

    // Selection ranges: word, statement, block, document.
    let need_line = line_of(text, "  need");
    let selection = client.request(
        "textDocument/selectionRange",
        json!({ "textDocument": doc, "positions": [{ "line": need_line, "character": 3 }] }),
    );
    let mut depth = 0;
    let mut range = &selection["result"][0];
    let mut starts = Vec::new();
    while !range.is_null() {
        starts.push(range["range"]["start"].clone());
        range = &range["parent"];
        depth += 1;
    }
    assert_eq!(depth, 4, "{selection}");
    assert_eq!(starts[2], json!({ "line": segment_line, "character": 0 }));
    assert_eq!(starts[3], json!({ "line": 0, "character": 0 }));

    // Hierarchical symbols: blocks with their statements.
    let symbols = client.request("textDocument/documentSymbol", json!({ "textDocument": doc }));
    let segment = &symbols["result"][1];
    assert_eq!(segment["name"], "segment young-women");
    let children: Vec<&str> = segment["children"]
        .as_array()
        .expect("children")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(children, ["type", "need", "size"]);
    assert_eq!(segment["children"][0]["detail"], "niche");

    // Inlay hints: journey and revenue after the segment's head, intimacy and
    // directness after the relationship's, the monthly value after a yearly price.
    let hints = client.request(
        "textDocument/inlayHint",
        json!({ "textDocument": doc, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 99, "character": 0 } } }),
    );
    let labels: Vec<(i64, String)> = hints["result"]
        .as_array()
        .expect("hints")
        .iter()
        .map(|h| {
            (
                h["position"]["line"].as_i64().unwrap_or(-1),
                h["label"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        labels,
        [
            (segment_line as i64, "4/5 phases · 1083.33 EUR / month".to_string()),
            (line_of(text, "relationship") as i64, "personal · direct".to_string()),
            (line_of(text, "  price") as i64, "≈ 1.08 / month".to_string()),
        ],
        "{hints}"
    );

    // Code lens on the segment: its propositions, relationships and channels.
    let lenses = client.request("textDocument/codeLens", json!({ "textDocument": doc }));
    let titles: Vec<&str> = lenses["result"]
        .as_array()
        .expect("lenses")
        .iter()
        .filter_map(|l| l["command"]["title"].as_str())
        .collect();
    assert_eq!(titles, ["1 proposition", "1 relationship", "1 channel"]);
    assert_eq!(
        lenses["result"][0]["command"]["arguments"][2][0]["range"]["start"]["line"],
        line_of(text, "proposition cheap")
    );

    // Semantic tokens: the legend, and the tokens of the segment's head line.
    let legend = &capabilities["semanticTokensProvider"]["legend"]["tokenTypes"];
    assert_eq!(legend[0], "keyword");
    let tokens = client.request("textDocument/semanticTokens/full", json!({ "textDocument": doc }));
    let data: Vec<u64> = tokens["result"]["data"]
        .as_array()
        .expect("data")
        .iter()
        .filter_map(Value::as_u64)
        .collect();
    let mut decoded = Vec::new();
    let (mut line, mut character) = (0, 0);
    for token in data.chunks(5) {
        if token[0] > 0 {
            line += token[0];
            character = token[1];
        } else {
            character += token[1];
        }
        decoded.push((line, character, token[2], token[3], token[4]));
    }
    let head: Vec<(u64, u64, u64)> = decoded
        .iter()
        .filter(|t| t.0 == segment_line as u64)
        .map(|t| (t.1, t.2, t.3))
        .collect();
    let kind = |name: &str| {
        legend
            .as_array()
            .expect("types")
            .iter()
            .position(|t| t == name)
            .expect("a type") as u64
    };
    assert_eq!(
        head,
        [
            (0, 7, kind("keyword")),
            (8, 11, kind("variable")),
            (20, 13, kind("string"))
        ],
        "{decoded:?}"
    );
    let type_line: Vec<(u64, u64)> = decoded
        .iter()
        .filter(|t| t.0 == segment_line as u64 + 1)
        .map(|t| (t.1, t.3))
        .collect();
    assert_eq!(type_line, [(2, kind("property")), (7, kind("enumMember"))]);
    client.shutdown();
}

#[test]
fn range_formatting_and_fix_all() {
    let mut client = Client::start();
    client.initialize(&["utf-8"]);
    let text = "canvas \"F\" { currency EUR }\nsegment   a   { type nich }\nsegment    b { type nich }\nchannel web { reaches a, b; owner own; type direct }\n";
    client.open(URI, text);
    client.diagnostics();
    let doc = json!({ "uri": URI });
    // Only the second line is asked for: only it changes.
    let edits = client.request(
        "textDocument/rangeFormatting",
        json!({ "textDocument": doc, "range": { "start": { "line": 1, "character": 0 }, "end": { "line": 1, "character": 5 } },
                "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    let edits = edits["result"].as_array().expect("edits").clone();
    assert!(!edits.is_empty());
    for edit in &edits {
        assert_eq!(edit["range"]["start"]["line"], 1, "{edit}");
        assert!(!edit["newText"].as_str().unwrap_or_default().contains("segment    b"));
    }
    // Fix all: both misspelt types at once, as a source action.
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": doc, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
                "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
    );
    let actions = actions["result"].as_array().expect("actions").clone();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll");
    let fixed = actions[0]["edit"]["changes"][URI][0]["newText"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(fixed.matches("type niche").count(), 2, "{fixed}");
    client.shutdown();
}

#[test]
fn inlay_hints_show_ltv_to_cac_where_the_model_knows_it() {
    let mut client = Client::start();
    client.initialize(&["utf-8"]);
    let text = "canvas \"U\" { currency EUR }\nsegment fans { type niche\n  size 100\n  churn 5% per month }\nrelationship personal-assistance \"Chat\" { for fans\n  cost 20 EUR per new customer }\nrevenue fees { from fans; type subscription; price 10 EUR per customer per month }\nsegment others { type niche }\n";
    client.open(URI, text);
    client.diagnostics();
    let hints = client.request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": URI }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 99, "character": 0 } } }),
    );
    let labels: Vec<(i64, String)> = hints["result"]
        .as_array()
        .expect("hints")
        .iter()
        .map(|h| {
            (
                h["position"]["line"].as_i64().unwrap_or(-1),
                h["label"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    // 10 EUR a month for 20 months (5% churn), won for 20 EUR: LTV/CAC 10.
    let fans = labels
        .iter()
        .find(|(line, _)| *line == 1)
        .map(|(_, label)| label.as_str());
    assert!(
        fans.is_some_and(|label| label.contains("1000.00 EUR / month") && label.contains("LTV/CAC 10")),
        "{labels:?}"
    );
    // Without figures, only the journey.
    let others = labels
        .iter()
        .find(|(line, _)| *line == 7)
        .map(|(_, label)| label.as_str());
    assert_eq!(others, Some("0/5 phases"), "{labels:?}");
    client.shutdown();
}

#[test]
fn a_value_means_what_its_enumeration_says() {
    // `subscription` is a relationship type and a revenue type, with two meanings.
    let mut client = Client::start();
    client.initialize(&["utf-8"]);
    let text = "canvas \"S\" { currency EUR }\nsegment fans { type niche }\nrelationship subscription { for fans }\nrevenue plan { from fans; type subscription }\n";
    client.open(URI, text);
    client.diagnostics();
    let mut hover_on = |line: usize, needle: &str| -> String {
        let character = text
            .lines()
            .nth(line)
            .and_then(|row| row.find(needle))
            .unwrap_or_default()
            + 2;
        let hover = client.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": character } }),
        );
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let relationship = hover_on(2, "subscription");
    let revenue = hover_on(3, "subscription");
    assert!(relationship.contains("lasting relationship"), "{relationship}");
    assert!(revenue.contains("continuous access"), "{revenue}");
    let completion = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 3, "character": text.lines().nth(3).map_or(0, |row| row.find("subscription").unwrap_or_default()) } }),
    );
    let detail = completion["result"]
        .as_array()
        .and_then(|items| items.iter().find(|item| item["label"] == "subscription"))
        .map(|item| item["detail"].as_str().unwrap_or_default().to_string())
        .unwrap_or_default();
    assert!(detail.contains("continuous access"), "{completion}");
}

/// The repository's rule pages, as a `file:` base address.
fn rules_folder() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules")
}

const WITH_ALLOWS: &str = r#"canvas "Shop" { currency EUR }
allow no-relationship
segment a "A" {
  type niche
  allow unmet-need,
    lonely-side
}
proposition p { for a; kind price }
scenario s { allow slow-payback }
"#;

#[test]
fn diagnostics_and_allowed_codes_link_to_their_rule_pages() {
    // By default, the pages of the repository that Cargo.toml names.
    let mut client = Client::start();
    let init = client.initialize(&["utf-8"]);
    assert_eq!(
        init["result"]["capabilities"]["documentLinkProvider"],
        json!({ "resolveProvider": false })
    );
    client.open(URI, WITH_ALLOWS);
    let published = client.diagnostics();
    let diagnostics = published["diagnostics"].as_array().expect("a list");
    assert!(!diagnostics.is_empty(), "{published}");
    let repository = env!("CARGO_PKG_REPOSITORY");
    assert!(repository.starts_with("https://"), "Cargo.toml names the repository");
    for diagnostic in diagnostics {
        let code = diagnostic["code"].as_str().expect("a code");
        assert_eq!(
            diagnostic["codeDescription"]["href"],
            json!(format!("{repository}/blob/main/docs/rules/{code}.md")),
            "{diagnostic}"
        );
        assert!(rules_folder().join(format!("{code}.md")).is_file(), "{code} has a page");
    }
    let id = client.take_id();
    client.send(
        &json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/documentLink",
        "params": { "textDocument": { "uri": URI } } }),
    );
    let links = client.receive_id(id);
    let links = links["result"].as_array().expect("a list of links");
    // Each code written after `allow`, in source order, covering the code.
    let written = ["no-relationship", "unmet-need", "lonely-side", "slow-payback"];
    assert_eq!(links.len(), written.len(), "{links:?}");
    for (link, code) in links.iter().zip(written) {
        let (line, column) = position_of(WITH_ALLOWS, code, 0);
        assert_eq!(
            link["range"],
            json!({ "start": { "line": line, "character": column },
                    "end": { "line": line, "character": column + code.len() } })
        );
        assert_eq!(
            link["target"],
            json!(format!("{repository}/blob/main/docs/rules/{code}.md"))
        );
    }
    client.shutdown();

    // A client can point them elsewhere, here at the pages on disk, or turn them off.
    let folder = format!("file://{}/", rules_folder().display());
    let mut client = Client::start();
    let id = client.take_id();
    client.send(&json!({ "jsonrpc": "2.0", "id": id, "method": "initialize", "params": {
        "processId": null, "capabilities": {}, "initializationOptions": { "rulePages": folder } } }));
    client.receive_id(id);
    client.notify("initialized", json!({}));
    client.open(URI, WITH_ALLOWS);
    let published = client.diagnostics();
    for diagnostic in published["diagnostics"].as_array().expect("a list") {
        let href = diagnostic["codeDescription"]["href"].as_str().expect("a page");
        let path = href.strip_prefix("file://").expect("a file address");
        assert!(std::path::Path::new(path).is_file(), "{href} is a page on disk");
    }
    let id = client.take_id();
    client.send(
        &json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/documentLink",
        "params": { "textDocument": { "uri": URI } } }),
    );
    let links = client.receive_id(id);
    for link in links["result"].as_array().expect("a list of links") {
        let target = link["target"].as_str().expect("a target");
        assert!(std::path::Path::new(target.strip_prefix("file://").expect("a file address")).is_file());
    }
    client.shutdown();

    let mut client = Client::start();
    let id = client.take_id();
    client.send(&json!({ "jsonrpc": "2.0", "id": id, "method": "initialize", "params": {
        "processId": null, "capabilities": {}, "initializationOptions": { "rulePages": false } } }));
    client.receive_id(id);
    client.notify("initialized", json!({}));
    client.open(URI, WITH_ALLOWS);
    let published = client.diagnostics();
    assert!(published["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .all(|diagnostic| diagnostic.get("codeDescription").is_none()));
    let id = client.take_id();
    client.send(
        &json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/documentLink",
        "params": { "textDocument": { "uri": URI } } }),
    );
    assert_eq!(client.receive_id(id)["result"], json!([]));
    client.shutdown();
}

/// Every message until the response to `id`, that response last.
fn messages_until(client: &mut Client, id: i64) -> Vec<Value> {
    let mut messages = Vec::new();
    loop {
        let message = client.receive();
        let done = message.get("id") == Some(&json!(id)) && message.get("method").is_none();
        messages.push(message);
        if done {
            return messages;
        }
    }
}

fn pull(client: &mut Client, uri: &str, previous: Option<&str>) -> (Value, Vec<Value>) {
    let id = client.take_id();
    client.send(
        &json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/diagnostic",
        "params": { "textDocument": { "uri": uri }, "previousResultId": previous } }),
    );
    let mut messages = messages_until(client, id);
    let response = messages.pop().expect("the response");
    (response["result"].clone(), messages)
}

#[test]
fn a_client_that_pulls_diagnostics_gets_result_ids_and_no_pushes() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let project = directory.path().join("canvas.toml");
    std::fs::write(&project, "[levels]\n").expect("temp files are writable");
    let uri = format!("file://{}/pull.canvas", directory.path().display());
    let mut client = Client::start();
    let init = client.initialize_with(json!({
        "general": { "positionEncodings": ["utf-8"] },
        "textDocument": { "diagnostic": { "dynamicRegistration": false } },
        "workspace": { "diagnostics": { "refreshSupport": true } },
    }));
    assert_eq!(
        init["result"]["capabilities"]["diagnosticProvider"],
        json!({ "identifier": "canvasc", "interFileDependencies": false, "workspaceDiagnostics": false })
    );
    let text = "canvas \"X\" { currency EUR }\nsegment a { type nich }\n# the end\n";
    client.open(&uri, text);
    let (report, before) = pull(&mut client, &uri, None);
    assert_eq!(report["kind"], "full", "{report}");
    let first_id = report["resultId"].as_str().expect("a result id").to_string();
    let items = report["items"].as_array().expect("items");
    let codes: Vec<&str> = items.iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(codes.contains(&"unknown-value"), "{codes:?}");
    assert!(items.iter().all(|d| d["codeDescription"]["href"].is_string()));

    let mut seen = before;
    // The same text again: unchanged, with the same result id.
    let (report, more) = pull(&mut client, &uri, Some(&first_id));
    seen.extend(more);
    assert_eq!(report, json!({ "kind": "unchanged", "resultId": first_id }));

    // An edit in a comment moves no diagnostic: still unchanged, once it is checked.
    let change = |version: i64, line: u32, start: u32, end: u32, new: &str| {
        json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{ "range": { "start": { "line": line, "character": start },
                                            "end": { "line": line, "character": end } }, "text": new }] } })
    };
    client.send(&change(2, 2, 9, 9, " of it"));
    let (report, more) = pull(&mut client, &uri, Some(&first_id));
    seen.extend(more);
    assert_eq!(report, json!({ "kind": "unchanged", "resultId": first_id }));

    // Fixing the value changes the diagnostics: a full report with a new id,
    // of the newest text even when the pull comes right after the change.
    client.send(&change(3, 1, 21, 21, "e"));
    let (report, more) = pull(&mut client, &uri, Some(&first_id));
    seen.extend(more);
    assert_eq!(report["kind"], "full", "{report}");
    let second_id = report["resultId"].as_str().expect("a result id").to_string();
    assert_ne!(second_id, first_id);
    let codes: Vec<String> = report["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect();
    assert!(!codes.contains(&"unknown-value".to_string()), "{codes:?}");
    assert!(codes.contains(&"no-channel".to_string()), "{codes:?}");

    // A document that is not open has a full, empty report.
    let (report, more) = pull(&mut client, "file:///nowhere/closed.canvas", None);
    assert_eq!(report["kind"], "full");
    assert_eq!(report["items"], json!([]));
    seen.extend(more);

    // A changed canvas.toml: the server asks the client to pull again, and the
    // pull sees the new levels.
    std::fs::write(&project, "[levels]\nno-channel = \"deny\"\n").expect("temp files are writable");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": format!("file://{}", project.display()), "type": 2 }] }),
    );
    let refresh = loop {
        let message = client.receive();
        if message.get("method").is_some() && message.get("id").is_some() {
            break message;
        }
        seen.push(message);
    };
    assert_eq!(refresh["method"], "workspace/diagnostic/refresh");
    client.send(&json!({ "jsonrpc": "2.0", "id": refresh["id"], "result": null }));
    let (report, more) = pull(&mut client, &uri, Some(&second_id));
    assert_eq!(report["kind"], "full", "{report}");
    let no_channel = report["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|d| d["code"] == "no-channel")
        .cloned()
        .expect("no-channel is still reported");
    assert_eq!(no_channel["severity"], 1, "deny makes it an error");
    seen.extend(more);

    // Closing pushes nothing either: the client that pulls owns its diagnostics.
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    let (_, more) = pull(&mut client, &uri, None);
    seen.extend(more);
    let pushed: Vec<&Value> = seen
        .iter()
        .filter(|message| message["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert!(pushed.is_empty(), "{pushed:?}");
    client.shutdown();
}

#[test]
fn a_pull_is_unchanged_exactly_when_the_diagnostics_are_the_same() {
    let mut client = Client::start();
    client.initialize_with(json!({
        "general": { "positionEncodings": ["utf-8"] },
        "textDocument": { "diagnostic": {} },
    }));
    let mut text = String::from(SHOP);
    client.open(URI, &text);
    let (report, _) = pull(&mut client, URI, None);
    let mut held_id = report["resultId"].as_str().expect("a result id").to_string();
    let mut held = report["items"].clone();
    // Generated edits: a letter or a blank inserted or deleted at a pseudo-random
    // place, in comments, names, strings and keywords alike.
    let mut seed: u64 = 15;
    let mut random = |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        usize::try_from(seed >> 33).expect("31 bits fit") % n
    };
    let (mut unchanged, mut full) = (0, 0);
    for version in 2..40 {
        let at = random(text.len());
        let (line, column) = (
            text[..at].matches('\n').count(),
            at - text[..at].rfind('\n').map_or(0, |i| i + 1),
        );
        let (end, new) = match random(3) {
            0 if text.as_bytes()[at] != b'\n' => (column + 1, String::new()),
            1 => (column, " ".to_string()),
            _ => (column, "x".to_string()),
        };
        text.replace_range(at..at + (end - column), &new);
        client.notify(
            "textDocument/didChange",
            json!({
            "textDocument": { "uri": URI, "version": version },
            "contentChanges": [{ "range": { "start": { "line": line, "character": column },
                                            "end": { "line": line, "character": end } }, "text": new }] }),
        );
        let (report, _) = pull(&mut client, URI, Some(&held_id));
        let (fresh, _) = pull(&mut client, URI, None);
        assert_eq!(fresh["kind"], "full");
        if report["kind"] == "unchanged" {
            unchanged += 1;
            assert_eq!(report["resultId"], json!(held_id));
            assert_eq!(
                fresh["items"], held,
                "unchanged, yet the diagnostics of {text:?} differ"
            );
        } else {
            full += 1;
            assert_eq!(report, fresh, "two pulls of one text");
            assert_ne!(report["items"], held, "a full report, yet the same diagnostics");
            held_id = report["resultId"].as_str().expect("a result id").to_string();
            held = report["items"].clone();
        }
    }
    assert!(unchanged > 0 && full > 0, "{unchanged} unchanged, {full} full");
    client.shutdown();
}
