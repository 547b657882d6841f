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
    where = name(_absolute(report, obj["file"]))
    if isinstance(obj.get("line"), int) and isinstance(obj.get("column"), int):
        where += ":%d:%d" % (obj["line"], obj["column"])
    return where


def bounds_text(value):
    """A role's values as the CLI's text remark says them: `0x0`, `0x0 or 0x100000000`, `0x0..0xffffffff`."""
    if value is None:
        return None
    if value == "unknown" or not value:
        return "unknown"
    return " or ".join(lo if lo == hi else "%s..%s" % (lo, hi) for lo, hi in value)


def known_fixes(report, name, gone=()):
    """The ruleset's known fixes the CLI found in the tree, with where their code is; `gone`: ids of fixes whose
    file the patches delete (mmio-audit, reading the tree under the overlay, would still find them)."""
    return [{"id": m["id"], "commit": m["commit"], "subject": m["subject"], "function": m["function"],
             "location": _location(report, name, m)} for m in report.get("knownFixes") or [] if m["id"] not in gone]


INVENTORY_RANK = {"holds": 0, "unknown": 1, "violated": 2}


def _worse(a, b):
    """The worse of two inventory verdicts ({"verdict", "mitigatedBy"}) for one rule at one call."""
    if a is None:
        return b
    if b is None:
        return a
    ra, rb = INVENTORY_RANK.get(a.get("verdict"), 1), INVENTORY_RANK.get(b.get("verdict"), 1)
    if ra != rb:
        return a if ra > rb else b
    # Of two violations, one no fix defuses is the worse.
    return a if not a.get("mitigatedBy") else b


def _verdict(cli_verdict, rule, gone):
    """The inventory's verdict for a rule as a report cell: a violation a known fix defuses is mitigated; a rule
    that declares its unknowns noise (`on-unknown: never`) has none."""
    if cli_verdict is None or cli_verdict.get("verdict") == "holds":
        return "clean"
    if cli_verdict.get("verdict") == "unknown":
        return "clean" if rule.on_unknown == "never" else "unknown"
    return "mitigated" if cli_verdict.get("mitigatedBy") and cli_verdict["mitigatedBy"] not in gone else "violated"


def _unit_name(report, unit_names, path):
    return unit_names.get(os.path.realpath(_absolute(report, path)), path)


def tree_calls(report, ruleset, name, unit_names, gone=()):
    """Call sites keyed by file, line and column: the inventory's calls (a header's call seen differently by several
    units merged into one site, with every unit and the worst verdict), and the places where a wrapper of an
    allocator is called with values that break a rule (a finding there, no allocator call). A finding always
    counts: a rule the inventory says holds where a unit reported it is taken as the finding says. Suppressed
    findings (a comment in the tree) stay visible, marked, and count as clean, as mmio-audit counts them."""
    rules = {r.id: r for r in ruleset.rules}
    fixes = {f["id"]: f for f in known_fixes(report, name, gone)}
    findings = {}
    for f in report["findings"]:
        key = (name(_absolute(report, f["file"])), f["line"], f["column"])
        findings.setdefault(key, {})[f["rule"]] = f
    calls = {}
    for c in report["calls"]:
        key = (name(_absolute(report, c["file"])), c["line"], c["column"])
        bounds = {r: bounds_text(c["bounds"].get(r)) for r in ruleset.value_roles()}
        unit = _unit_name(report, unit_names, c["translationUnit"])
        if key in calls:
            site = calls[key]
            for r, text in bounds.items():
                if text != site["bounds"][r] and text is not None:
                    seen = site["bounds"][r].split(" or ") if site["bounds"][r] else []
                    site["bounds"][r] = " or ".join(seen + [x for x in text.split(" or ") if x not in seen])
            if unit not in site["units"]:
                site["units"].append(unit)
            for rid, v in c["verdicts"].items():
                site["cli_verdicts"][rid] = _worse(site["cli_verdicts"].get(rid), v)
            continue
        calls[key] = {"file": key[0], "line": key[1], "column": key[2], "kind": "call", "function": c["function"],
                      "callee": c["callee"], "via": None, "bounds": bounds, "units": [unit],
                      "cli_verdicts": dict(c["verdicts"])}
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
                      "units": [_unit_name(report, unit_names, f.get("translationUnit") or "")],
                      "cli_verdicts": {}}
    out = []
    for key in sorted(calls):
        c = calls[key]
        cli_verdicts = c.pop("cli_verdicts")
        here = findings.get(key, {})
        for rid, f in here.items():
            cli_verdicts[rid] = _worse(cli_verdicts.get(rid),
                                       {"verdict": f["verdict"], "mitigatedBy": (f.get("mitigated") or {}).get("id")})
        c["verdicts"] = {}
        for rid, rule in rules.items():
            v = _verdict(cli_verdicts.get(rid), rule, gone)
            entry = {"verdict": v, "level": None, "message": None, "implied_by": [], "notes": [],
                     "mitigated_by": None, "suppressed": None}
            if v != "clean":
                f = here.get(rid)
                if f:
                    entry.update(level=f["severity"], message=f["message"],
                                 notes=[{"location": _location(report, name, n), "message": n["message"]}
                                        for n in f["notes"]])
                    if f.get("suppressed"):
                        entry["suppressed"] = {"reason": f["suppressed"].get("reason") or "",
                                               "location": _location(report, name, f["suppressed"])}
                else:
                    # Reported as another rule's finding (one root cause, one warning); the inventory still gives
                    # this rule its own verdict.
                    entry["implied_by"] = [x for x in rule.implied_by if x in here]
                    # Silenced with the finding that implies it, as mmio-audit silences both.
                    by = [here[x] for x in entry["implied_by"]]
                    if by and all(f.get("suppressed") for f in by):
                        entry["suppressed"] = {"reason": by[0]["suppressed"].get("reason") or "",
                                               "location": _location(report, name, by[0]["suppressed"])}
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
        # A finding the tree's maintainers suppressed at the call counts as clean, as it does for mmio-audit.
        names = ["clean" if x.get("suppressed") else x["verdict"] for x in vs]
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
    for t in (report or {}).get("translationUnits", []):
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
            elif t["status"] == "analysed":
                e["status"], e["compiles"] = "compiled", 1
            elif t["status"] == "skipped":
                e["status"], e["errors"] = "skipped", [t.get("reason") or "skipped"]
            else:
                e["compiles"] = 1
                e["errors"] = _error_lines(t.get("errors"), name, u.cwd) or [t.get("reason") or "did not compile"]
        out.append(e)
    return out
