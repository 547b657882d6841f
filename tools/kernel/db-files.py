#!/usr/bin/env python3
"""What a compilation database names, one a line, sorted: its files relative to ROOT, or with --objects the object
each entry writes (its `-o`, relative to the entry's directory: Kbuild targets for a kernel build).

Usage: tools/kernel/db-files.py DB ROOT
       tools/kernel/db-files.py --objects DB
"""
import json
import os
import sys

args = sys.argv[1:]
objects = args[:1] == ["--objects"]
if objects:
    args = args[1:]
if len(args) != (1 if objects else 2):
    sys.exit(__doc__)
with open(args[0]) as f:
    entries = json.load(f)
if objects:
    names = [e["arguments"][e["arguments"].index("-o") + 1] for e in entries if "-o" in e.get("arguments", [])]
else:
    names = [os.path.relpath(os.path.join(e["directory"], e["file"]), args[1]) for e in entries]
for name in sorted(names):
    print(name)
