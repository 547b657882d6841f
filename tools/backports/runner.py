"""Audits one tree's units with the mmio-audit CLI: one run over a compilation database made of the units' own
commands, one compile per unit, and its JSON report (findings, the call inventory with every rule's verdict, units)
read back. Known fixes are looked for in the tree (--source-root), in the patched copies first (--overlay)."""
import json
import os
import subprocess
import time
from dataclasses import dataclass, field

# The CLI's report on the few units of a tree is KiBs; on a whole tree's candidates, a few MiB.
MAX_REPORT = 256 << 20


@dataclass
class TreeRun:
    report: dict = None         # the CLI's JSON report, or None when it wrote none
    error: str = ""             # why there is no report
    compiles: int = 0           # units handed to the CLI: each is compiled once
    seconds: float = 0.0


REPORT_VERSION = 1


def _is(v, kind):
    return isinstance(v, kind) and not isinstance(v, bool) if kind is int else isinstance(v, kind)


def checked_report(r):
    """The CLI's JSON report, if it has the shape this tool reads (docs/cli.md, version 1, with the inventory); a
    ValueError naming what is wrong otherwise, so that a report missing its inventory never reads as clean."""
    if not isinstance(r, dict) or r.get("version") != REPORT_VERSION:
        raise ValueError("not an mmio-audit JSON report of version %d" % REPORT_VERSION)
    for key in ("calls", "findings", "translationUnits", "knownFixes"):
        if not isinstance(r.get(key), list):
            raise ValueError("its %r is not a list%s" % (key, " (no --list-calls inventory)" if key == "calls" else ""))
    if not isinstance(r.get("sourceRoot"), str):
        raise ValueError("it names no source root")
    located = r["calls"] + r["findings"] + r["knownFixes"]
    for x in located:
        if not isinstance(x, dict) or not _is(x.get("file"), str) or not _is(x.get("line"), int) or \
                not _is(x.get("column"), int):
            raise ValueError("an entry without a file, line and column")
    for c in r["calls"]:
        if not isinstance(c.get("verdicts"), dict) or not isinstance(c.get("bounds"), dict) or \
                not isinstance(c.get("translationUnit"), str):
            raise ValueError("a call without bounds, verdicts or unit")
    for f in r["findings"]:
        if not isinstance(f.get("notes"), list) or not isinstance(f.get("bounds"), dict) or \
                not all(isinstance(n, dict) and isinstance(n.get("message"), str) for n in f["notes"]):
            raise ValueError("a finding without bounds or notes")
    for t in r["translationUnits"]:
        if not isinstance(t, dict) or not isinstance(t.get("file"), str) or not isinstance(t.get("status"), str):
            raise ValueError("a translation unit without a file or status")
    return r


def compile_database(units):
    """The units that have a command, as compile_commands.json entries, in the units' order."""
    return [{"directory": u.cwd, "file": u.path, "arguments": u.argv} for u in units if not u.error]


def run_tree(units, cli, ruleset, root, overlay_dir, work, jobs, timeout):
    """`timeout` bounds the run: that many seconds for each unit it compiles."""
    out = TreeRun()
    entries = compile_database(units)
    out.compiles = len(entries)
    if not entries:
        return out
    db_dir = os.path.join(work, "db")
    os.makedirs(db_dir, exist_ok=True)
    with open(os.path.join(db_dir, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)
    report_path = os.path.join(work, "audit.json")
    cmd = [cli, "-p", db_dir, "--format", "json", "-o", report_path, "--list-calls", "--unknown",
           "--prefilter=false", "--quiet", "-j", str(max(1, jobs)), "--source-root", root] + ruleset.cli_args()
    if overlay_dir:
        cmd += ["--overlay", overlay_dir]
    start = time.monotonic()
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=timeout * len(entries))
    except subprocess.TimeoutExpired:
        out.error = "mmio-audit did not finish in %ds (%ds a unit)" % (timeout * len(entries), timeout)
        return out
    except OSError as e:
        out.error = "cannot run %s: %s" % (cli, e.strerror)
        return out
    finally:
        out.seconds = time.monotonic() - start
    stderr = r.stderr.decode("utf-8", "replace").strip()
    try:
        if os.path.getsize(report_path) > MAX_REPORT:
            raise ValueError("larger than %d MiB" % (MAX_REPORT >> 20))
        with open(report_path, encoding="utf-8") as f:
            out.report = checked_report(json.load(f))
    except (OSError, ValueError) as e:
        # No report: mmio-audit could not do its job at all (exit 2 before analysing); its own words say why.
        tail = [line for line in stderr.splitlines() if line.strip()][-10:]
        out.report = None
        out.error = "mmio-audit exited %d without a report this tool can read (%s)%s" % (
            r.returncode, e, ":\n" + "\n".join(tail) if tail else "")
    return out
