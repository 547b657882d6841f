#!/usr/bin/env python3
"""Prints the first fenced code block after the line of DOC that contains MARKER, so tests run what the docs show.

    doc-snippet.py DOC MARKER [--replace OLD=NEW]... [--grep TEXT]

--replace substitutes text (a path the docs leave to the reader); --grep keeps only the lines containing TEXT."""
import argparse
import sys

parser = argparse.ArgumentParser()
parser.add_argument("doc")
parser.add_argument("marker")
parser.add_argument("--replace", action="append", default=[])
parser.add_argument("--grep")
args = parser.parse_args()

with open(args.doc, encoding="utf-8") as f:
    lines = f.read().split("\n")
try:
    start = next(i for i, l in enumerate(lines) if args.marker in l)
    fence = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("```"))
    end = next(i for i in range(fence + 1, len(lines)) if lines[i].startswith("```"))
except StopIteration:
    sys.exit("doc-snippet.py: no code block after '%s' in %s" % (args.marker, args.doc))
block = "\n".join(lines[fence + 1:end]) + "\n"
for r in args.replace:
    old, new = r.split("=", 1)
    if old not in block:
        sys.exit("doc-snippet.py: '%s' is not in the block" % old)
    block = block.replace(old, new)
if args.grep:
    block = "".join(l + "\n" for l in block.split("\n") if args.grep in l)
sys.stdout.write(block)
