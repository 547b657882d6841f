"""line-of.py FILE TEXT: prints "line N", N the number of the one line of FILE that contains TEXT, for tests over real
kernel sources to derive a call's line from the tree rather than hard-code it (a new Debian upload moves it). Fails
when no line or more than one contains TEXT: the test's marker no longer picks the call it means."""
import sys

path, text = sys.argv[1], sys.argv[2]
with open(path, errors="replace") as f:
    lines = [n for n, line in enumerate(f, 1) if text in line]
if len(lines) != 1:
    sys.exit("line-of.py: %d lines of %s contain %r, expected one" % (len(lines), path, text))
print("line %d" % lines[0])
