#!/usr/bin/env python3
"""html-matrix.py FILE: checks that an HTML report stands alone (no script, no external stylesheet, image or link
outside the page, tags balanced) and prints its matrix, one tree a line: `LABEL: CLASS CLASS ...` (each cell's
verdict class), then each call table's row count: `calls LABEL: N`. Exits 1 on a problem, saying which."""
import sys
from html.parser import HTMLParser

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "source", "wbr"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.problems, self.matrix, self.calls = [], [], [], {}
        self.in_matrix = self.in_calls = False
        self.row, self.section, self.heading, self.text = None, None, False, ""
        self.has_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.problems.append("a <script>")
        if tag == "link":
            self.problems.append("a <link> (external resource)")
        for key in ("src", "href"):
            if key in a and not a[key].startswith("#"):
                self.problems.append("%s=%r points outside the page" % (key, a[key]))
        if tag == "style":
            self.has_style = True
        if tag == "section":
            self.section = a.get("id")
        if tag == "h2" and self.section:
            self.heading, self.text = True, ""
        if tag == "table":
            self.in_matrix = "matrix" in a.get("class", "")
            self.in_calls = "calls" in a.get("class", "")
        if tag == "tr":
            self.row = []
        if tag == "td" and self.in_matrix and self.row is not None:
            self.row.append(a.get("class", "").replace("v ", ""))
        if tag == "th" and self.in_matrix and self.row is not None and not self.row:
            self.text = ""
            self.row.append(None)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else "nothing"))
            return
        self.stack.pop()
        if tag == "h2" and self.heading:
            self.heading = False
            self.label = self.text.strip()
            self.calls.setdefault(self.label, 0)
        if tag == "th" and self.in_matrix and self.row == [None]:
            self.row = [self.text.strip()]
        if tag == "tr":
            if self.in_matrix and self.row and self.row[0] is not None and len(self.row) > 1:
                self.matrix.append(self.row)
            if self.in_calls and self.section:
                self.calls[self.label] = self.calls.get(self.label, 0) + 1
            self.row = None
        if tag == "table":
            self.in_matrix = self.in_calls = False

    def handle_data(self, data):
        self.text += data


p = Page()
with open(sys.argv[1], encoding="utf-8") as f:
    text = f.read()
if not text.lstrip().lower().startswith("<!doctype html>"):
    p.problems.append("no <!DOCTYPE html>")
p.feed(text)
p.close()
if p.stack:
    p.problems.append("unclosed: %s" % p.stack)
if not p.has_style:
    p.problems.append("no inline <style>")
if p.problems:
    for x in p.problems:
        print("html-matrix.py: %s" % x, file=sys.stderr)
    sys.exit(1)
for row in p.matrix:
    # label, source, patches, then one cell per rule
    print("%s: %s" % (row[0], " ".join(row[3:])))
for label, n in p.calls.items():
    print("calls %s: %d" % (label, n - 1 if n else 0))
