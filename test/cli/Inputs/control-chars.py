"""control-chars.py text|json FILE: prints how many control characters (C0 but tab and line feed, DEL) FILE holds:
as bytes for text, or in the strings of the decoded JSON document (where JSON's \\u001b escapes count as raw)."""
import json
import sys


def controls(s):
    return sum((ord(c) < 32 and c not in "\t\n") or ord(c) == 127 for c in s)


def walk(o):
    if isinstance(o, str):
        return controls(o)
    if isinstance(o, dict):
        return sum(walk(k) + walk(v) for k, v in o.items())
    if isinstance(o, list):
        return sum(walk(v) for v in o)
    return 0


kind, path = sys.argv[1:]
if kind == "text":
    print(controls(open(path, "rb").read().decode("utf-8", errors="replace")))
else:
    print(walk(json.load(open(path))))
