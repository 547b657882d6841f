#!/usr/bin/env python3
"""Writes the compilation database of a configured, prepared kernel build without building it.

Usage: tools/kernel/compile-db.py [--arch x86_64|arm64] SRC_DIR BUILD_DIR OUTPUT

Every C unit Kbuild would compile for the configuration (vmlinux and modules), with Kbuild's own command line:
objects not built yet come from `make -n` (on every core, each line printed whole; Kbuild prints each command and the copy it saves for fixdep), objects
already built from their `.o.cmd` files. Host programs and assembly are left out: they cannot call a kernel
allocator. Takes a few seconds on a whole tree, where building it would take an hour.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys

# Kbuild's dry run: `scripts/basic/fixdep DEP TARGET 'COMMAND' > .TARGET.cmd`, with quotes in COMMAND as '\''.
FIXDEP = re.compile(r"scripts/basic/fixdep \S+ (\S+) '((?:[^']|'\\'')*)'")


def compile_words(command):
    """The compiler's words of a saved command; None for anything but a kernel C compile."""
    words = shlex.split(command)
    if ";" in words:  # older trees chain objtool after the compiler
        words = words[:words.index(";")]
    if "-c" not in words or "-nostdinc" not in words or not words[-1].endswith(".c"):
        return None
    return words


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--arch", default="x86_64", choices=["x86_64", "arm64"])
    p.add_argument("--cc", default="clang", choices=["clang", "gcc"], help="the toolchain the tree is configured for")
    p.add_argument("src")
    p.add_argument("build")
    p.add_argument("output")
    a = p.parse_args()
    src, build = os.path.abspath(a.src), os.path.abspath(a.build)
    toolchain = ["LLVM=-19"] if a.cc == "clang" else (["CROSS_COMPILE=aarch64-linux-gnu-"] if a.arch == "arm64" else [])
    make = ["make", "-C", src, "O=" + build] + toolchain + ["ARCH=" + ("x86" if a.arch == "x86_64" else "arm64"),
                                                           "-n", "-k", "-j%d" % (os.cpu_count() or 1), "-Orecurse",
                                                           "vmlinux", "modules"]
    dry = subprocess.run(make, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    commands = {}
    for target, command in FIXDEP.findall(dry.stdout):
        words = compile_words(command.replace("'\\''", "'"))
        if words:
            commands[target] = words
    if not commands:
        tail = "\n".join(dry.stderr.strip().splitlines()[-5:])
        sys.exit("compile-db.py: `make -n` in %s listed no C unit (is the tree configured and prepared?)\n%s"
                 % (build, tail))
    for directory, _, files in os.walk(build):
        for name in files:
            if not (name.startswith(".") and name.endswith(".o.cmd")):
                continue
            target = os.path.relpath(os.path.join(directory, name[1:-4]), build)
            if target in commands:
                continue
            with open(os.path.join(directory, name)) as f:
                line = f.readline()
            if ":=" in line:
                words = compile_words(line.split(":=", 1)[1])
                if words:
                    commands[target] = words
    entries = [{"directory": build, "file": words[-1], "arguments": words} for _, words in sorted(commands.items())]
    tmp = a.output + ".partial"
    with open(tmp, "w") as out:
        json.dump(entries, out, indent=1)
    os.replace(tmp, a.output)
    print("compile-db.py: %d C units in %s" % (len(entries), a.output), file=sys.stderr)


if __name__ == "__main__":
    main()
