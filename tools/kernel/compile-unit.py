#!/usr/bin/env python3
"""Re-runs Kbuild's own compile command for one translation unit of a prepared kernel tree, as -fsyntax-only.

Usage: tools/kernel/compile-unit.py SRC_DIR BUILD_DIR UNIT [--source FILE] [--print] [-- EXTRA_CLANG_ARGS...]
  UNIT     the unit's path in the tree, e.g. drivers/pci/controller/pci-hyperv.c
  --source compile FILE in the unit's place, with the unit's flags (a patched copy, say)
  --print  print the command as a JSON list instead of running it
The unit's object must have been built once (its .cmd file holds the command). Exit status is clang's.
"""
import json
import os
import shlex
import subprocess
import sys


def kbuild_command(build_dir, unit):
    obj = unit[:-2] + ".o"
    cmd_file = os.path.join(build_dir, os.path.dirname(obj), "." + os.path.basename(obj) + ".cmd")
    try:
        with open(cmd_file) as f:
            line = f.readline()
    except OSError as e:
        sys.exit("compile-unit.py: %s: %s (build %s once first)" % (cmd_file, e.strerror, obj))
    if ":=" not in line:
        sys.exit("compile-unit.py: %s:1: not a Kbuild command file" % cmd_file)
    words, result, skip = shlex.split(line.split(":=", 1)[1]), [], False
    # Older trees chain objtool after the compiler (`...; ./tools/objtool/objtool ...`): keep the compile only.
    if ";" in words:
        words = words[:words.index(";")]
    for w in words:
        if skip:
            skip = False
        elif w == "-o":
            skip = True
        elif w == "-c" or w.startswith("-Wp,-MMD") or w.startswith("-Wp,-MD"):
            pass
        else:
            result.append(w)
    return result + ["-fsyntax-only"]


def main(argv):
    extra = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    show = "--print" in argv
    if show:
        argv.remove("--print")
    source = None
    if "--source" in argv:
        i = argv.index("--source")
        source = os.path.abspath(argv[i + 1])
        del argv[i:i + 2]
    if len(argv) != 3:
        sys.exit(__doc__)
    src_dir, build_dir, unit = argv
    cmd = kbuild_command(build_dir, unit)
    original = os.path.join(src_dir, unit)
    if source:
        cmd = [source if os.path.abspath(w) == os.path.abspath(original) else w for w in cmd]
    if show:
        print(json.dumps(cmd + extra))
        return 0
    env = None
    if os.environ.get("MMIO_CLANG_PRELOAD"):
        # A sanitizer build of the plugin needs its runtime in the (uninstrumented) compiler.
        env = dict(os.environ, LD_PRELOAD=os.environ["MMIO_CLANG_PRELOAD"],
                   ASAN_OPTIONS="detect_leaks=0:halt_on_error=1", UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1")
    return subprocess.call(cmd + extra, cwd=build_dir, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
