#!/usr/bin/env python3
"""Writes DIR/compile_commands.json compiling each FILE (relative to DIR) against the kernel-like stub headers, as a
kernel build's database would: "directory" DIR, "arguments" with -c and -o.

    make-project.py --include INC [--gcc] [--name NAME] DIR FILE...

--gcc records the commands as a GCC kernel build does (gcc, with GCC-only flags clang rejects). --name writes the
database under another name (to leave none where a test wants none)."""
import argparse
import json
import os

parser = argparse.ArgumentParser()
parser.add_argument("--include", required=True)
parser.add_argument("--gcc", action="store_true")
parser.add_argument("--name", default="compile_commands.json")
parser.add_argument("directory")
parser.add_argument("files", nargs="+")
args = parser.parse_args()

directory = os.path.abspath(args.directory)
entries = []
for f in args.files:
    compiler = ["gcc", "-fconserve-stack", "-mrecord-mcount", "-fno-allow-store-data-races"] if args.gcc else \
        ["clang", "-target", "x86_64-linux-gnu"]
    entries.append({
        "directory": directory,
        "file": f,
        "arguments": compiler + ["-nostdinc", "-isystem", args.include, "-c", f, "-o",
                                 os.path.splitext(f)[0] + ".o"],
    })
os.makedirs(directory, exist_ok=True)
with open(os.path.join(directory, args.name), "w") as out:
    json.dump(entries, out, indent=1)
