#!/usr/bin/env python3
"""db-files.py DB ROOT: the files of compilation database DB, relative to ROOT, sorted, one a line."""
import json
import os
import sys

with open(sys.argv[1]) as f:
    entries = json.load(f)
for name in sorted(os.path.relpath(os.path.join(e["directory"], e["file"]), sys.argv[2]) for e in entries):
    print(name)
