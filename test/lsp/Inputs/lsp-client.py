#!/usr/bin/env python3
"""A scripted LSP client for protocol tests: starts the server, plays the steps of a script, prints every message it
receives (one JSON line each, keys sorted) and each published diagnostic in clang's form, for FileCheck.

    lsp-client.py [--prefix P] [--var NAME=VALUE]... [--stderr FILE] [--timeout S] [--no-read] SCRIPT -- SERVER [ARGS...]

The script is the lines of SCRIPT that start with `# P: ` or `// P: ` (P defaults to LSP). In each step, @NAME@ is a
--var (@S@, unless given, the script's directory), @URI(path)@ the file URI of a path and @TEXT(path)@ the file's
contents as a JSON string. Steps:

    initialize [CAPABILITIES]  initialize (with these client capabilities), wait for the answer, then initialized
    open PATH [VERSION]        didOpen of PATH with its contents (language c, or yaml for .yaml; version 1)
    change PATH VERSION JSON   didChange of PATH with these contentChanges
    save PATH                  didSave of PATH
    close-doc PATH             didClose of PATH
    code-action PATH L:C[-L:C] request code actions at a place (1-based, as clang counts) and wait for them
    shutdown                   shutdown, its answer, exit, and the server's end (prints its status)
    request METHOD JSON        send a request (ids count from 1)
    notify METHOD JSON         send a notification
    raw TEXT                   send bytes as they are (Python escapes: \\r\\n)
    wait-response              until the response to the last request
    wait-diagnostics URI [V]   until diagnostics for URI (of version V) are published
    wait METHOD                until a notification METHOD arrives
    quiet MS                   print whatever arrives within MS milliseconds
    apply-edit N PATH OUT      apply the edit of code action N (from the last response) to PATH's text, write OUT
    close                      close the server's stdin (the client goes away)
    wait-exit                  until the server exits; prints its status

Everything the server writes to stdout must be a well-formed frame: anything else fails the run ("protocol
violation"), as do a timeout and a server that dies before wait-exit.
"""
import argparse
import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.parse


def uri_of(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


def fail(message):
    print("FAIL: " + message, flush=True)
    sys.exit(1)


class Reader(threading.Thread):
    """Reads frames from the server's stdout, strictly."""

    def __init__(self, stream, messages):
        super().__init__(daemon=True)
        self.stream = stream
        self.messages = messages

    def run(self):
        try:
            while True:
                headers = {}
                while True:
                    line = self.stream.readline()
                    if not line:
                        if headers:
                            self.messages.put(("violation", "end of output inside a frame's headers"))
                        self.messages.put(("eof", None))
                        return
                    if line == b"\r\n":
                        break
                    m = re.match(rb"^([A-Za-z-]+): (.*)\r\n$", line)
                    if not m:
                        self.messages.put(("violation", "not a header line: %r" % line[:80]))
                        return
                    headers[m.group(1).decode().lower()] = m.group(2).decode()
                if "content-length" not in headers:
                    self.messages.put(("violation", "a frame without Content-Length"))
                    return
                body = self.stream.read(int(headers["content-length"]))
                try:
                    message = json.loads(body.decode("utf-8"))
                except ValueError as e:
                    self.messages.put(("violation", "a frame that is not JSON: %s" % e))
                    return
                self.messages.put(("message", message))
        except Exception as e:  # noqa: BLE001 - report anything as a failure of the run
            self.messages.put(("violation", "reading: %s" % e))


class Client:
    def __init__(self, args):
        self.args = args
        self.vars = dict(v.split("=", 1) for v in args.var)
        self.vars.setdefault("S", os.path.dirname(os.path.abspath(args.script)))
        stderr = open(args.stderr, "wb") if args.stderr else None
        self.proc = subprocess.Popen(args.server, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr)
        self.messages = queue.Queue()
        if args.no_read:
            self.proc.stdout.close()  # a client that is gone: every write of the server's fails (EPIPE)
        else:
            Reader(self.proc.stdout, self.messages).start()
        self.next_id = 1
        self.last_id = None
        self.last_response = None
        self.eof = False

    def expand(self, text):
        for name, value in self.vars.items():
            text = text.replace("@%s@" % name, value)
        text = re.sub(r"@URI\(([^)]*)\)@", lambda m: uri_of(m.group(1)), text)

        def contents(m):
            with open(m.group(1), encoding="utf-8") as f:
                return json.dumps(f.read())
        return re.sub(r"@TEXT\(([^)]*)\)@", contents, text)

    def send(self, message):
        body = json.dumps(message).encode("utf-8")
        self.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def write(self, data):
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except BrokenPipeError:
            if not self.args.no_read:  # with --no-read the server may well have ended already
                fail("the server closed its input")

    def name_of(self, uri):
        path = urllib.parse.unquote(uri[len("file://"):]) if uri.startswith("file://") else uri
        return os.path.basename(path)

    def show(self, message):
        print("<-- " + json.dumps(message, sort_keys=True), flush=True)
        if message.get("method") == "textDocument/publishDiagnostics":
            for d in message["params"]["diagnostics"]:
                level = {1: "error", 2: "warning", 3: "info", 4: "hint"}.get(d.get("severity"), "?")
                start = d["range"]["start"]
                print("diag: %s:%d:%d: %s: %s [%s]" % (self.name_of(message["params"]["uri"]), start["line"] + 1,
                                                      start["character"] + 1, level, d["message"], d.get("code")))
                for r in d.get("relatedInformation", []):
                    p = r["location"]["range"]["start"]
                    print("diag: %s:%d:%d: note: %s" % (self.name_of(r["location"]["uri"]), p["line"] + 1,
                                                       p["character"] + 1, r["message"]))

    def next_message(self, deadline, what):
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                fail("timed out waiting for " + what)
            try:
                kind, value = self.messages.get(timeout=left)
            except queue.Empty:
                fail("timed out waiting for " + what)
            if kind == "violation":
                fail("protocol violation on the server's stdout: " + value)
            if kind == "eof":
                self.eof = True
                fail("the server's output ended while waiting for " + what)
            self.show(value)
            return value

    def wait_for(self, predicate, what):
        deadline = time.monotonic() + self.args.timeout
        while True:
            m = self.next_message(deadline, what)
            if predicate(m):
                return m

    def request(self, method, params):
        self.last_id = self.next_id
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.last_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def notify(self, method, params):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def wait_response(self):
        wanted = self.last_id
        self.last_response = self.wait_for(lambda m: "method" not in m and m.get("id") == wanted,
                                           "the response to request %s" % wanted)

    def step(self, line):
        verb, _, rest = line.partition(" ")
        rest = self.expand(rest.strip())
        if verb == "initialize":
            caps = json.loads(rest) if rest else {}
            self.request("initialize", {"processId": None, "rootUri": None, "capabilities": caps})
            self.wait_response()
            self.notify("initialized", {})
        elif verb == "open":
            parts = rest.split()
            with open(parts[0], encoding="utf-8") as f:
                text = f.read()
            language = {".yaml": "yaml", ".yml": "yaml"}.get(os.path.splitext(parts[0])[1], "c")
            self.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri_of(parts[0]), "languageId": language, "version": int(parts[1]) if len(parts) > 1 else 1,
                "text": text}})
        elif verb == "change":
            path, version, changes = rest.split(" ", 2)
            self.notify("textDocument/didChange", {"textDocument": {"uri": uri_of(path), "version": int(version)},
                                                   "contentChanges": json.loads(changes)})
        elif verb == "save":
            self.notify("textDocument/didSave", {"textDocument": {"uri": uri_of(rest)}})
        elif verb == "close-doc":
            self.notify("textDocument/didClose", {"textDocument": {"uri": uri_of(rest)}})
        elif verb == "code-action":
            path, where = rest.split()
            ends = [tuple(int(n) - 1 for n in p.split(":")) for p in where.split("-")]
            start, end = ends[0], ends[-1]
            self.request("textDocument/codeAction", {
                "textDocument": {"uri": uri_of(path)},
                "range": {"start": {"line": start[0], "character": start[1]},
                          "end": {"line": end[0], "character": end[1]}},
                "context": {"diagnostics": []}})
            self.wait_response()
        elif verb == "shutdown":
            self.request("shutdown", None)
            self.wait_response()
            self.notify("exit", None)
            self.step("wait-exit")
        elif verb == "request":
            method, _, params = rest.partition(" ")
            self.last_id = self.next_id
            self.next_id += 1
            message = {"jsonrpc": "2.0", "id": self.last_id, "method": method}
            if params:
                message["params"] = json.loads(params)
            self.send(message)
        elif verb == "notify":
            method, _, params = rest.partition(" ")
            message = {"jsonrpc": "2.0", "method": method}
            if params:
                message["params"] = json.loads(params)
            self.send(message)
        elif verb == "raw":
            self.write(rest.encode("utf-8").decode("unicode_escape").encode("latin-1"))
        elif verb == "wait-response":
            wanted = self.last_id
            self.last_response = self.wait_for(lambda m: "method" not in m and m.get("id") == wanted,
                                               "the response to request %s" % wanted)
        elif verb == "wait-diagnostics":
            parts = rest.split()
            uri = parts[0]
            version = int(parts[1]) if len(parts) > 1 else None
            self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics" and
                          m["params"]["uri"] == uri and (version is None or m["params"].get("version") == version),
                          "diagnostics for %s%s" % (uri, "" if version is None else " version %d" % version))
        elif verb == "wait":
            self.wait_for(lambda m: m.get("method") == rest, rest)
        elif verb == "quiet":
            deadline = time.monotonic() + int(rest) / 1000.0
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                try:
                    kind, value = self.messages.get(timeout=left)
                except queue.Empty:
                    break
                if kind == "violation":
                    fail("protocol violation on the server's stdout: " + value)
                if kind == "eof":
                    self.eof = True
                    break
                self.show(value)
        elif verb == "apply-edit":
            index, path, out = rest.split()
            actions = (self.last_response or {}).get("result") or []
            if int(index) >= len(actions):
                fail("no code action %s in the last response" % index)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            edits = actions[int(index)]["edit"]["changes"].get(uri_of(path), [])
            lines = text.split("\n")

            def offset(pos):  # UTF-16 positions, as the server speaks by default
                line = lines[pos["line"]]
                units, i = 0, 0
                while i < len(line) and units < pos["character"]:
                    units += 2 if ord(line[i]) > 0xFFFF else 1
                    i += 1
                return sum(len(lines[k]) + 1 for k in range(pos["line"])) + i
            for e in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
                text = text[:offset(e["range"]["start"])] + e["newText"] + text[offset(e["range"]["end"]):]
            with open(out, "w", encoding="utf-8") as f:
                f.write(text)
            print("applied %d edit(s) to %s" % (len(edits), os.path.basename(path)), flush=True)
        elif verb == "close":
            try:
                self.proc.stdin.close()
            except BrokenPipeError:
                pass

        elif verb == "wait-exit":
            deadline = time.monotonic() + self.args.timeout
            # Drain what is left, then the process.
            while not self.eof and not self.args.no_read:
                left = deadline - time.monotonic()
                try:
                    kind, value = self.messages.get(timeout=max(left, 0.01))
                except queue.Empty:
                    fail("timed out waiting for the server to exit")
                if kind == "violation":
                    fail("protocol violation on the server's stdout: " + value)
                if kind == "eof":
                    break
                self.show(value)
            try:
                status = self.proc.wait(timeout=max(deadline - time.monotonic(), 0.01))
            except subprocess.TimeoutExpired:
                self.proc.kill()
                fail("timed out waiting for the server to exit")
            print("exit %d" % status, flush=True)
        else:
            fail("unknown step: " + line)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prefix", default="LSP")
    parser.add_argument("--var", action="append", default=[])
    parser.add_argument("--stderr")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--no-read", action="store_true", help="never read the server's output (close it at once)")
    parser.add_argument("script")
    parser.add_argument("server", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if args.server and args.server[0] == "--":
        args.server = args.server[1:]
    if not args.server:
        parser.error("no server command after --")
    marker = re.compile(r"^\s*(?:#|//)\s*%s:\s?(.*)$" % re.escape(args.prefix))
    with open(args.script, encoding="utf-8") as f:
        steps = [m.group(1) for m in map(marker.match, f) if m]
    client = Client(args)
    for s in steps:
        client.step(s)
    if client.proc.poll() is None:
        client.proc.kill()
        client.proc.wait()
    elif client.proc.returncode < 0:
        fail("the server died of signal %d" % -client.proc.returncode)


if __name__ == "__main__":
    main()
