"""Writes one language-server session per canvas named on standard input
(NUL-separated) into the folder given as argument, for the `lsp` fuzz target:
open, incremental and whole changes, every request at a few positions,
pulls of diagnostics, a changed canvas.toml, cancel, shutdown and exit. The
target sends `initialize` itself; each session is written twice, the second
time after a `P`, which makes the target's client one that pulls diagnostics."""
import hashlib
import json
import os
import sys


def frame(message):
    body = json.dumps(message, ensure_ascii=False).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def session(text):
    uri = "file:///fuzz/x.canvas"
    doc = {"uri": uri}
    out = [frame({"jsonrpc": "2.0", "method": "initialized", "params": {}})]
    out.append(frame({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                      "params": {"textDocument": {"uri": uri, "languageId": "canvas", "version": 1, "text": text}}}))
    lines = text.split("\n")
    next_id = 1
    for line in range(0, len(lines), max(1, len(lines) // 4)):
        for character in (0, 3, 9):
            position = {"line": line, "character": character}
            for method in ("textDocument/hover", "textDocument/completion", "textDocument/definition",
                           "textDocument/documentHighlight", "textDocument/prepareRename"):
                out.append(frame({"jsonrpc": "2.0", "id": next_id, "method": method,
                                  "params": {"textDocument": doc, "position": position}}))
                next_id += 1
            out.append(frame({"jsonrpc": "2.0", "id": next_id, "method": "textDocument/rename",
                              "params": {"textDocument": doc, "position": position, "newName": "renamed"}}))
            next_id += 1
    out.append(frame({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 1, "character": 2}, "end": {"line": 2, "character": 0}}, "text": "x {\n"}]}}))
    for method in ("textDocument/documentSymbol", "textDocument/formatting", "textDocument/foldingRange",
                   "textDocument/semanticTokens/full", "textDocument/inlayHint", "textDocument/codeLens",
                   "textDocument/documentLink", "textDocument/codeAction"):
        params = {"textDocument": doc, "options": {"tabSize": 2, "insertSpaces": True},
                  "range": {"start": {"line": 0, "character": 0}, "end": {"line": len(lines), "character": 0}},
                  "context": {"diagnostics": []}}
        out.append(frame({"jsonrpc": "2.0", "id": next_id, "method": method, "params": params}))
        next_id += 1
    for previous in (None, "0000000000000000"):
        out.append(frame({"jsonrpc": "2.0", "id": next_id, "method": "textDocument/diagnostic",
                          "params": {"textDocument": doc, "previousResultId": previous}}))
        next_id += 1
    out.append(frame({"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles",
                      "params": {"changes": [{"uri": "file:///fuzz/canvas.toml", "type": 2}]}}))
    out.append(frame({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": next_id - 1}}))
    out.append(frame({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": text[: len(text) // 2]}]}}))
    out.append(frame({"jsonrpc": "2.0", "id": next_id, "method": "shutdown"}))
    out.append(frame({"jsonrpc": "2.0", "method": "exit"}))
    return b"".join(out)


folder = sys.argv[1]
count = 0
for path in sys.stdin.buffer.read().split(b"\0"):
    if not path:
        continue
    with open(path, "rb") as file:
        text = file.read().decode("utf-8", "replace")
    data = session(text)
    # Every session twice: `P` first makes the target's client one that pulls diagnostics.
    for variant in (data, b"P" + data):
        name = "seed-" + hashlib.sha1(variant).hexdigest()
        with open(os.path.join(folder, name), "wb") as file:
            file.write(variant)
        count += 1
print(f"lsp: {count} sessions in {folder}")
