"""One tree's results as the report's data, from mmio-audit's JSON report: every allocator call site with its bounds
and a verdict per rule (the engine's inventory), the units compiled, the known fixes found, and the tree's verdict per
rule (the matrix row). The dictionaries built here are the JSON report."""
import os
import re

# The matrix cell is the worst verdict over the tree's calls. An unknown outranks a mitigated one: a fix that
# defuses proven violations says nothing about a call whose bounds are not known.
SEVERITY = {"violated": 4, "unknown": 3, "mitigated": 2, "clean": 1}
# Clang's first line of an error: FILE:LINE:COL: error: MESSAGE (the file renamed from the patched copy to the tree's).
_ERROR_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<rest>(?:fatal )?error: .*)$")
MAX_ERRORS = 10


class PathNamer:
    """Names files as the report shows them: relative to the tree (patched copies under their tree path), or
    absolute when outside it (shared headers, stubs)."""

    def __init__(self, root, overlay_dir):
        self.roots = [os.path.realpath(d) for d in (overlay_dir, root) if d]

    def __call__(self, path, cwd="/"):
        real = os.path.realpath(os.path.join(cwd, path))
        for r in self.roots:
            if real.startswith(r + os.sep):
                return os.path.relpath(real, r)
        return real


def _absolute(report, path):
    return path if os.path.isabs(path) else os.path.join(report["sourceRoot"], path)


def _location(report, name, obj):
    if not obj.get("file"):
        return ""
    return "%s:%d:%d" % (name(_absolute(report, obj["file"])), obj["line"], obj["column"])


def bounds_text(value):
    """A role's values as the CLI's text remark says them: `0x0`, `0x0 or 0x100000000`, `0x0..0xffffffff`."""
    if value is None:
        return None
    if value == "unknown" or not value:
        return "unknown"
    return " or ".join(lo if lo == hi else "%s..%s" % (lo, hi) for lo, hi in value)


def known_fixes(report, name):
    """The ruleset's known fixes the CLI found in the tree, with where their code is."""
    return [{"id": m["id"], "commit": m["commit"], "subject": m["subject"], "function": m["function"],
             "location": _location(report, name, m)} for m in report.get("knownFixes") or []]


def _verdict(cli_verdict, rule):
    """The inventory's verdict for a rule as a report cell: a violation a known fix defuses is mitigated; a rule
    that declares its unknowns noise (`on-unknown: never`) has none."""
    if cli_verdict is None or cli_verdict["verdict"] == "holds":
        return "clean"
    if cli_verdict["verdict"] == "unknown":
        return "clean" if rule.on_unknown == "never" else "unknown"
    return "mitigated" if cli_verdict.get("mitigatedBy") else "violated"


def tree_calls(report, ruleset, name, unit_names):
    """Call sites keyed by file, line and column: the inventory's calls, and the places where a wrapper of an
    allocator is called with values that break a rule (a finding there, no allocator call)."""
    rules = {r.id: r for r in ruleset.rules}
    fixes = {f["id"]: f for f in known_fixes(report, name)}
    findings = {}
    for f in report.get("findings") or []:
        key = (name(_absolute(report, f["file"])), f["line"], f["column"])
        findings.setdefault(key, {})[f["rule"]] = f
    calls = {}
    for c in report.get("calls") or []:
        key = (name(_absolute(report, c["file"])), c["line"], c["column"])
        calls[key] = {"file": key[0], "line": key[1], "column": key[2], "kind": "call", "function": c["function"],
                      "callee": c["callee"], "via": None,
                      "bounds": {r: bounds_text(c["bounds"].get(r)) for r in ruleset.value_roles()},
                      "units": [unit_names.get(_absolute(report, c["translationUnit"]), c["translationUnit"])],
                      "cli_verdicts": c.get("verdicts") or {}}
    for key, by_rule in findings.items():
        if key in calls:
            continue
        f = next(iter(by_rule.values()))
        # The allocator call the wrapper passes the values on to is where one of the finding's notes points.
        via = None
        for n in f["notes"]:
            if n.get("file"):
                inner = calls.get((name(_absolute(report, n["file"])), n["line"], n["column"]))
                via = via or (inner and inner["callee"])
        calls[key] = {"file": key[0], "line": key[1], "column": key[2], "kind": "wrapper-call",
                      "function": f["function"], "callee": f["callee"], "via": via,
                      "bounds": {r: bounds_text(f["bounds"].get(r)) for r in ruleset.value_roles()},
                      "units": [unit_names.get(_absolute(report, f["translationUnit"]), f["translationUnit"])],
                      "cli_verdicts": {rid: {"verdict": x["verdict"],
                                             "mitigatedBy": (x.get("mitigated") or {}).get("id")}
                                       for rid, x in by_rule.items()}}
    out = []
    for key in sorted(calls):
        c = calls[key]
        cli_verdicts = c.pop("cli_verdicts")
        here = findings.get(key, {})
        c["verdicts"] = {}
        for rid, rule in rules.items():
            v = _verdict(cli_verdicts.get(rid), rule)
            entry = {"verdict": v, "level": None, "message": None, "implied_by": [], "notes": [],
                     "mitigated_by": None}
            if v != "clean":
                f = here.get(rid)
                if f:
                    entry.update(level=f["severity"], message=f["message"],
                                 notes=[{"location": _location(report, name, n), "message": n["message"]}
                                        for n in f["notes"]])
                else:
                    # Reported as another rule's finding (one root cause, one warning); the inventory still gives
                    # this rule its own verdict.
                    entry["implied_by"] = [x for x in rule.implied_by if x in here]
                if v == "mitigated":
                    mid = cli_verdicts[rid].get("mitigatedBy")
                    entry["mitigated_by"] = fixes.get(mid) or {"id": mid, "location": ""}
            c["verdicts"][rid] = entry
        out.append(c)
    return out


def tree_verdicts(calls, ruleset, complete):
    """The matrix row: the worst verdict over the tree's calls; unknown, not clean, where a unit did not compile.
    A mitigated row names the fixes that defuse it."""
    row = {}
    for rid in ruleset.rule_ids():
        vs = [c["verdicts"][rid] for c in calls]
        names = [x["verdict"] for x in vs]
        v = max(names, key=lambda x: SEVERITY[x]) if names else "clean"
        if v == "clean" and not complete:
            v = "unknown"
        by = []
        for x in vs:
            if x["mitigated_by"] and x["mitigated_by"] not in by:
                by.append(x["mitigated_by"])
        row[rid] = {"verdict": v, "violated": names.count("violated"), "unknown": names.count("unknown"),
                    "mitigated": names.count("mitigated"), "mitigated_by": by}
    return row


def not_audited_row(ruleset):
    return {rid: {"verdict": "not-audited", "violated": 0, "unknown": 0, "mitigated": 0, "mitigated_by": []}
            for rid in ruleset.rule_ids()}


def _error_lines(text, name, cwd):
    out = []
    for line in (text or "").splitlines():
        m = _ERROR_LINE.match(line)
        if m:
            out.append("%s:%s:%s: %s" % (name(m.group("file"), cwd), m.group("line"), m.group("col"), m.group("rest")))
        elif line.startswith("error: ") or line.startswith("fatal error: "):
            out.append(line)
    return out[:MAX_ERRORS]


def unit_entries(units, report, name):
    """Every unit: compiled once by mmio-audit, or failed (its errors with the tree's paths), or never compiled
    (no command could be made for it)."""
    by_file = {}
    for t in (report or {}).get("translationUnits") or []:
        by_file.setdefault((os.path.realpath(_absolute(report, t["file"])), t["directory"]), []).append(t)
    out = []
    for u in units:
        e = {"path": u.name, "patched": u.patched, "status": "failed", "compiles": 0, "errors": []}
        if u.error:
            e["errors"] = u.error.splitlines()
        else:
            queue = by_file.get((os.path.realpath(os.path.join(u.cwd, u.path)), u.cwd)) or []
            t = queue.pop(0) if queue else None
            if t is None:
                e["errors"] = ["mmio-audit did not report this unit"]
            else:
                e["compiles"] = 1
                if t["status"] == "analysed":
                    e["status"] = "compiled"
                elif t["status"] == "skipped":
                    e["status"], e["errors"] = "skipped", [t["reason"] or "skipped"]
                else:
                    e["errors"] = _error_lines(t["errors"], name, u.cwd) or [t["reason"] or "did not compile"]
        out.append(e)
    return out
