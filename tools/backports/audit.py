"""One tree's results as the report's data: every allocator call site with its bounds and a verdict per rule, the
units compiled, and the tree's verdict per rule (the matrix row). The dictionaries built here are the JSON report."""
import os

from . import diagnostics

SEVERITY = {"violated": 3, "unknown": 2, "clean": 1}


class PathNamer:
    """Names files as the report shows them: relative to the tree (patched copies under their tree path), or
    absolute when outside it (shared headers, stubs)."""

    def __init__(self, root, overlay_dir):
        self.roots = [os.path.realpath(d) for d in (overlay_dir, root) if d]

    def __call__(self, path, cwd):
        real = os.path.realpath(os.path.join(cwd, path))
        for r in self.roots:
            if real.startswith(r + os.sep):
                return os.path.relpath(real, r)
        return real


def _notes(diag, name, cwd):
    out = []
    for n in diag.notes:
        loc = "%s:%d:%d" % (name(n.file, cwd), n.line, n.column) if n.file else ""
        out.append({"location": loc, "message": n.message})
    return out


def _worst(verdicts):
    return max(verdicts, key=lambda v: SEVERITY[v]) if verdicts else "clean"


def tree_calls(results, ruleset, name):
    """Merges the units' listings and findings into call sites keyed by file, line and column."""
    rule_ids = ruleset.rule_ids()
    calls = {}

    def site(file, line, col):
        key = (file, line, col)
        if key not in calls:
            calls[key] = {"file": file, "line": line, "column": col, "kind": "call", "function": None, "callee": None,
                          "via": None, "bounds": {}, "units": [], "findings": {}}
        return calls[key]

    for res in results:
        cwd = res.unit.cwd
        for d in res.calls:
            parsed = diagnostics.parse_call(d.message)
            if not parsed:
                continue
            c = site(name(d.file, cwd), d.line, d.column)
            c["callee"], c["function"] = parsed[0], parsed[1]
            c["bounds"] = parsed[2]
            if res.unit.name not in c["units"]:
                c["units"].append(res.unit.name)
        for f in res.findings:
            d = f.diag
            c = site(name(d.file, cwd), d.line, d.column)
            if res.unit.name not in c["units"]:
                c["units"].append(res.unit.name)
            verdict = "unknown" if diagnostics.is_unknown(d) else "violated"
            old = c["findings"].get(d.tag)
            if old and SEVERITY[old["verdict"]] >= SEVERITY[verdict]:
                continue
            c["findings"][d.tag] = {"verdict": verdict, "level": d.level, "message": d.message,
                                    "implied_by": f.implied_by, "notes": _notes(d, name, cwd)}
            if c["callee"] is None:
                # No listing here: the finding sits where a wrapper of the allocator is called.
                w = diagnostics.wrapper_of(d)
                c["kind"] = "wrapper-call"
                if w:
                    c["callee"], c["via"] = w
                for role, value in diagnostics.role_values(d).items():
                    c["bounds"].setdefault(role, value)

    out = []
    for key in sorted(calls, key=lambda k: (k[0], k[1], k[2])):
        c = calls[key]
        verdicts = {}
        for rid in rule_ids:
            verdicts[rid] = c["findings"].get(rid, {"verdict": "clean"})
        del c["findings"]
        c["bounds"] = {r: c["bounds"].get(r) for r in ruleset.value_roles()}
        c["units"].sort()
        c["verdicts"] = verdicts
        out.append(c)
    return out


def tree_verdicts(calls, ruleset, complete):
    """The matrix row: the worst verdict over the tree's calls; unknown, not clean, where a unit did not compile."""
    row = {}
    for rid in ruleset.rule_ids():
        vs = [c["verdicts"][rid]["verdict"] for c in calls]
        v = _worst(vs)
        if v == "clean" and not complete:
            v = "unknown"
        row[rid] = {"verdict": v, "violated": vs.count("violated"), "unknown": vs.count("unknown")}
    return row


def not_audited_row(ruleset):
    return {rid: {"verdict": "not-audited", "violated": 0, "unknown": 0} for rid in ruleset.rule_ids()}


def _error_text(e, name, cwd):
    if isinstance(e, diagnostics.Diag):
        where = "%s:%d:%d: " % (name(e.file, cwd), e.line, e.column) if e.file else ""
        return "%s%s: %s" % (where, e.level, e.message)
    return str(e)


def unit_entries(results, name):
    return [{"path": r.unit.name, "patched": r.unit.patched, "status": r.status, "seconds": round(r.seconds, 2),
             "passes": r.passes, "errors": [_error_text(e, name, r.unit.cwd) for e in r.errors]} for r in results]
