#!/usr/bin/env python3
"""Reduces clang-style output (the plugin's, clang-tidy's, the CLI's text report) to its diagnostic lines, so that the
front ends can be compared line for line: FILE:LINE:COL: LEVEL: MESSAGE with FILE reduced to its base name, and the
check name clang-tidy appends ([mmio-audit-rules], [clang-diagnostic-error], ...) removed. Source lines, carets,
fix-it lines and summaries are dropped. Each warning or error keeps its notes; diagnostics are put in order of place
and then message (clang-tidy orders two at the same place by message, the compiler by when they were reported). A
last line counts the lines kept."""
import os
import re
import sys

located = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<level>warning|error|note|remark): (?P<msg>.*)$")
bare = re.compile(r"^(?P<level>warning|error|note): (?P<msg>.*)$")
tidy_check = re.compile(r" \[(mmio-audit-[a-z-]+|clang-diagnostic-[a-z0-9-]+)(,-warnings-as-errors)?\]$")

groups = []  # [(sort key, [lines])]
for raw in sys.stdin:
    line = raw.rstrip("\n")
    m = located.match(line)
    if m:
        msg = tidy_check.sub("", m.group("msg"))
        text = "%s:%s:%s: %s: %s" % (os.path.basename(m.group("file")), m.group("line"), m.group("col"),
                                     m.group("level"), msg)
        key = (os.path.basename(m.group("file")), int(m.group("line")), int(m.group("col")), msg)
        level = m.group("level")
    else:
        m = bare.match(line)
        if not m:
            continue
        level = m.group("level")
        text = "%s: %s" % (level, tidy_check.sub("", m.group("msg")))
        key = ("", 0, 0, text)
    if level == "note" and groups:
        groups[-1][1].append(text)
    else:
        groups.append((key, [text]))

count = 0
for _, lines in sorted(groups, key=lambda g: g[0]):
    for text in lines:
        print(text)
        count += 1
print("-- %d diagnostic lines" % count)
