#!/usr/bin/env python3
"""html-layout.py REPORT.html SCREENSHOT.png [WIDTH]: opens the report in headless Chromium in a WIDTH-pixel window
(default 1400), as a reader would, saves a screenshot, and prints where the matrix's verdict columns end up: how
many there are, the viewport's width, the rightmost verdict cell's right edge, and whether every verdict cell lies
within the window (no horizontal scrolling needed to read a verdict). The page itself runs no script; the
measurement runs in a copy with one script added."""
import html.parser
import os
import shutil
import subprocess
import sys
import tempfile

MEASURE = """<script>
window.addEventListener('load', function () {
  var cells = document.querySelectorAll('table.matrix td.v, table.matrix thead th:nth-child(n+4)');
  var right = 0, left = 1e9;
  cells.forEach(function (c) { var r = c.getBoundingClientRect(); right = Math.max(right, r.right); left = Math.min(left, r.left); });
  var columns = document.querySelectorAll('table.matrix thead th').length - 3;
  var out = document.createElement('pre');
  out.id = 'layout';
  out.textContent = 'viewport ' + window.innerWidth + '\\ncolumns ' + columns + '\\nright ' + Math.round(right) +
      '\\nvisible ' + (cells.length > 0 && left >= 0 && right <= window.innerWidth ? 'yes' : 'no');
  document.body.appendChild(out);
});
</script>"""


class Layout(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside = False
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.inside = self.inside or (tag == "pre" and ("id", "layout") in attrs)

    def handle_endtag(self, tag):
        if tag == "pre":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.text += data


def main():
    report, screenshot = sys.argv[1], sys.argv[2]
    width = int(sys.argv[3]) if len(sys.argv) > 3 else 1400
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        sys.exit("html-layout.py: no chromium on PATH")
    with open(report) as f:
        page = f.read()
    with tempfile.TemporaryDirectory() as tmp:
        probe = os.path.join(tmp, "probe.html")
        with open(probe, "w") as f:
            f.write(page.replace("</body>", MEASURE + "</body>"))
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + tmp,
                 "--window-size=%d,900" % width]
        subprocess.run([browser] + flags + ["--screenshot=" + os.path.abspath(screenshot), "file://" + report],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, check=True)
        dom = subprocess.run([browser] + flags + ["--dump-dom", "file://" + probe], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, timeout=120, check=True).stdout.decode()
    parser = Layout()
    parser.feed(dom)
    if not parser.text:
        sys.exit("html-layout.py: the page did not report its layout")
    print(parser.text)
    print("screenshot %s" % ("written" if os.path.getsize(screenshot) > 0 else "empty"))


if __name__ == "__main__":
    main()
