"""Compiles units with the plugin loaded (-fsyntax-only) and collects what it says, in parallel.

A rule listed in another rule's `implied-by` is silenced by the plugin wherever that other rule is reported (one
root cause, one warning). To still give it a verdict of its own, a unit where an implying rule was reported is
compiled again with the implying rules disabled; the silenced rule's findings from that pass carry `implied_by`."""
import concurrent.futures
import os
import subprocess
import time
from dataclasses import dataclass, field

from . import diagnostics


@dataclass
class Finding:
    diag: diagnostics.Diag
    implied_by: list = field(default_factory=list)


@dataclass
class UnitResult:
    unit: object
    status: str = "compiled"                        # "compiled" | "failed"
    seconds: float = 0.0
    errors: list = field(default_factory=list)      # why it failed: clang's errors (Diag) or text (str)
    calls: list = field(default_factory=list)       # the call listing's remarks (Diag)
    findings: list = field(default_factory=list)    # Finding
    passes: int = 0


def plugin_flags(plugin, ruleset, disabled=()):
    flags = ["-fno-color-diagnostics", "-Wno-error", "-fplugin=" + plugin,
             "-fplugin-arg-mmio_audit-list-calls", "-fplugin-arg-mmio_audit-unknown"]
    if not ruleset.builtin:
        flags.append("-fplugin-arg-mmio_audit-rules=" + ruleset.path)
    if disabled:
        flags.append("-fplugin-arg-mmio_audit-disable=" + ",".join(sorted(disabled)))
    return flags


def compiler_env():
    """The compiler's environment: with $MMIO_CLANG_PRELOAD (a sanitizer build of the plugin, whose runtime the
    uninstrumented clang must load first) preloaded, as tools/kernel/compile-unit.py does."""
    if not os.environ.get("MMIO_CLANG_PRELOAD"):
        return None
    return dict(os.environ, LD_PRELOAD=os.environ["MMIO_CLANG_PRELOAD"],
                ASAN_OPTIONS="detect_leaks=0:halt_on_error=1", UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1")


def _compile(unit, flags, timeout):
    try:
        r = subprocess.run(unit.argv + flags, cwd=unit.cwd, capture_output=True, text=True, errors="replace",
                           timeout=timeout, env=compiler_env())
    except subprocess.TimeoutExpired:
        return None, "", "timed out after %ds" % timeout
    except OSError as e:
        return None, "", "cannot run %s: %s" % (unit.argv[0], e.strerror)
    return r.returncode, r.stderr, ""


def _failure(rc, stderr, diags, rule_ids):
    errors = [d for d in diags if d.is_error and d.tag not in rule_ids]
    if errors:
        return errors[:10]
    if rc != 0 and not any(d.is_error for d in diags):
        tail = [line for line in stderr.splitlines() if line.strip()][-10:]
        return ["clang exited %d%s" % (rc, ":" if tail else "")] + tail
    return []


def run_unit(unit, plugin, ruleset, timeout):
    res = UnitResult(unit=unit)
    start = time.monotonic()
    if unit.error:
        res.status, res.errors = "failed", unit.error.splitlines()
        return res
    rule_ids = set(ruleset.rule_ids())
    implying = {i for r in ruleset.rules for i in r.implied_by}
    implied_rules = {r.id: set(r.implied_by) for r in ruleset.rules}
    disabled, seen, reported_at = set(), set(), {}
    for _ in range(len(ruleset.rules) + 1):
        rc, stderr, why = _compile(unit, plugin_flags(plugin, ruleset, disabled), timeout)
        res.passes += 1
        if rc is None:
            res.status, res.errors = "failed", [why]
            break
        diags = diagnostics.parse(stderr, rule_ids)
        failure = _failure(rc, stderr, diags, rule_ids)
        if failure:
            res.status, res.errors = "failed", failure
            break
        fired = set()
        for d in diags:
            if d.tag == diagnostics.CALL_TAG:
                if res.passes == 1:
                    res.calls.append(d)
                continue
            if d.tag not in rule_ids:
                continue
            key = (d.file, d.line, d.column, d.tag)
            if key in seen:
                continue
            seen.add(key)
            at = reported_at.setdefault((d.file, d.line, d.column), set())
            by = sorted(implied_rules[d.tag] & at) if res.passes > 1 else []
            res.findings.append(Finding(diag=d, implied_by=by))
            fired.add(d.tag)
        for f in res.findings:
            reported_at.setdefault((f.diag.file, f.diag.line, f.diag.column), set()).add(f.diag.tag)
        more = (fired & implying) - disabled
        if not more:
            break
        disabled |= more
    res.seconds = time.monotonic() - start
    return res


def run(units, plugin, ruleset, jobs, timeout, on_done=None):
    """Results in the units' order; on_done(i, n) after each unit (progress)."""
    results = [None] * len(units)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(run_unit, u, plugin, ruleset, timeout): k for k, u in enumerate(units)}
        for done, fut in enumerate(concurrent.futures.as_completed(futures), 1):
            results[futures[fut]] = fut.result()
            if on_done:
                on_done(done, len(units))
    return results
