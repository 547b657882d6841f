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
            out.report = json.load(f)
    except (OSError, ValueError) as e:
        # No report: mmio-audit could not do its job at all (exit 2 before analysing); its own words say why.
        tail = [line for line in stderr.splitlines() if line.strip()][-10:]
        out.error = "mmio-audit exited %d without a report%s" % (r.returncode, ":\n" + "\n".join(tail) if tail
                                                                  else " (%s)" % e)
    return out
