#!/usr/bin/env python3
"""make-db.py DIR [--command] [--compiler CC]: writes DIR/compile_commands.json compiling every .c file of DIR
against the kernel-like stub headers (test/Inputs/include) and DIR/include, as a kernel build would record them:
absolute "directory", relative "file", "arguments" (or one "command" string with --command)."""
import argparse
import glob
import json
import os
import shlex

here = os.path.dirname(os.path.abspath(__file__))
stubs = os.path.normpath(os.path.join(here, "..", "..", "Inputs", "include"))
p = argparse.ArgumentParser()
p.add_argument("dir")
p.add_argument("--command", action="store_true")
p.add_argument("--compiler", default="gcc", help="the compiler command, shell-quoted (\"ccache gcc\")")
a = p.parse_args()
directory = os.path.abspath(a.dir)
entries = []
for path in sorted(glob.glob(os.path.join(directory, "*.c"))):
    f = os.path.basename(path)
    args = shlex.split(a.compiler) + ["-nostdinc", "-isystem", stubs, "-Iinclude", "--target=x86_64-linux-gnu", "-O2",
            "-Wp,-MMD,.%s.d" % f[:-2], "-c", "-o", f[:-2] + ".o", f]
    e = {"directory": directory, "file": f}
    if a.command:
        e["command"] = shlex.join(args)
    else:
        e["arguments"] = args
    entries.append(e)
with open(os.path.join(directory, "compile_commands.json"), "w") as out:
    json.dump(entries, out, indent=2)
