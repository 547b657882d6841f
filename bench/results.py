"""bench/RESULTS.md is shared by the benchmark scripts: each one rewrites only its own section, between
`<!-- begin NAME -->` and `<!-- end NAME -->`, with the machine and date it ran on, and leaves the others as they
were measured."""
import os
import platform
import subprocess
import time

HEADER = ["# mmio-audit benchmark results", "",
          "Each section is written by the script it names, on the machine and at the date it gives; ratios are "
          "tool / baseline, run side by side in the same script.", ""]


def machine():
    clang = subprocess.run(["clang-19", "--version"], stdout=subprocess.PIPE).stdout.decode().splitlines()[0]
    return "%s, %d cores, %s; %s" % (platform.platform(), os.cpu_count(), platform.machine(), clang)


def stamp():
    return time.strftime("%Y-%m-%d %H:%M %Z")


def write_section(path, name, lines):
    begin, end = "<!-- begin %s -->" % name, "<!-- end %s -->" % name
    try:
        with open(path) as f:
            text = f.read().splitlines()
    except OSError:
        text = []
    if not text or text[0] != HEADER[0] or not any(l.startswith("<!-- begin ") for l in text):
        text = list(HEADER)  # an older, single-table file: start over
    block = [begin] + lines + [end]
    if begin in text and end in text:
        text = text[:text.index(begin)] + block + text[text.index(end) + 1:]
    else:
        text = text + ([""] if text and text[-1] else []) + block
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(text) + "\n")
    os.replace(tmp, path)
