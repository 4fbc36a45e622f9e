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
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("the server reads");
        self.stdin.flush().expect("flushed");
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
        let response = self.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": { "general": { "positionEncodings": encodings } } }),
        );
        self.notify("initialized", json!({}));
        response
    }

    fn shutdown(mut self) {
        let response = self.request("shutdown", Value::Null);
        assert!(response.get("error").is_none(), "{response}");
        self.notify("exit", Value::Null);
        let Client { mut child, stdin, .. } = self;
        drop(stdin); // End of input lets the server's reader thread finish.
        let status = child.wait().expect("the server exits");
        assert!(status.success());
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
