#!/usr/bin/env python3
"""How the plugin's cost grows with the input: generated translation units with N allocator calls (N doubling up to
10,000), one function with N branches setting N locals no call reads, one function with N calls, and helper chains
D deep (static helpers and exported wrappers). Each size is compiled with plain
`clang -fsyntax-only` and with the plugin, alternating, medians of several runs; the table gives the plugin's extra
time per 1,000 calls (flat when the cost is linear) and peak RSS.

Then the CLI's cross-unit analysis: a database of two units, one exporting N wrappers of the allocator and the other
calling each of them, audited with `--cross-unit` (two passes, the callers' calls checked against N summaries)
against one pass (`--cross-unit=false`); the extra time per 1,000 wrappers is flat when the summaries cost linearly.

Usage: bench/scale.py [--runs N] [--plugin build/lib/MmioAudit.so] [--cli build/bin/mmio-audit]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STUBS = os.path.join(ROOT, "test", "Inputs", "include")


def calls_unit(path, n):
    """n functions, each choosing its bounds on a branch and calling the allocator once; a tenth are config windows
    below 4GB, so findings are produced too."""
    with open(path, "w") as f:
        f.write('#include "pci-hyperv.h"\n')
        for i in range(n):
            low = "0" if i % 10 == 0 else "SZ_4G"
            f.write("int alloc_%d(struct hv_pcibus_device *h, int k)\n{\n\tu64 lo = %s, hi = -1;\n"
                    "\tif (k > %d)\n\t\thi = SZ_8G - 1;\n"
                    "\treturn vmbus_allocate_mmio(&h->mem_config, h->hdev, lo, hi, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);\n}\n"
                    % (i, low, i % 7))


def one_function_unit(path, n, shape):
    """One function of n branches: `unrelated` sets n locals that no call reads (the flow analysis must not carry
    them, or its state grows as locals x blocks); `calls` makes n allocator calls on one local."""
    with open(path, "w") as f:
        f.write('#include "pci-hyperv.h"\nint big(struct hv_pcibus_device *h, int k)\n{\n\tint r = 0;\n\tu64 lo = SZ_4G;\n')
        for i in range(n):
            if shape == "unrelated":
                f.write("\tu64 v%d = 0;\n\tif (k == %d)\n\t\tv%d = %d;\n" % (i, i, i, i))
            else:
                f.write("\tif (k == %d)\n\t\tlo = %s;\n\tr |= vmbus_allocate_mmio(&h->mem_config, h->hdev, lo, -1, "
                        "PCI_CONFIG_MMIO_LENGTH, 0x1000, false);\n" % (i, "0" if i % 10 == 0 else "SZ_4G"))
        f.write("\treturn r | vmbus_allocate_mmio(&h->mem_config, h->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);\n}\n")


def chain_unit(path, depth, exported):
    """A chain of `depth` helpers, each adding to the bound and passing it on, ending in the allocator."""
    storage = "" if exported else "static "
    with open(path, "w") as f:
        f.write('#include "pci-hyperv.h"\n')
        f.write("%sint link_0(struct hv_pcibus_device *h, u64 lo)\n{\n"
                "\treturn vmbus_allocate_mmio(&h->mem_config, h->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);\n}\n"
                % storage)
        for i in range(1, depth + 1):
            f.write("%sint link_%d(struct hv_pcibus_device *h, u64 lo)\n{\n\treturn link_%d(h, lo + 0x1000);\n}\n"
                    % (storage, i, i - 1))
        f.write("int entry(struct hv_pcibus_device *h)\n{\n\treturn link_%d(h, 0);\n}\n" % depth)


def wrappers_database(directory, n, flags):
    """wrappers.c exports n wrappers, each forwarding its parameter to the allocator's min; callers.c calls each,
    a tenth of them with 0 (findings only the second pass can make)."""
    wrappers, callers = os.path.join(directory, "wrappers.c"), os.path.join(directory, "callers.c")
    with open(wrappers, "w") as f:
        f.write('#include "pci-hyperv.h"\n')
        for i in range(n):
            f.write("int wrap_%d(struct hv_pcibus_device *h, u64 lo)\n{\n\treturn vmbus_allocate_mmio(&h->mem_config, "
                    "h->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);\n}\n" % i)
    with open(callers, "w") as f:
        f.write('#include "pci-hyperv.h"\n')
        for i in range(n):
            f.write("int wrap_%d(struct hv_pcibus_device *h, u64 lo);\n" % i)
        f.write("int call_all(struct hv_pcibus_device *h)\n{\n\tint r = 0;\n")
        for i in range(n):
            f.write("\tr |= wrap_%d(h, %s);\n" % (i, "0" if i % 10 == 0 else "SZ_4G"))
        f.write("\treturn r;\n}\n")
    db = os.path.join(directory, "compile_commands.json")
    with open(db, "w") as f:
        json.dump([{"directory": directory, "file": src, "arguments": flags + ["-c", src]}
                   for src in (wrappers, callers)], f)
    return db


def findings(report):
    with open(report) as f:
        return len(json.load(f).get("findings", []))


def measure(cmd):
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    lines = proc.stderr.decode().strip().splitlines()
    if proc.returncode not in (0, 1) or not lines:
        sys.exit("bench: %s failed:\n%s" % (" ".join(cmd[:4]), proc.stderr.decode()[-2000:]))
    return wall, int(lines[-1]) / 1024.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--plugin", default=os.path.join(ROOT, "build", "lib", "MmioAudit.so"))
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "bin", "mmio-audit"))
    args = ap.parse_args()
    if not os.path.exists("/usr/bin/time"):
        sys.exit("bench: needs GNU time (apt-get install time)")
    tmp = tempfile.mkdtemp(prefix="mmio-scale-")
    base = ["clang-19", "-target", "x86_64-linux-gnu", "-nostdinc", "-isystem", STUBS, "-I", os.path.join(ROOT, "test", "Inputs"),
            "-fsyntax-only", "-Wno-everything"]
    cases = []
    for n in (1250, 2500, 5000, 10000):
        path = os.path.join(tmp, "calls-%d.c" % n)
        calls_unit(path, n)
        cases.append(("%d calls" % n, n, path))
    for shape in ("unrelated", "calls"):
        for n in (1000, 2000, 4000, 8000):
            path = os.path.join(tmp, "one-function-%s-%d.c" % (shape, n))
            one_function_unit(path, n, shape)
            cases.append(("one function, %d %s" % (n, "unrelated locals" if shape == "unrelated" else "calls"), n, path))
    for depth in (10, 25, 50):
        for exported in (False, True):
            path = os.path.join(tmp, "chain-%d-%s.c" % (depth, "exported" if exported else "static"))
            chain_unit(path, depth, exported)
            cases.append(("chain %d deep, %s" % (depth, "wrappers" if exported else "static helpers"), depth + 1, path))

    print("mmio-audit scale: %d runs each, baseline and plugin alternating (medians)" % args.runs)
    print("%-34s %9s %9s %11s %14s %9s %9s" % ("input", "base s", "plugin s", "extra s", "extra s/1000", "base MiB",
                                                "plugin MiB"))
    for name, units, path in cases:
        b, p = [], []
        for _ in range(args.runs):
            b.append(measure(base + [path]))
            p.append(measure(base + ["-fplugin=" + args.plugin, path]))
        bw, pw = statistics.median(x[0] for x in b), statistics.median(x[0] for x in p)
        bm, pm = max(x[1] for x in b), max(x[1] for x in p)
        print("%-34s %9.3f %9.3f %11.3f %14.3f %9.1f %9.1f" % (name, bw, pw, pw - bw, (pw - bw) * 1000.0 / units, bm, pm))

    print("\nmmio-audit CLI, two units: N exported wrappers and a caller of each; one pass against --cross-unit")
    print("%-34s %9s %9s %11s %14s %9s %9s" % ("input", "1 pass s", "2 pass s", "extra s", "extra s/1000", "1 pass MiB",
                                                "2 pass MiB"))
    flags = [f for f in base if f != "-fsyntax-only"]
    for n in (1250, 2500, 5000, 10000):
        directory = os.path.join(tmp, "cross-unit-%d" % n)
        os.makedirs(directory)
        db = wrappers_database(directory, n, flags)
        report = os.path.join(directory, "report.json")
        run = [args.cli, "-p", db, "--format", "json", "-o", report, "--quiet"]
        one, two = [], []
        for _ in range(args.runs):
            one.append(measure(run + ["--cross-unit=false"]))
            one_found = findings(report)
            two.append(measure(run))
            two_found = findings(report)
        # A tenth of the callers pass 0: the second pass must find them, or the timing measures nothing.
        if two_found - one_found != n // 10:
            sys.exit("bench: %d wrappers: the two-pass audit found %d findings, one pass %d" % (n, two_found, one_found))
        ow, tw = statistics.median(x[0] for x in one), statistics.median(x[0] for x in two)
        om, tm = max(x[1] for x in one), max(x[1] for x in two)
        print("%-34s %9.3f %9.3f %11.3f %14.3f %9.1f %9.1f" % ("%d wrappers, %d calls" % (n, n), ow, tw, tw - ow,
                                                                (tw - ow) * 1000.0 / n, om, tm))


if __name__ == "__main__":
    main()
