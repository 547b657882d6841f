#!/usr/bin/env python3
"""Writes DIR/compile_commands.json for the files given (relative to DIR), as a kernel build would record them."""
import argparse
import json
import os
import shlex
import sys

p = argparse.ArgumentParser()
p.add_argument("--include", required=True, help="the stub headers (test/Inputs/include)")
p.add_argument("--compiler", default="gcc")
p.add_argument("--flags", default="", help="extra flags, shell-quoted, before the file")
p.add_argument("--no-target", action="store_true", help="leave out --target=x86_64-linux-gnu")
p.add_argument("--command", action="store_true", help="a \"command\" string instead of \"arguments\"")
p.add_argument("--directory", help="the entries' directory (default: DIR)")
p.add_argument("dir")
p.add_argument("files", nargs="*")
a = p.parse_intermixed_args()

directory = os.path.abspath(a.directory or a.dir)
entries = []
for f in a.files:
    args = shlex.split(a.compiler) + ["-nostdinc", "-isystem", a.include]
    if not a.no_target:
        args.append("--target=x86_64-linux-gnu")
    args += shlex.split(a.flags) + ["-c", f, "-o", os.path.splitext(f)[0] + ".o"]
    entry = {"directory": directory, "file": f}
    if a.command:
        entry["command"] = shlex.join(args)
    else:
        entry["arguments"] = args
    entries.append(entry)
with open(os.path.join(a.dir, "compile_commands.json"), "w") as out:
    json.dump(entries, out, indent=2)
