#!/usr/bin/env python3
"""Measures what the mmio-audit plugin adds to a compile, as ratios to plain `clang -fsyntax-only` run side by side.

Inputs are real translation units of a prepared kernel tree (tools/kernel/prepare-tree.sh), compiled with the exact
command Kbuild uses (read from its .cmd file) turned into -fsyntax-only, plus a generated translation unit with many
allocator calls through static helpers and wrappers. Runs alternate between baseline and plugin; the table gives
medians of wall time and peak RSS, and their ratios.

With --instructions, each kernel unit is also run once under callgrind with and without the plugin: instruction
counts do not move with the load of the machine, so they settle a ratio that wall and CPU time, a few per cent noisy
on a shared 2-core machine, cannot (about a minute per run).

Usage: bench/plugin-overhead.py [--runs N] [--source linux-source-6.12] [--plugin build/lib/MmioAudit.so]
                                [--instructions] [--results bench/RESULTS.md]
"""
import argparse
import json
import re
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import results  # noqa: E402
from measure import peak_rss, timed  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL_UNITS = [
    ("drivers/pci/controller/pci-hyperv.c", "the seed bug's file: allocator calls, full analysis"),
    ("drivers/hv/vmbus_drv.c", "defines and exports the allocator: function bodies walked, no call"),
    ("kernel/sched/core.c", "a large file without allocator calls: identifier-table check only"),
]


def instructions(cmd, cwd):
    """Instructions executed by one run, counted by callgrind (deterministic for a given input and binary)."""
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd, cwd=cwd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    m = re.search(rb"Collected : (\d+)", proc.stderr)
    if proc.returncode != 0 or not m:
        sys.exit("bench: callgrind failed on %s:\n%s" % (cmd[-1], proc.stderr.decode()[-2000:]))
    return int(m.group(1))


def kbuild_command(src_dir, out_dir, unit):
    """The compile command Kbuild used for `unit`, as -fsyntax-only (tools/kernel/compile-unit.py reads it)."""
    tool = os.path.join(ROOT, "tools", "kernel", "compile-unit.py")
    out = subprocess.run([sys.executable, tool, src_dir, out_dir, unit, "--print"], stdout=subprocess.PIPE, check=True)
    return json.loads(out.stdout)


def generated_unit(path, calls):
    """A translation unit with `calls` allocator calls: half direct, half through static helpers and wrappers."""
    with open(path, "w") as f:
        f.write('#include "pci-hyperv.h"\n')
        for i in range(calls // 2):
            f.write(
                "static int helper_%d(struct hv_pcibus_device *h, u64 lo)\n"
                "{\n\tu64 hi = -1;\n\tif (lo > SZ_8G)\n\t\thi = lo + SZ_1G;\n"
                "\treturn vmbus_allocate_mmio(&h->mem_config, h->hdev, lo, hi, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);\n}\n"
                "int caller_%d(struct hv_pcibus_device *h, int k)\n"
                "{\n\tu64 lo = SZ_4G;\n\tswitch (k) { case 1: lo = SZ_8G; break; case 2: lo += 0x1000; break; }\n"
                "\tif (vmbus_allocate_mmio(&h->low_mmio_res, h->hdev, 0, SZ_4G - 1, 0x100000, 0x100000, false))\n"
                "\t\treturn -1;\n"
                "\treturn helper_%d(h, lo);\n}\n" % (i, i, i))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--source", default="linux-source-6.12")
    ap.add_argument("--plugin", default=os.path.join(ROOT, "build", "lib", "MmioAudit.so"))
    ap.add_argument("--calls", type=int, default=2000, help="allocator calls in the generated unit")
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "bin", "mmio-audit"))
    ap.add_argument("--results", help="also write this benchmark's section of a results file (bench/RESULTS.md)")
    ap.add_argument("--instructions", action="store_true", help="also count instructions with callgrind")
    args = ap.parse_args()
    if not os.path.exists(args.plugin):
        sys.exit("bench: no plugin at %s: build first (tools/test.sh)" % args.plugin)

    prepared = subprocess.run([os.path.join(ROOT, "tools", "kernel", "prepare-tree.sh"), args.source],
                              stdout=subprocess.PIPE, check=True).stdout.decode().split()
    src, out = prepared[-2], prepared[-1]
    objs = [u[:-2] + ".o" for u, _ in KERNEL_UNITS]
    subprocess.run(["make", "-C", src, "O=" + out, "LLVM=-19", "-s", "-j%d" % os.cpu_count()] + objs,
                   check=True, stdout=subprocess.DEVNULL)

    cases = [(u, why, kbuild_command(src, out, u), out) for u, why in KERNEL_UNITS]
    tmp = tempfile.mkdtemp(prefix="mmio-bench-")
    gen = os.path.join(tmp, "generated.c")
    generated_unit(gen, args.calls)
    stub = ["clang-19", "-target", "x86_64-linux-gnu", "-nostdinc", "-isystem",
            os.path.join(ROOT, "test", "Inputs", "include"), "-fsyntax-only", gen]
    cases.append(("generated.c", "%d allocator calls through helpers" % args.calls, stub, tmp))

    rows = []
    print("mmio-audit plugin overhead: %d runs each, baseline and plugin alternating (medians; CPU = user + system)" % args.runs)
    print("%-38s %9s %9s %7s %9s %9s %7s %9s %9s %7s  %s" % (
        "translation unit", "base cpu", "plug cpu", "ratio", "base wall", "plug wall", "ratio", "base MiB",
        "plug MiB", "ratio", "what"))
    for name, why, cmd, cwd in cases:
        with_plugin = cmd + ["-fplugin=" + args.plugin]
        base, plug = [], []
        for _ in range(args.runs):
            base.append(timed(cmd, cwd)[:2])
            plug.append(timed(with_plugin, cwd)[:2])
        rb, rp = peak_rss(cmd, cwd), peak_rss(with_plugin, cwd)
        cb, cp = statistics.median(b[1] for b in base), statistics.median(p[1] for p in plug)
        wb, wp = statistics.median(b[0] for b in base), statistics.median(p[0] for p in plug)
        print("%-38s %9.3f %9.3f %7.3f %9.3f %9.3f %7.3f %9.1f %9.1f %7.3f  %s" % (
            name, cb, cp, cp / cb, wb, wp, wp / wb, rb, rp, rp / rb, why))
        rows.append(("plugin: " + name, cb, cp, wb, wp, rb, rp, why))

    counts = []
    if args.instructions:
        if not shutil.which("valgrind"):
            sys.exit("bench: --instructions needs valgrind (apt-get install valgrind)")
        for name, why, cmd, cwd in cases[:len(KERNEL_UNITS)]:
            ib, ip = instructions(cmd, cwd), instructions(cmd + ["-fplugin=" + args.plugin], cwd)
            print("%-38s instructions: %d baseline, %d plugin, ratio %.4f" % (name, ib, ip, ip / ib))
            counts.append((name, ib, ip, why))

    cli_row = measure_cli(args, cases[:len(KERNEL_UNITS)], tmp)
    if cli_row:
        rows.append(cli_row)
    if args.results:
        write_results(args.results, args.runs, rows, counts)


def measure_cli(args, kernel_cases, tmp):
    """The CLI over the kernel units (a compilation database of Kbuild's commands) against clang -fsyntax-only run
    over the same units one after the other; -j 1 so both use one core. The CLI's sound prefilter skips the units
    in which no allocator name survives preprocessing (kernel/sched/core.c), as it does on real trees."""
    if not os.path.exists(args.cli):
        print("(no CLI at %s: skipped)" % args.cli)
        return None
    db = [{"directory": cwd, "file": cmd[-2], "arguments": cmd} for _, _, cmd, cwd in kernel_cases]
    db_dir = os.path.join(tmp, "db")
    os.makedirs(db_dir, exist_ok=True)
    with open(os.path.join(db_dir, "compile_commands.json"), "w") as f:
        json.dump(db, f)
    cli = [args.cli, "-p", db_dir, "-j", "1", "--quiet", "-o", os.path.join(tmp, "report.txt")]
    base, tool = [], []
    for _ in range(args.runs):
        start = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        for _, _, cmd, cwd in kernel_cases:
            subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        mid = resource.getrusage(resource.RUSAGE_CHILDREN)
        t1 = time.perf_counter()
        subprocess.run(cli, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        end = resource.getrusage(resource.RUSAGE_CHILDREN)
        t2 = time.perf_counter()
        base.append((t1 - t0, mid.ru_utime + mid.ru_stime - start.ru_utime - start.ru_stime))
        tool.append((t2 - t1, end.ru_utime + end.ru_stime - mid.ru_utime - mid.ru_stime))
    cb, ct = statistics.median(b[1] for b in base), statistics.median(t[1] for t in tool)
    wb, wt = statistics.median(b[0] for b in base), statistics.median(t[0] for t in tool)
    name = "CLI over the %d kernel units" % len(kernel_cases)
    print("%-38s %9.3f %9.3f %7.3f %9.3f %9.3f %7.3f %9s %9s %7s  %s" % (
        name, cb, ct, ct / cb, wb, wt, wt / wb, "", "", "", "mmio-audit -j 1 vs clang -fsyntax-only on each"))
    return (name, cb, ct, wb, wt, float("nan"), float("nan"), "mmio-audit -j 1 vs clang -fsyntax-only on each unit; the CLI preprocesses, and does not parse, units in which no allocator call is possible")


def write_results(path, runs, rows, counts):
    """This benchmark's section of bench/RESULTS.md, with the machine and the date."""
    lines = ["## Plugin and CLI against clang -fsyntax-only (`bench/plugin-overhead.py`)", "",
             "Written on %s: %s; %d runs each, medians, baseline and tool alternating." % (
                 results.stamp(), results.machine(), runs), "",
             "| measurement | baseline CPU s | tool CPU s | CPU ratio | wall ratio | RSS ratio | what |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, cb, ct, wb, wt, rb, rt, why in rows:
        rss = "%.3f" % (rt / rb) if rb == rb and rt == rt else "n/a"
        lines.append("| %s | %.3f | %.3f | %.3f | %.3f | %s | %s |" % (name, cb, ct, ct / cb, wt / wb, rss, why))
    if counts:
        lines += ["", "Instructions executed (callgrind, one run each: the count does not depend on the machine's "
                  "load):", "", "| translation unit | clang -fsyntax-only | with the plugin | ratio | what |",
                  "| --- | --- | --- | --- | --- |"]
        for name, ib, ip, why in counts:
            lines.append("| %s | %d | %d | %.4f | %s |" % (name, ib, ip, ip / ib, why))
    results.write_section(path, "plugin-overhead", lines)


if __name__ == "__main__":
    main()
