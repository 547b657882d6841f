#!/usr/bin/env python3
"""Selects the units of a prepared kernel tree both ways and prints what each chose, as JSON.

The scan (`--selection=scan`, the default) against full preprocessing (`--selection=preprocess`), each run as
tools/kernel/prepare-tree.sh runs it: a first pass over the whole configuration's database, Kbuild then builds the
objects of the units that did not preprocess (they need files it generates while building), and a second pass
over the first one's choice decides those on their real contents.

Usage: tools/kernel/compare-selection.py [--arch x86_64|arm64] [--cli PATH] [-j N] SRC_DIR BUILD_DIR
Prints {"scan": [files], "preprocess": [files], "scan_seconds": s, "preprocess_seconds": s, "units": n}, files
relative to SRC_DIR, sorted; the seconds are the first passes' wall time (the builds and second passes are shared
work, not the selection's).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
p.add_argument("--arch", default="x86_64", choices=["x86_64", "arm64"])
p.add_argument("--cli", default=os.path.join(os.path.dirname(__file__), "..", "..", "build", "bin", "mmio-audit"))
p.add_argument("-j", type=int, default=os.cpu_count())
p.add_argument("src")
p.add_argument("out")
a = p.parse_args()
a.src, a.out = os.path.abspath(a.src), os.path.abspath(a.out)  # make runs in the source tree
database = os.path.join(a.out, "compile_commands.json")


def files(db):
    with open(db) as f:
        return sorted(os.path.relpath(os.path.join(e["directory"], e["file"]), a.src) for e in json.load(f))


def objects(db):
    with open(db) as f:
        return [e["arguments"][e["arguments"].index("-o") + 1] for e in json.load(f) if "-o" in e.get("arguments", [])]


def select(mode, tmp):
    first, second = os.path.join(tmp, mode + "-1.json"), os.path.join(tmp, mode + "-2.json")
    start = time.monotonic()
    subprocess.run([a.cli, "-p", database, "--selection=" + mode, "--write-candidates=" + first, "--quiet",
                    "-j", str(a.j)], check=False)
    seconds = time.monotonic() - start
    if not os.path.exists(first):
        sys.exit("compare-selection.py: %s selection wrote nothing" % mode)
    built = objects(first)
    if built:
        subprocess.run(["make", "-C", a.src, "O=" + a.out, "LLVM=-19", "ARCH=" + a.arch.replace("x86_64", "x86"),
                        "-s", "-k", "-j", str(a.j)] + built, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run([a.cli, "-p", first, "--selection=" + mode, "--write-candidates=" + second, "--quiet",
                    "-j", str(a.j)], check=False)
    return files(second), seconds


with tempfile.TemporaryDirectory() as tmp:
    scan, scan_seconds = select("scan", tmp)
    pre, pre_seconds = select("preprocess", tmp)
json.dump({"scan": scan, "preprocess": pre, "scan_seconds": round(scan_seconds, 2),
           "preprocess_seconds": round(pre_seconds, 2), "units": len(files(database))}, sys.stdout)
print()
