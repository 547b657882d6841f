#!/usr/bin/env python3
"""`mmio-audit kbuild` as Kbuild's source checker against sparse, the checker kernel developers already run that way:
`make C=2 CHECK=...` over the same objects of Debian's 6.12 configured for Hyper-V and built with GCC, alternating,
medians. `CHECK=true` is the baseline of Kbuild visiting the objects with a checker that does nothing; each
checker's cost is its run minus that one. GCC's own compile of the same objects is given for scale.

Usage: bench/kbuild-check.py [--runs N] [--cli build/bin/mmio-audit] [--cache build/kernel-cache]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys

import measure
import results

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The Hyper-V objects (the four that call the allocator among them) and drivers/pci/, whose units mostly do not.
TARGETS = ["drivers/hv/", "drivers/pci/", "drivers/video/fbdev/hyperv_fb.o", "drivers/gpu/drm/hyperv/"]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--cli", default=os.path.join(ROOT, "build", "bin", "mmio-audit"))
    p.add_argument("--cache", default=os.path.join(ROOT, "build", "kernel-cache"))
    p.add_argument("--results", default=os.path.join(ROOT, "bench", "RESULTS.md"))
    a = p.parse_args()
    if not shutil.which("sparse"):
        sys.exit("kbuild-check.py: sparse is the baseline: apt-get install sparse")
    out = subprocess.run([os.path.join(ROOT, "tools", "kernel", "prepare-tree.sh"), "--cache", a.cache, "--cc", "gcc",
                          "--no-select", "linux-source-6.12"], stdout=subprocess.PIPE, check=True)
    src, build = out.stdout.decode().split()[-2:]
    make = ["make", "-C", src, "O=" + build, "-s", "-j", str(os.cpu_count())]
    # Built once, so every run below visits the same objects with nothing to compile.
    measure.timed(make + TARGETS)
    units = sum(1 for d, _, fs in os.walk(build) for f in fs
                if f.endswith(".o.cmd") and any(os.path.join(build, t).rstrip("/") in os.path.join(d, f)
                                                for t in TARGETS))

    checkers = {"none (CHECK=true)": "true", "sparse": "sparse", "mmio-audit kbuild": a.cli + " kbuild"}
    times = {name: [] for name in checkers}
    compile_times = []
    for _ in range(a.runs):
        for name, check in checkers.items():
            times[name].append(measure.timed(make + ["C=2", "CHECK=" + check] + TARGETS, ok=(0, 2))[:2])
        # GCC's compile of the same objects: removed, then rebuilt (no checker).
        for d, _, fs in os.walk(os.path.join(build, "drivers")):
            for f in fs:
                path = os.path.join(d, f)
                if f.endswith(".o") and any(os.path.join(build, t).rstrip("/") in path for t in TARGETS):
                    os.remove(path)
        compile_times.append(measure.timed(make + TARGETS)[:2])

    def med(vals, i):
        return statistics.median(v[i] for v in vals)

    base_wall, base_cpu = med(times["none (CHECK=true)"], 0), med(times["none (CHECK=true)"], 1)
    sparse_wall = med(times["sparse"], 0) - base_wall
    sparse_cpu = med(times["sparse"], 1) - base_cpu
    lines = ["## Kbuild's checker hook against sparse (`bench/kbuild-check.py`)", "",
             "Written on %s: %s; %d runs each, alternating, medians; `make -j %d`." % (
                 results.stamp(), results.machine(), a.runs, os.cpu_count()), "",
             "linux-source-6.12 configured for Hyper-V, built with GCC (x86_64): `make C=2` over %s, %d units." % (
                 ", ".join(TARGETS), units), "",
             "| checker | wall s | CPU s | checker's own wall s | checker's own CPU s | CPU ratio to sparse |",
             "| --- | --- | --- | --- | --- | --- |"]
    for name in checkers:
        wall, cpu = med(times[name], 0), med(times[name], 1)
        own_wall, own_cpu = wall - base_wall, cpu - base_cpu
        ratio = "%.2f" % (own_cpu / sparse_cpu) if name != "none (CHECK=true)" and sparse_cpu > 0 else ""
        lines.append("| %s | %.2f | %.2f | %.2f | %.2f | %s |" % (name, wall, cpu, own_wall, own_cpu, ratio))
    lines += ["", "GCC's compile of the same objects, for scale: %.2f s wall, %.2f s CPU." % (
        med(compile_times, 0), med(compile_times, 1))]
    results.write_section(a.results, "kbuild-check", lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
