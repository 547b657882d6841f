#!/usr/bin/env python3
"""Writes the language server fuzzer's seeds, fuzz/corpus/lsp/*: client streams as editors send them (one file a
session, frames with their Content-Length), and a few a careless client could. Edit the sessions here and rerun; the
lengths are counted for you.

    fuzz/make-lsp-seeds.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus", "lsp")
# The fuzzer's fixed directory (LspMessageFuzzer.cpp): its ruleset, and no compilation database.
DIR = "/tmp/mmio-audit-lsp-fuzz"
SOURCE = "file://" + DIR + "/drivers/hv/vmbus_drv.c"
RULES = "file://" + DIR + "/rules.yaml"

C_TEXT = """#include <linux/hyperv.h>
static int probe(struct hv_device *dev)
{
\tint ret = vmbus_allocate_mmio(&mem, dev, 0, -1, SZ_4M, 0x100000, false); /* mmio */
\treturn ret;
}
"""
UNICODE_TEXT = "/* caf\u00e9 \U0001F600 */\nint x = vmbus_allocate_mmio(a, b, 0, -1, 1, 1, 0); // mmio \u00fc\n"
RULES_TEXT = """version: 1
constants:
  SZ_4G: 0x100000000
allocators:
  - name: vmbus_allocate_mmio
    params: {destination: 0, min: 2, max: 3, size: 4, align: 5, fb_overlap_ok: 6}
rules:
  - id: window-below-4g
    message: "window can start below 4GB (min = {min})"
    applies-to:
      - destination-field: mem_config
    require:
      min-at-least: SZ_4G
"""


def frame(body, header="Content-Length"):
    data = body if isinstance(body, bytes) else json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    return b"%s: %d\r\n\r\n" % (header.encode(), len(data)) + data


def request(id, method, params=None):
    m = {"jsonrpc": "2.0", "id": id, "method": method}
    if params is not None:
        m["params"] = params
    return frame(m)


def notify(method, params=None):
    m = {"jsonrpc": "2.0", "method": method}
    if params is not None:
        m["params"] = params
    return frame(m)


def pos(line, character):
    return {"line": line, "character": character}


def rng(l1, c1, l2, c2):
    return {"start": pos(l1, c1), "end": pos(l2, c2)}


def initialize(capabilities=None):
    return request(1, "initialize", {"processId": None, "rootUri": None, "capabilities": capabilities or {}}) + \
        notify("initialized", {})


def did_open(uri, text, version=1, language="c"):
    return notify("textDocument/didOpen",
                  {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}})


def did_change(uri, version, changes):
    return notify("textDocument/didChange",
                  {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes})


def code_action(id, uri, r, only=None):
    context = {"diagnostics": []}
    if only is not None:
        context["only"] = only
    return request(id, "textDocument/codeAction", {"textDocument": {"uri": uri}, "range": r, "context": context})


def shutdown(id):
    return request(id, "shutdown") + notify("exit")


SEEDS = {
    # The shortest useful session.
    "lifecycle": initialize() + shutdown(2),
    # An editing session: open, edits by range and whole, a quick fix asked for, close.
    "edit-session": initialize({"general": {"positionEncodings": ["utf-8", "utf-16"]}}) +
    did_open(SOURCE, C_TEXT) +
    did_change(SOURCE, 2, [{"range": rng(3, 1, 3, 4), "text": "long"}]) +
    code_action(2, SOURCE, rng(3, 10, 3, 12), ["quickfix"]) +
    did_change(SOURCE, 3, [{"text": C_TEXT + "/* mmio */\n"}]) +
    code_action(3, SOURCE, rng(0, 0, 9, 0)) +
    notify("textDocument/didSave", {"textDocument": {"uri": SOURCE}, "text": C_TEXT}) +
    notify("textDocument/didClose", {"textDocument": {"uri": SOURCE}}) + shutdown(4),
    # clangd's offsetEncoding, and text outside the BMP: positions in UTF-32, edits that split a surrogate pair.
    "unicode": initialize({"offsetEncoding": ["utf-32", "utf-8"]}) + did_open(SOURCE, UNICODE_TEXT) +
    did_change(SOURCE, 2, [{"range": rng(0, 8, 0, 9), "text": "\U0001F601"}]) +
    code_action(2, SOURCE, rng(1, 0, 1, 3)) + shutdown(3),
    "utf16": initialize() + did_open(SOURCE, UNICODE_TEXT) +
    did_change(SOURCE, 2, [{"range": rng(0, 9, 0, 10), "text": ""}]) + shutdown(2),
    # Positions past the document, backwards ranges, changes to documents never opened.
    "out-of-range": initialize() + did_open(SOURCE, C_TEXT) +
    did_change(SOURCE, 2, [{"range": rng(40, 0, 41, 0), "text": "x"}]) +
    did_change(SOURCE, 3, [{"range": rng(2, 99999, 2, 100000), "text": "y"}]) +
    did_change(SOURCE, 4, [{"range": rng(3, 5, 1, 0), "text": "z"}]) +
    did_change(SOURCE, 5, [{"range": rng(-1, 0, 0, 0), "text": "z"}]) +
    did_change("file:///nowhere.c", 1, [{"text": "int x;"}]) +
    code_action(2, SOURCE, rng(4294967295, 0, 4294967296, 1)) + shutdown(3),
    # Parameters of the wrong shape and type.
    "wrong-types": initialize() +
    notify("textDocument/didOpen", {"textDocument": {"uri": 7, "text": ["int"]}}) +
    notify("textDocument/didOpen", [1, 2]) + notify("textDocument/didChange", None) +
    did_change(SOURCE, "two", [{"range": {"start": 1}, "text": 3}, "text"]) +
    frame({"jsonrpc": "2.0", "id": {"a": 1}, "method": "textDocument/codeAction", "params": "range"}) +
    frame({"jsonrpc": "2.0", "id": None, "method": 5}) +
    did_open("http://example.com/x.c", "int x;") + did_open("file://elsewhere/x.c", "int x;") +
    did_open("file:relative.c", "int x;") + did_open("file:///a%2Fb%00c%ff.c", "int x;") + shutdown(9),
    # Requests before initialize, initialize twice, unknown methods, responses, after shutdown.
    "out-of-order": code_action(1, SOURCE, rng(0, 0, 0, 0)) + did_open(SOURCE, C_TEXT) + initialize() +
    request(3, "initialize", {"capabilities": {}}) + request(4, "textDocument/hover", {"position": pos(0, 0)}) +
    notify("$/cancelRequest", {"id": 4}) + notify("$/setTrace", {"value": "off"}) +
    notify("workspace/didChangeConfiguration", {"settings": {}}) + frame({"jsonrpc": "2.0", "id": 9, "result": None}) +
    request(5, "shutdown") + request(6, "shutdown") + did_open(SOURCE, C_TEXT) + notify("exit") +
    did_open(SOURCE, C_TEXT),
    # Frames the server skips or cannot decode, between good ones.
    "bad-frames": b"\r\n\r\n" + b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" +
    b"Content-Length: many\r\n\r\n" + b"Content-Length: -3\r\n\r\n" + b"content-length:2\n\n{}" +
    initialize() + frame(b'{"jsonrp') + frame(b"[1,2]") + frame(b'"text"') + frame(b"{}") +
    frame(b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"\\ud800"}}}') +
    b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{} " + b"Content-Length: 99999999\r\n\r\n{}",
    # The ruleset opened and saved in the editor: reloaded from its text, good and bad.
    "rules-reload": initialize() + did_open(SOURCE, C_TEXT) + did_open(RULES, RULES_TEXT, language="yaml") +
    notify("textDocument/didSave", {"textDocument": {"uri": RULES}}) +
    did_change(RULES, 2, [{"text": "version: 2\nrules: [\n"}]) +
    notify("textDocument/didSave", {"textDocument": {"uri": RULES}}) +
    notify("textDocument/didSave", {"textDocument": {"uri": RULES}, "text": RULES_TEXT}) + shutdown(2),
    # A file that does not compile, then does.
    "broken-unit": initialize() + did_open(SOURCE, "#error no\n") + did_change(SOURCE, 2, [{"text": C_TEXT}]) +
    notify("textDocument/didClose", {"textDocument": {"uri": SOURCE}}) + shutdown(2),
    # Just one request, and exit without shutdown.
    "initialize-only": request(1, "initialize", {"capabilities": {"general": {"positionEncodings": ["utf-32"]}}}),
    "exit-early": initialize() + did_open(SOURCE, C_TEXT) + notify("exit"),
    # Regressions: inputs that crashed the server, each the smallest that did.
    # A path that is not UTF-8 (%FF) in the log message the client is sent: llvm::json asserted.
    "regress-non-utf8-path": initialize() + did_open("file:///tmp/x%FF.c", "int x;"),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
