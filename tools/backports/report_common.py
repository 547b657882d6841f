"""What the Markdown and HTML writers say the same way: verdict marks, source lines, legends."""
import os

MARK = {"violated": "✗", "mitigated": "◐", "clean": "✓", "unknown": "?", "not-audited": "–"}

LEGEND = [
    ("clean", "no call in the tree breaks the rule: the rule holds at every call it selects (or selects none)"),
    ("mitigated", "a call can break the rule, but the tree carries a known fix elsewhere that defuses it (the cell "
                  "names the commit; the tree's section says where its code is): the call site is still worth "
                  "hardening, the tree does not carry the bug"),
    ("violated", "mmio-audit proves that a call can break the rule, and the tree carries no known fix for it"),
    ("unknown", "the analysis cannot decide some call (a bound it cannot compute), or a unit did not compile"),
    ("not-audited", "the tree could not be audited (see its section)"),
]
IMPLIED_NOTE = ("† the rule is in another rule's `implied-by`: mmio-audit reports only the implying rule at such a "
                "call (one root cause, one warning); this verdict is the rule's own, from mmio-audit's call "
                "inventory of the same compile")


def verdict_text(v):
    return "%s %s" % (MARK[v], v)


def fix_names(cell):
    """The commits of the known fixes that make a verdict mitigated."""
    return ", ".join(m.get("commit") or m["id"] for m in cell.get("mitigated_by") or [])


def cell_text(cell):
    """A matrix cell: the verdict, how many calls gave it, and for a mitigated one the fix."""
    v = cell["verdict"]
    n = cell.get(v, 0) if v in ("violated", "unknown", "mitigated") else 0
    text = verdict_text(v) + (" (%d call%s)" % (n, "" if n == 1 else "s") if n else "")
    if v == "mitigated" and fix_names(cell):
        text += " by " + fix_names(cell)
    return text


def known_fixes_text(tree):
    """Per known fix of the ruleset: found in the tree (where), or not."""
    return ["%s (\"%s\") found in %s() at %s" % (f["commit"], f["subject"], f["function"], f["location"])
            for f in tree.get("known_fixes") or []]


def is_implied(tree, rule_id):
    return any(c["verdicts"][rule_id].get("implied_by") and c["verdicts"][rule_id]["verdict"] != "clean"
               for c in tree["calls"])


def source_text(tree):
    s = tree["source"]
    if s["type"] == "debian-package":
        out = "Debian package %s%s" % (s["name"], " " + s["version"] if s.get("version") else "")
    elif s["type"] == "directory":
        out = "directory %s" % s.get("path", "?")
    else:
        out = "git %s@%s (%s%s)" % (s["repository"], s["revision"], s["commit"][:12],
                                     ", " + s["describe"] if s.get("describe") and s["describe"] != s["commit"][:12]
                                     else "")
    return out


def build_text(tree):
    parts = []
    if tree.get("kernel_version"):
        parts.append("Linux %s" % tree["kernel_version"])
    if tree.get("kind") == "kernel":
        parts.append("%s, Kbuild's own commands" % tree["arch"])
    elif tree.get("kind") == "compdb":
        parts.append("compile_commands.json")
    return ", ".join(parts)


def patch_names(tree):
    return [os.path.basename(p["path"]) for p in tree["patches"]]


def status_text(tree):
    if tree["status"] == "failed":
        return "not audited"
    n_units, n_calls, n = len(tree["units"]), len(tree["calls"]), tree.get("compiles", 0)
    text = "%s: %d unit%s, %d compile%s by mmio-audit (one per unit), %d call site%s" % (
        "audited" if tree["status"] == "audited" else "audited in part", n_units, "" if n_units == 1 else "s",
        n, "" if n == 1 else "s", n_calls, "" if n_calls == 1 else "s")
    return text


def ruleset_text(report):
    r = report["ruleset"]
    allocs = ", ".join(a["name"] for a in r["allocators"])
    return "%s%s: %d rule%s for %s" % (r["display"], " (built into mmio-audit)" if r["builtin"] else "",
                                       len(r["rules"]), "" if len(r["rules"]) == 1 else "s", allocs)


def exit_text(report):
    s = report["summary"]
    code = s["exit_code"]
    if code == 0:
        what = "every tree is clean" if not s.get("mitigated") else \
            "no tree carries a bug a known fix does not defuse (mitigated: %s)" % ", ".join(s["mitigated"])
        return "exit status 0: " + what + (" (some verdicts unknown)" if s["unknown"] else "")
    if code == 1:
        return "exit status 1: %s violate%s a rule" % (", ".join(s["violated"] or s["unknown"]),
                                                       "s" if len(s["violated"] or s["unknown"]) == 1 else "")
    bad = s["not_audited"] + s["incomplete"]
    return "exit status 2: %s could not be audited in full" % ", ".join(bad)


def findings(tree):
    """[(call, rule id, verdict entry)] for every violated, mitigated or unknown verdict, in call order."""
    out = []
    for c in tree["calls"]:
        for rid, v in c["verdicts"].items():
            if v["verdict"] != "clean":
                out.append((c, rid, v))
    return out


def site_text(c):
    return "%s:%d:%d" % (c["file"], c["line"], c["column"])


def callee_text(c):
    if c["kind"] == "wrapper-call":
        return "%s → %s" % (c["callee"], c["via"]) if c.get("via") else (c["callee"] or "(a wrapper)")
    return c["callee"] or "?"


def function_text(c):
    if c["kind"] == "wrapper-call" and not c["function"]:
        return "(where %s is called)" % (c["callee"] or "a wrapper")
    return c["function"] or "(file scope)"
