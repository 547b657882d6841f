#!/usr/bin/env python3
"""A whole-tree audit of a prepared kernel against Coccinelle over the same tree, side by side.

The prepared tree (tools/kernel/prepare-tree.sh) holds the whole configuration's database and the database of the
units that may call an allocator, which the CLI chose from it. Two audits are timed: end to end over the whole
configuration's database (the scan of the tree's text, the prefilter's preprocessing of the units it keeps, the
analysis), as a first run on a tree sees it with nothing of mmio-audit's cached, and over the prepared selection. The
baseline is `spatch` in report mode over the whole source tree with bench/cocci/hyperv-config-window.cocci,
Coccinelle's best rendering of the same rules (its own token prefilter picks the files). Runs alternate; medians of
wall and CPU time, peak RSS. The one-time preparation (the dry-run database) and the selection by preprocessing
every unit (--selection=preprocess) are timed once.

The cross-unit analysis (`--cross-unit`, the default) is timed against one pass (`--cross-unit=false`) end to end:
on the tree as shipped, where the shipped allocator has no exported wrapper to follow, and with one appended to
vmbus_drv.c and called from pci-hyperv.c with min = 0, where a second pass scans the tree for its callers and audits
them (the finding at the caller is checked).

Then exactness: the findings of both on the shipped tree, and on variants of pci-hyperv.c's config-window call that
write the same request differently (a macro below 4GB, a local variable, an off-by-one below SZ_4G), each with the
answer the rule's definition gives.

Usage: bench/whole-tree.py [--runs N] [--source linux-source-6.12] [--cli build/bin/mmio-audit] [--results FILE]
                           [--skip-preparation]
"""
import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import results  # noqa: E402
from measure import peak_rss, timed  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COCCI = os.path.join(ROOT, "bench", "cocci", "hyperv-config-window.cocci")
PCI = "drivers/pci/controller/pci-hyperv.c"
CALL = "ret = vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1,"

VMBUS = "drivers/hv/vmbus_drv.c"
# An exported wrapper that forwards min and size, and a call of it in another unit with min = 0.
WRAPPER = """
int mmio_audit_bench_wrapper(struct resource **new, struct hv_device *device_obj, resource_size_t min,
\t\t\t     resource_size_t size)
{
\treturn vmbus_allocate_mmio(new, device_obj, min, -1, size, 0x1000, false);
}
"""
CALLER = """
int mmio_audit_bench_wrapper(struct resource **new, struct hv_device *device_obj, resource_size_t min,
\t\t\t     resource_size_t size);
int mmio_audit_bench_caller(struct hv_pcibus_device *hbus)
{
\treturn mmio_audit_bench_wrapper(&hbus->mem_config, hbus->hdev, 0, PCI_CONFIG_MMIO_LENGTH);
}
"""


@contextlib.contextmanager
def appended(src, texts):
    """Appends each text to its file of `src` for the block, then puts back the contents and times."""
    saved = {}
    try:
        for rel, text in texts.items():
            path = os.path.join(src, rel)
            with open(path) as f:
                saved[path] = (f.read(), os.stat(path))
            with open(path, "a") as f:
                f.write(text)
        yield
    finally:
        for path, (pristine, st) in saved.items():
            with open(path, "w") as f:
                f.write(pristine)
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


# (name, how the config window's call is rewritten, whether the rules flag it below 4GB by their definition)
VARIANTS = [
    ("as shipped: min = 0", lambda t: t, True),
    ("seed fix: min = SZ_4G", lambda t: t.replace(CALL, CALL.replace(" 0, -1,", " SZ_4G, -1,")), False),
    ("min = SZ_1G (a macro below 4GB)", lambda t: t.replace(CALL, CALL.replace(" 0, -1,", " SZ_1G, -1,")), True),
    ("min = SZ_4G - 1 (off by one)", lambda t: t.replace(CALL, CALL.replace(" 0, -1,", " SZ_4G - 1, -1,")), True),
    ("min in a local set to 0", lambda t: t.replace(
        "static int hv_allocate_config_window(struct hv_pcibus_device *hbus)\n{\n\tint ret;\n",
        "static int hv_allocate_config_window(struct hv_pcibus_device *hbus)\n{\n\tint ret;\n"
        "\tresource_size_t low = 0;\n").replace(CALL, CALL.replace(" 0, -1,", " low, -1,")), True),
]


def spatch_command(target, jobs):
    cmd = ["spatch", "--sp-file", COCCI, "-D", "report", "--very-quiet"]
    if os.path.isdir(target):
        # coccigrep: the unpacked tree may sit inside another git checkout, where spatch's default git grep sees
        # none of its files.
        cmd += ["--dir", target, "--use-coccigrep", "--jobs", str(jobs)]
    else:
        cmd.append(target)
    return cmd


def spatch_findings(output):
    """(file name, line, rule) of the reports; call listings apart."""
    found, calls = set(), set()
    for m in re.finditer(r"^(\S+?):(\d+):\d+-\d+: (.*)$", output, re.M):
        name, line, what = os.path.basename(m.group(1)), int(m.group(2)), m.group(3)
        rule = re.search(r"\[([a-z0-9-]+)\]", what)
        if rule:
            found.add((name, line, rule.group(1)))
        else:
            calls.add((name, line))
    return found, calls


def audit_findings(report_path):
    with open(report_path) as f:
        r = json.load(f)
    return {(os.path.basename(x["file"]), x["line"], x["rule"]) for x in r["findings"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--source", default="linux-source-6.12")
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "bin", "mmio-audit"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--results", help="write this benchmark's section of a results file (bench/RESULTS.md)")
    ap.add_argument("--skip-preparation", action="store_true", help="do not time the one-time preparation")
    a = ap.parse_args()
    for tool in (a.cli, shutil.which("spatch")):
        if not tool or not os.path.exists(tool):
            sys.exit("bench: needs the mmio-audit CLI (%s) and spatch (apt-get install coccinelle)" % a.cli)

    prepared = subprocess.run([os.path.join(ROOT, "tools", "kernel", "prepare-tree.sh"), "--cli", a.cli, a.source],
                              stdout=subprocess.PIPE, check=True).stdout.decode().split()
    src, out = prepared[-2], prepared[-1]
    whole_db = os.path.join(out, "compile_commands.json")
    candidates = os.path.join(out, "mmio-audit", "compile_commands.json")
    with open(whole_db) as f:
        units = len(json.load(f))
    with open(candidates) as f:
        candidate_entries = json.load(f)
    tmp = tempfile.mkdtemp(prefix="mmio-whole-tree-")
    report = os.path.join(tmp, "report.json")
    whole_report = os.path.join(tmp, "whole-report.json")
    audit = [a.cli, "-p", candidates, "-j", str(a.jobs), "--format", "json", "-o", report, "--quiet"]
    # Its findings are checked against the prepared selection's after every timed run: the cache changes no answer.
    end_to_end = [a.cli, "-p", whole_db, "--source-root", src, "-j", str(a.jobs), "--format", "json", "-o",
                  whole_report, "--quiet"]
    spatch = spatch_command(src, a.jobs)
    # --cache-dir, warmed once: a re-run on a tree where nothing changed.
    cache = os.path.join(tmp, "cache")
    cached = end_to_end + ["--cache-dir", cache]
    timed(cached, ok=(0, 1))

    print("whole tree: %s, %d C units, %d candidates; %d runs each, alternating" % (
        a.source, units, len(candidate_entries), a.runs))
    base, whole, tool, warm = [], [], [], []
    for _ in range(a.runs):
        base.append(timed(spatch, ok=(0, 1)))
        whole.append(timed(end_to_end, ok=(0, 1)))
        tool.append(timed(audit, ok=(0, 1)))
        warm.append(timed(cached, ok=(0, 1)))
    # A patch to one file: pci-hyperv.c edited (a new comment each time, so its unit's cached outcome never
    # applies), re-audited from the whole database with the cache, against that one unit analysed alone.
    pci = os.path.join(src, PCI)
    one_unit = [a.cli, "-p", candidates, pci, "--format", "json", "-o", os.path.join(tmp, "one.json"), "--quiet"]
    edited, single = [], []
    with open(pci) as f:
        pristine = f.read()
    times = os.stat(pci)
    try:
        for i in range(a.runs):
            with open(pci, "w") as f:
                f.write(pristine + "/* edited %d */\n" % i)
            edited.append(timed(cached, ok=(0, 1)))
            single.append(timed(one_unit, ok=(0, 1)))
    finally:
        with open(pci, "w") as f:
            f.write(pristine)
        os.utime(pci, ns=(times.st_atime_ns, times.st_mtime_ns))
    if audit_findings(whole_report) != audit_findings(report):
        sys.exit("bench: the cached audit's findings differ from the prepared selection's")
    # Two passes against one, end to end: the tree as shipped, then with a wrapper to follow.
    two_report, one_report = os.path.join(tmp, "two.json"), os.path.join(tmp, "one-pass.json")
    two_pass = [a.cli, "-p", whole_db, "--source-root", src, "-j", str(a.jobs), "--format", "json", "-o", two_report,
                "--quiet"]
    one_pass = [a.cli, "-p", whole_db, "--source-root", src, "-j", str(a.jobs), "--format", "json", "-o", one_report,
                "--quiet", "--cross-unit=false"]
    shipped_two, shipped_one, wrapped_two, wrapped_one = [], [], [], []
    for _ in range(a.runs):
        shipped_two.append(timed(two_pass, ok=(0, 1)))
        shipped_one.append(timed(one_pass, ok=(0, 1)))
    if audit_findings(two_report) != audit_findings(one_report):
        sys.exit("bench: the cross-unit audit of the shipped tree found %s, one pass %s" % (
            sorted(audit_findings(two_report)), sorted(audit_findings(one_report))))
    rss_two_shipped, rss_one_shipped = peak_rss(two_pass), peak_rss(one_pass)
    with appended(src, {VMBUS: WRAPPER, PCI: CALLER}):
        for _ in range(a.runs):
            wrapped_two.append(timed(two_pass, ok=(0, 1)))
            wrapped_one.append(timed(one_pass, ok=(0, 1)))
        extra = audit_findings(two_report) - audit_findings(one_report)
        rss_two, rss_one = peak_rss(two_pass), peak_rss(one_pass)
    if not any(f == os.path.basename(PCI) and r == "hyperv-config-window-below-4g" for f, _, r in extra):
        sys.exit("bench: the cross-unit audit did not find the wrapper's call in %s: %s" % (PCI, sorted(extra)))
    rss_base, rss_whole, rss_tool = peak_rss(spatch), peak_rss(end_to_end), peak_rss(audit)
    med = lambda xs, i: statistics.median(x[i] for x in xs)  # noqa: E731
    cocci_found, cocci_calls = spatch_findings(base[-1][2])
    ours = audit_findings(report)
    if audit_findings(whole_report) != ours:
        sys.exit("bench: the end-to-end audit found %s, the prepared selection's %s" % (
            sorted(audit_findings(whole_report)), sorted(ours)))
    rows = [("end to end from the whole database (%d units: scan, prefilter, analysis) vs spatch over the tree"
             % units, med(base, 0), med(whole, 0), med(base, 1), med(whole, 1), rss_base, rss_whole),
            ("audit of the prepared selection (%d candidate units) vs spatch over the tree" % len(candidate_entries),
             med(base, 0), med(tool, 0), med(base, 1), med(tool, 1), rss_base, rss_tool),
            ("cached re-run from the whole database (`--cache-dir`, nothing changed) vs spatch over the tree",
             med(base, 0), med(warm, 0), med(base, 1), med(warm, 1), rss_base, peak_rss(cached)),
            ("re-audit from the whole database with the cache after editing %s vs that one unit analysed alone "
             "(baseline column: the one unit)" % os.path.basename(PCI),
             med(single, 0), med(edited, 0), med(single, 1), med(edited, 1), peak_rss(one_unit), peak_rss(cached)),
            ("cross-unit analysis (two passes, the default) vs one pass (`--cross-unit=false`), end to end, the tree as "
             "shipped: no wrapper to follow (baseline column: one pass)",
             med(shipped_one, 0), med(shipped_two, 0), med(shipped_one, 1), med(shipped_two, 1), rss_one_shipped,
             rss_two_shipped),
            ("cross-unit analysis vs one pass, end to end, with an exported wrapper added to vmbus_drv.c and called "
             "from pci-hyperv.c: a second pass scans for its callers and audits them (baseline column: one pass)",
             med(wrapped_one, 0), med(wrapped_two, 0), med(wrapped_one, 1), med(wrapped_two, 1), rss_one, rss_two)]
    for name, wb, wt, cb, ct, rb, rt in rows:
        print("%s: baseline %.2f s wall, %.2f s CPU, %.0f MiB; mmio-audit %.2f s wall, %.2f s CPU, %.0f MiB; "
              "wall ratio %.3f" % (name, wb, cb, rb, wt, ct, rt, wt / wb))

    prep = None
    if not a.skip_preparation:
        # The one-time cost, measured on fresh files so nothing cached is reused.
        db = os.path.join(tmp, "whole.json")
        compile_db = os.path.join(ROOT, "tools", "kernel", "compile-db.py")
        w_db, c_db, _ = timed([sys.executable, compile_db, src, out, db])
        w_sel, c_sel, _ = timed([a.cli, "-p", db, "-j", str(a.jobs), "--write-candidates",
                                 os.path.join(tmp, "first.json"), "--selection=preprocess", "--progress=never",
                                 "--quiet"], ok=(0, 1))
        prep = (w_db, c_db, w_sel, c_sel)
        print("preparation, once per tree: database %.1f s; selection by preprocessing %d units %.1f s (wall)" % (
            w_db, units, w_sel))

    variant_rows = []
    entry = next(e for e in candidate_entries if e["file"].endswith(PCI))
    with open(os.path.join(src, PCI)) as f:
        shipped = f.read()
    for name, rewrite, expected in VARIANTS:
        text = rewrite(shipped)
        if text == shipped and variant_rows:
            sys.exit("bench: variant '%s' did not apply to %s" % (name, PCI))
        vdir = os.path.join(tmp, "variant-%d" % len(variant_rows))
        os.makedirs(vdir)
        vfile = os.path.join(vdir, "pci-hyperv.c")
        with open(vfile, "w") as f:
            f.write(text)
        original = os.path.join(entry["directory"], entry["file"])
        args = [vfile if os.path.normpath(os.path.join(entry["directory"], x)) == original else x
                for x in entry["arguments"]]
        with open(os.path.join(vdir, "compile_commands.json"), "w") as f:
            json.dump([{"directory": entry["directory"], "file": vfile, "arguments": args}], f)
        vreport = os.path.join(vdir, "report.json")
        timed([a.cli, "-p", vdir, "--format", "json", "-o", vreport, "--quiet"], ok=(0, 1))
        ours_below = any(r == "hyperv-config-window-below-4g" for _, _, r in audit_findings(vreport))
        cocci_v, _ = spatch_findings(timed(spatch_command(vfile, 1), ok=(0, 1))[2])
        cocci_below = any(r == "hyperv-config-window-below-4g" for _, _, r in cocci_v)
        variant_rows.append((name, expected, ours_below, cocci_below))
        print("%-36s rule: %-5s mmio-audit: %-5s spatch: %s" % (name, expected, ours_below, cocci_below))

    if a.results:
        write(a, units, candidate_entries, rows, prep, ours, cocci_found, cocci_calls, variant_rows)


def write(a, units, candidate_entries, rows, prep, ours, cocci_found, cocci_calls, variant_rows):
    say = lambda b: "reported" if b else "not reported"  # noqa: E731
    lines = ["## Whole-tree audit against Coccinelle (`bench/whole-tree.py`)", "",
             "Written on %s: %s; %d runs each, alternating, medians; `-j %d` for both." % (
                 results.stamp(), results.machine(), a.runs, a.jobs), "",
             "%s configured for Hyper-V (x86_64): %d C units in the configuration; the CLI's selection (scan, then "
             "prefilter), when the tree was prepared, kept %d that may call an allocator: %s. The end-to-end run "
             "selects from the whole database again on every run, nothing cached (the tree's generated sources were "
             "built when it was prepared); the cached rows reuse what `--cache-dir` kept from a run before them." % (
                 a.source, units, len(candidate_entries),
                 ", ".join(sorted(os.path.basename(e["file"]) for e in candidate_entries))), "",
             "| measurement | spatch wall s | mmio-audit wall s | wall ratio | spatch CPU s | mmio-audit CPU s | "
             "CPU ratio | RSS ratio |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, wb, wt, cb, ct, rb, rt in rows:
        lines.append("| %s | %.2f | %.2f | %.3f | %.2f | %.2f | %.3f | %.3f |" % (
            name, wb, wt, wt / wb, cb, ct, ct / cb, rt / rb))
    if prep:
        w_db, c_db, w_sel, c_sel = prep
        wb = rows[0][1]
        lines += ["", "Paid once per tree and configuration: the whole configuration's database from Kbuild's dry run "
                  "took %.1f s (%.1fx spatch's run). Selecting by preprocessing each of the %d units instead "
                  "(`--selection=preprocess`, which assumes nothing) takes %.1f s wall, %.1f s CPU (%.1fx)." % (
                      w_db, w_db / wb, units, w_sel, c_sel, w_sel / wb)]
    lines += ["", "Findings on the tree as shipped: mmio-audit %s; spatch %s. Call sites spatch lists: %d." % (
        ", ".join("%s:%d [%s]" % f for f in sorted(ours)) or "none",
        ", ".join("%s:%d [%s]" % f for f in sorted(cocci_found)) or "none", len(cocci_calls)), "",
        "The config-window call of pci-hyperv.c written other ways (hyperv-config-window-below-4g):", "",
        "| variant | by the rule's definition | mmio-audit | spatch |", "| --- | --- | --- | --- |"]
    for name, expected, ours_below, cocci_below in variant_rows:
        lines.append("| %s | %s | %s | %s |" % (name, say(expected), say(ours_below), say(cocci_below)))
    results.write_section(a.results, "whole-tree", lines)


if __name__ == "__main__":
    main()
