#!/usr/bin/env python3
"""check-json.py FILE EXPR...: loads the JSON document FILE as `r`; every Python expression must be true. Names the
first that is not (and its value's parts) and exits 1. `tree(label)` finds a tree, `call(tree, "file:line")` a call
site, `v(label, rule)` a matrix verdict, `line_of(path, text)` the line of a real source holding `text` (once),
`package_version(name)` an installed Debian package's version."""
import json
import subprocess
import sys

with open(sys.argv[1]) as f:
    r = json.load(f)


def tree(label):
    for t in r["trees"]:
        if t["label"] == label:
            return t
    raise KeyError("no tree labelled %r (trees: %s)" % (label, [t["label"] for t in r["trees"]]))


def call(t, site):
    t = tree(t) if isinstance(t, str) else t
    for c in t["calls"]:
        if "%s:%d" % (c["file"], c["line"]) == site or "%s:%d:%d" % (c["file"], c["line"], c["column"]) == site:
            return c
    raise KeyError("no call at %s in %s (calls: %s)" % (site, t["label"],
                                                        ["%s:%d" % (c["file"], c["line"]) for c in t["calls"]]))


def v(label, rule):
    return tree(label)["verdicts"][rule]["verdict"]


def line_of(path, text):
    with open(path, errors="replace") as f:
        lines = [n for n, line in enumerate(f, 1) if text in line]
    if len(lines) != 1:
        raise ValueError("%d lines of %s contain %r, expected one" % (len(lines), path, text))
    return lines[0]


def package_version(name):
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", name], capture_output=True, text=True).stdout


env = {"r": r, "line_of": line_of, "package_version": package_version, "tree": tree, "call": call, "v": v, "len": len, "sorted": sorted, "set": set, "all": all, "any": any}
for expr in sys.argv[2:]:
    try:
        ok = eval(expr, env)
    except Exception as e:
        print("check-json.py: %s: %s: %s" % (expr, type(e).__name__, e), file=sys.stderr)
        sys.exit(1)
    if not ok:
        print("check-json.py: not true: %s" % expr, file=sys.stderr)
        sys.exit(1)
